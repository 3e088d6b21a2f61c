/* bp-verify-page.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bp-chip-inspection.h"
#include "bp-inspection.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

#define BP_TYPE_VERIFY_PAGE (bp_verify_page_get_type ())

G_DECLARE_FINAL_TYPE (BpVerifyPage, bp_verify_page, BP, VERIFY_PAGE, AdwBin)

void  bp_verify_page_set_inspection (BpVerifyPage     *self,
                                     BpInspection     *inspection);
void  bp_verify_page_set_chip       (BpVerifyPage     *self,
                                     BpChipInspection *chip);
/* Alert-list hits (BpWatchlistHit, best first); NULL or empty: none. */
void  bp_verify_page_set_hits       (BpVerifyPage     *self,
                                     GPtrArray        *hits);

/* clang-format on */

G_END_DECLS
