/* bp-mrz-repair.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-mrz"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bp-mrz-private.h"

/* OCR engines confuse these OCR-B glyphs. A check digit weighs each
 * character by 7, 3 or 1 modulo 10, so it tells most of these pairs
 * apart, but not G from 6 (16 and 6) nor K from '<' (20 and 0): a check
 * digit can never confirm those, and they are not repaired in fields
 * where the check digit is the only evidence. */
static char
digit_for_letter (char c)
{
  switch (c)
    {
    case 'O':
      return '0';
    case 'I':
      return '1';
    case 'Z':
      return '2';
    case 'S':
      return '5';
    case 'G':
      return '6';
    case 'B':
      return '8';
    default:
      return '\0';
    }
}

static char
letter_for_digit (char c)
{
  switch (c)
    {
    case '0':
      return 'O';
    case '1':
      return 'I';
    case '2':
      return 'Z';
    case '5':
      return 'S';
    case '6':
      return 'G';
    case '8':
      return 'B';
    default:
      return '\0';
    }
}

typedef struct
{
  BpMrz *self;
  const BpMrzLayout *layout;
  BpMrzGroup groups[BP_MRZ_MAX_GROUPS];
  guint n_groups;
  const BpMrzGroup *composite;
} Repair;

static inline char *
at (Repair *r,
    BpMrzPos pos)
{
  return &r->self->lines[pos.line][pos.column];
}

static gboolean
agrees (Repair *r,
        const BpMrzGroup *group)
{
  char expected;

  return _bp_mrz_group_check (group, r->self->lines, &expected);
}

static void
record (Repair *r,
        BpMrzField field,
        BpMrzPos pos,
        char from,
        char to,
        gboolean by_composite)
{
  BpMrzRepair *repair = g_new0 (BpMrzRepair, 1);
  const char *label = _bp_mrz_field_get_label_for_format (field, r->self->format);

  repair->field = field;
  repair->line = pos.line;
  repair->column = pos.column;
  repair->from = from;
  repair->to = to;
  g_ptr_array_add (r->self->repairs, repair);

  if (field == BP_MRZ_FIELD_COMPOSITE)
    _bp_mrz_add_issue (r->self, BP_MRZ_SEVERITY_WARNING, field,
                       _ ("Composite check digit: read %c as %c at line %u, column %u, confirmed by the data it covers"),
                       from, to, pos.line + 1, pos.column + 1);
  else if (by_composite)
    _bp_mrz_add_issue (r->self, BP_MRZ_SEVERITY_WARNING, field,
                       _ ("%s: read %c as %c at line %u, column %u, confirmed by the composite check digit"),
                       label, from, to, pos.line + 1, pos.column + 1);
  else
    _bp_mrz_add_issue (r->self, BP_MRZ_SEVERITY_WARNING, field,
                       _ ("%s: read %c as %c at line %u, column %u, confirmed by its check digit"),
                       label, from, to, pos.line + 1, pos.column + 1);
}

/* Dates and check digits hold digits only, so a letter there can only be
 * a misread: map it, and keep the result if the check digit agrees. */
static void
repair_numeric (Repair *r,
                const BpMrzGroup *group)
{
  BpMrzPos positions[BP_MRZ_GROUP_MAX + 1];
  char saved[BP_MRZ_GROUP_MAX + 1];
  guint n = 0;
  gboolean mapped = FALSE;

  for (guint i = 0; i < group->n_data; i++)
    positions[n++] = group->data[i];
  positions[n++] = group->check;

  for (guint i = 0; i < n; i++)
    {
      char *c = at (r, positions[i]);

      saved[i] = *c;
      if (digit_for_letter (*c))
        {
          *c = digit_for_letter (*c);
          mapped = TRUE;
        }
    }

  if (!mapped)
    return;

  if (!agrees (r, group))
    {
      for (guint i = 0; i < n; i++)
        *at (r, positions[i]) = saved[i];
      return;
    }

  for (guint i = 0; i < n; i++)
    if (saved[i] != *at (r, positions[i]))
      record (r, group->field, positions[i], saved[i], *at (r, positions[i]), FALSE);
}

/* A character sits in a run of fillers when its neighbours inside the
 * field are fillers (or the field ends there). */
static gboolean
in_filler_run (Repair *r,
               const BpMrzPos *data,
               guint n,
               guint i)
{
  gboolean left = i == 0 || *at (r, data[i - 1]) == '<';
  gboolean right = i + 1 == n || *at (r, data[i + 1]) == '<';

  return n > 1 && left && right;
}

