/* test-nfc.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libnfc transport end to end: libnfc's own pn532_uart driver against the
 * PN532 emulator on a pseudo-terminal, with a scripted card on it. */

#define G_LOG_DOMAIN "test-nfc"

#include "config.h"

#include "bp-card-monitor.h"
#include "bp-nfc-card.h"
#include "bp-nfc-reader.h"
#include "pn532-emu.h"
#include "scripted-card.h"

/* One emulator for the whole program: libnfc reads LIBNFC_DEVICE once, when
 * the process's context is created. */
static Pn532Emu *emu;

static ScriptedCard *
place_card (void)
{
  ScriptedCard *card = scripted_card_new ();

  scripted_card_add (card, "00 A4 04 0C 07 A0 00 00 02 47 10 01", "90 00");
  pn532_emu_set_card (emu, BP_CARD (card));
  return card;
}

static void
assert_response (BpCard *card,
                 const char *command_hex,
                 const char *expected_hex)
{
  g_autoptr (GBytes) command = scripted_hex (command_hex);
  g_autoptr (GBytes) expected = scripted_hex (expected_hex);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) response = bp_card_transmit (card, command, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (response);
  g_assert_true (g_bytes_equal (response, expected));
}

static void
test_exchange (void)
{
  g_autoptr (ScriptedCard) script = place_card ();
  g_autoptr (BpNfcReader) reader = bp_nfc_reader_new (pn532_emu_get_connstring (emu));
  g_autoptr (GError) error = NULL;
  g_autoptr (BpCard) card = NULL;
  g_autoptr (GBytes) ats = NULL;
  g_autoptr (GBytes) expected_ats = scripted_hex ("05 78 80 70 02");
  g_autoptr (GBytes) uid = NULL;
  g_autoptr (GBytes) expected_uid = scripted_hex ("08 5A 3C 91");
  guint before = pn532_emu_get_command_count (emu, 0x40);

  g_assert_cmpstr (bp_card_reader_get_transport (BP_CARD_READER (reader)), ==, "nfc");
  g_assert_true (g_str_has_prefix (bp_card_reader_get_id (BP_CARD_READER (reader)), "nfc:pn532_uart:/dev/"));

  card = bp_card_reader_connect (BP_CARD_READER (reader), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (BP_IS_NFC_CARD (card));
  g_assert_cmpstr (bp_nfc_card_get_modulation (BP_NFC_CARD (card)), ==, "A");
  ats = bp_card_dup_atr (card);
  g_assert_true (g_bytes_equal (ats, expected_ats));
  uid = bp_nfc_card_dup_uid (BP_NFC_CARD (card));
  g_assert_true (g_bytes_equal (uid, expected_uid));
  g_assert_nonnull (strstr (bp_card_get_description (card), "085A3C91"));
  g_assert_cmpuint (bp_card_get_max_transceive (card), ==, 262);

  assert_response (card, "00 A4 04 0C 07 A0 00 00 02 47 10 01", "90 00");
  assert_response (card, "00 B0 00 00 04", "6D 00");
  g_assert_cmpuint (scripted_card_get_exchanges (script), ==, 2);
  g_assert_cmpuint (pn532_emu_get_command_count (emu, 0x40), ==, before + 2);
  g_assert_true (bp_nfc_card_is_present (BP_NFC_CARD (card), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pn532_emu_get_unknown_count (emu), ==, 0);
}

/* Commands and answers longer than a normal PN532 frame (254 bytes) travel
 * in extended frames; longer than the PN532 carries is refused here. */
static void
test_long_frames (void)
{
  g_autoptr (ScriptedCard) script = place_card ();
  g_autoptr (BpNfcReader) reader = bp_nfc_reader_new (pn532_emu_get_connstring (emu));
  g_autoptr (GError) error = NULL;
  g_autoptr (BpCard) card = NULL;
  g_autoptr (GString) long_command = g_string_new ("00 D6 00 00 FF");
  g_autoptr (GString) long_answer = g_string_new (NULL);
  g_autoptr (GBytes) too_long = NULL;
  g_autoptr (GBytes) response = NULL;
  g_autofree char *long_answer_258 = NULL;

  /* A 5 + 255 + 1 + 1 = 262-byte command and a 258-byte answer. */
  for (guint i = 0; i < 256; i++)
    g_string_append_printf (long_command, " %02X", i & 0xFF);
  g_string_append (long_command, " 00");
  for (guint i = 0; i < 256; i++)
    g_string_append_printf (long_answer, "%02X", (i * 7) & 0xFF);
  g_string_append (long_answer, "9000");
  scripted_card_add (script, long_command->str, long_answer->str);
  scripted_card_add (script, "00 B0 00 00 00", long_answer->str);
  long_answer_258 = g_strdup (long_answer->str);

  card = bp_card_reader_connect (BP_CARD_READER (reader), NULL, &error);
  g_assert_no_error (error);
  assert_response (card, long_command->str, long_answer->str);
  assert_response (card, "00 B0 00 00 00", long_answer->str);

  g_string_append (long_command, " 00");
  too_long = scripted_hex (long_command->str);
  response = bp_card_transmit (card, too_long, NULL, &error);
  g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_UNSUPPORTED);
  g_assert_null (response);
  g_clear_error (&error);

  /* An answer longer than the PN532's buffer (a protected answer to
   * Le=256 is about 290 bytes) comes back as a reader error. */
  g_string_truncate (long_answer, 0);
  for (guint i = 0; i < 288; i++)
    g_string_append (long_answer, "5A");
  g_string_append (long_answer, "9000");
  scripted_card_add (script, "0C B0 00 00 0D 97 01 00 8E 08 01 02 03 04 05 06 07 08 00", long_answer->str);
  {
    g_autoptr (GBytes) command = scripted_hex ("0C B0 00 00 0D 97 01 00 8E 08 01 02 03 04 05 06 07 08 00");
    g_autoptr (GBytes) answer = bp_card_transmit (card, command, NULL, &error);
    g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_TRANSPORT);
    g_assert_null (answer);
    g_clear_error (&error);
  }

  /* The card is still there and the next exchange works. */
  assert_response (card, "00 B0 00 00 00", long_answer_258);
}

