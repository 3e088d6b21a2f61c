/* test-sync-cli.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `borderpost-cli crossings add` and `sync status|once`, run as a
 * subprocess against the in-process fake HQ.
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "fake-hq.h"
#include "sync-fixtures.h"

typedef struct
{
  char *dir;
  char *path;
  FakeHq *hq;
} Fixture;

static void
fixture_setup (Fixture *fixture,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("bp-sync-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "borderpost.sqlite", NULL);
  fixture->hq = fake_hq_new ();
}

static void
fixture_teardown (Fixture *fixture,
                  gconstpointer data)
{
  fake_hq_free (fixture->hq);
  tmp_dir_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
wait_cb (GObject *object,
         GAsyncResult *result,
         gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* Runs the command line with @args, serving the fake HQ meanwhile. */
static int
run_cli (const char *first,
         ...)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  gboolean done = FALSE;
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (char *) g_getenv ("BORDERPOST_CLI"));
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char *const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_async (process, NULL, NULL, wait_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  return g_subprocess_get_exit_status (process);
}

static JsonObject *
status_of (const char *database)
{
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (JsonNode) root = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, g_getenv ("BORDERPOST_CLI"),
                              "sync", "status", "--database", database, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  root = json_from_string (out, &error);
  g_assert_no_error (error);

  return json_object_ref (json_node_get_object (root));
}

static void
test_add_and_sync (Fixture *fixture,
                   gconstpointer data)
{
  g_autofree char *lines = g_build_filename (fixture->dir, "in.jsonl", NULL);
  g_autofree char *array = g_build_filename (fixture->dir, "in.json", NULL);
  g_autofree char *bad = g_build_filename (fixture->dir, "bad.json", NULL);
  g_autoptr (GBytes) photo = make_photo (4000);
  g_autofree char *photo_b64 = g_base64_encode (g_bytes_get_data (photo, NULL), g_bytes_get_size (photo));
  g_autofree char *jsonl = g_strdup_printf ("{\"booth_id\":\"booth-07\",\"decision\":\"admit\",\"photo_base64\":\"%s\"}\n"
                                            "{\"booth_id\":\"booth-07\",\"decision\":\"refer\",\"direction\":\"exit\"}\n",
                                            photo_b64);
  g_autoptr (JsonObject) status = NULL;

  g_assert_true (g_file_set_contents (lines, jsonl, -1, NULL));
  g_assert_true (g_file_set_contents (array, "[{\"decision\":\"refuse\",\"recorded_at\":\"2026-11-26T08:00:00Z\"},"
                                             " {\"decision\":\"admit\"}]",
                                      -1, NULL));
  g_assert_true (g_file_set_contents (bad, "{\"decision\":\"maybe\"}", -1, NULL));

  g_assert_cmpint (run_cli ("crossings", "add", "--json", lines, "--database", fixture->path, NULL), ==, 0);
  g_assert_cmpint (run_cli ("crossings", "add", "--json", array, "--database", fixture->path, NULL), ==, 0);
  /* No decision: refused by the store's rules, nothing written. */
  g_assert_cmpint (run_cli ("crossings", "add", "--json", bad, "--database", fixture->path, NULL), ==, 1);

  status = status_of (fixture->path);
  g_assert_cmpint (json_object_get_int_member (status, "queue_depth"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (status, "photos_pending"), ==, 1);
  g_clear_pointer (&status, json_object_unref);

  /* HQ is down: failure, the queue stays. */
  fixture->hq->unavailable = 1;
  g_assert_cmpint (run_cli ("sync", "once", "--database", fixture->path, "--url", fixture->hq->url,
                            "--booth-id", "booth-07", NULL),
                   ==, 3);
  status = status_of (fixture->path);
  g_assert_cmpint (json_object_get_int_member (status, "queue_depth"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (status, "link_state"), ==, "error");
  g_clear_pointer (&status, json_object_unref);

  g_assert_cmpint (run_cli ("sync", "once", "--database", fixture->path, "--url", fixture->hq->url,
                            "--booth-id", "booth-07", NULL),
                   ==, 0);
  status = status_of (fixture->path);
  g_assert_cmpint (json_object_get_int_member (status, "queue_depth"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (status, "delivered"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (status, "link_state"), ==, "online");
  g_assert_false (json_object_get_null_member (status, "last_success"));
  g_assert_cmpuint (g_hash_table_size (fixture->hq->crossings), ==, 4);
  g_assert_cmpuint (g_hash_table_size (fixture->hq->complete), ==, 1);
}

static void
test_items_remain (Fixture *fixture,
                   gconstpointer data)
{
  g_autofree char *file = g_build_filename (fixture->dir, "in.json", NULL);
  g_autoptr (GBytes) photo = make_photo (2000);
  g_autofree char *photo_b64 = g_base64_encode (g_bytes_get_data (photo, NULL), g_bytes_get_size (photo));
  g_autofree char *json = g_strdup_printf ("{\"decision\":\"admit\",\"photo_base64\":\"%s\"}", photo_b64);
  g_autoptr (JsonObject) status = NULL;

  g_assert_true (g_file_set_contents (file, json, -1, NULL));
  g_assert_cmpint (run_cli ("crossings", "add", "--json", file, "--database", fixture->path, NULL), ==, 0);

  /* HQ refuses the photo each time: the crossing stays queued, and
   * the attempt says so with exit status 1. */
  fixture->hq->refuse_photos = TRUE;
  g_assert_cmpint (run_cli ("sync", "once", "--database", fixture->path, "--url", fixture->hq->url, NULL), ==, 1);
  status = status_of (fixture->path);
  g_assert_cmpint (json_object_get_int_member (status, "queue_depth"), ==, 1);
  g_assert_cmpuint (g_hash_table_size (fixture->hq->crossings), ==, 0);

  /* Usage errors. */
  g_assert_cmpint (run_cli ("sync", "once", "--database", fixture->path, NULL), ==, 2);
  g_assert_cmpint (run_cli ("sync", "bogus", NULL), ==, 2);
  g_assert_cmpint (run_cli ("crossings", "add", "--database", fixture->path, NULL), ==, 2);
}

int
main (int argc,
      char **argv)
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/borderpost/sync/cli/add-and-sync", test_add_and_sync);
  ADD ("/borderpost/sync/cli/items-remain", test_items_remain);
#undef ADD

  return g_test_run ();
}