static char
alternative (Repair *r,
             const BpMrzPos *data,
             guint n,
             guint i)
{
  char c = *at (r, data[i]);

  if (digit_for_letter (c))
    return digit_for_letter (c);
  if (letter_for_digit (c))
    return letter_for_digit (c);
  if ((c == 'C' || c == 'X') && in_filler_run (r, data, n, i))
    return '<';

  return '\0';
}

/* Alphanumeric fields with a check digit (document number, personal
 * number): try each single look-alike substitution, and keep one only
 * when it is the only one that makes the check digit, and the composite
 * where the format has one, agree. */
static void
repair_alphanumeric (Repair *r,
                     const BpMrzGroup *group)
{
  const char *label = _bp_mrz_field_get_label_for_format (group->field, r->self->format);
  char *check = at (r, group->check);
  char check_saved = *check;
  guint n_fits = 0, fit = 0;
  char fit_char = '\0';

  /* The check digit itself is numeric. */
  if (digit_for_letter (*check))
    *check = digit_for_letter (*check);
  else if (group->filler_check_ok && (*check == 'C' || *check == 'X'))
    *check = '<';

  if (agrees (r, group))
    {
      if (*check != check_saved)
        record (r, group->field, group->check, check_saved, *check, FALSE);
      return;
    }

  for (guint i = 0; i < group->n_data; i++)
    {
      char *c = at (r, group->data[i]);
      char saved = *c;
      char alt = alternative (r, group->data, group->n_data, i);

      if (alt == '\0')
        continue;

      *c = alt;
      if (agrees (r, group) && (r->composite == NULL || agrees (r, r->composite)))
        {
          n_fits++;
          fit = i;
          fit_char = alt;
        }
      *c = saved;
    }

  if (n_fits == 1)
    {
      char *c = at (r, group->data[fit]);

      record (r, group->field, group->data[fit], *c, fit_char, FALSE);
      *c = fit_char;
      if (*check != check_saved)
        record (r, group->field, group->check, check_saved, *check, FALSE);
      return;
    }

  *check = check_saved;
  if (n_fits > 1)
    _bp_mrz_add_issue (r->self, BP_MRZ_SEVERITY_WARNING, group->field,
                       _ ("%s: %u different look-alike corrections fit the check digit, so none was made"),
                       label, n_fits);
}

/* Optional data of TD1 and TD2 has no check digit of its own, only the
 * composite: repair nothing there but fillers read as C or X. */
static void
repair_composite_fillers (Repair *r)
{
  BpMrzField fields[] = { BP_MRZ_FIELD_OPTIONAL_DATA, BP_MRZ_FIELD_OPTIONAL_DATA_2 };
  BpMrzPos fit_pos = { 0 };
  BpMrzField fit_field = BP_MRZ_FIELD_NONE;
  guint n_fits = 0;

  if (r->composite == NULL || agrees (r, r->composite))
    return;
  for (guint g = 0; g < r->n_groups; g++)
    if (&r->groups[g] != r->composite && !agrees (r, &r->groups[g]))
      return;

  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      BpMrzSpan span = fields[f] == BP_MRZ_FIELD_OPTIONAL_DATA
                           ? _bp_mrz_layout_get_optional_span (r->layout, r->self->lines)
                           : r->layout->spans[fields[f]];
      BpMrzPos data[BP_MRZ_GROUP_MAX];

      /* The TD3 personal number has its own check digit. */
      if (span.len == 0 || (fields[f] == BP_MRZ_FIELD_OPTIONAL_DATA && r->layout->optional_data_check.len > 0))
        continue;

      for (guint i = 0; i < span.len; i++)
        data[i] = (BpMrzPos){ span.line, span.start + i };

      for (guint i = 0; i < span.len; i++)
        {
          char *c = at (r, data[i]);
          char saved = *c;

          if ((saved != 'C' && saved != 'X') || !in_filler_run (r, data, span.len, i))
            continue;
          *c = '<';
          if (agrees (r, r->composite))
            {
              n_fits++;
              fit_pos = data[i];
              fit_field = fields[f];
            }
          *c = saved;
        }
    }

  if (n_fits == 1)
    {
      record (r, fit_field, fit_pos, *at (r, fit_pos), '<', TRUE);
      *at (r, fit_pos) = '<';
    }
}

/* Names have no check digit, so nothing in them is ever changed. A lone
 * K, C or X among the fillers that close the name is probably a misread
 * '<' (ICAO separates name parts by one filler, so a letter after three
 * fillers, two once the secondary identifier has begun, is out of place):
 * say so, and let the officer compare with the printed page. */
