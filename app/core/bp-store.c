/* bp-store.c
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

/* How many crossings the recent model holds: a shift or two at a busy
 * booth, enough for "what did I just do", without keeping a week of
 * photos in memory. Older ones are a search away. */
#define RECENT_LIMIT 500

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

#define SELECT_CROSSING                                                  \
  "SELECT sequence, uuid, boot_id, booth_id, officer_id, direction,"     \
  " recorded_at_us, mrz, document_format, document_code, issuing_state," \
  " document_number, nationality, primary_identifier,"                   \
  " secondary_identifier, birth_date, sex, expiry_date, checks_json,"    \
  " decision, reasons, note, photo, supersedes FROM crossings "

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
  [STMT_COUNT_OUTBOX] = "SELECT count (*) FROM outbox WHERE synced_at IS NULL",
};

struct _BpStore
{
  GObject parent_instance;

  char *path;
  GListStore *recent;
  int schema_version;
  GThreadPool *pool;

  /* Owned by the worker thread: nothing else touches them. */
  GThread *worker;
  sqlite3 *db;
  sqlite3_stmt *stmts[N_STMTS];
};

G_DEFINE_FINAL_TYPE (BpStore, bp_store, G_TYPE_OBJECT)

GQuark
bp_store_error_quark (void)
{
  return g_quark_from_static_string ("bp-store-error-quark");
}

