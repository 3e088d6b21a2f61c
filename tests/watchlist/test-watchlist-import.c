/* test-watchlist-import.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "../tmp-dir.h"
#include "bp-watchlist-index-private.h"
#include "bp-watchlist-private.h"

static const char *full_v1 = "{\"kind\":\"header\",\"list\":\"national\",\"version\":1}\n"
                             "{\"id\":\"a\",\"kind\":\"person\",\"family_name\":\"Eriksson\",\"given_names\":\"Anna\",\"birth_date\":\"1974-08-12\"}\n"
                             "{\"id\":\"b\",\"kind\":\"person\",\"family_name\":\"Happy\",\"given_names\":\"John Paul\",\"birth_date\":\"1986-03-04\"}\n"
                             "{\"id\":\"c\",\"kind\":\"document\",\"document_number\":\"L898902C3\",\"issuing_state\":\"UTO\"}\n";

static const char *delta_v2 = "{\"kind\":\"header\",\"list\":\"national\",\"version\":2,\"base_version\":1}\n"
                              "{\"id\":\"a\",\"op\":\"delete\"}\n"
                              "{\"id\":\"b\",\"kind\":\"person\",\"family_name\":\"Happy\",\"given_names\":\"John Paul\",\"birth_date\":\"1986-03-05\"}\n"
                              "{\"id\":\"d\",\"kind\":\"person\",\"family_name\":\"Solberg\",\"given_names\":\"Linnea\",\"birth_date\":\"2015-06-11\"}\n";

typedef struct
{
  char *dir;
  BpWatchlist *watchlist;
} Fixture;

static void
fixture_set_up (Fixture *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("watchlist-XXXXXX", &error);
  g_assert_no_error (error);
  f->watchlist = bp_watchlist_new (f->dir);
  g_assert_true (bp_watchlist_load (f->watchlist, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f,
                   gconstpointer data)
{
  g_assert_finalize_object (f->watchlist);
  tmp_dir_remove_tree (f->dir);
  g_free (f->dir);
}

static gboolean
is_hit (BpWatchlist *watchlist,
        const char *family,
        const char *given,
        const char *birth,
        const char *id)
{
  BpWatchlistQuery q = { .family_name = family, .given_names = given, .birth_date = birth };
  g_autoptr (BpWatchlistResult) result = bp_watchlist_screen (watchlist, &q);

  for (guint i = 0; i < result->hits->len; i++)
    if (g_str_equal (((BpWatchlistHit *) g_ptr_array_index (result->hits, i))->entry_id, id))
      return TRUE;
  return FALSE;
}

static guint
version_of (BpWatchlist *watchlist,
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
test_errors (Fixture *f,
             gconstpointer data)
{
  static const struct
  {
    const char *text;
    const char *message;
  } cases[] = {
    { "{\"id\":\"a\",\"kind\":\"person\",\"family_name\":\"A\"}\nnot json\n", "Line 2: not a JSON object" },
    { "[1,2]\n", "Line 1: each line must be one JSON object." },
    { "{\"kind\":\"person\",\"family_name\":\"A\"}", "Line 1: the entry has no “id”." },
    { "\n\n{\"id\":\"a\",\"kind\":\"alien\"}", "Line 3: “kind” must be “document” or “person”." },
    { "{\"id\":\"a\",\"kind\":\"person\",\"family_name\":42}", "Line 1: “family_name” must be text." },
    { "{\"id\":\"a\",\"kind\":\"person\",\"family_name\":\"<<-\"}", "Line 1: a person entry needs" },
    { "{\"id\":\"a\",\"kind\":\"document\"}", "Line 1: a document entry needs a “document_number”." },
    { "{\"id\":\"a\",\"kind\":\"person\",\"family_name\":\"A\",\"birth_date\":\"1974-02-30\"}", "Line 1: “birth_date” must be" },
    { "{\"id\":\"a\",\"kind\":\"person\",\"family_name\":\"A\",\"nationality\":\"Utopia\"}", "Line 1: “nationality” must be" },
    { "{\"id\":\"a\",\"kind\":\"person\",\"family_name\":\"A\"}\n{\"id\":\"a\",\"kind\":\"person\",\"family_name\":\"B\"}",
      "Line 2: the id “a” appears twice in list “national”." },
    { "{\"id\":\"a\",\"list\":\"../etc\",\"kind\":\"person\",\"family_name\":\"A\"}", "Line 1: “list” must name the list" },
    { "{\"id\":\"a\",\"list\":\"sltd\",\"kind\":\"person\",\"family_name\":\"A\"}",
      "Line 1: the entry is for list “sltd”, but this import is for list “national”." },
    { "{\"id\":\"a\",\"op\":\"delete\"}", "Line 1: “op”: “delete” belongs in a delta import" },
    { "{\"id\":\"a\",\"kind\":\"person\",\"family_name\":\"A\"}\n{\"kind\":\"header\",\"list\":\"national\",\"version\":1}",
      "Line 2: a header may only be the first line." },
    { "{\"id\":\"a\",\"kind\":\"person\",\"family_name\":\"A\",\"valid_until\":\"2030\"}", "Line 1: “valid_until” must be" },
  };

  /* A good import first, so that failing ones can be seen to change nothing. */
  {
    g_autoptr (GError) error = NULL;

    g_assert_true (bp_watchlist_import_data (f->watchlist, full_v1, strlen (full_v1), NULL, BP_WATCHLIST_IMPORT_FULL, &error));
    g_assert_no_error (error);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (bp_watchlist_import_data (f->watchlist, cases[i].text, strlen (cases[i].text), "national", BP_WATCHLIST_IMPORT_FULL, &error));
      g_assert_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("case %u: “%s” does not start with “%s”", i, error->message, cases[i].message);
    }

  g_assert_cmpuint (version_of (f->watchlist, "national"), ==, 1);
  g_assert_true (is_hit (f->watchlist, "ERIKSSON", "ANNA", "1974-08-12", "a"));
}

