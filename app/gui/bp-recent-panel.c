/* bp-recent-panel.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-recent-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-crossing.h"
#include "bp-recent-panel.h"

struct _BpRecentPanel
{
  AdwBin parent_instance;

  GtkSearchEntry *search_entry;
  GtkStack *stack;
  GtkListView *list_view;
  GtkFilterListModel *filter_model;
  GtkStringFilter *number_filter;
  GtkStringFilter *name_filter;
};

G_DEFINE_FINAL_TYPE (BpRecentPanel, bp_recent_panel, ADW_TYPE_BIN)

enum
{
  CROSSING_ACTIVATED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

/* “P L898902C3 · Refer · 14:02”: what an officer scans the list for. */
static char *
describe_crossing (GtkListItem *item,
                   BpCrossing *crossing)
{
  g_autofree char *time = NULL;
  GDateTime *recorded_at;

  if (crossing == NULL)
    return NULL;

  recorded_at = bp_crossing_get_recorded_at (crossing);
  if (recorded_at != NULL)
    {
      g_autoptr (GDateTime) local = g_date_time_to_local (recorded_at);
      /* Translators: time of a crossing in the recent list, strftime format. */
      time = g_date_time_format (local, _ ("%d %b %H:%M"));
    }

  return g_strdup_printf ("%s · %s · %s",
                          bp_crossing_get_document_number (crossing),
                          bp_decision_get_label (bp_crossing_get_decision (crossing)),
                          time ? time : "");
}

static void
update_empty (BpRecentPanel *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

static void
search_changed_cb (BpRecentPanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  gtk_string_filter_set_search (self->number_filter, text);
  gtk_string_filter_set_search (self->name_filter, text);
}

static void
stop_search_cb (BpRecentPanel *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
list_activate_cb (BpRecentPanel *self,
                  guint position)
{
  g_autoptr (BpCrossing) crossing = g_list_model_get_item (G_LIST_MODEL (self->filter_model),
                                                           position);

  if (crossing != NULL)
    g_signal_emit (self, signals[CROSSING_ACTIVATED], 0, crossing);
}

static void
bp_recent_panel_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BP_TYPE_RECENT_PANEL);

  G_OBJECT_CLASS (bp_recent_panel_parent_class)->dispose (object);
}

static void
bp_recent_panel_class_init (BpRecentPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_recent_panel_dispose;

  g_type_ensure (BP_TYPE_CROSSING);

  /**
   * BpRecentPanel::crossing-activated:
   * @crossing: the crossing the officer opened (Enter or double click)
   */
  signals[CROSSING_ACTIVATED] = g_signal_new ("crossing-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                              0, NULL, NULL, NULL, G_TYPE_NONE, 1, BP_TYPE_CROSSING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bp-recent-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, BpRecentPanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BpRecentPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, BpRecentPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, BpRecentPanel, filter_model);
  gtk_widget_class_bind_template_child (widget_class, BpRecentPanel, number_filter);
  gtk_widget_class_bind_template_child (widget_class, BpRecentPanel, name_filter);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, describe_crossing);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
}

static void
bp_recent_panel_init (BpRecentPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->filter_model, "items-changed", G_CALLBACK (update_empty), self,
                           G_CONNECT_SWAPPED);
  update_empty (self);
}

void
bp_recent_panel_set_model (BpRecentPanel *self,
                           GListModel *crossings)
{
  g_return_if_fail (BP_IS_RECENT_PANEL (self));

  gtk_filter_list_model_set_model (self->filter_model, crossings);
  update_empty (self);
}

void
bp_recent_panel_focus_search (BpRecentPanel *self)
{
  g_return_if_fail (BP_IS_RECENT_PANEL (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
bp_recent_panel_set_search (BpRecentPanel *self,
                            const char *text)
{
  g_return_if_fail (BP_IS_RECENT_PANEL (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  search_changed_cb (self);
}

GListModel *
bp_recent_panel_get_shown (BpRecentPanel *self)
{
  g_return_val_if_fail (BP_IS_RECENT_PANEL (self), NULL);
  return G_LIST_MODEL (self->filter_model);
}
