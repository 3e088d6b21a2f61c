/* test-virtual-chip-faults.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bp-chip-error.h"
#include "bp-virtual-reader.h"
#include "virtual-chip-test-util.h"

/* Each fault knob of the virtual chip, seen by a scripted reader. */

typedef struct
{
  BpVirtualReader *reader;
  BpVirtualChip *chip;
  BpCard *card;
  GBytes *dg1;
  GBytes *dg2;
  BpSm *sm;
} Fixture;

static void
fixture_set_up (Fixture *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->chip = bp_virtual_chip_new ("L898902C3", "740812", "120415");
  f->dg1 = test_dg1_new (TEST_TD3_MRZ);
  f->dg2 = test_dg2_new (3000);
  bp_virtual_chip_set_file (f->chip, BP_VIRTUAL_CHIP_FID_DG (1), f->dg1);
  bp_virtual_chip_set_file (f->chip, BP_VIRTUAL_CHIP_FID_DG (2), f->dg2);
  f->reader = bp_virtual_reader_new (0);
  bp_virtual_reader_insert (f->reader, f->chip);
  f->card = bp_card_reader_connect (BP_CARD_READER (f->reader), NULL, &error);
  g_assert_no_error (error);
  f->sm = test_bac_session (f->card, f->chip);
}

static void
fixture_tear_down (Fixture *f,
                   gconstpointer data)
{
  g_clear_pointer (&f->sm, bp_sm_unref);
  g_clear_object (&f->card);
  g_assert_finalize_object (f->reader);
  g_assert_finalize_object (f->chip);
  g_bytes_unref (f->dg1);
  g_bytes_unref (f->dg2);
}

static void
reauthenticate (Fixture *f)
{
  g_clear_pointer (&f->sm, bp_sm_unref);
  f->sm = test_bac_session (f->card, f->chip);
}

/* Reads DG2 from offset in chunks of 231 bytes onto out until the end or
 * a transport error, which it returns. */
static GError *
read_dg2 (Fixture *f,
          GByteArray *out)
{
  gsize size = g_bytes_get_size (f->dg2);

  test_sm_assert_sw (f->card, f->sm, 0xA4, 0x02, 0x0C, "0102", 0, 0x9000);
  while (out->len < size)
    {
      g_autoptr (GBytes) command = NULL;
      g_autoptr (GBytes) response = NULL;
      g_autoptr (GBytes) plain = NULL;
      GError *error = NULL;
      BpApdu apdu = { .ins = 0xB0, .p1 = out->len >> 8, .p2 = out->len & 0xFF, .ne = MIN (231, size - out->len) };
      gsize n;
      const guint8 *data;

      command = bp_sm_protect_command (f->sm, &apdu, &error);
      g_assert_no_error (error);
      response = bp_card_transmit (f->card, command, NULL, &error);
      if (response == NULL)
        return error;
      plain = bp_sm_unprotect_response (f->sm, response, &error);
      g_assert_no_error (error);
      if (test_sw (plain) != 0x9000)
        return g_error_new (BP_CHIP_ERROR, BP_CHIP_ERROR_STATUS, "%04X", test_sw (plain));
      data = g_bytes_get_data (plain, &n);
      g_byte_array_append (out, data, n - 2);
    }
  return NULL;
}

