/* bp-mrz.c
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

G_DEFINE_BOXED_TYPE (BpMrz, bp_mrz, bp_mrz_ref, bp_mrz_unref)

GQuark
bp_mrz_error_quark (void)
{
  return g_quark_from_static_string ("bp-mrz-error-quark");
}

static void
check_free (gpointer data)
{
  g_free (data);
}

static void
issue_free (gpointer data)
{
  BpMrzIssue *issue = data;

  g_free (issue->message);
  g_free (issue);
}

static char *
span_dup (const BpMrz *self,
          BpMrzSpan span)
{
  return g_strndup (self->lines[span.line] + span.start, span.len);
}

/* Fillers pad a field on the right; those inside it carry meaning. */
static char *
strip_fillers (char *str)
{
  gsize len = strlen (str);

  while (len > 0 && str[len - 1] == '<')
    str[--len] = '\0';

  return str;
}

static char *
fillers_to_spaces (char *str)
{
  for (char *p = str; *p; p++)
    if (*p == '<')
      *p = ' ';

  return str;
}

void
_bp_mrz_add_issue (BpMrz *self,
                   BpMrzSeverity severity,
                   BpMrzField field,
                   const char *format,
                   ...)
{
  BpMrzIssue *issue = g_new0 (BpMrzIssue, 1);
  va_list args;

  va_start (args, format);
  issue->severity = severity;
  issue->field = field;
  issue->message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (self->issues, issue);
}

#define add_error(self, field, ...) \
  _bp_mrz_add_issue (self, BP_MRZ_SEVERITY_ERROR, field, __VA_ARGS__)
#define add_warning(self, field, ...) \
  _bp_mrz_add_issue (self, BP_MRZ_SEVERITY_WARNING, field, __VA_ARGS__)

/* One message per field for characters outside A–Z, 0–9 and '<', so that
 * a line of noise gives a handful of messages, not hundreds. */
static void
check_characters (BpMrz *self,
                  const BpMrzLayout *layout)
{
  guint first_line[BP_MRZ_N_FIELDS], first_col[BP_MRZ_N_FIELDS], count[BP_MRZ_N_FIELDS] = { 0 };

  for (guint l = 0; l < self->n_lines; l++)
    for (guint c = 0; self->lines[l][c]; c++)
      {
        BpMrzField f;

        if (_bp_mrz_char_value (self->lines[l][c]) >= 0)
          continue;
        f = _bp_mrz_layout_get_field_at (layout, self->lines, l, c);
        if (count[f]++ == 0)
          {
            first_line[f] = l;
            first_col[f] = c;
          }
      }

  for (guint f = 0; f < BP_MRZ_N_FIELDS; f++)
    {
      const char *label = _bp_mrz_field_get_label_for_format (f, self->format);
      char bad;

      if (count[f] == 0)
        continue;
      bad = self->lines[first_line[f]][first_col[f]];
      if (count[f] == 1)
        add_error (self, f, _ ("%s: character “%c” at line %u, column %u is not allowed in a machine readable zone"),
                   label, bad, first_line[f] + 1, first_col[f] + 1);
      else
        /* Translators: the first %s is a field label; the last %u counts the other characters. */
        add_error (self, f, g_dngettext (GETTEXT_PACKAGE, "%s: character “%c” at line %u, column %u and %u more are not allowed in a machine readable zone", "%s: character “%c” at line %u, column %u and %u more are not allowed in a machine readable zone", count[f] - 1),
                   label, bad, first_line[f] + 1, first_col[f] + 1, count[f] - 1);
    }
}

static gboolean
pair_is_digits (const char *p)
{
  return g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]);
}

static gboolean
pair_is_unknown (const char *p)
{
  return p[0] == '<' && p[1] == '<';
}

/* YYMMDD to ISO 8601. ICAO 9303 part 3 marks an unknown day or month with
 * fillers; the result is then "YYYY-MM" or "YYYY". A birth date lies in
 * the past; an expiry date lies within 50 years of today either way. */
