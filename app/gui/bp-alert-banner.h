/* bp-alert-banner.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "borderpost-core.h"
#include "bp-watchlist.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

#define BP_TYPE_ALERT_BANNER (bp_alert_banner_get_type ())

G_DECLARE_FINAL_TYPE (BpAlertBanner, bp_alert_banner, BP, ALERT_BANNER, AdwBin)

/* The alert-list hits for the traveller on the Verify page: impossible to
 * miss, with the list, the reason, the action required and why it matched.
 * The officer confirms or dismisses (with a reason); the banner reports
 * that with "reviewed" (confirmed, reason) and keeps no record itself.
 * hits is a GPtrArray of BpWatchlistHit, best first; NULL or empty hides it. */
void         bp_alert_banner_set_hits     (BpAlertBanner *self,
                                           GPtrArray     *hits);
gboolean     bp_alert_banner_get_reviewed (BpAlertBanner *self);

/* clang-format on */

G_END_DECLS
