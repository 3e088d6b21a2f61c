/* bp-virtual-chip-sm.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-virtual-chip-sm"

#include "config.h"

#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "bp-virtual-chip-sm.h"

struct _BpVcSm
{
  BpVcSmCipher cipher;
  gsize key_length;
  gsize block;
  guint8 ks_enc[32];
  guint8 ks_mac[32];
  guint8 ssc[16];
};

static void
pad (GByteArray *buffer,
     gsize block)
{
  static const guint8 one = 0x80, zero = 0x00;

  g_byte_array_append (buffer, &one, 1);
  while (buffer->len % block != 0)
    g_byte_array_append (buffer, &zero, 1);
}

static gsize
unpad_length (const guint8 *data,
              gsize length)
{
  gsize i = length;

  while (i > 0 && data[i - 1] == 0x00)
    i--;
  if (i == 0 || data[i - 1] != 0x80)
    return G_MAXSIZE;
  return i - 1;
}

static gboolean
cipher_run (const EVP_CIPHER *cipher,
            const guint8 *key,
            const guint8 *iv,
            gboolean encrypt,
            const guint8 *in,
            gsize length,
            guint8 *out)
{
  EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new ();
  int n = 0, m = 0;
  gboolean ok;

  ok = ctx != NULL
       && EVP_CipherInit_ex (ctx, cipher, NULL, key, iv, encrypt ? 1 : 0) == 1
       && EVP_CIPHER_CTX_set_padding (ctx, 0) == 1
       && EVP_CipherUpdate (ctx, out, &n, in, (int) length) == 1
       && EVP_CipherFinal_ex (ctx, out + n, &m) == 1
       && (gsize) (n + m) == length;
  EVP_CIPHER_CTX_free (ctx);
  return ok;
}

static const EVP_CIPHER *
aes_cbc (gsize key_length)
{
  switch (key_length)
    {
    case 24:
      return EVP_aes_192_cbc ();
    case 32:
      return EVP_aes_256_cbc ();
    default:
      return EVP_aes_128_cbc ();
    }
}

static const EVP_CIPHER *
aes_ecb (gsize key_length)
{
  switch (key_length)
    {
    case 24:
      return EVP_aes_192_ecb ();
    case 32:
      return EVP_aes_256_ecb ();
    default:
      return EVP_aes_128_ecb ();
    }
}

gboolean
bp_vc_3des_cbc (const guint8 key[16],
                gboolean encrypt,
                const guint8 *in,
                gsize length,
                guint8 *out)
{
  static const guint8 zero_iv[8] = { 0 };

  return cipher_run (EVP_des_ede_cbc (), key, zero_iv, encrypt, in, length, out);
}

/* ISO/IEC 9797-1 MAC algorithm 3 with padding method 2. Single DES is
 * only in OpenSSL 3's legacy provider, so the CBC chain runs as 3DES with
 * three equal keys (which is single DES) and the final step as two-key
 * 3DES, which is exactly E(Ka, D(Kb, E(Ka, x))). */
void
bp_vc_retail_mac (const guint8 key[16],
                  const guint8 *data,
                  gsize length,
                  guint8 mac[8])
{
  g_autoptr (GByteArray) padded = g_byte_array_sized_new (length + 8);
  guint8 ka3[24];
  guint8 chain[8] = { 0 };
  guint8 block[8];
  gsize i, j;

  g_byte_array_append (padded, data, length);
  pad (padded, 8);
  memcpy (ka3, key, 8);
  memcpy (ka3 + 8, key, 8);
  memcpy (ka3 + 16, key, 8);

  for (i = 0; i + 8 < padded->len; i += 8)
    {
      for (j = 0; j < 8; j++)
        block[j] = chain[j] ^ padded->data[i + j];
      cipher_run (EVP_des_ede3_ecb (), ka3, NULL, TRUE, block, 8, chain);
    }
  for (j = 0; j < 8; j++)
    block[j] = chain[j] ^ padded->data[i + j];
  cipher_run (EVP_des_ede_ecb (), key, NULL, TRUE, block, 8, mac);
  OPENSSL_cleanse (ka3, sizeof ka3);
}

