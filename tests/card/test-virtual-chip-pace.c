/* test-virtual-chip-pace.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <eac/eac.h>
#include <eac/pace.h>
#include <openssl/buffer.h>
#include <openssl/objects.h>

#include "bp-virtual-reader.h"
#include "virtual-chip-test-util.h"

/* PACE card side of the virtual chip, against a scripted reader whose
 * PCD half is OpenPACE. The password encoding is checked independently
 * with ICAO 9303-11 Appendix G's K_π. */

#define G_MRZ_INFORMATION "T22000129364081251010318"
#define G_K_PI "89DED1B26624EC1E634C1989302849DD"

#define OID_ECDH_GM_AES_128 "0.4.0.127.0.7.2.2.4.2.2"
#define OID_ECDH_GM_AES_256 "0.4.0.127.0.7.2.2.4.2.4"
#define OID_DH_GM_AES_128 "0.4.0.127.0.7.2.2.4.1.2"
#define OID_ECDH_GM_3DES "0.4.0.127.0.7.2.2.4.2.1"
#define OID_DH_IM_AES_128 "0.4.0.127.0.7.2.2.4.3.2"
#define OID_ECDH_IM_AES_128 "0.4.0.127.0.7.2.2.4.4.2"

typedef struct
{
  BpVirtualReader *reader;
  BpVirtualChip *chip;
  BpCard *card;
  GBytes *dg1;
} Fixture;

