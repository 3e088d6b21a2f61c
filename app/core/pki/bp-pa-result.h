/* bp-pa-result.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "bp-check.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* The verdict on a document's authenticity, from its checks:
 * - FAILED when any check failed;
 * - DOUBTFUL when a required check was not performed or gave a warning
 *   (CSCA not in the store, expired CRL, DS expired with no signing time,
 *   a data group read but not verifiable), or no data group was verified;
 * - GENUINE otherwise. */
typedef enum
{
  BP_DOCUMENT_GENUINE,
  BP_DOCUMENT_DOUBTFUL,
  BP_DOCUMENT_FAILED,
} BpDocumentVerdict;

#define BP_TYPE_PA_RESULT (bp_pa_result_get_type ())

G_DECLARE_FINAL_TYPE (BpPaResult, bp_pa_result, BP, PA_RESULT, GObject)

/* The outcome of Passive Authentication: one entry per check (ids "sod",
 * "sod-signature", "ds-chain", "crl", "issuing-state", "dg1"…"dg16",
 * "dg1-mrz"), each with a verdict, a plain reason and evidence. */
BpDocumentVerdict  bp_pa_result_get_verdict        (BpPaResult   *self);
/* The reason of the check that decided the verdict. */
const char        *bp_pa_result_get_reason         (BpPaResult   *self);
guint              bp_pa_result_get_n_checks       (BpPaResult   *self);
/* Looks up a check by id; any out argument may be NULL. */
gboolean           bp_pa_result_lookup             (BpPaResult   *self,
                                                    const char   *id,
                                                    BpVerdict    *verdict,
                                                    const char  **reason,
                                                    JsonObject  **evidence);
gboolean           bp_pa_result_is_required        (BpPaResult   *self,
                                                    const char   *id);
/* The checks as BpCheck objects with their evidence, ids prefixed "pa-". */
GListModel        *bp_pa_result_dup_checks         (BpPaResult   *self) G_GNUC_WARN_UNUSED_RESULT;
JsonNode          *bp_pa_result_to_json_node       (BpPaResult   *self) G_GNUC_WARN_UNUSED_RESULT;
char              *bp_pa_result_to_json            (BpPaResult   *self) G_GNUC_WARN_UNUSED_RESULT;

const char        *bp_document_verdict_to_string   (BpDocumentVerdict verdict);
BpVerdict          bp_document_verdict_to_verdict  (BpDocumentVerdict verdict);
const char        *bp_document_verdict_get_label   (BpDocumentVerdict verdict);

/* Building a result, for the verifier. @evidence is taken. */
BpPaResult        *_bp_pa_result_new               (void);
void               _bp_pa_result_add               (BpPaResult   *self,
                                                    const char   *id,
                                                    const char   *title,
                                                    BpVerdict     verdict,
                                                    gboolean      required,
                                                    JsonObject   *evidence,
                                                    const char   *reason);
void               _bp_pa_result_finish            (BpPaResult   *self);

/* clang-format on */

G_END_DECLS
