/* bp-sync-attempt.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bp-sync-private.h"

/* One attempt to empty the queue: a health probe, then batch after
 * batch, each preceded by the photos HQ may lack. Everything runs on
 * the main context as a chain of callbacks; the store's calls run on
 * its worker. The attempt ends when the queue is empty, when a batch
 * made no progress (every item held back), or on the first failure of
 * the link, which leaves the current batch stored for the next try. */

/* Photos are sent this many at a time: enough to hide the round trip
 * on a fast link, few enough not to crowd a slow one. */
#define PHOTOS_IN_PARALLEL 4
#define CHUNK_SIZE (256 * 1024)

typedef struct
{
  BpOutboxBatch *batch;
  guint next_photo;
  guint photos_in_flight;
  GArray *photos_done; /* outbox ids */
  GError *photo_error; /* the first failure of the link while sending photos */
  guint photos_sent;
  GHashTable *missing_seen; /* uuids HQ asked a photo for in this attempt */

  /* The next batch is taken from the store (on its worker) while the
   * current one is sent, so that building a batch overlaps the network. */
  BpOutboxBatch *next_batch;
  GError *prefetch_error;
  gboolean prefetching;
  gboolean waiting;   /* the chain waits for the prefetch to go on */
  gboolean returning; /* the attempt ends once the prefetch is in */
  GError *result_error;
} Attempt;

typedef struct
{
  GTask *task; /* the attempt's */
  BpOutboxItem *item;
  gsize offset;
  gboolean probed; /* HEAD sent since the last PATCH */
} Upload;

static void attempt_free (gpointer data);
static void take_batch (GTask *task);
static void post_batch (GTask *task);
static void upload_next_photos (GTask *task);

static void
attempt_free (gpointer data)
{
  Attempt *attempt = data;

  bp_outbox_batch_free (attempt->batch);
  g_clear_pointer (&attempt->photos_done, g_array_unref);
  g_clear_error (&attempt->photo_error);
  g_clear_pointer (&attempt->missing_seen, g_hash_table_unref);
  bp_outbox_batch_free (attempt->next_batch);
  g_clear_error (&attempt->prefetch_error);
  g_clear_error (&attempt->result_error);
  g_free (attempt);
}

static BpSync *
task_sync (GTask *task)
{
  return g_task_get_source_object (task);
}

/* Health */

static void
health_cb (GObject *object,
           GAsyncResult *result,
           gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  BpSync *self = task_sync (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (JsonObject) answer = NULL;
  SoupMessage *msg = _bp_sync_send_get_message (result);

  body = _bp_sync_send_finish (self, result, &error);
  if (body != NULL)
    answer = _bp_sync_check_answer (self, msg, body, &error);

  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_strcmp0 (bp_sync_json_get_string (answer, "status"), "ok") != 0)
    {
      g_task_return_new_error (task, BP_SYNC_ERROR, BP_SYNC_ERROR_SERVER,
                               _ ("Headquarters reports that it is not working normally."));
      return;
    }

  take_batch (g_steal_pointer (&task));
}

/* Sends @msg for @task and keeps it with the task until @callback. */
static void
send (GTask *task,
      SoupMessage *msg,
      GAsyncReadyCallback callback,
      gpointer user_data)
{
  BpSync *self = task_sync (task);

  _bp_sync_send_async (self, msg, g_task_get_cancellable (task), callback, user_data);
}

/* Ending. The task is not returned while a prefetch is running: its
 * callback still needs the attempt, and the caller may be about to
 * drop the store. */

