/* test-store.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "bp-uuid.h"

#include "crossing-fixtures.h"
#include "store-fixture.h"

static void
test_migrate_from_empty (Fixture *fixture,
                         gconstpointer data)
{
  g_autoptr (BpStore) store = bp_store_new (fixture->path);
  g_autoptr (GError) error = NULL;
  g_autofree char *journal_mode = NULL;

  g_assert_cmpint (bp_store_get_schema_version (store), ==, 0);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  bp_store_open_sync (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_store_get_schema_version (store), ==, BP_STORE_SCHEMA_VERSION);
  g_assert_cmpuint (g_list_model_get_n_items (bp_store_get_recent (store)), ==, 0);

  g_assert_cmpint (query_int (fixture->path, "PRAGMA user_version", NULL), ==, BP_STORE_SCHEMA_VERSION);
  journal_mode = query_text (fixture->path, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");
  g_assert_cmpint (query_int (fixture->path, "SELECT count (*) FROM sqlite_schema WHERE name IN ('crossings', 'outbox')", NULL), ==, 2);

  /* Opening twice is harmless. */
  bp_store_open_sync (store, &error);
  g_assert_no_error (error);

  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
insert_v1_row (sqlite3 *db,
               gint64 sequence,
               const char *uuid,
               const char *number,
               const char *primary)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  static const char sql[] = "INSERT INTO crossings (sequence, uuid, boot_id, booth_id, officer_id, direction, recorded_at,"
                            " recorded_at_us, document_number, primary_identifier, secondary_identifier, checks_json,"
                            " decision, reasons, photo, photo_sha256)"
                            " VALUES (?1, ?2, ?3, 'booth-01', 'officer-1', 'exit', '2025-01-02T03:04:05.000006Z',"
                            " 1735787045000006, ?4, ?5, 'ANNA', '[]', 'refer', '[\"watchlist-hit\"]', x'ffd8ffd9',"
                            " '6a4e9a5e8b0e7c6d1f46a4dc40e3ec4e8e1f5e0fd7c7b5e6b9c4d9f4e0b1a2c3')";

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, sequence);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, bp_uuid_get_boot_id (), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, primary, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

static void
test_migrate_from_v1 (Fixture *fixture,
                      gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpStore) store = NULL;
  g_autoptr (GListModel) list = NULL;
  g_autoptr (BpCrossing) fresh = NULL;
  g_autoptr (BpCrossing) oldest = NULL;
  g_autoptr (GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;

  /* A database as the first release left it, with crossings in it. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  _bp_store_migrate (db, fixture->path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (_bp_store_read_user_version (db, fixture->path, NULL), ==, 1);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *number = g_strdup_printf ("V1-%u", i);

      g_ptr_array_add (uuids, bp_uuid_v7_new ());
      insert_v1_row (db, i + 1, g_ptr_array_index (uuids, i), number, "OLDTIMER");
    }
  sqlite3_close (db);

  store = open_store (fixture->path);
  g_assert_cmpint (bp_store_get_schema_version (store), ==, BP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (fixture->path, "PRAGMA user_version", NULL), ==, BP_STORE_SCHEMA_VERSION);

  list = bp_store_list_crossings_sync (store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  oldest = g_list_model_get_item (list, 2);
  g_assert_cmpstr (bp_crossing_get_uuid (oldest), ==, g_ptr_array_index (uuids, 0));
  g_assert_cmpint (bp_crossing_get_sequence (oldest), ==, 1);
  g_assert_cmpstr (bp_crossing_get_document_number (oldest), ==, "V1-0");
  g_assert_cmpint (bp_crossing_get_direction (oldest), ==, BP_DIRECTION_EXIT);
  g_assert_cmpint (bp_crossing_get_decision (oldest), ==, BP_DECISION_REFER);
  g_assert_cmpstr (bp_crossing_get_reasons (oldest)[0], ==, "watchlist-hit");
  g_assert_cmpint (g_date_time_get_microsecond (bp_crossing_get_recorded_at (oldest)), ==, 6);
  g_assert_cmpuint (g_bytes_get_size (bp_crossing_get_photo (oldest)), ==, 4);

  /* Version 2 queued the old crossings for HQ. */
  g_assert_cmpint (bp_store_count_outbox_sync (store, &error), ==, 3);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (bp_store_get_recent (store)), ==, 3);

  fresh = make_crossing ("NEW1", "NEWCOMER", "BOB");
  save (store, fresh);
  g_assert_cmpint (bp_crossing_get_sequence (fresh), ==, 4);
  g_assert_cmpint (bp_store_count_outbox_sync (store, NULL), ==, 4);
}

