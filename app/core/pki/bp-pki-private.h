/* bp-pki-private.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <openssl/cms.h>
#include <openssl/x509.h>

G_BEGIN_DECLS

/* clang-format off */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509, X509_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509_CRL, X509_CRL_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509_STORE, X509_STORE_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509_STORE_CTX, X509_STORE_CTX_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CMS_ContentInfo, CMS_ContentInfo_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BIO, BIO_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_PKEY, EVP_PKEY_free)

/* Parses `CscaMasterList ::= SEQUENCE { version, certList SET OF Certificate }`
 * and returns its certificates (owned by the caller). */
STACK_OF (X509) *_bp_csca_master_list_parse   (const guint8        *der,
                                               gsize                length,
                                               GError             **error);

/* One-line text for OpenSSL's last error, and clears the queue. */
char            *_bp_pki_dup_openssl_error    (void) G_GNUC_WARN_UNUSED_RESULT;

/* Subject or issuer in RFC 2253 form, "CN=…,O=…,C=NL". */
char            *_bp_pki_name_to_string       (const X509_NAME     *name) G_GNUC_WARN_UNUSED_RESULT;
/* The countryName of a name, upper case, or NULL. */
char            *_bp_pki_name_dup_country     (const X509_NAME     *name) G_GNUC_WARN_UNUSED_RESULT;
char            *_bp_pki_serial_to_string     (const ASN1_INTEGER  *serial) G_GNUC_WARN_UNUSED_RESULT;
/* Seconds since the epoch, or G_MININT64 when unreadable. */
gint64           _bp_pki_time_to_unix         (const ASN1_TIME     *time);
/* ISO 8601 UTC, "2021-06-21T00:00:00Z". */
char            *_bp_pki_unix_to_iso8601      (gint64               unix_time) G_GNUC_WARN_UNUSED_RESULT;
/* Reads one certificate or CRL, DER or PEM. */
X509            *_bp_pki_read_certificate     (const guint8        *data,
                                               gsize                length,
                                               GError             **error);
X509_CRL        *_bp_pki_read_crl             (const guint8        *data,
                                               gsize                length,
                                               GError             **error);

/* clang-format on */

G_END_DECLS

/* What passive authentication asks of the trust store. */
#include "bp-trust-store.h"

G_BEGIN_DECLS
/* clang-format off */

/* CSCAs (self-signed and link), not revoked, whose subject is @name. */
STACK_OF (X509) *_bp_trust_store_find_cscas            (BpTrustStore        *self,
                                                        const X509_NAME     *name,
                                                        GError             **error);
/* A stored DS certificate by issuer and serial, or NULL. */
X509            *_bp_trust_store_find_document_signer  (BpTrustStore        *self,
                                                        const X509_NAME     *issuer,
                                                        const ASN1_INTEGER  *serial,
                                                        GError             **error);
/* The newest CRL issued by @issuer (its signature was checked on import), or NULL. */
X509_CRL        *_bp_trust_store_find_crl              (BpTrustStore        *self,
                                                        const X509_NAME     *issuer,
                                                        GError             **error);
/* clang-format on */
G_END_DECLS

G_BEGIN_DECLS
/* clang-format off */

/* The ISO 3166-1 alpha-2 code for an ICAO 9303-3 issuing state ("D",
 * "NLD", "GBD"…) as CSCAs carry in countryName, or NULL. */
char            *_bp_pki_country_alpha2        (const char          *icao_code) G_GNUC_WARN_UNUSED_RESULT;

/* clang-format on */
G_END_DECLS
