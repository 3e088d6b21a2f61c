/* bp-mrz-layout.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-mrz"

#include "config.h"

#include <string.h>

#include "bp-mrz-private.h"

/* Where each field of each format sits, which characters each check digit
 * covers, and how a check digit is computed. */

/* ICAO 9303 part 5 (TD1), part 6 (TD2), part 4 (TD3) and part 7 (MRV). */
static const BpMrzLayout layouts[] = {
  {
      .format = BP_MRZ_FORMAT_TD1,
      .n_lines = 3,
      .line_length = 30,
      .spans = {
          [BP_MRZ_FIELD_DOCUMENT_CODE] = { 0, 0, 2 },
          [BP_MRZ_FIELD_ISSUING_STATE] = { 0, 2, 3 },
          [BP_MRZ_FIELD_DOCUMENT_NUMBER] = { 0, 5, 9 },
          [BP_MRZ_FIELD_OPTIONAL_DATA] = { 0, 15, 15 },
          [BP_MRZ_FIELD_BIRTH_DATE] = { 1, 0, 6 },
          [BP_MRZ_FIELD_SEX] = { 1, 7, 1 },
          [BP_MRZ_FIELD_EXPIRY_DATE] = { 1, 8, 6 },
          [BP_MRZ_FIELD_NATIONALITY] = { 1, 15, 3 },
          [BP_MRZ_FIELD_OPTIONAL_DATA_2] = { 1, 18, 11 },
          [BP_MRZ_FIELD_NAME] = { 2, 0, 30 },
      },
      .document_number_check = { 0, 14, 1 },
      .birth_date_check = { 1, 6, 1 },
      .expiry_date_check = { 1, 14, 1 },
      .composite_check = { 1, 29, 1 },
      .composite = { { 0, 5, 25 }, { 1, 0, 7 }, { 1, 8, 7 }, { 1, 18, 11 } },
      .n_composite = 4,
      .long_document_number = TRUE,
  },
  {
      .format = BP_MRZ_FORMAT_TD2,
      .n_lines = 2,
      .line_length = 36,
      .spans = {
          [BP_MRZ_FIELD_DOCUMENT_CODE] = { 0, 0, 2 },
          [BP_MRZ_FIELD_ISSUING_STATE] = { 0, 2, 3 },
          [BP_MRZ_FIELD_NAME] = { 0, 5, 31 },
          [BP_MRZ_FIELD_DOCUMENT_NUMBER] = { 1, 0, 9 },
          [BP_MRZ_FIELD_NATIONALITY] = { 1, 10, 3 },
          [BP_MRZ_FIELD_BIRTH_DATE] = { 1, 13, 6 },
          [BP_MRZ_FIELD_SEX] = { 1, 20, 1 },
          [BP_MRZ_FIELD_EXPIRY_DATE] = { 1, 21, 6 },
          [BP_MRZ_FIELD_OPTIONAL_DATA] = { 1, 28, 7 },
      },
      .document_number_check = { 1, 9, 1 },
      .birth_date_check = { 1, 19, 1 },
      .expiry_date_check = { 1, 27, 1 },
      .composite_check = { 1, 35, 1 },
      .composite = { { 1, 0, 10 }, { 1, 13, 7 }, { 1, 21, 14 } },
      .n_composite = 3,
      .long_document_number = TRUE,
  },
  {
      .format = BP_MRZ_FORMAT_TD3,
      .n_lines = 2,
      .line_length = 44,
      .spans = {
          [BP_MRZ_FIELD_DOCUMENT_CODE] = { 0, 0, 2 },
          [BP_MRZ_FIELD_ISSUING_STATE] = { 0, 2, 3 },
          [BP_MRZ_FIELD_NAME] = { 0, 5, 39 },
          [BP_MRZ_FIELD_DOCUMENT_NUMBER] = { 1, 0, 9 },
          [BP_MRZ_FIELD_NATIONALITY] = { 1, 10, 3 },
          [BP_MRZ_FIELD_BIRTH_DATE] = { 1, 13, 6 },
          [BP_MRZ_FIELD_SEX] = { 1, 20, 1 },
          [BP_MRZ_FIELD_EXPIRY_DATE] = { 1, 21, 6 },
          [BP_MRZ_FIELD_OPTIONAL_DATA] = { 1, 28, 14 },
      },
      .document_number_check = { 1, 9, 1 },
      .birth_date_check = { 1, 19, 1 },
      .expiry_date_check = { 1, 27, 1 },
      .optional_data_check = { 1, 42, 1 },
      .composite_check = { 1, 43, 1 },
      .composite = { { 1, 0, 10 }, { 1, 13, 7 }, { 1, 21, 22 } },
      .n_composite = 3,
  },
  {
      .format = BP_MRZ_FORMAT_MRVA,
      .n_lines = 2,
      .line_length = 44,
      .spans = {
          [BP_MRZ_FIELD_DOCUMENT_CODE] = { 0, 0, 2 },
          [BP_MRZ_FIELD_ISSUING_STATE] = { 0, 2, 3 },
          [BP_MRZ_FIELD_NAME] = { 0, 5, 39 },
          [BP_MRZ_FIELD_DOCUMENT_NUMBER] = { 1, 0, 9 },
          [BP_MRZ_FIELD_NATIONALITY] = { 1, 10, 3 },
          [BP_MRZ_FIELD_BIRTH_DATE] = { 1, 13, 6 },
          [BP_MRZ_FIELD_SEX] = { 1, 20, 1 },
          [BP_MRZ_FIELD_EXPIRY_DATE] = { 1, 21, 6 },
          [BP_MRZ_FIELD_OPTIONAL_DATA] = { 1, 28, 16 },
      },
      .document_number_check = { 1, 9, 1 },
      .birth_date_check = { 1, 19, 1 },
      .expiry_date_check = { 1, 27, 1 },
  },
  {
      .format = BP_MRZ_FORMAT_MRVB,
      .n_lines = 2,
      .line_length = 36,
      .spans = {
          [BP_MRZ_FIELD_DOCUMENT_CODE] = { 0, 0, 2 },
          [BP_MRZ_FIELD_ISSUING_STATE] = { 0, 2, 3 },
          [BP_MRZ_FIELD_NAME] = { 0, 5, 31 },
          [BP_MRZ_FIELD_DOCUMENT_NUMBER] = { 1, 0, 9 },
          [BP_MRZ_FIELD_NATIONALITY] = { 1, 10, 3 },
          [BP_MRZ_FIELD_BIRTH_DATE] = { 1, 13, 6 },
          [BP_MRZ_FIELD_SEX] = { 1, 20, 1 },
          [BP_MRZ_FIELD_EXPIRY_DATE] = { 1, 21, 6 },
          [BP_MRZ_FIELD_OPTIONAL_DATA] = { 1, 28, 8 },
      },
      .document_number_check = { 1, 9, 1 },
      .birth_date_check = { 1, 19, 1 },
      .expiry_date_check = { 1, 27, 1 },
  },
};

