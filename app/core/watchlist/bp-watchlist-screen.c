/* bp-watchlist-screen.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-watchlist-screen"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "bp-watchlist-private.h"

/* A blocking key with more entries than this is common: entries found
 * only through common keys must share at least two name parts with the
 * traveller to be scored. Keys past MAX_POSTINGS are skipped: the other
 * parts of the name find those entries. */
#define RARE_POSTINGS 256
#define MAX_POSTINGS 50000
#define FIRST_YEAR 1900
#define LAST_YEAR 2035

typedef struct
{
  guint32 entry;
  guint16 parts;
  guint16 rare;
} Candidate;

static int
compare_candidates (const void *a,
                    const void *b)
{
  const Candidate *x = a, *y = b;

  return x->entry < y->entry ? -1 : x->entry > y->entry;
}

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const BpWatchlistHit *x = *(BpWatchlistHit *const *) a;
  const BpWatchlistHit *y = *(BpWatchlistHit *const *) b;
  int cmp;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  cmp = g_strcmp0 (x->list, y->list);
  return cmp != 0 ? cmp : g_strcmp0 (x->entry_id, y->entry_id);
}

static void
add_postings (GArray *candidates,
              BpWatchlistIndex *index,
              const char *key,
              guint year,
              guint part)
{
  guint n;
  const BpWatchlistKey *keys = bp_watchlist_index_find_persons (index, bp_watchlist_person_hash (key, year), &n);

  if (n > MAX_POSTINGS)
    return;
  for (guint i = 0; i < n; i++)
    {
      Candidate c = { keys[i].value, (guint16) (1u << part), n <= RARE_POSTINGS };

      g_array_append_val (candidates, c);
    }
}

/* Given names written as separate syllables (XIAO MING, or XIAO-MING)
 * where the list has one word (XIAOMING): the query with its given names
 * joined, or FALSE when there is nothing to join. */
static gboolean
join_given_names (const BpWatchlistPrepared *prep,
                  BpWatchlistPrepared *joined)
{
  BpNamePart *first = NULL;
  guint n_given = 0, out = 0;

  *joined = *prep;
  joined->number = joined->folded = NULL;
  for (guint i = 0; i < prep->names.n_parts; i++)
    {
      const BpNamePart *part = &prep->names.parts[i];

      if (part->role != BP_NAME_ROLE_GIVEN)
        {
          joined->names.parts[out] = *part;
          joined->weights[out++] = prep->weights[i];
          continue;
        }
      n_given++;
      if (first == NULL)
        {
          first = &joined->names.parts[out];
          *first = *part;
          first->n_variants = 1;
          joined->weights[out++] = prep->weights[i];
          continue;
        }
      if (first->len[0] + part->len[0] > BP_NAME_PART_MAX)
        return FALSE;
      memcpy (first->v[0] + first->len[0], part->v[0], part->len[0]);
      first->len[0] += part->len[0];
      first->v[0][first->len[0]] = '\0';
      joined->weights[out - 1] = MAX (joined->weights[out - 1], prep->weights[i]);
    }
  joined->names.n_parts = out;

  return n_given >= 2;
}

