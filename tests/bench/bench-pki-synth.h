/* bench-pki-synth.h
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

/* A handful of keys, generated once and shared by the synthetic
 * certificates: EC P-256, brainpoolP256r1, brainpoolP384r1, RSA 2048. */
typedef struct
{
  GPtrArray   *keys;       /* (element-type EVP_PKEY) */
  EVP_PKEY    *rsa;        /* one of @keys, RSA 2048 */
  EVP_PKEY    *brainpool;  /* one of @keys, brainpoolP256r1 */
} BenchKeys;

/* An ICAO CSCA master list signed by a signer under a generated anchor. */
typedef struct
{
  GBytes      *list;       /* CMS SignedData, eContentType 2.23.136.1.1.2 */
  GBytes      *anchor;     /* the anchor certificate, DER */
  guint        cscas;
  guint        countries;
} BenchMasterList;

BenchKeys   *bench_keys_new                 (void);
void         bench_keys_free                (BenchKeys        *keys);
/* @n_cscas distinct self-signed CSCA certificates, round robin over the
 * keys and over about 125 countries. */
void         bench_master_list_make         (BenchKeys        *keys,
                                             guint             n_cscas,
                                             BenchMasterList  *out);
void         bench_master_list_clear        (BenchMasterList  *list);

/* DG15 (tag 6F around the SubjectPublicKeyInfo) of @key. */
GBytes      *bench_aa_dg15                  (EVP_PKEY         *key);
/* The chip's answer to INTERNAL AUTHENTICATE: for RSA, ISO/IEC 9796-2
 * scheme 1 with SHA-1 and trailer BC; for EC, ECDSA-SHA256 as plain r‖s. */
guint8      *bench_aa_sign                  (EVP_PKEY         *key,
                                             const guint8     *challenge,
                                             gsize             challenge_length,
                                             gsize            *length);

/* The terminal side of Chip Authentication's key agreement (ICAO 9303-11
 * 6.2, id-CA-ECDH-AES-CBC-CMAC-128): an ephemeral key on the chip key's
 * curve, its public point as sent, ECDH with the chip's static key, and
 * KDF(K, 1) / KDF(K, 2) with SHA-1 into the two 16-byte session keys. */
void         bench_ca_key_agreement         (EVP_PKEY         *chip_key,
                                             guint8            k_enc[16],
                                             guint8            k_mac[16]);

/* clang-format on */

G_END_DECLS
