/* test-hq.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The booth ↔ HQ protocol against the real borderpost-hq and PostgreSQL:
 * health, resumable photo uploads, batches and their idempotency, mutual
 * TLS, update packages.
 */

#include "config.h"

#include "bp-crossing.h"
#include "hq-fixture.h"

#define CHUNK (256 * 1024)

static GBytes *
random_photo (gsize size)
{
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = g_test_rand_int_range (0, 256);
  return g_bytes_new_take (data, size);
}

static HqReply *
patch_chunk (HqFixture *f,
             const char *sha,
             GBytes *photo,
             gsize offset,
             gsize len)
{
  g_autofree char *path = g_strdup_printf ("/v1/photos/%s", sha);
  g_autofree char *offset_str = g_strdup_printf ("%" G_GSIZE_FORMAT, offset);
  g_autofree char *length_str = g_strdup_printf ("%" G_GSIZE_FORMAT, g_bytes_get_size (photo));
  const char *headers[] = { "Upload-Offset", offset_str, "Upload-Length", length_str,
                            "Content-Type", "application/octet-stream", NULL };
  const guint8 *data = g_bytes_get_data (photo, NULL);

  return hq_request (f, "booth-1", "PATCH", path, headers, data + offset, len);
}

static HqReply *
head_photo (HqFixture *f,
            const char *sha)
{
  g_autofree char *path = g_strdup_printf ("/v1/photos/%s", sha);

  return hq_request (f, "booth-1", "HEAD", path, NULL, NULL, 0);
}

/* Uploads a whole photo in chunks and returns its SHA-256. */
static char *
upload_photo (HqFixture *f,
              GBytes *photo)
{
  char *sha = hq_sha256 (g_bytes_get_data (photo, NULL), g_bytes_get_size (photo));
  gsize size = g_bytes_get_size (photo);

  for (gsize offset = 0; offset < size; offset += CHUNK)
    {
      g_autoptr (HqReply) reply = patch_chunk (f, sha, photo, offset, MIN (CHUNK, size - offset));
      JsonObject *obj = hq_reply_object (reply);

      g_assert_cmpuint (reply->status, ==, 200);
      g_assert_cmpint (json_object_get_int_member (obj, "offset"), ==, MIN (offset + CHUNK, size));
      g_assert_cmpint (json_object_get_boolean_member (obj, "complete"), ==, offset + CHUNK >= size);
    }
  return sha;
}

static HqReply *
post_batch (HqFixture *f,
            const char *key,
            const char *body)
{
  const char *headers[] = { "Idempotency-Key", key, NULL };

  return hq_request_json (f, "POST", "/v1/crossings/batch", headers, body);
}

static const char *
result_status (HqReply *reply,
               guint i)
{
  JsonArray *results = json_object_get_array_member (hq_reply_object (reply), "results");

  g_assert_cmpuint (i, <, json_array_get_length (results));
  return json_object_get_string_member (json_array_get_object_element (results, i), "status");
}

static gint64
count_rows (HqFixture *f,
            const char *sql)
{
  g_autoptr (PGresult) res = hq_fixture_sql (f, sql);

  return g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
}

static void
test_health (HqFixture *f,
             gconstpointer data)
{
  g_autoptr (HqReply) reply = hq_request_json (f, "GET", "/v1/health", NULL, NULL);
  JsonObject *obj = hq_reply_object (reply);
  g_autoptr (GDateTime) time = NULL;

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (reply->headers, NULL), ==, "application/json");
  g_assert_cmpstr (json_object_get_string_member (obj, "status"), ==, "ok");
  time = g_date_time_new_from_iso8601 (json_object_get_string_member (obj, "time"), NULL);
  g_assert_nonnull (time);

  /* The schema is in place and versioned. */
  g_assert_cmpint (count_rows (f, "SELECT max(version) FROM hq_schema_version"), ==, 1);
}

