/* bp-active-auth.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-active-auth"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "bp-active-auth.h"
#include "bp-pki-private.h"
#include "bp-pki.h"
#include "bp-tlv.h"

/* OpenSSL has no ISO/IEC 9796-2 scheme 1 verifier, so the message
 * representative is recovered with the raw public-key operation of OpenSSL
 * and its format (header 6A, recovered part, hash, trailer) checked here. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_PKEY_CTX, EVP_PKEY_CTX_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_MD_CTX, EVP_MD_CTX_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BIGNUM, BN_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ECDSA_SIG, ECDSA_SIG_free)

static const struct
{
  guint8 trailer; /* the byte before CC in a two-byte trailer */
  const char *name;
} iso9796_hashes[] = {
  { 0x33, "SHA1" },
  { 0x38, "SHA224" },
  { 0x34, "SHA256" },
  { 0x36, "SHA384" },
  { 0x35, "SHA512" },
};

/**
 * bp_active_auth_read_key:
 * @dg15: DG15 as read (tag 6F included)
 * @error: return location for an error
 *
 * Returns: (transfer full): the public key DG15 holds, or %NULL with
 *   BP_PKI_ERROR_INVALID
 */
EVP_PKEY *
bp_active_auth_read_key (GBytes *dg15,
                         GError **error)
{
  g_autoptr (GError) tlv_error = NULL;
  const guint8 *data;
  const unsigned char *p;
  EVP_PKEY *key;
  gsize size;
  BpTlv tlv;

  data = g_bytes_get_data (dg15, &size);
  if (!bp_tlv_parse (data, size, &tlv, &tlv_error) || tlv.tag != 0x6F)
    {
      g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_INVALID,
                   _ ("DG15 is not a single element with tag 6F."));
      return NULL;
    }
  p = tlv.value;
  key = d2i_PUBKEY (NULL, &p, (long) MIN (tlv.length, G_MAXINT32));
  if (key == NULL || p != tlv.value + tlv.length)
    {
      ERR_clear_error ();
      EVP_PKEY_free (key);
      g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_INVALID,
                   _ ("DG15 does not hold a public key."));
      return NULL;
    }
  return key;
}

static gboolean
untrusted (GError **error)
{
  ERR_clear_error ();
  g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_UNTRUSTED,
               _ ("The chip's Active Authentication signature does not verify with the key in DG15."));
  return FALSE;
}

/* m = s^e mod n; ISO/IEC 9796-2 also allows the representative n - m. */
static gboolean
verify_rsa (EVP_PKEY *key,
            const guint8 *challenge,
            gsize challenge_length,
            const guint8 *response,
            gsize response_length,
            const char **hash_name,
            GError **error)
{
  g_autoptr (EVP_PKEY_CTX) ctx = EVP_PKEY_CTX_new_from_pkey (NULL, key, NULL);
  g_autoptr (BIGNUM) n = NULL;
  g_autoptr (BIGNUM) m = NULL;
  gsize k = (gsize) EVP_PKEY_get_size (key);
  g_autofree guint8 *recovered = g_malloc0 (k + 1);
  g_autoptr (EVP_MD_CTX) md_ctx = EVP_MD_CTX_new ();
  guint8 digest[EVP_MAX_MD_SIZE];
  const EVP_MD *md = NULL;
  const char *name = NULL;
  gsize trailer = 0;
  gsize digest_length;
  size_t length = k;

  if (k < 2 || response_length != k)
    {
      g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_INVALID,
                   _ ("The Active Authentication answer has %zu bytes; an RSA key of %zu bytes needs as many."),
                   response_length, k);
      return FALSE;
    }
  if (ctx == NULL || EVP_PKEY_verify_recover_init (ctx) <= 0 || EVP_PKEY_CTX_set_rsa_padding (ctx, RSA_NO_PADDING) <= 0 || EVP_PKEY_verify_recover (ctx, recovered, &length, response, response_length) <= 0 || length != k)
    return untrusted (error);

  if ((recovered[k - 1] & 0x0F) != 0x0C && EVP_PKEY_get_bn_param (key, OSSL_PKEY_PARAM_RSA_N, &n))
    {
      m = BN_bin2bn (recovered, (int) k, NULL);
      if (m == NULL || !BN_sub (m, n, m) || BN_bn2binpad (m, recovered, (int) k) < 0)
        return untrusted (error);
    }

  if (recovered[k - 1] == 0xBC)
    {
      name = "SHA1";
      trailer = 1;
    }
  else if (recovered[k - 1] == 0xCC)
    {
      for (guint i = 0; i < G_N_ELEMENTS (iso9796_hashes); i++)
        if (iso9796_hashes[i].trailer == recovered[k - 2])
          name = iso9796_hashes[i].name;
      trailer = 2;
    }
  if (name == NULL || recovered[0] != 0x6A || (md = EVP_get_digestbyname (name)) == NULL)
    return untrusted (error);

  digest_length = (gsize) EVP_MD_get_size (md);
  if (k < 1 + digest_length + trailer)
    return untrusted (error);

  /* H = hash (M1 ‖ M2): M1 is recovered, M2 is the challenge. */
  if (!EVP_DigestInit_ex (md_ctx, md, NULL) || !EVP_DigestUpdate (md_ctx, recovered + 1, k - 1 - digest_length - trailer) || !EVP_DigestUpdate (md_ctx, challenge, challenge_length) || !EVP_DigestFinal_ex (md_ctx, digest, NULL))
    return untrusted (error);
  if (CRYPTO_memcmp (digest, recovered + k - trailer - digest_length, digest_length) != 0)
    return untrusted (error);

  if (hash_name)
    *hash_name = name;
  return TRUE;
}

