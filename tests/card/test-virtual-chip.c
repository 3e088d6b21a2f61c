/* test-virtual-chip.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <eac/eac.h>
#include <eac/pace.h>
#include <openssl/evp.h>
#include <openssl/objects.h>

#include "bp-chip-error.h"
#include "bp-sm.h"
#include "bp-tlv.h"
#include "bp-virtual-reader.h"
#include "virtual-chip-test-util.h"

/* The virtual chip driven by a scripted reader that sends raw APDUs.
 * Exact values come from ICAO Doc 9303-11 Appendix D (BAC, 3DES secure
 * messaging) and Appendix G (PACE); see data/README.md. */

/* Appendix D. */
#define D_RND_ICC "4608F91988702212"
#define D_K_ICC "0B4F80323EB3191CB04970CB4052790B"
#define D_EXT_AUTH "008200002872C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A728"
#define D_EXT_AUTH_RESPONSE "46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D74499000"
#define D_COM "60145F0104303130365F36063034303030305C026175"

typedef struct
{
  BpVirtualReader *reader;
  BpVirtualChip *chip;
  BpCard *card;
  GBytes *dg1;
  GBytes *dg2;
} Fixture;

static void
fixture_set_up (Fixture *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  /* Appendix D keys its example with other dates than the specimen. */
  if (g_strcmp0 (data, "appendix-d") == 0)
    f->chip = bp_virtual_chip_new ("L898902C", "690806", "940623");
  else
    f->chip = bp_virtual_chip_new ("L898902C3", "740812", "120415");
  f->dg1 = test_dg1_new (TEST_TD3_MRZ);
  f->dg2 = test_dg2_new (3000);
  bp_virtual_chip_set_file (f->chip, BP_VIRTUAL_CHIP_FID_COM, test_bytes_from_hex (D_COM));
  bp_virtual_chip_set_file (f->chip, BP_VIRTUAL_CHIP_FID_DG (1), f->dg1);
  bp_virtual_chip_set_file (f->chip, BP_VIRTUAL_CHIP_FID_DG (2), f->dg2);
  bp_virtual_chip_set_file (f->chip, BP_VIRTUAL_CHIP_FID_DG (3), f->dg1);
  f->reader = bp_virtual_reader_new (0);
  bp_virtual_reader_insert (f->reader, f->chip);
  f->card = bp_card_reader_connect (BP_CARD_READER (f->reader), NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f,
                   gconstpointer data)
{
  g_clear_object (&f->card);
  g_assert_finalize_object (f->reader);
  g_assert_finalize_object (f->chip);
  g_bytes_unref (f->dg1);
  g_bytes_unref (f->dg2);
}

static void
test_reader (void)
{
  g_autoptr (BpVirtualReader) reader = bp_virtual_reader_new (3);
  g_autoptr (BpVirtualChip) chip = bp_virtual_chip_new ("L898902C3", "740812", "120415");
  g_autoptr (BpCard) card = NULL;
  g_autoptr (BpVirtualChip) held = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (bp_card_reader_get_transport (BP_CARD_READER (reader)), ==, "virtual");
  g_assert_cmpstr (bp_card_reader_get_id (BP_CARD_READER (reader)), ==, "virtual:3");
  g_assert_nonnull (bp_card_reader_get_name (BP_CARD_READER (reader)));

  card = bp_card_reader_connect (BP_CARD_READER (reader), NULL, &error);
  g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_CARD);
  g_assert_null (card);
  g_clear_error (&error);

  bp_virtual_reader_insert (reader, chip);
  held = bp_virtual_reader_dup_chip (reader);
  g_assert_true (held == chip);
  card = bp_card_reader_connect (BP_CARD_READER (reader), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (BP_CARD (chip) == card);
  g_assert_cmpuint (bp_card_get_max_transceive (card), ==, 261);
  test_assert_sw (card, "00A4040C07A0000002471001", 0x9000);

  /* Off the reader: the open card fails, a new connect finds nothing. */
  bp_virtual_reader_remove (reader);
  test_assert_removed (card, "00A4040C07A0000002471001");
  g_clear_object (&card);
  card = bp_card_reader_connect (BP_CARD_READER (reader), NULL, &error);
  g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_CARD);
  g_clear_error (&error);

  bp_virtual_chip_set_extended_length (chip, TRUE);
  bp_virtual_reader_insert (reader, chip);
  card = bp_card_reader_connect (BP_CARD_READER (reader), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bp_card_get_max_transceive (card), >, 65536);
}

