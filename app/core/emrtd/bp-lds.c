/* bp-lds.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-lds"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bp-lds-private.h"

/* EF.COM, DG1, the unwrapping of EF.SOD, DG14 and DG15, and the helpers
 * every LDS parser shares. */

GQuark
bp_lds_error_quark (void)
{
  return g_quark_from_static_string ("bp-lds-error-quark");
}

G_DEFINE_BOXED_TYPE (BpLdsCom, bp_lds_com, bp_lds_com_ref, bp_lds_com_unref)

/* 9303-10 table 35: the tag of DG1 … DG16. */
static const guint8 dg_tags[16] = {
  0x61, 0x75, 0x63, 0x76, 0x65, 0x66, 0x67, 0x68,
  0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F, 0x70
};

guint8
bp_lds_dg_tag (guint dg)
{
  g_return_val_if_fail (dg >= 1 && dg <= 16, 0);

  return dg_tags[dg - 1];
}

guint
bp_lds_dg_from_tag (guint tag)
{
  for (guint i = 0; i < G_N_ELEMENTS (dg_tags); i++)
    if (dg_tags[i] == tag)
      return i + 1;
  return 0;
}

guint16
bp_lds_dg_fid (guint dg)
{
  g_return_val_if_fail (dg >= 1 && dg <= 16, 0);

  return 0x0100 + dg;
}

static const char *const dg_names[16] = {
  "DG1", "DG2", "DG3", "DG4", "DG5", "DG6", "DG7", "DG8",
  "DG9", "DG10", "DG11", "DG12", "DG13", "DG14", "DG15", "DG16"
};

const char *
bp_lds_fid_to_name (guint16 fid)
{
  if (fid >= 0x0101 && fid <= 0x0110)
    return dg_names[fid - 0x0101];
  switch (fid)
    {
    case BP_LDS_FID_COM:
      return "EF.COM";
    case BP_LDS_FID_SOD:
      return "EF.SOD";
    case BP_LDS_FID_CARD_ACCESS:
      return "EF.CardAccess";
    default:
      return NULL;
    }
}

guint16
bp_lds_fid_from_name (const char *name)
{
  static const guint16 others[] = { BP_LDS_FID_COM, BP_LDS_FID_SOD, BP_LDS_FID_CARD_ACCESS };

  g_return_val_if_fail (name != NULL, 0);

  for (guint i = 0; i < G_N_ELEMENTS (dg_names); i++)
    if (g_ascii_strcasecmp (name, dg_names[i]) == 0)
      return 0x0101 + i;
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      const char *full = bp_lds_fid_to_name (others[i]);

      /* "EF.SOD" or just "SOD". */
      if (g_ascii_strcasecmp (name, full) == 0 || g_ascii_strcasecmp (name, full + 3) == 0)
        return others[i];
    }
  return 0;
}

void
_bp_lds_tlv_error (GError **error,
                   const char *what,
                   GError *tlv_error)
{
  if (tlv_error == NULL)
    return;
  if (tlv_error->domain == BP_LDS_ERROR)
    {
      g_propagate_error (error, tlv_error);
      return;
    }
  /* TRANSLATORS: %s is a chip file ("DG11"), then the reason. */
  g_set_error (error, BP_LDS_ERROR, BP_LDS_ERROR_MALFORMED,
               _ ("The chip file %s is damaged: %s"), what, tlv_error->message);
  g_error_free (tlv_error);
}

gboolean
_bp_lds_open (GBytes *file,
              guint32 tag,
              const char *what,
              BpTlv *out,
              GError **error)
{
  GError *local_error = NULL;
  const guint8 *data;
  gsize size;

  if (file == NULL || g_bytes_get_size (file) == 0)
    {
      g_set_error (error, BP_LDS_ERROR, BP_LDS_ERROR_MISSING,
                   _ ("The chip file %s is empty."), what);
      return FALSE;
    }

  data = g_bytes_get_data (file, &size);
  if (!bp_tlv_parse (data, size, out, &local_error))
    {
      _bp_lds_tlv_error (error, what, local_error);
      return FALSE;
    }
  if (out->tag != tag)
    {
      g_set_error (error, BP_LDS_ERROR, BP_LDS_ERROR_WRONG_FILE,
                   _ ("This is not the chip file %s: it starts with tag %X instead of %X."),
                   what, out->tag, tag);
      return FALSE;
    }
  return TRUE;
}

