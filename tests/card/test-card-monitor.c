/* test-card-monitor.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* BpCardMonitor with a scripted reader: insertion, removal, reader errors,
 * signals on the creator's main context, clean stop. */

#define G_LOG_DOMAIN "test-card-monitor"

#include "config.h"

#include <glib/gstdio.h>

#include "bp-card-monitor.h"
#include "bp-pcsc-reader.h"
#include "bp-virtual-reader.h"
#include "scripted-card.h"

#define SPECIMEN_MRZ "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<" \
                     "L898902C36UTO7408122F1204159ZE184226B<<<<<10"

typedef struct
{
  GThread *main_thread;
  guint inserted;
  guint removed;
  guint errors;
  BpCard *last_card;
  BpCardError last_error_code;
} Events;

static void
card_inserted_cb (BpCardMonitor *monitor,
                  BpCard *card,
                  Events *events)
{
  g_assert_true (g_thread_self () == events->main_thread);
  g_assert_true (bp_card_monitor_get_card (monitor) == card);
  events->inserted++;
  events->last_card = card;
}

static void
card_removed_cb (BpCardMonitor *monitor,
                 Events *events)
{
  g_assert_true (g_thread_self () == events->main_thread);
  g_assert_null (bp_card_monitor_get_card (monitor));
  events->removed++;
}

static void
reader_error_cb (BpCardMonitor *monitor,
                 const GError *error,
                 Events *events)
{
  g_assert_true (g_thread_self () == events->main_thread);
  g_assert_true (error->domain == BP_CARD_ERROR);
  events->errors++;
  events->last_error_code = error->code;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context until *@counter reaches @value (or 5 s pass). */
static void
wait_for (guint *counter,
          guint value)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (5000, timeout_cb, &timed_out);

  while (*counter < value && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

/* Runs the main context for @ms milliseconds. */
static void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main context until the reader was polled @n times (or 5 s). */
static void
wait_for_connects (ScriptedReader *reader,
                   guint n)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

  while (scripted_reader_get_connects (reader) < n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      run_for (10);
    }
}

static BpCardMonitor *
new_monitor (gpointer reader,
             Events *events)
{
  BpCardMonitor *monitor = bp_card_monitor_new (BP_CARD_READER (reader));

  events->main_thread = g_thread_self ();
  bp_card_monitor_set_interval (monitor, 20);
  g_signal_connect (monitor, "card-inserted", G_CALLBACK (card_inserted_cb), events);
  g_signal_connect (monitor, "card-removed", G_CALLBACK (card_removed_cb), events);
  g_signal_connect (monitor, "reader-error", G_CALLBACK (reader_error_cb), events);
  return monitor;
}

static void
test_insert_remove (void)
{
  g_autoptr (ScriptedReader) reader = scripted_reader_new ("virtual:test");
  g_autoptr (ScriptedCard) card = scripted_card_new ();
  Events events = { 0 };
  BpCardMonitor *monitor = new_monitor (reader, &events);

  bp_card_monitor_start (monitor);
  g_assert_true (bp_card_monitor_is_running (monitor));

  /* Empty reader: polled, nothing announced. */
  wait_for_connects (reader, 3);
  g_assert_cmpuint (events.inserted, ==, 0);
  g_assert_null (bp_card_monitor_get_card (monitor));

  scripted_reader_set_card (reader, card);
  wait_for (&events.inserted, 1);
  g_assert_true (events.last_card == BP_CARD (card));

  /* Stays inserted while present; no second announcement. */
  run_for (100);
  g_assert_cmpuint (events.inserted, ==, 1);
  g_assert_cmpuint (events.removed, ==, 0);

  scripted_card_set_present (card, FALSE);
  wait_for (&events.removed, 1);
  run_for (60);
  g_assert_cmpuint (events.inserted, ==, 1);

  scripted_card_set_present (card, TRUE);
  wait_for (&events.inserted, 2);
  g_assert_cmpuint (events.errors, ==, 0);

  bp_card_monitor_stop (monitor);
  g_assert_false (bp_card_monitor_is_running (monitor));
  g_assert_null (bp_card_monitor_get_card (monitor));
  g_assert_finalize_object (monitor);
}

static void
test_reader_error (void)
{
  g_autoptr (ScriptedReader) reader = scripted_reader_new ("virtual:test");
  g_autoptr (ScriptedCard) card = scripted_card_new ();
  Events events = { 0 };
  BpCardMonitor *monitor = new_monitor (reader, &events);

  scripted_reader_set_failure (reader, BP_CARD_ERROR_NO_READER);
  bp_card_monitor_start (monitor);
  wait_for (&events.errors, 1);
  g_assert_cmpint (events.last_error_code, ==, BP_CARD_ERROR_NO_READER);

  /* The same failure again and again is reported once. */
  wait_for_connects (reader, scripted_reader_get_connects (reader) + 3);
  g_assert_cmpuint (events.errors, ==, 1);

  /* The reader comes back with a document on it. */
  scripted_reader_set_card (reader, card);
  scripted_reader_set_failure (reader, 0);
  wait_for (&events.inserted, 1);

  g_assert_finalize_object (monitor);
}

/* Events queued by a stopped run never reach the handlers. */
static void
test_stop_drops_events (void)
{
  g_autoptr (ScriptedReader) reader = scripted_reader_new ("virtual:test");
  g_autoptr (ScriptedCard) card = scripted_card_new ();
  Events events = { 0 };
  BpCardMonitor *monitor = new_monitor (reader, &events);

  scripted_reader_set_card (reader, card);
  bp_card_monitor_start (monitor);
  /* Give the worker time to queue "card-inserted", without dispatching. */
  while (scripted_reader_get_connects (reader) == 0)
    g_usleep (1000);
  g_usleep (50000);
  bp_card_monitor_stop (monitor);
  run_for (50);
  g_assert_cmpuint (events.inserted, ==, 0);

  /* Started again, it announces the card afresh. */
  bp_card_monitor_start (monitor);
  wait_for (&events.inserted, 1);
  g_assert_finalize_object (monitor);
}

/* The virtual reader of the demo: a chip put on and taken off, and a chip
 * whose fault knob takes it out of the field in the middle of a read. */
static void
test_virtual_reader (void)
{
  g_autoptr (BpVirtualReader) reader = bp_virtual_reader_new (0);
  g_autoptr (GError) error = NULL;
  g_autoptr (BpVirtualChip) chip = bp_virtual_chip_new_from_mrz (SPECIMEN_MRZ, &error);
  g_autoptr (GBytes) select = scripted_hex ("00A4040C07A0000002471001");
  Events events = { 0 };
  BpCardMonitor *monitor = new_monitor (reader, &events);

  g_assert_no_error (error);
  bp_card_monitor_start (monitor);
  run_for (60);
  g_assert_cmpuint (events.inserted, ==, 0);

  bp_virtual_reader_insert (reader, chip);
  wait_for (&events.inserted, 1);
  g_assert_true (events.last_card == BP_CARD (chip));

  bp_virtual_reader_remove (reader);
  wait_for (&events.removed, 1);

  /* Back on the reader; then it leaves during an exchange. */
  bp_virtual_reader_insert (reader, chip);
  wait_for (&events.inserted, 2);
  bp_virtual_chip_remove_after_apdus (chip, 0);
  {
    g_autoptr (GBytes) response = bp_card_transmit (BP_CARD (chip), select, NULL, &error);
    g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_REMOVED);
    g_assert_null (response);
  }
  wait_for (&events.removed, 2);
  g_assert_cmpuint (events.errors, ==, 0);

  g_assert_finalize_object (monitor);
}

