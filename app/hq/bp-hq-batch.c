/* bp-hq-batch.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-hq"

#include "config.h"

#include "bp-hq-batch.h"
#include "bp-hq-error.h"
#include "bp-hq-reply.h"

/* POST /v1/crossings/batch: each item is judged on its own (accepted,
 * duplicate, conflict, rejected, missing_photo), the whole batch is one
 * transaction, and the answer is stored under the batch's idempotency
 * key, so a booth that lost the answer and sends the batch again gets
 * the same answer, not a second copy of the crossings. */

typedef struct
{
  /* in */
  const char *booth_id;
  const char *key;
  const char *request_sha256;
  JsonArray *items;
  gboolean all_conflict;
  /* out */
  char *response;
  gboolean key_reused;
  gboolean stored;
} Batch;

typedef struct
{
  const char *uuid;
  const char *content_sha256;
  const char *photo_sha256;
  const char *boot_id;
  char *recorded_at; /* normalised */
  char *sequence;
  char *body; /* canonical JSON, without content_sha256 */
} Item;

static void
item_clear (Item *item)
{
  g_free (item->recorded_at);
  g_free (item->sequence);
  g_free (item->body);
}

static const char *
get_string_member (JsonObject *obj,
                   const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
is_null_or_absent (JsonObject *obj,
                   const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

static void
copy_member_cb (JsonObject *object,
                const char *name,
                JsonNode *member,
                gpointer user_data)
{
  if (g_strcmp0 (name, "content_sha256") != 0)
    json_object_set_member (user_data, name, json_node_copy (member));
}

/* Checks one item and fills @item; on failure returns the reason, as
 * sent back with status "rejected". */
static const char *
validate_item (JsonNode *node,
               const char *booth_id,
               Item *item)
{
  g_autoptr (JsonNode) canonical = NULL;
  g_autoptr (JsonGenerator) generator = NULL;
  g_autoptr (GDateTime) recorded_at = NULL;
  g_autofree char *actual_sha = NULL;
  JsonObject *obj;
  JsonNode *member;
  const char *str;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return "an item must be a JSON object";

  obj = json_node_get_object (node);

  item->uuid = get_string_member (obj, "uuid");
  if (item->uuid == NULL || !g_uuid_string_is_valid (item->uuid))
    return "uuid is missing or not a UUID";

  item->content_sha256 = get_string_member (obj, "content_sha256");
  if (!bp_hq_is_sha256_hex (item->content_sha256))
    return "content_sha256 is missing or not 64 lowercase hex digits";

  str = get_string_member (obj, "recorded_at");
  if (str == NULL || (recorded_at = g_date_time_new_from_iso8601 (str, NULL)) == NULL)
    return "recorded_at is missing or not an ISO 8601 time with a zone";
  if (g_date_time_get_year (recorded_at) < 1970 || g_date_time_get_year (recorded_at) > 9999)
    return "recorded_at is out of range";
  {
    g_autoptr (GDateTime) utc = g_date_time_to_utc (recorded_at);

    item->recorded_at = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.%fZ");
  }

  member = json_object_get_member (obj, "sequence");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_INT64 || json_node_get_int (member) < 0)
        return "sequence must be a non-negative integer or null";
      item->sequence = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (member));
    }

  if (!is_null_or_absent (obj, "boot_id"))
    {
      item->boot_id = get_string_member (obj, "boot_id");
      if (item->boot_id == NULL)
        return "boot_id must be a string or null";
    }

  if (!is_null_or_absent (obj, "booth_id"))
    {
      str = get_string_member (obj, "booth_id");
      if (g_strcmp0 (str, booth_id) != 0)
        return "the item's booth_id differs from the booth sending it";
    }

  /* The photo is named by "photo_sha256", or, as the core writes a
   * crossing, by "photo": {"sha256": …}. */
  if (!is_null_or_absent (obj, "photo_sha256"))
    {
      item->photo_sha256 = get_string_member (obj, "photo_sha256");
      if (!bp_hq_is_sha256_hex (item->photo_sha256))
        return "photo_sha256 must be 64 lowercase hex digits or null";
    }
  else if (!is_null_or_absent (obj, "photo"))
    {
      member = json_object_get_member (obj, "photo");
      if (!JSON_NODE_HOLDS_OBJECT (member))
        return "photo must be an object or null";
      item->photo_sha256 = get_string_member (json_node_get_object (member), "sha256");
      if (!bp_hq_is_sha256_hex (item->photo_sha256))
        return "photo.sha256 must be 64 lowercase hex digits";
    }

  /* content_sha256 covers the canonical text of the item without
   * itself: the other members, in the order the booth wrote them. */
  canonical = json_node_init_object (json_node_alloc (), json_object_new ());
  json_object_foreach_member (obj, copy_member_cb, json_node_get_object (canonical));
  json_object_unref (json_node_get_object (canonical));
  generator = json_generator_new ();
  json_generator_set_root (generator, canonical);
  item->body = json_generator_to_data (generator, NULL);
  actual_sha = bp_hq_sha256_hex (item->body, strlen (item->body));
  if (g_strcmp0 (actual_sha, item->content_sha256) != 0)
    return "content_sha256 does not match the item";

  return NULL;
}

