/* test-nfc-emrtd.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The whole chip path without hardware: the reader-side eMRTD stack (BAC,
 * secure messaging) → BpNfcCard → libnfc's pn532_uart driver → the PN532
 * emulator → the virtual chip. And the other way round, an independent
 * BAC reader built on libnfc (Debian's mrtdreader) reading the virtual
 * chip through the same emulator. */

#define G_LOG_DOMAIN "test-nfc-emrtd"

#include "config.h"

#include <glib/gstdio.h>

#include "bp-bac.h"
#include "bp-chip-reading.h"
#include "bp-nfc-card.h"
#include "bp-nfc-reader.h"
#include "bp-virtual-chip.h"
#include "bp-virtual-reader.h"
#include "pn532-emu.h"
#include "virtual-chip-test-util.h"

/* EF.COM: LDS 1.7, Unicode 4.0.0, DG1 and DG2 present. */
#define COM_HEX "60145F0104303130375F36063034303030305C026175"

/* A stand-in JPEG (SOI, APP0 "JFIF", 2500 bytes standing in for the
 * scan, EOI) that mrtdreader can find and save; the chip does not care
 * what the image is. Big enough that DG2 takes a dozen reads. */
static GBytes *
fake_jpeg_new (void)
{
  g_autoptr (GBytes) head = test_bytes_from_hex ("FFD8FFE000104A46494600010100000100010000");
  GByteArray *jpeg = g_byte_array_new ();

  g_byte_array_append (jpeg, g_bytes_get_data (head, NULL), g_bytes_get_size (head));
  for (guint i = 0; i < 2500; i++)
    {
      guint8 b = (guint8) (i * 13 + 1) == 0xFF ? 0x00 : (guint8) (i * 13 + 1);
      g_byte_array_append (jpeg, &b, 1);
    }
  g_byte_array_append (jpeg, (const guint8[]){ 0xFF, 0xD9 }, 2);
  return g_byte_array_free_to_bytes (jpeg);
}

typedef struct
{
  Pn532Emu *emu;
  BpVirtualChip *chip;
  GBytes *dg1;
  GBytes *dg2;
} Fixture;

/* DG2 laid out as ICAO 9303-10 and ISO/IEC 19794-5 have it: biometric
 * information template group, one template with its header template
 * (A1) and the facial record ("FAC\0", version "010\0", one face, no
 * feature points, image information with data type 0 = JPEG), then the
 * image. mrtdreader relies on this layout (it reads the image type at
 * offset 73 of DG2). */
static GBytes *
dg2_with_jpeg (void)
{
  g_autoptr (GBytes) jpeg = fake_jpeg_new ();
  gsize image_len = g_bytes_get_size (jpeg);
  guint32 record_len = 14 + 20 + 12 + image_len;
  guint32 block_len = 20 + 12 + image_len;
  g_autoptr (GByteArray) record = g_byte_array_new ();
  g_autoptr (GByteArray) bit = g_byte_array_new ();
  g_autoptr (GByteArray) bit_tlv = g_byte_array_new ();
  g_autoptr (GByteArray) group = g_byte_array_new ();
  g_autoptr (GByteArray) group_tlv = g_byte_array_new ();
  g_autoptr (GBytes) header_template = test_bytes_from_hex ("A10E8101028201008702010188020008");
  GByteArray *out = g_byte_array_new ();
  guint8 lengths[] = {
    record_len >> 24,
    record_len >> 16,
    record_len >> 8,
    record_len,
    0x00,
    0x01, /* one face */
    block_len >> 24,
    block_len >> 16,
    block_len >> 8,
    block_len,
  };
  /* No feature points, features, expression, pose; full frontal JPEG of
   * 480 × 640, RGB, from a digital camera. */
  g_autoptr (GBytes) face = test_bytes_from_hex ("0000"
                                                 "000000"
                                                 "000000"
                                                 "0000"
                                                 "000000"
                                                 "000000"
                                                 "01"
                                                 "00"
                                                 "01E0"
                                                 "0280"
                                                 "01"
                                                 "02"
                                                 "0000"
                                                 "0000");

  g_byte_array_append (record, (const guint8 *) "FAC\0"
                                                "010\0",
                       8);
  g_byte_array_append (record, lengths, sizeof lengths);
  g_byte_array_append (record, g_bytes_get_data (face, NULL), g_bytes_get_size (face));
  g_byte_array_append (record, g_bytes_get_data (jpeg, NULL), image_len);

  g_byte_array_append (bit, g_bytes_get_data (header_template, NULL), g_bytes_get_size (header_template));
  bp_tlv_append (bit, 0x5F2E, record->data, record->len);
  bp_tlv_append (bit_tlv, 0x7F60, bit->data, bit->len);
  bp_tlv_append (group, 0x02, (const guint8 *) "\x01", 1);
  g_byte_array_append (group, bit_tlv->data, bit_tlv->len);
  bp_tlv_append (group_tlv, 0x7F61, group->data, group->len);
  bp_tlv_append (out, 0x75, group_tlv->data, group_tlv->len);
  return g_byte_array_free_to_bytes (out);
}

