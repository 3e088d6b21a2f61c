/* test-mrz-repair.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <string.h>

#include "bp-mrz.h"
#include "mrz-specimens.h"

/* Mutations ---------------------------------------------------------------
 *
 * Every position of every specimen is replaced by each of these
 * characters. The outcome must match what the check digits can know. */

static const char substitutes[] = "0O1I8B5S2Z6G<KCXAU7MQ?";

typedef enum
{
  OUTCOME_REPAIRED,    /* repaired back to the original */
  OUTCOME_CAUGHT,      /* invalid, with an error on the field */
  OUTCOME_ACCEPTED,    /* valid, field changed, no repair */
  OUTCOME_FLAGGED,     /* valid, field changed, no repair, a warning on the field */
  OUTCOME_MISREPAIRED, /* valid after a repair that did not restore the original */
} Outcome;

static char
slip_digit (char c)
{
  const char *letters = "OIZSGB", *digits = "012568";
  const char *p = c ? strchr (letters, c) : NULL;

  return p ? digits[p - letters] : '\0';
}

static char
slip_letter (char c)
{
  const char *letters = "OIZSGB", *digits = "012568";
  const char *p = c ? strchr (digits, c) : NULL;

  return p ? letters[p - digits] : '\0';
}

static int
value (char c)
{
  if (g_ascii_isdigit (c))
    return c - '0';
  if (g_ascii_isupper (c))
    return c - 'A' + 10;
  return c == '<' ? 0 : -1;
}

/* A check digit group of the test's own, from the masks. */
typedef struct
{
  guint n;
  guint line[64], col[64];
  guint check_line, check_col;
  gboolean filler_check_ok;
} Group;

static void
group_add (Group *g,
           guint line,
           guint from,
           guint to)
{
  for (guint c = from; c < to; c++)
    {
      g->line[g->n] = line;
      g->col[g->n++] = c;
    }
}

static gboolean
group_agrees (const Group *g,
              char **lines)
{
  static const int w[] = { 7, 3, 1 };
  int sum = 0;
  gboolean fillers = TRUE;
  char found = lines[g->check_line][g->check_col];

  for (guint i = 0; i < g->n; i++)
    {
      char c = lines[g->line[i]][g->col[i]];

      if (value (c) < 0)
        return FALSE;
      sum += value (c) * w[i % 3];
      fillers &= c == '<';
    }

  if (g->filler_check_ok && fillers && found == '<')
    return TRUE;
  return found == '0' + sum % 10;
}

static void
mask_group (const Specimen *s,
            char data,
            char check,
            Group *g)
{
  memset (g, 0, sizeof *g);
  for (guint l = 0; s->mask[l] != NULL && l < 3; l++)
    for (guint c = 0; s->mask[l][c]; c++)
      {
        if (s->mask[l][c] == data)
          group_add (g, l, c, c + 1);
        else if (s->mask[l][c] == check)
          {
            g->check_line = l;
            g->check_col = c;
          }
      }
}

static gboolean
composite_group (const Specimen *s,
                 Group *g)
{
  memset (g, 0, sizeof *g);
  switch (s->format)
    {
    case BP_MRZ_FORMAT_TD1:
      group_add (g, 0, 5, 30), group_add (g, 1, 0, 7), group_add (g, 1, 8, 15), group_add (g, 1, 18, 29);
      g->check_line = 1, g->check_col = 29;
      return TRUE;
    case BP_MRZ_FORMAT_TD2:
      group_add (g, 1, 0, 10), group_add (g, 1, 13, 20), group_add (g, 1, 21, 35);
      g->check_line = 1, g->check_col = 35;
      return TRUE;
    case BP_MRZ_FORMAT_TD3:
      group_add (g, 1, 0, 10), group_add (g, 1, 13, 20), group_add (g, 1, 21, 43);
      g->check_line = 1, g->check_col = 43;
      return TRUE;
    case BP_MRZ_FORMAT_MRVA:
    case BP_MRZ_FORMAT_MRVB:
    case BP_MRZ_FORMAT_UNKNOWN:
    default:
      return FALSE;
    }
}

