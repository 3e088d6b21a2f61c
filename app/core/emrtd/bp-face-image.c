/* bp-face-image.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-face-image"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bp-face-image.h"
#include "bp-lds-private.h"

/* DG2 and DG7. DG2 nests the face as 75 → 7F61 (biometric information
 * group: count 02, then one 7F60 per face) → 7F60 (A1 header, then the
 * biometric data block 5F2E) → an ISO/IEC 19794-5:2005 facial record:
 *
 *   header, 14 bytes: "FAC\0", version "010\0", record length (4),
 *                     number of faces (2)
 *   per face: facial information, 20 bytes: block length (4), feature
 *                     points (2), gender, eye colour, hair colour, feature
 *                     mask (3), expression (2), pose (3), uncertainty (3)
 *             feature points, 8 bytes each
 *             image information, 12 bytes: face type, data type, width
 *                     (2), height (2), colour space, source type, device
 *                     (2), quality (2)
 *             image data, up to the end of the block
 */

G_DEFINE_BOXED_TYPE (BpFaceImage, bp_face_image, bp_face_image_ref, bp_face_image_unref)

#define FAC_HEADER_LENGTH 14
#define FACIAL_INFO_LENGTH 20
#define FEATURE_POINT_LENGTH 8
#define IMAGE_INFO_LENGTH 12

/* Format identifier "FAC\0" and version "010\0" (19794-5:2005, the
 * version ICAO 9303 requires). */
static const guint8 fac_header[8] = { 'F', 'A', 'C', 0, '0', '1', '0', 0 };

BpFaceImage *
bp_face_image_ref (BpFaceImage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
bp_face_image_unref (BpFaceImage *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->data, g_bytes_unref);
  g_free (self);
}