static void
test_migrate_too_new (Fixture *fixture,
                      gconstpointer data)
{
  g_autoptr (BpStore) store = bp_store_new (fixture->path);
  g_autoptr (GError) error = NULL;
  g_autofree char *journal_mode = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_false (bp_store_open_sync (store, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, fixture->path));

  /* Left exactly as the newer release wrote it. */
  g_assert_cmpint (query_int (fixture->path, "PRAGMA user_version", NULL), ==, 99);
  journal_mode = query_text (fixture->path, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "delete");
}

/* Saving and reading */

static void
test_save_basic (Fixture *fixture,
                 gconstpointer data)
{
  g_autoptr (BpStore) store = open_store (fixture->path);
  GListModel *recent = bp_store_get_recent (store);
  g_autoptr (GPtrArray) saved = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *number = g_strdup_printf ("X%05u", i);
      BpCrossing *crossing = make_crossing (number, "ERIKSSON", "ANNA");

      save (store, crossing);
      g_ptr_array_add (saved, crossing);

      g_assert_cmpint (bp_crossing_get_sequence (crossing), ==, i + 1);
      g_assert_cmpuint (g_list_model_get_n_items (recent), ==, i + 1);
      g_assert_true (g_list_model_get_item (recent, 0) == (gpointer) crossing);
      g_object_unref (crossing);
    }

  g_assert_cmpint (bp_store_count_outbox_sync (store, NULL), ==, 5);
  g_assert_cmpint (query_int (fixture->path, "SELECT count (*) FROM crossings", NULL), ==, 5);
  g_assert_cmpint (query_int (fixture->path, "SELECT count (*) FROM outbox JOIN crossings ON uuid = crossing_uuid", NULL), ==, 5);
  g_assert_cmpint (query_int (fixture->path, "SELECT count (*) FROM outbox WHERE synced_at IS NULL AND attempts = 0", NULL), ==, 5);

  /* The store holds no reference that outlives it. */
  g_clear_pointer (&saved, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_save_round_trip (Fixture *fixture,
                      gconstpointer data)
{
  g_autoptr (BpCrossing) crossing = make_crossing ("L898902C3", "ERIKSSON", "ANNA MARIA");
  g_autoptr (BpCrossing) correction = make_crossing ("L898902C3", "ERIKSSON", "ANNA MARIA");
  g_autoptr (BpCrossing) loaded = NULL;
  g_autoptr (GBytes) photo = make_photo (40 * 1024);
  g_autoptr (BpStore) store = open_store (fixture->path);
  g_autoptr (GListModel) list = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  bp_crossing_set_photo (crossing, photo);
  bp_crossing_set_direction (crossing, BP_DIRECTION_EXIT);
  bp_crossing_set_decision (crossing, BP_DECISION_REFUSE);
  save (store, crossing);
  before = bp_crossing_to_json (crossing);

  bp_crossing_set_supersedes (correction, bp_crossing_get_uuid (crossing));
  save (store, correction);

  /* A new store on the same file: nothing comes from memory. */
  g_assert_finalize_object (g_steal_pointer (&store));
  store = open_store (fixture->path);
  list = bp_store_list_crossings_sync (store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);

  loaded = g_list_model_get_item (list, 1);
  after = bp_crossing_to_json (loaded);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (g_bytes_equal (bp_crossing_get_photo (loaded), photo));
  g_assert_true (g_date_time_equal (bp_crossing_get_recorded_at (loaded),
                                    bp_crossing_get_recorded_at (crossing)));

  g_clear_object (&loaded);
  loaded = g_list_model_get_item (list, 0);
  g_assert_cmpstr (bp_crossing_get_supersedes (loaded), ==, bp_crossing_get_uuid (crossing));
}

static void
test_save_sequence_restart (Fixture *fixture,
                            gconstpointer data)
{
  g_autoptr (BpStore) store = open_store (fixture->path);
  g_autoptr (BpCrossing) last = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (BpCrossing) crossing = make_crossing ("A1", "A", "B");

      save (store, crossing);
    }

  g_assert_finalize_object (g_steal_pointer (&store));
  store = open_store (fixture->path);
  g_assert_cmpuint (g_list_model_get_n_items (bp_store_get_recent (store)), ==, 3);

  last = make_crossing ("A1", "A", "B");
  save (store, last);
  g_assert_cmpint (bp_crossing_get_sequence (last), ==, 4);
}