/* A PC/SC reader while pcscd is not running: the failure is reported once,
 * in words, and the monitor keeps waiting. */
static void
test_pcsc_no_service (void)
{
  g_autoptr (BpPcscReader) reader = bp_pcsc_reader_new ("Borderpost Test Reader 00 00");
  Events events = { 0 };
  BpCardMonitor *monitor = new_monitor (reader, &events);

  bp_card_monitor_start (monitor);
  wait_for (&events.errors, 1);
  g_assert_cmpint (events.last_error_code, ==, BP_CARD_ERROR_NO_READER);
  run_for (100);
  g_assert_cmpuint (events.errors, ==, 1);
  g_assert_cmpuint (events.inserted, ==, 0);
  g_assert_finalize_object (monitor);
}

int
main (int argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *socket = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* PC/SC talks to a socket where no pcscd listens (read once, before any
   * thread starts). */
  dir = g_dir_make_tmp ("borderpost-pcsc-XXXXXX", NULL);
  socket = g_build_filename (dir, "pcscd.comm", NULL);
  g_setenv ("PCSCLITE_CSOCK_NAME", socket, TRUE);

  g_test_add_func ("/borderpost/card/monitor/insert-remove", test_insert_remove);
  g_test_add_func ("/borderpost/card/monitor/reader-error", test_reader_error);
  g_test_add_func ("/borderpost/card/monitor/stop-drops-events", test_stop_drops_events);
  g_test_add_func ("/borderpost/card/monitor/virtual-reader", test_virtual_reader);
  g_test_add_func ("/borderpost/card/monitor/pcsc-no-service", test_pcsc_no_service);

  ret = g_test_run ();
  g_rmdir (dir);
  return ret;
}