static void
test_photo_chunks (HqFixture *f,
                   gconstpointer data)
{
  g_autoptr (GBytes) photo = random_photo (CHUNK * 2 + 1000);
  g_autofree char *sha = NULL;
  g_autofree char *query = NULL;

  sha = hq_sha256 (g_bytes_get_data (photo, NULL), g_bytes_get_size (photo));
  {
    g_autoptr (HqReply) reply = head_photo (f, sha);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpstr (hq_reply_header (reply, "Upload-Offset"), ==, "0");
    g_assert_cmpstr (hq_reply_header (reply, "Upload-Complete"), ==, "?0");
  }

  g_free (upload_photo (f, photo));
  {
    g_autoptr (HqReply) reply = head_photo (f, sha);
    g_autofree char *size = g_strdup_printf ("%" G_GSIZE_FORMAT, g_bytes_get_size (photo));

    g_assert_cmpstr (hq_reply_header (reply, "Upload-Offset"), ==, size);
    g_assert_cmpstr (hq_reply_header (reply, "Upload-Complete"), ==, "?1");
  }

  /* Sending it again stores nothing and says it is complete. */
  {
    g_autoptr (HqReply) reply = patch_chunk (f, sha, photo, 0, CHUNK);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_true (json_object_get_boolean_member (hq_reply_object (reply), "complete"));
  }

  /* HQ holds exactly the bytes that were sent. */
  query = g_strdup_printf ("SELECT count(*) FROM photos WHERE complete AND encode(sha256(data), 'hex') = '%s'", sha);
  g_assert_cmpint (count_rows (f, query), ==, 1);
}

static void
test_photo_resume (HqFixture *f,
                   gconstpointer data)
{
  g_autoptr (GBytes) photo = random_photo (CHUNK + 5000);
  g_autofree char *sha = hq_sha256 (g_bytes_get_data (photo, NULL), g_bytes_get_size (photo));
  gint64 offset;

  {
    g_autoptr (HqReply) reply = patch_chunk (f, sha, photo, 0, CHUNK);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_false (json_object_get_boolean_member (hq_reply_object (reply), "complete"));
  }

  /* The link dropped; HQ restarts too. The booth asks where to go on. */
  hq_fixture_restart_hq (f, "--enable-faults", NULL);
  {
    g_autoptr (HqReply) reply = head_photo (f, sha);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpstr (hq_reply_header (reply, "Upload-Complete"), ==, "?0");
    offset = g_ascii_strtoll (hq_reply_header (reply, "Upload-Offset"), NULL, 10);
    g_assert_cmpint (offset, ==, CHUNK);
  }
  {
    g_autoptr (HqReply) reply = patch_chunk (f, sha, photo, offset, g_bytes_get_size (photo) - offset);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_true (json_object_get_boolean_member (hq_reply_object (reply), "complete"));
    g_assert_cmpstr (hq_reply_header (reply, "Upload-Complete"), ==, "?1");
  }
}

static void
test_photo_wrong_offset (HqFixture *f,
                         gconstpointer data)
{
  g_autoptr (GBytes) photo = random_photo (3000);
  g_autofree char *sha = hq_sha256 (g_bytes_get_data (photo, NULL), g_bytes_get_size (photo));

  {
    g_autoptr (HqReply) reply = patch_chunk (f, sha, photo, 0, 1000);

    g_assert_cmpuint (reply->status, ==, 200);
  }
  {
    g_autoptr (HqReply) reply = patch_chunk (f, sha, photo, 2000, 1000);

    g_assert_cmpuint (reply->status, ==, 409);
    g_assert_cmpstr (hq_reply_header (reply, "Upload-Offset"), ==, "1000");
    g_assert_cmpstr (json_object_get_string_member (hq_reply_object (reply), "error"), ==, "offset_mismatch");
  }
  {
    g_autoptr (HqReply) reply = patch_chunk (f, sha, photo, 0, 1000);

    g_assert_cmpuint (reply->status, ==, 409);
    g_assert_cmpstr (hq_reply_header (reply, "Upload-Offset"), ==, "1000");
  }
  /* Not a SHA-256: refused before anything is stored. */
  {
    g_autoptr (HqReply) reply = patch_chunk (f, "not-a-hash", photo, 0, 1000);

    g_assert_cmpuint (reply->status, ==, 400);
  }
}

