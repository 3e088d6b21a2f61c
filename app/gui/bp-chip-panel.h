/* bp-chip-panel.h
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

#define BP_TYPE_CHIP_PANEL (bp_chip_panel_get_type ())

G_DECLARE_FINAL_TYPE (BpChipPanel, bp_chip_panel, BP, CHIP_PANEL, AdwBin)

/* The chip beside the traveller data on the Verify page: what to do with
 * the document, progress per file, the chip photo, and what was read with
 * which protocol. Follows a BpChipInspection. */
void         bp_chip_panel_set_chip  (BpChipPanel      *self,
                                      BpChipInspection *chip);

/* clang-format on */

G_END_DECLS
