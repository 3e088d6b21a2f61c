/* test-outbox.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bp-sync-wire.h"

#include "sync-fixtures.h"

typedef struct
{
  char *dir;
  char *path;
  BpStore *store;
} Fixture;

static void
fixture_setup (Fixture *fixture,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("bp-outbox-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "borderpost.sqlite", NULL);
  fixture->store = open_store (fixture->path);
  _bp_store_set_clock_offset (0);
}

static void
fixture_teardown (Fixture *fixture,
                  gconstpointer data)
{
  g_assert_finalize_object (fixture->store);
  _bp_store_set_clock_offset (0);
  tmp_dir_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static GPtrArray *
results_for (BpOutboxBatch *batch,
             BpOutboxResult result)
{
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_outbox_item_result_free);

  for (guint i = 0; i < batch->items->len; i++)
    {
      BpOutboxItem *item = g_ptr_array_index (batch->items, i);

      g_ptr_array_add (results, bp_outbox_item_result_new (item->uuid, result, NULL));
    }

  return results;
}

static void
record_all (BpStore *store,
            BpOutboxBatch *batch,
            BpOutboxResult result,
            gint64 hold_usec)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) results = results_for (batch, result);

  bp_store_record_batch_sync (store, batch->key, "2026-11-26T12:00:00Z", results, hold_usec, &error);
  g_assert_no_error (error);
}

static void
test_batch_bounds (Fixture *fixture,
                   gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpOutboxBatch) batch = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonArray *items;

  fill_store (fixture->store, 12, 0, 0);

  batch = bp_store_take_batch_sync (fixture->store, "booth-07", NULL, 5, BP_SYNC_BATCH_MAX_BYTES, &error);
  g_assert_no_error (error);
  g_assert_nonnull (batch);
  g_assert_cmpuint (batch->items->len, ==, 5);
  g_assert_false (batch->resumed);

  root = json_from_string (g_bytes_get_data (batch->body, NULL), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "booth_id"), ==, "booth-07");
  items = json_object_get_array_member (json_node_get_object (root), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      BpOutboxItem *queued = g_ptr_array_index (batch->items, i);

      g_assert_cmpstr (json_object_get_string_member (item, "uuid"), ==, queued->uuid);
      g_assert_cmpuint (strlen (json_object_get_string_member (item, "content_sha256")), ==, 64);
      g_assert_true (json_object_has_member (item, "photo_sha256"));
    }
  g_clear_pointer (&batch, bp_outbox_batch_free);

  /* The byte bound: each item is well over 600 bytes, so 2 KiB holds
   * fewer than five. The unanswered batch comes first, unchanged. */
  batch = bp_store_take_batch_sync (fixture->store, "booth-07", NULL, 5, 2048, &error);
  g_assert_no_error (error);
  g_assert_true (batch->resumed);
  g_assert_cmpuint (batch->items->len, ==, 5);
  record_all (fixture->store, batch, BP_OUTBOX_RESULT_ACCEPTED, 0);
  g_clear_pointer (&batch, bp_outbox_batch_free);

  batch = bp_store_take_batch_sync (fixture->store, "booth-07", NULL, 5, 2048, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batch->items->len, >=, 1);
  g_assert_cmpuint (batch->items->len, <, 5);
  g_assert_cmpuint (g_bytes_get_size (batch->body), <=, 2048);
}

static void
test_resume_same_key (Fixture *fixture,
                      gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpOutboxBatch) first = NULL;
  g_autoptr (BpOutboxBatch) again = NULL;
  g_autoptr (BpOutboxBatch) reopened = NULL;
  g_autoptr (BpStore) store2 = NULL;

  fill_store (fixture->store, 3, 1, 2000);

  first = bp_store_take_batch_sync (fixture->store, NULL, NULL, 500, BP_SYNC_BATCH_MAX_BYTES, &error);
  g_assert_no_error (error);
  again = bp_store_take_batch_sync (fixture->store, NULL, NULL, 500, BP_SYNC_BATCH_MAX_BYTES, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first->key, ==, again->key);
  g_assert_true (g_bytes_equal (first->body, again->body));

  /* Another process (the command line after a crash) sees the same. */
  store2 = open_store (fixture->path);
  reopened = bp_store_take_batch_sync (store2, NULL, NULL, 500, BP_SYNC_BATCH_MAX_BYTES, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reopened->key, ==, first->key);
  g_assert_true (g_bytes_equal (reopened->body, first->body));
  g_assert_cmpuint (reopened->items->len, ==, 3);
  g_assert_nonnull (((BpOutboxItem *) g_ptr_array_index (reopened->items, 0))->photo);
}