static void
fixture_set_up (Fixture *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->emu = pn532_emu_new (&error);
  g_assert_no_error (error);
  f->chip = bp_virtual_chip_new_from_mrz (TEST_TD3_MRZ, &error);
  g_assert_no_error (error);
  f->dg1 = test_dg1_new (TEST_TD3_MRZ);
  f->dg2 = dg2_with_jpeg ();
  bp_virtual_chip_set_file (f->chip, BP_VIRTUAL_CHIP_FID_COM, test_bytes_from_hex (COM_HEX));
  bp_virtual_chip_set_file (f->chip, BP_VIRTUAL_CHIP_FID_DG (1), f->dg1);
  bp_virtual_chip_set_file (f->chip, BP_VIRTUAL_CHIP_FID_DG (2), f->dg2);
  pn532_emu_set_card (f->emu, BP_CARD (f->chip));
}

static void
fixture_tear_down (Fixture *f,
                   gconstpointer data)
{
  pn532_emu_free (f->emu);
  g_object_unref (f->chip);
  g_bytes_unref (f->dg1);
  g_bytes_unref (f->dg2);
}

static GBytes *
sm_command (BpSm *sm,
            BpCard *card,
            guint8 ins,
            guint8 p1,
            guint8 p2,
            const guint8 *data,
            gsize data_len,
            gsize ne,
            GError **error)
{
  BpApdu apdu = { .cla = 0x00, .ins = ins, .p1 = p1, .p2 = p2, .data = data, .data_len = data_len, .ne = ne };

  return bp_sm_transmit (sm, card, &apdu, NULL, error);
}

/* Selects @fid and reads it whole in chunks of at most @chunk bytes. */
static GBytes *
read_file (BpSm *sm,
           BpCard *card,
           guint16 fid,
           gsize chunk,
           GError **error)
{
  guint8 fid_bytes[] = { fid >> 8, fid & 0xFF };
  g_autoptr (GBytes) selected = NULL;
  g_autoptr (GByteArray) file = g_byte_array_new ();
  gsize total = 0;

  selected = sm_command (sm, card, 0xA4, 0x02, 0x0C, fid_bytes, 2, 0, error);
  if (selected == NULL)
    return NULL;
  g_assert_cmphex (test_sw (selected), ==, 0x9000);

  do
    {
      gsize want = total == 0 ? 4 : MIN (chunk, total - file->len);
      g_autoptr (GBytes) part = sm_command (sm, card, 0xB0, file->len >> 8, file->len & 0xFF, NULL, 0, want, error);
      gsize n;
      const guint8 *data;

      if (part == NULL)
        return NULL;
      g_assert_cmphex (test_sw (part), ==, 0x9000);
      data = g_bytes_get_data (part, &n);
      g_assert_cmpuint (n - 2, ==, want);
      g_byte_array_append (file, data, n - 2);

      if (total == 0)
        {
          /* Tag byte, then a BER length of one to three bytes. */
          if (file->data[1] < 0x80)
            total = 2 + file->data[1];
          else if (file->data[1] == 0x81)
            total = 3 + file->data[2];
          else
            {
              g_assert_cmphex (file->data[1], ==, 0x82);
              total = 4 + ((file->data[2] << 8) | file->data[3]);
            }
        }
    }
  while (file->len < total);

  return g_byte_array_free_to_bytes (g_steal_pointer (&file));
}

