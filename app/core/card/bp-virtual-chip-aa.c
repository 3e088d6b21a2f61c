/* bp-virtual-chip-aa.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-virtual-chip"

#include "config.h"

#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "bp-virtual-chip-private.h"

/* Active Authentication, card side (ICAO 9303-11 6.1): INTERNAL
 * AUTHENTICATE signs the terminal's 8-byte challenge with the key whose
 * public half is in DG15. RSA keys sign by ISO/IEC 9796-2 digital
 * signature scheme 1 with SHA-1 (partial message recovery); EC keys by
 * ECDSA with SHA-256 in plain r || s form (BSI TR-03111), which DG14's
 * ActiveAuthenticationInfo announces as ecdsa-plain-SHA256. */

static GByteArray *
sign_rsa (BpVcState *state,
          const guint8 *challenge)
{
  EVP_PKEY_CTX *ctx = NULL;
  gsize k = EVP_PKEY_get_size (state->aa_key);
  g_autoptr (GByteArray) representative = NULL;
  GByteArray *signature = NULL;
  guint8 digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  gsize m1_length, signature_length;
  EVP_MD_CTX *md;

  /* 6A || M1 || SHA-1(M1 || M2) || BC, as long as the modulus; M1 is
   * the chip's own random part, M2 the challenge. */
  if (k < 2 + 20 + 8)
    return NULL;
  m1_length = k - 2 - 20;
  representative = g_byte_array_sized_new (k);
  g_byte_array_set_size (representative, k);
  representative->data[0] = 0x6A;
  _bp_vc_random (state, representative->data + 1, m1_length);
  md = EVP_MD_CTX_new ();
  if (md == NULL || EVP_DigestInit_ex (md, EVP_sha1 (), NULL) != 1
      || EVP_DigestUpdate (md, representative->data + 1, m1_length) != 1
      || EVP_DigestUpdate (md, challenge, 8) != 1
      || EVP_DigestFinal_ex (md, digest, &digest_length) != 1)
    {
      EVP_MD_CTX_free (md);
      return NULL;
    }
  EVP_MD_CTX_free (md);
  memcpy (representative->data + 1 + m1_length, digest, 20);
  representative->data[k - 1] = 0xBC;

  signature = g_byte_array_sized_new (k);
  g_byte_array_set_size (signature, k);
  signature_length = k;
  ctx = EVP_PKEY_CTX_new (state->aa_key, NULL);
  if (ctx == NULL || EVP_PKEY_sign_init (ctx) != 1
      || EVP_PKEY_CTX_set_rsa_padding (ctx, RSA_NO_PADDING) != 1
      || EVP_PKEY_sign (ctx, signature->data, &signature_length, representative->data, k) != 1)
    g_clear_pointer (&signature, g_byte_array_unref);
  else
    g_byte_array_set_size (signature, signature_length);
  EVP_PKEY_CTX_free (ctx);
  return signature;
}

static GByteArray *
sign_ecdsa (BpVcState *state,
            const guint8 *challenge)
{
  EVP_MD_CTX *md = EVP_MD_CTX_new ();
  guint8 der[160];
  gsize der_length = sizeof der;
  const guint8 *p = der;
  ECDSA_SIG *sig = NULL;
  GByteArray *out = NULL;
  int bits = EVP_PKEY_get_bits (state->aa_key);
  gsize half = (bits + 7) / 8;

  if (md != NULL && EVP_DigestSignInit (md, NULL, EVP_sha256 (), NULL, state->aa_key) == 1
      && EVP_DigestSign (md, der, &der_length, challenge, 8) == 1)
    sig = d2i_ECDSA_SIG (NULL, &p, (long) der_length);
  EVP_MD_CTX_free (md);
  if (sig == NULL)
    return NULL;

  out = g_byte_array_sized_new (2 * half);
  g_byte_array_set_size (out, 2 * half);
  if (BN_bn2binpad (ECDSA_SIG_get0_r (sig), out->data, half) != (int) half
      || BN_bn2binpad (ECDSA_SIG_get0_s (sig), out->data + half, half) != (int) half)
    g_clear_pointer (&out, g_byte_array_unref);
  ECDSA_SIG_free (sig);
  return out;
}

guint16
_bp_vc_internal_authenticate (BpVcState *state,
                              const BpVcCommand *command,
                              gsize max_data,
                              GByteArray *response)
{
  g_autoptr (GByteArray) signature = NULL;

  if (state->aa_key == NULL)
    return SW_INS_UNSUPPORTED;
  if (command->p1 != 0 || command->p2 != 0)
    return SW_WRONG_P1P2;
  if (command->lc != 8 || command->le == 0)
    return SW_WRONG_LENGTH;
  if (state->session == BP_VC_SESSION_NONE)
    return SW_SECURITY_STATUS;

  if (EVP_PKEY_get_base_id (state->aa_key) == EVP_PKEY_RSA)
    signature = sign_rsa (state, command->data);
  else
    signature = sign_ecdsa (state, command->data);
  if (signature == NULL)
    return SW_CONDITIONS_OF_USE;
  /* A 2048-bit RSA signature only fits an extended length answer. */
  if (signature->len > max_data || (signature->len > command->le && !command->le_max))
    return SW_WRONG_LENGTH;
  g_byte_array_append (response, signature->data, signature->len);
  return SW_OK;
}
