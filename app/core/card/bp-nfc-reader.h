/* bp-nfc-reader.h
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

/* BpNfcReader: one libnfc device, by connstring ("pn532_uart:/dev/ttyUSB0",
 * "acr122_usb:…"). Its id is "nfc:" + connstring. The device is opened at
 * the first connect() and kept open; connect() selects an ISO 14443-A
 * target, else a -B one, and fails with BP_CARD_ERROR_NO_CARD at once when
 * there is none. A new selection ends the session of the previous card.
 * Thread-safe: calls on one device are serialised (libnfc is not
 * thread-safe; see bp-nfc-private.h). */
#define BP_TYPE_NFC_READER (bp_nfc_reader_get_type ())

G_DECLARE_FINAL_TYPE (BpNfcReader, bp_nfc_reader, BP, NFC_READER, GObject)

BpNfcReader *bp_nfc_reader_new              (const char   *connstring) G_GNUC_WARN_UNUSED_RESULT;
const char  *bp_nfc_reader_get_connstring   (BpNfcReader  *self);
/* The devices libnfc knows: those configured (libnfc.conf, LIBNFC_DEVICE)
 * and those its drivers find without intrusive probing. Returns a
 * GPtrArray of BpCardReader, possibly empty. */
GPtrArray   *bp_nfc_reader_list             (GError      **error) G_GNUC_WARN_UNUSED_RESULT;

/* clang-format on */

G_END_DECLS