/* SELECT the eMRTD application (plain, before access control). */
static void
select_application (BpCard *card)
{
  test_assert_sw (card, "00A4040C07A0000002471001", 0x9000);
}

static void
test_bac_read (Fixture *f,
               gconstpointer data)
{
  g_autoptr (BpNfcReader) reader = bp_nfc_reader_new (pn532_emu_get_connstring (f->emu));
  g_autoptr (GError) error = NULL;
  g_autoptr (BpCard) card = NULL;
  g_autoptr (BpSm) sm = NULL;
  g_autoptr (GBytes) com = NULL;
  g_autoptr (GBytes) dg1 = NULL;
  g_autoptr (GBytes) dg2 = NULL;
  guint exchanges_before;
  gsize chunk;
  gint64 start;

  card = bp_card_reader_connect (BP_CARD_READER (reader), NULL, &error);
  g_assert_no_error (error);
  exchanges_before = pn532_emu_get_command_count (f->emu, 0x40);
  start = g_get_monotonic_time ();

  select_application (card);
  sm = bp_bac_authenticate (card, bp_virtual_chip_get_mrz_information (f->chip), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sm);

  /* Largest short read whose protected answer fits the PN532: data is
   * padded to 8 bytes in DO'87', plus DO'99', DO'8E' and SW. */
  chunk = 0xDF;
  g_assert_cmpuint (bp_card_get_max_transceive (card), >=, 1 + 2 + 1 + 224 + 4 + 10 + 2);

  com = read_file (sm, card, BP_VIRTUAL_CHIP_FID_COM, chunk, &error);
  g_assert_no_error (error);
  test_assert_bytes_hex (com, COM_HEX);
  dg1 = read_file (sm, card, BP_VIRTUAL_CHIP_FID_DG (1), chunk, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (dg1, f->dg1));
  dg2 = read_file (sm, card, BP_VIRTUAL_CHIP_FID_DG (2), chunk, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (dg2, f->dg2));

  /* Every APDU went through libnfc and the emulator: the chip counted as
   * many as the PN532 passed on. */
  g_assert_cmpuint (pn532_emu_get_command_count (f->emu, 0x40) - exchanges_before, ==,
                    bp_virtual_chip_get_n_apdus (f->chip));
  g_test_message ("%u APDUs and %" G_GINT64_FORMAT " ms for BAC, EF.COM, DG1 and a %" G_GSIZE_FORMAT "-byte DG2",
                  bp_virtual_chip_get_n_apdus (f->chip), (g_get_monotonic_time () - start) / 1000,
                  g_bytes_get_size (f->dg2));
  g_assert_cmpuint (pn532_emu_get_unknown_count (f->emu), ==, 0);
}

static void
test_wrong_key (Fixture *f,
                gconstpointer data)
{
  g_autoptr (BpNfcReader) reader = bp_nfc_reader_new (pn532_emu_get_connstring (f->emu));
  g_autoptr (GError) error = NULL;
  g_autoptr (BpCard) card = NULL;
  g_autoptr (BpSm) sm = NULL;
  g_autofree char *wrong = NULL;

  card = bp_card_reader_connect (BP_CARD_READER (reader), NULL, &error);
  g_assert_no_error (error);
  wrong = bp_bac_mrz_information ("L898902C3", "740812", "120416", &error);
  g_assert_no_error (error);
  select_application (card);
  sm = bp_bac_authenticate (card, wrong, NULL, &error);
  g_assert_nonnull (error);
  g_assert_null (sm);
  /* The chip answered with a refusal; it did not vanish. */
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_ACCESS_DENIED);
}

