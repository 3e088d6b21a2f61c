/* bp-reasons.h
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

#define BP_TYPE_REASON (bp_reason_get_type ())

G_DECLARE_FINAL_TYPE (BpReason, bp_reason, BP, REASON, GObject)

const char  *bp_reason_get_code       (BpReason   *self);
BpDecision   bp_reason_get_decision   (BpReason   *self);
const char  *bp_reason_get_label      (BpReason   *self);

/* The fixed list of reason codes (data/reason-codes.xml), labels translated
 * in the current locale. Loaded once; the models are shared, transfer none. */
GListModel  *bp_reasons_get_all          (void);
GListModel  *bp_reasons_for_decision     (BpDecision  decision);
BpReason    *bp_reasons_lookup           (const char *code);

/* clang-format on */

G_END_DECLS
