/* bp-hq-db.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-hq"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bp-hq-db.h"
#include "bp-hq-error.h"

/* One libpq connection, used from the main loop. A reference receiver
 * can afford to block for the length of a query; each request is one
 * transaction, and a dropped connection is reopened and the request's
 * work run once more. */

struct _BpHqDb
{
  char *conninfo;
  PGconn *conn;
  GHashTable *prepared; /* names prepared on this connection */
};

static void
set_db_error (GError **error,
              PGconn *conn,
              const char *what)
{
  g_autofree char *msg = g_strchomp (g_strdup (PQerrorMessage (conn)));

  if (PQstatus (conn) != CONNECTION_OK)
    g_set_error (error, BP_HQ_ERROR, BP_HQ_ERROR_DB_UNAVAILABLE,
                 _ ("The database is not reachable: %s"), msg);
  else
    g_set_error (error, BP_HQ_ERROR, BP_HQ_ERROR_DB, "%s: %s", what, msg);
}

/**
 * bp_hq_db_query:
 * @self: the database
 * @sql: one SQL statement with $1… placeholders
 * @n_params: how many parameters
 * @values: (array length=n_params): parameter values (text unless @formats says binary)
 * @lengths: (nullable): lengths of binary values
 * @formats: (nullable): 1 for a binary parameter, 0 for text
 * @error: return location for an error
 *
 * Runs one statement with bound parameters.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL on error
 */
PGresult *
bp_hq_db_query (BpHqDb *self,
                const char *sql,
                int n_params,
                const char **values,
                const int *lengths,
                const int *formats,
                GError **error)
{
  g_autoptr (PGresult) res = NULL;
  ExecStatusType status;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  res = PQexecParams (self->conn, sql, n_params, NULL, values, lengths, formats, 0);
  status = res != NULL ? PQresultStatus (res) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      set_db_error (error, self->conn, sql);
      return NULL;
    }

  return g_steal_pointer (&res);
}

/* Runs SQL without parameters; it may hold several statements. */
static PGresult *
check_result (BpHqDb *self,
              PGresult *res,
              const char *what,
              GError **error)
{
  ExecStatusType status = res != NULL ? PQresultStatus (res) : PGRES_FATAL_ERROR;

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      set_db_error (error, self->conn, what);
      g_clear_pointer (&res, PQclear);
    }
  return res;
}

/**
 * bp_hq_db_query_prepared:
 * @self: the database
 * @name: a name for @sql, unique in the program
 * @sql: one SQL statement with $1… placeholders
 * @n_params: how many parameters
 * @values: (array length=n_params): parameter values
 * @lengths: (nullable): lengths of binary values
 * @formats: (nullable): 1 for a binary parameter, 0 for text
 * @error: return location for an error
 *
 * Like bp_hq_db_query(), for statements run once per item: @sql is
 * parsed and planned once per connection instead of on every call.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL on error
 */
PGresult *
bp_hq_db_query_prepared (BpHqDb *self,
                         const char *name,
                         const char *sql,
                         int n_params,
                         const char **values,
                         const int *lengths,
                         const int *formats,
                         GError **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  if (!g_hash_table_contains (self->prepared, name))
    {
      g_autoptr (PGresult) prep = check_result (self, PQprepare (self->conn, name, sql, n_params, NULL), sql, error);

      if (prep == NULL)
        return NULL;
      g_hash_table_add (self->prepared, g_strdup (name));
    }

  return check_result (self, PQexecPrepared (self->conn, name, n_params, values, lengths, formats, 0),
                       sql, error);
}

gboolean
bp_hq_db_exec (BpHqDb *self,
               const char *sql,
               GError **error)
{
  g_autoptr (PGresult) res = NULL;
  ExecStatusType status;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  res = PQexec (self->conn, sql);
  status = res != NULL ? PQresultStatus (res) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      set_db_error (error, self->conn, sql);
      return FALSE;
    }

  return TRUE;
}

/* NOTICEs ("relation already exists, skipping") are not for operators. */
static void
notice_cb (void *arg,
           const char *message)
{
  g_debug ("postgres: %s", message);
}

static gboolean
ensure_connected (BpHqDb *self,
                  GError **error)
{
  if (self->conn != NULL && PQstatus (self->conn) == CONNECTION_OK)
    return TRUE;

  /* Prepared statements belong to the connection that is going away. */
  g_hash_table_remove_all (self->prepared);
  if (self->conn == NULL)
    {
      self->conn = PQconnectdb (self->conninfo);
      PQsetNoticeProcessor (self->conn, notice_cb, NULL);
    }
  else
    PQreset (self->conn);

  if (PQstatus (self->conn) != CONNECTION_OK)
    {
      set_db_error (error, self->conn, "connect");
      return FALSE;
    }

  /* Times are exchanged as UTC ISO 8601 text. */
  return bp_hq_db_exec (self, "SET TIME ZONE 'UTC'", error);
}

