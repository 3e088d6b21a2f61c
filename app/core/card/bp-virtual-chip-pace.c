/* bp-virtual-chip-pace.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-virtual-chip-pace"

#include "config.h"

#include <string.h>

#include <eac/eac.h>
#include <eac/pace.h>
#include <openssl/buffer.h>
#include <openssl/evp.h>
#include <openssl/objects.h>

#include "bp-pace.h"
#include "bp-tlv.h"
#include "bp-virtual-chip-private.h"

/* PACE, card side (ICAO 9303-11 4.4 and 9.2; the PICC role of BSI
 * TR-03110). OpenPACE does the mathematics; this file only speaks the
 * MSE:Set AT and GENERAL AUTHENTICATE APDUs around it. */

struct _BpVcPace
{
  EAC_CTX *ctx;
  PACE_SEC *secret;
  BUF_MEM *ifd_public_key;
  guint step; /* 0 nonce, 1 mapping, 2 key agreement, 3 token */
};

void
_bp_vc_pace_free (BpVcPace *pace)
{
  if (pace == NULL)
    return;
  EAC_CTX_clear_free (pace->ctx);
  PACE_SEC_clear_free (pace->secret);
  if (pace->ifd_public_key != NULL)
    BUF_MEM_free (pace->ifd_public_key);
  g_free (pace);
}

/* The DER content of a dotted OID; CAM OIDs are not registered with
 * OpenSSL, so this works from the text. */
static GByteArray *
oid_content (const char *oid)
{
  ASN1_OBJECT *object = OBJ_txt2obj (oid, 1);
  GByteArray *out = g_byte_array_new ();
  int length;

  if (object == NULL)
    return out;
  length = OBJ_length (object);
  if (length > 0)
    g_byte_array_append (out, OBJ_get0_data (object), length);
  ASN1_OBJECT_free (object);
  return out;
}

GBytes *
_bp_vc_pace_card_access (const char *protocol_oid,
                         int parameter_id)
{
  g_autoptr (GByteArray) oid = oid_content (protocol_oid);
  g_autoptr (GByteArray) info = g_byte_array_new ();
  g_autoptr (GByteArray) sequence = g_byte_array_new ();
  GByteArray *set = g_byte_array_new ();
  guint8 version = 2, parameter = parameter_id;

  /* SecurityInfos ::= SET OF SecurityInfo, here one PACEInfo
   * { protocol, version 2, parameterId }. */
  bp_tlv_append (info, 0x06, oid->data, oid->len);
  bp_tlv_append (info, 0x02, &version, 1);
  bp_tlv_append (info, 0x02, &parameter, 1);
  bp_tlv_append (sequence, 0x30, info->data, info->len);
  bp_tlv_append (set, 0x31, sequence->data, sequence->len);
  return g_byte_array_free_to_bytes (set);
}

static gboolean
is_integrated_mapping (int nid)
{
  return nid == NID_id_PACE_DH_IM_3DES_CBC_CBC || nid == NID_id_PACE_DH_IM_AES_CBC_CMAC_128
         || nid == NID_id_PACE_DH_IM_AES_CBC_CMAC_192 || nid == NID_id_PACE_DH_IM_AES_CBC_CMAC_256
         || nid == NID_id_PACE_ECDH_IM_3DES_CBC_CBC || nid == NID_id_PACE_ECDH_IM_AES_CBC_CMAC_128
         || nid == NID_id_PACE_ECDH_IM_AES_CBC_CMAC_192 || nid == NID_id_PACE_ECDH_IM_AES_CBC_CMAC_256;
}

/* OpenPACE follows BSI TR-03110 2.02, which dropped integrated mapping;
 * ICAO 9303-11 keeps it, so IM contexts are made as of TR-03110 2.01. */
gboolean
_bp_vc_pace_init_ctx (EAC_CTX *ctx,
                      int nid,
                      int parameter_id)
{
  if (is_integrated_mapping (nid))
    ctx->tr_version = EAC_TR_VERSION_2_01;
  return EAC_CTX_init_pace (ctx, nid, parameter_id) == 1;
}

