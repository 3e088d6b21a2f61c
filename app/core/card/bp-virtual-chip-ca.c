/* bp-virtual-chip-ca.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-virtual-chip"

#include "config.h"

#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/objects.h>

#include "bp-tlv.h"
#include "bp-virtual-chip-private.h"

/* Chip Authentication version 1 as ICAO 9303-11 6.2 has it for eMRTDs,
 * card side, with the chip's static EC or DH key (the one of DG14): inside a
 * BAC or PACE session the terminal sends an ephemeral public key, by
 * MSE:Set KAT (3DES) or by MSE:Set AT and GENERAL AUTHENTICATE (AES); the
 * chip answers under the old keys and then restarts secure messaging
 * with keys derived from the ECDH or DH secret, SSC zero. OpenPACE's CA
 * follows TR-03110 version 2 (nonce and token), so the key agreement is
 * OpenSSL's. */

/* id-CA-(EC)DH-3DES-CBC-CBC and id-CA-(EC)DH-AES-CBC-CMAC-128/192/256. */
#define CA_DH_OID_PREFIX "0.4.0.127.0.7.2.2.3.1."
#define CA_ECDH_OID_PREFIX "0.4.0.127.0.7.2.2.3.2."

static gboolean
oid_to_cipher (const guint8 *oid,
               gsize length,
               BpSmCipher *cipher,
               gsize *key_length)
{
  ASN1_OBJECT *object;
  const unsigned char *p;
  g_autoptr (GByteArray) der = g_byte_array_new ();
  char text[80];
  const char *suffix;

  bp_tlv_append (der, 0x06, oid, length);
  p = der->data;
  object = d2i_ASN1_OBJECT (NULL, &p, der->len);
  if (object == NULL)
    return FALSE;
  OBJ_obj2txt (text, sizeof text, object, 1);
  ASN1_OBJECT_free (object);
  if (!g_str_has_prefix (text, CA_ECDH_OID_PREFIX) && !g_str_has_prefix (text, CA_DH_OID_PREFIX))
    return FALSE;
  suffix = text + strlen (CA_ECDH_OID_PREFIX);
  *cipher = BP_SM_CIPHER_AES;
  if (g_str_equal (suffix, "1"))
    {
      *cipher = BP_SM_CIPHER_3DES;
      *key_length = 16;
    }
  else if (g_str_equal (suffix, "2"))
    *key_length = 16;
  else if (g_str_equal (suffix, "3"))
    *key_length = 24;
  else if (g_str_equal (suffix, "4"))
    *key_length = 32;
  else
    return FALSE;
  return TRUE;
}

/* The secret of the chip's static key and the terminal's ephemeral
 * public key (ECDH: x coordinate; DH: padded to the length of p), then
 * the new session. The terminal's key is taken on the chip key's domain
 * parameters. */
static BpSm *
agree (BpVcState *state,
       const guint8 *point,
       gsize point_length,
       BpSmCipher cipher,
       gsize key_length)
{
  EVP_PKEY *peer = EVP_PKEY_new ();
  EVP_PKEY_CTX *derive = NULL;
  guint8 secret[1024];
  gsize secret_length = sizeof secret;
  guint8 ssc[16] = { 0 };
  BpSm *sm = NULL;
  int id = EVP_PKEY_get_base_id (state->ca_key);
  unsigned int pad = 1;
  OSSL_PARAM pad_params[] = { OSSL_PARAM_construct_uint (OSSL_EXCHANGE_PARAM_PAD, &pad), OSSL_PARAM_END };

  if (peer == NULL || EVP_PKEY_copy_parameters (peer, state->ca_key) != 1
      || EVP_PKEY_set1_encoded_public_key (peer, point, point_length) != 1)
    goto out;

  derive = EVP_PKEY_CTX_new (state->ca_key, NULL);
  if (derive == NULL || EVP_PKEY_derive_init (derive) != 1
      || ((id == EVP_PKEY_DH || id == EVP_PKEY_DHX) && EVP_PKEY_CTX_set_params (derive, pad_params) != 1)
      || EVP_PKEY_derive_set_peer_ex (derive, peer, 1) != 1
      || EVP_PKEY_derive (derive, secret, &secret_length) != 1)
    goto out;
  sm = bp_sm_new_from_secret (cipher, key_length, secret, secret_length, ssc, NULL);

out:
  OPENSSL_cleanse (secret, sizeof secret);
  EVP_PKEY_CTX_free (derive);
  EVP_PKEY_free (peer);
  return sm;
}

