/* bp-hq-photos.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-hq"

#include "config.h"

#include "bp-hq-photos.h"
#include "bp-hq-reply.h"

/* Photos are content-addressed by their SHA-256 and uploaded in chunks
 * that each continue exactly where HQ's copy ends (HEAD tells where), so
 * an upload cut off by a lost link resumes instead of starting over. The
 * bytes live in PostgreSQL (bytea), so a chunk is stored in the same
 * transaction that moves the offset. */

typedef enum
{
  PATCH_OK,
  PATCH_OFFSET_MISMATCH,
  PATCH_SHA_MISMATCH,
} PatchOutcome;

typedef struct
{
  /* in */
  const char *sha256;
  gint64 offset;
  gint64 length;
  GBytes *chunk;
  /* out */
  PatchOutcome outcome;
  gint64 held;
  gboolean complete;
} Patch;

static gboolean
parse_int_header (SoupMessageHeaders *headers,
                  const char *name,
                  gint64 *out)
{
  const char *str = soup_message_headers_get_one (headers, name);
  guint64 v;

  if (str == NULL || !g_ascii_string_to_unsigned (str, 10, 0, G_MAXINT64, &v, NULL))
    return FALSE;
  *out = (gint64) v;
  return TRUE;
}

static void
set_offset_headers (SoupServerMessage *msg,
                    gint64 offset,
                    gboolean complete)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *offset_str = g_strdup_printf ("%" G_GINT64_FORMAT, offset);

  soup_message_headers_replace (headers, "Upload-Offset", offset_str);
  soup_message_headers_replace (headers, "Upload-Complete", complete ? "?1" : "?0");
}

typedef struct
{
  const char *sha256;
  gint64 held;
  gint64 length;
  gboolean complete;
} Head;

static gboolean
head_cb (BpHqDb *db,
         gpointer user_data,
         GError **error)
{
  Head *head = user_data;
  const char *values[] = { head->sha256 };
  g_autoptr (PGresult) res = NULL;

  head->held = 0;
  head->length = 0;
  head->complete = FALSE;

  res = bp_hq_db_query (db,
                        "SELECT length(data), total_length, complete FROM photos WHERE sha256 = $1",
                        1, values, NULL, NULL, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) == 1)
    {
      head->held = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
      head->length = g_ascii_strtoll (PQgetvalue (res, 0, 1), NULL, 10);
      head->complete = PQgetvalue (res, 0, 2)[0] == 't';
    }
  return TRUE;
}

