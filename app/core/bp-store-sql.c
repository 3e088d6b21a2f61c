/* bp-store-sql.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "bp-crossing-private.h"
#include "bp-store-private.h"
#include "bp-uuid.h"

/* The database side of the store: one connection, its pragmas and
 * prepared statements, and crossings written to and read from rows.
 * Nothing here knows about threads; BpStore calls it from its worker. */

typedef enum
{
  STMT_BEGIN,
  STMT_COMMIT,
  STMT_ROLLBACK,
  STMT_INSERT_CROSSING,
  STMT_INSERT_OUTBOX,
  STMT_LIST,
  STMT_SEARCH,
  STMT_COUNT_OUTBOX,
  N_STMTS,
} StmtId;

#define SELECT_CROSSING "SELECT " BP_STORE_CROSSING_COLUMNS " FROM crossings "

/* The statements run for every crossing, prepared once per connection. */
static const char *const stmt_sql[N_STMTS] = {
  [STMT_BEGIN] = "BEGIN IMMEDIATE",
  [STMT_COMMIT] = "COMMIT",
  [STMT_ROLLBACK] = "ROLLBACK",
  [STMT_INSERT_CROSSING] = "INSERT INTO crossings (sequence, uuid, boot_id, booth_id, officer_id, direction,"
                           " recorded_at, recorded_at_us, mrz, document_format, document_code, issuing_state,"
                           " document_number, nationality, primary_identifier, secondary_identifier, birth_date,"
                           " sex, expiry_date, checks_json, decision, reasons, note, photo, photo_sha256, supersedes)"
                           " VALUES ((SELECT IFNULL (MAX (sequence), 0) + 1 FROM crossings),"
                           " ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
                           " ?19, ?20, ?21, ?22, ?23, ?24, ?25)"
                           " RETURNING sequence",
  [STMT_INSERT_OUTBOX] = "INSERT INTO outbox (crossing_uuid, created_at, created_at_us) VALUES (?1, ?2, ?3)",
  [STMT_LIST] = SELECT_CROSSING "ORDER BY sequence DESC LIMIT ?1",
  [STMT_SEARCH] = SELECT_CROSSING
  "WHERE document_number LIKE ?1 ESCAPE '\\'"
  " OR primary_identifier LIKE ?1 ESCAPE '\\'"
  " OR secondary_identifier LIKE ?1 ESCAPE '\\'"
  " OR (primary_identifier || ', ' || secondary_identifier) LIKE ?1 ESCAPE '\\'"
  " OR (secondary_identifier || ' ' || primary_identifier) LIKE ?1 ESCAPE '\\'"
  " ORDER BY sequence DESC LIMIT ?2",
  [STMT_COUNT_OUTBOX] = "SELECT count (*) FROM outbox WHERE state = 'pending'",
};

struct _BpStoreSql
{
  char *path; /* for error messages */
  sqlite3 *db;
  sqlite3_stmt *stmts[N_STMTS];
};

/* Statements */

static int
bind_text (sqlite3_stmt *stmt,
           int idx,
           const char *text)
{
  if (text == NULL)
    return sqlite3_bind_null (stmt, idx);

  return sqlite3_bind_text (stmt, idx, text, -1, SQLITE_TRANSIENT);
}

static void
release (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static int
step_done (sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);

  release (stmt);

  return rc == SQLITE_ROW ? SQLITE_DONE : rc;
}

static void
rollback (BpStoreSql *self)
{
  if (!sqlite3_get_autocommit (self->db))
    step_done (self->stmts[STMT_ROLLBACK]);
}

/* Crossings to and from rows */

static char *
strv_to_json (const char *const *strv)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static GStrv
strv_from_json (const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *root;

  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL) && (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (node));
        }
    }

  return g_strv_builder_end (builder);
}

