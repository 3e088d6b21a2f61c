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

#include "bp-crossing-private.h"
#include "bp-store-private.h"
#include "bp-uuid.h"

#include "crossing-fixtures.h"
#include "tmp-dir.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture *fixture,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("bp-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "borderpost.sqlite", NULL);
}

static void
fixture_teardown (Fixture *fixture,
                  gconstpointer data)
{
  tmp_dir_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static BpStore *
open_store (const char *path)
{
  g_autoptr (GError) error = NULL;
  BpStore *store = bp_store_new (path);

  bp_store_open_sync (store, &error);
  g_assert_no_error (error);

  return store;
}

static void
save (BpStore *store,
      BpCrossing *crossing)
{
  g_autoptr (GError) error = NULL;

  bp_store_save_crossing_sync (store, crossing, &error);
  g_assert_no_error (error);
}

/* Reads one integer through a connection of its own, as another program
 * inspecting the file would. */
static gint64
query_int (const char *path,
           const char *sql,
           const char *text_param)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  sqlite3 *db = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (text_param != NULL)
    sqlite3_bind_text (stmt, 1, text_param, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);

  return value;
}

static char *
query_text (const char *path,
            const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  sqlite3 *db = NULL;
  char *value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);

  return value;
}

/* Migrations */

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

/* Failures */

