/* bp-cli-crossings.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "bp-cli.h"
#include "bp-store.h"

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n", _ ("Usage: borderpost-cli crossings list [--limit N] [--search TEXT] [--database PATH]"));
  fprintf (stream, "%s\n", _ ("Prints the crossings stored at this booth as a JSON array, newest first."));
  fprintf (stream, "%s\n", _ ("Run “borderpost-cli crossings list --help” for the options."));
}

static char *
crossings_to_json (GListModel *crossings)
{
  GString *json = g_string_new ("[");
  guint n_items = g_list_model_get_n_items (crossings);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr (BpCrossing) crossing = g_list_model_get_item (crossings, i);
      g_autofree char *object = bp_crossing_to_json (crossing);

      g_string_append (json, i > 0 ? ",\n" : "\n");
      g_string_append (json, object);
    }

  g_string_append (json, n_items > 0 ? "\n]" : "]");

  return g_string_free (json, FALSE);
}

static int
crossings_list (int argc,
                char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (BpStore) store = NULL;
  g_autoptr (GListModel) crossings = NULL;
  g_autofree char *search = NULL;
  g_autofree char *database = NULL;
  g_autofree char *json = NULL;
  int limit = 0;
  const GOptionEntry entries[] = {
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit,
      N_ ("Print at most N crossings (0, the default, prints all)"), N_ ("N") },
    { "search", 's', 0, G_OPTION_ARG_STRING, &search,
      N_ ("Only crossings whose document number or name contains TEXT"), N_ ("TEXT") },
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database,
      N_ ("The database file (default: $BORDERPOST_DATABASE, else borderpost/borderpost.sqlite in the user data folder)"),
      N_ ("PATH") },
    { NULL }
  };

  /* --help names the whole command, not just "list". */
  g_set_prgname ("borderpost-cli crossings list");
  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _ ("Prints the crossings stored at this booth as a JSON array, newest first."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n\n", error->message);
      print_usage (stderr);
      return BP_CLI_EXIT_USAGE;
    }

  if (argc > 1 || limit < 0)
    {
      if (limit < 0)
        fprintf (stderr, "%s\n\n", _ ("--limit must be 0 or more."));
      print_usage (stderr);
      return BP_CLI_EXIT_USAGE;
    }

  if (database == NULL)
    database = bp_store_dup_default_path ();

  /* Listing must not leave an empty database behind a mistyped path:
   * that would hide the mistake the next time. */
  if (!g_str_equal (database, ":memory:") && !g_file_test (database, G_FILE_TEST_EXISTS))
    {
      /* Translators: %s is a file path. */
      fprintf (stderr, _ ("There is no crossing database at “%s”. Check --database or $BORDERPOST_DATABASE."), database);
      fputc ('\n', stderr);
      return BP_CLI_EXIT_FAILED;
    }

  store = bp_store_new (database);
  if (!bp_store_open_sync (store, &error) || !(crossings = bp_store_list_crossings_sync (store, search, limit, &error)))
    {
      fprintf (stderr, "%s\n", error->message);
      return BP_CLI_EXIT_FAILED;
    }

  json = crossings_to_json (crossings);
  bp_cli_print_json (json);

  return BP_CLI_EXIT_OK;
}

/**
 * bp_cli_crossings:
 * @argc: the number of arguments
 * @argv: the arguments, argv[0] being "crossings"
 *
 * `borderpost-cli crossings list [--limit N] [--search TEXT] [--database PATH]`
 * prints the stored crossings as a JSON array on standard output.
 *
 * Returns: 0 on success, 2 on bad usage, 3 when the store fails
 */
int
bp_cli_crossings (int argc,
                  char **argv)
{
  if (argc < 2)
    {
      print_usage (stderr);
      return BP_CLI_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "list"))
    return crossings_list (argc - 1, argv + 1);

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return BP_CLI_EXIT_OK;
    }

  /* Translators: %s is what the user typed after "crossings". */
  fprintf (stderr, _ ("Unknown crossings command “%s”."), argv[1]);
  fputs ("\n\n", stderr);
  print_usage (stderr);

  return BP_CLI_EXIT_USAGE;
}