const BpMrzLayout *
_bp_mrz_layout_for_format (BpMrzFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    if (layouts[i].format == format)
      return &layouts[i];

  return NULL;
}

/* Length of the continuation of a long document number in the optional
 * data, its check digit included; 0 when the number is not long. */
guint
_bp_mrz_layout_get_long_number_length (const BpMrzLayout *layout,
                                       char *const *lines)
{
  BpMrzSpan opt = layout->spans[BP_MRZ_FIELD_OPTIONAL_DATA];
  guint n = 0;

  if (!layout->long_document_number)
    return 0;
  if (lines[layout->document_number_check.line][layout->document_number_check.start] != '<')
    return 0;

  while (n < opt.len && lines[opt.line][opt.start + n] != '<')
    n++;

  return n;
}

BpMrzSpan
_bp_mrz_layout_get_optional_span (const BpMrzLayout *layout,
                                  char *const *lines)
{
  BpMrzSpan span = layout->spans[BP_MRZ_FIELD_OPTIONAL_DATA];
  guint n = _bp_mrz_layout_get_long_number_length (layout, lines);

  /* A long number is followed by one filler before the optional data. */
  if (n > 0)
    {
      n = MIN (n + 1, span.len);
      span.start += n;
      span.len -= n;
    }

  return span;
}

/* The field a position belongs to. A check digit belongs to the field it
 * checks, and the continuation of a long document number in the optional
 * data belongs to the document number. */
BpMrzField
_bp_mrz_layout_get_field_at (const BpMrzLayout *layout,
                             char *const *lines,
                             guint line,
                             guint column)
{
  const BpMrzSpan *checks[] = {
    &layout->document_number_check, &layout->birth_date_check,
    &layout->expiry_date_check, &layout->optional_data_check,
    &layout->composite_check
  };
  const BpMrzField check_fields[] = {
    BP_MRZ_FIELD_DOCUMENT_NUMBER, BP_MRZ_FIELD_BIRTH_DATE,
    BP_MRZ_FIELD_EXPIRY_DATE, BP_MRZ_FIELD_OPTIONAL_DATA,
    BP_MRZ_FIELD_COMPOSITE
  };
  BpMrzSpan opt = layout->spans[BP_MRZ_FIELD_OPTIONAL_DATA];
  guint extra = _bp_mrz_layout_get_long_number_length (layout, lines);

  if (extra > 0 && line == opt.line && column >= opt.start && column <= opt.start + extra)
    return BP_MRZ_FIELD_DOCUMENT_NUMBER;

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    if (checks[i]->len > 0 && checks[i]->line == line && checks[i]->start == column)
      return check_fields[i];

  for (guint f = 0; f < BP_MRZ_N_FIELDS; f++)
    {
      BpMrzSpan s = layout->spans[f];

      if (s.len > 0 && s.line == line && column >= s.start && column < s.start + s.len)
        return f;
    }

  return BP_MRZ_FIELD_NONE;
}

