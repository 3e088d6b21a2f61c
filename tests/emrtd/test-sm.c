/* test-sm.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bp-chip-error.h"
#include "bp-sm.h"
#include "emrtd-test-util.h"

/* Values from ICAO Doc 9303-11, Appendix D (BAC and 3DES secure
 * messaging) and Appendix G (PACE ECDH-GM, AES-128); see data/README. */

#define D_KSEED "239AB9CB282DAF66231DC5A4DF6BFBAE"
#define D_KENC "AB94FDECF2674FDFB9B391F85D7F76F2"
#define D_KMAC "7962D9ECE03D1ACD4C76089DCE131543"
#define D_SESSION_SEED "0036D272F5C350ACAC50C3F572D23600"
#define D_KSENC "979EC13B1CBFE9DCD01AB0FED307EAE5"
#define D_KSMAC "F1CB1F1FB5ADF208806B89DC579DC1F8"
#define D_SSC "887022120C06C226"

static void
test_kdf_bac (void)
{
  g_autoptr (GBytes) seed = hex_bytes (D_KSEED);
  g_autoptr (GBytes) session = hex_bytes (D_SESSION_SEED);
  guint8 key[16];

  g_assert_true (bp_sm_kdf (BP_SM_CIPHER_3DES, 16, g_bytes_get_data (seed, NULL), 16,
                            BP_SM_KDF_ENC, key, NULL));
  assert_hex (key, 16, D_KENC);
  g_assert_true (bp_sm_kdf (BP_SM_CIPHER_3DES, 16, g_bytes_get_data (seed, NULL), 16,
                            BP_SM_KDF_MAC, key, NULL));
  assert_hex (key, 16, D_KMAC);
  g_assert_true (bp_sm_kdf (BP_SM_CIPHER_3DES, 16, g_bytes_get_data (session, NULL), 16,
                            BP_SM_KDF_ENC, key, NULL));
  assert_hex (key, 16, D_KSENC);
  g_assert_true (bp_sm_kdf (BP_SM_CIPHER_3DES, 16, g_bytes_get_data (session, NULL), 16,
                            BP_SM_KDF_MAC, key, NULL));
  assert_hex (key, 16, D_KSMAC);
}

static void
test_parity (void)
{
  /* Appendix D: Ka, Kb before and after parity adjustment. */
  g_autoptr (GBytes) raw = hex_bytes ("AB94FCEDF2664EDFB9B291F85D7F77F2");
  guint8 key[16];

  memcpy (key, g_bytes_get_data (raw, NULL), 16);
  bp_sm_des_fix_parity (key, 16);
  assert_hex (key, 16, D_KENC);
}

static void
test_mac_and_cipher_bac (void)
{
  /* Appendix D, EXTERNAL AUTHENTICATE: E_IFD = E(K_enc, S), M_IFD. */
  g_autoptr (GBytes) kenc = hex_bytes (D_KENC);
  g_autoptr (GBytes) kmac = hex_bytes (D_KMAC);
  g_autoptr (GBytes) s = hex_bytes ("781723860C06C2264608F919887022120B795240CB7049B01C19B33E32804F0B");
  guint8 e[32];
  guint8 back[32];
  guint8 mac[8];

  g_assert_true (bp_sm_cbc (BP_SM_CIPHER_3DES, g_bytes_get_data (kenc, NULL), 16, NULL, TRUE,
                            g_bytes_get_data (s, NULL), 32, e, NULL));
  assert_hex (e, 32, "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2");
  g_assert_true (bp_sm_mac (BP_SM_CIPHER_3DES, g_bytes_get_data (kmac, NULL), 16, e, 32, TRUE, mac, NULL));
  assert_hex (mac, 8, "5F1448EEA8AD90A7");
  g_assert_true (bp_sm_cbc (BP_SM_CIPHER_3DES, g_bytes_get_data (kenc, NULL), 16, NULL, FALSE,
                            e, 32, back, NULL));
  g_assert_cmpmem (back, 32, g_bytes_get_data (s, NULL), 32);
}