static gboolean
filler_run (char **lines,
            const Group *g,
            guint i)
{
  gboolean left = i == 0 || lines[g->line[i - 1]][g->col[i - 1]] == '<';
  gboolean right = i + 1 == g->n || lines[g->line[i + 1]][g->col[i + 1]] == '<';

  return g->n > 1 && left && right;
}

/* What the rules say should become of a mutated alphanumeric field with a
 * check digit: the check digit, if a letter, is read as its digit; then
 * exactly one look-alike substitution that satisfies the check digit and
 * the composite is made, or none. */
static Outcome
expect_checked_field (const Specimen *s,
                      char **orig,
                      char **lines,
                      const Group *g)
{
  Group comp;
  gboolean has_comp = composite_group (s, &comp);
  char *check = &lines[g->check_line][g->check_col];
  char check_saved = *check;
  guint fits = 0, fit = 0;
  char fit_char = 0;
  gboolean same = TRUE;

  if (slip_digit (*check))
    *check = slip_digit (*check);
  else if (g->filler_check_ok && (*check == 'C' || *check == 'X'))
    *check = '<';

  if (!group_agrees (g, lines))
    {
      for (guint i = 0; i < g->n; i++)
        {
          char *c = &lines[g->line[i]][g->col[i]];
          char saved = *c, alt = slip_digit (*c) ? slip_digit (*c) : slip_letter (*c);

          if (!alt && (*c == 'C' || *c == 'X') && filler_run (lines, g, i))
            alt = '<';
          if (!alt)
            continue;
          *c = alt;
          if (group_agrees (g, lines) && (!has_comp || group_agrees (&comp, lines)))
            fits++, fit = i, fit_char = alt;
          *c = saved;
        }
      if (fits != 1)
        return OUTCOME_CAUGHT;
      lines[g->line[fit]][g->col[fit]] = fit_char;
    }
  else if (*check == check_saved)
    return OUTCOME_ACCEPTED;

  for (guint l = 0; lines[l] != NULL; l++)
    same &= strcmp (lines[l], orig[l]) == 0;

  return same ? OUTCOME_REPAIRED : OUTCOME_MISREPAIRED;
}

static BpMrzField
field_for_class (char cls,
                 BpMrzFormat format)
{
  switch (cls)
    {
    case 'c':
      return BP_MRZ_FIELD_DOCUMENT_CODE;
    case 's':
      return BP_MRZ_FIELD_ISSUING_STATE;
    case 'n':
      return BP_MRZ_FIELD_NAME;
    case 'd':
    case 'D':
      return BP_MRZ_FIELD_DOCUMENT_NUMBER;
    case 'b':
    case 'B':
      return BP_MRZ_FIELD_BIRTH_DATE;
    case 'x':
      return BP_MRZ_FIELD_SEX;
    case 'e':
    case 'E':
      return BP_MRZ_FIELD_EXPIRY_DATE;
    case 'N':
      return BP_MRZ_FIELD_NATIONALITY;
    case 'o':
    case 'O':
      return BP_MRZ_FIELD_OPTIONAL_DATA;
    case 'p':
      return BP_MRZ_FIELD_OPTIONAL_DATA_2;
    case 'C':
      return BP_MRZ_FIELD_COMPOSITE;
    default:
      g_assert_not_reached ();
    }
}

/* Names are never repaired (no check digit), but a lone K, C or X after
 * three fillers (two once the secondary identifier has begun) with only
 * fillers after it is flagged as a probable misread '<'. */
static gboolean
name_noise (const char *name,
            guint i)
{
  guint len = strlen (name), fillers = 0;
  const char *sep = strstr (name, "<<");
  gboolean started = FALSE;

  if (!strchr ("KCX", name[i]) || i + 1 >= len)
    return FALSE;
  for (guint j = i + 1; j < len; j++)
    if (name[j] != '<')
      return FALSE;
  while (fillers < i && name[i - fillers - 1] == '<')
    fillers++;
  for (guint j = sep ? (guint) (sep - name) + 2 : len; j + fillers < i; j++)
    started |= g_ascii_isupper (name[j]);

  return fillers >= 3 || (fillers >= 2 && started);
}