static void
test_photo_sha_mismatch (HqFixture *f,
                         gconstpointer data)
{
  g_autoptr (GBytes) photo = random_photo (CHUNK + 100);
  g_autoptr (GBytes) other = random_photo (CHUNK + 100);
  g_autofree char *sha = hq_sha256 (g_bytes_get_data (photo, NULL), g_bytes_get_size (photo));

  {
    g_autoptr (HqReply) reply = patch_chunk (f, sha, other, 0, CHUNK);

    g_assert_cmpuint (reply->status, ==, 200);
  }
  {
    g_autoptr (HqReply) reply = patch_chunk (f, sha, other, CHUNK, 100);

    g_assert_cmpuint (reply->status, ==, 422);
    g_assert_cmpstr (json_object_get_string_member (hq_reply_object (reply), "error"), ==, "sha256_mismatch");
  }
  /* The partial upload is gone: the booth starts over. */
  {
    g_autoptr (HqReply) reply = head_photo (f, sha);

    g_assert_cmpstr (hq_reply_header (reply, "Upload-Offset"), ==, "0");
    g_assert_cmpstr (hq_reply_header (reply, "Upload-Complete"), ==, "?0");
  }
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM photos"), ==, 0);
}

/* A photo in one chunk: stored complete at once; sent again, nothing
 * changes; the wrong bytes under its name are refused. */
static void
test_photo_whole (HqFixture *f,
                  gconstpointer data)
{
  g_autoptr (GBytes) photo = random_photo (30000);
  g_autoptr (GBytes) other = random_photo (30000);
  g_autofree char *sha = hq_sha256 (g_bytes_get_data (photo, NULL), g_bytes_get_size (photo));
  g_autofree char *other_sha = hq_sha256 (g_bytes_get_data (other, NULL), g_bytes_get_size (other));

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (HqReply) reply = patch_chunk (f, sha, photo, 0, g_bytes_get_size (photo));
      JsonObject *obj = hq_reply_object (reply);

      g_assert_cmpuint (reply->status, ==, 200);
      g_assert_true (json_object_get_boolean_member (obj, "complete"));
      g_assert_cmpint (json_object_get_int_member (obj, "offset"), ==, 30000);
    }
  {
    g_autoptr (HqReply) reply = patch_chunk (f, other_sha, photo, 0, g_bytes_get_size (photo));

    g_assert_cmpuint (reply->status, ==, 422);
  }
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM photos"), ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM photos WHERE complete AND length(data) = 30000"), ==, 1);
}

/* A crossing as the core writes it, with content_sha256 added the way
 * the contract defines it. */
static char *
core_item (const char *photo_sha)
{
  g_autoptr (BpCrossing) crossing = bp_crossing_new ();
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *json = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *sha = NULL;
  JsonNode *root;

  bp_crossing_set_booth_id (crossing, "booth-1");
  bp_crossing_set_officer_id (crossing, "officer-1");
  bp_crossing_set_decision (crossing, BP_DECISION_ADMIT);
  json = bp_crossing_to_json (crossing);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_parser_get_root (parser);
  g_assert_null (photo_sha);
  json_generator_set_root (generator, root);
  canonical = json_generator_to_data (generator, NULL);
  sha = hq_sha256 (canonical, strlen (canonical));
  json_object_set_string_member (json_node_get_object (root), "content_sha256", sha);
  return json_generator_to_data (generator, NULL);
}

