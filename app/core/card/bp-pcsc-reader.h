/* bp-pcsc-reader.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-card.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* BpPcscReader: one PC/SC reader (through pcscd), by its reader name. Its
 * id is "pcsc:" + name. connect() connects in shared mode with T=1 or T=0
 * and fails with BP_CARD_ERROR_NO_CARD when the slot is empty. */
#define BP_TYPE_PCSC_READER (bp_pcsc_reader_get_type ())

G_DECLARE_FINAL_TYPE (BpPcscReader, bp_pcsc_reader, BP, PCSC_READER, GObject)

BpPcscReader *bp_pcsc_reader_new             (const char     *name) G_GNUC_WARN_UNUSED_RESULT;
/* The readers pcscd knows, as a GPtrArray of BpCardReader (empty when none
 * is connected). Fails with BP_CARD_ERROR_NO_READER when pcscd is not
 * running. */
GPtrArray    *bp_pcsc_reader_list            (GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* Whether a card is in the reader, from pcscd's reader state, without
 * connecting to it. */
gboolean      bp_pcsc_reader_is_card_present (BpPcscReader   *self,
                                              GError        **error);
/* Blocks until the reader's state changes from @present (card in or out),
 * @timeout_ms passes, or @cancellable fires; returns the new presence in
 * @present. FALSE with @error on failure or cancellation; TRUE on timeout
 * with @present unchanged. */
gboolean      bp_pcsc_reader_wait_change     (BpPcscReader   *self,
                                              gboolean       *present,
                                              guint           timeout_ms,
                                              GCancellable   *cancellable,
                                              GError        **error);

/* clang-format on */

G_END_DECLS