static char *
format_utc (GDateTime *dt)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (dt);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static GDateTime *
date_time_from_unix_usec (gint64 usec)
{
  g_autoptr (GDateTime) seconds = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  if (seconds == NULL)
    return NULL;

  return g_date_time_add (seconds, usec % G_USEC_PER_SEC);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

BpCrossing *
_bp_store_sql_crossing_from_row (BpStoreSql *self,
                                 sqlite3_stmt *stmt,
                                 GError **error)
{
  g_autoptr (BpCrossing) crossing = g_object_new (BP_TYPE_CROSSING, NULL);
  g_autoptr (GDateTime) recorded_at = NULL;
  g_auto (GStrv) reasons = NULL;
  const char *uuid = column_text (stmt, 1);
  const void *photo;

  /* The schema's CHECKs make these hold for anything this code wrote;
   * a row that breaks them was damaged on disk or by hand. */
  recorded_at = date_time_from_unix_usec (sqlite3_column_int64 (stmt, 6));
  if (!bp_uuid_is_valid (uuid) || recorded_at == NULL)
    {
      _bp_store_set_error (error, BP_STORE_ERROR_CORRUPT, BP_STORE_OP_READ, self->path, NULL);
      return NULL;
    }

  _bp_crossing_set_identity (crossing, uuid, sqlite3_column_int64 (stmt, 0), column_text (stmt, 2));
  bp_crossing_set_booth_id (crossing, column_text (stmt, 3));
  bp_crossing_set_officer_id (crossing, column_text (stmt, 4));
  bp_crossing_set_direction (crossing, bp_direction_from_string (column_text (stmt, 5)));
  bp_crossing_set_recorded_at (crossing, recorded_at);
  _bp_crossing_set_document (crossing,
                             column_text (stmt, 7),
                             column_text (stmt, 8),
                             column_text (stmt, 9),
                             column_text (stmt, 10),
                             column_text (stmt, 11),
                             column_text (stmt, 12),
                             column_text (stmt, 13),
                             column_text (stmt, 14),
                             column_text (stmt, 15),
                             column_text (stmt, 16),
                             column_text (stmt, 17));
  bp_crossing_set_checks_json (crossing, column_text (stmt, 18));
  bp_crossing_set_decision (crossing, bp_decision_from_string (column_text (stmt, 19)));
  reasons = strv_from_json (column_text (stmt, 20));
  bp_crossing_set_reasons (crossing, (const char *const *) reasons);
  bp_crossing_set_note (crossing, column_text (stmt, 21));

  photo = sqlite3_column_blob (stmt, 22);
  if (photo != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (photo, sqlite3_column_bytes (stmt, 22));

      bp_crossing_set_photo (crossing, bytes);
    }

  if (bp_uuid_is_valid (column_text (stmt, 23)))
    bp_crossing_set_supersedes (crossing, column_text (stmt, 23));

  return g_steal_pointer (&crossing);
}

static gboolean
read_crossings (BpStoreSql *self,
                sqlite3_stmt *stmt,
                GPtrArray *into,
                GError **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BpCrossing *crossing = _bp_store_sql_crossing_from_row (self, stmt, error);

      if (crossing == NULL)
        {
          release (stmt);
          return FALSE;
        }

      g_ptr_array_add (into, crossing);
    }

  release (stmt);

  if (rc != SQLITE_DONE)
    return _bp_store_set_error_from_sqlite (error, self->db, rc, BP_STORE_OP_READ, self->path);

  return TRUE;
}

static gboolean
read_recent (BpStoreSql *self,
             guint limit,
             GPtrArray *into,
             GError **error)
{
  sqlite3_stmt *stmt = self->stmts[STMT_LIST];

  sqlite3_bind_int64 (stmt, 1, limit > 0 ? (gint64) limit : -1);

  return read_crossings (self, stmt, into, error);
}

/* Open */

static gboolean
make_parent_directory (BpStoreSql *self,
                       GError **error)
{
  g_autofree char *dir = NULL;

  if (g_str_equal (self->path, ":memory:"))
    return TRUE;

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      return _bp_store_set_error (error, _bp_store_error_code_from_errno (errsv), BP_STORE_OP_OPEN, self->path,
                                  g_strerror (errsv));
    }

  return TRUE;
}