static void
test_batch_statuses (HqFixture *f,
                     gconstpointer data)
{
  g_autoptr (GBytes) photo = random_photo (40000);
  g_autofree char *photo_sha = upload_photo (f, photo);
  g_autofree char *u1 = g_uuid_string_random ();
  g_autofree char *u2 = g_uuid_string_random ();
  g_autofree char *u3 = g_uuid_string_random ();
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *accepted = hq_make_item (u1, "booth-1", photo_sha, "first");
  g_autofree char *same = hq_make_item (u1, "booth-1", photo_sha, "first");
  g_autofree char *changed = hq_make_item (u1, "booth-1", photo_sha, "changed");
  g_autofree char *no_photo = hq_make_item (u2, "booth-1", "00000000000000000000000000000000000000000000000000000000000000ff", "x");
  g_autofree char *plain = hq_make_item (u3, "booth-1", NULL, "no photo");
  g_autofree char *from_core = core_item (NULL);
  g_autofree char *bad_sha = NULL;
  g_autofree char *other_booth = NULL;
  g_autofree char *u4 = g_uuid_string_random ();
  g_autofree char *u5 = g_uuid_string_random ();
  g_autofree char *body = NULL;
  g_autoptr (HqReply) reply = NULL;
  JsonArray *results;

  /* A tampered item: its content no longer matches content_sha256. */
  bad_sha = hq_make_item (u4, "booth-1", NULL, "tampered");
  bad_sha[strlen (bad_sha) - 3] = bad_sha[strlen (bad_sha) - 3] == 'a' ? 'b' : 'a';
  other_booth = hq_make_item (u5, "booth-9", NULL, "x");
  {
    const char *items[] = { accepted, same, changed, "{\"uuid\":\"not-a-uuid\"}", "42", no_photo,
                            plain, bad_sha, other_booth, from_core, NULL };

    body = hq_make_batch ("booth-1", items);
  }

  reply = post_batch (f, key, body);
  g_assert_cmpuint (reply->status, ==, 200);
  results = json_object_get_array_member (hq_reply_object (reply), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 10);
  g_assert_cmpstr (result_status (reply, 0), ==, "accepted");
  g_assert_cmpstr (result_status (reply, 1), ==, "duplicate");
  g_assert_cmpstr (result_status (reply, 2), ==, "conflict");
  g_assert_cmpstr (result_status (reply, 3), ==, "rejected");
  g_assert_cmpstr (result_status (reply, 4), ==, "rejected");
  g_assert_cmpstr (result_status (reply, 5), ==, "missing_photo");
  g_assert_cmpstr (result_status (reply, 6), ==, "accepted");
  g_assert_cmpstr (result_status (reply, 7), ==, "rejected");
  g_assert_cmpstr (result_status (reply, 8), ==, "rejected");
  g_assert_cmpstr (result_status (reply, 9), ==, "accepted");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 0), "uuid"), ==, u1);
  {
    g_autoptr (GDateTime) received_at = g_date_time_new_from_iso8601 (
        json_object_get_string_member (hq_reply_object (reply), "received_at"), NULL);

    g_assert_nonnull (received_at);
  }

  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM crossings"), ==, 3);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM crossing_keys"), ==, 3);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM crossings WHERE received_at IS NOT NULL AND photo_sha256 IS NOT NULL"), ==, 1);

  /* After the photo arrives, the missing_photo item is accepted. */
  {
    g_autofree char *key2 = g_uuid_string_random ();
    g_autoptr (GBytes) photo2 = random_photo (1000);
    g_autofree char *sha2 = upload_photo (f, photo2);
    g_autofree char *item = hq_make_item (u2, "booth-1", sha2, "x");
    const char *items[] = { item, NULL };
    g_autofree char *body2 = hq_make_batch ("booth-1", items);
    g_autoptr (HqReply) reply2 = post_batch (f, key2, body2);

    g_assert_cmpuint (reply2->status, ==, 200);
    g_assert_cmpstr (result_status (reply2, 0), ==, "accepted");
  }
}

