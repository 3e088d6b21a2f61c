/* bp-sm-crypto.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* Block ciphers of ICAO 9303-11 secure messaging. */
typedef enum
{
  BP_SM_CIPHER_3DES,   /* 2-key 3DES CBC, ISO 9797-1 MAC algorithm 3, 8-byte SSC (BAC) */
  BP_SM_CIPHER_AES,    /* AES CBC, CMAC truncated to 8 bytes, 16-byte SSC (PACE, CA) */
} BpSmCipher;

/* Counters of the key derivation function (9303-11 9.7.1). */
#define BP_SM_KDF_ENC  1
#define BP_SM_KDF_MAC  2
#define BP_SM_KDF_PACE 3

#define BP_SM_MAC_LENGTH 8
#define BP_SM_MAX_KEY_LENGTH 32
#define BP_SM_MAX_BLOCK 16

gsize        bp_sm_cipher_block_size  (BpSmCipher     cipher);

/* KDF(K, c) of 9303-11 9.7.1: SHA-1 for 3DES (parity adjusted, 16 bytes)
 * and AES-128, SHA-256 for AES-192 and AES-256. key_len is 16 for 3DES
 * and 16, 24 or 32 for AES; key_out receives key_len bytes. */
gboolean     bp_sm_kdf                (BpSmCipher     cipher,
                                       gsize          key_len,
                                       const guint8  *secret,
                                       gsize          secret_len,
                                       guint32        counter,
                                       guint8        *key_out,
                                       GError       **error);

/* Sets odd parity on each byte of a DES key. */
void         bp_sm_des_fix_parity     (guint8        *key,
                                       gsize          len);

/* ISO/IEC 9797-1 padding method 2: appends 80 then 00 up to a multiple of
 * block. */
void         bp_sm_pad                (GByteArray    *data,
                                       gsize          block);
/* Length of the data once method 2 padding is removed; FALSE if the
 * padding is not there. */
gboolean     bp_sm_unpad_length       (const guint8  *data,
                                       gsize          len,
                                       gsize         *out_len);

/* CBC without padding; len must be a multiple of the block size. iv may be
 * NULL for zeros. in and out may be the same buffer. */
gboolean     bp_sm_cbc                (BpSmCipher     cipher,
                                       const guint8  *key,
                                       gsize          key_len,
                                       const guint8  *iv,
                                       gboolean       encrypt,
                                       const guint8  *in,
                                       gsize          len,
                                       guint8        *out,
                                       GError       **error);

/* 8-byte MAC: retail MAC (3DES) or CMAC truncated (AES). With pad, the
 * data is first padded by method 2 as secure messaging and BAC need;
 * without, CMAC runs on the data as given (PACE tokens). */
gboolean     bp_sm_mac                (BpSmCipher     cipher,
                                       const guint8  *key,
                                       gsize          key_len,
                                       const guint8  *data,
                                       gsize          len,
                                       gboolean       pad,
                                       guint8        *mac_out,
                                       GError       **error);

/* Constant-time comparison of two MACs. */
gboolean     bp_sm_mac_equal          (const guint8  *a,
                                       const guint8  *b);

/* clang-format on */

G_END_DECLS
