/* bp-authenticity-view.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "borderpost-core.h"
#include "bp-chip-inspection.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

#define BP_TYPE_AUTHENTICITY_VIEW (bp_authenticity_view_get_type ())

G_DECLARE_FINAL_TYPE (BpAuthenticityView, bp_authenticity_view, BP, AUTHENTICITY_VIEW, AdwBin)

/* The chip's authenticity on the Verify page: the document verdict first
 * (a chip that could not prove it is the original fails it), then Chip
 * and Active Authentication, then one row per Passive Authentication
 * check with an icon and a word for its verdict, its reason and its
 * evidence. Failed checks are shown, the rest folded; Enter on a failed
 * row opens guidance. Follows a BpChipInspection; hidden until it has a
 * result. */
void         bp_authenticity_view_set_chip (BpAuthenticityView *self,
                                            BpChipInspection   *chip);
/* The row of a check by its id ("pa-dg2"), or NULL; for tests. */
GtkWidget   *bp_authenticity_view_get_row  (BpAuthenticityView *self,
                                            const char         *check_id);
/* Whether the view shows this inspection check once the chip has a
 * result ("authenticity", "chip-auth", "active-auth"). */
gboolean     bp_authenticity_view_shows_check (const char      *check_id);

/* clang-format on */

G_END_DECLS