static gboolean
patch_cb (BpHqDb *db,
          gpointer user_data,
          GError **error)
{
  Patch *patch = user_data;
  const char *key[] = { patch->sha256 };
  g_autoptr (PGresult) res = NULL;
  g_autoptr (PGresult) upd = NULL;
  g_autofree char *length_str = g_strdup_printf ("%" G_GINT64_FORMAT, patch->length);
  gsize chunk_len;
  const char *chunk = g_bytes_get_data (patch->chunk, &chunk_len);
  gboolean exists = FALSE;
  gint64 new_offset;

  patch->outcome = PATCH_OK;
  patch->held = 0;
  patch->complete = FALSE;

  res = bp_hq_db_query (db,
                        "SELECT length(data), total_length, complete FROM photos"
                        " WHERE sha256 = $1 FOR UPDATE",
                        1, key, NULL, NULL, error);
  if (res == NULL)
    return FALSE;

  if (PQntuples (res) == 1)
    {
      gint64 total = g_ascii_strtoll (PQgetvalue (res, 0, 1), NULL, 10);

      exists = TRUE;
      patch->held = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
      if (PQgetvalue (res, 0, 2)[0] == 't')
        {
          /* Already whole: nothing to store again. */
          patch->held = total;
          patch->complete = TRUE;
          return TRUE;
        }
      if (total != patch->length)
        {
          /* A partial upload that announced another size cannot be
           * this photo: start it over rather than refuse forever. */
          upd = bp_hq_db_query (db, "DELETE FROM photos WHERE sha256 = $1", 1, key, NULL, NULL, error);
          if (upd == NULL)
            return FALSE;
          g_clear_pointer (&upd, PQclear);
          exists = FALSE;
          patch->held = 0;
        }
    }

  if (patch->offset != patch->held)
    {
      patch->outcome = PATCH_OFFSET_MISMATCH;
      return TRUE;
    }

  new_offset = patch->offset + (gint64) chunk_len;
  {
    const char *values[] = { patch->sha256, chunk, length_str };
    const int lengths[] = { 0, (int) chunk_len, 0 };
    const int formats[] = { 0, 1, 0 };

    upd = bp_hq_db_query (db,
                          exists ? "UPDATE photos SET data = data || $2 WHERE sha256 = $1"
                                 : "INSERT INTO photos (sha256, data, total_length) VALUES ($1, $2, $3)",
                          exists ? 2 : 3, values, lengths, formats, error);
    if (upd == NULL)
      return FALSE;
    g_clear_pointer (&upd, PQclear);
  }

  patch->held = new_offset;
  if (new_offset < patch->length)
    return TRUE;

  /* The last byte is in: the photo must be the one its name promises. */
  {
    g_autofree char *actual = NULL;

    if (patch->offset == 0)
      {
        actual = bp_hq_sha256_hex (chunk, chunk_len);
      }
    else
      {
        g_autoptr (PGresult) sum = bp_hq_db_query (db,
                                                   "SELECT encode(sha256(data), 'hex') FROM photos WHERE sha256 = $1",
                                                   1, key, NULL, NULL, error);
        if (sum == NULL)
          return FALSE;
        actual = g_strdup (PQgetvalue (sum, 0, 0));
      }

    if (g_strcmp0 (actual, patch->sha256) != 0)
      {
        upd = bp_hq_db_query (db, "DELETE FROM photos WHERE sha256 = $1", 1, key, NULL, NULL, error);
        if (upd == NULL)
          return FALSE;
        patch->outcome = PATCH_SHA_MISMATCH;
        patch->held = 0;
        return TRUE;
      }
  }

  upd = bp_hq_db_query (db,
                        "UPDATE photos SET complete = true, completed_at = now() WHERE sha256 = $1",
                        1, key, NULL, NULL, error);
  if (upd == NULL)
    return FALSE;
  patch->complete = TRUE;
  return TRUE;
}

/* The common case, a whole photo in one chunk that HQ does not hold
 * yet: one INSERT that stores it complete. Anything else (HQ holds some
 * or all of it) is left to patch_cb. */
static gboolean
insert_whole_cb (BpHqDb *db,
                 gpointer user_data,
                 GError **error)
{
  Patch *patch = user_data;
  g_autofree char *length_str = g_strdup_printf ("%" G_GINT64_FORMAT, patch->length);
  gsize chunk_len;
  const char *chunk = g_bytes_get_data (patch->chunk, &chunk_len);
  const char *values[] = { patch->sha256, chunk, length_str };
  const int lengths[] = { 0, (int) chunk_len, 0 };
  const int formats[] = { 0, 1, 0 };
  g_autoptr (PGresult) res = NULL;

  res = bp_hq_db_query (db,
                        "INSERT INTO photos (sha256, data, total_length, complete, completed_at)"
                        " VALUES ($1, $2, $3, true, now()) ON CONFLICT (sha256) DO NOTHING",
                        3, values, lengths, formats, error);
  if (res == NULL)
    return FALSE;
  patch->complete = g_strcmp0 (PQcmdTuples (res), "1") == 0;
  patch->held = patch->complete ? patch->length : 0;
  patch->outcome = PATCH_OK;
  return TRUE;
}

