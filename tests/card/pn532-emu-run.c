/* pn532-emu-run.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Runs the PN532 emulator with a scripted card until standard input closes,
 * printing the connstring: for trying libnfc tools by hand, e.g.
 *   LIBNFC_DEVICE="$(…)" nfc-list */

#define G_LOG_DOMAIN "pn532-emu-run"

#include "config.h"

#include <stdio.h>

#include "pn532-emu.h"
#include "scripted-card.h"

int
main (int argc,
      char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (Pn532Emu) emu = pn532_emu_new (&error);
  g_autoptr (ScriptedCard) card = scripted_card_new ();
  char line[64];

  if (emu == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  scripted_card_add (card, "00 A4 04 0C 07 A0 00 00 02 47 10 01", "90 00");
  if (argc < 2 || g_strcmp0 (argv[1], "--no-card") != 0)
    pn532_emu_set_card (emu, BP_CARD (card));
  printf ("%s\n", pn532_emu_get_connstring (emu));
  fflush (stdout);
  while (fgets (line, sizeof line, stdin) != NULL)
    ;
  return 0;
}
