/* bp-dg14.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <openssl/evp.h>

#include "bp-sm.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* DG14 (ICAO 9303-10 4.7.14, 9303-11 9.2): the chip's SecurityInfos, of
 * which the Chip Authentication ones are kept; PACEInfo,
 * TerminalAuthenticationInfo and others are skipped. DG14 comes from the
 * chip and is untrusted until Passive Authentication has proven it. */

#define BP_OID_PK_DH         "0.4.0.127.0.7.2.2.1.1"
#define BP_OID_PK_ECDH       "0.4.0.127.0.7.2.2.1.2"
#define BP_OID_CA_DH_3DES    "0.4.0.127.0.7.2.2.3.1.1"
#define BP_OID_CA_DH_AES128  "0.4.0.127.0.7.2.2.3.1.2"
#define BP_OID_CA_ECDH_3DES  "0.4.0.127.0.7.2.2.3.2.1"
#define BP_OID_CA_ECDH_AES128 "0.4.0.127.0.7.2.2.3.2.2"

/* ChipAuthenticationInfo: protocol (id-CA-DH-* / id-CA-ECDH-*), version,
 * optional keyId (key_id NULL when absent; else the INTEGER's content
 * bytes, as MSE sends them in DO'84'). */
typedef struct
{
  char      *protocol_oid;
  gint64     version;
  GBytes    *key_id;
} BpDg14CaInfo;

/* ChipAuthenticationPublicKeyInfo: protocol (id-PK-DH / id-PK-ECDH), the
 * SubjectPublicKeyInfo exactly as in DG14 and parsed, optional keyId. */
typedef struct
{
  char      *protocol_oid;
  GBytes    *spki;
  EVP_PKEY  *key;
  GBytes    *key_id;
} BpDg14PublicKey;

typedef struct
{
  GPtrArray *ca_infos;     /* of BpDg14CaInfo */
  GPtrArray *public_keys;  /* of BpDg14PublicKey */
} BpDg14;

/* Parses DG14 as read from the chip (outer tag 6E included). A damaged
 * file gives BP_CHIP_ERROR_MALFORMED. */
BpDg14      *bp_dg14_parse          (GBytes          *dg14,
                                     GError         **error);
void         bp_dg14_free           (BpDg14          *self);

/* The cipher and key length (16, 24, 32) of a Chip Authentication
 * protocol id-CA-(EC)DH-*, both optional; FALSE for any other OID. */
gboolean     bp_dg14_ca_cipher      (const char      *protocol_oid,
                                     BpSmCipher      *cipher,
                                     gsize           *key_length);

/* The Chip Authentication to run: a CA info with its public key (same
 * family, same keyId), or, for older chips whose DG14 has only the key,
 * the 3DES protocol of that key's family (*info NULL then, protocol_oid
 * set). BP_CHIP_ERROR_NOT_SUPPORTED when DG14 offers no usable pair. */
gboolean     bp_dg14_select         (const BpDg14    *self,
                                     const BpDg14CaInfo **info,
                                     const BpDg14PublicKey **key,
                                     const char     **protocol_oid,
                                     GError         **error);

/* DG14 with one ChipAuthenticationPublicKeyInfo (protocol id-PK-ECDH or
 * id-PK-DH from the key type) and one ChipAuthenticationInfo (version 1)
 * for protocol_oid; key_id < 0 leaves keyId out. For specimens and
 * tests. */
GBytes      *bp_dg14_encode         (GBytes          *spki_der,
                                     const char      *protocol_oid,
                                     gint64           key_id,
                                     GError         **error) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpDg14, bp_dg14_free)

/* clang-format on */

G_END_DECLS
