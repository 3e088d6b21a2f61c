/* test-chip-reading.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bp-chip-error.h"
#include "bp-chip-reading.h"
#include "bp-tlv.h"
#include "emrtd-sim-chip.h"

static void
assert_file (BpChipResult *result,
             SimChip *chip,
             const char *name,
             guint16 fid)
{
  const BpChipFile *file = bp_chip_result_lookup_file (result, name);

  g_assert_nonnull (file);
  g_assert_cmpstr (bp_chip_file_status_to_string (file->status), ==, "read");
  g_assert_true (g_bytes_equal (file->data, sim_chip_get_file (chip, fid)));
}

static void
assert_all_files (BpChipResult *result,
                  SimChip *chip)
{
  const BpChipFile *dg3;

  assert_file (result, chip, "COM", 0x011E);
  assert_file (result, chip, "DG1", 0x0101);
  assert_file (result, chip, "DG2", 0x0102);
  assert_file (result, chip, "DG11", 0x010B);
  assert_file (result, chip, "SOD", 0x011D);
  dg3 = bp_chip_result_lookup_file (result, "DG3");
  g_assert_nonnull (dg3);
  g_assert_cmpint (dg3->status, ==, BP_CHIP_FILE_NOT_ALLOWED);
  g_assert_cmpstr (dg3->message, ==, "not read: needs Terminal Authentication");
  g_assert_null (bp_chip_result_lookup_file (result, "DG12"));
  g_assert_cmpint (bp_chip_result_lookup_file (result, "CardAccess")->status, ==, BP_CHIP_FILE_ABSENT);
}

/* Offsets must never go back: a resume continues, it does not restart. */
static void
assert_offsets_increase (SimChip *chip,
                         guint16 fid,
                         gsize total)
{
  g_autoptr (GArray) offsets = sim_chip_offsets (chip, fid);

  g_assert_cmpuint (offsets->len, >, 0);
  g_assert_cmpuint (g_array_index (offsets, gsize, 0), ==, 0);
  for (guint i = 1; i < offsets->len; i++)
    g_assert_cmpuint (g_array_index (offsets, gsize, i), >, g_array_index (offsets, gsize, i - 1));
  g_assert_cmpuint (g_array_index (offsets, gsize, offsets->len - 1), <, total);
}

static void
test_read_bac (void)
{
  g_autoptr (SimChip) chip = sim_chip_new (3000);
  g_autoptr (BpChipReading) reading = bp_chip_reading_new (SIM_MRZ, NULL);
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (GError) error = NULL;

  result = bp_chip_reading_run (reading, BP_CARD (chip), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_chip_result_get_protocol (result), ==, BP_CHIP_PROTOCOL_BAC);
  g_assert_nonnull (strstr (bp_chip_result_get_protocol_reason (result), "does not offer PACE"));
  g_assert_null (bp_chip_result_get_pace_error (result));
  assert_all_files (result, chip);
  assert_offsets_increase (chip, 0x0102, 3000);
  g_assert_cmpuint (bp_chip_result_get_apdu_count (result), ==, chip->n_apdus);
  g_assert_cmpuint (bp_chip_result_get_reauthentications (result), ==, 0);
}

static void
test_wrong_mrz (void)
{
  g_autoptr (SimChip) chip = sim_chip_new (3000);
  g_autoptr (BpChipReading) reading = bp_chip_reading_new ("L898902C<369080619406237", NULL);
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (GError) error = NULL;

  result = bp_chip_reading_run (reading, BP_CARD (chip), NULL, &error);
  g_assert_null (result);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_ACCESS_DENIED);
  g_assert_cmpstr (error->message, ==,
                   "The access key from the printed MRZ was refused by the chip: check the "
                   "document number, birth date and expiry date.");
}

static void
test_can_only_without_pace (void)
{
  g_autoptr (SimChip) chip = sim_chip_new (300);
  g_autoptr (BpChipReading) reading = bp_chip_reading_new (NULL, "123456");
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (GError) error = NULL;

  result = bp_chip_reading_run (reading, BP_CARD (chip), NULL, &error);
  g_assert_null (result);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_BAD_KEY);
}