static char *
parse_date (BpMrz *self,
            BpMrzField field,
            const char *raw,
            GDateTime *today,
            gboolean is_birth)
{
  const char *label = _bp_mrz_field_get_label_for_format (field, self->format);
  int ty = g_date_time_get_year (today);
  int tm = g_date_time_get_month (today);
  int td = g_date_time_get_day_of_month (today);
  int year, month = 0, day = 0;
  gboolean has_month, has_day;
  long candidate, now;

  if (strcmp (raw, "<<<<<<") == 0)
    {
      add_warning (self, field, _ ("%s is not known (the field holds only fillers)"), label);
      return NULL;
    }

  has_month = pair_is_digits (raw + 2);
  has_day = pair_is_digits (raw + 4);
  if (!pair_is_digits (raw) || (!has_month && !pair_is_unknown (raw + 2)) || (!has_day && !pair_is_unknown (raw + 4)) || (has_day && !has_month))
    {
      if (!bp_mrz_field_has_error (self, field))
        add_error (self, field, _ ("%s “%s” is not a date: it needs six digits (YYMMDD)"), label, raw);
      return NULL;
    }

  year = (raw[0] - '0') * 10 + (raw[1] - '0');
  if (has_month)
    month = (raw[2] - '0') * 10 + (raw[3] - '0');
  if (has_day)
    day = (raw[4] - '0') * 10 + (raw[5] - '0');

  if (has_month && (month < 1 || month > 12))
    {
      add_error (self, field, _ ("%s “%s” has month %02d, which does not exist"), label, raw, month);
      return NULL;
    }

  /* Unknown parts compare as the earliest possible value. */
  year += (ty / 100) * 100;
  now = (long) ty * 10000 + tm * 100 + td;
  candidate = (long) year * 10000 + MAX (month, 1) * 100 + MAX (day, 1);
  if (is_birth)
    {
      if (candidate > now)
        year -= 100;
    }
  else if (candidate > now + 50 * 10000)
    year -= 100;
  else if (candidate < now - 50 * 10000)
    year += 100;

  if (has_day && (day < 1 || day > g_date_get_days_in_month (month, year)))
    {
      add_error (self, field, _ ("%s “%s” has day %02d, which does not exist in %04d-%02d"),
                 label, raw, day, year, month);
      return NULL;
    }

  if (has_day)
    return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
  if (has_month)
    return g_strdup_printf ("%04d-%02d", year, month);
  return g_strdup_printf ("%04d", year);
}

static void
parse_name (BpMrz *self,
            BpMrzSpan span)
{
  g_autofree char *name = span_dup (self, span);
  const char *sep = strstr (name, "<<");
  const char *label = _bp_mrz_field_get_label_for_format (BP_MRZ_FIELD_NAME, self->format);

  self->name_truncated = g_ascii_isupper (name[span.len - 1]);

  if (sep != NULL)
    {
      self->primary_identifier = fillers_to_spaces (g_strndup (name, sep - name));
      self->secondary_identifier = fillers_to_spaces (strip_fillers (g_strdup (sep + 2)));
    }
  else
    {
      self->primary_identifier = fillers_to_spaces (strip_fillers (g_strdup (name)));
      self->secondary_identifier = g_strdup ("");
    }

  for (guint i = 0; i < span.len; i++)
    if (g_ascii_isdigit (name[i]))
      {
        add_error (self, BP_MRZ_FIELD_NAME, _ ("%s: digit “%c” at line %u, column %u; names have letters only"),
                   label, name[i], span.line + 1, span.start + i + 1);
        break;
      }

  if (name[0] == '<')
    add_warning (self, BP_MRZ_FIELD_NAME, _ ("%s starts with a filler, not with the primary identifier"), label);
  if (self->name_truncated)
    add_warning (self, BP_MRZ_FIELD_NAME, _ ("%s fills the whole field and may be cut short"), label);
}

static char *
parse_code (BpMrz *self,
            BpMrzField field,
            BpMrzSpan span)
{
  char *code = strip_fillers (span_dup (self, span));
  const char *label = _bp_mrz_field_get_label_for_format (field, self->format);

  if (*code == '\0')
    add_warning (self, field, _ ("%s is empty"), label);
  else if (bp_mrz_country_name (code) == NULL)
    add_warning (self, field, _ ("%s “%s” is not an ICAO country or organisation code"), label, code);

  return code;
}

