/* test-virtual-chip-authenticity.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "bp-chip-auth.h"
#include "bp-dg14.h"
#include "bp-virtual-reader.h"
#include "virtual-chip-test-util.h"

/* The virtual chip proving it is genuine: Active Authentication, each
 * signature checked here with OpenSSL as a terminal would against DG15,
 * and Chip Authentication, with the terminal's ECDH done here on OpenSSL. */

#define CHALLENGE "0102030405060708"

static GBytes *
private_der (EVP_PKEY *key)
{
  unsigned char *der = NULL;
  int length = i2d_PrivateKey (key, &der);
  GBytes *bytes = g_bytes_new (der, length);

  OPENSSL_free (der);
  return bytes;
}

static void
set_key (ChipFixture *f,
         EVP_PKEY *key)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = private_der (key);

  g_assert_true (bp_virtual_chip_set_active_authentication_key (f->chip, bytes, &error));
  g_assert_no_error (error);
}

static GBytes *
internal_authenticate (ChipFixture *f,
                       BpSm *sm,
                       guint16 expected_sw)
{
  GBytes *response = test_sm_exchange (f->card, sm, 0x88, 0x00, 0x00, CHALLENGE, 256, expected_sw);
  gsize n;
  const guint8 *data = g_bytes_get_data (response, &n);
  GBytes *signature = g_bytes_new (data, n - 2);

  g_bytes_unref (response);
  return signature;
}

static void
test_ecdsa (ChipFixture *f,
            gconstpointer data)
{
  EVP_PKEY *key = EVP_PKEY_Q_keygen (NULL, NULL, "EC", "brainpoolP256r1");
  g_autoptr (BpSm) sm = NULL;
  g_autoptr (GBytes) signature = NULL;
  g_autoptr (GBytes) challenge = test_bytes_from_hex (CHALLENGE);
  g_autoptr (GBytes) other = test_bytes_from_hex ("0102030405060709");
  const guint8 *plain;
  ECDSA_SIG *sig = ECDSA_SIG_new ();
  unsigned char *der = NULL;
  int der_length;
  EVP_MD_CTX *md;

  /* No key, no Active Authentication. */
  sm = test_bac_session (f->card, f->chip);
  g_bytes_unref (internal_authenticate (f, sm, 0x6D00));

  set_key (f, key);
  /* Not before BAC or PACE. */
  test_assert_sw (f->card, "0088000008" CHALLENGE "00", 0x6982);
  g_clear_pointer (&sm, bp_sm_unref);
  sm = test_bac_session (f->card, f->chip);
  signature = internal_authenticate (f, sm, 0x9000);
  g_assert_cmpuint (g_bytes_get_size (signature), ==, 64);

  plain = g_bytes_get_data (signature, NULL);
  ECDSA_SIG_set0 (sig, BN_bin2bn (plain, 32, NULL), BN_bin2bn (plain + 32, 32, NULL));
  der_length = i2d_ECDSA_SIG (sig, &der);
  md = EVP_MD_CTX_new ();
  g_assert_cmpint (EVP_DigestVerifyInit (md, NULL, EVP_sha256 (), NULL, key), ==, 1);
  g_assert_cmpint (EVP_DigestVerify (md, der, der_length, g_bytes_get_data (challenge, NULL), 8), ==, 1);
  EVP_MD_CTX_free (md);
  md = EVP_MD_CTX_new ();
  g_assert_cmpint (EVP_DigestVerifyInit (md, NULL, EVP_sha256 (), NULL, key), ==, 1);
  g_assert_cmpint (EVP_DigestVerify (md, der, der_length, g_bytes_get_data (other, NULL), 8), !=, 1);
  EVP_MD_CTX_free (md);

  OPENSSL_free (der);
  ECDSA_SIG_free (sig);
  EVP_PKEY_free (key);
}

/* ISO/IEC 9796-2 scheme 1 verification: recover the representative and
 * check header, trailer and the hash over M1 || challenge. */
static gboolean
rsa_verifies (EVP_PKEY *key,
              GBytes *signature,
              const char *challenge_hex)
{
  g_autoptr (GBytes) challenge = test_bytes_from_hex (challenge_hex);
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new (key, NULL);
  gsize k = EVP_PKEY_get_size (key), length = k;
  g_autofree guint8 *representative = g_malloc (k);
  guint8 digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  EVP_MD_CTX *md = EVP_MD_CTX_new ();
  gboolean ok;

  g_assert_cmpint (EVP_PKEY_verify_recover_init (ctx), ==, 1);
  g_assert_cmpint (EVP_PKEY_CTX_set_rsa_padding (ctx, RSA_NO_PADDING), ==, 1);
  g_assert_cmpint (EVP_PKEY_verify_recover (ctx, representative, &length, g_bytes_get_data (signature, NULL),
                                            g_bytes_get_size (signature)),
                   ==, 1);
  g_assert_cmpuint (length, ==, k);
  EVP_DigestInit_ex (md, EVP_sha1 (), NULL);
  EVP_DigestUpdate (md, representative + 1, k - 22);
  EVP_DigestUpdate (md, g_bytes_get_data (challenge, NULL), 8);
  EVP_DigestFinal_ex (md, digest, &digest_length);
  ok = representative[0] == 0x6A && representative[k - 1] == 0xBC
       && memcmp (representative + k - 21, digest, 20) == 0;
  EVP_MD_CTX_free (md);
  EVP_PKEY_CTX_free (ctx);
  return ok;
}