/* Many ID cards answer ISO 14443-B: connect() falls back to it. */
static void
test_type_b (void)
{
  g_autoptr (ScriptedCard) script = place_card ();
  g_autoptr (BpNfcReader) reader = bp_nfc_reader_new (pn532_emu_get_connstring (emu));
  g_autoptr (GError) error = NULL;
  g_autoptr (BpCard) card = NULL;
  g_autoptr (GBytes) atqb = NULL;
  g_autoptr (GBytes) expected_atqb = scripted_hex ("50 4F7A102B 00000000 8081B1");
  g_autoptr (GBytes) pupi = NULL;
  g_autoptr (GBytes) expected_pupi = scripted_hex ("4F7A102B");

  pn532_emu_set_type_b (emu, TRUE);
  card = bp_card_reader_connect (BP_CARD_READER (reader), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bp_nfc_card_get_modulation (BP_NFC_CARD (card)), ==, "B");
  atqb = bp_card_dup_atr (card);
  g_assert_true (g_bytes_equal (atqb, expected_atqb));
  pupi = bp_nfc_card_dup_uid (BP_NFC_CARD (card));
  g_assert_true (g_bytes_equal (pupi, expected_pupi));
  g_assert_nonnull (strstr (bp_card_get_description (card), "ISO 14443-B"));
  assert_response (card, "00 A4 04 0C 07 A0 00 00 02 47 10 01", "90 00");
  g_assert_true (bp_card_is_present (card, &error));
  g_assert_no_error (error);
  pn532_emu_set_type_b (emu, FALSE);
}

static void
test_no_card (void)
{
  g_autoptr (BpNfcReader) reader = bp_nfc_reader_new (pn532_emu_get_connstring (emu));
  g_autoptr (GError) error = NULL;
  g_autoptr (BpCard) card = NULL;

  pn532_emu_set_card (emu, NULL);
  card = bp_card_reader_connect (BP_CARD_READER (reader), NULL, &error);
  g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_CARD);
  g_assert_null (card);
}

