/* test-hq-faults.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * borderpost-hq's fault switches, restarts and database reconnects: each
 * bad behaviour a booth must survive, produced on demand.
 */

#include "config.h"

#include "hq-fixture.h"

static HqReply *
post_batch (HqFixture *f,
            const char *key,
            const char *body)
{
  const char *headers[] = { "Idempotency-Key", key, NULL };

  return hq_request_json (f, "POST", "/v1/crossings/batch", headers, body);
}

static char *
one_item_batch (const char *uuid,
                const char *note)
{
  g_autofree char *item = hq_make_item (uuid, "booth-1", NULL, note);
  const char *items[] = { item, NULL };

  return hq_make_batch ("booth-1", items);
}

static const char *
first_status (HqReply *reply)
{
  JsonArray *results = json_object_get_array_member (hq_reply_object (reply), "results");

  return json_object_get_string_member (json_array_get_object_element (results, 0), "status");
}

static gint64
count_crossings (HqFixture *f)
{
  g_autoptr (PGresult) res = hq_fixture_sql (f, "SELECT count(*) FROM crossings");

  return g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
}

static void
test_503 (HqFixture *f,
          gconstpointer data)
{
  hq_set_faults (f, "{\"add\":[\"503=7:2\"]}");
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (HqReply) reply = hq_request_json (f, "GET", "/v1/health", NULL, NULL);

      g_assert_cmpuint (reply->status, ==, 503);
      g_assert_cmpstr (hq_reply_header (reply, "Retry-After"), ==, "7");
      g_assert_cmpstr (json_object_get_string_member (hq_reply_object (reply), "error"), ==, "unavailable");
    }
  {
    g_autoptr (HqReply) reply = hq_request_json (f, "GET", "/v1/health", NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 200);
  }
}

static void
test_captive_portal (HqFixture *f,
                     gconstpointer data)
{
  hq_set_faults (f, "{\"add\":[\"captive-portal\"]}");
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *key = g_uuid_string_random ();
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *body = one_item_batch (uuid, "x");
      g_autoptr (HqReply) reply = i == 0 ? hq_request_json (f, "GET", "/v1/health", NULL, NULL)
                                         : post_batch (f, key, body);

      g_assert_cmpuint (reply->status, ==, 200);
      g_assert_cmpstr (soup_message_headers_get_content_type (reply->headers, NULL), ==, "text/html");
      g_assert_cmpmem (g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body),
                       "<html>Login</html>", 18);
    }
  g_assert_cmpint (count_crossings (f), ==, 0);

  hq_set_faults (f, "{\"clear\":true}");
  {
    g_autoptr (HqReply) reply = hq_request_json (f, "GET", "/v1/health", NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 200);
    hq_reply_object (reply);
  }
}

static void
test_slow (HqFixture *f,
           gconstpointer data)
{
  gint64 start;

  hq_set_faults (f, "{\"add\":[\"slow=600:1\"]}");
  start = g_get_monotonic_time ();
  {
    g_autoptr (HqReply) reply = hq_request_json (f, "GET", "/v1/health", NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 200);
  }
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 600 * 1000);

  /* Only the next request was slowed. */
  start = g_get_monotonic_time ();
  {
    g_autoptr (HqReply) reply = hq_request_json (f, "GET", "/v1/health", NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 200);
  }
  g_assert_cmpint (g_get_monotonic_time () - start, <, 500 * 1000);
}

/* A truncated reply is a failure for the client, but the batch behind it
 * was committed: sending it again gets the stored answer. */
static void
test_partial (HqFixture *f,
              gconstpointer data)
{
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *body = one_item_batch (uuid, "partial");

  hq_set_faults (f, "{\"add\":[\"partial:1\"]}");
  {
    g_autoptr (HqReply) reply = post_batch (f, key, body);

    g_test_message ("partial reply: %s", reply->error ? reply->error->message : "truncated");
    /* libsoup may hand over the short body without an error; either way
     * it is fewer bytes than announced and not a JSON document. */
    if (reply->error == NULL)
      {
        g_assert_cmpuint (reply->status, ==, 200);
        g_assert_null (reply->json);
        g_assert_cmpint (g_ascii_strtoll (hq_reply_header (reply, "Content-Length"), NULL, 10), >,
                         g_bytes_get_size (reply->body));
      }
  }
  g_assert_cmpint (count_crossings (f), ==, 1);
  {
    g_autoptr (HqReply) reply = post_batch (f, key, body);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpstr (first_status (reply), ==, "accepted");
  }
}