static void
attempt_return (GTask *task,
                GError *error)
{
  Attempt *attempt = g_task_get_task_data (task);

  if (attempt->prefetching)
    {
      attempt->returning = TRUE;
      attempt->result_error = error;
      g_object_unref (task);
      return;
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* Neither takes the caller's reference to @task. */
static void
attempt_return_error (GTask *task,
                      GError *error)
{
  attempt_return (g_object_ref (task), error);
}

static void
attempt_return_ok (GTask *task)
{
  attempt_return (g_object_ref (task), NULL);
}

/* Batches */

static void start_batch (GTask *task);

/* Goes on with the prefetched batch; takes the chain's reference. */
static void
advance (GTask *task)
{
  Attempt *attempt = g_task_get_task_data (task);

  g_clear_pointer (&attempt->batch, bp_outbox_batch_free);

  if (attempt->prefetch_error != NULL)
    {
      attempt_return_error (task, g_steal_pointer (&attempt->prefetch_error));
      g_object_unref (task);
      return;
    }

  attempt->batch = g_steal_pointer (&attempt->next_batch);
  if (attempt->batch == NULL)
    {
      /* The prefetch found nothing, but the batch just answered may
       * have put items back (missing_photo): look once more. */
      take_batch (task);
      return;
    }

  start_batch (task);
}

static void
prefetch_cb (GObject *object,
             GAsyncResult *result,
             gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Attempt *attempt = g_task_get_task_data (task);

  attempt->prefetching = FALSE;
  attempt->next_batch = bp_store_take_batch_finish (BP_STORE (object), result, &attempt->prefetch_error);

  if (attempt->returning)
    {
      /* The attempt ended meanwhile; the batch stays stored for the
       * next one. */
      if (attempt->result_error != NULL)
        g_task_return_error (task, g_steal_pointer (&attempt->result_error));
      else
        g_task_return_boolean (task, TRUE);
      return;
    }

  if (attempt->waiting)
    {
      attempt->waiting = FALSE;
      advance (g_steal_pointer (&task));
    }
}

static void
prefetch (GTask *task)
{
  BpSync *self = task_sync (task);
  Attempt *attempt = g_task_get_task_data (task);

  g_assert (!attempt->prefetching && attempt->next_batch == NULL);
  attempt->prefetching = TRUE;
  bp_store_take_batch_async (self->store, self->booth_id, attempt->batch->key,
                             BP_SYNC_BATCH_MAX_ITEMS, BP_SYNC_BATCH_MAX_BYTES,
                             NULL, prefetch_cb, g_object_ref (task));
}

/* Sends attempt->batch; takes the chain's reference. */
static void
start_batch (GTask *task)
{
  Attempt *attempt = g_task_get_task_data (task);

  attempt->next_photo = 0;
  attempt->photos_in_flight = 0;
  g_clear_pointer (&attempt->photos_done, g_array_unref);
  attempt->photos_done = g_array_new (FALSE, FALSE, sizeof (gint64));

  prefetch (task);
  upload_next_photos (task);
}

static void
take_batch_cb (GObject *object,
               GAsyncResult *result,
               gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Attempt *attempt = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  attempt->batch = bp_store_take_batch_finish (BP_STORE (object), result, &error);
  if (attempt->batch == NULL)
    {
      if (error != NULL)
        attempt_return_error (task, g_steal_pointer (&error));
      else
        attempt_return_ok (task);
      return;
    }

  start_batch (g_steal_pointer (&task));
}

static void
take_batch (GTask *task)
{
  BpSync *self = task_sync (task);
  Attempt *attempt = g_task_get_task_data (task);

  g_clear_pointer (&attempt->batch, bp_outbox_batch_free);
  bp_store_take_batch_async (self->store, self->booth_id, NULL, BP_SYNC_BATCH_MAX_ITEMS, BP_SYNC_BATCH_MAX_BYTES,
                             g_task_get_cancellable (task), take_batch_cb, task);
}

static void
record_cb (GObject *object,
           GAsyncResult *result,
           gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Attempt *attempt = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  gboolean progress = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "progress"));

  if (!bp_store_record_batch_finish (BP_STORE (object), result, &error))
    {
      attempt_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A batch where every item came back for its photo a second time
   * would come back the same way at once: leave it to the next attempt. */
  if (!progress)
    {
      attempt_return_ok (task);
      return;
    }

  /* Items HQ asked photos for are back in the queue, but the prefetched
   * batch was taken before: they go in a later one. */
  if (attempt->prefetching)
    attempt->waiting = TRUE; /* the prefetch goes on; this reference drops */
  else
    advance (g_steal_pointer (&task));
}

static GPtrArray *
parse_results (Attempt *attempt,
               JsonObject *answer,
               gboolean *progress)
{
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_outbox_item_result_free);
  JsonArray *array = bp_sync_json_get_array (answer, "results");

  *progress = FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      BpOutboxResult status;
      const char *uuid;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      uuid = bp_sync_json_get_string (object, "uuid");

      /* An answer this booth does not understand leaves the item queued. */
      if (uuid == NULL || !bp_outbox_result_from_string (bp_sync_json_get_string (object, "status"), &status))
        continue;

      /* The first missing_photo for an item is progress too: its photo
       * goes with the next batch. */
      if (status != BP_OUTBOX_RESULT_MISSING_PHOTO || g_hash_table_add (attempt->missing_seen, g_strdup (uuid)))
        *progress = TRUE;

      g_ptr_array_add (results, bp_outbox_item_result_new (uuid, status, bp_sync_json_get_string (object, "message")));
    }

  return results;
}

