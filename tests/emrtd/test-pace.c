/* test-pace.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bp-chip-error.h"
#include "bp-chip-reading.h"
#include "bp-pace.h"
#include "emrtd-sim-chip.h"

/* PACE against a chip whose side runs on OpenPACE (emrtd-sim-chip.h), and
 * the password values of ICAO 9303-11 Appendix G. */

/* Last OID arcs under id-PACE (0.4.0.127.0.7.2.2.4). */
#define DH_GM 1
#define ECDH_GM 2
#define DH_IM 3
#define ECDH_IM 4
#define AES128 2
#define AES256 4
#define TDES 1

static void
test_password_key_appendix_g (void)
{
  guint8 key[16];
  g_autoptr (GError) error = NULL;

  g_assert_true (bp_pace_password_key (BP_PACE_PASSWORD_MRZ, "T22000129364081251010318",
                                       BP_SM_CIPHER_AES, 16, key, &error));
  g_assert_no_error (error);
  assert_hex (key, 16, "89DED1B26624EC1E634C1989302849DD");

  g_assert_false (bp_pace_password_key (BP_PACE_PASSWORD_CAN, "12a456", BP_SM_CIPHER_AES, 16, key, &error));
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_BAD_KEY);
}

typedef struct
{
  const char *label;
  guint8 mapping;
  guint8 cipher;
  guint8 parameter_id;
  BpChipProtocol expected;
} PaceCase;

static const PaceCase pace_cases[] = {
  { "ECDH-GM AES-128 brainpoolP256r1", ECDH_GM, AES128, 13, BP_CHIP_PROTOCOL_PACE_GM },
  { "ECDH-GM AES-256 NIST P-384", ECDH_GM, AES256, 15, BP_CHIP_PROTOCOL_PACE_GM },
  { "ECDH-GM 3DES brainpoolP256r1", ECDH_GM, TDES, 13, BP_CHIP_PROTOCOL_PACE_GM },
  { "DH-GM AES-128 1024-bit MODP", DH_GM, AES128, 0, BP_CHIP_PROTOCOL_PACE_GM },
  { "ECDH-IM AES-128 brainpoolP256r1", ECDH_IM, AES128, 13, BP_CHIP_PROTOCOL_PACE_IM },
  { "DH-IM 3DES 2048-bit MODP", DH_IM, TDES, 2, BP_CHIP_PROTOCOL_PACE_IM },
};

static void
test_pace_read (gconstpointer data)
{
  const PaceCase *c = data;
  g_autoptr (SimChip) chip = sim_chip_new (3000);
  g_autoptr (BpChipReading) reading = bp_chip_reading_new (SIM_MRZ, NULL);
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (GError) error = NULL;

  sim_chip_add_pace (chip, c->mapping, c->cipher, c->parameter_id);
  result = bp_chip_reading_run (reading, BP_CARD (chip), NULL, &error);
  g_assert_no_error (error);
  g_test_message ("%s", c->label);
  g_assert_cmpint (bp_chip_result_get_protocol (result), ==, c->expected);
  g_assert_nonnull (strstr (bp_chip_result_get_protocol_reason (result), "PACE"));
  g_assert_null (bp_chip_result_get_pace_error (result));
  g_assert_cmpuint (chip->n_challenges, ==, 0);
  g_assert_true (g_bytes_equal (bp_chip_result_get_file_data (result, "DG2"),
                                sim_chip_get_file (chip, 0x0102)));
  g_assert_true (g_bytes_equal (bp_chip_result_get_file_data (result, "CardAccess"),
                                chip->card_access));
}

static void
test_pace_can (void)
{
  g_autoptr (SimChip) chip = sim_chip_new (300);
  g_autoptr (SimChip) chip2 = sim_chip_new (300);
  g_autoptr (BpChipReading) reading = bp_chip_reading_new (NULL, "123456");
  g_autoptr (BpChipReading) wrong = bp_chip_reading_new (NULL, "654321");
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (BpChipResult) refused = NULL;
  g_autoptr (GError) error = NULL;

  sim_chip_add_pace (chip, ECDH_GM, AES128, 13);
  chip->can = g_strdup ("123456");
  result = bp_chip_reading_run (reading, BP_CARD (chip), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_chip_result_get_protocol (result), ==, BP_CHIP_PROTOCOL_PACE_GM);
  g_assert_nonnull (strstr (bp_chip_result_get_protocol_reason (result), "card access number"));

  /* A wrong CAN and no MRZ: refused, no BAC attempt possible. */
  sim_chip_add_pace (chip2, ECDH_GM, AES128, 13);
  chip2->can = g_strdup ("123456");
  refused = bp_chip_reading_run (wrong, BP_CARD (chip2), NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_ACCESS_DENIED);
  g_assert_nonnull (strstr (error->message, "card access number"));
}

