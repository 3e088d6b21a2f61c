/* test-apdu.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bp-apdu.h"
#include "bp-chip-error.h"
#include "emrtd-script-card.h"

static guint8 data300[300];

typedef struct
{
  BpApdu apdu;
  const char *hex; /* NULL: use prefix + length check */
  const char *prefix;
  gsize length;
} EncodeCase;

static const EncodeCase encode_cases[] = {
  /* case 1 */
  { { 0x00, 0xA4, 0x00, 0x0C, NULL, 0, 0, FALSE }, "00A4000C" },
  /* case 2S, Le 8 and Le 256 (encoded 00) */
  { { 0x00, 0x84, 0x00, 0x00, NULL, 0, 8, FALSE }, "0084000008" },
  { { 0x00, 0xB0, 0x00, 0x00, NULL, 0, 256, FALSE }, "00B0000000" },
  /* case 3S */
  { { 0x00, 0xA4, 0x02, 0x0C, (const guint8 *) "\x01\x1E", 2, 0, FALSE }, "00A4020C02011E" },
  /* case 4S */
  { { 0x00, 0x86, 0x00, 0x00, (const guint8 *) "\x7C\x00", 2, 256, FALSE }, "00860000027C0000" },
  /* case 2E: Le 257, Le 65536 (encoded 000000) */
  { { 0x00, 0xB0, 0x00, 0x00, NULL, 0, 257, FALSE }, "00B00000000101" },
  { { 0x00, 0xB0, 0x00, 0x00, NULL, 0, 65536, FALSE }, "00B00000000000" },
  /* forced extended, small Le */
  { { 0x00, 0xB0, 0x00, 0x00, NULL, 0, 4, TRUE }, "00B00000000004" },
  /* case 3E and 4E */
  { { 0x00, 0xD6, 0x00, 0x00, data300, 300, 0, FALSE }, NULL, "00D6000000012C", 7 + 300 },
  { { 0x00, 0x86, 0x00, 0x00, data300, 300, 65536, FALSE }, NULL, "00860000"
                                                                  "00012C",
    9 + 300 },
  /* case 4E because of Le */
  { { 0x0C, 0xB0, 0x00, 0x00, (const guint8 *) "\x97\x02\x01\x00", 4, 65536, FALSE }, "0CB000000000049702010000"
                                                                                      "00" },
};

static void
test_encode (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (encode_cases); i++)
    {
      const EncodeCase *c = &encode_cases[i];
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) raw = bp_apdu_encode (&c->apdu, &error);
      g_autofree char *hex = NULL;
      BpApdu back;

      g_test_message ("case %u", i);
      g_assert_no_error (error);
      hex = gbytes_hex (raw);
      if (c->hex != NULL)
        g_assert_cmpstr (hex, ==, c->hex);
      else
        {
          g_assert_true (g_str_has_prefix (hex, c->prefix));
          g_assert_cmpuint (g_bytes_get_size (raw), ==, c->length);
        }

      /* Parsing gives the same command back. */
      g_assert_true (bp_apdu_parse (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw), &back, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (back.cla, ==, c->apdu.cla);
      g_assert_cmpuint (back.ins, ==, c->apdu.ins);
      g_assert_cmpuint (back.data_len, ==, c->apdu.data_len);
      g_assert_cmpuint (back.ne, ==, c->apdu.ne);
      if (c->apdu.data_len > 0)
        g_assert_cmpmem (back.data, back.data_len, c->apdu.data, c->apdu.data_len);
    }
}

static void
test_encode_too_long (void)
{
  g_autofree guint8 *big = g_malloc0 (70000);
  BpApdu too_much_data = { 0x00, 0xD6, 0, 0, big, 70000, 0, FALSE };
  BpApdu too_much_le = { 0x00, 0xB0, 0, 0, NULL, 0, 65537, FALSE };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) a = bp_apdu_encode (&too_much_data, &error);

  g_assert_null (a);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_MALFORMED);
  g_clear_error (&error);
  {
    g_autoptr (GBytes) b = bp_apdu_encode (&too_much_le, &error);
    g_assert_null (b);
    g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_MALFORMED);
  }
}

static void
test_parse_invalid (void)
{
  const char *bad[] = {
    "", "00", "00A400",
    "00A4020C03011E",     /* Lc 3, 2 bytes */
    "00A4020C02011E0000", /* trailing */
    "00B0000000",         /* valid 2S, checked below */
    "00B000000001",       /* 6 bytes: Lc=0 extended marker too short */
    "00D6000000000001",   /* 3E with Lc 0 */
    "00D600000000030102", /* 3E short data */
  };
  const gboolean ok[] = { FALSE, FALSE, FALSE, FALSE, FALSE, TRUE, FALSE, FALSE, FALSE };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GBytes) raw = hex_bytes (bad[i]);
      g_autoptr (GError) error = NULL;
      BpApdu apdu;
      gboolean parsed = bp_apdu_parse (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw), &apdu, &error);

      g_test_message ("parse %s", bad[i]);
      g_assert_cmpint (parsed, ==, ok[i]);
      if (!parsed)
        g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_MALFORMED);
    }
}

