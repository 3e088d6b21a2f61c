/* bp-virtual-chip-cam.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-virtual-chip"

#include "config.h"

#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/objects.h>

#include "bp-sm-crypto.h"
#include "bp-virtual-chip-private.h"

/* Chip Authentication Mapping, card side (ICAO 9303-11 4.4.3.5): PACE
 * with ECDH generic mapping, after which the chip proves its static key
 * SK_IC by sending CA_IC = SK_IC^-1 * SK_Map,IC mod n encrypted under
 * KS_enc. OpenPACE 1.1 has no CAM, so the few extra steps are here on
 * OpenSSL's big numbers. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BIGNUM, BN_clear_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BN_CTX, BN_CTX_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EC_GROUP, EC_GROUP_free)

/* Standardised domain parameters (9303-11 9.5.1) that are curves. */
static int
curve_nid (int parameter_id)
{
  switch (parameter_id)
    {
    case 8:
      return NID_X9_62_prime192v1;
    case 9:
      return NID_brainpoolP192r1;
    case 10:
      return NID_secp224r1;
    case 11:
      return NID_brainpoolP224r1;
    case 12:
      return NID_X9_62_prime256v1;
    case 13:
      return NID_brainpoolP256r1;
    case 14:
      return NID_brainpoolP320r1;
    case 15:
      return NID_secp384r1;
    case 16:
      return NID_brainpoolP384r1;
    case 17:
      return NID_brainpoolP512r1;
    case 18:
      return NID_secp521r1;
    default:
      return NID_undef;
    }
}

static int
key_curve_nid (EVP_PKEY *key)
{
  char name[80];

  if (EVP_PKEY_get_utf8_string_param (key, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, NULL) != 1)
    return NID_undef;
  return OBJ_sn2nid (name);
}

EVP_PKEY *
_bp_vc_cam_generate_key (int parameter_id)
{
  int nid = curve_nid (parameter_id);

  if (nid == NID_undef)
    return NULL;
  return EVP_PKEY_Q_keygen (NULL, NULL, "EC", OBJ_nid2sn (nid));
}

gboolean
_bp_vc_cam_key_matches (EVP_PKEY *key,
                        int parameter_id)
{
  return curve_nid (parameter_id) != NID_undef && key_curve_nid (key) == curve_nid (parameter_id);
}

/* The private scalar of an EC key, whether a provider key or one of
 * OpenPACE's legacy EC_KEY objects. */
static BIGNUM *
private_scalar (EVP_PKEY *key)
{
  BIGNUM *scalar = NULL;

  if (EVP_PKEY_get_bn_param (key, OSSL_PKEY_PARAM_PRIV_KEY, &scalar) == 1)
    return scalar;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    const EC_KEY *ec = EVP_PKEY_get0_EC_KEY (key);
    const BIGNUM *value = ec != NULL ? EC_KEY_get0_private_key (ec) : NULL;

    return value != NULL ? BN_dup (value) : NULL;
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
}

GByteArray *
_bp_vc_cam_encrypt_data (BpVcState *state,
                         EAC_CTX *ctx)
{
  g_autoptr (BIGNUM) sk_map = NULL;
  g_autoptr (BIGNUM) sk_ic = NULL;
  g_autoptr (BIGNUM) inverse = NULL;
  g_autoptr (BIGNUM) ca = NULL;
  g_autoptr (BN_CTX) bn_ctx = BN_CTX_new ();
  g_autoptr (EC_GROUP) group = NULL;
  g_autoptr (GByteArray) plain = NULL;
  GByteArray *out = NULL;
  KA_CTX *ka = ctx->pace_ctx->ka_ctx;
  const BIGNUM *order;
  guint8 minus_one[16], iv[16];
  int n;

  if (state->ca_key == NULL || ctx->pace_ctx->static_key == NULL || ka == NULL || ka->k_enc == NULL)
    return NULL;
  sk_map = private_scalar (ctx->pace_ctx->static_key);
  sk_ic = private_scalar (state->ca_key);
  group = EC_GROUP_new_by_curve_name (key_curve_nid (state->ca_key));
  if (sk_map == NULL || sk_ic == NULL || group == NULL || bn_ctx == NULL)
    return NULL;
  order = EC_GROUP_get0_order (group);
  inverse = BN_mod_inverse (NULL, sk_ic, order, bn_ctx);
  ca = BN_new ();
  if (inverse == NULL || ca == NULL || BN_mod_mul (ca, inverse, sk_map, order, bn_ctx) != 1)
    return NULL;

  n = BN_num_bytes (order);
  plain = g_byte_array_sized_new (n + 16);
  g_byte_array_set_size (plain, n);
  if (BN_bn2binpad (ca, plain->data, n) != n)
    return NULL;
  bp_sm_pad (plain, 16);

  /* A_IC = E(KS_enc, CA_IC) with AES-CBC and IV = E(KS_enc, -1). */
  memset (minus_one, 0xFF, sizeof minus_one);
  out = g_byte_array_sized_new (plain->len);
  g_byte_array_set_size (out, plain->len);
  if (!bp_sm_cbc (BP_SM_CIPHER_AES, (const guint8 *) ka->k_enc->data, ka->k_enc->length, NULL, TRUE,
                  minus_one, 16, iv, NULL)
      || !bp_sm_cbc (BP_SM_CIPHER_AES, (const guint8 *) ka->k_enc->data, ka->k_enc->length, iv, TRUE,
                     plain->data, plain->len, out->data, NULL))
    g_clear_pointer (&out, g_byte_array_unref);
  OPENSSL_cleanse (plain->data, plain->len);
  return out;
}
