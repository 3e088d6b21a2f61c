/* bench-watchlist-gen.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Generates travellers from seven naming cultures with a realistic skew:
 * three name parts in five from the named pools, drawn with Zipf weights
 * so the first names of each pool are very common, the rest from a long
 * tail of rare names made of syllables. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "bench-names.h"

#define POOL(x) x, G_N_ELEMENTS (x)

const Culture cultures[] = {
  { "arabic", "EGY", POOL (arabic_family), POOL (arabic_given_m), POOL (arabic_given_f), arabic_syll, 0.18 },
  { "slavic", "RUS", POOL (slavic_family), POOL (slavic_given_m), POOL (slavic_given_f), slavic_syll, 0.14 },
  { "chinese", "CHN", POOL (chinese_family), POOL (chinese_given), POOL (chinese_given), chinese_syll, 0.16 },
  { "spanish", "MEX", POOL (spanish_family), POOL (spanish_given_m), POOL (spanish_given_f), spanish_syll, 0.16 },
  { "west_african", "NGA", POOL (west_african_family), POOL (west_african_given_m), POOL (west_african_given_f), west_african_syll, 0.12 },
  { "south_asian", "IND", POOL (south_asian_family), POOL (south_asian_given_m), POOL (south_asian_given_f), south_asian_syll, 0.14 },
  { "nordic_german", "D", POOL (nordic_family), POOL (nordic_given_m), POOL (nordic_given_f), nordic_syll, 0.10 },
};

GRand *rng;

guint
zipf (guint n,
      gboolean head_only)
{
  /* Weights 1/(k+1)^1.1, drawn by inversion over a small table. */
  double total = 0, r;
  guint limit = head_only ? MIN (n, 3) : n;

  for (guint k = 0; k < limit; k++)
    total += 1.0 / pow (k + 1, 1.1);
  r = g_rand_double (rng) * total;
  for (guint k = 0; k < limit; k++)
    {
      r -= 1.0 / pow (k + 1, 1.1);
      if (r <= 0)
        return k;
    }
  return limit - 1;
}

static char *
ascii_upper (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");

  return g_ascii_strup (ascii, -1);
}

static void
add_part (Person *p,
          const BenchName *pool,
          guint n,
          const char **syllables,
          gboolean head_only)
{
  guint i = p->n_family + p->n_given;

  /* Three draws in five from the named pool, the rest from a long tail of
   * rare names made of syllables. */
  if (head_only || g_rand_double (rng) < 0.6)
    {
      const BenchName *name = &pool[zipf (n, head_only)];

      p->list[i] = name->list;
      p->mrz[i] = ascii_upper (name->mrz);
      p->alt[i] = ascii_upper (name->alt);
    }
  else
    {
      GString *s = g_string_new (NULL);
      guint n_syll = 0, k = 2 + g_rand_int_range (rng, 0, 2);

      while (syllables[n_syll] != NULL)
        n_syll++;
      for (guint j = 0; j < k; j++)
        g_string_append (s, syllables[g_rand_int_range (rng, 0, n_syll)]);
      p->mrz[i] = g_string_free (s, FALSE);
      p->alt[i] = g_strdup (p->mrz[i]);
      p->list[i] = g_intern_string (p->mrz[i]);
    }
}

