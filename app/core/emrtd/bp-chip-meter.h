/* bp-chip-meter.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-card.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* BpChipMeter: a BpCard that passes everything to another card and counts
 * the exchanges (APDUs, bytes each way), for reports and benchmarks. */
#define BP_TYPE_CHIP_METER (bp_chip_meter_get_type ())

G_DECLARE_FINAL_TYPE (BpChipMeter, bp_chip_meter, BP, CHIP_METER, GObject)

BpChipMeter *bp_chip_meter_new                (BpCard       *card) G_GNUC_WARN_UNUSED_RESULT;
BpCard      *bp_chip_meter_get_card           (BpChipMeter  *self);
guint        bp_chip_meter_get_apdus          (BpChipMeter  *self);
guint64      bp_chip_meter_get_bytes_sent     (BpChipMeter  *self);
guint64      bp_chip_meter_get_bytes_received (BpChipMeter  *self);

/* clang-format on */

G_END_DECLS