static void
fixture_set_up (Fixture *f,
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

static void
fixture_tear_down (Fixture *f,
                   gconstpointer data)
{
  g_clear_object (&f->card);
  g_assert_finalize_object (f->reader);
  g_assert_finalize_object (f->chip);
  g_bytes_unref (f->dg1);
}

/* K_π of ICAO 9303-11 4.4.1 computed here, apart from OpenPACE:
 * KDF(SHA-1(MRZ information), 3). */
static void
mrz_k_pi (const char *mrz_information,
          guint8 k_pi[16])
{
  guint8 digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;

  EVP_Digest (mrz_information, strlen (mrz_information), digest, &n, EVP_sha1 (), NULL);
  g_assert_true (bp_sm_kdf (BP_SM_CIPHER_AES, 16, digest, n, BP_SM_KDF_PACE, k_pi, NULL));
}

static BUF_MEM *
buf_new (const guint8 *data,
         gsize length)
{
  BUF_MEM *b = BUF_MEM_new ();

  g_assert_cmpuint (BUF_MEM_grow (b, length), ==, length);
  memcpy (b->data, data, length);
  return b;
}

/* Sends 7C { tag value } (or 7C 00) and returns the value of the
 * expected tag in the answer's 7C, or NULL with *sw set. */
static BUF_MEM *
general_authenticate (BpCard *card,
                      gboolean last,
                      guint32 tag,
                      const BUF_MEM *value,
                      guint32 expected_tag,
                      guint16 *sw)
{
  g_autoptr (GByteArray) inner = g_byte_array_new ();
  g_autoptr (GByteArray) dynamic = g_byte_array_new ();
  g_autoptr (GByteArray) apdu = g_byte_array_new ();
  g_autoptr (GBytes) command = NULL;
  g_autoptr (GBytes) response = NULL;
  g_autoptr (GError) error = NULL;
  guint8 header[5] = { last ? 0x00 : 0x10, 0x86, 0x00, 0x00 };
  guint8 le = 0;
  BpTlv outer, found;
  gsize n;
  const guint8 *data;

  if (value != NULL)
    bp_tlv_append (inner, tag, (const guint8 *) value->data, value->length);
  bp_tlv_append (dynamic, 0x7C, inner->data, inner->len);
  header[4] = dynamic->len;
  g_byte_array_append (apdu, header, 5);
  g_byte_array_append (apdu, dynamic->data, dynamic->len);
  g_byte_array_append (apdu, &le, 1);
  command = g_bytes_new (apdu->data, apdu->len);
  response = bp_card_transmit (card, command, NULL, &error);
  g_assert_no_error (error);
  *sw = test_sw (response);
  if (*sw != 0x9000)
    return NULL;
  data = g_bytes_get_data (response, &n);
  g_assert_true (bp_tlv_parse (data, n - 2, &outer, &error));
  g_assert_cmphex (outer.tag, ==, 0x7C);
  if (expected_tag == 0)
    {
      g_assert_cmpuint (outer.length, ==, 0);
      return NULL;
    }
  g_assert_true (bp_tlv_find (&outer, expected_tag, &found, &error));
  return buf_new (found.value, found.length);
}

/* Runs PACE as the terminal. Returns the session or NULL with *sw set to
 * the status word that stopped it. encrypted_nonce gets z when given. */
static BpSm *
run_pace (BpCard *card,
          BpVirtualChip *chip,
          const char *secret,
          enum s_type type,
          guint16 *sw,
          GByteArray *encrypted_nonce,
          GByteArray *nonce)
{
  g_autoptr (GBytes) card_access_peek = bp_virtual_chip_dup_file (chip, BP_VIRTUAL_CHIP_FID_CARD_ACCESS);
  /* id-PACE-DH-IM and id-PACE-ECDH-IM: 04 00 7F 00 07 02 02 04 {03,04}. */
  gboolean integrated_mapping = card_access_peek != NULL && g_bytes_get_size (card_access_peek) > 14
                                && (((const guint8 *) g_bytes_get_data (card_access_peek, NULL))[14] == 3
                                    || ((const guint8 *) g_bytes_get_data (card_access_peek, NULL))[14] == 4);
  g_autoptr (GBytes) card_access = bp_virtual_chip_dup_file (chip, BP_VIRTUAL_CHIP_FID_CARD_ACCESS);
  g_autoptr (GByteArray) mse = g_byte_array_new ();
  g_autoptr (GByteArray) mse_data = g_byte_array_new ();
  g_autoptr (GBytes) command = NULL;
  g_autoptr (GBytes) response = NULL;
  g_autoptr (GError) error = NULL;
  EAC_CTX *ctx = EAC_CTX_new ();
  PACE_SEC *pi;
  BUF_MEM *z = NULL, *map = NULL, *chip_map = NULL, *pub = NULL, *chip_pub = NULL;
  BUF_MEM *token = NULL, *chip_token = NULL;
  BpSm *sm = NULL;
  const ASN1_OBJECT *oid;
  guint8 header[5] = { 0x00, 0x22, 0xC1, 0xA4 };
  guint8 reference = type == PACE_CAN ? 2 : 1;
  KA_CTX *ka;
  gboolean integrated;
  char name[64];

  g_assert_nonnull (card_access);
  /* Integrated mapping is only in TR-03110 2.01 and ICAO 9303-11. */
  if (integrated_mapping)
    ctx->tr_version = EAC_TR_VERSION_2_01;
  g_assert_true (EAC_CTX_init_ef_cardaccess (g_bytes_get_data (card_access, NULL),
                                             g_bytes_get_size (card_access), ctx));
  if (type == PACE_RAW)
    {
      guint8 digest[EVP_MAX_MD_SIZE];
      unsigned int n = 0;

      EVP_Digest (secret, strlen (secret), digest, &n, EVP_sha1 (), NULL);
      pi = PACE_SEC_new ((const char *) digest, n, PACE_RAW);
    }
  else
    pi = PACE_SEC_new (secret, strlen (secret), type);

  oid = OBJ_nid2obj (ctx->pace_ctx->protocol);
  OBJ_obj2txt (name, sizeof name, oid, 1);
  integrated = g_str_has_prefix (name, "0.4.0.127.0.7.2.2.4.3.") || g_str_has_prefix (name, "0.4.0.127.0.7.2.2.4.4.");
  g_assert_true (integrated == integrated_mapping);
  bp_tlv_append (mse_data, 0x80, OBJ_get0_data (oid), OBJ_length (oid));
  bp_tlv_append (mse_data, 0x83, &reference, 1);
  header[4] = mse_data->len;
  g_byte_array_append (mse, header, 5);
  g_byte_array_append (mse, mse_data->data, mse_data->len);
  command = g_bytes_new (mse->data, mse->len);
  response = bp_card_transmit (card, command, NULL, &error);
  g_assert_no_error (error);
  *sw = test_sw (response);
  if (*sw != 0x9000)
    goto out;

  z = general_authenticate (card, FALSE, 0, NULL, 0x80, sw);
  if (z == NULL)
    goto out;
  if (encrypted_nonce != NULL)
    g_byte_array_append (encrypted_nonce, (const guint8 *) z->data, z->length);
  g_assert_true (PACE_STEP2_dec_nonce (ctx, pi, z));
  if (nonce != NULL)
    g_byte_array_append (nonce, (const guint8 *) ctx->pace_ctx->nonce->data, ctx->pace_ctx->nonce->length);

  map = PACE_STEP3A_generate_mapping_data (ctx);
  if (integrated)
    {
      /* The chip answers 7C 00; both sides map with the terminal's nonce. */
      g_assert_null (general_authenticate (card, FALSE, 0x81, map, 0, sw));
      if (*sw != 0x9000)
        goto out;
      g_assert_true (PACE_STEP3A_map_generator (ctx, map));
    }
  else
    {
      chip_map = general_authenticate (card, FALSE, 0x81, map, 0x82, sw);
      if (chip_map == NULL)
        goto out;
      g_assert_true (PACE_STEP3A_map_generator (ctx, chip_map));
    }

  pub = PACE_STEP3B_generate_ephemeral_key (ctx);
  chip_pub = general_authenticate (card, FALSE, 0x83, pub, 0x84, sw);
  if (chip_pub == NULL)
    goto out;
  g_assert_true (PACE_STEP3B_compute_shared_secret (ctx, chip_pub));
  g_assert_true (PACE_STEP3C_derive_keys (ctx));

  token = PACE_STEP3D_compute_authentication_token (ctx, chip_pub);
  chip_token = general_authenticate (card, TRUE, 0x85, token, 0x86, sw);
  if (chip_token == NULL)
    goto out;
  g_assert_cmpint (PACE_STEP3D_verify_authentication_token (ctx, chip_token), ==, 1);

  ka = ctx->pace_ctx->ka_ctx;
  {
    guint8 ssc[16] = { 0 };
    gboolean aes = EVP_CIPHER_get_block_size (ka->cipher) == 16;

    sm = bp_sm_new (aes ? BP_SM_CIPHER_AES : BP_SM_CIPHER_3DES, (const guint8 *) ka->k_enc->data,
                    (const guint8 *) ka->k_mac->data, ka->k_enc->length, ssc);
  }

out:
  BUF_MEM_free (z);
  BUF_MEM_free (map);
  BUF_MEM_free (chip_map);
  BUF_MEM_free (pub);
  BUF_MEM_free (chip_pub);
  BUF_MEM_free (token);
  BUF_MEM_free (chip_token);
  PACE_SEC_clear_free (pi);
  EAC_CTX_clear_free (ctx);
  return sm;
}

static void
assert_reads_dg1 (Fixture *f,
                  BpSm *sm)
{
  g_autoptr (GByteArray) dg1 = NULL;

  test_sm_assert_sw (f->card, sm, 0xA4, 0x04, 0x0C, "A0000002471001", 0, 0x9000);
  test_sm_assert_sw (f->card, sm, 0xA4, 0x02, 0x0C, "0101", 0, 0x9000);
  dg1 = test_sm_read_file (f->card, sm, 0x0101, 40, FALSE);
  g_assert_cmpmem (dg1->data, dg1->len, g_bytes_get_data (f->dg1, NULL), g_bytes_get_size (f->dg1));
}

static void
test_k_pi_appendix_g (void)
{
  guint8 k_pi[16];
  g_autoptr (GBytes) expected = test_bytes_from_hex (G_K_PI);

  mrz_k_pi (G_MRZ_INFORMATION, k_pi);
  g_assert_cmpmem (k_pi, 16, g_bytes_get_data (expected, NULL), 16);
}

static void
test_ecdh_gm (Fixture *f,
              gconstpointer data)
{
  g_autoptr (GByteArray) z = g_byte_array_new ();
  g_autoptr (GByteArray) s = g_byte_array_new ();
  g_autoptr (BpSm) sm = NULL;
  guint8 k_pi[16], decrypted[16];
  guint16 sw = 0;

  /* The card access file the chip wrote names the default parameters. */
  {
    g_autoptr (GBytes) card_access = bp_virtual_chip_dup_file (f->chip, BP_VIRTUAL_CHIP_FID_CARD_ACCESS);
    test_assert_bytes_hex (card_access, "3114301206"
                                        "0A"
                                        "04007F00070202040202"
                                        "020102"
                                        "02010D");
  }

  sm = run_pace (f->card, f->chip, bp_virtual_chip_get_mrz_information (f->chip), PACE_RAW, &sw, z, s);
  g_assert_cmphex (sw, ==, 0x9000);
  g_assert_nonnull (sm);
  g_assert_cmpstr (bp_virtual_chip_get_session (f->chip), ==, "PACE");
  g_assert_cmpint (bp_sm_get_cipher (sm), ==, BP_SM_CIPHER_AES);

  /* z decrypts to s under K_π derived here from the MRZ information. */
  mrz_k_pi (bp_virtual_chip_get_mrz_information (f->chip), k_pi);
  g_assert_cmpuint (z->len, ==, 16);
  g_assert_true (bp_sm_cbc (BP_SM_CIPHER_AES, k_pi, 16, NULL, FALSE, z->data, 16, decrypted, NULL));
  g_assert_cmpmem (decrypted, 16, s->data, s->len);

  assert_reads_dg1 (f, sm);
}

static void
test_wrong_password (Fixture *f,
                     gconstpointer data)
{
  g_autoptr (BpSm) sm = NULL;
  guint16 sw = 0;

  sm = run_pace (f->card, f->chip, "L898902C<374081221204158", PACE_RAW, &sw, NULL, NULL);
  g_assert_null (sm);
  g_assert_cmphex (sw, ==, 0x6300);
  g_assert_null (bp_virtual_chip_get_session (f->chip));
  test_assert_sw (f->card, "00A4040C07A0000002471001", 0x9000);
  test_assert_sw (f->card, "00B0810004", 0x6982);

  /* GENERAL AUTHENTICATE without MSE:Set AT first. */
  test_assert_sw (f->card, "10860000027C0000", 0x6985);
  /* An unknown protocol. */
  test_assert_sw (f->card, "0022C1A40F800A04007F00070202040909830101", 0x6A80);
  /* No CAN on this chip. */
  test_assert_sw (f->card, "0022C1A40F800A04007F00070202040202830102", 0x6A88);
}

static void
test_can (Fixture *f,
          gconstpointer data)
{
  g_autoptr (BpSm) sm = NULL;
  guint16 sw = 0;

  bp_virtual_chip_set_can (f->chip, "123456");
  sm = run_pace (f->card, f->chip, "123457", PACE_CAN, &sw, NULL, NULL);
  g_assert_null (sm);
  g_assert_cmphex (sw, ==, 0x6300);
  sm = run_pace (f->card, f->chip, "123456", PACE_CAN, &sw, NULL, NULL);
  g_assert_nonnull (sm);
  assert_reads_dg1 (f, sm);
}

typedef struct
{
  const char *oid;
  int parameter_id;
  BpSmCipher cipher;
} Parameters;

static void
test_parameters (Fixture *f,
                 gconstpointer data)
{
  static const Parameters cases[] = {
    { OID_ECDH_GM_AES_256, 13, BP_SM_CIPHER_AES }, /* brainpoolP256r1 */
    { OID_ECDH_GM_AES_128, 12, BP_SM_CIPHER_AES }, /* NIST P-256 */
    { OID_ECDH_GM_3DES, 13, BP_SM_CIPHER_3DES },
    { OID_DH_GM_AES_128, 0, BP_SM_CIPHER_AES }, /* 1024-bit MODP, 160-bit subgroup */
    { OID_ECDH_IM_AES_128, 13, BP_SM_CIPHER_AES },
    { OID_DH_IM_AES_128, 0, BP_SM_CIPHER_AES },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (BpSm) sm = NULL;
      g_autoptr (GError) error = NULL;
      guint16 sw = 0;

      g_test_message ("PACE %s, parameters %d", cases[i].oid, cases[i].parameter_id);
      g_assert_true (bp_virtual_chip_set_pace_parameters (f->chip, cases[i].oid, cases[i].parameter_id, &error));
      g_assert_no_error (error);
      sm = run_pace (f->card, f->chip, bp_virtual_chip_get_mrz_information (f->chip), PACE_RAW, &sw, NULL, NULL);
      g_assert_cmphex (sw, ==, 0x9000);
      g_assert_cmpint (bp_sm_get_cipher (sm), ==, cases[i].cipher);
      assert_reads_dg1 (f, sm);
      bp_virtual_chip_reset (f->chip);
    }

  {
    g_autoptr (GError) error = NULL;

    g_assert_false (bp_virtual_chip_set_pace_parameters (f->chip, "1.2.3.4", 13, &error));
    g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_UNSUPPORTED);
  }
}

