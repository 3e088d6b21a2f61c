/* bp-pace.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-pace"

#include "config.h"

#include <eac/eac.h>
#include <eac/objects.h>
#include <eac/pace.h>
#include <glib/gi18n-lib.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/objects.h>

#include "bp-apdu.h"
#include "bp-chip-error.h"
#include "bp-pace.h"
#include "bp-sm-crypto.h"
#include "bp-tlv.h"

/* PACE on OpenPACE: EF.CardAccess parsing, the nonce, the mappings, the
 * key agreement and the tokens are OpenPACE's; the APDUs (MSE:Set AT and
 * the chained GENERAL AUTHENTICATE) and the resulting secure messaging are
 * ours (bp-sm), so the whole stack shares one SM implementation.
 *
 * The password is handed to OpenPACE as PACE_RAW with the encoding of
 * 9303-11 9.7.3 done here (SHA-1 of the MRZ information; the CAN as is),
 * because OpenPACE's PACE_MRZ expects a whole printed MRZ and parses it
 * itself. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EAC_CTX, EAC_CTX_clear_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PACE_SEC, PACE_SEC_clear_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BUF_MEM, BUF_MEM_clear_free)

void
bp_pace_info_clear (BpPaceInfo *info)
{
  g_return_if_fail (info != NULL);

  g_clear_pointer (&info->protocol_oid, g_free);
  g_clear_pointer (&info->cam_data, g_bytes_unref);
  g_clear_pointer (&info->cam_ca_ic, g_bytes_unref);
  g_clear_pointer (&info->pk_map_ic, g_bytes_unref);
}

static void
ensure_init (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      EAC_init ();
      g_once_init_leave (&once, 1);
    }
}

/* Chip Authentication Mapping (id-PACE-ECDH-CAM-*, 0.4.0.127.0.7.2.2.4.6.x)
 * is ECDH generic mapping (…4.2.x) plus a last step OpenPACE 1.1.2 does
 * not know: it refuses EF.CardAccess that lists it. The reader gives
 * OpenPACE the GM identifier, keeps telling the chip CAM, and reads the
 * chip's CA data from the last GENERAL AUTHENTICATE itself. */
static const guint8 cam_oid_prefix[] = { 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x04, 0x06 };

/* The tokens of CAM are computed over the CAM identifier (9303-11
 * 4.4.3.4: the protocol of MSE:Set AT). OpenPACE takes the identifier from
 * the context's protocol, so the CAM OIDs are registered with OpenSSL and
 * swapped in around the token steps. 0 when @gm_nid has no CAM twin. */
int
bp_pace_cam_nid (int gm_nid)
{
  static const struct
  {
    const char *oid;
    const char *name;
  } cams[] = {
    { "0.4.0.127.0.7.2.2.4.6.2", "id-PACE-ECDH-CAM-AES-CBC-CMAC-128" },
    { "0.4.0.127.0.7.2.2.4.6.3", "id-PACE-ECDH-CAM-AES-CBC-CMAC-192" },
    { "0.4.0.127.0.7.2.2.4.6.4", "id-PACE-ECDH-CAM-AES-CBC-CMAC-256" },
  };
  static gsize registered = 0;
  static int nids[G_N_ELEMENTS (cams)];
  int index;

  if (g_once_init_enter (&registered))
    {
      for (guint i = 0; i < G_N_ELEMENTS (cams); i++)
        {
          nids[i] = OBJ_txt2nid (cams[i].oid);
          if (nids[i] == NID_undef)
            nids[i] = OBJ_create (cams[i].oid, cams[i].name, cams[i].name);
        }
      g_once_init_leave (&registered, 1);
    }

  if (gm_nid == NID_id_PACE_ECDH_GM_AES_CBC_CMAC_128)
    index = 0;
  else if (gm_nid == NID_id_PACE_ECDH_GM_AES_CBC_CMAC_192)
    index = 1;
  else if (gm_nid == NID_id_PACE_ECDH_GM_AES_CBC_CMAC_256)
    index = 2;
  else
    return 0;
  return nids[index];
}

