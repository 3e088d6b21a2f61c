/* fake-hq.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "fake-hq.h"

typedef struct
{
  GBytes *body;
  char *answer;
} Answer;

static void
answer_free (gpointer data)
{
  Answer *answer = data;

  g_bytes_unref (answer->body);
  g_free (answer->answer);
  g_free (answer);
}

static void
reply (SoupServerMessage *msg,
       guint status,
       const char *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static void
reply_error (SoupServerMessage *msg,
             guint status,
             const char *code)
{
  g_autofree char *json = g_strdup_printf ("{\"api\":\"borderpost-hq/1\",\"error\":\"%s\",\"message\":\"%s\"}", code, code);

  reply (msg, status, json);
}

static void
drop (SoupServerMessage *msg)
{
  g_autoptr (GIOStream) stream = soup_server_message_steal_connection (msg);

  g_io_stream_close (stream, NULL, NULL);
}

static char *
canonical_sha256 (JsonObject *item)
{
  g_autoptr (JsonNode) copy = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonObject) object = json_object_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (GList) members = json_object_get_members (item);
  g_autofree char *text = NULL;

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "content_sha256"))
      json_object_set_member (object, l->data, json_node_copy (json_object_get_member (item, l->data)));

  json_node_set_object (copy, object);
  json_generator_set_root (generator, copy);
  text = json_generator_to_data (generator, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static void
handle_batch (FakeHq *hq,
              SoupServerMessage *msg)
{
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  const char *key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Idempotency-Key");
  g_autoptr (GBytes) body = soup_message_body_flatten (request);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = g_date_time_format_iso8601 (now);
  Answer *known;
  Answer *answer;
  JsonArray *items;

  hq->batches++;
  g_ptr_array_add (hq->keys, g_strdup (key));

  if (key == NULL)
    {
      reply_error (msg, 400, "no_key");
      return;
    }

  known = g_hash_table_lookup (hq->answers, key);
  if (known != NULL)
    {
      if (!g_bytes_equal (known->body, body))
        {
          reply_error (msg, 422, "key_reused");
          return;
        }
      hq->replayed++;
      reply (msg, 200, known->answer);
      return;
    }

  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL) || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      reply_error (msg, 400, "not_json");
      return;
    }

  items = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "items");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "api");
  json_builder_add_string_value (builder, "borderpost-hq/1");
  json_builder_set_member_name (builder, "received_at");
  json_builder_add_string_value (builder, now_text);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *uuid = json_object_get_string_member (item, "uuid");
      const char *content = json_object_get_string_member (item, "content_sha256");
      const char *photo = json_object_get_string_member_with_default (item, "photo_sha256", NULL);
      g_autofree char *expected = canonical_sha256 (item);
      const char *held = g_hash_table_lookup (hq->crossings, uuid);
      const char *status;

      if (g_hash_table_contains (hq->reject, uuid) || g_strcmp0 (expected, content) != 0)
        status = "rejected";
      else if (held != NULL)
        status = g_str_equal (held, content) ? "duplicate" : "conflict";
      else if (photo != NULL && !g_hash_table_contains (hq->complete, photo))
        status = "missing_photo";
      else
        {
          g_hash_table_insert (hq->crossings, g_strdup (uuid), g_strdup (content));
          status = "accepted";
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "uuid");
      json_builder_add_string_value (builder, uuid);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, status);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, status);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  answer = g_new0 (Answer, 1);
  answer->body = g_bytes_ref (body);
  answer->answer = json_to_string (root, FALSE);
  g_hash_table_insert (hq->answers, g_strdup (key), answer);

  if (hq->drop_after_commit > 0)
    {
      hq->drop_after_commit--;
      drop (msg);
      return;
    }

  reply (msg, 200, answer->answer);
}

static void
set_offset_header (SoupServerMessage *msg,
                   gsize offset)
{
  char number[32];

  g_snprintf (number, sizeof number, "%" G_GSIZE_FORMAT, offset);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Upload-Offset", number);
}

static void
handle_photo (FakeHq *hq,
              SoupServerMessage *msg,
              const char *sha256)
{
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  GByteArray *held = g_hash_table_lookup (hq->photos, sha256);
  gboolean complete = g_hash_table_contains (hq->complete, sha256);
  gsize have = held ? held->len : 0;
  g_autoptr (GBytes) chunk = NULL;
  g_autofree char *json = NULL;
  guint64 offset, length;

  if (g_str_equal (method, "HEAD"))
    {
      set_offset_header (msg, have);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Upload-Complete", complete ? "?1" : "?0");
      reply (msg, 200, "{\"api\":\"borderpost-hq/1\"}");
      return;
    }

  hq->patches++;
  if (hq->drop_patch_after > 0 && hq->patches > hq->drop_patch_after)
    {
      hq->drop_patch_after = 0;
      drop (msg);
      return;
    }

  if (complete)
    {
      reply (msg, 200, "{\"api\":\"borderpost-hq/1\",\"offset\":0,\"complete\":true}");
      return;
    }

  if (hq->refuse_photos)
    {
      reply_error (msg, 422, "hash");
      return;
    }

  if (!g_ascii_string_to_unsigned (soup_message_headers_get_one (headers, "Upload-Offset"), 10, 0, G_MAXUINT32, &offset, NULL) || !g_ascii_string_to_unsigned (soup_message_headers_get_one (headers, "Upload-Length"), 10, 0, G_MAXUINT32, &length, NULL))
    {
      reply_error (msg, 400, "headers");
      return;
    }

  if (offset != have)
    {
      set_offset_header (msg, have);
      reply_error (msg, 409, "offset");
      return;
    }

  chunk = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  hq->photo_bytes_received += g_bytes_get_size (chunk);
  if (held == NULL)
    {
      held = g_byte_array_new ();
      g_hash_table_insert (hq->photos, g_strdup (sha256), held);
    }
  g_byte_array_append (held, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));

  if (held->len >= length)
    {
      g_autofree char *got = g_compute_checksum_for_data (G_CHECKSUM_SHA256, held->data, held->len);

      if (held->len != length || !g_str_equal (got, sha256))
        {
          g_hash_table_remove (hq->photos, sha256);
          reply_error (msg, 422, "hash");
          return;
        }
      g_hash_table_add (hq->complete, g_strdup (sha256));
    }

  json = g_strdup_printf ("{\"api\":\"borderpost-hq/1\",\"offset\":%u,\"complete\":%s}",
                          held->len, held->len >= length ? "true" : "false");
  reply (msg, 200, json);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char **) a, *(char **) b);
}

static void
handle_updates (FakeHq *hq,
                SoupServerMessage *msg,
                const char *rest)
{
  g_auto (GStrv) parts = g_strsplit (rest, "/", -1);
  g_autofree char *kind_dir = NULL;
  g_autoptr (GDir) dir = NULL;
  GString *json;
  const char *name;

  if (hq->packages_dir == NULL)
    {
      reply_error (msg, 404, "none");
      return;
    }

  kind_dir = g_build_filename (hq->packages_dir, parts[0], NULL);

  if (g_strv_length (parts) == 3)
    {
      const char *file = g_str_equal (parts[2], "manifest") ? "manifest.json" : g_str_equal (parts[2], "signature") ? "manifest.sig"
                                                                                                                    : "payload";
      g_autofree char *path = g_build_filename (kind_dir, parts[1], file, NULL);
      g_autofree char *data = NULL;
      gsize len;

      if (!g_file_get_contents (path, &data, &len, NULL))
        {
          reply_error (msg, 404, "none");
          return;
        }
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/octet-stream", SOUP_MEMORY_COPY, data, len);
      return;
    }

  /* The list: every version present, ascending (one digit in tests). */
  json = g_string_new ("{\"api\":\"borderpost-hq/1\",\"kind\":\"");
  g_string_append_printf (json, "%s\",\"packages\":[", parts[0]);
  dir = g_dir_open (kind_dir, 0, NULL);
  {
    g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      g_ptr_array_add (names, g_strdup (name));
    g_ptr_array_sort (names, compare_names);
    for (guint i = 0; i < names->len; i++)
      g_string_append_printf (json, "%s{\"version\":%s}", i ? "," : "", (char *) g_ptr_array_index (names, i));
  }
  g_string_append (json, "]}");
  reply (msg, 200, json->str);
  g_string_free (json, TRUE);
}