static gboolean
run_once (BpHqDb *self,
          gboolean transaction,
          BpHqDbWork work,
          gpointer user_data,
          GError **error)
{
  g_autoptr (GError) local_error = NULL;

  if (!ensure_connected (self, error))
    return FALSE;
  if (!transaction)
    return work (self, user_data, error);
  if (!bp_hq_db_exec (self, "BEGIN", error))
    return FALSE;

  if (!work (self, user_data, &local_error))
    {
      /* Best effort: a broken connection has no transaction left. */
      if (PQstatus (self->conn) == CONNECTION_OK)
        bp_hq_db_exec (self, "ROLLBACK", NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return bp_hq_db_exec (self, "COMMIT", error);
}

/**
 * bp_hq_db_transaction:
 * @self: the database
 * @work: what to do inside the transaction
 * @user_data: passed to @work
 * @error: return location for an error
 *
 * Runs @work between BEGIN and COMMIT, and rolls back when it fails. When
 * the connection had dropped (the server restarted), it is reopened and
 * @work run once more from the start.
 *
 * Returns: %TRUE if the transaction committed
 */
static gboolean
run (BpHqDb *self,
     gboolean transaction,
     BpHqDbWork work,
     gpointer user_data,
     GError **error)
{
  g_autoptr (GError) local_error = NULL;

  if (run_once (self, transaction, work, user_data, &local_error))
    return TRUE;

  if (PQstatus (self->conn) == CONNECTION_OK)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_debug ("database connection lost (%s); reconnecting", local_error->message);
  g_clear_error (&local_error);
  return run_once (self, transaction, work, user_data, error);
}

gboolean
bp_hq_db_transaction (BpHqDb *self,
                      BpHqDbWork work,
                      gpointer user_data,
                      GError **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (work != NULL, FALSE);

  return run (self, TRUE, work, user_data, error);
}

/**
 * bp_hq_db_single:
 * @self: the database
 * @work: what to do: a single statement, atomic on its own
 * @user_data: passed to @work
 * @error: return location for an error
 *
 * Like bp_hq_db_transaction() without BEGIN and COMMIT, which saves two
 * round trips where one statement is all the work there is.
 *
 * Returns: %TRUE if @work succeeded
 */
gboolean
bp_hq_db_single (BpHqDb *self,
                 BpHqDbWork work,
                 gpointer user_data,
                 GError **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (work != NULL, FALSE);

  return run (self, FALSE, work, user_data, error);
}

static gboolean
migrate_cb (BpHqDb *self,
            gpointer user_data,
            GError **error)
{
  g_autoptr (PGresult) res = NULL;
  const char *const *migrations;
  guint n_migrations;
  int current = 0;

  /* Two receivers starting on one database must not both migrate. */
  if (!bp_hq_db_exec (self, "SELECT pg_advisory_xact_lock(7263001)", error))
    return FALSE;
  if (!bp_hq_db_exec (self,
                      "CREATE TABLE IF NOT EXISTS hq_schema_version ("
                      " version integer PRIMARY KEY,"
                      " applied_at timestamptz NOT NULL DEFAULT now())",
                      error))
    return FALSE;

  res = bp_hq_db_query (self, "SELECT coalesce(max(version), 0) FROM hq_schema_version",
                        0, NULL, NULL, NULL, error);
  if (res == NULL)
    return FALSE;
  current = atoi (PQgetvalue (res, 0, 0));

  migrations = _bp_hq_schema_migrations (&n_migrations);
  if (current > (int) n_migrations)
    {
      g_set_error (error, BP_HQ_ERROR, BP_HQ_ERROR_TOO_NEW,
                   _ ("The HQ database has schema version %d, newer than this borderpost-hq (%u)."),
                   current, n_migrations);
      return FALSE;
    }

  for (guint v = current + 1; v <= n_migrations; v++)
    {
      g_autofree char *version = g_strdup_printf ("%u", v);
      const char *values[] = { version };
      g_autoptr (PGresult) ins = NULL;

      if (!bp_hq_db_exec (self, migrations[v - 1], error))
        return FALSE;
      ins = bp_hq_db_query (self, "INSERT INTO hq_schema_version (version) VALUES ($1)",
                            1, values, NULL, NULL, error);
      if (ins == NULL)
        return FALSE;
    }

  return TRUE;
}

/**
 * bp_hq_db_open:
 * @conninfo: a libpq connection string
 * @error: return location for an error
 *
 * Connects to PostgreSQL and brings the schema up to date.
 *
 * Returns: (transfer full) (nullable): the database, or %NULL on error
 */
BpHqDb *
bp_hq_db_open (const char *conninfo,
               GError **error)
{
  g_autoptr (BpHqDb) self = NULL;

  g_return_val_if_fail (conninfo != NULL, NULL);

  self = g_new0 (BpHqDb, 1);
  self->conninfo = g_strdup (conninfo);
  self->prepared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!bp_hq_db_transaction (self, migrate_cb, NULL, error))
    return NULL;

  return g_steal_pointer (&self);
}

void
bp_hq_db_free (BpHqDb *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->conn, PQfinish);
  g_clear_pointer (&self->prepared, g_hash_table_unref);
  g_free (self->conninfo);
  g_free (self);
}
