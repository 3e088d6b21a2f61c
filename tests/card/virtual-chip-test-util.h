/* virtual-chip-test-util.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include <glib.h>
#include <openssl/evp.h>

#include "bp-apdu.h"
#include "bp-card.h"
#include "bp-chip-error.h"
#include "bp-chip-result.h"
#include "bp-sm.h"
#include "bp-tlv.h"
#include "bp-virtual-chip.h"
#include "bp-virtual-reader.h"

/* A scripted reader for the virtual chip tests: raw APDUs in hex, status
 * words checked, and the reader half of BAC built from bp-sm. */

/* ICAO 9303-4 specimen passport (ERIKSSON ANNA MARIA). */
#define TEST_TD3_MRZ "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<" \
                     "L898902C36UTO7408122F1204159ZE184226B<<<<<10"

static inline GBytes *
test_bytes_from_hex (const char *hex)
{
  GByteArray *out = g_byte_array_new ();

  for (const char *p = hex; *p != '\0'; p += 2)
    {
      guint8 b;

      g_assert_true (g_ascii_isxdigit (p[0]) && g_ascii_isxdigit (p[1]));
      b = (g_ascii_xdigit_value (p[0]) << 4) | g_ascii_xdigit_value (p[1]);
      g_byte_array_append (out, &b, 1);
    }
  return g_byte_array_free_to_bytes (out);
}

static inline char *
test_hex (GBytes *bytes)
{
  gsize n;
  const guint8 *data = g_bytes_get_data (bytes, &n);
  GString *s = g_string_sized_new (2 * n + 1);

  for (gsize i = 0; i < n; i++)
    g_string_append_printf (s, "%02X", data[i]);
  return g_string_free (s, FALSE);
}

#define test_assert_bytes_hex(bytes, expected) \
  G_STMT_START                                 \
  {                                            \
    g_autofree char *_hex = test_hex (bytes);  \
    g_assert_cmpstr (_hex, ==, (expected));    \
  }                                            \
  G_STMT_END

/* A file of @size reproducible random bytes under @tag, for chips whose
 * contents only have to be read back byte for byte. */
static inline GBytes *
test_file_new (guint8 tag,
               gsize size,
               guint seed)
{
  g_autoptr (GByteArray) inner = g_byte_array_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  GByteArray *out = g_byte_array_new ();

  for (gsize i = 0; i < size; i++)
    {
      guint8 b = g_rand_int_range (rand, 0, 256);
      g_byte_array_append (inner, &b, 1);
    }
  bp_tlv_append (out, tag, inner->data, inner->len);
  return g_byte_array_free_to_bytes (out);
}

/* DG1: 61 { 5F1F MRZ }. */
static inline GBytes *
test_dg1_new (const char *mrz)
{
  g_autoptr (GByteArray) inner = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();

  bp_tlv_append (inner, 0x5F1F, (const guint8 *) mrz, strlen (mrz));
  bp_tlv_append (out, 0x61, inner->data, inner->len);
  return g_byte_array_free_to_bytes (out);
}

/* EF.COM: 60 { 5F01 "0107", 5F36 "040000", 5C tag list }. */
static inline GBytes *
test_com_new (const char *tags_hex)
{
  g_autoptr (GBytes) tags = test_bytes_from_hex (tags_hex);
  g_autoptr (GByteArray) inner = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();

  bp_tlv_append (inner, 0x5F01, (const guint8 *) "0107", 4);
  bp_tlv_append (inner, 0x5F36, (const guint8 *) "040000", 6);
  bp_tlv_append (inner, 0x5C, g_bytes_get_data (tags, NULL), g_bytes_get_size (tags));
  bp_tlv_append (out, 0x60, inner->data, inner->len);
  return g_byte_array_free_to_bytes (out);
}

/* A stand-in EF.SOD: 77 around a few bytes (not a real signature). */
static inline GBytes *
test_sod_new (void)
{
  static const guint8 filler[] = { 0x30, 0x03, 0x02, 0x01, 0x03 };
  GByteArray *out = g_byte_array_new ();

  bp_tlv_append (out, 0x77, filler, sizeof filler);
  return g_byte_array_free_to_bytes (out);
}

