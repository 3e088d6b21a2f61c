/* bp-watchlist-match.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-watchlist-match"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "bp-watchlist-match.h"

/* How much a typo, a shortened part or a swap costs, and how much of a
 * part's weight counts against the score when it is on one side only.
 * A missing middle name costs little: lists and passports often leave
 * them out. */
#define EDIT_COST 0.8
#define SHORTENED_SIM 0.9
#define SWAP_SIM 0.97
#define MISSING_FIRST 0.5
#define MISSING_MIDDLE 0.2
#define MISSING_TRUNCATED 0.1
#define CONFLICT 0.5

/* Evidence (in nats) that a birth date gives, by precision: about ln of
 * the number of dates it picks one from. */
#define EVIDENCE_FULL_DATE 10.5
#define EVIDENCE_YEAR_MONTH 7.1
#define EVIDENCE_YEAR 4.6
#define EVIDENCE_SWAPPED 8.0
#define EVIDENCE_NATIONALITY 1.5
/* How much more evidence than a chance match among N entries (ln N) a
 * name needs before it is a hit: e^-margin is the expected number of
 * entries that would match a random traveller this well by chance. */
#define EVIDENCE_MARGIN 3.0

double _bp_watchlist_evidence_margin = EVIDENCE_MARGIN;

void
bp_watchlist_hit_free (BpWatchlistHit *hit)
{
  if (hit == NULL)
    return;

  g_free (hit->entry_id);
  g_free (hit->list);
  g_clear_pointer (&hit->reasons, g_array_unref);
  g_free (hit->sentence);
  g_free (hit->reason);
  g_free (hit->action);
  g_free (hit->family_name);
  g_free (hit->given_names);
  g_free (hit->birth_date);
  g_free (hit->document_number);
  g_free (hit);
}

const char *
bp_watchlist_field_to_string (BpWatchlistField field)
{
  static const char *names[] = {
    "family_name",
    "given_names",
    "name_order",
    "birth_date",
    "nationality",
    "document_number",
    "issuing_state",
    "document_type",
    "name_frequency",
  };

  return field < G_N_ELEMENTS (names) ? names[field] : "unknown";
}

const char *
bp_watchlist_match_to_string (BpWatchlistMatch match)
{
  static const char *names[] = {
    "exact",
    "edits",
    "shortened",
    "part_missing",
    "swapped",
    "year_month",
    "year",
    "unknown",
    "different",
    "look_alike",
    "common",
  };

  return match < G_N_ELEMENTS (names) ? names[match] : "unknown";
}

static char *
reason_text (const BpWatchlistReason *r)
{
  switch (r->field)
    {
    case BP_WATCHLIST_FIELD_FAMILY_NAME:
    case BP_WATCHLIST_FIELD_GIVEN_NAMES:
      {
        gboolean family = r->field == BP_WATCHLIST_FIELD_FAMILY_NAME;

        switch (r->match)
          {
          case BP_WATCHLIST_MATCH_EXACT:
            return g_strdup (family ? _ ("family name exact") : _ ("given name exact"));
          case BP_WATCHLIST_MATCH_EDITS:
            return g_strdup_printf (family
                                        /* Translators: %u is a number of typing differences (edits). */
                                        ? g_dngettext (GETTEXT_PACKAGE, "family name %u edit", "family name %u edits", r->edits)
                                        : g_dngettext (GETTEXT_PACKAGE, "given name %u edit", "given name %u edits", r->edits),
                                    r->edits);
          case BP_WATCHLIST_MATCH_SHORTENED:
            return g_strdup (family ? _ ("family name cut short in the MRZ") : _ ("given name cut short in the MRZ"));
          case BP_WATCHLIST_MATCH_PART_MISSING:
            return g_strdup (family ? _ ("part of the family name missing") : _ ("a middle name missing"));
          default:
            break;
          }
        break;
      }
    case BP_WATCHLIST_FIELD_NAME_ORDER:
      return g_strdup (_ ("family and given names swapped"));
    case BP_WATCHLIST_FIELD_BIRTH_DATE:
      switch (r->match)
        {
        case BP_WATCHLIST_MATCH_EXACT:
          return g_strdup (_ ("birth date matches"));
        case BP_WATCHLIST_MATCH_YEAR_MONTH:
          return g_strdup (_ ("birth year and month match, day unknown"));
        case BP_WATCHLIST_MATCH_YEAR:
          return g_strdup (_ ("birth year matches"));
        case BP_WATCHLIST_MATCH_SWAPPED:
          return g_strdup (_ ("birth date matches with day and month swapped"));
        case BP_WATCHLIST_MATCH_UNKNOWN:
          return g_strdup (_ ("no birth date to compare"));
        default:
          break;
        }
      break;
    case BP_WATCHLIST_FIELD_NATIONALITY:
      return g_strdup (r->match == BP_WATCHLIST_MATCH_EXACT ? _ ("nationality matches") : _ ("nationality differs"));
    case BP_WATCHLIST_FIELD_DOCUMENT_NUMBER:
      return g_strdup (r->match == BP_WATCHLIST_MATCH_EXACT
                           ? _ ("document number exact")
                           : _ ("document number matches up to look-alike characters (0/O, 1/I, 5/S, 8/B, 2/Z)"));
    case BP_WATCHLIST_FIELD_ISSUING_STATE:
      return g_strdup (r->match == BP_WATCHLIST_MATCH_EXACT ? _ ("issuing state matches") : _ ("issuing state not checked"));
    case BP_WATCHLIST_FIELD_DOCUMENT_TYPE:
      return g_strdup (_ ("document type matches"));
    case BP_WATCHLIST_FIELD_NAME_FREQUENCY:
      return g_strdup (_ ("name too common in the lists to count on this evidence alone"));
    default:
      break;
    }

  return NULL;
}

