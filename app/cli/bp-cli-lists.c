/* bp-cli-lists.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "bp-cli.h"
#include "bp-watchlist.h"

static char *
iso_time (gint64 unix_time)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_utc (unix_time);

  return time != NULL ? g_date_time_format_iso8601 (time) : NULL;
}

static char *
builder_to_json (JsonBuilder *builder)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, NULL);
}

static void
add_string (JsonBuilder *builder,
            const char *name,
            const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_lists (JsonBuilder *builder,
           GPtrArray *lists)
{
  json_builder_set_member_name (builder, "lists");
  json_builder_begin_array (builder);
  for (guint i = 0; i < lists->len; i++)
    {
      const BpWatchlistListStatus *status = g_ptr_array_index (lists, i);
      g_autofree char *updated = iso_time (status->updated);

      json_builder_begin_object (builder);
      add_string (builder, "name", status->name);
      json_builder_set_member_name (builder, "version");
      json_builder_add_int_value (builder, status->version);
      json_builder_set_member_name (builder, "entries");
      json_builder_add_int_value (builder, status->n_entries);
      add_string (builder, "updated", updated);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static BpWatchlist *
open_lists (const char *dir_arg,
            GError **error)
{
  g_autofree char *dir = dir_arg != NULL ? g_strdup (dir_arg) : bp_watchlist_dup_default_dir ();
  g_autoptr (BpWatchlist) watchlist = bp_watchlist_new (dir);

  if (!bp_watchlist_load (watchlist, error))
    return NULL;

  return g_steal_pointer (&watchlist);
}

static int
print_status (BpWatchlist *watchlist)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (GPtrArray) lists = bp_watchlist_get_lists (watchlist);
  g_autofree char *built = iso_time (bp_watchlist_get_built (watchlist));
  g_autofree char *json = NULL;

  json_builder_begin_object (builder);
  add_string (builder, "directory", bp_watchlist_get_dir (watchlist));
  add_string (builder, "built", lists->len > 0 ? built : NULL);
  json_builder_set_member_name (builder, "entries");
  json_builder_add_int_value (builder, bp_watchlist_get_n_entries (watchlist));
  json_builder_set_member_name (builder, "index_size");
  json_builder_add_int_value (builder, bp_watchlist_get_index_size (watchlist));
  add_lists (builder, lists);
  json_builder_end_object (builder);

  json = builder_to_json (builder);
  bp_cli_print_json (json);

  return BP_CLI_EXIT_OK;
}

static GOptionContext *
new_context (const char *parameter,
             const char *summary,
             GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameter);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  return context;
}

static int
lists_import (int argc,
              char **argv)
{
  g_autofree char *list = NULL;
  g_autofree char *dir = NULL;
  gboolean delta = FALSE;
  g_auto (GStrv) rest = NULL;
  GOptionEntry entries[] = {
    { "list", 0, 0, G_OPTION_ARG_STRING, &list, N_ ("Import every entry into list NAME"), N_ ("NAME") },
    { "delta", 0, 0, G_OPTION_ARG_NONE, &delta, N_ ("Apply the file as changes to the installed list"), NULL },
    { "lists-dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, N_ ("Keep the lists in DIR"), N_ ("DIR") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (BpWatchlist) watchlist = NULL;

  context = new_context (_ ("FILE.jsonl - import an alert list"),
                         _ ("Imports a JSON Lines alert list (see data/alert-lists.md) and rebuilds the\n"
                            "index. One bad line rejects the whole file and nothing changes.\n"
                            "Exit status: 0 imported, 2 bad usage or a bad file, 3 failure (also when\n"
                            "a delta does not follow the installed version: do a full reload)."),
                         entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("borderpost-cli lists import: %s\n", error->message);
      return BP_CLI_EXIT_USAGE;
    }
  if (rest == NULL || rest[0] == NULL || rest[1] != NULL)
    {
      g_printerr ("borderpost-cli lists import: %s\n", _ ("Name one file to import."));
      return BP_CLI_EXIT_USAGE;
    }

  watchlist = open_lists (dir, &error);
  if (watchlist == NULL && g_error_matches (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_CORRUPT))
    {
      /* A damaged index is replaced by the import. */
      g_autofree char *path = dir != NULL ? g_strdup (dir) : bp_watchlist_dup_default_dir ();

      g_clear_error (&error);
      watchlist = bp_watchlist_new (path);
    }
  if (watchlist == NULL)
    {
      g_printerr ("borderpost-cli lists import: %s\n", error->message);
      return BP_CLI_EXIT_FAILED;
    }

  if (!bp_watchlist_import_file (watchlist, rest[0], list,
                                 delta ? BP_WATCHLIST_IMPORT_DELTA : BP_WATCHLIST_IMPORT_FULL, &error))
    {
      g_printerr ("borderpost-cli lists import: %s\n", error->message);
      if (g_error_matches (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID))
        return BP_CLI_EXIT_USAGE;
      return BP_CLI_EXIT_FAILED;
    }

  return print_status (watchlist);
}

