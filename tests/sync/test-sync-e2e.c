/* test-sync-e2e.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The booth against the real borderpost-hq and PostgreSQL (the HQ
 * tests' fixture): `borderpost-cli sync once` killed with SIGKILL at
 * random points many times, HQ restarted while a batch is in flight and
 * told to lose replies after committing; at the end HQ holds each
 * crossing exactly once with its photo and the booth's queue is empty.
 * And alert-list full reloads: a booth whose list cannot take the delta
 * HQ offers ends with HQ's full list, which screening then uses.
 *
 * BORDERPOST_SYNC_E2E_CROSSINGS sets the backlog (default 10000).
 */

#include "config.h"

#include <signal.h>

#include "bp-sync.h"
#include "bp-update-apply.h"

#include "../hq/hq-fixture.h"
#include "package-fixtures.h"
#include "sync-fixtures.h"

typedef struct
{
  HqFixture hq;
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  hq_fixture_setup (&f->hq, data);
  f->dir = g_dir_make_tmp ("bp-sync-e2e-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "borderpost.sqlite", NULL);
}

static void
fixture_teardown (Fixture *f,
                  gconstpointer data)
{
  hq_fixture_teardown (&f->hq, data);
  tmp_dir_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static GSubprocess *
spawn_sync_as (Fixture *f,
               const char *ca_name,
               const char *booth,
               const char *update_key)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *ca = g_build_filename (hq_fixture_certs_dir (), ca_name, NULL);
  g_autofree char *cert_name = g_strconcat (booth, ".pem", NULL);
  g_autofree char *key_name = g_strconcat (booth, ".key", NULL);
  g_autofree char *cert = g_build_filename (hq_fixture_certs_dir (), cert_name, NULL);
  g_autofree char *key = g_build_filename (hq_fixture_certs_dir (), key_name, NULL);
  g_autofree char *packages = g_build_filename (f->dir, "packages", NULL);
  GSubprocess *process;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              g_getenv ("BORDERPOST_CLI"), "sync", "once", "--database", f->path,
                              "--url", f->hq.url, "--ca", ca, "--cert", cert, "--key", key,
                              "--packages-dir", packages, update_key ? "--update-key" : NULL, update_key, NULL);
  g_assert_no_error (error);

  return process;
}

static GSubprocess *
spawn_sync_once (Fixture *f)
{
  return spawn_sync_as (f, "ca.pem", "booth-1", NULL);
}

static int
sync_as (Fixture *f,
         const char *ca_name,
         const char *booth,
         const char *update_key)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) process = spawn_sync_as (f, ca_name, booth, update_key);

  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}

static gint64
pg_count (Fixture *f,
          const char *sql)
{
  g_autoptr (PGresult) res = hq_fixture_sql (&f->hq, sql);

  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);

  return g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
}