typedef enum
{
  STATUS_ACCEPTED,
  STATUS_DUPLICATE,
  STATUS_CONFLICT,
  STATUS_MISSING_PHOTO,
} Status;

static gboolean
compare_existing (BpHqDb *db,
                  const Item *item,
                  gboolean *found,
                  Status *status,
                  GError **error)
{
  const char *values[] = { item->uuid };
  g_autoptr (PGresult) res = NULL;

  res = bp_hq_db_query (db, "SELECT content_sha256 FROM crossing_keys WHERE uuid = $1",
                        1, values, NULL, NULL, error);
  if (res == NULL)
    return FALSE;
  *found = PQntuples (res) == 1;
  if (*found)
    *status = g_strcmp0 (PQgetvalue (res, 0, 0), item->content_sha256) == 0 ? STATUS_DUPLICATE
                                                                            : STATUS_CONFLICT;
  return TRUE;
}

/* One round trip per item: the CTE stores the crossing when its uuid is
 * new and its photo (if any) is complete; the outer SELECT, which sees
 * the database as it was before the statement, says what was there. */
static const char store_sql[] = "WITH photo_ok AS ("
                                "  SELECT $6::text IS NULL OR EXISTS"
                                "   (SELECT 1 FROM photos WHERE sha256 = $6 AND complete) AS ok),"
                                " new_key AS ("
                                "  INSERT INTO crossing_keys (uuid, recorded_at, content_sha256, booth_id, received_at)"
                                "  SELECT $2, $1, $7, $3, $9 FROM photo_ok WHERE ok"
                                "  ON CONFLICT (uuid) DO NOTHING RETURNING uuid),"
                                " new_row AS ("
                                "  INSERT INTO crossings (recorded_at, uuid, booth_id, boot_id, sequence, photo_sha256,"
                                "   content_sha256, body, received_at, batch_key)"
                                "  SELECT $1, uuid, $3, $4, $5, $6, $7, $8, $9, $10 FROM new_key RETURNING uuid)"
                                " SELECT (SELECT count(*) FROM new_row),"
                                "  (SELECT content_sha256 FROM crossing_keys WHERE uuid = $2),"
                                "  (SELECT ok FROM photo_ok)";

