/* bp-checks.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-check.h"
#include "bp-mrz.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

typedef struct
{
  guint minor_age;            /* younger than this is a minor */
  guint expiry_warning_days;  /* expiring within this many days is flagged */
  gboolean chip_reader;       /* a chip reader is configured */
} BpCheckPolicy;

#define BP_CHECK_POLICY_DEFAULT ((BpCheckPolicy) { 18, 30, FALSE })

/* The document and traveller checks that follow from the MRZ alone.
 * Returns a GListModel of BpCheck in the order they are shown. */
GListModel  *bp_checks_run_mrz        (const BpMrz         *mrz,
                                       GDateTime           *today,
                                       const BpCheckPolicy *policy) G_GNUC_WARN_UNUSED_RESULT;

BpVerdict    bp_checks_get_overall    (GListModel          *checks);
BpCheck     *bp_checks_find           (GListModel          *checks,
                                       const char          *id);
char        *bp_checks_to_json        (GListModel          *checks) G_GNUC_WARN_UNUSED_RESULT;

/* Whole years between birth and today; a partial date ("1974" or
 * "1974-08") gives the youngest age the traveller can be. -1 if unknown. */
int          bp_checks_age_on         (const char          *iso_birth_date,
                                       GDateTime           *today);

/* clang-format on */

G_END_DECLS