static void
test_protocol_choice (Fixture *f,
                      gconstpointer data)
{
  g_autoptr (GBytes) card_access = NULL;
  g_autoptr (BpSm) sm = NULL;
  g_autoptr (GError) error = NULL;
  guint16 sw = 0;

  /* BAC only: no EF.CardAccess and no PACE. */
  bp_virtual_chip_set_protocols (f->chip, BP_VIRTUAL_CHIP_BAC);
  card_access = bp_virtual_chip_dup_file (f->chip, BP_VIRTUAL_CHIP_FID_CARD_ACCESS);
  g_assert_null (card_access);
  test_assert_sw (f->card, "00A4020C02011C", 0x6A82);
  test_assert_sw (f->card, "0022C1A40F800A04007F00070202040202830101", 0x6A88);

  /* PACE only: BAC's EXTERNAL AUTHENTICATE is not there. */
  bp_virtual_chip_set_protocols (f->chip, BP_VIRTUAL_CHIP_PACE);
  test_assert_sw (f->card, "00A4040C07A0000002471001", 0x9000);
  sm = test_bac (f->card, bp_virtual_chip_get_mrz_information (f->chip), &error);
  g_assert_null (sm);
  g_assert_nonnull (error);
  sm = run_pace (f->card, f->chip, bp_virtual_chip_get_mrz_information (f->chip), PACE_RAW, &sw, NULL, NULL);
  g_assert_nonnull (sm);
  assert_reads_dg1 (f, sm);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  EAC_init ();

  g_test_add_func ("/borderpost/card/virtual-chip/pace/k-pi-appendix-g", test_k_pi_appendix_g);
#define ADD(path, func) \
  g_test_add ("/borderpost/card/virtual-chip/pace/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("ecdh-gm", test_ecdh_gm);
  ADD ("wrong-password", test_wrong_password);
  ADD ("can", test_can);
  ADD ("parameters", test_parameters);
  ADD ("protocol-choice", test_protocol_choice);
#undef ADD

  return g_test_run ();
}
