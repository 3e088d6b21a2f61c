/* bp-cli.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* Exit statuses shared by every subcommand. */
enum
{
  BP_CLI_EXIT_OK = 0,
  BP_CLI_EXIT_INVALID = 1, /* input understood, but it failed a check */
  BP_CLI_EXIT_USAGE = 2,   /* bad usage, or input that is not what was asked for */
  BP_CLI_EXIT_FAILED = 3,  /* an operational failure: store, I/O */
};

/* Each subcommand gets argv with argv[0] set to its own name ("mrz", …),
 * prints JSON on stdout and messages on stderr, and returns an exit status. */
int   bp_cli_mrz        (int    argc,
                         char **argv);
int   bp_cli_crossings  (int    argc,
                         char **argv);
int   bp_cli_csca       (int    argc,
                         char **argv);
int   bp_cli_verify     (int    argc,
                         char **argv);
int   bp_cli_readers    (int    argc,
                         char **argv);
int   bp_cli_chip       (int    argc,
                         char **argv);
int   bp_cli_lists      (int    argc,
                         char **argv);
int   bp_cli_sync       (int    argc,
                         char **argv);

/* Shared helpers. */
void  bp_cli_print_json (const char *json);

/* clang-format on */

G_END_DECLS
