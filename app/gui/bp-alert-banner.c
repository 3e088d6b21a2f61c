/* bp-alert-banner.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-alert-banner"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-alert-banner.h"

struct _BpAlertBanner
{
  AdwBin parent_instance;

  GtkLabel *title_label;
  GtkLabel *action_label;
  GtkListBox *hits_list;
  GtkStack *review_stack;
  GtkLabel *review_label;

  GPtrArray *hits;
  gboolean reviewed;
};

G_DEFINE_FINAL_TYPE (BpAlertBanner, bp_alert_banner, ADW_TYPE_BIN)

enum
{
  REVIEWED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static const char *
describe_list (const char *list)
{
  if (g_strcmp0 (list, "sltd") == 0)
    return _ ("Lost or stolen documents");
  if (g_strcmp0 (list, "national") == 0)
    return _ ("National list of persons of interest");
  if (g_strcmp0 (list, "api") == 0)
    return _ ("Pre-arrival list (API)");
  return list;
}

/* What the officer must do, as an instruction. Unknown actions are shown
 * as the list wrote them. */
static const char *
describe_action (const char *action)
{
  if (action == NULL || *action == '\0' || g_str_equal (action, "refer"))
    return _ ("Refer the traveller to second line");
  if (g_str_equal (action, "seize"))
    return _ ("Keep the document and refer the traveller to second line");
  if (g_str_equal (action, "notify"))
    return _ ("Let the traveller continue normally and notify the duty officer");
  if (g_str_equal (action, "arrest"))
    return _ ("Do not let the traveller through; call the duty officer now");
  return action;
}

static GtkWidget *
create_hit_row (BpWatchlistHit *hit)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *who = NULL;
  GtkWidget *score;

  if (hit->kind == BP_WATCHLIST_KIND_DOCUMENT)
    /* Translators: a listed document; %s is its number. */
    who = g_strdup_printf (_ ("Document %s"), hit->document_number ? hit->document_number : "—");
  else
    /* Translators: a listed person: family name, given names, birth date. */
    who = g_strdup_printf (_ ("%s, %s, born %s"), hit->family_name ? hit->family_name : "—",
                           hit->given_names ? hit->given_names : "—",
                           hit->birth_date ? hit->birth_date : "—");

  /* Translators: list name, list version and entry id of an alert-list hit. */
  title = g_strdup_printf (_ ("%s · version %u · entry %s"), describe_list (hit->list),
                           hit->list_version, hit->entry_id);
  /* Translators: listed person or document; why it is listed; why it matched. */
  subtitle = g_strdup_printf (_ ("%s\nListed for: %s\nMatched on: %s"), who,
                              hit->reason && *hit->reason ? hit->reason : _ ("no reason given"),
                              hit->sentence ? hit->sentence : "");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  /* Translators: how closely the traveller matches a list entry, in percent. */
  score = gtk_label_new (NULL);
  {
    g_autofree char *text = g_strdup_printf (_ ("%d%% match"), (int) (hit->score * 100 + 0.5));
    gtk_label_set_label (GTK_LABEL (score), text);
  }
  gtk_widget_add_css_class (score, "heading");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), score);

  return row;
}

static void
set_reviewed (BpAlertBanner *self,
              const char *text)
{
  self->reviewed = TRUE;
  gtk_label_set_label (self->review_label, text);
  gtk_stack_set_visible_child_name (self->review_stack, "reviewed");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "alert.confirm", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "alert.dismiss", FALSE);
}

static void
confirm_action_cb (GtkWidget *widget,
                   const char *action_name,
                   GVariant *parameter)
{
  BpAlertBanner *self = BP_ALERT_BANNER (widget);

  if (self->hits == NULL || self->hits->len == 0 || self->reviewed)
    return;

  set_reviewed (self, _ ("Hit confirmed by the officer. Follow the action above."));
  g_signal_emit (self, signals[REVIEWED], 0, TRUE, NULL);
}