static void
test_kill_and_restart (Fixture *f,
                       gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpStore) store = NULL;
  g_autoptr (BpOutboxStatus) status = NULL;
  const char *env = g_getenv ("BORDERPOST_SYNC_E2E_CROSSINGS");
  guint n = env ? (guint) g_ascii_strtoull (env, NULL, 10) : 10000;
  guint kills = 0;
  guint exits = 0;
  gint64 start = g_get_monotonic_time ();

  /* The backlog: every crossing from booth-1 (the certificate's CN),
   * one in three with a 30 KB photo. */
  store = open_store (f->path);
  g_assert_true (_bp_store_exec_sync (store, "PRAGMA synchronous = OFF", &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *number = g_strdup_printf ("E%08u", i);
      g_autoptr (BpCrossing) crossing = make_crossing (number, "ERIKSSON", "ANNA MARIA");

      bp_crossing_set_booth_id (crossing, "booth-1");
      if (i % 3 == 0)
        {
          g_autoptr (GBytes) photo = make_photo (30000);

          bp_crossing_set_photo (crossing, photo);
        }
      bp_store_save_crossing_sync (store, crossing, &error);
      g_assert_no_error (error);
    }
  g_clear_object (&store);
  g_test_message ("%u crossings queued in %.1f s", n, (g_get_monotonic_time () - start) / 1e6);

  /* Killed at random points: while loading, mid-photo, mid-batch,
   * between the answer and its recording. */
  for (guint round = 0; round < 24; round++)
    {
      g_autoptr (GSubprocess) process = spawn_sync_once (f);
      guint delay_ms = g_test_rand_int_range (20, 400);

      if (round == 6)
        hq_set_faults (&f->hq, "{\"add\":[\"drop-after-commit:2\"]}");
      if (round == 18)
        hq_set_faults (&f->hq, "{\"add\":[\"503=1:5\"]}");

      if (round == 12)
        {
          /* HQ goes down and comes back while the booth is sending. */
          g_usleep (delay_ms * 1000);
          hq_fixture_restart_hq (&f->hq, "--enable-faults", NULL);
          g_subprocess_wait (process, NULL, &error);
          g_assert_no_error (error);
          continue;
        }

      g_usleep (delay_ms * 1000);
      g_subprocess_send_signal (process, SIGKILL);
      g_subprocess_wait (process, NULL, &error);
      g_assert_no_error (error);
      if (g_subprocess_get_if_signaled (process))
        kills++;
      else
        exits++;
    }
  g_test_message ("%u runs killed, %u finished first", kills, exits);
  g_assert_cmpuint (kills, >, 0);

  /* Then left alone until the queue is empty. */
  for (guint round = 0;; round++)
    {
      g_autoptr (GSubprocess) process = spawn_sync_once (f);

      g_assert_cmpuint (round, <, 50);
      g_subprocess_wait (process, NULL, &error);
      g_assert_no_error (error);
      if (g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 0)
        break;
    }

  store = open_store (f->path);
  status = bp_store_get_outbox_status_sync (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status->pending, ==, 0);
  g_assert_cmpint (status->delivered, ==, n);
  g_assert_cmpint (status->conflict + status->rejected, ==, 0);

  /* Exactly once, with its photo. */
  g_assert_cmpint (pg_count (f, "SELECT count (*) FROM crossings"), ==, n);
  g_assert_cmpint (pg_count (f, "SELECT count (DISTINCT uuid) FROM crossings"), ==, n);
  g_assert_cmpint (pg_count (f, "SELECT count (*) FROM crossings WHERE photo_sha256 IS NOT NULL"), ==, (n + 2) / 3);
  g_assert_cmpint (pg_count (f, "SELECT count (*) FROM crossings c JOIN photos p ON p.sha256 = c.photo_sha256"
                                " WHERE p.complete AND length (p.data) = 30000"),
                   ==, (n + 2) / 3);
  g_test_message ("done in %.1f s", (g_get_monotonic_time () - start) / 1e6);
}

static void
test_refusals_and_packages (Fixture *f,
                            gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpStore) store = NULL;
  g_autoptr (BpOutboxStatus) status = NULL;
  g_autofree char *key = make_signing_key (f->dir, "EC");
  g_autofree char *installed = g_build_filename (f->dir, "packages", "csca", "1.payload", NULL);
  g_autofree char *refused = g_build_filename (f->dir, "packages", "csca", "2.payload", NULL);
  g_autofree char *contents = NULL;

  store = open_store (f->path);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (BpCrossing) crossing = make_crossing ("L01X00T47", "ERIKSSON", "ANNA MARIA");

      bp_crossing_set_booth_id (crossing, "booth-1");
      bp_store_save_crossing_sync (store, crossing, &error);
      g_assert_no_error (error);
    }

  /* An expired certificate, one from another CA, and an HQ whose
   * certificate is not from the pinned CA: refused, nothing sent. */
  g_assert_cmpint (sync_as (f, "ca.pem", "expired", NULL), ==, 3);
  g_assert_cmpint (sync_as (f, "ca.pem", "foreign", NULL), ==, 3);
  g_assert_cmpint (sync_as (f, "other-ca.pem", "booth-1", NULL), ==, 3);
  status = bp_store_get_outbox_status_sync (store, &error);
  g_assert_cmpint (status->pending, ==, 3);
  g_assert_cmpstr (g_hash_table_lookup (status->state, "link_state"), ==, "auth-failed");
  g_assert_cmpint (pg_count (f, "SELECT count (*) FROM crossings"), ==, 0);
  g_clear_pointer (&status, bp_outbox_status_free);

  /* Signed packages from HQ's directory: a good one is installed, one
   * with a forged signature is refused, the crossings go through. */
  make_package (f->hq.updates_dir, "csca", 1, -1, "csca list one", key, TAMPER_NONE);
  make_package (f->hq.updates_dir, "csca", 2, 1, "csca delta two", key, TAMPER_SIGNATURE);
  g_assert_cmpint (sync_as (f, "ca.pem", "booth-1", key), ==, 0);

  status = bp_store_get_outbox_status_sync (store, &error);
  g_assert_cmpint (status->pending, ==, 0);
  g_assert_cmpstr (g_hash_table_lookup (status->state, "link_state"), ==, "online");
  g_assert_cmpstr (g_hash_table_lookup (status->state, "package.csca.version"), ==, "1");
  g_assert_nonnull (strstr (g_hash_table_lookup (status->state, "last_error"), "signature"));
  g_assert_true (g_file_get_contents (installed, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "csca list one");
  g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));
  g_assert_cmpint (pg_count (f, "SELECT count (*) FROM crossings"), ==, 3);
}