static void
test_batch_idempotency (HqFixture *f,
                        gconstpointer data)
{
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *u1 = g_uuid_string_random ();
  g_autofree char *item = hq_make_item (u1, "booth-1", NULL, "once");
  const char *items[] = { item, NULL };
  g_autofree char *body = hq_make_batch ("booth-1", items);
  g_autoptr (HqReply) first = post_batch (f, key, body);
  g_autoptr (HqReply) again = post_batch (f, key, body);

  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpstr (result_status (first, 0), ==, "accepted");
  /* The same answer, byte for byte: still "accepted", same received_at. */
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_true (g_bytes_equal (first->body, again->body));
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM crossings"), ==, 1);

  /* The same key with another body is refused. */
  {
    const char *no_items[] = { NULL };
    g_autofree char *other = hq_make_batch ("booth-1", no_items);
    g_autoptr (HqReply) reply = post_batch (f, key, other);

    g_assert_cmpuint (reply->status, ==, 422);
    g_assert_cmpstr (json_object_get_string_member (hq_reply_object (reply), "error"), ==, "idempotency_key_reused");
  }

  /* A body that is not JSON, and a missing key. */
  {
    g_autofree char *key2 = g_uuid_string_random ();
    g_autoptr (HqReply) reply = post_batch (f, key2, "this is not json");

    g_assert_cmpuint (reply->status, ==, 400);
    hq_reply_object (reply);
  }
  {
    g_autoptr (HqReply) reply = hq_request_json (f, "POST", "/v1/crossings/batch", NULL, body);

    g_assert_cmpuint (reply->status, ==, 400);
  }
}

static void
test_batch_booth_mismatch (HqFixture *f,
                           gconstpointer data)
{
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *u1 = g_uuid_string_random ();
  g_autofree char *item = hq_make_item (u1, "booth-2", NULL, "x");
  const char *items[] = { item, NULL };
  g_autofree char *body = hq_make_batch ("booth-2", items);
  g_autoptr (HqReply) reply = post_batch (f, key, body);

  g_assert_cmpuint (reply->status, ==, 403);
  g_assert_cmpstr (json_object_get_string_member (hq_reply_object (reply), "error"), ==, "booth_mismatch");
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM crossings"), ==, 0);
}

static void
test_tls_refused (HqFixture *f,
                  gconstpointer data)
{
  const char *clients[] = { "expired", "foreign", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      g_autoptr (HqReply) reply = hq_request (f, clients[i], "GET", "/v1/health", NULL, NULL, 0);

      g_test_message ("client %s: %s", clients[i] ? clients[i] : "(none)",
                      reply->error ? reply->error->message : "answered");
      g_assert_nonnull (reply->error);
      g_assert_cmpuint (reply->status, ==, 0);
    }

  /* The good certificate still works on the same server. */
  {
    g_autoptr (HqReply) reply = hq_request (f, "booth-1", "GET", "/v1/health", NULL, NULL, 0);

    g_assert_cmpuint (reply->status, ==, 200);
  }
}

