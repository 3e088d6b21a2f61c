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

#include "bp-chip-analysis.h"
#include "bp-cli.h"
#include "bp-passive-auth.h"
#include "bp-pki.h"

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n", _ ("Usage: borderpost-cli verify --dir DIR [--csca FILE] [--trust-store PATH] [--mrz LINES]"));
  fprintf (stream, "%s\n", _ ("Verifies the chip files of a document (as written by “chip read --out”) offline and prints every check as JSON: Passive Authentication, and from the reading's own records Chip Authentication, PACE-CAM and Active Authentication."));
  fprintf (stream, "%s\n", _ ("Exits with 1 when the document is not genuine or its chip may be a copy."));
}

/* Passive Authentication's result as before ({"verdict", "reason",
 * "checks"}; an empty failed one without EF.SOD), with the chip checks
 * ("chip_checks": chip-mrz, chip-details, chip-auth, active-auth) and
 * "overall": failed when anything failed, doubtful when anything is a
 * warning, else Passive Authentication's verdict. */
static int
print_analysis (BpChipAnalysis *analysis,
                BpPaResult *result)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *json = NULL;
  GPtrArray *checks = bp_chip_analysis_get_checks (analysis);
  JsonObject *object;
  JsonArray *chip_checks = json_array_new ();
  BpDocumentVerdict overall = result ? bp_pa_result_get_verdict (result) : BP_DOCUMENT_FAILED;

  if (result != NULL)
    root = bp_pa_result_to_json_node (result);
  else
    {
      root = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (root, json_object_new ());
      json_object_set_string_member (json_node_get_object (root), "verdict",
                                     bp_document_verdict_to_string (BP_DOCUMENT_FAILED));
      json_object_set_array_member (json_node_get_object (root), "checks", json_array_new ());
    }
  object = json_node_get_object (root);

  for (guint i = 0; i < checks->len; i++)
    {
      BpCheck *check = g_ptr_array_index (checks, i);
      JsonObject *item = json_object_new ();

      if (g_str_equal (bp_check_get_id (check), "authenticity"))
        {
          if (result == NULL)
            json_object_set_string_member (object, "reason", bp_check_get_message (check));
          continue;
        }
      json_object_set_string_member (item, "id", bp_check_get_id (check));
      json_object_set_string_member (item, "title", bp_check_get_title (check));
      json_object_set_string_member (item, "verdict", bp_verdict_to_string (bp_check_get_verdict (check)));
      json_object_set_string_member (item, "reason", bp_check_get_message (check));
      {
        JsonObject *evidence = bp_check_get_evidence (check);

        if (evidence != NULL)
          json_object_set_object_member (item, "evidence", json_object_ref (evidence));
      }
      json_array_add_object_element (chip_checks, item);

      if (bp_check_get_verdict (check) == BP_VERDICT_FAILED)
        overall = BP_DOCUMENT_FAILED;
      else if (bp_check_get_verdict (check) == BP_VERDICT_WARNING && overall == BP_DOCUMENT_GENUINE)
        overall = BP_DOCUMENT_DOUBTFUL;
    }
  json_object_set_array_member (object, "chip_checks", chip_checks);
  json_object_set_string_member (object, "overall", bp_document_verdict_to_string (overall));

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json = json_generator_to_data (generator, NULL);
  bp_cli_print_json (json);

  return overall == BP_DOCUMENT_GENUINE ? BP_CLI_EXIT_OK : BP_CLI_EXIT_INVALID;
}

/**
 * bp_cli_verify:
 * @argc: the number of arguments
 * @argv: the arguments, argv[0] being "verify"
 *
 * `borderpost-cli verify --dir DIR [--csca FILE] [--trust-store PATH]
 * [--mrz LINES]` runs Passive Authentication on the files in DIR against
 * the trust store, or against the one CSCA certificate in FILE, then the
 * chip checks (Chip Authentication, PACE-CAM, Active Authentication, DG1
 * against the printed MRZ) as the booth makes them.
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
  g_autoptr (BpChipResult) chip = NULL;
  g_autoptr (BpChipAnalysis) analysis = NULL;
  g_autoptr (BpMrz) printed = NULL;
  BpPaResult *result;
  g_autofree char *dir = NULL;
  g_autofree char *csca = NULL;
  g_autofree char *trust_store = NULL;
  g_autofree char *mrz = NULL;
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

  chip = bp_chip_result_load_directory (dir, &error);
  if (chip == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return BP_CLI_EXIT_FAILED;
    }
  if (mrz != NULL && (printed = bp_mrz_parse (mrz, NULL, &error)) == NULL)
    {
      /* Translators: %s says what is wrong with the MRZ given. */
      fprintf (stderr, _ ("The MRZ given is not usable: %s"), error->message);
      fputc ('\n', stderr);
      return BP_CLI_EXIT_USAGE;
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

  if (bp_chip_result_get_file_data (chip, "SOD") == NULL)
    {
      /* Translators: %s is a folder path. */
      fprintf (stderr, _ ("There is no SOD.bin in “%s”: the document cannot be verified."), dir);
      fputc ('\n', stderr);
    }

  analysis = bp_chip_analysis_new (chip, printed, store, NULL);
  result = bp_chip_analysis_get_authenticity (analysis);
  return print_analysis (analysis, result);
}