/* Alert-list full reloads */

static const char *list_v3 = "{\"kind\":\"header\",\"list\":\"national\",\"version\":3}\n"
                             "{\"id\":\"a\",\"kind\":\"person\",\"family_name\":\"Eriksson\",\"given_names\":\"Anna\",\"birth_date\":\"1974-08-12\"}\n"
                             "{\"id\":\"b\",\"kind\":\"person\",\"family_name\":\"Happy\",\"given_names\":\"John Paul\",\"birth_date\":\"1986-03-04\"}\n";
/* Delta 5 on 4: the booth at 3 never had 4. */
static const char *delta_v5 = "{\"kind\":\"header\",\"list\":\"national\",\"version\":5,\"base_version\":4}\n"
                              "{\"id\":\"d\",\"kind\":\"person\",\"family_name\":\"Solberg\",\"given_names\":\"Linnea\",\"birth_date\":\"2015-06-11\"}\n";
/* The whole of version 5: "b" gone since 4, "d" new in 5. */
static const char *full_v5 = "{\"kind\":\"header\",\"list\":\"national\",\"version\":5}\n"
                             "{\"id\":\"a\",\"kind\":\"person\",\"family_name\":\"Eriksson\",\"given_names\":\"Anna\",\"birth_date\":\"1974-08-12\"}\n"
                             "{\"id\":\"c\",\"kind\":\"document\",\"document_number\":\"L898902C3\",\"issuing_state\":\"UTO\"}\n"
                             "{\"id\":\"d\",\"kind\":\"person\",\"family_name\":\"Solberg\",\"given_names\":\"Linnea\",\"birth_date\":\"2015-06-11\"}\n";

typedef struct
{
  BpWatchlist *watchlist;
  BpSync *sync;
  GPtrArray *statuses; /* every BpSync:update-status seen */
  guint applied;       /* packages applied */
  guint needed_full;   /* deltas that did not fit the installed list */
} Booth;

/* What the GUI does with an installed package, but blocking. */
static void
booth_package_installed_cb (BpSync *sync,
                            const char *kind,
                            gint64 version,
                            const char *path,
                            gpointer user_data)
{
  Booth *booth = user_data;
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (kind, ==, "alert-list");
  if (bp_update_apply (kind, path, booth->watchlist, NULL, &error))
    {
      booth->applied++;
      return;
    }

  g_assert_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_NEEDS_FULL_RELOAD);
  booth->needed_full++;
  bp_sync_request_full_reload (sync, kind);
}

static void
booth_status_cb (BpSync *sync,
                 GParamSpec *pspec,
                 gpointer user_data)
{
  Booth *booth = user_data;
  const char *status = bp_sync_get_update_status (sync);

  g_ptr_array_add (booth->statuses, g_strdup (status ? status : "(none)"));
}

static gboolean
has_hit (BpWatchlist *watchlist,
         const char *family,
         const char *given,
         const char *birth)
{
  BpWatchlistQuery q = { .family_name = family, .given_names = given, .birth_date = birth };
  g_autoptr (BpWatchlistResult) result = bp_watchlist_screen (watchlist, &q);

  return result->hits->len > 0;
}

static guint
list_version (BpWatchlist *watchlist)
{
  g_autoptr (GPtrArray) lists = bp_watchlist_get_lists (watchlist);

  for (guint i = 0; i < lists->len; i++)
    {
      BpWatchlistListStatus *status = g_ptr_array_index (lists, i);

      if (g_str_equal (status->name, "national"))
        return status->version;
    }

  return 0;
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

/* What `borderpost-cli sync status` tells IT staff about the alert list. */
static void
assert_cli_update_status (Fixture *f,
                          const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GBytes) out = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *alert_list;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, g_getenv ("BORDERPOST_CLI"),
                              "sync", "status", "--database", f->path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  json_parser_load_from_data (parser, g_bytes_get_data (out, NULL), g_bytes_get_size (out), &error);
  g_assert_no_error (error);
  alert_list = json_object_get_object_member (json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "updates"),
                                              "alert-list");
  g_assert_cmpstr (json_object_get_string_member (alert_list, "status"), ==, expected);
  g_assert_cmpint (json_object_get_int_member (alert_list, "version"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (alert_list, "full_version"), ==, 5);
  g_assert_false (json_object_get_boolean_member (alert_list, "full_reload"));
}

