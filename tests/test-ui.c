/* test-ui.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the real application through the four steps, the way an officer's
 * keyboard does (through the same actions the key bindings activate), with
 * a videotestsrc camera, then reads the crossing back from SQLite.
 * Each run happens in a subprocess, so GTK starts clean every time.
 */

#include "config.h"

#include "tmp-dir.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <sqlite3.h>

#include "bp-alert-banner.h"
#include "bp-application.h"
#include "bp-authenticity-view.h"
#include "bp-check-guidance.h"
#include "bp-decide-page.h"
#include "bp-display-style.h"
#include "bp-photo-page.h"
#include "bp-recent-panel.h"
#include "bp-scan-page.h"
#include "bp-verify-page.h"
#include "bp-window.h"

#define SPECIMEN_TD3 "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n" \
                     "L898902C36UTO7408122F1204159ZE184226B<<<<<10\n"
/* utopia-passport-altered: its chip photo (DG2) was changed after signing. */
#define ALTERED_TD3 "P<UTOMORROW<<EVELYN<ROSE<<<<<<<<<<<<<<<<<<<<\n" \
                    "Q71B3820<2UTO9105171F3208302<<<<<<<<<<<<<<00\n"
#define VALID_TD3 "P<UTOHAPPY<<JOHN<PAUL<<<<<<<<<<<<<<<<<<<<<<<\n" \
                  "X47M219059UTO8603049M3109177<<<<<<<<<<<<<<<0\n"

typedef struct
{
  BpApplication *app;
  BpWindow *window;
  guint stage;
  guint ticks;
  guint recorded;
  const char *mrz;
  BpDecision decision;
  gboolean french_checked;
  gboolean broken_store;
  gboolean demo_specimen;        /* Ctrl+D instead of typing: the chip goes on the reader */
  gboolean expect_chip;          /* wait for the chip to be read and proven genuine */
  gboolean expect_hit;           /* wait for the alert-list banner, and confirm the hit */
  gboolean demo_chip;            /* put the chip of d->mrz on the demo reader, then scan it */
  gboolean expect_genuine;       /* every authenticity row shown passed, and folded */
  const char *expect_failed_row; /* this authenticity row failed, is shown, opens guidance */
} Driver;

static GtkWidget *
find_child (GtkWidget *widget,
            GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_child (child, type);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
find_label (GtkWidget *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_label (child, text))
      return TRUE;

  return FALSE;
}

static void
activate (GtkWidget *widget,
          const char *action,
          GVariant *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (widget, action, parameter));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* The Chip Authenticity rows: one per Passive Authentication check, each
 * saying its verdict in words; failed ones shown and opening guidance with
 * Enter, the others folded. */
static void
check_authenticity_rows (Driver *d)
{
  GtkWidget *window = GTK_WIDGET (d->window);
  GtkWidget *page = find_child (window, BP_TYPE_VERIFY_PAGE);
  BpAuthenticityView *view = BP_AUTHENTICITY_VIEW (find_child (window, BP_TYPE_AUTHENTICITY_VIEW));
  BpPaResult *result = bp_chip_inspection_get_authenticity (bp_window_get_chip_inspection (d->window));
  g_autoptr (GListModel) checks = NULL;
  g_autoptr (BpCheck) failed = NULL;
  BpDocumentVerdict expected = d->expect_genuine ? BP_DOCUMENT_GENUINE : BP_DOCUMENT_FAILED;
  guint n;

  g_assert_nonnull (result);
  g_assert_cmpint (bp_pa_result_get_verdict (result), ==, expected);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  /* The document verdict comes first, in words. */
  g_assert_true (find_label (GTK_WIDGET (view), bp_document_verdict_get_label (expected)));

  checks = bp_pa_result_dup_checks (result);
  n = g_list_model_get_n_items (checks);
  g_assert_cmpuint (n, >=, 8);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (BpCheck) check = g_list_model_get_item (checks, i);
      const char *id = bp_check_get_id (check);
      BpVerdict verdict = bp_check_get_verdict (check);
      GtkWidget *row = bp_authenticity_view_get_row (view, id);

      g_assert_nonnull (row);
      g_assert_true (find_label (row, bp_check_get_title (check)));
      g_assert_true (find_label (row, bp_verdict_get_label (verdict)));
      if (d->expect_genuine)
        {
          /* The demo trust store holds the specimen CSCA's CRL too. */
          g_assert_cmpint (verdict, ==, BP_VERDICT_PASSED);
          g_assert_false (gtk_widget_get_mapped (row));
        }
      else if (g_str_equal (id, d->expect_failed_row))
        {
          g_assert_cmpint (verdict, ==, BP_VERDICT_FAILED);
          g_assert_true (gtk_widget_get_mapped (row));
          failed = g_object_ref (check);
        }
      else if (verdict == BP_VERDICT_PASSED)
        g_assert_false (gtk_widget_get_mapped (row));
    }

  if (d->expect_failed_row == NULL)
    return;

  /* Enter on the failed row opens its guidance, and stays on the page. */
  g_assert_nonnull (failed);
  g_assert_null (find_message_dialog ());
  g_assert_true (gtk_widget_grab_focus (bp_authenticity_view_get_row (view, d->expect_failed_row)));
  activate (page, "verify.continue", NULL);
  g_assert_cmpstr (bp_window_get_step (d->window), ==, "verify");
  {
    AdwMessageDialog *dialog = find_message_dialog ();

    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, bp_check_get_title (failed));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                              bp_check_get_guidance (d->expect_failed_row)));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  gtk_widget_grab_focus (page);
}

