/* test-select.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which update packages a booth fetches from HQ's listing: a chain of
 * deltas, a gap that calls for a full list, and a full reload.
 */

#include "config.h"

#include <locale.h>

#include "bp-sync-select.h"

/* A listing in HQ's form from "version:base" pairs, base "-" for a
 * full package. */
static JsonArray *
listing (const char *spec)
{
  g_autofree char *json = NULL;
  g_autoptr (GString) text = g_string_new ("[");
  g_auto (GStrv) items = g_strsplit (spec, " ", 0);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_auto (GStrv) pair = g_strsplit (items[i], ":", 2);

      if (*items[i] == '\0')
        continue;
      g_string_append_printf (text, "%s{\"version\":%s,\"base_version\":%s,\"size\":1,\"sha256\":\"%064d\"}",
                              text->len > 1 ? "," : "", pair[0], g_str_equal (pair[1], "-") ? "null" : pair[1], 0);
    }
  g_string_append_c (text, ']');

  json_parser_load_from_data (parser, text->str, -1, &error);
  g_assert_no_error (error);

  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

/* The chosen versions as "4 5 6". */
static char *
select_text (const char *spec,
             gint64 installed,
             gboolean full_reload,
             gboolean *needs_full)
{
  g_autoptr (JsonArray) packages = listing (spec);
  g_autoptr (GArray) picks = NULL;
  g_autoptr (GString) text = g_string_new (NULL);

  *needs_full = !full_reload; /* must be set either way */
  picks = bp_sync_select_packages (packages, installed, full_reload, needs_full);
  for (guint i = 0; i < picks->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i ? " " : "", g_array_index (picks, BpSyncPick, i).version);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

#define ASSERT_SELECT(spec, installed, full_reload, expected, expected_needs_full)  \
  G_STMT_START                                                                      \
  {                                                                                 \
    gboolean needs_full;                                                            \
    g_autofree char *got = select_text (spec, installed, full_reload, &needs_full); \
                                                                                    \
    g_assert_cmpstr (got, ==, expected);                                            \
    g_assert_cmpint (needs_full, ==, expected_needs_full);                          \
  }                                                                                 \
  G_STMT_END

static void
test_chain (void)
{
  /* Deltas that follow on from the installed version. */
  ASSERT_SELECT ("4:3 5:4", 3, FALSE, "4 5", FALSE);
  /* A full package fits anywhere; deltas chain from it. */
  ASSERT_SELECT ("4:3 5:- 6:5", 3, FALSE, "4 5 6", FALSE);
  /* A booth with nothing installed starts from a full package. */
  ASSERT_SELECT ("1:- 2:1", 0, FALSE, "1 2", FALSE);
  /* Nothing new. */
  ASSERT_SELECT ("", 7, FALSE, "", FALSE);
  /* The order of the listing does not matter. */
  ASSERT_SELECT ("5:4 4:3", 3, FALSE, "4 5", FALSE);
}

static void
test_gap (void)
{
  /* List version 3, offered delta 5 on 4: nothing to fetch but a full list. */
  ASSERT_SELECT ("5:4", 3, FALSE, "", TRUE);
  /* The chain stops at the gap. */
  ASSERT_SELECT ("4:3 6:5 7:6", 3, FALSE, "4", TRUE);
  /* A delta that goes back is no better. */
  ASSERT_SELECT ("4:2", 3, FALSE, "", TRUE);
  /* Only deltas for a booth with nothing installed. */
  ASSERT_SELECT ("2:1 3:2", 0, FALSE, "", TRUE);
  /* A full package after the gap mends it. */
  ASSERT_SELECT ("5:4 6:- 7:6", 3, FALSE, "6 7", FALSE);
}

static void
test_full_reload (void)
{
  /* HQ's answer to ?full=latest: the full package, then the deltas. */
  ASSERT_SELECT ("5:- 6:5", 3, TRUE, "5 6", FALSE);
  /* An HQ that ignores full= lists everything: the newest full package
   * is found all the same, whatever the installed version says. */
  ASSERT_SELECT ("1:- 2:1 4:- 5:4 6:5", 9, TRUE, "4 5 6", FALSE);
  /* A full package older than what is installed is still the one. */
  ASSERT_SELECT ("2:- 3:2", 4, TRUE, "2 3", FALSE);
  /* No full package at all: keep the mark, fetch nothing. */
  ASSERT_SELECT ("5:4 6:5", 3, TRUE, "", TRUE);
  ASSERT_SELECT ("", 3, TRUE, "", TRUE);
  /* A gap after the full package ends the chain there. */
  ASSERT_SELECT ("4:- 6:5", 3, TRUE, "4", FALSE);
}

static void
test_malformed (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GArray) picks = NULL;
  g_autoptr (GError) error = NULL;
  gboolean needs_full = TRUE;

  /* Entries without a usable version or base are passed over. */
  json_parser_load_from_data (parser,
                              "[1, {\"version\":\"4\"}, {\"version\":0,\"base_version\":null},"
                              " {\"version\":4,\"base_version\":-2}, {\"version\":4,\"base_version\":3},"
                              " {\"base_version\":4}, {\"version\":5,\"base_version\":\"4\"}]",
                              -1, &error);
  g_assert_no_error (error);
  picks = bp_sync_select_packages (json_node_get_array (json_parser_get_root (parser)), 3, FALSE, &needs_full);
  g_assert_cmpuint (picks->len, ==, 1);
  g_assert_cmpint (g_array_index (picks, BpSyncPick, 0).version, ==, 4);
  g_assert_cmpint (g_array_index (picks, BpSyncPick, 0).base_version, ==, 3);
  g_assert_false (needs_full);
  g_clear_pointer (&picks, g_array_unref);

  picks = bp_sync_select_packages (NULL, 3, FALSE, &needs_full);
  g_assert_cmpuint (picks->len, ==, 0);
  g_assert_false (needs_full);
}