static void
release_cb (GObject *object,
            GAsyncResult *result,
            gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = g_object_steal_data (G_OBJECT (task), "error");

  bp_store_record_batch_finish (BP_STORE (object), result, NULL);
  attempt_return_error (task, error);
}

static void
post_batch_cb (GObject *object,
               GAsyncResult *result,
               gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  BpSync *self = task_sync (task);
  Attempt *attempt = g_task_get_task_data (task);
  SoupMessage *msg = _bp_sync_send_get_message (result);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (JsonObject) answer = NULL;
  g_autoptr (GPtrArray) results = NULL;
  gboolean progress;
  guint status;

  body = _bp_sync_send_finish (self, result, &error);
  if (body == NULL)
    {
      attempt_return_error (task, g_steal_pointer (&error));
      return;
    }

  answer = _bp_sync_check_answer (self, msg, body, &error);
  status = soup_message_get_status (msg);
  if (answer == NULL)
    {
      /* HQ will never take this body under this key (422) or at all
       * (400): give the items back to the queue, to go under a new key. */
      if (status == SOUP_STATUS_UNPROCESSABLE_ENTITY || status == SOUP_STATUS_BAD_REQUEST)
        {
          g_object_set_data_full (G_OBJECT (task), "error", g_steal_pointer (&error), (GDestroyNotify) g_error_free);
          bp_store_record_batch_async (self->store, attempt->batch->key, NULL, NULL, 0,
                                       NULL, release_cb, g_steal_pointer (&task));
          return;
        }
      attempt_return_error (task, g_steal_pointer (&error));
      return;
    }

  results = parse_results (attempt, answer, &progress);
  g_object_set_data (G_OBJECT (task), "progress", GINT_TO_POINTER (progress));

  /* Recorded even if the attempt is being cancelled: HQ has it. */
  bp_store_record_batch_async (self->store, attempt->batch->key, bp_sync_json_get_string (answer, "received_at"),
                               results, 0, NULL, record_cb, g_steal_pointer (&task));
}

static void
post_batch (GTask *task)
{
  BpSync *self = task_sync (task);
  Attempt *attempt = g_task_get_task_data (task);
  SoupMessage *msg = _bp_sync_message_new (self, "POST", "/v1/crossings/batch");

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", attempt->batch->key);
  soup_message_set_request_body_from_bytes (msg, "application/json", attempt->batch->body);
  send (task, msg, post_batch_cb, task);
  g_object_unref (msg);
}

/* Photos */

