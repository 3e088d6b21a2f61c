/* test-lds-security-object.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "bp-lds-security-object.h"
#include "bp-pki.h"

/* SEQUENCE { INTEGER 1, SEQUENCE { OID sha256 }, SEQUENCE { {1, H1}, {2, H2} },
 *            SEQUENCE { "0108", "040000" } }, written out by hand. */
static GByteArray *
make_object (int version,
             const guint8 *oid,
             gsize oid_length,
             guint first_group,
             guint second_group,
             guint hash_length,
             gboolean version_info)
{
  GByteArray *hashes = g_byte_array_new ();
  GByteArray *body = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();
  guint groups[] = { first_group, second_group };
  guint8 byte;

  for (guint i = 0; i < 2; i++)
    {
      guint8 header[] = { 0x30, (guint8) (5 + hash_length), 0x02, 0x01, (guint8) groups[i], 0x04, (guint8) hash_length };

      g_byte_array_append (hashes, header, sizeof header);
      for (guint j = 0; j < hash_length; j++)
        {
          byte = (guint8) (i * 16 + j);
          g_byte_array_append (hashes, &byte, 1);
        }
    }

  {
    guint8 v[] = { 0x02, 0x01, (guint8) version, 0x30, (guint8) (oid_length + 2), 0x06, (guint8) oid_length };
    guint8 seq[] = { 0x30, (guint8) hashes->len };

    g_byte_array_append (body, v, sizeof v);
    g_byte_array_append (body, oid, oid_length);
    g_byte_array_append (body, seq, sizeof seq);
    g_byte_array_append (body, hashes->data, hashes->len);
  }
  if (version_info)
    {
      static const guint8 info[] = { 0x30, 0x0E, 0x13, 0x04, '0', '1', '0', '8', 0x13, 0x06, '0', '4', '0', '0', '0', '0' };

      g_byte_array_append (body, info, sizeof info);
    }

  {
    guint8 seq[] = { 0x30, (guint8) body->len };

    g_assert_cmpuint (body->len, <, 128);
    g_byte_array_append (out, seq, sizeof seq);
    g_byte_array_append (out, body->data, body->len);
  }
  g_byte_array_unref (hashes);
  g_byte_array_unref (body);
  return out;
}

static const guint8 sha256_oid[] = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01 };
static const guint8 sha1_oid[] = { 0x2B, 0x0E, 0x03, 0x02, 0x1A };
static const guint8 md5_oid[] = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x02, 0x05 };

static void
test_lds_1_8 (void)
{
  g_autoptr (GByteArray) der = make_object (1, sha256_oid, sizeof sha256_oid, 14, 1, 32, TRUE);
  g_autoptr (BpLdsSecurityObject) object = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) data = g_bytes_new_static ("abc", 3);
  g_autoptr (GBytes) hash = NULL;
  const guint *groups;
  guint n_groups = 0;
  GBytes *dg14;
  static const guint8 abc_sha256[] = {
    0xBA, 0x78, 0x16, 0xBF, 0x8F, 0x01, 0xCF, 0xEA, 0x41, 0x41, 0x40, 0xDE, 0x5D, 0xAE, 0x22, 0x23,
    0xB0, 0x03, 0x61, 0xA3, 0x96, 0x17, 0x7A, 0x9C, 0xB4, 0x10, 0xFF, 0x61, 0xF2, 0x00, 0x15, 0xAD
  };

  object = bp_lds_security_object_parse (der->data, der->len, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_lds_security_object_get_version (object), ==, 1);
  g_assert_cmpstr (bp_lds_security_object_get_hash_name (object), ==, "SHA-256");
  g_assert_cmpstr (bp_lds_security_object_get_lds_version (object), ==, "0108");
  g_assert_cmpstr (bp_lds_security_object_get_unicode_version (object), ==, "040000");

  groups = bp_lds_security_object_get_groups (object, &n_groups);
  g_assert_cmpuint (n_groups, ==, 2);
  g_assert_cmpuint (groups[0], ==, 1);
  g_assert_cmpuint (groups[1], ==, 14);
  dg14 = bp_lds_security_object_get_hash (object, 14);
  g_assert_nonnull (dg14);
  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (dg14, NULL))[0], ==, 0);
  g_assert_null (bp_lds_security_object_get_hash (object, 2));
  g_assert_null (bp_lds_security_object_get_hash (object, 17));

  hash = bp_lds_security_object_hash (object, data);
  g_assert_cmpmem (g_bytes_get_data (hash, NULL), g_bytes_get_size (hash), abc_sha256, sizeof abc_sha256);
}

