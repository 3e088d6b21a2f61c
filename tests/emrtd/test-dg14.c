/* test-dg14.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "bp-chip-auth.h"
#include "bp-chip-error.h"
#include "bp-dg14.h"
#include "bp-tlv.h"

/* DG14 parsing: the BSI reference chip's file, round trips through the
 * encoder, and hostile files (every truncation, every byte mutated, and
 * hand-made bad entries), which must fail with a clear error, never
 * crash (this runs under AddressSanitizer in suite core). */

static GBytes *
load (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static GBytes *
spki_of (EVP_PKEY *key)
{
  unsigned char *der = NULL;
  int n = i2d_PUBKEY (key, &der);
  GBytes *bytes;

  g_assert_cmpint (n, >, 0);
  bytes = g_bytes_new (der, n);
  OPENSSL_free (der);
  return bytes;
}

static GBytes *
from_hex (const char *hex)
{
  GByteArray *out = g_byte_array_new ();

  for (const char *p = hex; p[0] != '\0' && p[1] != '\0'; p += 2)
    {
      guint8 b = (g_ascii_xdigit_value (p[0]) << 4) | g_ascii_xdigit_value (p[1]);

      g_byte_array_append (out, &b, 1);
    }
  return g_byte_array_free_to_bytes (out);
}

static void
test_bsi (void)
{
  g_autoptr (GBytes) dg14 = load ("DG14.bin");
  g_autoptr (GError) error = NULL;
  g_autoptr (BpDg14) parsed = bp_dg14_parse (dg14, &error);
  const BpDg14CaInfo *info = NULL;
  const BpDg14PublicKey *key = NULL;
  const char *protocol = NULL;
  const guint8 *raw = g_bytes_get_data (dg14, NULL);

  g_assert_no_error (error);
  g_assert_nonnull (parsed);
  g_assert_cmpuint (parsed->public_keys->len, ==, 1);
  g_assert_cmpuint (parsed->ca_infos->len, ==, 1);
  g_assert_true (bp_dg14_select (parsed, &info, &key, &protocol, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (protocol, ==, BP_OID_CA_ECDH_3DES);
  g_assert_cmpint (info->version, ==, 1);
  g_assert_null (info->key_id);
  g_assert_cmpstr (key->protocol_oid, ==, BP_OID_PK_ECDH);
  g_assert_cmpint (EVP_PKEY_get_base_id (key->key), ==, EVP_PKEY_EC);
  g_assert_cmpint (EVP_PKEY_get_bits (key->key), ==, 224);
  /* The SPKI exactly as in the file: offset 23, 4 + 275 bytes. */
  g_assert_cmpmem (g_bytes_get_data (key->spki, NULL), g_bytes_get_size (key->spki), raw + 23, 279);
}

static void
test_round_trip_ec (void)
{
  EVP_PKEY *chip = EVP_PKEY_Q_keygen (NULL, NULL, "EC", "brainpoolP256r1");
  g_autoptr (GBytes) spki = spki_of (chip);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) dg14 = bp_dg14_encode (spki, BP_OID_CA_ECDH_AES128, 300, &error);
  g_autoptr (BpDg14) parsed = NULL;
  g_autoptr (GBytes) expected_id = from_hex ("012C");
  const BpDg14CaInfo *info = NULL;
  const BpDg14PublicKey *key = NULL;
  const char *protocol = NULL;

  g_assert_no_error (error);
  parsed = bp_dg14_parse (dg14, &error);
  g_assert_no_error (error);
  g_assert_true (bp_dg14_select (parsed, &info, &key, &protocol, &error));
  g_assert_cmpstr (protocol, ==, BP_OID_CA_ECDH_AES128);
  g_assert_true (g_bytes_equal (key->spki, spki));
  g_assert_true (g_bytes_equal (info->key_id, expected_id));
  g_assert_true (g_bytes_equal (key->key_id, expected_id));
  g_assert_cmpint (EVP_PKEY_eq (key->key, chip), ==, 1);

  /* A key id with its top bit set gets a leading zero. */
  g_clear_pointer (&dg14, g_bytes_unref);
  g_clear_pointer (&parsed, bp_dg14_free);
  dg14 = bp_dg14_encode (spki, BP_OID_CA_ECDH_3DES, 128, &error);
  parsed = bp_dg14_parse (dg14, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (((BpDg14CaInfo *) g_ptr_array_index (parsed->ca_infos, 0))->key_id), ==, 2);

  /* Not a key; not a CA protocol. */
  g_clear_pointer (&dg14, g_bytes_unref);
  dg14 = bp_dg14_encode (spki, "0.4.0.127.0.7.2.2.4.2.2", -1, &error);
  g_assert_null (dg14);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_NOT_SUPPORTED);
  EVP_PKEY_free (chip);
}

static void
test_round_trip_dh (void)
{
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name (NULL, "DHX", NULL);
  OSSL_PARAM params[] = { OSSL_PARAM_construct_utf8_string ("group", (char *) "dh_1024_160", 0), OSSL_PARAM_END };
  EVP_PKEY *chip = NULL;
  g_autoptr (GBytes) spki = NULL;
  g_autoptr (GBytes) dg14 = NULL;
  g_autoptr (BpDg14) parsed = NULL;
  g_autoptr (GError) error = NULL;
  const BpDg14PublicKey *key = NULL;
  const char *protocol = NULL;

  g_assert_cmpint (EVP_PKEY_keygen_init (ctx), ==, 1);
  g_assert_cmpint (EVP_PKEY_CTX_set_params (ctx, params), ==, 1);
  g_assert_cmpint (EVP_PKEY_keygen (ctx, &chip), ==, 1);
  spki = spki_of (chip);
  dg14 = bp_dg14_encode (spki, BP_OID_CA_DH_3DES, -1, &error);
  g_assert_no_error (error);
  parsed = bp_dg14_parse (dg14, &error);
  g_assert_no_error (error);
  g_assert_true (bp_dg14_select (parsed, NULL, &key, &protocol, &error));
  g_assert_cmpstr (protocol, ==, BP_OID_CA_DH_3DES);
  g_assert_cmpstr (key->protocol_oid, ==, BP_OID_PK_DH);
  g_assert_cmpint (EVP_PKEY_get_base_id (key->key), ==, EVP_PKEY_DHX);
  g_assert_null (key->key_id);
  EVP_PKEY_free (chip);
  EVP_PKEY_CTX_free (ctx);
}

static void
assert_malformed (GBytes *dg14)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpDg14) parsed = bp_dg14_parse (dg14, &error);

  g_assert_null (parsed);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_MALFORMED);
  g_assert_true (g_str_has_prefix (error->message, "The chip's DG14"));
}