static void
test_from_mrz (void)
{
  g_autoptr (BpVirtualChip) td3 = NULL;
  g_autoptr (BpVirtualChip) td1 = NULL;
  g_autoptr (BpVirtualChip) none = NULL;
  g_autoptr (GError) error = NULL;

  td3 = bp_virtual_chip_new_from_mrz (TEST_TD3_MRZ, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bp_virtual_chip_get_mrz_information (td3), ==, "L898902C3674081221204159");
  td1 = bp_virtual_chip_new_from_mrz ("I<UTOD231458907<<<<<<<<<<<<<<<\n"
                                      "7408122F1204159UTO<<<<<<<<<<<6\n"
                                      "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bp_virtual_chip_get_mrz_information (td1), ==, "D23145890774081221204159");
  none = bp_virtual_chip_new_from_mrz ("not a zone", &error);
  g_assert_nonnull (error);
  g_assert_null (none);
}

static void
test_plain_commands (Fixture *f,
                     gconstpointer data)
{
  g_autoptr (GBytes) card_access = bp_virtual_chip_dup_file (f->chip, BP_VIRTUAL_CHIP_FID_CARD_ACCESS);
  g_autoptr (GBytes) response = NULL;
  gsize size;

  /* EF.CardAccess is public, by FID from the master file or by SFI. */
  g_assert_nonnull (card_access);
  test_assert_sw (f->card, "00A4020C02011C", 0x9000);
  response = test_transmit (f->card, "00B0000000", 0x9000 + 0);
  size = g_bytes_get_size (card_access);
  test_assert_response_data (response, card_access, 0, size);
  g_clear_pointer (&response, g_bytes_unref);
  response = test_transmit (f->card, "00B09C0004", 0x9000);
  test_assert_response_data (response, card_access, 0, 4);
  g_clear_pointer (&response, g_bytes_unref);
  response = test_transmit (f->card, "00B09C0220", 0x6282);
  test_assert_response_data (response, card_access, 2, size - 2);

  /* Application files are not seen from the master file. */
  test_assert_sw (f->card, "00A4020C02011E", 0x6A82);
  test_assert_sw (f->card, "00A4040C07A0000002471002", 0x6A82);
  test_assert_sw (f->card, "00A4040C07A0000002471001", 0x9000);
  /* Data groups need BAC or PACE first. */
  test_assert_sw (f->card, "00A4020C02011E", 0x9000);
  test_assert_sw (f->card, "00B0000004", 0x6982);
  test_assert_sw (f->card, "00B0810004", 0x6982);
  test_assert_sw (f->card, "00A4020C020105", 0x6A82);
  test_assert_sw (f->card, "00A4020C020101", 0x9000);
  test_assert_sw (f->card, "00B0000010", 0x6982);
  /* P1=00 selection and the FCP variant answer too. */
  test_assert_sw (f->card, "00A4000C020101", 0x9000);
  g_clear_pointer (&response, g_bytes_unref);
  response = test_transmit (f->card, "00A4020402010100", 0x9000);
  g_assert_cmpuint (g_bytes_get_size (response), ==, 15);
  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (response, NULL))[0], ==, 0x62);

  /* Unknown instruction and class, malformed lengths. */
  test_assert_sw (f->card, "00CA010100", 0x6D00);
  test_assert_sw (f->card, "80A4020C02011E", 0x6E00);
  test_assert_sw (f->card, "00A4020C03011E", 0x6700);
  test_assert_sw (f->card, "00A4", 0x6700);
  test_assert_sw (f->card, "00A4020C0201", 0x6700);
  /* Extended length is refused by a chip that does not take it. */
  test_assert_sw (f->card, "00B00000000100", 0x6700);
  test_assert_sw (f->card, "0084000000", 0x6700);
  /* SM without a session. */
  test_assert_sw (f->card, "0CB000000D9701048E08ED6705417E96BA5500", 0x6988);
}

static void
queue_random (guint8 *buffer,
              gsize length,
              gpointer user_data)
{
  GByteArray *queue = user_data;

  g_assert_cmpuint (queue->len, >=, length);
  memcpy (buffer, queue->data, length);
  g_byte_array_remove_range (queue, 0, length);
}

