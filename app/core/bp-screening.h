/* bp-screening.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-mrz.h"
#include "bp-watchlist.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* Screens the traveller of a scanned MRZ against the installed alert
 * lists on a worker thread, so that the main loop never waits for it. */
void               bp_screening_run_async  (BpWatchlist          *watchlist,
                                            BpMrz                *mrz,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
BpWatchlistResult *bp_screening_run_finish (GAsyncResult         *result,
                                            GError              **error) G_GNUC_WARN_UNUSED_RESULT;

/* clang-format on */

G_END_DECLS