static void
test_truncations (void)
{
  g_autoptr (GBytes) dg14 = load ("DG14.bin");
  gsize size = g_bytes_get_size (dg14);

  for (gsize n = 0; n < size; n++)
    {
      g_autoptr (GBytes) part = g_bytes_new_from_bytes (dg14, 0, n);

      assert_malformed (part);
    }
}

/* Every byte changed three ways: parse or a clear error, and a DG14 that
 * still parses still gives a consistent selection. */
static void
test_mutations (void)
{
  g_autoptr (GBytes) dg14 = load ("DG14.bin");
  gsize size;
  const guint8 *data = g_bytes_get_data (dg14, &size);
  static const guint8 masks[] = { 0x01, 0x80, 0xFF };
  guint failed = 0;

  for (gsize i = 0; i < size; i++)
    for (guint m = 0; m < G_N_ELEMENTS (masks); m++)
      {
        g_autofree guint8 *copy = g_memdup2 (data, size);
        g_autoptr (GBytes) mutated = NULL;
        g_autoptr (GError) error = NULL;
        g_autoptr (BpDg14) parsed = NULL;

        copy[i] ^= masks[m];
        mutated = g_bytes_new (copy, size);
        parsed = bp_dg14_parse (mutated, &error);
        if (parsed == NULL)
          {
            g_assert_nonnull (error);
            g_assert_true (error->domain == BP_CHIP_ERROR);
            failed++;
          }
        else
          {
            const BpDg14PublicKey *key = NULL;
            const char *protocol = NULL;

            g_assert_no_error (error);
            if (bp_dg14_select (parsed, NULL, &key, &protocol, &error))
              g_assert_nonnull (key->key);
            else
              g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_NOT_SUPPORTED);
          }
      }
  /* Most structural bytes matter. */
  g_assert_cmpuint (failed, >, size / 2);
}

