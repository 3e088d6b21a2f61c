/* bp-window.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-card-readers.h"
#include "bp-decide-page.h"
#include "bp-photo-page.h"
#include "bp-reasons.h"
#include "bp-recent-panel.h"
#include "bp-scan-page.h"
#include "bp-screening.h"
#include "bp-sync-indicator.h"
#include "bp-verify-page.h"
#include "bp-window.h"

struct _BpWindow
{
  AdwApplicationWindow parent_instance;

  GtkLabel *demo_label;
  GtkWidget *step_scan;
  GtkWidget *step_verify;
  GtkWidget *step_photo;
  GtkWidget *step_decide;
  GtkStack *stack;
  BpScanPage *scan_page;
  BpVerifyPage *verify_page;
  BpPhotoPage *photo_page;
  BpDecidePage *decide_page;
  GtkToggleButton *recent_button;
  BpRecentPanel *recent_panel;
  AdwToastOverlay *toast_overlay;
  AdwToast *specimen_toast; /* weak: which demo specimen is on the reader */
  GtkLabel *booth_label;
  GtkLabel *direction_label;
  GtkLabel *store_label;
  BpSyncIndicator *sync_indicator;

  GSettings *settings;
  BpStore *store;
  BpInspection *inspection;
  BpChipInspection *chip;
  BpWatchlist *watchlist;
  BpDemoBooth *demo_booth;
  BpSync *sync;
  GCancellable *screening;
  BpWatchlistResult *screened; /* the strongest screening of this traveller so far */
  BpCrossing *pending;         /* decided, not yet stored */
  GCancellable *cancellable;
  gboolean store_ready;
  char *store_error;
  guint reached;  /* furthest step reached for this traveller */
  guint specimen; /* next demo specimen */
};

G_DEFINE_FINAL_TYPE (BpWindow, bp_window, ADW_TYPE_APPLICATION_WINDOW)

static const char *steps[] = { "scan", "verify", "photo", "decide" };

static void save_pending (BpWindow *self);

static guint
step_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (g_strcmp0 (steps[i], name) == 0)
      return i;
  return 0;
}

static void
update_steps (BpWindow *self)
{
  GtkWidget *labels[] = { self->step_scan, self->step_verify, self->step_photo, self->step_decide };
  guint current = step_index (gtk_stack_get_visible_child_name (self->stack));

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      if (i == current)
        gtk_widget_add_css_class (labels[i], "current");
      else
        gtk_widget_remove_css_class (labels[i], "current");

      if (i < current || (i <= self->reached && i != current))
        gtk_widget_add_css_class (labels[i], "done");
      else
        gtk_widget_remove_css_class (labels[i], "done");
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", current > 0 && !bp_window_get_saving (self));
}

static void
show_step (BpWindow *self,
           guint step)
{
  GtkWidget *page;

  g_assert (step < G_N_ELEMENTS (steps));

  self->reached = MAX (self->reached, step);
  gtk_stack_set_visible_child_name (self->stack, steps[step]);
  update_steps (self);

  page = gtk_stack_get_visible_child (self->stack);
  gtk_widget_grab_focus (page);
}

static void
cancel_screening (BpWindow *self)
{
  g_cancellable_cancel (self->screening);
  g_clear_object (&self->screening);
  g_clear_pointer (&self->screened, bp_watchlist_result_free);
  bp_verify_page_set_hits (self->verify_page, NULL);
}

static void
screened_cb (GObject *object,
             GAsyncResult *result,
             gpointer user_data)
{
  g_autoptr (BpWindow) self = user_data;
  g_autoptr (BpWatchlistResult) screening = NULL;
  g_autoptr (BpCheck) check = NULL;

  screening = bp_screening_run_finish (result, NULL);
  if (screening == NULL || bp_inspection_get_mrz (self->inspection) == NULL)
    return; /* cancelled: the officer moved on to the next traveller */

  /* The chip's names are screened after the MRZ's: keep whichever found
   * more, so that a hit once shown never disappears. */
  if (self->screened != NULL && bp_screening_pick (self->screened, screening) == self->screened)
    return;
  g_clear_pointer (&self->screened, bp_watchlist_result_free);
  self->screened = g_steal_pointer (&screening);

  check = bp_watchlist_result_to_check (self->screened);
  bp_inspection_put_check (self->inspection, check);
  bp_verify_page_set_hits (self->verify_page, self->screened->hits);
}