static void
parse_fields (BpMrz *self,
              const BpMrzLayout *layout,
              GDateTime *today)
{
  const BpMrzSpan *spans = layout->spans;
  BpMrzSpan opt = _bp_mrz_layout_get_optional_span (layout, self->lines);
  BpMrzGroup groups[BP_MRZ_MAX_GROUPS];
  guint n_groups;
  char code0;

  self->document_code = strip_fillers (span_dup (self, spans[BP_MRZ_FIELD_DOCUMENT_CODE]));
  code0 = self->lines[0][0];
  if (!g_ascii_isupper (code0) || !(g_ascii_isupper (self->lines[0][1]) || self->lines[0][1] == '<'))
    if (!bp_mrz_field_has_error (self, BP_MRZ_FIELD_DOCUMENT_CODE))
      add_error (self, BP_MRZ_FIELD_DOCUMENT_CODE, _ ("Document code “%.2s” must be a letter, optionally followed by a second letter"),
                 self->lines[0]);

  self->issuing_state = parse_code (self, BP_MRZ_FIELD_ISSUING_STATE, spans[BP_MRZ_FIELD_ISSUING_STATE]);
  self->nationality = parse_code (self, BP_MRZ_FIELD_NATIONALITY, spans[BP_MRZ_FIELD_NATIONALITY]);
  parse_name (self, spans[BP_MRZ_FIELD_NAME]);

  self->sex = span_dup (self, spans[BP_MRZ_FIELD_SEX]);
  if (strchr ("MFX<", self->sex[0]) == NULL && !bp_mrz_field_has_error (self, BP_MRZ_FIELD_SEX))
    add_error (self, BP_MRZ_FIELD_SEX, _ ("Sex “%s” must be M, F, X or <"), self->sex);

  self->birth_date_raw = span_dup (self, spans[BP_MRZ_FIELD_BIRTH_DATE]);
  self->birth_date = parse_date (self, BP_MRZ_FIELD_BIRTH_DATE, self->birth_date_raw, today, TRUE);
  self->expiry_date_raw = span_dup (self, spans[BP_MRZ_FIELD_EXPIRY_DATE]);
  self->expiry_date = parse_date (self, BP_MRZ_FIELD_EXPIRY_DATE, self->expiry_date_raw, today, FALSE);

  self->optional_data = strip_fillers (span_dup (self, opt));
  if (spans[BP_MRZ_FIELD_OPTIONAL_DATA_2].len > 0)
    self->optional_data_2 = strip_fillers (span_dup (self, spans[BP_MRZ_FIELD_OPTIONAL_DATA_2]));

  n_groups = _bp_mrz_layout_get_groups (layout, self->lines, groups);

  /* The document number is the data of its check digit group, which
   * joins the two parts of a long TD1 or TD2 number. */
  {
    GString *number = g_string_new (NULL);

    for (guint i = 0; i < groups[0].n_data; i++)
      g_string_append_c (number, _bp_mrz_line_char (self->lines, groups[0].data[i]));
    self->document_number = strip_fillers (g_string_free (number, FALSE));
  }

  if (_bp_mrz_layout_get_long_number_length (layout, self->lines) == 0 && _bp_mrz_line_char (self->lines, groups[0].check) == '<' && layout->long_document_number)
    add_error (self, BP_MRZ_FIELD_DOCUMENT_NUMBER,
               _ ("Document number check digit is a filler, but the optional data holds no continuation of the number"));

  for (guint i = 0; i < n_groups; i++)
    {
      BpMrzCheck *check = g_new0 (BpMrzCheck, 1);
      const char *label = _bp_mrz_field_get_label_for_format (groups[i].field, self->format);

      check->name = groups[i].name;
      check->field = groups[i].field;
      check->found = _bp_mrz_line_char (self->lines, groups[i].check);
      check->ok = _bp_mrz_group_check (&groups[i], self->lines, &check->expected);
      g_ptr_array_add (self->checks, check);

      /* Characters that are not allowed have been reported already. */
      if (check->ok || check->expected == '\0' || bp_mrz_field_has_error (self, check->field))
        continue;

      if (groups[i].field == BP_MRZ_FIELD_COMPOSITE && !g_ascii_isdigit (check->found))
        add_error (self, check->field, _ ("Composite check digit “%c” is not a digit"), check->found);
      else if (groups[i].field == BP_MRZ_FIELD_COMPOSITE)
        add_error (self, check->field, _ ("Composite check digit is %c, expected %c"), check->found, check->expected);
      else if (!g_ascii_isdigit (check->found))
        add_error (self, check->field, _ ("%s check digit “%c” is not a digit"), label, check->found);
      else
        add_error (self, check->field, _ ("%s check digit is %c, expected %c"), label, check->found, check->expected);
    }
}

