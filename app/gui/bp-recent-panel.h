/* bp-recent-panel.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

#define BP_TYPE_RECENT_PANEL (bp_recent_panel_get_type ())

G_DECLARE_FINAL_TYPE (BpRecentPanel, bp_recent_panel, BP, RECENT_PANEL, AdwBin)

void        bp_recent_panel_set_model    (BpRecentPanel *self,
                                          GListModel    *crossings);
void        bp_recent_panel_focus_search (BpRecentPanel *self);
void        bp_recent_panel_set_search   (BpRecentPanel *self,
                                          const char    *text);
GListModel *bp_recent_panel_get_shown    (BpRecentPanel *self);

/* clang-format on */

G_END_DECLS
