/* bp-store-outbox.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bp-store-private.h"
#include "bp-sync-wire.h"
#include "bp-uuid.h"

/* The store's side of sync: batches taken from the outbox, HQ's
 * answers recorded per item, and the small sync_state table. Each call
 * runs on the store's worker like every other store call; each write
 * is one transaction, so a process killed at any point leaves either
 * the state before or the state after.
 *
 * A row held back (next_attempt_at_us) is eligible again when that
 * time has passed, or when it lies further ahead than any hold this
 * code sets: after the wall clock jumps back a day a held row is not
 * stuck for a day. */

/* Longest hold this code sets on a row; see above. */
#define MAX_HOLD_USEC ((gint64) 3600 * G_USEC_PER_SEC)

/* Set by tests only, before the store is used. */
static gint64 clock_offset_usec;

void
_bp_store_set_clock_offset (gint64 usec)
{
  clock_offset_usec = usec;
}

static gint64
now_usec (void)
{
  return g_get_real_time () + clock_offset_usec;
}

static char *
format_usec (gint64 usec)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr (GDateTime) exact = g_date_time_add (dt, usec % G_USEC_PER_SEC);

  return g_date_time_format (exact, "%Y-%m-%dT%H:%M:%S.%fZ");
}

/* Types */

static void
outbox_item_free (gpointer data)
{
  BpOutboxItem *item = data;

  g_free (item->uuid);
  g_free (item->photo_sha256);
  g_clear_pointer (&item->photo, g_bytes_unref);
  g_free (item);
}

void
bp_outbox_batch_free (BpOutboxBatch *batch)
{
  if (batch == NULL)
    return;

  g_free (batch->key);
  g_clear_pointer (&batch->body, g_bytes_unref);
  g_clear_pointer (&batch->items, g_ptr_array_unref);
  g_free (batch);
}

void
bp_outbox_status_free (BpOutboxStatus *status)
{
  if (status == NULL)
    return;

  g_clear_pointer (&status->state, g_hash_table_unref);
  g_free (status);
}

/**
 * bp_outbox_item_result_new:
 * @uuid: the crossing's UUID
 * @result: what HQ said
 * @message: (nullable): HQ's words, for a conflict or rejection
 *
 * Returns: (transfer full): a result for bp_store_record_batch_async()
 */
BpOutboxItemResult *
bp_outbox_item_result_new (const char *uuid,
                           BpOutboxResult result,
                           const char *message)
{
  BpOutboxItemResult *r = g_new0 (BpOutboxItemResult, 1);

  r->uuid = g_strdup (uuid);
  r->result = result;
  r->message = g_strdup (message);

  return r;
}

void
bp_outbox_item_result_free (BpOutboxItemResult *result)
{
  if (result == NULL)
    return;

  g_free (result->uuid);
  g_free (result->message);
  g_free (result);
}

static const char *const result_names[] = {
  [BP_OUTBOX_RESULT_ACCEPTED] = "accepted",
  [BP_OUTBOX_RESULT_DUPLICATE] = "duplicate",
  [BP_OUTBOX_RESULT_CONFLICT] = "conflict",
  [BP_OUTBOX_RESULT_REJECTED] = "rejected",
  [BP_OUTBOX_RESULT_MISSING_PHOTO] = "missing_photo",
};

const char *
bp_outbox_result_to_string (BpOutboxResult result)
{
  g_return_val_if_fail (result < G_N_ELEMENTS (result_names), NULL);

  return result_names[result];
}

/**
 * bp_outbox_result_from_string:
 * @str: (nullable): a status as HQ writes it
 * @result: (out): the status
 *
 * Returns: whether @str is a status of the protocol
 */
gboolean
bp_outbox_result_from_string (const char *str,
                              BpOutboxResult *result)
{
  for (guint i = 0; i < G_N_ELEMENTS (result_names); i++)
    if (g_strcmp0 (str, result_names[i]) == 0)
      {
        *result = i;
        return TRUE;
      }

  return FALSE;
}

/* SQL helpers */