static void
test_save_rejected (Fixture *fixture,
                    gconstpointer data)
{
  g_autoptr (BpStore) store = open_store (fixture->path);
  g_autoptr (BpCrossing) undecided = make_crossing ("A1", "A", "B");
  g_autoptr (BpCrossing) crossing = make_crossing ("A2", "A", "B");
  g_autoptr (BpCrossing) orphan = make_crossing ("A3", "A", "B");
  g_autoptr (GError) error = NULL;
  g_autofree char *unknown = bp_uuid_v7_new ();

  bp_crossing_set_decision (undecided, BP_DECISION_NONE);
  g_assert_false (bp_store_save_crossing_sync (store, undecided, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Nothing was recorded"));
  g_assert_cmpint (bp_crossing_get_sequence (undecided), ==, 0);
  g_clear_error (&error);

  save (store, crossing);
  g_assert_false (bp_store_save_crossing_sync (store, crossing, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, bp_crossing_get_uuid (crossing)));
  g_clear_error (&error);

  bp_crossing_set_supersedes (orphan, unknown);
  g_assert_false (bp_store_save_crossing_sync (store, orphan, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_FAILED);
  g_assert_cmpint (bp_crossing_get_sequence (orphan), ==, 0);
  g_clear_error (&error);

  /* Only the one good crossing, and the failed attempts left no gap. */
  g_assert_cmpuint (g_list_model_get_n_items (bp_store_get_recent (store)), ==, 1);
  g_assert_cmpint (bp_store_count_outbox_sync (store, NULL), ==, 1);
  g_assert_cmpint (query_int (fixture->path, "SELECT max (sequence) FROM crossings", NULL), ==, 1);
}

static void
test_save_not_open (Fixture *fixture,
                    gconstpointer data)
{
  g_autoptr (BpStore) store = bp_store_new (fixture->path);
  g_autoptr (BpCrossing) crossing = make_crossing ("A1", "A", "B");
  g_autoptr (GError) error = NULL;

  g_assert_false (bp_store_save_crossing_sync (store, crossing, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_OPEN);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
async_cb (GObject *object,
          GAsyncResult *result,
          gpointer user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static void
test_save_async (Fixture *fixture,
                 gconstpointer data)
{
  g_autoptr (BpStore) store = bp_store_new (fixture->path);
  g_autoptr (BpCrossing) crossing = make_crossing ("A1", "A", "B");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GListModel) list = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *recent = bp_store_get_recent (store);

  bp_store_open_async (store, NULL, async_cb, &result);
  g_assert_true (bp_store_open_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  bp_store_save_crossing_async (store, crossing, NULL, async_cb, &result);
  /* Nothing changes on this thread before the callback. */
  g_assert_cmpint (bp_crossing_get_sequence (crossing), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (recent), ==, 0);
  wait_for (&result);
  g_assert_cmpuint (g_list_model_get_n_items (recent), ==, 1);
  g_assert_true (bp_store_save_crossing_finish (store, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bp_crossing_get_sequence (crossing), ==, 1);
  g_clear_object (&result);

  bp_store_list_crossings_async (store, "a1", 10, NULL, async_cb, &result);
  list = bp_store_list_crossings_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_clear_object (&result);

  bp_store_count_outbox_async (store, NULL, async_cb, &result);
  g_assert_cmpint (bp_store_count_outbox_finish (store, wait_for (&result), &error), ==, 1);
  g_assert_no_error (error);
}

static void
test_save_cancelled (Fixture *fixture,
                     gconstpointer data)
{
  g_autoptr (BpStore) store = open_store (fixture->path);
  g_autoptr (BpCrossing) crossing = make_crossing ("A1", "A", "B");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  g_cancellable_cancel (cancellable);
  bp_store_save_crossing_async (store, crossing, cancellable, async_cb, &result);
  g_assert_false (bp_store_save_crossing_finish (store, wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert_cmpint (bp_crossing_get_sequence (crossing), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (bp_store_get_recent (store)), ==, 0);
  g_assert_cmpint (query_int (fixture->path, "SELECT count (*) FROM crossings", NULL), ==, 0);
  g_assert_cmpint (bp_store_count_outbox_sync (store, NULL), ==, 0);
}

static void
test_list_search (Fixture *fixture,
                  gconstpointer data)
{
  static const struct
  {
    const char *number;
    const char *primary;
    const char *secondary;
  } people[] = {
    { "L898902C3", "ERIKSSON", "ANNA MARIA" },
    { "D23145890", "MUSTERMANN", "ERIKA" },
    { "X_1%2", "O'NEILL", "JOHN" },
    { "AB1", "ERIKSEN", "ANNA" },
  };
  static const struct
  {
    const char *search;
    guint limit;
    const char *expected; /* document numbers, newest first */
  } cases[] = {
    { NULL, 0, "AB1 X_1%2 D23145890 L898902C3" },
    { "", 2, "AB1 X_1%2" },
    { "  erik ", 0, "AB1 D23145890 L898902C3" },
    { "eriksson", 0, "L898902C3" },
    { "ERIKSSON, Anna", 0, "L898902C3" },
    { "anna maria eriksson", 0, "L898902C3" },
    { "l8989", 0, "L898902C3" },
    { "X_1", 0, "X_1%2" },
    { "A_1", 0, "" },
    { "%", 0, "X_1%2" },
    { "o'neill", 0, "X_1%2" },
    { "anna", 1, "AB1" },
    { "nobody", 0, "" },
  };
  g_autoptr (BpStore) store = open_store (fixture->path);

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr (BpCrossing) crossing = make_crossing (people[i].number, people[i].primary, people[i].secondary);

      save (store, crossing);
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GListModel) list = bp_store_list_crossings_sync (store, cases[i].search, cases[i].limit, &error);
      g_autoptr (GPtrArray) numbers = g_ptr_array_new ();
      g_autofree char *joined = NULL;

      g_assert_no_error (error);
      for (guint j = 0; j < g_list_model_get_n_items (list); j++)
        {
          g_autoptr (BpCrossing) crossing = g_list_model_get_item (list, j);

          g_ptr_array_add (numbers, (gpointer) bp_crossing_get_document_number (crossing));
        }
      g_ptr_array_add (numbers, NULL);
      joined = g_strjoinv (" ", (char **) numbers->pdata);

      g_test_message ("search “%s”", cases[i].search);
      g_assert_cmpstr (joined, ==, cases[i].expected);
    }
}

static void
test_recent_limit (Fixture *fixture,
                   gconstpointer data)
{
  g_autoptr (BpStore) store = open_store (fixture->path);
  g_autoptr (GError) error = NULL;
  g_autoptr (BpCrossing) newest = NULL;
  const guint n = 503;

  /* Durability is not what is tested here. */
  _bp_store_exec_sync (store, "PRAGMA synchronous = OFF", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (BpCrossing) crossing = make_crossing ("A1", "A", "B");

      save (store, crossing);
    }

  g_assert_cmpuint (g_list_model_get_n_items (bp_store_get_recent (store)), ==, 500);

  g_assert_finalize_object (g_steal_pointer (&store));
  store = open_store (fixture->path);
  g_assert_cmpuint (g_list_model_get_n_items (bp_store_get_recent (store)), ==, 500);
  newest = g_list_model_get_item (bp_store_get_recent (store), 0);
  g_assert_cmpint (bp_crossing_get_sequence (newest), ==, n);
}

static void
test_memory (void)
{
  g_autoptr (BpStore) store = open_store (":memory:");
  g_autoptr (BpCrossing) crossing = make_crossing ("A1", "A", "B");

  save (store, crossing);
  g_assert_cmpint (bp_crossing_get_sequence (crossing), ==, 1);
  g_assert_cmpint (bp_store_count_outbox_sync (store, NULL), ==, 1);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/borderpost/store/migrate/from-empty", test_migrate_from_empty);
  ADD ("/borderpost/store/migrate/from-v1", test_migrate_from_v1);
  ADD ("/borderpost/store/migrate/too-new", test_migrate_too_new);

  ADD ("/borderpost/store/save/basic", test_save_basic);
  ADD ("/borderpost/store/save/round-trip", test_save_round_trip);
  ADD ("/borderpost/store/save/sequence-after-restart", test_save_sequence_restart);
  ADD ("/borderpost/store/save/rejected", test_save_rejected);
  ADD ("/borderpost/store/save/not-open", test_save_not_open);
  ADD ("/borderpost/store/save/async", test_save_async);
  ADD ("/borderpost/store/save/cancelled", test_save_cancelled);
  ADD ("/borderpost/store/list/search", test_list_search);
  ADD ("/borderpost/store/recent/limit", test_recent_limit);
  g_test_add_func ("/borderpost/store/memory", test_memory);

#undef ADD

  return g_test_run ();
}