static void
warn_name_fillers (Repair *r)
{
  BpMrzSpan span = r->layout->spans[BP_MRZ_FIELD_NAME];
  const char *name = r->self->lines[span.line] + span.start;
  const char *sep = g_strstr_len (name, span.len, "<<");
  guint secondary_from = sep != NULL ? (guint) (sep - name) + 2 : span.len;

  for (guint i = 3; i + 1 < span.len; i++)
    {
      char c = name[i];
      guint fillers = 0;
      gboolean secondary_started = FALSE;
      gboolean tail_is_fillers = TRUE;
      BpMrzPos pos = { span.line, span.start + i };

      if (c != 'K' && c != 'C' && c != 'X')
        continue;

      while (fillers < i && name[i - fillers - 1] == '<')
        fillers++;
      for (guint j = i + 1; j < span.len; j++)
        tail_is_fillers &= name[j] == '<';
      for (guint j = secondary_from; j + fillers < i; j++)
        secondary_started |= g_ascii_isupper (name[j]);

      if (!tail_is_fillers || !(fillers >= 3 || (fillers >= 2 && secondary_started)))
        continue;

      _bp_mrz_add_issue (r->self, BP_MRZ_SEVERITY_WARNING, BP_MRZ_FIELD_NAME,
                         _ ("Name: “%c” at line %u, column %u stands among the fillers that end the name and may be a misread “<”; compare with the printed page"),
                         c, pos.line + 1, pos.column + 1);
    }
}

/* A K among fillers may be a misread '<', but no check digit can tell:
 * say so rather than guess. */
static void
warn_unconfirmable_fillers (Repair *r)
{
  BpMrzField fields[] = { BP_MRZ_FIELD_DOCUMENT_NUMBER, BP_MRZ_FIELD_OPTIONAL_DATA, BP_MRZ_FIELD_OPTIONAL_DATA_2 };

  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      BpMrzSpan span = fields[f] == BP_MRZ_FIELD_OPTIONAL_DATA
                           ? _bp_mrz_layout_get_optional_span (r->layout, r->self->lines)
                           : r->layout->spans[fields[f]];
      const char *label = _bp_mrz_field_get_label_for_format (fields[f], r->self->format);
      BpMrzPos data[BP_MRZ_GROUP_MAX];

      for (guint i = 0; i < span.len; i++)
        data[i] = (BpMrzPos){ span.line, span.start + i };

      for (guint i = 0; i < span.len; i++)
        {
          char c = *at (r, data[i]);

          if ((c == 'K' || c == 'C' || c == 'X') && in_filler_run (r, data, span.len, i))
            {
              _bp_mrz_add_issue (r->self, BP_MRZ_SEVERITY_WARNING, fields[f],
                                 _ ("%s: “%c” at line %u, column %u stands among fillers and may be a misread “<”; compare with the printed page"),
                                 label, c, data[i].line + 1, data[i].column + 1);
              break;
            }
        }
    }
}

/*
 * _bp_mrz_repair:
 * @self: a zone with normalised lines of the right lengths
 * @layout: its layout
 *
 * Corrects the usual OCR slips where check digits confirm them, in
 * place, recording each in @self->repairs with a warning.
 */
void
_bp_mrz_repair (BpMrz *self,
                const BpMrzLayout *layout)
{
  Repair r = { .self = self, .layout = layout };

  r.n_groups = _bp_mrz_layout_get_groups (layout, self->lines, r.groups);
  for (guint i = 0; i < r.n_groups; i++)
    if (r.groups[i].field == BP_MRZ_FIELD_COMPOSITE)
      r.composite = &r.groups[i];

  for (guint i = 0; i < r.n_groups; i++)
    if (r.groups[i].numeric)
      repair_numeric (&r, &r.groups[i]);

  for (guint i = 0; i < r.n_groups; i++)
    if (!r.groups[i].numeric && r.groups[i].field != BP_MRZ_FIELD_COMPOSITE)
      repair_alphanumeric (&r, &r.groups[i]);

  /* The composite check digit is numeric too, and is judged once the
   * fields it covers have been repaired. */
  if (r.composite != NULL)
    {
      char *check = at (&r, r.composite->check);
      char saved = *check;

      if (digit_for_letter (saved))
        {
          *check = digit_for_letter (saved);
          if (agrees (&r, r.composite))
            record (&r, BP_MRZ_FIELD_COMPOSITE, r.composite->check, saved, *check, FALSE);
          else
            *check = saved;
        }
    }

  repair_composite_fillers (&r);
  warn_name_fillers (&r);
  warn_unconfirmable_fillers (&r);
}
