/* bp-chip-auth.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chip-auth"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/params.h>

#include "bp-apdu.h"
#include "bp-chip-auth.h"
#include "bp-chip-error.h"
#include "bp-dg14.h"
#include "bp-tlv.h"

/* OpenPACE's Chip Authentication follows TR-03110 version 2 (a nonce and
 * an authentication token after the key agreement), which eMRTDs do not
 * send; version 1 is a plain ECDH or DH, so the key agreement is done
 * here with OpenSSL, on whatever domain parameters DG14's key has
 * (named or explicit curves, PKCS#3 or X9.42 DH). */

#define MAX_SECRET 1024

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_PKEY, EVP_PKEY_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_PKEY_CTX, EVP_PKEY_CTX_free)

static gboolean
ca_failed (GError **error)
{
  g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_FAILED,
               _ ("Chip Authentication could not be computed with the chip's key from DG14."));
  return FALSE;
}

/* The shared secret: ECDH x coordinate, or DH value padded to the length
 * of p. */
static gboolean
agree (EVP_PKEY *ephemeral,
       EVP_PKEY *chip_key,
       guint8 *secret,
       gsize *secret_length)
{
  g_autoptr (EVP_PKEY_CTX) ctx = EVP_PKEY_CTX_new_from_pkey (NULL, ephemeral, NULL);
  int id = EVP_PKEY_get_base_id (chip_key);

  if (ctx == NULL || EVP_PKEY_derive_init (ctx) != 1)
    return FALSE;
  if (id == EVP_PKEY_DH || id == EVP_PKEY_DHX)
    {
      unsigned int pad = 1;
      OSSL_PARAM params[] = { OSSL_PARAM_construct_uint (OSSL_EXCHANGE_PARAM_PAD, &pad), OSSL_PARAM_END };

      if (EVP_PKEY_CTX_set_params (ctx, params) != 1)
        return FALSE;
    }
  return EVP_PKEY_derive_set_peer_ex (ctx, chip_key, 1) == 1 && EVP_PKEY_derive (ctx, secret, secret_length) == 1;
}

static GBytes *
send (BpSm *sm,
      BpCard *card,
      const BpApdu *apdu,
      GCancellable *cancellable,
      GError **error)
{
  g_autoptr (GBytes) response = bp_sm_transmit (sm, card, apdu, cancellable, error);
  guint16 sw;

  if (response == NULL)
    return NULL;
  sw = bp_apdu_response_sw (response);
  if (sw != BP_SW_OK)
    {
      g_autofree char *meaning = bp_apdu_sw_describe (sw);

      /* Translators: %s is what the chip answered, e.g. “wrong data”. */
      g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_STATUS,
                   _ ("The chip refused Chip Authentication: %s (%04X)."), meaning, sw);
      return NULL;
    }
  return g_steal_pointer (&response);
}

/**
 * bp_chip_auth_run:
 * @sm: the open session (BAC or PACE)
 * @card: the chip
 * @chip_key: the chip's public key from DG14
 * @protocol_oid: the CA protocol (id-CA-ECDH-… or id-CA-DH-…)
 * @key_id: (nullable): keyId from DG14
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Runs Chip Authentication version 1.
 *
 * Returns: (transfer full): the restarted session, or NULL
 */
