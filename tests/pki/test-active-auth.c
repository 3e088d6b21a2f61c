/* test-active-auth.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "bp-active-auth.h"
#include "bp-pki.h"
#include "bp-tlv.h"

/* The chip side is played with OpenSSL's own primitives: the raw RSA
 * private operation over an ISO/IEC 9796-2 representative built here, and
 * OpenSSL's ECDSA. */

static const guint8 challenge[8] = { 0x47, 0x11, 0x08, 0x15, 0xCA, 0xFE, 0xBA, 0xBE };

static GBytes *
make_dg15 (EVP_PKEY *key)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  unsigned char *spki = NULL;
  int length = i2d_PUBKEY (key, &spki);

  g_assert_cmpint (length, >, 0);
  bp_tlv_append (out, 0x6F, spki, length);
  OPENSSL_free (spki);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* F = 6A ‖ M1 ‖ H(M1 ‖ challenge) ‖ trailer, signed with the raw private key. */
static guint8 *
sign_iso9796 (EVP_PKEY *key,
              const char *hash,
              const guint8 *trailer,
              gsize trailer_length,
              gboolean complement,
              gsize *length)
{
  gsize k = (gsize) EVP_PKEY_get_size (key);
  const EVP_MD *md = EVP_get_digestbyname (hash);
  gsize digest_length = (gsize) EVP_MD_get_size (md);
  gsize m1_length = k - 1 - digest_length - trailer_length;
  g_autofree guint8 *f = g_malloc (k);
  guint8 *s = g_malloc (k);
  EVP_MD_CTX *md_ctx = EVP_MD_CTX_new ();
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey (NULL, key, NULL);
  size_t s_length = k;

  f[0] = 0x6A;
  for (gsize i = 0; i < m1_length; i++)
    f[1 + i] = (guint8) g_test_rand_int ();
  g_assert_true (EVP_DigestInit_ex (md_ctx, md, NULL));
  EVP_DigestUpdate (md_ctx, f + 1, m1_length);
  EVP_DigestUpdate (md_ctx, challenge, sizeof challenge);
  EVP_DigestFinal_ex (md_ctx, f + 1 + m1_length, NULL);
  memcpy (f + k - trailer_length, trailer, trailer_length);

  g_assert_cmpint (EVP_PKEY_sign_init (ctx), ==, 1);
  g_assert_cmpint (EVP_PKEY_CTX_set_rsa_padding (ctx, RSA_NO_PADDING), ==, 1);
  g_assert_cmpint (EVP_PKEY_sign (ctx, s, &s_length, f, k), ==, 1);
  g_assert_cmpuint (s_length, ==, k);

  if (complement)
    {
      BIGNUM *n = NULL;
      BIGNUM *value = BN_bin2bn (s, (int) k, NULL);

      g_assert_true (EVP_PKEY_get_bn_param (key, OSSL_PKEY_PARAM_RSA_N, &n));
      BN_sub (value, n, value);
      BN_bn2binpad (value, s, (int) k);
      BN_free (value);
      BN_free (n);
    }

  EVP_PKEY_CTX_free (ctx);
  EVP_MD_CTX_free (md_ctx);
  *length = k;
  return s;
}

static void
assert_verifies (GBytes *dg15,
                 const guint8 *response,
                 gsize length,
                 const char *ecdsa_hash,
                 const char *expected_hash)
{
  g_autoptr (GError) error = NULL;
  const char *hash = NULL;

  g_assert_true (bp_active_auth_verify (dg15, challenge, sizeof challenge, response, length, ecdsa_hash, &hash, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hash, ==, expected_hash);
}

static void
assert_refused (GBytes *dg15,
                const guint8 *chall,
                const guint8 *response,
                gsize length,
                const char *ecdsa_hash,
                int code)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (bp_active_auth_verify (dg15, chall, 8, response, length, ecdsa_hash, NULL, &error));
  g_assert_error (error, BP_PKI_ERROR, code);
}