/* A stand-in DG2: 75 around size bytes of fixed pseudo-random filler. */
static inline GBytes *
test_dg2_new (gsize size)
{
  g_autoptr (GByteArray) inner = g_byte_array_sized_new (size);
  g_autoptr (GRand) rand = g_rand_new_with_seed (9303);
  GByteArray *out = g_byte_array_new ();

  for (gsize i = 0; i < size; i++)
    {
      guint8 b = g_rand_int_range (rand, 0, 256);
      g_byte_array_append (inner, &b, 1);
    }
  bp_tlv_append (out, 0x75, inner->data, inner->len);
  return g_byte_array_free_to_bytes (out);
}

static inline guint16
test_sw (GBytes *response)
{
  gsize n;
  const guint8 *data = g_bytes_get_data (response, &n);

  g_assert_cmpuint (n, >=, 2);
  return (data[n - 2] << 8) | data[n - 1];
}

static inline GBytes *
test_transmit (BpCard *card,
               const char *hex,
               guint16 expected_sw)
{
  g_autoptr (GBytes) command = test_bytes_from_hex (hex);
  g_autoptr (GError) error = NULL;
  GBytes *response = bp_card_transmit (card, command, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (response);
  g_assert_cmphex (test_sw (response), ==, expected_sw);
  return response;
}

static inline void
test_assert_sw (BpCard *card,
                const char *hex,
                guint16 expected_sw)
{
  g_autoptr (GBytes) response = test_transmit (card, hex, expected_sw);
}

static inline void
test_assert_exchange (BpCard *card,
                      const char *hex,
                      const char *expected_hex)
{
  g_autoptr (GBytes) command = test_bytes_from_hex (hex);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) response = bp_card_transmit (card, command, NULL, &error);

  g_assert_no_error (error);
  test_assert_bytes_hex (response, expected_hex);
}

static inline void
test_assert_removed (BpCard *card,
                     const char *hex)
{
  g_autoptr (GBytes) command = test_bytes_from_hex (hex);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) response = bp_card_transmit (card, command, NULL, &error);

  g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_REMOVED);
  g_assert_null (response);
}

/* The response data (without SW1 SW2) is file[offset .. offset + n). */
static inline void
test_assert_response_data (GBytes *response,
                           GBytes *file,
                           gsize offset,
                           gsize n)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (response, &size);

  g_assert_cmpuint (offset + n, <=, g_bytes_get_size (file));
  g_assert_cmpmem (data, size - 2, (const guint8 *) g_bytes_get_data (file, NULL) + offset, n);
}

