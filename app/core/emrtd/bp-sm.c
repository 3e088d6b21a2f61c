/* bp-sm.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-sm"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/crypto.h>

#include "bp-chip-error.h"
#include "bp-sm.h"
#include "bp-tlv.h"

/* Secure messaging of ICAO 9303-11 9.8, both directions. The data objects
 * are few and fixed (85/87, 97, 99, 8E), so they are built and checked here
 * rather than through OpenPACE's EAC_* helpers, which only cover the reader
 * side and keep their own counter: one implementation serves BAC, PACE and
 * the virtual chip. */

struct _BpSm
{
  gatomicrefcount ref_count;
  BpSmCipher cipher;
  gsize key_len;
  gsize block;
  guint8 k_enc[BP_SM_MAX_KEY_LENGTH];
  guint8 k_mac[BP_SM_MAX_KEY_LENGTH];
  guint8 ssc[BP_SM_MAX_BLOCK];
  gboolean open;
};

G_DEFINE_BOXED_TYPE (BpSm, bp_sm, bp_sm_ref, bp_sm_unref)

/* The data objects of one protected command or response. */
typedef struct
{
  BpTlv cryptogram; /* 85 or 87 */
  gboolean has_cryptogram;
  BpTlv le; /* 97 */
  gboolean has_le;
  BpTlv status; /* 99 */
  gboolean has_status;
  BpTlv mac; /* 8E */
  gboolean has_mac;
  gsize mac_input_len; /* bytes of DOs before 8E */
} SmObjects;

BpSm *
bp_sm_new (BpSmCipher cipher,
           const guint8 *k_enc,
           const guint8 *k_mac,
           gsize key_len,
           const guint8 *ssc)
{
  BpSm *self;

  g_return_val_if_fail (k_enc != NULL && k_mac != NULL && ssc != NULL, NULL);
  g_return_val_if_fail (cipher == BP_SM_CIPHER_AES || key_len == 16, NULL);
  g_return_val_if_fail (cipher == BP_SM_CIPHER_3DES || key_len == 16 || key_len == 24 || key_len == 32, NULL);

  self = g_new0 (BpSm, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->cipher = cipher;
  self->key_len = key_len;
  self->block = bp_sm_cipher_block_size (cipher);
  memcpy (self->k_enc, k_enc, key_len);
  memcpy (self->k_mac, k_mac, key_len);
  memcpy (self->ssc, ssc, self->block);
  self->open = TRUE;
  return self;
}

BpSm *
bp_sm_new_from_secret (BpSmCipher cipher,
                       gsize key_len,
                       const guint8 *secret,
                       gsize secret_len,
                       const guint8 *ssc,
                       GError **error)
{
  guint8 k_enc[BP_SM_MAX_KEY_LENGTH];
  guint8 k_mac[BP_SM_MAX_KEY_LENGTH];
  BpSm *self;

  g_return_val_if_fail (secret != NULL, NULL);
  g_return_val_if_fail (ssc != NULL, NULL);
  g_return_val_if_fail (key_len <= BP_SM_MAX_KEY_LENGTH, NULL);

  if (!bp_sm_kdf (cipher, key_len, secret, secret_len, BP_SM_KDF_ENC, k_enc, error) || !bp_sm_kdf (cipher, key_len, secret, secret_len, BP_SM_KDF_MAC, k_mac, error))
    return NULL;
  self = bp_sm_new (cipher, k_enc, k_mac, key_len, ssc);
  OPENSSL_cleanse (k_enc, sizeof k_enc);
  OPENSSL_cleanse (k_mac, sizeof k_mac);
  return self;
}

BpSm *
bp_sm_ref (BpSm *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
bp_sm_unref (BpSm *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      OPENSSL_cleanse (self, sizeof *self);
      g_free (self);
    }
}

BpSmCipher
bp_sm_get_cipher (BpSm *self)
{
  g_return_val_if_fail (self != NULL, BP_SM_CIPHER_3DES);
  return self->cipher;
}

gsize
bp_sm_get_key_length (BpSm *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->key_len;
}

const guint8 *
bp_sm_get_enc_key (BpSm *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->k_enc;
}

const guint8 *
bp_sm_get_mac_key (BpSm *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->k_mac;
}

const guint8 *
bp_sm_get_ssc (BpSm *self,
               gsize *len)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (len != NULL)
    *len = self->block;
  return self->ssc;
}