static BpSm *
appendix_d_session (void)
{
  g_autoptr (GBytes) kenc = hex_bytes (D_KSENC);
  g_autoptr (GBytes) kmac = hex_bytes (D_KSMAC);
  g_autoptr (GBytes) ssc = hex_bytes (D_SSC);

  return bp_sm_new (BP_SM_CIPHER_3DES, g_bytes_get_data (kenc, NULL), g_bytes_get_data (kmac, NULL),
                    16, g_bytes_get_data (ssc, NULL));
}

typedef struct
{
  BpApdu plain;
  const char *plain_hex;
  const char *protected_hex;
  const char *response_hex;
  const char *plain_response_hex;
} SmStep;

static const guint8 ef_com_fid[] = { 0x01, 0x1E };

static const SmStep appendix_d_steps[] = {
  /* SELECT EF.COM */
  { { 0x00, 0xA4, 0x02, 0x0C, ef_com_fid, 2, 0, FALSE },
    "00A4020C02011E",
    "0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800",
    "990290008E08FA855A5D4C50A8ED9000",
    "9000" },
  /* READ BINARY of the first four bytes */
  { { 0x00, 0xB0, 0x00, 0x00, NULL, 0, 4, FALSE },
    "00B0000004",
    "0CB000000D9701048E08ED6705417E96BA5500",
    "8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000",
    "60145F019000" },
  /* READ BINARY of the remaining 18 bytes from offset 4 */
  { { 0x00, 0xB0, 0x00, 0x04, NULL, 0, 0x12, FALSE },
    "00B0000412",
    "0CB000040D9701128E082EA28A70F3C7B53500",
    "871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000",
    "04303130365F36063034303030305C0261759000" },
};

static void
test_sm_appendix_d_reader (void)
{
  g_autoptr (BpSm) sm = appendix_d_session ();

  for (guint i = 0; i < G_N_ELEMENTS (appendix_d_steps); i++)
    {
      const SmStep *step = &appendix_d_steps[i];
      g_autoptr (GBytes) plain = bp_apdu_encode (&step->plain, NULL);
      g_autoptr (GBytes) command = NULL;
      g_autoptr (GBytes) response = hex_bytes (step->response_hex);
      g_autoptr (GBytes) unprotected = NULL;
      g_autoptr (GError) error = NULL;

      assert_bytes_hex (plain, step->plain_hex);
      command = bp_sm_protect_command (sm, &step->plain, &error);
      g_assert_no_error (error);
      assert_bytes_hex (command, step->protected_hex);
      unprotected = bp_sm_unprotect_response (sm, response, &error);
      g_assert_no_error (error);
      assert_bytes_hex (unprotected, step->plain_response_hex);
    }
  {
    gsize len;
    const guint8 *ssc = bp_sm_get_ssc (sm, &len);
    assert_hex (ssc, len, "887022120C06C22C");
  }
}

static void
test_sm_appendix_d_card (void)
{
  g_autoptr (BpSm) sm = appendix_d_session ();

  /* The chip's side gives back the plain commands and, since 3DES uses a
   * zero IV, exactly the responses of the appendix. */
  for (guint i = 0; i < G_N_ELEMENTS (appendix_d_steps); i++)
    {
      const SmStep *step = &appendix_d_steps[i];
      g_autoptr (GBytes) command = hex_bytes (step->protected_hex);
      g_autoptr (GBytes) plain_response = hex_bytes (step->plain_response_hex);
      g_autoptr (GBytes) plain = NULL;
      g_autoptr (GBytes) response = NULL;
      g_autoptr (GError) error = NULL;

      plain = bp_sm_unprotect_command (sm, command, &error);
      g_assert_no_error (error);
      assert_bytes_hex (plain, step->plain_hex);
      response = bp_sm_protect_response (sm, step->plain.ins, plain_response, &error);
      g_assert_no_error (error);
      assert_bytes_hex (response, step->response_hex);
    }
}

