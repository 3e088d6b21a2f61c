/* bench-watchlist.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Builds seeded synthetic alert lists (N persons from seven naming
 * cultures with a realistic skew, and M lost or stolen documents), then
 * screens queries made from list entries with the variations a booth
 * meets (other transliterations, swapped order, a dropped middle name,
 * typos, an unknown birth day, MRZ truncation, look-alike characters in
 * document numbers) and clean travellers, including a group with the
 * most common names. Prints one JSON object per figure.
 *
 * Baselines in the same run: an exact-key hash lookup on the normalised
 * name and birth date, and brute-force Jaro-Winkler over every entry (on
 * a sample of the queries, since it is slow).
 *
 * Usage: bench-watchlist [N_PERSONS [N_DOCUMENTS]]  (default 1000000 each) */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-watchlist-gen.h"
#include "bp-watchlist-private.h"

enum
{
  V_EXACT,
  V_TRANSLIT,
  V_SWAPPED,
  V_DROPPED_MIDDLE,
  V_TYPO1,
  V_TYPO2,
  V_UNKNOWN_DAY,
  V_TRUNCATED,
  V_DOC_EXACT,
  V_DOC_LOOKALIKE,
  V_CLEAN,
  V_CLEAN_COMMON,
  N_VARIATIONS
};

static const char *variation_names[] = {
  "exact",
  "transliteration",
  "swapped_order",
  "dropped_middle_name",
  "typo_1",
  "typo_2",
  "unknown_day",
  "mrz_truncation",
  "document_exact",
  "document_look_alike",
  "clean",
  "clean_common_names",
};

typedef struct
{
  guint variation;
  int target; /* entry number in the index, or -1 */
  char *family, *given, *birth, *document;
  gboolean truncated;
  char *exact_key; /* for the hash baseline */
} Query;

static void
query_clear (Query *q)
{
  g_free (q->family);
  g_free (q->given);
  g_free (q->birth);
  g_free (q->document);
  g_free (q->exact_key);
}

static char *
name_key (const char *family,
          const char *given,
          const char *birth)
{
  BpNameSet set = { 0 };
  g_autofree char *names = NULL;

  bp_name_normalise (family, BP_NAME_ROLE_FAMILY, &set);
  bp_name_normalise (given, BP_NAME_ROLE_GIVEN, &set);
  /* First spelling of every part only: what an exact lookup would key on. */
  for (guint i = 0; i < set.n_parts; i++)
    set.parts[i].n_variants = 1;
  names = bp_name_set_to_string (&set);

  return g_strconcat (names, "#", birth ? birth : "", NULL);
}

static double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  p = strstr (status, "VmRSS:");
  return p ? strtol (p + 6, NULL, 10) : -1;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double p)
{
  if (values->len == 0)
    return 0;
  qsort (values->data, values->len, sizeof (double), compare_double);
  return g_array_index (values, double, MIN (values->len - 1, (guint) (p * values->len)));
}

/* Jaro-Winkler similarity of two ASCII strings. */
static double
jaro_winkler (const char *a,
              guint la,
              const char *b,
              guint lb)
{
  gboolean ma[64] = { 0 }, mb[64] = { 0 };
  guint window, matches = 0, trans = 0, prefix = 0;
  double jaro;

  la = MIN (la, 64);
  lb = MIN (lb, 64);
  if (la == 0 || lb == 0)
    return 0;
  window = MAX (la, lb) / 2;
  window = window > 0 ? window - 1 : 0;
  for (guint i = 0; i < la; i++)
    {
      guint lo = i > window ? i - window : 0, hi = MIN (lb, i + window + 1);

      for (guint j = lo; j < hi; j++)
        if (!mb[j] && a[i] == b[j])
          {
            ma[i] = mb[j] = TRUE;
            matches++;
            break;
          }
    }
  if (matches == 0)
    return 0;
  for (guint i = 0, j = 0; i < la; i++)
    if (ma[i])
      {
        while (!mb[j])
          j++;
        trans += a[i] != b[j];
        j++;
      }
  jaro = ((double) matches / la + (double) matches / lb + (matches - trans / 2.0) / matches) / 3.0;
  while (prefix < 4 && prefix < la && prefix < lb && a[prefix] == b[prefix])
    prefix++;

  return jaro + prefix * 0.1 * (1 - jaro);
}