gboolean
_bp_store_exec_sql (sqlite3 *db,
                    const char *sql,
                    const char *path,
                    GError **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _bp_store_set_error_from_sqlite (error, db, rc, BP_STORE_OP_OPEN, path);

  return TRUE;
}

static gboolean
set_wal (sqlite3 *db,
         const char *path,
         GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _bp_store_set_error_from_sqlite (error, db, rc, BP_STORE_OP_OPEN, path);

  /* Where WAL cannot work (no shared memory, as on some network file
   * systems) SQLite keeps a rollback journal. With synchronous=FULL that
   * is just as durable, only slower, so it is not a reason to stop. */
  if (g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") != 0)
    g_debug ("%s: journal mode is %s, not WAL", path, sqlite3_column_text (stmt, 0));

  return TRUE;
}

BpStoreSql *
_bp_store_sql_open (const char *path,
                    GError **error)
{
  g_autoptr (BpStoreSql) self = g_new0 (BpStoreSql, 1);
  int version;
  int rc;

  self->path = g_strdup (path);

  if (!make_parent_directory (self, error))
    return NULL;

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      _bp_store_set_error_from_sqlite (error, self->db, rc, BP_STORE_OP_OPEN, self->path);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, TRUE);

  /* The version is read before anything is changed, so that a file from
   * a newer release or a file that is not a database is left as it was. */
  if (!_bp_store_exec_sql (self->db, "PRAGMA busy_timeout = 5000", self->path, error) || (version = _bp_store_read_user_version (self->db, self->path, error)) < 0)
    return NULL;

  if (version > BP_STORE_SCHEMA_VERSION)
    {
      /* _bp_store_migrate says it in the same words. */
      _bp_store_migrate (self->db, self->path, BP_STORE_SCHEMA_VERSION, error);
      return NULL;
    }

  /* synchronous=FULL syncs the WAL at every commit: a crossing the
   * officer saw saved survives a power cut, not only a crash. */
  if (!set_wal (self->db, self->path, error) || !_bp_store_exec_sql (self->db, "PRAGMA synchronous = FULL", self->path, error) || !_bp_store_exec_sql (self->db, "PRAGMA foreign_keys = ON", self->path, error) || !_bp_store_migrate (self->db, self->path, BP_STORE_SCHEMA_VERSION, error))
    return NULL;

  for (guint i = 0; i < N_STMTS; i++)
    {
      rc = sqlite3_prepare_v3 (self->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                               &self->stmts[i], NULL);
      if (rc != SQLITE_OK)
        {
          _bp_store_set_error_from_sqlite (error, self->db, rc, BP_STORE_OP_OPEN, self->path);
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}

void
_bp_store_sql_close (BpStoreSql *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);

  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_free (self->path);
  g_free (self);
}

/* Save */

static gboolean
validate (BpStoreSql *self,
          BpCrossing *crossing,
          GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (bp_crossing_get_decision (crossing) == BP_DECISION_NONE)
    return _bp_store_set_error (error, BP_STORE_ERROR_FAILED, BP_STORE_OP_SAVE, self->path,
                                _ ("no decision was taken: admit, refer or refuse"));

  if (!json_parser_load_from_data (parser, bp_crossing_get_checks_json (crossing), -1, NULL) || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return _bp_store_set_error (error, BP_STORE_ERROR_FAILED, BP_STORE_OP_SAVE, self->path,
                                _ ("the check results are not a JSON array"));

  return TRUE;
}

static int
insert_crossing (BpStoreSql *self,
                 BpCrossing *crossing,
                 gint64 *sequence)
{
  sqlite3_stmt *stmt = self->stmts[STMT_INSERT_CROSSING];
  GDateTime *recorded_at = bp_crossing_get_recorded_at (crossing);
  g_autofree char *recorded_at_text = format_utc (recorded_at);
  g_autofree char *reasons = strv_to_json (bp_crossing_get_reasons (crossing));
  g_autofree char *sha256 = _bp_crossing_dup_photo_sha256 (crossing);
  GBytes *photo = bp_crossing_get_photo (crossing);
  int rc = SQLITE_OK;

#define BIND(expr)     \
  if (rc == SQLITE_OK) \
  rc = (expr)

  BIND (bind_text (stmt, 1, bp_crossing_get_uuid (crossing)));
  BIND (bind_text (stmt, 2, bp_crossing_get_boot_id (crossing)));
  BIND (bind_text (stmt, 3, bp_crossing_get_booth_id (crossing)));
  BIND (bind_text (stmt, 4, bp_crossing_get_officer_id (crossing)));
  BIND (bind_text (stmt, 5, bp_direction_to_string (bp_crossing_get_direction (crossing))));
  BIND (bind_text (stmt, 6, recorded_at_text));
  BIND (sqlite3_bind_int64 (stmt, 7, g_date_time_to_unix (recorded_at) * G_USEC_PER_SEC + g_date_time_get_microsecond (recorded_at)));
  BIND (bind_text (stmt, 8, bp_crossing_get_mrz (crossing)));
  BIND (bind_text (stmt, 9, bp_crossing_get_document_format (crossing)));
  BIND (bind_text (stmt, 10, bp_crossing_get_document_code (crossing)));
  BIND (bind_text (stmt, 11, bp_crossing_get_issuing_state (crossing)));
  BIND (bind_text (stmt, 12, bp_crossing_get_document_number (crossing)));
  BIND (bind_text (stmt, 13, bp_crossing_get_nationality (crossing)));
  BIND (bind_text (stmt, 14, bp_crossing_get_primary_identifier (crossing)));
  BIND (bind_text (stmt, 15, bp_crossing_get_secondary_identifier (crossing)));
  BIND (bind_text (stmt, 16, bp_crossing_get_birth_date (crossing)));
  BIND (bind_text (stmt, 17, bp_crossing_get_sex (crossing)));
  BIND (bind_text (stmt, 18, bp_crossing_get_expiry_date (crossing)));
  BIND (bind_text (stmt, 19, bp_crossing_get_checks_json (crossing)));
  BIND (bind_text (stmt, 20, bp_decision_to_string (bp_crossing_get_decision (crossing))));
  BIND (bind_text (stmt, 21, reasons));
  BIND (bind_text (stmt, 22, bp_crossing_get_note (crossing)));
  if (photo != NULL)
    {
      gsize size;
      gconstpointer bytes = g_bytes_get_data (photo, &size);

      /* The copy keeps the bytes alive until release(), so SQLite need
       * not copy a photo it is about to write. */
      BIND (sqlite3_bind_blob64 (stmt, 23, bytes, size, SQLITE_STATIC));
    }
  else
    {
      BIND (sqlite3_bind_null (stmt, 23));
    }
  BIND (bind_text (stmt, 24, sha256));
  BIND (bind_text (stmt, 25, bp_crossing_get_supersedes (crossing)));

#undef BIND

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *sequence = sqlite3_column_int64 (stmt, 0);
          rc = sqlite3_step (stmt);
        }
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }

  release (stmt);

  return rc;
}

