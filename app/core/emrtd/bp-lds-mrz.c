/* bp-lds-mrz.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-lds-mrz"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bp-lds-private.h"

/* The chip's MRZ (DG1) against the printed one, field by field, with the
 * MRZ parser of the core, so that both sides are read the same way. */

static void
field_free (gpointer data)
{
  BpLdsMrzField *field = data;

  g_free (field->chip);
  g_free (field->printed);
  g_free (field);
}

static char *
name_of (const BpMrz *mrz)
{
  return g_strdup_printf ("%s<<%s", mrz->primary_identifier ? mrz->primary_identifier : "",
                          mrz->secondary_identifier ? mrz->secondary_identifier : "");
}

static char *
zone_of (const BpMrz *mrz)
{
  g_autoptr (GString) zone = g_string_new (NULL);

  for (guint i = 0; i < mrz->n_lines && i < G_N_ELEMENTS (mrz->lines); i++)
    {
      if (i > 0)
        g_string_append_c (zone, '\n');
      g_string_append (zone, mrz->lines[i] ? mrz->lines[i] : "");
    }
  return g_string_free (g_steal_pointer (&zone), FALSE);
}

/* The chip's zone exactly as stored, only re-split into lines: the MRZ
 * parser repairs OCR slips, which is right for the printed zone but would
 * hide a chip that holds a letter where a digit belongs. */
static char *
raw_zone_of (const char *text)
{
  g_autoptr (GString) joined = g_string_new (NULL);
  g_autoptr (GString) zone = g_string_new (NULL);
  guint line;

  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (joined, *p);
  line = joined->len == 90 ? 30 : joined->len == 72 ? 36
                              : joined->len == 88   ? 44
                                                    : joined->len;
  for (gsize i = 0; i < joined->len; i += MAX (line, 1))
    {
      if (i > 0)
        g_string_append_c (zone, '\n');
      g_string_append_len (zone, joined->str + i, MIN (line, joined->len - i));
    }
  return g_string_free (g_steal_pointer (&zone), FALSE);
}

static const char *
value_of (const BpMrz *mrz,
          BpMrzField field)
{
  switch (field)
    {
    case BP_MRZ_FIELD_DOCUMENT_CODE:
      return mrz->document_code;
    case BP_MRZ_FIELD_ISSUING_STATE:
      return mrz->issuing_state;
    case BP_MRZ_FIELD_DOCUMENT_NUMBER:
      return mrz->document_number;
    case BP_MRZ_FIELD_NATIONALITY:
      return mrz->nationality;
    case BP_MRZ_FIELD_BIRTH_DATE:
      return mrz->birth_date_raw;
    case BP_MRZ_FIELD_SEX:
      return mrz->sex;
    case BP_MRZ_FIELD_EXPIRY_DATE:
      return mrz->expiry_date_raw;
    case BP_MRZ_FIELD_OPTIONAL_DATA:
      return mrz->optional_data;
    case BP_MRZ_FIELD_OPTIONAL_DATA_2:
      return mrz->optional_data_2;
    case BP_MRZ_FIELD_NONE:
    case BP_MRZ_FIELD_NAME:
    case BP_MRZ_FIELD_COMPOSITE:
    case BP_MRZ_N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

static void
add (GPtrArray *fields,
     BpMrzField field,
     char *chip,
     char *printed,
     gboolean *all_equal)
{
  BpLdsMrzField *f = g_new0 (BpLdsMrzField, 1);

  f->field = field;
  f->chip = chip;
  f->printed = printed;
  f->equal = g_strcmp0 (chip, printed) == 0;
  if (!f->equal)
    *all_equal = FALSE;
  g_ptr_array_add (fields, f);
}

GPtrArray *
bp_lds_compare_mrz (const char *chip_mrz,
                    const char *printed_mrz,
                    gboolean *all_equal,
                    GError **error)
{
  static const BpMrzField simple[] = {
    BP_MRZ_FIELD_DOCUMENT_CODE,
    BP_MRZ_FIELD_ISSUING_STATE,
    BP_MRZ_FIELD_DOCUMENT_NUMBER,
    BP_MRZ_FIELD_NAME,
    BP_MRZ_FIELD_NATIONALITY,
    BP_MRZ_FIELD_BIRTH_DATE,
    BP_MRZ_FIELD_SEX,
    BP_MRZ_FIELD_EXPIRY_DATE,
    BP_MRZ_FIELD_OPTIONAL_DATA,
    BP_MRZ_FIELD_OPTIONAL_DATA_2,
  };
  g_autoptr (GPtrArray) fields = NULL;
  g_autoptr (BpMrz) chip = NULL;
  g_autoptr (BpMrz) printed = NULL;
  g_autoptr (GError) local_error = NULL;
  gboolean equal = TRUE;

  g_return_val_if_fail (chip_mrz != NULL, NULL);
  g_return_val_if_fail (printed_mrz != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  chip = bp_mrz_parse (chip_mrz, NULL, &local_error);
  if (chip == NULL)
    {
      g_set_error (error, BP_LDS_ERROR, BP_LDS_ERROR_MALFORMED,
                   _ ("The zone stored on the chip cannot be read: %s"), local_error->message);
      return NULL;
    }
  printed = bp_mrz_parse (printed_mrz, NULL, &local_error);
  if (printed == NULL)
    {
      g_set_error (error, BP_LDS_ERROR, BP_LDS_ERROR_INVALID,
                   _ ("The printed zone cannot be read: %s"), local_error->message);
      return NULL;
    }

  fields = g_ptr_array_new_with_free_func (field_free);
  for (guint i = 0; i < G_N_ELEMENTS (simple); i++)
    {
      BpMrzField field = simple[i];

      /* Only TD1 has a second optional data field. */
      if (field == BP_MRZ_FIELD_OPTIONAL_DATA_2 && chip->format != BP_MRZ_FORMAT_TD1 && printed->format != BP_MRZ_FORMAT_TD1)
        continue;
      if (field == BP_MRZ_FIELD_NAME)
        add (fields, field, name_of (chip), name_of (printed), &equal);
      else
        add (fields, field, g_strdup (value_of (chip, field)), g_strdup (value_of (printed, field)), &equal);
    }
  add (fields, BP_MRZ_FIELD_NONE, raw_zone_of (chip_mrz), zone_of (printed), &equal);

  if (all_equal != NULL)
    *all_equal = equal;
  return g_steal_pointer (&fields);
}