static gboolean
handle_patch (BpHqDb *db,
              SoupServerMessage *msg,
              const char *sha256)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr (GBytes) chunk = soup_message_body_flatten (body);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  Patch patch = { .sha256 = sha256, .chunk = chunk };

  if (!parse_int_header (headers, "Upload-Offset", &patch.offset) || !parse_int_header (headers, "Upload-Length", &patch.length) || patch.length == 0)
    {
      bp_hq_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                         "Upload-Offset and Upload-Length (positive) are required");
      return FALSE;
    }
  if (patch.length > BP_HQ_MAX_PHOTO_SIZE || g_bytes_get_size (chunk) > BP_HQ_MAX_CHUNK_SIZE)
    {
      bp_hq_reply_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large",
                         "photo or chunk larger than HQ accepts");
      return FALSE;
    }
  if (g_bytes_get_size (chunk) == 0 || patch.offset + (gint64) g_bytes_get_size (chunk) > patch.length)
    {
      bp_hq_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                         "the chunk is empty or runs past Upload-Length");
      return FALSE;
    }

  if (patch.offset == 0 && (gint64) g_bytes_get_size (chunk) == patch.length)
    {
      g_autofree char *actual = bp_hq_sha256_hex (g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));

      if (g_strcmp0 (actual, sha256) == 0 && !bp_hq_db_single (db, insert_whole_cb, &patch, &error))
        {
          bp_hq_reply_gerror (msg, error);
          return FALSE;
        }
    }

  if (!patch.complete && !bp_hq_db_transaction (db, patch_cb, &patch, &error))
    {
      bp_hq_reply_gerror (msg, error);
      return FALSE;
    }

  switch (patch.outcome)
    {
    case PATCH_OFFSET_MISMATCH:
      set_offset_headers (msg, patch.held, FALSE);
      bp_hq_reply_error (msg, SOUP_STATUS_CONFLICT, "offset_mismatch",
                         "Upload-Offset differs from what HQ holds (see the Upload-Offset header)");
      return FALSE;

    case PATCH_SHA_MISMATCH:
      set_offset_headers (msg, 0, FALSE);
      bp_hq_reply_error (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "sha256_mismatch",
                         "the uploaded bytes do not have this SHA-256; the upload was discarded");
      return TRUE;

    case PATCH_OK:
    default:
      break;
    }

  set_offset_headers (msg, patch.held, patch.complete);
  builder = bp_hq_reply_begin ();
  json_builder_set_member_name (builder, "offset");
  json_builder_add_int_value (builder, patch.held);
  json_builder_set_member_name (builder, "complete");
  json_builder_add_boolean_value (builder, patch.complete);
  bp_hq_reply_json (msg, SOUP_STATUS_OK, builder);
  return TRUE;
}

/**
 * bp_hq_photos_handle:
 * @db: the database
 * @msg: a HEAD or PATCH on /v1/photos/{sha256}
 * @sha256: the photo's name from the path
 *
 * Answers a photo request.
 *
 * Returns: %TRUE if the request changed what HQ stores (a committed write)
 */
gboolean
bp_hq_photos_handle (BpHqDb *db,
                     SoupServerMessage *msg,
                     const char *sha256)
{
  const char *method = soup_server_message_get_method (msg);

  if (!bp_hq_is_sha256_hex (sha256))
    {
      bp_hq_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                         "a photo is named by its SHA-256 in lowercase hex");
      return FALSE;
    }

  if (g_strcmp0 (method, SOUP_METHOD_HEAD) == 0 || g_strcmp0 (method, SOUP_METHOD_GET) == 0)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonBuilder) builder = NULL;
      Head head = { .sha256 = sha256 };

      if (!bp_hq_db_single (db, head_cb, &head, &error))
        {
          bp_hq_reply_gerror (msg, error);
          return FALSE;
        }
      set_offset_headers (msg, head.held, head.complete);
      if (head.length > 0)
        {
          g_autofree char *length_str = g_strdup_printf ("%" G_GINT64_FORMAT, head.length);

          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "Upload-Length", length_str);
        }
      builder = bp_hq_reply_begin ();
      json_builder_set_member_name (builder, "offset");
      json_builder_add_int_value (builder, head.held);
      json_builder_set_member_name (builder, "complete");
      json_builder_add_boolean_value (builder, head.complete);
      bp_hq_reply_json (msg, SOUP_STATUS_OK, builder);
      return FALSE;
    }

  if (g_strcmp0 (method, "PATCH") == 0)
    return handle_patch (db, msg, sha256);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Allow", "HEAD, GET, PATCH");
  bp_hq_reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed",
                     "use HEAD or PATCH on a photo");
  return FALSE;
}