static gboolean
split_lines (const char *text,
             GPtrArray *lines)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *line = g_string_new (NULL);
  gboolean blank = TRUE;

  /* Every character outside printable ASCII becomes one '?', so that
   * lines stay ASCII (and JSON-safe) and columns count characters. */
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (ch == '\n' || ch == '\r')
        {
          if (line->len > 0)
            g_ptr_array_add (lines, g_string_free (g_steal_pointer (&line), FALSE));
          line = g_string_new (NULL);
          continue;
        }

      /* Keyboard wedge readers sometimes type blanks inside a line. */
      if (ch == ' ' || ch == '\t' || ch == '\f' || ch == '\v' || ch == 0xA0)
        continue;

      blank = FALSE;
      if (ch < 0x20 || ch >= 0x7F)
        g_string_append_c (line, '?');
      else
        g_string_append_c (line, g_ascii_toupper ((char) ch));
    }

  if (line->len > 0)
    g_ptr_array_add (lines, g_string_free (g_steal_pointer (&line), FALSE));
  else
    g_string_free (line, TRUE);

  return !blank;
}

static gboolean
is_mrz_text (const char *str)
{
  for (; *str; str++)
    if (_bp_mrz_char_value (*str) < 0)
      return FALSE;

  return TRUE;
}

static BpMrzFormat
detect_format (GPtrArray *lines,
               GError **error)
{
  guint len = strlen (g_ptr_array_index (lines, 0));
  const char *last = g_ptr_array_index (lines, lines->len - 1);
  guint last_len = strlen (last);
  guint need;

  /* A keyboard wedge reader types the zone a character at a time into a
   * live view: a line that is still growing is not an error yet. */
  if (lines->len == 1 && len < 44 && strchr (last, '<') != NULL && is_mrz_text (last))
    {
      g_set_error (error, BP_MRZ_ERROR, BP_MRZ_ERROR_INCOMPLETE,
                   g_dngettext (GETTEXT_PACKAGE, "Line 1 has %u character so far",
                                "Line 1 has %u characters so far", len),
                   len);
      return BP_MRZ_FORMAT_UNKNOWN;
    }
  if (lines->len > 1 && (len == 30 || len == 36 || len == 44) && last_len < len && lines->len <= (len == 30 ? 3u : 2u))
    {
      gboolean complete = TRUE;

      for (guint i = 1; i + 1 < lines->len; i++)
        complete &= strlen (g_ptr_array_index (lines, i)) == len;
      if (complete)
        {
          g_set_error (error, BP_MRZ_ERROR, BP_MRZ_ERROR_INCOMPLETE,
                       _ ("Line %u of %u has %u of %u characters so far"),
                       lines->len, len == 30 ? 3 : 2, last_len, len);
          return BP_MRZ_FORMAT_UNKNOWN;
        }
    }

  for (guint i = 1; i < lines->len; i++)
    if (strlen (g_ptr_array_index (lines, i)) != len)
      {
        g_set_error (error, BP_MRZ_ERROR, BP_MRZ_ERROR_NOT_MRZ,
                     _ ("Line %u has %u characters but line 1 has %u; the lines of a machine readable zone are equally long"),
                     i + 1, (guint) strlen (g_ptr_array_index (lines, i)), len);
        return BP_MRZ_FORMAT_UNKNOWN;
      }

  if (len != 30 && len != 36 && len != 44)
    {
      g_set_error (error, BP_MRZ_ERROR, BP_MRZ_ERROR_NOT_MRZ,
                   _ ("Lines of %u characters match no format; a machine readable zone has lines of 30, 36 or 44"), len);
      return BP_MRZ_FORMAT_UNKNOWN;
    }

  need = len == 30 ? 3 : 2;
  if (lines->len < need)
    {
      g_set_error (error, BP_MRZ_ERROR, BP_MRZ_ERROR_INCOMPLETE,
                   _ ("Waiting for line %u of %u"), lines->len + 1, need);
      return BP_MRZ_FORMAT_UNKNOWN;
    }
  if (lines->len > need)
    {
      g_set_error (error, BP_MRZ_ERROR, BP_MRZ_ERROR_NOT_MRZ,
                   _ ("%u lines of %u characters; this format has %u"), lines->len, len, need);
      return BP_MRZ_FORMAT_UNKNOWN;
    }

  /* Visas are the only documents whose code starts with V (9303 part 7). */
  if (len == 30)
    return BP_MRZ_FORMAT_TD1;
  if (len == 36)
    return ((char *) g_ptr_array_index (lines, 0))[0] == 'V' ? BP_MRZ_FORMAT_MRVB : BP_MRZ_FORMAT_TD2;
  return ((char *) g_ptr_array_index (lines, 0))[0] == 'V' ? BP_MRZ_FORMAT_MRVA : BP_MRZ_FORMAT_TD3;
}