static void
set_state (GHashTable *state,
           const char *key,
           const char *value)
{
  g_hash_table_insert (state, g_strdup (key), g_strdup (value));
}

static void
test_status (void)
{
  g_autoptr (GHashTable) state = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *none = bp_sync_dup_update_status (state, "alert-list");
  g_autofree char *delta = NULL;
  g_autofree char *full = NULL;
  g_autofree char *reload = NULL;
  g_autofree char *csca = NULL;

  g_assert_null (none);

  set_state (state, "package.alert-list.version", "6");
  set_state (state, "package.alert-list.full_version", "5");
  delta = bp_sync_dup_update_status (state, "alert-list");
  g_assert_cmpstr (delta, ==, "Installed alert list version 6 (updates on full list version 5).");

  set_state (state, "package.alert-list.version", "5");
  full = bp_sync_dup_update_status (state, "alert-list");
  g_assert_cmpstr (full, ==, "Installed full alert list version 5.");

  set_state (state, "package.alert-list.full_reload", "needed");
  reload = bp_sync_dup_update_status (state, "alert-list");
  g_assert_cmpstr (reload, ==, "The alert list needs a full reload; fetching it from headquarters.");

  /* Each kind has its own keys. */
  set_state (state, "package.csca.version", "2");
  csca = bp_sync_dup_update_status (state, "csca");
  g_assert_cmpstr (csca, ==, "Installed CSCA list version 2.");
}

int
main (int argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/borderpost/sync/select/chain", test_chain);
  g_test_add_func ("/borderpost/sync/select/gap", test_gap);
  g_test_add_func ("/borderpost/sync/select/full-reload", test_full_reload);
  g_test_add_func ("/borderpost/sync/select/malformed", test_malformed);
  g_test_add_func ("/borderpost/sync/select/status", test_status);

  return g_test_run ();
}
