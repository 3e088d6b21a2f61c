/* test-store-failures.c: a damaged, unwritable, full or locked store, and
 * a writer killed mid-commit.
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "bp-uuid.h"

#include "crossing-fixtures.h"
#include "store-fixture.h"

/* Failures */

static void
test_error_corrupt (Fixture *fixture,
                    gconstpointer data)
{
  g_autoptr (BpStore) store = bp_store_new (fixture->path);
  g_autoptr (BpCrossing) crossing = make_crossing ("A1", "A", "B");
  g_autoptr (GBytes) garbage = make_photo (64 * 1024);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_set_contents (fixture->path, g_bytes_get_data (garbage, NULL), g_bytes_get_size (garbage), &error);
  g_assert_no_error (error);

  g_assert_false (bp_store_open_sync (store, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_clear_error (&error);

  /* The evidence is kept as it was, for IT to look at. */
  g_file_get_contents (fixture->path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, g_bytes_get_data (garbage, NULL), g_bytes_get_size (garbage));

  g_assert_false (bp_store_save_crossing_sync (store, crossing, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_OPEN);
}

static void
test_error_damaged (Fixture *fixture,
                    gconstpointer data)
{
  g_autoptr (BpStore) store = open_store (fixture->path);
  g_autoptr (GBytes) garbage = make_photo (3 * 4096);
  g_autoptr (GError) error = NULL;
  FILE *file;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (BpCrossing) crossing = make_crossing ("A1", "A", "B");
      g_autoptr (GBytes) photo = make_photo (16 * 1024);

      bp_crossing_set_photo (crossing, photo);
      save (store, crossing);
    }
  g_assert_finalize_object (g_steal_pointer (&store));

  /* A real database whose pages after the header were overwritten, as a
   * failing disk might leave it. */
  file = fopen (fixture->path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, 4096, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (g_bytes_get_data (garbage, NULL), 1, g_bytes_get_size (garbage), file), ==, g_bytes_get_size (garbage));
  fclose (file);

  store = bp_store_new (fixture->path);
  g_assert_false (bp_store_open_sync (store, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_CORRUPT);
}

static void
test_error_not_a_directory (Fixture *fixture,
                            gconstpointer data)
{
  g_autofree char *file = g_build_filename (fixture->dir, "a-file", NULL);
  g_autofree char *path = g_build_filename (file, "borderpost.sqlite", NULL);
  g_autoptr (BpStore) store = bp_store_new (path);
  g_autoptr (GError) error = NULL;

  /* A database path that runs through a regular file cannot be created
   * by anyone, root included: the honest unwritable path on a machine
   * where tests run as root. */
  g_file_set_contents (file, "", 0, &error);
  g_assert_no_error (error);

  g_assert_false (bp_store_open_sync (store, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_error_read_only (Fixture *fixture,
                      gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  if (g_test_subprocess ())
    {
      const char *path = g_getenv ("BP_TEST_READ_ONLY_DATABASE");
      g_autoptr (BpStore) store = bp_store_new (path);

      /* This process's own fixture folder is not used; remove it while
       * still allowed to. */
      tmp_dir_remove_tree (fixture->dir);

      /* Root ignores file modes, so drop to "nobody" to meet them as an
       * officer's account would. */
      if (geteuid () == 0 && (setgroups (0, NULL) != 0 || setgid (65534) != 0 || setuid (65534) != 0))
        {
          g_test_skip ("Cannot leave the root account to test permissions");
          return;
        }

      g_assert_false (bp_store_open_sync (store, &error));
      g_test_message ("%s", error->message);
      g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_READ_ONLY);
      g_assert_nonnull (strstr (error->message, path));
      return;
    }

  {
    g_autoptr (BpStore) store = open_store (fixture->path);
    g_autoptr (BpCrossing) crossing = make_crossing ("A1", "A", "B");

    save (store, crossing);
  }

  /* A database written earlier, in a folder that has since become
   * read-only for this account. */
  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (fixture->dir, 0555), ==, 0);
  g_setenv ("BP_TEST_READ_ONLY_DATABASE", fixture->path, TRUE);

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);

  g_chmod (fixture->dir, 0700);
  g_unsetenv ("BP_TEST_READ_ONLY_DATABASE");
  g_test_trap_assert_passed ();

  g_assert_cmpint (query_int (fixture->path, "SELECT count (*) FROM crossings", NULL), ==, 1);
}

static void
test_error_disk_full (Fixture *fixture,
                      gconstpointer data)
{
  g_autoptr (BpStore) store = open_store (fixture->path);
  g_autoptr (BpCrossing) first = make_crossing ("A1", "A", "B");
  g_autoptr (GError) error = NULL;
  g_autofree char *integrity = NULL;
  guint saved = 1;

  save (store, first);

  /* max_page_count makes SQLite answer SQLITE_FULL exactly where a full
   * disk would, without filling a real disk. 40 pages of 4 KiB hold a
   * couple more crossings with photos. */
  _bp_store_exec_sync (store, "PRAGMA max_page_count = 40", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 50; i++)
    {
      g_autoptr (BpCrossing) crossing = make_crossing ("A1", "A", "B");
      g_autoptr (GBytes) photo = make_photo (40 * 1024);

      bp_crossing_set_photo (crossing, photo);
      if (!bp_store_save_crossing_sync (store, crossing, &error))
        {
          g_assert_cmpint (bp_crossing_get_sequence (crossing), ==, 0);
          break;
        }
      saved++;
    }

  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_DISK_FULL);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_assert_nonnull (strstr (error->message, "Nothing was recorded"));

  /* Everything saved before is intact, nothing of the failed one is. */
  g_assert_cmpuint (g_list_model_get_n_items (bp_store_get_recent (store)), ==, saved);
  g_assert_cmpint (bp_store_count_outbox_sync (store, NULL), ==, saved);
  g_assert_cmpint (query_int (fixture->path, "SELECT count (*) FROM crossings", NULL), ==, saved);
  g_assert_cmpint (query_int (fixture->path, "SELECT max (sequence) FROM crossings", NULL), ==, saved);
  integrity = query_text (fixture->path, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
}

static void
test_error_locked (Fixture *fixture,
                   gconstpointer data)
{
  g_autoptr (BpStore) store = open_store (fixture->path);
  g_autoptr (BpCrossing) crossing = make_crossing ("A1", "A", "B");
  g_autoptr (GError) error = NULL;
  sqlite3 *other = NULL;

  /* Five seconds is right for a booth, long for a test. */
  _bp_store_exec_sync (store, "PRAGMA busy_timeout = 100", &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (fixture->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_false (bp_store_save_crossing_sync (store, crossing, &error));
  g_assert_error (error, BP_STORE_ERROR, BP_STORE_ERROR_LOCKED);
  g_assert_cmpint (bp_crossing_get_sequence (crossing), ==, 0);
  g_clear_error (&error);

  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);

  save (store, crossing);
  g_assert_cmpint (bp_crossing_get_sequence (crossing), ==, 1);
}

/* Durability: a process killed at any moment keeps every crossing it
 * reported saved. This covers crashes and kills; power loss is covered
 * by synchronous=FULL, which a test cannot pull the plug on. */

static int
durability_child (const char *path)
{
  g_autoptr (BpStore) store = bp_store_new (path);
  g_autoptr (GBytes) photo = make_photo (40 * 1024);
  g_autoptr (GError) error = NULL;

  if (!bp_store_open_sync (store, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (;;)
    {
      g_autoptr (BpCrossing) crossing = make_crossing ("D1", "DURABLE", "DORA");

      bp_crossing_set_photo (crossing, photo);
      if (!bp_store_save_crossing_sync (store, crossing, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      /* One write of less than PIPE_BUF: the parent never sees half. */
      printf ("%s\n", bp_crossing_get_uuid (crossing));
      fflush (stdout);
    }
}

static void
test_durability_sigkill (Fixture *fixture,
                         gconstpointer data)
{
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr (GPtrArray) reported = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (BpStore) store = NULL;
  g_autofree char *integrity = NULL;
  gint64 stored;

  g_assert_nonnull (self_exe);

  for (guint round = 0; round < 12; round++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GSubprocess) child = NULL;
      g_autoptr (GDataInputStream) lines = NULL;
      guint want = g_test_rand_int_range (1, 12);
      char *line;

      child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                self_exe, "--durability-child", fixture->path, NULL);
      g_assert_no_error (error);
      lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));

      for (guint i = 0; i < want; i++)
        {
          line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
          g_assert_no_error (error);
          g_assert_true (bp_uuid_is_valid (line));
          g_ptr_array_add (reported, line);
        }

      /* Killed right after it said "saved", possibly in the middle of
       * the next commit. */
      g_subprocess_force_exit (child);

      /* Anything it printed before dying was saved too. */
      while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, NULL)) != NULL)
        {
          if (bp_uuid_is_valid (line))
            g_ptr_array_add (reported, line);
          else
            g_free (line);
        }

      g_subprocess_wait (child, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (child));
      g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
    }

  store = open_store (fixture->path);
  for (guint i = 0; i < reported->len; i++)
    {
      const char *uuid = g_ptr_array_index (reported, i);

      g_assert_cmpint (query_int (fixture->path, "SELECT count (*) FROM crossings WHERE uuid = ?1", uuid), ==, 1);
      g_assert_cmpint (query_int (fixture->path, "SELECT count (*) FROM outbox WHERE crossing_uuid = ?1", uuid), ==, 1);
    }

  /* At most one more than reported per kill: saved, killed before printing. */
  stored = query_int (fixture->path, "SELECT count (*) FROM crossings", NULL);
  g_assert_cmpint (stored, >=, reported->len);
  g_assert_cmpint (stored, <=, reported->len + 12);
  g_assert_cmpint (query_int (fixture->path, "SELECT max (sequence) FROM crossings", NULL), ==, stored);
  g_assert_cmpint (bp_store_count_outbox_sync (store, NULL), ==, stored);
  integrity = query_text (fixture->path, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_test_message ("%u crossings reported saved, %" G_GINT64_FORMAT " stored", reported->len, stored);
}

int
main (int argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--durability-child"))
    return durability_child (argv[2]);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/borderpost/store/errors/corrupt", test_error_corrupt);
  ADD ("/borderpost/store/errors/damaged", test_error_damaged);
  ADD ("/borderpost/store/errors/not-a-directory", test_error_not_a_directory);
  ADD ("/borderpost/store/errors/read-only", test_error_read_only);
  ADD ("/borderpost/store/errors/disk-full", test_error_disk_full);
  ADD ("/borderpost/store/errors/locked", test_error_locked);
  ADD ("/borderpost/store/durability/sigkill", test_durability_sigkill);

#undef ADD

  return g_test_run ();
}