static BpFaceImage *
face_image_new (GBytes *data)
{
  BpFaceImage *self = g_new0 (BpFaceImage, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->data = data;
  self->format = bp_image_format_detect (data);
  return self;
}

BpImageFormat
bp_image_format_detect (GBytes *data)
{
  static const guint8 jp2[] = { 0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20 };
  static const guint8 j2k[] = { 0xFF, 0x4F, 0xFF, 0x51 };
  const guint8 *p;
  gsize size;

  g_return_val_if_fail (data != NULL, BP_IMAGE_FORMAT_UNKNOWN);

  p = g_bytes_get_data (data, &size);
  if (size >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
    return BP_IMAGE_FORMAT_JPEG;
  if (size >= sizeof jp2 && memcmp (p, jp2, sizeof jp2) == 0)
    return BP_IMAGE_FORMAT_JP2;
  if (size >= sizeof j2k && memcmp (p, j2k, sizeof j2k) == 0)
    return BP_IMAGE_FORMAT_J2K;
  return BP_IMAGE_FORMAT_UNKNOWN;
}

const char *
bp_image_format_to_mime_type (BpImageFormat format)
{
  switch (format)
    {
    case BP_IMAGE_FORMAT_JPEG:
      return "image/jpeg";
    case BP_IMAGE_FORMAT_JP2:
      return "image/jp2";
    case BP_IMAGE_FORMAT_J2K:
      return "image/x-jp2-codestream";
    case BP_IMAGE_FORMAT_UNKNOWN:
    default:
      return NULL;
    }
}

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint16
be16 (const guint8 *p)
{
  return (guint16) ((p[0] << 8) | p[1]);
}

static void
put32 (GByteArray *out,
       guint32 v)
{
  guint8 b[4] = { v >> 24, v >> 16, v >> 8, v };

  g_byte_array_append (out, b, 4);
}

static void
put16 (GByteArray *out,
       guint16 v)
{
  guint8 b[2] = { v >> 8, v };

  g_byte_array_append (out, b, 2);
}

static gboolean
record_error (GError **error,
              const char *reason)
{
  /* TRANSLATORS: %s says what is wrong with the face record. */
  g_set_error (error, BP_LDS_ERROR, BP_LDS_ERROR_MALFORMED,
               _ ("The face record in the chip file DG2 is damaged: %s"), reason);
  return FALSE;
}

/* Parses one 19794-5 record (the value of 5F2E) into faces. The faces
 * refer to @bdb's bytes without copying them. */
static gboolean
parse_facial_record (GBytes *file,
                     const guint8 *record,
                     gsize size,
                     GPtrArray *faces,
                     GError **error)
{
  const guint8 *base = g_bytes_get_data (file, NULL);
  guint n_faces;
  gsize pos;

  if (size < FAC_HEADER_LENGTH || memcmp (record, "FAC\0", 4) != 0)
    {
      g_set_error (error, BP_LDS_ERROR, BP_LDS_ERROR_UNSUPPORTED,
                   _ ("The chip file DG2 holds biometric data that is not a face record."));
      return FALSE;
    }
  if (memcmp (record + 4, fac_header + 4, 3) != 0)
    {
      g_set_error (error, BP_LDS_ERROR, BP_LDS_ERROR_UNSUPPORTED,
                   _ ("The face record in the chip file DG2 has a version that is not supported (%.3s)."),
                   g_ascii_isalnum (record[4]) && g_ascii_isalnum (record[5]) && g_ascii_isalnum (record[6]) ? (const char *) record + 4 : "?");
      return FALSE;
    }
  n_faces = be16 (record + 12);
  if (n_faces == 0)
    return record_error (error, _ ("it holds no face."));

  pos = FAC_HEADER_LENGTH;
  for (guint i = 0; i < n_faces; i++)
    {
      const guint8 *info = record + pos;
      const guint8 *image_info;
      guint32 block_length;
      guint n_points;
      gsize fixed;
      BpFaceImage *face;

      if (size - pos < FACIAL_INFO_LENGTH)
        return record_error (error, _ ("it ends inside a face's description."));
      block_length = be32 (info);
      n_points = be16 (info + 4);
      fixed = FACIAL_INFO_LENGTH + (gsize) n_points * FEATURE_POINT_LENGTH + IMAGE_INFO_LENGTH;
      if (block_length < fixed)
        return record_error (error, _ ("a face's length is too small."));
      if (block_length > size - pos)
        return record_error (error, _ ("a face runs past the end of the record."));

      image_info = info + FACIAL_INFO_LENGTH + (gsize) n_points * FEATURE_POINT_LENGTH;
      face = face_image_new (g_bytes_new_from_bytes (file, (image_info + IMAGE_INFO_LENGTH) - base,
                                                     block_length - fixed));
      face->has_record = TRUE;
      face->n_feature_points = n_points;
      face->gender = info[6];
      face->eye_colour = info[7];
      face->hair_colour = info[8];
      face->expression = be16 (info + 12);
      face->face_image_type = image_info[0];
      face->image_data_type = image_info[1];
      face->width = be16 (image_info + 2);
      face->height = be16 (image_info + 4);
      face->colour_space = image_info[6];
      face->source_type = image_info[7];
      g_ptr_array_add (faces, face);

      pos += block_length;
    }
  return TRUE;
}

GPtrArray *
bp_lds_dg2_parse (GBytes *file,
                  GError **error)
{
  g_autoptr (GPtrArray) faces = NULL;
  GError *local_error = NULL;
  BpTlv outer, group, child;
  gsize pos = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_bp_lds_open (file, 0x75, "DG2", &outer, error))
    return NULL;
  if (!bp_tlv_find (&outer, 0x7F61, &group, &local_error))
    {
      _bp_lds_tlv_error (error, "DG2", local_error);
      return NULL;
    }

  faces = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_face_image_unref);
  while (bp_tlv_next (group.value, group.length, &pos, &child, &local_error))
    {
      BpTlv bdb;

      if (child.tag != 0x7F60)
        continue; /* the count 02 is not trusted */
      if (!bp_tlv_find (&child, 0x5F2E, &bdb, NULL) && !bp_tlv_find (&child, 0x7F2E, &bdb, &local_error))
        {
          _bp_lds_tlv_error (error, "DG2", local_error);
          return NULL;
        }
      if (!parse_facial_record (file, bdb.value, bdb.length, faces, error))
        return NULL;
    }
  if (local_error != NULL)
    {
      _bp_lds_tlv_error (error, "DG2", local_error);
      return NULL;
    }
  if (faces->len == 0)
    {
      g_set_error (error, BP_LDS_ERROR, BP_LDS_ERROR_MISSING,
                   _ ("The chip file DG2 holds no face image."));
      return NULL;
    }
  return g_steal_pointer (&faces);
}

GPtrArray *
bp_lds_dg7_parse (GBytes *file,
                  GError **error)
{
  g_autoptr (GPtrArray) images = NULL;
  GError *local_error = NULL;
  const guint8 *base;
  BpTlv outer, child;
  gsize pos = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_bp_lds_open (file, 0x67, "DG7", &outer, error))
    return NULL;

  base = g_bytes_get_data (file, NULL);
  images = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_face_image_unref);
  while (bp_tlv_next (outer.value, outer.length, &pos, &child, &local_error))
    if (child.tag == 0x5F43)
      g_ptr_array_add (images, face_image_new (g_bytes_new_from_bytes (file, child.value - base, child.length)));
  if (local_error != NULL)
    {
      _bp_lds_tlv_error (error, "DG7", local_error);
      return NULL;
    }
  if (images->len == 0)
    {
      g_set_error (error, BP_LDS_ERROR, BP_LDS_ERROR_MISSING,
                   _ ("The chip file DG7 holds no signature image."));
      return NULL;
    }
  return g_steal_pointer (&images);
}