static GBytes *
card_access_as_gm (GBytes *card_access,
                   gboolean *has_cam)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (card_access, &len);
  g_autofree guint8 *copy = g_memdup2 (data, len);

  *has_cam = FALSE;
  for (gsize i = 0; i + 2 + sizeof cam_oid_prefix < len; i++)
    if (copy[i] == 0x06 && copy[i + 1] == sizeof cam_oid_prefix + 1
        && memcmp (copy + i + 2, cam_oid_prefix, sizeof cam_oid_prefix) == 0)
      {
        copy[i + 2 + sizeof cam_oid_prefix - 1] = 0x02;
        *has_cam = TRUE;
      }
  return g_bytes_new_take (g_steal_pointer (&copy), len);
}

/* id-PACE-DH-IM-* (…4.3.x) and id-PACE-ECDH-IM-* (…4.4.x). */
static gboolean
offers_integrated_mapping (const guint8 *data,
                           gsize len)
{
  static const guint8 pace_prefix[] = { 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x04 };

  for (gsize i = 0; i + 2 + sizeof pace_prefix + 2 <= len; i++)
    if (data[i] == 0x06 && data[i + 1] == sizeof pace_prefix + 2
        && memcmp (data + i + 2, pace_prefix, sizeof pace_prefix) == 0
        && (data[i + 2 + sizeof pace_prefix] == 0x03 || data[i + 2 + sizeof pace_prefix] == 0x04))
      return TRUE;
  return FALSE;
}

static EAC_CTX *
context_from_card_access (GBytes *card_access,
                          gboolean *has_cam)
{
  g_autoptr (EAC_CTX) ctx = NULL;
  g_autoptr (GBytes) converted = NULL;
  gsize len;
  const guint8 *data;

  ensure_init ();
  converted = card_access_as_gm (card_access, has_cam);
  data = g_bytes_get_data (converted, &len);
  if (len == 0)
    return NULL;
  /* OpenPACE 1.1.2 runs integrated mapping only under its TR-03110 v2.01
   * rules, and refuses the whole EF.CardAccess otherwise (printing its
   * refusal on stderr), so a file offering it is read under those rules
   * from the start; others are tried the default way first. */
  if (!offers_integrated_mapping (data, len))
    {
      ctx = EAC_CTX_new ();
      if (ctx != NULL && EAC_CTX_init_ef_cardaccess (data, len, ctx) && ctx->pace_ctx != NULL)
        return g_steal_pointer (&ctx);
      g_clear_pointer (&ctx, EAC_CTX_clear_free);
    }
  ctx = EAC_CTX_new ();
  if (ctx == NULL)
    return NULL;
  ctx->tr_version = EAC_TR_VERSION_2_01;
  if (!EAC_CTX_init_ef_cardaccess (data, len, ctx) || ctx->pace_ctx == NULL)
    return NULL;
  return g_steal_pointer (&ctx);
}

gboolean
bp_pace_card_access_has_pace (GBytes *card_access)
{
  g_autoptr (EAC_CTX) ctx = NULL;
  gboolean has_cam;

  g_return_val_if_fail (card_access != NULL, FALSE);

  ctx = context_from_card_access (card_access, &has_cam);
  return ctx != NULL;
}

static gboolean
encode_password (BpPacePassword type,
                 const char *password,
                 guint8 *out,
                 gsize *out_len,
                 GError **error)
{
  gsize len = strlen (password);

  if (type == BP_PACE_PASSWORD_CAN)
    {
      if (len == 0 || len > 32)
        goto bad;
      for (gsize i = 0; i < len; i++)
        if (!g_ascii_isdigit (password[i]))
          goto bad;
      memcpy (out, password, len);
      *out_len = len;
      return TRUE;
    }

  {
    unsigned int md_len = 0;

    if (len == 0 || !EVP_Digest (password, len, out, &md_len, EVP_sha1 (), NULL))
      goto bad;
    *out_len = md_len;
    return TRUE;
  }

bad:
  g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_BAD_KEY,
               type == BP_PACE_PASSWORD_CAN
                   ? _ ("The card access number (CAN) must be the digits printed on the document.")
                   : _ ("The MRZ key is empty."));
  return FALSE;
}