static void
test_rsa (void)
{
  static const guint8 bc[] = { 0xBC };
  static const guint8 sha256_cc[] = { 0x34, 0xCC };
  static const guint8 sha512_cc[] = { 0x35, 0xCC };
  static const guint8 other[8] = { 0 };
  EVP_PKEY *key1024 = EVP_RSA_gen (1024);
  EVP_PKEY *key2048 = EVP_RSA_gen (2048);
  g_autoptr (GBytes) dg15_1024 = make_dg15 (key1024);
  g_autoptr (GBytes) dg15_2048 = make_dg15 (key2048);
  g_autofree guint8 *sha1 = NULL;
  g_autofree guint8 *sha256 = NULL;
  g_autofree guint8 *sha512 = NULL;
  g_autofree guint8 *complement = NULL;
  gsize length;

  sha1 = sign_iso9796 (key1024, "SHA1", bc, 1, FALSE, &length);
  assert_verifies (dg15_1024, sha1, length, NULL, "SHA1");
  assert_refused (dg15_1024, other, sha1, length, NULL, BP_PKI_ERROR_UNTRUSTED);
  /* The right answer, checked against another chip's key. */
  assert_refused (dg15_2048, challenge, sha1, length, NULL, BP_PKI_ERROR_INVALID);

  sha256 = sign_iso9796 (key2048, "SHA256", sha256_cc, 2, FALSE, &length);
  assert_verifies (dg15_2048, sha256, length, NULL, "SHA256");
  sha512 = sign_iso9796 (key2048, "SHA512", sha512_cc, 2, FALSE, &length);
  assert_verifies (dg15_2048, sha512, length, NULL, "SHA512");
  complement = sign_iso9796 (key2048, "SHA256", sha256_cc, 2, TRUE, &length);
  assert_verifies (dg15_2048, complement, length, NULL, "SHA256");

  /* Every single changed byte is refused. */
  for (gsize i = 0; i < length; i += 7)
    {
      g_autofree guint8 *copy = g_memdup2 (sha256, length);

      copy[i] ^= 0x10;
      assert_refused (dg15_2048, challenge, copy, length, NULL, BP_PKI_ERROR_UNTRUSTED);
    }
  assert_refused (dg15_2048, challenge, sha256, length - 1, NULL, BP_PKI_ERROR_INVALID);

  EVP_PKEY_free (key1024);
  EVP_PKEY_free (key2048);
}

static void
test_ecdsa (void)
{
  EVP_PKEY *key = EVP_EC_gen ("brainpoolP256r1");
  g_autoptr (GBytes) dg15 = make_dg15 (key);
  EVP_MD_CTX *ctx = EVP_MD_CTX_new ();
  guint8 der[80];
  guint8 plain[64];
  size_t der_length = sizeof der;
  const unsigned char *p = der;
  ECDSA_SIG *sig;
  static const guint8 other[8] = { 1 };

  g_assert_cmpint (EVP_DigestSignInit (ctx, NULL, EVP_sha256 (), NULL, key), ==, 1);
  g_assert_cmpint (EVP_DigestSign (ctx, der, &der_length, challenge, sizeof challenge), ==, 1);
  sig = d2i_ECDSA_SIG (NULL, &p, (long) der_length);
  g_assert_nonnull (sig);
  BN_bn2binpad (ECDSA_SIG_get0_r (sig), plain, 32);
  BN_bn2binpad (ECDSA_SIG_get0_s (sig), plain + 32, 32);

  assert_verifies (dg15, plain, sizeof plain, "SHA256", "SHA256");
  assert_verifies (dg15, plain, sizeof plain, NULL, "SHA256");
  assert_verifies (dg15, der, der_length, NULL, "SHA256");
  assert_refused (dg15, challenge, plain, sizeof plain, "SHA384", BP_PKI_ERROR_UNTRUSTED);
  assert_refused (dg15, other, plain, sizeof plain, NULL, BP_PKI_ERROR_UNTRUSTED);
  plain[40] ^= 1;
  assert_refused (dg15, challenge, plain, sizeof plain, NULL, BP_PKI_ERROR_UNTRUSTED);
  assert_refused (dg15, challenge, plain, 17, NULL, BP_PKI_ERROR_INVALID);

  ECDSA_SIG_free (sig);
  EVP_MD_CTX_free (ctx);
  EVP_PKEY_free (key);
}

static void
test_bsi_dg15 (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "pki", "data", "bsi-mustermann", "DG15.bin", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) dg15 = NULL;
  g_autoptr (GBytes) broken = NULL;
  char *contents = NULL;
  gsize length;
  guint8 response[128] = { 0x6A };

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  dg15 = g_bytes_new_take (contents, length);

  /* An RSA-1024 key: a made-up answer of the right size is refused. */
  assert_refused (dg15, challenge, response, sizeof response, NULL, BP_PKI_ERROR_UNTRUSTED);

  broken = g_bytes_new (contents, length - 1);
  assert_refused (broken, challenge, response, sizeof response, NULL, BP_PKI_ERROR_INVALID);
}

int
main (int argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/borderpost/pki/active-auth/rsa", test_rsa);
  g_test_add_func ("/borderpost/pki/active-auth/ecdsa", test_ecdsa);
  g_test_add_func ("/borderpost/pki/active-auth/bsi-dg15", test_bsi_dg15);

  return g_test_run ();
}