char *
bp_watchlist_reasons_to_sentence (const GArray *reasons)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (reasons != NULL, NULL);

  for (guint i = 0; i < reasons->len; i++)
    {
      g_autofree char *piece = reason_text (&g_array_index (reasons, BpWatchlistReason, i));

      if (piece == NULL)
        continue;
      if (out->len > 0)
        /* Translators: separates the reasons of a match. */
        g_string_append (out, _ (", "));
      g_string_append (out, piece);
    }

  /* Start with a capital, whatever the language's first letter is. */
  if (out->len > 0)
    {
      gunichar c = g_utf8_get_char (out->str);
      char buf[8];
      int n = g_unichar_to_utf8 (g_unichar_toupper (c), buf);
      int old = g_utf8_next_char (out->str) - out->str;

      g_string_erase (out, 0, old);
      g_string_prepend_len (out, buf, n);
    }

  return g_string_free (out, FALSE);
}

static void
add_reason (GArray *reasons,
            BpWatchlistField field,
            BpWatchlistMatch match,
            guint edits)
{
  BpWatchlistReason r = { field, match, edits };

  g_array_append_val (reasons, r);
}

double
_bp_watchlist_part_weight (BpWatchlistIndex *index,
                           const BpNamePart *part)
{
  double n = index != NULL ? bp_watchlist_index_get_n_persons (index) : 0;
  guint df = 0;

  if (index != NULL)
    for (guint k = 0; k < part->n_variants; k++)
      df = MAX (df, bp_watchlist_index_part_count (index, part->v[k], part->len[k]));

  /* Inverse document frequency; a part the lists never saw counts as rare. */
  return MAX (0.3, log ((n + 1.0) / (df + 0.5)));
}

static void
copy_code (char *dest,
           gsize size,
           const char *code)
{
  memset (dest, 0, size);
  if (code != NULL)
    for (gsize i = 0, j = 0; code[i] != '\0' && j < size - 1; i++)
      if (code[i] != '<')
        dest[j++] = g_ascii_toupper (code[i]);
}