/* The document leaves in the middle of DG2: the libnfc transport reports
 * BP_CARD_ERROR_REMOVED, which the chip stack passes on as its own
 * "removed" (so the GUI can say "put the document back"). */
static void
test_removed_mid_read (Fixture *f,
                       gconstpointer data)
{
  g_autoptr (BpNfcReader) reader = bp_nfc_reader_new (pn532_emu_get_connstring (f->emu));
  g_autoptr (GError) error = NULL;
  g_autoptr (BpCard) card = NULL;
  g_autoptr (BpSm) sm = NULL;
  g_autoptr (GBytes) dg2 = NULL;
  g_autoptr (BpCard) again = NULL;

  card = bp_card_reader_connect (BP_CARD_READER (reader), NULL, &error);
  g_assert_no_error (error);
  select_application (card);
  sm = bp_bac_authenticate (card, bp_virtual_chip_get_mrz_information (f->chip), NULL, &error);
  g_assert_no_error (error);

  bp_virtual_chip_remove_after_file_bytes (f->chip, BP_VIRTUAL_CHIP_FID_DG (2), 1000);
  dg2 = read_file (sm, card, BP_VIRTUAL_CHIP_FID_DG (2), 0xDF, &error);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_REMOVED);
  g_assert_null (dg2);
  g_clear_error (&error);

  g_assert_false (bp_card_is_present (card, &error));
  g_assert_no_error (error);
  {
    g_autoptr (GBytes) command = test_bytes_from_hex ("00B0000004");
    g_autoptr (GBytes) response = bp_card_transmit (card, command, NULL, &error);
    g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_REMOVED);
    g_assert_null (response);
    g_clear_error (&error);
  }
  again = bp_card_reader_connect (BP_CARD_READER (reader), NULL, &error);
  g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_CARD);
}

/* A chip with EF.SOD and a 20 KB face, for whole reads. */
static void
add_large_files (Fixture *f)
{
  g_clear_pointer (&f->dg2, g_bytes_unref);
  f->dg2 = test_dg2_new (20000);
  bp_virtual_chip_set_file (f->chip, BP_VIRTUAL_CHIP_FID_DG (2), f->dg2);
  bp_virtual_chip_set_file (f->chip, BP_VIRTUAL_CHIP_FID_SOD, test_sod_new ());
}

static void
assert_files (Fixture *f,
              BpChipResult *result)
{
  g_autoptr (GBytes) com = test_bytes_from_hex (COM_HEX);

  g_assert_true (g_bytes_equal (bp_chip_result_get_file_data (result, "COM"), com));
  g_assert_true (g_bytes_equal (bp_chip_result_get_file_data (result, "DG1"), f->dg1));
  g_assert_true (g_bytes_equal (bp_chip_result_get_file_data (result, "DG2"), f->dg2));
  g_assert_nonnull (bp_chip_result_get_file_data (result, "SOD"));
}

/* The application's whole read (PACE first, then files with read sizes
 * that adapt) through libnfc and the emulated PN532. The chip offers
 * extended length, but the PN532 carries 262 bytes at most: the reading
 * must stay with short APDUs and still get every file. The chip refuses
 * Le above 223 (6700), as many do: a protected answer to Le=256 would not
 * fit a PN532 frame either. */
