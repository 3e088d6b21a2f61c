/* test-card-readers.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reader registry, listing across transports and opening by id. No
 * hardware: PC/SC points at a socket where no pcscd listens, libnfc is
 * told not to scan. */

#define G_LOG_DOMAIN "test-card-readers"

#include "config.h"

#include <glib/gstdio.h>

#include "bp-card-readers.h"
#include "bp-nfc-reader.h"
#include "bp-pcsc-reader.h"
#include "bp-virtual-reader.h"
#include "scripted-card.h"

static BpCardReader *
find_reader (GListModel *list,
             const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (BpCardReader) reader = g_list_model_get_item (list, i);
      if (g_str_equal (bp_card_reader_get_id (reader), id))
        return reader;
    }
  return NULL;
}

static void
test_list (void)
{
  g_autoptr (ScriptedReader) virtual = scripted_reader_new ("virtual:0");
  g_autoptr (GError) error = NULL;
  g_autoptr (BpCardReaderList) list = NULL;
  const GError *pcsc_error;
  const char *const *failed;

  bp_card_readers_register (BP_CARD_READER (virtual));
  list = bp_card_readers_list (&error);
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == BP_TYPE_CARD_READER);

  /* The registered reader is listed although PC/SC is down. */
  g_assert_true (find_reader (G_LIST_MODEL (list), "virtual:0") == BP_CARD_READER (virtual));
  pcsc_error = bp_card_reader_list_get_error (list, "pcsc");
  g_assert_nonnull (pcsc_error);
  g_assert_error ((GError *) pcsc_error, BP_CARD_ERROR, BP_CARD_ERROR_NO_READER);
  g_assert_nonnull (strstr (pcsc_error->message, "pcscd"));
  g_assert_null (bp_card_reader_list_get_error (list, "nfc"));
  failed = bp_card_reader_list_get_failed_transports (list);
  g_assert_cmpstrv (failed, ((const char *const[]){ "pcsc", NULL }));

  bp_card_readers_unregister (BP_CARD_READER (virtual));
  g_clear_object (&list);
  list = bp_card_readers_list (&error);
  g_assert_no_error (error);
  g_assert_null (find_reader (G_LIST_MODEL (list), "virtual:0"));
}

static void
test_open (void)
{
  g_autoptr (ScriptedReader) virtual = scripted_reader_new ("virtual:0");
  g_autoptr (GError) error = NULL;
  g_autoptr (BpCardReader) nfc = NULL;
  g_autoptr (BpCardReader) pcsc = NULL;
  g_autoptr (BpCardReader) registered = NULL;
  g_autoptr (BpCardReader) missing = NULL;
  g_autoptr (BpCardReader) bogus = NULL;
  g_autoptr (BpCard) card = NULL;

  nfc = bp_card_reader_open ("nfc:pn532_uart:/dev/ttyUSB0", &error);
  g_assert_no_error (error);
  g_assert_true (BP_IS_NFC_READER (nfc));
  g_assert_cmpstr (bp_card_reader_get_id (nfc), ==, "nfc:pn532_uart:/dev/ttyUSB0");
  g_assert_cmpstr (bp_nfc_reader_get_connstring (BP_NFC_READER (nfc)), ==, "pn532_uart:/dev/ttyUSB0");
  g_assert_cmpstr (bp_card_reader_get_name (nfc), ==, "PN532 on a serial port (/dev/ttyUSB0)");

  pcsc = bp_card_reader_open ("pcsc:ACS ACR1252 1S CL Reader [ACR1252 Dual Reader PICC] 00 00", &error);
  g_assert_no_error (error);
  g_assert_true (BP_IS_PCSC_READER (pcsc));
  g_assert_cmpstr (bp_card_reader_get_transport (pcsc), ==, "pcsc");
  g_assert_cmpstr (bp_card_reader_get_name (pcsc), ==, "ACS ACR1252 1S CL Reader [ACR1252 Dual Reader PICC] 00 00");

  /* With pcscd down, connecting says so in words. */
  card = bp_card_reader_connect (pcsc, NULL, &error);
  g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_READER);
  g_assert_nonnull (strstr (error->message, "pcscd is not running"));
  g_assert_null (card);
  g_clear_error (&error);

  missing = bp_card_reader_open ("virtual:0", &error);
  g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_READER);
  g_assert_null (missing);
  g_clear_error (&error);

  bp_card_readers_register (BP_CARD_READER (virtual));
  registered = bp_card_reader_open ("virtual:0", &error);
  g_assert_no_error (error);
  g_assert_true (registered == BP_CARD_READER (virtual));
  bp_card_readers_unregister (BP_CARD_READER (virtual));

  for (guint i = 0; i < 3; i++)
    {
      const char *bad[] = { "usb:1", "nfc:", "pcsc:" };
      bogus = bp_card_reader_open (bad[i], &error);
      g_assert_error (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_READER);
      g_assert_null (bogus);
      g_clear_error (&error);
    }
}

/* The demo registers its virtual reader; listing and opening find it. */
static void
test_virtual_reader (void)
{
  g_autoptr (BpVirtualReader) virtual = bp_virtual_reader_new (0);
  g_autoptr (GError) error = NULL;
  g_autoptr (BpCardReaderList) list = NULL;
  g_autoptr (BpCardReader) opened = NULL;
  BpCardReader *listed;

  bp_card_readers_register (BP_CARD_READER (virtual));
  list = bp_card_readers_list (&error);
  g_assert_no_error (error);
  listed = find_reader (G_LIST_MODEL (list), "virtual:0");
  g_assert_true (listed == BP_CARD_READER (virtual));
  g_assert_cmpstr (bp_card_reader_get_transport (listed), ==, "virtual");
  opened = bp_card_reader_open ("virtual:0", &error);
  g_assert_no_error (error);
  g_assert_true (opened == BP_CARD_READER (virtual));
  bp_card_readers_unregister (BP_CARD_READER (virtual));
}

int
main (int argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *socket = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* Before any thread starts: pcsclite and libnfc read these once. */
  dir = g_dir_make_tmp ("borderpost-pcsc-XXXXXX", NULL);
  socket = g_build_filename (dir, "pcscd.comm", NULL);
  g_setenv ("PCSCLITE_CSOCK_NAME", socket, TRUE);
  g_setenv ("LIBNFC_AUTO_SCAN", "false", TRUE);
  g_setenv ("LIBNFC_LOG_LEVEL", "0", TRUE);
  g_unsetenv ("LIBNFC_DEVICE");
  g_unsetenv ("LIBNFC_DEFAULT_DEVICE");

  g_test_add_func ("/borderpost/card/readers/list", test_list);
  g_test_add_func ("/borderpost/card/readers/open", test_open);
  g_test_add_func ("/borderpost/card/readers/virtual-reader", test_virtual_reader);

  ret = g_test_run ();
  g_rmdir (dir);
  return ret;
}