gboolean
bp_pace_password_key (BpPacePassword password_type,
                      const char *password,
                      BpSmCipher cipher,
                      gsize key_len,
                      guint8 *key_out,
                      GError **error)
{
  guint8 encoded[EVP_MAX_MD_SIZE + 32];
  gsize encoded_len = 0;
  gboolean ok;

  g_return_val_if_fail (password != NULL, FALSE);
  g_return_val_if_fail (key_out != NULL, FALSE);

  if (!encode_password (password_type, password, encoded, &encoded_len, error))
    return FALSE;
  ok = bp_sm_kdf (cipher, key_len, encoded, encoded_len, BP_SM_KDF_PACE, key_out, error);
  OPENSSL_cleanse (encoded, sizeof encoded);
  return ok;
}

static BpPaceMapping
mapping_of (int nid)
{
  if (nid == NID_id_PACE_DH_IM_3DES_CBC_CBC || nid == NID_id_PACE_DH_IM_AES_CBC_CMAC_128 || nid == NID_id_PACE_DH_IM_AES_CBC_CMAC_192 || nid == NID_id_PACE_DH_IM_AES_CBC_CMAC_256 || nid == NID_id_PACE_ECDH_IM_3DES_CBC_CBC || nid == NID_id_PACE_ECDH_IM_AES_CBC_CMAC_128 || nid == NID_id_PACE_ECDH_IM_AES_CBC_CMAC_192 || nid == NID_id_PACE_ECDH_IM_AES_CBC_CMAC_256)
    return BP_PACE_MAPPING_IM;
  return BP_PACE_MAPPING_GM;
}

static void
set_pace_status_error (GError **error,
                       guint16 sw,
                       const char *what)
{
  g_autoptr (GError) local_error = NULL;

  bp_apdu_set_status_error (&local_error, sw, what);
  g_set_error_literal (error, BP_CHIP_ERROR, BP_CHIP_ERROR_PACE_FAILED, local_error->message);
}

static gboolean
pace_failed (GError **error,
             const char *step)
{
  g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_PACE_FAILED,
               _ ("PACE failed at %s."), step);
  return FALSE;
}

/* One GENERAL AUTHENTICATE: sends 7C{tag: data} and returns the value of
 * the response's dynamic authentication data 7C. */
static GBytes *
general_authenticate (BpCard *card,
                      gboolean last,
                      guint8 tag,
                      const guint8 *data,
                      gsize len,
                      const char *step,
                      GCancellable *cancellable,
                      GError **error)
{
  g_autoptr (GByteArray) inner = g_byte_array_new ();
  g_autoptr (GByteArray) body = g_byte_array_new ();
  g_autoptr (GBytes) response = NULL;
  BpApdu apdu = { last ? 0x00 : 0x10, 0x86, 0x00, 0x00, NULL, 0, 256, FALSE };
  const guint8 *rdata;
  gsize rlen;
  guint16 sw;
  BpTlv outer;

  if (tag != 0)
    bp_tlv_append (inner, tag, data, len);
  bp_tlv_append (body, 0x7C, inner->data, inner->len);
  apdu.data = body->data;
  apdu.data_len = body->len;

  response = bp_apdu_transmit (card, &apdu, cancellable, error);
  if (response == NULL)
    return NULL;
  sw = bp_apdu_response_sw (response);
  rdata = bp_apdu_response_data (response, &rlen);
  if (sw != BP_SW_OK)
    {
      if (last && ((sw >> 8) == 0x63 || sw == BP_SW_SECURITY_STATUS || sw == BP_SW_AUTH_BLOCKED))
        g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_ACCESS_DENIED, "%04X", sw);
      else
        {
          g_autofree char *what = g_strdup_printf (_ ("PACE (%s)"), step);
          set_pace_status_error (error, sw, what);
        }
      return NULL;
    }
  if (!bp_tlv_parse (rdata, rlen, &outer, NULL) || outer.tag != 0x7C)
    {
      pace_failed (error, step);
      return NULL;
    }
  return g_bytes_new (outer.value, outer.length);
}

