/* bp-watchlist-private.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-watchlist.h"
#include "bp-watchlist-index.h"

G_BEGIN_DECLS

/* The index in use, referenced, or NULL when no list is installed. */
BpWatchlistIndex *_bp_watchlist_dup_index (BpWatchlist *self);

G_END_DECLS