static gboolean
make_query (Query *q,
            guint variation,
            Person *persons,
            guint n_persons,
            char (*documents)[10],
            guint n_documents,
            Person *clean)
{
  guint i = g_rand_int_range (rng, 0, n_persons);
  Person *p = &persons[i];
  char *forms[MAX_PARTS];
  char number[10];

  memset (q, 0, sizeof *q);
  q->variation = variation;
  q->target = i;
  for (guint k = 0; k < MAX_PARTS; k++)
    forms[k] = p->mrz[k];
  random_document (number);
  /* A fresh number is on no list, except by a chance of 1 in 10^13. */
  q->document = g_strdup (number);

  switch (variation)
    {
    case V_EXACT:
      break;
    case V_TRANSLIT:
      {
        gboolean differs = FALSE;

        for (guint k = 0; k < p->n_family + p->n_given; k++)
          differs |= !g_str_equal (p->mrz[k], p->alt[k]) || (p->culture == 2 && p->list[k][0] & 0x80);
        if (!differs)
          return FALSE;
        for (guint k = 0; k < MAX_PARTS; k++)
          forms[k] = p->alt[k];
        break;
      }
    case V_SWAPPED:
      q->family = join_parts (p, forms, FALSE);
      q->given = join_parts (p, forms, TRUE);
      break;
    case V_DROPPED_MIDDLE:
      if (!p->middle)
        return FALSE;
      if (p->n_family == 2)
        q->family = g_strdup (forms[0]);
      else
        {
          GString *s = g_string_new (NULL);

          for (guint k = p->n_family; k < p->n_family + p->n_given - 1; k++)
            g_string_append_printf (s, "%s%s", s->len ? " " : "", forms[k]);
          q->given = g_string_free (s, FALSE);
        }
      break;
    case V_TYPO1:
    case V_TYPO2:
      {
        static char buf[MAX_PARTS][64];
        guint longest = 0, n_long = 0;

        for (guint k = 0; k < p->n_family + p->n_given; k++)
          {
            g_strlcpy (buf[k], forms[k], 60);
            forms[k] = buf[k];
            if (strlen (buf[k]) > strlen (buf[longest]))
              longest = k;
            n_long += strlen (buf[k]) >= 4;
          }
        if (strlen (buf[longest]) < 4)
          return FALSE;
        typo (buf[longest]);
        if (variation == V_TYPO2)
          {
            if (strlen (p->mrz[longest]) >= 8)
              typo (buf[longest]);
            else if (n_long >= 2)
              {
                for (guint k = 0; k < p->n_family + p->n_given; k++)
                  if (k != longest && strlen (buf[k]) >= 4)
                    {
                      typo (buf[k]);
                      break;
                    }
              }
            else
              return FALSE;
          }
        break;
      }
    case V_UNKNOWN_DAY:
      if (p->d == 0)
        return FALSE;
      q->birth = date_text (p->y, p->m, 0);
      break;
    case V_TRUNCATED:
      {
        g_autofree char *family = join_parts (p, forms, TRUE);
        g_autofree char *given = join_parts (p, forms, FALSE);
        g_autofree char *field = g_strconcat (family, "<<", given, NULL);
        char *sep;

        /* A TD1 name field holds 30 characters. */
        if (strlen (field) <= 30)
          return FALSE;
        field[30] = '\0';
        g_strdelimit (field, " ", '<');
        sep = strstr (field, "<<");
        if (sep == NULL)
          return FALSE;
        *sep = '\0';
        q->family = g_strdelimit (g_strdup (field), "<", ' ');
        q->given = g_strstrip (g_strdelimit (g_strdup (sep + 2), "<", ' '));
        q->truncated = TRUE;
        break;
      }
    case V_DOC_EXACT:
    case V_DOC_LOOKALIKE:
      {
        guint d = g_rand_int_range (rng, 0, n_documents);

        g_free (q->document);
        q->document = g_strdup (documents[d]);
        q->target = n_persons + d;
        if (variation == V_DOC_LOOKALIKE)
          {
            static const char from[] = "015828", to[] = "OISBZ8";
            guint changed = 0;

            for (char *c = q->document; *c != '\0' && changed < 2; c++)
              {
                const char *at = strchr (from, *c);

                if (at != NULL && at - from < 5)
                  {
                    *c = to[at - from];
                    changed++;
                  }
                else if (*c == 'B')
                  {
                    *c = '8';
                    changed++;
                  }
              }
            if (changed == 0)
              return FALSE;
          }
        /* The holder is nobody on the list. */
        make_person (clean, FALSE);
        p = clean;
        for (guint k = 0; k < MAX_PARTS; k++)
          forms[k] = p->mrz[k];
        break;
      }
    case V_CLEAN:
    case V_CLEAN_COMMON:
      make_person (clean, variation == V_CLEAN_COMMON);
      p = clean;
      if (p->m == 0)
        p->m = 6;
      if (p->d == 0)
        p->d = 15;
      q->target = -1;
      for (guint k = 0; k < MAX_PARTS; k++)
        forms[k] = p->mrz[k];
      break;
    default:
      g_assert_not_reached ();
    }

  if (q->family == NULL && variation != V_DROPPED_MIDDLE)
    q->family = join_parts (p, forms, TRUE);
  if (q->family == NULL)
    q->family = join_parts (p, forms, TRUE);
  if (q->given == NULL)
    q->given = join_parts (p, forms, FALSE);
  if (q->birth == NULL)
    q->birth = date_text (p->y, p->m, p->d);
  q->exact_key = name_key (q->family, q->given, q->birth);

  return TRUE;
}