/* Reader half of BAC (ICAO 9303-11 4.3) with fixed RND.IFD and K.IFD. */
static inline BpSm *
test_bac (BpCard *card,
          const char *mrz_information,
          GError **error)
{
  static const guint8 rnd_ifd[8] = { 0x78, 0x17, 0x23, 0x86, 0x0C, 0x06, 0xC2, 0x26 };
  static const guint8 k_ifd[16] = { 0x0B, 0x79, 0x52, 0x40, 0xCB, 0x70, 0x49, 0xB0,
                                    0x1C, 0x19, 0xB3, 0x3E, 0x32, 0x80, 0x4F, 0x0B };
  g_autoptr (GBytes) challenge = test_transmit (card, "0084000008", 0x9000);
  g_autoptr (GBytes) command = NULL;
  g_autoptr (GBytes) response = NULL;
  guint8 digest[EVP_MAX_MD_SIZE], k_seed[16], k_enc[16], k_mac[16];
  guint8 s[32], apdu[46] = { 0x00, 0x82, 0x00, 0x00, 0x28 }, r[32], mac[8];
  guint8 seed[16], ssc[8];
  unsigned int n;
  const guint8 *rnd_icc = g_bytes_get_data (challenge, NULL);
  const guint8 *answer;
  gsize answer_length;

  EVP_Digest (mrz_information, strlen (mrz_information), digest, &n, EVP_sha1 (), NULL);
  memcpy (k_seed, digest, 16);
  g_assert_true (bp_sm_kdf (BP_SM_CIPHER_3DES, 16, k_seed, 16, BP_SM_KDF_ENC, k_enc, NULL));
  g_assert_true (bp_sm_kdf (BP_SM_CIPHER_3DES, 16, k_seed, 16, BP_SM_KDF_MAC, k_mac, NULL));
  memcpy (s, rnd_ifd, 8);
  memcpy (s + 8, rnd_icc, 8);
  memcpy (s + 16, k_ifd, 16);
  g_assert_true (bp_sm_cbc (BP_SM_CIPHER_3DES, k_enc, 16, NULL, TRUE, s, 32, apdu + 5, NULL));
  g_assert_true (bp_sm_mac (BP_SM_CIPHER_3DES, k_mac, 16, apdu + 5, 32, TRUE, apdu + 37, NULL));
  apdu[45] = 0x28;
  command = g_bytes_new (apdu, sizeof apdu);
  response = bp_card_transmit (card, command, NULL, error);
  if (response == NULL)
    return NULL;
  if (test_sw (response) != 0x9000)
    {
      g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_ACCESS_DENIED, "SW %04X", test_sw (response));
      return NULL;
    }
  answer = g_bytes_get_data (response, &answer_length);
  g_assert_cmpuint (answer_length, ==, 42);
  g_assert_true (bp_sm_mac (BP_SM_CIPHER_3DES, k_mac, 16, answer, 32, TRUE, mac, NULL));
  g_assert_cmpmem (mac, 8, answer + 32, 8);
  g_assert_true (bp_sm_cbc (BP_SM_CIPHER_3DES, k_enc, 16, NULL, FALSE, answer, 32, r, NULL));
  g_assert_cmpmem (r, 8, rnd_icc, 8);
  g_assert_cmpmem (r + 8, 8, rnd_ifd, 8);
  for (gsize i = 0; i < 16; i++)
    seed[i] = k_ifd[i] ^ r[16 + i];
  memcpy (ssc, rnd_icc + 4, 4);
  memcpy (ssc + 4, rnd_ifd + 4, 4);
  return bp_sm_new_from_secret (BP_SM_CIPHER_3DES, 16, seed, 16, ssc, error);
}

static inline BpSm *
test_bac_session (BpCard *card,
                  BpVirtualChip *chip)
{
  g_autoptr (GError) error = NULL;
  BpSm *sm;

  test_assert_sw (card, "00A4040C07A0000002471001", 0x9000);
  sm = test_bac (card, bp_virtual_chip_get_mrz_information (chip), &error);
  g_assert_no_error (error);
  g_assert_nonnull (sm);
  g_assert_cmpstr (bp_virtual_chip_get_session (chip), ==, "BAC");
  return sm;
}

/* One protected exchange; returns the plain response (data, SW1 SW2). */
static inline GBytes *
test_sm_exchange (BpCard *card,
                  BpSm *sm,
                  guint8 ins,
                  guint8 p1,
                  guint8 p2,
                  const char *data_hex,
                  gsize ne,
                  guint16 expected_sw)
{
  g_autoptr (GBytes) data = test_bytes_from_hex (data_hex != NULL ? data_hex : "");
  g_autoptr (GBytes) command = NULL;
  g_autoptr (GBytes) response = NULL;
  g_autoptr (GError) error = NULL;
  BpApdu apdu = { .cla = 0x00, .ins = ins, .p1 = p1, .p2 = p2, .ne = ne };
  GBytes *plain;

  apdu.data = g_bytes_get_data (data, &apdu.data_len);
  command = bp_sm_protect_command (sm, &apdu, &error);
  g_assert_no_error (error);
  response = bp_card_transmit (card, command, NULL, &error);
  g_assert_no_error (error);
  plain = bp_sm_unprotect_response (sm, response, &error);
  g_assert_no_error (error);
  g_assert_cmphex (test_sw (plain), ==, expected_sw);
  return plain;
}

static inline void
test_sm_assert_sw (BpCard *card,
                   BpSm *sm,
                   guint8 ins,
                   guint8 p1,
                   guint8 p2,
                   const char *data_hex,
                   gsize ne,
                   guint16 expected_sw)
{
  g_autoptr (GBytes) response = test_sm_exchange (card, sm, ins, p1, p2, data_hex, ne, expected_sw);
}