static void
test_wrong_response_mac (Fixture *f,
                         gconstpointer data)
{
  g_autoptr (GBytes) command = NULL;
  g_autoptr (GBytes) response = NULL;
  g_autoptr (GBytes) plain = NULL;
  g_autoptr (GError) error = NULL;
  BpApdu apdu = { .ins = 0xB0, .p1 = 0x81, .p2 = 0x00, .ne = 8 };

  bp_virtual_chip_set_wrong_response_mac (f->chip, 2);
  test_sm_assert_sw (f->card, f->sm, 0xB0, 0x81, 0x00, NULL, 8, 0x9000);
  command = bp_sm_protect_command (f->sm, &apdu, &error);
  g_assert_no_error (error);
  response = bp_card_transmit (f->card, command, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmphex (test_sw (response), ==, 0x9000);
  plain = bp_sm_unprotect_response (f->sm, response, &error);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_SM_BAD_MAC);
  g_assert_null (plain);

  /* Every later response is wrong too, until the knob is turned off. */
  g_clear_error (&error);
  reauthenticate (f);
  g_clear_pointer (&command, g_bytes_unref);
  g_clear_pointer (&response, g_bytes_unref);
  command = bp_sm_protect_command (f->sm, &apdu, &error);
  response = bp_card_transmit (f->card, command, NULL, &error);
  plain = bp_sm_unprotect_response (f->sm, response, &error);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_SM_BAD_MAC);
  g_clear_error (&error);
  bp_virtual_chip_set_wrong_response_mac (f->chip, 0);
  reauthenticate (f);
  test_sm_assert_sw (f->card, f->sm, 0xB0, 0x81, 0x00, NULL, 8, 0x9000);
}

static void
test_delay (Fixture *f,
            gconstpointer data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GBytes) command = test_bytes_from_hex ("00A4040C07A0000002471001");
  g_autoptr (GBytes) response = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start;

  bp_virtual_chip_set_delay (f->chip, 60);
  start = g_get_monotonic_time ();
  test_assert_sw (f->card, "00A4040C07A0000002471001", 0x9000);
  test_assert_sw (f->card, "00A4040C07A0000002471001", 0x9000);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 120 * 1000);

  g_cancellable_cancel (cancellable);
  response = bp_card_transmit (f->card, command, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (response);

  bp_virtual_chip_set_delay (f->chip, 0);
  start = g_get_monotonic_time ();
  test_assert_sw (f->card, "00A4040C07A0000002471001", 0x9000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 50 * 1000);
}

static void
test_removed (Fixture *f,
              gconstpointer data)
{
  g_autoptr (GByteArray) dg2 = g_byte_array_new ();
  g_autoptr (GError) error = NULL;

  /* Now. */
  bp_virtual_chip_remove (f->chip);
  g_assert_false (bp_virtual_chip_is_present (f->chip));
  test_assert_removed (f->card, "00A4040C07A0000002471001");
  test_assert_removed (f->card, "00A4040C07A0000002471001");
  bp_virtual_chip_insert (f->chip);
  /* Powered up afresh: no session, so data groups are closed again. */
  g_assert_null (bp_virtual_chip_get_session (f->chip));
  test_assert_sw (f->card, "00A4040C07A0000002471001", 0x9000);
  test_assert_sw (f->card, "00B0810004", 0x6982);

  /* After two more APDUs. */
  bp_virtual_chip_remove_after_apdus (f->chip, 2);
  test_assert_sw (f->card, "00A4040C07A0000002471001", 0x9000);
  test_assert_sw (f->card, "00A4040C07A0000002471001", 0x9000);
  test_assert_removed (f->card, "00A4040C07A0000002471001");
  test_assert_removed (f->card, "00A4040C07A0000002471001");
  bp_virtual_chip_insert (f->chip);
  test_assert_sw (f->card, "00A4040C07A0000002471001", 0x9000);
  test_assert_sw (f->card, "00A4040C07A0000002471001", 0x9000);
  test_assert_sw (f->card, "00A4040C07A0000002471001", 0x9000);

  /* Mid-file: the read stops at the byte, then resumes where it was. */
  reauthenticate (f);
  bp_virtual_chip_remove_after_file_bytes (f->chip, BP_VIRTUAL_CHIP_FID_DG (2), 1000);
  error = read_dg2 (f, dg2);
  g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_REMOVED);
  g_assert_cmpuint (dg2->len, ==, 924);
  g_assert_false (bp_virtual_chip_is_present (f->chip));
  g_clear_error (&error);
  bp_virtual_chip_insert (f->chip);
  reauthenticate (f);
  error = read_dg2 (f, dg2);
  g_assert_no_error (error);
  g_assert_cmpmem (dg2->data, dg2->len, g_bytes_get_data (f->dg2, NULL), g_bytes_get_size (f->dg2));
}

