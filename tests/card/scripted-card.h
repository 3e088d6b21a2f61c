/* scripted-card.h
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

/* A BpCard for tests that answers commands from a table (hex → hex), 6D00
 * for anything else, and can be told to fail as if the document left. */
#define SCRIPTED_TYPE_CARD (scripted_card_get_type ())

G_DECLARE_FINAL_TYPE (ScriptedCard, scripted_card, SCRIPTED, CARD, GObject)

ScriptedCard *scripted_card_new              (void);
/* Both in hex, spaces allowed: "00 A4 04 0C 07 A0 00 00 02 47 10 01". */
void          scripted_card_add              (ScriptedCard *self,
                                              const char   *command_hex,
                                              const char   *response_hex);
/* After @n more successful exchanges, every transmit fails with
 * BP_CARD_ERROR_REMOVED (-1: never). */
void          scripted_card_remove_after     (ScriptedCard *self,
                                              int           n);
guint         scripted_card_get_exchanges    (ScriptedCard *self);
/* What is_present() says (default TRUE). */
void          scripted_card_set_present      (ScriptedCard *self,
                                              gboolean      present);

/* A reader holding zero or one ScriptedCard; connect() hands out the card
 * if it is present, else fails with BP_CARD_ERROR_NO_CARD. */
#define SCRIPTED_TYPE_READER (scripted_reader_get_type ())

G_DECLARE_FINAL_TYPE (ScriptedReader, scripted_reader, SCRIPTED, READER, GObject)

ScriptedReader *scripted_reader_new          (const char     *id);
void            scripted_reader_set_card     (ScriptedReader *self,
                                              ScriptedCard   *card);
/* Makes connect() fail with this error code instead (0: no failure). */
void            scripted_reader_set_failure  (ScriptedReader *self,
                                              BpCardError     code);
guint           scripted_reader_get_connects (ScriptedReader *self);

/* Helper for tests: parses hex with optional spaces. */
GBytes       *scripted_hex                   (const char   *hex);

/* clang-format on */

G_END_DECLS