static void
test_removed (void)
{
  g_autoptr (ScriptedCard) script = place_card ();
  g_autoptr (BpNfcReader) reader = bp_nfc_reader_new (pn532_emu_get_connstring (emu));
  g_autoptr (GError) error = NULL;
  g_autoptr (BpCard) card = NULL;
  g_autoptr (BpCard) again = NULL;
  g_autoptr (GBytes) command = scripted_hex ("00 B0 00 00 04");
  g_autoptr (GBytes) response = NULL;

  card = bp_card_reader_connect (BP_CARD_READER (reader), NULL, &error);
  g_assert_no_error (error);
  scripted_card_remove_after (script, 1);
  assert_response (card, "00 A4 04 0C 07 A0 00 00 02 47 10 01", "90 00");

  /* The document leaves during the next exchange. */
  response = bp_card_transmit (card, command, NULL, &error);
  g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_REMOVED);
  g_assert_null (response);
  g_clear_error (&error);

  /* Gone from the field: presence check and selection agree. */
  pn532_emu_set_card (emu, NULL);
  g_assert_false (bp_nfc_card_is_present (BP_NFC_CARD (card), &error));
  g_assert_no_error (error);
  again = bp_card_reader_connect (BP_CARD_READER (reader), NULL, &error);
  g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_CARD);
  g_assert_null (again);
}

/* Selecting again ends the earlier card's session. */
static void
test_reselect (void)
{
  g_autoptr (ScriptedCard) script = place_card ();
  g_autoptr (BpNfcReader) reader = bp_nfc_reader_new (pn532_emu_get_connstring (emu));
  g_autoptr (GError) error = NULL;
  g_autoptr (BpCard) first = NULL;
  g_autoptr (BpCard) second = NULL;
  g_autoptr (GBytes) command = scripted_hex ("00 B0 00 00 04");
  g_autoptr (GBytes) response = NULL;

  first = bp_card_reader_connect (BP_CARD_READER (reader), NULL, &error);
  g_assert_no_error (error);
  second = bp_card_reader_connect (BP_CARD_READER (reader), NULL, &error);
  g_assert_no_error (error);

  response = bp_card_transmit (first, command, NULL, &error);
  g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_REMOVED);
  g_assert_null (response);
  assert_response (second, "00 B0 00 00 04", "6D 00");
}

static void
test_no_device (void)
{
  g_autoptr (BpNfcReader) reader = bp_nfc_reader_new ("pn532_uart:/dev/borderpost-no-such-tty");
  g_autoptr (GError) error = NULL;
  g_autoptr (BpCard) card = NULL;

  card = bp_card_reader_connect (BP_CARD_READER (reader), NULL, &error);
  g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_READER);
  g_assert_nonnull (strstr (error->message, "/dev/borderpost-no-such-tty"));
  g_assert_null (card);
}

/* The reader is unplugged during a session, then comes back. */
static void
test_unplugged (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (Pn532Emu) other = pn532_emu_new (&error);
  g_autoptr (ScriptedCard) script = scripted_card_new ();
  g_autoptr (BpNfcReader) reader = NULL;
  g_autoptr (BpCard) card = NULL;
  g_autoptr (BpCard) again = NULL;
  g_autoptr (GBytes) command = scripted_hex ("00 B0 00 00 04");
  g_autoptr (GBytes) response = NULL;

  g_assert_no_error (error);
  pn532_emu_set_card (other, BP_CARD (script));
  reader = bp_nfc_reader_new (pn532_emu_get_connstring (other));
  card = bp_card_reader_connect (BP_CARD_READER (reader), NULL, &error);
  g_assert_no_error (error);
  bp_nfc_card_set_timeout (BP_NFC_CARD (card), 300);
  assert_response (card, "00 B0 00 00 04", "6D 00");

  g_clear_pointer (&other, pn532_emu_free);
  response = bp_card_transmit (card, command, NULL, &error);
  /* libnfc sees an I/O error on the serial port. */
  g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_TRANSPORT);
  g_assert_null (response);
  g_clear_error (&error);

  again = bp_card_reader_connect (BP_CARD_READER (reader), NULL, &error);
  /* The device was closed after the error and cannot be opened again. */
  g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_READER);
  g_assert_null (again);
}

static void
test_list (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) readers = bp_nfc_reader_list (&error);
  g_autofree char *id = g_strconcat ("nfc:", pn532_emu_get_connstring (emu), NULL);
  gboolean found = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < readers->len; i++)
    if (g_str_equal (bp_card_reader_get_id (readers->pdata[i]), id))
      found = TRUE;
  g_assert_true (found);
}