static Outcome
expect_outcome (const Specimen *s,
                char **orig,
                char **lines,
                guint l,
                guint c,
                BpMrzField *field)
{
  char cls = s->mask[l][c], from = orig[l][c], to = lines[l][c];
  gboolean composite_covered = (cls == 'o' || cls == 'p') && (s->format == BP_MRZ_FORMAT_TD1 || s->format == BP_MRZ_FORMAT_TD2);
  int delta = value (to) - value (from);
  Group g;

  *field = field_for_class (cls, s->format);
  if (to == '?')
    return OUTCOME_CAUGHT;

  switch (cls)
    {
    case 'b':
    case 'B':
    case 'e':
    case 'E':
    case 'C':
      /* Digits only: a look-alike letter is read back, anything else is wrong. */
      return slip_digit (to) == from ? OUTCOME_REPAIRED : OUTCOME_CAUGHT;

    case 'd':
    case 'D':
      if (cls == 'D' && to == '<' && s->format != BP_MRZ_FORMAT_TD3 && s->format < BP_MRZ_FORMAT_MRVA)
        return OUTCOME_CAUGHT; /* a long number with no continuation */
      mask_group (s, 'd', 'D', &g);
      return expect_checked_field (s, orig, lines, &g);

    case 'o':
    case 'O':
    case 'p':
      if (s->format == BP_MRZ_FORMAT_TD3)
        {
          mask_group (s, 'o', 'O', &g);
          g.filler_check_ok = TRUE;
          return expect_checked_field (s, orig, lines, &g);
        }
      if (!composite_covered)
        return OUTCOME_ACCEPTED;
      *field = BP_MRZ_FIELD_COMPOSITE;
      if (delta % 10 == 0)
        return OUTCOME_ACCEPTED;
      if (from == '<' && (to == 'C' || to == 'X'))
        return OUTCOME_REPAIRED;
      return OUTCOME_CAUGHT;

    case 'n':
      {
        guint start = s->format == BP_MRZ_FORMAT_TD1 ? 0 : 5;

        if (g_ascii_isdigit (to))
          return OUTCOME_CAUGHT;
        return name_noise (lines[l] + start, c - start) ? OUTCOME_FLAGGED : OUTCOME_ACCEPTED;
      }

    case 'x':
      return strchr ("MFX<", to) ? OUTCOME_ACCEPTED : OUTCOME_CAUGHT;

    case 's':
    case 'N':
      return OUTCOME_ACCEPTED; /* an unknown code is only a warning */

    case 'c':
      if (c == 0)
        return g_ascii_isupper (to) ? OUTCOME_ACCEPTED : OUTCOME_CAUGHT;
      return g_ascii_isdigit (to) ? OUTCOME_CAUGHT : OUTCOME_ACCEPTED;

    default:
      g_assert_not_reached ();
    }
}

