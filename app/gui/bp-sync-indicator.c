/* bp-sync-indicator.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-sync-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-sync-indicator.h"

struct _BpSyncIndicator
{
  AdwBin parent_instance;

  GtkImage *icon;
  GtkLabel *summary_label;
  GtkLabel *state_label;
  GtkLabel *queue_label;
  GtkLabel *last_success_label;
  GtkLabel *problems_label;
  GtkLabel *updates_label;
  GtkLabel *error_label;

  BpSync *sync;
  GSignalGroup *signals;
  guint tick_id;
};

G_DEFINE_FINAL_TYPE (BpSyncIndicator, bp_sync_indicator, ADW_TYPE_BIN)

/* "10:42", or "25/11 10:42" when it was not today: an officer reads how
 * stale the booth's copy at HQ is, so the age matters more than the date. */
static char *
format_last_success (GDateTime *when)
{
  g_autoptr (GDateTime) local = NULL;
  g_autoptr (GDateTime) now = NULL;

  if (when == NULL)
    return g_strdup (_ ("never"));

  local = g_date_time_to_local (when);
  now = g_date_time_new_now_local ();
  if (g_date_time_get_year (local) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    /* Translators: time of the last sync today, strftime format. */
    return g_date_time_format (local, _ ("%H:%M"));

  /* Translators: date and time of the last sync before today, strftime format. */
  return g_date_time_format (local, _ ("%d/%m %H:%M"));
}

static const char *
link_state_icon (BpSyncLinkState state,
                 gboolean busy)
{
  if (busy)
    return "network-transmit-receive-symbolic";

  switch (state)
    {
    case BP_SYNC_LINK_ONLINE:
      return "network-idle-symbolic";
    case BP_SYNC_LINK_OFFLINE:
      return "network-offline-symbolic";
    case BP_SYNC_LINK_ERROR:
    case BP_SYNC_LINK_AUTH_FAILED:
      return "dialog-warning-symbolic";
    case BP_SYNC_LINK_DISABLED:
      return "network-wired-disconnected-symbolic";
    case BP_SYNC_LINK_UNKNOWN:
    default:
      return "network-idle-symbolic";
    }
}

static const char *
link_state_text (BpSyncLinkState state,
                 gboolean busy)
{
  if (busy)
    return _ ("Sending to headquarters…");

  switch (state)
    {
    case BP_SYNC_LINK_ONLINE:
      return _ ("Connected to headquarters");
    case BP_SYNC_LINK_OFFLINE:
      return _ ("Headquarters cannot be reached. Crossings are kept here and sent when the link is back.");
    case BP_SYNC_LINK_ERROR:
      return _ ("Something answered that is not headquarters. Sync keeps trying.");
    case BP_SYNC_LINK_AUTH_FAILED:
      return _ ("Headquarters refused this booth. Call booth IT: sync stops until the certificates are fixed.");
    case BP_SYNC_LINK_DISABLED:
      return _ ("Sync with headquarters is switched off");
    case BP_SYNC_LINK_UNKNOWN:
    default:
      return _ ("Not yet in touch with headquarters");
    }
}

static void
update (BpSyncIndicator *self)
{
  g_autofree char *queue = NULL;
  g_autofree char *last = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *problems = NULL;
  BpSyncLinkState state;
  const char *error;
  const char *update_status;
  gboolean busy;
  gint64 depth;
  gint64 n_problems;
  int shown;

  if (self->sync == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);

  state = bp_sync_get_link_state (self->sync);
  busy = bp_sync_get_busy (self->sync);
  error = bp_sync_get_last_error (self->sync);
  depth = bp_sync_get_queue_depth (self->sync);
  n_problems = bp_sync_get_problem_count (self->sync);
  shown = (int) CLAMP (depth, 0, G_MAXINT);

  /* Translators: crossings stored here and waiting to be sent to headquarters. */
  queue = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d crossing", "%d crossings", shown), shown);
  last = format_last_success (bp_sync_get_last_success (self->sync));

  if (state == BP_SYNC_LINK_DISABLED)
    /* Translators: status bar; %s is a count of crossings, e.g. “3 crossings”. */
    summary = g_strdup_printf (_ ("%s waiting · sync off"), queue);
  else
    /* Translators: status bar; the first %s is a count of crossings, the second the last sync time. */
    summary = g_strdup_printf (_ ("%s waiting · last sync %s"), queue, last);

  gtk_image_set_from_icon_name (self->icon, link_state_icon (state, busy));
  gtk_label_set_label (self->summary_label, summary);
  gtk_label_set_label (self->state_label, link_state_text (state, busy));
  gtk_label_set_label (self->queue_label, queue);
  gtk_label_set_label (self->last_success_label, last);

  shown = (int) CLAMP (n_problems, 0, G_MAXINT);
  if (shown > 0)
    problems = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%d crossing refused by headquarters",
                                             "%d crossings refused by headquarters", shown),
                                shown);
  gtk_label_set_label (self->problems_label, problems ? problems : _ ("none"));
  /* Alert lists and CSCAs from headquarters, e.g. a full reload under way. */
  update_status = bp_sync_get_update_status (self->sync);
  gtk_label_set_label (self->updates_label,
                       update_status != NULL && *update_status != '\0' ? update_status : _ ("nothing known yet"));

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL && *error != '\0');
  gtk_label_set_label (self->error_label, error ? error : "");

  if (state == BP_SYNC_LINK_AUTH_FAILED || state == BP_SYNC_LINK_ERROR || n_problems > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "warning");
}

