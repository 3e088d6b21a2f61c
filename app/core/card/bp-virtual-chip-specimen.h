/* bp-virtual-chip-specimen.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-specimen.h"
#include "bp-virtual-chip.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* A virtual chip that serves a specimen document: keyed by the printed
 * MRZ, with the specimen's files, protocols, CAN and the Active and Chip
 * Authentication keys the specimen's chip holds. */
BpVirtualChip *bp_virtual_chip_new_from_specimen (BpSpecimen  *specimen,
                                                  GError     **error) G_GNUC_WARN_UNUSED_RESULT;

/* clang-format on */

G_END_DECLS