sqlite3_stmt *
_bp_store_outbox_prepare (BpStoreSql *sql,
                          const char *text,
                          GError **error)
{
  sqlite3 *db = _bp_store_sql_get_db (sql);
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, text, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _bp_store_set_error_from_sqlite (error, db, rc, BP_STORE_OP_READ, _bp_store_sql_get_path (sql));
      return NULL;
    }

  return stmt;
}

gboolean
_bp_store_outbox_sql_failed (BpStoreSql *sql,
                             int rc,
                             BpStoreOp op,
                             GError **error)
{
  return _bp_store_set_error_from_sqlite (error, _bp_store_sql_get_db (sql), rc, op, _bp_store_sql_get_path (sql));
}

void
_bp_store_outbox_rollback (BpStoreSql *sql)
{
  if (!sqlite3_get_autocommit (_bp_store_sql_get_db (sql)))
    sqlite3_exec (_bp_store_sql_get_db (sql), "ROLLBACK", NULL, NULL, NULL);
}

gboolean
_bp_store_outbox_begin (BpStoreSql *sql,
                        GError **error)
{
  int rc = sqlite3_exec (_bp_store_sql_get_db (sql), "BEGIN IMMEDIATE", NULL, NULL, NULL);

  return rc == SQLITE_OK || _bp_store_outbox_sql_failed (sql, rc, BP_STORE_OP_SAVE, error);
}

gboolean
_bp_store_outbox_commit (BpStoreSql *sql,
                         GError **error)
{
  int rc = sqlite3_exec (_bp_store_sql_get_db (sql), "COMMIT", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _bp_store_outbox_sql_failed (sql, rc, BP_STORE_OP_SAVE, error);
      _bp_store_outbox_rollback (sql);
      return FALSE;
    }

  return TRUE;
}

static int
bind_text (sqlite3_stmt *stmt,
           int idx,
           const char *text)
{
  if (text == NULL)
    return sqlite3_bind_null (stmt, idx);

  return sqlite3_bind_text (stmt, idx, text, -1, SQLITE_TRANSIENT);
}

/* Take a batch */

#define SELECT_ITEMS                                                                  \
  "SELECT " BP_STORE_CROSSING_COLUMNS ", outbox.id, outbox.photo_state, photo_sha256" \
  " FROM outbox JOIN crossings ON uuid = crossing_uuid "

typedef struct
{
  char *booth_id;
  char *exclude_key;
  guint max_items;
  gsize max_bytes;
  BpOutboxBatch *batch; /* NULL: nothing to send */
} TakeData;

static void
take_data_free (gpointer data)
{
  TakeData *td = data;

  g_free (td->booth_id);
  g_free (td->exclude_key);
  bp_outbox_batch_free (td->batch);
  g_free (td);
}

/* Adds the item of the current row to @batch; with @items_json, also
 * its JSON, unless that would pass @max_bytes (then returns FALSE and
 * leaves @batch as it was). */
static gboolean
add_item (BpStoreSql *sql,
          sqlite3_stmt *stmt,
          BpOutboxBatch *batch,
          GPtrArray *items_json,
          gsize *bytes,
          gsize max_bytes,
          GError **error)
{
  g_autoptr (BpCrossing) crossing = _bp_store_sql_crossing_from_row (sql, stmt, error);
  const int col = BP_STORE_N_CROSSING_COLUMNS;
  BpOutboxItem *item;

  if (crossing == NULL)
    return FALSE;

  if (items_json != NULL)
    {
      char *json = bp_sync_item_to_json (crossing);
      gsize len = strlen (json) + 1;

      /* The first item always goes, so that one huge item cannot stop
       * the queue; HQ will say whether it takes it. */
      if (items_json->len > 0 && *bytes + len > max_bytes)
        {
          g_free (json);
          return FALSE;
        }

      *bytes += len;
      g_ptr_array_add (items_json, json);
    }

  item = g_new0 (BpOutboxItem, 1);
  item->outbox_id = sqlite3_column_int64 (stmt, col);
  item->uuid = g_strdup (bp_crossing_get_uuid (crossing));
  item->photo_sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, col + 2));
  if (item->photo_sha256 != NULL && g_strcmp0 ((const char *) sqlite3_column_text (stmt, col + 1), "at_hq") != 0)
    item->photo = g_bytes_ref (bp_crossing_get_photo (crossing));
  g_ptr_array_add (batch->items, item);

  return TRUE;
}

