/* bp-card.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

#define BP_CARD_ERROR (bp_card_error_quark ())

typedef enum
{
  BP_CARD_ERROR_FAILED,
  BP_CARD_ERROR_NO_READER,    /* the reader is gone or cannot be opened */
  BP_CARD_ERROR_NO_CARD,      /* no document on the reader */
  BP_CARD_ERROR_REMOVED,      /* the document left the field during an exchange */
  BP_CARD_ERROR_TIMEOUT,      /* the card did not answer in time */
  BP_CARD_ERROR_TRANSPORT,    /* framing or I/O error between host and reader */
  BP_CARD_ERROR_UNSUPPORTED,  /* the reader cannot do what was asked (e.g. extended length) */
} BpCardError;

GQuark       bp_card_error_quark                  (void);

/* BpCard: one document in the field of one reader, as a channel for
 * ISO 7816-4 APDUs. Implemented by every transport (libnfc, PC/SC, the
 * virtual chip). transmit() blocks: call it from a worker thread, never
 * from the main loop. The response includes SW1 SW2. Status words are not
 * errors here; an error means no response came back. */
#define BP_TYPE_CARD (bp_card_get_type ())

G_DECLARE_INTERFACE (BpCard, bp_card, BP, CARD, GObject)

struct _BpCardInterface
{
  GTypeInterface parent_iface;

  GBytes     *(*transmit)                (BpCard        *self,
                                          GBytes        *command,
                                          GCancellable  *cancellable,
                                          GError       **error);
  /* Longest command and response the path to the card carries, in bytes,
   * including header and status words (e.g. 261 for short APDUs only). */
  gsize       (*get_max_transceive)      (BpCard        *self);
  /* Answer to reset (contact/PC/SC) or ATS/ATQB (contactless), if known. */
  GBytes     *(*dup_atr)                 (BpCard        *self);
  const char *(*get_description)         (BpCard        *self);
  /* Whether the document still answers, checked without disturbing the
   * session (an ISO 14443-4 presence check, PC/SC card state). Optional:
   * the default says TRUE, and a document that left then shows up as
   * BP_CARD_ERROR_REMOVED at the next transmit(). FALSE with no error set
   * means it left; FALSE with an error means the reader failed. */
  gboolean    (*is_present)              (BpCard        *self,
                                          GError       **error);
};

GBytes      *bp_card_transmit                     (BpCard        *self,
                                                   GBytes        *command,
                                                   GCancellable  *cancellable,
                                                   GError       **error) G_GNUC_WARN_UNUSED_RESULT;
gsize        bp_card_get_max_transceive           (BpCard        *self);
GBytes      *bp_card_dup_atr                      (BpCard        *self) G_GNUC_WARN_UNUSED_RESULT;
const char  *bp_card_get_description              (BpCard        *self);
gboolean     bp_card_is_present                   (BpCard        *self,
                                                   GError       **error);

/* BpCardReader: one reader of one transport. connect() blocks until the
 * card answers or fails at once with BP_CARD_ERROR_NO_CARD; callers poll
 * it (BpCardMonitor does) to notice a document placed on the reader. */
#define BP_TYPE_CARD_READER (bp_card_reader_get_type ())

G_DECLARE_INTERFACE (BpCardReader, bp_card_reader, BP, CARD_READER, GObject)

struct _BpCardReaderInterface
{
  GTypeInterface parent_iface;

  /* "nfc", "pcsc" or "virtual". */
  const char *(*get_transport)           (BpCardReader  *self);
  /* Stable identifier, "<transport>:<address>", e.g.
   * "nfc:pn532_uart:/dev/ttyUSB0", "pcsc:<PC/SC reader name>" or
   * "virtual:0", that a GSettings key can store and bp_card_reader_open()
   * (bp-card-readers.h) takes. */
  const char *(*get_id)                  (BpCardReader  *self);
  const char *(*get_name)                (BpCardReader  *self);
  BpCard     *(*connect)                 (BpCardReader  *self,
                                          GCancellable  *cancellable,
                                          GError       **error);
};

const char  *bp_card_reader_get_transport          (BpCardReader  *self);
const char  *bp_card_reader_get_id                 (BpCardReader  *self);
const char  *bp_card_reader_get_name               (BpCardReader  *self);
BpCard      *bp_card_reader_connect                (BpCardReader  *self,
                                                    GCancellable  *cancellable,
                                                    GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/* clang-format on */

G_END_DECLS