static void
aes_cmac (const guint8 *key,
          gsize key_length,
          const guint8 *data,
          gsize length,
          guint8 mac[8])
{
  EVP_MAC *evp_mac = EVP_MAC_fetch (NULL, "CMAC", NULL);
  EVP_MAC_CTX *ctx = evp_mac ? EVP_MAC_CTX_new (evp_mac) : NULL;
  const char *name = key_length == 32 ? "AES-256-CBC" : key_length == 24 ? "AES-192-CBC"
                                                                         : "AES-128-CBC";
  OSSL_PARAM params[2];
  guint8 full[16] = { 0 };
  gsize out = 0;

  params[0] = OSSL_PARAM_construct_utf8_string (OSSL_MAC_PARAM_CIPHER, (char *) name, 0);
  params[1] = OSSL_PARAM_construct_end ();
  if (ctx != NULL
      && EVP_MAC_init (ctx, key, key_length, params) == 1
      && EVP_MAC_update (ctx, data, length) == 1)
    EVP_MAC_final (ctx, full, &out, sizeof full);
  memcpy (mac, full, 8);
  EVP_MAC_CTX_free (ctx);
  EVP_MAC_free (evp_mac);
}

void
bp_vc_bac_seed_from_mrz (const char *mrz_information,
                         guint8 k_seed[16])
{
  guint8 digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;

  EVP_Digest (mrz_information, strlen (mrz_information), digest, &n, EVP_sha1 (), NULL);
  memcpy (k_seed, digest, 16);
}

void
bp_vc_bac_derive_key (const guint8 k_seed[16],
                      guint32 counter,
                      guint8 key[16])
{
  guint8 input[20];
  guint8 digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;

  memcpy (input, k_seed, 16);
  input[16] = counter >> 24;
  input[17] = counter >> 16;
  input[18] = counter >> 8;
  input[19] = counter;
  EVP_Digest (input, sizeof input, digest, &n, EVP_sha1 (), NULL);
  for (gsize i = 0; i < 16; i++)
    {
      /* DES keys carry odd parity in the low bit of each byte. */
      guint8 b = digest[i] & 0xFE;
      key[i] = b | (__builtin_parity (b) ? 0 : 1);
    }
}

BpVcSm *
bp_vc_sm_new (BpVcSmCipher cipher,
              const guint8 *ks_enc,
              const guint8 *ks_mac,
              gsize key_length,
              const guint8 *ssc)
{
  BpVcSm *sm = g_new0 (BpVcSm, 1);

  g_assert (key_length == 16 || key_length == 24 || key_length == 32);
  sm->cipher = cipher;
  sm->key_length = cipher == BP_VC_SM_3DES ? 16 : key_length;
  sm->block = cipher == BP_VC_SM_3DES ? 8 : 16;
  memcpy (sm->ks_enc, ks_enc, sm->key_length);
  memcpy (sm->ks_mac, ks_mac, sm->key_length);
  if (ssc != NULL)
    memcpy (sm->ssc, ssc, sm->block);
  return sm;
}

void
bp_vc_sm_free (BpVcSm *sm)
{
  if (sm == NULL)
    return;
  OPENSSL_cleanse (sm, sizeof *sm);
  g_free (sm);
}

BpVcSmCipher
bp_vc_sm_get_cipher (BpVcSm *sm)
{
  return sm->cipher;
}

static void
increment_ssc (BpVcSm *sm)
{
  for (gssize i = (gssize) sm->block - 1; i >= 0; i--)
    if (++sm->ssc[i] != 0)
      break;
}

static void
compute_mac (BpVcSm *sm,
             const guint8 *data,
             gsize length,
             guint8 mac[8])
{
  g_autoptr (GByteArray) input = g_byte_array_sized_new (sm->block + length + 16);

  g_byte_array_append (input, sm->ssc, sm->block);
  g_byte_array_append (input, data, length);
  if (sm->cipher == BP_VC_SM_3DES)
    {
      bp_vc_retail_mac (sm->ks_mac, input->data, input->len, mac);
      return;
    }
  pad (input, sm->block);
  aes_cmac (sm->ks_mac, sm->key_length, input->data, input->len, mac);
}

