/* test-pcsc-e2e.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The PC/SC path end to end without hardware: Borderpost's PC/SC transport
 * → libpcsclite → a pcscd of the test's own → vsmartcard's vpcd driver
 * ("Virtual PCD") → TCP → the vicc bridge → the virtual chip carrying the
 * Utopia specimen passport. Placing the document is connecting the
 * bridge, taking it away is closing the connection. */

#define G_LOG_DOMAIN "test-pcsc-e2e"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sys/wait.h>

#include "bp-bac.h"
#include "bp-card-monitor.h"
#include "bp-card-readers.h"
#include "bp-chip-error.h"
#include "bp-chip-reading.h"
#include "bp-mrz.h"
#include "bp-pcsc-card.h"
#include "bp-pcsc-reader.h"
#include "bp-specimen.h"
#include "bp-virtual-chip-specimen.h"
#include "bp-virtual-chip.h"
#include "bp-virtual-reader.h"
#include "pcscd-sandbox.h"
#include "vicc-bridge.h"

#define READER_ID "pcsc:" PCSCD_SANDBOX_READER

static PcscdSandbox *sandbox;
static char *skip_reason;
static BpSpecimen *specimen;

typedef struct
{
  BpVirtualChip *chip;
  ViccBridge *bridge;
  BpCardReader *reader;
  char *mrz_information;
} Fixture;