/* One step of the officer's work per tick, each waiting for the
 * application to be ready for it, as a person would. */
static gboolean
drive_cb (gpointer user_data)
{
  Driver *d = user_data;
  GtkWidget *window = GTK_WIDGET (d->window);
  GtkWidget *page;
  const char *step;

  if (++d->ticks > 1200)
    g_error ("The workflow did not finish (stage %u, step %s)", d->stage,
             bp_window_get_step (d->window));

  step = bp_window_get_step (d->window);

  switch (d->stage)
    {
    case 0: /* the database is open, or failed to open */
      if (d->broken_store)
        {
          if (bp_window_get_store_error (d->window) == NULL)
            return G_SOURCE_CONTINUE;
          g_assert_false (bp_window_get_store_ready (d->window));
        }
      else if (!bp_window_get_store_ready (d->window))
        return G_SOURCE_CONTINUE;
      g_assert_cmpstr (step, ==, "scan");
      /* Without a compositor (Xvfb has none) popovers are drawn flat, or
       * their shadows and corners would show black. */
      g_assert_cmpint (bp_display_style_is_flat (gtk_widget_get_display (window)), ==,
                       !gdk_display_is_composited (gtk_widget_get_display (window)));
      page = find_child (window, BP_TYPE_SCAN_PAGE);
      if (d->demo_specimen)
        {
          activate (window, "win.demo-specimen", NULL);
          d->stage++;
          break;
        }
      if (d->demo_chip)
        {
          /* What Ctrl+D does, for a chosen specimen. */
          bp_demo_booth_present (bp_application_get_demo_booth (d->app), d->mrz);
          bp_scan_page_feed (BP_SCAN_PAGE (page), d->mrz);
          d->stage++;
          break;
        }
      /* A keyboard-wedge reader: first line and Enter, then the second. */
      {
        g_auto (GStrv) lines = g_strsplit (d->mrz, "\n", 3);
        g_autofree char *first = g_strconcat (lines[0], "\n", NULL);
        g_autofree char *second = g_strconcat (lines[1], "\n", NULL);

        bp_scan_page_feed (BP_SCAN_PAGE (page), first);
        g_assert_cmpstr (bp_window_get_step (d->window), ==, "scan");
        bp_scan_page_feed (BP_SCAN_PAGE (page), second);
      }
      d->stage++;
      break;

    case 1: /* verify */
      if (g_strcmp0 (step, "verify") != 0)
        return G_SOURCE_CONTINUE;
      if (d->expect_chip)
        {
          BpChipState state = bp_chip_inspection_get_state (bp_window_get_chip_inspection (d->window));

          g_assert_cmpint (state, !=, BP_CHIP_STATE_FAILED);
          if (state != BP_CHIP_STATE_DONE)
            return G_SOURCE_CONTINUE;
        }
      if (d->expect_hit)
        {
          GtkWidget *banner = find_child (window, BP_TYPE_ALERT_BANNER);

          if (!gtk_widget_get_visible (banner))
            return G_SOURCE_CONTINUE;
          g_assert_false (bp_alert_banner_get_reviewed (BP_ALERT_BANNER (banner)));
          activate (banner, "alert.confirm", NULL);
          g_assert_true (bp_alert_banner_get_reviewed (BP_ALERT_BANNER (banner)));
        }
      if (d->expect_genuine || d->expect_failed_row != NULL)
        check_authenticity_rows (d);
      g_assert_nonnull (bp_inspection_get_mrz (bp_window_get_inspection (d->window)));
      g_assert_cmpuint (g_list_model_get_n_items (
                            bp_inspection_get_checks (bp_window_get_inspection (d->window))),
                        >=, 5);
      if (d->decision == BP_DECISION_REFER)
        g_assert_cmpint (bp_inspection_get_overall (bp_window_get_inspection (d->window)), ==,
                         BP_VERDICT_FAILED);
      activate (find_child (window, BP_TYPE_VERIFY_PAGE), "verify.continue", NULL);
      d->stage++;
      break;

    case 2: /* photo: wait for live frames, take one */
      if (g_strcmp0 (step, "photo") != 0)
        return G_SOURCE_CONTINUE;
      page = find_child (window, BP_TYPE_PHOTO_PAGE);
      if (!bp_photo_page_get_live (BP_PHOTO_PAGE (page)))
        return G_SOURCE_CONTINUE;
      activate (page, "photo.take", NULL);
      g_assert_nonnull (bp_photo_page_get_photo (BP_PHOTO_PAGE (page)));
      activate (page, "photo.continue", NULL);
      d->stage++;
      break;

    case 3: /* decide */
      if (g_strcmp0 (step, "decide") != 0)
        return G_SOURCE_CONTINUE;
      page = find_child (window, BP_TYPE_DECIDE_PAGE);
      /* The checks preselect the decision; the officer confirms it. */
      g_assert_cmpint (bp_decide_page_get_decision (BP_DECIDE_PAGE (page)), ==, d->decision);
      activate (page, "decide.choose", g_variant_new_int32 (d->decision));
      bp_decide_page_set_note (BP_DECIDE_PAGE (page), "checked by test");
      activate (page, "decide.record", NULL);
      d->stage++;
      if (d->broken_store)
        {
          /* Nothing can be saved: the crossing stays on screen, unsaved. */
          g_assert_false (bp_window_get_saving (d->window));
          g_assert_cmpstr (bp_window_get_step (d->window), ==, "decide");
          g_assert_true (find_label (window, bp_window_get_store_error (d->window)));
          d->stage = 100;
        }
      break;

    case 4: /* stored, and back to the scan for the next traveller */
      if (bp_window_get_saving (d->window) || g_strcmp0 (step, "scan") != 0)
        return G_SOURCE_CONTINUE;
      {
        BpRecentPanel *panel = BP_RECENT_PANEL (find_child (window, BP_TYPE_RECENT_PANEL));
        GListModel *shown = bp_recent_panel_get_shown (panel);

        g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
        bp_recent_panel_set_search (panel, "nobody-has-this-name");
        g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
        bp_recent_panel_set_search (panel, "");
      }
      d->recorded++;
      d->stage++;
      break;

    case 100:
      gtk_window_destroy (GTK_WINDOW (window));
      return G_SOURCE_REMOVE;

    default:
      if (g_strcmp0 (g_getenv ("LANGUAGE"), "fr") == 0)
        d->french_checked = find_label (window, "Scanner le document") && find_label (window, "1 Lecture");
      gtk_window_destroy (GTK_WINDOW (window));
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
activated_cb (GApplication *app,
              Driver *d)
{
  d->window = BP_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (d->window);
  g_timeout_add (50, drive_cb, d);
}

static void
test_workflow_broken_store (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = tmp_dir_new ("borderpost-ui-XXXXXX");
      g_autofree char *file = g_build_filename (dir, "a-file", NULL);
      g_autofree char *db_path = g_build_filename (file, "crossings.sqlite", NULL);
      g_autoptr (BpApplication) app = NULL;
      Driver d = { 0 };
      char *argv[] = {
        (char *) "borderpost",
        (char *) "--database", db_path,
        (char *) "--camera", (char *) "videotestsrc is-live=true",
        NULL
      };

      /* A database below a regular file cannot be created, even by root. */
      g_assert_true (g_file_set_contents (file, "", 0, NULL));
      bp_application_init_i18n ();
      app = bp_application_new ();
      d.mrz = VALID_TD3;
      d.decision = BP_DECISION_ADMIT;
      d.broken_store = TRUE;
      g_signal_connect_after (app, "activate", G_CALLBACK (activated_cb), &d);
      g_assert_cmpint (g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv),
                       ==, 0);
      g_assert_cmpuint (d.recorded, ==, 0);
      g_assert_cmpuint (d.stage, ==, 100);
      return;
    }

  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static char *
query_one (const char *db_path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return result;
}

static gboolean
has_check (const char *db_path,
           const char *id,
           const char *verdict)
{
  g_autofree char *sql = g_strdup_printf ("SELECT instr (checks_json, '\"id\":\"%s\",\"verdict\":\"%s\"') > 0 "
                                          "FROM crossings",
                                          id, verdict);
  g_autofree char *found = query_one (db_path, sql);

  return g_strcmp0 (found, "1") == 0;
}

/* Runs one traveller through the four steps; returns the database path.
 * The trust store and alert lists live beside it, never in the home folder. */
static char *
run_driver (Driver *d,
            gboolean demo)
{
  g_autofree char *dir = tmp_dir_new ("borderpost-ui-XXXXXX");
  char *db_path = g_build_filename (dir, "crossings.sqlite", NULL);
  g_autofree char *trust = g_build_filename (dir, "trust.sqlite", NULL);
  g_autofree char *lists = g_build_filename (dir, "lists", NULL);
  g_autoptr (BpApplication) app = NULL;
  char *argv[] = {
    (char *) "borderpost",
    (char *) "--database", db_path,
    (char *) "--camera", (char *) "videotestsrc is-live=true pattern=ball",
    demo ? (char *) "--demo" : NULL,
    NULL
  };

  g_setenv ("BORDERPOST_TRUST_STORE", trust, TRUE);
  g_setenv ("BORDERPOST_LISTS_DIR", lists, TRUE);
  bp_application_init_i18n ();

  app = bp_application_new ();
  d->app = app;
  g_signal_connect_after (app, "activate", G_CALLBACK (activated_cb), d);

  g_assert_cmpint (g_application_run (G_APPLICATION (app), demo ? 6 : 5, argv), ==, 0);
  g_assert_cmpuint (d->recorded, ==, 1);
  return db_path;
}

/* --demo: the first specimen is typed by Ctrl+D and its chip put on the
 * virtual reader; the chip is read with PACE and proven genuine, so the
 * traveller is admitted, and the stored crossing says so. */
static void
test_workflow_demo_chip (void)
{
  if (g_test_subprocess ())
    {
      Driver d = { 0 };
      g_autofree char *db_path = NULL;

      d.decision = BP_DECISION_ADMIT;
      d.demo_specimen = TRUE;
      d.expect_chip = TRUE;
      d.expect_genuine = TRUE;
      db_path = run_driver (&d, TRUE);
      g_assert_true (has_check (db_path, "chip", "passed"));
      g_assert_true (has_check (db_path, "chip-mrz", "passed"));
      g_assert_true (has_check (db_path, "authenticity", "passed"));
      g_assert_true (has_check (db_path, "alert-lists", "passed"));
      return;
    }

  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* The altered specimen: its chip photo was changed after signing. The
 * Data group 2 row says so, is shown, and Enter on it opens guidance;
 * "refer" is preselected. */
static void
test_workflow_demo_altered (void)
{
  if (g_test_subprocess ())
    {
      Driver d = { 0 };
      g_autofree char *db_path = NULL;

      d.mrz = ALTERED_TD3;
      d.decision = BP_DECISION_REFER;
      d.demo_chip = TRUE;
      d.expect_chip = TRUE;
      d.expect_failed_row = "pa-dg2";
      db_path = run_driver (&d, TRUE);
      g_assert_true (has_check (db_path, "chip-mrz", "passed"));
      g_assert_true (has_check (db_path, "authenticity", "failed"));
      return;
    }

  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* A stolen specimen passport: the banner shows, the officer confirms the
 * hit, "refer" is preselected, and the hit and its review are stored. */
static void
test_workflow_demo_alert (void)
{
  if (g_test_subprocess ())
    {
      Driver d = { 0 };
      g_autofree char *db_path = NULL;

      d.mrz = SPECIMEN_TD3;
      d.decision = BP_DECISION_REFER;
      d.expect_hit = TRUE;
      db_path = run_driver (&d, TRUE);
      g_assert_true (has_check (db_path, "alert-lists", "failed"));
      g_assert_true (has_check (db_path, "alert-review", "failed"));
      return;
    }

  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
run_workflow (const char *mrz,
              BpDecision decision,
              const char *expected_number,
              const char *expected_decision)
{
  g_autofree char *db_path = NULL;
  Driver d = { 0 };
  g_autofree char *count = NULL;
  g_autofree char *number = NULL;
  g_autofree char *stored_decision = NULL;
  g_autofree char *photo_size = NULL;
  g_autofree char *outbox = NULL;
  g_autofree char *note = NULL;

  d.mrz = mrz;
  d.decision = decision;
  db_path = run_driver (&d, FALSE);
  if (g_strcmp0 (g_getenv ("LANGUAGE"), "fr") == 0)
    g_assert_true (d.french_checked);

  /* The crossing is on disk, with its photo and its outbox row. */
  count = query_one (db_path, "SELECT count(*) FROM crossings");
  g_assert_cmpstr (count, ==, "1");
  number = query_one (db_path, "SELECT document_number FROM crossings");
  g_assert_cmpstr (number, ==, expected_number);
  stored_decision = query_one (db_path, "SELECT decision FROM crossings");
  g_assert_cmpstr (stored_decision, ==, expected_decision);
  note = query_one (db_path, "SELECT note FROM crossings");
  g_assert_cmpstr (note, ==, "checked by test");
  photo_size = query_one (db_path, "SELECT length(photo) > 1000 FROM crossings");
  g_assert_cmpstr (photo_size, ==, "1");
  outbox = query_one (db_path, "SELECT count(*) FROM outbox");
  g_assert_cmpstr (outbox, ==, "1");
}

static void
test_workflow_refer (void)
{
  if (g_test_subprocess ())
    {
      /* An expired specimen: the checks preselect "refer". */
      run_workflow (SPECIMEN_TD3, BP_DECISION_REFER, "L898902C3", "refer");
      return;
    }

  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_workflow_admit (void)
{
  if (g_test_subprocess ())
    {
      run_workflow (VALID_TD3, BP_DECISION_ADMIT, "X47M21905", "admit");
      return;
    }

  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_workflow_french (void)
{
  if (g_test_subprocess ())
    {
      g_setenv ("LANGUAGE", "fr", TRUE);
      run_workflow (VALID_TD3, BP_DECISION_ADMIT, "X47M21905", "admit");
      return;
    }

  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int argc,
      char *argv[])
{
  /* No session bus in tests: fail fast instead of trying to start one. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/borderpost-test", TRUE);
  /* Not G_TEST_OPTION_ISOLATE_DIRS: it hides the system data folders, and
   * with them the MIME database GTK needs to load its own SVG icons. Each
   * run writes only to its own temporary database; settings are in memory. */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/borderpost/ui/workflow/refer", test_workflow_refer);
  g_test_add_func ("/borderpost/ui/workflow/admit", test_workflow_admit);
  g_test_add_func ("/borderpost/ui/workflow/french", test_workflow_french);
  g_test_add_func ("/borderpost/ui/workflow/broken-store", test_workflow_broken_store);
  g_test_add_func ("/borderpost/ui/workflow/demo-chip", test_workflow_demo_chip);
  g_test_add_func ("/borderpost/ui/workflow/demo-altered", test_workflow_demo_altered);
  g_test_add_func ("/borderpost/ui/workflow/demo-alert", test_workflow_demo_alert);

  return g_test_run ();
}