/* Once the chip is read, its holder's full name (UTF-8, never cut short)
 * is screened too. */
static void
chip_state_cb (BpWindow *self)
{
  BpLdsDg11 *dg11 = bp_chip_inspection_get_dg11 (self->chip);
  BpMrz *mrz = bp_inspection_get_mrz (self->inspection);

  if (bp_chip_inspection_get_state (self->chip) != BP_CHIP_STATE_DONE || dg11 == NULL || mrz == NULL
      || self->watchlist == NULL || self->screening == NULL)
    return;

  bp_screening_run_chip_async (self->watchlist, mrz, dg11, self->screening, screened_cb,
                               g_object_ref (self));
}

/* Screening runs as soon as the MRZ is known, off the main thread: with
 * millions of entries it takes milliseconds, never a frame. */
static void
start_screening (BpWindow *self,
                 BpMrz *mrz)
{
  cancel_screening (self);
  if (self->watchlist == NULL)
    return;

  self->screening = g_cancellable_new ();
  bp_screening_run_async (self->watchlist, mrz, self->screening, screened_cb, g_object_ref (self));
}

static void
start_next_traveller (BpWindow *self)
{
  cancel_screening (self);
  bp_chip_inspection_reset (self->chip);
  bp_inspection_reset (self->inspection);
  bp_scan_page_reset (self->scan_page);
  bp_photo_page_reset (self->photo_page);
  bp_decide_page_reset (self->decide_page);
  self->reached = 0;
  show_step (self, 0);
}

static void
set_store_status (BpWindow *self,
                  const char *error_message)
{
  g_autofree char *text = NULL;

  g_clear_pointer (&self->store_error, g_free);
  self->store_error = g_strdup (error_message);

  if (error_message != NULL)
    {
      gtk_label_set_label (self->store_label, error_message);
      gtk_widget_add_css_class (GTK_WIDGET (self->store_label), "error");
    }
  else
    {
      /* Translators: %s is the path of the database file. */
      text = g_strdup_printf (_ ("Crossings stored in %s"), bp_store_get_path (self->store));
      gtk_label_set_label (self->store_label, text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->store_label), "error");
    }

  bp_decide_page_set_store_error (self->decide_page, error_message);
}

static void
store_opened_cb (GObject *object,
                 GAsyncResult *result,
                 gpointer user_data)
{
  g_autoptr (BpWindow) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!bp_store_open_finish (BP_STORE (object), result, &error))
    {
      AdwMessageDialog *dialog;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      set_store_status (self, error->message);
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _ ("Crossings Cannot Be Saved"),
                                                           NULL));
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _ ("%s\n\nDocuments can still be checked, but no crossing "
                                         "can be recorded until booth IT has fixed this."),
                                      error->message);
      adw_message_dialog_add_response (dialog, "close", _ ("_Understood"));
      gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  self->store_ready = TRUE;
  set_store_status (self, NULL);
  bp_recent_panel_set_model (self->recent_panel, bp_store_get_recent (self->store));
  if (self->sync != NULL)
    bp_sync_refresh (self->sync);
}

static void
save_failed_response_cb (AdwMessageDialog *dialog,
                         const char *response,
                         BpWindow *self)
{
  if (g_strcmp0 (response, "retry") == 0 && self->pending != NULL)
    save_pending (self);
  else
    {
      g_clear_object (&self->pending);
      bp_decide_page_set_saving (self->decide_page, FALSE);
      update_steps (self);
    }
}

