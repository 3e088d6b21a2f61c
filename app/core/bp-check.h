/* bp-check.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* Ordered from best to worst, so the worst of a set is the maximum. */
typedef enum
{
  BP_VERDICT_NOT_APPLICABLE,
  BP_VERDICT_PASSED,
  BP_VERDICT_NOT_PERFORMED,
  BP_VERDICT_WARNING,
  BP_VERDICT_FAILED,
} BpVerdict;

#define BP_TYPE_CHECK (bp_check_get_type ())

G_DECLARE_FINAL_TYPE (BpCheck, bp_check, BP, CHECK, GObject)

/* One check of a crossing: a stable id, a translated title, a verdict and
 * the reason for it in plain words, and optionally the evidence it rests
 * on (certificates, keys, hashes), kept with the crossing. Immutable once
 * made. */
BpCheck     *bp_check_new             (const char *id,
                                       const char *title,
                                       BpVerdict   verdict,
                                       const char *message) G_GNUC_WARN_UNUSED_RESULT;
/* The same with @evidence (referenced; not to be changed afterwards). */
BpCheck     *bp_check_new_with_evidence (const char *id,
                                       const char *title,
                                       BpVerdict   verdict,
                                       const char *message,
                                       JsonObject *evidence) G_GNUC_WARN_UNUSED_RESULT;
const char  *bp_check_get_id          (BpCheck    *self);
const char  *bp_check_get_title       (BpCheck    *self);
BpVerdict    bp_check_get_verdict     (BpCheck    *self);
const char  *bp_check_get_message     (BpCheck    *self);
/* The evidence, or NULL. */
JsonObject  *bp_check_get_evidence    (BpCheck    *self);

const char  *bp_verdict_to_string     (BpVerdict   verdict);
const char  *bp_verdict_get_label     (BpVerdict   verdict);

/* clang-format on */

G_END_DECLS
