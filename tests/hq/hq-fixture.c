/* hq-fixture.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>

#include "hq-fixture.h"

static char *admin_conninfo;
static char *certs_dir;

static void
remove_tree (const char *path)
{
  const char *argv[] = { "rm", "-rf", path, NULL };

  if (path != NULL)
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
}

void
hq_fixture_admin_sql (const char *sql)
{
  PGconn *conn = PQconnectdb (admin_conninfo);
  g_autoptr (PGresult) res = NULL;

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("BORDERPOST_TEST_PG is set but PostgreSQL is not reachable: %s", PQerrorMessage (conn));
  res = PQexec (conn, sql);
  if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQfinish (conn);
}

/* Returns 0 when the tests are to be skipped (and says so in TAP). */
int
hq_fixture_main_init (int *argc,
                      char ***argv)
{
  const char *script;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  /* GNOME's proxy resolver reads GSettings schemas the test environment
   * does not have; these tests talk to loopback only. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  admin_conninfo = g_strdup (g_getenv ("BORDERPOST_TEST_PG"));
  if (admin_conninfo == NULL || *admin_conninfo == '\0')
    {
      printf ("1..0 # SKIP BORDERPOST_TEST_PG is not set: these tests need PostgreSQL "
              "(tests/ci.sh starts one; or run tests/hq/pg-cluster.sh start DIR and export its output)\n");
      return 0;
    }
  /* Set but unusable is a failure, not a skip. */
  hq_fixture_admin_sql ("SELECT 1");

  certs_dir = g_dir_make_tmp ("bp-hq-certs-XXXXXX", &error);
  g_assert_no_error (error);
  script = g_getenv ("BORDERPOST_HQ_MAKE_CERTS");
  g_assert_nonnull (script);
  {
    const char *args[] = { "bash", script, certs_dir, NULL };

    g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("make-certs.sh failed: %s\n%s", error->message, err);
  return 1;
}

void
hq_fixture_main_done (void)
{
  remove_tree (certs_dir);
  g_clear_pointer (&certs_dir, g_free);
  g_clear_pointer (&admin_conninfo, g_free);
}

const char *
hq_fixture_certs_dir (void)
{
  return certs_dir;
}

static char *
cert_path (const char *name)
{
  return g_build_filename (certs_dir, name, NULL);
}

/* HQ goes when the test goes, even when the test aborts: otherwise it
 * would hold the test's stderr open and meson would wait for it. */
static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static SoupSession *
new_session (HqFixture *f)
{
  g_autoptr (GProxyResolver) no_proxy = g_simple_proxy_resolver_new (NULL, NULL);

  return soup_session_new_with_options ("tls-database", f->ca, "timeout", 20,
                                        "proxy-resolver", no_proxy, NULL);
}

void
hq_fixture_start_hq (HqFixture *f)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDataInputStream) stdout_stream = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *line = NULL;
  const char *hq = g_getenv ("BORDERPOST_HQ");

  g_assert_nonnull (hq);
  g_assert_null (f->hq);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);

  g_ptr_array_add (args, g_strdup (hq));
  g_ptr_array_add (args, g_strdup ("--listen=127.0.0.1:0"));
  g_ptr_array_add (args, g_strdup_printf ("--database=%s", f->conninfo));
  g_ptr_array_add (args, g_strdup_printf ("--cert=%s/server.pem", certs_dir));
  g_ptr_array_add (args, g_strdup_printf ("--key=%s/server.key", certs_dir));
  g_ptr_array_add (args, g_strdup_printf ("--client-ca=%s/ca.pem", certs_dir));
  g_ptr_array_add (args, g_strdup_printf ("--updates=%s", f->updates_dir));
  for (guint i = 0; i < f->extra_args->len; i++)
    g_ptr_array_add (args, g_strdup (g_ptr_array_index (f->extra_args, i)));
  g_ptr_array_add (args, NULL);

  f->hq = g_subprocess_launcher_spawnv (launcher, (const char *const *) args->pdata, &error);
  g_assert_no_error (error);

  stdout_stream = g_data_input_stream_new (g_subprocess_get_stdout_pipe (f->hq));
  line = g_data_input_stream_read_line (stdout_stream, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL)
    g_error ("borderpost-hq exited before printing its URL");
  g_assert_true (json_parser_load_from_data (parser, line, -1, NULL));
  g_free (f->url);
  f->url = g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "url"));
  g_assert_true (g_str_has_prefix (f->url, "https://127.0.0.1:"));
}

