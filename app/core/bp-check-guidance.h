/* bp-check-guidance.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* What an officer should examine on the physical document, and when to
 * refer to second line, after a check of this id failed or needs
 * attention. Translated; NULL for checks that need no guidance. Passive
 * Authentication's sub-checks go by their bp_pa_result_dup_checks() ids
 * ("pa-ds-chain", "pa-dg2"…). */
const char  *bp_check_get_guidance (const char *check_id);

/* clang-format on */

G_END_DECLS