enum
{
  PROP_0,
  PROP_PATH,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Runs on the worker; must not touch the main thread's objects. */
typedef gboolean (*WorkFunc) (BpStore *self,
                              gpointer data,
                              GError **error);
/* Runs on the caller's thread after a successful WorkFunc. */
typedef void (*DoneFunc) (BpStore *self,
                          gpointer data);

typedef struct
{
  WorkFunc work;
  DoneFunc done;
  gpointer data; /* owned by the task, or by the blocking caller */
  GCancellable *cancellable;
  GTask *task; /* NULL for the blocking helpers */
  gboolean ok;
  GError *error;

  GMutex mutex;
  GCond cond;
  gboolean finished;
} Job;

#define assert_worker(self) g_assert (g_thread_self () == (self)->worker)

/* Errors */

static BpStoreError
code_from_errno (int errsv)
{
  switch (errsv)
    {
    case EACCES:
    case EPERM:
    case EROFS:
    case ENOTDIR:
    case EEXIST:
      return BP_STORE_ERROR_READ_ONLY;
    case ENOSPC:
    case EDQUOT:
      return BP_STORE_ERROR_DISK_FULL;
    default:
      return BP_STORE_ERROR_FAILED;
    }
}

BpStoreError
_bp_store_error_code_from_sqlite (int rc,
                                  int system_errno)
{
  switch (rc & 0xff)
    {
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return BP_STORE_ERROR_READ_ONLY;
    case SQLITE_FULL:
      return BP_STORE_ERROR_DISK_FULL;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return BP_STORE_ERROR_LOCKED;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return BP_STORE_ERROR_CORRUPT;
    case SQLITE_IOERR:
      /* A write that hit a full or read-only disk surfaces as an I/O
       * error; the errno says which. */
      return code_from_errno (system_errno);
    default:
      return BP_STORE_ERROR_FAILED;
    }
}

static const char *
message_for (BpStoreOp op,
             BpStoreError code)
{
  switch (op)
    {
    case BP_STORE_OP_OPEN:
      switch (code)
        {
        case BP_STORE_ERROR_READ_ONLY:
          return _ ("The crossing database “%s” cannot be written: the file, its folder or the disk "
                    "is read-only. Ask IT to check where the database is kept and its permissions.");
        case BP_STORE_ERROR_DISK_FULL:
          return _ ("The crossing database “%s” cannot be opened: the disk is full. "
                    "Free some space on the disk and start Borderpost again.");
        case BP_STORE_ERROR_LOCKED:
          return _ ("The crossing database “%s” is in use by another program. "
                    "Close any other copy of Borderpost on this computer and try again.");
        case BP_STORE_ERROR_CORRUPT:
          return _ ("The file “%s” is damaged or is not a Borderpost crossing database. "
                    "Do not delete it: ask IT to keep it and to restore the database from a backup.");
        default:
          return _ ("The crossing database “%s” cannot be opened.");
        }

    case BP_STORE_OP_SAVE:
      switch (code)
        {
        case BP_STORE_ERROR_READ_ONLY:
          return _ ("The crossing could not be saved: the database “%s” cannot be written "
                    "(the disk or the file is read-only). Nothing was recorded. Call IT.");
        case BP_STORE_ERROR_DISK_FULL:
          return _ ("The crossing could not be saved: the disk is full. Nothing was recorded. "
                    "Ask IT to free space on the disk holding “%s”.");
        case BP_STORE_ERROR_LOCKED:
          return _ ("The crossing could not be saved: another program is using the database “%s”. "
                    "Nothing was recorded. Try again in a moment.");
        case BP_STORE_ERROR_CORRUPT:
          return _ ("The crossing could not be saved: the database “%s” is damaged. "
                    "Nothing was recorded. Call IT.");
        default:
          return _ ("The crossing could not be saved to “%s”. Nothing was recorded.");
        }

    case BP_STORE_OP_READ:
    default:
      switch (code)
        {
        case BP_STORE_ERROR_READ_ONLY:
          return _ ("The crossings could not be read: the database “%s” cannot be accessed.");
        case BP_STORE_ERROR_DISK_FULL:
          return _ ("The crossings could not be read: the disk holding “%s” is full.");
        case BP_STORE_ERROR_LOCKED:
          return _ ("The crossings could not be read: another program is using the database “%s”. "
                    "Try again in a moment.");
        case BP_STORE_ERROR_CORRUPT:
          return _ ("The crossings could not be read: the database “%s” is damaged. Call IT.");
        default:
          return _ ("The crossings could not be read from “%s”.");
        }
    }
}

static gboolean
set_error (GError **error,
           BpStoreError code,
           BpStoreOp op,
           const char *path,
           const char *detail)
{
  g_autofree char *message = NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  message = g_strdup_printf (message_for (op, code), path);
#pragma GCC diagnostic pop

  if (detail != NULL && detail[0] != '\0')
    /* Translators: appended to an error message; %s is the system's own words */
    g_set_error (error, BP_STORE_ERROR, code, _ ("%s (Details: %s.)"), message, detail);
  else
    g_set_error_literal (error, BP_STORE_ERROR, code, message);

  return FALSE;
}

gboolean
_bp_store_set_error_from_sqlite (GError **error,
                                 sqlite3 *db,
                                 int rc,
                                 BpStoreOp op,
                                 const char *path)
{
  int system_errno = db ? sqlite3_system_errno (db) : 0;
  BpStoreError code = _bp_store_error_code_from_sqlite (rc, system_errno);
  g_autofree char *detail = NULL;

  /* The extended code and SQLite's message are for IT, who may need to
   * tell a permissions problem from a failing disk. */
  if (code == BP_STORE_ERROR_FAILED || code == BP_STORE_ERROR_READ_ONLY)
    {
      const char *what = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

      if (system_errno != 0 && code == BP_STORE_ERROR_READ_ONLY)
        detail = g_strdup_printf ("%s, %s", what, g_strerror (system_errno));
      else
        detail = g_strdup_printf ("%s, SQLite code %d", what, rc);
    }

  return set_error (error, code, op, path, detail);
}

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
close_db (BpStore *self)
{
  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);

  g_clear_pointer (&self->db, sqlite3_close_v2);
}

static void
rollback (BpStore *self)
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