static void
test_sm_bad_mac_ends_session (void)
{
  g_autoptr (BpSm) sm = appendix_d_session ();
  const SmStep *step = &appendix_d_steps[1];
  g_autoptr (GBytes) command = NULL;
  g_autoptr (GBytes) response = NULL;
  g_autoptr (GBytes) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *hex = g_strdup (step->response_hex);

  /* Skip the SELECT so the counter matches the READ BINARY step. */
  {
    g_autoptr (GBytes) c0 = bp_sm_protect_command (sm, &appendix_d_steps[0].plain, NULL);
    g_autoptr (GBytes) r0 = hex_bytes (appendix_d_steps[0].response_hex);
    g_autoptr (GBytes) p0 = bp_sm_unprotect_response (sm, r0, NULL);
    g_assert_nonnull (p0);
  }
  command = bp_sm_protect_command (sm, &step->plain, NULL);
  g_assert_nonnull (command);
  /* Flip one bit of the cryptogram. */
  hex[8] = hex[8] == '0' ? '1' : '0';
  response = hex_bytes (hex);
  result = bp_sm_unprotect_response (sm, response, &error);
  g_assert_null (result);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_SM_BAD_MAC);
  g_assert_false (bp_sm_is_open (sm));
  g_clear_error (&error);

  g_assert_null (bp_sm_protect_command (sm, &step->plain, &error));
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_SM_ENDED);
}

static void
test_sm_plain_error_status (void)
{
  g_autoptr (BpSm) sm = appendix_d_session ();
  g_autoptr (GBytes) command = bp_sm_protect_command (sm, &appendix_d_steps[1].plain, NULL);
  g_autoptr (GBytes) response = hex_bytes ("6988");
  g_autoptr (GBytes) bare_ok = hex_bytes ("9000");
  g_autoptr (GBytes) result = NULL;
  g_autoptr (GError) error = NULL;

  /* 9303-11 9.8.6: after an SM error the chip answers in plain and
   * forgets the keys; the status is passed on and the session is over. */
  result = bp_sm_unprotect_response (sm, response, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bp_apdu_response_sw (result), ==, 0x6988);
  g_assert_false (bp_sm_is_open (sm));

  /* A bare 9000 is never accepted. */
  {
    g_autoptr (BpSm) sm2 = appendix_d_session ();
    g_autoptr (GBytes) c2 = bp_sm_protect_command (sm2, &appendix_d_steps[1].plain, NULL);
    g_autoptr (GBytes) r2 = bp_sm_unprotect_response (sm2, bare_ok, &error);

    g_assert_null (r2);
    g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_SM_MISSING);
    g_assert_false (bp_sm_is_open (sm2));
  }
}

static void
test_sm_missing_objects (void)
{
  const char *responses[] = {
    "8709019FF0EC34F99226519000",                     /* no 8E */
    "8709019FF0EC34F99226518E08AD55CC17140B2DED9000", /* no 99 */
    "990290008E04AD55CC179000",                       /* short MAC */
    "8E08AD55CC17140B2DED990290009000",               /* 8E not last */
    "9902900099029000"
    "8E08AD55CC17140B2DED9000",                 /* 99 twice */
    "7102AABB990290008E08AD55CC17140B2DED9000", /* unknown DO */
    "87FF019000",                               /* truncated */
    "970104990290008E08AD55CC17140B2DED9000",   /* 97 in a response */
  };

  for (guint i = 0; i < G_N_ELEMENTS (responses); i++)
    {
      g_autoptr (BpSm) sm = appendix_d_session ();
      g_autoptr (GBytes) command = bp_sm_protect_command (sm, &appendix_d_steps[1].plain, NULL);
      g_autoptr (GBytes) response = hex_bytes (responses[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) result = bp_sm_unprotect_response (sm, response, &error);

      g_test_message ("response %u", i);
      g_assert_null (result);
      g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_SM_MISSING);
      g_assert_false (bp_sm_is_open (sm));
    }
}

