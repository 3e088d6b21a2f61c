/* test-pki-cli.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>

#include "pki-fixtures.h"

/* `borderpost-cli csca …` and `borderpost-cli verify …`, run as a process
 * with BORDERPOST_TRUST_STORE pointing into the test PKI folder. */

static char *store_path;

static int
run_cli (JsonNode **json,
         char **err,
         ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  const char *cli = g_getenv ("BORDERPOST_CLI");
  const char *arg;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "BORDERPOST_TRUST_STORE", store_path, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, err, &error);
  g_assert_no_error (error);

  *json = NULL;
  if (out != NULL && *out != '\0')
    {
      *json = json_from_string (out, &error);
      g_assert_no_error (error);
    }
  return g_subprocess_get_exit_status (process);
}

static char *
pki_path (const char *name)
{
  return g_build_filename (test_pki_dir, name, NULL);
}

static void
test_csca (void)
{
  g_autofree char *list = g_test_build_filename (G_TEST_DIST, "pki", "data", "NL_MASTERLIST_20211207.mls", NULL);
  g_autofree char *anchor = g_test_build_filename (G_TEST_DIST, "pki", "data", "CSCA_NL_6.cer", NULL);
  g_autofree char *crl = g_test_build_filename (G_TEST_DIST, "pki", "data", "COL.crl", NULL);
  g_autofree char *err = NULL;
  g_autoptr (JsonNode) json = NULL;
  JsonArray *entries;
  gint64 id = 0;

  g_assert_cmpint (run_cli (&json, &err, "csca", "import", list, NULL), ==, 1);
  g_assert_null (json);
  g_assert_nonnull (strstr (err, "anchor"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&json, &err, "csca", "import", list, "--anchor", anchor, NULL), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json), "imported"), ==, 306);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json), "duplicates"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (json), "countries")), ==, 96);
  g_clear_pointer (&json, json_node_unref);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&json, &err, "csca", "import", crl, NULL), ==, 0);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (json), "expired"));
  g_clear_pointer (&json, json_node_unref);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&json, &err, "csca", "list", "--country", "CO", NULL), ==, 0);
  entries = json_node_get_array (json);
  g_assert_cmpuint (json_array_get_length (entries), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      if (g_str_equal (json_object_get_string_member (entry, "kind"), "crl"))
        {
          g_assert_true (json_object_get_boolean_member (entry, "expired"));
          id = json_object_get_int_member (entry, "id");
        }
    }
  g_assert_cmpint (id, >, 0);
  g_clear_pointer (&json, json_node_unref);
  g_clear_pointer (&err, g_free);

  {
    g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

    g_assert_cmpint (run_cli (&json, &err, "csca", "show", text, NULL), ==, 0);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "next_update"), ==, "2020-08-06T12:38:29Z");
    g_clear_pointer (&json, json_node_unref);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (&json, &err, "csca", "remove", text, NULL), ==, 0);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "kind"), ==, "crl");
    g_clear_pointer (&json, json_node_unref);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (&json, &err, "csca", "remove", text, NULL), ==, 1);
    g_clear_pointer (&err, g_free);
  }
  g_assert_cmpint (run_cli (&json, &err, "csca", "remove", "abc", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&json, &err, "csca", "frobnicate", NULL), ==, 2);
}

static const char *
verdict_of (JsonNode *json)
{
  return json_object_get_string_member (json_node_get_object (json), "verdict");
}

static void
test_verify (void)
{
  g_autofree char *bsi = g_test_build_filename (G_TEST_DIST, "pki", "data", "bsi-mustermann", NULL);
  g_autofree char *genuine = pki_path ("genuine-bp");
  g_autofree char *altered = pki_path ("altered-dg");
  g_autofree char *ml = pki_path ("ml.der");
  g_autofree char *anchor = pki_path ("anchor.pem");
  g_autofree char *csca = pki_path ("csca-bp.pem");
  g_autofree char *other = pki_path ("csca-pss.pem");
  g_autofree char *err = NULL;
  g_autoptr (JsonNode) json = NULL;

  /* Against one certificate. */
  g_assert_cmpint (run_cli (&json, &err, "verify", "--dir", genuine, "--csca", csca, NULL), ==, 0);
  g_assert_cmpstr (verdict_of (json), ==, "genuine");
  g_clear_pointer (&json, json_node_unref);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&json, &err, "verify", "--dir", genuine, "--csca", other, NULL), ==, 1);
  g_assert_cmpstr (verdict_of (json), ==, "doubtful");
  g_clear_pointer (&json, json_node_unref);
  g_clear_pointer (&err, g_free);

  /* Against the store. */
  g_assert_cmpint (run_cli (&json, &err, "csca", "import", ml, "--anchor", anchor, NULL), ==, 0);
  g_clear_pointer (&json, json_node_unref);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&json, &err, "verify", "--dir", genuine, NULL), ==, 0);
  g_assert_cmpstr (verdict_of (json), ==, "genuine");
  g_clear_pointer (&json, json_node_unref);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&json, &err, "verify", "--dir", altered, "--trust-store", store_path, NULL), ==, 1);
  g_assert_cmpstr (verdict_of (json), ==, "failed");
  g_clear_pointer (&json, json_node_unref);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&json, &err, "verify", "--dir", bsi, NULL), ==, 1);
  g_assert_cmpstr (verdict_of (json), ==, "failed");
  g_clear_pointer (&json, json_node_unref);
  g_clear_pointer (&err, g_free);

  /* Usage. */
  g_assert_cmpint (run_cli (&json, &err, "verify", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&json, &err, "verify", "--dir", genuine, "--csca", csca, "--trust-store", store_path, NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&json, &err, "verify", "--dir", "/nonexistent", NULL), ==, 3);
}

int
main (int argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  make_test_pki ();
  store_path = g_build_filename (test_pki_dir, "trust.sqlite", NULL);

  g_test_add_func ("/borderpost/pki/cli/csca", test_csca);
  g_test_add_func ("/borderpost/pki/cli/verify", test_verify);

  status = g_test_run ();
  remove_test_pki ();
  g_free (store_path);
  return status;
}