static BpCrossing *
crossing_from_row (BpStore *self,
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
      set_error (error, BP_STORE_ERROR_CORRUPT, BP_STORE_OP_READ, self->path, NULL);
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
read_crossings (BpStore *self,
                sqlite3_stmt *stmt,
                GPtrArray *into,
                GError **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BpCrossing *crossing = crossing_from_row (self, stmt, error);

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
read_recent (BpStore *self,
             guint limit,
             GPtrArray *into,
             GError **error)
{
  sqlite3_stmt *stmt = self->stmts[STMT_LIST];

  sqlite3_bind_int64 (stmt, 1, limit > 0 ? (gint64) limit : -1);

  return read_crossings (self, stmt, into, error);
}

/* The worker */

static gboolean
job_return_cb (gpointer user_data)
{
  Job *job = user_data;
  g_autoptr (GTask) task = g_steal_pointer (&job->task);
  BpStore *self = g_task_get_source_object (task);

  if (job->ok)
    {
      if (job->done != NULL)
        job->done (self, job->data);
      g_task_return_boolean (task, TRUE);
    }
  else
    {
      g_task_return_error (task, g_steal_pointer (&job->error));
    }

  g_free (job);

  return G_SOURCE_REMOVE;
}

static void
worker_cb (gpointer item,
           gpointer user_data)
{
  BpStore *self = user_data;
  Job *job = item;

  /* An exclusive pool of one thread runs every job on the same thread;
   * SQLite's connection is then never shared, and the order of jobs is
   * the order they were queued in. */
  if (self->worker == NULL)
    self->worker = g_thread_self ();
  assert_worker (self);

  /* Cancellation is honoured only before the work starts: once a save
   * has begun it either commits or rolls back as a whole. */
  if (g_cancellable_set_error_if_cancelled (job->cancellable, &job->error))
    job->ok = FALSE;
  else
    job->ok = job->work (self, job->data, &job->error);

  g_assert (job->ok == (job->error == NULL));

  if (job->task != NULL)
    {
      g_autoptr (GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_static_name (source, "[bp-store] job done");
      g_source_set_callback (source, job_return_cb, job, NULL);
      g_source_attach (source, g_task_get_context (job->task));
    }
  else
    {
      g_mutex_lock (&job->mutex);
      job->finished = TRUE;
      g_cond_signal (&job->cond);
      g_mutex_unlock (&job->mutex);
    }
}

static void
run_async (BpStore *self,
           gpointer source_tag,
           WorkFunc work,
           DoneFunc done,
           gpointer data,
           GDestroyNotify data_free,
           GCancellable *cancellable,
           GAsyncReadyCallback callback,
           gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, source_tag);
  g_task_set_task_data (job->task, data, data_free);
  /* Report what happened, not whether the cancellable fired later: a
   * save that committed must not look like one that did not. */
  g_task_set_check_cancellable (job->task, FALSE);

  job->work = work;
  job->done = done;
  job->data = data;
  job->cancellable = cancellable;

  g_thread_pool_push (self->pool, job, NULL);
}

static gboolean
run_sync (BpStore *self,
          WorkFunc work,
          DoneFunc done,
          gpointer data,
          GError **error)
{
  Job job = {
    0,
  };

  job.work = work;
  job.data = data;
  g_mutex_init (&job.mutex);
  g_cond_init (&job.cond);

  g_thread_pool_push (self->pool, &job, NULL);

  g_mutex_lock (&job.mutex);
  while (!job.finished)
    g_cond_wait (&job.cond, &job.mutex);
  g_mutex_unlock (&job.mutex);

  g_mutex_clear (&job.mutex);
  g_cond_clear (&job.cond);

  if (!job.ok)
    {
      g_propagate_error (error, job.error);
      return FALSE;
    }

  if (done != NULL)
    done (self, data);

  return TRUE;
}

static gboolean
close_work (BpStore *self,
            gpointer data,
            GError **error)
{
  assert_worker (self);
  close_db (self);

  return TRUE;
}

static gboolean
check_open (BpStore *self,
            GError **error)
{
  assert_worker (self);

  if (self->db == NULL)
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_OPEN,
                   _ ("The crossing database “%s” is not open."), self->path);
      return FALSE;
    }

  return TRUE;
}

/* Open */

typedef struct
{
  int schema_version;
  GPtrArray *recent; /* NULL when the store was already open */
} OpenData;

static void
open_data_free (gpointer data)
{
  OpenData *od = data;

  g_clear_pointer (&od->recent, g_ptr_array_unref);
  g_free (od);
}

static gboolean
make_parent_directory (BpStore *self,
                       GError **error)
{
  g_autofree char *dir = NULL;

  if (g_str_equal (self->path, ":memory:"))
    return TRUE;

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      return set_error (error, code_from_errno (errsv), BP_STORE_OP_OPEN, self->path,
                        g_strerror (errsv));
    }

  return TRUE;
}