static void
sync_notify_cb (BpSyncIndicator *self)
{
  update (self);
}

/* "last sync 10:42" turns into a date after midnight without any notify. */
static gboolean
tick_cb (gpointer user_data)
{
  update (BP_SYNC_INDICATOR (user_data));
  return G_SOURCE_CONTINUE;
}

static void
bp_sync_indicator_dispose (GObject *object)
{
  BpSyncIndicator *self = (BpSyncIndicator *) object;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->signals != NULL)
    g_signal_group_set_target (self->signals, NULL);
  g_clear_object (&self->signals);
  g_clear_object (&self->sync);
  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_SYNC_INDICATOR);

  G_OBJECT_CLASS (bp_sync_indicator_parent_class)->dispose (object);
}

static void
bp_sync_indicator_class_init (BpSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_sync_indicator_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bp-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, BpSyncIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, BpSyncIndicator, summary_label);
  gtk_widget_class_bind_template_child (widget_class, BpSyncIndicator, state_label);
  gtk_widget_class_bind_template_child (widget_class, BpSyncIndicator, queue_label);
  gtk_widget_class_bind_template_child (widget_class, BpSyncIndicator, last_success_label);
  gtk_widget_class_bind_template_child (widget_class, BpSyncIndicator, problems_label);
  gtk_widget_class_bind_template_child (widget_class, BpSyncIndicator, updates_label);
  gtk_widget_class_bind_template_child (widget_class, BpSyncIndicator, error_label);
}

static void
bp_sync_indicator_init (BpSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->signals = g_signal_group_new (BP_TYPE_SYNC);
  g_signal_group_connect_swapped (self->signals, "notify", G_CALLBACK (sync_notify_cb), self);
  self->tick_id = g_timeout_add_seconds (60, tick_cb, self);
  update (self);
}

void
bp_sync_indicator_set_sync (BpSyncIndicator *self,
                            BpSync *sync)
{
  g_return_if_fail (BP_IS_SYNC_INDICATOR (self));
  g_return_if_fail (sync == NULL || BP_IS_SYNC (sync));

  if (!g_set_object (&self->sync, sync))
    return;

  g_signal_group_set_target (self->signals, sync);
  update (self);
}
