/* test-virtual-chip-pace.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <eac/eac.h>
#include <eac/pace.h>
#include <openssl/bn.h>
#include <openssl/buffer.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

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
#define OID_ECDH_CAM_AES_128 "0.4.0.127.0.7.2.2.4.6.2"
#define OID_DH_IM_AES_128 "0.4.0.127.0.7.2.2.4.3.2"
#define OID_ECDH_IM_AES_128 "0.4.0.127.0.7.2.2.4.4.2"

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
                      guint16 *sw,
                      BUF_MEM **cam)
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
  if (cam != NULL)
    {
      BpTlv encrypted;

      if (bp_tlv_find (&outer, 0x8A, &encrypted, NULL))
        *cam = buf_new (encrypted.value, encrypted.length);
    }
  return buf_new (found.value, found.length);
}

typedef struct
{
  GByteArray *encrypted_nonce; /* z */
  GByteArray *nonce;           /* s as the terminal decrypted it */
  GByteArray *chip_mapping;    /* PK_Map,IC */
  GByteArray *cam;             /* A_IC decrypted: CA_IC */
} PaceRun;

static void
pace_run_clear (PaceRun *run)
{
  g_clear_pointer (&run->encrypted_nonce, g_byte_array_unref);
  g_clear_pointer (&run->nonce, g_byte_array_unref);
  g_clear_pointer (&run->chip_mapping, g_byte_array_unref);
  g_clear_pointer (&run->cam, g_byte_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PaceRun, pace_run_clear)

/* The first PACEInfo of EF.CardAccess: its OID content and parameter id. */
static void
parse_card_access (GBytes *card_access,
                   GByteArray *oid,
                   int *parameter_id)
{
  g_autoptr (GError) error = NULL;
  BpTlv set, info, element;
  gsize pos = 0;

  g_assert_true (bp_tlv_parse (g_bytes_get_data (card_access, NULL), g_bytes_get_size (card_access), &set, &error));
  g_assert_true (bp_tlv_find (&set, 0x30, &info, &error));
  g_assert_true (bp_tlv_next (info.value, info.length, &pos, &element, &error));
  g_assert_cmphex (element.tag, ==, 0x06);
  g_byte_array_append (oid, element.value, element.length);
  g_assert_true (bp_tlv_next (info.value, info.length, &pos, &element, &error)); /* version */
  g_assert_true (bp_tlv_next (info.value, info.length, &pos, &element, &error));
  g_assert_cmpuint (element.length, ==, 1);
  *parameter_id = element.value[0];
}

/* Runs PACE as the terminal. Returns the session or NULL with *sw set to
 * the status word that stopped it. */
static BpSm *
run_pace (BpCard *card,
          BpVirtualChip *chip,
          const char *secret,
          enum s_type type,
          guint16 *sw,
          PaceRun *run)
{
  g_autoptr (GBytes) card_access = bp_virtual_chip_dup_file (chip, BP_VIRTUAL_CHIP_FID_CARD_ACCESS);
  g_autoptr (GByteArray) oid = g_byte_array_new ();
  g_autoptr (GByteArray) mse = g_byte_array_new ();
  g_autoptr (GByteArray) mse_data = g_byte_array_new ();
  g_autoptr (GBytes) command = NULL;
  g_autoptr (GBytes) response = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *openpace_oid = NULL;
  EAC_CTX *ctx = EAC_CTX_new ();
  PACE_SEC *pi;
  BUF_MEM *z = NULL, *map = NULL, *chip_map = NULL, *pub = NULL, *chip_pub = NULL;
  BUF_MEM *token = NULL, *chip_token = NULL, *cam = NULL;
  BpSm *sm = NULL;
  guint8 header[5] = { 0x00, 0x22, 0xC1, 0xA4 };
  guint8 reference = type == PACE_CAN ? 2 : 1;
  KA_CTX *ka;
  gboolean integrated, chip_authentication_mapping;
  int parameter_id = 0;
  guint8 mapping;

  /* id-PACE-<mapping>-<cipher>: 04 00 7F 00 07 02 02 04 <mapping> <cipher>,
   * mapping 1 DH-GM, 2 ECDH-GM, 3 DH-IM, 4 ECDH-IM, 6 ECDH-CAM. OpenPACE
   * knows no CAM: it runs as ECDH-GM, the mapping CAM is built on. */
  g_assert_nonnull (card_access);
  parse_card_access (card_access, oid, &parameter_id);
  g_assert_cmpuint (oid->len, ==, 10);
  mapping = oid->data[8];
  integrated = mapping == 3 || mapping == 4;
  chip_authentication_mapping = mapping == 6;
  openpace_oid = g_strdup_printf ("0.4.0.127.0.7.2.2.4.%u.%u", chip_authentication_mapping ? 2 : mapping, oid->data[9]);
  /* Integrated mapping is only in TR-03110 2.01 and ICAO 9303-11. */
  if (integrated)
    ctx->tr_version = EAC_TR_VERSION_2_01;
  g_assert_true (EAC_CTX_init_pace (ctx, OBJ_txt2nid (openpace_oid), parameter_id));
  if (type == PACE_RAW)
    {
      guint8 digest[EVP_MAX_MD_SIZE];
      unsigned int n = 0;

      EVP_Digest (secret, strlen (secret), digest, &n, EVP_sha1 (), NULL);
      pi = PACE_SEC_new ((const char *) digest, n, PACE_RAW);
    }
  else
    pi = PACE_SEC_new (secret, strlen (secret), type);

  bp_tlv_append (mse_data, 0x80, oid->data, oid->len);
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

  z = general_authenticate (card, FALSE, 0, NULL, 0x80, sw, NULL);
  if (z == NULL)
    goto out;
  g_assert_true (PACE_STEP2_dec_nonce (ctx, pi, z));
  if (run != NULL)
    {
      run->encrypted_nonce = g_byte_array_new ();
      g_byte_array_append (run->encrypted_nonce, (const guint8 *) z->data, z->length);
      run->nonce = g_byte_array_new ();
      g_byte_array_append (run->nonce, (const guint8 *) ctx->pace_ctx->nonce->data, ctx->pace_ctx->nonce->length);
    }

  map = PACE_STEP3A_generate_mapping_data (ctx);
  if (integrated)
    {
      /* The chip answers 7C 00; both sides map with the terminal's nonce. */
      g_assert_null (general_authenticate (card, FALSE, 0x81, map, 0, sw, NULL));
      if (*sw != 0x9000)
        goto out;
      g_assert_true (PACE_STEP3A_map_generator (ctx, map));
    }
  else
    {
      chip_map = general_authenticate (card, FALSE, 0x81, map, 0x82, sw, NULL);
      if (chip_map == NULL)
        goto out;
      g_assert_true (PACE_STEP3A_map_generator (ctx, chip_map));
      if (run != NULL)
        {
          run->chip_mapping = g_byte_array_new ();
          g_byte_array_append (run->chip_mapping, (const guint8 *) chip_map->data, chip_map->length);
        }
    }

  pub = PACE_STEP3B_generate_ephemeral_key (ctx);
  chip_pub = general_authenticate (card, FALSE, 0x83, pub, 0x84, sw, NULL);
  if (chip_pub == NULL)
    goto out;
  g_assert_true (PACE_STEP3B_compute_shared_secret (ctx, chip_pub));
  g_assert_true (PACE_STEP3C_derive_keys (ctx));

  /* The tokens cover the protocol of MSE:Set AT: with CAM, the CAM
   * identifier (9303-11 4.4.3.4), registered here on its own. */
  if (chip_authentication_mapping)
    {
      g_autofree char *cam_oid = g_strdup_printf ("0.4.0.127.0.7.2.2.4.6.%u", oid->data[9]);
      int cam_nid = OBJ_txt2nid (cam_oid);

      if (cam_nid == NID_undef)
        cam_nid = OBJ_create (cam_oid, NULL, NULL);
      ctx->pace_ctx->protocol = cam_nid;
    }
  token = PACE_STEP3D_compute_authentication_token (ctx, chip_pub);
  chip_token = general_authenticate (card, TRUE, 0x85, token, 0x86, sw, chip_authentication_mapping ? &cam : NULL);
  if (chip_token == NULL)
    goto out;
  g_assert_cmpint (PACE_STEP3D_verify_authentication_token (ctx, chip_token), ==, 1);

  ka = ctx->pace_ctx->ka_ctx;
  if (chip_authentication_mapping)
    {
      guint8 minus_one[16], iv[16];
      gsize plain;

      /* CA_IC = D(KS_enc, A_IC) with IV = E(KS_enc, -1), then unpadded. */
      g_assert_nonnull (cam);
      g_assert_cmpuint (cam->length % 16, ==, 0);
      memset (minus_one, 0xFF, 16);
      g_assert_true (bp_sm_cbc (BP_SM_CIPHER_AES, (const guint8 *) ka->k_enc->data, ka->k_enc->length,
                                NULL, TRUE, minus_one, 16, iv, NULL));
      g_assert_nonnull (run);
      run->cam = g_byte_array_new ();
      g_byte_array_set_size (run->cam, cam->length);
      g_assert_true (bp_sm_cbc (BP_SM_CIPHER_AES, (const guint8 *) ka->k_enc->data, ka->k_enc->length,
                                iv, FALSE, (const guint8 *) cam->data, cam->length, run->cam->data, NULL));
      g_assert_true (bp_sm_unpad_length (run->cam->data, run->cam->len, &plain));
      g_byte_array_set_size (run->cam, plain);
    }
  else
    g_assert_null (cam);

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
  BUF_MEM_free (cam);
  PACE_SEC_clear_free (pi);
  EAC_CTX_clear_free (ctx);
  return sm;
}

static void
assert_reads_dg1 (ChipFixture *f,
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
test_ecdh_gm (ChipFixture *f,
              gconstpointer data)
{
  g_auto (PaceRun) run = { 0 };
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

  sm = run_pace (f->card, f->chip, bp_virtual_chip_get_mrz_information (f->chip), PACE_RAW, &sw, &run);
  g_assert_cmphex (sw, ==, 0x9000);
  g_assert_nonnull (sm);
  g_assert_cmpstr (bp_virtual_chip_get_session (f->chip), ==, "PACE");
  g_assert_cmpint (bp_sm_get_cipher (sm), ==, BP_SM_CIPHER_AES);

  /* z decrypts to s under K_π derived here from the MRZ information. */
  mrz_k_pi (bp_virtual_chip_get_mrz_information (f->chip), k_pi);
  g_assert_cmpuint (run.encrypted_nonce->len, ==, 16);
  g_assert_true (bp_sm_cbc (BP_SM_CIPHER_AES, k_pi, 16, NULL, FALSE, run.encrypted_nonce->data, 16, decrypted, NULL));
  g_assert_cmpmem (decrypted, 16, run.nonce->data, run.nonce->len);

  assert_reads_dg1 (f, sm);
}

static void
test_wrong_password (ChipFixture *f,
                     gconstpointer data)
{
  g_autoptr (BpSm) sm = NULL;
  guint16 sw = 0;

  sm = run_pace (f->card, f->chip, "L898902C<374081221204158", PACE_RAW, &sw, NULL);
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
test_can (ChipFixture *f,
          gconstpointer data)
{
  g_autoptr (BpSm) sm = NULL;
  guint16 sw = 0;

  bp_virtual_chip_set_can (f->chip, "123456");
  sm = run_pace (f->card, f->chip, "123457", PACE_CAN, &sw, NULL);
  g_assert_null (sm);
  g_assert_cmphex (sw, ==, 0x6300);
  sm = run_pace (f->card, f->chip, "123456", PACE_CAN, &sw, NULL);
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
test_parameters (ChipFixture *f,
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
      sm = run_pace (f->card, f->chip, bp_virtual_chip_get_mrz_information (f->chip), PACE_RAW, &sw, NULL);
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
test_protocol_choice (ChipFixture *f,
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
  sm = run_pace (f->card, f->chip, bp_virtual_chip_get_mrz_information (f->chip), PACE_RAW, &sw, NULL);
  g_assert_nonnull (sm);
  assert_reads_dg1 (f, sm);
}

/* CA_IC * PK_IC == PK_Map,IC, the terminal's check of CAM (9303-11
 * 4.4.3.5.2), with OpenSSL's point arithmetic. */
static gboolean
cam_verifies (EVP_PKEY *public_key,
              const PaceRun *run)
{
  EC_GROUP *group = EC_GROUP_new_by_curve_name (NID_brainpoolP256r1);
  EC_POINT *pk_ic = EC_POINT_new (group);
  EC_POINT *pk_map = EC_POINT_new (group);
  EC_POINT *product = EC_POINT_new (group);
  BIGNUM *ca = BN_bin2bn (run->cam->data, run->cam->len, NULL);
  BN_CTX *bn_ctx = BN_CTX_new ();
  guint8 encoded[133];
  gsize encoded_length = 0;
  gboolean equal;

  g_assert_cmpint (EVP_PKEY_get_octet_string_param (public_key, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, encoded,
                                                    sizeof encoded, &encoded_length),
                   ==, 1);
  g_assert_cmpint (EC_POINT_oct2point (group, pk_ic, encoded, encoded_length, bn_ctx), ==, 1);
  g_assert_cmpint (EC_POINT_oct2point (group, pk_map, run->chip_mapping->data, run->chip_mapping->len, bn_ctx), ==, 1);
  g_assert_cmpint (EC_POINT_mul (group, product, NULL, pk_ic, ca, bn_ctx), ==, 1);
  equal = EC_POINT_cmp (group, product, pk_map, bn_ctx) == 0;

  BN_CTX_free (bn_ctx);
  BN_free (ca);
  EC_POINT_free (product);
  EC_POINT_free (pk_map);
  EC_POINT_free (pk_ic);
  EC_GROUP_free (group);
  return equal;
}

static EVP_PKEY *
public_key_from_der (GBytes *der)
{
  const unsigned char *p = g_bytes_get_data (der, NULL);

  return d2i_PUBKEY (NULL, &p, (long) g_bytes_get_size (der));
}

static void
test_cam (ChipFixture *f,
          gconstpointer data)
{
  EVP_PKEY *key = EVP_PKEY_Q_keygen (NULL, NULL, "EC", "brainpoolP256r1");
  EVP_PKEY *other = EVP_PKEY_Q_keygen (NULL, NULL, "EC", "brainpoolP256r1");
  EVP_PKEY *generated = NULL;
  unsigned char *der = NULL;
  int der_length = i2d_PrivateKey (key, &der);
  g_autoptr (GBytes) private_der = g_bytes_new (der, der_length);
  g_autoptr (GBytes) garbage = g_bytes_new_static ("not a key", 9);
  g_autoptr (GBytes) public_der = NULL;
  g_autoptr (GBytes) card_access = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (PaceRun) run = { 0 };
  g_auto (PaceRun) second = { 0 };
  g_autoptr (BpSm) sm = NULL;
  g_autoptr (BpSm) sm2 = NULL;
  g_autoptr (BpVirtualChip) fresh = NULL;
  guint16 sw = 0;

  OPENSSL_free (der);
  g_assert_false (bp_virtual_chip_set_chip_authentication_key (f->chip, garbage, &error));
  g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_null (bp_virtual_chip_dup_chip_authentication_public_key (f->chip));

  g_assert_true (bp_virtual_chip_set_chip_authentication_key (f->chip, private_der, &error));
  g_assert_no_error (error);
  g_assert_true (bp_virtual_chip_set_pace_parameters (f->chip, OID_ECDH_CAM_AES_128, 13, &error));
  g_assert_no_error (error);
  card_access = bp_virtual_chip_dup_file (f->chip, BP_VIRTUAL_CHIP_FID_CARD_ACCESS);
  test_assert_bytes_hex (card_access, "3114301206"
                                      "0A"
                                      "04007F00070202040602"
                                      "020102"
                                      "02010D");
  /* The key given is kept: its public half is what DG14 would carry. */
  public_der = bp_virtual_chip_dup_chip_authentication_public_key (f->chip);
  g_assert_nonnull (public_der);
  {
    EVP_PKEY *parsed = public_key_from_der (public_der);

    g_assert_cmpint (EVP_PKEY_eq (parsed, key), ==, 1);
    EVP_PKEY_free (parsed);
  }

  sm = run_pace (f->card, f->chip, bp_virtual_chip_get_mrz_information (f->chip), PACE_RAW, &sw, &run);
  g_assert_cmphex (sw, ==, 0x9000);
  g_assert_nonnull (run.cam);
  g_assert_cmpuint (run.cam->len, ==, 32);
  g_assert_true (cam_verifies (key, &run));
  /* The check does fail for a chip that lacks the key. */
  g_assert_false (cam_verifies (other, &run));
  assert_reads_dg1 (f, sm);

  /* Without a key of its own the chip makes one on the PACE curve. */
  fresh = bp_virtual_chip_new ("L898902C3", "740812", "120415");
  g_assert_true (bp_virtual_chip_set_pace_parameters (fresh, OID_ECDH_CAM_AES_128, 13, &error));
  g_clear_pointer (&public_der, g_bytes_unref);
  public_der = bp_virtual_chip_dup_chip_authentication_public_key (fresh);
  g_assert_nonnull (public_der);
  generated = public_key_from_der (public_der);
  bp_virtual_reader_insert (f->reader, fresh);
  sm2 = run_pace (BP_CARD (fresh), fresh, bp_virtual_chip_get_mrz_information (fresh), PACE_RAW, &sw, &second);
  g_assert_cmphex (sw, ==, 0x9000);
  g_assert_true (cam_verifies (generated, &second));
  bp_virtual_reader_remove (f->reader);

  /* CAM is for ECDH and AES only. */
  g_assert_false (bp_virtual_chip_set_pace_parameters (f->chip, "0.4.0.127.0.7.2.2.4.6.1", 13, &error));
  g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_UNSUPPORTED);

  EVP_PKEY_free (generated);
  EVP_PKEY_free (other);
  EVP_PKEY_free (key);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  EAC_init ();

  g_test_add_func ("/borderpost/card/virtual-chip/pace/k-pi-appendix-g", test_k_pi_appendix_g);
#define ADD(path, func) \
  g_test_add ("/borderpost/card/virtual-chip/pace/" path, ChipFixture, NULL, chip_fixture_set_up, func, chip_fixture_tear_down)
  ADD ("ecdh-gm", test_ecdh_gm);
  ADD ("wrong-password", test_wrong_password);
  ADD ("can", test_can);
  ADD ("parameters", test_parameters);
  ADD ("protocol-choice", test_protocol_choice);
  ADD ("cam", test_cam);
#undef ADD

  return g_test_run ();
}