void
_bp_watchlist_prepare (BpWatchlistPrepared *prep,
                       const BpWatchlistQuery *query,
                       BpWatchlistIndex *index)
{
  memset (prep, 0, sizeof *prep);

  bp_name_normalise (query->family_name, BP_NAME_ROLE_FAMILY, &prep->names);
  bp_name_normalise (query->given_names, BP_NAME_ROLE_GIVEN, &prep->names);
  for (guint i = 0; i < prep->names.n_parts; i++)
    prep->weights[i] = _bp_watchlist_part_weight (index, &prep->names.parts[i]);

  if (query->birth_date != NULL)
    bp_watchlist_date_parse (query->birth_date, &prep->birth);
  copy_code (prep->nationality, sizeof prep->nationality, query->nationality);
  copy_code (prep->issuing_state, sizeof prep->issuing_state, query->issuing_state);
  copy_code (prep->document_type, sizeof prep->document_type, query->document_type);
  prep->truncated = query->name_truncated;
  prep->n_persons = index != NULL ? bp_watchlist_index_get_n_persons (index) : 0;

  if (query->document_number != NULL)
    {
      prep->number = bp_document_number_normalise (query->document_number);
      if (*prep->number == '\0')
        g_clear_pointer (&prep->number, g_free);
      else
        {
          prep->folded = g_strdup (prep->number);
          bp_document_number_fold (prep->folded);
        }
    }

  if (query->today == NULL || !bp_watchlist_date_parse (query->today, &prep->today))
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();

      prep->today = BP_WATCHLIST_DATE (g_date_time_get_year (now), g_date_time_get_month (now),
                                       g_date_time_get_day_of_month (now));
    }
}

void
_bp_watchlist_prepared_clear (BpWatchlistPrepared *prep)
{
  g_clear_pointer (&prep->number, g_free);
  g_clear_pointer (&prep->folded, g_free);
}

static gboolean
expired (const BpWatchlistPrepared *prep,
         const BpWatchlistRecord *rec)
{
  return rec->valid_until != 0 && rec->valid_until < prep->today;
}

static BpWatchlistHit *
new_hit (BpWatchlistIndex *index,
         const BpWatchlistRecord *rec)
{
  BpWatchlistHit *hit = g_new0 (BpWatchlistHit, 1);
  const BpWatchlistListInfo *list = bp_watchlist_index_get_list (index, rec->list);

  hit->entry_id = g_strdup (bp_watchlist_index_get_string (index, rec->id));
  hit->list = g_strdup (bp_watchlist_index_get_string (index, list->name));
  hit->list_version = list->version;
  hit->kind = rec->kind;
  hit->reasons = g_array_new (FALSE, FALSE, sizeof (BpWatchlistReason));
  hit->reason = g_strdup (bp_watchlist_index_get_string (index, rec->reason));
  hit->action = g_strdup (bp_watchlist_index_get_string (index, rec->action));
  if (rec->family_name != 0)
    hit->family_name = g_strdup (bp_watchlist_index_get_string (index, rec->family_name));
  if (rec->given_names != 0)
    hit->given_names = g_strdup (bp_watchlist_index_get_string (index, rec->given_names));
  hit->birth_date = bp_watchlist_date_format (rec->birth_date);
  if (rec->document_number != 0)
    hit->document_number = g_strdup (bp_watchlist_index_get_string (index, rec->document_number));

  return hit;
}

/* Similarity of a query part to a list part, 0 when they do not match. */
static double
part_similarity (const BpNamePart *q,
                 const BpNamePart *l,
                 gboolean truncated,
                 BpWatchlistMatch *how,
                 guint *edits)
{
  double best = 0;

  for (guint a = 0; a < q->n_variants; a++)
    for (guint b = 0; b < l->n_variants; b++)
      {
        guint lq = q->len[a], ll = l->len[b];
        guint max = bp_name_max_edits (ll);
        guint d;
        double sim;

        if (lq == ll && memcmp (q->v[a], l->v[b], lq) == 0)
          {
            *how = BP_WATCHLIST_MATCH_EXACT;
            *edits = 0;
            return 1.0;
          }
        if (truncated && lq >= 2 && lq < ll && memcmp (q->v[a], l->v[b], lq) == 0 && SHORTENED_SIM > best)
          {
            best = SHORTENED_SIM;
            *how = BP_WATCHLIST_MATCH_SHORTENED;
            *edits = 0;
          }
        if (max == 0)
          continue;
        d = bp_name_distance (q->v[a], lq, l->v[b], ll, max);
        if (d > max)
          {
            char fq[BP_NAME_PART_MAX + 1], fl[BP_NAME_PART_MAX + 1];
            guint nq = bp_name_fold_sounds (q->v[a], lq, fq), nl = bp_name_fold_sounds (l->v[b], ll, fl);

            if ((nq == lq && memcmp (fq, q->v[a], lq) == 0) && (nl == ll && memcmp (fl, l->v[b], ll) == 0))
              continue;
            d = bp_name_distance (fq, nq, fl, nl, max);
            if (d > max)
              continue;
          }
        sim = 1.0 - EDIT_COST * d / ll;
        if (sim > best)
          {
            best = sim;
            *how = BP_WATCHLIST_MATCH_EDITS;
            *edits = d;
          }
      }

  return best;
}