static void
crossing_saved_cb (GObject *object,
                   GAsyncResult *result,
                   gpointer user_data)
{
  g_autoptr (BpWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (!bp_store_save_crossing_finish (BP_STORE (object), result, &error))
    {
      AdwMessageDialog *dialog;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* The crossing stays on screen, and is not reported as saved. */
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _ ("Crossing Not Saved"),
                                                           NULL));
      adw_message_dialog_format_body (dialog,
                                      _ ("%s\n\nThe traveller’s data is still on screen. Do not "
                                         "let the traveller pass until the crossing is saved; "
                                         "try again, or call booth IT."),
                                      error->message);
      adw_message_dialog_add_responses (dialog,
                                        "cancel", _ ("_Back to Decision"),
                                        "retry", _ ("_Try Again"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "retry", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "retry");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (save_failed_response_cb), self, 0);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  name = bp_crossing_dup_display_name (self->pending);
  /* Translators: toast after a crossing was stored: “NAME — Admitted”. */
  title = g_strdup_printf (_ ("Recorded: %s — %s"), name,
                           bp_decision_get_label (bp_crossing_get_decision (self->pending)));
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  g_clear_object (&self->pending);
  bp_decide_page_set_saving (self->decide_page, FALSE);
  start_next_traveller (self);
}

static void
save_pending (BpWindow *self)
{
  g_assert (self->pending != NULL);

  bp_decide_page_set_saving (self->decide_page, TRUE);
  update_steps (self);
  bp_store_save_crossing_async (self->store, self->pending, self->cancellable,
                                crossing_saved_cb, g_object_ref (self));
}

static void
scan_accepted_cb (BpWindow *self,
                  BpMrz *mrz)
{
  g_autoptr (GDateTime) today = g_date_time_new_now_local ();

  bp_inspection_set_mrz (self->inspection, mrz, today);
  bp_chip_inspection_start (self->chip);
  start_screening (self, mrz);
  bp_photo_page_reset (self->photo_page);
  bp_decide_page_reset (self->decide_page);
  show_step (self, 1);
}

/* The officer's review of an alert-list hit is part of the crossing. */
static void
alert_reviewed_cb (BpWindow *self,
                   gboolean confirmed,
                   const char *reason)
{
  g_autoptr (BpCheck) check = NULL;
  g_autofree char *message = NULL;

  if (bp_inspection_get_mrz (self->inspection) == NULL)
    return;

  if (confirmed)
    check = bp_check_new ("alert-review", _ ("Alert-list review"), BP_VERDICT_FAILED,
                          _ ("The officer confirmed the alert-list hit."));
  else
    {
      /* Translators: %s is the officer's reason for dismissing an alert-list hit. */
      message = g_strdup_printf (_ ("The officer dismissed the alert-list hit: %s"), reason);
      check = bp_check_new ("alert-review", _ ("Alert-list review"), BP_VERDICT_WARNING, message);
    }
  bp_inspection_put_check (self->inspection, check);
}

static void
verify_done_cb (BpWindow *self)
{
  show_step (self, 2);
}

static void
photo_done_cb (BpWindow *self,
               GBytes *jpeg)
{
  bp_inspection_set_photo (self->inspection, jpeg);
  bp_decide_page_prepare (self->decide_page);
  show_step (self, 3);
}

static void
decided_cb (BpWindow *self,
            int decision,
            GStrv reasons,
            const char *note)
{
  if (self->pending != NULL)
    return;

  self->pending = bp_inspection_build_crossing (self->inspection, decision,
                                                (const char *const *) reasons, note);
  save_pending (self);
}

/* A read-only view of a stored crossing, for the officer or a supervisor
 * who needs to see what was decided and why. */
