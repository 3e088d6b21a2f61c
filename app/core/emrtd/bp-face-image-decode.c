/* bp-face-image-decode.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-face-image-decode"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <openjpeg.h>

#include "bp-face-image.h"
#include "bp-lds.h"

/* Image headers and JPEG 2000 decoding with openjpeg, from memory. The
 * bytes come from a chip, so sizes are checked before openjpeg allocates
 * anything for the pixels. */

/* Far larger than any face or signature a chip holds (ICAO asks for about
 * 300 × 400); the limit keeps a hostile header from making openjpeg
 * allocate gigabytes. */
#define MAX_DIMENSION 4096
#define MAX_PIXELS (2048 * 2048)

/* JPEG ------------------------------------------------------------------ */

static gboolean
probe_jpeg (const guint8 *p,
            gsize size,
            guint *width,
            guint *height,
            guint *n_components)
{
  gsize pos = 2;

  while (pos + 4 <= size)
    {
      guint8 marker;
      gsize length;

      if (p[pos] != 0xFF)
        return FALSE;
      marker = p[pos + 1];
      if (marker == 0xFF)
        {
          pos++; /* fill byte */
          continue;
        }
      if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01)
        {
          pos += 2;
          continue;
        }
      if (marker == 0xD9 || marker == 0xDA)
        return FALSE; /* no frame header before the scan */
      length = ((gsize) p[pos + 2] << 8) | p[pos + 3];
      if (length < 2 || length > size - pos - 2)
        return FALSE;
      /* SOF0…SOF15, except DHT (C4), JPG (C8) and DAC (CC). */
      if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
        {
          if (length < 8)
            return FALSE;
          *height = ((guint) p[pos + 5] << 8) | p[pos + 6];
          *width = ((guint) p[pos + 7] << 8) | p[pos + 8];
          *n_components = p[pos + 9];
          return *width > 0 && *height > 0 && *n_components > 0;
        }
      pos += 2 + length;
    }
  return FALSE;
}

/* openjpeg memory stream ------------------------------------------------ */

typedef struct
{
  const guint8 *data;
  gsize size;
  gsize pos;
} MemStream;

static OPJ_SIZE_T
mem_read (void *buffer,
          OPJ_SIZE_T n,
          void *user_data)
{
  MemStream *ms = user_data;
  gsize left = ms->size - ms->pos;

  if (left == 0)
    return (OPJ_SIZE_T) -1;
  n = MIN (n, left);
  memcpy (buffer, ms->data + ms->pos, n);
  ms->pos += n;
  return n;
}

static OPJ_OFF_T
mem_skip (OPJ_OFF_T n,
          void *user_data)
{
  MemStream *ms = user_data;

  if (n < 0)
    {
      if ((gsize) -n > ms->pos)
        return -1;
      ms->pos -= (gsize) -n;
      return n;
    }
  n = MIN ((gsize) n, ms->size - ms->pos);
  ms->pos += n;
  return n;
}

static OPJ_BOOL
mem_seek (OPJ_OFF_T n,
          void *user_data)
{
  MemStream *ms = user_data;

  if (n < 0 || (guint64) n > ms->size)
    return OPJ_FALSE;
  ms->pos = n;
  return OPJ_TRUE;
}

static void
message_cb (const char *msg,
            void *user_data)
{
  GString *errors = user_data;

  if (errors != NULL && errors->len < 1024)
    g_string_append (errors, msg);
}

static void
quiet_cb (const char *msg,
          void *user_data)
{
}

typedef struct
{
  MemStream ms;
  opj_stream_t *stream;
  opj_codec_t *codec;
  opj_image_t *image;
  GString *errors;
} Decoder;

static void
decoder_clear (Decoder *d)
{
  g_clear_pointer (&d->image, opj_image_destroy);
  g_clear_pointer (&d->codec, opj_destroy_codec);
  g_clear_pointer (&d->stream, opj_stream_destroy);
  if (d->errors != NULL)
    g_string_free (g_steal_pointer (&d->errors), TRUE);
}

