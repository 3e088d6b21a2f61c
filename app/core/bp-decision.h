/* bp-decision.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-crossing.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* What the checks suggest. The officer decides; this only preselects. */
typedef struct
{
  BpDecision decision;
  const char *reason_code; /* a code from the reason list, or NULL */
  const char *check_id;    /* the check that led to it, or NULL */
} BpRecommendation;

BpRecommendation  bp_decision_recommend (GListModel *checks);

/* clang-format on */

G_END_DECLS
