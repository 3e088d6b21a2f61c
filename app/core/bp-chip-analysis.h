/* bp-chip-analysis.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-check.h"
#include "bp-chip-result.h"
#include "bp-face-image.h"
#include "bp-lds-details.h"
#include "bp-mrz.h"
#include "bp-pa-result.h"
#include "bp-trust-store.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* BpChipAnalysis: what a chip's files prove, once read: the chip's MRZ
 * against the printed one, the face, DG11/DG12 against the printed page,
 * Passive Authentication, and whether the chip proved it is not a copy
 * (Active Authentication, Chip Authentication or PACE-CAM, each counted
 * only when Passive Authentication proved the data group holding the
 * key). Building one parses and verifies signatures: milliseconds to tens
 * of milliseconds, so call the async form from the main loop. */
#define BP_TYPE_CHIP_ANALYSIS (bp_chip_analysis_get_type ())

G_DECLARE_FINAL_TYPE (BpChipAnalysis, bp_chip_analysis, BP, CHIP_ANALYSIS, GObject)

/* @printed: the printed MRZ (NULL: nothing to compare with); @trust: the
 * CSCA store (NULL: no chain check); @now: NULL for the current time. */
BpChipAnalysis *bp_chip_analysis_new          (BpChipResult        *result,
                                               BpMrz               *printed,
                                               BpTrustStore        *trust,
                                               GDateTime           *now) G_GNUC_WARN_UNUSED_RESULT;
void            bp_chip_analysis_new_async    (BpChipResult        *result,
                                               BpMrz               *printed,
                                               BpTrustStore        *trust,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
BpChipAnalysis *bp_chip_analysis_new_finish   (GAsyncResult        *result,
                                               GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* The checks for the inspection, in the order an officer reads them:
 * "chip-mrz", "chip-details", "authenticity", "chip-auth", "active-auth"
 * (those that apply). Of BpCheck, each with what it rests on
 * (bp_check_get_evidence()). */
GPtrArray      *bp_chip_analysis_get_checks   (BpChipAnalysis      *self);
/* DG1's MRZ, lines separated by "\n", or NULL. */
const char     *bp_chip_analysis_get_chip_mrz (BpChipAnalysis      *self);
BpFaceImage    *bp_chip_analysis_get_face     (BpChipAnalysis      *self);
GBytes         *bp_chip_analysis_get_face_pixels (BpChipAnalysis    *self,
                                               guint               *width,
                                               guint               *height,
                                               gsize               *stride,
                                               gboolean            *has_alpha);
BpLdsDg11      *bp_chip_analysis_get_dg11     (BpChipAnalysis      *self);
/* Passive Authentication, or NULL when the chip had no EF.SOD. */
BpPaResult     *bp_chip_analysis_get_authenticity (BpChipAnalysis  *self);

/* clang-format on */

G_END_DECLS