static BpOutboxBatch *
batch_new (void)
{
  BpOutboxBatch *batch = g_new0 (BpOutboxBatch, 1);

  batch->items = g_ptr_array_new_with_free_func (outbox_item_free);

  return batch;
}

static gboolean
resume_batch (BpStoreSql *sql,
              TakeData *td,
              GError **error)
{
  g_autoptr (sqlite3_stmt) find = NULL;
  g_autoptr (sqlite3_stmt) items = NULL;
  g_autoptr (BpOutboxBatch) batch = NULL;
  int rc;

  find = _bp_store_outbox_prepare (sql, "SELECT key, body FROM outbox_batches WHERE key IS NOT ?1 ORDER BY rowid LIMIT 1", error);
  if (find == NULL)
    return FALSE;
  bind_text (find, 1, td->exclude_key);

  rc = sqlite3_step (find);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return _bp_store_outbox_sql_failed (sql, rc, BP_STORE_OP_READ, error);

  batch = batch_new ();
  batch->resumed = TRUE;
  batch->key = g_strdup ((const char *) sqlite3_column_text (find, 0));
  batch->body = g_bytes_new (sqlite3_column_blob (find, 1), sqlite3_column_bytes (find, 1));

  items = _bp_store_outbox_prepare (sql, SELECT_ITEMS "WHERE batch_key = ?1 ORDER BY outbox.id", error);
  if (items == NULL)
    return FALSE;
  bind_text (items, 1, batch->key);
  while ((rc = sqlite3_step (items)) == SQLITE_ROW)
    if (!add_item (sql, items, batch, NULL, NULL, 0, error))
      return FALSE;
  if (rc != SQLITE_DONE)
    return _bp_store_outbox_sql_failed (sql, rc, BP_STORE_OP_READ, error);

  td->batch = g_steal_pointer (&batch);

  return TRUE;
}