static gboolean
image_error (GError **error,
             Decoder *d,
             const char *what)
{
  g_autofree char *detail = d->errors && d->errors->len ? g_strstrip (g_strdup (d->errors->str)) : NULL;

  if (detail != NULL && *detail != '\0')
    /* TRANSLATORS: the first %s says what failed, the second is a technical detail. */
    g_set_error (error, BP_LDS_ERROR, BP_LDS_ERROR_IMAGE, _ ("%s (%s)"), what, detail);
  else
    g_set_error_literal (error, BP_LDS_ERROR, BP_LDS_ERROR_IMAGE, what);
  return FALSE;
}

static gboolean
decoder_open (Decoder *d,
              GBytes *data,
              GError **error)
{
  opj_dparameters_t params;
  BpImageFormat format = bp_image_format_detect (data);

  if (format != BP_IMAGE_FORMAT_JP2 && format != BP_IMAGE_FORMAT_J2K)
    {
      g_set_error (error, BP_LDS_ERROR, BP_LDS_ERROR_UNSUPPORTED,
                   _ ("The image is not in JPEG 2000 format."));
      return FALSE;
    }

  d->ms.data = g_bytes_get_data (data, &d->ms.size);
  d->errors = g_string_new (NULL);
  d->stream = opj_stream_create (OPJ_J2K_STREAM_CHUNK_SIZE, OPJ_TRUE);
  opj_stream_set_user_data (d->stream, &d->ms, NULL);
  opj_stream_set_user_data_length (d->stream, d->ms.size);
  opj_stream_set_read_function (d->stream, mem_read);
  opj_stream_set_skip_function (d->stream, mem_skip);
  opj_stream_set_seek_function (d->stream, mem_seek);

  d->codec = opj_create_decompress (format == BP_IMAGE_FORMAT_JP2 ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K);
  opj_set_error_handler (d->codec, message_cb, d->errors);
  opj_set_warning_handler (d->codec, quiet_cb, NULL);
  opj_set_info_handler (d->codec, quiet_cb, NULL);
  opj_set_default_decoder_parameters (&params);
  if (!opj_setup_decoder (d->codec, &params) || !opj_read_header (d->stream, d->codec, &d->image) || d->image == NULL)
    return image_error (error, d, _ ("The JPEG 2000 image header cannot be read."));

  if (d->image->numcomps == 0 || d->image->numcomps > 4 || d->image->x1 <= d->image->x0 || d->image->y1 <= d->image->y0 || d->image->x1 - d->image->x0 > MAX_DIMENSION || d->image->y1 - d->image->y0 > MAX_DIMENSION || (guint64) (d->image->x1 - d->image->x0) * (d->image->y1 - d->image->y0) > MAX_PIXELS)
    return image_error (error, d, _ ("The JPEG 2000 image has a size or layout a face image cannot have."));
  return TRUE;
}

gboolean
bp_image_probe (GBytes *data,
                BpImageFormat *format,
                guint *width,
                guint *height,
                guint *n_components,
                GError **error)
{
  Decoder d = { 0 };
  BpImageFormat f;
  guint w = 0, h = 0, n = 0;
  gsize size;
  const guint8 *p;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  f = bp_image_format_detect (data);
  p = g_bytes_get_data (data, &size);
  if (f == BP_IMAGE_FORMAT_JPEG)
    {
      if (!probe_jpeg (p, size, &w, &h, &n))
        {
          g_set_error (error, BP_LDS_ERROR, BP_LDS_ERROR_IMAGE,
                       _ ("The JPEG image header cannot be read."));
          return FALSE;
        }
    }
  else
    {
      if (!decoder_open (&d, data, error))
        {
          decoder_clear (&d);
          return FALSE;
        }
      w = d.image->comps[0].w ? d.image->comps[0].w : d.image->x1 - d.image->x0;
      h = d.image->comps[0].h ? d.image->comps[0].h : d.image->y1 - d.image->y0;
      n = d.image->numcomps;
      decoder_clear (&d);
    }

  if (format)
    *format = f;
  if (width)
    *width = w;
  if (height)
    *height = h;
  if (n_components)
    *n_components = n;
  return TRUE;
}

/* Pixel conversion -------------------------------------------------------- */