char *
_bp_lds_dup_text (const BpTlv *tlv)
{
  return g_utf8_make_valid ((const char *) tlv->value, tlv->length);
}

void
_bp_lds_append_text (GByteArray *out,
                     guint32 tag,
                     const char *text)
{
  if (text == NULL)
    return;
  bp_tlv_append (out, tag, (const guint8 *) text, strlen (text));
}

GBytes *
_bp_lds_wrap (guint32 tag,
              GByteArray *content)
{
  GByteArray *out = g_byte_array_sized_new (content->len + 8);

  bp_tlv_append (out, tag, content->data, content->len);
  return g_byte_array_free_to_bytes (out);
}

GBytes *
bp_lds_unwrap (GBytes *file,
               guint32 tag,
               GError **error)
{
  g_autofree char *what = NULL;
  BpTlv outer;
  guint dg;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dg = bp_lds_dg_from_tag (tag);
  if (dg != 0)
    what = g_strdup_printf ("DG%u", dg);
  else if (tag == BP_LDS_TAG_SOD)
    what = g_strdup ("EF.SOD");
  else if (tag == BP_LDS_TAG_COM)
    what = g_strdup ("EF.COM");
  else
    what = g_strdup_printf ("%X", tag);

  if (!_bp_lds_open (file, tag, what, &outer, error))
    return NULL;
  return g_bytes_new_from_bytes (file, outer.value - (const guint8 *) g_bytes_get_data (file, NULL),
                                 outer.length);
}

/* EF.COM ---------------------------------------------------------------- */

BpLdsCom *
bp_lds_com_ref (BpLdsCom *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
bp_lds_com_unref (BpLdsCom *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->lds_version);
  g_free (self->unicode_version);
  g_array_unref (self->data_groups);
  g_free (self);
}

static gboolean
is_digits (const BpTlv *tlv)
{
  for (gsize i = 0; i < tlv->length; i++)
    if (!g_ascii_isdigit (tlv->value[i]))
      return FALSE;
  return TRUE;
}

BpLdsCom *
bp_lds_com_parse (GBytes *file,
                  GError **error)
{
  g_autoptr (BpLdsCom) self = NULL;
  GError *local_error = NULL;
  BpTlv outer, version, unicode, list;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_bp_lds_open (file, BP_LDS_TAG_COM, "EF.COM", &outer, error))
    return NULL;

  self = g_new0 (BpLdsCom, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->data_groups = g_array_new (FALSE, FALSE, sizeof (guint));

  if (!bp_tlv_find (&outer, 0x5F01, &version, &local_error) || !bp_tlv_find (&outer, 0x5F36, &unicode, &local_error) || !bp_tlv_find (&outer, 0x5C, &list, &local_error))
    {
      if (g_error_matches (local_error, BP_TLV_ERROR, BP_TLV_ERROR_NOT_FOUND))
        {
          g_set_error (error, BP_LDS_ERROR, BP_LDS_ERROR_MISSING,
                       _ ("The chip file EF.COM lacks its version or its list of data groups."));
          g_error_free (local_error);
        }
      else
        _bp_lds_tlv_error (error, "EF.COM", local_error);
      return NULL;
    }

  if (version.length != 4 || !is_digits (&version) || unicode.length != 6 || !is_digits (&unicode))
    {
      g_set_error (error, BP_LDS_ERROR, BP_LDS_ERROR_MALFORMED,
                   _ ("The chip file EF.COM gives its version in an unknown form."));
      return NULL;
    }
  self->lds_version = g_strndup ((const char *) version.value, version.length);
  self->unicode_version = g_strndup ((const char *) unicode.value, unicode.length);

  for (gsize i = 0; i < list.length; i++)
    {
      guint dg = bp_lds_dg_from_tag (list.value[i]);

      if (dg == 0)
        {
          g_set_error (error, BP_LDS_ERROR, BP_LDS_ERROR_MALFORMED,
                       _ ("The chip file EF.COM lists an unknown data group tag %02X."),
                       list.value[i]);
          return NULL;
        }
      if (!bp_lds_com_has_data_group (self, dg))
        g_array_append_val (self->data_groups, dg);
    }

  return g_steal_pointer (&self);
}

