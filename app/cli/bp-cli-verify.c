/* bp-cli-verify.c
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
#include "bp-passive-auth.h"
#include "bp-pki.h"

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n", _ ("Usage: borderpost-cli verify --dir DIR [--csca FILE] [--trust-store PATH] [--mrz LINES]"));
  fprintf (stream, "%s\n", _ ("Verifies the chip files of a document (as written by “chip read --out”) offline and prints every check as JSON."));
  fprintf (stream, "%s\n", _ ("Exits with 1 when the document is not genuine."));
}

/**
 * bp_cli_verify:
 * @argc: the number of arguments
 * @argv: the arguments, argv[0] being "verify"
 *
 * `borderpost-cli verify --dir DIR [--csca FILE] [--trust-store PATH]
 * [--mrz LINES]` runs Passive Authentication on the files in DIR against
 * the trust store, or against the one CSCA certificate in FILE.
 *
 * Returns: 0 when genuine, 1 when doubtful or failed, 2 on bad usage, 3
 *   when files or the store cannot be read
 */
int
bp_cli_verify (int argc,
               char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (BpTrustStore) store = NULL;
  g_autoptr (GHashTable) groups = NULL;
  g_autoptr (GBytes) sod = NULL;
  g_autoptr (BpPaResult) result = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *csca = NULL;
  g_autofree char *trust_store = NULL;
  g_autofree char *mrz = NULL;
  g_autofree char *json = NULL;
  const GOptionEntry entries[] = {
    { "dir", 'd', 0, G_OPTION_ARG_FILENAME, &dir,
      N_ ("The folder with SOD.bin, DG1.bin, … as read from the chip"), N_ ("DIR") },
    { "csca", 'c', 0, G_OPTION_ARG_FILENAME, &csca,
      N_ ("Verify against this one CSCA certificate instead of the trust store"), N_ ("FILE") },
    { "trust-store", 't', 0, G_OPTION_ARG_FILENAME, &trust_store,
      N_ ("The trust store file (default: $BORDERPOST_TRUST_STORE, else borderpost/trust.sqlite in the user data folder)"),
      N_ ("PATH") },
    { "mrz", 'm', 0, G_OPTION_ARG_STRING, &mrz,
      N_ ("The printed MRZ, lines separated by newlines, to compare with DG1"), N_ ("LINES") },
    { NULL }
  };

  g_set_prgname ("borderpost-cli verify");
  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _ ("Verifies the chip files of a document offline."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 1 || dir == NULL)
    {
      if (error)
        fprintf (stderr, "%s\n\n", error->message);
      print_usage (stderr);
      return BP_CLI_EXIT_USAGE;
    }
  if (csca != NULL && trust_store != NULL)
    {
      fprintf (stderr, "%s\n\n", _ ("Give either --csca or --trust-store, not both."));
      print_usage (stderr);
      return BP_CLI_EXIT_USAGE;
    }

  groups = bp_passive_auth_read_dir (dir, &sod, &error);
  if (groups == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return BP_CLI_EXIT_FAILED;
    }

  if (csca != NULL)
    {
      /* One certificate: an in-memory store holding only it. */
      g_autoptr (BpTrustImport) import = NULL;
      g_autoptr (GBytes) data = NULL;
      char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (csca, &contents, &length, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return BP_CLI_EXIT_FAILED;
        }
      data = g_bytes_new_take (contents, length);
      store = bp_trust_store_open (":memory:", &error);
      if (store == NULL || !(import = bp_trust_store_import_certificate (store, data, csca, &error)))
        {
          fprintf (stderr, "%s\n", error->message);
          return BP_CLI_EXIT_FAILED;
        }
    }
  else
    {
      g_autofree char *path = trust_store ? g_strdup (trust_store) : bp_trust_store_dup_default_path ();

      store = bp_trust_store_open (path, &error);
      if (store == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return BP_CLI_EXIT_FAILED;
        }
    }

  if (sod == NULL)
    {
      /* Translators: %s is a folder path. */
      fprintf (stderr, _ ("There is no SOD.bin in “%s”: the document cannot be verified."), dir);
      fputc ('\n', stderr);
    }

  result = bp_passive_auth_verify (sod, groups, store, mrz, NULL, &error);
  if (result == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return BP_CLI_EXIT_FAILED;
    }

  json = bp_pa_result_to_json (result);
  bp_cli_print_json (json);

  return bp_pa_result_get_verdict (result) == BP_DOCUMENT_GENUINE ? BP_CLI_EXIT_OK : BP_CLI_EXIT_INVALID;
}