static void
find_persons (const BpWatchlistPrepared *prep,
              const BpWatchlistPrepared *joined,
              BpWatchlistIndex *index,
              GHashTable *hits)
{
  g_autoptr (GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  guint year = BP_WATCHLIST_DATE_YEAR (prep->birth);
  guint need = MIN (2, prep->names.n_parts);

  for (guint i = 0; i < prep->names.n_parts; i++)
    for (guint k = 0; k < prep->names.parts[i].n_variants; k++)
      {
        const BpNamePart *part = &prep->names.parts[i];
        BpNameKey keys[2 * BP_NAME_KEY_MAX];
        char folded[BP_NAME_PART_MAX + 1];
        guint n = bp_name_part_keys (part->v[k], part->len[k], keys);
        guint n_folded = bp_name_fold_sounds (part->v[k], part->len[k], folded);

        if (n_folded != part->len[k] || memcmp (folded, part->v[k], n_folded) != 0)
          n += bp_name_part_keys (folded, n_folded, keys + n);

        for (guint j = 0; j < n; j++)
          {
            /* Entries without a birth year are keyed under year 0. */
            add_postings (candidates, index, keys[j], 0, i);
            if (year != 0)
              add_postings (candidates, index, keys[j], year, i);
            else if (j == 0)
              for (guint y = FIRST_YEAR; y <= LAST_YEAR; y++)
                add_postings (candidates, index, keys[j], y, i);
          }
      }

  if (candidates->len > 1)
    qsort (candidates->data, candidates->len, sizeof (Candidate), compare_candidates);

  for (guint i = 0; i < candidates->len;)
    {
      Candidate merged = g_array_index (candidates, Candidate, i);
      BpWatchlistHit *hit;

      for (i++; i < candidates->len && g_array_index (candidates, Candidate, i).entry == merged.entry; i++)
        {
          merged.parts |= g_array_index (candidates, Candidate, i).parts;
          merged.rare |= g_array_index (candidates, Candidate, i).rare;
        }

      if (!merged.rare && (guint) __builtin_popcount (merged.parts) < need)
        continue;

      hit = _bp_watchlist_score_person (prep, index, merged.entry);
      if (joined != NULL && (hit == NULL || hit->score < BP_WATCHLIST_HIT_THRESHOLD))
        {
          BpWatchlistHit *other = _bp_watchlist_score_person (joined, index, merged.entry);

          if (other != NULL && (hit == NULL || other->score > hit->score))
            {
              bp_watchlist_hit_free (hit);
              hit = other;
            }
          else
            bp_watchlist_hit_free (other);
        }
      if (hit == NULL)
        continue;
      if (hit->score < BP_WATCHLIST_HIT_THRESHOLD)
        {
          bp_watchlist_hit_free (hit);
          continue;
        }
      g_hash_table_insert (hits, GUINT_TO_POINTER (merged.entry), hit);
    }
}

static void
find_documents (const BpWatchlistPrepared *prep,
                BpWatchlistIndex *index,
                GHashTable *hits)
{
  guint n;
  const BpWatchlistKey *keys = bp_watchlist_index_find_documents (index, bp_watchlist_document_hash (prep->folded), &n);

  for (guint i = 0; i < n; i++)
    {
      BpWatchlistHit *hit = _bp_watchlist_score_document (prep, index, keys[i].value);
      BpWatchlistHit *have;

      if (hit == NULL)
        continue;
      have = g_hash_table_lookup (hits, GUINT_TO_POINTER (keys[i].value));
      if (have != NULL && have->score >= hit->score)
        {
          bp_watchlist_hit_free (hit);
          continue;
        }
      g_hash_table_insert (hits, GUINT_TO_POINTER (keys[i].value), hit);
    }
}

BpWatchlistResult *
bp_watchlist_screen (BpWatchlist *self,
                     const BpWatchlistQuery *query)
{
  g_autoptr (BpWatchlistIndex) index = NULL;
  g_autoptr (GHashTable) hits = NULL;
  BpWatchlistPrepared prep;
  BpWatchlistResult *result;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (BP_IS_WATCHLIST (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  result = g_new0 (BpWatchlistResult, 1);
  result->hits = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_watchlist_hit_free);
  result->lists = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_watchlist_list_status_free);

  index = _bp_watchlist_dup_index (self);
  if (index == NULL)
    return result;

  for (guint i = 0; i < bp_watchlist_index_get_n_lists (index); i++)
    {
      const BpWatchlistListInfo *info = bp_watchlist_index_get_list (index, i);
      BpWatchlistListStatus *status = g_new0 (BpWatchlistListStatus, 1);

      status->name = g_strdup (bp_watchlist_index_get_string (index, info->name));
      status->version = info->version;
      status->n_entries = info->n_entries;
      status->updated = info->updated;
      g_ptr_array_add (result->lists, status);
    }

  hits = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) bp_watchlist_hit_free);
  _bp_watchlist_prepare (&prep, query, index);
  if (prep.names.n_parts > 0)
    {
      BpWatchlistPrepared joined;

      find_persons (&prep, join_given_names (&prep, &joined) ? &joined : NULL, index, hits);
    }
  if (prep.folded != NULL)
    find_documents (&prep, index, hits);
  _bp_watchlist_prepared_clear (&prep);

  g_hash_table_iter_init (&iter, hits);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      BpWatchlistHit *hit = value;

      hit->sentence = bp_watchlist_reasons_to_sentence (hit->reasons);
      g_ptr_array_add (result->hits, hit);
      g_hash_table_iter_steal (&iter);
    }
  g_ptr_array_sort (result->hits, compare_hits);

  return result;
}

