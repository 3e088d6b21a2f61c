/* test-virtual-chip-e2e.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bp-bac.h"
#include "bp-chip-error.h"
#include "bp-chip-reading.h"
#include "bp-virtual-reader.h"
#include "virtual-chip-test-util.h"

/* The virtual chip read through the chip module's own reader code (BAC,
 * secure messaging), as the application reads real documents. */

typedef struct
{
  BpVirtualReader *reader;
  BpVirtualChip *chip;
  BpCard *card;
  GBytes *dg1;
  GBytes *dg2;
  GBytes *com;
  GBytes *sod;
  char *mrz_information;
} Fixture;

static void
fixture_set_up (Fixture *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->chip = bp_virtual_chip_new_from_mrz (TEST_TD3_MRZ, &error);
  g_assert_no_error (error);
  f->dg1 = test_dg1_new (TEST_TD3_MRZ);
  f->dg2 = test_dg2_new (20000);
  f->com = test_com_new ("617563");
  f->sod = test_sod_new ();
  bp_virtual_chip_set_file (f->chip, BP_VIRTUAL_CHIP_FID_COM, f->com);
  bp_virtual_chip_set_file (f->chip, BP_VIRTUAL_CHIP_FID_DG (1), f->dg1);
  bp_virtual_chip_set_file (f->chip, BP_VIRTUAL_CHIP_FID_DG (2), f->dg2);
  bp_virtual_chip_set_file (f->chip, BP_VIRTUAL_CHIP_FID_DG (3), f->dg1);
  bp_virtual_chip_set_file (f->chip, BP_VIRTUAL_CHIP_FID_SOD, f->sod);
  f->reader = bp_virtual_reader_new (0);
  bp_virtual_reader_insert (f->reader, f->chip);
  f->card = bp_card_reader_connect (BP_CARD_READER (f->reader), NULL, &error);
  g_assert_no_error (error);
  f->mrz_information = bp_bac_mrz_information ("L898902C3", "740812", "120415", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f,
                   gconstpointer data)
{
  g_clear_object (&f->card);
  g_assert_finalize_object (f->reader);
  g_assert_finalize_object (f->chip);
  g_bytes_unref (f->dg1);
  g_bytes_unref (f->dg2);
  g_bytes_unref (f->com);
  g_bytes_unref (f->sod);
  g_free (f->mrz_information);
}

static gboolean
select_application (BpCard *card,
                    GError **error)
{
  static const guint8 aid[] = { 0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01 };
  BpApdu apdu = { .ins = 0xA4, .p1 = 0x04, .p2 = 0x0C, .data = aid, .data_len = sizeof aid };
  g_autoptr (GBytes) response = bp_apdu_transmit (card, &apdu, NULL, error);

  if (response == NULL)
    return FALSE;
  g_assert_cmphex (bp_apdu_response_sw (response), ==, 0x9000);
  return TRUE;
}

/* Reads an EF through bp_sm_transmit in chunks, from *offset on. */
static gboolean
sm_read (BpCard *card,
         BpSm *sm,
         guint16 fid,
         gsize chunk,
         GByteArray *out,
         GError **error)
{
  guint8 fid_bytes[2] = { fid >> 8, fid & 0xFF };
  BpApdu select = { .ins = 0xA4, .p1 = 0x02, .p2 = 0x0C, .data = fid_bytes, .data_len = 2 };
  g_autoptr (GBytes) response = bp_sm_transmit (sm, card, &select, NULL, error);

  if (response == NULL)
    return FALSE;
  g_assert_cmphex (bp_apdu_response_sw (response), ==, 0x9000);
  for (;;)
    {
      BpApdu read = { .ins = 0xB0, .p1 = out->len >> 8, .p2 = out->len & 0xFF, .ne = chunk };
      const guint8 *data;
      gsize n;
      guint16 sw;

      g_clear_pointer (&response, g_bytes_unref);
      response = bp_sm_transmit (sm, card, &read, NULL, error);
      if (response == NULL)
        return FALSE;
      sw = bp_apdu_response_sw (response);
      if (sw == 0x6B00)
        return TRUE;
      if (sw != 0x9000 && sw != 0x6282)
        {
          bp_apdu_set_status_error (error, sw, "READ BINARY");
          return FALSE;
        }
      data = bp_apdu_response_data (response, &n);
      g_byte_array_append (out, data, n);
      if (sw == 0x6282 || n < chunk)
        return TRUE;
    }
}

static void
test_bac_read (Fixture *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpSm) sm = NULL;
  g_autoptr (GByteArray) dg1 = g_byte_array_new ();
  g_autoptr (GByteArray) dg2 = g_byte_array_new ();

  g_assert_true (select_application (f->card, &error));
  sm = bp_bac_authenticate (f->card, f->mrz_information, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sm_read (f->card, sm, 0x0101, 223, dg1, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (dg1->data, dg1->len, g_bytes_get_data (f->dg1, NULL), g_bytes_get_size (f->dg1));
  g_assert_true (sm_read (f->card, sm, 0x0102, 223, dg2, &error));
  g_assert_cmpmem (dg2->data, dg2->len, g_bytes_get_data (f->dg2, NULL), g_bytes_get_size (f->dg2));
}

static void
test_bac_wrong_key (Fixture *f,
                    gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpSm) sm = NULL;
  g_autofree char *other = bp_bac_mrz_information ("L898902C3", "740812", "120416", &error);

  g_assert_true (select_application (f->card, &error));
  sm = bp_bac_authenticate (f->card, other, NULL, &error);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_ACCESS_DENIED);
  g_assert_null (sm);
}