static void
test_mutations (gconstpointer data)
{
  const Specimen *s = data;
  g_autoptr (GDateTime) today = fixed_today ();
  guint counts[OUTCOME_MISREPAIRED + 1] = { 0 };
  guint n_lines = g_strv_length ((char **) s->lines);

  for (guint l = 0; l < n_lines; l++)
    for (guint c = 0; s->lines[l][c]; c++)
      for (guint k = 0; substitutes[k]; k++)
        {
          g_auto (GStrv) orig = g_strdupv ((char **) s->lines);
          g_auto (GStrv) lines = g_strdupv ((char **) s->lines);
          g_auto (GStrv) expected_lines = NULL;
          g_autoptr (GError) error = NULL;
          g_autoptr (BpMrz) mrz = NULL;
          g_autofree char *text = NULL;
          BpMrzField field;
          Outcome expected;
          gboolean same_as_orig = TRUE, same_as_mutated = TRUE;

          if (orig[l][c] == substitutes[k])
            continue;
          lines[l][c] = substitutes[k];
          text = g_strjoinv ("\n", lines);

          /* A V in front makes a visa of a TD2 or TD3 and the reverse:
           * another layout, whose checks the other tests cover. */
          if (l == 0 && c == 0 && (substitutes[k] == 'V' || orig[0][0] == 'V'))
            continue;

          expected_lines = g_strdupv (lines);
          expected = expect_outcome (s, orig, expected_lines, l, c, &field);
          counts[expected]++;

          mrz = bp_mrz_parse (text, today, &error);
          g_assert_no_error (error);
          g_assert_nonnull (mrz);
          g_assert_cmpint (mrz->format, ==, s->format);

          for (guint i = 0; i < n_lines; i++)
            {
              same_as_orig &= strcmp (mrz->lines[i], orig[i]) == 0;
              same_as_mutated &= strcmp (mrz->lines[i], lines[i]) == 0;
            }

          if (g_test_verbose ())
            g_test_message ("%s line %u col %u %c→%c: expect %d", s->path, l + 1, c + 1,
                            orig[l][c], substitutes[k], expected);

          switch (expected)
            {
            case OUTCOME_REPAIRED:
              g_assert_true (same_as_orig);
              g_assert_true (mrz->valid);
              g_assert_cmpuint (mrz->repairs->len, >=, 1);
              g_assert_true (bp_mrz_field_has_warning (mrz, ((BpMrzRepair *) g_ptr_array_index (mrz->repairs, 0))->field));
              break;

            case OUTCOME_CAUGHT:
              g_assert_false (mrz->valid);
              g_assert_true (same_as_mutated);
              g_assert_cmpuint (mrz->repairs->len, ==, 0);
              if (!bp_mrz_field_has_error (mrz, field))
                g_error ("%s line %u col %u %c→%c: no error on %s", s->path, l + 1, c + 1,
                         orig[l][c], substitutes[k], bp_mrz_field_to_string (field));
              break;

            case OUTCOME_ACCEPTED:
              g_assert_true (same_as_mutated);
              g_assert_cmpuint (mrz->repairs->len, ==, 0);
              if (!mrz->valid)
                g_error ("%s line %u col %u %c→%c: expected valid", s->path, l + 1, c + 1,
                         orig[l][c], substitutes[k]);
              break;

            case OUTCOME_FLAGGED:
              g_assert_true (same_as_mutated);
              g_assert_cmpuint (mrz->repairs->len, ==, 0);
              g_assert_true (mrz->valid);
              g_assert_true (bp_mrz_field_has_warning (mrz, field));
              break;

            case OUTCOME_MISREPAIRED:
              /* The check digit cannot see a second change that cancels the
               * first; what it accepts must still be flagged as a repair. */
              for (guint i = 0; i < n_lines; i++)
                g_assert_cmpstr (mrz->lines[i], ==, expected_lines[i]);
              g_assert_true (mrz->valid);
              g_assert_cmpuint (mrz->repairs->len, >=, 1);
              g_assert_true (bp_mrz_field_has_warning (mrz, field));
              /* Never for a look-alike slip: its own reversal is a candidate,
               * so a second fit makes the repair ambiguous. */
              g_assert_true (slip_digit (substitutes[k]) != orig[l][c] && slip_letter (substitutes[k]) != orig[l][c]);
              break;

            default:
              g_assert_not_reached ();
            }
        }

  g_test_message ("%s: %u repaired, %u caught, %u accepted, %u flagged, %u repaired to another reading",
                  s->path, counts[OUTCOME_REPAIRED], counts[OUTCOME_CAUGHT],
                  counts[OUTCOME_ACCEPTED], counts[OUTCOME_FLAGGED], counts[OUTCOME_MISREPAIRED]);
  g_assert_cmpuint (counts[OUTCOME_REPAIRED] + counts[OUTCOME_CAUGHT] + counts[OUTCOME_ACCEPTED] + counts[OUTCOME_FLAGGED] + counts[OUTCOME_MISREPAIRED],
                    >, 500);
  /* Floors, so that both paths stay exercised: confirmed repairs, and
   * name fillers that are flagged but never changed. */
  g_assert_cmpuint (counts[OUTCOME_REPAIRED], >=, 10);
  g_assert_cmpuint (counts[OUTCOME_FLAGGED], >=, 20);
}

