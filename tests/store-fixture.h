/* store-fixture.h: a store in a temporary folder, and reading its file
 * through a connection of its own, for the store tests.
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-crossing-private.h"
#include "bp-store-private.h"

#include "crossing-fixtures.h"
#include "tmp-dir.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static inline void
fixture_setup (Fixture *fixture,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("bp-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "borderpost.sqlite", NULL);
}

static inline void
fixture_teardown (Fixture *fixture,
                  gconstpointer data)
{
  tmp_dir_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static inline void
save (BpStore *store,
      BpCrossing *crossing)
{
  g_autoptr (GError) error = NULL;

  bp_store_save_crossing_sync (store, crossing, &error);
  g_assert_no_error (error);
}

/* Reads one integer through a connection of its own, as another program
 * inspecting the file would. */
static inline gint64
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

static inline char *
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
