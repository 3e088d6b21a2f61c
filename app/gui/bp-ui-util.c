/* bp-ui-util.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-ui-util"

#include "config.h"

#include <glib/gi18n.h>

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