static void
test_sm_random_responses (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (9303);

  /* Garbage from a hostile chip: an error or (vanishingly rarely) a
   * response, never a crash; run under ASan in CI. */
  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr (BpSm) sm = appendix_d_session ();
      g_autoptr (GBytes) command = bp_sm_protect_command (sm, &appendix_d_steps[1].plain, NULL);
      gsize len = g_rand_int_range (rand, 0, 80);
      g_autofree guint8 *buf = g_malloc (len + 1);
      g_autoptr (GBytes) response = NULL;
      g_autoptr (GBytes) result = NULL;
      g_autoptr (GError) error = NULL;

      for (gsize j = 0; j < len; j++)
        buf[j] = g_rand_int (rand);
      /* Often start with a plausible DO so the deeper paths run. */
      if (len > 4 && i % 3 == 0)
        {
          buf[0] = 0x87;
          buf[1] = len - 4 < 0x80 ? len - 4 : 0x10;
          buf[2] = 0x01;
        }
      response = g_bytes_new (buf, len);
      result = bp_sm_unprotect_response (sm, response, &error);
      g_assert_true ((result == NULL) != (error == NULL));
    }
}

static void
test_sm_random_commands (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7816);

  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr (BpSm) sm = appendix_d_session ();
      gsize len = g_rand_int_range (rand, 0, 80);
      g_autofree guint8 *buf = g_malloc (len + 1);
      g_autoptr (GBytes) command = NULL;
      g_autoptr (GBytes) result = NULL;
      g_autoptr (GError) error = NULL;

      for (gsize j = 0; j < len; j++)
        buf[j] = g_rand_int (rand);
      if (len > 8 && i % 2 == 0)
        {
          buf[0] = 0x0C;
          buf[4] = len - 5;
          buf[5] = 0x87;
          buf[6] = len - 8 < 0x80 ? len - 8 : 0x10;
        }
      command = g_bytes_new (buf, len);
      result = bp_sm_unprotect_command (sm, command, &error);
      g_assert_true ((result == NULL) != (error == NULL));
      if (result == NULL)
        g_assert_false (bp_sm_is_open (sm));
    }
}

/* Appendix G: K = 28768D20…, KS_enc, KS_mac; K_π and z → s. */
static void
test_kdf_pace_appendix_g (void)
{
  g_autoptr (GBytes) k = hex_bytes ("28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925");
  g_autoptr (GBytes) kpi = hex_bytes ("89DED1B26624EC1E634C1989302849DD");
  g_autoptr (GBytes) z = hex_bytes ("95A3A016522EE98D01E76CB6B98B42C3");
  guint8 key[16];
  guint8 s[16];

  g_assert_true (bp_sm_kdf (BP_SM_CIPHER_AES, 16, g_bytes_get_data (k, NULL), 32, BP_SM_KDF_ENC, key, NULL));
  assert_hex (key, 16, "F5F0E35C0D7161EE6724EE513A0D9A7F");
  g_assert_true (bp_sm_kdf (BP_SM_CIPHER_AES, 16, g_bytes_get_data (k, NULL), 32, BP_SM_KDF_MAC, key, NULL));
  assert_hex (key, 16, "FE251C7858B356B24514B3BD5F4297D1");

  g_assert_true (bp_sm_cbc (BP_SM_CIPHER_AES, g_bytes_get_data (kpi, NULL), 16, NULL, FALSE,
                            g_bytes_get_data (z, NULL), 16, s, NULL));
  assert_hex (s, 16, "3F00C4D39D153F2B2A214A078D899B22");
}

