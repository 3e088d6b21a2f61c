/* bp-bac.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-bac"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "bp-apdu.h"
#include "bp-bac.h"
#include "bp-chip-error.h"

static gboolean
is_mrz_text (const char *s,
             gsize min_len,
             gsize max_len,
             gboolean digits_only)
{
  gsize len = strlen (s);

  if (len < min_len || len > max_len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (g_ascii_isdigit (s[i]))
        continue;
      if (digits_only || !(g_ascii_isupper (s[i]) || s[i] == '<'))
        return FALSE;
    }
  return TRUE;
}

char *
bp_bac_mrz_information (const char *document_number,
                        const char *birth_date,
                        const char *expiry_date,
                        GError **error)
{
  g_autoptr (GString) info = g_string_new (NULL);
  g_autoptr (GString) number = NULL;

  g_return_val_if_fail (document_number != NULL, NULL);
  g_return_val_if_fail (birth_date != NULL, NULL);
  g_return_val_if_fail (expiry_date != NULL, NULL);

  if (!is_mrz_text (document_number, 1, 22, FALSE) || !is_mrz_text (birth_date, 6, 6, TRUE) || !is_mrz_text (expiry_date, 6, 6, TRUE))
    {
      g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_BAD_KEY,
                   _ ("The document number, birth date or expiry date from the MRZ is unreadable, "
                      "so the chip cannot be opened with it. Correct the MRZ or enter the card "
                      "access number (CAN)."));
      return NULL;
    }

  number = g_string_new (document_number);
  while (number->len < 9)
    g_string_append_c (number, '<');

  g_string_append_printf (info, "%s%c%s%c%s%c",
                          number->str, bp_mrz_check_digit (number->str, number->len),
                          birth_date, bp_mrz_check_digit (birth_date, 6),
                          expiry_date, bp_mrz_check_digit (expiry_date, 6));
  return g_string_free (g_steal_pointer (&info), FALSE);
}

char *
bp_bac_mrz_information_from_mrz (const BpMrz *mrz,
                                 GError **error)
{
  g_return_val_if_fail (mrz != NULL, NULL);

  if (mrz->document_number == NULL || mrz->birth_date_raw == NULL || mrz->expiry_date_raw == NULL)
    {
      g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_BAD_KEY,
                   _ ("The MRZ lacks the document number, birth date or expiry date that open the "
                      "chip. Scan the MRZ again or enter the card access number (CAN)."));
      return NULL;
    }
  return bp_bac_mrz_information (mrz->document_number, mrz->birth_date_raw,
                                 mrz->expiry_date_raw, error);
}

gboolean
bp_bac_key_seed (const char *mrz_information,
                 guint8 *seed_out,
                 GError **error)
{
  guint8 digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;

  g_return_val_if_fail (mrz_information != NULL, FALSE);
  g_return_val_if_fail (seed_out != NULL, FALSE);

  if (!EVP_Digest (mrz_information, strlen (mrz_information), digest, &len, EVP_sha1 (), NULL))
    {
      g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_FAILED,
                   _ ("A cryptographic operation failed on this workstation."));
      return FALSE;
    }
  memcpy (seed_out, digest, 16);
  OPENSSL_cleanse (digest, sizeof digest);
  return TRUE;
}

static void
set_refused (GError **error)
{
  g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_ACCESS_DENIED,
               _ ("The access key from the printed MRZ was refused by the chip: check the "
                  "document number, birth date and expiry date."));
}

BpSm *
bp_bac_authenticate_with (BpCard *card,
                          const char *mrz_information,
                          const guint8 *rnd_ifd,
                          const guint8 *k_ifd,
                          GCancellable *cancellable,
                          GError **error)
{
  static const BpApdu get_challenge = { 0x00, 0x84, 0x00, 0x00, NULL, 0, 8, FALSE };
  guint8 seed[16];
  guint8 k_enc[16];
  guint8 k_mac[16];
  guint8 s[32];
  guint8 cmd_data[40];
  guint8 r[32];
  guint8 mac[8];
  guint8 k_seed[16];
  guint8 ssc[8];
  guint8 rnd_icc[8];
  g_autoptr (GBytes) response = NULL;
  const guint8 *data;
  gsize len;
  guint16 sw;
  BpApdu external_auth = { 0x00, 0x82, 0x00, 0x00, cmd_data, sizeof cmd_data, 40, FALSE };
  BpSm *sm = NULL;

  g_return_val_if_fail (BP_IS_CARD (card), NULL);
  g_return_val_if_fail (mrz_information != NULL, NULL);
  g_return_val_if_fail (rnd_ifd != NULL && k_ifd != NULL, NULL);

  if (!bp_bac_key_seed (mrz_information, seed, error) || !bp_sm_kdf (BP_SM_CIPHER_3DES, 16, seed, 16, BP_SM_KDF_ENC, k_enc, error) || !bp_sm_kdf (BP_SM_CIPHER_3DES, 16, seed, 16, BP_SM_KDF_MAC, k_mac, error))
    goto out;

  response = bp_apdu_transmit (card, &get_challenge, cancellable, error);
  if (response == NULL)
    goto out;
  sw = bp_apdu_response_sw (response);
  data = bp_apdu_response_data (response, &len);
  if (sw != BP_SW_OK || len != 8)
    {
      if (sw == BP_SW_OK)
        g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_MALFORMED,
                     _ ("The chip sent a challenge of %lu bytes instead of 8."), (unsigned long) len);
      else
        {
          g_autofree char *meaning = bp_apdu_sw_describe (sw);
          g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_NOT_SUPPORTED,
                       _ ("The chip does not offer Basic Access Control: it answered “%s” (%04X) "
                          "to GET CHALLENGE."),
                       meaning, sw);
        }
      goto out;
    }
  memcpy (rnd_icc, data, 8);
  g_clear_pointer (&response, g_bytes_unref);

  memcpy (s, rnd_ifd, 8);
  memcpy (s + 8, rnd_icc, 8);
  memcpy (s + 16, k_ifd, 16);
  if (!bp_sm_cbc (BP_SM_CIPHER_3DES, k_enc, 16, NULL, TRUE, s, 32, cmd_data, error) || !bp_sm_mac (BP_SM_CIPHER_3DES, k_mac, 16, cmd_data, 32, TRUE, cmd_data + 32, error))
    goto out;

  response = bp_apdu_transmit (card, &external_auth, cancellable, error);
  if (response == NULL)
    goto out;
  sw = bp_apdu_response_sw (response);
  data = bp_apdu_response_data (response, &len);
  if (sw == 0x6300 || sw == BP_SW_SECURITY_STATUS || (sw >> 8) == 0x63 || sw == 0x6A80 || sw == BP_SW_CONDITIONS)
    {
      set_refused (error);
      goto out;
    }
  if (sw != BP_SW_OK)
    {
      bp_apdu_set_status_error (error, sw, _ ("Basic Access Control"));
      goto out;
    }
  if (len != 40)
    {
      g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_MALFORMED,
                   _ ("The chip’s answer to Basic Access Control has %lu bytes instead of 40."),
                   (unsigned long) len);
      goto out;
    }
  if (!bp_sm_mac (BP_SM_CIPHER_3DES, k_mac, 16, data, 32, TRUE, mac, error))
    goto out;
  if (!bp_sm_mac_equal (mac, data + 32))
    {
      g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_SM_BAD_MAC,
                   _ ("The chip's answer to Basic Access Control failed its integrity check (MAC)."));
      goto out;
    }
  if (!bp_sm_cbc (BP_SM_CIPHER_3DES, k_enc, 16, NULL, FALSE, data, 32, r, error))
    goto out;
  if (CRYPTO_memcmp (r, rnd_icc, 8) != 0 || CRYPTO_memcmp (r + 8, rnd_ifd, 8) != 0)
    {
      g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_ACCESS_DENIED,
                   _ ("The chip did not prove that it knows the access key: its answer to Basic "
                      "Access Control does not match the challenge."));
      goto out;
    }

  for (guint i = 0; i < 16; i++)
    k_seed[i] = k_ifd[i] ^ r[16 + i];
  memcpy (ssc, rnd_icc + 4, 4);
  memcpy (ssc + 4, rnd_ifd + 4, 4);
  sm = bp_sm_new_from_secret (BP_SM_CIPHER_3DES, 16, k_seed, 16, ssc, error);

out:
  OPENSSL_cleanse (seed, sizeof seed);
  OPENSSL_cleanse (k_enc, sizeof k_enc);
  OPENSSL_cleanse (k_mac, sizeof k_mac);
  OPENSSL_cleanse (s, sizeof s);
  OPENSSL_cleanse (r, sizeof r);
  OPENSSL_cleanse (k_seed, sizeof k_seed);
  return sm;
}

BpSm *
bp_bac_authenticate (BpCard *card,
                     const char *mrz_information,
                     GCancellable *cancellable,
                     GError **error)
{
  guint8 rnd_ifd[8];
  guint8 k_ifd[16];
  BpSm *sm;

  g_return_val_if_fail (BP_IS_CARD (card), NULL);
  g_return_val_if_fail (mrz_information != NULL, NULL);

  if (RAND_bytes (rnd_ifd, sizeof rnd_ifd) != 1 || RAND_bytes (k_ifd, sizeof k_ifd) != 1)
    {
      g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_FAILED,
                   _ ("This workstation could not produce random numbers."));
      return NULL;
    }
  sm = bp_bac_authenticate_with (card, mrz_information, rnd_ifd, k_ifd, cancellable, error);
  OPENSSL_cleanse (k_ifd, sizeof k_ifd);
  return sm;
}
