/* pki-fixtures.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* The test PKI, built once per test program by make-test-pki.sh. */
static char *test_pki_dir;

G_GNUC_UNUSED static GBytes *
load_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* A file of tests/pki/data/. */
G_GNUC_UNUSED static GBytes *
load_data (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "pki", "data", name, NULL);

  return load_file (path);
}

/* A file of the test PKI. */
G_GNUC_UNUSED static GBytes *
load_pki (const char *name)
{
  g_autofree char *path = g_build_filename (test_pki_dir, name, NULL);

  return load_file (path);
}

static void
make_test_pki (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "pki", "make-test-pki.sh", NULL);
  g_autofree char *errors = NULL;
  int status = 0;
  const char *argv[] = { "bash", script, NULL, NULL };

  test_pki_dir = g_dir_make_tmp ("borderpost-pki-XXXXXX", &error);
  g_assert_no_error (error);
  argv[2] = test_pki_dir;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, &errors, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("make-test-pki.sh failed: %s", errors);
}

static void
remove_test_pki (void)
{
  const char *argv[] = { "rm", "-rf", test_pki_dir, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  g_clear_pointer (&test_pki_dir, g_free);
}