GBytes *
bp_lds_dg2_encode (GBytes *image,
                   GError **error)
{
  g_autoptr (GByteArray) record = g_byte_array_new ();
  g_autoptr (GByteArray) header = g_byte_array_new ();
  g_autoptr (GByteArray) bit = g_byte_array_new ();
  g_autoptr (GByteArray) group = g_byte_array_new ();
  static const guint8 count = 1;
  BpImageFormat format;
  guint width, height, n_components;
  const guint8 *data;
  gsize size, block_length;

  g_return_val_if_fail (image != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!bp_image_probe (image, &format, &width, &height, &n_components, error))
    return NULL;
  if (width > G_MAXUINT16 || height > G_MAXUINT16)
    {
      g_set_error (error, BP_LDS_ERROR, BP_LDS_ERROR_INVALID,
                   _ ("The face image is too large for a face record."));
      return NULL;
    }

  data = g_bytes_get_data (image, &size);
  block_length = FACIAL_INFO_LENGTH + IMAGE_INFO_LENGTH + size;

  /* 19794-5 record header. */
  g_byte_array_append (record, fac_header, sizeof fac_header);
  put32 (record, FAC_HEADER_LENGTH + block_length);
  put16 (record, 1);
  /* Facial information: no feature points, nothing else specified, pose
   * angles 0 (frontal). */
  put32 (record, block_length);
  put16 (record, 0);
  {
    static const guint8 unspecified[14] = { 0 };
    g_byte_array_append (record, unspecified, sizeof unspecified);
  }
  /* Image information: full frontal, data type, size, colour space,
   * source "static photo, digital still camera", device and quality
   * unspecified. */
  {
    guint8 type[2] = { 1, format == BP_IMAGE_FORMAT_JPEG ? 0 : 1 };
    guint8 colour[2] = { n_components == 1 ? 3 : 1, 2 };

    g_byte_array_append (record, type, 2);
    put16 (record, width);
    put16 (record, height);
    g_byte_array_append (record, colour, 2);
    put16 (record, 0);
    put16 (record, 0);
  }
  g_byte_array_append (record, data, size);

  /* Biometric header template (9303-10 4.7.2.1): ICAO header version 1.1,
   * biometric type "facial features", format owner ISO/IEC JTC 1/SC 37,
   * format type "face image". */
  {
    static const guint8 version[] = { 0x01, 0x01 }, type = 0x02;
    static const guint8 owner[] = { 0x01, 0x01 }, format_type[] = { 0x00, 0x08 };

    bp_tlv_append (header, 0x80, version, 2);
    bp_tlv_append (header, 0x81, &type, 1);
    bp_tlv_append (header, 0x87, owner, 2);
    bp_tlv_append (header, 0x88, format_type, 2);
  }
  bp_tlv_append (bit, 0xA1, header->data, header->len);
  bp_tlv_append (bit, 0x5F2E, record->data, record->len);

  bp_tlv_append (group, 0x02, &count, 1);
  bp_tlv_append (group, 0x7F60, bit->data, bit->len);
  {
    g_autoptr (GByteArray) content = g_byte_array_new ();

    bp_tlv_append (content, 0x7F61, group->data, group->len);
    return _bp_lds_wrap (0x75, content);
  }
}

GBytes *
bp_lds_dg7_encode (GBytes *image,
                   GError **error)
{
  g_autoptr (GByteArray) content = g_byte_array_new ();
  static const guint8 count = 1;
  const guint8 *data;
  gsize size;

  g_return_val_if_fail (image != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (bp_image_format_detect (image) == BP_IMAGE_FORMAT_UNKNOWN)
    {
      g_set_error (error, BP_LDS_ERROR, BP_LDS_ERROR_INVALID,
                   _ ("The signature image is neither JPEG nor JPEG 2000."));
      return NULL;
    }
  data = g_bytes_get_data (image, &size);
  bp_tlv_append (content, 0x02, &count, 1);
  bp_tlv_append (content, 0x5F43, data, size);
  return _bp_lds_wrap (0x67, content);
}