/* Writes a package signed with Ed25519 by the openssl command line. */
static void
write_package_in (HqFixture *f,
                  const char *key_path,
                  const char *kind,
                  guint version,
                  const char *base,
                  const char *subdir,
                  const char *payload)
{
  g_autofree char *dir = g_strdup_printf ("%s/%s/%u%s", f->updates_dir, kind, version, subdir);
  g_autofree char *manifest_path = g_build_filename (dir, "manifest.json", NULL);
  g_autofree char *sig_path = g_build_filename (dir, "manifest.sig", NULL);
  g_autofree char *payload_path = g_build_filename (dir, "payload", NULL);
  g_autofree char *payload_sha = hq_sha256 (payload, strlen (payload));
  g_autofree char *manifest = NULL;
  g_autoptr (GError) error = NULL;
  const char *argv[] = { "openssl", "pkeyutl", "-sign", "-rawin", "-inkey", key_path,
                         "-in", manifest_path, "-out", sig_path, NULL };
  int status;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  manifest = g_strdup_printf ("{\"kind\":\"%s\",\"version\":%u,\"base_version\":%s,"
                              "\"created_at\":\"2026-11-26T00:00:00Z\",\"payload_sha256\":\"%s\","
                              "\"payload_size\":%zu,\"format\":\"test\"}",
                              kind, version, base, payload_sha, strlen (payload));
  g_file_set_contents (manifest_path, manifest, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (payload_path, payload, -1, &error);
  g_assert_no_error (error);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
write_package (HqFixture *f,
               const char *key_path,
               const char *kind,
               guint version,
               const char *payload)
{
  write_package_in (f, key_path, kind, version, version == 2 ? "1" : "null", "", payload);
}

static void
assert_body (HqFixture *f,
             const char *path,
             const char *expected)
{
  g_autoptr (HqReply) reply = hq_request_json (f, "GET", path, NULL, NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpmem (g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body), expected, strlen (expected));
}

/* A booth that must reload gets the newest full package, a snapshot
 * kept beside a delta or a package that is full itself, then what
 * follows it; old booths never see the snapshots. */
static void
test_full_reload (HqFixture *f,
                  const char *key_path)
{
  write_package_in (f, key_path, "alert-list", 12, "10", "", "twelfth, a delta");
  write_package_in (f, key_path, "alert-list", 12, "null", "/full", "twelfth in full");
  write_package_in (f, key_path, "alert-list", 13, "12", "", "thirteenth, a delta");

  {
    g_autoptr (HqReply) reply = hq_request_json (f, "GET", "/v1/updates/alert-list?after=3&full=latest", NULL, NULL);
    JsonArray *packages = json_object_get_array_member (hq_reply_object (reply), "packages");
    JsonObject *first;
    g_autofree char *sha = hq_sha256 ("twelfth in full", 15);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (packages), ==, 2);
    first = json_array_get_object_element (packages, 0);
    g_assert_cmpint (json_object_get_int_member (first, "version"), ==, 12);
    g_assert_true (json_node_is_null (json_object_get_member (first, "base_version")));
    g_assert_cmpstr (json_object_get_string_member (first, "sha256"), ==, sha);
    first = json_array_get_object_element (packages, 1);
    g_assert_cmpint (json_object_get_int_member (first, "version"), ==, 13);
    g_assert_cmpint (json_object_get_int_member (first, "base_version"), ==, 12);
  }
  {
    g_autoptr (HqReply) reply = hq_request_json (f, "GET", "/v1/updates/alert-list?after=11", NULL, NULL);
    JsonArray *packages = json_object_get_array_member (hq_reply_object (reply), "packages");

    g_assert_cmpuint (json_array_get_length (packages), ==, 2);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (packages, 0), "base_version"), ==, 10);
  }
  assert_body (f, "/v1/updates/alert-list/12/payload?full=1", "twelfth in full");
  assert_body (f, "/v1/updates/alert-list/12/payload", "twelfth, a delta");
  /* A package that is full itself is its own full package. */
  assert_body (f, "/v1/updates/alert-list/10/payload?full=1", "tenth");
  {
    g_autoptr (HqReply) reply = hq_request_json (f, "GET", "/v1/updates/alert-list/13/manifest?full=1", NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 404);
  }
  {
    g_autoptr (HqReply) reply = hq_request_json (f, "GET", "/v1/updates/csca?full=latest", NULL, NULL);
    JsonArray *packages = json_object_get_array_member (hq_reply_object (reply), "packages");

    g_assert_cmpuint (json_array_get_length (packages), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (packages, 0), "version"), ==, 3);
  }
  {
    g_autoptr (HqReply) reply = hq_request_json (f, "GET", "/v1/updates/csca?full=oldest", NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 400);
  }
}