static void
test_sm_aes_round_trip (void)
{
  static const guint8 kenc[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
  static const guint8 kmac[16] = { 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 };
  static const guint8 ssc[16] = { 0 };
  g_autoptr (BpSm) reader = bp_sm_new (BP_SM_CIPHER_AES, kenc, kmac, 16, ssc);
  g_autoptr (BpSm) chip = bp_sm_new (BP_SM_CIPHER_AES, kenc, kmac, 16, ssc);
  guint8 big[300];
  BpApdu cases[] = {
    { 0x00, 0xA4, 0x04, 0x0C, (const guint8 *) "\xA0\x00\x00\x02\x47\x10\x01", 7, 0, FALSE },
    { 0x00, 0xB0, 0x81, 0x00, NULL, 0, 256, FALSE },
    { 0x00, 0xB0, 0x00, 0x00, NULL, 0, 65536, FALSE },
    { 0x00, 0xB1, 0x00, 0x00, (const guint8 *) "\x54\x02\x01\x00", 4, 1000, FALSE },
    { 0x00, 0xD6, 0x00, 0x00, big, sizeof big, 0, FALSE },
  };

  for (guint i = 0; i < sizeof big; i++)
    big[i] = i;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) expected = bp_apdu_encode (&cases[i], NULL);
      g_autoptr (GBytes) command = bp_sm_protect_command (reader, &cases[i], NULL);
      g_autoptr (GBytes) plain = NULL;
      g_autoptr (GBytes) reply = NULL;
      g_autoptr (GBytes) protected_reply = NULL;
      g_autoptr (GBytes) unprotected = NULL;
      g_autoptr (GError) error = NULL;

      g_assert_nonnull (command);
      plain = bp_sm_unprotect_command (chip, command, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (plain, expected));

      reply = bp_apdu_response_new (big, i * 50, i == 2 ? 0x6282 : 0x9000);
      protected_reply = bp_sm_protect_response (chip, cases[i].ins, reply, &error);
      g_assert_no_error (error);
      unprotected = bp_sm_unprotect_response (reader, protected_reply, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (unprotected, reply));
    }
  g_assert_cmpmem (bp_sm_get_ssc (reader, NULL), 16, bp_sm_get_ssc (chip, NULL), 16);
  g_assert_cmpuint (bp_sm_get_ssc (reader, NULL)[15], ==, 10);
}

static void
test_sm_card_rejects_bad_mac (void)
{
  g_autoptr (BpSm) sm = appendix_d_session ();
  g_autoptr (GBytes) command = hex_bytes ("0CA4020C158709016375432908C044F68E08BF8B92D635FF24F900");
  g_autoptr (GBytes) plain_cmd = hex_bytes ("00A4020C02011E");
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) plain = bp_sm_unprotect_command (sm, command, &error);

  g_assert_null (plain);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_SM_BAD_MAC);
  g_assert_false (bp_sm_is_open (sm));
  g_clear_error (&error);

  {
    g_autoptr (BpSm) sm2 = appendix_d_session ();
    g_autoptr (GBytes) p2 = bp_sm_unprotect_command (sm2, plain_cmd, &error);

    g_assert_null (p2);
    g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_SM_MISSING);
  }
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/borderpost/emrtd/sm/kdf-bac", test_kdf_bac);
  g_test_add_func ("/borderpost/emrtd/sm/parity", test_parity);
  g_test_add_func ("/borderpost/emrtd/sm/mac-cipher-bac", test_mac_and_cipher_bac);
  g_test_add_func ("/borderpost/emrtd/sm/appendix-d-reader", test_sm_appendix_d_reader);
  g_test_add_func ("/borderpost/emrtd/sm/appendix-d-card", test_sm_appendix_d_card);
  g_test_add_func ("/borderpost/emrtd/sm/bad-mac", test_sm_bad_mac_ends_session);
  g_test_add_func ("/borderpost/emrtd/sm/plain-error-status", test_sm_plain_error_status);
  g_test_add_func ("/borderpost/emrtd/sm/missing-objects", test_sm_missing_objects);
  g_test_add_func ("/borderpost/emrtd/sm/random-responses", test_sm_random_responses);
  g_test_add_func ("/borderpost/emrtd/sm/random-commands", test_sm_random_commands);
  g_test_add_func ("/borderpost/emrtd/sm/kdf-pace-appendix-g", test_kdf_pace_appendix_g);
  g_test_add_func ("/borderpost/emrtd/sm/aes-round-trip", test_sm_aes_round_trip);
  g_test_add_func ("/borderpost/emrtd/sm/card-bad-mac", test_sm_card_rejects_bad_mac);

  return g_test_run ();
}