static void
test_record_each_status (Fixture *fixture,
                         gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpOutboxBatch) batch = NULL;
  g_autoptr (BpOutboxBatch) next = NULL;
  g_autoptr (BpOutboxStatus) status = NULL;
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_outbox_item_result_free);
  const BpOutboxResult answers[] = {
    BP_OUTBOX_RESULT_ACCEPTED,
    BP_OUTBOX_RESULT_DUPLICATE,
    BP_OUTBOX_RESULT_CONFLICT,
    BP_OUTBOX_RESULT_REJECTED,
    BP_OUTBOX_RESULT_MISSING_PHOTO,
  };
  BpOutboxItem *item;

  /* Six crossings, each with a photo; the sixth gets no answer. */
  fill_store (fixture->store, 6, 1, 1000);
  batch = bp_store_take_batch_sync (fixture->store, NULL, NULL, 500, BP_SYNC_BATCH_MAX_BYTES, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batch->items->len, ==, 6);

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      item = g_ptr_array_index (batch->items, i);
      g_ptr_array_add (results, bp_outbox_item_result_new (item->uuid, answers[i], i == 3 ? "bad sex field" : NULL));
    }

  bp_store_record_batch_sync (fixture->store, batch->key, "2026-11-26T12:00:00.5Z", results,
                              10 * G_USEC_PER_SEC, &error);
  g_assert_no_error (error);

  status = bp_store_get_outbox_status_sync (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status->delivered, ==, 2);
  g_assert_cmpint (status->conflict, ==, 1);
  g_assert_cmpint (status->rejected, ==, 1);
  g_assert_cmpint (status->pending, ==, 2);
  g_assert_cmpint (bp_store_count_outbox_sync (fixture->store, NULL), ==, 2);

  /* The unanswered item comes next, at once, under a new key; the one
   * missing its photo is held back for ten seconds. */
  next = bp_store_take_batch_sync (fixture->store, NULL, NULL, 500, BP_SYNC_BATCH_MAX_BYTES, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (next->items->len, ==, 1);
  g_assert_cmpstr (next->key, !=, batch->key);
  item = g_ptr_array_index (next->items, 0);
  g_assert_cmpstr (item->uuid, ==, ((BpOutboxItem *) g_ptr_array_index (batch->items, 5))->uuid);
  record_all (fixture->store, next, BP_OUTBOX_RESULT_ACCEPTED, 0);
  g_clear_pointer (&next, bp_outbox_batch_free);

  next = bp_store_take_batch_sync (fixture->store, NULL, NULL, 500, BP_SYNC_BATCH_MAX_BYTES, &error);
  g_assert_no_error (error);
  g_assert_null (next);

  _bp_store_set_clock_offset (11 * G_USEC_PER_SEC);
  next = bp_store_take_batch_sync (fixture->store, NULL, NULL, 500, BP_SYNC_BATCH_MAX_BYTES, &error);
  g_assert_no_error (error);
  g_assert_nonnull (next);
  item = g_ptr_array_index (next->items, 0);
  g_assert_cmpstr (item->uuid, ==, ((BpOutboxItem *) g_ptr_array_index (batch->items, 4))->uuid);
  /* Its photo is offered again until HQ is known to hold it. */
  g_assert_nonnull (item->photo);
}