static void
test_repairs (void)
{
  /* Dates and check digits are numeric: letters are read as digits. */
  g_autoptr (BpMrz) dates = parse_ok ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
                                      "L898902C36UTO74O8I22FIZO4IS9ZE184226B<<<<<1O");
  g_autoptr (BpMrz) number = parse_ok ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
                                       "L8989O2C36UTO7408122F1204159ZE184226B<<<<<10");
  g_autoptr (BpMrz) wrong = parse_ok ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
                                      "L898902C36UTO7408I23F1204159ZE184226B<<<<<10");
  g_autoptr (BpMrz) filler = parse_ok ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
                                       "L898902C36UTO7408122F1204159<<<<<<X<<<<<<<<8");
  g_autoptr (BpMrz) k_filler = parse_ok ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
                                         "L898902C36UTO7408122F1204159<<<<<<K<<<<<<<08");
  g_autoptr (BpMrz) name = parse_ok ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<K<<<<<<<<<<\n"
                                     "L898902C36UTO7408122F1204159ZE184226B<<<<<10");
  const BpMrzRepair *repair;

  g_assert_true (dates->valid);
  g_assert_cmpstr (dates->lines[1], ==, specimens[0].lines[1]);
  g_assert_cmpuint (dates->repairs->len, ==, 8);
  g_assert_cmpstr (dates->birth_date, ==, "1974-08-12");

  g_assert_true (number->valid);
  g_assert_cmpstr (number->document_number, ==, "L898902C3");
  g_assert_cmpuint (number->repairs->len, ==, 1);
  repair = g_ptr_array_index (number->repairs, 0);
  g_assert_cmpint (repair->field, ==, BP_MRZ_FIELD_DOCUMENT_NUMBER);
  g_assert_cmpuint (repair->line, ==, 1);
  g_assert_cmpuint (repair->column, ==, 5);
  g_assert_cmpint (repair->from, ==, 'O');
  g_assert_cmpint (repair->to, ==, '0');
  g_assert_true (has_issue_containing (number, BP_MRZ_SEVERITY_WARNING, "Document number: read O as 0"));
  g_assert_true (has_issue_containing (number, BP_MRZ_SEVERITY_WARNING, "confirmed by its check digit"));

  /* I read as 1 does not fit the check digit here: left as it is. */
  g_assert_false (wrong->valid);
  g_assert_cmpuint (wrong->repairs->len, ==, 0);
  g_assert_true (bp_mrz_field_has_error (wrong, BP_MRZ_FIELD_BIRTH_DATE));
  g_assert_null (wrong->birth_date);

  g_assert_true (filler->valid);
  g_assert_cmpstr (filler->optional_data, ==, "");
  g_assert_cmpuint (filler->repairs->len, ==, 1);

  /* K weighs like '<' for every check digit: it cannot be confirmed. */
  g_assert_true (k_filler->valid);
  g_assert_cmpuint (k_filler->repairs->len, ==, 0);
  g_assert_true (bp_mrz_field_has_warning (k_filler, BP_MRZ_FIELD_OPTIONAL_DATA));

  /* A name has no check digit: the stray K is flagged, never changed. */
  g_assert_true (name->valid);
  g_assert_cmpstr (name->lines[0], !=, specimens[0].lines[0]);
  g_assert_cmpuint (name->repairs->len, ==, 0);
  g_assert_true (bp_mrz_field_has_warning (name, BP_MRZ_FIELD_NAME));
}

static void
test_ambiguous_repair (void)
{
  /* 8 read as B at column 2: reading back B as 8 fits, and so does
   * reading the 8 at column 4 as B. Two fits: no repair. */
  g_autoptr (BpMrz) mrz = parse_ok ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
                                    "LB98902C36UTO7408122F1204159ZE184226B<<<<<10");

  g_assert_false (mrz->valid);
  g_assert_cmpuint (mrz->repairs->len, ==, 0);
  g_assert_true (bp_mrz_field_has_error (mrz, BP_MRZ_FIELD_DOCUMENT_NUMBER));
  g_assert_true (bp_mrz_field_has_warning (mrz, BP_MRZ_FIELD_DOCUMENT_NUMBER));
  g_assert_cmpstr (mrz->lines[1], ==, "LB98902C36UTO7408122F1204159ZE184226B<<<<<10");
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (specimens); i++)
    {
      g_autofree char *mutations = g_strdup_printf ("%s-mutations", specimens[i].path);

      g_test_add_data_func (mutations, &specimens[i], test_mutations);
    }

  g_test_add_func ("/borderpost/mrz/repair/slips", test_repairs);
  g_test_add_func ("/borderpost/mrz/repair/ambiguous", test_ambiguous_repair);

  return g_test_run ();
}