static void
crossing_activated_cb (BpWindow *self,
                       BpCrossing *crossing)
{
  g_autoptr (GString) body = g_string_new (NULL);
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *when = NULL;
  g_autofree char *label = NULL;
  g_autofree char *name = bp_crossing_dup_display_name (crossing);
  const char *const *reasons = bp_crossing_get_reasons (crossing);
  GBytes *photo = bp_crossing_get_photo (crossing);
  AdwMessageDialog *dialog;

  local = g_date_time_to_local (bp_crossing_get_recorded_at (crossing));
  /* Translators: date and time of a stored crossing, strftime format. */
  when = g_date_time_format (local, _ ("%d %B %Y, %H:%M:%S"));

  label = bp_mrz_dup_document_label (bp_crossing_get_document_code (crossing),
                                     bp_crossing_get_document_number (crossing));
  /* Translators: a document (“Passport L898902C3”), then the code of the
   * state that issued it. The document may be of either gender. */
  g_string_append_printf (body, _ ("Document: %s, issued by %s"), label, bp_crossing_get_issuing_state (crossing));
  g_string_append_c (body, '\n');
  g_string_append_printf (body, _ ("Nationality: %s · Born: %s · Sex: %s"),
                          bp_crossing_get_nationality (crossing),
                          bp_crossing_get_birth_date (crossing) ? bp_crossing_get_birth_date (crossing) : "—",
                          bp_crossing_get_sex (crossing) ? bp_crossing_get_sex (crossing) : "—");
  g_string_append_c (body, '\n');
  g_string_append_printf (body, _ ("Decision: %s"),
                          bp_decision_get_label (bp_crossing_get_decision (crossing)));
  g_string_append_c (body, '\n');
  for (guint i = 0; reasons != NULL && reasons[i] != NULL; i++)
    {
      BpReason *reason = bp_reasons_lookup (reasons[i]);
      g_string_append_printf (body, "• %s\n", reason ? bp_reason_get_label (reason) : reasons[i]);
    }
  if (bp_crossing_get_note (crossing) != NULL && *bp_crossing_get_note (crossing) != '\0')
    {
      g_string_append_printf (body, _ ("Note: %s"), bp_crossing_get_note (crossing));
      g_string_append_c (body, '\n');
    }
  g_string_append_printf (body, _ ("Recorded %s at booth %s"), when,
                          bp_crossing_get_booth_id (crossing) ? bp_crossing_get_booth_id (crossing) : "—");

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), name, body->str));
  adw_message_dialog_add_response (dialog, "close", _ ("_Close"));
  if (photo != NULL)
    {
      g_autoptr (GdkTexture) texture = gdk_texture_new_from_bytes (photo, NULL);

      if (texture != NULL)
        {
          GtkWidget *image = gtk_image_new_from_paintable (GDK_PAINTABLE (texture));

          gtk_image_set_pixel_size (GTK_IMAGE (image), 200);
          adw_message_dialog_set_extra_child (dialog, image);
        }
    }
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
back_action_cb (GtkWidget *widget,
                const char *action_name,
                GVariant *parameter)
{
  BpWindow *self = BP_WINDOW (widget);
  guint current = step_index (gtk_stack_get_visible_child_name (self->stack));

  if (current > 0 && !bp_window_get_saving (self))
    show_step (self, current - 1);
}

static void
goto_step_action_cb (GtkWidget *widget,
                     const char *action_name,
                     GVariant *parameter)
{
  BpWindow *self = BP_WINDOW (widget);
  guint step = (guint) g_variant_get_int32 (parameter);

  /* Only steps already reached for this traveller: the order of the
   * workflow is the order of the checks. */
  if (step < G_N_ELEMENTS (steps) && step <= self->reached && !bp_window_get_saving (self))
    show_step (self, step);
}

static void
new_traveller_action_cb (GtkWidget *widget,
                         const char *action_name,
                         GVariant *parameter)
{
  BpWindow *self = BP_WINDOW (widget);

  if (!bp_window_get_saving (self))
    start_next_traveller (self);
}

static void
search_action_cb (GtkWidget *widget,
                  const char *action_name,
                  GVariant *parameter)
{
  BpWindow *self = BP_WINDOW (widget);

  gtk_toggle_button_set_active (self->recent_button, TRUE);
  bp_recent_panel_focus_search (self->recent_panel);
}

