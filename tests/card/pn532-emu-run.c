/* pn532-emu-run.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Runs the PN532 emulator until standard input closes, printing the
 * connstring first, for trying libnfc tools by hand:
 *   pn532-emu-run [--no-card | --virtual] | …   then
 *   LIBNFC_DEVICE="pn532_uart:/dev/pts/N" nfc-list
 * --virtual puts the virtual chip of the ICAO 9303-4 specimen passport
 * (ERIKSSON ANNA MARIA, BAC key L898902C3 / 740812 / 120415) on it. */

#define G_LOG_DOMAIN "pn532-emu-run"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bp-tlv.h"
#include "bp-virtual-chip.h"
#include "pn532-emu.h"
#include "scripted-card.h"

#define SPECIMEN_MRZ "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<" \
                     "L898902C36UTO7408122F1204159ZE184226B<<<<<10"

static BpCard *
specimen_chip (void)
{
  g_autoptr (GError) error = NULL;
  BpVirtualChip *chip = bp_virtual_chip_new_from_mrz (SPECIMEN_MRZ, &error);
  g_autoptr (GByteArray) inner = g_byte_array_new ();
  g_autoptr (GByteArray) dg1 = g_byte_array_new ();

  g_assert_no_error (error);
  bp_tlv_append (inner, 0x5F1F, (const guint8 *) SPECIMEN_MRZ, strlen (SPECIMEN_MRZ));
  bp_tlv_append (dg1, 0x61, inner->data, inner->len);
  bp_virtual_chip_set_file (chip, BP_VIRTUAL_CHIP_FID_COM,
                            scripted_hex ("60 14 5F01 04 30313037 5F36 06 303430303030 5C 02 6175"));
  bp_virtual_chip_set_file (chip, BP_VIRTUAL_CHIP_FID_DG (1), g_bytes_new (dg1->data, dg1->len));
  return BP_CARD (chip);
}

int
main (int argc,
      char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (Pn532Emu) emu = pn532_emu_new (&error);
  g_autoptr (ScriptedCard) card = scripted_card_new ();
  g_autoptr (BpCard) chip = NULL;
  char line[64];

  if (emu == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  scripted_card_add (card, "00 A4 04 0C 07 A0 00 00 02 47 10 01", "90 00");
  if (argc >= 2 && g_str_equal (argv[1], "--virtual"))
    {
      chip = specimen_chip ();
      pn532_emu_set_card (emu, chip);
    }
  else if (argc < 2 || !g_str_equal (argv[1], "--no-card"))
    pn532_emu_set_card (emu, BP_CARD (card));
  printf ("%s\n", pn532_emu_get_connstring (emu));
  fflush (stdout);
  while (fgets (line, sizeof line, stdin) != NULL)
    ;
  return 0;
}