static void
print_figure (const char *json)
{
  g_print ("%s\n", json);
}

int
main (int argc,
      char **argv)
{
  guint n_persons = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  guint n_documents = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : n_persons;
  guint per_variation = n_persons >= 100000 ? 1000 : 300;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree Person *persons = NULL;
  g_autofree char (*documents)[10] = NULL;
  g_autoptr (GPtrArray) national = NULL;
  g_autoptr (GPtrArray) sltd = NULL;
  g_autoptr (GHashTable) exact = NULL;
  g_autoptr (BpWatchlist) watchlist = NULL;
  g_autofree char **jw_names = NULL;
  g_autofree guint16 *jw_years = NULL;
  g_autoptr (GArray) latency = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *latency_by[N_VARIATIONS];
  g_autoptr (GArray) latency_exact = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) latency_jw = g_array_new (FALSE, FALSE, sizeof (double));
  double t, build_s, load_s;
  long rss_before, rss_after;
  guint found1[N_VARIATIONS] = { 0 }, found5[N_VARIATIONS] = { 0 }, total[N_VARIATIONS] = { 0 };
  guint exact_found[N_VARIATIONS] = { 0 }, jw_found[N_VARIATIONS] = { 0 }, jw_total[N_VARIATIONS] = { 0 };
  guint identical[N_VARIATIONS] = { 0 };
  guint jw_sample;
  Person clean = { 0 };

  if (n_persons == 0 || n_documents == 0)
    {
      g_printerr ("usage: bench-watchlist [N_PERSONS [N_DOCUMENTS]]\n");
      return 2;
    }
  rng = g_rand_new_with_seed (20261126);
  for (guint v = 0; v < N_VARIATIONS; v++)
    latency_by[v] = g_array_new (FALSE, FALSE, sizeof (double));
  if (g_getenv ("BENCH_MARGIN") != NULL)
    _bp_watchlist_evidence_margin = g_ascii_strtod (g_getenv ("BENCH_MARGIN"), NULL);

  /* Generate the lists. */
  persons = g_new0 (Person, n_persons);
  documents = g_malloc_n (n_documents, 10);
  national = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_watchlist_entry_free);
  sltd = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_watchlist_entry_free);
  for (guint i = 0; i < n_persons; i++)
    {
      BpWatchlistEntry *e = g_new0 (BpWatchlistEntry, 1);
      Person *p = &persons[i];

      make_person (p, FALSE);
      e->id = g_strdup_printf ("P%07u", i);
      e->list = g_strdup ("national");
      e->kind = BP_WATCHLIST_KIND_PERSON;
      /* Chinese names: one list in five in characters, the rest in pinyin. */
      if (p->culture == 2 && g_rand_double (rng) >= 0.2)
        {
          e->family_name = join_parts (p, p->mrz, TRUE);
          e->given_names = join_parts (p, p->mrz, FALSE);
          for (guint k = 0; k < p->n_family + p->n_given; k++)
            p->list[k] = "";
        }
      else
        {
          e->family_name = join_list (p, TRUE);
          e->given_names = join_list (p, FALSE);
        }
      e->birth_date = date_text (p->y, p->m, p->d);
      e->nationality = g_strdup (cultures[p->culture].nationality);
      e->reason = g_strdup ("Person of interest");
      e->action = g_strdup ("refer");
      g_ptr_array_add (national, e);
    }
  for (guint i = 0; i < n_documents; i++)
    {
      BpWatchlistEntry *e = g_new0 (BpWatchlistEntry, 1);

      random_document (documents[i]);
      e->id = g_strdup_printf ("D%08u", i);
      e->list = g_strdup ("sltd");
      e->kind = BP_WATCHLIST_KIND_DOCUMENT;
      e->document_number = g_strdup (documents[i]);
      e->document_type = g_strdup ("P");
      e->issuing_state = g_strdup ("UTO");
      e->reason = g_strdup ("Stolen");
      e->action = g_strdup ("seize");
      g_ptr_array_add (sltd, e);
    }

  /* Baselines' data: exact keys, and the normalised full names with the
   * birth year for Jaro-Winkler. Not timed. */
  exact = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  jw_names = g_new (char *, n_persons);
  jw_years = g_new (guint16, n_persons);
  for (guint i = 0; i < n_persons; i++)
    {
      BpWatchlistEntry *e = g_ptr_array_index (national, i);
      BpNameSet set = { 0 };

      g_hash_table_insert (exact, name_key (e->family_name, e->given_names, e->birth_date), GUINT_TO_POINTER (i + 1));
      bp_name_normalise (e->family_name, BP_NAME_ROLE_FAMILY, &set);
      bp_name_normalise (e->given_names, BP_NAME_ROLE_GIVEN, &set);
      for (guint k = 0; k < set.n_parts; k++)
        set.parts[k].n_variants = 1;
      jw_names[i] = g_strdelimit (bp_name_set_to_string (&set), "|", ' ');
      jw_years[i] = persons[i].y;
    }
  for (guint i = 0; i < n_documents; i++)
    g_hash_table_insert (exact, g_strconcat ("#doc#", documents[i], NULL), GUINT_TO_POINTER (n_persons + i + 1));

  /* Build the index. */
  dir = g_dir_make_tmp ("bench-watchlist-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, BP_WATCHLIST_INDEX_FILE, NULL);
  {
    BpWatchlistBuildList lists[] = {
      { "national", 1, 0, national },
      { "sltd", 1, 0, sltd },
    };

    t = now_s ();
    if (!bp_watchlist_index_build (path, lists, G_N_ELEMENTS (lists), &error))
      g_error ("%s", error->message);
    build_s = now_s () - t;
  }
  g_clear_pointer (&national, g_ptr_array_unref);
  g_clear_pointer (&sltd, g_ptr_array_unref);

  rss_before = rss_kb ();
  t = now_s ();
  watchlist = bp_watchlist_new (dir);
  if (!bp_watchlist_load (watchlist, &error))
    g_error ("%s", error->message);
  load_s = now_s () - t;
  rss_after = rss_kb ();

  /* Screen. */
  jw_sample = n_persons >= 1000000 ? 100 : 200;
  for (guint v = 0; v < N_VARIATIONS; v++)
    for (guint n = 0, tries = 0; n < per_variation && tries < per_variation * 200; tries++)
      {
        Query q;
        BpWatchlistQuery bq = { 0 };
        g_autoptr (BpWatchlistResult) result = NULL;
        g_autofree char *target_id = NULL;
        double t0, dt;
        gpointer value;

        if (!make_query (&q, v, persons, n_persons, documents, n_documents, &clean))
          {
            if (v >= V_DOC_EXACT)
              person_clear (&clean);
            continue;
          }
        n++;
        total[v]++;
        if (q.target >= 0)
          target_id = q.target < (int) n_persons ? g_strdup_printf ("P%07u", q.target)
                                                 : g_strdup_printf ("D%08u", q.target - n_persons);

        bq.family_name = q.family;
        bq.given_names = q.given;
        bq.birth_date = q.birth;
        bq.document_number = q.document;
        bq.document_type = "P";
        bq.issuing_state = "UTO";
        bq.name_truncated = q.truncated;

        /* The machine is shared: each query is timed three times and the
         * fastest run kept, which drops most of the noise of other work. */
        dt = G_MAXDOUBLE;
        for (guint run = 0; run < 3; run++)
          {
            g_clear_pointer (&result, bp_watchlist_result_free);
            t0 = now_s ();
            result = bp_watchlist_screen (watchlist, &bq);
            dt = MIN (dt, (now_s () - t0) * 1000);
          }
        g_array_append_val (latency, dt);
        g_array_append_val (latency_by[v], dt);

        for (guint h = 0; h < result->hits->len; h++)
          {
            BpWatchlistHit *hit = g_ptr_array_index (result->hits, h);

            if (target_id != NULL && g_str_equal (hit->entry_id, target_id))
              {
                found1[v] += h == 0;
                found5[v] += h < 5;
                break;
              }
          }
        if (target_id == NULL && result->hits->len > 0)
          {
            BpWatchlistHit *hit = g_ptr_array_index (result->hits, 0);

            found1[v]++;
            if (g_getenv ("BENCH_DEBUG") != NULL)
              g_printerr ("false hit: %s / %s / %s -> %s %s / %s / %s %.3f: %s\n", q.family, q.given, q.birth,
                          hit->entry_id, hit->family_name, hit->given_names, hit->birth_date, hit->score, hit->sentence);
            /* A clean traveller with the very name and birth date of an
             * entry cannot be told apart by any screening. */
            identical[v] += hit->score >= 1.0;
          }

        /* Baseline 1: exact keys in a hash table. */
        t0 = now_s ();
        {
          g_autofree char *key = name_key (q.family, q.given, q.birth);
          g_autofree char *doc_key = g_strconcat ("#doc#", q.document, NULL);
          guint want = q.target >= 0 ? (guint) q.target + 1 : 0;

          value = g_hash_table_lookup (exact, key);
          if (v >= V_DOC_EXACT)
            value = g_hash_table_lookup (exact, doc_key) ? g_hash_table_lookup (exact, doc_key) : value;
          else if (value == NULL)
            value = g_hash_table_lookup (exact, doc_key);
          exact_found[v] += want != 0 ? GPOINTER_TO_UINT (value) == want : value != NULL;
        }
        dt = (now_s () - t0) * 1000;
        g_array_append_val (latency_exact, dt);

        /* Baseline 2: brute-force Jaro-Winkler over all persons with the
         * same birth year, on a sample. */
        if (jw_total[v] < jw_sample && (v < V_DOC_EXACT || v >= V_CLEAN))
          {
            BpNameSet set = { 0 };
            g_autofree char *qs = NULL;
            guint qy = atoi (q.birth), best_i = G_MAXUINT;
            double best = 0;

            t0 = now_s ();
            bp_name_normalise (q.family, BP_NAME_ROLE_FAMILY, &set);
            bp_name_normalise (q.given, BP_NAME_ROLE_GIVEN, &set);
            for (guint k = 0; k < set.n_parts; k++)
              set.parts[k].n_variants = 1;
            qs = g_strdelimit (bp_name_set_to_string (&set), "|", ' ');
            for (guint e = 0; e < n_persons; e++)
              if (jw_years[e] == qy)
                {
                  double s = jaro_winkler (qs, strlen (qs), jw_names[e], strlen (jw_names[e]));

                  if (s > best)
                    {
                      best = s;
                      best_i = e;
                    }
                }
            dt = (now_s () - t0) * 1000;
            g_array_append_val (latency_jw, dt);
            jw_total[v]++;
            if (q.target >= 0)
              jw_found[v] += best >= 0.9 && best_i == (guint) q.target;
            else
              jw_found[v] += best >= 0.9;
          }

        query_clear (&q);
        if (v >= V_DOC_EXACT)
          person_clear (&clean);
      }

  /* Figures. */
  {
    double size = bp_watchlist_get_index_size (watchlist);
    guint n_entries = n_persons + n_documents;
    g_autofree char *line = g_strdup_printf (
        "{\"figure\":\"index\",\"persons\":%u,\"documents\":%u,\"build_seconds\":%.2f,\"index_bytes\":%.0f,"
        "\"bytes_per_entry\":%.1f,\"load_ms\":%.1f,\"rss_before_load_kb\":%ld,\"rss_after_load_kb\":%ld,"
        "\"rss_load_delta_kb\":%ld}",
        n_persons, n_documents, build_s, size, size / n_entries, load_s * 1000, rss_before, rss_after,
        rss_after - rss_before);
    print_figure (line);
  }
  for (guint v = 0; v < N_VARIATIONS; v++)
    {
      g_autofree char *line = NULL;

      if (v < V_CLEAN)
        line = g_strdup_printf ("{\"figure\":\"recall\",\"variation\":\"%s\",\"queries\":%u,\"recall_top1\":%.4f,"
                                "\"recall_top5\":%.4f,\"baseline_exact_recall\":%.4f,\"baseline_jaro_winkler_recall\":%.4f,"
                                "\"baseline_jaro_winkler_queries\":%u,\"latency_p50_ms\":%.3f,\"latency_p99_ms\":%.3f}",
                                variation_names[v], total[v], (double) found1[v] / MAX (total[v], 1),
                                (double) found5[v] / MAX (total[v], 1), (double) exact_found[v] / MAX (total[v], 1),
                                jw_total[v] ? (double) jw_found[v] / jw_total[v] : -1.0, jw_total[v],
                                percentile (latency_by[v], 0.5), percentile (latency_by[v], 0.99));
      else
        line = g_strdup_printf ("{\"figure\":\"false_hits_per_1000\",\"group\":\"%s\",\"travellers\":%u,"
                                "\"false_hits_per_1000\":%.2f,\"of_which_identical_name_and_birth_date\":%u,"
                                "\"baseline_exact_per_1000\":%.2f,\"baseline_jaro_winkler_per_1000\":%.2f,"
                                "\"latency_p50_ms\":%.3f,\"latency_p99_ms\":%.3f}",
                                variation_names[v], total[v], 1000.0 * found1[v] / MAX (total[v], 1), identical[v],
                                1000.0 * exact_found[v] / MAX (total[v], 1),
                                jw_total[v] ? 1000.0 * jw_found[v] / jw_total[v] : -1.0,
                                percentile (latency_by[v], 0.5), percentile (latency_by[v], 0.99));
      print_figure (line);
    }
  {
    double p50 = percentile (latency, 0.5), p99 = percentile (latency, 0.99);
    double e50 = percentile (latency_exact, 0.5), e99 = percentile (latency_exact, 0.99);
    double j50 = percentile (latency_jw, 0.5), j99 = percentile (latency_jw, 0.99);
    g_autofree char *line = g_strdup_printf (
        "{\"figure\":\"latency_ms\",\"screenings\":%u,\"p50\":%.3f,\"p99\":%.3f,\"max\":%.3f,"
        "\"baseline_exact_p50\":%.4f,\"baseline_exact_p99\":%.4f,\"ratio_p50_to_exact\":%.1f,"
        "\"baseline_jaro_winkler_p50\":%.2f,\"baseline_jaro_winkler_p99\":%.2f,\"ratio_jaro_winkler_p50_to_ours\":%.1f}",
        latency->len, p50, p99, g_array_index (latency, double, latency->len - 1), e50, e99, p50 / MAX (e50, 1e-6),
        j50, j99, j50 / MAX (p50, 1e-6));
    print_figure (line);
  }

  for (guint i = 0; i < n_persons; i++)
    {
      person_clear (&persons[i]);
      g_free (jw_names[i]);
    }
  for (guint v = 0; v < N_VARIATIONS; v++)
    g_array_unref (latency_by[v]);
  g_clear_object (&watchlist);
  g_unlink (path);
  g_rmdir (dir);
  g_rand_free (rng);

  return 0;
}
