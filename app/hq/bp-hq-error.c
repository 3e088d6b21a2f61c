/* bp-hq-error.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-hq"

#include "config.h"

#include "bp-hq-error.h"

G_DEFINE_QUARK (bp - hq - error - quark, bp_hq_error)