/* A component's sample at full-resolution pixel (x, y), scaled to 0…255. */
static int
sample (const opj_image_comp_t *c,
        guint x,
        guint y)
{
  guint cx = MIN (x / MAX (c->dx, 1), c->w - 1);
  guint cy = MIN (y / MAX (c->dy, 1), c->h - 1);
  gint64 v = c->data[(gsize) cy * c->w + cx];
  guint prec = CLAMP (c->prec, 1, 31);

  if (c->sgnd)
    v += (gint64) 1 << (prec - 1);
  if (prec > 8)
    v >>= prec - 8;
  else if (prec < 8)
    v = v * 255 / (((gint64) 1 << prec) - 1);
  return (int) CLAMP (v, 0, 255);
}

static guint8
clamp8 (double v)
{
  return (guint8) CLAMP (lround (v), 0, 255);
}

GBytes *
bp_image_decode_jpeg2000 (GBytes *data,
                          guint *width,
                          guint *height,
                          gsize *stride,
                          gboolean *has_alpha,
                          GError **error)
{
  Decoder d = { 0 };
  opj_image_t *img;
  guint w, h, n, channels;
  gboolean sycc, cmyk, alpha;
  guint8 *pixels;
  gsize row;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!decoder_open (&d, data, error))
    goto fail;
  if (!opj_decode (d.codec, d.stream, d.image) || !opj_end_decompress (d.codec, d.stream))
    {
      image_error (error, &d, _ ("The JPEG 2000 image is damaged and cannot be shown."));
      goto fail;
    }

  img = d.image;
  n = img->numcomps;
  for (guint i = 0; i < n; i++)
    if (img->comps[i].data == NULL || img->comps[i].w == 0 || img->comps[i].h == 0)
      {
        image_error (error, &d, _ ("The JPEG 2000 image is damaged and cannot be shown."));
        goto fail;
      }
  if (img->color_space == OPJ_CLRSPC_EYCC)
    {
      g_set_error (error, BP_LDS_ERROR, BP_LDS_ERROR_UNSUPPORTED,
                   _ ("The JPEG 2000 image uses a colour space that cannot be shown (e-sYCC)."));
      goto fail;
    }

  /* Full resolution is that of the first (luma or red) component; chroma
   * that is subsampled means YCC as opj_decompress assumes too. */
  w = img->comps[0].w * MAX (img->comps[0].dx, 1);
  h = img->comps[0].h * MAX (img->comps[0].dy, 1);
  w = MIN (w, img->x1 - img->x0);
  h = MIN (h, img->y1 - img->y0);
  cmyk = img->color_space == OPJ_CLRSPC_CMYK && n == 4;
  sycc = n >= 3 && (img->color_space == OPJ_CLRSPC_SYCC || (img->color_space != OPJ_CLRSPC_SRGB && img->comps[0].dx == img->comps[0].dy && img->comps[1].dx != img->comps[0].dx));
  alpha = (n == 2 || n == 4) && !cmyk;
  channels = alpha ? 4 : 3;
  row = (gsize) w * channels;

  pixels = g_malloc (row * h);
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        guint8 *px = pixels + y * row + (gsize) x * channels;

        if (n <= 2)
          px[0] = px[1] = px[2] = sample (&img->comps[0], x, y);
        else if (cmyk)
          {
            double k = 1.0 - sample (&img->comps[3], x, y) / 255.0;

            px[0] = clamp8 ((255 - sample (&img->comps[0], x, y)) * k);
            px[1] = clamp8 ((255 - sample (&img->comps[1], x, y)) * k);
            px[2] = clamp8 ((255 - sample (&img->comps[2], x, y)) * k);
          }
        else if (sycc)
          {
            double yy = sample (&img->comps[0], x, y);
            double cb = sample (&img->comps[1], x, y) - 128.0;
            double cr = sample (&img->comps[2], x, y) - 128.0;

            px[0] = clamp8 (yy + 1.402 * cr);
            px[1] = clamp8 (yy - 0.344136 * cb - 0.714136 * cr);
            px[2] = clamp8 (yy + 1.772 * cb);
          }
        else
          for (guint c = 0; c < 3; c++)
            px[c] = sample (&img->comps[c], x, y);

        if (alpha)
          px[3] = sample (&img->comps[n - 1], x, y);
      }

  decoder_clear (&d);
  if (width)
    *width = w;
  if (height)
    *height = h;
  if (stride)
    *stride = row;
  if (has_alpha)
    *has_alpha = alpha;
  return g_bytes_new_take (pixels, row * h);

fail:
  decoder_clear (&d);
  return NULL;
}