static void
test_rsa (ChipFixture *f,
          gconstpointer data)
{
  EVP_PKEY *key = EVP_PKEY_Q_keygen (NULL, NULL, "RSA", (size_t) 1024);
  EVP_PKEY *big = EVP_PKEY_Q_keygen (NULL, NULL, "RSA", (size_t) 2048);
  g_autoptr (BpSm) sm = NULL;
  g_autoptr (GBytes) signature = NULL;
  g_autoptr (GBytes) long_signature = NULL;
  g_autoptr (GBytes) garbage = g_bytes_new_static ("xx", 2);
  g_autoptr (GError) error = NULL;

  g_assert_false (bp_virtual_chip_set_active_authentication_key (f->chip, garbage, &error));
  g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  set_key (f, key);
  sm = test_bac_session (f->card, f->chip);
  signature = internal_authenticate (f, sm, 0x9000);
  g_assert_cmpuint (g_bytes_get_size (signature), ==, 128);
  g_assert_true (rsa_verifies (key, signature, CHALLENGE));
  g_assert_false (rsa_verifies (key, signature, "0102030405060709"));

  /* 256 bytes do not fit a protected short answer; extended length does. */
  set_key (f, big);
  g_bytes_unref (internal_authenticate (f, sm, 0x6700));
  bp_virtual_chip_set_extended_length (f->chip, TRUE);
  {
    BpApdu apdu = { .ins = 0x88, .ne = 65536, .extended = TRUE };
    g_autoptr (GBytes) challenge = test_bytes_from_hex (CHALLENGE);
    g_autoptr (GBytes) command = NULL;
    g_autoptr (GBytes) response = NULL;
    g_autoptr (GBytes) plain = NULL;
    gsize n;
    const guint8 *bytes;

    apdu.data = g_bytes_get_data (challenge, &apdu.data_len);
    command = bp_sm_protect_command (sm, &apdu, &error);
    response = bp_card_transmit (f->card, command, NULL, &error);
    g_assert_no_error (error);
    plain = bp_sm_unprotect_response (sm, response, &error);
    g_assert_no_error (error);
    g_assert_cmphex (test_sw (plain), ==, 0x9000);
    bytes = g_bytes_get_data (plain, &n);
    long_signature = g_bytes_new (bytes, n - 2);
  }
  g_assert_cmpuint (g_bytes_get_size (long_signature), ==, 256);
  g_assert_true (rsa_verifies (big, long_signature, CHALLENGE));

  g_assert_true (bp_virtual_chip_set_active_authentication_key (f->chip, NULL, &error));
  g_bytes_unref (internal_authenticate (f, sm, 0x6D00));

  EVP_PKEY_free (big);
  EVP_PKEY_free (key);
}

/* The terminal's side of the ECDH: its uncompressed point and the
 * secret (x coordinate) with the chip's public key. */
static GBytes *
terminal_agree (EVP_PKEY *ephemeral,
                EVP_PKEY *chip_key,
                GBytes **point)
{
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new (ephemeral, NULL);
  guint8 secret[80], encoded[133];
  gsize secret_length = sizeof secret, encoded_length = 0;

  g_assert_cmpint (EVP_PKEY_get_octet_string_param (ephemeral, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, encoded,
                                                    sizeof encoded, &encoded_length),
                   ==, 1);
  *point = g_bytes_new (encoded, encoded_length);
  g_assert_cmpint (EVP_PKEY_derive_init (ctx), ==, 1);
  g_assert_cmpint (EVP_PKEY_derive_set_peer (ctx, chip_key), ==, 1);
  g_assert_cmpint (EVP_PKEY_derive (ctx, secret, &secret_length), ==, 1);
  EVP_PKEY_CTX_free (ctx);
  return g_bytes_new (secret, secret_length);
}