static void
toggle_recent_action_cb (GtkWidget *widget,
                         const char *action_name,
                         GVariant *parameter)
{
  BpWindow *self = BP_WINDOW (widget);

  gtk_toggle_button_set_active (self->recent_button,
                                !gtk_toggle_button_get_active (self->recent_button));
}

static void
sync_now_action_cb (GtkWidget *widget,
                    const char *action_name,
                    GVariant *parameter)
{
  BpWindow *self = BP_WINDOW (widget);

  if (self->sync == NULL || !bp_sync_get_enabled (self->sync))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_ ("Sync with headquarters is switched off in Preferences")));
      return;
    }
  bp_sync_sync_now (self->sync);
}

static void
demo_specimen_action_cb (GtkWidget *widget,
                         const char *action_name,
                         GVariant *parameter)
{
  BpWindow *self = BP_WINDOW (widget);
  g_autoptr (GBytes) bytes = NULL;
  g_auto (GStrv) blocks = NULL;
  g_autoptr (GPtrArray) specimens = g_ptr_array_new ();
  const char *text;

  bytes = g_resources_lookup_data (RESOURCE_BASE "/demo/specimens.txt", 0, NULL);
  g_return_if_fail (bytes != NULL);

  text = g_bytes_get_data (bytes, NULL);
  blocks = g_strsplit (text, "\n\n", -1);
  for (guint i = 0; blocks[i] != NULL; i++)
    if (blocks[i][0] != '#' && blocks[i][0] != '\0')
      g_ptr_array_add (specimens, blocks[i]);

  if (specimens->len == 0)
    return;

  if (!bp_window_get_saving (self))
    {
      g_autofree char *mrz = NULL;
      const char *label = NULL;

      start_next_traveller (self);
      mrz = g_strconcat (g_strstrip (g_ptr_array_index (specimens, self->specimen % specimens->len)),
                         "\n", NULL);
      self->specimen++;
      /* The specimen's chip goes on the virtual reader with its page,
       * and the trainer is told which specimen it is. */
      if (self->demo_booth != NULL)
        label = bp_demo_booth_present (self->demo_booth, mrz);
      bp_scan_page_feed (self->scan_page, mrz);
      if (label != NULL && g_settings_get_boolean (self->settings, "demo-name-specimens"))
        {
          g_autofree char *escaped = g_markup_escape_text (label, -1);

          /* Only the specimen now on the reader: pressing on quickly must
           * not queue the names of the ones before. */
          if (self->specimen_toast != NULL)
            adw_toast_dismiss (self->specimen_toast);
          g_set_weak_pointer (&self->specimen_toast, adw_toast_new (escaped));
          adw_toast_set_priority (self->specimen_toast, ADW_TOAST_PRIORITY_HIGH);
          adw_toast_overlay_add_toast (self->toast_overlay, self->specimen_toast);
        }
    }
}

static void
settings_changed_cb (BpWindow *self,
                     const char *key,
                     GSettings *settings)
{
  g_autofree char *booth = g_settings_get_string (self->settings, "booth-id");
  g_autofree char *officer = g_settings_get_string (self->settings, "officer-id");
  g_autofree char *booth_text = NULL;
  BpDirection direction = g_settings_get_enum (self->settings, "direction");
  g_autofree char *reader = g_settings_get_string (self->settings, "chip-reader");
  BpCheckPolicy policy = BP_CHECK_POLICY_DEFAULT;

  policy.minor_age = g_settings_get_uint (self->settings, "minor-age");
  policy.expiry_warning_days = g_settings_get_uint (self->settings, "expiry-warning-days");
  policy.chip_reader = reader[0] != '\0';

  bp_inspection_set_policy (self->inspection, &policy);
  bp_inspection_set_booth (self->inspection, booth, officer, direction);

  /* Translators: %s is the booth identifier, e.g. BOOTH-01. */
  booth_text = g_strdup_printf (_ ("Booth %s"), booth);
  gtk_label_set_label (self->booth_label, booth_text);
  gtk_label_set_label (self->direction_label,
                       direction == BP_DIRECTION_EXIT ? _ ("Exit control") : _ ("Entry control"));
  bp_scan_page_set_auto_advance (self->scan_page,
                                 g_settings_get_boolean (self->settings, "auto-advance"));
}

