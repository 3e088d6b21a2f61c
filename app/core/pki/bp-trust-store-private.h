/* bp-trust-store-private.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "bp-pki-private.h"

G_BEGIN_DECLS

/* clang-format off */

/* Shared by bp-trust-store.c and bp-trust-import.c. */
gboolean     _bp_trust_store_exec        (BpTrustStore   *self,
                                          const char     *sql,
                                          GError        **error);
/* Inserts a certificate (or a CRL when @crl is set) unless the same bytes
 * are stored with this kind; *inserted says which. */
gboolean     _bp_trust_store_insert      (BpTrustStore   *self,
                                          BpTrustKind     kind,
                                          X509           *cert,
                                          X509_CRL       *crl,
                                          const char     *source,
                                          gboolean       *inserted,
                                          GError        **error);
/* Marks the certificates a verified CRL lists as revoked. */
gboolean     _bp_trust_store_mark_revoked (BpTrustStore  *self,
                                          X509_CRL       *crl,
                                          GError        **error);
/* Every stored certificate of a kind, for master-list anchors. */
STACK_OF (X509) *_bp_trust_store_find_kind (BpTrustStore *self,
                                          BpTrustKind     kind,
                                          GError        **error);
BpTrustImport *_bp_trust_import_new      (BpTrustKind     kind);
void         _bp_trust_import_add_country (BpTrustImport *import,
                                          const char     *country);

/* clang-format on */

G_END_DECLS
