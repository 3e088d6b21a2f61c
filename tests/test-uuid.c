/* test-uuid.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bp-uuid.h"

static gint64
timestamp_of (const char *uuid)
{
  char hex[13];

  /* The first 48 bits are the first 12 hex digits, with a dash after 8. */
  memcpy (hex, uuid, 8);
  memcpy (hex + 8, uuid + 9, 4);
  hex[12] = '\0';

  return g_ascii_strtoll (hex, NULL, 16);
}

static void
assert_v7 (const char *uuid)
{
  g_assert_nonnull (uuid);
  g_assert_cmpuint (strlen (uuid), ==, 36);
  g_assert_true (g_regex_match_simple ("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
                                       uuid, 0, 0));
  g_assert_true (bp_uuid_is_valid (uuid));
}

static void
test_format (void)
{
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *uuid = bp_uuid_v7_new ();

      assert_v7 (uuid);
    }
}

static void
test_version_and_variant (void)
{
  g_autofree char *uuid = bp_uuid_v7_new ();
  guint8 octet6 = g_ascii_xdigit_value (uuid[14]) << 4 | g_ascii_xdigit_value (uuid[15]);
  guint8 octet8 = g_ascii_xdigit_value (uuid[19]) << 4 | g_ascii_xdigit_value (uuid[20]);

  /* RFC 9562 §5.7: version in the high nibble of octet 6, variant 0b10
   * in the two high bits of octet 8. */
  g_assert_cmpuint (octet6 >> 4, ==, 7);
  g_assert_cmpuint (octet8 >> 6, ==, 2);
}

static void
test_timestamp (void)
{
  gint64 before = g_get_real_time () / 1000;
  g_autofree char *uuid = bp_uuid_v7_new ();
  gint64 after = g_get_real_time () / 1000;
  gint64 ms = timestamp_of (uuid);

  /* Monotonic generation may run a millisecond or so ahead of the clock
   * when many were made just before; never behind. */
  g_assert_cmpint (ms, >=, before);
  g_assert_cmpint (ms, <=, after + 1000);
}

static void
test_new_at (void)
{
  /* The example time of RFC 9562 appendix A.6: 2022-02-22 19:22:22 UTC. */
  g_autofree char *uuid = bp_uuid_v7_new_at (0x017F22E279B0);
  g_autofree char *zero = bp_uuid_v7_new_at (0);

  assert_v7 (uuid);
  g_assert_true (g_str_has_prefix (uuid, "017f22e2-79b0-7"));
  g_assert_cmpint (timestamp_of (uuid), ==, 0x017F22E279B0);

  assert_v7 (zero);
  g_assert_true (g_str_has_prefix (zero, "00000000-0000-7"));
}

static void
test_order (void)
{
  g_autofree char *previous = bp_uuid_v7_new ();

  /* Far more than fit in one millisecond: the counter path is taken. */
  for (guint i = 0; i < 100000; i++)
    {
      g_autofree char *next = bp_uuid_v7_new ();

      g_assert_cmpstr (previous, <, next);
      g_free (previous);
      previous = g_steal_pointer (&next);
    }
}

static gpointer
make_many (gpointer data)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < 20000; i++)
    g_ptr_array_add (out, bp_uuid_v7_new ());

  return out;
}

static void
test_threads (void)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("uuid", make_many, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_ptr_array_add (results, g_thread_join (threads[i]));

  for (guint i = 0; i < results->len; i++)
    {
      GPtrArray *uuids = g_ptr_array_index (results, i);

      for (guint j = 0; j < uuids->len; j++)
        {
          const char *uuid = g_ptr_array_index (uuids, j);

          /* Each thread sees its own identifiers in order, and no two
           * threads ever get the same one. */
          if (j > 0)
            g_assert_cmpstr (g_ptr_array_index (uuids, j - 1), <, uuid);
          g_assert_true (g_hash_table_add (seen, (gpointer) uuid));
        }
    }

  g_assert_cmpuint (g_hash_table_size (seen), ==, 4 * 20000);
}

static void
test_random_part (void)
{
  g_autofree char *a = bp_uuid_v7_new_at (1000);
  g_autofree char *b = bp_uuid_v7_new_at (1000);

  /* Same millisecond, unrelated random bits: 74 of them must differ. */
  g_assert_cmpstr (a, !=, b);
  g_assert_cmpint (strncmp (a, b, 13), ==, 0);
}

static void
test_is_valid (void)
{
  static const struct
  {
    const char *str;
    gboolean valid;
  } cases[] = {
    { "017f22e2-79b0-7cc3-98c4-dc0c0c07398f", TRUE },
    { "017F22E2-79B0-7CC3-98C4-DC0C0C07398F", TRUE },
    { "6ba7b810-9dad-11d1-80b4-00c04fd430c8", TRUE },
    { "", FALSE },
    { "017f22e2-79b0-7cc3-98c4-dc0c0c07398", FALSE },
    { "017f22e2-79b0-7cc3-98c4-dc0c0c07398f0", FALSE },
    { "017f22e279b07cc398c4dc0c0c07398f", FALSE },
    { "017f22e2-79b0-7cc3-98c4_dc0c0c07398f", FALSE },
    { "g17f22e2-79b0-7cc3-98c4-dc0c0c07398f", FALSE },
  };

  g_assert_false (bp_uuid_is_valid (NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].str);
      g_assert_cmpint (bp_uuid_is_valid (cases[i].str), ==, cases[i].valid);
    }
}

static void
test_boot_id (void)
{
  const char *boot_id = bp_uuid_get_boot_id ();
  g_autofree char *contents = NULL;

  g_assert_true (bp_uuid_is_valid (boot_id));
  g_assert_true (bp_uuid_get_boot_id () == boot_id);

  if (g_file_get_contents ("/proc/sys/kernel/random/boot_id", &contents, NULL, NULL))
    g_assert_cmpstr (g_strstrip (contents), ==, boot_id);
  else
    g_test_message ("No /proc boot id here: the fallback was used");
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/borderpost/uuid/v7/format", test_format);
  g_test_add_func ("/borderpost/uuid/v7/version-and-variant", test_version_and_variant);
  g_test_add_func ("/borderpost/uuid/v7/timestamp", test_timestamp);
  g_test_add_func ("/borderpost/uuid/v7/new-at", test_new_at);
  g_test_add_func ("/borderpost/uuid/v7/order", test_order);
  g_test_add_func ("/borderpost/uuid/v7/threads", test_threads);
  g_test_add_func ("/borderpost/uuid/v7/random-part", test_random_part);
  g_test_add_func ("/borderpost/uuid/is-valid", test_is_valid);
  g_test_add_func ("/borderpost/uuid/boot-id", test_boot_id);

  return g_test_run ();
}