static void
mark_photos_cb (GObject *object,
                GAsyncResult *result,
                gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (!bp_store_mark_photos_finish (BP_STORE (object), result, &error))
    {
      attempt_return_error (task, g_steal_pointer (&error));
      return;
    }

  post_batch (g_steal_pointer (&task));
}

static void
photos_finished (GTask *task)
{
  BpSync *self = task_sync (task);
  Attempt *attempt = g_task_get_task_data (task);

  if (attempt->photo_error != NULL)
    {
      attempt_return_error (task, g_steal_pointer (&attempt->photo_error));
      g_object_unref (task);
      return;
    }

  if (attempt->photos_done->len == 0)
    {
      post_batch (task);
      return;
    }

  bp_store_mark_photos_async (self->store, attempt->photos_done, NULL, mark_photos_cb, task);
}

static void upload_step (Upload *upload);

static void
upload_done (Upload *upload,
             gboolean at_hq,
             GError *error)
{
  GTask *task = upload->task;
  Attempt *attempt = g_task_get_task_data (task);

  if (at_hq)
    g_array_append_val (attempt->photos_done, upload->item->outbox_id);

  if (error != NULL && attempt->photo_error == NULL)
    attempt->photo_error = error;
  else if (error != NULL)
    g_error_free (error);

  g_free (upload);
  attempt->photos_in_flight--;

  /* Each upload holds a reference on the task; the last one hands it on. */
  if (attempt->photos_in_flight == 0 && (attempt->photo_error != NULL || attempt->next_photo >= attempt->batch->items->len))
    photos_finished (task);
  else
    upload_next_photos (task);
}

static gboolean
header_offset (SoupMessage *msg,
               gsize *offset)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Upload-Offset");
  guint64 n;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXSIZE, &n, NULL))
    return FALSE;

  *offset = n;

  return TRUE;
}