/* Waits until pcscd reports the reader with or without a card. */
static void
wait_card_state (BpCardReader *reader,
                 gboolean want_present,
                 guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  gboolean present = !want_present;

  while (present != want_present)
    {
      g_autoptr (GError) error = NULL;
      gint64 left = (deadline - g_get_monotonic_time ()) / 1000;

      if (left <= 0)
        g_error ("pcscd did not report the card %s within %u ms", want_present ? "placed" : "taken away", timeout_ms);
      /* present: as last seen; the call returns at once if pcscd sees
       * otherwise, else waits for a change. */
      bp_pcsc_reader_wait_change (BP_PCSC_READER (reader), &present, (guint) left, NULL, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_set_up (Fixture *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpMrz) mrz = NULL;

  if (sandbox == NULL)
    return;
  f->chip = bp_virtual_chip_new_from_specimen (specimen, &error);
  g_assert_no_error (error);
  f->bridge = vicc_bridge_new (BP_CARD (f->chip));
  f->reader = bp_card_reader_open (READER_ID, &error);
  g_assert_no_error (error);
  mrz = bp_mrz_parse (bp_specimen_get_mrz (specimen), NULL, &error);
  g_assert_no_error (error);
  f->mrz_information = bp_bac_mrz_information_from_mrz (mrz, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f,
                   gconstpointer data)
{
  if (f->bridge == NULL)
    return;
  vicc_bridge_free (f->bridge);
  /* The next test starts with an empty reader. */
  wait_card_state (f->reader, FALSE, 5000);
  g_object_unref (f->reader);
  g_object_unref (f->chip);
  g_free (f->mrz_information);
}

static gboolean
skip_without_pcscd (void)
{
  if (sandbox != NULL)
    return FALSE;
  g_test_skip (skip_reason);
  return TRUE;
}

/* Places the document and connects to it through the reader. */
static BpCard *
place_and_connect (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  BpCard *card;

  vicc_bridge_connect (f->bridge, pcscd_sandbox_get_port (sandbox), &error);
  g_assert_no_error (error);
  wait_card_state (f->reader, TRUE, 5000);
  card = bp_card_reader_connect (f->reader, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (BP_IS_PCSC_CARD (card));
  return card;
}

static void
assert_specimen_files (BpChipResult *result)
{
  static const struct
  {
    const char *name;
    guint16 fid;
  } files[] = {
    { "COM", BP_VIRTUAL_CHIP_FID_COM },
    { "DG1", BP_VIRTUAL_CHIP_FID_DG (1) },
    { "DG2", BP_VIRTUAL_CHIP_FID_DG (2) },
    { "SOD", BP_VIRTUAL_CHIP_FID_SOD },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      GBytes *read = bp_chip_result_get_file_data (result, files[i].name);
      GBytes *expected = bp_specimen_get_file (specimen, files[i].fid);

      g_assert_nonnull (expected);
      if (read == NULL || !g_bytes_equal (read, expected))
        g_error ("%s read through PC/SC differs from the specimen's (%" G_GSIZE_FORMAT " bytes read, %" G_GSIZE_FORMAT
                 " expected)",
                 files[i].name, read ? g_bytes_get_size (read) : 0, g_bytes_get_size (expected));
    }
}

static void
test_list_and_open (Fixture *f,
                    gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpCardReaderList) list = NULL;
  g_autoptr (BpCard) card = NULL;
  g_autoptr (BpCard) none = NULL;
  g_autoptr (GBytes) atr = NULL;
  g_autoptr (GBytes) select = NULL;
  g_autoptr (GBytes) response = NULL;
  BpCardReader *listed = NULL;

  if (skip_without_pcscd ())
    return;

  list = bp_card_readers_list (&error);
  g_assert_no_error (error);
  g_assert_null (bp_card_reader_list_get_error (list, "pcsc"));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr (BpCardReader) reader = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_test_message ("listed: %s", bp_card_reader_get_id (reader));
      if (g_str_equal (bp_card_reader_get_id (reader), READER_ID))
        listed = reader;
    }
  g_assert_nonnull (listed);
  g_assert_cmpstr (bp_card_reader_get_transport (listed), ==, "pcsc");
  g_assert_cmpstr (bp_card_reader_get_name (listed), ==, PCSCD_SANDBOX_READER);

  /* Opened by id, nothing on it yet. */
  g_assert_true (BP_IS_PCSC_READER (f->reader));
  g_assert_false (bp_pcsc_reader_is_card_present (BP_PCSC_READER (f->reader), &error));
  g_assert_no_error (error);
  none = bp_card_reader_connect (f->reader, NULL, &error);
  g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_CARD);
  g_assert_null (none);
  g_clear_error (&error);

  card = place_and_connect (f);
  g_assert_true (bp_pcsc_reader_is_card_present (BP_PCSC_READER (f->reader), &error));
  g_assert_no_error (error);
  /* pcscd powered the card up and asked for its ATR. */
  g_assert_cmpuint (vicc_bridge_get_n_power_ons (f->bridge), >=, 1);
  g_assert_cmpuint (vicc_bridge_get_n_atr_requests (f->bridge), >=, 1);
  atr = bp_card_dup_atr (card);
  g_assert_nonnull (atr);
  /* PC/SC part 3's ATR of a contactless card with no historical bytes. */
  g_assert_cmpmem (g_bytes_get_data (atr, NULL), g_bytes_get_size (atr), "\x3B\x80\x80\x01\x01", 5);
  g_assert_cmpstr (bp_pcsc_card_get_protocol (BP_PCSC_CARD (card)), ==, "T=1");
  /* vpcd does not say how long a frame it takes: short APDUs. */
  g_assert_cmpuint (bp_card_get_max_transceive (card), ==, 261);
  g_assert_nonnull (strstr (bp_card_get_description (card), PCSCD_SANDBOX_READER));
  g_assert_true (bp_card_is_present (card, &error));
  g_assert_no_error (error);

  /* One APDU in the clear: SELECT the eMRTD application. */
  select = g_bytes_new_static ("\x00\xA4\x04\x0C\x07\xA0\x00\x00\x02\x47\x10\x01", 12);
  response = bp_card_transmit (card, select, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (response), ==, 2);
  g_assert_cmpmem (g_bytes_get_data (response, NULL), 2, "\x90\x00", 2);
  g_assert_cmpuint (vicc_bridge_get_n_apdus (f->bridge), ==, 1);
  g_assert_cmpuint (bp_virtual_chip_get_n_apdus (f->chip), ==, 1);
}

typedef struct
{
  GMainLoop *loop;
  guint inserted;
  guint removed;
  guint errors;
  BpCard *card;
  GError *last_error;
} MonitorLog;

static void
inserted_cb (BpCardMonitor *monitor,
             BpCard *card,
             MonitorLog *log)
{
  log->inserted++;
  g_set_object (&log->card, card);
  g_main_loop_quit (log->loop);
}

static void
removed_cb (BpCardMonitor *monitor,
            MonitorLog *log)
{
  log->removed++;
  g_main_loop_quit (log->loop);
}

static void
error_cb (BpCardMonitor *monitor,
          const GError *error,
          MonitorLog *log)
{
  g_test_message ("reader-error: %s", error->message);
  log->errors++;
  g_clear_error (&log->last_error);
  log->last_error = g_error_copy (error);
}

/* A monitor on @reader polling every 100 ms, its signals counted in @log. */
static BpCardMonitor *
monitor_log_start (MonitorLog *log,
                   BpCardReader *reader)
{
  BpCardMonitor *monitor = bp_card_monitor_new (reader);

  log->loop = g_main_loop_new (NULL, FALSE);
  bp_card_monitor_set_interval (monitor, 100);
  g_signal_connect (monitor, "card-inserted", G_CALLBACK (inserted_cb), log);
  g_signal_connect (monitor, "card-removed", G_CALLBACK (removed_cb), log);
  g_signal_connect (monitor, "reader-error", G_CALLBACK (error_cb), log);
  bp_card_monitor_start (monitor);
  return monitor;
}

static void
monitor_log_clear (MonitorLog *log)
{
  g_clear_object (&log->card);
  g_clear_error (&log->last_error);
  g_clear_pointer (&log->loop, g_main_loop_unref);
}

static gboolean
timeout_cb (gpointer data)
{
  g_error ("the card monitor said nothing within 5 s");
  return G_SOURCE_REMOVE;
}

/* Runs the loop until a signal quits it; returns the milliseconds taken. */
static gint64
run_until_event (MonitorLog *log)
{
  gint64 start = g_get_monotonic_time ();
  guint timeout = g_timeout_add_seconds (5, timeout_cb, NULL);

  g_main_loop_run (log->loop);
  g_source_remove (timeout);
  return (g_get_monotonic_time () - start) / 1000;
}

static void
test_monitor (Fixture *f,
              gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpCardMonitor) monitor = NULL;
  g_autoptr (GBytes) atr = NULL;
  MonitorLog log = { 0 };
  gint64 ms;

  if (skip_without_pcscd ())
    return;

  /* A type B card: application data, protocol info, MBLI. */
  {
    static const guint8 historical[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x81, 0x81, 0x00 };
    g_autoptr (GBytes) type_b = vicc_bridge_contactless_atr_new (historical, sizeof historical);

    g_assert_cmpmem (g_bytes_get_data (type_b, NULL), g_bytes_get_size (type_b),
                     "\x3B\x88\x80\x01\x00\x00\x00\x00\x00\x81\x81\x00\x09", 13);
    vicc_bridge_set_atr (f->bridge, type_b);
  }

  monitor = monitor_log_start (&log, f->reader);

  /* Nothing on the reader: nothing said for a while. */
  g_usleep (500 * 1000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (log.inserted, ==, 0);

  for (guint round = 1; round <= 2; round++)
    {
      vicc_bridge_connect (f->bridge, pcscd_sandbox_get_port (sandbox), &error);
      g_assert_no_error (error);
      ms = run_until_event (&log);
      g_test_message ("placed %u: card-inserted after %" G_GINT64_FORMAT " ms", round, ms);
      g_assert_cmpuint (log.inserted, ==, round);
      g_assert_true (BP_IS_PCSC_CARD (log.card));
      g_assert_true (bp_card_monitor_get_card (monitor) == log.card);
      atr = bp_card_dup_atr (log.card);
      g_assert_true (g_bytes_equal (atr, vicc_bridge_get_atr (f->bridge)));
      g_clear_pointer (&atr, g_bytes_unref);

      /* The announced card works. */
      {
        g_autoptr (GBytes) select = g_bytes_new_static ("\x00\xA4\x04\x0C\x07\xA0\x00\x00\x02\x47\x10\x01", 12);
        g_autoptr (GBytes) response = bp_card_transmit (log.card, select, NULL, &error);

        g_assert_no_error (error);
        g_assert_cmpmem (g_bytes_get_data (response, NULL), g_bytes_get_size (response), "\x90\x00", 2);
      }

      vicc_bridge_disconnect (f->bridge);
      ms = run_until_event (&log);
      g_test_message ("taken away %u: card-removed after %" G_GINT64_FORMAT " ms", round, ms);
      g_assert_cmpuint (log.removed, ==, round);
      g_assert_null (bp_card_monitor_get_card (monitor));
      g_clear_object (&log.card);
    }
  g_assert_cmpuint (log.errors, ==, 0);

  bp_card_monitor_stop (monitor);
  monitor_log_clear (&log);
}

static void
read_done_cb (GObject *source,
              GAsyncResult *result,
              gpointer data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

/* The application's whole read (bp_chip_read_async, as the booth does),
 * PACE with the MRZ, through pcscd. */
static void
test_full_read_pace (Fixture *f,
                     gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpCard) card = NULL;
  g_autoptr (GAsyncResult) async_result = NULL;
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (BpVirtualReader) direct_reader = bp_virtual_reader_new (0);
  g_autoptr (BpVirtualChip) direct_chip = bp_virtual_chip_new_from_specimen (specimen, NULL);
  g_autoptr (BpCard) direct_card = NULL;
  g_autoptr (BpChipReading) direct_reading = NULL;
  g_autoptr (BpChipResult) direct = NULL;
  gint64 start, pcsc_us, direct_us;

  if (skip_without_pcscd ())
    return;

  card = place_and_connect (f);
  start = g_get_monotonic_time ();
  bp_chip_read_async (card, f->mrz_information, NULL, NULL, read_done_cb, &async_result);
  while (async_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = bp_chip_read_finish (async_result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_chip_result_get_protocol (result), ==, BP_CHIP_PROTOCOL_PACE_GM);
  assert_specimen_files (result);
  pcsc_us = g_get_monotonic_time () - start;

  /* The same chip in process, for comparison: the same exchanges, without
   * pcscd and vpcd in between. */
  bp_virtual_reader_insert (direct_reader, direct_chip);
  direct_card = bp_card_reader_connect (BP_CARD_READER (direct_reader), NULL, &error);
  g_assert_no_error (error);
  direct_reading = bp_chip_reading_new (f->mrz_information, NULL);
  start = g_get_monotonic_time ();
  direct = bp_chip_reading_run (direct_reading, direct_card, NULL, &error);
  direct_us = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  g_assert_cmpuint (bp_chip_result_get_apdu_count (direct), ==, bp_chip_result_get_apdu_count (result));

  g_test_message ("PACE read through pcscd: %u APDUs, %" G_GUINT64_FORMAT " bytes sent, %" G_GUINT64_FORMAT
                  " received, %.1f ms (in process: %.1f ms, so %.0f microseconds more per APDU)",
                  bp_chip_result_get_apdu_count (result), bp_chip_result_get_bytes_sent (result),
                  bp_chip_result_get_bytes_received (result), pcsc_us / 1000.0, direct_us / 1000.0,
                  (double) (pcsc_us - direct_us) / bp_chip_result_get_apdu_count (result));
  /* Every APDU went through pcscd, vpcd and the bridge. */
  g_assert_cmpuint (vicc_bridge_get_n_apdus (f->bridge), ==, bp_chip_result_get_apdu_count (result));
  g_assert_cmpuint (bp_virtual_chip_get_n_apdus (f->chip), ==, bp_chip_result_get_apdu_count (result));
}

static void
test_full_read_bac (Fixture *f,
                    gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpCard) card = NULL;
  g_autoptr (BpChipReading) reading = NULL;
  g_autoptr (BpChipResult) result = NULL;
  gint64 start;

  if (skip_without_pcscd ())
    return;

  bp_virtual_chip_set_protocols (f->chip, BP_VIRTUAL_CHIP_BAC);
  card = place_and_connect (f);
  reading = bp_chip_reading_new (f->mrz_information, NULL);
  start = g_get_monotonic_time ();
  result = bp_chip_reading_run (reading, card, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_chip_result_get_protocol (result), ==, BP_CHIP_PROTOCOL_BAC);
  assert_specimen_files (result);
  g_test_message ("BAC read through pcscd: %u APDUs, %" G_GINT64_FORMAT " ms", bp_chip_result_get_apdu_count (result),
                  (g_get_monotonic_time () - start) / 1000);
  g_assert_cmpuint (vicc_bridge_get_n_apdus (f->bridge), ==, bp_chip_result_get_apdu_count (result));
}

/* The document leaves in the middle of the read (the bridge closes the
 * connection instead of answering an APDU): the PC/SC transport says
 * "removed", the chip stack passes it on, pcscd and the reader see the
 * reader empty, and once the document is back the same reading finishes
 * from where it stopped. */
static void
test_removed_and_resumed (Fixture *f,
                          gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpCard) card = NULL;
  g_autoptr (BpCard) none = NULL;
  g_autoptr (BpChipReading) reading = NULL;
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (GBytes) command = g_bytes_new_static ("\x00\xB0\x00\x00\x04", 5);
  g_autoptr (GBytes) response = NULL;
  guint full, cut, resumed;

  if (skip_without_pcscd ())
    return;

  /* A whole read first, to know how many APDUs it takes. */
  card = place_and_connect (f);
  reading = bp_chip_reading_new (f->mrz_information, NULL);
  result = bp_chip_reading_run (reading, card, NULL, &error);
  g_assert_no_error (error);
  full = bp_chip_result_get_apdu_count (result);
  g_clear_object (&result);
  g_clear_object (&reading);
  g_clear_object (&card);
  vicc_bridge_disconnect (f->bridge);
  wait_card_state (f->reader, FALSE, 5000);

  /* Gone two thirds of the way through (within DG2, the largest file). */
  cut = full * 2 / 3;
  vicc_bridge_disconnect_after_apdus (f->bridge, cut);
  card = place_and_connect (f);
  reading = bp_chip_reading_new (f->mrz_information, NULL);
  result = bp_chip_reading_run (reading, card, NULL, &error);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_REMOVED);
  g_assert_null (result);
  g_clear_error (&error);
  g_assert_false (vicc_bridge_is_connected (f->bridge));
  g_assert_cmpuint (vicc_bridge_get_n_apdus (f->bridge), ==, full + cut);

  /* The transport's own view. */
  response = bp_card_transmit (card, command, NULL, &error);
  g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_REMOVED);
  g_assert_null (response);
  g_clear_error (&error);
  g_assert_false (bp_card_is_present (card, &error));
  g_assert_no_error (error);
  wait_card_state (f->reader, FALSE, 5000);
  none = bp_card_reader_connect (f->reader, NULL, &error);
  g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_CARD);
  g_clear_error (&error);
  g_clear_object (&card);

  /* Put back: the reading goes on. */
  card = place_and_connect (f);
  result = bp_chip_reading_run (reading, card, NULL, &error);
  g_assert_no_error (error);
  assert_specimen_files (result);
  resumed = vicc_bridge_get_n_apdus (f->bridge) - full - cut;
  g_test_message ("whole read %u APDUs; removed after %u; %u more after putting it back", full, cut, resumed);
  g_assert_cmpuint (resumed, <, full - cut / 2);
}