static void
test_drop_after_commit (HqFixture *f,
                        gconstpointer data)
{
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *body = one_item_batch (uuid, "dropped");

  hq_set_faults (f, "{\"add\":[\"drop-after-commit:1\"]}");
  {
    g_autoptr (HqReply) reply = post_batch (f, key, body);

    g_test_message ("dropped reply: %s", reply->error ? reply->error->message : "no error");
    g_assert_nonnull (reply->error);
    g_assert_cmpuint (reply->status, ==, 0);
  }
  /* Committed before the connection was dropped. */
  g_assert_cmpint (count_crossings (f), ==, 1);

  /* The retry with the same key gets the answer that was lost. */
  {
    g_autoptr (HqReply) reply = post_batch (f, key, body);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpstr (first_status (reply), ==, "accepted");
  }
  /* A retry under a new key would see a duplicate, never a second copy. */
  {
    g_autofree char *key2 = g_uuid_string_random ();
    g_autoptr (HqReply) reply = post_batch (f, key2, body);

    g_assert_cmpstr (first_status (reply), ==, "duplicate");
  }
  g_assert_cmpint (count_crossings (f), ==, 1);
}

static void
test_conflict (HqFixture *f,
               gconstpointer data)
{
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *body = one_item_batch (uuid, "conflict");

  hq_set_faults (f, "{\"add\":[\"conflict:1\"]}");
  {
    g_autoptr (HqReply) reply = post_batch (f, key, body);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpstr (first_status (reply), ==, "conflict");
  }
  g_assert_cmpint (count_crossings (f), ==, 0);

  /* Once the switch is used up the same batch is judged afresh. */
  {
    g_autoptr (HqReply) reply = post_batch (f, key, body);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpstr (first_status (reply), ==, "accepted");
  }
}

/* Switches from the command line; without --enable-faults, /_faults is
 * not there. */
static void
test_command_line (HqFixture *f,
                   gconstpointer data)
{
  hq_fixture_restart_hq (f, "--fault=503=3:1", "--fault=slow=10", NULL);
  {
    g_autoptr (HqReply) reply = hq_request_json (f, "GET", "/v1/health", NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 503);
    g_assert_cmpstr (hq_reply_header (reply, "Retry-After"), ==, "3");
  }
  {
    g_autoptr (HqReply) reply = hq_request_json (f, "GET", "/v1/health", NULL, NULL);

    g_assert_cmpuint (reply->status, ==, 200);
  }
  {
    g_autoptr (HqReply) reply = hq_request_json (f, "POST", "/_faults", NULL, "{\"clear\":true}");

    g_assert_cmpuint (reply->status, ==, 404);
  }
}

static void
test_restart_keeps_everything (HqFixture *f,
                               gconstpointer data)
{
  g_autofree char *key1 = g_uuid_string_random ();
  g_autofree char *key2 = g_uuid_string_random ();
  g_autofree char *u1 = g_uuid_string_random ();
  g_autofree char *u2 = g_uuid_string_random ();
  g_autofree char *body1 = one_item_batch (u1, "before");
  g_autofree char *body2 = one_item_batch (u2, "after");
  g_autoptr (HqReply) first = post_batch (f, key1, body1);

  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpstr (first_status (first), ==, "accepted");

  hq_fixture_restart_hq (f, "--enable-faults", NULL);
  {
    g_autoptr (HqReply) reply = post_batch (f, key2, body2);

    g_assert_cmpstr (first_status (reply), ==, "accepted");
  }
  {
    g_autoptr (HqReply) replay = post_batch (f, key1, body1);

    g_assert_true (g_bytes_equal (first->body, replay->body));
  }
  g_assert_cmpint (count_crossings (f), ==, 2);
}

/* PostgreSQL drops HQ's connection (a restart, a failover): the next
 * request reconnects instead of failing. */
static void
test_db_reconnect (HqFixture *f,
                   gconstpointer data)
{
  g_autofree char *kill = g_strdup_printf ("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                           " WHERE datname = '%s' AND pid <> pg_backend_pid()",
                                           f->dbname);
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *body = one_item_batch (uuid, "reconnect");

  hq_fixture_admin_sql (kill);
  {
    g_autoptr (HqReply) reply = post_batch (f, key, body);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpstr (first_status (reply), ==, "accepted");
  }
  g_assert_cmpint (count_crossings (f), ==, 1);
}

int
main (int argc,
      char *argv[])
{
  int ret;

  if (!hq_fixture_main_init (&argc, &argv))
    return 0;

  HQ_ADD_TEST ("/borderpost/hq/fault/503", test_503);
  HQ_ADD_TEST ("/borderpost/hq/fault/captive-portal", test_captive_portal);
  HQ_ADD_TEST ("/borderpost/hq/fault/slow", test_slow);
  HQ_ADD_TEST ("/borderpost/hq/fault/partial", test_partial);
  HQ_ADD_TEST ("/borderpost/hq/fault/drop-after-commit", test_drop_after_commit);
  HQ_ADD_TEST ("/borderpost/hq/fault/conflict", test_conflict);
  HQ_ADD_TEST ("/borderpost/hq/fault/command-line", test_command_line);
  HQ_ADD_TEST ("/borderpost/hq/restart", test_restart_keeps_everything);
  HQ_ADD_TEST ("/borderpost/hq/db-reconnect", test_db_reconnect);

  ret = g_test_run ();
  hq_fixture_main_done ();
  return ret;
}
