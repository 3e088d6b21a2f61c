/* test-tlv.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bp-tlv.h"

/* BER-TLV as a chip sends it: every length is hostile. */

typedef struct
{
  const char *name;
  const guint8 *data;
  gsize size;
  int code; /* BpTlvError, or -1 for success */
} Case;

#define CASE(n, bytes, c)                            \
  {                                                  \
    n, (const guint8 *) bytes, sizeof (bytes) - 1, c \
  }

static const Case parse_cases[] = {
  CASE ("primitive", "\x80\x02\xAB\xCD", -1),
  CASE ("constructed", "\x61\x03\x5F\x1F\x00", -1),
  CASE ("two-byte tag", "\x5F\x1F\x01\x41", -1),
  CASE ("three-byte tag", "\x5F\x81\x01\x00", -1),
  CASE ("long length 81", "\x04\x81\x01\x00", -1),
  CASE ("trailing padding", "\x04\x01\x00\x00\xFF\x00", -1),
  CASE ("leading padding", "\x00\xFF\x04\x00", -1),
  CASE ("empty", "", BP_TLV_ERROR_TRUNCATED),
  CASE ("only padding", "\x00\x00", BP_TLV_ERROR_TRUNCATED),
  CASE ("tag only", "\x61", BP_TLV_ERROR_TRUNCATED),
  CASE ("tag ends in the middle", "\x5F", BP_TLV_ERROR_TRUNCATED),
  CASE ("tag continues past the end", "\x5F\x81", BP_TLV_ERROR_TRUNCATED),
  CASE ("tag longer than 4 bytes", "\x5F\x81\x81\x81\x01\x00", BP_TLV_ERROR_MALFORMED),
  CASE ("value past the end", "\x04\x05\x01\x02", BP_TLV_ERROR_TRUNCATED),
  CASE ("length 82 past the end", "\x04\x82\x01\x00\x01", BP_TLV_ERROR_TRUNCATED),
  CASE ("length bytes past the end", "\x04\x83\x01", BP_TLV_ERROR_TRUNCATED),
  CASE ("length 84 FFFFFFFF", "\x04\x84\xFF\xFF\xFF\xFF\x00", BP_TLV_ERROR_TRUNCATED),
  CASE ("length field of 5 bytes", "\x04\x85\x00\x00\x00\x00\x01\x00", BP_TLV_ERROR_MALFORMED),
  CASE ("length field of 127 bytes", "\x04\xFF\x00", BP_TLV_ERROR_MALFORMED),
  CASE ("indefinite length", "\x30\x80\x04\x00\x00\x00", BP_TLV_ERROR_MALFORMED),
  CASE ("trailing data", "\x04\x01\x00\x04\x00", BP_TLV_ERROR_MALFORMED),
};

static void
test_parse_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr (GError) error = NULL;
  BpTlv tlv = { 0 };
  gboolean ok = bp_tlv_parse (c->data, c->size, &tlv, &error);

  if (c->code < 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_true (tlv.value >= c->data && tlv.value + tlv.length <= c->data + c->size);
      g_assert_true (tlv.element + tlv.element_length <= c->data + c->size);
    }
  else
    {
      g_assert_false (ok);
      g_assert_error (error, BP_TLV_ERROR, c->code);
      g_assert_nonnull (error->message);
    }
}

static void
test_parse_values (void)
{
  g_autoptr (GError) error = NULL;
  BpTlv tlv, child;
  const guint8 dg1[] = { 0x61, 0x05, 0x5F, 0x1F, 0x02, 'P', '<' };

  g_assert_true (bp_tlv_parse (dg1, sizeof dg1, &tlv, &error));
  g_assert_cmphex (tlv.tag, ==, 0x61);
  g_assert_true (tlv.constructed);
  g_assert_cmpuint (tlv.length, ==, 5);
  g_assert_true (tlv.element == dg1);
  g_assert_cmpuint (tlv.element_length, ==, sizeof dg1);

  g_assert_true (bp_tlv_find (&tlv, 0x5F1F, &child, &error));
  g_assert_cmphex (child.tag, ==, 0x5F1F);
  g_assert_false (child.constructed);
  g_assert_cmpmem (child.value, child.length, "P<", 2);

  g_assert_false (bp_tlv_find (&tlv, 0x5F20, &child, &error));
  g_assert_error (error, BP_TLV_ERROR, BP_TLV_ERROR_NOT_FOUND);
}

