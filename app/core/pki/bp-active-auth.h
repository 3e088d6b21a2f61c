/* bp-active-auth.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <openssl/evp.h>

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* Verifies the chip's answer to INTERNAL AUTHENTICATE (ICAO 9303-11 6.1)
 * as a pure function: @dg15 is DG15 as read (tag 6F around a
 * SubjectPublicKeyInfo), @challenge the 8 bytes sent, @response the
 * answer. RSA keys: ISO/IEC 9796-2 digital signature scheme 1 with partial
 * message recovery, trailer BC (SHA-1) or xxCC (SHA-1, SHA-224, SHA-256,
 * SHA-384, SHA-512). EC keys: ECDSA, plain r‖s (BSI TR-03111) or DER, over
 * the challenge hashed with @ecdsa_hash ("SHA256" …, from DG14's
 * ActiveAuthenticationInfo), or with each SHA-2/SHA-1 hash when NULL.
 * On success *hash_name (optional) names the hash used. A signature that
 * does not verify is BP_PKI_ERROR_UNTRUSTED; a malformed DG15 or response
 * BP_PKI_ERROR_INVALID. This proves the chip holds the key only once
 * Passive Authentication has verified DG15. */
EVP_PKEY    *bp_active_auth_read_key (GBytes        *dg15,
                                      GError       **error);
gboolean     bp_active_auth_verify   (GBytes        *dg15,
                                      const guint8  *challenge,
                                      gsize          challenge_length,
                                      const guint8  *response,
                                      gsize          response_length,
                                      const char    *ecdsa_hash,
                                      const char   **hash_name,
                                      GError       **error);

/* clang-format on */

G_END_DECLS
