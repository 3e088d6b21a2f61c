/* bp-store-migrations.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bp-store-private.h"

/* Each migration is applied once, in order, inside one BEGIN IMMEDIATE
 * transaction that also sets PRAGMA user_version: a crash or a full disk
 * part way leaves the previous version intact, and two processes opening
 * the same file cannot both apply a step. The version number is part of
 * the SQL text because PRAGMA takes no parameters.
 *
 * Released migrations are never edited; a change is a new step. */

/* Version 1: the crossings themselves.
 *
 * sequence is the rowid: the store gives max + 1 inside the writing
 * transaction, so it is gap-free, survives restarts and orders rows by
 * commit, which the wall clock (recorded_at) does not promise.
 * A stored crossing is never changed or deleted; a correction is a new
 * row naming the old one in supersedes. The triggers make that a rule of
 * the file, not only of this code. */
static const char migration_1[] = "CREATE TABLE crossings ("
                                  "  sequence INTEGER PRIMARY KEY,"
                                  "  uuid TEXT NOT NULL UNIQUE CHECK (length (uuid) = 36),"
                                  "  boot_id TEXT NOT NULL,"
                                  "  booth_id TEXT,"
                                  "  officer_id TEXT,"
                                  "  direction TEXT NOT NULL CHECK (direction IN ('entry', 'exit')),"
                                  "  recorded_at TEXT NOT NULL,"
                                  "  recorded_at_us INTEGER NOT NULL,"
                                  "  mrz TEXT,"
                                  "  document_format TEXT,"
                                  "  document_code TEXT,"
                                  "  issuing_state TEXT,"
                                  "  document_number TEXT,"
                                  "  nationality TEXT,"
                                  "  primary_identifier TEXT,"
                                  "  secondary_identifier TEXT,"
                                  "  birth_date TEXT,"
                                  "  sex TEXT,"
                                  "  expiry_date TEXT,"
                                  "  checks_json TEXT NOT NULL DEFAULT '[]',"
                                  "  decision TEXT NOT NULL CHECK (decision IN ('admit', 'refer', 'refuse')),"
                                  "  reasons TEXT NOT NULL DEFAULT '[]',"
                                  "  note TEXT,"
                                  "  photo BLOB,"
                                  "  photo_sha256 TEXT,"
                                  "  supersedes TEXT REFERENCES crossings (uuid),"
                                  "  CHECK ((photo IS NULL) = (photo_sha256 IS NULL))"
                                  ");"
                                  "CREATE INDEX crossings_document_number ON crossings (document_number);"
                                  "CREATE INDEX crossings_recorded_at ON crossings (recorded_at_us);"
                                  "CREATE TRIGGER crossings_no_update BEFORE UPDATE ON crossings"
                                  "  BEGIN SELECT RAISE (ABORT, 'a stored crossing is never changed'); END;"
                                  "CREATE TRIGGER crossings_no_delete BEFORE DELETE ON crossings"
                                  "  BEGIN SELECT RAISE (ABORT, 'a stored crossing is never deleted'); END;"
                                  "PRAGMA user_version = 1;";

/* Version 2: the outbox that sync drains.
 *
 * One row per crossing, written in the same transaction as the crossing,
 * so that a crossing can never exist without being queued for HQ. The
 * row is marked, not deleted, when HQ acknowledges it, which keeps a
 * record of what was sent and when. Crossings stored by version 1 were
 * never sent, so they are queued here, as of the time they were recorded. */
static const char migration_2[] = "CREATE TABLE outbox ("
                                  "  id INTEGER PRIMARY KEY,"
                                  "  crossing_uuid TEXT NOT NULL UNIQUE REFERENCES crossings (uuid),"
                                  "  created_at TEXT NOT NULL,"
                                  "  created_at_us INTEGER NOT NULL,"
                                  "  attempts INTEGER NOT NULL DEFAULT 0,"
                                  "  last_attempt_at TEXT,"
                                  "  last_error TEXT,"
                                  "  synced_at TEXT"
                                  ");"
                                  "CREATE INDEX outbox_pending ON outbox (id) WHERE synced_at IS NULL;"
                                  "INSERT INTO outbox (crossing_uuid, created_at, created_at_us)"
                                  "  SELECT uuid, recorded_at, recorded_at_us FROM crossings ORDER BY sequence;"
                                  "PRAGMA user_version = 2;";

