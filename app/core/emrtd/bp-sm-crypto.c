/* bp-sm-crypto.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-sm-crypto"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "bp-chip-error.h"
#include "bp-sm-crypto.h"

/* The ciphers and MACs of 9303-11 on OpenSSL 3 EVP. Single DES lives in
 * OpenSSL 3's legacy provider, which a workstation should not load just for
 * this, so the retail MAC's single-DES chain uses 3DES with K1 = K2 = K3
 * (which is single DES) from the default provider. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_CIPHER_CTX, EVP_CIPHER_CTX_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_MD_CTX, EVP_MD_CTX_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_MAC, EVP_MAC_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_MAC_CTX, EVP_MAC_CTX_free)

static gboolean
crypto_failed (GError **error)
{
  g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_FAILED,
               _ ("A cryptographic operation failed on this workstation."));
  return FALSE;
}

gsize
bp_sm_cipher_block_size (BpSmCipher cipher)
{
  return cipher == BP_SM_CIPHER_AES ? 16 : 8;
}

void
bp_sm_des_fix_parity (guint8 *key,
                      gsize len)
{
  g_return_if_fail (key != NULL || len == 0);

  for (gsize i = 0; i < len; i++)
    {
      guint8 b = key[i] & 0xFE;
      guint ones = 0;

      for (guint bit = 1; bit < 8; bit++)
        ones += (b >> bit) & 1;
      key[i] = b | ((ones & 1) == 0 ? 1 : 0);
    }
}

gboolean
bp_sm_kdf (BpSmCipher cipher,
           gsize key_len,
           const guint8 *secret,
           gsize secret_len,
           guint32 counter,
           guint8 *key_out,
           GError **error)
{
  const EVP_MD *md;
  guint8 c[4] = { counter >> 24, counter >> 16, counter >> 8, counter };
  guint8 digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  g_autoptr (EVP_MD_CTX) ctx = NULL;

  g_return_val_if_fail (secret != NULL || secret_len == 0, FALSE);
  g_return_val_if_fail (key_out != NULL, FALSE);

  if (cipher == BP_SM_CIPHER_3DES)
    {
      g_return_val_if_fail (key_len == 16, FALSE);
      md = EVP_sha1 ();
    }
  else
    {
      g_return_val_if_fail (key_len == 16 || key_len == 24 || key_len == 32, FALSE);
      md = key_len == 16 ? EVP_sha1 () : EVP_sha256 ();
    }

  ctx = EVP_MD_CTX_new ();
  if (ctx == NULL || !EVP_DigestInit_ex (ctx, md, NULL) || !EVP_DigestUpdate (ctx, secret, secret_len) || !EVP_DigestUpdate (ctx, c, sizeof c) || !EVP_DigestFinal_ex (ctx, digest, &digest_len) || digest_len < key_len)
    return crypto_failed (error);

  memcpy (key_out, digest, key_len);
  OPENSSL_cleanse (digest, sizeof digest);
  if (cipher == BP_SM_CIPHER_3DES)
    bp_sm_des_fix_parity (key_out, key_len);
  return TRUE;
}

void
bp_sm_pad (GByteArray *data,
           gsize block)
{
  guint8 b = 0x80;

  g_return_if_fail (data != NULL);
  g_return_if_fail (block > 0);

  g_byte_array_append (data, &b, 1);
  b = 0;
  while (data->len % block != 0)
    g_byte_array_append (data, &b, 1);
}

gboolean
bp_sm_unpad_length (const guint8 *data,
                    gsize len,
                    gsize *out_len)
{
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (out_len != NULL, FALSE);

  while (len > 0 && data[len - 1] == 0x00)
    len--;
  if (len == 0 || data[len - 1] != 0x80)
    return FALSE;
  *out_len = len - 1;
  return TRUE;
}

static const EVP_CIPHER *
cbc_cipher (BpSmCipher cipher,
            gsize key_len)
{
  if (cipher == BP_SM_CIPHER_3DES)
    return key_len == 16 ? EVP_des_ede_cbc () : NULL;
  switch (key_len)
    {
    case 16:
      return EVP_aes_128_cbc ();
    case 24:
      return EVP_aes_192_cbc ();
    case 32:
      return EVP_aes_256_cbc ();
    default:
      return NULL;
    }
}

static gboolean
run_cipher (const EVP_CIPHER *evp,
            const guint8 *key,
            const guint8 *iv,
            gboolean encrypt,
            const guint8 *in,
            gsize len,
            guint8 *out,
            GError **error)
{
  g_autoptr (EVP_CIPHER_CTX) ctx = EVP_CIPHER_CTX_new ();
  int outl = 0;
  int finl = 0;

  if (len > G_MAXINT)
    return crypto_failed (error);
  if (ctx == NULL || !EVP_CipherInit_ex (ctx, evp, NULL, key, iv, encrypt ? 1 : 0) || !EVP_CIPHER_CTX_set_padding (ctx, 0) || !EVP_CipherUpdate (ctx, out, &outl, in, (int) len) || !EVP_CipherFinal_ex (ctx, out + outl, &finl) || (gsize) (outl + finl) != len)
    return crypto_failed (error);
  return TRUE;
}

gboolean
bp_sm_cbc (BpSmCipher cipher,
           const guint8 *key,
           gsize key_len,
           const guint8 *iv,
           gboolean encrypt,
           const guint8 *in,
           gsize len,
           guint8 *out,
           GError **error)
{
  const EVP_CIPHER *evp = cbc_cipher (cipher, key_len);
  guint8 zero[BP_SM_MAX_BLOCK] = { 0 };

  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (evp != NULL, FALSE);
  g_return_val_if_fail (len % bp_sm_cipher_block_size (cipher) == 0, FALSE);

  if (len == 0)
    return TRUE;
  return run_cipher (evp, key, iv != NULL ? iv : zero, encrypt, in, len, out, error);
}

static gboolean
retail_mac (const guint8 *key,
            const guint8 *data,
            gsize len,
            guint8 *mac_out,
            GError **error)
{
  guint8 k1[24];
  guint8 h[8] = { 0 };
  guint8 last[8];
  g_autofree guint8 *chain = NULL;

  /* ISO/IEC 9797-1 MAC algorithm 3: single-DES CBC with K1 over all
   * blocks but the last, then 3DES (K1, K2) on the last block. */
  g_assert (len % 8 == 0 && len > 0);

  memcpy (k1, key, 8);
  memcpy (k1 + 8, key, 8);
  memcpy (k1 + 16, key, 8);
  if (len > 8)
    {
      chain = g_malloc (len - 8);
      if (!run_cipher (EVP_des_ede3_cbc (), k1, h, TRUE, data, len - 8, chain, error))
        return FALSE;
      memcpy (h, chain + len - 16, 8);
    }
  OPENSSL_cleanse (k1, sizeof k1);
  for (guint i = 0; i < 8; i++)
    last[i] = h[i] ^ data[len - 8 + i];
  return run_cipher (EVP_des_ede_ecb (), key, NULL, TRUE, last, 8, mac_out, error);
}

