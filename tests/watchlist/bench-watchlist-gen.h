/* bench-watchlist-gen.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Synthetic travellers for the alert-list benchmark. */

#pragma once

#include <glib.h>

/* A name as a list holds it, as an MRZ writes it, and in another
 * transliteration. */
typedef struct
{
  const char *list;
  const char *mrz;
  const char *alt;
} BenchName;

typedef struct
{
  const char *name;
  const char *nationality;
  const BenchName *family;
  guint n_family;
  const BenchName *given_m;
  guint n_given_m;
  const BenchName *given_f;
  guint n_given_f;
  const char **syllables;
  double share;
} Culture;

/* One generated person: each name part as the list holds it, as the MRZ
 * writes it, and in the other transliteration. */
#define MAX_PARTS 6
typedef struct
{
  guint culture;
  guint n_family, n_given;
  const char *list[MAX_PARTS];
  char *mrz[MAX_PARTS];
  char *alt[MAX_PARTS];
  guint y, m, d;   /* m = 0: year only; d = 0: year and month */
  gboolean middle; /* has a part that may be dropped */
} Person;

extern GRand *rng;
extern const Culture cultures[7];

guint  zipf            (guint n, gboolean head_only);
void   make_person     (Person *p, gboolean head_only);
void   person_clear    (Person *p);
char  *join_parts      (const Person *p, char *const *forms, gboolean family);
char  *join_list       (const Person *p, gboolean family);
char  *date_text       (guint y, guint m, guint d);
void   random_document (char *out);
void   typo            (char *s);