static void
group_add_span (BpMrzGroup *group,
                BpMrzSpan span)
{
  for (guint i = 0; i < span.len && group->n_data < BP_MRZ_GROUP_MAX; i++)
    group->data[group->n_data++] = (BpMrzPos){ span.line, span.start + i };
}

static BpMrzPos
span_pos (BpMrzSpan span)
{
  return (BpMrzPos){ span.line, span.start };
}

guint
_bp_mrz_layout_get_groups (const BpMrzLayout *layout,
                           char *const *lines,
                           BpMrzGroup *groups)
{
  BpMrzGroup *g;
  guint n = 0;
  guint extra = _bp_mrz_layout_get_long_number_length (layout, lines);

  g = memset (&groups[n++], 0, sizeof *g);
  g->name = "document_number";
  g->field = BP_MRZ_FIELD_DOCUMENT_NUMBER;
  group_add_span (g, layout->spans[BP_MRZ_FIELD_DOCUMENT_NUMBER]);
  if (extra > 0)
    {
      BpMrzSpan opt = layout->spans[BP_MRZ_FIELD_OPTIONAL_DATA];

      group_add_span (g, (BpMrzSpan){ opt.line, opt.start, extra - 1 });
      g->check = (BpMrzPos){ opt.line, opt.start + extra - 1 };
    }
  else
    g->check = span_pos (layout->document_number_check);

  g = memset (&groups[n++], 0, sizeof *g);
  g->name = "birth_date";
  g->field = BP_MRZ_FIELD_BIRTH_DATE;
  g->numeric = TRUE;
  group_add_span (g, layout->spans[BP_MRZ_FIELD_BIRTH_DATE]);
  g->check = span_pos (layout->birth_date_check);

  g = memset (&groups[n++], 0, sizeof *g);
  g->name = "expiry_date";
  g->field = BP_MRZ_FIELD_EXPIRY_DATE;
  g->numeric = TRUE;
  group_add_span (g, layout->spans[BP_MRZ_FIELD_EXPIRY_DATE]);
  g->check = span_pos (layout->expiry_date_check);

  if (layout->optional_data_check.len > 0)
    {
      g = memset (&groups[n++], 0, sizeof *g);
      g->name = "optional_data";
      g->field = BP_MRZ_FIELD_OPTIONAL_DATA;
      g->filler_check_ok = TRUE;
      group_add_span (g, layout->spans[BP_MRZ_FIELD_OPTIONAL_DATA]);
      g->check = span_pos (layout->optional_data_check);
    }

  if (layout->composite_check.len > 0)
    {
      g = memset (&groups[n++], 0, sizeof *g);
      g->name = "composite";
      g->field = BP_MRZ_FIELD_COMPOSITE;
      for (guint i = 0; i < layout->n_composite; i++)
        group_add_span (g, layout->composite[i]);
      g->check = span_pos (layout->composite_check);
    }

  return n;
}

int
_bp_mrz_char_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'Z')
    return c - 'A' + 10;
  if (c == '<')
    return 0;

  return -1;
}

gboolean
_bp_mrz_group_check (const BpMrzGroup *group,
                     char *const *lines,
                     char *expected)
{
  static const int weights[] = { 7, 3, 1 };
  gboolean all_fillers = TRUE;
  char found = _bp_mrz_line_char (lines, group->check);
  int sum = 0;

  for (guint i = 0; i < group->n_data; i++)
    {
      char c = _bp_mrz_line_char (lines, group->data[i]);
      int value = _bp_mrz_char_value (c);

      if (value < 0)
        {
          *expected = '\0';
          return FALSE;
        }
      sum += value * weights[i % 3];
      all_fillers &= (c == '<');
    }

  *expected = '0' + sum % 10;

  /* ICAO 9303 part 4: an unused personal number may have '<' as its check digit. */
  if (group->filler_check_ok && all_fillers && found == '<')
    return TRUE;

  return found == *expected;
}

char
bp_mrz_check_digit (const char *data,
                    gssize len)
{
  static const int weights[] = { 7, 3, 1 };
  int sum = 0;

  if (data == NULL)
    return '\0';
  if (len < 0)
    len = strlen (data);

  for (gssize i = 0; i < len; i++)
    {
      int value = _bp_mrz_char_value (data[i]);

      if (value < 0)
        return '\0';
      sum += value * weights[i % 3];
    }

  return '0' + sum % 10;
}