static void
test_delta (Fixture *f,
            gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpWatchlist) again = NULL;
  const char *stale = "{\"kind\":\"header\",\"list\":\"national\",\"version\":3,\"base_version\":1}\n"
                      "{\"id\":\"e\",\"kind\":\"person\",\"family_name\":\"Late\"}\n";

  /* A delta before any full import. */
  g_assert_false (bp_watchlist_import_data (f->watchlist, delta_v2, strlen (delta_v2), NULL, BP_WATCHLIST_IMPORT_DELTA, &error));
  g_assert_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_NEEDS_FULL_RELOAD);
  g_clear_error (&error);

  g_assert_true (bp_watchlist_import_data (f->watchlist, full_v1, strlen (full_v1), NULL, BP_WATCHLIST_IMPORT_FULL, &error));
  g_assert_no_error (error);
  g_assert_true (bp_watchlist_import_data (f->watchlist, delta_v2, strlen (delta_v2), NULL, BP_WATCHLIST_IMPORT_DELTA, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (version_of (f->watchlist, "national"), ==, 2);
  g_assert_false (is_hit (f->watchlist, "ERIKSSON", "ANNA", "1974-08-12", "a"));
  g_assert_false (is_hit (f->watchlist, "HAPPY", "JOHN PAUL", "1986-03-04", "b"));
  g_assert_true (is_hit (f->watchlist, "HAPPY", "JOHN PAUL", "1986-03-05", "b"));
  g_assert_true (is_hit (f->watchlist, "SOLBERG", "LINNEA", "2015-06-11", "d"));

  /* The same delta again, and one that skips a version, need a full reload. */
  g_assert_false (bp_watchlist_import_data (f->watchlist, delta_v2, strlen (delta_v2), NULL, BP_WATCHLIST_IMPORT_DELTA, &error));
  g_assert_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_NEEDS_FULL_RELOAD);
  g_assert_nonnull (strstr (error->message, "full reload"));
  g_clear_error (&error);
  g_assert_false (bp_watchlist_import_data (f->watchlist, stale, strlen (stale), NULL, BP_WATCHLIST_IMPORT_DELTA, &error));
  g_assert_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_NEEDS_FULL_RELOAD);
  g_clear_error (&error);
  g_assert_cmpuint (version_of (f->watchlist, "national"), ==, 2);

  /* An older full list is refused too. */
  g_assert_false (bp_watchlist_import_data (f->watchlist, full_v1, strlen (full_v1), NULL, BP_WATCHLIST_IMPORT_FULL, &error));
  g_assert_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID);
  g_clear_error (&error);

  /* The state survives a restart, and an index deleted is rebuilt. */
  {
    g_autofree char *index = g_build_filename (f->dir, BP_WATCHLIST_INDEX_FILE, NULL);

    g_assert_cmpint (g_unlink (index), ==, 0);
  }
  again = bp_watchlist_new (f->dir);
  g_assert_true (bp_watchlist_load (again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (version_of (again, "national"), ==, 2);
  g_assert_true (is_hit (again, "SOLBERG", "LINNEA", "2015-06-11", "d"));
}

static void
test_swap (Fixture *f,
           gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpWatchlistIndex) old = NULL;
  g_autofree char *index = g_build_filename (f->dir, BP_WATCHLIST_INDEX_FILE, NULL);
  g_autoptr (GDir) dir = NULL;
  const char *name;
  guint n;

  g_assert_true (bp_watchlist_import_data (f->watchlist, full_v1, strlen (full_v1), NULL, BP_WATCHLIST_IMPORT_FULL, &error));
  g_assert_no_error (error);
  old = _bp_watchlist_dup_index (f->watchlist);

  g_assert_true (bp_watchlist_import_data (f->watchlist, delta_v2, strlen (delta_v2), NULL, BP_WATCHLIST_IMPORT_DELTA, &error));
  g_assert_no_error (error);

  /* A reader that held the old index still reads it whole. */
  g_assert_cmpuint (bp_watchlist_index_get_list (old, 0)->version, ==, 1);
  g_assert_cmpuint (bp_watchlist_index_get_n_entries (old), ==, 3);
  g_assert_nonnull (bp_watchlist_index_find_documents (old, bp_watchlist_document_hash ("L898902C3"), &n));
  g_assert_cmpuint (n, ==, 1);

  /* No temporary file is left behind. */
  dir = g_dir_open (f->dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_true (g_str_equal (name, BP_WATCHLIST_INDEX_FILE) || g_str_equal (name, "national.jsonl"));
}

static void
test_corrupt (Fixture *f,
              gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, BP_WATCHLIST_INDEX_FILE, NULL);
  g_autofree guint8 *good = NULL;
  gsize size;
  GRand *rand = g_rand_new_with_seed (20261126);

  g_assert_true (bp_watchlist_import_data (f->watchlist, full_v1, strlen (full_v1), NULL, BP_WATCHLIST_IMPORT_FULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, (char **) &good, &size, &error));
  g_assert_no_error (error);

  /* Every truncation is refused. */
  for (gsize len = 0; len < size; len += 1 + len / 8)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (good, len);
      g_autoptr (BpWatchlistIndex) index = bp_watchlist_index_new_from_bytes (bytes, &error);

      g_assert_null (index);
      g_assert_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_CORRUPT);
      g_clear_error (&error);
    }

  /* A flipped byte fails the checksum. */
  for (guint round = 0; round < 200; round++)
    {
      g_autofree guint8 *bad = g_memdup2 (good, size);
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (BpWatchlistIndex) index = NULL;
      gsize at = g_rand_int_range (rand, 0, size);

      bad[at] ^= 1 + g_rand_int_range (rand, 0, 255);
      bytes = g_bytes_new_take (g_steal_pointer (&bad), size);
      index = bp_watchlist_index_new_from_bytes (bytes, &error);
      g_assert_null (index);
      g_assert_nonnull (error);
      g_clear_error (&error);
    }

  /* Damage behind a valid checksum (a tool that rewrites it, or a bug)
   * is caught by the structural checks, or is harmless to screen with:
   * this runs under AddressSanitizer in CI. */
  for (guint round = 0; round < 2000; round++)
    {
      g_autofree guint8 *bad = g_memdup2 (good, size);
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (BpWatchlistIndex) index = NULL;
      guint n_flips = 1 + g_rand_int_range (rand, 0, 4);

      for (guint i = 0; i < n_flips; i++)
        bad[g_rand_int_range (rand, 0, size)] = g_rand_int_range (rand, 0, 256);
      _bp_watchlist_index_reseal (bad, size);
      bytes = g_bytes_new_take (g_steal_pointer (&bad), size);
      index = bp_watchlist_index_new_from_bytes (bytes, &error);
      if (index == NULL)
        {
          g_assert_nonnull (error);
          g_clear_error (&error);
          continue;
        }

      {
        BpWatchlistQuery q = { .family_name = "ERIKSSON", .given_names = "ANNA", .birth_date = "1974-08-12", .document_number = "L898902C3" };
        BpWatchlistPrepared prep;
        guint n;
        const BpWatchlistKey *keys;

        _bp_watchlist_prepare (&prep, &q, index);
        for (guint e = 0; e < bp_watchlist_index_get_n_entries (index); e++)
          {
            bp_watchlist_hit_free (_bp_watchlist_score_person (&prep, index, e));
            bp_watchlist_hit_free (_bp_watchlist_score_document (&prep, index, e));
          }
        keys = bp_watchlist_index_find_documents (index, bp_watchlist_document_hash (prep.folded), &n);
        for (guint i = 0; i < n; i++)
          g_assert_cmpuint (keys[i].value, <, bp_watchlist_index_get_n_entries (index));
        _bp_watchlist_prepared_clear (&prep);
      }
    }
  g_rand_free (rand);

  /* On disk: a damaged index with the lists beside it is rebuilt; alone,
   * it is refused with a clear error. */
  {
    g_autoptr (BpWatchlist) again = NULL;
    g_autofree char *source = g_build_filename (f->dir, "national.jsonl", NULL);

    g_assert_true (g_file_set_contents (path, "BPWLIDX\0garbage", 15, &error));
    again = bp_watchlist_new (f->dir);
    g_assert_true (bp_watchlist_load (again, &error));
    g_assert_no_error (error);
    g_assert_true (is_hit (again, "ERIKSSON", "ANNA", "1974-08-12", "a"));
    g_clear_object (&again);

    g_assert_true (g_file_set_contents (path, "BPWLIDX\0garbage", 15, &error));
    g_assert_cmpint (g_unlink (source), ==, 0);
    again = bp_watchlist_new (f->dir);
    g_assert_false (bp_watchlist_load (again, &error));
    g_assert_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_CORRUPT);
    g_assert_nonnull (strstr (error->message, "damaged"));
  }
}