static void
test_parse_random (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < 20000; i++)
    {
      gsize len = g_rand_int_range (rand, 0, 20);
      guint8 buf[20];
      BpApdu apdu;
      g_autoptr (GError) error = NULL;

      for (gsize j = 0; j < len; j++)
        buf[j] = g_rand_int_range (rand, 0, 4) == 0 ? 0 : g_rand_int (rand);
      if (bp_apdu_parse (buf, len, &apdu, &error))
        {
          g_autoptr (GBytes) again = bp_apdu_encode (&apdu, NULL);

          /* Whatever parses re-encodes to the same bytes. */
          g_assert_cmpmem (g_bytes_get_data (again, NULL), g_bytes_get_size (again), buf, len);
        }
      else
        g_assert_nonnull (error);
    }
}

static void
test_get_response (void)
{
  static const ScriptStep steps[] = {
    { "00B0000000", "AABB6102" },
    { "00C0000002", "CCDD6100" },
    { "00C0000000", "EE9000" },
  };
  g_autoptr (ScriptCard) card = script_card_new (steps, G_N_ELEMENTS (steps));
  BpApdu apdu = { 0x00, 0xB0, 0x00, 0x00, NULL, 0, 256, FALSE };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) response = bp_apdu_transmit (BP_CARD (card), &apdu, NULL, &error);

  g_assert_no_error (error);
  assert_bytes_hex (response, "AABBCCDDEE9000");
  script_card_assert_done (card);
}

static void
test_wrong_le (void)
{
  static const ScriptStep steps[] = {
    { "00B0000000", "6C10" },
    { "00B0000010", "00112233445566778899AABBCCDDEEFF9000" },
  };
  g_autoptr (ScriptCard) card = script_card_new (steps, G_N_ELEMENTS (steps));
  BpApdu apdu = { 0x00, 0xB0, 0x00, 0x00, NULL, 0, 256, FALSE };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) response = bp_apdu_transmit (BP_CARD (card), &apdu, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (bp_apdu_response_sw (response), ==, 0x9000);
  g_assert_cmpuint (g_bytes_get_size (response), ==, 18);
  script_card_assert_done (card);
}

static void
test_get_response_bounded (void)
{
  g_autofree ScriptStep *steps = g_new0 (ScriptStep, 400);
  g_autoptr (ScriptCard) card = NULL;
  BpApdu apdu = { 0x00, 0xB0, 0x00, 0x00, NULL, 0, 256, FALSE };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) response = NULL;

  for (guint i = 0; i < 400; i++)
    steps[i].response = "AA6101";
  card = script_card_new (steps, 400);
  response = bp_apdu_transmit (BP_CARD (card), &apdu, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_MALFORMED);
  g_assert_cmpuint (card->next, <, 400);
}

static void
test_no_status_word (void)
{
  static const ScriptStep steps[] = {
    { NULL, "90" },
  };
  g_autoptr (ScriptCard) card = script_card_new (steps, G_N_ELEMENTS (steps));
  BpApdu apdu = { 0x00, 0xB0, 0x00, 0x00, NULL, 0, 8, FALSE };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) response = bp_apdu_transmit (BP_CARD (card), &apdu, NULL, &error);

  g_assert_null (response);
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_MALFORMED);
}

static void
test_status_words (void)
{
  g_autofree char *denied = bp_apdu_sw_describe (0x6982);
  g_autofree char *more = bp_apdu_sw_describe (0x6110);
  g_autofree char *unknown = bp_apdu_sw_describe (0x6F12);
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (denied, ==, "access denied: authentication needed");
  g_assert_cmpstr (more, ==, "16 more bytes available");
  g_assert_cmpstr (unknown, ==, "an unknown status");
  bp_apdu_set_status_error (&error, 0x6A82, "Reading DG5");
  g_assert_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_STATUS);
  g_assert_cmpstr (error->message, ==, "Reading DG5: the chip answered “file or application not found” (6A82).");
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < sizeof data300; i++)
    data300[i] = i;

  g_test_add_func ("/borderpost/emrtd/apdu/encode", test_encode);
  g_test_add_func ("/borderpost/emrtd/apdu/encode-too-long", test_encode_too_long);
  g_test_add_func ("/borderpost/emrtd/apdu/parse-invalid", test_parse_invalid);
  g_test_add_func ("/borderpost/emrtd/apdu/parse-random", test_parse_random);
  g_test_add_func ("/borderpost/emrtd/apdu/get-response", test_get_response);
  g_test_add_func ("/borderpost/emrtd/apdu/wrong-le", test_wrong_le);
  g_test_add_func ("/borderpost/emrtd/apdu/get-response-bounded", test_get_response_bounded);
  g_test_add_func ("/borderpost/emrtd/apdu/no-status-word", test_no_status_word);
  g_test_add_func ("/borderpost/emrtd/apdu/status-words", test_status_words);

  return g_test_run ();
}
