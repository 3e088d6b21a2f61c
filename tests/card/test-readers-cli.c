/* test-readers-cli.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* `borderpost-cli readers` as IT staff run it: the emulated PN532 listed
 * through libnfc, PC/SC with pcscd stopped (a clear error in the JSON, exit
 * 0) and with pcscd running and no reader (an empty PC/SC list). */

#define G_LOG_DOMAIN "test-readers-cli"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pn532-emu.h"

static int
run_readers (const char *const *extra_env,
             JsonObject **object_out)
{
  const char *cli = g_getenv ("BORDERPOST_CLI");
  const char *argv[] = { cli, "readers", NULL };
  g_auto (GStrv) env = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  int status;

  g_assert_nonnull (cli);
  env = g_environ_setenv (env, "LIBNFC_AUTO_SCAN", "false", TRUE);
  env = g_environ_setenv (env, "LIBNFC_LOG_LEVEL", "0", TRUE);
  env = g_environ_unsetenv (env, "LIBNFC_DEVICE");
  env = g_environ_unsetenv (env, "PCSCLITE_CSOCK_NAME");
  for (guint i = 0; extra_env != NULL && extra_env[i] != NULL; i += 2)
    env = g_environ_setenv (env, extra_env[i], extra_env[i + 1], TRUE);

  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", out, err);
  if (!g_spawn_check_wait_status (status, NULL))
    return WIFEXITED (status) ? WEXITSTATUS (status) : -1;

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  *object_out = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  return 0;
}

/* vsmartcard-vpcd (installed for suite pcsc) puts its readers, "Virtual
 * PCD 00 00" and "Virtual PCD 00 01", in /etc/reader.conf.d: a pcscd
 * started with the default configuration shows them, empty. */
static gboolean
is_vpcd_reader (JsonObject *reader)
{
  return g_str_has_prefix (json_object_get_string_member (reader, "id"), "pcsc:Virtual PCD ");
}

/* Readers of @transport, not counting vpcd's. */
static guint
count_transport (JsonObject *object,
                 const char *transport)
{
  JsonArray *readers = json_object_get_array_member (object, "readers");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (readers); i++)
    {
      JsonObject *reader = json_array_get_object_element (readers, i);

      if (g_str_equal (json_object_get_string_member (reader, "transport"), transport) && !is_vpcd_reader (reader))
        n++;
    }
  return n;
}

static void
test_pcscd_stopped (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (Pn532Emu) emu = pn532_emu_new (&error);
  g_autofree char *dir = g_dir_make_tmp ("borderpost-pcsc-XXXXXX", NULL);
  g_autofree char *socket = g_build_filename (dir, "pcscd.comm", NULL);
  const char *env[] = {
    "PCSCLITE_CSOCK_NAME", socket,
    "LIBNFC_DEVICE", NULL,
    NULL
  };
  g_autoptr (JsonObject) object = NULL;
  g_autofree char *expected_id = NULL;
  JsonArray *readers;
  JsonObject *errors, *pcsc, *nfc_reader = NULL;

  g_assert_no_error (error);
  env[3] = pn532_emu_get_connstring (emu);
  expected_id = g_strconcat ("nfc:", env[3], NULL);

  g_assert_cmpint (run_readers (env, &object), ==, 0);
  readers = json_object_get_array_member (object, "readers");
  for (guint i = 0; i < json_array_get_length (readers); i++)
    {
      JsonObject *reader = json_array_get_object_element (readers, i);
      if (g_str_equal (json_object_get_string_member (reader, "id"), expected_id))
        nfc_reader = reader;
    }
  g_assert_nonnull (nfc_reader);
  g_assert_cmpstr (json_object_get_string_member (nfc_reader, "transport"), ==, "nfc");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (nfc_reader, "name"), "PN532 on a serial port"));
  g_assert_true (json_object_get_null_member (nfc_reader, "card_present"));

  errors = json_object_get_object_member (object, "errors");
  g_assert_false (json_object_has_member (errors, "nfc"));
  pcsc = json_object_get_object_member (errors, "pcsc");
  g_assert_nonnull (pcsc);
  g_assert_cmpstr (json_object_get_string_member (pcsc, "code"), ==, "no-reader");
  g_assert_nonnull (strstr (json_object_get_string_member (pcsc, "message"), "pcscd is not running"));
  g_assert_cmpuint (count_transport (object, "pcsc"), ==, 0);

  g_rmdir (dir);
}

static gboolean
pcscd_answers (void)
{
  struct sockaddr_un address = { .sun_family = AF_UNIX, .sun_path = "/run/pcscd/pcscd.comm" };
  int fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  gboolean ok = connect (fd, (struct sockaddr *) &address, sizeof address) == 0;

  close (fd);
  return ok;
}

static void
test_pcscd_running (void)
{
  /* --auto-exit: should this test abort, pcscd still quits by itself
   * after 60 s of inactivity. */
  const char *argv[] = { "pcscd", "--foreground", "--auto-exit", NULL };
  g_autofree char *pcscd = g_find_program_in_path ("pcscd");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) object = NULL;
  GPid pid = 0;
  JsonObject *errors;

  if (!pcscd_answers ())
    {
      if (pcscd == NULL)
        pcscd = g_strdup ("/usr/sbin/pcscd");
      argv[0] = pcscd;
      if (!g_file_test (pcscd, G_FILE_TEST_IS_EXECUTABLE) || getuid () != 0)
        {
          g_test_skip ("pcscd is not running and cannot be started here (needs the pcscd package and root)");
          return;
        }
      g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &pid, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < 100 && !pcscd_answers (); i++)
        g_usleep (50000);
      if (!pcscd_answers ())
        {
          int status;
          kill (pid, SIGTERM);
          waitpid (pid, &status, 0);
          g_assert_not_reached ();
        }
    }

  g_assert_cmpint (run_readers (NULL, &object), ==, 0);
  errors = json_object_get_object_member (object, "errors");
  g_assert_false (json_object_has_member (errors, "pcsc"));
  /* No PC/SC reader on a test machine (but vpcd's virtual ones). */
  g_assert_cmpuint (count_transport (object, "pcsc"), ==, 0);

  if (pid != 0)
    {
      int status;
      kill (pid, SIGTERM);
      waitpid (pid, &status, 0);
      g_spawn_close_pid (pid);
    }
}

static void
test_usage (void)
{
  const char *cli = g_getenv ("BORDERPOST_CLI");
  const char *argv[] = { cli, "readers", "extra", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  g_assert_nonnull (cli);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "extra"));
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/borderpost/card/readers-cli/usage", test_usage);
  g_test_add_func ("/borderpost/card/readers-cli/pcscd-stopped", test_pcscd_stopped);
  g_test_add_func ("/borderpost/card/readers-cli/pcscd-running", test_pcscd_running);

  return g_test_run ();
}