static void
test_full_read (Fixture *f,
                gconstpointer data)
{
  g_autoptr (BpNfcReader) reader = bp_nfc_reader_new (pn532_emu_get_connstring (f->emu));
  g_autoptr (GError) error = NULL;
  g_autoptr (BpCard) card = NULL;
  g_autoptr (BpChipReading) reading = NULL;
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (BpChipReading) direct_reading = NULL;
  g_autoptr (BpChipResult) direct = NULL;
  g_autoptr (BpVirtualReader) virtual = bp_virtual_reader_new (0);
  g_autoptr (BpCard) direct_card = NULL;
  gint64 start;

  add_large_files (f);
  bp_virtual_chip_set_extended_length (f->chip, TRUE);
  bp_virtual_chip_set_max_short_le (f->chip, 223, 0x6700);

  card = bp_card_reader_connect (BP_CARD_READER (reader), NULL, &error);
  g_assert_no_error (error);
  reading = bp_chip_reading_new (bp_virtual_chip_get_mrz_information (f->chip), NULL);
  start = g_get_monotonic_time ();
  result = bp_chip_reading_run (reading, card, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_chip_result_get_protocol (result), ==, BP_CHIP_PROTOCOL_PACE_GM);
  assert_files (f, result);
  g_test_message ("through libnfc: %u APDUs, %" G_GUINT64_FORMAT " bytes sent, %" G_GUINT64_FORMAT
                  " received, %" G_GINT64_FORMAT " ms",
                  bp_chip_result_get_apdu_count (result), bp_chip_result_get_bytes_sent (result),
                  bp_chip_result_get_bytes_received (result), (g_get_monotonic_time () - start) / 1000);

  /* The same chip read directly takes extended reads, so fewer APDUs:
   * the PN532 path really did read in short chunks. */
  bp_virtual_reader_insert (virtual, f->chip);
  direct_card = bp_card_reader_connect (BP_CARD_READER (virtual), NULL, &error);
  g_assert_no_error (error);
  direct_reading = bp_chip_reading_new (bp_virtual_chip_get_mrz_information (f->chip), NULL);
  direct = bp_chip_reading_run (direct_reading, direct_card, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("directly, extended length: %u APDUs", bp_chip_result_get_apdu_count (direct));
  g_assert_cmpuint (bp_chip_result_get_apdu_count (direct), <, bp_chip_result_get_apdu_count (result));
}

/* BAC-only chip, whole read through libnfc. */
static void
test_full_read_bac (Fixture *f,
                    gconstpointer data)
{
  g_autoptr (BpNfcReader) reader = bp_nfc_reader_new (pn532_emu_get_connstring (f->emu));
  g_autoptr (GError) error = NULL;
  g_autoptr (BpCard) card = NULL;
  g_autoptr (BpChipReading) reading = NULL;
  g_autoptr (BpChipResult) result = NULL;

  add_large_files (f);
  bp_virtual_chip_set_max_short_le (f->chip, 223, 0x6700);
  bp_virtual_chip_set_protocols (f->chip, BP_VIRTUAL_CHIP_BAC);
  card = bp_card_reader_connect (BP_CARD_READER (reader), NULL, &error);
  g_assert_no_error (error);
  reading = bp_chip_reading_new (bp_virtual_chip_get_mrz_information (f->chip), NULL);
  result = bp_chip_reading_run (reading, card, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_chip_result_get_protocol (result), ==, BP_CHIP_PROTOCOL_BAC);
  assert_files (f, result);
}

/* "Put the document back": pulled away in the middle of DG2, placed back,
 * noticed by the monitor's way of looking (a new selection through
 * libnfc), and the reading resumes where it stopped. */
static void
test_full_read_resume (Fixture *f,
                       gconstpointer data)
{
  g_autoptr (BpNfcReader) reader = bp_nfc_reader_new (pn532_emu_get_connstring (f->emu));
  g_autoptr (GError) error = NULL;
  g_autoptr (BpCard) card = NULL;
  g_autoptr (BpChipReading) reading = NULL;
  g_autoptr (BpChipResult) result = NULL;
  guint apdus_before, apdus_resume;

  add_large_files (f);
  bp_virtual_chip_set_max_short_le (f->chip, 223, 0x6700);
  card = bp_card_reader_connect (BP_CARD_READER (reader), NULL, &error);
  g_assert_no_error (error);
  reading = bp_chip_reading_new (bp_virtual_chip_get_mrz_information (f->chip), NULL);
  bp_virtual_chip_remove_after_file_bytes (f->chip, BP_VIRTUAL_CHIP_FID_DG (2), 12000);
  result = bp_chip_reading_run (reading, card, NULL, &error);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_REMOVED);
  g_assert_null (result);
  g_clear_error (&error);
  g_assert_false (bp_card_is_present (card, &error));
  g_assert_no_error (error);

  g_clear_object (&card);
  card = bp_card_reader_connect (BP_CARD_READER (reader), NULL, &error);
  g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_CARD);
  g_clear_error (&error);

  bp_virtual_chip_insert (f->chip);
  card = bp_card_reader_connect (BP_CARD_READER (reader), NULL, &error);
  g_assert_no_error (error);
  apdus_before = bp_virtual_chip_get_n_apdus (f->chip);
  result = bp_chip_reading_run (reading, card, NULL, &error);
  g_assert_no_error (error);
  assert_files (f, result);
  /* Not from the start: 20 KB in short reads alone is about 90 APDUs. */
  apdus_resume = bp_virtual_chip_get_n_apdus (f->chip) - apdus_before;
  g_test_message ("APDUs after putting the document back: %u", apdus_resume);
  g_assert_cmpuint (apdus_resume, <, 60);
}