static gboolean
find_child (GBytes *dyn,
            guint32 tag,
            BUF_MEM **out)
{
  BpTlv parent = { 0 };
  BpTlv child;

  parent.value = g_bytes_get_data (dyn, &parent.length);
  parent.constructed = TRUE;
  if (!bp_tlv_find (&parent, tag, &child, NULL))
    return FALSE;
  *out = BUF_MEM_new ();
  if (*out == NULL || !BUF_MEM_grow (*out, child.length))
    return FALSE;
  if (child.length > 0)
    memcpy ((*out)->data, child.value, child.length);
  (*out)->length = child.length;
  return TRUE;
}

static void
set_refused (BpPacePassword type,
             GError **error)
{
  g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_ACCESS_DENIED,
               type == BP_PACE_PASSWORD_CAN
                   ? _ ("The card access number (CAN) was refused by the chip: check the digits "
                        "printed on the document.")
                   : _ ("The access key from the printed MRZ was refused by the chip: check the "
                        "document number, birth date and expiry date."));
}

static GBytes *
buf_to_bytes (const BUF_MEM *buf)
{
  return g_bytes_new (buf->data, buf->length);
}

/* CA_IC from A_IC: AES-CBC under KS_enc with IV = E(KS_enc, -1), ISO
 * 9797-1 padding method 2 (ICAO 9303-11 4.4.3.5.1). */
static GBytes *
decrypt_cam_data (const KA_CTX *ka,
                  BpSmCipher cipher,
                  const BUF_MEM *encrypted)
{
  const guint8 *key = (const guint8 *) ka->k_enc->data;
  g_autofree guint8 *plain = NULL;
  guint8 minus_one[16], iv[16];
  gsize length;
  GBytes *out;

  if (cipher != BP_SM_CIPHER_AES || encrypted->length == 0 || encrypted->length % 16 != 0)
    return NULL;
  memset (minus_one, 0xFF, sizeof minus_one);
  plain = g_malloc (encrypted->length);
  if (!bp_sm_cbc (cipher, key, ka->k_enc->length, NULL, TRUE, minus_one, 16, iv, NULL)
      || !bp_sm_cbc (cipher, key, ka->k_enc->length, iv, FALSE, (const guint8 *) encrypted->data,
                     encrypted->length, plain, NULL)
      || !bp_sm_unpad_length (plain, encrypted->length, &length) || length == 0)
    {
      OPENSSL_cleanse (plain, encrypted->length);
      return NULL;
    }
  out = g_bytes_new (plain, length);
  OPENSSL_cleanse (plain, encrypted->length);
  return out;
}