gboolean
bp_sm_is_open (BpSm *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->open;
}

void
bp_sm_close (BpSm *self)
{
  g_return_if_fail (self != NULL);

  self->open = FALSE;
  OPENSSL_cleanse (self->k_enc, sizeof self->k_enc);
  OPENSSL_cleanse (self->k_mac, sizeof self->k_mac);
}

static gboolean
check_open (BpSm *self,
            GError **error)
{
  if (!self->open)
    {
      g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_SM_ENDED,
                   _ ("The secure connection to the chip has ended."));
      return FALSE;
    }
  return TRUE;
}

static void
increment_ssc (BpSm *self)
{
  for (gsize i = self->block; i > 0; i--)
    if (++self->ssc[i - 1] != 0)
      break;
}

static gboolean
fail_closed (BpSm *self,
             GError **error,
             BpChipError code,
             const char *message)
{
  bp_sm_close (self);
  g_set_error_literal (error, BP_CHIP_ERROR, code, message);
  return FALSE;
}

/* IV of the data encryption: zero for 3DES, E(KS_enc, SSC) for AES. */
static gboolean
compute_iv (BpSm *self,
            guint8 *iv,
            GError **error)
{
  if (self->cipher == BP_SM_CIPHER_3DES)
    {
      memset (iv, 0, self->block);
      return TRUE;
    }
  return bp_sm_cbc (self->cipher, self->k_enc, self->key_len, NULL, TRUE, self->ssc, self->block, iv, error);
}

static gboolean
compute_mac (BpSm *self,
             const guint8 *prefix,
             gsize prefix_len,
             const guint8 *objects,
             gsize objects_len,
             guint8 *mac,
             GError **error)
{
  g_autoptr (GByteArray) input = g_byte_array_sized_new (self->block + prefix_len + objects_len + self->block);

  g_byte_array_append (input, self->ssc, self->block);
  if (prefix_len > 0)
    g_byte_array_append (input, prefix, prefix_len);
  if (objects_len > 0)
    g_byte_array_append (input, objects, objects_len);
  return bp_sm_mac (self->cipher, self->k_mac, self->key_len, input->data, input->len, TRUE, mac, error);
}

/* Pads and encrypts data, appending the DO'85' or DO'87' that carries it. */
static gboolean
append_cryptogram (BpSm *self,
                   GByteArray *out,
                   gboolean odd_ins,
                   const guint8 *data,
                   gsize len,
                   GError **error)
{
  g_autoptr (GByteArray) buf = g_byte_array_sized_new (len + self->block);
  guint8 iv[BP_SM_MAX_BLOCK];
  guint8 indicator = 0x01;

  g_byte_array_append (buf, data, len);
  bp_sm_pad (buf, self->block);
  if (!compute_iv (self, iv, error) || !bp_sm_cbc (self->cipher, self->k_enc, self->key_len, iv, TRUE, buf->data, buf->len, buf->data, error))
    return FALSE;

  if (odd_ins)
    bp_tlv_append (out, 0x85, buf->data, buf->len);
  else
    {
      /* DO'87' starts with the padding-content indicator 01. */
      bp_tlv_append_tag (out, 0x87);
      bp_tlv_append_length (out, buf->len + 1);
      g_byte_array_append (out, &indicator, 1);
      g_byte_array_append (out, buf->data, buf->len);
    }
  return TRUE;
}