static void
test_ca (ChipFixture *f,
         gconstpointer data)
{
  gboolean aes = g_str_has_suffix (g_test_get_path (), "aes");
  EVP_PKEY *chip_key = EVP_PKEY_Q_keygen (NULL, NULL, "EC", "brainpoolP256r1");
  EVP_PKEY *ephemeral = EVP_PKEY_Q_keygen (NULL, NULL, "EC", "brainpoolP256r1");
  g_autoptr (GBytes) der = private_der (chip_key);
  g_autoptr (GBytes) point = NULL;
  g_autoptr (GBytes) secret = NULL;
  g_autoptr (GBytes) response = NULL;
  g_autoptr (GByteArray) dg1 = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (BpSm) sm = NULL;
  g_autoptr (BpSm) ca_sm = NULL;
  g_autofree char *point_hex = NULL;
  g_autofree char *data_hex = NULL;
  guint8 ssc[16] = { 0 };

  secret = terminal_agree (ephemeral, chip_key, &point);
  point_hex = test_hex (point);
  g_assert_cmpuint (g_bytes_get_size (point), ==, 65);

  /* No static key yet: the chip has nothing to authenticate with. */
  sm = test_bac_session (f->card, f->chip);
  test_sm_assert_sw (f->card, sm, 0x22, 0x41, 0xA4, "800A04007F00070202030202", 0, 0x6A88);
  g_assert_true (bp_virtual_chip_set_chip_authentication_key (f->chip, der, &error));
  g_assert_no_error (error);
  /* Not outside secure messaging. */
  test_assert_sw (f->card, "002241A60491020102", 0x6982);
  g_clear_pointer (&sm, bp_sm_unref);
  sm = test_bac_session (f->card, f->chip);
  test_sm_assert_sw (f->card, sm, 0x22, 0x41, 0xA4, "800A04007F00070202030909", 0, 0x6A80);

  if (aes)
    {
      test_sm_assert_sw (f->card, sm, 0x22, 0x41, 0xA4, "800A04007F00070202030202", 0, 0x9000);
      data_hex = g_strdup_printf ("7C4380%02X%s", (guint) g_bytes_get_size (point), point_hex);
      response = test_sm_exchange (f->card, sm, 0x86, 0x00, 0x00, data_hex, 256, 0x9000);
      test_assert_bytes_hex (response, "7C009000");
      ca_sm = bp_sm_new_from_secret (BP_SM_CIPHER_AES, 16, g_bytes_get_data (secret, NULL),
                                     g_bytes_get_size (secret), ssc, &error);
    }
  else
    {
      data_hex = g_strdup_printf ("91%02X%s", (guint) g_bytes_get_size (point), point_hex);
      test_sm_assert_sw (f->card, sm, 0x22, 0x41, 0xA6, data_hex, 0, 0x9000);
      ca_sm = bp_sm_new_from_secret (BP_SM_CIPHER_3DES, 16, g_bytes_get_data (secret, NULL),
                                     g_bytes_get_size (secret), ssc, &error);
    }
  g_assert_no_error (error);
  g_assert_cmpstr (bp_virtual_chip_get_session (f->chip), ==, "CA");

  /* The session goes on under the new keys only. */
  test_sm_assert_sw (f->card, ca_sm, 0xA4, 0x02, 0x0C, "0101", 0, 0x9000);
  dg1 = test_sm_read_file (f->card, ca_sm, 0x0101, 64, FALSE);
  g_assert_cmpmem (dg1->data, dg1->len, g_bytes_get_data (f->dg1, NULL), g_bytes_get_size (f->dg1));
  {
    BpApdu apdu = { .ins = 0xB0, .p1 = 0x81, .ne = 4 };
    g_autoptr (GBytes) command = bp_sm_protect_command (sm, &apdu, &error);
    g_autoptr (GBytes) refused = bp_card_transmit (f->card, command, NULL, &error);

    g_assert_no_error (error);
    test_assert_bytes_hex (refused, "6988");
    g_assert_null (bp_virtual_chip_get_session (f->chip));
  }

  EVP_PKEY_free (ephemeral);
  EVP_PKEY_free (chip_key);
}

static EVP_PKEY *
public_half (EVP_PKEY *key)
{
  unsigned char *der = NULL;
  int n = i2d_PUBKEY (key, &der);
  const unsigned char *p = der;
  EVP_PKEY *pub = d2i_PUBKEY (NULL, &p, n);

  OPENSSL_free (der);
  g_assert_nonnull (pub);
  return pub;
}

/* The terminal side of bp-chip-auth against the chip, each protocol
 * family, and a chip holding another key than the terminal was given:
 * the chip accepts the key but the next answer does not verify. */
