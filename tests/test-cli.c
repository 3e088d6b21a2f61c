/* test-cli.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built borderpost-cli as a separate process, as booth IT and
 * scripts do, and checks its JSON and exit statuses.
 */

#include "config.h"

#include "tmp-dir.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "borderpost-core.h"

static int
run_cli (const char *const *env,
         char **out,
         char **err,
         ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  const char *cli = g_getenv ("BORDERPOST_CLI");
  const char *arg;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);

  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);

  return g_subprocess_get_exit_status (process);
}

static void
test_usage (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *out3 = NULL;
  g_autofree char *err3 = NULL;

  g_assert_cmpint (run_cli (NULL, &out, &err, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "Usage"));
  g_assert_cmpstr (out, ==, "");

  g_assert_cmpint (run_cli (NULL, &out2, &err2, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out2, "crossings"));
  g_assert_nonnull (strstr (out2, "mrz"));

  g_assert_cmpint (run_cli (NULL, &out3, &err3, "frobnicate", NULL), ==, 2);
  g_assert_nonnull (strstr (err3, "frobnicate"));
}

static void
test_crossings_roundtrip (void)
{
  g_autofree char *dir = tmp_dir_new ("borderpost-cli-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "crossings.sqlite", NULL);
  const char *env[] = { "BORDERPOST_DATABASE", path, NULL };
  g_autoptr (BpStore) store = bp_store_new (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  JsonArray *array;

  g_assert_true (bp_store_open_sync (store, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (BpCrossing) crossing = bp_crossing_new ();
      g_autoptr (BpMrz) mrz = NULL;

      mrz = bp_mrz_parse ("P<UTOHAPPY<<JOHN<PAUL<<<<<<<<<<<<<<<<<<<<<<<\n"
                          "X47M219059UTO8603049M3109177<<<<<<<<<<<<<<<0",
                          NULL, NULL);
      g_assert_nonnull (mrz);
      bp_crossing_set_from_mrz (crossing, mrz);
      bp_crossing_set_booth_id (crossing, "CLI-TEST");
      bp_crossing_set_decision (crossing, BP_DECISION_ADMIT);
      g_assert_true (bp_store_save_crossing_sync (store, crossing, &error));
      g_assert_no_error (error);
    }
  g_clear_object (&store);

  g_assert_cmpint (run_cli (env, &out, &err, "crossings", "list", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0),
                                                  "booth_id"),
                   ==, "CLI-TEST");

  g_assert_cmpint (run_cli (env, &out2, &err2, "crossings", "list", "--limit", "2", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out2, -1, &error));
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
}

static void
test_crossings_bad_database (void)
{
  g_autofree char *dir = tmp_dir_new ("borderpost-cli-XXXXXX");
  g_autofree char *file = g_build_filename (dir, "not-a-dir", NULL);
  g_autofree char *path = g_build_filename (file, "crossings.sqlite", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *env[] = { "BORDERPOST_DATABASE", path, NULL };

  /* A path below a regular file can never be created, even as root. */
  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  g_assert_cmpint (run_cli (env, &out, &err, "crossings", "list", NULL), ==, 3);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, !=, "");
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/borderpost/cli/usage", test_usage);
  g_test_add_func ("/borderpost/cli/crossings/roundtrip", test_crossings_roundtrip);
  g_test_add_func ("/borderpost/cli/crossings/bad-database", test_crossings_bad_database);

  return g_test_run ();
}