static void
test_adaptive_sizes (void)
{
  const guint16 refusals[] = { 0x6282, 0x6B00, 0x6700 };
  const gsize limits[] = { 223, 160 };
  const gsize paths[] = { 261, 65546 };

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    for (guint j = 0; j < G_N_ELEMENTS (limits); j++)
      for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
        {
          g_autoptr (SimChip) chip = sim_chip_new (3000);
          g_autoptr (BpChipReading) reading = bp_chip_reading_new (SIM_MRZ, NULL);
          g_autoptr (BpChipResult) result = NULL;
          g_autoptr (GError) error = NULL;
          guint refused = 0;
          gboolean tried_256 = FALSE;

          g_test_message ("refusal %04X above %zu, path %zu", refusals[i], limits[j], paths[p]);
          chip->max_le = limits[j];
          chip->refuse_sw = refusals[i];
          chip->max_transceive = paths[p];
          result = bp_chip_reading_run (reading, BP_CARD (chip), NULL, &error);
          g_assert_no_error (error);
          assert_all_files (result, chip);

          /* Each refused size is tried once in the session, then remembered. */
          for (guint k = 0; k < chip->reads->len; k++)
            {
              SimRead *read = &g_array_index (chip->reads, SimRead, k);

              if (read->ne > limits[j])
                refused++;
              if (read->ne == 256)
                tried_256 = TRUE;
            }
          if (paths[p] == 261)
            {
              /* Short APDUs only: 256 never fits a protected answer. */
              g_assert_false (tried_256);
              g_assert_cmpuint (refused, ==, limits[j] == 223 ? 0 : 1);
            }
          else
            {
              /* Extended refused, then Le=256 refused, then 223 (and 160). */
              g_assert_true (tried_256);
              g_assert_cmpuint (refused, ==, limits[j] == 223 ? 2 : 3);
            }
        }
}

static void
test_extended_length (void)
{
  g_autoptr (SimChip) chip = sim_chip_new (20000);
  g_autoptr (SimChip) short_chip = sim_chip_new (20000);
  g_autoptr (BpChipReading) reading = bp_chip_reading_new (SIM_MRZ, NULL);
  g_autoptr (BpChipReading) short_reading = bp_chip_reading_new (SIM_MRZ, NULL);
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (BpChipResult) short_result = NULL;
  g_autoptr (GArray) offsets = NULL;
  g_autoptr (GError) error = NULL;

  chip->max_transceive = 65546;
  result = bp_chip_reading_run (reading, BP_CARD (chip), NULL, &error);
  g_assert_no_error (error);
  assert_all_files (result, chip);
  offsets = sim_chip_offsets (chip, 0x0102);
  g_assert_cmpuint (offsets->len, ==, 2); /* header, then the rest at once */

  short_result = bp_chip_reading_run (short_reading, BP_CARD (short_chip), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bp_chip_result_get_apdu_count (result) * 3, <,
                    bp_chip_result_get_apdu_count (short_result));
}

static void
test_extended_refused (void)
{
  g_autoptr (SimChip) chip = sim_chip_new (5000);
  g_autoptr (BpChipReading) reading = bp_chip_reading_new (SIM_MRZ, NULL);
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (GError) error = NULL;

  /* The reader path carries extended APDUs but the chip does not. */
  chip->max_transceive = 65546;
  chip->max_le = 223;
  chip->refuse_sw = 0x6700;
  result = bp_chip_reading_run (reading, BP_CARD (chip), NULL, &error);
  g_assert_no_error (error);
  assert_all_files (result, chip);
}

static void
test_max_read (void)
{
  g_autoptr (SimChip) chip = sim_chip_new (3000);
  g_autoptr (BpChipReading) reading = bp_chip_reading_new (SIM_MRZ, NULL);
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (GError) error = NULL;

  chip->max_transceive = 65546;
  bp_chip_reading_set_max_read (reading, 223);
  result = bp_chip_reading_run (reading, BP_CARD (chip), NULL, &error);
  g_assert_no_error (error);
  assert_all_files (result, chip);
  for (guint k = 0; k < chip->reads->len; k++)
    g_assert_cmpuint (g_array_index (chip->reads, SimRead, k).ne, <=, 223);
}