/**
 * bp_mrz_new:
 * @format: the format of the zone
 *
 * Creates an empty zone whose fields a caller fills before
 * bp_mrz_compose(), for instance from a form typed by hand.
 *
 * Returns: (transfer full): a new #BpMrz
 */
BpMrz *
bp_mrz_new (BpMrzFormat format)
{
  BpMrz *self = g_new0 (BpMrz, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->format = format;
  self->checks = g_ptr_array_new_with_free_func (check_free);
  self->issues = g_ptr_array_new_with_free_func (issue_free);
  self->repairs = g_ptr_array_new_with_free_func (g_free);

  return self;
}

/**
 * bp_mrz_parse:
 * @text: the zone as read: lines separated by newlines, or one run of characters
 * @today: (nullable): the date the century rules count from, or %NULL for now
 * @error: return location for a #BP_MRZ_ERROR
 *
 * Parses, repairs and checks a machine readable zone. Input that has the
 * shape of a zone always gives a #BpMrz, valid or not, whose issues say
 * what is wrong with each field.
 *
 * Returns: (transfer full) (nullable): the zone, or %NULL with @error set
 */
BpMrz *
bp_mrz_parse (const char *text,
              GDateTime *today,
              GError **error)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (BpMrz) self = NULL;
  const BpMrzLayout *layout;
  BpMrzFormat format;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL || !split_lines (text, lines) || lines->len == 0)
    {
      g_set_error_literal (error, BP_MRZ_ERROR, BP_MRZ_ERROR_EMPTY, _ ("Nothing was read"));
      return NULL;
    }

  /* Some readers send the whole zone as one line. */
  if (lines->len == 1)
    {
      char *only = g_ptr_array_steal_index (lines, 0);
      gsize len = strlen (only);
      guint parts = len == 90 ? 3 : (len == 72 || len == 88) ? 2
                                                             : 1;

      for (guint i = 0; i < parts; i++)
        g_ptr_array_add (lines, g_strndup (only + i * (len / parts), len / parts));
      g_free (only);
    }

  format = detect_format (lines, error);
  if (format == BP_MRZ_FORMAT_UNKNOWN)
    return NULL;

  if (today == NULL)
    today = now = g_date_time_new_now_local ();

  layout = _bp_mrz_layout_for_format (format);
  self = bp_mrz_new (format);
  self->n_lines = lines->len;
  for (guint i = 0; i < lines->len; i++)
    self->lines[i] = g_strdup (g_ptr_array_index (lines, i));

  _bp_mrz_repair (self, layout);
  check_characters (self, layout);
  parse_fields (self, layout, today);

  self->valid = TRUE;
  for (guint i = 0; i < self->checks->len; i++)
    self->valid &= ((BpMrzCheck *) g_ptr_array_index (self->checks, i))->ok;
  for (guint i = 0; i < self->issues->len; i++)
    self->valid &= ((BpMrzIssue *) g_ptr_array_index (self->issues, i))->severity != BP_MRZ_SEVERITY_ERROR;

  return g_steal_pointer (&self);
}

