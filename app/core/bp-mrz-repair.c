/* bp-mrz-repair.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-mrz"

#include "config.h"

#include "bp-mrz-private.h"

/* OCR repair comes in a later change: the zone is checked as read. */
void
_bp_mrz_repair (BpMrz *self,
                const BpMrzLayout *layout)
{
}