static void
upload_cb (GObject *object,
           GAsyncResult *result,
           gpointer user_data)
{
  Upload *upload = user_data;
  BpSync *self = task_sync (upload->task);
  SoupMessage *msg = _bp_sync_send_get_message (result);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (JsonObject) answer = NULL;
  gsize total = g_bytes_get_size (upload->item->photo);
  gboolean head = g_str_equal (soup_message_get_method (msg), "HEAD");
  guint status;

  body = _bp_sync_send_finish (self, result, &error);
  if (body == NULL)
    {
      upload_done (upload, FALSE, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (msg);

  if (head && status == SOUP_STATUS_OK)
    {
      const char *complete = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Upload-Complete");
      gsize offset;

      if (g_strcmp0 (complete, "?1") == 0)
        {
          upload_done (upload, TRUE, NULL);
          return;
        }
      if (!header_offset (msg, &offset) || offset >= total)
        offset = 0;
      upload->offset = offset;
      upload_step (upload);
      return;
    }

  /* HQ holds another offset than we thought: ask where to go on. */
  if (!head && status == SOUP_STATUS_CONFLICT && !upload->probed)
    {
      upload->probed = TRUE;
      upload->offset = G_MAXSIZE;
      upload_step (upload);
      return;
    }

  /* The bytes HQ put together do not hash to the name: HQ dropped
   * them. The item will come back missing_photo and try again later. */
  if (!head && status == SOUP_STATUS_UNPROCESSABLE_ENTITY)
    {
      upload_done (upload, FALSE, NULL);
      return;
    }

  answer = _bp_sync_check_answer (self, msg, body, &error);
  if (answer == NULL)
    {
      upload_done (upload, FALSE, g_steal_pointer (&error));
      return;
    }

  if (head)
    {
      upload_done (upload, FALSE, g_error_new (BP_SYNC_ERROR, BP_SYNC_ERROR_SERVER, _ ("Headquarters did not say how many bytes of the photo it already holds.")));
      return;
    }

  {
    JsonNode *complete = json_object_get_member (answer, "complete");
    gint64 offset = 0;

    if (complete != NULL && JSON_NODE_HOLDS_VALUE (complete) && json_node_get_value_type (complete) == G_TYPE_BOOLEAN && json_node_get_boolean (complete))
      {
        upload_done (upload, TRUE, NULL);
        return;
      }

    if (!bp_sync_json_get_int (answer, "offset", &offset) || offset < 0 || (gsize) offset >= total || (gsize) offset <= upload->offset)
      {
        /* No progress, or nonsense: ask before sending more. */
        if (upload->probed)
          {
            upload_done (upload, FALSE, NULL);
            return;
          }
        upload->probed = TRUE;
        upload->offset = G_MAXSIZE;
      }
    else
      {
        upload->probed = FALSE;
        upload->offset = offset;
      }
    upload_step (upload);
  }
}

/* Sends the chunk at upload->offset, or a HEAD when the offset is
 * unknown (G_MAXSIZE). */
static void
upload_step (Upload *upload)
{
  BpSync *self = task_sync (upload->task);
  g_autofree char *path = g_strconcat ("/v1/photos/", upload->item->photo_sha256, NULL);
  g_autoptr (SoupMessage) msg = NULL;
  gsize total = g_bytes_get_size (upload->item->photo);

  if (upload->offset == G_MAXSIZE)
    {
      msg = _bp_sync_message_new (self, "HEAD", path);
    }
  else
    {
      g_autoptr (GBytes) chunk = g_bytes_new_from_bytes (upload->item->photo, upload->offset,
                                                         MIN (CHUNK_SIZE, total - upload->offset));
      SoupMessageHeaders *headers;
      char number[32];

      msg = _bp_sync_message_new (self, "PATCH", path);
      headers = soup_message_get_request_headers (msg);
      g_snprintf (number, sizeof number, "%" G_GSIZE_FORMAT, upload->offset);
      soup_message_headers_replace (headers, "Upload-Offset", number);
      g_snprintf (number, sizeof number, "%" G_GSIZE_FORMAT, total);
      soup_message_headers_replace (headers, "Upload-Length", number);
      soup_message_set_request_body_from_bytes (msg, "application/octet-stream", chunk);
    }

  _bp_sync_send_async (self, msg, g_task_get_cancellable (upload->task), upload_cb, upload);
}

static void
upload_next_photos (GTask *task)
{
  Attempt *attempt = g_task_get_task_data (task);

  while (attempt->photo_error == NULL && attempt->photos_in_flight < PHOTOS_IN_PARALLEL && attempt->next_photo < attempt->batch->items->len)
    {
      BpOutboxItem *item = g_ptr_array_index (attempt->batch->items, attempt->next_photo++);
      Upload *upload;

      if (item->photo == NULL)
        continue;

      upload = g_new0 (Upload, 1);
      upload->task = g_object_ref (task);
      upload->item = item;
      /* A photo never tried starts with its first chunk: for a photo of
       * one chunk that is the whole exchange. HQ answers 409 with its
       * offset when it already holds part of it. */
      upload->offset = 0;
      attempt->photos_in_flight++;
      attempt->photos_sent++;
      upload_step (upload);
    }

  if (attempt->photos_in_flight == 0)
    {
      /* Nothing to upload, or all already done: the caller's reference
       * goes on to the batch. */
      photos_finished (task);
    }
  else
    {
      /* Each upload holds its own reference. */
      g_object_unref (task);
    }
}

void
_bp_sync_attempt_async (BpSync *self,
                        GCancellable *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Attempt *attempt;
  SoupMessage *msg;

  g_task_set_source_tag (task, _bp_sync_attempt_async);
  attempt = g_new0 (Attempt, 1);
  attempt->missing_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, attempt, attempt_free);

  msg = _bp_sync_message_new (self, "GET", "/v1/health");
  send (task, msg, health_cb, task);
  g_object_unref (msg);
}

gboolean
_bp_sync_attempt_finish (BpSync *self,
                         GAsyncResult *result,
                         GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
