/* bp-lds-details.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-lds-details"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bp-lds-details.h"
#include "bp-lds-private.h"

/* DG11 and DG12 have the same shape (9303-10 4.7.11, 4.7.12): a tag list
 * 5C, then optional elements, some of them texts, some dates, some
 * images, and one list of names inside A0 with a count 02. Both files are
 * parsed and encoded from one table each. */

G_DEFINE_BOXED_TYPE (BpLdsDg11, bp_lds_dg11, bp_lds_dg11_ref, bp_lds_dg11_unref)
G_DEFINE_BOXED_TYPE (BpLdsDg12, bp_lds_dg12, bp_lds_dg12_ref, bp_lds_dg12_unref)

typedef enum
{
  KIND_TEXT,
  KIND_DATE, /* ASCII digits, or BCD in older chips */
  KIND_BYTES,
  KIND_LIST, /* repeated @tag inside A0 after a count */
} Kind;

typedef struct
{
  guint32 tag;
  Kind kind;
  gsize offset;
} Field;

#define LIST_TAG 0xA0
#define COUNT_TAG 0x02

static const Field dg11_fields[] = {
  { 0x5F0E, KIND_TEXT, G_STRUCT_OFFSET (BpLdsDg11, full_name) },
  { 0x5F0F, KIND_LIST, G_STRUCT_OFFSET (BpLdsDg11, other_names) },
  { 0x5F10, KIND_TEXT, G_STRUCT_OFFSET (BpLdsDg11, personal_number) },
  { 0x5F2B, KIND_DATE, G_STRUCT_OFFSET (BpLdsDg11, full_birth_date) },
  { 0x5F11, KIND_TEXT, G_STRUCT_OFFSET (BpLdsDg11, place_of_birth) },
  { 0x5F42, KIND_TEXT, G_STRUCT_OFFSET (BpLdsDg11, address) },
  { 0x5F12, KIND_TEXT, G_STRUCT_OFFSET (BpLdsDg11, telephone) },
  { 0x5F13, KIND_TEXT, G_STRUCT_OFFSET (BpLdsDg11, profession) },
  { 0x5F14, KIND_TEXT, G_STRUCT_OFFSET (BpLdsDg11, title) },
  { 0x5F15, KIND_TEXT, G_STRUCT_OFFSET (BpLdsDg11, personal_summary) },
  { 0x5F16, KIND_BYTES, G_STRUCT_OFFSET (BpLdsDg11, proof_of_citizenship) },
  { 0x5F17, KIND_TEXT, G_STRUCT_OFFSET (BpLdsDg11, other_td_numbers) },
  { 0x5F18, KIND_TEXT, G_STRUCT_OFFSET (BpLdsDg11, custody_information) },
};

static const Field dg12_fields[] = {
  { 0x5F19, KIND_TEXT, G_STRUCT_OFFSET (BpLdsDg12, issuing_authority) },
  { 0x5F26, KIND_DATE, G_STRUCT_OFFSET (BpLdsDg12, date_of_issue) },
  { 0x5F1A, KIND_LIST, G_STRUCT_OFFSET (BpLdsDg12, other_persons) },
  { 0x5F1B, KIND_TEXT, G_STRUCT_OFFSET (BpLdsDg12, endorsements) },
  { 0x5F1C, KIND_TEXT, G_STRUCT_OFFSET (BpLdsDg12, tax_exit_requirements) },
  { 0x5F1D, KIND_BYTES, G_STRUCT_OFFSET (BpLdsDg12, image_front) },
  { 0x5F1E, KIND_BYTES, G_STRUCT_OFFSET (BpLdsDg12, image_rear) },
  { 0x5F55, KIND_DATE, G_STRUCT_OFFSET (BpLdsDg12, personalization_time) },
  { 0x5F56, KIND_TEXT, G_STRUCT_OFFSET (BpLdsDg12, personalization_device) },
};

#define SLOT(base, field, type) ((type *) (((guint8 *) (base)) + (field)->offset))

static const Field *
find_field (const Field *fields,
            guint n_fields,
            guint32 tag)
{
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].tag == tag)
      return &fields[i];
  return NULL;
}