typedef struct
{
  double sim;
  guint edits;
  BpWatchlistMatch how;
} Pair;

typedef struct
{
  double weight;
  double cost;
} Missing;

static int
compare_missing (const void *a,
                 const void *b)
{
  const Missing *x = a, *y = b;

  return x->weight > y->weight ? -1 : x->weight < y->weight;
}

/* Aligns query parts to list parts one to one (each used at most once),
 * maximising the weighted similarity, by dynamic programming over the set
 * of list parts used. At most 8 × 256 states. */
static guint
align (const BpNameSet *q,
       const BpNameSet *l,
       const double *lw,
       Pair pairs[BP_NAME_MAX_PARTS][BP_NAME_MAX_PARTS],
       int assign[BP_NAME_MAX_PARTS])
{
  double dp[BP_NAME_MAX_PARTS + 1][1 << BP_NAME_MAX_PARTS];
  gint8 choice[BP_NAME_MAX_PARTS][1 << BP_NAME_MAX_PARTS];
  guint nq = q->n_parts, nl = l->n_parts, full = 1u << nl;
  guint family_mask = 0, best_mask = 0, need;
  double best = -1;

  for (guint j = 0; j < nl; j++)
    if (l->parts[j].role == BP_NAME_ROLE_FAMILY)
      family_mask |= 1u << j;

  for (guint m = 0; m < full; m++)
    dp[0][m] = m == 0 ? 0 : -1;

  for (guint i = 0; i < nq; i++)
    {
      for (guint m = 0; m < full; m++)
        dp[i + 1][m] = -1;
      for (guint m = 0; m < full; m++)
        {
          if (dp[i][m] < 0)
            continue;
          /* Leave query part i unmatched. */
          if (dp[i][m] > dp[i + 1][m])
            {
              dp[i + 1][m] = dp[i][m];
              choice[i][m] = -1;
            }
          for (guint j = 0; j < nl; j++)
            {
              double v;

              if ((m & (1u << j)) || pairs[i][j].sim <= 0)
                continue;
              v = dp[i][m] + lw[j] * pairs[i][j].sim;
              if (v > dp[i + 1][m | (1u << j)])
                {
                  dp[i + 1][m | (1u << j)] = v;
                  choice[i][m | (1u << j)] = (gint8) j;
                }
            }
        }
    }

  /* At least two parts must agree (one, when a side has only one), and a
   * family name part of the list must be among them. */
  need = MIN (2, MIN (nq, nl));
  for (guint m = 0; m < full; m++)
    if (dp[nq][m] > best && (guint) __builtin_popcount (m) >= need && (family_mask == 0 || (m & family_mask) != 0))
      {
        best = dp[nq][m];
        best_mask = m;
      }

  for (guint i = 0; i < BP_NAME_MAX_PARTS; i++)
    assign[i] = -1;
  if (best < 0 || need == 0)
    return 0;

  /* Walk back through the choices. */
  for (guint i = nq, m = best_mask; i > 0; i--)
    {
      int j = choice[i - 1][m];

      if (j >= 0)
        {
          assign[i - 1] = j;
          m &= ~(1u << j);
        }
    }

  return best_mask;
}

