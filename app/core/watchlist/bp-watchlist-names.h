/* bp-watchlist-names.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

#define BP_NAME_MAX_PARTS    8
#define BP_NAME_MAX_VARIANTS 2
#define BP_NAME_PART_MAX     31
#define BP_NAME_KEY_MAX      6

typedef enum
{
  BP_NAME_ROLE_FAMILY,
  BP_NAME_ROLE_GIVEN,
} BpNameRole;

/* One name part in upper-case ASCII letters, with up to two spellings:
 * the ICAO 9303 long transliteration first (MUELLER), the short one
 * second (MULLER) when it differs. */
typedef struct
{
  char    v[BP_NAME_MAX_VARIANTS][BP_NAME_PART_MAX + 1];
  guint8  len[BP_NAME_MAX_VARIANTS];
  guint8  n_variants;
  guint8  role;
} BpNamePart;

typedef struct
{
  guint       n_parts;
  BpNamePart  parts[BP_NAME_MAX_PARTS];
} BpNameSet;

/* A blocking key: at most five letters and a NUL. */
typedef char BpNameKey[BP_NAME_KEY_MAX];

/* Splits a name in any script into parts, transliterated to Latin
 * letters the way a machine readable zone writes them, and adds them to
 * set with the given role. MRZ "<" fillers count as spaces. Returns the
 * number of parts added (parts past BP_NAME_MAX_PARTS are dropped). */
guint        bp_name_normalise          (const char        *text,
                                         BpNameRole         role,
                                         BpNameSet         *set);

/* The compact text form kept in the index: family parts, "|", given
 * parts; parts separated by spaces, spellings by "/". */
char        *bp_name_set_to_string      (const BpNameSet   *set) G_GNUC_WARN_UNUSED_RESULT;
/* Reads the compact form back; FALSE (and an empty set) when malformed. */
gboolean     bp_name_set_parse          (const char        *text,
                                         BpNameSet         *set);

/* Optimal string alignment (restricted Damerau) distance, or max + 1 as
 * soon as it is known to exceed max. */
guint        bp_name_distance           (const char        *a,
                                         guint              la,
                                         const char        *b,
                                         guint              lb,
                                         guint              max);
/* Edits allowed in a part of this many letters. */
guint        bp_name_max_edits          (guint              len);

/* Blocking keys of a part: its first five letters with each one letter
 * left out, and its first four letters. Two parts within one edit of
 * each other in their first five letters share a key. Returns how many. */
guint        bp_name_part_keys          (const char        *part,
                                         guint              len,
                                         BpNameKey          keys[BP_NAME_KEY_MAX]);

/* Folds spellings of one sound that transliterations disagree on (KS/X,
 * OU/U, EE/I, EI/AY, AU/O, …) into out (BP_NAME_PART_MAX + 1 bytes).
 * Returns the folded length. */
guint        bp_name_fold_sounds        (const char        *part,
                                         guint              len,
                                         char              *out);

/* Upper case, letters and digits only; "" when nothing is left. */
char        *bp_document_number_normalise (const char      *number) G_GNUC_WARN_UNUSED_RESULT;
/* Folds look-alike letters to digits in place (O→0, I→1, S→5, B→8, Z→2). */
void         bp_document_number_fold      (char            *number);

guint32      bp_watchlist_hash            (const char      *data,
                                           gsize            len,
                                           guint32          seed);

/* clang-format on */

G_END_DECLS