/* A reader chosen in Preferences is used from the next traveller on. */
static void
chip_reader_changed_cb (BpWindow *self)
{
  g_autofree char *id = g_settings_get_string (self->settings, "chip-reader");
  g_autoptr (BpCardReader) reader = NULL;
  g_autoptr (GError) error = NULL;

  if (self->demo_booth != NULL)
    return; /* the demo always reads its virtual reader */

  if (id[0] != '\0')
    {
      reader = bp_card_reader_open (id, &error);
      if (reader == NULL)
        bp_window_add_toast (self, error->message);
    }
  bp_chip_inspection_set_reader (self->chip, reader);
}

static gboolean
bp_window_close_request (GtkWindow *window)
{
  BpWindow *self = BP_WINDOW (window);

  /* Never close while a crossing is on its way to the disk. */
  if (bp_window_get_saving (self))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_ ("Saving the crossing — please wait")));
      return TRUE;
    }

  return GTK_WINDOW_CLASS (bp_window_parent_class)->close_request (window);
}

/* Not in constructed(): GtkWindow:application is set only after it. */
static void
setup (BpWindow *self,
       BpApplication *app)
{
  self->settings = g_object_ref (bp_application_get_settings (app));
  self->store = g_object_ref (bp_application_get_store (app));

  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  settings_changed_cb (self, NULL, self->settings);

  gtk_widget_set_visible (GTK_WIDGET (self->demo_label), bp_application_get_demo (app));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.demo-specimen",
                                 bp_application_get_demo (app));
  if (bp_application_get_demo (app))
    gtk_widget_add_css_class (GTK_WIDGET (self), "demo");

  bp_photo_page_set_camera_source (self->photo_page, bp_application_get_camera_source (app));
  bp_verify_page_set_inspection (self->verify_page, self->inspection);

  self->chip = bp_chip_inspection_new (self->inspection);
  bp_chip_inspection_set_reader (self->chip, bp_application_get_card_reader (app, NULL));
  bp_chip_inspection_set_trust_store (self->chip, bp_application_get_trust_store (app));
  bp_verify_page_set_chip (self->verify_page, self->chip);
  g_signal_connect_object (self->chip, "notify::state", G_CALLBACK (chip_state_cb), self, G_CONNECT_SWAPPED);
  g_set_object (&self->watchlist, bp_application_get_watchlist (app));
  g_set_object (&self->demo_booth, bp_application_get_demo_booth (app));
  g_set_object (&self->sync, bp_application_get_sync (app));
  bp_sync_indicator_set_sync (self->sync_indicator, self->sync);
  g_signal_connect_object (self->settings, "changed::chip-reader", G_CALLBACK (chip_reader_changed_cb),
                           self, G_CONNECT_SWAPPED);
  bp_decide_page_set_inspection (self->decide_page, self->inspection);

  gtk_label_set_label (self->store_label, _ ("Opening the crossing database…"));
  bp_store_open_async (self->store, self->cancellable, store_opened_cb, g_object_ref (self));

  show_step (self, 0);
}

static void
bp_window_dispose (GObject *object)
{
  BpWindow *self = (BpWindow *) object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->screening);
  g_clear_weak_pointer (&self->specimen_toast);
  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_WINDOW);

  g_clear_object (&self->chip);
  g_clear_object (&self->watchlist);
  g_clear_object (&self->demo_booth);
  g_clear_object (&self->sync);
  g_clear_object (&self->screening);
  g_clear_pointer (&self->screened, bp_watchlist_result_free);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->inspection);
  g_clear_object (&self->pending);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (bp_window_parent_class)->dispose (object);
}

