/* bp-store-sync-state.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-store"

#include "config.h"

#include "bp-store-private.h"

/* The small facts sync keeps about the link (sync_state) and the
 * outbox counted by state, for the GUI and `borderpost-cli sync status`.
 * Like every store call they run on the store's worker. */

static int
bind_text (sqlite3_stmt *stmt,
           int idx,
           const char *text)
{
  if (text == NULL)
    return sqlite3_bind_null (stmt, idx);

  return sqlite3_bind_text (stmt, idx, text, -1, SQLITE_TRANSIENT);
}

/* Sync state */

static gboolean
set_state_work (BpStore *self,
                gpointer data,
                GError **error)
{
  const char *const *pairs = data;
  BpStoreSql *sql = _bp_store_get_sql (self, error);
  g_autoptr (sqlite3_stmt) upsert = NULL;
  g_autoptr (sqlite3_stmt) remove = NULL;

  if (sql == NULL || !_bp_store_outbox_begin (sql, error))
    return FALSE;

  upsert = _bp_store_outbox_prepare (sql, "INSERT INTO sync_state (key, value) VALUES (?1, ?2)"
                                          " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                     error);
  remove = upsert ? _bp_store_outbox_prepare (sql, "DELETE FROM sync_state WHERE key = ?1", error) : NULL;
  if (remove == NULL)
    {
      _bp_store_outbox_rollback (sql);
      return FALSE;
    }

  for (guint i = 0; pairs[i] != NULL; i += 2)
    {
      sqlite3_stmt *stmt = pairs[i + 1] != NULL ? upsert : remove;
      int rc;

      bind_text (stmt, 1, pairs[i]);
      if (pairs[i + 1] != NULL)
        bind_text (stmt, 2, pairs[i + 1]);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _bp_store_outbox_sql_failed (sql, rc, BP_STORE_OP_SAVE, error);
          _bp_store_outbox_rollback (sql);
          return FALSE;
        }
    }

  g_clear_pointer (&upsert, sqlite3_finalize);
  g_clear_pointer (&remove, sqlite3_finalize);

  return _bp_store_outbox_commit (sql, error);
}

/* A copy that keeps NULL values inside the list. */
static char **
copy_pairs (const char *const *pairs)
{
  guint n = 0;
  char **copy;

  while (pairs[n] != NULL)
    n += 2;

  copy = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    copy[i] = g_strdup (pairs[i]);

  return copy;
}

static void
pairs_free (gpointer data)
{
  char **pairs = data;

  for (guint i = 0; pairs[i] != NULL; i += 2)
    {
      g_free (pairs[i]);
      g_free (pairs[i + 1]);
    }
  g_free (pairs);
}

/**
 * bp_store_set_sync_state_async:
 * @self: an open #BpStore
 * @pairs: key, value, key, value… then %NULL; a %NULL value removes the key
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Writes entries of the sync_state table in one transaction.
 */
void
bp_store_set_sync_state_async (BpStore *self,
                               const char *const *pairs,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data)
{
  g_return_if_fail (BP_IS_STORE (self));
  g_return_if_fail (pairs != NULL);

  _bp_store_run_async (self, bp_store_set_sync_state_async, set_state_work,
                       copy_pairs (pairs), pairs_free,
                       cancellable, callback, user_data);
}