static void
test_resume_after_6988 (void)
{
  g_autoptr (SimChip) chip = sim_chip_new (3000);
  g_autoptr (BpChipReading) reading = bp_chip_reading_new (SIM_MRZ, NULL);
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (GArray) offsets = NULL;
  g_autoptr (GError) error = NULL;
  gsize broken_offset;

  /* Reads 1-2 are EF.COM, 3-4 DG1, 5 is DG2's header: break at DG2's
   * third chunk. */
  chip->break_at_read = 8;
  result = bp_chip_reading_run (reading, BP_CARD (chip), NULL, &error);
  g_assert_no_error (error);
  assert_all_files (result, chip);
  g_assert_cmpuint (chip->n_challenges, ==, 2);
  g_assert_cmpuint (bp_chip_result_get_reauthentications (result), ==, 1);

  /* Every DG2 offset read exactly once: resumed, not restarted. */
  offsets = sim_chip_offsets (chip, 0x0102);
  assert_offsets_increase (chip, 0x0102, 3000);
  broken_offset = g_array_index (offsets, gsize, 3);
  g_assert_cmpuint (broken_offset, >, 0);
  {
    g_autoptr (GArray) com = sim_chip_offsets (chip, 0x011E);
    g_assert_cmpuint (com->len, ==, 2);
  }
}

static void
test_removed_and_resume (void)
{
  g_autoptr (SimChip) chip = sim_chip_new (3000);
  g_autoptr (SimChip) again = sim_chip_new (3000);
  g_autoptr (BpChipReading) reading = bp_chip_reading_new (SIM_MRZ, NULL);
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (GArray) first = NULL;
  g_autoptr (GArray) second = NULL;
  g_autoptr (GError) error = NULL;
  gsize last_offset;

  chip->remove_at_read = 9;
  result = bp_chip_reading_run (reading, BP_CARD (chip), NULL, &error);
  g_assert_null (result);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_REMOVED);
  g_assert_nonnull (strstr (error->message, "put the document back"));
  g_clear_error (&error);
  g_assert_cmpint (bp_chip_result_lookup_file (bp_chip_reading_get_result (reading), "DG1")->status, ==,
                   BP_CHIP_FILE_READ);

  first = sim_chip_offsets (chip, 0x0102);
  last_offset = g_array_index (first, gsize, first->len - 1);

  /* The document is back: the same reading continues with DG2. */
  result = bp_chip_reading_run (reading, BP_CARD (again), NULL, &error);
  g_assert_no_error (error);
  assert_all_files (result, again);
  second = sim_chip_offsets (again, 0x0102);
  g_assert_cmpuint (g_array_index (second, gsize, 0), >, last_offset);
  {
    g_autoptr (GArray) com = sim_chip_offsets (again, 0x011E);
    g_autoptr (GArray) dg1 = sim_chip_offsets (again, 0x0101);
    g_assert_cmpuint (com->len, ==, 0);
    g_assert_cmpuint (dg1->len, ==, 0);
  }
}

static void
test_garbage_chip (void)
{
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr (SimChip) chip = sim_chip_new (3000);
      g_autoptr (BpChipReading) reading = bp_chip_reading_new (SIM_MRZ, NULL);
      g_autoptr (BpChipResult) result = NULL;
      g_autoptr (GError) error = NULL;

      chip->garbage = TRUE;
      result = bp_chip_reading_run (reading, BP_CARD (chip), NULL, &error);
      /* Either an error, or a result whose files all failed. */
      if (result == NULL)
        g_assert_nonnull (error);
      else
        g_assert_null (bp_chip_result_get_file_data (result, "DG2"));
    }
}

static void
test_wrong_le (void)
{
  g_autoptr (SimChip) chip = sim_chip_new (3000);
  g_autoptr (BpChipReading) reading = bp_chip_reading_new (SIM_MRZ, NULL);
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (GError) error = NULL;
  guint at_offset = 0;

  /* DG2's second chunk starts at 8 + 223: the chip asks for Le=100 there
   * (6C64 inside secure messaging) and gets it. */
  chip->wrong_le_at = 8 + 223;
  result = bp_chip_reading_run (reading, BP_CARD (chip), NULL, &error);
  g_assert_no_error (error);
  assert_all_files (result, chip);
  for (guint k = 0; k < chip->reads->len; k++)
    {
      SimRead *read = &g_array_index (chip->reads, SimRead, k);

      if (read->fid == 0x0102 && read->offset == 8 + 223)
        {
          g_assert_cmpuint (read->ne, ==, (at_offset == 0 ? 223 : 100));
          at_offset++;
        }
    }
  g_assert_cmpuint (at_offset, ==, 2);
  g_assert_cmpuint (bp_chip_result_get_reauthentications (result), ==, 0);
}

