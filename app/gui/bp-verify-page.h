/* bp-verify-page.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bp-inspection.h"

G_BEGIN_DECLS

#define BP_TYPE_VERIFY_PAGE (bp_verify_page_get_type ())

G_DECLARE_FINAL_TYPE (BpVerifyPage, bp_verify_page, BP, VERIFY_PAGE, AdwBin)

void  bp_verify_page_set_inspection (BpVerifyPage *self,
                                     BpInspection *inspection);

/* Shared by the pages that show a verdict: icon and style class for it. */
const char *bp_verdict_get_icon_name   (BpVerdict verdict);
const char *bp_verdict_get_style_class (BpVerdict verdict);

G_END_DECLS
