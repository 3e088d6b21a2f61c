/* test-virtual-chip-e2e.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bp-bac.h"
#include "bp-chip-error.h"
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
  bp_virtual_chip_set_file (f->chip, BP_VIRTUAL_CHIP_FID_DG (1), f->dg1);
  bp_virtual_chip_set_file (f->chip, BP_VIRTUAL_CHIP_FID_DG (2), f->dg2);
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
#undef ADD

  return g_test_run ();
}