static void
test_bac_faults (Fixture *f,
                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpSm) sm = NULL;
  g_autoptr (GByteArray) dg2 = g_byte_array_new ();

  /* A wrong response MAC is a clear error and ends the session. */
  g_assert_true (select_application (f->card, &error));
  sm = bp_bac_authenticate (f->card, f->mrz_information, NULL, &error);
  g_assert_no_error (error);
  bp_virtual_chip_set_wrong_response_mac (f->chip, 3);
  g_assert_false (sm_read (f->card, sm, 0x0102, 223, dg2, &error));
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_SM_BAD_MAC);
  g_assert_false (bp_sm_is_open (sm));
  bp_virtual_chip_set_wrong_response_mac (f->chip, 0);
  g_clear_error (&error);

  /* Removed mid-read: the reader says so; after re-insertion a new
   * session resumes at the offset reached. */
  g_byte_array_set_size (dg2, 0);
  g_clear_pointer (&sm, bp_sm_unref);
  g_assert_true (select_application (f->card, &error));
  sm = bp_bac_authenticate (f->card, f->mrz_information, NULL, &error);
  bp_virtual_chip_remove_after_file_bytes (f->chip, BP_VIRTUAL_CHIP_FID_DG (2), 5000);
  g_assert_false (sm_read (f->card, sm, 0x0102, 223, dg2, &error));
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_REMOVED);
  g_assert_cmpuint (dg2->len, ==, 223 * (5000 / 223));
  g_clear_error (&error);
  bp_virtual_reader_insert (f->reader, f->chip);
  g_clear_object (&f->card);
  f->card = bp_card_reader_connect (BP_CARD_READER (f->reader), NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&sm, bp_sm_unref);
  g_assert_true (select_application (f->card, &error));
  sm = bp_bac_authenticate (f->card, f->mrz_information, NULL, &error);
  g_assert_true (sm_read (f->card, sm, 0x0102, 223, dg2, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (dg2->data, dg2->len, g_bytes_get_data (f->dg2, NULL), g_bytes_get_size (f->dg2));

  /* 6988 mid-read: the session is over; re-authenticate and resume. */
  g_byte_array_set_size (dg2, 1000);
  bp_virtual_chip_set_sm_error_at (f->chip, BP_VIRTUAL_CHIP_FID_DG (2), 1500);
  g_assert_false (sm_read (f->card, sm, 0x0102, 223, dg2, &error));
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_STATUS);
  g_assert_false (bp_sm_is_open (sm));
  g_clear_error (&error);
  g_clear_pointer (&sm, bp_sm_unref);
  sm = bp_bac_authenticate (f->card, f->mrz_information, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sm_read (f->card, sm, 0x0102, 223, dg2, &error));
  g_assert_cmpmem (dg2->data, dg2->len, g_bytes_get_data (f->dg2, NULL), g_bytes_get_size (f->dg2));
}

static void
assert_file (BpChipResult *result,
             const char *name,
             GBytes *expected)
{
  const BpChipFile *file = bp_chip_result_lookup_file (result, name);

  g_assert_nonnull (file);
  g_assert_cmpint (file->status, ==, BP_CHIP_FILE_READ);
  g_assert_true (g_bytes_equal (file->data, expected));
}

static void
assert_all_files (Fixture *f,
                  BpChipResult *result)
{
  const BpChipFile *dg3 = bp_chip_result_lookup_file (result, "DG3");

  assert_file (result, "COM", f->com);
  assert_file (result, "DG1", f->dg1);
  assert_file (result, "DG2", f->dg2);
  assert_file (result, "SOD", f->sod);
  g_assert_nonnull (dg3);
  g_assert_cmpint (dg3->status, ==, BP_CHIP_FILE_NOT_ALLOWED);
}

static BpChipResult *
read_chip (Fixture *f,
           const char *can,
           GError **error)
{
  g_autoptr (BpChipReading) reading = bp_chip_reading_new (f->mrz_information, can);

  return bp_chip_reading_run (reading, f->card, NULL, error);
}

