/* bp-scan-page.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bp-mrz.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

#define BP_TYPE_SCAN_PAGE (bp_scan_page_get_type ())

G_DECLARE_FINAL_TYPE (BpScanPage, bp_scan_page, BP, SCAN_PAGE, AdwBin)

void     bp_scan_page_reset            (BpScanPage *self);
void     bp_scan_page_feed             (BpScanPage *self,
                                        const char *text);
BpMrz   *bp_scan_page_get_mrz          (BpScanPage *self);
void     bp_scan_page_set_auto_advance (BpScanPage *self,
                                        gboolean    auto_advance);

/* clang-format on */

G_END_DECLS