BpSm *
bp_chip_auth_run (BpSm *sm,
                  BpCard *card,
                  EVP_PKEY *chip_key,
                  const char *protocol_oid,
                  GBytes *key_id,
                  GCancellable *cancellable,
                  GError **error)
{
  g_autoptr (EVP_PKEY_CTX) keygen = NULL;
  g_autoptr (EVP_PKEY) ephemeral = NULL;
  g_autoptr (GByteArray) data = g_byte_array_new ();
  g_autoptr (GBytes) response = NULL;
  unsigned char *public_key = NULL;
  gsize public_length;
  guint8 secret[MAX_SECRET];
  gsize secret_length = sizeof secret;
  guint8 ssc[BP_SM_MAX_BLOCK] = { 0 };
  BpSmCipher cipher;
  gsize key_length;
  BpSm *result;

  g_return_val_if_fail (sm != NULL, NULL);
  g_return_val_if_fail (BP_IS_CARD (card), NULL);
  g_return_val_if_fail (chip_key != NULL, NULL);
  g_return_val_if_fail (protocol_oid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!bp_dg14_ca_cipher (protocol_oid, &cipher, &key_length))
    {
      g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_NOT_SUPPORTED,
                   _ ("The chip's Chip Authentication protocol (%s) is not supported."), protocol_oid);
      return NULL;
    }

  /* The ephemeral key pair on the chip key's domain parameters. */
  keygen = EVP_PKEY_CTX_new_from_pkey (NULL, chip_key, NULL);
  if (keygen == NULL || EVP_PKEY_keygen_init (keygen) != 1 || EVP_PKEY_keygen (keygen, &ephemeral) != 1
      || !agree (ephemeral, chip_key, secret, &secret_length))
    {
      ca_failed (error);
      return NULL;
    }
  public_length = EVP_PKEY_get1_encoded_public_key (ephemeral, &public_key);
  if (public_length == 0)
    {
      OPENSSL_cleanse (secret, sizeof secret);
      ca_failed (error);
      return NULL;
    }

  if (cipher == BP_SM_CIPHER_3DES)
    {
      /* MSE:Set KAT: 91 ephemeral public key, 84 key reference. */
      BpApdu apdu = { 0x00, 0x22, 0x41, 0xA6, NULL, 0, 0, FALSE };

      bp_tlv_append (data, 0x91, public_key, public_length);
      if (key_id != NULL)
        bp_tlv_append (data, 0x84, g_bytes_get_data (key_id, NULL), g_bytes_get_size (key_id));
      apdu.data = data->data;
      apdu.data_len = data->len;
      apdu.extended = data->len > 255;
      response = send (sm, card, &apdu, cancellable, error);
    }
  else
    {
      /* MSE:Set AT: 80 protocol, 84 key reference; then GENERAL
       * AUTHENTICATE 7C { 80 ephemeral public key }. */
      ASN1_OBJECT *object = OBJ_txt2obj (protocol_oid, 1);
      BpApdu apdu = { 0x00, 0x22, 0x41, 0xA4, NULL, 0, 0, FALSE };
      g_autoptr (GByteArray) inner = g_byte_array_new ();

      if (object == NULL)
        {
          OPENSSL_free (public_key);
          OPENSSL_cleanse (secret, sizeof secret);
          ca_failed (error);
          return NULL;
        }
      bp_tlv_append (data, 0x80, OBJ_get0_data (object), OBJ_length (object));
      ASN1_OBJECT_free (object);
      if (key_id != NULL)
        bp_tlv_append (data, 0x84, g_bytes_get_data (key_id, NULL), g_bytes_get_size (key_id));
      apdu.data = data->data;
      apdu.data_len = data->len;
      response = send (sm, card, &apdu, cancellable, error);
      if (response != NULL)
        {
          BpApdu ga = { 0x00, 0x86, 0x00, 0x00, NULL, 0, 256, FALSE };

          g_clear_pointer (&response, g_bytes_unref);
          bp_tlv_append (inner, 0x80, public_key, public_length);
          g_byte_array_set_size (data, 0);
          bp_tlv_append (data, 0x7C, inner->data, inner->len);
          ga.data = data->data;
          ga.data_len = data->len;
          ga.extended = data->len > 255;
          ga.ne = ga.extended ? 65536 : 256;
          response = send (sm, card, &ga, cancellable, error);
        }
    }
  OPENSSL_free (public_key);
  if (response == NULL)
    {
      OPENSSL_cleanse (secret, sizeof secret);
      return NULL;
    }

  result = bp_sm_new_from_secret (cipher, key_length, secret, secret_length, ssc, error);
  OPENSSL_cleanse (secret, sizeof secret);
  return result;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BIGNUM, BN_clear_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BN_CTX, BN_CTX_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EC_GROUP, EC_GROUP_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EC_POINT, EC_POINT_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OSSL_PARAM, OSSL_PARAM_free)

/* Whether ca_ic · PK_IC is pk_map on the curve of key. The curve comes
 * from the key's parameters, so named and explicit curves both work. */