static void
keep_result_cb (GObject *object,
                GAsyncResult *result,
                gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_photo_marked (Fixture *fixture,
                   gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpOutboxBatch) batch = NULL;
  g_autoptr (BpOutboxBatch) again = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (BpOutboxStatus) status = NULL;
  BpOutboxItem *item;
  GMainContext *context = g_main_context_default ();
  gboolean done = FALSE;
  g_autoptr (GAsyncResult) result = NULL;

  fill_store (fixture->store, 2, 2, 1000);
  status = bp_store_get_outbox_status_sync (fixture->store, &error);
  g_assert_cmpint (status->photos_pending, ==, 1);

  batch = bp_store_take_batch_sync (fixture->store, NULL, NULL, 500, BP_SYNC_BATCH_MAX_BYTES, &error);
  item = g_ptr_array_index (batch->items, 0);
  g_assert_nonnull (item->photo);
  g_assert_cmpuint (strlen (item->photo_sha256), ==, 64);
  g_assert_null (((BpOutboxItem *) g_ptr_array_index (batch->items, 1))->photo_sha256);
  g_array_append_val (ids, item->outbox_id);

  bp_store_mark_photos_async (fixture->store, ids, NULL, keep_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  done = bp_store_mark_photos_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  g_assert_true (done);

  again = bp_store_take_batch_sync (fixture->store, NULL, NULL, 500, BP_SYNC_BATCH_MAX_BYTES, &error);
  g_assert_true (again->resumed);
  g_assert_null (((BpOutboxItem *) g_ptr_array_index (again->items, 0))->photo);
}

static void
test_clock_jump_back (Fixture *fixture,
                      gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpOutboxBatch) batch = NULL;
  g_autoptr (BpOutboxBatch) next = NULL;

  fill_store (fixture->store, 1, 1, 500);
  batch = bp_store_take_batch_sync (fixture->store, NULL, NULL, 500, BP_SYNC_BATCH_MAX_BYTES, &error);
  record_all (fixture->store, batch, BP_OUTBOX_RESULT_MISSING_PHOTO, 60 * G_USEC_PER_SEC);

  /* Held for a minute… */
  next = bp_store_take_batch_sync (fixture->store, NULL, NULL, 500, BP_SYNC_BATCH_MAX_BYTES, &error);
  g_assert_null (next);

  /* …but when the wall clock goes back a day, not for a day. */
  _bp_store_set_clock_offset (-24 * (gint64) 3600 * G_USEC_PER_SEC);
  next = bp_store_take_batch_sync (fixture->store, NULL, NULL, 500, BP_SYNC_BATCH_MAX_BYTES, &error);
  g_assert_no_error (error);
  g_assert_nonnull (next);
  g_assert_cmpuint (next->items->len, ==, 1);
}

static void
test_sync_state (Fixture *fixture,
                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpOutboxStatus) status = NULL;
  const char *const pairs[] = { "last_error", "HQ is down", "package.csca", "4", NULL };
  const char *const clear[] = { "last_error", NULL, NULL };

  bp_store_set_sync_state_sync (fixture->store, pairs, &error);
  g_assert_no_error (error);
  bp_store_set_sync_state_sync (fixture->store, clear, &error);
  g_assert_no_error (error);

  status = bp_store_get_outbox_status_sync (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_null (g_hash_table_lookup (status->state, "last_error"));
  g_assert_cmpstr (g_hash_table_lookup (status->state, "package.csca"), ==, "4");
}

static void
test_migrate_v2 (Fixture *fixture,
                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpStore) store = NULL;
  g_autoptr (BpOutboxStatus) status = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "old.sqlite", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (_bp_store_migrate (db, path, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO crossings (sequence, uuid, boot_id, direction, recorded_at, recorded_at_us, decision)"
                                 " VALUES (1, '01890000-0000-7000-8000-000000000001', 'b', 'entry', 'x', 1, 'admit'),"
                                 " (2, '01890000-0000-7000-8000-000000000002', 'b', 'entry', 'x', 2, 'refer');"
                                 "INSERT INTO outbox (crossing_uuid, created_at, created_at_us, synced_at)"
                                 " VALUES ('01890000-0000-7000-8000-000000000001', 'x', 1, 'y'),"
                                 " ('01890000-0000-7000-8000-000000000002', 'x', 2, NULL);",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  store = open_store (path);
  status = bp_store_get_outbox_status_sync (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status->delivered, ==, 1);
  g_assert_cmpint (status->pending, ==, 1);
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/borderpost/sync/outbox/batch-bounds", test_batch_bounds);
  ADD ("/borderpost/sync/outbox/resume-same-key", test_resume_same_key);
  ADD ("/borderpost/sync/outbox/record-each-status", test_record_each_status);
  ADD ("/borderpost/sync/outbox/photo-marked", test_photo_marked);
  ADD ("/borderpost/sync/outbox/clock-jump-back", test_clock_jump_back);
  ADD ("/borderpost/sync/outbox/sync-state", test_sync_state);
  ADD ("/borderpost/sync/outbox/migrate-v2", test_migrate_v2);
#undef ADD

  return g_test_run ();
}