/* libnfc's own nfc-list sees the emulated PN532 and the document. */
static void
test_nfc_list_tool (void)
{
  g_autoptr (ScriptedCard) script = place_card ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "nfc-list", NULL };
  g_autofree char *nfc_list = g_find_program_in_path ("nfc-list");
  int status;

  if (nfc_list == NULL)
    {
      g_test_skip ("nfc-list (Debian package libnfc-bin) is not installed");
      return;
    }

  /* LIBNFC_DEVICE is already set for the whole program. */
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "NFC device: user defined device opened"));
  g_assert_nonnull (strstr (out, "1 ISO14443A passive target(s) found"));
  g_assert_nonnull (strstr (out, "UID (NFCID3): 08  5a  3c  91"));
  g_assert_nonnull (strstr (out, "ATS: 78  80  70  02"));
  g_assert_cmpuint (pn532_emu_get_unknown_count (emu), ==, 0);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  pn532_emu_set_card (emu, NULL);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (out, "ISO14443A passive target"));
}

static void
inserted_cb (BpCardMonitor *monitor,
             BpCard *card,
             guint *count)
{
  g_assert_true (BP_IS_NFC_CARD (card));
  (*count)++;
}

static void
removed_cb (BpCardMonitor *monitor,
            guint *count)
{
  (*count)++;
}

static void
iterate_until (guint *counter,
               guint value)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  while (*counter < value)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

/* The monitor notices a document placed on and taken off the PN532, and
 * its presence checks do not disturb exchanges on the card it announced. */
static void
test_monitor (void)
{
  g_autoptr (ScriptedCard) script = scripted_card_new ();
  g_autoptr (BpNfcReader) reader = bp_nfc_reader_new (pn532_emu_get_connstring (emu));
  g_autoptr (BpCardMonitor) monitor = bp_card_monitor_new (BP_CARD_READER (reader));
  guint inserted = 0, removed = 0;
  guint polls;

  pn532_emu_set_card (emu, NULL);
  bp_card_monitor_set_interval (monitor, 30);
  g_signal_connect (monitor, "card-inserted", G_CALLBACK (inserted_cb), &inserted);
  g_signal_connect (monitor, "card-removed", G_CALLBACK (removed_cb), &removed);
  polls = pn532_emu_get_command_count (emu, 0x4A);
  bp_card_monitor_start (monitor);

  /* Empty: the reader is polled, nothing is announced. */
  while (pn532_emu_get_command_count (emu, 0x4A) < polls + 6)
    g_usleep (10000);
  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (inserted, ==, 0);

  scripted_card_add (script, "00 A4 04 0C 07 A0 00 00 02 47 10 01", "90 00");
  pn532_emu_set_card (emu, BP_CARD (script));
  iterate_until (&inserted, 1);
  for (guint i = 0; i < 20; i++)
    {
      assert_response (bp_card_monitor_get_card (monitor), "00 A4 04 0C 07 A0 00 00 02 47 10 01", "90 00");
      g_usleep (10000);
    }
  g_assert_cmpuint (removed, ==, 0);

  pn532_emu_set_card (emu, NULL);
  iterate_until (&removed, 1);
  g_assert_null (bp_card_monitor_get_card (monitor));
  bp_card_monitor_stop (monitor);
  g_assert_cmpuint (inserted, ==, 1);
}

int
main (int argc,
      char **argv)
{
  g_autoptr (GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  emu = pn532_emu_new (&error);
  g_assert_no_error (error);
  g_setenv ("LIBNFC_DEVICE", pn532_emu_get_connstring (emu), TRUE);
  /* Do not probe USB or serial ports of the machine running the tests. */
  g_setenv ("LIBNFC_AUTO_SCAN", "false", TRUE);

  g_test_add_func ("/borderpost/card/nfc/exchange", test_exchange);
  g_test_add_func ("/borderpost/card/nfc/long-frames", test_long_frames);
  g_test_add_func ("/borderpost/card/nfc/type-b", test_type_b);
  g_test_add_func ("/borderpost/card/nfc/no-card", test_no_card);
  g_test_add_func ("/borderpost/card/nfc/removed", test_removed);
  g_test_add_func ("/borderpost/card/nfc/reselect", test_reselect);
  g_test_add_func ("/borderpost/card/nfc/no-device", test_no_device);
  g_test_add_func ("/borderpost/card/nfc/unplugged", test_unplugged);
  g_test_add_func ("/borderpost/card/nfc/list", test_list);
  g_test_add_func ("/borderpost/card/nfc/nfc-list-tool", test_nfc_list_tool);
  g_test_add_func ("/borderpost/card/nfc/monitor", test_monitor);

  ret = g_test_run ();
  pn532_emu_free (emu);
  return ret;
}