gboolean
bp_store_set_sync_state_finish (BpStore *self,
                                GAsyncResult *result,
                                GError **error)
{
  g_return_val_if_fail (BP_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_store_set_sync_state_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
bp_store_set_sync_state_sync (BpStore *self,
                              const char *const *pairs,
                              GError **error)
{
  g_return_val_if_fail (BP_IS_STORE (self), FALSE);
  g_return_val_if_fail (pairs != NULL, FALSE);

  return _bp_store_run_sync (self, set_state_work, (gpointer) pairs, error);
}

/* Status */

typedef struct
{
  BpOutboxStatus *status;
} StatusData;

static void
status_data_free (gpointer data)
{
  StatusData *sd = data;

  bp_outbox_status_free (sd->status);
  g_free (sd);
}

static gboolean
status_work (BpStore *self,
             gpointer data,
             GError **error)
{
  StatusData *sd = data;
  BpStoreSql *sql = _bp_store_get_sql (self, error);
  g_autoptr (sqlite3_stmt) counts = NULL;
  g_autoptr (sqlite3_stmt) photos = NULL;
  g_autoptr (sqlite3_stmt) state = NULL;
  g_autoptr (BpOutboxStatus) status = NULL;
  int rc;

  if (sql == NULL)
    return FALSE;

  counts = _bp_store_outbox_prepare (sql, "SELECT state, count (*) FROM outbox GROUP BY state", error);
  photos = counts ? _bp_store_outbox_prepare (sql, "SELECT count (*) FROM outbox JOIN crossings ON uuid = crossing_uuid"
                                                   " WHERE state = 'pending' AND photo_sha256 IS NOT NULL"
                                                   " AND photo_state = 'unconfirmed'",
                                              error)
                  : NULL;
  state = photos ? _bp_store_outbox_prepare (sql, "SELECT key, value FROM sync_state WHERE value IS NOT NULL", error) : NULL;
  if (state == NULL)
    return FALSE;

  status = g_new0 (BpOutboxStatus, 1);
  status->state = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  while ((rc = sqlite3_step (counts)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (counts, 0);
      gint64 n = sqlite3_column_int64 (counts, 1);

      if (g_strcmp0 (name, "pending") == 0)
        status->pending = n;
      else if (g_strcmp0 (name, "delivered") == 0)
        status->delivered = n;
      else if (g_strcmp0 (name, "conflict") == 0)
        status->conflict = n;
      else if (g_strcmp0 (name, "rejected") == 0)
        status->rejected = n;
    }
  if (rc != SQLITE_DONE)
    return _bp_store_outbox_sql_failed (sql, rc, BP_STORE_OP_READ, error);

  if ((rc = sqlite3_step (photos)) != SQLITE_ROW)
    return _bp_store_outbox_sql_failed (sql, rc, BP_STORE_OP_READ, error);
  status->photos_pending = sqlite3_column_int64 (photos, 0);

  while ((rc = sqlite3_step (state)) == SQLITE_ROW)
    g_hash_table_insert (status->state,
                         g_strdup ((const char *) sqlite3_column_text (state, 0)),
                         g_strdup ((const char *) sqlite3_column_text (state, 1)));
  if (rc != SQLITE_DONE)
    return _bp_store_outbox_sql_failed (sql, rc, BP_STORE_OP_READ, error);

  sd->status = g_steal_pointer (&status);

  return TRUE;
}

void
bp_store_get_outbox_status_async (BpStore *self,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  g_return_if_fail (BP_IS_STORE (self));

  _bp_store_run_async (self, bp_store_get_outbox_status_async, status_work,
                       g_new0 (StatusData, 1), status_data_free,
                       cancellable, callback, user_data);
}

/**
 * bp_store_get_outbox_status_finish:
 * @self: a #BpStore
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): counts by state and the sync_state entries
 */
BpOutboxStatus *
bp_store_get_outbox_status_finish (BpStore *self,
                                   GAsyncResult *result,
                                   GError **error)
{
  StatusData *sd;

  g_return_val_if_fail (BP_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_store_get_outbox_status_async, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  sd = g_task_get_task_data (G_TASK (result));

  return g_steal_pointer (&sd->status);
}

BpOutboxStatus *
bp_store_get_outbox_status_sync (BpStore *self,
                                 GError **error)
{
  StatusData sd = {
    NULL,
  };

  g_return_val_if_fail (BP_IS_STORE (self), NULL);

  if (!_bp_store_run_sync (self, status_work, &sd, error))
    return NULL;

  return sd.status;
}
