/* test-lds-image.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bp-face-image.h"
#include "bp-lds.h"
#include "bp-tlv.h"

static GBytes *
load (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr (GError) error = NULL;
  char *contents;
  gsize size;

  g_file_get_contents (path, &contents, &size, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, size);
}

/* A binary PNM (P5 grey or P6 colour, 8 bits) as written by ImageMagick. */
typedef struct
{
  guint width, height, channels;
  const guint8 *pixels;
  GBytes *file;
} Pnm;

static void
pnm_load (Pnm *pnm,
          const char *name)
{
  const char *p;
  char *end;
  gsize size;

  pnm->file = load (name);
  p = g_bytes_get_data (pnm->file, &size);
  g_assert_true (p[0] == 'P' && (p[1] == '5' || p[1] == '6'));
  pnm->channels = p[1] == '6' ? 3 : 1;
  pnm->width = strtoul (p + 2, &end, 10);
  pnm->height = strtoul (end, &end, 10);
  g_assert_cmpuint (strtoul (end, &end, 10), ==, 255);
  pnm->pixels = (const guint8 *) end + 1;
  g_assert_cmpuint ((gsize) (pnm->pixels - (const guint8 *) p) + pnm->width * pnm->height * pnm->channels, ==, size);
}

/* Decodes @name and compares it with the reference picture: the mean
 * difference per sample must be small, as the files are lossy. */
static void
check_decode (const char *name,
              const char *reference,
              double max_mean_error)
{
  g_autoptr (GBytes) file = load (name);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pixels = NULL;
  guint width = 0, height = 0;
  gsize stride = 0;
  gboolean alpha = TRUE;
  const guint8 *px;
  Pnm ref;
  double total = 0;

  pnm_load (&ref, reference);
  pixels = bp_image_decode_jpeg2000 (file, &width, &height, &stride, &alpha, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (width, ==, ref.width);
  g_assert_cmpuint (height, ==, ref.height);
  g_assert_false (alpha);
  g_assert_cmpuint (stride, ==, width * 3);
  g_assert_cmpuint (g_bytes_get_size (pixels), ==, stride * height);

  px = g_bytes_get_data (pixels, NULL);
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      for (guint c = 0; c < 3; c++)
        {
          int got = px[y * stride + x * 3 + c];
          int want = ref.pixels[(y * ref.width + x) * ref.channels + (ref.channels == 3 ? c : 0)];

          total += abs (got - want);
        }
  g_test_message ("%s: mean error %.2f", name, total / (width * height * 3));
  g_assert_cmpfloat (total / (width * height * 3), <, max_mean_error);

  /* Greyscale comes out with R = G = B. */
  if (ref.channels == 1)
    for (gsize i = 0; i + 2 < g_bytes_get_size (pixels); i += 3)
      g_assert_true (px[i] == px[i + 1] && px[i] == px[i + 2]);
  g_bytes_unref (ref.file);
}

static void
test_decode_jp2_colour (void)
{
  check_decode ("face-64.jp2", "face-64.ppm", 6.0);
}

static void
test_decode_j2k_colour (void)
{
  check_decode ("face-64.j2k", "face-64.ppm", 6.0);
}

static void
test_decode_jp2_grey (void)
{
  check_decode ("face-64-grey.jp2", "face-64-grey.pgm", 8.0);
}

static void
test_decode_jp2_grey16 (void)
{
  check_decode ("face-64-grey16.jp2", "face-64-grey.pgm", 8.0);
}

static void
test_decode_j2k_yuv420 (void)
{
  /* Chroma at half resolution loses detail: a wider margin. */
  check_decode ("face-64-yuv420.j2k", "face-64.ppm", 10.0);
}

/* Images with an alpha channel (colour and grey) come out as RGBA; the
 * alpha ramps were drawn across (colour) and down (grey) the picture. */
static void
check_alpha (const char *name,
             const char *reference,
             gboolean across)
{
  g_autoptr (GBytes) file = load (name);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pixels = NULL;
  guint width = 0, height = 0;
  gsize stride = 0;
  gboolean alpha = FALSE;
  const guint8 *px;
  double colour_error = 0, alpha_error = 0;
  Pnm ref;

  pnm_load (&ref, reference);
  pixels = bp_image_decode_jpeg2000 (file, &width, &height, &stride, &alpha, &error);
  g_assert_no_error (error);
  g_assert_true (alpha);
  g_assert_cmpuint (width, ==, 64);
  g_assert_cmpuint (stride, ==, 64 * 4);
  px = g_bytes_get_data (pixels, NULL);
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        const guint8 *p = px + y * stride + x * 4;
        int want_alpha = (across ? x : y) * 255 / 64;

        for (guint c = 0; c < 3; c++)
          colour_error += abs (p[c] - ref.pixels[(y * ref.width + x) * ref.channels + (ref.channels == 3 ? c : 0)]);
        alpha_error += abs (p[3] - want_alpha);
      }
  colour_error /= width * height * 3;
  alpha_error /= width * height;
  g_test_message ("%s: colour error %.2f, alpha error %.2f", name, colour_error, alpha_error);
  /* Lossless files: only the alpha ramp's rounding differs. */
  g_assert_cmpfloat (colour_error, <, 0.01);
  g_assert_cmpfloat (alpha_error, <, 2.0);
  g_bytes_unref (ref.file);
}