/* Runs the main context until *counter reaches value. */
static void
run_until (guint *counter,
           guint value)
{
  guint timeout = g_timeout_add_seconds (5, timeout_cb, NULL);

  while (*counter < value)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

/* The booth's way: the monitor announces the card, the reading runs on
 * it, the document is taken away mid-read, the monitor says so and later
 * announces it placed back, and the same reading finishes on the newly
 * announced card. */
static void
test_monitor_resume (Fixture *f,
                     gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpCardMonitor) monitor = NULL;
  g_autoptr (BpChipReading) reading = NULL;
  g_autoptr (BpChipResult) result = NULL;
  MonitorLog log = { 0 };

  if (skip_without_pcscd ())
    return;

  monitor = monitor_log_start (&log, f->reader);

  vicc_bridge_disconnect_after_apdus (f->bridge, 60);
  vicc_bridge_connect (f->bridge, pcscd_sandbox_get_port (sandbox), &error);
  g_assert_no_error (error);
  run_until (&log.inserted, 1);

  reading = bp_chip_reading_new (f->mrz_information, NULL);
  result = bp_chip_reading_run (reading, log.card, NULL, &error);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_REMOVED);
  g_assert_null (result);
  g_clear_error (&error);
  run_until (&log.removed, 1);
  g_assert_null (bp_card_monitor_get_card (monitor));

  vicc_bridge_connect (f->bridge, pcscd_sandbox_get_port (sandbox), &error);
  g_assert_no_error (error);
  run_until (&log.inserted, 2);
  result = bp_chip_reading_run (reading, log.card, NULL, &error);
  g_assert_no_error (error);
  assert_specimen_files (result);
  g_assert_cmpuint (log.removed, ==, 1);
  g_assert_cmpuint (log.errors, ==, 0);

  bp_card_monitor_stop (monitor);
  monitor_log_clear (&log);
}

