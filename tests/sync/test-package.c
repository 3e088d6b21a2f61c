/* test-package.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bp_sync_package_verify() and _install() on packages made in-process.
 */

#include "config.h"

#include "bp-sync-package.h"
#include "bp-sync.h"

#include "package-fixtures.h"
#include "sync-fixtures.h"

typedef struct
{
  char *dir;
  char *served;
} Fixture;

static void
fixture_setup (Fixture *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("bp-package-XXXXXX", &error);
  g_assert_no_error (error);
  f->served = g_build_filename (f->dir, "served", NULL);
}

static void
fixture_teardown (Fixture *f,
                  gconstpointer data)
{
  tmp_dir_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->served);
}

static GBytes *
part (Fixture *f,
      const char *kind,
      int version,
      const char *name)
{
  g_autofree char *v = g_strdup_printf ("%d", version);
  g_autofree char *path = g_build_filename (f->served, kind, v, name, NULL);
  g_autoptr (GError) error = NULL;
  char *data = NULL;
  gsize len;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (data, len);
}

static BpSyncManifest *
verify (Fixture *f,
        const char *kind,
        int version,
        const char *key,
        const char *expected_kind,
        gint64 installed,
        GError **error)
{
  g_autoptr (GBytes) manifest = part (f, kind, version, "manifest.json");
  g_autoptr (GBytes) signature = part (f, kind, version, "manifest.sig");
  g_autoptr (GBytes) payload = part (f, kind, version, "payload");

  return bp_sync_package_verify (manifest, signature, payload, key, expected_kind, installed, error);
}