static void
test_next_end (void)
{
  const guint8 two[] = { 0x80, 0x00, 0x00, 0x81, 0x01, 0x07, 0xFF };
  g_autoptr (GError) error = NULL;
  gsize pos = 0;
  BpTlv tlv;

  g_assert_true (bp_tlv_next (two, sizeof two, &pos, &tlv, &error));
  g_assert_cmphex (tlv.tag, ==, 0x80);
  g_assert_true (bp_tlv_next (two, sizeof two, &pos, &tlv, &error));
  g_assert_cmphex (tlv.tag, ==, 0x81);
  g_assert_cmpuint (tlv.value[0], ==, 7);
  /* End of buffer: FALSE without an error. */
  g_assert_false (bp_tlv_next (two, sizeof two, &pos, &tlv, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pos, ==, sizeof two);
  g_assert_false (bp_tlv_next (two, sizeof two, &pos, &tlv, &error));
  g_assert_no_error (error);
}

/* find() on a child whose value is broken reports the damage, not
 * "missing". */
static void
test_find_broken (void)
{
  const guint8 data[] = { 0x61, 0x04, 0x5F, 0x1F, 0x09, 0x41 };
  g_autoptr (GError) error = NULL;
  BpTlv parent = { .tag = 0x61, .constructed = TRUE, .value = data + 2, .length = 4 };
  BpTlv child;

  g_assert_false (bp_tlv_find (&parent, 0x5F1F, &child, &error));
  g_assert_error (error, BP_TLV_ERROR, BP_TLV_ERROR_TRUNCATED);
}

/* 2000 levels of nesting, walked down by repeated find(): no recursion,
 * so no stack to exhaust. */
static void
test_deep_nesting (void)
{
  g_autoptr (GByteArray) inner = g_byte_array_new ();
  g_autoptr (GError) error = NULL;
  BpTlv tlv;
  guint depth = 0;

  bp_tlv_append (inner, 0x04, (const guint8 *) "end", 3);
  for (guint i = 0; i < 2000; i++)
    {
      GByteArray *outer = g_byte_array_new ();

      bp_tlv_append (outer, 0x30, inner->data, inner->len);
      g_byte_array_unref (inner);
      inner = outer;
    }

  g_assert_true (bp_tlv_parse (inner->data, inner->len, &tlv, &error));
  while (tlv.tag == 0x30)
    {
      BpTlv child;

      if (!bp_tlv_find (&tlv, 0x30, &child, NULL))
        g_assert_true (bp_tlv_find (&tlv, 0x04, &child, &error));
      g_assert_no_error (error);
      tlv = child;
      depth++;
    }
  g_assert_cmpuint (depth, ==, 2000);
  g_assert_cmpmem (tlv.value, tlv.length, "end", 3);
}

static void
test_encode_round_trip (void)
{
  const guint32 tags[] = { 0x04, 0x30, 0x61, 0x5F1F, 0x7F61, 0x5F8101, 0x7F818101 };
  const gsize lengths[] = { 0, 1, 127, 128, 255, 256, 65535, 65536, 70000 };
  g_autofree guint8 *value = g_malloc (70000);

  for (gsize i = 0; i < 70000; i++)
    value[i] = i * 7;

  for (guint t = 0; t < G_N_ELEMENTS (tags); t++)
    for (guint l = 0; l < G_N_ELEMENTS (lengths); l++)
      {
        g_autoptr (GByteArray) out = g_byte_array_new ();
        g_autoptr (GError) error = NULL;
        BpTlv tlv;

        bp_tlv_append (out, tags[t], value, lengths[l]);
        g_assert_true (bp_tlv_parse (out->data, out->len, &tlv, &error));
        g_assert_no_error (error);
        g_assert_cmphex (tlv.tag, ==, tags[t]);
        g_assert_cmpuint (tlv.length, ==, lengths[l]);
        g_assert_cmpmem (tlv.value, tlv.length, value, lengths[l]);
        g_assert_cmpuint (tlv.element_length, ==, out->len);
      }
}

static void
test_encode_lengths (void)
{
  struct
  {
    gsize length;
    const char *encoded;
    gsize n;
  } cases[] = {
    { 0, "\x00", 1 },
    { 0x7F, "\x7F", 1 },
    { 0x80, "\x81\x80", 2 },
    { 0xFF, "\x81\xFF", 2 },
    { 0x100, "\x82\x01\x00", 3 },
    { 0xFFFF, "\x82\xFF\xFF", 3 },
    { 0x10000, "\x83\x01\x00\x00", 4 },
    { 0x1000000, "\x84\x01\x00\x00\x00", 5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GByteArray) out = g_byte_array_new ();

      bp_tlv_append_length (out, cases[i].length);
      g_assert_cmpmem (out->data, out->len, cases[i].encoded, cases[i].n);
    }
}

/* Walks every element, descending into constructed ones, as a parser of
 * unknown input would; returns the number of elements seen. */
static guint
walk (const guint8 *data,
      gsize size,
      guint depth)
{
  gsize pos = 0;
  guint n = 0;
  BpTlv tlv;

  for (;;)
    {
      g_autoptr (GError) error = NULL;

      if (!bp_tlv_next (data, size, &pos, &tlv, &error))
        {
          /* Either the end, or an error with a message; never both. */
          g_assert_true (error == NULL || error->domain == BP_TLV_ERROR);
          g_assert_true (error == NULL || error->message != NULL);
          break;
        }
      g_assert_true (tlv.value >= data && tlv.length <= size && tlv.value + tlv.length <= data + size);
      g_assert_cmpuint (pos, <=, size);
      n++;
      if (tlv.constructed && depth < 64)
        n += walk (tlv.value, tlv.length, depth + 1);
    }
  return n;
}

static void
test_random (void)
{
  guint elements = 0;

  for (guint round = 0; round < 20000; round++)
    {
      gsize size = g_test_rand_int_range (0, 96);
      g_autofree guint8 *data = g_malloc (MAX (size, 1));

      /* Bias towards bytes that matter: tags 0x1F, lengths 0x8x. */
      for (gsize i = 0; i < size; i++)
        switch (g_test_rand_int_range (0, 8))
          {
          case 0:
            data[i] = 0x80 | g_test_rand_int_range (0, 6);
            break;
          case 1:
            data[i] = 0x7F;
            break;
          case 2:
            data[i] = g_test_rand_int_range (0, 16);
            break;
          default:
            data[i] = g_test_rand_int_range (0, 256);
            break;
          }
      elements += walk (data, size, 0);

      {
        g_autoptr (GError) error = NULL;
        BpTlv tlv;
        gboolean ok = bp_tlv_parse (data, size, &tlv, &error);

        g_assert_true (ok == (error == NULL));
      }
    }
  /* The generator does produce parsable elements. */
  g_assert_cmpuint (elements, >, 1000);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/borderpost/tlv/parse/%s", parse_cases[i].name);

      g_strdelimit (path + strlen ("/borderpost/tlv/parse/"), " ", '-');
      g_test_add_data_func (path, &parse_cases[i], test_parse_case);
    }
  g_test_add_func ("/borderpost/tlv/values", test_parse_values);
  g_test_add_func ("/borderpost/tlv/next-end", test_next_end);
  g_test_add_func ("/borderpost/tlv/find-broken", test_find_broken);
  g_test_add_func ("/borderpost/tlv/deep-nesting", test_deep_nesting);
  g_test_add_func ("/borderpost/tlv/encode/round-trip", test_encode_round_trip);
  g_test_add_func ("/borderpost/tlv/encode/lengths", test_encode_lengths);
  g_test_add_func ("/borderpost/tlv/random", test_random);

  return g_test_run ();
}