/* pcscd stops under a running monitor (crashed, or restarted by IT
 * staff): the card is reported gone and the reader failing, with the
 * reason; once pcscd is back the monitor finds the card again by itself. */
static void
test_pcscd_restart (Fixture *f,
                    gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpCardMonitor) monitor = NULL;
  g_autoptr (GBytes) select = g_bytes_new_static ("\x00\xA4\x04\x0C\x07\xA0\x00\x00\x02\x47\x10\x01", 12);
  g_autoptr (GBytes) response = NULL;
  MonitorLog log = { 0 };
  gint64 deadline;

  if (skip_without_pcscd ())
    return;

  monitor = monitor_log_start (&log, f->reader);
  vicc_bridge_connect (f->bridge, pcscd_sandbox_get_port (sandbox), &error);
  g_assert_no_error (error);
  run_until (&log.inserted, 1);

  pcscd_sandbox_kill (sandbox);
  run_until (&log.removed, 1);
  deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  while (log.last_error == NULL || strstr (log.last_error->message, "pcscd is not running") == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
  g_assert_error (log.last_error, BP_CARD_ERROR, BP_CARD_ERROR_NO_READER);
  /* The bridge's connection went with vpcd. */
  while (vicc_bridge_is_connected (f->bridge))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10 * 1000);
    }

  pcscd_sandbox_restart (sandbox, &error);
  g_assert_no_error (error);
  vicc_bridge_connect (f->bridge, pcscd_sandbox_get_port (sandbox), &error);
  g_assert_no_error (error);
  run_until (&log.inserted, 2);
  response = bp_card_transmit (log.card, select, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (response, NULL), g_bytes_get_size (response), "\x90\x00", 2);
  /* Each distinct failure once, not once per poll. */
  g_test_message ("%u reader errors while pcscd was away", log.errors);
  g_assert_cmpuint (log.errors, <=, 3);

  bp_card_monitor_stop (monitor);
  monitor_log_clear (&log);
}