static gboolean
crypt_data (BpVcSm *sm,
            gboolean encrypt,
            const guint8 *in,
            gsize length,
            guint8 *out)
{
  guint8 iv[16] = { 0 };

  if (length % sm->block != 0)
    return FALSE;
  if (sm->cipher == BP_VC_SM_3DES)
    return bp_vc_3des_cbc (sm->ks_enc, encrypt, in, length, out);

  /* AES: the IV is the SSC encrypted with KS_enc (ICAO 9303-11 9.8.6.1). */
  if (!cipher_run (aes_ecb (sm->key_length), sm->ks_enc, NULL, TRUE, sm->ssc, 16, iv))
    return FALSE;
  return cipher_run (aes_cbc (sm->key_length), sm->ks_enc, iv, encrypt, in, length, out);
}

/* Splits the body of an APDU into its data field and Le, short or
 * extended. */
static gboolean
split_apdu (const guint8 *apdu,
            gsize length,
            const guint8 **data,
            gsize *lc)
{
  *data = NULL;
  *lc = 0;
  if (length <= 5)
    return TRUE;
  if (apdu[4] != 0)
    {
      *lc = apdu[4];
      *data = apdu + 5;
      return length == 5 + *lc || length == 6 + *lc;
    }
  if (length < 7)
    return FALSE;
  *lc = (apdu[5] << 8) | apdu[6];
  *data = apdu + 7;
  return length == 7 + *lc || length == 9 + *lc || (length == 7 && *lc == 0);
}

void
bp_vc_sm_command_clear (BpVcSmCommand *command)
{
  g_clear_pointer (&command->data, g_byte_array_unref);
}

BpVcSmStatus
bp_vc_sm_unprotect_command (BpVcSm *sm,
                            const guint8 *apdu,
                            gsize apdu_length,
                            BpVcSmCommand *out)
{
  const guint8 *body = NULL, *cryptogram = NULL, *do97 = NULL, *mac = NULL;
  gsize body_length = 0, cryptogram_length = 0, do97_length = 0;
  gsize macced_end = 0;
  gsize pos = 0;
  g_autoptr (GByteArray) input = NULL;
  guint8 expected[8];

  memset (out, 0, sizeof *out);
  if (apdu_length < 4 || !split_apdu (apdu, apdu_length, &body, &body_length))
    return BP_VC_SM_MALFORMED;

  /* Walk the data objects: 85/87, 97, then 8E last. */
  while (pos < body_length)
    {
      guint8 tag = body[pos];
      gsize len, hdr = 2;

      if (pos + 2 > body_length)
        return BP_VC_SM_MALFORMED;
      len = body[pos + 1];
      if (len == 0x81)
        {
          if (pos + 3 > body_length)
            return BP_VC_SM_MALFORMED;
          len = body[pos + 2];
          hdr = 3;
        }
      else if (len == 0x82)
        {
          if (pos + 4 > body_length)
            return BP_VC_SM_MALFORMED;
          len = (body[pos + 2] << 8) | body[pos + 3];
          hdr = 4;
        }
      else if (len > 0x80)
        return BP_VC_SM_MALFORMED;
      if (len > body_length - pos - hdr)
        return BP_VC_SM_MALFORMED;

      switch (tag)
        {
        case 0x87:
          if (len < 1 || body[pos + hdr] != 0x01)
            return BP_VC_SM_MALFORMED;
          cryptogram = body + pos + hdr + 1;
          cryptogram_length = len - 1;
          break;
        case 0x85:
          cryptogram = body + pos + hdr;
          cryptogram_length = len;
          break;
        case 0x97:
          if (len > 2)
            return BP_VC_SM_MALFORMED;
          do97 = body + pos + hdr;
          do97_length = len;
          break;
        case 0x8E:
          if (len != 8)
            return BP_VC_SM_MALFORMED;
          mac = body + pos + hdr;
          macced_end = pos;
          break;
        default:
          return BP_VC_SM_MALFORMED;
        }
      pos += hdr + len;
    }
  if (mac == NULL)
    return BP_VC_SM_MALFORMED;

  increment_ssc (sm);
  input = g_byte_array_new ();
  g_byte_array_append (input, apdu, 4);
  pad (input, sm->block);
  g_byte_array_append (input, body, macced_end);
  compute_mac (sm, input->data, input->len, expected);
  if (CRYPTO_memcmp (expected, mac, 8) != 0)
    return BP_VC_SM_MAC_FAILED;

  out->header[0] = apdu[0] & ~0x0C;
  memcpy (out->header + 1, apdu + 1, 3);
  out->data = g_byte_array_new ();
  if (cryptogram != NULL)
    {
      gsize plain;

      g_byte_array_set_size (out->data, cryptogram_length);
      if (!crypt_data (sm, FALSE, cryptogram, cryptogram_length, out->data->data))
        return BP_VC_SM_MALFORMED;
      plain = unpad_length (out->data->data, out->data->len);
      if (plain == G_MAXSIZE)
        return BP_VC_SM_MALFORMED;
      g_byte_array_set_size (out->data, plain);
    }
  if (do97 != NULL)
    {
      if (do97_length == 0)
        out->le = 0;
      else if (do97_length == 1)
        out->le = do97[0] ? do97[0] : 256;
      else
        {
          out->le = (do97[0] << 8) | do97[1];
          if (out->le == 0)
            out->le = 65536;
          out->extended_le = TRUE;
        }
    }
  return BP_VC_SM_OK;
}

