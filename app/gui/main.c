/* main.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "bp-application.h"

int
main (int argc,
      char *argv[])
{
  g_autoptr (BpApplication) app = NULL;

  bp_application_init_i18n ();

  app = bp_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
