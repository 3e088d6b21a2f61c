/* bp-card-readers.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-card-reader-list.h"
#include "bp-card.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* Reader ids are "<transport>:<address>": "nfc:pn532_uart:/dev/ttyUSB0",
 * "pcsc:ACS ACR1252 Dual Reader [ACR1252 Dual Reader PICC] 00 00", and the
 * ids of in-process readers registered here ("virtual:0" for the demo's
 * virtual chip reader). Everything here is thread-safe. */

/* Makes an in-process reader (the virtual one) part of every listing and
 * openable by its id, until unregistered. */
void              bp_card_readers_register    (BpCardReader  *reader);
void              bp_card_readers_unregister  (BpCardReader  *reader);

/* Lists the registered readers, then libnfc's, then PC/SC's. A transport
 * that fails is recorded in the list (bp_card_reader_list_get_error()) and
 * does not hide the others. Fails only if every transport failed and no
 * reader is registered. Blocks briefly (pcscd, USB enumeration): call it
 * from a worker thread in the GUI. */
BpCardReaderList *bp_card_readers_list        (GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/* Resolves an id to a reader without contacting the device: "nfc:…" and
 * "pcsc:…" give a new reader object, registered ids their reader.
 * Fails with BP_CARD_ERROR_NO_READER for an unknown id. */
BpCardReader     *bp_card_reader_open         (const char    *id,
                                               GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/* clang-format on */

G_END_DECLS
