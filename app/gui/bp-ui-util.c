/* bp-ui-util.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-ui-util"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "bp-check-guidance.h"
#include "bp-ui-util.h"

const char *
bp_verdict_get_icon_name (BpVerdict verdict)
{
  switch (verdict)
    {
    case BP_VERDICT_PASSED:
      return "emblem-ok-symbolic";
    case BP_VERDICT_WARNING:
      return "dialog-warning-symbolic";
    case BP_VERDICT_FAILED:
      return "dialog-error-symbolic";
    case BP_VERDICT_NOT_PERFORMED:
      return "action-unavailable-symbolic";
    case BP_VERDICT_NOT_APPLICABLE:
    default:
      return "list-remove-symbolic";
    }
}

const char *
bp_verdict_get_style_class (BpVerdict verdict)
{
  switch (verdict)
    {
    case BP_VERDICT_PASSED:
      return "success";
    case BP_VERDICT_WARNING:
      return "warning";
    case BP_VERDICT_FAILED:
      return "error";
    case BP_VERDICT_NOT_PERFORMED:
    case BP_VERDICT_NOT_APPLICABLE:
    default:
      return "dim-label";
    }
}

void
bp_widget_set_verdict_class (GtkWidget *widget,
                             BpVerdict verdict)
{
  static const char *classes[] = { "success", "warning", "error", "dim-label" };

  g_return_if_fail (GTK_IS_WIDGET (widget));

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (widget, classes[i]);
  gtk_widget_add_css_class (widget, bp_verdict_get_style_class (verdict));
}

GtkWidget *
bp_guidance_dialog_present (GtkWidget *parent,
                            BpCheck *check,
                            GtkWidget *extra_child)
{
  GtkWidget *dialog;
  const char *guidance;
  g_autofree char *body = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (BP_IS_CHECK (check), NULL);

  guidance = bp_check_get_guidance (bp_check_get_id (check));
  /* Translators: the check's own message, then what to examine. */
  body = g_strdup_printf (_ ("%s\n\n%s"), bp_check_get_message (check), guidance ? guidance : "");
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (parent)),
                                   bp_check_get_title (check), g_strstrip (body));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  if (extra_child != NULL)
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), extra_child);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

gboolean
bp_widget_grab_focus_self (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (root == NULL)
    return FALSE;

  gtk_widget_set_focusable (widget, TRUE);
  gtk_root_set_focus (root, widget);
  return TRUE;
}

const char *
bp_alert_list_get_label (const char *list)
{
  if (g_strcmp0 (list, "sltd") == 0)
    return _ ("Lost or stolen documents");
  if (g_strcmp0 (list, "national") == 0)
    return _ ("National list of persons of interest");
  if (g_strcmp0 (list, "api") == 0)
    return _ ("Pre-arrival list (API)");
  return list;
}

/**
 * bp_check_row_new:
 * @check: a check
 *
 * Returns: (transfer floating): an #AdwActionRow with the check's title,
 *   reason, and its verdict as an icon and a word
 */
static void
guidance_row_activated_cb (GtkListBoxRow *row,
                           BpCheck *check)
{
  BpGuidanceExtraFunc extra_new = g_object_get_data (G_OBJECT (row), "bp-guidance-extra");

  bp_guidance_dialog_present (GTK_WIDGET (row), check, extra_new ? extra_new (check) : NULL);
}

/**
 * bp_check_row_offer_guidance:
 * @row: a row made by bp_check_row_new()
 * @check: its check
 * @extra_new: (nullable): makes what the dialog shows under the guidance
 *
 * See bp-ui-util.h.
 */
void
bp_check_row_offer_guidance (GtkWidget *row,
                             BpCheck *check,
                             BpGuidanceExtraFunc extra_new)
{
  g_return_if_fail (ADW_IS_ACTION_ROW (row));
  g_return_if_fail (BP_IS_CHECK (check));

  if (bp_check_get_guidance (bp_check_get_id (check)) == NULL)
    return;
  gtk_widget_set_tooltip_text (row, _ ("What to examine, and when to refer (Enter)"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "bp-guidance-extra", extra_new);
  /* The row keeps its check: the handler needs it. */
  g_object_set_data_full (G_OBJECT (row), "bp-check", g_object_ref (check), g_object_unref);
  g_signal_connect_object (row, "activated", G_CALLBACK (guidance_row_activated_cb), check, 0);
}

GtkWidget *
bp_check_row_new (BpCheck *check)
{
  BpVerdict verdict = bp_check_get_verdict (check);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (bp_verdict_get_icon_name (verdict));
  GtkWidget *label = gtk_label_new (bp_verdict_get_label (verdict));

  g_return_val_if_fail (BP_IS_CHECK (check), NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), bp_check_get_title (check));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), bp_check_get_message (check));
  gtk_widget_add_css_class (icon, bp_verdict_get_style_class (verdict));
  gtk_widget_add_css_class (label, bp_verdict_get_style_class (verdict));
  gtk_widget_add_css_class (label, "verdict-label");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}