static void
test_truncated_and_corrupted (Fixture *f,
                              gconstpointer data)
{
  g_autoptr (GByteArray) dg1 = NULL;
  g_autoptr (GByteArray) dg2 = NULL;
  g_autoptr (GBytes) stored = NULL;

  bp_virtual_chip_set_truncated_file (f->chip, BP_VIRTUAL_CHIP_FID_DG (2), 1000);
  test_sm_assert_sw (f->card, f->sm, 0xA4, 0x02, 0x0C, "0102", 0, 0x9000);
  dg2 = test_sm_read_file (f->card, f->sm, 0x0102, 200, FALSE);
  g_assert_cmpuint (dg2->len, ==, 1000);
  g_assert_cmpmem (dg2->data, 1000, g_bytes_get_data (f->dg2, NULL), 1000);
  test_sm_assert_sw (f->card, f->sm, 0xB0, 0x03, 0xE8, NULL, 1, 0x6B00);
  bp_virtual_chip_set_truncated_file (f->chip, BP_VIRTUAL_CHIP_FID_DG (2), -1);
  g_clear_pointer (&dg2, g_byte_array_unref);
  dg2 = test_sm_read_file (f->card, f->sm, 0x0102, 200, FALSE);
  g_assert_cmpuint (dg2->len, ==, g_bytes_get_size (f->dg2));

  bp_virtual_chip_set_corrupted_file (f->chip, BP_VIRTUAL_CHIP_FID_DG (1), 10);
  test_sm_assert_sw (f->card, f->sm, 0xA4, 0x02, 0x0C, "0101", 0, 0x9000);
  dg1 = test_sm_read_file (f->card, f->sm, 0x0101, 64, FALSE);
  g_assert_cmpuint (dg1->len, ==, g_bytes_get_size (f->dg1));
  g_assert_cmpuint (dg1->data[10], ==, ((const guint8 *) g_bytes_get_data (f->dg1, NULL))[10] ^ 0xFF);
  dg1->data[10] ^= 0xFF;
  g_assert_cmpmem (dg1->data, dg1->len, g_bytes_get_data (f->dg1, NULL), g_bytes_get_size (f->dg1));
  /* The stored file is untouched. */
  stored = bp_virtual_chip_dup_file (f->chip, BP_VIRTUAL_CHIP_FID_DG (1));
  g_assert_true (g_bytes_equal (stored, f->dg1));
}

static void
test_sm_error_once (Fixture *f,
                    gconstpointer data)
{
  g_autoptr (GByteArray) dg2 = g_byte_array_new ();
  g_autoptr (GError) error = NULL;

  bp_virtual_chip_set_sm_error_at (f->chip, BP_VIRTUAL_CHIP_FID_DG (2), 500);
  error = read_dg2 (f, dg2);
  /* The chip answers a bare 6988, which ends the session. */
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_STATUS);
  g_assert_cmpstr (error->message, ==, "6988");
  g_assert_cmpuint (dg2->len, ==, 462);
  g_assert_null (bp_virtual_chip_get_session (f->chip));
  g_clear_error (&error);

  /* Re-authenticate and resume: the fault happens only once. */
  reauthenticate (f);
  error = read_dg2 (f, dg2);
  g_assert_no_error (error);
  g_assert_cmpmem (dg2->data, dg2->len, g_bytes_get_data (f->dg2, NULL), g_bytes_get_size (f->dg2));
}