static gboolean
exec_pragma (sqlite3 *db,
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

static gboolean
open_work (BpStore *self,
           gpointer data,
           GError **error)
{
  OpenData *od = data;
  g_autoptr (GPtrArray) recent = NULL;
  sqlite3 *db = NULL;
  int version;
  int rc;

  assert_worker (self);

  if (self->db != NULL)
    {
      od->schema_version = BP_STORE_SCHEMA_VERSION;
      return TRUE;
    }

  if (!make_parent_directory (self, error))
    return FALSE;

  rc = sqlite3_open_v2 (self->path, &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      _bp_store_set_error_from_sqlite (error, db, rc, BP_STORE_OP_OPEN, self->path);
      sqlite3_close_v2 (db);
      return FALSE;
    }

  self->db = db;
  sqlite3_extended_result_codes (db, TRUE);

  /* The version is read before anything is changed, so that a file from
   * a newer release or a file that is not a database is left as it was. */
  if (!exec_pragma (db, "PRAGMA busy_timeout = 5000", self->path, error) || (version = _bp_store_read_user_version (db, self->path, error)) < 0)
    goto failed;

  if (version > BP_STORE_SCHEMA_VERSION)
    {
      /* _bp_store_migrate says it in the same words. */
      _bp_store_migrate (db, self->path, BP_STORE_SCHEMA_VERSION, error);
      goto failed;
    }

  /* synchronous=FULL syncs the WAL at every commit: a crossing the
   * officer saw saved survives a power cut, not only a crash. */
  if (!set_wal (db, self->path, error) || !exec_pragma (db, "PRAGMA synchronous = FULL", self->path, error) || !exec_pragma (db, "PRAGMA foreign_keys = ON", self->path, error) || !_bp_store_migrate (db, self->path, BP_STORE_SCHEMA_VERSION, error))
    goto failed;

  for (guint i = 0; i < N_STMTS; i++)
    {
      rc = sqlite3_prepare_v3 (db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                               &self->stmts[i], NULL);
      if (rc != SQLITE_OK)
        {
          _bp_store_set_error_from_sqlite (error, db, rc, BP_STORE_OP_OPEN, self->path);
          goto failed;
        }
    }

  recent = g_ptr_array_new_with_free_func (g_object_unref);
  if (!read_recent (self, RECENT_LIMIT, recent, error))
    goto failed;

  od->schema_version = BP_STORE_SCHEMA_VERSION;
  od->recent = g_steal_pointer (&recent);

  return TRUE;

failed:
  close_db (self);
  return FALSE;
}

static void
open_done (BpStore *self,
           gpointer data)
{
  OpenData *od = data;

  self->schema_version = od->schema_version;

  if (od->recent != NULL)
    g_list_store_splice (self->recent, 0, g_list_model_get_n_items (G_LIST_MODEL (self->recent)),
                         od->recent->pdata, od->recent->len);
}

/* Save */

typedef struct
{
  BpCrossing *crossing; /* the caller's: touched on the main thread only */
  BpCrossing *copy;     /* what the worker writes */
  gint64 sequence;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *sd = data;

  g_clear_object (&sd->crossing);
  g_clear_object (&sd->copy);
  g_free (sd);
}

static SaveData *
save_data_new (BpCrossing *crossing)
{
  SaveData *sd = g_new0 (SaveData, 1);

  sd->crossing = g_object_ref (crossing);
  sd->copy = _bp_crossing_copy (crossing);

  return sd;
}

static gboolean
validate (BpStore *self,
          BpCrossing *crossing,
          GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (bp_crossing_get_decision (crossing) == BP_DECISION_NONE)
    return set_error (error, BP_STORE_ERROR_FAILED, BP_STORE_OP_SAVE, self->path,
                      _ ("no decision was taken: admit, refer or refuse"));

  if (!json_parser_load_from_data (parser, bp_crossing_get_checks_json (crossing), -1, NULL) || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return set_error (error, BP_STORE_ERROR_FAILED, BP_STORE_OP_SAVE, self->path,
                      _ ("the check results are not a JSON array"));

  return TRUE;
}

static int
insert_crossing (BpStore *self,
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
insert_outbox (BpStore *self,
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
save_error (BpStore *self,
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
      return set_error (error, BP_STORE_ERROR_FAILED, BP_STORE_OP_SAVE, self->path, detail);

    case SQLITE_CONSTRAINT_FOREIGNKEY:
      detail = g_strdup_printf (_ ("the crossing it corrects, %s, is not in this database"),
                                bp_crossing_get_supersedes (crossing));
      return set_error (error, BP_STORE_ERROR_FAILED, BP_STORE_OP_SAVE, self->path, detail);

    default:
      return _bp_store_set_error_from_sqlite (error, self->db, rc, BP_STORE_OP_SAVE, self->path);
    }
}

static gboolean
save_work (BpStore *self,
           gpointer data,
           GError **error)
{
  SaveData *sd = data;
  gint64 sequence = 0;
  int rc;

  if (!check_open (self, error) || !validate (self, sd->copy, error))
    return FALSE;

  /* The crossing and its outbox row go in one transaction: either both
   * are on disk when COMMIT returns, or neither is. IMMEDIATE takes the
   * write lock up front, so a busy database fails here, before any work. */
  rc = step_done (self->stmts[STMT_BEGIN]);
  if (rc != SQLITE_DONE)
    return save_error (self, sd->copy, rc, error);

  rc = insert_crossing (self, sd->copy, &sequence);
  if (rc == SQLITE_OK)
    rc = insert_outbox (self, sd->copy);
  if (rc == SQLITE_OK)
    {
      rc = step_done (self->stmts[STMT_COMMIT]);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }

  if (rc != SQLITE_OK)
    {
      /* Read the error before ROLLBACK replaces it. */
      save_error (self, sd->copy, rc, error);
      rollback (self);
      return FALSE;
    }

  sd->sequence = sequence;

  return TRUE;
}

static void
save_done (BpStore *self,
           gpointer data)
{
  SaveData *sd = data;
  guint n_items;

  _bp_crossing_set_identity (sd->crossing,
                             bp_crossing_get_uuid (sd->copy),
                             sd->sequence,
                             bp_crossing_get_boot_id (sd->copy));

  g_list_store_insert (self->recent, 0, sd->crossing);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->recent));
  if (n_items > RECENT_LIMIT)
    g_list_store_splice (self->recent, RECENT_LIMIT, n_items - RECENT_LIMIT, NULL, 0);
}

/* List */

typedef struct
{
  char *pattern; /* NULL lists everything */
  guint limit;
  GPtrArray *items;
} ListData;

static void
list_data_free (gpointer data)
{
  ListData *ld = data;

  g_free (ld->pattern);
  g_clear_pointer (&ld->items, g_ptr_array_unref);
  g_free (ld);
}

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

static ListData *
list_data_new (const char *search,
               guint limit)
{
  ListData *ld = g_new0 (ListData, 1);

  ld->pattern = like_pattern (search);
  ld->limit = limit;

  return ld;
}

static gboolean
list_work (BpStore *self,
           gpointer data,
           GError **error)
{
  ListData *ld = data;
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;

  if (!check_open (self, error))
    return FALSE;

  if (ld->pattern == NULL)
    {
      if (!read_recent (self, ld->limit, items, error))
        return FALSE;
    }
  else
    {
      stmt = self->stmts[STMT_SEARCH];
      sqlite3_bind_text (stmt, 1, ld->pattern, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, ld->limit > 0 ? (gint64) ld->limit : -1);
      if (!read_crossings (self, stmt, items, error))
        return FALSE;
    }

  ld->items = g_steal_pointer (&items);

  return TRUE;
}

static GListModel *
list_model_from (ListData *ld)
{
  GListStore *store = g_list_store_new (BP_TYPE_CROSSING);

  if (ld->items != NULL)
    g_list_store_splice (store, 0, 0, ld->items->pdata, ld->items->len);

  return G_LIST_MODEL (store);
}

/* Outbox */

typedef struct
{
  gint64 count;
} CountData;

static gboolean
count_outbox_work (BpStore *self,
                   gpointer data,
                   GError **error)
{
  CountData *cd = data;
  sqlite3_stmt *stmt;
  int rc;

  if (!check_open (self, error))
    return FALSE;

  stmt = self->stmts[STMT_COUNT_OUTBOX];
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    cd->count = sqlite3_column_int64 (stmt, 0);
  release (stmt);

  if (rc != SQLITE_ROW)
    return _bp_store_set_error_from_sqlite (error, self->db, rc, BP_STORE_OP_READ, self->path);

  return TRUE;
}

static gboolean
exec_work (BpStore *self,
           gpointer data,
           GError **error)
{
  int rc;

  if (!check_open (self, error))
    return FALSE;

  rc = sqlite3_exec (self->db, data, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return _bp_store_set_error_from_sqlite (error, self->db, rc, BP_STORE_OP_READ, self->path);

  return TRUE;
}

/* GObject */

static void
bp_store_dispose (GObject *object)
{
  BpStore *self = (BpStore *) object;

  /* The connection is closed on the thread that used it, after every
   * job queued before it. */
  if (self->pool != NULL)
    {
      run_sync (self, close_work, NULL, NULL, NULL);
      g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, TRUE);
    }

  g_clear_object (&self->recent);

  G_OBJECT_CLASS (bp_store_parent_class)->dispose (object);
}

static void
bp_store_finalize (GObject *object)
{
  BpStore *self = (BpStore *) object;

  g_assert (self->db == NULL);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (bp_store_parent_class)->finalize (object);
}

static void
bp_store_get_property (GObject *object,
                       guint prop_id,
                       GValue *value,
                       GParamSpec *pspec)
{
  BpStore *self = BP_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_store_set_property (GObject *object,
                       guint prop_id,
                       const GValue *value,
                       GParamSpec *pspec)
{
  BpStore *self = BP_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_store_class_init (BpStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bp_store_dispose;
  object_class->finalize = bp_store_finalize;
  object_class->get_property = bp_store_get_property;
  object_class->set_property = bp_store_set_property;

  properties[PROP_PATH] = g_param_spec_string ("path", "Path", "Database file, or :memory:", ":memory:",
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bp_store_init (BpStore *self)
{
  g_autoptr (GError) error = NULL;

  self->recent = g_list_store_new (BP_TYPE_CROSSING);

  /* Like g_thread_new(), treat a process that cannot start one thread
   * as beyond saving. */
  self->pool = g_thread_pool_new (worker_cb, self, 1, TRUE, &error);
  if (self->pool == NULL)
    g_error ("Cannot start the database thread: %s", error->message);
}

/* Public API */

/**
 * bp_store_new:
 * @path: the database file, or ":memory:"
 *
 * Creates a store. Nothing is read or written until it is opened.
 *
 * Returns: (transfer full): a new #BpStore
 */
BpStore *
bp_store_new (const char *path)
{
  g_return_val_if_fail (path != NULL && path[0] != '\0', NULL);

  return g_object_new (BP_TYPE_STORE, "path", path, NULL);
}

const char *
bp_store_get_path (BpStore *self)
{
  g_return_val_if_fail (BP_IS_STORE (self), NULL);

  return self->path;
}

/**
 * bp_store_get_schema_version:
 * @self: a #BpStore
 *
 * Returns: the schema version once open, 0 before
 */
int
bp_store_get_schema_version (BpStore *self)
{
  g_return_val_if_fail (BP_IS_STORE (self), 0);

  return self->schema_version;
}

/**
 * bp_store_open_async:
 * @self: a #BpStore
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the store is open
 * @user_data: data for @callback
 *
 * Opens or creates the database, upgrades its schema and loads the
 * recent model. Opening an open store does nothing.
 */
void
bp_store_open_async (BpStore *self,
                     GCancellable *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer user_data)
{
  g_return_if_fail (BP_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run_async (self, bp_store_open_async, open_work, open_done,
             g_new0 (OpenData, 1), open_data_free,
             cancellable, callback, user_data);
}

gboolean
bp_store_open_finish (BpStore *self,
                      GAsyncResult *result,
                      GError **error)
{
  g_return_val_if_fail (BP_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_store_open_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
bp_store_open_sync (BpStore *self,
                    GError **error)
{
  OpenData *od = g_new0 (OpenData, 1);
  gboolean ret;

  g_return_val_if_fail (BP_IS_STORE (self), FALSE);

  ret = run_sync (self, open_work, open_done, od, error);
  open_data_free (od);

  return ret;
}

/**
 * bp_store_save_crossing_async:
 * @self: a #BpStore
 * @crossing: a crossing with a decision
 * @cancellable: (nullable): a #GCancellable, honoured until the write starts
 * @callback: called when the crossing is on disk, or not
 * @user_data: data for @callback
 *
 * Writes @crossing as it is now; later changes to the object are not
 * saved. On success its sequence is set and it is put first in the
 * recent model, on the caller's thread, before @callback runs.
 */
void
bp_store_save_crossing_async (BpStore *self,
                              BpCrossing *crossing,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  g_return_if_fail (BP_IS_STORE (self));
  g_return_if_fail (BP_IS_CROSSING (crossing));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run_async (self, bp_store_save_crossing_async, save_work, save_done,
             save_data_new (crossing), save_data_free,
             cancellable, callback, user_data);
}

gboolean
bp_store_save_crossing_finish (BpStore *self,
                               GAsyncResult *result,
                               GError **error)
{
  g_return_val_if_fail (BP_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_store_save_crossing_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
bp_store_save_crossing_sync (BpStore *self,
                             BpCrossing *crossing,
                             GError **error)
{
  SaveData *sd;
  gboolean ret;

  g_return_val_if_fail (BP_IS_STORE (self), FALSE);
  g_return_val_if_fail (BP_IS_CROSSING (crossing), FALSE);

  sd = save_data_new (crossing);
  ret = run_sync (self, save_work, save_done, sd, error);
  save_data_free (sd);

  return ret;
}

void
bp_store_list_crossings_async (BpStore *self,
                               const char *search,
                               guint limit,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data)
{
  g_return_if_fail (BP_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run_async (self, bp_store_list_crossings_async, list_work, NULL,
             list_data_new (search, limit), list_data_free,
             cancellable, callback, user_data);
}

/**
 * bp_store_list_crossings_finish:
 * @self: a #BpStore
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): a #GListModel of #BpCrossing, newest first
 */
GListModel *
bp_store_list_crossings_finish (BpStore *self,
                                GAsyncResult *result,
                                GError **error)
{
  g_return_val_if_fail (BP_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_store_list_crossings_async, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  return list_model_from (g_task_get_task_data (G_TASK (result)));
}

GListModel *
bp_store_list_crossings_sync (BpStore *self,
                              const char *search,
                              guint limit,
                              GError **error)
{
  ListData *ld;
  GListModel *model = NULL;

  g_return_val_if_fail (BP_IS_STORE (self), NULL);

  ld = list_data_new (search, limit);
  if (run_sync (self, list_work, NULL, ld, error))
    model = list_model_from (ld);
  list_data_free (ld);

  return model;
}

void
bp_store_count_outbox_async (BpStore *self,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_return_if_fail (BP_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run_async (self, bp_store_count_outbox_async, count_outbox_work, NULL,
             g_new0 (CountData, 1), g_free,
             cancellable, callback, user_data);
}

/**
 * bp_store_count_outbox_finish:
 * @self: a #BpStore
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: the number of crossings not yet acknowledged by HQ, or -1 on error
 */
gint64
bp_store_count_outbox_finish (BpStore *self,
                              GAsyncResult *result,
                              GError **error)
{
  CountData *cd;

  g_return_val_if_fail (BP_IS_STORE (self), -1);
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_store_count_outbox_async, -1);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return -1;

  cd = g_task_get_task_data (G_TASK (result));

  return cd->count;
}

/**
 * bp_store_count_outbox_sync:
 * @self: a #BpStore
 * @error: return location for an error
 *
 * Blocking form of bp_store_count_outbox_async(), for the command line
 * and tests.
 *
 * Returns: the number of crossings not yet acknowledged by HQ, or -1 on error
 */
gint64
bp_store_count_outbox_sync (BpStore *self,
                            GError **error)
{
  CountData cd = {
    0,
  };

  g_return_val_if_fail (BP_IS_STORE (self), -1);

  if (!run_sync (self, count_outbox_work, NULL, &cd, error))
    return -1;

  return cd.count;
}

/**
 * bp_store_get_recent:
 * @self: a #BpStore
 *
 * Returns: (transfer none): a #GListModel of #BpCrossing, newest first
 */
GListModel *
bp_store_get_recent (BpStore *self)
{
  g_return_val_if_fail (BP_IS_STORE (self), NULL);

  return G_LIST_MODEL (self->recent);
}

gboolean
_bp_store_exec_sync (BpStore *self,
                     const char *sql,
                     GError **error)
{
  g_return_val_if_fail (BP_IS_STORE (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  return run_sync (self, exec_work, NULL, (gpointer) sql, error);
}
