/* test-chip-cli.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "../tmp-dir.h"
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

/* borderpost-cli chip read, end to end on a specimen profile. */

static char *
profile_reader (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("BORDERPOST_DATADIR"), "specimens", name, NULL);

  return g_strconcat ("virtual:", path, NULL);
}

static int
run_cli (const char *const *args,
         char **out,
         char **err)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("BORDERPOST_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char *const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static void
test_read_out (void)
{
  g_autofree char *reader = profile_reader ("utopia-passport.ini");
  g_autofree char *dir = g_dir_make_tmp ("chip-XXXXXX", NULL);
  const char *args[] = { "chip", "read", "--reader", reader, "--out", dir, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root;
  JsonObject *dg1;
  g_autofree char *dg1_path = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  g_autofree char *digest = NULL;

  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "access_control"), ==, "PACE-GM");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (root, "mrz"), "P<UTO"));
  g_assert_cmpint (json_object_get_int_member (root, "apdus"), >, 10);
  dg1 = json_object_get_object_member (json_object_get_object_member (root, "files"), "DG1");
  g_assert_cmpstr (json_object_get_string_member (dg1, "status"), ==, "read");

  /* The file written is the file reported. */
  dg1_path = g_build_filename (dir, "DG1.bin", NULL);
  g_assert_true (g_file_get_contents (dg1_path, &contents, &length, NULL));
  g_assert_cmpint (length, ==, json_object_get_int_member (dg1, "size"));
  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  g_assert_cmpstr (digest, ==, json_object_get_string_member (dg1, "sha256"));
  g_assert_cmpuint (contents[0], ==, 0x61);
  {
    g_autofree char *sod = g_build_filename (dir, "SOD.bin", NULL);
    g_autofree char *com = g_build_filename (dir, "COM.bin", NULL);
    g_assert_true (g_file_test (sod, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (com, G_FILE_TEST_EXISTS));
  }
  /* The specimen has DG14: Chip Authentication (ECDH, AES-128) ran and
   * passed, said in the JSON and in chip.json; it has an Active
   * Authentication key, so the challenge and the signature are written
   * for the offline checks; no CAM. */
  {
    JsonObject *ca = json_object_get_object_member (root, "chip_authentication");
    g_autofree char *ca_path = g_build_filename (dir, "chip.json", NULL);
    g_autofree char *challenge_path = g_build_filename (dir, "aa-challenge.bin", NULL);
    g_autofree char *response_path = g_build_filename (dir, "aa-response.bin", NULL);
    g_autofree char *cam_path = g_build_filename (dir, "cam-ca-ic.bin", NULL);
    g_autofree char *challenge = NULL;
    g_autoptr (JsonParser) ca_parser = json_parser_new ();
    gsize challenge_length = 0;

    g_assert_cmpstr (json_object_get_string_member (ca, "state"), ==, "passed");
    g_assert_cmpstr (json_object_get_string_member (ca, "protocol"), ==, "0.4.0.127.0.7.2.2.3.2.2");
    g_assert_true (json_parser_load_from_file (ca_parser, ca_path, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (
                         json_object_get_object_member (json_node_get_object (json_parser_get_root (ca_parser)),
                                                        "chip_authentication"),
                         "state"),
                     ==, "passed");
    g_assert_true (g_file_get_contents (challenge_path, &challenge, &challenge_length, NULL));
    g_assert_cmpuint (challenge_length, ==, 8);
    g_assert_true (g_file_test (response_path, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (cam_path, G_FILE_TEST_EXISTS));
  }
  tmp_dir_remove_tree (dir);
}

/* The chip check of @root's "chip_checks" with this id, or NULL. */
static JsonObject *
chip_check (JsonObject *root,
            const char *id)
{
  JsonArray *checks = json_object_get_array_member (root, "chip_checks");

  for (guint i = 0; i < json_array_get_length (checks); i++)
    {
      JsonObject *check = json_array_get_object_element (checks, i);

      if (g_str_equal (json_object_get_string_member (check, "id"), id))
        return check;
    }
  return NULL;
}

static const char *
chip_check_verdict (JsonObject *root,
                    const char *id)
{
  JsonObject *check = chip_check (root, id);

  return check ? json_object_get_string_member (check, "verdict") : NULL;
}

static JsonObject *
chip_check_evidence (JsonObject *root,
                     const char *id)
{
  JsonObject *check = chip_check (root, id);

  g_assert_nonnull (check);
  return json_object_get_object_member (check, "evidence");
}

/* chip read --out, then verify --dir offline against the specimen CSCA:
 * what the booth decides live, booth IT can decide again from the
 * folder, copies included. */
static void
test_verify_offline (void)
{
  static const struct
  {
    const char *profile;
    int status;
    const char *chip_auth;
    const char *active_auth;
    const char *pa;
  } cases[] = {
    { "utopia-passport.ini", 0, "passed", "passed", "genuine" },
    { "utopia-id-card.ini", 0, "passed", NULL, "genuine" },
    { "utopia-passport-aa-clone.ini", 1, NULL, "failed", "genuine" },
    { "utopia-passport-ca-clone.ini", 1, "failed", NULL, "genuine" },
    { "utopia-id-card-cam-clone.ini", 1, "failed", NULL, "genuine" },
    { "utopia-passport-missing-dg.ini", 1, NULL, NULL, "failed" },
  };
  g_autofree char *csca = g_build_filename (g_getenv ("BORDERPOST_DATADIR"), "specimens", "pki", "csca.pem", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *reader = profile_reader (cases[i].profile);
      g_autofree char *dir = g_dir_make_tmp ("chip-XXXXXX", NULL);
      const char *read[] = { "chip", "read", "--reader", reader, "--out", dir, NULL };
      const char *verify[] = { "verify", "--dir", dir, "--csca", csca, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *verify_out = NULL;
      g_autofree char *verify_err = NULL;
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;
      JsonObject *root;

      g_test_message ("%s", cases[i].profile);
      g_assert_cmpint (run_cli (read, &out, &err), ==, 0);
      g_assert_cmpint (run_cli (verify, &verify_out, &verify_err), ==, cases[i].status);
      g_assert_true (json_parser_load_from_data (parser, verify_out, -1, &error));
      g_assert_no_error (error);
      root = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpstr (json_object_get_string_member (root, "verdict"), ==, cases[i].pa);
      g_assert_cmpstr (json_object_get_string_member (root, "overall"), ==,
                       cases[i].status == 0 ? "genuine" : "failed");
      g_assert_cmpstr (chip_check_verdict (root, "chip-auth"), ==, cases[i].chip_auth);
      g_assert_cmpstr (chip_check_verdict (root, "active-auth"), ==, cases[i].active_auth);
      /* What the chip checks rest on: the key of DG14 (the specimens' is
       * brainpoolP256r1) and that of DG15 with the challenge sent. */
      if (cases[i].chip_auth != NULL)
        {
          JsonObject *evidence = chip_check_evidence (root, "chip-auth");

          g_assert_cmpstr (json_object_get_string_member (evidence, "curve"), ==, "brainpoolP256r1");
          g_assert_true (json_object_get_boolean_member (evidence, "key_proven_by_signature"));
        }
      if (cases[i].active_auth != NULL)
        {
          JsonObject *evidence = chip_check_evidence (root, "active-auth");

          g_assert_cmpuint (strlen (json_object_get_string_member (evidence, "challenge")), ==, 16);
          g_assert_nonnull (json_object_get_string_member (evidence, "key_type"));
        }
      tmp_dir_remove_tree (dir);
    }
}

/* A damaged chip.json is refused with a plain message, not guessed at. */
static void
test_verify_damaged (void)
{
  static const char *const damaged[] = {
    "{",
    "[]",
    "{\"files\": [{\"name\": \"../../etc/passwd\", \"status\": \"read\"}]}",
    "{\"files\": [42]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autofree char *dir = g_dir_make_tmp ("chip-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "chip.json", NULL);
      const char *verify[] = { "verify", "--dir", dir, "--trust-store", ":memory:", NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_true (g_file_set_contents (path, damaged[i], -1, NULL));
      g_assert_cmpint (run_cli (verify, &out, &err), ==, 3);
      g_assert_nonnull (strstr (err, "chip.json"));
      tmp_dir_remove_tree (dir);
    }
}

static void
test_wrong_mrz (void)
{
  g_autofree char *reader = profile_reader ("utopia-passport-grey.ini");
  const char *args[] = { "chip", "read", "--reader", reader, "--mrz",
                         "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
                         NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (args, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "was refused by the chip"));
}

static void
test_usage (void)
{
  const char *args[] = { "chip", "read", NULL };
  const char *bad_reader[] = { "chip", "read", "--reader", "nowhere:1", "--can", "123456", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;

  g_assert_cmpint (run_cli (args, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "Usage: borderpost-cli chip read"));
  g_assert_cmpint (run_cli (bad_reader, &out2, &err2), ==, 3);
  g_assert_nonnull (strstr (err2, "is not a reader"));
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/borderpost/emrtd/cli/read-out", test_read_out);
  g_test_add_func ("/borderpost/emrtd/cli/verify-offline", test_verify_offline);
  g_test_add_func ("/borderpost/emrtd/cli/verify-damaged", test_verify_damaged);
  g_test_add_func ("/borderpost/emrtd/cli/wrong-mrz", test_wrong_mrz);
  g_test_add_func ("/borderpost/emrtd/cli/usage", test_usage);

  return g_test_run ();
}