gboolean
bp_lds_com_has_data_group (const BpLdsCom *self,
                           guint dg)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->data_groups->len; i++)
    if (g_array_index (self->data_groups, guint, i) == dg)
      return TRUE;
  return FALSE;
}

GBytes *
bp_lds_com_encode (const guint *dgs,
                   guint n_dgs)
{
  g_autoptr (GByteArray) content = g_byte_array_new ();
  g_autoptr (GByteArray) tags = g_byte_array_new ();

  g_return_val_if_fail (dgs != NULL || n_dgs == 0, NULL);

  _bp_lds_append_text (content, 0x5F01, "0107");
  _bp_lds_append_text (content, 0x5F36, "040000");
  for (guint i = 0; i < n_dgs; i++)
    {
      guint8 tag = bp_lds_dg_tag (dgs[i]);

      g_return_val_if_fail (tag != 0, NULL);
      g_byte_array_append (tags, &tag, 1);
    }
  bp_tlv_append (content, 0x5C, tags->data, tags->len);

  return _bp_lds_wrap (BP_LDS_TAG_COM, content);
}

/* DG1 ------------------------------------------------------------------- */

static gboolean
is_mrz_char (char c)
{
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '<';
}

static guint
mrz_line_length (gsize total)
{
  switch (total)
    {
    case 90:
      return 30;
    case 72:
      return 36;
    case 88:
      return 44;
    default:
      return 0;
    }
}

char *
bp_lds_dg1_parse (GBytes *file,
                  GError **error)
{
  GError *local_error = NULL;
  GString *mrz;
  BpTlv outer, value;
  guint line;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_bp_lds_open (file, 0x61, "DG1", &outer, error))
    return NULL;
  if (!bp_tlv_find (&outer, 0x5F1F, &value, &local_error))
    {
      if (g_error_matches (local_error, BP_TLV_ERROR, BP_TLV_ERROR_NOT_FOUND))
        {
          g_set_error (error, BP_LDS_ERROR, BP_LDS_ERROR_MISSING,
                       _ ("The chip file DG1 holds no machine readable zone."));
          g_error_free (local_error);
        }
      else
        _bp_lds_tlv_error (error, "DG1", local_error);
      return NULL;
    }

  line = mrz_line_length (value.length);
  if (line == 0)
    {
      g_set_error (error, BP_LDS_ERROR, BP_LDS_ERROR_MALFORMED,
                   _ ("The zone in the chip file DG1 has %lu characters; a machine readable zone has 90, 72 or 88."),
                   (unsigned long) value.length);
      return NULL;
    }
  for (gsize i = 0; i < value.length; i++)
    if (!is_mrz_char (value.value[i]))
      {
        g_set_error (error, BP_LDS_ERROR, BP_LDS_ERROR_MALFORMED,
                     _ ("The zone in the chip file DG1 holds characters that cannot be in a machine readable zone."));
        return NULL;
      }

  mrz = g_string_sized_new (value.length + 3);
  for (gsize i = 0; i < value.length; i += line)
    {
      if (i > 0)
        g_string_append_c (mrz, '\n');
      g_string_append_len (mrz, (const char *) value.value + i, line);
    }
  return g_string_free (mrz, FALSE);
}

