/* bp-chip-inspection.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-card.h"
#include "bp-chip-analysis.h"
#include "bp-chip-result.h"
#include "bp-face-image.h"
#include "bp-inspection.h"
#include "bp-lds-details.h"
#include "bp-pa-result.h"
#include "bp-trust-store.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

typedef enum
{
  BP_CHIP_STATE_IDLE,       /* no traveller yet */
  BP_CHIP_STATE_NO_READER,  /* this booth has no chip reader configured */
  BP_CHIP_STATE_WAITING,    /* waiting for the document to be put on the reader */
  BP_CHIP_STATE_READING,
  BP_CHIP_STATE_REMOVED,    /* taken away mid-read: put it back and reading resumes */
  BP_CHIP_STATE_DONE,
  BP_CHIP_STATE_FAILED,
} BpChipState;

#define BP_TYPE_CHIP_STATE (bp_chip_state_get_type ())
#define BP_TYPE_CHIP_INSPECTION (bp_chip_inspection_get_type ())

G_DECLARE_FINAL_TYPE (BpChipInspection, bp_chip_inspection, BP, CHIP_INSPECTION, GObject)

/* The chip part of the traveller in progress: waits for the document on
 * the reader, reads it (resuming after it was pulled away), compares the
 * chip's MRZ with the printed one, runs Passive Authentication against the
 * trust store, and puts the "chip", "chip-mrz" and "authenticity" checks
 * into the inspection. Properties notify on the main context it was made
 * in; nothing blocks it. */
GType               bp_chip_state_get_type            (void) G_GNUC_CONST;
BpChipInspection   *bp_chip_inspection_new            (BpInspection     *inspection) G_GNUC_WARN_UNUSED_RESULT;
void                bp_chip_inspection_set_reader     (BpChipInspection *self,
                                                       BpCardReader     *reader);
void                bp_chip_inspection_set_trust_store (BpChipInspection *self,
                                                       BpTrustStore     *trust);
/* Starts on the inspection's current MRZ; a running read is cancelled. */
void                bp_chip_inspection_start          (BpChipInspection *self);
void                bp_chip_inspection_reset          (BpChipInspection *self);

BpChipState         bp_chip_inspection_get_state      (BpChipInspection *self);
const char         *bp_chip_inspection_get_message    (BpChipInspection *self);
double              bp_chip_inspection_get_fraction   (BpChipInspection *self);
BpChipResult       *bp_chip_inspection_get_result     (BpChipInspection *self);
BpFaceImage        *bp_chip_inspection_get_face       (BpChipInspection *self);
const char         *bp_chip_inspection_get_chip_mrz   (BpChipInspection *self);
/* DG11 (the holder's full name in UTF-8, full birth date…) when the chip has it. */
BpLdsDg11          *bp_chip_inspection_get_dg11       (BpChipInspection *self);
BpPaResult         *bp_chip_inspection_get_authenticity (BpChipInspection *self);
/* Everything the files proved (the checks, Passive Authentication…), set
 * with "authenticity"; NULL until the chip has been read and analysed. */
BpChipAnalysis     *bp_chip_inspection_get_analysis   (BpChipInspection *self);

/* clang-format on */

G_END_DECLS