static void
test_ca_terminal (ChipFixture *f,
                  gconstpointer data)
{
  const char *protocol = data;
  gboolean dh = g_str_has_prefix (protocol, "0.4.0.127.0.7.2.2.3.1.");
  EVP_PKEY *chip_key = dh ? test_dh_key () : EVP_PKEY_Q_keygen (NULL, NULL, "EC", "prime256v1");
  EVP_PKEY *other_key = dh ? test_dh_key () : EVP_PKEY_Q_keygen (NULL, NULL, "EC", "prime256v1");
  EVP_PKEY *chip_public = public_half (chip_key);
  EVP_PKEY *other_public = public_half (other_key);
  g_autoptr (GBytes) der = private_der (chip_key);
  g_autoptr (GError) error = NULL;
  g_autoptr (BpSm) sm = NULL;
  g_autoptr (BpSm) ca_sm = NULL;
  g_autoptr (GByteArray) dg1 = NULL;

  g_assert_true (bp_virtual_chip_set_chip_authentication_key (f->chip, der, &error));
  g_assert_no_error (error);

  sm = test_bac_session (f->card, f->chip);
  ca_sm = bp_chip_auth_run (sm, f->card, chip_public, protocol, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ca_sm);
  g_assert_cmpstr (bp_virtual_chip_get_session (f->chip), ==, "CA");
  g_assert_cmpint (bp_sm_get_cipher (ca_sm), ==,
                   g_str_has_suffix (protocol, ".1") ? BP_SM_CIPHER_3DES : BP_SM_CIPHER_AES);
  test_sm_assert_sw (f->card, ca_sm, 0xA4, 0x02, 0x0C, "0101", 0, 0x9000);
  dg1 = test_sm_read_file (f->card, ca_sm, 0x0101, 64, FALSE);
  g_assert_cmpmem (dg1->data, dg1->len, g_bytes_get_data (f->dg1, NULL), g_bytes_get_size (f->dg1));

  /* The wrong key: CA "succeeds" but the chip rejects the next command. */
  g_clear_pointer (&sm, bp_sm_unref);
  g_clear_pointer (&ca_sm, bp_sm_unref);
  sm = test_bac_session (f->card, f->chip);
  ca_sm = bp_chip_auth_run (sm, f->card, other_public, protocol, NULL, NULL, &error);
  g_assert_no_error (error);
  {
    BpApdu apdu = { .ins = 0xB0, .p1 = 0x81, .ne = 4 };
    g_autoptr (GBytes) response = bp_sm_transmit (ca_sm, f->card, &apdu, NULL, &error);

    g_assert_nonnull (response);
    g_assert_cmphex (bp_apdu_response_sw (response), ==, 0x6988);
    g_assert_null (bp_virtual_chip_get_session (f->chip));
  }

  /* A refused CA is an error saying so: a key of the other family is
   * no point (or value) on the chip's domain parameters. */
  g_clear_pointer (&sm, bp_sm_unref);
  g_clear_pointer (&ca_sm, bp_sm_unref);
  {
    EVP_PKEY *foreign = dh ? EVP_PKEY_Q_keygen (NULL, NULL, "EC", "prime256v1") : test_dh_key ();

    sm = test_bac_session (f->card, f->chip);
    ca_sm = bp_chip_auth_run (sm, f->card, foreign, protocol, NULL, NULL, &error);
    g_assert_null (ca_sm);
    g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_STATUS);
    g_assert_nonnull (strstr (error->message, "6A80"));
    g_clear_error (&error);
    EVP_PKEY_free (foreign);
  }
  /* The session goes on under the old keys. */
  g_assert_cmpstr (bp_virtual_chip_get_session (f->chip), ==, "BAC");
  ca_sm = bp_chip_auth_run (sm, f->card, chip_public, dh ? "0.4.0.127.0.7.2.2.3.1.9" : "0.4.0.127.0.7.2.2.3.2.9",
                            NULL, NULL, &error);
  g_assert_null (ca_sm);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_NOT_SUPPORTED);

  EVP_PKEY_free (other_public);
  EVP_PKEY_free (chip_public);
  EVP_PKEY_free (other_key);
  EVP_PKEY_free (chip_key);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/borderpost/card/virtual-chip/authenticity/" path, ChipFixture, NULL, chip_fixture_set_up, func, chip_fixture_tear_down)
  ADD ("aa-ecdsa", test_ecdsa);
  ADD ("aa-rsa", test_rsa);
  ADD ("ca-3des", test_ca);
  ADD ("ca-aes", test_ca);
#undef ADD
#define ADD(path, protocol) \
  g_test_add ("/borderpost/card/virtual-chip/authenticity/" path, ChipFixture, protocol, chip_fixture_set_up, test_ca_terminal, chip_fixture_tear_down)
  ADD ("terminal-ecdh-3des", BP_OID_CA_ECDH_3DES);
  ADD ("terminal-ecdh-aes", BP_OID_CA_ECDH_AES128);
  ADD ("terminal-ecdh-aes256", "0.4.0.127.0.7.2.2.3.2.4");
  ADD ("terminal-dh-3des", BP_OID_CA_DH_3DES);
  ADD ("terminal-dh-aes", BP_OID_CA_DH_AES128);
#undef ADD

  return g_test_run ();
}