static void
test_hostile (void)
{
  static const char *const bad[] = {
    "",
    "6F023100",     /* not DG14 */
    "6E020400",     /* no SET */
    "6E0431020500", /* an entry that is not a SEQUENCE */
    "6E043102"
    "3000", /* an empty entry */
    "6E063104"
    "30020500", /* no OID */
    "6E063104"
    "30020600", /* empty OID */
    "6E073105"
    "300306018F", /* OID running off its end */
    /* id-PK-ECDH with no key, with garbage for a key */
    "6E0F310D"
    "300B06090400"
    "7F000702020102",
    "6E13311130"
    "0F06090400"
    "7F000702020102"
    "30020500",
    /* id-CA-ECDH-3DES with no version, a negative one, an over-long one */
    "6E10310E"
    "300C060A0400"
    "7F00070202030201",
    "6E13311130"
    "0F060A0400"
    "7F00070202030201"
    "0201FF",
    "6E1C311A30"
    "18060A0400"
    "7F00070202030201"
    "020A01020304050607080900",
    /* a key id of 17 bytes */
    "6E28312630"
    "24060A0400"
    "7F00070202030201"
    "020101"
    "021101020304050607080910111213141516"
    "17",
    /* trailing data after the SET */
    "6E053100"
    "010101",
    /* indefinite length */
    "6E803100"
    "0000",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GBytes) dg14 = from_hex (bad[i]);

      g_test_message ("case %u: %s", i, bad[i]);
      assert_malformed (dg14);
    }
}

static void
test_no_ca (void)
{
  /* Only a PACEInfo and a TerminalAuthenticationInfo: parses, nothing to run. */
  g_autoptr (GBytes) dg14 = from_hex ("6E253123"
                                      "301206"
                                      "0A04007F00070202040202"
                                      "020102"
                                      "02010D"
                                      "300D06"
                                      "0804007F0007020202"
                                      "020101");
  g_autoptr (GError) error = NULL;
  g_autoptr (BpDg14) parsed = bp_dg14_parse (dg14, &error);
  const BpDg14PublicKey *key = NULL;
  const char *protocol = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (parsed->public_keys->len, ==, 0);
  g_assert_cmpuint (parsed->ca_infos->len, ==, 0);
  g_assert_false (bp_dg14_select (parsed, NULL, &key, &protocol, &error));
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_NOT_SUPPORTED);
}

static void
test_key_id_mismatch (void)
{
  EVP_PKEY *chip = EVP_PKEY_Q_keygen (NULL, NULL, "EC", "prime256v1");
  g_autoptr (GBytes) spki = spki_of (chip);
  g_autoptr (GBytes) dg14 = bp_dg14_encode (spki, BP_OID_CA_ECDH_AES128, 1, NULL);
  g_autofree guint8 *copy = NULL;
  g_autoptr (GBytes) mutated = NULL;
  g_autoptr (BpDg14) parsed = NULL;
  g_autoptr (GError) error = NULL;
  const BpDg14PublicKey *key = NULL;
  const char *protocol = NULL;
  gsize size;

  /* The CA info's key id (the last byte) no longer names the key. */
  const guint8 *data = g_bytes_get_data (dg14, &size);

  copy = g_memdup2 (data, size);
  copy[size - 1] = 2;
  mutated = g_bytes_new (copy, size);
  parsed = bp_dg14_parse (mutated, &error);
  g_assert_no_error (error);
  g_assert_false (bp_dg14_select (parsed, NULL, &key, &protocol, &error));
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_NOT_SUPPORTED);
  EVP_PKEY_free (chip);
}

/* Older chips: DG14 with the key only, no ChipAuthenticationInfo: CA
 * version 1 with 3DES of the key's family. */