/* Decrypts a DO'85'/'87' value and strips the padding. */
static GBytes *
open_cryptogram (BpSm *self,
                 const BpTlv *cryptogram,
                 GError **error)
{
  const guint8 *value = cryptogram->value;
  gsize len = cryptogram->length;
  g_autofree guint8 *plain = NULL;
  guint8 iv[BP_SM_MAX_BLOCK];
  gsize plain_len;

  if (cryptogram->tag == 0x87)
    {
      if (len < 1 || value[0] != 0x01)
        {
          fail_closed (self, error, BP_CHIP_ERROR_SM_MISSING,
                       _ ("The chip sent encrypted data in an unknown form."));
          return NULL;
        }
      value++;
      len--;
    }
  if (len == 0 || len % self->block != 0)
    {
      fail_closed (self, error, BP_CHIP_ERROR_SM_MISSING,
                   _ ("The chip sent encrypted data of an impossible length."));
      return NULL;
    }

  plain = g_malloc (len);
  if (!compute_iv (self, iv, error) || !bp_sm_cbc (self->cipher, self->k_enc, self->key_len, iv, FALSE, value, len, plain, error))
    {
      bp_sm_close (self);
      return NULL;
    }
  if (!bp_sm_unpad_length (plain, len, &plain_len))
    {
      fail_closed (self, error, BP_CHIP_ERROR_SM_MISSING,
                   _ ("The chip's encrypted data is not padded correctly."));
      return NULL;
    }
  OPENSSL_cleanse (plain + plain_len, len - plain_len);
  return g_bytes_new_take (g_steal_pointer (&plain), plain_len);
}

/* Splits the body of a protected APDU into its data objects. DO'8E' must
 * come last; every object at most once; nothing else is accepted. */
static gboolean
parse_objects (BpSm *self,
               const guint8 *data,
               gsize len,
               SmObjects *out,
               GError **error)
{
  gsize pos = 0;

  memset (out, 0, sizeof *out);
  for (;;)
    {
      g_autoptr (GError) local_error = NULL;
      BpTlv tlv;

      if (!bp_tlv_next (data, len, &pos, &tlv, &local_error))
        {
          if (local_error != NULL)
            return fail_closed (self, error, BP_CHIP_ERROR_SM_MISSING,
                                _ ("The secure messaging data objects are garbled."));
          break;
        }
      if (out->has_mac)
        return fail_closed (self, error, BP_CHIP_ERROR_SM_MISSING,
                            _ ("Data follows the secure messaging checksum."));
      switch (tlv.tag)
        {
        case 0x85:
        case 0x87:
          if (out->has_cryptogram)
            goto duplicate;
          out->cryptogram = tlv;
          out->has_cryptogram = TRUE;
          break;
        case 0x97:
          if (out->has_le)
            goto duplicate;
          out->le = tlv;
          out->has_le = TRUE;
          break;
        case 0x99:
          if (out->has_status)
            goto duplicate;
          out->status = tlv;
          out->has_status = TRUE;
          break;
        case 0x8E:
          out->mac = tlv;
          out->has_mac = TRUE;
          out->mac_input_len = tlv.element - data;
          break;
        default:
          return fail_closed (self, error, BP_CHIP_ERROR_SM_MISSING,
                              _ ("The chip sent an unexpected secure messaging data object."));
        }
    }

  if (!out->has_mac || out->mac.length != BP_SM_MAC_LENGTH)
    return fail_closed (self, error, BP_CHIP_ERROR_SM_MISSING,
                        _ ("The secure messaging checksum (MAC) is missing."));
  return TRUE;

duplicate:
  return fail_closed (self, error, BP_CHIP_ERROR_SM_MISSING,
                      _ ("A secure messaging data object appears twice."));
}

static gboolean
verify_mac (BpSm *self,
            const guint8 *prefix,
            gsize prefix_len,
            const guint8 *objects,
            const SmObjects *dos,
            GError **error)
{
  guint8 mac[BP_SM_MAC_LENGTH];

  if (!compute_mac (self, prefix, prefix_len, objects, dos->mac_input_len, mac, error))
    {
      bp_sm_close (self);
      return FALSE;
    }
  if (!bp_sm_mac_equal (mac, dos->mac.value))
    return fail_closed (self, error, BP_CHIP_ERROR_SM_BAD_MAC,
                        _ ("An answer from the chip failed its integrity check (MAC), so the secure "
                           "connection was closed. Read the document again; if it happens again, "
                           "the chip may be faulty or tampered with."));
  return TRUE;
}

static void
padded_header (BpSm *self,
               guint8 cla,
               guint8 ins,
               guint8 p1,
               guint8 p2,
               GByteArray *out)
{
  guint8 header[4] = { cla | 0x0C, ins, p1, p2 };

  g_byte_array_append (out, header, 4);
  bp_sm_pad (out, self->block);
}

