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
 *
 * BORDERPOST_SYNC_E2E_CROSSINGS sets the backlog (default 10000).
 */

#include "config.h"

#include <signal.h>

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

int
main (int argc,
      char **argv)
{
  int ret;

  if (!hq_fixture_main_init (&argc, &argv))
    return 0;

  g_test_add ("/borderpost/sync/e2e/refusals-and-packages", Fixture, NULL, fixture_setup, test_refusals_and_packages, fixture_teardown);
  g_test_add ("/borderpost/sync/e2e/kill-and-restart", Fixture, NULL, fixture_setup, test_kill_and_restart, fixture_teardown);

  ret = g_test_run ();
  hq_fixture_main_done ();

  return ret;
}