guint16
_bp_vc_pace_set_at (BpVcState *state,
                    const BpVcCommand *command)
{
  g_autoptr (GByteArray) oid = NULL;
  g_autoptr (GError) error = NULL;
  const guint8 *given_oid = NULL;
  gsize given_oid_length = 0, pos = 0;
  int reference = 0;
  BpTlv tlv;

  g_clear_pointer (&state->pace, _bp_vc_pace_free);
  if (command->p1 != 0xC1 || command->p2 != 0xA4)
    return SW_WRONG_P1P2_FUNCTION;
  if (!(state->protocols & BP_VIRTUAL_CHIP_PACE))
    return SW_REF_DATA_NOT_FOUND;

  while (bp_tlv_next (command->data, command->lc, &pos, &tlv, &error))
    {
      if (tlv.tag == 0x80)
        {
          given_oid = tlv.value;
          given_oid_length = tlv.length;
        }
      else if (tlv.tag == 0x83 && tlv.length == 1)
        reference = tlv.value[0];
    }
  if (error != NULL)
    return SW_WRONG_DATA;

  oid = oid_content (state->pace_oid);
  if (given_oid == NULL || given_oid_length != oid->len
      || memcmp (given_oid, oid->data, oid->len) != 0)
    return SW_WRONG_DATA;

  state->pace = g_new0 (BpVcPace, 1);
  if (reference == 1)
    {
      guint8 digest[EVP_MAX_MD_SIZE];
      unsigned int n = 0;

      /* f(π) = SHA-1(MRZ information), fed to OpenPACE as a raw secret
       * so that it applies KDF_π itself. */
      EVP_Digest (state->mrz_information, strlen (state->mrz_information),
                  digest, &n, EVP_sha1 (), NULL);
      state->pace->secret = PACE_SEC_new ((const char *) digest, n, PACE_RAW);
    }
  else if (reference == 2 && state->can != NULL)
    state->pace->secret = PACE_SEC_new (state->can, strlen (state->can), PACE_CAN);
  else
    {
      g_clear_pointer (&state->pace, _bp_vc_pace_free);
      return SW_REF_DATA_NOT_FOUND;
    }

  state->pace->ctx = EAC_CTX_new ();
  if (state->pace->secret == NULL || state->pace->ctx == NULL
      || !_bp_vc_pace_init_ctx (state->pace->ctx, state->pace_nid, state->pace_parameter_id))
    {
      g_clear_pointer (&state->pace, _bp_vc_pace_free);
      return SW_WRONG_DATA;
    }
  return SW_OK;
}

static void
append_dynamic_data (GByteArray *response,
                     guint32 tag,
                     const BUF_MEM *value)
{
  g_autoptr (GByteArray) inner = g_byte_array_new ();

  bp_tlv_append (inner, tag, (const guint8 *) value->data, value->length);
  bp_tlv_append (response, 0x7C, inner->data, inner->len);
}

static BUF_MEM *
buf_mem_new_from (const guint8 *data,
                  gsize length)
{
  BUF_MEM *buffer = BUF_MEM_new ();

  if (buffer == NULL || BUF_MEM_grow (buffer, length) != length)
    {
      BUF_MEM_free (buffer);
      return NULL;
    }
  memcpy (buffer->data, data, length);
  return buffer;
}

static BUF_MEM *
find_object (const BpVcCommand *command,
             guint32 tag,
             gboolean *empty_ok)
{
  g_autoptr (GError) error = NULL;
  BpTlv outer, inner;

  if (!bp_tlv_parse (command->data, command->lc, &outer, &error) || outer.tag != 0x7C)
    return NULL;
  if (empty_ok != NULL)
    {
      *empty_ok = outer.length == 0;
      return NULL;
    }
  if (!bp_tlv_find (&outer, tag, &inner, &error) || inner.length == 0)
    return NULL;
  return buf_mem_new_from (inner.value, inner.length);
}

static guint16
pace_fail (BpVcState *state,
           guint16 sw)
{
  g_clear_pointer (&state->pace, _bp_vc_pace_free);
  return sw;
}