/* A booth at list version 3 whose sync_state says @recorded, offered
 * delta 5 on 4 by HQ, which also keeps the full list 5: with sync
 * switched on, the booth ends with the full list 5. */
static void
run_once_cb (GObject *object,
             GAsyncResult *result,
             gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
run_full_reload (Fixture *f,
                 gint64 recorded,
                 Tamper snapshot_tamper,
                 guint expected_needed_full)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpStore) store = open_store (f->path);
  g_autofree char *key = make_signing_key (f->dir, "EC");
  g_autofree char *lists_dir = g_build_filename (f->dir, "lists", NULL);
  g_autofree char *packages = g_build_filename (f->dir, "packages", NULL);
  g_autofree char *ca = g_build_filename (hq_fixture_certs_dir (), "ca.pem", NULL);
  g_autofree char *cert = g_build_filename (hq_fixture_certs_dir (), "booth-1.pem", NULL);
  g_autofree char *cert_key = g_build_filename (hq_fixture_certs_dir (), "booth-1.key", NULL);
  g_autofree char *recorded_text = g_strdup_printf ("%" G_GINT64_FORMAT, recorded);
  const char *pairs[] = { "package.alert-list.version", recorded_text, NULL };
  g_autoptr (BpOutboxStatus) status = NULL;
  BpSyncConfig config = { 0 };
  Booth booth = { 0 };
  gboolean timed_out = FALSE;
  guint timeout;

  booth.watchlist = bp_watchlist_new (lists_dir);
  booth.statuses = g_ptr_array_new_with_free_func (g_free);
  g_assert_true (bp_watchlist_import_data (booth.watchlist, list_v3, strlen (list_v3), NULL, BP_WATCHLIST_IMPORT_FULL, &error));
  g_assert_no_error (error);
  g_assert_true (bp_watchlist_load (booth.watchlist, &error));
  g_assert_cmpuint (list_version (booth.watchlist), ==, 3);
  g_assert_true (bp_store_set_sync_state_sync (store, pairs, &error));
  g_assert_no_error (error);

  make_package (f->hq.updates_dir, "alert-list", 5, 4, delta_v5, key, TAMPER_NONE);
  if (snapshot_tamper == TAMPER_NONE)
    make_full_snapshot (f->hq.updates_dir, "alert-list", 5, full_v5, key);
  else
    {
      g_autofree char *snapshot = g_build_filename (f->hq.updates_dir, "alert-list", "5", "full", NULL);

      make_package_at (snapshot, "alert-list", 5, -1, full_v5, key, snapshot_tamper);
    }

  config.hq_url = f->hq.url;
  config.ca_file = ca;
  config.certificate_file = cert;
  config.key_file = cert_key;
  config.update_public_key_file = key;
  config.packages_dir = packages;
  booth.sync = bp_sync_new (store);
  g_signal_connect (booth.sync, "package-installed", G_CALLBACK (booth_package_installed_cb), &booth);
  g_signal_connect (booth.sync, "notify::update-status", G_CALLBACK (booth_status_cb), &booth);
  g_assert_true (bp_sync_configure (booth.sync, &config, &error));
  g_assert_no_error (error);

  if (snapshot_tamper != TAMPER_NONE)
    {
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (BpOutboxStatus) before = NULL;

      /* The full list fails verification: nothing of it is installed,
       * the old list keeps screening, and the mark stays for the next
       * attempt. */
      bp_sync_run_once_async (booth.sync, NULL, run_once_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      bp_sync_run_once_finish (booth.sync, result, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (list_version (booth.watchlist), ==, 3);
      g_assert_true (has_hit (booth.watchlist, "HAPPY", "JOHN PAUL", "1986-03-04"));
      g_assert_false (has_hit (booth.watchlist, "SOLBERG", "LINNEA", "2015-06-11"));
      g_assert_cmpstr (bp_sync_get_update_status (booth.sync), ==, "The alert list needs a full reload; fetching it from headquarters.");
      g_assert_nonnull (strstr (bp_sync_get_last_error (booth.sync), "do not match"));
      before = bp_store_get_outbox_status_sync (store, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (g_hash_table_lookup (before->state, "package.alert-list.full_reload"), ==, "needed");
      g_assert_cmpstr (g_hash_table_lookup (before->state, "package.alert-list.version"), ==, recorded_text);

      make_full_snapshot (f->hq.updates_dir, "alert-list", 5, full_v5, key);
    }

  /* Automatic sync, as in the GUI: the reload must follow on its own. */
  timeout = g_timeout_add_seconds (60, timeout_cb, &timed_out);
  bp_sync_set_enabled (booth.sync, TRUE);
  while (!timed_out && (list_version (booth.watchlist) != 5 || bp_sync_get_busy (booth.sync) || g_strcmp0 (bp_sync_get_update_status (booth.sync), "Installed full alert list version 5.") != 0))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
  bp_sync_set_enabled (booth.sync, FALSE);

  /* Screening sees the full list 5, not 3 and not a half-applied mix. */
  g_assert_cmpuint (list_version (booth.watchlist), ==, 5);
  g_assert_true (has_hit (booth.watchlist, "SOLBERG", "LINNEA", "2015-06-11"));
  g_assert_true (has_hit (booth.watchlist, "ERIKSSON", "ANNA", "1974-08-12"));
  g_assert_false (has_hit (booth.watchlist, "HAPPY", "JOHN PAUL", "1986-03-04"));
  g_assert_cmpuint (booth.needed_full, ==, expected_needed_full);

  status = bp_store_get_outbox_status_sync (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (status->state, "package.alert-list.version"), ==, "5");
  g_assert_cmpstr (g_hash_table_lookup (status->state, "package.alert-list.full_version"), ==, "5");
  g_assert_null (g_hash_table_lookup (status->state, "package.alert-list.full_reload"));

  /* The status said so on the way, then said what is installed. */
  g_assert_true (g_ptr_array_find_with_equal_func (booth.statuses, "The alert list needs a full reload; fetching it from headquarters.",
                                                   g_str_equal, NULL));

  g_clear_object (&booth.sync);
  g_clear_object (&booth.watchlist);
  g_ptr_array_unref (booth.statuses);

  assert_cli_update_status (f, "Installed full alert list version 5.");
}

/* HQ no longer offers delta 4: the booth sees the gap in the listing
 * and fetches the full list without trying the delta. */
static void
test_full_reload_gap (Fixture *f,
                      gconstpointer data)
{
  g_autofree char *delta = g_build_filename (f->dir, "packages", "alert-list", "5.payload", NULL);
  g_autofree char *contents = NULL;

  run_full_reload (f, 3, TAMPER_NONE, 0);
  g_assert_true (g_file_get_contents (delta, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, full_v5);
}

/* Delta 4 was fetched once but never applied: delta 5 fits what sync
 * recorded, not the list, so applying it fails and the booth asks for
 * the full list. */
static void
test_full_reload_after_apply (Fixture *f,
                              gconstpointer data)
{
  run_full_reload (f, 4, TAMPER_NONE, 1);
}

/* The full list arrives damaged once: refused, the old list screens on,
 * and the next attempt fetches it again and installs it. */
static void
test_full_reload_retry (Fixture *f,
                        gconstpointer data)
{
  run_full_reload (f, 3, TAMPER_PAYLOAD, 0);
}

int
main (int argc,
      char **argv)
{
  int ret;

  if (!hq_fixture_main_init (&argc, &argv))
    return 0;

  g_test_add ("/borderpost/sync/e2e/refusals-and-packages", Fixture, NULL, fixture_setup, test_refusals_and_packages, fixture_teardown);
  g_test_add ("/borderpost/sync/e2e/full-reload-gap", Fixture, NULL, fixture_setup, test_full_reload_gap, fixture_teardown);
  g_test_add ("/borderpost/sync/e2e/full-reload-after-apply", Fixture, NULL, fixture_setup, test_full_reload_after_apply, fixture_teardown);
  g_test_add ("/borderpost/sync/e2e/full-reload-retry", Fixture, NULL, fixture_setup, test_full_reload_retry, fixture_teardown);
  g_test_add ("/borderpost/sync/e2e/kill-and-restart", Fixture, NULL, fixture_setup, test_kill_and_restart, fixture_teardown);

  ret = g_test_run ();
  hq_fixture_main_done ();

  return ret;
}
