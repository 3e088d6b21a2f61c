/* test-chip-virtual.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bp-chip-error.h"
#include "bp-chip-reading.h"
#include "bp-tlv.h"
#include "bp-virtual-chip.h"

#include "../card/virtual-chip-test-util.h"

/* The reader against the project's virtual chip (the card side written
 * independently, in app/core/card), with its fault knobs. */

#define MRZ "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<" \
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
#define MRZ_INFORMATION "L898902C3674081221204159"

static BpVirtualChip *
make_chip (gsize dg2_size)
{
  static const guint8 com[] = { 0x60, 0x16, 0x5F, 0x01, 0x04, '0', '1', '0', '7', 0x5F, 0x36, 0x06,
                                '0', '4', '0', '0', '0', '0', 0x5C, 0x04, 0x61, 0x75, 0x6B, 0x6E };
  BpVirtualChip *chip = bp_virtual_chip_new_from_mrz (MRZ, NULL);
  g_autoptr (GBytes) com_file = g_bytes_new_static (com, sizeof com);
  g_autoptr (GBytes) dg1 = test_file_new (0x61, 91, 1);
  g_autoptr (GBytes) dg2 = test_file_new (0x75, dg2_size, 2);
  g_autoptr (GBytes) dg11 = test_file_new (0x6B, 120, 11);
  g_autoptr (GBytes) dg14 = test_file_new (0x6E, 300, 14);
  g_autoptr (GBytes) sod = test_file_new (0x77, 1500, 29);

  g_assert_nonnull (chip);
  g_assert_cmpstr (bp_virtual_chip_get_mrz_information (chip), ==, MRZ_INFORMATION);
  bp_virtual_chip_set_file (chip, 0x011E, com_file);
  bp_virtual_chip_set_file (chip, 0x0101, dg1);
  bp_virtual_chip_set_file (chip, 0x0102, dg2);
  bp_virtual_chip_set_file (chip, 0x010B, dg11);
  bp_virtual_chip_set_file (chip, 0x010E, dg14);
  bp_virtual_chip_set_file (chip, 0x011D, sod);
  return chip;
}

static BpChipResult *
read_chip (BpVirtualChip *chip,
           const char *can,
           GError **error)
{
  g_autoptr (BpChipReading) reading = bp_chip_reading_new (can ? NULL : MRZ_INFORMATION, can);

  return bp_chip_reading_run (reading, BP_CARD (chip), NULL, error);
}

static void
test_protocols (void)
{
  g_autoptr (BpVirtualChip) bac = make_chip (4000);
  g_autoptr (BpVirtualChip) pace = make_chip (4000);
  g_autoptr (BpVirtualChip) can = make_chip (4000);
  g_autoptr (BpChipResult) r1 = NULL;
  g_autoptr (BpChipResult) r2 = NULL;
  g_autoptr (BpChipResult) r3 = NULL;
  g_autoptr (GError) error = NULL;

  bp_virtual_chip_set_protocols (bac, BP_VIRTUAL_CHIP_BAC);
  r1 = read_chip (bac, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_chip_result_get_protocol (r1), ==, BP_CHIP_PROTOCOL_BAC);
  test_assert_chip_files (r1, bac);

  r2 = read_chip (pace, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_chip_result_get_protocol (r2), ==, BP_CHIP_PROTOCOL_PACE_GM);
  g_assert_cmpstr (bp_virtual_chip_get_session (pace), ==, "PACE");
  test_assert_chip_files (r2, pace);

  bp_virtual_chip_set_can (can, "123456");
  r3 = read_chip (can, "123456", &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_chip_result_get_protocol (r3), ==, BP_CHIP_PROTOCOL_PACE_GM);
  test_assert_chip_files (r3, can);
}

static void
test_short_le_refused (void)
{
  const guint16 sws[] = { 0x6700, 0x6B00, 0x6282 };
  const guint limits[] = { 223, 160 };

  for (guint i = 0; i < G_N_ELEMENTS (sws); i++)
    for (guint j = 0; j < G_N_ELEMENTS (limits); j++)
      {
        g_autoptr (BpVirtualChip) chip = make_chip (5000);
        g_autoptr (BpChipResult) result = NULL;
        g_autoptr (GError) error = NULL;

        g_test_message ("%04X above %u", sws[i], limits[j]);
        bp_virtual_chip_set_max_short_le (chip, limits[j], sws[i]);
        result = read_chip (chip, NULL, &error);
        g_assert_no_error (error);
        test_assert_chip_files (result, chip);
      }
}