GBytes *
bp_sm_protect_command (BpSm *self,
                       const BpApdu *apdu,
                       GError **error)
{
  g_autoptr (GByteArray) header = g_byte_array_new ();
  g_autoptr (GByteArray) body = g_byte_array_new ();
  guint8 mac[BP_SM_MAC_LENGTH];
  gboolean extended;
  BpApdu out;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (apdu != NULL, NULL);

  if (!check_open (self, error))
    return NULL;
  if ((apdu->cla & 0x0C) != 0)
    {
      g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_MALFORMED,
                   _ ("A chip command is already protected."));
      return NULL;
    }

  increment_ssc (self);
  extended = bp_apdu_is_extended (apdu);
  padded_header (self, apdu->cla, apdu->ins, apdu->p1, apdu->p2, header);

  if (apdu->data_len > 0 && !append_cryptogram (self, body, (apdu->ins & 1) != 0, apdu->data, apdu->data_len, error))
    return NULL;
  if (apdu->ne > 0)
    {
      guint8 le[2] = { (apdu->ne >> 8) & 0xFF, apdu->ne & 0xFF };

      if (extended)
        bp_tlv_append (body, 0x97, le, 2);
      else
        bp_tlv_append (body, 0x97, le + 1, 1);
    }
  if (!compute_mac (self, header->data, header->len, body->data, body->len, mac, error))
    return NULL;
  bp_tlv_append (body, 0x8E, mac, sizeof mac);

  out = (BpApdu){
    .cla = apdu->cla | 0x0C,
    .ins = apdu->ins,
    .p1 = apdu->p1,
    .p2 = apdu->p2,
    .data = body->data,
    .data_len = body->len,
    .extended = extended,
  };
  out.ne = (extended || body->len > 255) ? BP_APDU_MAX_NE : 256;
  return bp_apdu_encode (&out, error);
}

GBytes *
bp_sm_unprotect_response (BpSm *self,
                          GBytes *response,
                          GError **error)
{
  SmObjects dos;
  const guint8 *data;
  gsize len;
  guint16 sw;
  g_autoptr (GBytes) plain = NULL;
  const guint8 *plain_data = NULL;
  gsize plain_len = 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (response != NULL, NULL);

  if (!check_open (self, error))
    return NULL;
  increment_ssc (self);

  sw = bp_apdu_response_sw (response);
  data = bp_apdu_response_data (response, &len);
  if (g_bytes_get_size (response) < 2)
    {
      fail_closed (self, error, BP_CHIP_ERROR_MALFORMED,
                   _ ("The chip sent an answer without a status word."));
      return NULL;
    }
  if (len == 0)
    {
      /* A bare status word: the chip has left secure messaging. */
      if (sw == BP_SW_OK || (sw >> 8) == 0x61)
        {
          fail_closed (self, error, BP_CHIP_ERROR_SM_MISSING,
                       _ ("The chip answered without secure messaging."));
          return NULL;
        }
      bp_sm_close (self);
      return g_bytes_ref (response);
    }

  if (!parse_objects (self, data, len, &dos, error))
    return NULL;
  if (dos.has_le)
    {
      fail_closed (self, error, BP_CHIP_ERROR_SM_MISSING,
                   _ ("The chip sent an unexpected secure messaging data object."));
      return NULL;
    }
  if (!dos.has_status || dos.status.length != 2)
    {
      fail_closed (self, error, BP_CHIP_ERROR_SM_MISSING,
                   _ ("The protected status word (DO'99') is missing from the chip's answer."));
      return NULL;
    }
  if (!verify_mac (self, NULL, 0, data, &dos, error))
    return NULL;

  if (dos.has_cryptogram)
    {
      plain = open_cryptogram (self, &dos.cryptogram, error);
      if (plain == NULL)
        return NULL;
      plain_data = g_bytes_get_data (plain, &plain_len);
    }
  sw = (dos.status.value[0] << 8) | dos.status.value[1];
  return bp_apdu_response_new (plain_data, plain_len, sw);
}

