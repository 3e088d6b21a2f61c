/* bp-preferences-window.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bp-trust-store.h"
#include "bp-watchlist.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

#define BP_TYPE_PREFERENCES_WINDOW (bp_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (BpPreferencesWindow, bp_preferences_window, BP, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* watchlist and trust may be NULL: the page then says what is missing. */
BpPreferencesWindow *bp_preferences_window_new (GSettings    *settings,
                                                BpWatchlist  *watchlist,
                                                BpTrustStore *trust);
/* In the demo the specimen chips are on the virtual reader whatever the
 * setting says: the reader row says so and cannot be changed. */
void                 bp_preferences_window_set_demo (BpPreferencesWindow *self,
                                                     gboolean             demo);

/* clang-format on */

G_END_DECLS