static void
test_decode_alpha (void)
{
  check_alpha ("face-64-rgba.jp2", "face-64.ppm", TRUE);
  check_alpha ("face-64-grey-alpha.jp2", "face-64-grey.pgm", FALSE);
}

static void
test_decode_not_jpeg2000 (void)
{
  g_autoptr (GBytes) jpeg = load ("face-64.jpg");
  g_autoptr (GBytes) truncated = NULL;
  g_autoptr (GBytes) j2k = load ("face-64.j2k");
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pixels = NULL;

  pixels = bp_image_decode_jpeg2000 (jpeg, NULL, NULL, NULL, NULL, &error);
  g_assert_null (pixels);
  g_assert_error (error, BP_LDS_ERROR, BP_LDS_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  truncated = g_bytes_new_from_bytes (j2k, 0, 40);
  pixels = bp_image_decode_jpeg2000 (truncated, NULL, NULL, NULL, NULL, &error);
  g_assert_null (pixels);
  g_assert_error (error, BP_LDS_ERROR, BP_LDS_ERROR_IMAGE);
}

/* A codestream whose SIZ marker claims 60000 × 60000 pixels: refused
 * before openjpeg allocates memory for it. */
static void
test_decode_huge (void)
{
  g_autoptr (GBytes) j2k = load ("face-64.j2k");
  g_autoptr (GByteArray) copy = g_byte_array_new ();
  g_autoptr (GBytes) huge = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pixels = NULL;
  gsize size;
  const guint8 *p = g_bytes_get_data (j2k, &size);

  g_byte_array_append (copy, p, size);
  /* FF4F FF51 Lsiz(2) Rsiz(2) Xsiz(4) Ysiz(4) */
  g_assert_cmpmem (copy->data, 4, "\xFF\x4F\xFF\x51", 4);
  memcpy (copy->data + 8, "\x00\x00\xEA\x60\x00\x00\xEA\x60", 8);
  huge = g_bytes_new (copy->data, copy->len);

  pixels = bp_image_decode_jpeg2000 (huge, NULL, NULL, NULL, NULL, &error);
  g_assert_null (pixels);
  g_assert_error (error, BP_LDS_ERROR, BP_LDS_ERROR_IMAGE);
}

static void
test_probe (void)
{
  struct
  {
    const char *name;
    BpImageFormat format;
    guint components;
  } cases[] = {
    { "face-64.jpg", BP_IMAGE_FORMAT_JPEG, 3 },
    { "face-64.jp2", BP_IMAGE_FORMAT_JP2, 3 },
    { "face-64.j2k", BP_IMAGE_FORMAT_J2K, 3 },
    { "face-64-grey.jp2", BP_IMAGE_FORMAT_JP2, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) file = load (cases[i].name);
      g_autoptr (GError) error = NULL;
      BpImageFormat format;
      guint w, h, n;

      g_assert_true (bp_image_probe (file, &format, &w, &h, &n, &error));
      g_assert_no_error (error);
      g_assert_cmpint (format, ==, cases[i].format);
      g_assert_cmpuint (w, ==, 64);
      g_assert_cmpuint (h, ==, 64);
      g_assert_cmpuint (n, ==, cases[i].components);
    }
}

/* DG2 and DG7 ---------------------------------------------------------------- */

static void
test_dg2_round_trip (void)
{
  struct
  {
    const char *name;
    BpImageFormat format;
    guint8 data_type, colour_space;
  } cases[] = {
    { "face-64.jpg", BP_IMAGE_FORMAT_JPEG, 0, 1 },
    { "face-64.jp2", BP_IMAGE_FORMAT_JP2, 1, 1 },
    { "face-64.j2k", BP_IMAGE_FORMAT_J2K, 1, 1 },
    { "face-64-grey.jp2", BP_IMAGE_FORMAT_JP2, 1, 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) image = load (cases[i].name);
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) dg2 = bp_lds_dg2_encode (image, &error);
      g_autoptr (GPtrArray) faces = NULL;
      const BpFaceImage *face;
      const guint8 *p;

      g_assert_no_error (error);
      p = g_bytes_get_data (dg2, NULL);
      g_assert_cmpuint (p[0], ==, 0x75);

      faces = bp_lds_dg2_parse (dg2, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (faces->len, ==, 1);
      face = g_ptr_array_index (faces, 0);
      g_assert_cmpint (face->format, ==, cases[i].format);
      g_assert_true (face->has_record);
      g_assert_cmpuint (face->image_data_type, ==, cases[i].data_type);
      g_assert_cmpuint (face->colour_space, ==, cases[i].colour_space);
      g_assert_cmpuint (face->width, ==, 64);
      g_assert_cmpuint (face->height, ==, 64);
      g_assert_cmpuint (face->face_image_type, ==, 1);
      g_assert_true (g_bytes_equal (face->data, image));
      g_assert_cmpstr (bp_image_format_to_mime_type (face->format), !=, NULL);
    }
}

/* A DG2 as some chips write it: two faces in one record, feature points,
 * the biometric data block in 7F2E and a wrong count. */
static void
test_dg2_two_faces (void)
{
  g_autoptr (GBytes) jpeg = load ("face-64.jpg");
  g_autoptr (GByteArray) record = g_byte_array_new ();
  g_autoptr (GByteArray) bit = g_byte_array_new ();
  g_autoptr (GByteArray) group = g_byte_array_new ();
  g_autoptr (GByteArray) file = g_byte_array_new ();
  g_autoptr (GBytes) dg2 = NULL;
  g_autoptr (GPtrArray) faces = NULL;
  g_autoptr (GError) error = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (jpeg, &size);
  guint32 block = 20 + 8 * 2 + 12 + size;
  guint32 total = 14 + 2 * block;
  guint8 header[14] = { 'F', 'A', 'C', 0, '0', '1', '0', 0, total >> 24, total >> 16, total >> 8, total, 0, 2 };

  g_byte_array_append (record, header, sizeof header);
  for (guint i = 0; i < 2; i++)
    {
      guint8 info[20] = { block >> 24, block >> 16, block >> 8, block, 0, 2, 2 /* female */, 1, 1 };
      guint8 points[16] = { 0 };
      guint8 image[12] = { 1, 0, 0, 64, 0, 64, 1, 2, 0, 0, 0, 0 };

      g_byte_array_append (record, info, sizeof info);
      g_byte_array_append (record, points, sizeof points);
      g_byte_array_append (record, image, sizeof image);
      g_byte_array_append (record, data, size);
    }
  bp_tlv_append (bit, 0xA1, NULL, 0);
  bp_tlv_append (bit, 0x7F2E, record->data, record->len);
  bp_tlv_append (group, 0x02, (const guint8 *) "\x05", 1);
  bp_tlv_append (group, 0x7F60, bit->data, bit->len);
  bp_tlv_append (file, 0x7F61, group->data, group->len);
  {
    GByteArray *outer = g_byte_array_new ();

    bp_tlv_append (outer, 0x75, file->data, file->len);
    dg2 = g_byte_array_free_to_bytes (outer);
  }

  faces = bp_lds_dg2_parse (dg2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (faces->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      const BpFaceImage *face = g_ptr_array_index (faces, i);

      g_assert_cmpuint (face->n_feature_points, ==, 2);
      g_assert_cmpuint (face->gender, ==, 2);
      g_assert_cmpint (face->format, ==, BP_IMAGE_FORMAT_JPEG);
      g_assert_true (g_bytes_equal (face->data, jpeg));
    }
}

static void
test_dg2_errors (void)
{
  struct
  {
    const char *data;
    gsize size;
    int code;
  } cases[] = {
    { "\x75\x00", 2, BP_LDS_ERROR_MALFORMED },
    { "\x75\x05\x7F\x61\x02\x02\x00", 7, BP_LDS_ERROR_MISSING },
    { "\x75\x0B\x7F\x61\x08\x7F\x60\x05\x5F\x2E\x02XX", 13, BP_LDS_ERROR_UNSUPPORTED },
    { "\x75\x19\x7F\x61\x16\x7F\x60\x13\x5F\x2E\x10"
      "FAC\0"
      "010\0"
      "\0\0\0\x10\0\1\0\0",
      27, BP_LDS_ERROR_MALFORMED },
    { "\x75\x17\x7F\x61\x14\x7F\x60\x11\x5F\x2E\x0E"
      "FAC\0"
      "010\0"
      "\0\0\0\x10\0\0",
      25, BP_LDS_ERROR_MALFORMED },
    { "\x75\x19\x7F\x61\x16\x7F\x60\x13\x5F\x2E\x10"
      "FAC\0"
      "030\0"
      "\0\0\0\x10\0\1\0\0",
      27, BP_LDS_ERROR_UNSUPPORTED },
    { "\x61\x00", 2, BP_LDS_ERROR_WRONG_FILE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) file = g_bytes_new_static (cases[i].data, cases[i].size);
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) faces = bp_lds_dg2_parse (file, &error);

      g_test_message ("case %u", i);
      g_assert_null (faces);
      g_assert_error (error, BP_LDS_ERROR, cases[i].code);
    }
}

static void
test_dg7_round_trip (void)
{
  g_autoptr (GBytes) image = load ("face-64-grey.jp2");
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) dg7 = bp_lds_dg7_encode (image, &error);
  g_autoptr (GPtrArray) images = NULL;
  g_autoptr (GBytes) pixels = NULL;
  const BpFaceImage *sig;
  guint w, h;

  g_assert_no_error (error);
  images = bp_lds_dg7_parse (dg7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (images->len, ==, 1);
  sig = g_ptr_array_index (images, 0);
  g_assert_false (sig->has_record);
  g_assert_cmpint (sig->format, ==, BP_IMAGE_FORMAT_JP2);
  g_assert_true (g_bytes_equal (sig->data, image));

  pixels = bp_image_decode_jpeg2000 (sig->data, &w, &h, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (w, ==, 64);

  {
    g_autoptr (GBytes) junk = g_bytes_new_static ("hello", 5);
    g_autoptr (GBytes) none = bp_lds_dg7_encode (junk, &error);

    g_assert_null (none);
    g_assert_error (error, BP_LDS_ERROR, BP_LDS_ERROR_INVALID);
  }
}

/* Hostile input ------------------------------------------------------------ */

static GBytes *
mutate (GBytes *in,
        gsize from)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (in, &size);
  GByteArray *out = g_byte_array_new ();
  guint n = g_test_rand_int_range (1, 4);

  g_byte_array_append (out, data, size);
  for (guint i = 0; i < n && out->len > from; i++)
    {
      guint at = g_test_rand_int_range (from, out->len);

      switch (g_test_rand_int_range (0, 4))
        {
        case 0:
          out->data[at] ^= 1 << g_test_rand_int_range (0, 8);
          break;
        case 1:
          out->data[at] = g_test_rand_int_range (0, 256);
          break;
        case 2:
          g_byte_array_set_size (out, at);
          break;
        case 3:
          out->data[at] = 0xFF;
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return g_byte_array_free_to_bytes (out);
}

static void
test_mutated_dg2 (void)
{
  const char *names[] = { "face-64.jpg", "face-64.j2k", "face-64.jp2" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (GBytes) image = load (names[i]);
      g_autoptr (GBytes) dg2 = bp_lds_dg2_encode (image, NULL);
      /* The mutations hit the containers, where the lengths are. */
      g_autoptr (GBytes) head = g_bytes_new_from_bytes (dg2, 0, 120);

      for (guint round = 0; round < 300; round++)
        {
          g_autoptr (GBytes) bad_head = mutate (head, 0);
          g_autoptr (GByteArray) joined = g_byte_array_new ();
          g_autoptr (GBytes) bad = NULL;
          g_autoptr (GPtrArray) faces = NULL;
          g_autoptr (GError) error = NULL;
          gsize size;
          const guint8 *p = g_bytes_get_data (bad_head, &size);

          g_byte_array_append (joined, p, size);
          p = g_bytes_get_data (dg2, &size);
          g_byte_array_append (joined, p + 120, size - 120);
          bad = g_bytes_new (joined->data, joined->len);

          faces = bp_lds_dg2_parse (bad, &error);
          g_assert_true ((faces == NULL) == (error != NULL));
          for (guint j = 0; faces != NULL && j < faces->len; j++)
            {
              const BpFaceImage *face = g_ptr_array_index (faces, j);

              g_assert_cmpuint (g_bytes_get_size (face->data), <=, g_bytes_get_size (bad));
            }
        }
    }
}

static void
test_mutated_jpeg2000 (void)
{
  const char *names[] = { "face-64.j2k", "face-64.jp2", "face-64-grey16.jp2", "face-64-yuv420.j2k" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (GBytes) image = load (names[i]);

      for (guint round = 0; round < 60; round++)
        {
          /* Mostly the headers, where sizes and layouts are declared. */
          g_autoptr (GBytes) bad = mutate (image, round % 3 == 0 ? 0 : g_test_rand_int_range (0, 200));
          g_autoptr (GError) error = NULL;
          guint w = 0, h = 0;
          gsize stride = 0;
          g_autoptr (GBytes) pixels = bp_image_decode_jpeg2000 (bad, &w, &h, &stride, NULL, &error);

          g_assert_true ((pixels == NULL) == (error != NULL));
          if (pixels != NULL)
            g_assert_cmpuint (g_bytes_get_size (pixels), ==, stride * h);
          {
            g_autoptr (GError) probe_error = NULL;
            gboolean ok = bp_image_probe (bad, NULL, NULL, NULL, NULL, &probe_error);

            g_assert_true (ok == (probe_error == NULL));
          }
        }
    }
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/borderpost/lds/image/probe", test_probe);
  g_test_add_func ("/borderpost/lds/image/decode-jp2-colour", test_decode_jp2_colour);
  g_test_add_func ("/borderpost/lds/image/decode-j2k-colour", test_decode_j2k_colour);
  g_test_add_func ("/borderpost/lds/image/decode-jp2-grey", test_decode_jp2_grey);
  g_test_add_func ("/borderpost/lds/image/decode-jp2-grey16", test_decode_jp2_grey16);
  g_test_add_func ("/borderpost/lds/image/decode-j2k-yuv420", test_decode_j2k_yuv420);
  g_test_add_func ("/borderpost/lds/image/decode-alpha", test_decode_alpha);
  g_test_add_func ("/borderpost/lds/image/decode-errors", test_decode_not_jpeg2000);
  g_test_add_func ("/borderpost/lds/image/decode-huge", test_decode_huge);
  g_test_add_func ("/borderpost/lds/dg2/round-trip", test_dg2_round_trip);
  g_test_add_func ("/borderpost/lds/dg2/two-faces", test_dg2_two_faces);
  g_test_add_func ("/borderpost/lds/dg2/errors", test_dg2_errors);
  g_test_add_func ("/borderpost/lds/dg7/round-trip", test_dg7_round_trip);
  g_test_add_func ("/borderpost/lds/dg2/mutated", test_mutated_dg2);
  g_test_add_func ("/borderpost/lds/image/mutated", test_mutated_jpeg2000);

  return g_test_run ();
}