static gboolean
store_item (BpHqDb *db,
            Batch *batch,
            const Item *item,
            const char *received_at,
            Status *status,
            GError **error)
{
  const char *values[] = { item->recorded_at, item->uuid, batch->booth_id, item->boot_id,
                           item->sequence, item->photo_sha256, item->content_sha256,
                           item->body, received_at, batch->key };
  g_autoptr (PGresult) res = bp_hq_db_query_prepared (db, "store_item", store_sql, G_N_ELEMENTS (values),
                                                      values, NULL, NULL, error);
  gboolean found = FALSE;

  if (res == NULL)
    return FALSE;

  if (g_strcmp0 (PQgetvalue (res, 0, 0), "1") == 0)
    {
      *status = STATUS_ACCEPTED;
      return TRUE;
    }
  if (!PQgetisnull (res, 0, 1))
    {
      *status = g_strcmp0 (PQgetvalue (res, 0, 1), item->content_sha256) == 0 ? STATUS_DUPLICATE
                                                                              : STATUS_CONFLICT;
      return TRUE;
    }
  if (PQgetvalue (res, 0, 2)[0] != 't')
    {
      *status = STATUS_MISSING_PHOTO;
      return TRUE;
    }

  /* Not stored, not there before: another receiver on the same database
   * stored it meanwhile. Look again. */
  if (!compare_existing (db, item, &found, status, error))
    return FALSE;
  if (!found)
    {
      g_set_error (error, BP_HQ_ERROR, BP_HQ_ERROR_DB, "crossing %s was neither stored nor found", item->uuid);
      return FALSE;
    }
  return TRUE;
}

static void
add_result (JsonBuilder *builder,
            const char *uuid,
            const char *status,
            const char *message)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uuid");
  if (uuid != NULL)
    json_builder_add_string_value (builder, uuid);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
}

static gboolean
batch_cb (BpHqDb *db,
          gpointer user_data,
          GError **error)
{
  Batch *batch = user_data;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (PGresult) res = NULL;
  g_autofree char *received_at = bp_hq_now_utc ();
  const char *key_values[] = { batch->booth_id, batch->key };

  g_clear_pointer (&batch->response, g_free);
  batch->key_reused = FALSE;
  batch->stored = FALSE;

  res = bp_hq_db_query (db,
                        "SELECT request_sha256, response FROM batches"
                        " WHERE booth_id = $1 AND idempotency_key = $2 FOR UPDATE",
                        2, key_values, NULL, NULL, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) == 1)
    {
      if (g_strcmp0 (PQgetvalue (res, 0, 0), batch->request_sha256) == 0)
        batch->response = g_strdup (PQgetvalue (res, 0, 1));
      else
        batch->key_reused = TRUE;
      return TRUE;
    }

  builder = bp_hq_reply_begin ();
  json_builder_set_member_name (builder, "received_at");
  json_builder_add_string_value (builder, received_at);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);

  for (guint i = 0; i < json_array_get_length (batch->items); i++)
    {
      JsonNode *node = json_array_get_element (batch->items, i);
      Item item = { 0 };
      const char *reason = validate_item (node, batch->booth_id, &item);
      Status status;

      if (reason != NULL)
        {
          add_result (builder, item.uuid, "rejected", reason);
          item_clear (&item);
          continue;
        }

      if (batch->all_conflict)
        {
          add_result (builder, item.uuid, "conflict", "HQ holds this uuid with other content");
          item_clear (&item);
          continue;
        }

      if (!store_item (db, batch, &item, received_at, &status, error))
        {
          item_clear (&item);
          return FALSE;
        }

      switch (status)
        {
        case STATUS_ACCEPTED:
          add_result (builder, item.uuid, "accepted", "stored");
          break;
        case STATUS_DUPLICATE:
          add_result (builder, item.uuid, "duplicate", "HQ already holds this crossing");
          break;
        case STATUS_CONFLICT:
          add_result (builder, item.uuid, "conflict", "HQ holds this uuid with other content");
          break;
        case STATUS_MISSING_PHOTO:
        default:
          add_result (builder, item.uuid, "missing_photo", "upload the photo first, then send the item again");
          break;
        }
      item_clear (&item);
    }

  json_builder_end_array (builder);
  batch->response = bp_hq_reply_end (builder);

  /* The conflict fault makes no lasting change, so that the same batch
   * is judged afresh once the fault is cleared. */
  if (batch->all_conflict)
    return TRUE;

  {
    const char *values[] = { batch->booth_id, batch->key, batch->request_sha256,
                             batch->response, received_at };
    g_autoptr (PGresult) ins = bp_hq_db_query (db,
                                               "INSERT INTO batches (booth_id, idempotency_key,"
                                               " request_sha256, response, received_at)"
                                               " VALUES ($1, $2, $3, $4, $5)",
                                               5, values, NULL, NULL, error);
    if (ins == NULL)
      return FALSE;
  }
  batch->stored = TRUE;
  return TRUE;
}

