/* bp-cli-crossings.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-cli"

#include "config.h"

#include <gio/gunixinputstream.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "bp-cli.h"
#include "bp-crossing-private.h"
#include "bp-store.h"
#include "bp-uuid.h"

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n", _ ("Usage: borderpost-cli crossings list [--limit N] [--search TEXT] [--database PATH]"));
  fprintf (stream, "%s\n\n", _ ("       borderpost-cli crossings add --json FILE [--database PATH]"));
  fprintf (stream, "%s\n", _ ("“list” prints the crossings stored at this booth as a JSON array, newest first."));
  fprintf (stream, "%s\n", _ ("“add” records crossings from a JSON file (“-” for standard input): one object, an array of "
                              "objects, or one object per line, in the form “list” prints."));
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

/* Adding */

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* A crossing from the object `crossings list` prints. Its uuid and
 * boot_id are kept when given, so that a crossing moved from another
 * booth's database keeps its identity; the sequence is this booth's.
 * The photo travels as "photo_base64", since the printed form only
 * names it by hash. */
static BpCrossing *
crossing_from_json (JsonObject *object,
                    GError **error)
{
  g_autoptr (BpCrossing) crossing = bp_crossing_new ();
  const char *uuid = member_string (object, "uuid");
  const char *recorded_at = member_string (object, "recorded_at");
  const char *photo = member_string (object, "photo_base64");
  JsonNode *node;

  if (uuid != NULL && !bp_uuid_is_valid (uuid))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _ ("“%s” is not a valid crossing identifier."), uuid);
      return NULL;
    }
  if (uuid != NULL || member_string (object, "boot_id") != NULL)
    _bp_crossing_set_identity (crossing,
                               uuid ? uuid : bp_crossing_get_uuid (crossing), 0,
                               member_string (object, "boot_id") ? member_string (object, "boot_id") : bp_crossing_get_boot_id (crossing));

  if (recorded_at != NULL)
    {
      g_autoptr (GDateTime) when = g_date_time_new_from_iso8601 (recorded_at, NULL);
      g_autoptr (GDateTime) utc = NULL;

      if (when == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _ ("“%s” is not a date and time."), recorded_at);
          return NULL;
        }
      utc = g_date_time_to_utc (when);
      bp_crossing_set_recorded_at (crossing, utc);
    }

  bp_crossing_set_booth_id (crossing, member_string (object, "booth_id"));
  bp_crossing_set_officer_id (crossing, member_string (object, "officer_id"));
  bp_crossing_set_direction (crossing, bp_direction_from_string (member_string (object, "direction")));
  _bp_crossing_set_document (crossing,
                             member_string (object, "mrz"),
                             member_string (object, "document_format"),
                             member_string (object, "document_code"),
                             member_string (object, "issuing_state"),
                             member_string (object, "document_number"),
                             member_string (object, "nationality"),
                             member_string (object, "primary_identifier"),
                             member_string (object, "secondary_identifier"),
                             member_string (object, "birth_date"),
                             member_string (object, "sex"),
                             member_string (object, "expiry_date"));

  node = json_object_get_member (object, "checks");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *checks = json_to_string (node, FALSE);

      bp_crossing_set_checks_json (crossing, checks);
    }

  bp_crossing_set_decision (crossing, bp_decision_from_string (member_string (object, "decision")));

  node = json_object_get_member (object, "reasons");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
      g_auto (GStrv) reasons = NULL;

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (element));
        }
      reasons = g_strv_builder_end (builder);
      bp_crossing_set_reasons (crossing, (const char *const *) reasons);
    }

  bp_crossing_set_note (crossing, member_string (object, "note"));
  bp_crossing_set_supersedes (crossing, member_string (object, "supersedes"));

  if (photo != NULL)
    {
      gsize len = 0;
      guchar *data = g_base64_decode (photo, &len);
      g_autoptr (GBytes) bytes = g_bytes_new_take (data, len);

      if (len == 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _ ("“photo_base64” holds no photo."));
          return NULL;
        }
      bp_crossing_set_photo (crossing, bytes);
    }
  else if ((node = json_object_get_member (object, "photo")) != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _ ("The crossing names a photo but does not hold it: add it as “photo_base64”."));
      return NULL;
    }

  return g_steal_pointer (&crossing);
}

/* One object per line, at least two lines; FALSE when the text is not that. */
static gboolean
read_lines (const char *text,
            GPtrArray *objects)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      const char *line = g_strstrip (lines[i]);

      if (*line == '\0')
        continue;
      if (!json_parser_load_from_data (parser, line, -1, NULL) || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        return FALSE;
      g_ptr_array_add (objects, json_object_ref (json_node_get_object (json_parser_get_root (parser))));
    }

  return objects->len >= 2;
}

