/* bp-cli-csca.c
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
#include <stdlib.h>

#include "bp-cli.h"
#include "bp-pki.h"
#include "bp-trust-store.h"

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n", _ ("Usage: borderpost-cli csca import FILE [--anchor CERT] [--trust-store PATH]"));
  fprintf (stream, "%s\n", _ ("       borderpost-cli csca list [--country CC] [--trust-store PATH]"));
  fprintf (stream, "%s\n", _ ("       borderpost-cli csca show ID [--trust-store PATH]"));
  fprintf (stream, "%s\n\n", _ ("       borderpost-cli csca remove ID [--trust-store PATH]"));
  fprintf (stream, "%s\n", _ ("Manages the CSCA trust store: master lists, CSCA and Document Signer certificates, CRLs."));
}

static void
print_node (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *json = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  json = json_generator_to_data (generator, NULL);
  bp_cli_print_json (json);
}

static int
exit_for_error (const GError *error)
{
  fprintf (stderr, "%s\n", error->message);
  if (error->domain == BP_PKI_ERROR && error->code == BP_PKI_ERROR_STORE)
    return BP_CLI_EXIT_FAILED;
  if (error->domain == G_FILE_ERROR)
    return BP_CLI_EXIT_FAILED;
  return BP_CLI_EXIT_INVALID;
}

static BpTrustStore *
open_store (const char *path,
            GError **error)
{
  g_autofree char *default_path = NULL;

  if (path == NULL)
    path = default_path = bp_trust_store_dup_default_path ();
  return bp_trust_store_open (path, error);
}

static GOptionContext *
make_context (const char *name,
              const char *summary,
              const GOptionEntry *entries)
{
  GOptionContext *context;
  g_autofree char *prgname = g_strconcat ("borderpost-cli csca ", name, NULL);

  g_set_prgname (prgname);
  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  return context;
}

#define TRUST_STORE_ENTRY                                                   \
  {                                                                         \
    "trust-store", 't', 0, G_OPTION_ARG_FILENAME, &trust_store,             \
        N_ ("The trust store file (default: $BORDERPOST_TRUST_STORE, else " \
            "borderpost/trust.sqlite in the user data folder)"),            \
        N_ ("PATH")                                                         \
  }

static int
csca_import (int argc,
             char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (BpTrustStore) store = NULL;
  g_autoptr (BpTrustImport) import = NULL;
  g_autoptr (GBytes) data = NULL;
  g_autoptr (GBytes) anchor_data = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *trust_store = NULL;
  g_autofree char *anchor = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  const GOptionEntry entries[] = {
    { "anchor", 'a', 0, G_OPTION_ARG_FILENAME, &anchor,
      N_ ("The certificate a master list's signer must chain to; kept as an anchor when the list is accepted"),
      N_ ("CERT") },
    TRUST_STORE_ENTRY,
    { NULL }
  };

  context = make_context ("import", _ ("Imports a master list, a certificate or a CRL and prints a JSON summary."), entries);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      if (error)
        fprintf (stderr, "%s\n\n", error->message);
      print_usage (stderr);
      return BP_CLI_EXIT_USAGE;
    }

  if (!g_file_get_contents (argv[1], &contents, &length, &error))
    return exit_for_error (error);
  data = g_bytes_new_take (g_steal_pointer (&contents), length);
  if (anchor != NULL)
    {
      if (!g_file_get_contents (anchor, &contents, &length, &error))
        return exit_for_error (error);
      anchor_data = g_bytes_new_take (g_steal_pointer (&contents), length);
    }

  store = open_store (trust_store, &error);
  if (store == NULL)
    return exit_for_error (error);

  import = bp_trust_store_import (store, data, anchor_data, argv[1], &error);
  if (import == NULL)
    return exit_for_error (error);

  node = bp_trust_import_to_json (import);
  print_node (node);
  return BP_CLI_EXIT_OK;
}

static int
csca_list (int argc,
           char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (BpTrustStore) store = NULL;
  g_autoptr (GPtrArray) entries_found = NULL;
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autofree char *trust_store = NULL;
  g_autofree char *country = NULL;
  JsonArray *array = json_array_new ();
  const GOptionEntry entries[] = {
    { "country", 'c', 0, G_OPTION_ARG_STRING, &country,
      N_ ("Only entries of this country (two letters, as in the certificates)"), N_ ("CC") },
    TRUST_STORE_ENTRY,
    { NULL }
  };

  json_node_take_array (node, array);
  context = make_context ("list", _ ("Lists the trust store as a JSON array."), entries);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 1)
    {
      if (error)
        fprintf (stderr, "%s\n\n", error->message);
      print_usage (stderr);
      return BP_CLI_EXIT_USAGE;
    }

  store = open_store (trust_store, &error);
  if (store == NULL || !(entries_found = bp_trust_store_list (store, country, &error)))
    return exit_for_error (error);

  for (guint i = 0; i < entries_found->len; i++)
    json_array_add_element (array, bp_trust_entry_to_json (g_ptr_array_index (entries_found, i)));
  print_node (node);
  return BP_CLI_EXIT_OK;
}

static gboolean
parse_id (const char *text,
          gint64 *id)
{
  char *end = NULL;

  *id = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || *id <= 0)
    {
      /* Translators: %s is what the user typed. */
      fprintf (stderr, _ ("“%s” is not an entry id; see “borderpost-cli csca list”."), text);
      fputc ('\n', stderr);
      return FALSE;
    }
  return TRUE;
}