static gboolean
cam_matches (EVP_PKEY *key,
             const guint8 *ca_ic,
             gsize ca_ic_length,
             const guint8 *pk_map,
             gsize pk_map_length)
{
  g_autoptr (OSSL_PARAM) params = NULL;
  g_autoptr (EC_GROUP) group = NULL;
  g_autoptr (BN_CTX) bn_ctx = BN_CTX_new ();
  g_autoptr (BIGNUM) scalar = BN_bin2bn (ca_ic, ca_ic_length, NULL);
  g_autoptr (EC_POINT) pk_ic = NULL;
  g_autoptr (EC_POINT) map = NULL;
  g_autoptr (EC_POINT) product = NULL;
  g_autofree guint8 *encoded = NULL;
  size_t encoded_length = 0;

  if (bn_ctx == NULL || scalar == NULL || EVP_PKEY_todata (key, EVP_PKEY_PUBLIC_KEY, &params) != 1)
    return FALSE;
  group = EC_GROUP_new_from_params (params, NULL, NULL);
  if (group == NULL
      || EVP_PKEY_get_octet_string_param (key, OSSL_PKEY_PARAM_PUB_KEY, NULL, 0, &encoded_length) != 1)
    return FALSE;
  encoded = g_malloc (encoded_length);
  if (EVP_PKEY_get_octet_string_param (key, OSSL_PKEY_PARAM_PUB_KEY, encoded, encoded_length, &encoded_length)
      != 1)
    return FALSE;
  if (BN_is_zero (scalar) || BN_cmp (scalar, EC_GROUP_get0_order (group)) >= 0)
    return FALSE;
  pk_ic = EC_POINT_new (group);
  map = EC_POINT_new (group);
  product = EC_POINT_new (group);
  if (pk_ic == NULL || map == NULL || product == NULL
      || EC_POINT_oct2point (group, pk_ic, encoded, encoded_length, bn_ctx) != 1
      || EC_POINT_oct2point (group, map, pk_map, pk_map_length, bn_ctx) != 1
      || EC_POINT_mul (group, product, NULL, pk_ic, scalar, bn_ctx) != 1)
    return FALSE;
  return EC_POINT_cmp (group, product, map, bn_ctx) == 0;
}

/**
 * bp_chip_auth_verify_cam:
 * @dg14: DG14 as read (tag 6E included)
 * @ca_ic: the decrypted chip authentication data CA_IC
 * @pk_map_ic: the chip's PACE mapping public key PK_Map,IC
 * @error: return location for an error
 *
 * Checks the chip's Chip Authentication Mapping proof against DG14.
 *
 * Returns: TRUE when PK_Map,IC = CA_IC · PK_IC for an ECDH key of DG14
 */
gboolean
bp_chip_auth_verify_cam (GBytes *dg14,
                         GBytes *ca_ic,
                         GBytes *pk_map_ic,
                         GError **error)
{
  g_autoptr (BpDg14) parsed = NULL;
  gsize ca_length, map_length;
  const guint8 *ca_data, *map_data;
  gboolean any_ec = FALSE;

  g_return_val_if_fail (dg14 != NULL, FALSE);
  g_return_val_if_fail (ca_ic != NULL, FALSE);
  g_return_val_if_fail (pk_map_ic != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  parsed = bp_dg14_parse (dg14, error);
  if (parsed == NULL)
    return FALSE;
  ca_data = g_bytes_get_data (ca_ic, &ca_length);
  map_data = g_bytes_get_data (pk_map_ic, &map_length);
  for (guint i = 0; i < parsed->public_keys->len; i++)
    {
      const BpDg14PublicKey *key = g_ptr_array_index (parsed->public_keys, i);

      if (!g_str_equal (key->protocol_oid, BP_OID_PK_ECDH))
        continue;
      any_ec = TRUE;
      if (ca_length > 0 && map_length > 0 && cam_matches (key->key, ca_data, ca_length, map_data, map_length))
        return TRUE;
    }
  if (!any_ec)
    g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_NOT_SUPPORTED,
                 _ ("The chip's DG14 has no elliptic curve Chip Authentication key to check "
                    "Chip Authentication Mapping against."));
  else
    g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_FAILED,
                 _ ("Its PACE-CAM proof does not match the key in its DG14."));
  return FALSE;
}