static void
test_key_only (void)
{
  EVP_PKEY *chip = EVP_PKEY_Q_keygen (NULL, NULL, "EC", "prime256v1");
  g_autoptr (GBytes) spki = spki_of (chip);
  g_autoptr (GBytes) full = bp_dg14_encode (spki, BP_OID_CA_ECDH_AES128, -1, NULL);
  g_autoptr (GByteArray) set = g_byte_array_new ();
  g_autoptr (GByteArray) outer = g_byte_array_new ();
  g_autoptr (GBytes) dg14 = NULL;
  g_autoptr (BpDg14) parsed = NULL;
  g_autoptr (GError) error = NULL;
  const BpDg14CaInfo *info = (const BpDg14CaInfo *) 1;
  const BpDg14PublicKey *key = NULL;
  const char *protocol = NULL;
  BpTlv tlv, first;

  /* Keep only the key's SecurityInfo (id-PK-ECDH) of the encoder's DG14. */
  g_assert_true (bp_tlv_parse (g_bytes_get_data (full, NULL), g_bytes_get_size (full), &tlv, NULL));
  g_assert_true (bp_tlv_parse (tlv.value, tlv.length, &tlv, NULL));
  {
    static const guint8 pk_ecdh[] = { 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x01, 0x02 };
    gsize pos = 0;
    gboolean found = FALSE;

    while (!found && pos < tlv.length)
      {
        BpTlv oid;
        gsize inner = 0;

        g_assert_true (bp_tlv_next (tlv.value, tlv.length, &pos, &first, NULL));
        g_assert_true (bp_tlv_next (first.value, first.length, &inner, &oid, NULL));
        found = oid.length == sizeof pk_ecdh && memcmp (oid.value, pk_ecdh, sizeof pk_ecdh) == 0;
      }
    g_assert_true (found);
  }
  bp_tlv_append (set, 0x31, first.element, first.element_length);
  bp_tlv_append (outer, 0x6E, set->data, set->len);
  dg14 = g_bytes_new (outer->data, outer->len);

  parsed = bp_dg14_parse (dg14, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->ca_infos->len, ==, 0);
  g_assert_true (bp_dg14_select (parsed, &info, &key, &protocol, &error));
  g_assert_null (info);
  g_assert_cmpstr (protocol, ==, BP_OID_CA_ECDH_3DES);
  g_assert_true (g_bytes_equal (key->spki, spki));
  EVP_PKEY_free (chip);
}

static void
test_cam_verify (void)
{
  g_autoptr (GBytes) dg14 = load ("DG14.bin");
  g_autoptr (GBytes) short_scalar = from_hex ("00");
  g_autoptr (GBytes) point = from_hex ("04");
  g_autoptr (GBytes) garbage = from_hex ("6E00");
  g_autoptr (GError) error = NULL;

  /* Zero is no valid CA_IC, a lone 04 no point. */
  g_assert_false (bp_chip_auth_verify_cam (dg14, short_scalar, point, &error));
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (bp_chip_auth_verify_cam (garbage, short_scalar, point, &error));
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_MALFORMED);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/borderpost/emrtd/dg14/bsi", test_bsi);
  g_test_add_func ("/borderpost/emrtd/dg14/round-trip-ec", test_round_trip_ec);
  g_test_add_func ("/borderpost/emrtd/dg14/round-trip-dh", test_round_trip_dh);
  g_test_add_func ("/borderpost/emrtd/dg14/truncations", test_truncations);
  g_test_add_func ("/borderpost/emrtd/dg14/mutations", test_mutations);
  g_test_add_func ("/borderpost/emrtd/dg14/hostile", test_hostile);
  g_test_add_func ("/borderpost/emrtd/dg14/no-ca", test_no_ca);
  g_test_add_func ("/borderpost/emrtd/dg14/key-id-mismatch", test_key_id_mismatch);
  g_test_add_func ("/borderpost/emrtd/dg14/key-only", test_key_only);
  g_test_add_func ("/borderpost/emrtd/dg14/cam-verify-hostile", test_cam_verify);

  return g_test_run ();
}