/* show and remove: one entry by id, printed as JSON (before removal). */
static int
csca_one_entry (int argc,
                char **argv,
                gboolean remove)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (BpTrustStore) store = NULL;
  g_autoptr (BpTrustEntry) entry = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *trust_store = NULL;
  gint64 id;
  const GOptionEntry entries[] = {
    TRUST_STORE_ENTRY,
    { NULL }
  };

  context = remove ? make_context ("remove", _ ("Removes one entry and prints it as JSON."), entries)
                   : make_context ("show", _ ("Prints one entry as JSON."), entries);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      if (error)
        fprintf (stderr, "%s\n\n", error->message);
      print_usage (stderr);
      return BP_CLI_EXIT_USAGE;
    }
  if (!parse_id (argv[1], &id))
    return BP_CLI_EXIT_USAGE;

  store = open_store (trust_store, &error);
  if (store == NULL || !(entry = bp_trust_store_lookup (store, id, &error))
      || (remove && !bp_trust_store_remove (store, id, &error)))
    return exit_for_error (error);

  node = bp_trust_entry_to_json (entry);
  print_node (node);
  return BP_CLI_EXIT_OK;
}

static int
csca_show (int argc,
           char **argv)
{
  return csca_one_entry (argc, argv, FALSE);
}

static int
csca_remove (int argc,
             char **argv)
{
  return csca_one_entry (argc, argv, TRUE);
}

/**
 * bp_cli_csca:
 * @argc: the number of arguments
 * @argv: the arguments, argv[0] being "csca"
 *
 * `borderpost-cli csca import|list|show|remove …` manages the trust store.
 *
 * Returns: 0 on success, 1 when a file is refused, 2 on bad usage, 3 when
 *   the store fails
 */
int
bp_cli_csca (int argc,
             char **argv)
{
  if (argc < 2)
    {
      print_usage (stderr);
      return BP_CLI_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "import"))
    return csca_import (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "list"))
    return csca_list (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "show"))
    return csca_show (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "remove"))
    return csca_remove (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return BP_CLI_EXIT_OK;
    }

  /* Translators: %s is what the user typed after "csca". */
  fprintf (stderr, _ ("Unknown csca command “%s”."), argv[1]);
  fputs ("\n\n", stderr);
  print_usage (stderr);
  return BP_CLI_EXIT_USAGE;
}