static int
lists_status (int argc,
              char **argv)
{
  g_autofree char *dir = NULL;
  GOptionEntry entries[] = {
    { "lists-dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, N_ ("Read the lists from DIR"), N_ ("DIR") },
    { NULL }
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (BpWatchlist) watchlist = NULL;

  context = new_context (_ ("- show the installed alert lists"),
                         _ ("Prints the installed lists, their versions and entry counts, and when the\n"
                            "index was built."),
                         entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("borderpost-cli lists status: %s\n", error->message);
      return BP_CLI_EXIT_USAGE;
    }

  watchlist = open_lists (dir, &error);
  if (watchlist == NULL)
    {
      g_printerr ("borderpost-cli lists status: %s\n", error->message);
      return BP_CLI_EXIT_FAILED;
    }

  return print_status (watchlist);
}

static void
add_hit (JsonBuilder *builder,
         const BpWatchlistHit *hit)
{
  char score_text[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (score_text, sizeof score_text, "%.3f", hit->score);
  json_builder_begin_object (builder);
  add_string (builder, "entry_id", hit->entry_id);
  add_string (builder, "list", hit->list);
  json_builder_set_member_name (builder, "list_version");
  json_builder_add_int_value (builder, hit->list_version);
  add_string (builder, "kind", hit->kind == BP_WATCHLIST_KIND_PERSON ? "person" : "document");
  json_builder_set_member_name (builder, "score");
  /* Three decimals are all the score means. */
  json_builder_add_double_value (builder, g_ascii_strtod (score_text, NULL));
  add_string (builder, "action", hit->action);
  add_string (builder, "reason", hit->reason);
  add_string (builder, "explanation", hit->sentence);
  json_builder_set_member_name (builder, "reasons");
  json_builder_begin_array (builder);
  for (guint i = 0; i < hit->reasons->len; i++)
    {
      const BpWatchlistReason *r = &g_array_index (hit->reasons, BpWatchlistReason, i);

      json_builder_begin_object (builder);
      add_string (builder, "field", bp_watchlist_field_to_string (r->field));
      add_string (builder, "match", bp_watchlist_match_to_string (r->match));
      if (r->match == BP_WATCHLIST_MATCH_EDITS)
        {
          json_builder_set_member_name (builder, "edits");
          json_builder_add_int_value (builder, r->edits);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "listed");
  json_builder_begin_object (builder);
  add_string (builder, "family_name", hit->family_name);
  add_string (builder, "given_names", hit->given_names);
  add_string (builder, "birth_date", hit->birth_date);
  add_string (builder, "document_number", hit->document_number);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static int
lists_screen (int argc,
              char **argv)
{
  g_autofree char *dir = NULL, *mrz_text = NULL, *family = NULL, *given = NULL, *birth = NULL;
  g_autofree char *nationality = NULL, *document = NULL, *state = NULL, *type = NULL, *today = NULL;
  GOptionEntry entries[] = {
    { "mrz", 0, 0, G_OPTION_ARG_STRING, &mrz_text, N_ ("Screen the document and holder of this machine readable zone"), N_ ("LINES") },
    { "family", 0, 0, G_OPTION_ARG_STRING, &family, N_ ("Family name, in any script"), N_ ("NAME") },
    { "given", 0, 0, G_OPTION_ARG_STRING, &given, N_ ("Given names, in any script"), N_ ("NAMES") },
    { "birth", 0, 0, G_OPTION_ARG_STRING, &birth, N_ ("Birth date: YYYY, YYYY-MM or YYYY-MM-DD"), N_ ("DATE") },
    { "nationality", 0, 0, G_OPTION_ARG_STRING, &nationality, N_ ("Nationality as a three-letter code"), N_ ("CODE") },
    { "document", 0, 0, G_OPTION_ARG_STRING, &document, N_ ("Document number"), N_ ("NUMBER") },
    { "issuing-state", 0, 0, G_OPTION_ARG_STRING, &state, N_ ("Issuing state of the document"), N_ ("CODE") },
    { "type", 0, 0, G_OPTION_ARG_STRING, &type, N_ ("Document type: P, I, V, …"), N_ ("T") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today, N_ ("Count expiry of entries from DATE instead of today"), N_ ("YYYY-MM-DD") },
    { "lists-dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, N_ ("Read the lists from DIR"), N_ ("DIR") },
    { NULL }
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (BpWatchlist) watchlist = NULL;
  g_autoptr (BpMrz) mrz = NULL;
  g_autoptr (BpWatchlistResult) result = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *json = NULL;
  BpWatchlistQuery query = { 0 };
  BpWatchlistDate date;

  context = new_context (_ ("- screen a traveller or document against the alert lists"),
                         _ ("Prints the hits as JSON, best first.\n"
                            "Exit status: 0 no hit, 1 hit, 2 bad usage, 3 failure or no list installed."),
                         entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("borderpost-cli lists screen: %s\n", error->message);
      return BP_CLI_EXIT_USAGE;
    }

  if (mrz_text != NULL)
    {
      mrz = bp_mrz_parse (mrz_text, NULL, &error);
      if (mrz == NULL)
        {
          g_printerr ("borderpost-cli lists screen: %s\n", error->message);
          return BP_CLI_EXIT_USAGE;
        }
      bp_watchlist_query_init_from_mrz (&query, mrz);
    }
  if (family != NULL)
    query.family_name = family;
  if (given != NULL)
    query.given_names = given;
  if (birth != NULL)
    {
      if (!bp_watchlist_date_parse (birth, &date))
        {
          g_printerr ("borderpost-cli lists screen: %s\n", _ ("--birth needs a date as YYYY, YYYY-MM or YYYY-MM-DD"));
          return BP_CLI_EXIT_USAGE;
        }
      query.birth_date = birth;
    }
  if (nationality != NULL)
    query.nationality = nationality;
  if (document != NULL)
    query.document_number = document;
  if (state != NULL)
    query.issuing_state = state;
  if (type != NULL)
    query.document_type = type;
  if (today != NULL)
    {
      if (!bp_watchlist_date_parse (today, &date) || BP_WATCHLIST_DATE_DAY (date) == 0)
        {
          g_printerr ("borderpost-cli lists screen: %s\n", _ ("--today needs a date as YYYY-MM-DD"));
          return BP_CLI_EXIT_USAGE;
        }
      query.today = today;
    }
  if (query.family_name == NULL && query.given_names == NULL && query.document_number == NULL)
    {
      g_printerr ("borderpost-cli lists screen: %s\n",
                  _ ("Give --mrz, a name (--family, --given) or a --document number to screen."));
      return BP_CLI_EXIT_USAGE;
    }

  watchlist = open_lists (dir, &error);
  if (watchlist == NULL)
    {
      g_printerr ("borderpost-cli lists screen: %s\n", error->message);
      return BP_CLI_EXIT_FAILED;
    }

  result = bp_watchlist_screen (watchlist, &query);

  json_builder_begin_object (builder);
  add_lists (builder, result->lists);
  json_builder_set_member_name (builder, "hits");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->hits->len; i++)
    add_hit (builder, g_ptr_array_index (result->hits, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json = builder_to_json (builder);
  bp_cli_print_json (json);

  if (result->lists->len == 0)
    {
      g_printerr ("borderpost-cli lists screen: %s\n", _ ("No alert list is installed, so nothing was screened."));
      return BP_CLI_EXIT_FAILED;
    }

  return result->hits->len > 0 ? BP_CLI_EXIT_INVALID : BP_CLI_EXIT_OK;
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n", _ ("Usage: borderpost-cli lists import FILE.jsonl [--list NAME] [--delta] [--lists-dir DIR]"));
  fprintf (stream, "%s\n", _ ("       borderpost-cli lists status [--lists-dir DIR]"));
  fprintf (stream, "%s\n", _ ("       borderpost-cli lists screen [--mrz LINES] [--family NAME --given NAMES --birth DATE\n"
                              "                                   --nationality CODE] [--document NUMBER\n"
                              "                                   --issuing-state CODE --type T] [--lists-dir DIR]"));
}

int
bp_cli_lists (int argc,
              char **argv)
{
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      print_usage (stdout);
      return BP_CLI_EXIT_OK;
    }
  if (argc < 2)
    {
      print_usage (stderr);
      return BP_CLI_EXIT_USAGE;
    }

  /* GOption wants the program name first: "lists <command>" plays that part. */
  if (g_str_equal (argv[1], "import"))
    return lists_import (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "status"))
    return lists_status (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "screen"))
    return lists_screen (argc - 1, argv + 1);

  print_usage (stderr);
  return BP_CLI_EXIT_USAGE;
}
