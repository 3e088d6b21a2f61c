/* bp-virtual-reader.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-card.h"
#include "bp-virtual-chip.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* BpVirtualReader: a reader of transport "virtual" that holds zero or one
 * BpVirtualChip. connect() powers the chip up afresh and hands it out, or
 * fails with BP_CARD_ERROR_NO_CARD when the reader is empty or the chip
 * has been taken out of the field. */
#define BP_TYPE_VIRTUAL_READER (bp_virtual_reader_get_type ())

G_DECLARE_FINAL_TYPE (BpVirtualReader, bp_virtual_reader, BP, VIRTUAL_READER, GObject)

/* index makes the id "virtual:<index>". */
BpVirtualReader *bp_virtual_reader_new       (guint             index) G_GNUC_WARN_UNUSED_RESULT;
/* Puts a chip on the reader (replacing any other) and into the field. */
void             bp_virtual_reader_insert    (BpVirtualReader  *self,
                                              BpVirtualChip    *chip);
/* Takes the chip off the reader; a read in progress fails with
 * BP_CARD_ERROR_REMOVED. */
void             bp_virtual_reader_remove    (BpVirtualReader  *self);
/* The chip on the reader, or NULL. */
BpVirtualChip   *bp_virtual_reader_dup_chip  (BpVirtualReader  *self) G_GNUC_WARN_UNUSED_RESULT;

/* clang-format on */

G_END_DECLS