void
make_person (Person *p,
             gboolean head_only)
{
  double r = g_rand_double (rng);
  const Culture *c;
  gboolean female = g_rand_boolean (rng);

  memset (p, 0, sizeof *p);
  for (p->culture = 0; p->culture < G_N_ELEMENTS (cultures) - 1; p->culture++)
    if ((r -= cultures[p->culture].share) <= 0)
      break;
  c = &cultures[p->culture];

  add_part (p, c->family, c->n_family, c->syllables, head_only);
  p->n_family = 1;
  if (g_str_equal (c->name, "spanish"))
    {
      /* Paternal and maternal family names. */
      add_part (p, c->family, c->n_family, c->syllables, head_only);
      p->n_family = 2;
      p->middle = TRUE;
    }

  if (female)
    add_part (p, c->given_f, c->n_given_f, c->syllables, head_only);
  else
    add_part (p, c->given_m, c->n_given_m, c->syllables, head_only);
  p->n_given = 1;

  if (g_str_equal (c->name, "slavic"))
    {
      /* A patronymic. */
      const BenchName *pool = female ? slavic_patronymic_f : slavic_patronymic_m;
      guint i = p->n_family + p->n_given;
      const BenchName *name = &pool[zipf (6, head_only)];

      p->list[i] = name->list;
      p->mrz[i] = ascii_upper (name->mrz);
      p->alt[i] = ascii_upper (name->alt);
      p->n_given++;
      p->middle = TRUE;
    }
  else if (g_str_equal (c->name, "arabic") || g_rand_double (rng) < 0.3)
    {
      /* A middle name (for Arabic names, the father's). */
      add_part (p, c->given_m, c->n_given_m, c->syllables, head_only);
      p->n_given++;
      p->middle = TRUE;
    }

  p->y = 1940 + g_rand_int_range (rng, 0, 66);
  r = g_rand_double (rng);
  /* Most entries have a full birth date, some only the year or month. */
  p->m = r < 0.1 ? 0 : 1 + g_rand_int_range (rng, 0, 12);
  p->d = r < 0.15 ? 0 : 1 + g_rand_int_range (rng, 0, 28);
  if (p->m == 0)
    p->d = 0;
}

void
person_clear (Person *p)
{
  for (guint i = 0; i < MAX_PARTS; i++)
    {
      g_clear_pointer (&p->mrz[i], g_free);
      g_clear_pointer (&p->alt[i], g_free);
    }
}

char *
join_parts (const Person *p,
            char *const *forms,
            gboolean family)
{
  GString *s = g_string_new (NULL);
  guint from = family ? 0 : p->n_family, to = family ? p->n_family : p->n_family + p->n_given;

  for (guint i = from; i < to; i++)
    {
      if (s->len > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, forms[i]);
    }
  return g_string_free (s, FALSE);
}

char *
join_list (const Person *p,
           gboolean family)
{
  GString *s = g_string_new (NULL);
  guint from = family ? 0 : p->n_family, to = family ? p->n_family : p->n_family + p->n_given;
  /* Chinese lists write the family name first with no space in
   * characters; otherwise parts are separated by spaces. */
  gboolean han = p->culture == 2;

  for (guint i = from; i < to; i++)
    {
      if (s->len > 0 && !han)
        g_string_append_c (s, ' ');
      g_string_append (s, p->list[i]);
    }
  return g_string_free (s, FALSE);
}

char *
date_text (guint y,
           guint m,
           guint d)
{
  if (m == 0)
    return g_strdup_printf ("%04u", y);
  if (d == 0)
    return g_strdup_printf ("%04u-%02u", y, m);
  return g_strdup_printf ("%04u-%02u-%02u", y, m, d);
}

void
random_document (char *out)
{
  static const char alnum[] = "ABCDEFGHJKLMNPRTUVWXY0123456789";

  for (guint i = 0; i < 9; i++)
    out[i] = alnum[g_rand_int_range (rng, 0, sizeof alnum - 1)];
  out[9] = '\0';
}

void
typo (char *s)
{
  gsize len = strlen (s);
  guint at = g_rand_int_range (rng, 0, len);
  char c = 'A' + g_rand_int_range (rng, 0, 26);

  switch (g_rand_int_range (rng, 0, 4))
    {
    case 0: /* substitution */
      s[at] = c != s[at] ? c : (c == 'Z' ? 'A' : c + 1);
      break;
    case 1: /* deletion */
      memmove (s + at, s + at + 1, len - at);
      break;
    case 2: /* transposition */
      if (at + 1 < len && s[at] != s[at + 1])
        {
          char t = s[at];
          s[at] = s[at + 1];
          s[at + 1] = t;
        }
      else
        s[at] = s[at] == 'X' ? 'Y' : 'X';
      break;
    default: /* insertion: the caller leaves room */
      memmove (s + at + 1, s + at, len - at + 1);
      s[at] = c;
      break;
    }
}