static void
name_reasons (GArray *reasons,
              const BpNameSet *l,
              const BpNameSet *q,
              Pair pairs[BP_NAME_MAX_PARTS][BP_NAME_MAX_PARTS],
              const int assign[BP_NAME_MAX_PARTS],
              guint mask,
              gboolean swapped)
{
  for (guint role = BP_NAME_ROLE_FAMILY; role <= BP_NAME_ROLE_GIVEN; role++)
    {
      BpWatchlistField field = role == BP_NAME_ROLE_FAMILY ? BP_WATCHLIST_FIELD_FAMILY_NAME : BP_WATCHLIST_FIELD_GIVEN_NAMES;
      guint edits = 0, n = 0;
      gboolean shortened = FALSE, missing = FALSE;

      for (guint i = 0; i < q->n_parts; i++)
        {
          int j = assign[i];

          if (j < 0 || l->parts[j].role != role)
            continue;
          n++;
          edits += pairs[i][j].edits;
          shortened |= pairs[i][j].how == BP_WATCHLIST_MATCH_SHORTENED;
        }
      for (guint j = 0; j < l->n_parts; j++)
        missing |= l->parts[j].role == role && !(mask & (1u << j));
      for (guint i = 0; i < q->n_parts; i++)
        missing |= q->parts[i].role == role && assign[i] < 0;

      if (n > 0)
        {
          if (edits > 0)
            add_reason (reasons, field, BP_WATCHLIST_MATCH_EDITS, edits);
          else if (shortened)
            add_reason (reasons, field, BP_WATCHLIST_MATCH_SHORTENED, 0);
          else
            add_reason (reasons, field, BP_WATCHLIST_MATCH_EXACT, 0);
        }
      if (missing)
        add_reason (reasons, field, BP_WATCHLIST_MATCH_PART_MISSING, 0);
    }

  if (swapped)
    add_reason (reasons, BP_WATCHLIST_FIELD_NAME_ORDER, BP_WATCHLIST_MATCH_SWAPPED, 0);
}

/* Compares birth dates as precisely as both know them. FALSE when they
 * contradict each other. */
static gboolean
compare_dates (BpWatchlistDate q,
               BpWatchlistDate l,
               double *factor,
               double *evidence,
               BpWatchlistMatch *how)
{
  guint qy = BP_WATCHLIST_DATE_YEAR (q), ly = BP_WATCHLIST_DATE_YEAR (l);
  guint qm = BP_WATCHLIST_DATE_MONTH (q), lm = BP_WATCHLIST_DATE_MONTH (l);
  guint qd = BP_WATCHLIST_DATE_DAY (q), ld = BP_WATCHLIST_DATE_DAY (l);

  *evidence = 0;
  if (qy == 0 || ly == 0)
    {
      *factor = 0.85;
      *how = BP_WATCHLIST_MATCH_UNKNOWN;
      return TRUE;
    }
  if (qy != ly)
    return FALSE;
  if (qm == 0 || lm == 0)
    {
      *factor = 0.9;
      *evidence = EVIDENCE_YEAR;
      *how = BP_WATCHLIST_MATCH_YEAR;
      return TRUE;
    }
  if (qd != 0 && ld != 0 && qm == ld && qd == lm && qm != lm)
    {
      *factor = 0.85;
      *evidence = EVIDENCE_SWAPPED;
      *how = BP_WATCHLIST_MATCH_SWAPPED;
      return TRUE;
    }
  if (qm != lm)
    return FALSE;
  if (qd == 0 || ld == 0)
    {
      *factor = 0.95;
      *evidence = EVIDENCE_YEAR_MONTH;
      *how = BP_WATCHLIST_MATCH_YEAR_MONTH;
      return TRUE;
    }
  if (qd != ld)
    return FALSE;

  *factor = 1.0;
  *evidence = EVIDENCE_FULL_DATE;
  *how = BP_WATCHLIST_MATCH_EXACT;

  return TRUE;
}

