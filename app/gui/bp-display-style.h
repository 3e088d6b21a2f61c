/* bp-display-style.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* Styles that depend on what the display can do. Without a compositor
 * (a kiosk X server, a bare Xvfb) the shadows and rounded corners of
 * popovers are drawn black; the flat style draws popovers without them.
 * It follows the display's "composited" property while the display
 * lives. */
void     bp_display_style_install  (GdkDisplay *display);
gboolean bp_display_style_is_flat  (GdkDisplay *display);

/* clang-format on */

G_END_DECLS
