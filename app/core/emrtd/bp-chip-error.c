/* bp-chip-error.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chip-error"

#include "config.h"

#include "bp-chip-error.h"

G_DEFINE_QUARK (bp - chip - error - quark, bp_chip_error)
