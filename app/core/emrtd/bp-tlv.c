/* bp-tlv.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-tlv"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bp-tlv.h"

/* BER-TLV as ISO/IEC 7816-4 and ICAO 9303-10 use it. Written here rather
 * than taken from OpenSSL's ASN.1 code because LDS files and APDU data
 * are BER with application tags that OpenSSL's DER templates do not model,
 * and because the parser must never read past a chip's buffer. */

G_DEFINE_QUARK (bp - tlv - error - quark, bp_tlv_error)

#define MAX_TAG_BYTES 4
#define MAX_LENGTH_BYTES 4

gboolean
bp_tlv_next (const guint8 *data,
             gsize size,
             gsize *pos,
             BpTlv *out,
             GError **error)
{
  gsize p;
  gsize start;
  guint32 tag;
  gsize length;

  g_return_val_if_fail (data != NULL || size == 0, FALSE);
  g_return_val_if_fail (pos != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  p = *pos;
  while (p < size && (data[p] == 0x00 || data[p] == 0xFF))
    p++;
  if (p >= size)
    {
      *pos = size;
      return FALSE;
    }

  start = p;
  tag = data[p++];
  if ((tag & 0x1F) == 0x1F)
    {
      guint n = 1;

      do
        {
          if (p >= size)
            {
              g_set_error (error, BP_TLV_ERROR, BP_TLV_ERROR_TRUNCATED,
                           _ ("The data ends inside a tag."));
              return FALSE;
            }
          if (++n > MAX_TAG_BYTES)
            {
              g_set_error (error, BP_TLV_ERROR, BP_TLV_ERROR_MALFORMED,
                           _ ("A tag is longer than %d bytes."), MAX_TAG_BYTES);
              return FALSE;
            }
          tag = (tag << 8) | data[p];
        }
      while (data[p++] & 0x80);
    }

  if (p >= size)
    {
      g_set_error (error, BP_TLV_ERROR, BP_TLV_ERROR_TRUNCATED,
                   _ ("The data ends before a length."));
      return FALSE;
    }

  if (data[p] < 0x80)
    length = data[p++];
  else if (data[p] == 0x80)
    {
      g_set_error (error, BP_TLV_ERROR, BP_TLV_ERROR_MALFORMED,
                   _ ("Indefinite lengths are not allowed here."));
      return FALSE;
    }
  else
    {
      guint n = data[p++] & 0x7F;

      if (n > MAX_LENGTH_BYTES)
        {
          g_set_error (error, BP_TLV_ERROR, BP_TLV_ERROR_MALFORMED,
                       _ ("A length field is longer than %d bytes."), MAX_LENGTH_BYTES);
          return FALSE;
        }
      if (n > size - p)
        {
          g_set_error (error, BP_TLV_ERROR, BP_TLV_ERROR_TRUNCATED,
                       _ ("The data ends inside a length."));
          return FALSE;
        }
      length = 0;
      for (guint i = 0; i < n; i++)
        length = (length << 8) | data[p++];
    }

  if (length > size - p)
    {
      g_set_error (error, BP_TLV_ERROR, BP_TLV_ERROR_TRUNCATED,
                   _ ("An element claims %lu bytes but only %lu remain."),
                   (unsigned long) length, (unsigned long) (size - p));
      return FALSE;
    }

  out->tag = tag;
  out->constructed = (data[start] & 0x20) != 0;
  out->value = data + p;
  out->length = length;
  out->element = data + start;
  out->element_length = p + length - start;
  *pos = p + length;

  return TRUE;
}

gboolean
bp_tlv_parse (const guint8 *data,
              gsize size,
              BpTlv *out,
              GError **error)
{
  g_autoptr (GError) local_error = NULL;
  gsize pos = 0;

  if (!bp_tlv_next (data, size, &pos, out, &local_error))
    {
      if (local_error == NULL)
        g_set_error (error, BP_TLV_ERROR, BP_TLV_ERROR_TRUNCATED, _ ("The data is empty."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (out->element != data || out->element_length != size)
    {
      /* Trailing padding is tolerated; trailing data is not. */
      for (gsize i = out->element_length + (gsize) (out->element - data); i < size; i++)
        if (data[i] != 0x00 && data[i] != 0xFF)
          {
            g_set_error (error, BP_TLV_ERROR, BP_TLV_ERROR_MALFORMED,
                         _ ("Unexpected data after the element."));
            return FALSE;
          }
    }

  return TRUE;
}

gboolean
bp_tlv_find (const BpTlv *parent,
             guint32 tag,
             BpTlv *out,
             GError **error)
{
  gsize pos = 0;
  BpTlv child;

  g_return_val_if_fail (parent != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  for (;;)
    {
      g_autoptr (GError) local_error = NULL;

      if (!bp_tlv_next (parent->value, parent->length, &pos, &child, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          break;
        }
      if (child.tag == tag)
        {
          *out = child;
          return TRUE;
        }
    }

  g_set_error (error, BP_TLV_ERROR, BP_TLV_ERROR_NOT_FOUND,
               _ ("Element %X is missing."), tag);
  return FALSE;
}

void
bp_tlv_append_tag (GByteArray *out,
                   guint32 tag)
{
  gboolean started = FALSE;

  for (int shift = 24; shift > 0; shift -= 8)
    {
      guint8 b = (tag >> shift) & 0xFF;

      if (b != 0 || started)
        {
          g_byte_array_append (out, &b, 1);
          started = TRUE;
        }
    }
  {
    guint8 b = tag & 0xFF;
    g_byte_array_append (out, &b, 1);
  }
}

void
bp_tlv_append_length (GByteArray *out,
                      gsize length)
{
  guint8 b[5];
  guint n = 0;

  g_return_if_fail (length <= G_MAXUINT32);

  if (length < 0x80)
    {
      b[0] = length;
      g_byte_array_append (out, b, 1);
      return;
    }

  for (gsize l = length; l > 0; l >>= 8)
    n++;
  b[0] = 0x80 | n;
  for (guint i = 0; i < n; i++)
    b[1 + i] = (length >> (8 * (n - 1 - i))) & 0xFF;
  g_byte_array_append (out, b, 1 + n);
}

void
bp_tlv_append (GByteArray *out,
               guint32 tag,
               const guint8 *value,
               gsize length)
{
  bp_tlv_append_tag (out, tag);
  bp_tlv_append_length (out, length);
  if (length > 0)
    g_byte_array_append (out, value, length);
}

void
bp_tlv_append_uint (GByteArray *out,
                    guint64 value)
{
  guint8 bytes[9];
  gsize n = 0;

  do
    {
      bytes[sizeof bytes - 1 - n++] = value & 0xFF;
      value >>= 8;
    }
  while (value > 0);
  /* Two's complement: a leading bit set would make it negative. */
  if (bytes[sizeof bytes - n] & 0x80)
    bytes[sizeof bytes - 1 - n++] = 0;
  bp_tlv_append (out, 0x02, bytes + sizeof bytes - n, n);
}
