/* test-bac.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bp-bac.h"
#include "bp-chip-error.h"
#include "emrtd-script-card.h"

/* ICAO Doc 9303-11 Appendix D, all steps; see data/chip/README.md. */

#define D_MRZ_INFO "L898902C<369080619406236"
#define D_RND_IFD "781723860C06C226"
#define D_K_IFD "0B795240CB7049B01C19B33E32804F0B"
#define D_GET_CHALLENGE "0084000008"
#define D_RND_ICC "4608F91988702212"
#define D_EXT_AUTH "0082000028"                                                       \
                   "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2" \
                   "5F1448EEA8AD90A7"                                                 \
                   "28"
#define D_EXT_AUTH_RESPONSE "46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F" \
                            "2F2D235D074D7449"                                                 \
                            "9000"

static void
test_mrz_information (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *info = bp_bac_mrz_information ("L898902C", "690806", "940623", &error);
  g_autofree char *long_info = NULL;
  g_autofree char *bad = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (info, ==, D_MRZ_INFO);

  /* A long document number is used in full with its own check digit. */
  long_info = bp_bac_mrz_information ("D23145890734", "740812", "120415", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (long_info, ==, "D2314589073497408122120415"
                                  "9");

  bad = bp_bac_mrz_information ("L898902C", "69O806", "940623", &error);
  g_assert_null (bad);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_BAD_KEY);
}

static void
test_mrz_information_from_mrz (void)
{
  const char *mrzs[] = {
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
    "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6",
    "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<",
  };
  const char *expected[] = {
    "L898902C36"
    "7408122"
    "1204159",
    "D23145890"
    "7"
    "7408122"
    "1204159",
    "D23145890"
    "7"
    "7408122"
    "1204159",
  };

  for (guint i = 0; i < G_N_ELEMENTS (mrzs); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (BpMrz) mrz = bp_mrz_parse (mrzs[i], NULL, &error);
      g_autofree char *info = NULL;

      g_assert_no_error (error);
      info = bp_bac_mrz_information_from_mrz (mrz, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (info, ==, expected[i]);
    }
}

static void
test_key_seed (void)
{
  guint8 seed[16];

  g_assert_true (bp_bac_key_seed (D_MRZ_INFO, seed, NULL));
  assert_hex (seed, 16, "239AB9CB282DAF66231DC5A4DF6BFBAE");
}

static void
test_mutual_authentication (void)
{
  static const ScriptStep steps[] = {
    { D_GET_CHALLENGE, D_RND_ICC "9000" },
    { D_EXT_AUTH, D_EXT_AUTH_RESPONSE },
  };
  g_autoptr (ScriptCard) card = script_card_new (steps, G_N_ELEMENTS (steps));
  g_autoptr (GBytes) rnd_ifd = hex_bytes (D_RND_IFD);
  g_autoptr (GBytes) k_ifd = hex_bytes (D_K_IFD);
  g_autoptr (GError) error = NULL;
  g_autoptr (BpSm) sm = NULL;
  gsize len;
  const guint8 *ssc;

  sm = bp_bac_authenticate_with (BP_CARD (card), D_MRZ_INFO, g_bytes_get_data (rnd_ifd, NULL),
                                 g_bytes_get_data (k_ifd, NULL), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sm);
  script_card_assert_done (card);

  assert_hex (bp_sm_get_enc_key (sm), 16, "979EC13B1CBFE9DCD01AB0FED307EAE5");
  assert_hex (bp_sm_get_mac_key (sm), 16, "F1CB1F1FB5ADF208806B89DC579DC1F8");
  ssc = bp_sm_get_ssc (sm, &len);
  assert_hex (ssc, len, "887022120C06C226");
}

static void
test_then_secure_messaging (void)
{
  /* Mutual authentication followed by the appendix's protected SELECT
   * and READ BINARY, through the card. */
  static const ScriptStep steps[] = {
    { D_GET_CHALLENGE, D_RND_ICC "9000" },
    { D_EXT_AUTH, D_EXT_AUTH_RESPONSE },
    { "0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800",
      "990290008E08FA855A5D4C50A8ED9000" },
    { "0CB000000D9701048E08ED6705417E96BA5500",
      "8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000" },
    { "0CB000040D9701128E082EA28A70F3C7B53500",
      "871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000" },
  };
  static const guint8 fid[] = { 0x01, 0x1E };
  const BpApdu select = { 0x00, 0xA4, 0x02, 0x0C, fid, 2, 0, FALSE };
  const BpApdu read1 = { 0x00, 0xB0, 0x00, 0x00, NULL, 0, 4, FALSE };
  const BpApdu read2 = { 0x00, 0xB0, 0x00, 0x04, NULL, 0, 18, FALSE };
  g_autoptr (ScriptCard) card = script_card_new (steps, G_N_ELEMENTS (steps));
  g_autoptr (GBytes) rnd_ifd = hex_bytes (D_RND_IFD);
  g_autoptr (GBytes) k_ifd = hex_bytes (D_K_IFD);
  g_autoptr (BpSm) sm = NULL;
  g_autoptr (GBytes) r0 = NULL;
  g_autoptr (GBytes) r1 = NULL;
  g_autoptr (GBytes) r2 = NULL;
  g_autoptr (GError) error = NULL;

  sm = bp_bac_authenticate_with (BP_CARD (card), D_MRZ_INFO, g_bytes_get_data (rnd_ifd, NULL),
                                 g_bytes_get_data (k_ifd, NULL), NULL, &error);
  g_assert_no_error (error);
  r0 = bp_sm_transmit (sm, BP_CARD (card), &select, NULL, &error);
  g_assert_no_error (error);
  assert_bytes_hex (r0, "9000");
  r1 = bp_sm_transmit (sm, BP_CARD (card), &read1, NULL, &error);
  g_assert_no_error (error);
  assert_bytes_hex (r1, "60145F019000");
  r2 = bp_sm_transmit (sm, BP_CARD (card), &read2, NULL, &error);
  g_assert_no_error (error);
  assert_bytes_hex (r2, "04303130365F36063034303030305C0261759000");
  script_card_assert_done (card);
}

static void
test_wrong_key (void)
{
  static const ScriptStep steps[] = {
    { D_GET_CHALLENGE, D_RND_ICC "9000" },
    { NULL, "6300" },
  };
  g_autoptr (ScriptCard) card = script_card_new (steps, G_N_ELEMENTS (steps));
  g_autoptr (GError) error = NULL;
  g_autoptr (BpSm) sm = bp_bac_authenticate (BP_CARD (card), "L898902C<369080619406237", NULL, &error);

  g_assert_null (sm);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_ACCESS_DENIED);
  g_assert_nonnull (strstr (error->message, "document number, birth date and expiry date"));
}