static void
test_several_lists (Fixture *f,
                    gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char *text = "{\"id\":\"x\",\"list\":\"sltd\",\"kind\":\"document\",\"document_number\":\"AB1\"}\n"
                     "{\"id\":\"x\",\"list\":\"api\",\"kind\":\"person\",\"family_name\":\"Kim\",\"given_names\":\"Min Jun\"}\n";

  g_assert_true (bp_watchlist_import_data (f->watchlist, text, strlen (text), NULL, BP_WATCHLIST_IMPORT_FULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (version_of (f->watchlist, "sltd"), ==, 1);
  g_assert_cmpuint (version_of (f->watchlist, "api"), ==, 1);

  /* A full import without a header counts the version up. */
  g_assert_true (bp_watchlist_import_data (f->watchlist, text, strlen (text), NULL, BP_WATCHLIST_IMPORT_FULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (version_of (f->watchlist, "sltd"), ==, 2);
  g_assert_cmpuint (bp_watchlist_get_n_entries (f->watchlist), ==, 2);
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/borderpost/watchlist/import/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("errors", test_errors);
  ADD ("delta", test_delta);
  ADD ("swap", test_swap);
  ADD ("corrupt", test_corrupt);
  ADD ("several-lists", test_several_lists);
#undef ADD

  return g_test_run ();
}
