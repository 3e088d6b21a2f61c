/* test-watchlist-match.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "../tmp-dir.h"
#include "bp-watchlist.h"

/* A small national list in several scripts, and a document list. */
static const char *lists = "{\"id\":\"p1\",\"list\":\"national\",\"kind\":\"person\",\"family_name\":\"Müller\",\"given_names\":\"Hans Peter\",\"birth_date\":\"1971-11-23\",\"nationality\":\"D\",\"reason\":\"warrant\",\"action\":\"refer\"}\n"
                           "{\"id\":\"p2\",\"list\":\"national\",\"kind\":\"person\",\"family_name\":\"Иванов\",\"given_names\":\"Сергей Петрович\",\"birth_date\":\"1979-05-14\",\"nationality\":\"RUS\"}\n"
                           "{\"id\":\"p3\",\"list\":\"national\",\"kind\":\"person\",\"family_name\":\"Papadopoulos\",\"given_names\":\"Konstantinos\",\"birth_date\":\"1983\"}\n"
                           "{\"id\":\"p4\",\"list\":\"national\",\"kind\":\"person\",\"family_name\":\"Eriksson\",\"given_names\":\"Anna Maria\",\"birth_date\":\"1974-08-12\",\"nationality\":\"UTO\"}\n"
                           "{\"id\":\"p5\",\"list\":\"national\",\"kind\":\"person\",\"family_name\":\"Wolfeschlegelsteinhausen\",\"given_names\":\"Alexandra\",\"birth_date\":\"1960-02-03\"}\n"
                           "{\"id\":\"p6\",\"list\":\"national\",\"kind\":\"person\",\"family_name\":\"Lee\",\"given_names\":\"Ann\",\"birth_date\":\"1950-01-01\"}\n"
                           "{\"id\":\"p8\",\"list\":\"national\",\"kind\":\"person\",\"family_name\":\"王\",\"given_names\":\"小明\",\"birth_date\":\"1990-07-11\"}\n"
                           "{\"id\":\"p9\",\"list\":\"national\",\"kind\":\"person\",\"family_name\":\"Chowdhury\",\"given_names\":\"Yousef\",\"birth_date\":\"1980-01-01\"}\n"
                           "{\"id\":\"p10\",\"list\":\"national\",\"kind\":\"person\",\"family_name\":\"Haddad\",\"given_names\":\"Mohammed\",\"birth_date\":\"1981-02-02\"}\n"
                           "{\"id\":\"p7\",\"list\":\"national\",\"kind\":\"person\",\"family_name\":\"Old\",\"given_names\":\"Entry\",\"birth_date\":\"1950-01-01\",\"valid_until\":\"2001-01-01\"}\n"
                           "{\"id\":\"d1\",\"list\":\"sltd\",\"kind\":\"document\",\"document_number\":\"L898902C3\",\"document_type\":\"P\",\"issuing_state\":\"UTO\",\"reason\":\"stolen\",\"action\":\"seize\"}\n"
                           "{\"id\":\"d2\",\"list\":\"sltd\",\"kind\":\"document\",\"document_number\":\"AB0I2345\",\"issuing_state\":\"UTO\"}\n";

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
  if (data != NULL)
    {
      g_assert_true (bp_watchlist_import_data (f->watchlist, data, strlen (data), NULL, BP_WATCHLIST_IMPORT_FULL, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture *f,
                   gconstpointer data)
{
  g_assert_finalize_object (f->watchlist);
  tmp_dir_remove_tree (f->dir);
  g_free (f->dir);
}

/* Screens and returns the score of the best hit on entry id, or -1 when
 * it is not a hit; the sentence goes to *sentence. */
static double
screen (Fixture *f,
        const BpWatchlistQuery *query,
        const char *id,
        char **sentence)
{
  g_autoptr (BpWatchlistResult) result = bp_watchlist_screen (f->watchlist, query);

  for (guint i = 0; i < result->hits->len; i++)
    {
      BpWatchlistHit *hit = g_ptr_array_index (result->hits, i);

      g_assert_cmpfloat (hit->score, >=, BP_WATCHLIST_HIT_THRESHOLD);
      if (i > 0)
        g_assert_cmpfloat (hit->score, <=, ((BpWatchlistHit *) g_ptr_array_index (result->hits, i - 1))->score);
      if (g_str_equal (hit->entry_id, id))
        {
          if (sentence != NULL)
            *sentence = g_strdup (hit->sentence);
          return hit->score;
        }
    }

  return -1;
}

static void
test_exact_and_scripts (Fixture *f,
                        gconstpointer data)
{
  g_autofree char *sentence = NULL;
  BpWatchlistQuery q = { .family_name = "MUELLER", .given_names = "HANS PETER", .birth_date = "1971-11-23", .nationality = "D" };

  g_assert_cmpfloat (screen (f, &q, "p1", &sentence), ==, 1.0);
  g_assert_cmpstr (sentence, ==, "Family name exact, given name exact, birth date matches, nationality matches");

  /* The short ICAO spelling of Ü, and the Cyrillic list entry from a
   * passport in ICAO transliteration. */
  q = (BpWatchlistQuery){ .family_name = "MULLER", .given_names = "HANS PETER", .birth_date = "1971-11-23" };
  g_assert_cmpfloat (screen (f, &q, "p1", NULL), ==, 1.0);
  q = (BpWatchlistQuery){ .family_name = "IVANOV", .given_names = "SERGEI PETROVICH", .birth_date = "1979-05-14" };
  g_assert_cmpfloat (screen (f, &q, "p2", NULL), ==, 1.0);
  /* An older English-style spelling. */
  q = (BpWatchlistQuery){ .family_name = "IVANOV", .given_names = "SERGEY PETROVICH", .birth_date = "1979-05-14" };
  g_assert_cmpfloat (screen (f, &q, "p2", NULL), ==, 1.0);
  /* Spellings of one sound, beyond the typo bound as written. */
  q = (BpWatchlistQuery){ .family_name = "CHAUDHARY", .given_names = "YUSUF", .birth_date = "1980-01-01" };
  g_assert_cmpfloat (screen (f, &q, "p9", NULL), >, BP_WATCHLIST_HIT_THRESHOLD);
  /* But MAHMOUD is not MOHAMMED. */
  q = (BpWatchlistQuery){ .family_name = "HADDAD", .given_names = "MAHMOUD", .birth_date = "1981-02-02" };
  g_assert_cmpfloat (screen (f, &q, "p10", NULL), <, 0);

  /* Chinese given names in syllables, or joined, meet a list in characters. */
  q = (BpWatchlistQuery){ .family_name = "WANG", .given_names = "XIAO-MING", .birth_date = "1990-07-11" };
  g_assert_cmpfloat (screen (f, &q, "p8", NULL), >, BP_WATCHLIST_HIT_THRESHOLD);
  q.given_names = "XIAOMING";
  g_assert_cmpfloat (screen (f, &q, "p8", NULL), ==, 1.0);
  /* And typed in Cyrillic at the booth. */
  q = (BpWatchlistQuery){ .family_name = "Иванов", .given_names = "Сергей Петрович", .birth_date = "1979-05-14" };
  g_assert_cmpfloat (screen (f, &q, "p2", NULL), ==, 1.0);
}

static void
test_swap_and_missing (Fixture *f,
                       gconstpointer data)
{
  g_autofree char *sentence = NULL;
  g_autofree char *sentence2 = NULL;
  BpWatchlistQuery q = { .family_name = "SERGEI", .given_names = "IVANOV", .birth_date = "1979-05-14" };
  double swapped, missing;

  swapped = screen (f, &q, "p2", &sentence);
  g_assert_cmpfloat (swapped, >, BP_WATCHLIST_HIT_THRESHOLD);
  g_assert_cmpfloat (swapped, <, 1.0);
  g_assert_nonnull (strstr (sentence, "family and given names swapped"));
  g_assert_nonnull (strstr (sentence, "a middle name missing"));

  /* Patronymic left out. */
  q = (BpWatchlistQuery){ .family_name = "IVANOV", .given_names = "SERGEI", .birth_date = "1979-05-14" };
  missing = screen (f, &q, "p2", &sentence2);
  g_assert_cmpfloat (missing, >, BP_WATCHLIST_HIT_THRESHOLD);
  g_assert_nonnull (strstr (sentence2, "a middle name missing"));

  /* One name part alone is not enough. */
  q = (BpWatchlistQuery){ .family_name = "IVANOV", .given_names = "DMITRI", .birth_date = "1979-05-14" };
  g_assert_cmpfloat (screen (f, &q, "p2", NULL), <, 0);
}

static void
test_typo_bounds (Fixture *f,
                  gconstpointer data)
{
  g_autofree char *sentence = NULL;
  BpWatchlistQuery q = { .family_name = "PAPADOPOULOS", .given_names = "KONSTANTINSO", .birth_date = "1983-04-01" };

  /* 12 letters: two edits (one transposition here) are allowed. */
  g_assert_cmpfloat (screen (f, &q, "p3", &sentence), >, BP_WATCHLIST_HIT_THRESHOLD);
  g_assert_nonnull (strstr (sentence, "given name 1 edit"));
  q.given_names = "KOSNTANTINSO";
  g_assert_cmpfloat (screen (f, &q, "p3", NULL), >, BP_WATCHLIST_HIT_THRESHOLD);
  q.given_names = "KOSNTANTNISO";
  g_assert_cmpfloat (screen (f, &q, "p3", NULL), <, 0);

  /* Three letters: no edit at all. LEE ANN is not LEA ANN. */
  q = (BpWatchlistQuery){ .family_name = "LEE", .given_names = "ANN", .birth_date = "1950-01-01" };
  g_assert_cmpfloat (screen (f, &q, "p6", NULL), ==, 1.0);
  q.family_name = "LEA";
  g_assert_cmpfloat (screen (f, &q, "p6", NULL), <, 0);

  /* Four to seven letters: one edit. */
  q = (BpWatchlistQuery){ .family_name = "ERIKSON", .given_names = "ANNA MARIA", .birth_date = "1974-08-12" };
  g_assert_cmpfloat (screen (f, &q, "p4", NULL), >, BP_WATCHLIST_HIT_THRESHOLD);
  q.family_name = "ERIKSN";
  g_assert_cmpfloat (screen (f, &q, "p4", NULL), >, BP_WATCHLIST_HIT_THRESHOLD);
  q.family_name = "ERKSN";
  q.given_names = "ANA MARA";
  g_assert_cmpfloat (screen (f, &q, "p4", NULL), <, 0);
}

static void
test_truncation (Fixture *f,
                 gconstpointer data)
{
  g_autofree char *sentence = NULL;
  BpWatchlistQuery q = { .family_name = "WOLFESCHLEGELSTEINHAUSEN", .given_names = "ALEX", .birth_date = "1960-02-03", .name_truncated = TRUE };

  g_assert_cmpfloat (screen (f, &q, "p5", &sentence), >, BP_WATCHLIST_HIT_THRESHOLD);
  g_assert_nonnull (strstr (sentence, "given name cut short in the MRZ"));

  /* Not cut short unless the zone says so. */
  q.name_truncated = FALSE;
  g_assert_cmpfloat (screen (f, &q, "p5", NULL), <, 0);

  /* From a real MRZ whose name field is full. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (BpMrz) mrz = bp_mrz_parse ("P<UTOWOLFESCHLEGELSTEINHAUSEN<<ALEXANDRA<<<<\n"
                                          "L898902C36UTO6002032F2604159<<<<<<<<<<<<<<02",
                                          NULL, &error);

    g_assert_no_error (error);
    bp_watchlist_query_init_from_mrz (&q, mrz);
    g_assert_cmpfloat (screen (f, &q, "p5", NULL), >, BP_WATCHLIST_HIT_THRESHOLD);
  }
}

static void
test_dates (Fixture *f,
            gconstpointer data)
{
  g_autofree char *s1 = NULL, *s2 = NULL, *s3 = NULL;
  BpWatchlistQuery q = { .family_name = "ERIKSSON", .given_names = "ANNA MARIA", .birth_date = "1974-08" };
  double exact, month, year, swapped;

  month = screen (f, &q, "p4", &s1);
  g_assert_nonnull (strstr (s1, "birth year and month match, day unknown"));
  q.birth_date = "1974-XX-XX";
  year = screen (f, &q, "p4", &s2);
  g_assert_nonnull (strstr (s2, "birth year matches"));
  q.birth_date = "1974-12-08";
  swapped = screen (f, &q, "p4", &s3);
  g_assert_nonnull (strstr (s3, "day and month swapped"));
  q.birth_date = "1974-08-12";
  exact = screen (f, &q, "p4", NULL);

  g_assert_cmpfloat (exact, ==, 1.0);
  g_assert_cmpfloat (month, <, exact);
  g_assert_cmpfloat (year, <, month);
  g_assert_cmpfloat (swapped, <, exact);
  g_assert_cmpfloat (swapped, >, BP_WATCHLIST_HIT_THRESHOLD);

  /* A different day or year rules the entry out. */
  q.birth_date = "1974-08-13";
  g_assert_cmpfloat (screen (f, &q, "p4", NULL), <, 0);
  q.birth_date = "1975";
  g_assert_cmpfloat (screen (f, &q, "p4", NULL), <, 0);

  /* A list entry known by year only meets a full date. */
  q = (BpWatchlistQuery){ .family_name = "PAPADOPOULOS", .given_names = "KONSTANTINOS", .birth_date = "1983-04-01" };
  g_assert_cmpfloat (screen (f, &q, "p3", NULL), >, BP_WATCHLIST_HIT_THRESHOLD);

  /* An entry past its valid_until is not screened. */
  q = (BpWatchlistQuery){ .family_name = "OLD", .given_names = "ENTRY", .birth_date = "1950-01-01" };
  g_assert_cmpfloat (screen (f, &q, "p7", NULL), <, 0);
  q.today = "2000-06-01";
  g_assert_cmpfloat (screen (f, &q, "p7", NULL), ==, 1.0);
}

static void
test_documents (Fixture *f,
                gconstpointer data)
{
  g_autofree char *sentence = NULL;
  BpWatchlistQuery q = { .document_number = "L898902C3", .issuing_state = "UTO", .document_type = "P" };

  g_assert_cmpfloat (screen (f, &q, "d1", NULL), ==, 1.0);
  /* An OCR slip: O read for 0, I for 1, and S for 5. */
  q.document_number = "AB012345";
  g_assert_cmpfloat (screen (f, &q, "d2", &sentence), ==, 0.9);
  g_assert_nonnull (strstr (sentence, "look-alike"));
  q.document_number = "A8OI234S";
  g_assert_cmpfloat (screen (f, &q, "d2", NULL), ==, 0.9);
  /* Another state's document with the same number is another document. */
  q = (BpWatchlistQuery){ .document_number = "L898902C3", .issuing_state = "D" };
  g_assert_cmpfloat (screen (f, &q, "d1", NULL), <, 0);
  /* And so is an identity card with the number of a listed passport. */
  q = (BpWatchlistQuery){ .document_number = "L898902C3", .issuing_state = "UTO", .document_type = "I" };
  g_assert_cmpfloat (screen (f, &q, "d1", NULL), <, 0);
  q = (BpWatchlistQuery){ .document_number = "L898902C4" };
  g_assert_cmpfloat (screen (f, &q, "d1", NULL), <, 0);
}

static void
test_common_names (void)
{
  g_autoptr (GString) data = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (BpWatchlistResult) result = NULL;
  Fixture f = { 0 };
  BpWatchlistQuery q;

  /* Many entries share a common name, known by birth year only. */
  for (guint i = 0; i < 400; i++)
    g_string_append_printf (data,
                            "{\"id\":\"c%u\",\"list\":\"national\",\"kind\":\"person\",\"family_name\":\"Ali\","
                            "\"given_names\":\"Mohammed\",\"birth_date\":\"%u\"}\n",
                            i, 1950 + i % 50);
  for (guint i = 0; i < 400; i++)
    g_string_append_printf (data,
                            "{\"id\":\"o%u\",\"list\":\"national\",\"kind\":\"person\",\"family_name\":\"Family%c%c\","
                            "\"given_names\":\"Given%c%c\",\"birth_date\":\"%u\"}\n",
                            i, 'A' + i % 26, 'A' + i / 26, 'A' + i / 26, 'A' + i % 26, 1950 + i % 50);
  g_string_append (data, "{\"id\":\"rare\",\"list\":\"national\",\"kind\":\"person\",\"family_name\":\"Ali\","
                         "\"given_names\":\"Zebulon\",\"birth_date\":\"1980\"}\n");
  g_string_append (data, "{\"id\":\"full\",\"list\":\"national\",\"kind\":\"person\",\"family_name\":\"Ali\","
                         "\"given_names\":\"Mohammed\",\"birth_date\":\"1980-05-05\"}\n");
  fixture_set_up (&f, data->str);

  /* A traveller with the common name, born in a year eight entries have:
   * no hit, since the name says little and the year less. */
  q = (BpWatchlistQuery){ .family_name = "ALI", .given_names = "MOHAMMED", .birth_date = "1981-03-09" };
  result = bp_watchlist_screen (f.watchlist, &q);
  g_assert_cmpuint (result->hits->len, ==, 0);
  g_clear_pointer (&result, bp_watchlist_result_free);

  /* The same evidence with a rare given name is a hit. */
  q = (BpWatchlistQuery){ .family_name = "ALI", .given_names = "ZEBULON", .birth_date = "1980-03-09" };
  g_assert_cmpfloat (screen (&f, &q, "rare", NULL), >, BP_WATCHLIST_HIT_THRESHOLD);

  /* The whole common name and the full birth date is always a hit. */
  q = (BpWatchlistQuery){ .family_name = "ALI", .given_names = "MOHAMMED", .birth_date = "1980-05-05" };
  g_assert_cmpfloat (screen (&f, &q, "full", NULL), ==, 1.0);

  /* A shared birth date alone never is. */
  q = (BpWatchlistQuery){ .family_name = "SMITH", .given_names = "JOHN", .birth_date = "1980-05-05" };
  result = bp_watchlist_screen (f.watchlist, &q);
  g_assert_cmpuint (result->hits->len, ==, 0);

  fixture_tear_down (&f, NULL);
}

static void
test_check (Fixture *f,
            gconstpointer data)
{
  g_autoptr (BpWatchlistResult) hit = NULL;
  g_autoptr (BpWatchlistResult) clean = NULL;
  g_autoptr (BpCheck) failed = NULL;
  g_autoptr (BpCheck) passed = NULL;
  BpWatchlistQuery q = { .document_number = "L898902C3", .issuing_state = "UTO" };

  hit = bp_watchlist_screen (f->watchlist, &q);
  failed = bp_watchlist_result_to_check (hit);
  g_assert_cmpstr (bp_check_get_id (failed), ==, "alert-lists");
  g_assert_cmpint (bp_check_get_verdict (failed), ==, BP_VERDICT_FAILED);
  g_assert_nonnull (strstr (bp_check_get_message (failed), "national 1, sltd 1"));
  g_assert_nonnull (strstr (bp_check_get_message (failed), "seize"));

  q.document_number = "X0000000";
  clean = bp_watchlist_screen (f->watchlist, &q);
  passed = bp_watchlist_result_to_check (clean);
  g_assert_cmpint (bp_check_get_verdict (passed), ==, BP_VERDICT_PASSED);
  g_assert_cmpstr (bp_check_get_message (passed), ==, "No hit. Screened against: national 1, sltd 1.");
}

static void
test_no_lists (Fixture *f,
               gconstpointer data)
{
  BpWatchlistQuery q = { .family_name = "ERIKSSON", .given_names = "ANNA" };
  g_autoptr (BpWatchlistResult) result = bp_watchlist_screen (f->watchlist, &q);
  g_autoptr (BpCheck) check = bp_watchlist_result_to_check (result);

  g_assert_cmpuint (result->lists->len, ==, 0);
  g_assert_cmpint (bp_check_get_verdict (check), ==, BP_VERDICT_NOT_PERFORMED);
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, data) \
  g_test_add ("/borderpost/watchlist/match/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("exact-and-scripts", test_exact_and_scripts, lists);
  ADD ("swap-and-missing", test_swap_and_missing, lists);
  ADD ("typo-bounds", test_typo_bounds, lists);
  ADD ("truncation", test_truncation, lists);
  ADD ("dates", test_dates, lists);
  ADD ("documents", test_documents, lists);
  ADD ("check", test_check, lists);
  ADD ("no-lists", test_no_lists, NULL);
#undef ADD
  g_test_add_func ("/borderpost/watchlist/match/common-names", test_common_names);

  return g_test_run ();
}