static gboolean
new_batch (BpStoreSql *sql,
           TakeData *td,
           GError **error)
{
  g_autoptr (sqlite3_stmt) select = NULL;
  g_autoptr (sqlite3_stmt) insert = NULL;
  g_autoptr (sqlite3_stmt) mark = NULL;
  g_autoptr (BpOutboxBatch) batch = batch_new ();
  g_autoptr (GPtrArray) items_json = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *created_at = NULL;
  gint64 now = now_usec ();
  gsize bytes = 64;
  int rc;

  select = _bp_store_outbox_prepare (sql, SELECT_ITEMS "WHERE state = 'pending' AND batch_key IS NULL"
                                                       " AND (next_attempt_at_us <= ?1 OR next_attempt_at_us > ?2)"
                                                       " ORDER BY outbox.id LIMIT ?3",
                                     error);
  if (select == NULL)
    return FALSE;
  sqlite3_bind_int64 (select, 1, now);
  sqlite3_bind_int64 (select, 2, now + MAX_HOLD_USEC);
  sqlite3_bind_int64 (select, 3, td->max_items);

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      g_autoptr (GError) local_error = NULL;

      if (!add_item (sql, select, batch, items_json, &bytes, td->max_bytes, &local_error))
        {
          if (local_error == NULL)
            break;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _bp_store_outbox_sql_failed (sql, rc, BP_STORE_OP_READ, error);
  g_clear_pointer (&select, sqlite3_finalize);

  if (batch->items->len == 0)
    return TRUE;

  batch->key = bp_uuid_v7_new ();
  batch->body = bp_sync_batch_body_new (td->booth_id, items_json);
  created_at = format_usec (now);

  insert = _bp_store_outbox_prepare (sql, "INSERT INTO outbox_batches (key, created_at, body) VALUES (?1, ?2, ?3)", error);
  mark = insert ? _bp_store_outbox_prepare (sql, "UPDATE outbox SET batch_key = ?1 WHERE id = ?2", error) : NULL;
  if (mark == NULL)
    return FALSE;

  bind_text (insert, 1, batch->key);
  bind_text (insert, 2, created_at);
  sqlite3_bind_blob64 (insert, 3, g_bytes_get_data (batch->body, NULL), g_bytes_get_size (batch->body), SQLITE_STATIC);
  rc = sqlite3_step (insert);
  if (rc != SQLITE_DONE)
    return _bp_store_outbox_sql_failed (sql, rc, BP_STORE_OP_SAVE, error);

  bind_text (mark, 1, batch->key);
  for (guint i = 0; i < batch->items->len; i++)
    {
      BpOutboxItem *item = g_ptr_array_index (batch->items, i);

      sqlite3_bind_int64 (mark, 2, item->outbox_id);
      rc = sqlite3_step (mark);
      sqlite3_reset (mark);
      if (rc != SQLITE_DONE)
        return _bp_store_outbox_sql_failed (sql, rc, BP_STORE_OP_SAVE, error);
    }

  td->batch = g_steal_pointer (&batch);

  return TRUE;
}

static gboolean
take_work (BpStore *self,
           gpointer data,
           GError **error)
{
  TakeData *td = data;
  BpStoreSql *sql = _bp_store_get_sql (self, error);

  if (sql == NULL || !_bp_store_outbox_begin (sql, error))
    return FALSE;

  if (!resume_batch (sql, td, error) || (td->batch == NULL && !new_batch (sql, td, error)))
    {
      _bp_store_outbox_rollback (sql);
      g_clear_pointer (&td->batch, bp_outbox_batch_free);
      return FALSE;
    }

  if (!_bp_store_outbox_commit (sql, error))
    {
      g_clear_pointer (&td->batch, bp_outbox_batch_free);
      return FALSE;
    }

  return TRUE;
}

static TakeData *
take_data_new (const char *booth_id,
               const char *exclude_key,
               guint max_items,
               gsize max_bytes)
{
  TakeData *td = g_new0 (TakeData, 1);

  td->booth_id = g_strdup (booth_id);
  td->exclude_key = g_strdup (exclude_key);
  td->max_items = max_items;
  td->max_bytes = max_bytes;

  return td;
}

/**
 * bp_store_take_batch_async:
 * @self: an open #BpStore
 * @booth_id: (nullable): the booth id to put in the body
 * @exclude_key: (nullable): a batch not to give again (the one in flight)
 * @max_items: at most this many items (1 or more)
 * @max_bytes: at most this many bytes of body, unless one item is larger
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the batch
 * @user_data: data for @callback
 *
 * Gives the batch to send next; see bp-store.h.
 */
void
bp_store_take_batch_async (BpStore *self,
                           const char *booth_id,
                           const char *exclude_key,
                           guint max_items,
                           gsize max_bytes,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  g_return_if_fail (BP_IS_STORE (self));
  g_return_if_fail (max_items > 0);

  _bp_store_run_async (self, bp_store_take_batch_async, take_work,
                       take_data_new (booth_id, exclude_key, max_items, max_bytes), take_data_free,
                       cancellable, callback, user_data);
}

/**
 * bp_store_take_batch_finish:
 * @self: a #BpStore
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the batch, or %NULL with no error
 *   when nothing is waiting
 */
BpOutboxBatch *
bp_store_take_batch_finish (BpStore *self,
                            GAsyncResult *result,
                            GError **error)
{
  TakeData *td;

  g_return_val_if_fail (BP_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_store_take_batch_async, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  td = g_task_get_task_data (G_TASK (result));

  return g_steal_pointer (&td->batch);
}

BpOutboxBatch *
bp_store_take_batch_sync (BpStore *self,
                          const char *booth_id,
                          const char *exclude_key,
                          guint max_items,
                          gsize max_bytes,
                          GError **error)
{
  TakeData *td;
  BpOutboxBatch *batch = NULL;

  g_return_val_if_fail (BP_IS_STORE (self), NULL);
  g_return_val_if_fail (max_items > 0, NULL);

  td = take_data_new (booth_id, exclude_key, max_items, max_bytes);
  if (_bp_store_run_sync (self, take_work, td, error))
    batch = g_steal_pointer (&td->batch);
  take_data_free (td);

  return batch;
}

/* Record a batch's answer */

typedef struct
{
  char *key;
  char *received_at;
  GPtrArray *results;
  gint64 hold_usec;
} RecordData;

static void
record_data_free (gpointer data)
{
  RecordData *rd = data;

  g_free (rd->key);
  g_free (rd->received_at);
  g_clear_pointer (&rd->results, g_ptr_array_unref);
  g_free (rd);
}

static RecordData *
record_data_new (const char *key,
                 const char *received_at,
                 GPtrArray *results,
                 gint64 hold_usec)
{
  RecordData *rd = g_new0 (RecordData, 1);

  rd->key = g_strdup (key);
  rd->received_at = g_strdup (received_at);
  rd->results = results ? g_ptr_array_ref (results) : NULL;
  rd->hold_usec = hold_usec;

  return rd;
}

static gboolean
record_items (BpStoreSql *sql,
              RecordData *rd,
              GError **error)
{
  g_autoptr (sqlite3_stmt) update = NULL;
  g_autoptr (sqlite3_stmt) release = NULL;
  g_autoptr (sqlite3_stmt) drop = NULL;
  gint64 now = now_usec ();
  g_autofree char *now_text = format_usec (now);
  int rc;

  update = _bp_store_outbox_prepare (sql, "UPDATE outbox SET state = ?1, attempts = attempts + 1, last_attempt_at = ?2,"
                                          " last_error = ?3, hq_received_at = IFNULL (?4, hq_received_at),"
                                          " synced_at = ?5, next_attempt_at_us = ?6, batch_key = NULL,"
                                          " photo_state = CASE WHEN ?7 THEN 'unconfirmed' ELSE photo_state END"
                                          " WHERE crossing_uuid = ?8 AND batch_key = ?9",
                                     error);
  if (update == NULL)
    return FALSE;

  for (guint i = 0; rd->results != NULL && i < rd->results->len; i++)
    {
      BpOutboxItemResult *r = g_ptr_array_index (rd->results, i);
      gboolean delivered = r->result == BP_OUTBOX_RESULT_ACCEPTED || r->result == BP_OUTBOX_RESULT_DUPLICATE;
      gboolean missing = r->result == BP_OUTBOX_RESULT_MISSING_PHOTO;
      const char *state;

      switch (r->result)
        {
        case BP_OUTBOX_RESULT_CONFLICT:
          state = "conflict";
          break;
        case BP_OUTBOX_RESULT_REJECTED:
          state = "rejected";
          break;
        case BP_OUTBOX_RESULT_MISSING_PHOTO:
          state = "pending";
          break;
        case BP_OUTBOX_RESULT_ACCEPTED:
        case BP_OUTBOX_RESULT_DUPLICATE:
        default:
          state = "delivered";
          break;
        }

      bind_text (update, 1, state);
      bind_text (update, 2, now_text);
      bind_text (update, 3, delivered ? NULL : (r->message ? r->message : bp_outbox_result_to_string (r->result)));
      bind_text (update, 4, delivered ? rd->received_at : NULL);
      bind_text (update, 5, delivered ? now_text : NULL);
      sqlite3_bind_int64 (update, 6, missing ? now + MIN (rd->hold_usec, MAX_HOLD_USEC) : 0);
      sqlite3_bind_int (update, 7, missing);
      bind_text (update, 8, r->uuid);
      bind_text (update, 9, rd->key);

      rc = sqlite3_step (update);
      sqlite3_reset (update);
      if (rc != SQLITE_DONE)
        return _bp_store_outbox_sql_failed (sql, rc, BP_STORE_OP_SAVE, error);
    }

  /* Whatever HQ did not answer for goes back to the queue as it was. */
  release = _bp_store_outbox_prepare (sql, "UPDATE outbox SET batch_key = NULL WHERE batch_key = ?1", error);
  drop = release ? _bp_store_outbox_prepare (sql, "DELETE FROM outbox_batches WHERE key = ?1", error) : NULL;
  if (drop == NULL)
    return FALSE;

  bind_text (release, 1, rd->key);
  bind_text (drop, 1, rd->key);
  if ((rc = sqlite3_step (release)) != SQLITE_DONE || (rc = sqlite3_step (drop)) != SQLITE_DONE)
    return _bp_store_outbox_sql_failed (sql, rc, BP_STORE_OP_SAVE, error);

  return TRUE;
}

static gboolean
record_work (BpStore *self,
             gpointer data,
             GError **error)
{
  BpStoreSql *sql = _bp_store_get_sql (self, error);

  if (sql == NULL || !_bp_store_outbox_begin (sql, error))
    return FALSE;

  if (!record_items (sql, data, error))
    {
      _bp_store_outbox_rollback (sql);
      return FALSE;
    }

  return _bp_store_outbox_commit (sql, error);
}

/**
 * bp_store_record_batch_async:
 * @self: an open #BpStore
 * @key: the batch's key
 * @received_at: (nullable): HQ's receive time, stored for delivered items
 * @results: (element-type BpOutboxItemResult) (nullable): HQ's answers
 * @hold_usec: how long to hold back items whose photo HQ lacks
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer is on disk
 * @user_data: data for @callback
 *
 * Records HQ's answer to a batch; see bp-store.h.
 */
void
bp_store_record_batch_async (BpStore *self,
                             const char *key,
                             const char *received_at,
                             GPtrArray *results,
                             gint64 hold_usec,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_return_if_fail (BP_IS_STORE (self));
  g_return_if_fail (key != NULL);

  _bp_store_run_async (self, bp_store_record_batch_async, record_work,
                       record_data_new (key, received_at, results, hold_usec), record_data_free,
                       cancellable, callback, user_data);
}

gboolean
bp_store_record_batch_finish (BpStore *self,
                              GAsyncResult *result,
                              GError **error)
{
  g_return_val_if_fail (BP_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_store_record_batch_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
bp_store_record_batch_sync (BpStore *self,
                            const char *key,
                            const char *received_at,
                            GPtrArray *results,
                            gint64 hold_usec,
                            GError **error)
{
  RecordData *rd;
  gboolean ret;

  g_return_val_if_fail (BP_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  rd = record_data_new (key, received_at, results, hold_usec);
  ret = _bp_store_run_sync (self, record_work, rd, error);
  record_data_free (rd);

  return ret;
}

/* Photos at HQ */

static gboolean
mark_photos_work (BpStore *self,
                  gpointer data,
                  GError **error)
{
  GArray *ids = data;
  BpStoreSql *sql = _bp_store_get_sql (self, error);
  g_autoptr (sqlite3_stmt) update = NULL;

  if (sql == NULL || !_bp_store_outbox_begin (sql, error))
    return FALSE;

  update = _bp_store_outbox_prepare (sql, "UPDATE outbox SET photo_state = 'at_hq' WHERE id = ?1", error);
  if (update == NULL)
    {
      _bp_store_outbox_rollback (sql);
      return FALSE;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      int rc;

      sqlite3_bind_int64 (update, 1, g_array_index (ids, gint64, i));
      rc = sqlite3_step (update);
      sqlite3_reset (update);
      if (rc != SQLITE_DONE)
        {
          _bp_store_outbox_sql_failed (sql, rc, BP_STORE_OP_SAVE, error);
          _bp_store_outbox_rollback (sql);
          return FALSE;
        }
    }

  g_clear_pointer (&update, sqlite3_finalize);

  return _bp_store_outbox_commit (sql, error);
}

/**
 * bp_store_mark_photos_async:
 * @self: an open #BpStore
 * @outbox_ids: (element-type gint64): outbox rows whose photo HQ holds
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Notes that HQ holds these rows' photos, so they are not sent again.
 */
void
bp_store_mark_photos_async (BpStore *self,
                            GArray *outbox_ids,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  g_return_if_fail (BP_IS_STORE (self));
  g_return_if_fail (outbox_ids != NULL);

  _bp_store_run_async (self, bp_store_mark_photos_async, mark_photos_work,
                       g_array_ref (outbox_ids), (GDestroyNotify) g_array_unref,
                       cancellable, callback, user_data);
}

gboolean
bp_store_mark_photos_finish (BpStore *self,
                             GAsyncResult *result,
                             GError **error)
{
  g_return_val_if_fail (BP_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_store_mark_photos_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