BpWatchlistHit *
_bp_watchlist_score_person (const BpWatchlistPrepared *prep,
                            BpWatchlistIndex *index,
                            guint entry)
{
  const BpWatchlistRecord *rec = bp_watchlist_index_get_record (index, entry);
  const BpNameSet *q = &prep->names;
  BpNameSet l;
  Pair pairs[BP_NAME_MAX_PARTS][BP_NAME_MAX_PARTS];
  int assign[BP_NAME_MAX_PARTS];
  double lw[BP_NAME_MAX_PARTS];
  double matched = 0, matched_w = 0, penalty = 0, evidence = 0;
  Missing q_miss[BP_NAME_MAX_PARTS], l_miss[BP_NAME_MAX_PARTS];
  guint n_q_miss = 0, n_l_miss = 0, n_conflicts;
  double date_factor, date_evidence, nat_factor = 1.0, score;
  BpWatchlistMatch date_how;
  gboolean swapped = FALSE, all_exact = TRUE;
  guint mask, first_given = G_MAXUINT;
  BpWatchlistHit *hit;

  if (rec->kind != BP_WATCHLIST_KIND_PERSON || expired (prep, rec) || q->n_parts == 0)
    return NULL;
  if (!bp_name_set_parse (bp_watchlist_index_get_string (index, rec->names), &l) || l.n_parts == 0)
    return NULL;
  if (!compare_dates (prep->birth, rec->birth_date, &date_factor, &date_evidence, &date_how))
    return NULL;

  for (guint i = 0; i < q->n_parts; i++)
    for (guint j = 0; j < l.n_parts; j++)
      {
        Pair *p = &pairs[i][j];

        p->sim = part_similarity (&q->parts[i], &l.parts[j], prep->truncated, &p->how, &p->edits);
        if (p->sim > 0 && q->parts[i].role != l.parts[j].role)
          p->sim *= SWAP_SIM;
      }
  for (guint j = 0; j < l.n_parts; j++)
    {
      lw[j] = _bp_watchlist_part_weight (index, &l.parts[j]);
      if (l.parts[j].role == BP_NAME_ROLE_GIVEN && first_given == G_MAXUINT)
        first_given = j;
    }

  mask = align (q, &l, lw, pairs, assign);
  if (mask == 0)
    return NULL;

  for (guint i = 0; i < q->n_parts; i++)
    {
      int j = assign[i];

      if (j < 0)
        {
          /* Only the first part of each name is expected on both sides:
           * middle names and second family names often go missing. */
          gboolean first = i == 0 || q->parts[i - 1].role != q->parts[i].role;

          q_miss[n_q_miss].weight = prep->weights[i];
          q_miss[n_q_miss++].cost = first ? MISSING_FIRST : MISSING_MIDDLE;
          all_exact = FALSE;
          continue;
        }
      matched += lw[j] * pairs[i][j].sim;
      matched_w += lw[j];
      evidence += lw[j] * pairs[i][j].sim;
      swapped |= q->parts[i].role != l.parts[j].role;
      all_exact &= pairs[i][j].how == BP_WATCHLIST_MATCH_EXACT && q->parts[i].role == l.parts[j].role;
    }
  for (guint j = 0; j < l.n_parts; j++)
    if (!(mask & (1u << j)))
      {
        double cost = MISSING_MIDDLE;

        if (prep->truncated)
          cost = MISSING_TRUNCATED;
        else if (j == 0 || j == first_given)
          cost = MISSING_FIRST;
        l_miss[n_l_miss].weight = lw[j];
        l_miss[n_l_miss++].cost = cost;
        all_exact = FALSE;
      }

  /* A part on one side only may have been left out; a part on each side
   * that match nothing contradict each other (GARCIA LOPEZ is not GARCIA
   * PEREZ). Pair the weightiest unmatched parts of both sides as
   * contradictions, unless the MRZ may have cut the list's parts away. */
  qsort (q_miss, n_q_miss, sizeof (Missing), compare_missing);
  qsort (l_miss, n_l_miss, sizeof (Missing), compare_missing);
  n_conflicts = prep->truncated ? 0 : MIN (n_q_miss, n_l_miss);
  for (guint k = 0; k < n_q_miss; k++)
    penalty += q_miss[k].weight * (k < n_conflicts ? CONFLICT : q_miss[k].cost);
  for (guint k = 0; k < n_l_miss; k++)
    penalty += l_miss[k].weight * (k < n_conflicts ? CONFLICT : l_miss[k].cost);
  for (guint k = 0; k < n_conflicts; k++)
    evidence -= CONFLICT * (q_miss[k].weight + l_miss[k].weight);

  if (prep->nationality[0] != '\0' && rec->nationality[0] != '\0')
    {
      if (strncmp (prep->nationality, rec->nationality, 3) == 0)
        evidence += EVIDENCE_NATIONALITY;
      else
        {
          nat_factor = 0.9;
          evidence -= EVIDENCE_NATIONALITY;
        }
    }

  score = matched / (matched_w + penalty) * date_factor * nat_factor;
  /* When the traveller's own document is the vague one (an unknown day
   * or month in the MRZ) and the entry's date is full and agrees, the
   * entry is as specific as ever: chance matches come from vague entries,
   * which meet every traveller, not from the few vague documents. */
  if (date_how != BP_WATCHLIST_MATCH_EXACT && date_how != BP_WATCHLIST_MATCH_SWAPPED && BP_WATCHLIST_DATE_YEAR (prep->birth) != 0 && BP_WATCHLIST_DATE_DAY (rec->birth_date) != 0)
    date_evidence = EVIDENCE_FULL_DATE;
  evidence += date_evidence;

  hit = new_hit (index, rec);
  name_reasons (hit->reasons, &l, q, pairs, assign, mask, swapped);
  add_reason (hit->reasons, BP_WATCHLIST_FIELD_BIRTH_DATE, date_how, 0);
  if (prep->nationality[0] != '\0' && rec->nationality[0] != '\0')
    add_reason (hit->reasons, BP_WATCHLIST_FIELD_NATIONALITY,
                nat_factor < 1.0 ? BP_WATCHLIST_MATCH_DIFFERENT : BP_WATCHLIST_MATCH_EXACT, 0);

  /* Common names must not drown the officer: when the name parts and the
   * birth date together would match a random entry of lists this size
   * (evidence below ln N), the score is held below the threshold. A
   * traveller whose whole name and full birth date equal an entry is
   * always a hit. */
  if (evidence < log (prep->n_persons + 1.0) + _bp_watchlist_evidence_margin && !(all_exact && date_how == BP_WATCHLIST_MATCH_EXACT))
    {
      score *= 0.7;
      add_reason (hit->reasons, BP_WATCHLIST_FIELD_NAME_FREQUENCY, BP_WATCHLIST_MATCH_COMMON, 0);
    }

  hit->score = CLAMP (score, 0.0, 1.0);

  return hit;
}