void
hq_fixture_stop_hq (HqFixture *f)
{
  g_autoptr (GError) error = NULL;

  if (f->hq == NULL)
    return;
  g_subprocess_send_signal (f->hq, SIGTERM);
  g_subprocess_wait (f->hq, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&f->hq);
}

/* Restarts HQ on the same database, with other extra arguments. */
void
hq_fixture_restart_hq (HqFixture *f,
                       const char *first_arg,
                       ...)
{
  va_list ap;

  hq_fixture_stop_hq (f);
  g_ptr_array_set_size (f->extra_args, 0);
  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (f->extra_args, g_strdup (arg));
  va_end (ap);
  hq_fixture_start_hq (f);
}

void
hq_fixture_setup (HqFixture *f,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *create = NULL;
  g_autofree char *ca_path = cert_path ("ca.pem");

  f->dbname = g_strdup_printf ("bp_hq_test_%08x%08x", g_random_int (), g_random_int ());
  f->conninfo = g_strdup_printf ("%s dbname=%s", admin_conninfo, f->dbname);
  create = g_strdup_printf ("CREATE DATABASE %s", f->dbname);
  hq_fixture_admin_sql (create);

  f->updates_dir = g_dir_make_tmp ("bp-hq-updates-XXXXXX", &error);
  g_assert_no_error (error);
  f->extra_args = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (f->extra_args, g_strdup ("--enable-faults"));

  f->ca = g_tls_file_database_new (ca_path, &error);
  g_assert_no_error (error);
  f->session = new_session (f);

  hq_fixture_start_hq (f);
}

void
hq_fixture_teardown (HqFixture *f,
                     gconstpointer data)
{
  g_autofree char *drop = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", f->dbname);

  hq_fixture_stop_hq (f);
  hq_fixture_admin_sql (drop);
  remove_tree (f->updates_dir);
  g_clear_object (&f->session);
  g_clear_object (&f->ca);
  g_clear_pointer (&f->extra_args, g_ptr_array_unref);
  g_clear_pointer (&f->updates_dir, g_free);
  g_clear_pointer (&f->url, g_free);
  g_clear_pointer (&f->conninfo, g_free);
  g_clear_pointer (&f->dbname, g_free);
}

/* Runs SQL on the test's database, straight through libpq. */
PGresult *
hq_fixture_sql (HqFixture *f,
                const char *sql)
{
  PGconn *conn = PQconnectdb (f->conninfo);
  PGresult *res;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  res = PQexec (conn, sql);
  if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQfinish (conn);
  return res;
}

/**
 * hq_request:
 * @client: the client certificate to present ("booth-1", "expired",
 *   "foreign"), or %NULL for none
 * @headers: (nullable): name, value, …, %NULL
 *
 * Sends one request and waits for the whole answer. A client other than
 * booth-1 gets a session of its own, so no connection is shared across
 * certificates.
 */
