/* test-sync.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * BpSync against an in-process fake of HQ (fake-hq.c), over plain HTTP.
 */

#include "config.h"

#include "bp-sync-private.h"

#include "fake-hq.h"
#include "package-fixtures.h"
#include "sync-fixtures.h"

typedef struct
{
  char *dir;
  char *path;
  BpStore *store;
  BpSync *sync;
  FakeHq *hq;
} Fixture;

static void
configure (Fixture *fixture,
           const char *key_file)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *packages = g_build_filename (fixture->dir, "packages", NULL);
  BpSyncConfig config = {
    .hq_url = fixture->hq->url,
    .booth_id = "booth-07",
    .update_public_key_file = key_file,
    .packages_dir = packages,
  };

  bp_sync_configure (fixture->sync, &config, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture *fixture,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("bp-sync-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "borderpost.sqlite", NULL);
  fixture->store = open_store (fixture->path);
  fixture->sync = bp_sync_new (fixture->store);
  fixture->hq = fake_hq_new ();
  _bp_store_set_clock_offset (0);
  configure (fixture, NULL);
}

static void
fixture_teardown (Fixture *fixture,
                  gconstpointer data)
{
  g_assert_finalize_object (fixture->sync);
  g_assert_finalize_object (fixture->store);
  fake_hq_free (fixture->hq);
  _bp_store_set_clock_offset (0);
  tmp_dir_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
keep_result_cb (GObject *object,
                GAsyncResult *result,
                gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
run_once (Fixture *fixture,
          GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  bp_sync_run_once_async (fixture->sync, NULL, keep_result_cb, &result);
  g_assert_true (bp_sync_get_busy (fixture->sync));
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return bp_sync_run_once_finish (fixture->sync, result, error);
}

static void
test_batch_statuses (Fixture *fixture,
                     gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpOutboxStatus) status = NULL;
  g_autoptr (GListModel) list = NULL;
  g_autoptr (BpCrossing) conflicting = NULL;
  g_autoptr (BpCrossing) rejected = NULL;

  /* Eight crossings, every other one with a photo; HQ already holds
   * the first under other content, and rejects the second. */
  fill_store (fixture->store, 8, 2, 30000);
  list = bp_store_list_crossings_sync (fixture->store, NULL, 0, &error);
  conflicting = g_list_model_get_item (list, 7);
  rejected = g_list_model_get_item (list, 6);
  g_hash_table_insert (fixture->hq->crossings, g_strdup (bp_crossing_get_uuid (conflicting)), g_strdup ("0000"));
  g_hash_table_add (fixture->hq->reject, g_strdup (bp_crossing_get_uuid (rejected)));

  g_assert_true (run_once (fixture, &error));
  g_assert_no_error (error);

  status = bp_store_get_outbox_status_sync (fixture->store, &error);
  g_assert_cmpint (status->pending, ==, 0);
  g_assert_cmpint (status->delivered, ==, 6);
  g_assert_cmpint (status->conflict, ==, 1);
  g_assert_cmpint (status->rejected, ==, 1);
  g_assert_cmpint (status->photos_pending, ==, 0);
  g_assert_nonnull (g_hash_table_lookup (status->state, "last_success_at"));
  g_assert_cmpstr (g_hash_table_lookup (status->state, "link_state"), ==, "online");

  /* Photos went first, so no item came back for its photo. */
  g_assert_cmpuint (g_hash_table_size (fixture->hq->complete), ==, 4);
  g_assert_cmpuint (fixture->hq->batches, ==, 1);
  g_assert_cmpuint (g_hash_table_size (fixture->hq->crossings), ==, 7);

  g_assert_cmpint (bp_sync_get_queue_depth (fixture->sync), ==, 0);
  g_assert_cmpint (bp_sync_get_problem_count (fixture->sync), ==, 2);
  g_assert_cmpint (bp_sync_get_link_state (fixture->sync), ==, BP_SYNC_LINK_ONLINE);
  g_assert_nonnull (bp_sync_get_last_success (fixture->sync));
  g_assert_false (bp_sync_get_busy (fixture->sync));

  /* A second attempt has nothing to send and sends nothing again. */
  g_assert_true (run_once (fixture, &error));
  g_assert_cmpuint (fixture->hq->batches, ==, 1);
}

static void
test_missing_photo (Fixture *fixture,
                    gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpOutboxBatch) batch = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* The booth believes HQ holds the photo (an HQ restored from backup
   * does not): HQ answers missing_photo; the booth sends it and the
   * item again, in the same attempt. */
  fill_store (fixture->store, 1, 1, 5000);
  batch = bp_store_take_batch_sync (fixture->store, "booth-07", NULL, 500, BP_SYNC_BATCH_MAX_BYTES, &error);
  g_array_append_val (ids, ((BpOutboxItem *) g_ptr_array_index (batch->items, 0))->outbox_id);
  g_assert_true (_bp_store_exec_sync (fixture->store, "UPDATE outbox SET photo_state = 'at_hq'", &error));

  g_assert_true (run_once (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pending_count (fixture->store), ==, 0);
  g_assert_cmpuint (fixture->hq->batches, ==, 2);
  g_assert_cmpuint (g_hash_table_size (fixture->hq->complete), ==, 1);
  g_assert_cmpuint (g_hash_table_size (fixture->hq->crossings), ==, 1);
}

static void
test_captive_portal (Fixture *fixture,
                     gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fill_store (fixture->store, 3, 0, 0);
  fixture->hq->captive_portal = TRUE;

  g_assert_false (run_once (fixture, &error));
  g_assert_error (error, BP_SYNC_ERROR, BP_SYNC_ERROR_NOT_HQ);
  g_assert_cmpint (pending_count (fixture->store), ==, 3);
  g_assert_cmpint (bp_sync_get_link_state (fixture->sync), ==, BP_SYNC_LINK_ERROR);
  g_assert_nonnull (bp_sync_get_last_error (fixture->sync));
  g_assert_null (bp_sync_get_last_success (fixture->sync));
}

static void
wait_until_idle_after_requests (Fixture *fixture,
                                guint requests)
{
  while (fixture->hq->requests < requests || bp_sync_get_busy (fixture->sync))
    g_main_context_iteration (NULL, TRUE);
}

static void
test_retry_after (Fixture *fixture,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fill_store (fixture->store, 2, 0, 0);
  fixture->hq->unavailable = 1;
  fixture->hq->retry_after = 7;

  g_assert_false (run_once (fixture, &error));
  g_assert_error (error, BP_SYNC_ERROR, BP_SYNC_ERROR_BUSY);
  g_assert_cmpint (bp_sync_get_link_state (fixture->sync), ==, BP_SYNC_LINK_ERROR);

  /* Automatic mode: the delay after a 503 honours Retry-After even
   * though the backoff alone would be a few milliseconds. */
  _bp_sync_set_delays (fixture->sync, 5, 60000);
  fixture->hq->unavailable = 1;
  bp_sync_set_enabled (fixture->sync, TRUE);
  wait_until_idle_after_requests (fixture, 2);
  g_assert_cmpuint (_bp_sync_get_next_delay (fixture->sync), >=, 7000);

  /* Without Retry-After, full jitter stays under the exponential bound. */
  fixture->hq->retry_after = 0;
  fixture->hq->unavailable = 3;
  bp_sync_sync_now (fixture->sync);
  for (guint i = 0; i < 3; i++)
    {
      wait_until_idle_after_requests (fixture, 3 + i);
      g_assert_cmpuint (_bp_sync_get_next_delay (fixture->sync), <=, 5u << (i + 1));
    }

  /* Then HQ comes back and the queue drains on its own. */
  while (pending_count (fixture->store) > 0)
    g_main_context_iteration (NULL, TRUE);
  while (bp_sync_get_busy (fixture->sync))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (bp_sync_get_link_state (fixture->sync), ==, BP_SYNC_LINK_ONLINE);
  bp_sync_set_enabled (fixture->sync, FALSE);
}

static gboolean
quit_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, quit_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_unauthorized_stops (Fixture *fixture,
                         gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  guint requests;

  fill_store (fixture->store, 2, 0, 0);
  fixture->hq->unauthorized = TRUE;
  _bp_sync_set_delays (fixture->sync, 1, 10);

  bp_sync_set_enabled (fixture->sync, TRUE);
  wait_until_idle_after_requests (fixture, 1);
  g_assert_cmpint (bp_sync_get_link_state (fixture->sync), ==, BP_SYNC_LINK_AUTH_FAILED);
  requests = fixture->hq->requests;

  /* With delays of 1–10 ms, a retry would have come many times over. */
  spin (300);
  g_assert_cmpuint (fixture->hq->requests, ==, requests);
  g_assert_cmpint (pending_count (fixture->store), ==, 2);

  /* Sync now tries again: HQ has been fixed. */
  fixture->hq->unauthorized = FALSE;
  bp_sync_sync_now (fixture->sync);
  while (pending_count (fixture->store) > 0 || bp_sync_get_busy (fixture->sync))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (bp_sync_get_link_state (fixture->sync), ==, BP_SYNC_LINK_ONLINE);
  bp_sync_set_enabled (fixture->sync, FALSE);
}

static void
notify_cb (GObject *object,
           GParamSpec *pspec,
           gboolean *notified)
{
  *notified = TRUE;
}

static void
test_network_back (Fixture *fixture,
                   gconstpointer data)
{
  GNetworkMonitor *monitor = g_network_monitor_get_default ();
  g_autoptr (BpSync) fresh = NULL;
  gboolean notified = FALSE;
  guint requests;

  fill_store (fixture->store, 2, 0, 0);
  fixture->hq->unavailable = 1;

  /* After a failure the next try is a minute away at least… */
  _bp_sync_set_delays (fixture->sync, 60000, 120000);
  fixture->hq->retry_after = 60;
  bp_sync_set_enabled (fixture->sync, TRUE);
  wait_until_idle_after_requests (fixture, 1);
  g_assert_cmpuint (_bp_sync_get_next_delay (fixture->sync), >=, 60000);
  requests = fixture->hq->requests;
  spin (100);
  g_assert_cmpuint (fixture->hq->requests, ==, requests);

  /* …unless the network comes back. */
  g_signal_emit_by_name (monitor, "network-changed", TRUE);
  while (pending_count (fixture->store) > 0 || bp_sync_get_busy (fixture->sync))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (bp_sync_get_link_state (fixture->sync), ==, BP_SYNC_LINK_ONLINE);
  bp_sync_set_enabled (fixture->sync, FALSE);

  /* A new BpSync on the same store shows what the last attempt left. */
  fresh = bp_sync_new (fixture->store);
  g_signal_connect (fresh, "notify::last-success", G_CALLBACK (notify_cb), &notified);
  bp_sync_refresh (fresh);
  while (!notified)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (bp_sync_get_last_success (fresh));
  g_assert_cmpint (bp_sync_get_queue_depth (fresh), ==, 0);
}

static void
test_lost_reply (Fixture *fixture,
                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpSync) other = NULL;

  fill_store (fixture->store, 20, 0, 0);
  fixture->hq->drop_after_commit = 1;

  g_assert_false (run_once (fixture, &error));
  g_assert_error (error, BP_SYNC_ERROR, BP_SYNC_ERROR_UNREACHABLE);
  g_clear_error (&error);
  g_assert_cmpint (pending_count (fixture->store), ==, 20);
  g_assert_cmpuint (g_hash_table_size (fixture->hq->crossings), ==, 20);

  g_assert_true (run_once (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pending_count (fixture->store), ==, 0);

  /* The same key, and HQ's stored answer: every item accepted, none
   * counted twice. */
  g_assert_cmpuint (fixture->hq->keys->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->hq->keys, 0), ==, g_ptr_array_index (fixture->hq->keys, 1));
  g_assert_cmpuint (fixture->hq->replayed, ==, 1);
  g_assert_cmpuint (g_hash_table_size (fixture->hq->crossings), ==, 20);
  g_assert_cmpint (query_delivered_with_received_at (fixture->path), ==, 20);
}

static void
test_photo_resume (Fixture *fixture,
                   gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const gsize size = 700 * 1024;

  /* Three chunks; the connection drops on the second. */
  fill_store (fixture->store, 1, 1, size);
  fixture->hq->drop_patch_after = 1;

  g_assert_false (run_once (fixture, &error));
  g_assert_error (error, BP_SYNC_ERROR, BP_SYNC_ERROR_UNREACHABLE);
  g_clear_error (&error);
  g_assert_cmpuint (fixture->hq->photo_bytes_received, ==, 256 * 1024);
  g_assert_cmpuint (g_hash_table_size (fixture->hq->complete), ==, 0);

  g_assert_true (run_once (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (fixture->hq->complete), ==, 1);
  g_assert_cmpint (pending_count (fixture->store), ==, 0);
  /* Resumed: the first chunk was sent once, plus one refused first try. */
  g_assert_cmpuint (fixture->hq->photo_bytes_received, ==, size);
}

static void
test_clock_jump (Fixture *fixture,
                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  /* Crossings saved a day "in the future", then the clock is set back,
   * then forward again: every attempt sends what is queued. */
  _bp_store_set_clock_offset ((gint64) 24 * 3600 * G_USEC_PER_SEC);
  fill_store (fixture->store, 3, 0, 0);
  _bp_store_set_clock_offset (-(gint64) 24 * 3600 * G_USEC_PER_SEC);
  g_assert_true (run_once (fixture, &error));
  g_assert_cmpint (pending_count (fixture->store), ==, 0);

  fill_store (fixture->store, 3, 0, 0);
  _bp_store_set_clock_offset ((gint64) 24 * 3600 * G_USEC_PER_SEC);
  g_assert_true (run_once (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pending_count (fixture->store), ==, 0);
  g_assert_cmpint (query_delivered_with_received_at (fixture->path), ==, 6);
}

static void
installed_cb (BpSync *sync,
              const char *kind,
              gint64 version,
              const char *path,
              GPtrArray *log)
{
  g_ptr_array_add (log, g_strdup_printf ("installed %s %" G_GINT64_FORMAT " %s", kind, version, path));
}

static void
rejected_cb (BpSync *sync,
             const char *kind,
             gint64 version,
             const char *message,
             GPtrArray *log)
{
  g_ptr_array_add (log, g_strdup_printf ("rejected %s %" G_GINT64_FORMAT, kind, version));
}

static void
test_packages (Fixture *fixture,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (BpOutboxStatus) status = NULL;
  g_autofree char *served = g_build_filename (fixture->dir, "served", NULL);
  g_autofree char *key = make_signing_key (fixture->dir, "ED25519");
  g_autofree char *installed = NULL;
  g_autofree char *installed_1 = g_build_filename (fixture->dir, "packages", "alert-list", "1.payload", NULL);
  g_autofree char *refused = g_build_filename (fixture->dir, "packages", "alert-list", "3.payload", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *expected_1 = g_strdup_printf ("installed alert-list 1 %s", installed_1);

  /* alert-list: 1 full, 2 a delta on 1, 3 a delta with a forged
   * signature. csca: 1 full, then 2 a delta on 5 (out of order). */
  make_package (served, "alert-list", 1, -1, "list one", key, TAMPER_NONE);
  make_package (served, "alert-list", 2, 1, "delta two", key, TAMPER_NONE);
  make_package (served, "alert-list", 3, 2, "delta three", key, TAMPER_SIGNATURE);
  make_package (served, "csca", 1, -1, "csca one", key, TAMPER_NONE);
  make_package (served, "csca", 2, 5, "csca delta", key, TAMPER_NONE);
  fixture->hq->packages_dir = g_strdup (served);
  configure (fixture, key);

  g_signal_connect (fixture->sync, "package-installed", G_CALLBACK (installed_cb), log);
  g_signal_connect (fixture->sync, "package-rejected", G_CALLBACK (rejected_cb), log);

  g_assert_true (run_once (fixture, &error));
  g_assert_no_error (error);

  installed = g_build_filename (fixture->dir, "packages", "alert-list", "2.payload", NULL);
  expected = g_strdup_printf ("installed alert-list 2 %s", installed);
  for (guint i = 0; i < log->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (log, i));
  g_assert_cmpuint (log->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (log, 0), ==, expected_1);
  g_assert_cmpstr (g_ptr_array_index (log, 1), ==, expected);
  g_assert_cmpstr (g_ptr_array_index (log, 2), ==, "rejected alert-list 3");
  g_assert_true (g_str_has_prefix (g_ptr_array_index (log, 3), "installed csca 1 "));
  g_assert_cmpstr (g_ptr_array_index (log, 4), ==, "rejected csca 2");

  g_assert_true (g_file_get_contents (installed, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "delta two");
  g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));

  status = bp_store_get_outbox_status_sync (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (status->state, "package.alert-list.version"), ==, "2");
  g_assert_cmpstr (g_hash_table_lookup (status->state, "package.csca.version"), ==, "1");
  g_assert_nonnull (strstr (bp_sync_get_last_error (fixture->sync), "csca"));

  /* Nothing new: nothing installed twice. */
  g_ptr_array_set_size (log, 0);
  g_assert_true (run_once (fixture, &error));
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (log, 0), ==, "rejected alert-list 3");
}

int
main (int argc,
      char **argv)
{
  /* The test environment's schemas do not include GNOME's proxy
   * settings, and loopback needs no proxy. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/borderpost/sync/hq/batch-statuses", test_batch_statuses);
  ADD ("/borderpost/sync/hq/missing-photo", test_missing_photo);
  ADD ("/borderpost/sync/hq/captive-portal", test_captive_portal);
  ADD ("/borderpost/sync/hq/retry-after", test_retry_after);
  ADD ("/borderpost/sync/hq/unauthorized-stops", test_unauthorized_stops);
  ADD ("/borderpost/sync/hq/network-back", test_network_back);
  ADD ("/borderpost/sync/hq/lost-reply", test_lost_reply);
  ADD ("/borderpost/sync/hq/photo-resume", test_photo_resume);
  ADD ("/borderpost/sync/hq/clock-jump", test_clock_jump);
  ADD ("/borderpost/sync/hq/packages", test_packages);
#undef ADD

  return g_test_run ();
}