static void
test_bac_appendix_d (Fixture *f,
                     gconstpointer data)
{
  GByteArray *queue = g_byte_array_new ();
  g_autoptr (GBytes) rnd_icc = test_bytes_from_hex (D_RND_ICC);
  g_autoptr (GBytes) k_icc = test_bytes_from_hex (D_K_ICC);
  g_autoptr (GBytes) com = test_bytes_from_hex (D_COM);

  g_byte_array_append (queue, g_bytes_get_data (rnd_icc, NULL), 8);
  g_byte_array_append (queue, g_bytes_get_data (k_icc, NULL), 16);
  bp_virtual_chip_set_random_func (f->chip, queue_random, queue, (GDestroyNotify) g_byte_array_unref);
  g_assert_cmpstr (bp_virtual_chip_get_mrz_information (f->chip), ==, "L898902C<369080619406236");

  test_assert_sw (f->card, "00A4040C07A0000002471001", 0x9000);
  test_assert_exchange (f->card, "0084000008", D_RND_ICC "9000");
  test_assert_exchange (f->card, D_EXT_AUTH, D_EXT_AUTH_RESPONSE);
  g_assert_cmpstr (bp_virtual_chip_get_session (f->chip), ==, "BAC");

  /* Appendix D.4: SELECT EF.COM, READ BINARY 4 bytes, then the rest. */
  test_assert_exchange (f->card, "0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800",
                        "990290008E08FA855A5D4C50A8ED9000");
  test_assert_exchange (f->card, "0CB000000D9701048E08ED6705417E96BA5500",
                        "8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000");
  test_assert_exchange (f->card, "0CB000040D9701128E082EA28A70F3C7B53500",
                        "871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000");
}

static void
test_bac_wrong_key (Fixture *f,
                    gconstpointer data)
{
  g_autoptr (BpSm) sm = NULL;
  g_autoptr (GError) error = NULL;

  test_assert_sw (f->card, "00A4040C07A0000002471001", 0x9000);
  /* EXTERNAL AUTHENTICATE needs a fresh challenge. */
  test_assert_sw (f->card, D_EXT_AUTH, 0x6985);
  /* Keys from another document: 6300 and no session. */
  sm = test_bac (f->card, "L898902C<369080619406237", &error);
  g_assert_null (sm);
  g_assert_cmpstr (bp_virtual_chip_get_session (f->chip), ==, NULL);
  g_clear_error (&error);
  /* A wrong MAC with the right challenge is refused the same way. */
  test_assert_sw (f->card, "0084000008", 0x9000);
  test_assert_sw (f->card, D_EXT_AUTH, 0x6300);
  /* A BAC-less chip does not know the instruction. */
  bp_virtual_chip_set_protocols (f->chip, BP_VIRTUAL_CHIP_PACE);
  test_assert_sw (f->card, "0084000008", 0x9000);
  test_assert_sw (f->card, D_EXT_AUTH, 0x6D00);
  /* The right key works. */
  bp_virtual_chip_set_protocols (f->chip, BP_VIRTUAL_CHIP_BAC);
  sm = test_bac (f->card, bp_virtual_chip_get_mrz_information (f->chip), &error);
  g_assert_no_error (error);
  g_assert_nonnull (sm);
}