static void
test_max_short_le (Fixture *f,
                   gconstpointer data)
{
  g_autoptr (GBytes) response = NULL;
  static const guint16 refusals[] = { 0x6700, 0x6B00, 0x6282 };

  for (gsize i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      bp_virtual_chip_set_max_short_le (f->chip, 255, refusals[i]);
      test_sm_assert_sw (f->card, f->sm, 0xB0, 0x82, 0x00, NULL, 256, refusals[i]);
      test_sm_assert_sw (f->card, f->sm, 0xB0, 0x82, 0x00, NULL, 223, 0x9000);
    }
  /* A chip that only takes 160 bytes at a time. */
  bp_virtual_chip_set_max_short_le (f->chip, 160, 0x6700);
  test_sm_assert_sw (f->card, f->sm, 0xB0, 0x82, 0x00, NULL, 223, 0x6700);
  response = test_sm_exchange (f->card, f->sm, 0xB0, 0x82, 0x00, NULL, 160, 0x9000);
  test_assert_response_data (response, f->dg2, 0, 160);
  bp_virtual_chip_set_max_short_le (f->chip, 256, 0x6700);
  test_sm_assert_sw (f->card, f->sm, 0xB0, 0x82, 0x00, NULL, 256, 0x9000);
}

static void
test_extended_length (Fixture *f,
                      gconstpointer data)
{
  g_autoptr (GByteArray) dg2 = NULL;

  /* Without support the extended command is refused outright. */
  {
    g_autoptr (GBytes) command = NULL;
    g_autoptr (GBytes) response = NULL;
    g_autoptr (GError) error = NULL;
    BpApdu apdu = { .ins = 0xB0, .p1 = 0x82, .p2 = 0x00, .ne = 65536, .extended = TRUE };

    command = bp_sm_protect_command (f->sm, &apdu, &error);
    response = bp_card_transmit (f->card, command, NULL, &error);
    g_assert_no_error (error);
    test_assert_bytes_hex (response, "6700");
  }

  bp_virtual_chip_set_extended_length (f->chip, TRUE);
  reauthenticate (f);
  test_sm_assert_sw (f->card, f->sm, 0xA4, 0x02, 0x0C, "0102", 0, 0x9000);
  dg2 = test_sm_read_file (f->card, f->sm, 0x0102, 65536, TRUE);
  g_assert_cmpmem (dg2->data, dg2->len, g_bytes_get_data (f->dg2, NULL), g_bytes_get_size (f->dg2));
}

typedef struct
{
  BpVirtualChip *chip;
  gboolean stop;
} Toggler;

static gpointer
toggle_thread (gpointer data)
{
  Toggler *t = data;

  for (guint i = 0; !g_atomic_int_get (&t->stop); i++)
    {
      bp_virtual_chip_set_delay (t->chip, i % 2);
      bp_virtual_chip_set_corrupted_file (t->chip, 0x0105, i % 3 ? -1 : 1);
      bp_virtual_chip_set_truncated_file (t->chip, 0x0105, i % 5 ? -1 : 1);
      g_thread_yield ();
    }
  return NULL;
}

static void
test_knobs_from_another_thread (Fixture *f,
                                gconstpointer data)
{
  Toggler t = { f->chip, FALSE };
  GThread *thread = g_thread_new ("knobs", toggle_thread, &t);
  g_autoptr (GByteArray) dg2 = NULL;

  test_sm_assert_sw (f->card, f->sm, 0xA4, 0x02, 0x0C, "0102", 0, 0x9000);
  dg2 = test_sm_read_file (f->card, f->sm, 0x0102, 100, FALSE);
  g_atomic_int_set (&t.stop, TRUE);
  g_thread_join (thread);
  g_assert_cmpmem (dg2->data, dg2->len, g_bytes_get_data (f->dg2, NULL), g_bytes_get_size (f->dg2));
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/borderpost/card/virtual-chip/faults/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("wrong-response-mac", test_wrong_response_mac);
  ADD ("delay", test_delay);
  ADD ("removed", test_removed);
  ADD ("truncated-and-corrupted", test_truncated_and_corrupted);
  ADD ("sm-error-once", test_sm_error_once);
  ADD ("max-short-le", test_max_short_le);
  ADD ("extended-length", test_extended_length);
  ADD ("knobs-from-another-thread", test_knobs_from_another_thread);
#undef ADD

  return g_test_run ();
}