static void
test_sha1_v0 (void)
{
  g_autoptr (GByteArray) der = make_object (0, sha1_oid, sizeof sha1_oid, 1, 2, 20, FALSE);
  g_autoptr (BpLdsSecurityObject) object = NULL;
  g_autoptr (GError) error = NULL;

  object = bp_lds_security_object_parse (der->data, der->len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bp_lds_security_object_get_hash_name (object), ==, "SHA-1");
  g_assert_null (bp_lds_security_object_get_lds_version (object));
}

static void
test_refused (void)
{
  struct
  {
    const char *what;
    GByteArray *der;
  } cases[] = {
    { "md5", make_object (0, md5_oid, sizeof md5_oid, 1, 2, 16, FALSE) },
    { "hash length", make_object (0, sha256_oid, sizeof sha256_oid, 1, 2, 20, FALSE) },
    { "duplicate group", make_object (0, sha256_oid, sizeof sha256_oid, 2, 2, 32, FALSE) },
    { "group 17", make_object (0, sha256_oid, sizeof sha256_oid, 1, 17, 32, FALSE) },
    { "group 0", make_object (0, sha256_oid, sizeof sha256_oid, 0, 1, 32, FALSE) },
    { "version 2", make_object (2, sha256_oid, sizeof sha256_oid, 1, 2, 32, FALSE) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (BpLdsSecurityObject) object = NULL;

      g_test_message ("%s", cases[i].what);
      object = bp_lds_security_object_parse (cases[i].der->data, cases[i].der->len, &error);
      g_assert_error (error, BP_PKI_ERROR, BP_PKI_ERROR_INVALID);
      g_assert_null (object);
      g_byte_array_unref (cases[i].der);
    }
}

static void
test_truncated_and_trailing (void)
{
  g_autoptr (GByteArray) der = make_object (1, sha256_oid, sizeof sha256_oid, 1, 2, 32, TRUE);

  /* Every truncation fails cleanly. */
  for (guint length = 0; length < der->len; length++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (BpLdsSecurityObject) object = bp_lds_security_object_parse (der->data, length, &error);

      g_assert_null (object);
      g_assert_error (error, BP_PKI_ERROR, BP_PKI_ERROR_INVALID);
    }

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (BpLdsSecurityObject) object = NULL;
    guint8 zero = 0;

    g_byte_array_append (der, &zero, 1);
    object = bp_lds_security_object_parse (der->data, der->len, &error);
    g_assert_null (object);
    g_assert_error (error, BP_PKI_ERROR, BP_PKI_ERROR_INVALID);
  }
}

static void
test_mutations (void)
{
  g_autoptr (GByteArray) der = make_object (1, sha256_oid, sizeof sha256_oid, 1, 2, 32, TRUE);
  guint parsed = 0;

  for (guint round = 0; round < 3000; round++)
    {
      g_autoptr (GByteArray) copy = g_byte_array_sized_new (der->len);
      g_autoptr (GError) error = NULL;
      g_autoptr (BpLdsSecurityObject) object = NULL;

      g_byte_array_append (copy, der->data, der->len);
      for (guint flips = g_test_rand_int_range (1, 4); flips > 0; flips--)
        copy->data[g_test_rand_int_range (0, copy->len)] = (guint8) g_test_rand_int_range (0, 256);
      object = bp_lds_security_object_parse (copy->data, copy->len, &error);
      g_assert_true ((object == NULL) != (error == NULL));
      if (object)
        parsed++;
    }
  g_test_message ("%u of 3000 mutations still parse", parsed);
}

int
main (int argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/borderpost/pki/lds-security-object/lds-1.8", test_lds_1_8);
  g_test_add_func ("/borderpost/pki/lds-security-object/sha1-v0", test_sha1_v0);
  g_test_add_func ("/borderpost/pki/lds-security-object/refused", test_refused);
  g_test_add_func ("/borderpost/pki/lds-security-object/truncated-and-trailing", test_truncated_and_trailing);
  g_test_add_func ("/borderpost/pki/lds-security-object/mutations", test_mutations);

  return g_test_run ();
}
