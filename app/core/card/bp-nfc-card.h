/* bp-nfc-card.h
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

/* BpNfcCard: an ISO 14443-4 target selected by a libnfc device. Created by
 * BpNfcReader's connect(). APDUs go through InDataExchange; the PN53x
 * carries at most 262 bytes each way, so only short APDUs fit. */
#define BP_TYPE_NFC_CARD (bp_nfc_card_get_type ())

G_DECLARE_FINAL_TYPE (BpNfcCard, bp_nfc_card, BP, NFC_CARD, GObject)

/* Timeout of one exchange, in milliseconds (default 3000). */
void         bp_nfc_card_set_timeout      (BpNfcCard     *self,
                                           guint          timeout_ms);
/* "A" or "B". */
const char  *bp_nfc_card_get_modulation   (BpNfcCard     *self);
GBytes      *bp_nfc_card_dup_uid          (BpNfcCard     *self) G_GNUC_WARN_UNUSED_RESULT;
/* Asks the reader whether the target still answers. Serialised with
 * transmit(); blocks briefly. FALSE with @error set on reader failure. */
gboolean     bp_nfc_card_is_present       (BpNfcCard     *self,
                                           GError       **error);

/* clang-format on */

G_END_DECLS