guint16
_bp_vc_pace_general_authenticate (BpVcState *state,
                                  const BpVcCommand *command,
                                  GByteArray *response)
{
  BpVcPace *pace = state->pace;
  BUF_MEM *in = NULL, *out = NULL;
  guint16 sw = SW_OK;

  if (command->p1 != 0 || command->p2 != 0)
    return SW_WRONG_P1P2;
  if (pace == NULL)
    return SW_CONDITIONS_OF_USE;

  switch (pace->step)
    {
    case 0:
      {
        gboolean empty = FALSE;

        find_object (command, 0, &empty);
        if (!empty)
          return pace_fail (state, SW_WRONG_DATA);
        out = PACE_STEP1_enc_nonce (pace->ctx, pace->secret);
        if (out == NULL)
          return pace_fail (state, SW_WRONG_DATA);
        append_dynamic_data (response, 0x80, out);
      }
      break;

    case 1:
      in = find_object (command, 0x81, NULL);
      if (in == NULL)
        return pace_fail (state, SW_WRONG_DATA);
      if (is_integrated_mapping (state->pace_nid))
        {
          /* Integrated mapping: the terminal's nonce maps the generator
           * and the chip's answer carries no mapping data. */
          if (!PACE_STEP3A_map_generator (pace->ctx, in))
            sw = SW_WRONG_DATA;
          else
            g_byte_array_append (response, (const guint8 *) "\x7C\x00", 2);
          break;
        }
      out = PACE_STEP3A_generate_mapping_data (pace->ctx);
      if (out == NULL || !PACE_STEP3A_map_generator (pace->ctx, in))
        sw = SW_WRONG_DATA;
      else
        append_dynamic_data (response, 0x82, out);
      break;

    case 2:
      in = find_object (command, 0x83, NULL);
      if (in == NULL)
        return pace_fail (state, SW_WRONG_DATA);
      out = PACE_STEP3B_generate_ephemeral_key (pace->ctx);
      /* The terminal must not echo the chip's own key (9303-11 4.4.3.3). */
      if (out == NULL
          || (out->length == in->length && memcmp (out->data, in->data, in->length) == 0)
          || !PACE_STEP3B_compute_shared_secret (pace->ctx, in)
          || !PACE_STEP3C_derive_keys (pace->ctx))
        sw = SW_WRONG_DATA;
      else
        {
          append_dynamic_data (response, 0x84, out);
          pace->ifd_public_key = in;
          in = NULL;
        }
      break;

    case 3:
      in = find_object (command, 0x85, NULL);
      if (in == NULL)
        return pace_fail (state, SW_WRONG_DATA);
      {
        /* CAM tokens are over the CAM identifier, as the reader asked. */
        int gm_nid = pace->ctx->pace_ctx->protocol;

        if (state->pace_cam && bp_pace_cam_nid (gm_nid) != 0)
          pace->ctx->pace_ctx->protocol = bp_pace_cam_nid (gm_nid);
        if (PACE_STEP3D_verify_authentication_token (pace->ctx, in) != 1)
          sw = SW_AUTH_FAILED;
        else
          out = PACE_STEP3D_compute_authentication_token (pace->ctx, pace->ifd_public_key);
        pace->ctx->pace_ctx->protocol = gm_nid;
      }
      if (out == NULL)
        sw = SW_AUTH_FAILED;
      else
        {
          KA_CTX *ka = pace->ctx->pace_ctx->ka_ctx;
          gboolean aes = EVP_CIPHER_get_block_size (ka->cipher) == 16;
          guint8 ssc[16] = { 0 };

          g_autoptr (GByteArray) cam = NULL;

          if (state->pace_cam)
            {
              /* CAM: 7C { 86 T_IC, 8A A_IC }. */
              g_autoptr (GByteArray) inner = g_byte_array_new ();

              cam = _bp_vc_cam_encrypt_data (state, pace->ctx);
              if (cam == NULL)
                {
                  sw = SW_WRONG_DATA;
                  break;
                }
              bp_tlv_append (inner, 0x86, (const guint8 *) out->data, out->length);
              bp_tlv_append (inner, 0x8A, cam->data, cam->len);
              bp_tlv_append (response, 0x7C, inner->data, inner->len);
            }
          else
            append_dynamic_data (response, 0x86, out);
          g_clear_pointer (&state->sm, bp_sm_unref);
          state->sm = bp_sm_new (aes ? BP_SM_CIPHER_AES : BP_SM_CIPHER_3DES,
                                 (const guint8 *) ka->k_enc->data,
                                 (const guint8 *) ka->k_mac->data,
                                 ka->k_enc->length, ssc);
          state->session = BP_VC_SESSION_PACE;
        }
      break;

    default:
      sw = SW_CONDITIONS_OF_USE;
      break;
    }

  if (in != NULL)
    BUF_MEM_free (in);
  if (out != NULL)
    BUF_MEM_free (out);
  if (sw != SW_OK || pace->step == 3)
    g_clear_pointer (&state->pace, _bp_vc_pace_free);
  else
    pace->step++;
  return sw;
}