static void
test_cancelled (void)
{
  g_autoptr (SimChip) chip = sim_chip_new (300);
  g_autoptr (BpChipReading) reading = bp_chip_reading_new (SIM_MRZ, NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (GError) error = NULL;

  g_cancellable_cancel (cancellable);
  result = bp_chip_reading_run (reading, BP_CARD (chip), cancellable, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (chip->n_apdus, ==, 0);
}

static void
test_card_access_without_pace (void)
{
  g_autoptr (SimChip) chip = sim_chip_new (300);
  g_autoptr (BpChipReading) reading = bp_chip_reading_new (SIM_MRZ, NULL);
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (GError) error = NULL;
  static const guint8 garbage[] = { 0x31, 0x05, 0x30, 0x03, 0x02, 0x01, 0x07 };
  SimFile file = { 0x011C, 0x1C, NULL, FALSE, TRUE };

  /* EF.CardAccess that offers nothing usable: BAC, and the reason says so. */
  file.data = g_bytes_new_static (garbage, sizeof garbage);
  g_array_append_val (chip->files, file);
  result = bp_chip_reading_run (reading, BP_CARD (chip), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_chip_result_get_protocol (result), ==, BP_CHIP_PROTOCOL_BAC);
  g_assert_nonnull (strstr (bp_chip_result_get_protocol_reason (result), "no PACE protocol"));
  g_assert_true (g_bytes_equal (bp_chip_result_get_file_data (result, "CardAccess"), file.data));
}

typedef struct
{
  GMainLoop *loop;
  BpChipResult *result;
  GError *error;
  guint progress;
  GThread *thread;
} AsyncData;

static void
progress_cb (BpChipReading *reading,
             const char *name,
             guint64 done,
             guint64 total,
             AsyncData *data)
{
  g_assert_true (g_thread_self () == data->thread);
  g_assert_cmpuint (done, <=, total);
  data->progress++;
}

static void
read_done_cb (GObject *source,
              GAsyncResult *res,
              gpointer user_data)
{
  AsyncData *data = user_data;

  data->result = bp_chip_reading_run_finish (BP_CHIP_READING (source), res, &data->error);
  g_main_loop_quit (data->loop);
}

static void
test_async_progress (void)
{
  SimChip *chip = sim_chip_new (3000);
  BpChipReading *reading = bp_chip_reading_new (SIM_MRZ, NULL);
  AsyncData data = { 0 };
  gint64 deadline;

  data.loop = g_main_loop_new (NULL, FALSE);
  data.thread = g_thread_self ();
  g_signal_connect (reading, "progress", G_CALLBACK (progress_cb), &data);
  bp_chip_reading_run_async (reading, BP_CARD (chip), NULL, read_done_cb, &data);
  g_main_loop_run (data.loop);
  /* Drain progress emissions still queued. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_no_error (data.error);
  assert_all_files (data.result, chip);
  g_assert_cmpuint (data.progress, >=, 10);
  g_object_unref (data.result);
  g_main_loop_unref (data.loop);

  /* The worker thread may still hold the task (and through it the reading
   * and the card) for a moment after the callback ran. */
  g_object_add_weak_pointer (G_OBJECT (reading), (gpointer *) &reading);
  g_object_add_weak_pointer (G_OBJECT (chip), (gpointer *) &chip);
  g_object_unref (reading);
  g_object_unref (chip);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while ((reading != NULL || chip != NULL) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (reading);
  g_assert_null (chip);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/borderpost/emrtd/reading/bac", test_read_bac);
  g_test_add_func ("/borderpost/emrtd/reading/wrong-mrz", test_wrong_mrz);
  g_test_add_func ("/borderpost/emrtd/reading/can-without-pace", test_can_only_without_pace);
  g_test_add_func ("/borderpost/emrtd/reading/adaptive-sizes", test_adaptive_sizes);
  g_test_add_func ("/borderpost/emrtd/reading/extended-length", test_extended_length);
  g_test_add_func ("/borderpost/emrtd/reading/extended-refused", test_extended_refused);
  g_test_add_func ("/borderpost/emrtd/reading/max-read", test_max_read);
  g_test_add_func ("/borderpost/emrtd/reading/resume-after-6988", test_resume_after_6988);
  g_test_add_func ("/borderpost/emrtd/reading/removed-and-resume", test_removed_and_resume);
  g_test_add_func ("/borderpost/emrtd/reading/garbage", test_garbage_chip);
  g_test_add_func ("/borderpost/emrtd/reading/wrong-le", test_wrong_le);
  g_test_add_func ("/borderpost/emrtd/reading/cancelled", test_cancelled);
  g_test_add_func ("/borderpost/emrtd/reading/card-access-without-pace", test_card_access_without_pace);
  g_test_add_func ("/borderpost/emrtd/reading/async-progress", test_async_progress);

  return g_test_run ();
}