/* Plain r ‖ s (TR-03111 5.2.1) to DER, or the DER itself. */
static GBytes *
ecdsa_der (EVP_PKEY *key,
           const guint8 *response,
           gsize response_length)
{
  int bits = EVP_PKEY_get_bits (key);
  gsize half = (gsize) (bits + 7) / 8;
  g_autoptr (ECDSA_SIG) sig = NULL;
  unsigned char *der = NULL;
  int length;

  if (response_length == 2 * half)
    {
      BIGNUM *r = BN_bin2bn (response, (int) half, NULL);
      BIGNUM *s = BN_bin2bn (response + half, (int) half, NULL);

      sig = ECDSA_SIG_new ();
      if (r == NULL || s == NULL || sig == NULL || !ECDSA_SIG_set0 (sig, r, s))
        {
          BN_free (r);
          BN_free (s);
          return NULL;
        }
    }
  else
    {
      const unsigned char *p = response;

      sig = d2i_ECDSA_SIG (NULL, &p, (long) MIN (response_length, G_MAXINT32));
      if (sig == NULL || p != response + response_length)
        return NULL;
    }

  length = i2d_ECDSA_SIG (sig, &der);
  if (length <= 0)
    return NULL;
  {
    GBytes *bytes = g_bytes_new (der, length);

    OPENSSL_free (der);
    return bytes;
  }
}

static gboolean
verify_ecdsa (EVP_PKEY *key,
              const guint8 *challenge,
              gsize challenge_length,
              const guint8 *response,
              gsize response_length,
              const char *ecdsa_hash,
              const char **hash_name,
              GError **error)
{
  static const char *const all[] = { "SHA256", "SHA384", "SHA512", "SHA224", "SHA1", NULL };
  const char *one[] = { ecdsa_hash, NULL };
  const char *const *hashes = ecdsa_hash ? one : all;
  g_autoptr (GBytes) der = ecdsa_der (key, response, response_length);

  if (der == NULL)
    {
      ERR_clear_error ();
      g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_INVALID,
                   _ ("The Active Authentication answer is not an ECDSA signature."));
      return FALSE;
    }

  for (guint i = 0; hashes[i] != NULL; i++)
    {
      g_autoptr (EVP_MD_CTX) ctx = EVP_MD_CTX_new ();
      const EVP_MD *md = EVP_get_digestbyname (hashes[i]);
      gsize size;
      const guint8 *data = g_bytes_get_data (der, &size);

      if (md != NULL && EVP_DigestVerifyInit (ctx, NULL, md, NULL, key) == 1 && EVP_DigestVerify (ctx, data, size, challenge, challenge_length) == 1)
        {
          if (hash_name)
            *hash_name = hashes[i];
          ERR_clear_error ();
          return TRUE;
        }
    }
  return untrusted (error);
}

/**
 * bp_active_auth_verify:
 * @dg15: DG15 as read, tag 6F included
 * @challenge: the challenge sent to the chip
 * @challenge_length: its length, 8 for ICAO
 * @response: the chip's answer
 * @response_length: its length
 * @ecdsa_hash: (nullable): the hash for an EC key, such as "SHA256"
 * @hash_name: (out) (optional) (transfer none): the hash that verified
 * @error: return location for a #BP_PKI_ERROR
 *
 * Verifies an Active Authentication signature; see bp-active-auth.h.
 *
 * Returns: %TRUE when the signature verifies
 */
gboolean
bp_active_auth_verify (GBytes *dg15,
                       const guint8 *challenge,
                       gsize challenge_length,
                       const guint8 *response,
                       gsize response_length,
                       const char *ecdsa_hash,
                       const char **hash_name,
                       GError **error)
{
  g_autoptr (EVP_PKEY) key = NULL;

  g_return_val_if_fail (dg15 != NULL, FALSE);
  g_return_val_if_fail (challenge != NULL || challenge_length == 0, FALSE);
  g_return_val_if_fail (response != NULL || response_length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  key = bp_active_auth_read_key (dg15, error);
  if (key == NULL)
    return FALSE;

  if (EVP_PKEY_is_a (key, "RSA"))
    return verify_rsa (key, challenge, challenge_length, response, response_length, hash_name, error);
  if (EVP_PKEY_is_a (key, "EC"))
    return verify_ecdsa (key, challenge, challenge_length, response, response_length, ecdsa_hash, hash_name, error);

  g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_INVALID,
               /* Translators: %s is a key type such as DSA. */
               _ ("DG15 holds a %s key, which Active Authentication does not use."), EVP_PKEY_get0_type_name (key));
  return FALSE;
}