static void
append_do (GByteArray *out,
           guint8 tag,
           const guint8 *value,
           gsize length)
{
  guint8 header[4] = { tag };
  gsize n = 1;

  if (length < 0x80)
    header[n++] = length;
  else if (length < 0x100)
    {
      header[n++] = 0x81;
      header[n++] = length;
    }
  else
    {
      header[n++] = 0x82;
      header[n++] = length >> 8;
      header[n++] = length;
    }
  g_byte_array_append (out, header, n);
  if (length > 0)
    g_byte_array_append (out, value, length);
}

static GByteArray *
encrypt_do87 (BpVcSm *sm,
              const guint8 *data,
              gsize length)
{
  g_autoptr (GByteArray) padded = g_byte_array_sized_new (length + 16);
  g_autoptr (GByteArray) value = g_byte_array_sized_new (length + 17);
  GByteArray *out = g_byte_array_sized_new (length + 21);
  static const guint8 indicator = 0x01;

  g_byte_array_append (padded, data, length);
  pad (padded, sm->block);
  g_byte_array_append (value, &indicator, 1);
  g_byte_array_set_size (value, padded->len + 1);
  crypt_data (sm, TRUE, padded->data, padded->len, value->data + 1);
  append_do (out, 0x87, value->data, value->len);
  return out;
}

GByteArray *
bp_vc_sm_protect_response (BpVcSm *sm,
                           const guint8 *data,
                           gsize length,
                           guint16 sw,
                           gboolean corrupt_mac)
{
  GByteArray *out = g_byte_array_sized_new (length + 48);
  guint8 sw_bytes[2] = { sw >> 8, sw & 0xFF };
  guint8 mac[8];

  increment_ssc (sm);
  if (length > 0)
    {
      g_autoptr (GByteArray) do87 = encrypt_do87 (sm, data, length);
      g_byte_array_append (out, do87->data, do87->len);
    }
  append_do (out, 0x99, sw_bytes, 2);
  compute_mac (sm, out->data, out->len, mac);
  if (corrupt_mac)
    mac[7] ^= 0x5A;
  append_do (out, 0x8E, mac, 8);
  g_byte_array_append (out, sw_bytes, 2);
  return out;
}

gsize
bp_vc_sm_max_short_plaintext (BpVcSm *sm)
{
  /* 256 = 87 81 L 01 <padded> + 99 02 SW1 SW2 + 8E 08 <mac>, so the
   * padded cryptogram holds at most 238 bytes. */
  gsize padded = 238 - 238 % sm->block;
  return padded - 1;
}