BpMrz *
bp_mrz_ref (BpMrz *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
bp_mrz_unref (BpMrz *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (self->lines); i++)
    g_free (self->lines[i]);
  g_free (self->document_code);
  g_free (self->issuing_state);
  g_free (self->document_number);
  g_free (self->primary_identifier);
  g_free (self->secondary_identifier);
  g_free (self->nationality);
  g_free (self->birth_date);
  g_free (self->birth_date_raw);
  g_free (self->sex);
  g_free (self->expiry_date);
  g_free (self->expiry_date_raw);
  g_free (self->optional_data);
  g_free (self->optional_data_2);
  g_ptr_array_unref (self->checks);
  g_ptr_array_unref (self->issues);
  g_ptr_array_unref (self->repairs);
  g_free (self);
}

/* Writes @value into a field, upper case, with spaces as fillers; other
 * characters become fillers too (transliterate names before composing). */
static void
put_field (char *line,
           BpMrzSpan span,
           const char *value)
{
  for (guint i = 0; value != NULL && value[i] && i < span.len; i++)
    {
      char c = value[i] == ' ' ? '<' : g_ascii_toupper (value[i]);

      line[span.start + i] = _bp_mrz_char_value (c) >= 0 ? c : '<';
    }
}

/* "1974-08-12" → "740812", "1974-08" → "7408<<", "1974" → "74<<<<". */
static void
put_date (char *line,
          BpMrzSpan span,
          const char *raw,
          const char *iso)
{
  char buf[7] = "<<<<<<";

  if (raw != NULL && strlen (raw) == 6)
    memcpy (buf, raw, 6);
  else if (iso != NULL && strlen (iso) >= 4)
    {
      memcpy (buf, iso + 2, 2);
      if (strlen (iso) >= 7)
        memcpy (buf + 2, iso + 5, 2);
      if (strlen (iso) >= 10)
        memcpy (buf + 4, iso + 8, 2);
    }

  put_field (line, span, buf);
}

/**
 * bp_mrz_compose:
 * @self: a #BpMrz
 *
 * Writes the lines of the zone from its fields, with check digits computed
 * afresh. An unused TD3 personal number gets '<' as its check digit.
 *
 * Returns: (transfer full) (nullable): the lines joined by "\n", or %NULL
 *   if the format is unknown
 */