static void
test_updates (HqFixture *f,
              gconstpointer data)
{
  g_autofree char *key_path = g_build_filename (hq_fixture_certs_dir (), "update-signer.pem", NULL);
  const char *genkey[] = { "openssl", "genpkey", "-algorithm", "ed25519", "-out", key_path, NULL };
  g_autoptr (GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) genkey, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  write_package (f, key_path, "alert-list", 1, "first list");
  write_package (f, key_path, "alert-list", 2, "second list, a delta");
  write_package (f, key_path, "alert-list", 10, "tenth");
  write_package (f, key_path, "csca", 3, "csca master list");
  /* Incomplete: no signature, so not offered. */
  {
    g_autofree char *incomplete = g_build_filename (f->updates_dir, "alert-list", "11", NULL);

    g_assert_cmpint (g_mkdir_with_parents (incomplete, 0755), ==, 0);
  }

  {
    g_autoptr (HqReply) reply = hq_request_json (f, "GET", "/v1/updates/alert-list?after=1", NULL, NULL);
    JsonObject *obj = hq_reply_object (reply);
    JsonArray *packages = json_object_get_array_member (obj, "packages");
    JsonObject *first;
    g_autofree char *sha = hq_sha256 ("second list, a delta", 20);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (obj, "kind"), ==, "alert-list");
    g_assert_cmpuint (json_array_get_length (packages), ==, 2);
    first = json_array_get_object_element (packages, 0);
    g_assert_cmpint (json_object_get_int_member (first, "version"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (first, "base_version"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (first, "size"), ==, 20);
    g_assert_cmpstr (json_object_get_string_member (first, "sha256"), ==, sha);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (packages, 1), "version"), ==, 10);
  }
  {
    g_autoptr (HqReply) reply = hq_request_json (f, "GET", "/v1/updates/csca", NULL, NULL);
    JsonArray *packages = json_object_get_array_member (hq_reply_object (reply), "packages");

    g_assert_cmpuint (json_array_get_length (packages), ==, 1);
    g_assert_true (json_node_is_null (json_object_get_member (json_array_get_object_element (packages, 0), "base_version")));
  }

  /* The three files, byte for byte. */
  {
    const char *files[][2] = { { "manifest", "manifest.json" }, { "signature", "manifest.sig" }, { "payload", "payload" } };

    for (guint i = 0; i < G_N_ELEMENTS (files); i++)
      {
        g_autofree char *path = g_strdup_printf ("/v1/updates/alert-list/2/%s", files[i][0]);
        g_autofree char *file = g_build_filename (f->updates_dir, "alert-list", "2", files[i][1], NULL);
        g_autofree char *contents = NULL;
        gsize len;
        g_autoptr (HqReply) reply = hq_request_json (f, "GET", path, NULL, NULL);

        g_assert_true (g_file_get_contents (file, &contents, &len, NULL));
        g_assert_cmpuint (reply->status, ==, 200);
        g_assert_cmpmem (g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body), contents, len);
      }
  }
  {
    g_autoptr (HqReply) reply = hq_request_json (f, "GET", "/v1/updates/alert-list/99/payload", NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 404);
  }
  {
    g_autoptr (HqReply) reply = hq_request_json (f, "GET", "/v1/updates/firmware", NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 404);
  }

  test_full_reload (f, key_path);
}

int
main (int argc,
      char *argv[])
{
  int ret;

  if (!hq_fixture_main_init (&argc, &argv))
    return 0;

  HQ_ADD_TEST ("/borderpost/hq/health", test_health);
  HQ_ADD_TEST ("/borderpost/hq/photo/chunks", test_photo_chunks);
  HQ_ADD_TEST ("/borderpost/hq/photo/whole", test_photo_whole);
  HQ_ADD_TEST ("/borderpost/hq/photo/resume", test_photo_resume);
  HQ_ADD_TEST ("/borderpost/hq/photo/wrong-offset", test_photo_wrong_offset);
  HQ_ADD_TEST ("/borderpost/hq/photo/sha-mismatch", test_photo_sha_mismatch);
  HQ_ADD_TEST ("/borderpost/hq/batch/statuses", test_batch_statuses);
  HQ_ADD_TEST ("/borderpost/hq/batch/idempotency", test_batch_idempotency);
  HQ_ADD_TEST ("/borderpost/hq/batch/booth-mismatch", test_batch_booth_mismatch);
  HQ_ADD_TEST ("/borderpost/hq/tls/refused", test_tls_refused);
  HQ_ADD_TEST ("/borderpost/hq/updates", test_updates);

  ret = g_test_run ();
  hq_fixture_main_done ();
  return ret;
}
