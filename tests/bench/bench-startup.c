/* bench-startup.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GUI start to first frame: each run is a fresh process that starts the
 * real application and exits after the window's first paint, once as a
 * booth starts (an empty database, trust store and lists in a temporary
 * folder) and once in demo mode (which also builds the specimen chips and
 * imports the demo alert lists).
 * The baseline is a plain GtkWindow with one label, started the same way
 * in the same run, because shared machines are noisy.
 * Needs a display (run under xvfb-run with GSK_RENDERER=cairo).
 */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "bp-application.h"

#define RUNS 7

static gint64 start_time;

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWindow *window)
{
  printf ("%" G_GINT64_FORMAT "\n", g_get_monotonic_time () - start_time);
  fflush (stdout);
  exit (0);
}

static void
window_mapped_cb (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), window);
}

static void
app_activate_cb (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (gtk_widget_get_mapped (GTK_WIDGET (window)))
    window_mapped_cb (GTK_WIDGET (window));
  else
    g_signal_connect (window, "map", G_CALLBACK (window_mapped_cb), NULL);
}

static int
child_app (gboolean demo)
{
  g_autoptr (BpApplication) app = NULL;
  const char *dir = g_getenv ("BORDERPOST_BENCH_DIR");
  g_autofree char *database = g_build_filename (dir, "crossings.sqlite", NULL);
  g_autofree char *trust = g_build_filename (dir, "trust.sqlite", NULL);
  g_autofree char *lists = g_build_filename (dir, "lists", NULL);
  char *argv[] = { (char *) "borderpost", demo ? (char *) "--demo" : (char *) "--database", database, NULL };

  g_setenv ("BORDERPOST_TRUST_STORE", trust, TRUE);
  g_setenv ("BORDERPOST_LISTS_DIR", lists, TRUE);
  bp_application_init_i18n ();
  app = bp_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (app_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), demo ? 2 : 3, argv);
}

static void
baseline_activate_cb (GtkApplication *app)
{
  GtkWidget *window = gtk_application_window_new (app);

  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Borderpost"));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  g_signal_connect (window, "map", G_CALLBACK (window_mapped_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static int
child_baseline (void)
{
  g_autoptr (AdwApplication) app = adw_application_new ("org.borderpost.Baseline",
                                                        G_APPLICATION_NON_UNIQUE);
  char *argv[] = { (char *) "baseline", NULL };

  g_signal_connect (app, "activate", G_CALLBACK (baseline_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median_ms (const char *self_path,
           const char *mode)
{
  double samples[RUNS];

  for (guint i = 0; i < RUNS; i++)
    {
      const char *argv[] = { self_path, mode, NULL };
      g_autofree char *out = NULL;
      g_autoptr (GError) error = NULL;
      /* Each run starts with nothing: the child exits at its first frame,
       * so its folder is made and removed here. */
      g_autofree char *dir = g_dir_make_tmp ("borderpost-bench-XXXXXX", NULL);
      g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);
      int status;

      g_setenv ("BORDERPOST_BENCH_DIR", dir, TRUE);
      g_setenv ("TMPDIR", dir, TRUE); /* the demo's own folder goes there too */
      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                         &out, NULL, &status, &error)
          || !g_spawn_check_wait_status (status, &error))
        g_error ("%s run failed: %s", mode, error->message);
      if (system (command) != 0)
        g_printerr ("Could not remove %s\n", dir);
      samples[i] = g_ascii_strtod (out, NULL) / 1000.0;
    }

  qsort (samples, RUNS, sizeof (double), compare_doubles);
  return samples[RUNS / 2];
}

int
main (int argc,
      char *argv[])
{
  double app_ms, booth_ms, baseline_ms;

  start_time = g_get_monotonic_time ();
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/borderpost-bench", TRUE);

  if (argc > 1 && g_str_equal (argv[1], "--child-app"))
    return child_app (TRUE);
  if (argc > 1 && g_str_equal (argv[1], "--child-booth"))
    return child_app (FALSE);
  if (argc > 1 && g_str_equal (argv[1], "--child-baseline"))
    return child_baseline ();

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      printf ("{\"figure\":\"gui_start_to_first_frame\",\"skipped\":\"no display\"}\n");
      return 0;
    }

  baseline_ms = median_ms (argv[0], "--child-baseline");
  app_ms = median_ms (argv[0], "--child-app");
  booth_ms = median_ms (argv[0], "--child-booth");

  printf ("{\"figure\":\"booth_start_to_first_frame_p50\",\"value\":%.1f,\"unit\":\"ms\",\"runs\":%d}\n",
          booth_ms, RUNS);
  printf ("{\"figure\":\"booth_start_ratio_to_baseline\",\"value\":%.2f}\n", booth_ms / baseline_ms);
  printf ("{\"figure\":\"demo_start_to_first_frame_p50\",\"value\":%.1f,\"unit\":\"ms\",\"runs\":%d}\n",
          app_ms, RUNS);
  printf ("{\"figure\":\"baseline_gtk_window_first_frame_p50\",\"value\":%.1f,\"unit\":\"ms\",\"runs\":%d}\n",
          baseline_ms, RUNS);
  printf ("{\"figure\":\"demo_start_ratio_to_baseline\",\"value\":%.2f}\n", app_ms / baseline_ms);

  return 0;
}
