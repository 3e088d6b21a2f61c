/* bp-watchlist-match.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bp-watchlist-entry.h"
#include "bp-watchlist-index.h"
#include "bp-watchlist-names.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* Scores at or above this are hits. */
#define BP_WATCHLIST_HIT_THRESHOLD 0.75

/* Who or what is screened. Every field is optional; strings are
 * borrowed. Names may be in any script. */
typedef struct
{
  const char *document_number;
  const char *document_type;     /* "P", "I", "ID", "V", … */
  const char *issuing_state;
  const char *family_name;
  const char *given_names;
  const char *birth_date;        /* YYYY, YYYY-MM, YYYY-MM-DD; "XX" for unknown parts */
  const char *nationality;
  gboolean    name_truncated;    /* the name may be cut short (a full MRZ name field) */
  const char *today;             /* YYYY-MM-DD for valid_until; NULL for today */
} BpWatchlistQuery;

/* What agreed (or not) between the traveller and an entry. */
typedef enum
{
  BP_WATCHLIST_FIELD_FAMILY_NAME,
  BP_WATCHLIST_FIELD_GIVEN_NAMES,
  BP_WATCHLIST_FIELD_NAME_ORDER,
  BP_WATCHLIST_FIELD_BIRTH_DATE,
  BP_WATCHLIST_FIELD_NATIONALITY,
  BP_WATCHLIST_FIELD_DOCUMENT_NUMBER,
  BP_WATCHLIST_FIELD_ISSUING_STATE,
  BP_WATCHLIST_FIELD_DOCUMENT_TYPE,
  BP_WATCHLIST_FIELD_NAME_FREQUENCY,
} BpWatchlistField;

typedef enum
{
  BP_WATCHLIST_MATCH_EXACT,
  BP_WATCHLIST_MATCH_EDITS,          /* names: within the typo bound */
  BP_WATCHLIST_MATCH_SHORTENED,      /* names: cut short in the MRZ */
  BP_WATCHLIST_MATCH_PART_MISSING,   /* names: a part on one side only */
  BP_WATCHLIST_MATCH_SWAPPED,        /* names: family and given swapped; dates: day and month */
  BP_WATCHLIST_MATCH_YEAR_MONTH,     /* dates: day unknown on one side */
  BP_WATCHLIST_MATCH_YEAR,           /* dates: only the year known on one side */
  BP_WATCHLIST_MATCH_UNKNOWN,        /* not known on one side */
  BP_WATCHLIST_MATCH_DIFFERENT,
  BP_WATCHLIST_MATCH_LOOK_ALIKE,     /* document numbers equal up to O/0, I/1, S/5, B/8, Z/2 */
  BP_WATCHLIST_MATCH_COMMON,         /* name frequency: too common to be a hit on this evidence */
} BpWatchlistMatch;

typedef struct
{
  BpWatchlistField  field;
  BpWatchlistMatch  match;
  guint             edits;
} BpWatchlistReason;

typedef struct
{
  char             *entry_id;
  char             *list;
  guint             list_version;
  BpWatchlistKind   kind;
  double            score;        /* 0…1; a hit at BP_WATCHLIST_HIT_THRESHOLD or above */
  GArray           *reasons;      /* BpWatchlistReason */
  char             *sentence;     /* the reasons in plain words, translated */
  char             *reason;       /* why the entry is on the list */
  char             *action;       /* what the officer must do: refer, seize, notify, … */
  char             *family_name;  /* as the list has it, for display */
  char             *given_names;
  char             *birth_date;
  char             *document_number;
} BpWatchlistHit;

void          bp_watchlist_hit_free        (BpWatchlistHit          *hit);

const char   *bp_watchlist_field_to_string (BpWatchlistField         field);
const char   *bp_watchlist_match_to_string (BpWatchlistMatch         match);
/* "family name exact, given name 1 edit, birth year matches" from the
 * structured reasons, in the user's language. */
char         *bp_watchlist_reasons_to_sentence (const GArray        *reasons) G_GNUC_WARN_UNUSED_RESULT;

/* A query prepared once for screening many candidates. */
typedef struct
{
  BpNameSet        names;
  double           weights[BP_NAME_MAX_PARTS];  /* rarity of each query part */
  BpWatchlistDate  birth;
  char             nationality[4];
  gboolean         truncated;
  char            *number;                      /* normalised document number, or NULL */
  char            *folded;
  char             issuing_state[4];
  char             document_type[3];
  BpWatchlistDate  today;
  guint            n_persons;
} BpWatchlistPrepared;

void          _bp_watchlist_prepare        (BpWatchlistPrepared     *prep,
                                            const BpWatchlistQuery  *query,
                                            BpWatchlistIndex        *index);
void          _bp_watchlist_prepared_clear (BpWatchlistPrepared     *prep);
/* Scores one entry of the index against the query; NULL when it does not
 * match at all. Hits and near misses both come back; the caller keeps
 * those at or above the threshold. */
BpWatchlistHit *_bp_watchlist_score_person   (const BpWatchlistPrepared *prep,
                                              BpWatchlistIndex          *index,
                                              guint                      entry);
BpWatchlistHit *_bp_watchlist_score_document (const BpWatchlistPrepared *prep,
                                              BpWatchlistIndex          *index,
                                              guint                      entry);
/* Evidence needed beyond ln N; settable for the benchmark. */
extern double _bp_watchlist_evidence_margin;
/* The rarity weight of a name part in the loaded lists. */
double        _bp_watchlist_part_weight    (BpWatchlistIndex        *index,
                                            const BpNamePart        *part);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpWatchlistHit, bp_watchlist_hit_free)

/* clang-format on */

G_END_DECLS
