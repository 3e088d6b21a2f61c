/* bp-consistency.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bp-check.h"
#include "bp-lds-details.h"
#include "bp-mrz.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* The "chip-details" check: where the chip's DG11 and DG12 overlap the
 * printed MRZ, they must agree. The holder's name (DG11 may be in any
 * script and is never cut short; the MRZ is transliterated and may be),
 * the birth date (compared as precisely as both know it), and the date of
 * issue (DG12), which cannot follow the expiry or today. Either group may
 * be NULL; with neither, NULL (nothing to check). */
BpCheck     *bp_consistency_check  (const BpMrz     *mrz,
                                    const BpLdsDg11 *dg11,
                                    const BpLdsDg12 *dg12,
                                    GDateTime       *today) G_GNUC_WARN_UNUSED_RESULT;

/* clang-format on */

G_END_DECLS
