/* test-update-apply.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Applying verified update packages to the alert lists and the trust
 * store: a full list, a delta that follows it, a delta that does not,
 * a delta on a damaged list, and a CSCA certificate. */

#include "config.h"

#include "tmp-dir.h"

#include <glib/gstdio.h>

#include "bp-update-apply.h"

static char *
write_file (const char *dir,
            const char *name,
            const char *data,
            gsize length)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, length, NULL));
  return path;
}

/* The alert list sltd: a full list at version 7, and the delta on it. */
static const char FULL_V7[] = "{\"kind\":\"header\",\"list\":\"sltd\",\"version\":7}\n"
                              "{\"id\":\"a\",\"list\":\"sltd\",\"kind\":\"document\",\"document_number\":\"AB1234567\","
                              "\"document_type\":\"P\",\"issuing_state\":\"UTO\",\"action\":\"seize\"}\n";
static const char DELTA_V8[] = "{\"kind\":\"header\",\"list\":\"sltd\",\"version\":8,\"base_version\":7}\n"
                               "{\"id\":\"b\",\"list\":\"sltd\",\"kind\":\"document\",\"document_number\":\"CD7654321\","
                               "\"document_type\":\"P\",\"issuing_state\":\"UTO\",\"action\":\"seize\"}\n";

static guint
list_version (BpWatchlist *watchlist,
              const char *name)
{
  g_autoptr (GPtrArray) lists = bp_watchlist_get_lists (watchlist);

  for (guint i = 0; i < lists->len; i++)
    {
      BpWatchlistListStatus *status = g_ptr_array_index (lists, i);

      if (g_str_equal (status->name, name))
        return status->version;
    }
  return 0;
}

