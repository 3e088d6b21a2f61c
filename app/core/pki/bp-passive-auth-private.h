/* bp-passive-auth-private.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-lds-security-object.h"
#include "bp-pa-result.h"
#include "bp-pki-private.h"

G_BEGIN_DECLS

/* clang-format off */

/* One verification in progress, shared by the SOD and the chain halves. */
typedef struct
{
  BpPaResult          *result;
  BpTrustStore        *trust;
  gint64               now;
  CMS_ContentInfo     *cms;
  CMS_SignerInfo      *signer;
  X509                *ds;          /* owned */
  X509                *csca;        /* owned; set when the chain verified */
  BpLdsSecurityObject *lds;
  gint64               signing_time; /* G_MININT64 when absent */
} BpPaRun;

/* Add the "ds-chain" and "crl" checks. */
gboolean     _bp_pa_check_chain        (BpPaRun   *run,
                                        GError   **error);
gboolean     _bp_pa_check_crl          (BpPaRun   *run,
                                        GError   **error);
JsonObject  *_bp_pa_certificate_evidence (X509    *cert,
                                        const char *prefix,
                                        JsonObject *evidence);

void         _bp_pa_set_time           (JsonObject *evidence,
                                        const char *name,
                                        gint64      when);

/* clang-format on */

G_END_DECLS