BpWatchlistHit *
_bp_watchlist_score_document (const BpWatchlistPrepared *prep,
                              BpWatchlistIndex *index,
                              guint entry)
{
  const BpWatchlistRecord *rec = bp_watchlist_index_get_record (index, entry);
  g_autofree char *folded = NULL;
  const char *number;
  gboolean exact;
  BpWatchlistHit *hit;

  if (prep->number == NULL || rec->document_number == 0 || expired (prep, rec))
    return NULL;

  number = bp_watchlist_index_get_string (index, rec->document_number);
  exact = g_str_equal (number, prep->number);
  if (!exact)
    {
      folded = g_strdup (number);
      bp_document_number_fold (folded);
      if (!g_str_equal (folded, prep->folded))
        return NULL;
    }

  /* The same number from another state, or on another kind of document,
   * is another document. */
  if (prep->issuing_state[0] != '\0' && rec->issuing_state[0] != '\0' && strncmp (prep->issuing_state, rec->issuing_state, 3) != 0)
    return NULL;
  if (prep->document_type[0] != '\0' && rec->document_type[0] != '\0' && prep->document_type[0] != rec->document_type[0])
    return NULL;

  hit = new_hit (index, rec);
  add_reason (hit->reasons, BP_WATCHLIST_FIELD_DOCUMENT_NUMBER,
              exact ? BP_WATCHLIST_MATCH_EXACT : BP_WATCHLIST_MATCH_LOOK_ALIKE, 0);
  if (rec->issuing_state[0] != '\0')
    add_reason (hit->reasons, BP_WATCHLIST_FIELD_ISSUING_STATE,
                prep->issuing_state[0] != '\0' ? BP_WATCHLIST_MATCH_EXACT : BP_WATCHLIST_MATCH_UNKNOWN, 0);
  if (rec->document_type[0] != '\0' && prep->document_type[0] != '\0')
    add_reason (hit->reasons, BP_WATCHLIST_FIELD_DOCUMENT_TYPE, BP_WATCHLIST_MATCH_EXACT, 0);
  hit->score = exact ? 1.0 : 0.9;

  return hit;
}
