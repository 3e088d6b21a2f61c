/* bp-cli.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>

#include "bp-cli.h"

static const struct
{
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} commands[] = {
  { "mrz", bp_cli_mrz, N_ ("Parse and check a machine readable zone") },
  { "crossings", bp_cli_crossings, N_ ("List the crossings stored at this booth") },
  { "csca", bp_cli_csca, N_ ("Manage the CSCA trust store: master lists, certificates, CRLs") },
  { "verify", bp_cli_verify, N_ ("Verify a document's chip files (Passive Authentication)") },
  { "readers", bp_cli_readers, N_ ("List the chip readers of every kind") },
  { "chip", bp_cli_chip, N_ ("Read a document's chip") },
  { "lists", bp_cli_lists, N_ ("Import, inspect and screen against alert lists") },
  { "sync", bp_cli_sync, N_ ("Send queued crossings to headquarters, or show the queue") },
};

void
bp_cli_print_json (const char *json)
{
  fputs (json, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n", _ ("Usage: borderpost-cli COMMAND [ARGUMENTS…]"));
  fprintf (stream, "%s\n", _ ("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-12s %s\n", commands[i].name, _ (commands[i].summary));
  fprintf (stream, "\n%s\n", _ ("Results are printed as JSON on standard output."));
}

int
main (int argc,
      char **argv)
{
  const char *localedir = g_getenv ("BORDERPOST_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return BP_CLI_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return BP_CLI_EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("borderpost-cli %s\n", PACKAGE_VERSION);
      return BP_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  /* Translators: %s is what the user typed as a command. */
  fprintf (stderr, _ ("Unknown command “%s”."), argv[1]);
  fputs ("\n\n", stderr);
  print_usage (stderr);
  return BP_CLI_EXIT_USAGE;
}