static guint16
start (BpVcState *state,
       const guint8 *point,
       gsize point_length,
       BpSmCipher cipher,
       gsize key_length)
{
  BpSm *sm = agree (state, point, point_length, cipher, key_length);

  if (sm == NULL)
    return SW_WRONG_DATA;
  /* Taken up once this command's answer has left under the old keys. */
  g_clear_pointer (&state->next_sm, bp_sm_unref);
  state->next_sm = sm;
  return SW_OK;
}

/* MSE:Set KAT (P1 P2 = 41 A6): 91 <ephemeral public key> [84 key id];
 * 3DES secure messaging afterwards. */
guint16
_bp_vc_ca_set_kat (BpVcState *state,
                   const BpVcCommand *command)
{
  g_autoptr (GError) error = NULL;
  gsize pos = 0;
  BpTlv tlv;

  if (state->ca_key == NULL)
    return SW_REF_DATA_NOT_FOUND;
  if (state->sm == NULL)
    return SW_SECURITY_STATUS;
  while (bp_tlv_next (command->data, command->lc, &pos, &tlv, &error))
    if (tlv.tag == 0x91)
      return start (state, tlv.value, tlv.length, BP_SM_CIPHER_3DES, 16);
  return SW_WRONG_DATA;
}

/* MSE:Set AT for Chip Authentication (P1 P2 = 41 A4): 80 <CA OID>
 * [84 key id]. GENERAL AUTHENTICATE then brings the key. */
guint16
_bp_vc_ca_set_at (BpVcState *state,
                  const BpVcCommand *command)
{
  g_autoptr (GError) error = NULL;
  gsize pos = 0;
  BpTlv tlv;

  state->ca_selected = FALSE;
  if (state->ca_key == NULL)
    return SW_REF_DATA_NOT_FOUND;
  if (state->sm == NULL)
    return SW_SECURITY_STATUS;
  while (bp_tlv_next (command->data, command->lc, &pos, &tlv, &error))
    if (tlv.tag == 0x80)
      {
        if (!oid_to_cipher (tlv.value, tlv.length, &state->ca_cipher, &state->ca_key_length))
          return SW_WRONG_DATA;
        state->ca_selected = TRUE;
        return SW_OK;
      }
  return SW_WRONG_DATA;
}

/* GENERAL AUTHENTICATE 7C { 80 <ephemeral public key> } → 7C 00. */
guint16
_bp_vc_ca_general_authenticate (BpVcState *state,
                                const BpVcCommand *command,
                                GByteArray *response)
{
  g_autoptr (GError) error = NULL;
  BpTlv outer, key;
  guint16 sw;

  if (!state->ca_selected)
    return SW_CONDITIONS_OF_USE;
  state->ca_selected = FALSE;
  if (state->sm == NULL)
    return SW_SECURITY_STATUS;
  if (!bp_tlv_parse (command->data, command->lc, &outer, &error) || outer.tag != 0x7C
      || !bp_tlv_find (&outer, 0x80, &key, &error))
    return SW_WRONG_DATA;
  sw = start (state, key.value, key.length, state->ca_cipher, state->ca_key_length);
  if (sw == SW_OK)
    g_byte_array_append (response, (const guint8 *) "\x7C\x00", 2);
  return sw;
}
