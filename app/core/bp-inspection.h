/* bp-inspection.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-checks.h"
#include "bp-crossing.h"
#include "bp-decision.h"
#include "bp-mrz.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

#define BP_TYPE_INSPECTION (bp_inspection_get_type ())

G_DECLARE_FINAL_TYPE (BpInspection, bp_inspection, BP, INSPECTION, GObject)

/* The traveller in front of the officer: what has been scanned, checked
 * and photographed so far. The pages follow it; it turns into a BpCrossing
 * once the officer decides. */
BpInspection    *bp_inspection_new                (void) G_GNUC_WARN_UNUSED_RESULT;

void             bp_inspection_set_policy         (BpInspection        *self,
                                                   const BpCheckPolicy *policy);
void             bp_inspection_reset              (BpInspection        *self);

void             bp_inspection_set_mrz            (BpInspection        *self,
                                                   BpMrz               *mrz,
                                                   GDateTime           *today);
BpMrz           *bp_inspection_get_mrz            (BpInspection        *self);
GListModel      *bp_inspection_get_checks         (BpInspection        *self);
void             bp_inspection_put_check          (BpInspection        *self,
                                                   BpCheck             *check);
BpVerdict        bp_inspection_get_overall        (BpInspection        *self);
BpRecommendation bp_inspection_get_recommendation (BpInspection        *self);

void             bp_inspection_set_photo          (BpInspection        *self,
                                                   GBytes              *jpeg);
GBytes          *bp_inspection_get_photo          (BpInspection        *self);

BpCrossing      *bp_inspection_build_crossing     (BpInspection        *self,
                                                   BpDecision           decision,
                                                   const char * const  *reasons,
                                                   const char          *note) G_GNUC_WARN_UNUSED_RESULT;

void             bp_inspection_set_booth          (BpInspection        *self,
                                                   const char          *booth_id,
                                                   const char          *officer_id,
                                                   BpDirection          direction);

/* clang-format on */

G_END_DECLS
