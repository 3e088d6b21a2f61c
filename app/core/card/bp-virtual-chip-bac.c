/* bp-virtual-chip-bac.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-virtual-chip-bac"

#include "config.h"

#include <string.h>

#include <openssl/crypto.h>

#include "bp-bac.h"
#include "bp-virtual-chip-private.h"

/* Basic Access Control, card side (ICAO 9303-11 4.3). */

guint16
_bp_vc_get_challenge (BpVcState *state,
                      const BpVcCommand *command,
                      GByteArray *response)
{
  if (command->p1 != 0 || command->p2 != 0)
    return SW_WRONG_P1P2;
  if (command->lc != 0 || command->le != 8)
    return SW_WRONG_LENGTH;

  _bp_vc_random (state, state->rnd_icc, 8);
  state->challenge_valid = TRUE;
  g_byte_array_append (response, state->rnd_icc, 8);
  return SW_OK;
}

guint16
_bp_vc_external_authenticate (BpVcState *state,
                              const BpVcCommand *command,
                              GByteArray *response)
{
  guint8 k_seed[16], k_enc[16], k_mac[16];
  guint8 mac[8], s[32], r[32], k_icc[16], out[40];
  guint8 ks_seed[16], ssc[8];
  gboolean challenge_valid = state->challenge_valid;
  guint16 sw = SW_AUTH_FAILED;

  /* A challenge answers one authentication attempt only. */
  state->challenge_valid = FALSE;
  if (!(state->protocols & BP_VIRTUAL_CHIP_BAC))
    return SW_INS_UNSUPPORTED;
  if (command->p1 != 0 || command->p2 != 0)
    return SW_WRONG_P1P2;
  if (command->lc != 40)
    return SW_WRONG_LENGTH;
  if (!challenge_valid)
    return SW_CONDITIONS_OF_USE;

  if (!bp_bac_key_seed (state->mrz_information, k_seed, NULL)
      || !bp_sm_kdf (BP_SM_CIPHER_3DES, 16, k_seed, 16, BP_SM_KDF_ENC, k_enc, NULL)
      || !bp_sm_kdf (BP_SM_CIPHER_3DES, 16, k_seed, 16, BP_SM_KDF_MAC, k_mac, NULL))
    goto out;

  if (!bp_sm_mac (BP_SM_CIPHER_3DES, k_mac, 16, command->data, 32, TRUE, mac, NULL)
      || !bp_sm_mac_equal (mac, command->data + 32))
    goto out;
  if (!bp_sm_cbc (BP_SM_CIPHER_3DES, k_enc, 16, NULL, FALSE, command->data, 32, s, NULL))
    goto out;
  /* S = RND.IFD || RND.ICC || K.IFD */
  if (CRYPTO_memcmp (s + 8, state->rnd_icc, 8) != 0)
    goto out;

  _bp_vc_random (state, k_icc, 16);
  memcpy (r, state->rnd_icc, 8);
  memcpy (r + 8, s, 8);
  memcpy (r + 16, k_icc, 16);
  if (!bp_sm_cbc (BP_SM_CIPHER_3DES, k_enc, 16, NULL, TRUE, r, 32, out, NULL)
      || !bp_sm_mac (BP_SM_CIPHER_3DES, k_mac, 16, out, 32, TRUE, out + 32, NULL))
    goto out;

  for (gsize i = 0; i < 16; i++)
    ks_seed[i] = s[16 + i] ^ k_icc[i];
  memcpy (ssc, state->rnd_icc + 4, 4);
  memcpy (ssc + 4, s + 4, 4);

  g_clear_pointer (&state->sm, bp_sm_unref);
  state->sm = bp_sm_new_from_secret (BP_SM_CIPHER_3DES, 16, ks_seed, 16, ssc, NULL);
  if (state->sm == NULL)
    goto out;
  state->session = BP_VC_SESSION_BAC;
  g_byte_array_append (response, out, 40);
  sw = SW_OK;

out:
  OPENSSL_cleanse (k_seed, sizeof k_seed);
  OPENSSL_cleanse (k_enc, sizeof k_enc);
  OPENSSL_cleanse (k_mac, sizeof k_mac);
  OPENSSL_cleanse (s, sizeof s);
  OPENSSL_cleanse (r, sizeof r);
  OPENSSL_cleanse (k_icc, sizeof k_icc);
  OPENSSL_cleanse (ks_seed, sizeof ks_seed);
  return sw;
}