static void
test_bad_chip_answers (void)
{
  const char *answers[] = {
    /* wrong MAC */
    "46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7448"
    "9000",
    /* short */
    "46B9342A41396CD7386BF58031049000",
    /* right MAC over a different cryptogram is impossible here; garbage */
    "9000",
    "6D00",
  };
  const gint codes[] = {
    BP_CHIP_ERROR_SM_BAD_MAC,
    BP_CHIP_ERROR_MALFORMED,
    BP_CHIP_ERROR_MALFORMED,
    BP_CHIP_ERROR_STATUS,
  };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      const ScriptStep steps[] = {
        { D_GET_CHALLENGE, D_RND_ICC "9000" },
        { NULL, answers[i] },
      };
      g_autoptr (ScriptCard) card = script_card_new (steps, G_N_ELEMENTS (steps));
      g_autoptr (GBytes) rnd_ifd = hex_bytes (D_RND_IFD);
      g_autoptr (GBytes) k_ifd = hex_bytes (D_K_IFD);
      g_autoptr (GError) error = NULL;
      g_autoptr (BpSm) sm = NULL;

      sm = bp_bac_authenticate_with (BP_CARD (card), D_MRZ_INFO, g_bytes_get_data (rnd_ifd, NULL),
                                     g_bytes_get_data (k_ifd, NULL), NULL, &error);
      g_assert_null (sm);
      g_assert_error (error, BP_CHIP_ERROR, codes[i]);
    }
}

static void
test_no_bac (void)
{
  static const ScriptStep steps[] = {
    { D_GET_CHALLENGE, "6D00" },
  };
  g_autoptr (ScriptCard) card = script_card_new (steps, G_N_ELEMENTS (steps));
  g_autoptr (GError) error = NULL;
  g_autoptr (BpSm) sm = bp_bac_authenticate (BP_CARD (card), D_MRZ_INFO, NULL, &error);

  g_assert_null (sm);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_NOT_SUPPORTED);
}

static void
test_removed (void)
{
  static const ScriptStep steps[] = {
    { D_GET_CHALLENGE, NULL, BP_CARD_ERROR_REMOVED },
  };
  g_autoptr (ScriptCard) card = script_card_new (steps, G_N_ELEMENTS (steps));
  g_autoptr (GError) error = NULL;
  g_autoptr (BpSm) sm = bp_bac_authenticate (BP_CARD (card), D_MRZ_INFO, NULL, &error);

  g_assert_null (sm);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_REMOVED);
  g_assert_nonnull (strstr (error->message, "put the document back"));
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/borderpost/emrtd/bac/mrz-information", test_mrz_information);
  g_test_add_func ("/borderpost/emrtd/bac/mrz-information-from-mrz", test_mrz_information_from_mrz);
  g_test_add_func ("/borderpost/emrtd/bac/key-seed", test_key_seed);
  g_test_add_func ("/borderpost/emrtd/bac/mutual-authentication", test_mutual_authentication);
  g_test_add_func ("/borderpost/emrtd/bac/secure-messaging", test_then_secure_messaging);
  g_test_add_func ("/borderpost/emrtd/bac/wrong-key", test_wrong_key);
  g_test_add_func ("/borderpost/emrtd/bac/bad-answers", test_bad_chip_answers);
  g_test_add_func ("/borderpost/emrtd/bac/no-bac", test_no_bac);
  g_test_add_func ("/borderpost/emrtd/bac/removed", test_removed);

  return g_test_run ();
}