static int
insert_outbox (BpStoreSql *self,
               BpCrossing *crossing)
{
  sqlite3_stmt *stmt = self->stmts[STMT_INSERT_OUTBOX];
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = format_utc (now);
  int rc;

  rc = bind_text (stmt, 1, bp_crossing_get_uuid (crossing));
  if (rc == SQLITE_OK)
    rc = bind_text (stmt, 2, now_text);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64 (stmt, 3, g_date_time_to_unix (now) * G_USEC_PER_SEC + g_date_time_get_microsecond (now));
  if (rc != SQLITE_OK)
    {
      release (stmt);
      return rc;
    }

  rc = step_done (stmt);

  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static gboolean
save_error (BpStoreSql *self,
            BpCrossing *crossing,
            int rc,
            GError **error)
{
  g_autofree char *detail = NULL;

  /* Constraint failures are this crossing's fault, not the database's:
   * say which rule it broke. */
  switch (rc)
    {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      detail = g_strdup_printf (_ ("a crossing with the identifier %s is already stored"),
                                bp_crossing_get_uuid (crossing));
      return _bp_store_set_error (error, BP_STORE_ERROR_FAILED, BP_STORE_OP_SAVE, self->path, detail);

    case SQLITE_CONSTRAINT_FOREIGNKEY:
      detail = g_strdup_printf (_ ("the crossing it corrects, %s, is not in this database"),
                                bp_crossing_get_supersedes (crossing));
      return _bp_store_set_error (error, BP_STORE_ERROR_FAILED, BP_STORE_OP_SAVE, self->path, detail);

    default:
      return _bp_store_set_error_from_sqlite (error, self->db, rc, BP_STORE_OP_SAVE, self->path);
    }
}

gboolean
_bp_store_sql_save_crossing (BpStoreSql *self,
                             BpCrossing *crossing,
                             gint64 *sequence,
                             GError **error)
{
  int rc;

  if (!validate (self, crossing, error))
    return FALSE;

  /* The crossing and its outbox row go in one transaction: either both
   * are on disk when COMMIT returns, or neither is. IMMEDIATE takes the
   * write lock up front, so a busy database fails here, before any work. */
  rc = step_done (self->stmts[STMT_BEGIN]);
  if (rc != SQLITE_DONE)
    return save_error (self, crossing, rc, error);

  rc = insert_crossing (self, crossing, sequence);
  if (rc == SQLITE_OK)
    rc = insert_outbox (self, crossing);
  if (rc == SQLITE_OK)
    {
      rc = step_done (self->stmts[STMT_COMMIT]);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }

  if (rc != SQLITE_OK)
    {
      /* Read the error before ROLLBACK replaces it. */
      save_error (self, crossing, rc, error);
      rollback (self);
      return FALSE;
    }

  return TRUE;
}

/* List */

/* A LIKE pattern matching @search anywhere, with LIKE's own wildcards
 * in it taken literally: searching "A_1" must not match "AB1". */
static char *
like_pattern (const char *search)
{
  g_autofree char *stripped = g_strstrip (g_strdup (search ? search : ""));
  GString *pattern;

  if (stripped[0] == '\0')
    return NULL;

  pattern = g_string_new ("%");
  for (const char *p = stripped; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  return g_string_free (pattern, FALSE);
}

gboolean
_bp_store_sql_list_crossings (BpStoreSql *self,
                              const char *search,
                              guint limit,
                              GPtrArray *into,
                              GError **error)
{
  g_autofree char *pattern = like_pattern (search);
  sqlite3_stmt *stmt;

  if (pattern == NULL)
    return read_recent (self, limit, into, error);

  stmt = self->stmts[STMT_SEARCH];
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);

  return read_crossings (self, stmt, into, error);
}

/* Outbox */

gboolean
_bp_store_sql_count_outbox (BpStoreSql *self,
                            gint64 *count,
                            GError **error)
{
  sqlite3_stmt *stmt = self->stmts[STMT_COUNT_OUTBOX];
  int rc;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *count = sqlite3_column_int64 (stmt, 0);
  release (stmt);

  if (rc != SQLITE_ROW)
    return _bp_store_set_error_from_sqlite (error, self->db, rc, BP_STORE_OP_READ, self->path);

  return TRUE;
}

sqlite3 *
_bp_store_sql_get_db (BpStoreSql *self)
{
  return self->db;
}

const char *
_bp_store_sql_get_path (BpStoreSql *self)
{
  return self->path;
}

gboolean
_bp_store_sql_exec (BpStoreSql *self,
                    const char *sql,
                    GError **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _bp_store_set_error_from_sqlite (error, self->db, rc, BP_STORE_OP_READ, self->path);

  return TRUE;
}