static gboolean
cmac (const guint8 *key,
      gsize key_len,
      const guint8 *data,
      gsize len,
      guint8 *mac_out,
      GError **error)
{
  g_autoptr (EVP_MAC) mac = EVP_MAC_fetch (NULL, "CMAC", NULL);
  g_autoptr (EVP_MAC_CTX) ctx = NULL;
  const char *name = key_len == 16 ? "AES-128-CBC" : key_len == 24 ? "AES-192-CBC"
                                                                   : "AES-256-CBC";
  OSSL_PARAM params[2];
  guint8 full[16];
  gsize out_len = 0;

  if (mac == NULL || (ctx = EVP_MAC_CTX_new (mac)) == NULL)
    return crypto_failed (error);
  params[0] = OSSL_PARAM_construct_utf8_string (OSSL_MAC_PARAM_CIPHER, (char *) name, 0);
  params[1] = OSSL_PARAM_construct_end ();
  if (!EVP_MAC_init (ctx, key, key_len, params) || !EVP_MAC_update (ctx, data, len) || !EVP_MAC_final (ctx, full, &out_len, sizeof full) || out_len != sizeof full)
    return crypto_failed (error);
  memcpy (mac_out, full, BP_SM_MAC_LENGTH);
  return TRUE;
}

gboolean
bp_sm_mac (BpSmCipher cipher,
           const guint8 *key,
           gsize key_len,
           const guint8 *data,
           gsize len,
           gboolean pad,
           guint8 *mac_out,
           GError **error)
{
  g_autoptr (GByteArray) padded = NULL;
  gsize block = bp_sm_cipher_block_size (cipher);

  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (mac_out != NULL, FALSE);
  g_return_val_if_fail (cipher == BP_SM_CIPHER_AES || key_len == 16, FALSE);
  g_return_val_if_fail (cipher == BP_SM_CIPHER_3DES || key_len == 16 || key_len == 24 || key_len == 32, FALSE);

  if (pad || (cipher == BP_SM_CIPHER_3DES && (len % block != 0 || len == 0)))
    {
      padded = g_byte_array_sized_new (len + block);
      if (len > 0)
        g_byte_array_append (padded, data, len);
      bp_sm_pad (padded, block);
      data = padded->data;
      len = padded->len;
    }

  if (cipher == BP_SM_CIPHER_3DES)
    return retail_mac (key, data, len, mac_out, error);
  return cmac (key, key_len, data, len, mac_out, error);
}

gboolean
bp_sm_mac_equal (const guint8 *a,
                 const guint8 *b)
{
  return CRYPTO_memcmp (a, b, BP_SM_MAC_LENGTH) == 0;
}
