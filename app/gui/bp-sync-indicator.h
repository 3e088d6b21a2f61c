/* bp-sync-indicator.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "borderpost-core.h"
#include "bp-sync.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

#define BP_TYPE_SYNC_INDICATOR (bp_sync_indicator_get_type ())

G_DECLARE_FINAL_TYPE (BpSyncIndicator, bp_sync_indicator, BP, SYNC_INDICATOR, AdwBin)

/* The status bar's view of sync to HQ: queue depth, last success, link
 * state and the last error, with a popover that offers "Sync Now". It only
 * observes the BpSync; nothing in it waits for the network. */
void         bp_sync_indicator_set_sync   (BpSyncIndicator *self,
                                           BpSync          *sync);

/* clang-format on */

G_END_DECLS
