/* bp-screening.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-lds-details.h"
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

/* Screens again with what the chip says: DG11's full name, in UTF-8 and
 * never cut short as MRZ names are, and its full birth date. The document
 * fields still come from the MRZ. Finish with bp_screening_run_finish(). */
void               bp_screening_run_chip_async (BpWatchlist      *watchlist,
                                                BpMrz            *mrz,
                                                BpLdsDg11        *dg11,
                                                GCancellable     *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer          user_data);

/* The stronger of two screenings of one traveller: the one whose best hit
 * scores higher (a hit beats none); @a on a tie. */
BpWatchlistResult *bp_screening_pick         (BpWatchlistResult *a,
                                              BpWatchlistResult *b);

/* clang-format on */

G_END_DECLS