static void
test_extended_length (void)
{
  g_autoptr (BpVirtualChip) chip = make_chip (20000);
  g_autoptr (BpVirtualChip) short_chip = make_chip (20000);
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (BpChipResult) short_result = NULL;
  g_autoptr (GError) error = NULL;

  bp_virtual_chip_set_extended_length (chip, TRUE);
  result = read_chip (chip, NULL, &error);
  g_assert_no_error (error);
  test_assert_chip_files (result, chip);

  bp_virtual_chip_set_max_short_le (short_chip, 223, 0x6700);
  short_result = read_chip (short_chip, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("extended %u APDUs, short %u APDUs", bp_chip_result_get_apdu_count (result),
                  bp_chip_result_get_apdu_count (short_result));
  g_assert_cmpuint (bp_chip_result_get_apdu_count (result) * 3, <=,
                    bp_chip_result_get_apdu_count (short_result));
}

static void
test_sm_error_resume (void)
{
  g_autoptr (BpVirtualChip) chip = make_chip (8000);
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (GError) error = NULL;

  bp_virtual_chip_set_sm_error_at (chip, 0x0102, 5000);
  result = read_chip (chip, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bp_chip_result_get_reauthentications (result), ==, 1);
  test_assert_chip_files (result, chip);
}

static void
test_wrong_mac (void)
{
  g_autoptr (BpVirtualChip) chip = make_chip (8000);
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (GError) error = NULL;

  /* Every protected answer from the 10th on has a bad MAC: each new
   * session fails too, and the reading stops saying why. */
  bp_virtual_chip_set_wrong_response_mac (chip, 10);
  result = read_chip (chip, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_SM_BAD_MAC);
  g_assert_nonnull (strstr (error->message, "integrity check (MAC)"));
}

static void
test_removed_and_resume (void)
{
  g_autoptr (BpVirtualChip) chip = make_chip (8000);
  g_autoptr (BpChipReading) reading = bp_chip_reading_new (MRZ_INFORMATION, NULL);
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (GError) error = NULL;
  guint first_apdus;

  bp_virtual_chip_remove_after_file_bytes (chip, 0x0102, 6000);
  result = bp_chip_reading_run (reading, BP_CARD (chip), NULL, &error);
  g_assert_null (result);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_REMOVED);
  g_assert_nonnull (strstr (error->message, "put the document back"));
  g_clear_error (&error);
  first_apdus = bp_virtual_chip_get_n_apdus (chip);

  bp_virtual_chip_remove_after_file_bytes (chip, 0, 0);
  bp_virtual_chip_insert (chip);
  result = bp_chip_reading_run (reading, BP_CARD (chip), NULL, &error);
  g_assert_no_error (error);
  test_assert_chip_files (result, chip);
  /* Resumed: far fewer exchanges than the first attempt needed. */
  g_assert_cmpuint (bp_virtual_chip_get_n_apdus (chip) - first_apdus, <, first_apdus);
}

static void
test_truncated_file (void)
{
  g_autoptr (BpVirtualChip) chip = make_chip (4000);
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (GError) error = NULL;
  const BpChipFile *dg2;

  bp_virtual_chip_set_truncated_file (chip, 0x0102, 1000);
  result = read_chip (chip, NULL, &error);
  g_assert_no_error (error);
  dg2 = bp_chip_result_lookup_file (result, "DG2");
  g_assert_cmpint (dg2->status, ==, BP_CHIP_FILE_FAILED);
  g_assert_nonnull (dg2->message);
  g_assert_nonnull (bp_chip_result_get_file_data (result, "SOD"));
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/borderpost/emrtd/virtual/protocols", test_protocols);
  g_test_add_func ("/borderpost/emrtd/virtual/short-le-refused", test_short_le_refused);
  g_test_add_func ("/borderpost/emrtd/virtual/extended-length", test_extended_length);
  g_test_add_func ("/borderpost/emrtd/virtual/sm-error-resume", test_sm_error_resume);
  g_test_add_func ("/borderpost/emrtd/virtual/wrong-mac", test_wrong_mac);
  g_test_add_func ("/borderpost/emrtd/virtual/removed-and-resume", test_removed_and_resume);
  g_test_add_func ("/borderpost/emrtd/virtual/truncated-file", test_truncated_file);

  return g_test_run ();
}