HqReply *
hq_request (HqFixture *f,
            const char *client,
            const char *method,
            const char *path,
            const char *const *headers,
            const void *body,
            gsize len)
{
  g_autofree char *url = g_strconcat (f->url, path[0] == '/' ? path + 1 : path, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new (method, url);
  g_autoptr (SoupSession) own_session = NULL;
  SoupSession *session = f->session;
  HqReply *reply = g_new0 (HqReply, 1);

  g_assert_nonnull (msg);
  if (g_strcmp0 (client, "booth-1") != 0)
    {
      own_session = new_session (f);
      session = own_session;
    }
  if (client != NULL)
    {
      g_autofree char *pem = g_strdup_printf ("%s/%s.pem", certs_dir, client);
      g_autofree char *key = g_strdup_printf ("%s/%s.key", certs_dir, client);
      g_autoptr (GError) error = NULL;
      g_autoptr (GTlsCertificate) cert = g_tls_certificate_new_from_files (pem, key, &error);

      g_assert_no_error (error);
      soup_message_set_tls_client_certificate (msg, cert);
    }
  for (guint i = 0; headers != NULL && headers[i] != NULL; i += 2)
    soup_message_headers_replace (soup_message_get_request_headers (msg), headers[i], headers[i + 1]);
  if (body != NULL)
    {
      const char *type = soup_message_headers_get_content_type (soup_message_get_request_headers (msg), NULL);
      g_autoptr (GBytes) bytes = g_bytes_new (body, len);

      soup_message_set_request_body_from_bytes (msg, type != NULL ? type : "application/json", bytes);
    }

  reply->body = soup_session_send_and_read (session, msg, NULL, &reply->error);
  if (reply->error == NULL)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();

      reply->status = soup_message_get_status (msg);
      reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
      if (g_bytes_get_size (reply->body) > 0 && json_parser_load_from_data (parser, g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body), NULL) && json_parser_get_root (parser) != NULL)
        reply->json = json_node_copy (json_parser_get_root (parser));
    }
  return reply;
}

HqReply *
hq_request_json (HqFixture *f,
                 const char *method,
                 const char *path,
                 const char *const *headers,
                 const char *json)
{
  return hq_request (f, "booth-1", method, path, headers, json, json != NULL ? strlen (json) : 0);
}

void
hq_reply_free (HqReply *reply)
{
  g_clear_error (&reply->error);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->json, json_node_unref);
  g_free (reply);
}

const char *
hq_reply_header (HqReply *reply,
                 const char *name)
{
  return reply->headers != NULL ? soup_message_headers_get_one (reply->headers, name) : NULL;
}

/* The JSON object of a /v1 reply; asserts it carries "api". */
JsonObject *
hq_reply_object (HqReply *reply)
{
  JsonObject *obj;

  g_assert_no_error (reply->error);
  g_assert_nonnull (reply->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->json));
  obj = json_node_get_object (reply->json);
  g_assert_cmpstr (json_object_get_string_member_with_default (obj, "api", NULL), ==, "borderpost-hq/1");
  return obj;
}

void
hq_set_faults (HqFixture *f,
               const char *json)
{
  g_autoptr (HqReply) reply = hq_request_json (f, "POST", "/_faults", NULL, json);

  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 200);
}

char *
hq_sha256 (const void *data,
           gsize len)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
}

static char *
generate (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* One crossing item as the booth sends it, content_sha256 included. */
char *
hq_make_item (const char *uuid,
              const char *booth_id,
              const char *photo_sha256,
              const char *note)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *sha = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, uuid);
  json_builder_set_member_name (builder, "sequence");
  json_builder_add_int_value (builder, 7);
  json_builder_set_member_name (builder, "boot_id");
  json_builder_add_string_value (builder, "0190a0c4-0000-7000-8000-000000000001");
  json_builder_set_member_name (builder, "booth_id");
  json_builder_add_string_value (builder, booth_id);
  json_builder_set_member_name (builder, "recorded_at");
  json_builder_add_string_value (builder, "2026-11-26T10:15:00.123456Z");
  json_builder_set_member_name (builder, "decision");
  json_builder_add_string_value (builder, "admit");
  json_builder_set_member_name (builder, "note");
  json_builder_add_string_value (builder, note);
  json_builder_set_member_name (builder, "photo_sha256");
  if (photo_sha256 != NULL)
    json_builder_add_string_value (builder, photo_sha256);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  canonical = generate (root);
  sha = hq_sha256 (canonical, strlen (canonical));
  json_object_set_string_member (json_node_get_object (root), "content_sha256", sha);
  return generate (root);
}

char *
hq_make_batch (const char *booth_id,
               const char *const *items)
{
  g_autofree char *joined = g_strjoinv (",", (char **) items);

  return g_strdup_printf ("{\"booth_id\":\"%s\",\"items\":[%s]}", booth_id, joined);
}