static void
free_fields (gpointer self,
             const Field *fields,
             guint n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const Field *f = &fields[i];

      switch (f->kind)
        {
        case KIND_TEXT:
        case KIND_DATE:
          g_clear_pointer (SLOT (self, f, char *), g_free);
          break;
        case KIND_BYTES:
          g_clear_pointer (SLOT (self, f, GBytes *), g_bytes_unref);
          break;
        case KIND_LIST:
          g_clear_pointer (SLOT (self, f, GStrv), g_strfreev);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* A date as text: ASCII as 9303 asks, or packed BCD as some older chips
 * write it. NULL if it is neither. */
static char *
read_date (const BpTlv *tlv)
{
  gboolean ascii = TRUE;
  GString *out;

  for (gsize i = 0; i < tlv->length; i++)
    if (!g_ascii_isdigit (tlv->value[i]) && tlv->value[i] != '<' && tlv->value[i] != ' ')
      ascii = FALSE;
  if (ascii)
    return g_strndup ((const char *) tlv->value, tlv->length);

  out = g_string_sized_new (tlv->length * 2);
  for (gsize i = 0; i < tlv->length; i++)
    {
      guint hi = tlv->value[i] >> 4, lo = tlv->value[i] & 0x0F;

      if (hi > 9 || lo > 9)
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append_c (out, '0' + hi);
      g_string_append_c (out, '0' + lo);
    }
  return g_string_free (out, FALSE);
}

static void
strv_append (GStrv *strv,
             char *item)
{
  guint n = *strv ? g_strv_length (*strv) : 0;

  *strv = g_renew (char *, *strv, n + 2);
  (*strv)[n] = item;
  (*strv)[n + 1] = NULL;
}

static gboolean
read_list (const BpTlv *list,
           guint32 item_tag,
           GStrv *out,
           const char *what,
           GError **error)
{
  gsize pos = 0;
  BpTlv item;
  GError *local_error = NULL;

  while (bp_tlv_next (list->value, list->length, &pos, &item, &local_error))
    if (item.tag == item_tag)
      strv_append (out, _bp_lds_dup_text (&item));
  /* The count (02) is not trusted: the items themselves are what counts. */
  if (local_error != NULL)
    {
      _bp_lds_tlv_error (error, what, local_error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_fields (GBytes *file,
              guint32 file_tag,
              const char *what,
              gpointer self,
              const Field *fields,
              guint n_fields,
              GError **error)
{
  GError *local_error = NULL;
  BpTlv outer, child;
  gsize pos = 0;

  if (!_bp_lds_open (file, file_tag, what, &outer, error))
    return FALSE;
  if (!outer.constructed)
    {
      g_set_error (error, BP_LDS_ERROR, BP_LDS_ERROR_MALFORMED,
                   _ ("The chip file %s is damaged: it holds no elements."), what);
      return FALSE;
    }

  while (bp_tlv_next (outer.value, outer.length, &pos, &child, &local_error))
    {
      const Field *f;

      if (child.tag == LIST_TAG)
        {
          /* The list's item tag is the one list field of the file. */
          for (guint i = 0; i < n_fields; i++)
            if (fields[i].kind == KIND_LIST && !read_list (&child, fields[i].tag, SLOT (self, &fields[i], GStrv), what, error))
              return FALSE;
          continue;
        }

      f = find_field (fields, n_fields, child.tag);
      if (f == NULL)
        continue; /* 5C, or a tag of a later LDS version */

      switch (f->kind)
        {
        case KIND_TEXT:
          g_free (*SLOT (self, f, char *));
          *SLOT (self, f, char *) = _bp_lds_dup_text (&child);
          break;
        case KIND_DATE:
          g_free (*SLOT (self, f, char *));
          *SLOT (self, f, char *) = read_date (&child);
          if (*SLOT (self, f, char *) == NULL)
            {
              g_set_error (error, BP_LDS_ERROR, BP_LDS_ERROR_MALFORMED,
                           _ ("The chip file %s holds a date in an unknown form."), what);
              return FALSE;
            }
          break;
        case KIND_BYTES:
          g_clear_pointer (SLOT (self, f, GBytes *), g_bytes_unref);
          *SLOT (self, f, GBytes *) = g_bytes_new (child.value, child.length);
          break;
        case KIND_LIST:
          /* Some chips leave out the A0 wrapper. */
          strv_append (SLOT (self, f, GStrv), _bp_lds_dup_text (&child));
          break;
        default:
          g_assert_not_reached ();
        }
    }
  if (local_error != NULL)
    {
      _bp_lds_tlv_error (error, what, local_error);
      return FALSE;
    }
  return TRUE;
}

static GBytes *
encode_fields (guint32 file_tag,
               gconstpointer self,
               const Field *fields,
               guint n_fields)
{
  g_autoptr (GByteArray) content = g_byte_array_new ();
  g_autoptr (GByteArray) tags = g_byte_array_new ();
  g_autoptr (GByteArray) body = g_byte_array_new ();

  for (guint i = 0; i < n_fields; i++)
    {
      const Field *f = &fields[i];
      gpointer value = *SLOT (self, f, gpointer);

      if (value == NULL)
        continue;
      bp_tlv_append_tag (tags, f->tag);

      switch (f->kind)
        {
        case KIND_TEXT:
        case KIND_DATE:
          _bp_lds_append_text (body, f->tag, value);
          break;
        case KIND_BYTES:
          {
            gsize size;
            const guint8 *data = g_bytes_get_data (value, &size);

            bp_tlv_append (body, f->tag, data, size);
          }
          break;
        case KIND_LIST:
          {
            g_autoptr (GByteArray) list = g_byte_array_new ();
            GStrv strv = value;
            guint8 count = MIN (g_strv_length (strv), 255);

            bp_tlv_append (list, COUNT_TAG, &count, 1);
            for (guint j = 0; j < count; j++)
              _bp_lds_append_text (list, f->tag, strv[j]);
            bp_tlv_append (body, LIST_TAG, list->data, list->len);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }

  bp_tlv_append (content, 0x5C, tags->data, tags->len);
  g_byte_array_append (content, body->data, body->len);
  return _bp_lds_wrap (file_tag, content);
}

/* DG11 ------------------------------------------------------------------ */

BpLdsDg11 *
bp_lds_dg11_new (void)
{
  BpLdsDg11 *self = g_new0 (BpLdsDg11, 1);

  g_atomic_ref_count_init (&self->ref_count);
  return self;
}

BpLdsDg11 *
bp_lds_dg11_ref (BpLdsDg11 *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
bp_lds_dg11_unref (BpLdsDg11 *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  free_fields (self, dg11_fields, G_N_ELEMENTS (dg11_fields));
  g_free (self);
}

BpLdsDg11 *
bp_lds_dg11_parse (GBytes *file,
                   GError **error)
{
  g_autoptr (BpLdsDg11) self = bp_lds_dg11_new ();

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!parse_fields (file, 0x6B, "DG11", self, dg11_fields, G_N_ELEMENTS (dg11_fields), error))
    return NULL;
  return g_steal_pointer (&self);
}

static char *
name_part (const char *full_name,
           gboolean primary)
{
  const char *sep;
  g_autofree char *part = NULL;

  if (full_name == NULL)
    return NULL;
  sep = strstr (full_name, "<<");
  if (primary)
    part = sep ? g_strndup (full_name, sep - full_name) : g_strdup (full_name);
  else
    part = g_strdup (sep ? sep + 2 : "");
  g_strdelimit (part, "<", ' ');
  return g_strdup (g_strstrip (part));
}

char *
bp_lds_dg11_dup_primary_identifier (const BpLdsDg11 *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return name_part (self->full_name, TRUE);
}

char *
bp_lds_dg11_dup_secondary_identifier (const BpLdsDg11 *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return name_part (self->full_name, FALSE);
}

GBytes *
bp_lds_dg11_encode (const BpLdsDg11 *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return encode_fields (0x6B, self, dg11_fields, G_N_ELEMENTS (dg11_fields));
}

/* DG12 ------------------------------------------------------------------ */

BpLdsDg12 *
bp_lds_dg12_new (void)
{
  BpLdsDg12 *self = g_new0 (BpLdsDg12, 1);

  g_atomic_ref_count_init (&self->ref_count);
  return self;
}

BpLdsDg12 *
bp_lds_dg12_ref (BpLdsDg12 *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
bp_lds_dg12_unref (BpLdsDg12 *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  free_fields (self, dg12_fields, G_N_ELEMENTS (dg12_fields));
  g_free (self);
}

BpLdsDg12 *
bp_lds_dg12_parse (GBytes *file,
                   GError **error)
{
  g_autoptr (BpLdsDg12) self = bp_lds_dg12_new ();

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!parse_fields (file, 0x6C, "DG12", self, dg12_fields, G_N_ELEMENTS (dg12_fields), error))
    return NULL;
  return g_steal_pointer (&self);
}

GBytes *
bp_lds_dg12_encode (const BpLdsDg12 *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return encode_fields (0x6C, self, dg12_fields, G_N_ELEMENTS (dg12_fields));
}