static void
bp_window_finalize (GObject *object)
{
  BpWindow *self = (BpWindow *) object;

  g_free (self->store_error);

  G_OBJECT_CLASS (bp_window_parent_class)->finalize (object);
}

static void
bp_window_class_init (BpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = bp_window_dispose;
  object_class->finalize = bp_window_finalize;
  window_class->close_request = bp_window_close_request;

  g_type_ensure (BP_TYPE_SCAN_PAGE);
  g_type_ensure (BP_TYPE_VERIFY_PAGE);
  g_type_ensure (BP_TYPE_PHOTO_PAGE);
  g_type_ensure (BP_TYPE_DECIDE_PAGE);
  g_type_ensure (BP_TYPE_RECENT_PANEL);
  g_type_ensure (BP_TYPE_SYNC_INDICATOR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BpWindow, demo_label);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, step_scan);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, step_verify);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, step_photo);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, step_decide);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, scan_page);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, verify_page);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, photo_page);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, decide_page);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, recent_button);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, recent_panel);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, booth_label);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, direction_label);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, store_label);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, sync_indicator);
  gtk_widget_class_bind_template_callback (widget_class, alert_reviewed_cb);
  gtk_widget_class_bind_template_callback (widget_class, scan_accepted_cb);
  gtk_widget_class_bind_template_callback (widget_class, verify_done_cb);
  gtk_widget_class_bind_template_callback (widget_class, photo_done_cb);
  gtk_widget_class_bind_template_callback (widget_class, decided_cb);
  gtk_widget_class_bind_template_callback (widget_class, crossing_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action_cb);
  gtk_widget_class_install_action (widget_class, "win.goto-step", "i", goto_step_action_cb);
  gtk_widget_class_install_action (widget_class, "win.new-traveller", NULL, new_traveller_action_cb);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action_cb);
  gtk_widget_class_install_action (widget_class, "win.toggle-recent", NULL, toggle_recent_action_cb);
  gtk_widget_class_install_action (widget_class, "win.demo-specimen", NULL, demo_specimen_action_cb);
  gtk_widget_class_install_action (widget_class, "win.sync-now", NULL, sync_now_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-traveller", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-recent", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.sync-now", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "win.demo-specimen", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.goto-step", "i", (gint32) i);
}

static void
bp_window_init (BpWindow *self)
{
  self->inspection = bp_inspection_new ();
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

BpWindow *
bp_window_new (BpApplication *application)
{
  BpWindow *self;

  g_return_val_if_fail (BP_IS_APPLICATION (application), NULL);

  self = g_object_new (BP_TYPE_WINDOW, "application", application, NULL);
  setup (self, application);

  return self;
}

void
bp_window_add_toast (BpWindow *self,
                     const char *text)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (BP_IS_WINDOW (self));

  /* Toast titles are markup; messages may hold "<" or "&". */
  escaped = g_markup_escape_text (text, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

const char *
bp_window_get_step (BpWindow *self)
{
  g_return_val_if_fail (BP_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

BpInspection *
bp_window_get_inspection (BpWindow *self)
{
  g_return_val_if_fail (BP_IS_WINDOW (self), NULL);
  return self->inspection;
}

BpChipInspection *
bp_window_get_chip_inspection (BpWindow *self)
{
  g_return_val_if_fail (BP_IS_WINDOW (self), NULL);
  return self->chip;
}

gboolean
bp_window_get_saving (BpWindow *self)
{
  g_return_val_if_fail (BP_IS_WINDOW (self), FALSE);
  return self->pending != NULL;
}

gboolean
bp_window_get_store_ready (BpWindow *self)
{
  g_return_val_if_fail (BP_IS_WINDOW (self), FALSE);
  return self->store_ready;
}

const char *
bp_window_get_store_error (BpWindow *self)
{
  g_return_val_if_fail (BP_IS_WINDOW (self), NULL);
  return self->store_error;
}