static void
test_sm_reading (Fixture *f,
                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpSm) sm = NULL;
  g_autoptr (GByteArray) whole = NULL;
  g_autoptr (GBytes) response = NULL;
  gsize size = g_bytes_get_size (f->dg2);

  sm = test_bac_session (f->card, f->chip);

  /* DG2 by FID in chunks the size of the largest protected short answer. */
  test_sm_assert_sw (f->card, sm, 0xA4, 0x02, 0x0C, "0102", 0, 0x9000);
  whole = test_sm_read_file (f->card, sm, 0x0102, 231, FALSE);
  g_assert_cmpmem (whole->data, whole->len, g_bytes_get_data (f->dg2, NULL), size);

  /* Offsets, past the end, and reading by SFI. */
  response = test_sm_exchange (f->card, sm, 0xB0, 0x00, 0x10, NULL, 8, 0x9000);
  test_assert_response_data (response, f->dg2, 0x10, 8);
  g_clear_pointer (&response, g_bytes_unref);
  response = test_sm_exchange (f->card, sm, 0xB0, (size - 3) >> 8, (size - 3) & 0xFF, NULL, 8, 0x6282);
  test_assert_response_data (response, f->dg2, size - 3, 3);
  g_clear_pointer (&response, g_bytes_unref);
  test_sm_assert_sw (f->card, sm, 0xB0, size >> 8, size & 0xFF, NULL, 1, 0x6B00);
  test_sm_assert_sw (f->card, sm, 0xB0, 0x7F, 0xFF, NULL, 1, 0x6B00);
  response = test_sm_exchange (f->card, sm, 0xB0, 0x81, 0x04, NULL, 16, 0x9000);
  test_assert_response_data (response, f->dg1, 4, 16);
  g_clear_pointer (&response, g_bytes_unref);
  /* Le=256 fits no protected short answer: the chip answers less. */
  response = test_sm_exchange (f->card, sm, 0xB0, 0x82, 0x00, NULL, 256, 0x9000);
  test_assert_response_data (response, f->dg2, 0, 231);
  g_clear_pointer (&response, g_bytes_unref);
  /* Odd READ BINARY with an offset data object. */
  response = test_sm_exchange (f->card, sm, 0xB1, 0x00, 0x00, "540101", 20, 0x9000);
  g_assert_cmpuint (g_bytes_get_size (response), ==, 2 + 16 + 2);
  g_assert_cmpmem ((const guint8 *) g_bytes_get_data (response, NULL) + 2, 16,
                   (const guint8 *) g_bytes_get_data (f->dg2, NULL) + 1, 16);
  g_clear_pointer (&response, g_bytes_unref);

  /* DG3 needs Terminal Authentication, which this chip never grants. */
  test_sm_assert_sw (f->card, sm, 0xA4, 0x02, 0x0C, "0103", 0, 0x9000);
  test_sm_assert_sw (f->card, sm, 0xB0, 0x00, 0x00, NULL, 4, 0x6982);
  test_sm_assert_sw (f->card, sm, 0xA4, 0x02, 0x0C, "0109", 0, 0x6A82);
  test_sm_assert_sw (f->card, sm, 0xCA, 0x00, 0x00, NULL, 4, 0x6D00);
  g_assert_cmpstr (bp_virtual_chip_get_session (f->chip), ==, "BAC");

  /* A plain command ends the session. */
  test_assert_sw (f->card, "00A4020C020101", 0x9000);
  g_assert_null (bp_virtual_chip_get_session (f->chip));
  test_assert_sw (f->card, "00B0000004", 0x6982);
}

static void
test_sm_wrong_reader_mac (Fixture *f,
                          gconstpointer data)
{
  g_autoptr (BpSm) sm = test_bac_session (f->card, f->chip);
  g_autoptr (GBytes) command = NULL;
  g_autoptr (GBytes) response = NULL;
  g_autoptr (GError) error = NULL;
  BpApdu apdu = { .cla = 0x00, .ins = 0xB0, .p1 = 0x81, .p2 = 0x00, .ne = 4 };
  guint8 *bytes;
  gsize n;

  command = bp_sm_protect_command (sm, &apdu, &error);
  g_assert_no_error (error);
  bytes = g_bytes_unref_to_data (g_steal_pointer (&command), &n);
  bytes[n - 2] ^= 0x01; /* last MAC byte */
  command = g_bytes_new_take (bytes, n);
  response = bp_card_transmit (f->card, command, NULL, &error);
  g_assert_no_error (error);
  test_assert_bytes_hex (response, "6988");
  g_assert_null (bp_virtual_chip_get_session (f->chip));

  /* The session is gone: a correctly protected command gets 6988 too. */
  g_clear_pointer (&response, g_bytes_unref);
  g_clear_pointer (&command, g_bytes_unref);
  g_clear_pointer (&sm, bp_sm_unref);
  sm = test_bac_session (f->card, f->chip);
  test_sm_assert_sw (f->card, sm, 0xA4, 0x02, 0x0C, "0101", 0, 0x9000);
  bp_virtual_chip_reset (f->chip);
  test_assert_sw (f->card, "00A4040C07A0000002471001", 0x9000);
  command = bp_sm_protect_command (sm, &apdu, &error);
  response = bp_card_transmit (f->card, command, NULL, &error);
  test_assert_bytes_hex (response, "6988");
}