BpSm *
bp_pace_authenticate (BpCard *card,
                      GBytes *card_access,
                      BpPacePassword password_type,
                      const char *password,
                      BpPaceInfo *info,
                      GCancellable *cancellable,
                      GError **error)
{
  g_autoptr (EAC_CTX) ctx = NULL;
  g_autoptr (PACE_SEC) sec = NULL;
  g_autoptr (BUF_MEM) z = NULL;
  g_autoptr (BUF_MEM) my_map = NULL;
  g_autoptr (BUF_MEM) chip_map = NULL;
  g_autoptr (BUF_MEM) my_pub = NULL;
  g_autoptr (BUF_MEM) chip_pub = NULL;
  g_autoptr (BUF_MEM) my_token = NULL;
  g_autoptr (BUF_MEM) chip_token = NULL;
  g_autoptr (GBytes) dyn = NULL;
  g_autoptr (GBytes) mse_response = NULL;
  g_autoptr (GByteArray) mse = g_byte_array_new ();
  guint8 encoded[EVP_MAX_MD_SIZE + 32];
  gsize encoded_len = 0;
  ASN1_OBJECT *oid;
  BpPaceMapping mapping;
  gboolean offers_cam = FALSE;
  int gm_nid;
  const KA_CTX *ka;
  guint8 ssc[BP_SM_MAX_BLOCK] = { 0 };
  BpSmCipher cipher;
  guint16 sw;

  g_return_val_if_fail (BP_IS_CARD (card), NULL);
  g_return_val_if_fail (card_access != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);

  ctx = context_from_card_access (card_access, &offers_cam);
  if (ctx == NULL)
    {
      g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_NOT_SUPPORTED,
                   _ ("EF.CardAccess lists no PACE protocol this reader can run."));
      return NULL;
    }
  mapping = mapping_of (ctx->pace_ctx->protocol);

  if (!encode_password (password_type, password, encoded, &encoded_len, error))
    return NULL;
  sec = PACE_SEC_new ((const char *) encoded, encoded_len, PACE_RAW);
  OPENSSL_cleanse (encoded, sizeof encoded);
  if (sec == NULL)
    {
      pace_failed (error, _ ("the password encoding"));
      return NULL;
    }

  /* MSE:Set AT: protocol OID (80) and password reference (83). */
  oid = EAC_OBJ_nid2obj (ctx->pace_ctx->protocol);
  if (oid == NULL || OBJ_length (oid) == 0)
    {
      pace_failed (error, _ ("the protocol identifier"));
      return NULL;
    }
  {
    g_autofree guint8 *oid_bytes = g_memdup2 (OBJ_get0_data (oid), OBJ_length (oid));
    gsize oid_len = OBJ_length (oid);

    /* Tell the chip the protocol it listed: CAM, not the GM OpenPACE runs. */
    if (offers_cam && oid_len == sizeof cam_oid_prefix + 1
        && memcmp (oid_bytes, cam_oid_prefix, sizeof cam_oid_prefix - 1) == 0
        && oid_bytes[sizeof cam_oid_prefix - 1] == 0x02)
      oid_bytes[sizeof cam_oid_prefix - 1] = 0x06;
    else
      offers_cam = FALSE;
    bp_tlv_append (mse, 0x80, oid_bytes, oid_len);
  }
  {
    guint8 ref = password_type;
    bp_tlv_append (mse, 0x83, &ref, 1);
  }
  {
    BpApdu apdu = { 0x00, 0x22, 0xC1, 0xA4, mse->data, mse->len, 0, FALSE };

    mse_response = bp_apdu_transmit (card, &apdu, cancellable, error);
    if (mse_response == NULL)
      return NULL;
    sw = bp_apdu_response_sw (mse_response);
    if (sw != BP_SW_OK && (sw >> 8) != 0x63)
      {
        set_pace_status_error (error, sw, _ ("PACE (MSE:Set AT)"));
        return NULL;
      }
  }

  /* Step 1: the encrypted nonce. */
  dyn = general_authenticate (card, FALSE, 0, NULL, 0, _ ("the nonce"), cancellable, error);
  if (dyn == NULL)
    return NULL;
  if (!find_child (dyn, 0x80, &z) || !PACE_STEP2_dec_nonce (ctx, sec, z))
    {
      pace_failed (error, _ ("the nonce"));
      return NULL;
    }
  g_clear_pointer (&dyn, g_bytes_unref);

  /* Step 2: mapping. */
  my_map = PACE_STEP3A_generate_mapping_data (ctx);
  if (my_map == NULL)
    {
      pace_failed (error, _ ("the mapping"));
      return NULL;
    }
  dyn = general_authenticate (card, FALSE, 0x81, (const guint8 *) my_map->data, my_map->length,
                              _ ("the mapping"), cancellable, error);
  if (dyn == NULL)
    return NULL;
  if (mapping == BP_PACE_MAPPING_IM)
    {
      /* Integrated mapping maps with the terminal's own nonce. */
      if (!PACE_STEP3A_map_generator (ctx, my_map))
        {
          pace_failed (error, _ ("the mapping"));
          return NULL;
        }
    }
  else if (!find_child (dyn, 0x82, &chip_map) || !PACE_STEP3A_map_generator (ctx, chip_map))
    {
      pace_failed (error, _ ("the mapping"));
      return NULL;
    }
  g_clear_pointer (&dyn, g_bytes_unref);

  /* Step 3: key agreement. */
  my_pub = PACE_STEP3B_generate_ephemeral_key (ctx);
  if (my_pub == NULL)
    {
      pace_failed (error, _ ("the key agreement"));
      return NULL;
    }
  dyn = general_authenticate (card, FALSE, 0x83, (const guint8 *) my_pub->data, my_pub->length,
                              _ ("the key agreement"), cancellable, error);
  if (dyn == NULL)
    return NULL;
  if (!find_child (dyn, 0x84, &chip_pub) || (chip_pub->length == my_pub->length && CRYPTO_memcmp (chip_pub->data, my_pub->data, my_pub->length) == 0) || !PACE_STEP3B_compute_shared_secret (ctx, chip_pub) || !PACE_STEP3C_derive_keys (ctx))
    {
      pace_failed (error, _ ("the key agreement"));
      return NULL;
    }
  g_clear_pointer (&dyn, g_bytes_unref);

  /* Step 4: mutual authentication; with CAM, over the CAM identifier. */
  gm_nid = ctx->pace_ctx->protocol;
  if (offers_cam && bp_pace_cam_nid (gm_nid) != 0)
    ctx->pace_ctx->protocol = bp_pace_cam_nid (gm_nid);
  my_token = PACE_STEP3D_compute_authentication_token (ctx, chip_pub);
  if (my_token == NULL)
    {
      pace_failed (error, _ ("the authentication token"));
      return NULL;
    }
  {
    g_autoptr (GError) local_error = NULL;

    dyn = general_authenticate (card, TRUE, 0x85, (const guint8 *) my_token->data, my_token->length,
                                _ ("the authentication token"), cancellable, &local_error);
    if (dyn == NULL)
      {
        if (g_error_matches (local_error, BP_CHIP_ERROR, BP_CHIP_ERROR_ACCESS_DENIED))
          set_refused (password_type, error);
        else
          g_propagate_error (error, g_steal_pointer (&local_error));
        return NULL;
      }
  }
  if (!find_child (dyn, 0x86, &chip_token) || PACE_STEP3D_verify_authentication_token (ctx, chip_token) != 1)
    {
      ctx->pace_ctx->protocol = gm_nid;
      g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_PACE_FAILED,
                   _ ("The chip did not prove that it knows the PACE password: its "
                      "authentication token is wrong."));
      return NULL;
    }

  ctx->pace_ctx->protocol = gm_nid;

  ka = ctx->pace_ctx->ka_ctx;
  if (ka == NULL || ka->k_enc == NULL || ka->k_mac == NULL || ka->cipher == NULL || ka->k_enc->length != ka->k_mac->length || ka->k_enc->length > BP_SM_MAX_KEY_LENGTH)
    {
      pace_failed (error, _ ("the session keys"));
      return NULL;
    }
  cipher = EVP_CIPHER_get_block_size (ka->cipher) == 16 ? BP_SM_CIPHER_AES : BP_SM_CIPHER_3DES;

  if (info != NULL)
    {
      char text[128];

      info->mapping = mapping;
      if (OBJ_obj2txt (text, sizeof text, oid, 1) > 0)
        info->protocol_oid = g_strdup (text);
      /* Chip Authentication Mapping: the chip's encrypted CA data (8A),
       * decrypted, and its mapping public key, kept for the authenticity
       * checks. */
      {
        g_autoptr (BUF_MEM) cam = NULL;

        if (find_child (dyn, 0x8A, &cam) && cam->length > 0)
          {
            info->mapping = BP_PACE_MAPPING_CAM;
            info->cam_data = buf_to_bytes (cam);
            info->cam_ca_ic = decrypt_cam_data (ka, cipher, cam);
            if (chip_map != NULL)
              info->pk_map_ic = buf_to_bytes (chip_map);
          }
      }
    }

  return bp_sm_new (cipher, (const guint8 *) ka->k_enc->data, (const guint8 *) ka->k_mac->data,
                    ka->k_enc->length, ssc);
}