/* Objects from the file: one object, an array, or JSON Lines. */
static GPtrArray *
read_objects (const char *path,
              GError **error)
{
  g_autofree char *text = NULL;
  gsize len;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GPtrArray) objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  JsonNode *root;

  if (g_str_equal (path, "-"))
    {
      g_autoptr (GInputStream) in = g_unix_input_stream_new (0, FALSE);
      g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();

      if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error) < 0)
        return NULL;
      len = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));
      text = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)), len);
    }
  else if (!g_file_get_contents (path, &text, &len, error))
    return NULL;

  /* JSON Lines first: json-glib reads the first of several objects
   * and ignores the rest. A pretty-printed object fails at its first
   * line and is read whole below. */
  if (read_lines (text, objects))
    return g_steal_pointer (&objects);
  g_ptr_array_set_size (objects, 0);

  if (json_parser_load_from_data (parser, text, len, NULL) && (root = json_parser_get_root (parser)) != NULL)
    {
      if (JSON_NODE_HOLDS_OBJECT (root))
        g_ptr_array_add (objects, json_object_ref (json_node_get_object (root)));
      else if (JSON_NODE_HOLDS_ARRAY (root))
        {
          JsonArray *array = json_node_get_array (root);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *node = json_array_get_element (array, i);

              if (!JSON_NODE_HOLDS_OBJECT (node))
                {
                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _ ("Item %u of the array is not a JSON object."), i + 1);
                  return NULL;
                }
              g_ptr_array_add (objects, json_object_ref (json_node_get_object (node)));
            }
        }
      else
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _ ("The file holds no JSON object."));
          return NULL;
        }

      return g_steal_pointer (&objects);
    }

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _ ("The file is not JSON: give one object, an array, or one object per line."));
  return NULL;
}

static int
crossings_add (int argc,
               char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (BpStore) store = NULL;
  g_autoptr (GPtrArray) objects = NULL;
  g_autoptr (GPtrArray) crossings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *database = NULL;
  g_autofree char *file = NULL;
  g_autofree char *json = NULL;
  g_autoptr (GListStore) saved = g_list_store_new (BP_TYPE_CROSSING);
  const GOptionEntry entries[] = {
    { "json", 'j', 0, G_OPTION_ARG_FILENAME, &file,
      N_ ("The crossings: one JSON object, an array, or one object per line; “-” reads standard input"), N_ ("FILE") },
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database,
      N_ ("The database file (default: $BORDERPOST_DATABASE, else borderpost/borderpost.sqlite in the user data folder)"),
      N_ ("PATH") },
    { NULL }
  };

  g_set_prgname ("borderpost-cli crossings add");
  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _ ("Records crossings from JSON and prints them as stored. Crossings are stored in "
                                            "order; the first that cannot be stored stops the command, and "
                                            "those after it are not stored."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error) || argc > 1 || file == NULL)
    {
      fprintf (stderr, "%s\n\n", error ? error->message : _ ("Give the crossings with --json FILE."));
      print_usage (stderr);
      return BP_CLI_EXIT_USAGE;
    }

  objects = read_objects (file, &error);
  if (objects == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return BP_CLI_EXIT_USAGE;
    }

  /* Every object is checked before the first is stored. */
  for (guint i = 0; i < objects->len; i++)
    {
      BpCrossing *crossing = crossing_from_json (g_ptr_array_index (objects, i), &error);

      if (crossing == NULL)
        {
          /* Translators: %u counts crossings in the file from 1, %s says what is wrong. */
          fprintf (stderr, _ ("Crossing %u: %s"), i + 1, error->message);
          fputc ('\n', stderr);
          return BP_CLI_EXIT_INVALID;
        }
      g_ptr_array_add (crossings, crossing);
    }

  if (database == NULL)
    database = bp_store_dup_default_path ();

  store = bp_store_new (database);
  if (!bp_store_open_sync (store, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return BP_CLI_EXIT_FAILED;
    }

  for (guint i = 0; i < crossings->len; i++)
    {
      BpCrossing *crossing = g_ptr_array_index (crossings, i);

      if (!bp_store_save_crossing_sync (store, crossing, &error))
        {
          fprintf (stderr, _ ("Crossing %u: %s"), i + 1, error->message);
          fputc ('\n', stderr);
          return g_error_matches (error, BP_STORE_ERROR, BP_STORE_ERROR_FAILED) ? BP_CLI_EXIT_INVALID : BP_CLI_EXIT_FAILED;
        }
      g_list_store_append (saved, crossing);
    }

  json = crossings_to_json (G_LIST_MODEL (saved));
  bp_cli_print_json (json);

  return BP_CLI_EXIT_OK;
}

/**
 * bp_cli_crossings:
 * @argc: the number of arguments
 * @argv: the arguments, argv[0] being "crossings"
 *
 * `borderpost-cli crossings list [--limit N] [--search TEXT] [--database PATH]`
 * prints the stored crossings as a JSON array on standard output;
 * `borderpost-cli crossings add --json FILE [--database PATH]` records
 * crossings from JSON and prints them as stored.
 *
 * Returns: 0 on success, 1 when a crossing is not valid, 2 on bad usage,
 *   3 when the store fails
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

  if (g_str_equal (argv[1], "add"))
    return crossings_add (argc - 1, argv + 1);

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
