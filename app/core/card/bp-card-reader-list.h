/* bp-card-reader-list.h
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

/* BpCardReaderList: a GListModel of BpCardReader gathered across
 * transports, with the error of each transport that could not be listed
 * (so a stopped pcscd does not hide the NFC readers, and the reason is
 * still there to show). Built by bp_card_readers_list(). */
#define BP_TYPE_CARD_READER_LIST (bp_card_reader_list_get_type ())

G_DECLARE_FINAL_TYPE (BpCardReaderList, bp_card_reader_list, BP, CARD_READER_LIST, GObject)

BpCardReaderList   *bp_card_reader_list_new                   (void) G_GNUC_WARN_UNUSED_RESULT;
void                bp_card_reader_list_add                   (BpCardReaderList  *self,
                                                               BpCardReader      *reader);
/* Records why @transport ("nfc", "pcsc", …) could not be listed. */
void                bp_card_reader_list_add_error             (BpCardReaderList  *self,
                                                               const char        *transport,
                                                               const GError      *error);
/* The error recorded for @transport, or NULL. */
const GError       *bp_card_reader_list_get_error             (BpCardReaderList  *self,
                                                               const char        *transport);
/* Transports that failed, in the order they were listed. */
const char * const *bp_card_reader_list_get_failed_transports (BpCardReaderList  *self);

/* clang-format on */

G_END_DECLS
