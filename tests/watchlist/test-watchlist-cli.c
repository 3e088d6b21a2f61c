/* test-watchlist-cli.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

static const char *list_text = "{\"id\":\"sltd-1\",\"list\":\"sltd\",\"kind\":\"document\",\"document_number\":\"L898902C3\",\"document_type\":\"P\","
                               "\"issuing_state\":\"UTO\",\"reason\":\"stolen\",\"action\":\"seize\"}\n"
                               "{\"id\":\"nat-1\",\"list\":\"national\",\"kind\":\"person\",\"family_name\":\"Happy\",\"given_names\":\"John Paul\","
                               "\"birth_date\":\"1986-03-04\",\"nationality\":\"UTO\",\"reason\":\"person of interest\",\"action\":\"refer\"}\n"
                               "{\"id\":\"nat-2\",\"list\":\"national\",\"kind\":\"person\",\"family_name\":\"Иванов\",\"given_names\":\"Сергей\","
                               "\"birth_date\":\"1979\"}\n";

typedef struct
{
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run *run,
         const char *dir,
         ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GError) error = NULL;
  const char *cli = g_getenv ("BORDERPOST_CLI");
  const char *arg;
  va_list ap;

  g_assert_nonnull (cli);
  g_ptr_array_add (args, (gpointer) cli);
  g_ptr_array_add (args, (gpointer) "lists");
  va_start (ap, dir);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  if (dir != NULL)
    {
      g_ptr_array_add (args, (gpointer) "--lists-dir");
      g_ptr_array_add (args, (gpointer) dir);
    }
  g_ptr_array_add (args, NULL);

  proc = g_subprocess_newv ((const char *const *) args->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (proc);
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_round_trip (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lists-XXXXXX", &error);
  g_autofree char *file = g_build_filename (dir, "import.jsonl.in", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.jsonl.in", NULL);
  g_autofree char *delta = g_build_filename (dir, "delta.jsonl.in", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonArray *hits;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (file, list_text, -1, &error));
  g_assert_true (g_file_set_contents (bad, "{\"id\":\"x\",\"kind\":\"person\",\"family_name\":\"A\"}\n{oops}\n", -1, &error));
  g_assert_true (g_file_set_contents (delta, "{\"kind\":\"header\",\"list\":\"sltd\",\"version\":9,\"base_version\":8}\n", -1, &error));

  /* Import, then status. */
  {
    g_auto (Run) run = { 0 };
    JsonArray *lists;

    run_cli (&run, dir, "import", file, NULL);
    g_assert_cmpint (run.status, ==, 0);
    object = parse_object (parser, run.out);
    g_assert_cmpint (json_object_get_int_member (object, "entries"), ==, 3);
    lists = json_object_get_array_member (object, "lists");
    g_assert_cmpuint (json_array_get_length (lists), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lists, 0), "name"), ==, "national");
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (lists, 1), "version"), ==, 1);
  }
  {
    g_auto (Run) run = { 0 };

    run_cli (&run, dir, "status", NULL);
    g_assert_cmpint (run.status, ==, 0);
    object = parse_object (parser, run.out);
    g_assert_cmpint (json_object_get_int_member (object, "index_size"), >, 144);
  }

  /* A specimen MRZ hits both the stolen passport and the person. */
  {
    g_auto (Run) run = { 0 };
    JsonObject *best;

    run_cli (&run, dir, "screen", "--mrz",
             "P<UTOHAPPY<<JOHN<PAUL<<<<<<<<<<<<<<<<<<<<<<<\nL898902C36UTO8603049M3109177<<<<<<<<<<<<<<<0", NULL);
    g_assert_cmpint (run.status, ==, 1);
    object = parse_object (parser, run.out);
    hits = json_object_get_array_member (object, "hits");
    g_assert_cmpuint (json_array_get_length (hits), ==, 2);
    best = json_array_get_object_element (hits, 0);
    g_assert_cmpfloat (json_object_get_double_member (best, "score"), ==, 1.0);
    g_assert_nonnull (json_object_get_array_member (best, "reasons"));
    g_assert_nonnull (json_object_get_string_member (best, "explanation"));
  }

  /* By name in the Latin spelling of a Cyrillic entry. */
  {
    g_auto (Run) run = { 0 };

    run_cli (&run, dir, "screen", "--family", "IVANOV", "--given", "SERGEI", "--birth", "1979-05-14", NULL);
    g_assert_cmpint (run.status, ==, 1);
    object = parse_object (parser, run.out);
    hits = json_object_get_array_member (object, "hits");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (hits, 0), "entry_id"), ==, "nat-2");
  }

  /* Clean. */
  {
    g_auto (Run) run = { 0 };

    run_cli (&run, dir, "screen", "--document", "X1234567", "--issuing-state", "UTO", NULL);
    g_assert_cmpint (run.status, ==, 0);
    object = parse_object (parser, run.out);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "hits")), ==, 0);
  }

  /* A bad file, a delta out of order, nothing to screen, no lists. */
  {
    g_auto (Run) run = { 0 };

    run_cli (&run, dir, "import", bad, "--list", "national", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "Line 2"));
  }
  {
    g_auto (Run) run = { 0 };

    run_cli (&run, dir, "import", delta, "--delta", NULL);
    g_assert_cmpint (run.status, ==, 3);
    g_assert_nonnull (strstr (run.err, "full reload"));
  }
  {
    g_auto (Run) run = { 0 };

    run_cli (&run, dir, "screen", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto (Run) run = { 0 };

    run_cli (&run, empty, "screen", "--family", "HAPPY", "--given", "JOHN", NULL);
    g_assert_cmpint (run.status, ==, 3);
  }
  {
    g_auto (Run) run = { 0 };

    run_cli (&run, NULL, "frobnicate", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }

  /* Clean up what the CLI wrote. */
  {
    g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (dir);
  }
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/borderpost/watchlist/cli/round-trip", test_round_trip);

  return g_test_run ();
}