static void
test_alert_list (void)
{
  static const char stale[] = "{\"kind\":\"header\",\"list\":\"sltd\",\"version\":12,\"base_version\":11}\n"
                              "{\"id\":\"c\",\"op\":\"delete\"}\n";
  g_autofree char *dir = tmp_dir_new ("borderpost-update-XXXXXX");
  g_autofree char *lists_dir = g_build_filename (dir, "lists", NULL);
  g_autoptr (BpWatchlist) watchlist = bp_watchlist_new (lists_dir);
  g_autofree char *full_path = write_file (dir, "full.jsonl", FULL_V7, strlen (FULL_V7));
  g_autofree char *delta_path = write_file (dir, "delta.jsonl", DELTA_V8, strlen (DELTA_V8));
  g_autofree char *stale_path = write_file (dir, "stale.jsonl", stale, strlen (stale));
  g_autoptr (GError) error = NULL;

  g_assert_true (bp_update_apply ("alert-list", full_path, watchlist, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (list_version (watchlist, "sltd"), ==, 7);

  g_assert_true (bp_update_apply ("alert-list", delta_path, watchlist, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (list_version (watchlist, "sltd"), ==, 8);
  g_assert_cmpuint (bp_watchlist_get_n_entries (watchlist), ==, 2);

  /* A delta that does not follow: refused, nothing changes. */
  g_assert_false (bp_update_apply ("alert-list", stale_path, watchlist, NULL, &error));
  g_assert_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_NEEDS_FULL_RELOAD);
  g_assert_cmpuint (list_version (watchlist, "sltd"), ==, 8);
  g_clear_error (&error);

  /* Headquarters' full list replaces even a newer installed one (HQ
   * restored from a backup); a file imported by hand does not. */
  {
    static const char older[] = "{\"kind\":\"header\",\"list\":\"sltd\",\"version\":5}\n"
                                "{\"id\":\"z\",\"list\":\"sltd\",\"kind\":\"document\",\"document_number\":\"EF1111111\","
                                "\"document_type\":\"P\",\"issuing_state\":\"UTO\",\"action\":\"seize\"}\n";
    g_autofree char *older_path = write_file (dir, "older.jsonl", older, strlen (older));

    g_assert_false (bp_watchlist_import_file (watchlist, older_path, NULL, BP_WATCHLIST_IMPORT_FULL, &error));
    g_assert_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpuint (list_version (watchlist, "sltd"), ==, 8);

    g_assert_true (bp_update_apply ("alert-list", older_path, watchlist, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (list_version (watchlist, "sltd"), ==, 5);
    g_assert_cmpuint (bp_watchlist_get_n_entries (watchlist), ==, 1);
  }

  g_assert_false (bp_update_apply ("weather", full_path, watchlist, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

/* A delta cannot go on a damaged installed list: it asks for the full
 * list like a delta that does not follow, the index in use keeps
 * screening, and the full list then replaces the damaged one. */
static void
test_damaged_list (void)
{
  g_autofree char *dir = tmp_dir_new ("borderpost-update-XXXXXX");
  g_autofree char *lists_dir = g_build_filename (dir, "lists", NULL);
  g_autofree char *installed = g_build_filename (lists_dir, "sltd.jsonl", NULL);
  g_autoptr (BpWatchlist) watchlist = bp_watchlist_new (lists_dir);
  g_autofree char *full_path = write_file (dir, "full.jsonl", FULL_V7, strlen (FULL_V7));
  g_autofree char *delta_path = write_file (dir, "delta.jsonl", DELTA_V8, strlen (DELTA_V8));
  g_autoptr (GError) error = NULL;

  g_assert_true (bp_update_apply ("alert-list", full_path, watchlist, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (installed, "{\"kind\":\"head", -1, NULL));

  g_assert_false (bp_update_apply ("alert-list", delta_path, watchlist, NULL, &error));
  g_assert_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_NEEDS_FULL_RELOAD);
  g_clear_error (&error);
  g_assert_cmpuint (bp_watchlist_get_n_entries (watchlist), ==, 1);

  g_assert_true (bp_update_apply ("alert-list", full_path, watchlist, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (bp_update_apply ("alert-list", delta_path, watchlist, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (list_version (watchlist, "sltd"), ==, 8);
  g_assert_cmpuint (bp_watchlist_get_n_entries (watchlist), ==, 2);

  tmp_dir_remove_tree (dir);
}

static void
applied_cb (GObject *object,
            GAsyncResult *result,
            gpointer user_data)
{
  GPtrArray *outcomes = user_data;
  g_autoptr (GError) error = NULL;

  bp_update_apply_finish (result, &error);
  g_ptr_array_add (outcomes, g_strdup (error ? error->message : "ok"));
}

/* A full list and the delta on it, handed over at once as sync does:
 * the delta must not overtake the full list. */
static void
test_async_order (void)
{
  g_autofree char *dir = tmp_dir_new ("borderpost-update-XXXXXX");
  g_autofree char *full_path = write_file (dir, "full.jsonl", FULL_V7, strlen (FULL_V7));
  g_autofree char *delta_path = write_file (dir, "delta.jsonl", DELTA_V8, strlen (DELTA_V8));
  g_autoptr (GPtrArray) outcomes = g_ptr_array_new_with_free_func (g_free);

  /* Several booths' worth, each from nothing. */
  for (guint round = 0; round < 5; round++)
    {
      g_autofree char *name = g_strdup_printf ("lists-%u", round);
      g_autofree char *lists_dir = g_build_filename (dir, name, NULL);
      g_autoptr (BpWatchlist) watchlist = bp_watchlist_new (lists_dir);

      g_ptr_array_set_size (outcomes, 0);
      bp_update_apply_async ("alert-list", full_path, watchlist, NULL, NULL, applied_cb, outcomes);
      bp_update_apply_async ("alert-list", delta_path, watchlist, NULL, NULL, applied_cb, outcomes);
      while (outcomes->len < 2)
        g_main_context_iteration (NULL, TRUE);

      g_assert_cmpstr (g_ptr_array_index (outcomes, 0), ==, "ok");
      g_assert_cmpstr (g_ptr_array_index (outcomes, 1), ==, "ok");
      g_assert_cmpuint (list_version (watchlist, "sltd"), ==, 8);
      g_assert_cmpuint (bp_watchlist_get_n_entries (watchlist), ==, 2);
    }

  tmp_dir_remove_tree (dir);
}

static void
test_csca (void)
{
  g_autofree char *dir = tmp_dir_new ("borderpost-update-XXXXXX");
  g_autofree char *trust_path = g_build_filename (dir, "trust.sqlite", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (BpTrustStore) trust = bp_trust_store_open (trust_path, &error);
  g_autoptr (GBytes) csca = g_resources_lookup_data ("/org/borderpost/Borderpost/core/specimens/pki/csca.der", 0, &error);
  g_autofree char *csca_path = NULL;
  g_autoptr (GPtrArray) countries = NULL;

  g_assert_no_error (error);
  csca_path = write_file (dir, "payload", g_bytes_get_data (csca, NULL), g_bytes_get_size (csca));
  g_assert_true (bp_update_apply ("csca", csca_path, NULL, trust, &error));
  g_assert_no_error (error);
  countries = bp_trust_store_list_countries (trust, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (countries->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (countries, 0), ==, "UT");

  /* Without a trust store the update is refused with a reason, not lost silently. */
  g_assert_false (bp_update_apply ("csca", csca_path, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/borderpost/update-apply/alert-list", test_alert_list);
  g_test_add_func ("/borderpost/update-apply/damaged-list", test_damaged_list);
  g_test_add_func ("/borderpost/update-apply/async-order", test_async_order);
  g_test_add_func ("/borderpost/update-apply/csca", test_csca);

  return g_test_run ();
}