static void
test_error_corrupt (Fixture *fixture,
                    gconstpointer data)
{
  g_autoptr (BpStore) store = bp_store_new (fixture->path);
  g_autoptr (BpCrossing) crossing = make_crossing ("A1", "A", "B");
  g_autoptr (GBytes) garbage = make_photo (64 * 1024);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_set_contents (fixture->path, g_bytes_get_data (garbage, NULL), g_bytes_get_size (garbage), &error);
  g_assert_no_error (error);

  g_assert_false (bp_store_open_sync (store, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_clear_error (&error);

  /* The evidence is kept as it was, for IT to look at. */
  g_file_get_contents (fixture->path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, g_bytes_get_data (garbage, NULL), g_bytes_get_size (garbage));

  g_assert_false (bp_store_save_crossing_sync (store, crossing, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_OPEN);
}

static void
test_error_damaged (Fixture *fixture,
                    gconstpointer data)
{
  g_autoptr (BpStore) store = open_store (fixture->path);
  g_autoptr (GBytes) garbage = make_photo (3 * 4096);
  g_autoptr (GError) error = NULL;
  FILE *file;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (BpCrossing) crossing = make_crossing ("A1", "A", "B");
      g_autoptr (GBytes) photo = make_photo (16 * 1024);

      bp_crossing_set_photo (crossing, photo);
      save (store, crossing);
    }
  g_assert_finalize_object (g_steal_pointer (&store));

  /* A real database whose pages after the header were overwritten, as a
   * failing disk might leave it. */
  file = fopen (fixture->path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, 4096, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (g_bytes_get_data (garbage, NULL), 1, g_bytes_get_size (garbage), file), ==, g_bytes_get_size (garbage));
  fclose (file);

  store = bp_store_new (fixture->path);
  g_assert_false (bp_store_open_sync (store, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_CORRUPT);
}

static void
test_error_not_a_directory (Fixture *fixture,
                            gconstpointer data)
{
  g_autofree char *file = g_build_filename (fixture->dir, "a-file", NULL);
  g_autofree char *path = g_build_filename (file, "borderpost.sqlite", NULL);
  g_autoptr (BpStore) store = bp_store_new (path);
  g_autoptr (GError) error = NULL;

  /* A database path that runs through a regular file cannot be created
   * by anyone, root included: the honest unwritable path on a machine
   * where tests run as root. */
  g_file_set_contents (file, "", 0, &error);
  g_assert_no_error (error);

  g_assert_false (bp_store_open_sync (store, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_error_read_only (Fixture *fixture,
                      gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  if (g_test_subprocess ())
    {
      const char *path = g_getenv ("BP_TEST_READ_ONLY_DATABASE");
      g_autoptr (BpStore) store = bp_store_new (path);

      /* This process's own fixture folder is not used; remove it while
       * still allowed to. */
      tmp_dir_remove_tree (fixture->dir);

      /* Root ignores file modes, so drop to "nobody" to meet them as an
       * officer's account would. */
      if (geteuid () == 0 && (setgroups (0, NULL) != 0 || setgid (65534) != 0 || setuid (65534) != 0))
        {
          g_test_skip ("Cannot leave the root account to test permissions");
          return;
        }

      g_assert_false (bp_store_open_sync (store, &error));
      g_test_message ("%s", error->message);
      g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_READ_ONLY);
      g_assert_nonnull (strstr (error->message, path));
      return;
    }

  {
    g_autoptr (BpStore) store = open_store (fixture->path);
    g_autoptr (BpCrossing) crossing = make_crossing ("A1", "A", "B");

    save (store, crossing);
  }

  /* A database written earlier, in a folder that has since become
   * read-only for this account. */
  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (fixture->dir, 0555), ==, 0);
  g_setenv ("BP_TEST_READ_ONLY_DATABASE", fixture->path, TRUE);

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);

  g_chmod (fixture->dir, 0700);
  g_unsetenv ("BP_TEST_READ_ONLY_DATABASE");
  g_test_trap_assert_passed ();

  g_assert_cmpint (query_int (fixture->path, "SELECT count (*) FROM crossings", NULL), ==, 1);
}

static void
test_error_disk_full (Fixture *fixture,
                      gconstpointer data)
{
  g_autoptr (BpStore) store = open_store (fixture->path);
  g_autoptr (BpCrossing) first = make_crossing ("A1", "A", "B");
  g_autoptr (GError) error = NULL;
  g_autofree char *integrity = NULL;
  guint saved = 1;

  save (store, first);

  /* max_page_count makes SQLite answer SQLITE_FULL exactly where a full
   * disk would, without filling a real disk. 40 pages of 4 KiB hold a
   * couple more crossings with photos. */
  _bp_store_exec_sync (store, "PRAGMA max_page_count = 40", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 50; i++)
    {
      g_autoptr (BpCrossing) crossing = make_crossing ("A1", "A", "B");
      g_autoptr (GBytes) photo = make_photo (40 * 1024);

      bp_crossing_set_photo (crossing, photo);
      if (!bp_store_save_crossing_sync (store, crossing, &error))
        {
          g_assert_cmpint (bp_crossing_get_sequence (crossing), ==, 0);
          break;
        }
      saved++;
    }

  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_DISK_FULL);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_assert_nonnull (strstr (error->message, "Nothing was recorded"));

  /* Everything saved before is intact, nothing of the failed one is. */
  g_assert_cmpuint (g_list_model_get_n_items (bp_store_get_recent (store)), ==, saved);
  g_assert_cmpint (bp_store_count_outbox_sync (store, NULL), ==, saved);
  g_assert_cmpint (query_int (fixture->path, "SELECT count (*) FROM crossings", NULL), ==, saved);
  g_assert_cmpint (query_int (fixture->path, "SELECT max (sequence) FROM crossings", NULL), ==, saved);
  integrity = query_text (fixture->path, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
}

static void
test_error_locked (Fixture *fixture,
                   gconstpointer data)
{
  g_autoptr (BpStore) store = open_store (fixture->path);
  g_autoptr (BpCrossing) crossing = make_crossing ("A1", "A", "B");
  g_autoptr (GError) error = NULL;
  sqlite3 *other = NULL;

  /* Five seconds is right for a booth, long for a test. */
  _bp_store_exec_sync (store, "PRAGMA busy_timeout = 100", &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (fixture->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_false (bp_store_save_crossing_sync (store, crossing, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_LOCKED);
  g_assert_cmpint (bp_crossing_get_sequence (crossing), ==, 0);
  g_clear_error (&error);

  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);

  save (store, crossing);
  g_assert_cmpint (bp_crossing_get_sequence (crossing), ==, 1);
}

/* Durability: a process killed at any moment keeps every crossing it
 * reported saved. This covers crashes and kills; power loss is covered
 * by synchronous=FULL, which a test cannot pull the plug on. */

static int
durability_child (const char *path)
{
  g_autoptr (BpStore) store = bp_store_new (path);
  g_autoptr (GBytes) photo = make_photo (40 * 1024);
  g_autoptr (GError) error = NULL;

  if (!bp_store_open_sync (store, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (;;)
    {
      g_autoptr (BpCrossing) crossing = make_crossing ("D1", "DURABLE", "DORA");

      bp_crossing_set_photo (crossing, photo);
      if (!bp_store_save_crossing_sync (store, crossing, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      /* One write of less than PIPE_BUF: the parent never sees half. */
      printf ("%s\n", bp_crossing_get_uuid (crossing));
      fflush (stdout);
    }
}

static void
test_durability_sigkill (Fixture *fixture,
                         gconstpointer data)
{
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr (GPtrArray) reported = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (BpStore) store = NULL;
  g_autofree char *integrity = NULL;
  gint64 stored;

  g_assert_nonnull (self_exe);

  for (guint round = 0; round < 12; round++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GSubprocess) child = NULL;
      g_autoptr (GDataInputStream) lines = NULL;
      guint want = g_test_rand_int_range (1, 12);
      char *line;

      child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                self_exe, "--durability-child", fixture->path, NULL);
      g_assert_no_error (error);
      lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));

      for (guint i = 0; i < want; i++)
        {
          line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
          g_assert_no_error (error);
          g_assert_true (bp_uuid_is_valid (line));
          g_ptr_array_add (reported, line);
        }

      /* Killed right after it said "saved", possibly in the middle of
       * the next commit. */
      g_subprocess_force_exit (child);

      /* Anything it printed before dying was saved too. */
      while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, NULL)) != NULL)
        {
          if (bp_uuid_is_valid (line))
            g_ptr_array_add (reported, line);
          else
            g_free (line);
        }

      g_subprocess_wait (child, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (child));
      g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
    }

  store = open_store (fixture->path);
  for (guint i = 0; i < reported->len; i++)
    {
      const char *uuid = g_ptr_array_index (reported, i);

      g_assert_cmpint (query_int (fixture->path, "SELECT count (*) FROM crossings WHERE uuid = ?1", uuid), ==, 1);
      g_assert_cmpint (query_int (fixture->path, "SELECT count (*) FROM outbox WHERE crossing_uuid = ?1", uuid), ==, 1);
    }

  /* At most one more than reported per kill: saved, killed before printing. */
  stored = query_int (fixture->path, "SELECT count (*) FROM crossings", NULL);
  g_assert_cmpint (stored, >=, reported->len);
  g_assert_cmpint (stored, <=, reported->len + 12);
  g_assert_cmpint (query_int (fixture->path, "SELECT max (sequence) FROM crossings", NULL), ==, stored);
  g_assert_cmpint (bp_store_count_outbox_sync (store, NULL), ==, stored);
  integrity = query_text (fixture->path, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_test_message ("%u crossings reported saved, %" G_GINT64_FORMAT " stored", reported->len, stored);
}

int
main (int argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--durability-child"))
    return durability_child (argv[2]);

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

  ADD ("/borderpost/store/errors/corrupt", test_error_corrupt);
  ADD ("/borderpost/store/errors/damaged", test_error_damaged);
  ADD ("/borderpost/store/errors/not-a-directory", test_error_not_a_directory);
  ADD ("/borderpost/store/errors/read-only", test_error_read_only);
  ADD ("/borderpost/store/errors/disk-full", test_error_disk_full);
  ADD ("/borderpost/store/errors/locked", test_error_locked);
  ADD ("/borderpost/store/durability/sigkill", test_durability_sigkill);

#undef ADD

  return g_test_run ();
}