GByteArray *
bp_vc_sm_protect_command (BpVcSm *sm,
                          const guint8 *header,
                          const guint8 *data,
                          gsize length,
                          gsize le)
{
  g_autoptr (GByteArray) input = g_byte_array_new ();
  g_autoptr (GByteArray) body = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();
  guint8 masked[4] = { header[0] | 0x0C, header[1], header[2], header[3] };
  guint8 mac[8];

  increment_ssc (sm);
  if (length > 0)
    {
      g_autoptr (GByteArray) do87 = encrypt_do87 (sm, data, length);
      g_byte_array_append (body, do87->data, do87->len);
    }
  if (le > 0)
    {
      guint8 le_bytes[2] = { (le >> 8) & 0xFF, le & 0xFF };

      if (le <= 256)
        append_do (body, 0x97, le_bytes + 1, 1);
      else
        append_do (body, 0x97, le_bytes, 2);
    }
  g_byte_array_append (input, masked, 4);
  pad (input, sm->block);
  g_byte_array_append (input, body->data, body->len);
  compute_mac (sm, input->data, input->len, mac);
  append_do (body, 0x8E, mac, 8);

  g_byte_array_append (out, masked, 4);
  if (body->len < 256)
    {
      guint8 lc = body->len, le0 = 0;

      g_byte_array_append (out, &lc, 1);
      g_byte_array_append (out, body->data, body->len);
      g_byte_array_append (out, &le0, 1);
    }
  else
    {
      guint8 lc[3] = { 0, body->len >> 8, body->len & 0xFF }, le0[2] = { 0, 0 };

      g_byte_array_append (out, lc, 3);
      g_byte_array_append (out, body->data, body->len);
      g_byte_array_append (out, le0, 2);
    }
  return out;
}

BpVcSmStatus
bp_vc_sm_unprotect_response (BpVcSm *sm,
                             const guint8 *rapdu,
                             gsize rapdu_length,
                             GByteArray *data,
                             guint16 *sw)
{
  const guint8 *cryptogram = NULL, *mac = NULL;
  gsize cryptogram_length = 0, macced_end = 0, pos = 0, length;
  guint8 expected[8];

  if (rapdu_length < 2)
    return BP_VC_SM_MALFORMED;
  length = rapdu_length - 2;
  *sw = (rapdu[length] << 8) | rapdu[length + 1];
  g_byte_array_set_size (data, 0);
  while (pos < length)
    {
      guint8 tag = rapdu[pos];
      gsize len, hdr = 2;

      if (pos + 2 > length)
        return BP_VC_SM_MALFORMED;
      len = rapdu[pos + 1];
      if (len == 0x81 && pos + 3 <= length)
        len = rapdu[pos + 2], hdr = 3;
      else if (len == 0x82 && pos + 4 <= length)
        len = (rapdu[pos + 2] << 8) | rapdu[pos + 3], hdr = 4;
      else if (len >= 0x80)
        return BP_VC_SM_MALFORMED;
      if (len > length - pos - hdr)
        return BP_VC_SM_MALFORMED;
      if (tag == 0x87 && len >= 1)
        {
          cryptogram = rapdu + pos + hdr + 1;
          cryptogram_length = len - 1;
        }
      else if (tag == 0x8E && len == 8)
        {
          mac = rapdu + pos + hdr;
          macced_end = pos;
        }
      pos += hdr + len;
    }
  if (mac == NULL)
    return BP_VC_SM_MALFORMED;
  increment_ssc (sm);
  compute_mac (sm, rapdu, macced_end, expected);
  if (CRYPTO_memcmp (expected, mac, 8) != 0)
    return BP_VC_SM_MAC_FAILED;
  if (cryptogram != NULL)
    {
      gsize plain;

      g_byte_array_set_size (data, cryptogram_length);
      if (!crypt_data (sm, FALSE, cryptogram, cryptogram_length, data->data))
        return BP_VC_SM_MALFORMED;
      plain = unpad_length (data->data, data->len);
      if (plain == G_MAXSIZE)
        return BP_VC_SM_MALFORMED;
      g_byte_array_set_size (data, plain);
    }
  return BP_VC_SM_OK;
}