/* The chip takes whatever a reader (or a PN532 emulator) sends: random
 * APDUs, plain and under secure messaging, must all get a status word. */
static void
test_random_commands (Fixture *f,
                      gconstpointer data)
{
  static const guint8 instructions[] = { 0xA4, 0xB0, 0xB1, 0x84, 0x82, 0x88, 0x22, 0x86, 0xCA };
  static const guint8 classes[] = { 0x00, 0x0C, 0x10, 0x1C, 0x80 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (7816);
  g_autoptr (BpSm) sm = NULL;
  guint n_protected = 0;

  bp_virtual_chip_set_extended_length (f->chip, TRUE);
  for (guint round = 0; round < 5000; round++)
    {
      g_autoptr (GByteArray) apdu = g_byte_array_new ();
      g_autoptr (GBytes) command = NULL;
      g_autoptr (GBytes) response = NULL;
      g_autoptr (GError) error = NULL;
      gsize length;

      if (sm == NULL && round % 4 == 0)
        {
          /* Now and then a real session, so protected paths are reached. */
          sm = test_bac_session (f->card, f->chip);
        }
      if (sm != NULL && g_rand_int_range (rand, 0, 8) != 0)
        {
          BpApdu plain = { .ins = instructions[g_rand_int_range (rand, 0, G_N_ELEMENTS (instructions))],
                           .p1 = g_rand_int_range (rand, 0, 256),
                           .p2 = g_rand_int_range (rand, 0, 256),
                           .ne = g_rand_int_range (rand, 0, 300) };
          guint8 body[64];
          gsize n = g_rand_int_range (rand, 0, sizeof body);

          n_protected++;
          for (gsize i = 0; i < n; i++)
            body[i] = g_rand_int_range (rand, 0, 256);
          plain.data = n > 0 ? body : NULL;
          plain.data_len = n;
          command = bp_sm_protect_command (sm, &plain, NULL);
          if (command == NULL)
            continue;
          if (g_rand_int_range (rand, 0, 4) == 0)
            {
              /* Flip a bit somewhere in the protected command. */
              gsize size;
              guint8 *bytes = g_bytes_unref_to_data (g_steal_pointer (&command), &size);

              bytes[g_rand_int_range (rand, 0, size)] ^= 1 << g_rand_int_range (rand, 0, 8);
              command = g_bytes_new_take (bytes, size);
            }
        }
      else
        {
          length = g_rand_int_range (rand, 0, 40);
          if (length > 0)
            {
              guint8 cla = classes[g_rand_int_range (rand, 0, G_N_ELEMENTS (classes))];
              g_byte_array_append (apdu, &cla, 1);
            }
          if (length > 1)
            g_byte_array_append (apdu, &instructions[g_rand_int_range (rand, 0, G_N_ELEMENTS (instructions))], 1);
          while (apdu->len < length)
            {
              guint8 b = g_rand_int_range (rand, 0, 256);
              g_byte_array_append (apdu, &b, 1);
            }
          command = g_bytes_new (apdu->data, apdu->len);
        }
      response = bp_card_transmit (f->card, command, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (response), >=, 2);
      /* Once the session has gone, wrapped commands cannot get further. */
      if (bp_virtual_chip_get_session (f->chip) == NULL)
        g_clear_pointer (&sm, bp_sm_unref);
    }
  g_test_message ("%u protected commands", n_protected);
  g_assert_cmpuint (n_protected, >, 1000);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/borderpost/card/virtual-chip/reader", test_reader);
  g_test_add_func ("/borderpost/card/virtual-chip/from-mrz", test_from_mrz);
#define ADD(path, func) \
  g_test_add ("/borderpost/card/virtual-chip/" path, Fixture, path, fixture_set_up, func, fixture_tear_down)
  ADD ("plain-commands", test_plain_commands);
  g_test_add ("/borderpost/card/virtual-chip/bac-appendix-d", Fixture, "appendix-d",
              fixture_set_up, test_bac_appendix_d, fixture_tear_down);
  ADD ("bac-wrong-key", test_bac_wrong_key);
  ADD ("sm-reading", test_sm_reading);
  ADD ("sm-wrong-reader-mac", test_sm_wrong_reader_mac);
  ADD ("random-commands", test_random_commands);
#undef ADD

  return g_test_run ();
}