static void
reconnect (Fixture *f)
{
  g_autoptr (GError) error = NULL;

  g_clear_object (&f->card);
  f->card = bp_card_reader_connect (BP_CARD_READER (f->reader), NULL, &error);
  g_assert_no_error (error);
}

static void
test_reading_protocols (Fixture *f,
                        gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpChipResult) bac = NULL;
  g_autoptr (BpChipResult) pace = NULL;
  g_autoptr (BpChipResult) can = NULL;
  g_autoptr (BpChipResult) aes256 = NULL;
  g_autoptr (GBytes) card_access = NULL;

  /* BAC and PACE offered: PACE (generic mapping) comes first. */
  pace = read_chip (f, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_chip_result_get_protocol (pace), ==, BP_CHIP_PROTOCOL_PACE_GM);
  g_assert_null (bp_chip_result_get_pace_error (pace));
  assert_all_files (f, pace);
  card_access = bp_virtual_chip_dup_file (f->chip, BP_VIRTUAL_CHIP_FID_CARD_ACCESS);
  assert_file (pace, "CardAccess", card_access);

  /* With the card access number. */
  bp_virtual_chip_set_can (f->chip, "123456");
  reconnect (f);
  can = read_chip (f, "123456", &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_chip_result_get_protocol (can), ==, BP_CHIP_PROTOCOL_PACE_GM);
  assert_file (can, "DG1", f->dg1);

  /* Other domain parameters and AES-256. */
  g_assert_true (bp_virtual_chip_set_pace_parameters (f->chip, "0.4.0.127.0.7.2.2.4.2.4", 12, &error));
  reconnect (f);
  aes256 = read_chip (f, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_chip_result_get_protocol (aes256), ==, BP_CHIP_PROTOCOL_PACE_GM);
  assert_all_files (f, aes256);

  /* BAC only. */
  bp_virtual_chip_set_protocols (f->chip, BP_VIRTUAL_CHIP_BAC);
  reconnect (f);
  bac = read_chip (f, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_chip_result_get_protocol (bac), ==, BP_CHIP_PROTOCOL_BAC);
  assert_all_files (f, bac);
}

/* Each PACE variant the chip offers, read by the chip module's reader on
 * a PACE-only chip so that nothing falls back to BAC. */
static void
test_reading_pace_variants (Fixture *f,
                            gconstpointer data)
{
  static const struct
  {
    const char *oid;
    int parameter_id;
    BpChipProtocol protocol;
  } cases[] = {
    { "0.4.0.127.0.7.2.2.4.1.2", 0, BP_CHIP_PROTOCOL_PACE_GM },  /* DH 1024/160 */
    { "0.4.0.127.0.7.2.2.4.1.2", 2, BP_CHIP_PROTOCOL_PACE_GM },  /* DH 2048/256 */
    { "0.4.0.127.0.7.2.2.4.2.1", 13, BP_CHIP_PROTOCOL_PACE_GM }, /* 3DES */
    { "0.4.0.127.0.7.2.2.4.2.4", 18, BP_CHIP_PROTOCOL_PACE_GM }, /* P-521, AES-256 */
    { "0.4.0.127.0.7.2.2.4.4.2", 13, BP_CHIP_PROTOCOL_PACE_IM },
    { "0.4.0.127.0.7.2.2.4.6.2", 13, BP_CHIP_PROTOCOL_PACE_CAM }, /* CAM, AES-128 */
  };

  bp_virtual_chip_set_protocols (f->chip, BP_VIRTUAL_CHIP_PACE);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (BpChipResult) result = NULL;

      g_test_message ("PACE %s, parameters %d", cases[i].oid, cases[i].parameter_id);
      g_assert_true (bp_virtual_chip_set_pace_parameters (f->chip, cases[i].oid, cases[i].parameter_id, &error));
      reconnect (f);
      result = read_chip (f, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (bp_chip_result_get_protocol (result), ==, cases[i].protocol);
      assert_all_files (f, result);
      /* CAM: the chip's encrypted CA data is kept for the authenticity checks. */
      if (cases[i].protocol == BP_CHIP_PROTOCOL_PACE_CAM)
        g_assert_nonnull (bp_chip_result_get_cam_data (result));
    }
}

static void
test_reading_wrong_key (Fixture *f,
                        gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpChipResult) result = NULL;

  g_free (f->mrz_information);
  f->mrz_information = bp_bac_mrz_information ("L898902C3", "740812", "120416", &error);
  result = read_chip (f, NULL, &error);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_ACCESS_DENIED);
  g_assert_null (result);
}