/* Version 3: what sync needs to deliver each crossing exactly once.
 *
 * state says where a row stands with HQ: pending until HQ answers,
 * then delivered (accepted or duplicate), or conflict / rejected, which
 * are final and shown to IT instead of being resent blindly.
 * next_attempt_at_us holds a row back after HQ asked for its photo.
 * photo_state records that HQ holds the row's photo completely, so it
 * is not sent again. batch_key names the batch a row was last sent in,
 * kept with the exact body in outbox_batches until HQ's answer is
 * recorded: a retry after a lost reply sends the same bytes under the
 * same Idempotency-Key. Rows already marked synced by version 2 were
 * delivered. sync_state holds small facts about the link (last success,
 * last error, installed package versions) as text. */
static const char migration_3[] = "ALTER TABLE outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'pending'"
                                  "  CHECK (state IN ('pending', 'delivered', 'conflict', 'rejected'));"
                                  "ALTER TABLE outbox ADD COLUMN next_attempt_at_us INTEGER NOT NULL DEFAULT 0;"
                                  "ALTER TABLE outbox ADD COLUMN hq_received_at TEXT;"
                                  "ALTER TABLE outbox ADD COLUMN photo_state TEXT NOT NULL DEFAULT 'unconfirmed'"
                                  "  CHECK (photo_state IN ('unconfirmed', 'at_hq'));"
                                  "ALTER TABLE outbox ADD COLUMN batch_key TEXT;"
                                  "UPDATE outbox SET state = 'delivered' WHERE synced_at IS NOT NULL;"
                                  "DROP INDEX outbox_pending;"
                                  "CREATE INDEX outbox_pending ON outbox (id) WHERE state = 'pending';"
                                  "CREATE TABLE outbox_batches ("
                                  "  key TEXT PRIMARY KEY CHECK (length (key) = 36),"
                                  "  created_at TEXT NOT NULL,"
                                  "  body BLOB NOT NULL"
                                  ");"
                                  "CREATE TABLE sync_state ("
                                  "  key TEXT PRIMARY KEY,"
                                  "  value TEXT"
                                  ");"
                                  "PRAGMA user_version = 3;";

static const char *const migrations[] = {
  migration_1,
  migration_2,
  migration_3,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == BP_STORE_SCHEMA_VERSION);

static void
rollback (sqlite3 *db)
{
  /* After some errors (SQLITE_FULL, SQLITE_IOERR) SQLite has already
   * rolled back on its own; ROLLBACK would then fail harmlessly. */
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

int
_bp_store_read_user_version (sqlite3 *db,
                             const char *path,
                             GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      _bp_store_set_error_from_sqlite (error, db, rc, BP_STORE_OP_OPEN, path);
      return -1;
    }

  return sqlite3_column_int (stmt, 0);
}

gboolean
_bp_store_migrate (sqlite3 *db,
                   const char *path,
                   int target_version,
                   GError **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (target_version >= 0 && target_version <= BP_STORE_SCHEMA_VERSION, FALSE);

  for (;;)
    {
      int version;

      if (!_bp_store_exec_sql (db, "BEGIN IMMEDIATE", path, error))
        return FALSE;

      /* Read inside the transaction: another process may have migrated
       * the file since we last looked. */
      version = _bp_store_read_user_version (db, path, error);
      if (version < 0)
        {
          rollback (db);
          return FALSE;
        }

      if (version > BP_STORE_SCHEMA_VERSION)
        {
          rollback (db);
          g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_TOO_NEW,
                       _ ("The crossing database “%s” was written by a newer version of Borderpost "
                          "(schema %d; this version knows up to %d). Nothing was changed. "
                          "Install the newer version of Borderpost."),
                       path, version, BP_STORE_SCHEMA_VERSION);
          return FALSE;
        }

      if (version >= target_version)
        {
          rollback (db);
          return TRUE;
        }

      g_debug ("Migrating %s from schema %d to %d", path, version, version + 1);

      if (!_bp_store_exec_sql (db, migrations[version], path, error) || !_bp_store_exec_sql (db, "COMMIT", path, error))
        {
          rollback (db);
          g_prefix_error (error, _ ("The database could not be upgraded to schema %d. "), version + 1);
          return FALSE;
        }
    }
}