GBytes *
bp_lds_dg1_encode (const char *mrz,
                   GError **error)
{
  g_autoptr (GString) joined = g_string_new (NULL);
  g_autoptr (GByteArray) content = g_byte_array_new ();

  g_return_val_if_fail (mrz != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (const char *p = mrz; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r' || *p == ' ')
        continue;
      if (!is_mrz_char (*p))
        {
          g_set_error (error, BP_LDS_ERROR, BP_LDS_ERROR_INVALID,
                       _ ("The machine readable zone holds a character that is not allowed there."));
          return NULL;
        }
      g_string_append_c (joined, *p);
    }
  if (mrz_line_length (joined->len) == 0)
    {
      g_set_error (error, BP_LDS_ERROR, BP_LDS_ERROR_INVALID,
                   _ ("The machine readable zone has %lu characters; it must have 90, 72 or 88."),
                   (unsigned long) joined->len);
      return NULL;
    }

  bp_tlv_append (content, 0x5F1F, (const guint8 *) joined->str, joined->len);
  return _bp_lds_wrap (0x61, content);
}

/* EF.SOD, DG14, DG15 ------------------------------------------------------ */

GBytes *
bp_lds_sod_unwrap (GBytes *file,
                   GError **error)
{
  g_autoptr (GBytes) inner = NULL;
  GError *local_error = NULL;
  BpTlv content_info;
  const guint8 *data;
  gsize size;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  inner = bp_lds_unwrap (file, BP_LDS_TAG_SOD, error);
  if (inner == NULL)
    return NULL;

  /* The value must be exactly one DER SEQUENCE (the ContentInfo). */
  data = g_bytes_get_data (inner, &size);
  if (!bp_tlv_parse (data, size, &content_info, &local_error))
    {
      _bp_lds_tlv_error (error, "EF.SOD", local_error);
      return NULL;
    }
  if (content_info.tag != 0x30)
    {
      g_set_error (error, BP_LDS_ERROR, BP_LDS_ERROR_MALFORMED,
                   _ ("The chip file EF.SOD does not hold a signed data structure."));
      return NULL;
    }
  return g_bytes_new_from_bytes (inner, 0, content_info.element_length);
}

GBytes *
bp_lds_dg14_unwrap (GBytes *file,
                    GError **error)
{
  return bp_lds_unwrap (file, 0x6E, error);
}

GBytes *
bp_lds_dg15_unwrap (GBytes *file,
                    GError **error)
{
  return bp_lds_unwrap (file, 0x6F, error);
}

/* Dates ----------------------------------------------------------------- */

static gboolean
unknown_part (const char *p)
{
  /* Unknown parts are written "00", "<<", "  " or "XX" by various states. */
  return (p[0] == '0' && p[1] == '0') || (p[0] == '<' && p[1] == '<') || (p[0] == ' ' && p[1] == ' ') || (p[0] == 'X' && p[1] == 'X');
}

static int
two_digits (const char *p)
{
  if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
    return -1;
  return (p[0] - '0') * 10 + (p[1] - '0');
}

static int
atoi_4 (const char *p)
{
  return (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
}

char *
bp_lds_date_to_iso (const char *date)
{
  gsize len;
  int year, month, day;

  if (date == NULL)
    return NULL;
  len = strlen (date);
  if (len < 4)
    return NULL;
  for (int i = 0; i < 4; i++)
    if (!g_ascii_isdigit (date[i]))
      return NULL;
  year = atoi_4 (date);
  if (year == 0)
    return NULL;

  if (len < 6 || unknown_part (date + 4))
    return g_strndup (date, 4);
  month = two_digits (date + 4);
  if (month < 1 || month > 12)
    return NULL;
  if (len < 8 || unknown_part (date + 6))
    return g_strdup_printf ("%.4s-%02d", date, month);
  day = two_digits (date + 6);
  if (day < 1 || day > g_date_get_days_in_month (month, year))
    return NULL;
  return g_strdup_printf ("%.4s-%02d-%02d", date, month, day);
}