static void
handler (SoupServer *server,
         SoupServerMessage *msg,
         const char *path,
         GHashTable *query,
         gpointer user_data)
{
  FakeHq *hq = user_data;

  hq->requests++;

  if (hq->captive_portal)
    {
      static const char page[] = "<html><body>Please sign in to the hotel network</body></html>";

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
      return;
    }

  if (hq->unauthorized)
    {
      reply_error (msg, 401, "unauthorized");
      return;
    }

  if (hq->unavailable > 0)
    {
      hq->unavailable--;
      if (hq->retry_after > 0)
        {
          char number[16];

          g_snprintf (number, sizeof number, "%u", hq->retry_after);
          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", number);
        }
      reply_error (msg, 503, "unavailable");
      return;
    }

  if (g_str_equal (path, "/v1/health"))
    reply (msg, 200, "{\"api\":\"borderpost-hq/1\",\"status\":\"ok\",\"time\":\"2026-11-26T00:00:00Z\"}");
  else if (g_str_equal (path, "/v1/crossings/batch"))
    handle_batch (hq, msg);
  else if (g_str_has_prefix (path, "/v1/photos/"))
    handle_photo (hq, msg, path + strlen ("/v1/photos/"));
  else if (g_str_has_prefix (path, "/v1/updates/"))
    handle_updates (hq, msg, path + strlen ("/v1/updates/"));
  else
    reply_error (msg, 404, "not_found");
}

FakeHq *
fake_hq_new (void)
{
  g_autoptr (GError) error = NULL;
  FakeHq *hq = g_new0 (FakeHq, 1);
  GSList *uris;

  hq->crossings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  hq->photos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_byte_array_unref);
  hq->complete = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  hq->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, answer_free);
  hq->reject = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  hq->keys = g_ptr_array_new_with_free_func (g_free);

  hq->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (hq->server, "/v1", handler, hq, NULL);
  soup_server_listen_local (hq->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (hq->server);
  hq->url = g_uri_to_string (uris->data);
  while (g_str_has_suffix (hq->url, "/"))
    hq->url[strlen (hq->url) - 1] = '\0';
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return hq;
}

void
fake_hq_free (FakeHq *hq)
{
  soup_server_disconnect (hq->server);
  g_object_unref (hq->server);
  g_free (hq->url);
  g_hash_table_unref (hq->crossings);
  g_hash_table_unref (hq->photos);
  g_hash_table_unref (hq->complete);
  g_hash_table_unref (hq->answers);
  g_hash_table_unref (hq->reject);
  g_ptr_array_unref (hq->keys);
  g_free (hq->packages_dir);
  g_free (hq);
}