static void
test_reading_wrong_mac (Fixture *f,
                        gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpChipResult) result = NULL;

  bp_virtual_chip_set_wrong_response_mac (f->chip, 4);
  result = read_chip (f, NULL, &error);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_SM_BAD_MAC);
  g_assert_null (result);
}

static void
test_reading_removed (Fixture *f,
                      gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (BpChipReading) reading = bp_chip_reading_new (f->mrz_information, NULL);
  guint apdus_before, apdus_full;

  bp_virtual_chip_remove_after_file_bytes (f->chip, BP_VIRTUAL_CHIP_FID_DG (2), 12000);
  result = bp_chip_reading_run (reading, f->card, NULL, &error);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_REMOVED);
  g_assert_null (result);
  g_clear_error (&error);

  /* Nothing answers until the document is back. */
  g_clear_object (&f->card);
  f->card = bp_card_reader_connect (BP_CARD_READER (f->reader), NULL, &error);
  g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_CARD);
  g_clear_error (&error);
  bp_virtual_chip_insert (f->chip);
  reconnect (f);

  apdus_before = bp_virtual_chip_get_n_apdus (f->chip);
  result = bp_chip_reading_run (reading, f->card, NULL, &error);
  g_assert_no_error (error);
  assert_all_files (f, result);
  /* The resume did not read DG2 again from the start: 20 KB in 223-byte
   * reads alone would be about 90 APDUs. */
  apdus_full = bp_virtual_chip_get_n_apdus (f->chip) - apdus_before;
  g_test_message ("APDUs after re-insertion: %u", apdus_full);
  g_assert_cmpuint (apdus_full, <, 60);
}

static void
test_reading_sm_error (Fixture *f,
                       gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpChipResult) result = NULL;

  bp_virtual_chip_set_sm_error_at (f->chip, BP_VIRTUAL_CHIP_FID_DG (2), 9000);
  result = read_chip (f, NULL, &error);
  g_assert_no_error (error);
  assert_all_files (f, result);
  g_assert_cmpuint (bp_chip_result_get_reauthentications (result), ==, 1);
}

static void
test_reading_le_refused (Fixture *f,
                         gconstpointer data)
{
  static const guint16 refusals[] = { 0x6700, 0x6B00, 0x6282 };

  for (gsize i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (BpChipResult) result = NULL;

      g_test_message ("Le=256 refused with %04X", refusals[i]);
      bp_virtual_chip_set_max_short_le (f->chip, 223, refusals[i]);
      reconnect (f);
      result = read_chip (f, NULL, &error);
      g_assert_no_error (error);
      assert_all_files (f, result);
    }

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (BpChipResult) result = NULL;

    bp_virtual_chip_set_max_short_le (f->chip, 160, 0x6700);
    reconnect (f);
    result = read_chip (f, NULL, &error);
    g_assert_no_error (error);
    assert_all_files (f, result);
  }
}

static void
test_reading_extended_length (Fixture *f,
                              gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpChipResult) shortened = NULL;
  g_autoptr (BpChipResult) extended = NULL;

  shortened = read_chip (f, NULL, &error);
  g_assert_no_error (error);
  bp_virtual_chip_set_extended_length (f->chip, TRUE);
  reconnect (f);
  extended = read_chip (f, NULL, &error);
  g_assert_no_error (error);
  assert_all_files (f, extended);
  g_test_message ("APDUs: short %u, extended %u", bp_chip_result_get_apdu_count (shortened),
                  bp_chip_result_get_apdu_count (extended));
  g_assert_cmpuint (bp_chip_result_get_apdu_count (extended) * 3, <=,
                    bp_chip_result_get_apdu_count (shortened));
}

static void
test_reading_slow (Fixture *f,
                   gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpChipResult) result = NULL;

  bp_virtual_chip_set_file (f->chip, BP_VIRTUAL_CHIP_FID_DG (2), f->dg1);
  bp_virtual_chip_set_delay (f->chip, 5);
  result = read_chip (f, NULL, &error);
  g_assert_no_error (error);
  assert_file (result, "DG2", f->dg1);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/borderpost/card/virtual-chip/e2e/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("bac-read", test_bac_read);
  ADD ("bac-wrong-key", test_bac_wrong_key);
  ADD ("bac-faults", test_bac_faults);
  ADD ("reading/protocols", test_reading_protocols);
  ADD ("reading/pace-variants", test_reading_pace_variants);
  ADD ("reading/wrong-key", test_reading_wrong_key);
  ADD ("reading/wrong-mac", test_reading_wrong_mac);
  ADD ("reading/removed", test_reading_removed);
  ADD ("reading/sm-error", test_reading_sm_error);
  ADD ("reading/le-refused", test_reading_le_refused);
  ADD ("reading/extended-length", test_reading_extended_length);
  ADD ("reading/slow", test_reading_slow);
#undef ADD

  return g_test_run ();
}