/* Debian's mrtdreader (libmrtd on libnfc) reads the virtual chip with BAC
 * through the emulated PN532: an independent reader agrees with the chip. */
static void
test_mrtdreader (Fixture *f,
                 gconstpointer data)
{
  g_autofree char *mrtdreader = g_find_program_in_path ("mrtdreader");
  g_autofree char *dir = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) env = g_get_environ ();
  g_autoptr (GBytes) jpeg = fake_jpeg_new ();
  const char *argv[] = { NULL, "L898902C36UTO7408122F1204159ZE184226B<<<<<10", NULL };
  g_autoptr (GDir) listing = NULL;
  const char *name;
  gboolean found_image = FALSE;
  int status;

  if (mrtdreader == NULL)
    {
      g_test_skip ("mrtdreader (Debian package mrtdreader) is not installed");
      return;
    }
  argv[0] = mrtdreader;
  dir = g_dir_make_tmp ("borderpost-mrtdreader-XXXXXX", &error);
  g_assert_no_error (error);
  env = g_environ_setenv (env, "LIBNFC_DEVICE", pn532_emu_get_connstring (f->emu), TRUE);
  env = g_environ_setenv (env, "LIBNFC_AUTO_SCAN", "false", TRUE);

  g_spawn_sync (dir, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("mrtdreader: %s\n%s", out, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "Challenge successful"));
  g_assert_nonnull (strstr (out, "File content: "
                                 "60145f0104303130375f36063034303030305c026175"));
  g_assert_nonnull (strstr (out, TEST_TD3_MRZ));

  /* The face it saved is the JPEG inside our DG2, byte for byte. */
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      if (len == g_bytes_get_size (jpeg) && memcmp (contents, g_bytes_get_data (jpeg, NULL), len) == 0)
        found_image = TRUE;
      g_test_message ("mrtdreader wrote %s (%" G_GSIZE_FORMAT " bytes)", name, len);
      g_unlink (path);
    }
  g_rmdir (dir);
  g_assert_true (found_image);
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/borderpost/card/nfc-emrtd/bac-read", Fixture, NULL, fixture_set_up, test_bac_read, fixture_tear_down);
  g_test_add ("/borderpost/card/nfc-emrtd/wrong-key", Fixture, NULL, fixture_set_up, test_wrong_key, fixture_tear_down);
  g_test_add ("/borderpost/card/nfc-emrtd/removed-mid-read", Fixture, NULL, fixture_set_up, test_removed_mid_read, fixture_tear_down);
  g_test_add ("/borderpost/card/nfc-emrtd/full-read", Fixture, NULL, fixture_set_up, test_full_read, fixture_tear_down);
  g_test_add ("/borderpost/card/nfc-emrtd/full-read-bac", Fixture, NULL, fixture_set_up, test_full_read_bac, fixture_tear_down);
  g_test_add ("/borderpost/card/nfc-emrtd/full-read-resume", Fixture, NULL, fixture_set_up, test_full_read_resume, fixture_tear_down);
  g_test_add ("/borderpost/card/nfc-emrtd/mrtdreader", Fixture, NULL, fixture_set_up, test_mrtdreader, fixture_tear_down);

  return g_test_run ();
}
