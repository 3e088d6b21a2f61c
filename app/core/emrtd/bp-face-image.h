/* bp-face-image.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* Images on the chip: the face of DG2 (inside ISO/IEC 19794-5 facial
 * records) and the displayed signature of DG7, as JPEG, JP2 files or raw
 * JPEG 2000 codestreams. */

typedef enum
{
  BP_IMAGE_FORMAT_UNKNOWN,
  BP_IMAGE_FORMAT_JPEG,  /* FF D8 */
  BP_IMAGE_FORMAT_JP2,   /* JP2 file: signature box 0000000C 6A502020 */
  BP_IMAGE_FORMAT_J2K,   /* raw JPEG 2000 codestream: FF4F FF51 */
} BpImageFormat;

typedef struct
{
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public, read-only >*/
  BpImageFormat format;     /* from the image bytes themselves */
  GBytes       *data;       /* the encoded image, exactly as stored */

  /* From the 19794-5 record (DG2); zero for DG7 images. */
  gboolean      has_record;
  guint8        image_data_type;   /* 0 JPEG, 1 JPEG 2000, as declared */
  guint         width;
  guint         height;
  guint8        face_image_type;   /* 0 basic, 1 full frontal, 2 token frontal */
  guint8        colour_space;      /* 0 unspecified, 1 RGB24, 2 YUV422, 3 grey, 4 other */
  guint8        source_type;
  guint8        gender;            /* 0 unspecified, 1 male, 2 female, 3 unknown */
  guint8        eye_colour;
  guint8        hair_colour;
  guint16       expression;
  guint         n_feature_points;
} BpFaceImage;

#define BP_TYPE_FACE_IMAGE (bp_face_image_get_type ())

GType          bp_face_image_get_type          (void) G_GNUC_CONST;
BpFaceImage   *bp_face_image_ref               (BpFaceImage    *self);
void           bp_face_image_unref             (BpFaceImage    *self);

/* The faces of DG2 (tag 75), a GPtrArray of BpFaceImage with at least one
 * element. */
GPtrArray     *bp_lds_dg2_parse                (GBytes         *file,
                                                GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* The signature images of DG7 (tag 67), a GPtrArray of BpFaceImage. */
GPtrArray     *bp_lds_dg7_parse                (GBytes         *file,
                                                GError        **error) G_GNUC_WARN_UNUSED_RESULT;

/* Builds DG2 with one 19794-5 facial record around a JPEG, JP2 or J2K
 * image; the record's size and colour fields are read from the image. */
GBytes        *bp_lds_dg2_encode               (GBytes         *image,
                                                GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* Builds DG7 around one signature image. */
GBytes        *bp_lds_dg7_encode               (GBytes         *image,
                                                GError        **error) G_GNUC_WARN_UNUSED_RESULT;

BpImageFormat  bp_image_format_detect          (GBytes         *data);
/* "image/jpeg", "image/jp2", "image/x-jp2-codestream" or NULL. */
const char    *bp_image_format_to_mime_type    (BpImageFormat   format);

/* Reads an image's size and number of colour components from its header
 * without decoding it (JPEG, JP2, J2K). */
gboolean       bp_image_probe                  (GBytes         *data,
                                                BpImageFormat  *format,
                                                guint          *width,
                                                guint          *height,
                                                guint          *n_components,
                                                GError        **error);

/* Decodes a JP2 file or J2K codestream with openjpeg into 8-bit pixels:
 * RGB (3 bytes per pixel) or, when the image has an alpha channel, RGBA
 * (4 bytes). Greyscale becomes RGB; subsampled chroma, sYCC and samples
 * deeper than 8 bits are converted. The result is ready for
 * gdk_memory_texture_new() (GDK_MEMORY_R8G8B8 / R8G8B8A8). JPEG is not
 * decoded here: pass its bytes to an image loader. */
GBytes        *bp_image_decode_jpeg2000        (GBytes         *data,
                                                guint          *width,
                                                guint          *height,
                                                gsize          *stride,
                                                gboolean       *has_alpha,
                                                GError        **error) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpFaceImage, bp_face_image_unref)

/* clang-format on */

G_END_DECLS
