/* bp-preferences-window.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-preferences-window.h"

struct _BpPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  AdwEntryRow *booth_row;
  AdwComboRow *direction_row;
  GtkSpinButton *minor_age_spin;
  GtkSpinButton *expiry_spin;
  GtkSwitch *auto_advance_switch;
  AdwEntryRow *camera_row;
  AdwEntryRow *database_row;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (BpPreferencesWindow, bp_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
direction_get_mapping (GValue *value,
                       GVariant *variant,
                       gpointer user_data)
{
  g_value_set_uint (value, g_str_equal (g_variant_get_string (variant, NULL), "exit") ? 1 : 0);
  return TRUE;
}

static GVariant *
direction_set_mapping (const GValue *value,
                       const GVariantType *expected_type,
                       gpointer user_data)
{
  return g_variant_new_string (g_value_get_uint (value) == 1 ? "exit" : "entry");
}

static void
bp_preferences_window_dispose (GObject *object)
{
  BpPreferencesWindow *self = (BpPreferencesWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bp_preferences_window_parent_class)->dispose (object);
}

static void
bp_preferences_window_class_init (BpPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/bp-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, booth_row);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, direction_row);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, minor_age_spin);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, expiry_spin);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, auto_advance_switch);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, camera_row);
  gtk_widget_class_bind_template_child (widget_class, BpPreferencesWindow, database_row);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bp_preferences_window_init (BpPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

BpPreferencesWindow *
bp_preferences_window_new (GSettings *settings)
{
  BpPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (BP_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);

  g_settings_bind (settings, "booth-id", self->booth_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "camera-source", self->camera_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "database-path", self->database_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "minor-age", self->minor_age_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "expiry-warning-days", self->expiry_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "auto-advance", self->auto_advance_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "direction", self->direction_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, direction_get_mapping,
                                direction_set_mapping, NULL, NULL);

  return self;
}
