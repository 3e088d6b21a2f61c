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

#include "bp-card-monitor.h"
#include "scripted-card.h"

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

static BpCardMonitor *
new_monitor (ScriptedReader *reader,
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
  run_for (120);
  g_assert_cmpuint (scripted_reader_get_connects (reader), >=, 2);
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
  run_for (150);
  g_assert_cmpuint (scripted_reader_get_connects (reader), >=, 3);
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

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/borderpost/card/monitor/insert-remove", test_insert_remove);
  g_test_add_func ("/borderpost/card/monitor/reader-error", test_reader_error);
  g_test_add_func ("/borderpost/card/monitor/stop-drops-events", test_stop_drops_events);

  return g_test_run ();
}