/**
 * bp_hq_batch_handle:
 * @db: the database
 * @msg: a POST on /v1/crossings/batch
 * @cert_booth_id: (nullable): the booth id from the client certificate,
 *   %NULL when running without TLS (the body's booth_id is then trusted)
 * @all_conflict: the "conflict" fault: answer conflict for every item
 *
 * Answers a batch of crossings.
 *
 * Returns: %TRUE if the request committed a write
 */
gboolean
bp_hq_batch_handle (BpHqDb *db,
                    SoupServerMessage *msg,
                    const char *cert_booth_id,
                    gboolean all_conflict)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  g_autoptr (GBytes) bytes = soup_message_body_flatten (request);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *request_sha256 = NULL;
  g_autofree char *key = NULL;
  const char *key_header;
  const char *booth_id;
  JsonNode *root;
  JsonNode *items;
  JsonObject *obj;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  Batch batch = { 0 };

  if (g_strcmp0 (soup_server_message_get_method (msg), SOUP_METHOD_POST) != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", "POST");
      bp_hq_reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed", "use POST");
      return FALSE;
    }

  if (len > BP_HQ_MAX_BATCH_BYTES)
    {
      bp_hq_reply_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large",
                         "a batch may hold at most 500 items and 4 MiB");
      return FALSE;
    }

  if (!json_parser_load_from_data (parser, data, len, NULL) || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      bp_hq_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request", "the body is not a JSON object");
      return FALSE;
    }
  obj = json_node_get_object (root);
  booth_id = get_string_member (obj, "booth_id");
  items = json_object_get_member (obj, "items");
  if (booth_id == NULL || *booth_id == '\0' || items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    {
      bp_hq_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                         "the body needs \"booth_id\" (string) and \"items\" (array)");
      return FALSE;
    }

  if (cert_booth_id != NULL && g_strcmp0 (cert_booth_id, booth_id) != 0)
    {
      bp_hq_reply_error (msg, SOUP_STATUS_FORBIDDEN, "booth_mismatch",
                         "booth_id differs from the booth named in the client certificate");
      return FALSE;
    }

  if (json_array_get_length (json_node_get_array (items)) > BP_HQ_MAX_BATCH_ITEMS)
    {
      bp_hq_reply_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large",
                         "a batch may hold at most 500 items and 4 MiB");
      return FALSE;
    }

  key_header = soup_message_headers_get_one (headers, "Idempotency-Key");
  if (key_header == NULL || !g_uuid_string_is_valid (key_header))
    {
      bp_hq_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                         "the Idempotency-Key header must hold a UUID");
      return FALSE;
    }
  key = g_ascii_strdown (key_header, -1);
  request_sha256 = bp_hq_sha256_hex (data, len);

  batch.booth_id = booth_id;
  batch.key = key;
  batch.request_sha256 = request_sha256;
  batch.items = json_node_get_array (items);
  batch.all_conflict = all_conflict;

  if (!bp_hq_db_transaction (db, batch_cb, &batch, &error))
    {
      g_free (batch.response);
      bp_hq_reply_gerror (msg, error);
      return FALSE;
    }

  if (batch.key_reused)
    {
      bp_hq_reply_error (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "idempotency_key_reused",
                         "this Idempotency-Key was used with another body");
      return FALSE;
    }

  bp_hq_reply_text (msg, SOUP_STATUS_OK, batch.response);
  g_free (batch.response);
  return batch.stored;
}
