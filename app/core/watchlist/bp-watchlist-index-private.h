/* bp-watchlist-index-private.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-watchlist-index.h"

G_BEGIN_DECLS

/* Recomputes the checksum of an index held in memory, so tests can check
 * that the structural checks behind it refuse damage on their own. */
void _bp_watchlist_index_reseal (guint8 *data,
                                 gsize   size);

G_END_DECLS