static char *
run_cli (const char *const *args,
         int *exit_status)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_assert_nonnull (g_getenv ("BORDERPOST_CLI"));
  g_ptr_array_add (argv, (gpointer) g_getenv ("BORDERPOST_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  /* PCSCLITE_CSOCK_NAME is inherited: the CLI talks to our pcscd. */
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("borderpost-cli %s: stdout %s\nstderr %s", args[0], out, err);
  g_assert_true (WIFEXITED (status));
  *exit_status = WEXITSTATUS (status);
  return out;
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_cli (Fixture *f,
          gconstpointer data)
{
  const char *readers_args[] = { "readers", NULL };
  g_autofree char *out_dir = NULL;
  g_autofree char *readers_out = NULL;
  g_autofree char *read_out = NULL;
  g_autoptr (JsonObject) object = NULL;
  g_autoptr (JsonObject) read = NULL;
  g_autoptr (GError) error = NULL;
  JsonArray *readers;
  gboolean found = FALSE;
  int status;

  if (skip_without_pcscd ())
    return;

  vicc_bridge_connect (f->bridge, pcscd_sandbox_get_port (sandbox), &error);
  g_assert_no_error (error);
  wait_card_state (f->reader, TRUE, 5000);

  readers_out = run_cli (readers_args, &status);
  g_assert_cmpint (status, ==, 0);
  object = parse_object (readers_out);
  g_assert_false (json_object_has_member (json_object_get_object_member (object, "errors"), "pcsc"));
  readers = json_object_get_array_member (object, "readers");
  for (guint i = 0; i < json_array_get_length (readers); i++)
    {
      JsonObject *reader = json_array_get_object_element (readers, i);
      const char *id = json_object_get_string_member (reader, "id");

      if (g_str_equal (id, READER_ID))
        {
          found = TRUE;
          g_assert_cmpstr (json_object_get_string_member (reader, "transport"), ==, "pcsc");
          g_assert_true (json_object_get_boolean_member (reader, "card_present"));
        }
      else if (g_str_equal (id, "pcsc:Virtual PCD 00 01"))
        g_assert_false (json_object_get_boolean_member (reader, "card_present"));
    }
  g_assert_true (found);

  out_dir = g_dir_make_tmp ("borderpost-pcsc-read-XXXXXX", &error);
  g_assert_no_error (error);
  {
    const char *args[] = { "chip", "read", "--reader", READER_ID, "--mrz", bp_specimen_get_mrz (specimen), "--out", out_dir, NULL };
    static const char *const names[] = { "COM", "DG1", "DG2", "SOD" };
    static const guint16 fids[] = { BP_VIRTUAL_CHIP_FID_COM, BP_VIRTUAL_CHIP_FID_DG (1), BP_VIRTUAL_CHIP_FID_DG (2),
                                    BP_VIRTUAL_CHIP_FID_SOD };

    read_out = run_cli (args, &status);
    g_assert_cmpint (status, ==, 0);
    read = parse_object (read_out);
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *name = g_strconcat (names[i], ".bin", NULL);
        g_autofree char *path = g_build_filename (out_dir, name, NULL);
        g_autofree char *contents = NULL;
        gsize len;
        GBytes *expected = bp_specimen_get_file (specimen, fids[i]);

        g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
        g_assert_cmpmem (contents, len, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
        g_unlink (path);
      }
  }
  /* Whatever else it wrote (other data groups). */
  {
    g_autoptr (GDir) dir = g_dir_open (out_dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (out_dir, name, NULL);
        g_unlink (path);
      }
  }
  g_rmdir (out_dir);
  g_assert_cmpuint (vicc_bridge_get_n_apdus (f->bridge), >, 10);
}

int
main (int argc,
      char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *profile = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* Only our reader: no libnfc scan of serial ports. */
  g_setenv ("LIBNFC_AUTO_SCAN", "false", TRUE);
  g_setenv ("LIBNFC_LOG_LEVEL", "0", TRUE);
  g_unsetenv ("LIBNFC_DEVICE");

  g_assert_nonnull (g_getenv ("BORDERPOST_DATADIR"));
  profile = g_build_filename (g_getenv ("BORDERPOST_DATADIR"), "specimens", "utopia-passport.ini", NULL);
  specimen = bp_specimen_load_path (profile, &error);
  g_assert_no_error (error);

  sandbox = pcscd_sandbox_start (&skip_reason, &error);
  g_assert_no_error (error);
  if (sandbox != NULL)
    g_test_message ("pcscd runs with its socket at %s, vpcd on ports %u and %u", pcscd_sandbox_get_socket (sandbox),
                    pcscd_sandbox_get_port (sandbox), pcscd_sandbox_get_port (sandbox) + 1);

  g_test_add ("/borderpost/card/pcsc-e2e/list-and-open", Fixture, NULL, fixture_set_up, test_list_and_open, fixture_tear_down);
  g_test_add ("/borderpost/card/pcsc-e2e/monitor", Fixture, NULL, fixture_set_up, test_monitor, fixture_tear_down);
  g_test_add ("/borderpost/card/pcsc-e2e/full-read-pace", Fixture, NULL, fixture_set_up, test_full_read_pace, fixture_tear_down);
  g_test_add ("/borderpost/card/pcsc-e2e/full-read-bac", Fixture, NULL, fixture_set_up, test_full_read_bac, fixture_tear_down);
  g_test_add ("/borderpost/card/pcsc-e2e/removed-and-resumed", Fixture, NULL, fixture_set_up, test_removed_and_resumed,
              fixture_tear_down);
  g_test_add ("/borderpost/card/pcsc-e2e/monitor-resume", Fixture, NULL, fixture_set_up, test_monitor_resume, fixture_tear_down);
  g_test_add ("/borderpost/card/pcsc-e2e/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);

  /* Last: it restarts pcscd. */
  g_test_add ("/borderpost/card/pcsc-e2e/pcscd-restart", Fixture, NULL, fixture_set_up, test_pcscd_restart, fixture_tear_down);

  status = g_test_run ();
  pcscd_sandbox_stop (sandbox);
  g_clear_object (&specimen);
  g_free (skip_reason);
  return status;
}