void
bp_watchlist_query_init_from_mrz (BpWatchlistQuery *query,
                                  const BpMrz *mrz)
{
  g_return_if_fail (query != NULL);
  g_return_if_fail (mrz != NULL);

  memset (query, 0, sizeof *query);
  query->document_number = mrz->document_number;
  query->document_type = mrz->document_code;
  query->issuing_state = mrz->issuing_state;
  query->family_name = mrz->primary_identifier;
  query->given_names = mrz->secondary_identifier;
  query->birth_date = mrz->birth_date;
  query->nationality = mrz->nationality;
  query->name_truncated = mrz->name_truncated;
}

void
bp_watchlist_list_status_free (BpWatchlistListStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->name);
  g_free (status);
}

void
bp_watchlist_result_free (BpWatchlistResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->hits, g_ptr_array_unref);
  g_clear_pointer (&result->lists, g_ptr_array_unref);
  g_free (result);
}

char *
bp_watchlist_result_dup_lists_text (const BpWatchlistResult *result)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (result != NULL, NULL);

  for (guint i = 0; i < result->lists->len; i++)
    {
      const BpWatchlistListStatus *status = g_ptr_array_index (result->lists, i);

      if (i > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%s %u", status->name, status->version);
    }

  return g_string_free (out, FALSE);
}

BpCheck *
bp_watchlist_result_to_check (const BpWatchlistResult *result)
{
  g_autofree char *lists = NULL;
  g_autofree char *message = NULL;
  const char *title = _ ("Alert lists");

  g_return_val_if_fail (result != NULL, NULL);

  if (result->lists->len == 0)
    return bp_check_new ("alert-lists", title, BP_VERDICT_NOT_PERFORMED,
                         _ ("No alert list is installed, so the traveller was not screened."));

  lists = bp_watchlist_result_dup_lists_text (result);
  if (result->hits->len == 0)
    {
      /* Translators: %s lists the alert lists and their versions, such as "national 3, sltd 12". */
      message = g_strdup_printf (_ ("No hit. Screened against: %s."), lists);
      return bp_check_new ("alert-lists", title, BP_VERDICT_PASSED, message);
    }

  {
    const BpWatchlistHit *best = g_ptr_array_index (result->hits, 0);
    g_autofree char *first = NULL;

    /* Translators: list name, list version, entry id, why it is listed,
     * the action required, and why it matched. */
    first = g_strdup_printf (_ ("Hit on list %s (version %u), entry %s: %s. Action: %s. %s."),
                             best->list, best->list_version, best->entry_id,
                             best->reason && *best->reason ? best->reason : _ ("no reason given"),
                             best->action, best->sentence);
    if (result->hits->len > 1)
      /* Translators: the first %s is the description of the best hit, %u the number of other hits, the last %s the lists screened. */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s %u more hit. Screened against: %s.",
                                              "%s %u more hits. Screened against: %s.", result->hits->len - 1),
                                 first, result->hits->len - 1, lists);
    else
      message = g_strdup_printf (_ ("%s Screened against: %s."), first, lists);
  }

  return bp_check_new ("alert-lists", title, BP_VERDICT_FAILED, message);
}
