/* bp-cli-mrz.c
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
#include "bp-mrz.h"

/* A zone is at most 90 characters; a little more leaves room for blanks
 * and line ends without reading a runaway pipe into memory. */
#define STDIN_LIMIT (64 * 1024)

static char *
read_stdin (void)
{
  GString *text = g_string_new (NULL);
  char buf[4096];
  size_t n;

  while (text->len < STDIN_LIMIT && (n = fread (buf, 1, sizeof buf, stdin)) > 0)
    g_string_append_len (text, buf, n);

  /* Embedded NUL bytes would cut the text short; they are not MRZ text. */
  for (gsize i = 0; i < text->len; i++)
    if (text->str[i] == '\0')
      text->str[i] = '?';

  return g_string_free (text, FALSE);
}

static GDateTime *
parse_today (const char *iso)
{
  int y, m, d;
  char end;

  if (sscanf (iso, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 || !g_date_valid_dmy (d, m, y))
    return NULL;

  return g_date_time_new_local (y, m, d, 0, 0, 0);
}

static int
mrz_parse (int argc,
           char **argv)
{
  g_autofree char *today_arg = NULL;
  g_auto (GStrv) rest = NULL;
  GOptionEntry entries[] = {
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_arg,
      N_ ("Count the century rules of dates from DATE instead of today"), N_ ("YYYY-MM-DD") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GDateTime) today = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (BpMrz) mrz = NULL;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;

  context = g_option_context_new (_ ("[LINE...] - parse a machine readable zone"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _ ("Reads the lines of a machine readable zone from the arguments, or from\n"
                                   "standard input when there are none, and prints what it holds as JSON.\n"
                                   "Exit status: 0 valid, 1 read but invalid, 2 not a machine readable zone."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("borderpost-cli mrz parse: %s\n", error->message);
      return BP_CLI_EXIT_USAGE;
    }

  if (today_arg != NULL && (today = parse_today (today_arg)) == NULL)
    {
      g_printerr ("borderpost-cli mrz parse: %s\n", _ ("--today needs a date as YYYY-MM-DD"));
      return BP_CLI_EXIT_USAGE;
    }

  if (rest != NULL && rest[0] != NULL)
    text = g_strjoinv ("\n", rest);
  else
    text = read_stdin ();

  mrz = bp_mrz_parse (text, today, &error);
  if (mrz == NULL)
    {
      g_printerr ("borderpost-cli mrz parse: %s\n", error->message);
      return BP_CLI_EXIT_USAGE;
    }

  json = bp_mrz_to_json (mrz);
  bp_cli_print_json (json);

  return mrz->valid ? BP_CLI_EXIT_OK : BP_CLI_EXIT_INVALID;
}

int
bp_cli_mrz (int argc,
            char **argv)
{
  if (argc < 2 || g_strcmp0 (argv[1], "parse") != 0)
    {
      if (argc >= 2 && (g_strcmp0 (argv[1], "--help") == 0 || g_strcmp0 (argv[1], "-h") == 0))
        {
          g_print ("%s\n", _ ("Usage: borderpost-cli mrz parse [--today YYYY-MM-DD] [LINE...]"));
          return BP_CLI_EXIT_OK;
        }
      g_printerr ("%s\n", _ ("Usage: borderpost-cli mrz parse [--today YYYY-MM-DD] [LINE...]"));
      return BP_CLI_EXIT_USAGE;
    }

  /* GOption wants the program name first: "mrz parse" plays that part. */
  return mrz_parse (argc - 1, argv + 1);
}