GBytes *
bp_sm_unprotect_command (BpSm *self,
                         GBytes *command,
                         GError **error)
{
  g_autoptr (GByteArray) header = g_byte_array_new ();
  g_autoptr (GBytes) plain = NULL;
  SmObjects dos;
  BpApdu apdu;
  BpApdu out;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (command != NULL, NULL);

  if (!check_open (self, error))
    return NULL;
  increment_ssc (self);

  if (!bp_apdu_parse (g_bytes_get_data (command, NULL), g_bytes_get_size (command), &apdu, NULL) || (apdu.cla & 0x0C) != 0x0C)
    {
      fail_closed (self, error, BP_CHIP_ERROR_SM_MISSING,
                   _ ("The command is not protected by secure messaging."));
      return NULL;
    }
  if (!parse_objects (self, apdu.data, apdu.data_len, &dos, error))
    return NULL;
  if (dos.has_status || (dos.has_cryptogram && (dos.cryptogram.tag == 0x85) != ((apdu.ins & 1) != 0)) || (dos.has_le && dos.le.length != 1 && dos.le.length != 2))
    {
      fail_closed (self, error, BP_CHIP_ERROR_SM_MISSING,
                   _ ("The command carries unexpected secure messaging data objects."));
      return NULL;
    }

  padded_header (self, apdu.cla, apdu.ins, apdu.p1, apdu.p2, header);
  if (!verify_mac (self, header->data, header->len, apdu.data, &dos, error))
    return NULL;

  out = (BpApdu){
    .cla = apdu.cla & ~0x0C,
    .ins = apdu.ins,
    .p1 = apdu.p1,
    .p2 = apdu.p2,
  };
  if (dos.has_cryptogram)
    {
      plain = open_cryptogram (self, &dos.cryptogram, error);
      if (plain == NULL)
        return NULL;
      out.data = g_bytes_get_data (plain, &out.data_len);
      if (out.data_len == 0)
        out.data = NULL;
    }
  if (dos.has_le)
    {
      if (dos.le.length == 2)
        {
          out.ne = (dos.le.value[0] << 8) | dos.le.value[1];
          if (out.ne == 0)
            out.ne = BP_APDU_MAX_NE;
          out.extended = TRUE;
        }
      else
        out.ne = dos.le.value[0] == 0 ? 256 : dos.le.value[0];
    }
  return bp_apdu_encode (&out, error);
}

GBytes *
bp_sm_protect_response (BpSm *self,
                        guint8 ins,
                        GBytes *response,
                        GError **error)
{
  g_autoptr (GByteArray) body = g_byte_array_new ();
  guint8 mac[BP_SM_MAC_LENGTH];
  const guint8 *data;
  gsize len;
  guint16 sw;
  guint8 swb[2];

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (response != NULL, NULL);
  g_return_val_if_fail (g_bytes_get_size (response) >= 2, NULL);

  if (!check_open (self, error))
    return NULL;
  increment_ssc (self);

  sw = bp_apdu_response_sw (response);
  data = bp_apdu_response_data (response, &len);
  swb[0] = sw >> 8;
  swb[1] = sw & 0xFF;
  if (len > 0 && !append_cryptogram (self, body, (ins & 1) != 0, data, len, error))
    return NULL;
  bp_tlv_append (body, 0x99, swb, 2);
  if (!compute_mac (self, NULL, 0, body->data, body->len, mac, error))
    return NULL;
  bp_tlv_append (body, 0x8E, mac, sizeof mac);
  g_byte_array_append (body, swb, 2);
  return g_byte_array_free_to_bytes (g_steal_pointer (&body));
}

GBytes *
bp_sm_transmit (BpSm *self,
                BpCard *card,
                const BpApdu *apdu,
                GCancellable *cancellable,
                GError **error)
{
  g_autoptr (GBytes) command = NULL;
  g_autoptr (GBytes) response = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (BP_IS_CARD (card), NULL);
  g_return_val_if_fail (apdu != NULL, NULL);

  command = bp_sm_protect_command (self, apdu, error);
  if (command == NULL)
    return NULL;
  response = bp_apdu_transmit_raw (card, command, cancellable, error);
  if (response == NULL)
    {
      /* The counters are out of step now; nothing can recover them. */
      bp_sm_close (self);
      return NULL;
    }
  return bp_sm_unprotect_response (self, response, error);
}