static void
test_verify (Fixture *f,
             gconstpointer data)
{
  g_autofree char *ed = make_signing_key (f->dir, "ED25519");
  g_autofree char *ec = make_signing_key (f->dir, "EC");
  g_autofree char *rsa = make_signing_key (f->dir, "RSA");
  g_autoptr (GError) error = NULL;
  g_autoptr (BpSyncManifest) manifest = NULL;

  make_package (f->served, "alert-list", 1, -1, "full list", ed, TAMPER_NONE);
  make_package (f->served, "alert-list", 2, 1, "delta", ed, TAMPER_PAYLOAD);
  make_package (f->served, "alert-list", 3, 1, "delta", ed, TAMPER_SIGNATURE);
  make_package (f->served, "csca", 4, 3, "csca delta", ec, TAMPER_NONE);
  make_package (f->served, "csca", 5, -1, "csca full", rsa, TAMPER_NONE);

  /* Ed25519, full package, nothing installed. */
  manifest = verify (f, "alert-list", 1, ed, "alert-list", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (manifest->version, ==, 1);
  g_assert_cmpint (manifest->base_version, ==, -1);
  g_assert_cmpint (manifest->payload_size, ==, strlen ("full list"));
  g_clear_pointer (&manifest, bp_sync_manifest_free);

  /* Not newer than installed: stale, not an error to report. */
  manifest = verify (f, "alert-list", 1, ed, "alert-list", 1, &error);
  g_assert_error (error, BP_SYNC_ERROR, BP_SYNC_ERROR_STALE_PACKAGE);
  g_clear_error (&error);

  /* Asked for another kind. */
  manifest = verify (f, "alert-list", 1, ed, "csca", 0, &error);
  g_assert_error (error, BP_SYNC_ERROR, BP_SYNC_ERROR_BAD_PACKAGE);
  g_clear_error (&error);

  /* Verified with another key. */
  manifest = verify (f, "alert-list", 1, ec, "alert-list", 0, &error);
  g_assert_error (error, BP_SYNC_ERROR, BP_SYNC_ERROR_BAD_PACKAGE);
  g_clear_error (&error);

  /* Payload changed after signing. */
  manifest = verify (f, "alert-list", 2, ed, "alert-list", 1, &error);
  g_assert_error (error, BP_SYNC_ERROR, BP_SYNC_ERROR_BAD_PACKAGE);
  g_clear_error (&error);

  /* Forged signature. */
  manifest = verify (f, "alert-list", 3, ed, "alert-list", 1, &error);
  g_assert_error (error, BP_SYNC_ERROR, BP_SYNC_ERROR_BAD_PACKAGE);
  g_clear_error (&error);

  /* ECDSA P-256: a delta on 3 applies to 3 only. */
  manifest = verify (f, "csca", 4, ec, "csca", 3, &error);
  g_assert_no_error (error);
  g_assert_cmpint (manifest->base_version, ==, 3);
  g_clear_pointer (&manifest, bp_sync_manifest_free);
  manifest = verify (f, "csca", 4, ec, "csca", 2, &error);
  g_assert_error (error, BP_SYNC_ERROR, BP_SYNC_ERROR_BAD_PACKAGE);
  g_clear_error (&error);

  /* RSA is not a scheme of the protocol. */
  manifest = verify (f, "csca", 5, rsa, "csca", 0, &error);
  g_assert_error (error, BP_SYNC_ERROR, BP_SYNC_ERROR_NOT_CONFIGURED);
  g_assert_null (manifest);
}

static void
test_garbage (Fixture *f,
              gconstpointer data)
{
  g_autofree char *ed = make_signing_key (f->dir, "ED25519");
  const char *const manifests[] = {
    "",
    "[]",
    "{",
    "{\"kind\":\"csca\"}",
    "{\"kind\":\"csca\",\"version\":\"1\",\"payload_sha256\":\"x\",\"payload_size\":1}",
    "{\"kind\":\"csca\",\"version\":1,\"base_version\":\"0\",\"payload_sha256\":"
    "\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\",\"payload_size\":4}",
    "{\"kind\":7,\"version\":1,\"payload_sha256\":null,\"payload_size\":-1}",
  };

  /* Signed, but not manifests: refused without a warning. */
  for (guint i = 0; i < G_N_ELEMENTS (manifests); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) manifest = g_bytes_new_static (manifests[i], strlen (manifests[i]));
      g_autoptr (GBytes) signature = sign_bytes (ed, manifests[i], strlen (manifests[i]));
      g_autoptr (GBytes) payload = g_bytes_new_static ("test", 4);
      g_autoptr (BpSyncManifest) parsed = bp_sync_package_verify (manifest, signature, payload, ed, "csca", 0, &error);

      g_assert_null (parsed);
      g_assert_error (error, BP_SYNC_ERROR, BP_SYNC_ERROR_BAD_PACKAGE);
    }
}

static void
test_install (Fixture *f,
              gconstpointer data)
{
  g_autofree char *ed = make_signing_key (f->dir, "ED25519");
  g_autofree char *packages = g_build_filename (f->dir, "packages", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (BpSyncManifest) manifest = NULL;
  g_autoptr (GBytes) manifest_bytes = NULL;
  g_autoptr (GBytes) payload = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = g_build_filename (packages, "alert-list", "1.payload", NULL);
  g_autofree char *kind_dir = g_build_filename (packages, "alert-list", NULL);
  g_autoptr (GDir) dir = NULL;
  const char *name;
  guint n = 0;

  make_package (f->served, "alert-list", 1, -1, "full list", ed, TAMPER_NONE);
  manifest = verify (f, "alert-list", 1, ed, "alert-list", 0, &error);
  manifest_bytes = part (f, "alert-list", 1, "manifest.json");
  payload = part (f, "alert-list", 1, "payload");

  path = bp_sync_package_install (packages, manifest, manifest_bytes, payload, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, expected);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "full list");

  /* Nothing else is left behind: no temporary files. */
  dir = g_dir_open (kind_dir, 0, &error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_true (g_str_equal (name, "1.payload") || g_str_equal (name, "1.manifest.json"));
      n++;
    }
  g_assert_cmpuint (n, ==, 2);
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/borderpost/sync/package/verify", test_verify);
  ADD ("/borderpost/sync/package/garbage", test_garbage);
  ADD ("/borderpost/sync/package/install", test_install);
#undef ADD

  return g_test_run ();
}