static void
test_pace_wrong_mrz (void)
{
  g_autoptr (SimChip) chip = sim_chip_new (300);
  g_autoptr (BpChipReading) reading = bp_chip_reading_new ("L898902C<369080619406237", NULL);
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (GError) error = NULL;

  sim_chip_add_pace (chip, ECDH_GM, AES128, 13);
  result = bp_chip_reading_run (reading, BP_CARD (chip), NULL, &error);
  g_assert_null (result);
  /* PACE refused, then BAC refused too: the PACE error is what is said. */
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_ACCESS_DENIED);
  g_assert_nonnull (strstr (error->message, "document number, birth date and expiry date"));
  g_assert_nonnull (bp_chip_result_get_pace_error (bp_chip_reading_get_result (reading)));
}

static void
test_pace_fails_then_bac (void)
{
  g_autoptr (SimChip) chip = sim_chip_new (300);
  g_autoptr (BpChipReading) reading = bp_chip_reading_new (SIM_MRZ, NULL);
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (GError) error = NULL;

  sim_chip_add_pace (chip, ECDH_GM, AES128, 13);
  chip->mse_sw = 0x6A80;
  result = bp_chip_reading_run (reading, BP_CARD (chip), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bp_chip_result_get_protocol (result), ==, BP_CHIP_PROTOCOL_BAC);
  g_assert_nonnull (strstr (bp_chip_result_get_pace_error (result), "6A80"));
  g_assert_nonnull (strstr (bp_chip_result_get_protocol_reason (result), "PACE failed"));
  g_assert_nonnull (bp_chip_result_get_file_data (result, "DG1"));
}

static void
test_pace_fails_no_bac (void)
{
  g_autoptr (SimChip) chip = sim_chip_new (300);
  g_autoptr (BpChipReading) reading = bp_chip_reading_new (SIM_MRZ, NULL);
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (GError) error = NULL;

  /* Fail closed: PACE broken and no BAC means no reading at all. */
  sim_chip_add_pace (chip, ECDH_GM, AES128, 13);
  chip->mse_sw = 0x6A80;
  chip->no_bac = TRUE;
  result = bp_chip_reading_run (reading, BP_CARD (chip), NULL, &error);
  g_assert_null (result);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_PACE_FAILED);
  g_assert_nonnull (strstr (error->message, "does not offer BAC"));
}

static void
test_pace_resume_after_6988 (void)
{
  g_autoptr (SimChip) chip = sim_chip_new (3000);
  g_autoptr (BpChipReading) reading = bp_chip_reading_new (SIM_MRZ, NULL);
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (GError) error = NULL;

  sim_chip_add_pace (chip, ECDH_GM, AES128, 13);
  chip->break_at_read = 7;
  result = bp_chip_reading_run (reading, BP_CARD (chip), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chip->n_pace, ==, 2);
  g_assert_cmpint (bp_chip_result_get_protocol (result), ==, BP_CHIP_PROTOCOL_PACE_GM);
  g_assert_true (g_bytes_equal (bp_chip_result_get_file_data (result, "DG2"),
                                sim_chip_get_file (chip, 0x0102)));
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/borderpost/emrtd/pace/password-key-appendix-g", test_password_key_appendix_g);
  for (guint i = 0; i < G_N_ELEMENTS (pace_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/borderpost/emrtd/pace/read/%u", i);
      g_test_add_data_func (path, &pace_cases[i], test_pace_read);
    }
  g_test_add_func ("/borderpost/emrtd/pace/can", test_pace_can);
  g_test_add_func ("/borderpost/emrtd/pace/wrong-mrz", test_pace_wrong_mrz);
  g_test_add_func ("/borderpost/emrtd/pace/fails-then-bac", test_pace_fails_then_bac);
  g_test_add_func ("/borderpost/emrtd/pace/fails-no-bac", test_pace_fails_no_bac);
  g_test_add_func ("/borderpost/emrtd/pace/resume-after-6988", test_pace_resume_after_6988);

  return g_test_run ();
}
