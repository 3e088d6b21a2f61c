/* bp-display-style.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-display-style"

#include "config.h"

#include "bp-display-style.h"

#define FLAT_RESOURCE "/org/borderpost/Borderpost/style-flat.css"
#define PROVIDER_KEY "bp-display-style-flat"
#define INSTALLED_KEY "bp-display-style-installed"

static void
update (GdkDisplay *display)
{
  GtkStyleProvider *provider = g_object_get_data (G_OBJECT (display), PROVIDER_KEY);
  gboolean flat = !gdk_display_is_composited (display);

  if (flat && provider == NULL)
    {
      GtkCssProvider *css = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (css, FLAT_RESOURCE);
      /* Above the application's own style.css, which libadwaita loads at
       * APPLICATION priority. */
      gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
      g_object_set_data_full (G_OBJECT (display), PROVIDER_KEY, css, g_object_unref);
    }
  else if (!flat && provider != NULL)
    {
      gtk_style_context_remove_provider_for_display (display, provider);
      g_object_set_data (G_OBJECT (display), PROVIDER_KEY, NULL);
    }
}

static void
on_composited_changed (GdkDisplay *display,
                       GParamSpec *pspec,
                       gpointer user_data)
{
  update (display);
}

/**
 * bp_display_style_install:
 * @display: a display
 *
 * Chooses the popover style for @display now and whenever a compositor
 * starts or stops. Calling it again for the same display does nothing.
 */
void
bp_display_style_install (GdkDisplay *display)
{
  g_return_if_fail (GDK_IS_DISPLAY (display));

  if (g_object_get_data (G_OBJECT (display), INSTALLED_KEY) != NULL)
    return;
  g_object_set_data (G_OBJECT (display), INSTALLED_KEY, GINT_TO_POINTER (TRUE));
  g_signal_connect (display, "notify::composited", G_CALLBACK (on_composited_changed), NULL);
  update (display);
}

/**
 * bp_display_style_is_flat:
 * @display: a display
 *
 * Returns: whether popovers on @display are drawn flat, for want of a
 *   compositor
 */
gboolean
bp_display_style_is_flat (GdkDisplay *display)
{
  g_return_val_if_fail (GDK_IS_DISPLAY (display), FALSE);

  return g_object_get_data (G_OBJECT (display), PROVIDER_KEY) != NULL;
}
