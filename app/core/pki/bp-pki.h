/* bp-pki.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <openssl/evp.h>

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

#define BP_PKI_ERROR (bp_pki_error_quark ())

typedef enum
{
  BP_PKI_ERROR_INVALID,     /* not a certificate, CRL, master list or SOD; malformed */
  BP_PKI_ERROR_UNTRUSTED,   /* a signature or chain does not verify */
  BP_PKI_ERROR_NOT_FOUND,   /* no such entry, no issuing CSCA */
  BP_PKI_ERROR_STORE,       /* the trust store database failed */
} BpPkiError;

GQuark       bp_pki_error_quark   (void);

/* Adds a key's "key_type", "key_bits" and, for a curve, "curve" to an
 * evidence object, as every check that rests on a key reports it. */
void         bp_pki_describe_key  (JsonObject *evidence,
                                   EVP_PKEY   *key);
/* Bytes as upper-case hexadecimal, as evidence shows serials and hashes. */
char        *bp_pki_hex           (const guint8 *data,
                                   gsize         length) G_GNUC_WARN_UNUSED_RESULT;

/* The object identifiers of ICAO 9303 part 10 and 12. */
#define BP_OID_LDS_SECURITY_OBJECT "2.23.136.1.1.1"
#define BP_OID_CSCA_MASTER_LIST    "2.23.136.1.1.2"

/* clang-format on */

G_END_DECLS