/* Reads the current EF by offsets until the chip says it has ended. */
static inline GByteArray *
test_sm_read_file (BpCard *card,
                   BpSm *sm,
                   guint16 fid,
                   gsize chunk,
                   gboolean extended)
{
  GByteArray *out = g_byte_array_new ();

  for (;;)
    {
      g_autoptr (GBytes) command = NULL;
      g_autoptr (GBytes) response = NULL;
      g_autoptr (GBytes) plain = NULL;
      g_autoptr (GError) error = NULL;
      BpApdu apdu = { .cla = 0x00, .ins = 0xB0, .p1 = out->len >> 8, .p2 = out->len & 0xFF, .ne = chunk, .extended = extended };
      gsize n;
      const guint8 *data;
      guint16 sw;

      command = bp_sm_protect_command (sm, &apdu, &error);
      g_assert_no_error (error);
      response = bp_card_transmit (card, command, NULL, &error);
      g_assert_no_error (error);
      plain = bp_sm_unprotect_response (sm, response, &error);
      g_assert_no_error (error);
      sw = test_sw (plain);
      data = g_bytes_get_data (plain, &n);
      if (sw == 0x6B00)
        break;
      g_assert_true (sw == 0x9000 || sw == 0x6282);
      g_assert_cmpuint (n, >, 2);
      g_byte_array_append (out, data, n - 2);
      if (sw == 0x6282)
        break;
    }
  return out;
}

/* A specimen chip (the ICAO TD3 example, DG1 only) on a virtual reader,
 * connected: the fixture of the tests that talk to the chip directly. */
typedef struct
{
  BpVirtualReader *reader;
  BpVirtualChip *chip;
  BpCard *card;
  GBytes *dg1;
} ChipFixture;

static inline void
chip_fixture_set_up (ChipFixture *f,
                     gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->chip = bp_virtual_chip_new ("L898902C3", "740812", "120415");
  f->dg1 = test_dg1_new (TEST_TD3_MRZ);
  bp_virtual_chip_set_file (f->chip, BP_VIRTUAL_CHIP_FID_DG (1), f->dg1);
  f->reader = bp_virtual_reader_new (0);
  bp_virtual_reader_insert (f->reader, f->chip);
  f->card = bp_card_reader_connect (BP_CARD_READER (f->reader), NULL, &error);
  g_assert_no_error (error);
}

static inline void
chip_fixture_tear_down (ChipFixture *f,
                        gconstpointer data)
{
  g_clear_object (&f->card);
  g_assert_finalize_object (f->reader);
  g_assert_finalize_object (f->chip);
  g_bytes_unref (f->dg1);
}

/* A DH key on X9.42 parameters (DHX), as DG14 names them. */
static inline EVP_PKEY *
test_dh_key (void)
{
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name (NULL, "DHX", NULL);
  OSSL_PARAM params[] = { OSSL_PARAM_construct_utf8_string ("group", (char *) "dh_1024_160", 0), OSSL_PARAM_END };
  EVP_PKEY *key = NULL;

  g_assert_cmpint (EVP_PKEY_keygen_init (ctx), ==, 1);
  g_assert_cmpint (EVP_PKEY_CTX_set_params (ctx, params), ==, 1);
  g_assert_cmpint (EVP_PKEY_keygen (ctx, &key), ==, 1);
  EVP_PKEY_CTX_free (ctx);
  return key;
}

/* The files a reading returned are the chip's, byte for byte. */
static inline void
test_assert_chip_files (BpChipResult *result,
                        BpVirtualChip *chip)
{
  const struct
  {
    const char *name;
    guint16 fid;
  } files[] = { { "COM", 0x011E }, { "DG1", 0x0101 }, { "DG2", 0x0102 }, { "DG11", 0x010B }, { "DG14", 0x010E }, { "SOD", 0x011D } };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr (GBytes) expected = bp_virtual_chip_dup_file (chip, files[i].fid);
      GBytes *got = bp_chip_result_get_file_data (result, files[i].name);

      g_test_message ("%s", files[i].name);
      g_assert_nonnull (got);
      g_assert_true (g_bytes_equal (got, expected));
    }
}