static void
dismiss_response_cb (AdwMessageDialog *dialog,
                     const char *response,
                     gpointer user_data)
{
  g_autoptr (BpAlertBanner) self = user_data;
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autofree char *text = NULL;

  if (!g_str_equal (response, "dismiss") || *reason == '\0' || self->reviewed)
    return;

  /* Translators: %s is the officer's reason for dismissing an alert-list hit. */
  text = g_strdup_printf (_ ("Hit dismissed by the officer: %s"), reason);
  set_reviewed (self, text);
  g_signal_emit (self, signals[REVIEWED], 0, FALSE, reason);
}

static void
reason_changed_cb (GtkEditable *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "dismiss", *reason != '\0');
}

static void
dismiss_action_cb (GtkWidget *widget,
                   const char *action_name,
                   GVariant *parameter)
{
  BpAlertBanner *self = BP_ALERT_BANNER (widget);
  GtkWidget *dialog;
  GtkWidget *entry;

  if (self->hits == NULL || self->hits->len == 0 || self->reviewed)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _ ("Dismiss the Alert-List Hit?"),
                                   _ ("Say why this traveller is not the listed person or document, "
                                      "for example “different birth date on the chip and the document”. "
                                      "Your reason is stored with the crossing."));
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Reason for dismissing"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _ ("_Cancel"),
                                    "dismiss", _ ("_Dismiss Hit"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "dismiss",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "dismiss", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "dismiss");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (reason_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (dismiss_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
bp_alert_banner_dispose (GObject *object)
{
  BpAlertBanner *self = (BpAlertBanner *) object;

  g_clear_pointer (&self->hits, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_ALERT_BANNER);

  G_OBJECT_CLASS (bp_alert_banner_parent_class)->dispose (object);
}

static void
bp_alert_banner_class_init (BpAlertBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_alert_banner_dispose;

  /**
   * BpAlertBanner::reviewed:
   * @confirmed: TRUE when the officer confirmed the hit
   * @reason: (nullable): the officer's reason for dismissing it
   */
  signals[REVIEWED] = g_signal_new ("reviewed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                    G_TYPE_BOOLEAN, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bp-alert-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, BpAlertBanner, title_label);
  gtk_widget_class_bind_template_child (widget_class, BpAlertBanner, action_label);
  gtk_widget_class_bind_template_child (widget_class, BpAlertBanner, hits_list);
  gtk_widget_class_bind_template_child (widget_class, BpAlertBanner, review_stack);
  gtk_widget_class_bind_template_child (widget_class, BpAlertBanner, review_label);

  gtk_widget_class_install_action (widget_class, "alert.confirm", NULL, confirm_action_cb);
  gtk_widget_class_install_action (widget_class, "alert.dismiss", NULL, dismiss_action_cb);
}

static void
bp_alert_banner_init (BpAlertBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
bp_alert_banner_set_hits (BpAlertBanner *self,
                          GPtrArray *hits)
{
  BpWatchlistHit *best;
  GtkWidget *child;
  g_autofree char *title = NULL;

  g_return_if_fail (BP_IS_ALERT_BANNER (self));

  g_clear_pointer (&self->hits, g_ptr_array_unref);
  self->reviewed = FALSE;
  gtk_stack_set_visible_child_name (self->review_stack, "open");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "alert.confirm", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "alert.dismiss", TRUE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->hits_list))) != NULL)
    gtk_list_box_remove (self->hits_list, child);

  if (hits == NULL || hits->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }

  self->hits = g_ptr_array_ref (hits);
  best = g_ptr_array_index (hits, 0);

  if (best->kind == BP_WATCHLIST_KIND_DOCUMENT)
    title = g_strdup (_ ("Alert: This Document Is Listed"));
  else
    title = g_strdup (_ ("Alert: This Traveller May Be Listed"));
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->action_label, describe_action (best->action));

  for (guint i = 0; i < hits->len; i++)
    gtk_list_box_append (self->hits_list, create_hit_row (g_ptr_array_index (hits, i)));

  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

gboolean
bp_alert_banner_get_reviewed (BpAlertBanner *self)
{
  g_return_val_if_fail (BP_IS_ALERT_BANNER (self), FALSE);

  return self->reviewed || self->hits == NULL || self->hits->len == 0;
}