char *
bp_mrz_compose (const BpMrz *self)
{
  const BpMrzLayout *layout;
  const BpMrzSpan *spans;
  BpMrzGroup groups[BP_MRZ_MAX_GROUPS];
  g_autofree char *name = NULL;
  g_autofree char *optional = NULL;
  char *lines[3] = { NULL };
  const char *number;
  guint n_groups;
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  layout = _bp_mrz_layout_for_format (self->format);
  if (layout == NULL)
    return NULL;
  spans = layout->spans;

  for (guint i = 0; i < layout->n_lines; i++)
    {
      lines[i] = g_malloc (layout->line_length + 1);
      memset (lines[i], '<', layout->line_length);
      lines[i][layout->line_length] = '\0';
    }

  put_field (lines[0], spans[BP_MRZ_FIELD_DOCUMENT_CODE], self->document_code);
  put_field (lines[0], spans[BP_MRZ_FIELD_ISSUING_STATE], self->issuing_state);
  put_field (lines[spans[BP_MRZ_FIELD_NATIONALITY].line], spans[BP_MRZ_FIELD_NATIONALITY], self->nationality);
  put_field (lines[spans[BP_MRZ_FIELD_SEX].line], spans[BP_MRZ_FIELD_SEX], self->sex);
  put_date (lines[spans[BP_MRZ_FIELD_BIRTH_DATE].line], spans[BP_MRZ_FIELD_BIRTH_DATE],
            self->birth_date_raw, self->birth_date);
  put_date (lines[spans[BP_MRZ_FIELD_EXPIRY_DATE].line], spans[BP_MRZ_FIELD_EXPIRY_DATE],
            self->expiry_date_raw, self->expiry_date);

  if (self->secondary_identifier != NULL && self->secondary_identifier[0])
    name = g_strconcat (self->primary_identifier ? self->primary_identifier : "", "<<",
                        self->secondary_identifier, NULL);
  else
    name = g_strdup (self->primary_identifier);
  put_field (lines[spans[BP_MRZ_FIELD_NAME].line], spans[BP_MRZ_FIELD_NAME], name);

  /* A long TD1 or TD2 number goes on in the optional data with its check
   * digit and a filler; the check digit position then holds a filler. */
  number = self->document_number ? self->document_number : "";
  put_field (lines[spans[BP_MRZ_FIELD_DOCUMENT_NUMBER].line], spans[BP_MRZ_FIELD_DOCUMENT_NUMBER], number);
  if (layout->long_document_number && strlen (number) > spans[BP_MRZ_FIELD_DOCUMENT_NUMBER].len)
    {
      const char *rest = number + spans[BP_MRZ_FIELD_DOCUMENT_NUMBER].len;
      char check = bp_mrz_check_digit (number, -1);

      optional = g_strdup_printf ("%s%c<%s", rest, check ? check : '<',
                                  self->optional_data ? self->optional_data : "");
    }
  else
    {
      /* Not a filler, or the check digit would announce a long number. */
      lines[layout->document_number_check.line][layout->document_number_check.start] = '0';
      optional = g_strdup (self->optional_data);
    }
  put_field (lines[spans[BP_MRZ_FIELD_OPTIONAL_DATA].line], spans[BP_MRZ_FIELD_OPTIONAL_DATA], optional);
  if (spans[BP_MRZ_FIELD_OPTIONAL_DATA_2].len > 0)
    put_field (lines[spans[BP_MRZ_FIELD_OPTIONAL_DATA_2].line], spans[BP_MRZ_FIELD_OPTIONAL_DATA_2],
               self->optional_data_2);

  /* Check digits in order: the composite covers the others. */
  n_groups = _bp_mrz_layout_get_groups (layout, lines, groups);
  for (guint i = 0; i < n_groups; i++)
    {
      char expected;

      /* An unused personal number keeps '<' as its check digit. */
      if (_bp_mrz_group_check (&groups[i], lines, &expected) && groups[i].filler_check_ok)
        continue;
      lines[groups[i].check.line][groups[i].check.column] = expected ? expected : '<';
    }

  out = g_string_new (NULL);
  for (guint i = 0; i < layout->n_lines; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, lines[i]);
      g_free (lines[i]);
    }

  return g_string_free (out, FALSE);
}

const BpMrzCheck *
bp_mrz_find_check (const BpMrz *self,
                   const char *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->checks->len; i++)
    {
      const BpMrzCheck *check = g_ptr_array_index (self->checks, i);

      if (strcmp (check->name, name) == 0)
        return check;
    }

  return NULL;
}

static gboolean
field_has_issue (const BpMrz *self,
                 BpMrzField field,
                 BpMrzSeverity severity)
{
  for (guint i = 0; i < self->issues->len; i++)
    {
      const BpMrzIssue *issue = g_ptr_array_index (self->issues, i);

      if (issue->field == field && issue->severity == severity)
        return TRUE;
    }

  return FALSE;
}

gboolean
bp_mrz_field_has_error (const BpMrz *self,
                        BpMrzField field)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return field_has_issue (self, field, BP_MRZ_SEVERITY_ERROR);
}

gboolean
bp_mrz_field_has_warning (const BpMrz *self,
                          BpMrzField field)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return field_has_issue (self, field, BP_MRZ_SEVERITY_WARNING);
}

/**
 * bp_mrz_dup_display_name:
 * @self: a #BpMrz
 *
 * Returns: (transfer full): the name as "PRIMARY, SECONDARY", or the
 *   primary identifier alone when there is no secondary one
 */
char *
bp_mrz_dup_display_name (const BpMrz *self)
{
  g_autofree char *primary = NULL;
  g_autofree char *secondary = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  primary = g_strstrip (g_strdup (self->primary_identifier ? self->primary_identifier : ""));
  secondary = g_strstrip (g_strdup (self->secondary_identifier ? self->secondary_identifier : ""));

  if (*secondary == '\0')
    return g_steal_pointer (&primary);
  if (*primary == '\0')
    return g_steal_pointer (&secondary);

  return g_strdup_printf ("%s, %s", primary, secondary);
}
