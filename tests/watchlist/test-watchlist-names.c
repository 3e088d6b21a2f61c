/* test-watchlist-names.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bp-watchlist-names.h"

static char *
normalise (const char *family,
           const char *given)
{
  BpNameSet set = { 0 };

  bp_name_normalise (family, BP_NAME_ROLE_FAMILY, &set);
  bp_name_normalise (given, BP_NAME_ROLE_GIVEN, &set);

  return bp_name_set_to_string (&set);
}

static void
test_scripts (void)
{
  static const struct
  {
    const char *family;
    const char *given;
    const char *expected;
  } cases[] = {
    /* Latin with the ICAO 9303 alternatives, both spellings kept. */
    { "Müller", "Jürgen", "MUELLER/MULLER|JUERGEN/JURGEN" },
    { "Sørensen", "Åse", "SOERENSEN/SORENSEN|AASE/ASE" },
    { "Strauß", NULL, "STRAUSS|" },
    { "Fernández", "Ñuño", "FERNANDEZ|NUNO/NXXUNXXO" },
    { "Şahin", "Ayşe", "SAHIN|AYSE" },
    { "Kowalczyk", "Małgorzata", "KOWALCZYK|MALGORZATA" },
    { "O'Neill", "Siobhán", "ONEILL|SIOBHAN" },
    { "García López", "María-José", "GARCIA LOPEZ|MARIA JOSE" },
    /* MRZ form: fillers, upper case. */
    { "ERIKSSON", "ANNA<MARIA<<<<", "ERIKSSON|ANNA MARIA" },
    /* Cyrillic: the ICAO table first, the older BGN-style one second. */
    { "Иванов", "Сергей", "IVANOV|SERGEI/SERGEY" },
    { "Шевченко", "Юлія", "SHEVCHENKO|IULIIA/YULIYA" },
    { "Хрущёв", NULL, "KHRUSHCHEV|" },
    /* Greek, Chinese, Vietnamese through ICU. */
    { "Παπαδόπουλος", "Γιώργος", "PAPADOPOULOS|GIORGOS" },
    { "王", "伟", "WANG|WEI" },
    { "王", "小明", "WANG|XIAOMING" },
    { "Nguyễn", "Văn An", "NGUYEN|VAN AN" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = normalise (cases[i].family, cases[i].given);

      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_arabic (void)
{
  g_autofree char *got = normalise ("محمد", NULL);

  /* Unvocalised Arabic gives consonants only; the point is that it comes
   * out in Latin letters and not empty. */
  g_assert_cmpstr (got, ==, "MHMD|");
}

static void
test_garbage (void)
{
  BpNameSet set = { 0 };

  g_assert_cmpuint (bp_name_normalise ("\xff\xfe", BP_NAME_ROLE_FAMILY, &set), ==, 0);
  g_assert_cmpuint (bp_name_normalise ("<<< --- 123", BP_NAME_ROLE_FAMILY, &set), ==, 0);
  g_assert_cmpuint (bp_name_normalise (NULL, BP_NAME_ROLE_FAMILY, &set), ==, 0);
  g_assert_cmpuint (set.n_parts, ==, 0);

  /* More parts than fit are dropped, not overrun. */
  g_assert_cmpuint (bp_name_normalise ("A B C D E F G H I J K", BP_NAME_ROLE_GIVEN, &set), ==, BP_NAME_MAX_PARTS);
}

static void
test_round_trip (void)
{
  static const char *good[] = { "MUELLER/MULLER|JUERGEN", "|ANNA", "A B|C", "" };
  static const char *bad[] = { "A/B/C|", "a|", "A||B", "/A", "A/|", "A B C D E F G H I|", "A-B" };
  BpNameSet set;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *again = NULL;

      g_assert_true (bp_name_set_parse (good[i], &set));
      again = bp_name_set_to_string (&set);
      if (*good[i] != '\0' && strchr (good[i], '|') != NULL)
        g_assert_cmpstr (again, ==, good[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (bp_name_set_parse (bad[i], &set));
      g_assert_cmpuint (set.n_parts, ==, 0);
    }
}

static void
test_distance (void)
{
  g_assert_cmpuint (bp_name_distance ("MOHAMMED", 8, "MOHAMED", 7, 2), ==, 1);
  g_assert_cmpuint (bp_name_distance ("JOHN", 4, "JHON", 4, 1), ==, 1); /* transposition */
  g_assert_cmpuint (bp_name_distance ("ANNA", 4, "ANNA", 4, 0), ==, 0);
  g_assert_cmpuint (bp_name_distance ("KATHERINE", 9, "CATHARINE", 9, 2), ==, 2);
  g_assert_cmpuint (bp_name_distance ("SMITH", 5, "JONES", 5, 1), ==, 2); /* capped at max + 1 */
  g_assert_cmpuint (bp_name_distance ("AB", 2, "ABCDE", 5, 2), ==, 3);

  g_assert_cmpuint (bp_name_max_edits (3), ==, 0);
  g_assert_cmpuint (bp_name_max_edits (4), ==, 1);
  g_assert_cmpuint (bp_name_max_edits (7), ==, 1);
  g_assert_cmpuint (bp_name_max_edits (8), ==, 2);
}

static gboolean
share_key (const char *a,
           const char *b)
{
  BpNameKey ka[BP_NAME_KEY_MAX], kb[BP_NAME_KEY_MAX];
  guint na = bp_name_part_keys (a, strlen (a), ka);
  guint nb = bp_name_part_keys (b, strlen (b), kb);

  for (guint i = 0; i < na; i++)
    for (guint j = 0; j < nb; j++)
      if (strcmp (ka[i], kb[j]) == 0)
        return TRUE;
  return FALSE;
}

static void
test_keys (void)
{
  /* One edit anywhere in the first five letters still shares a key. */
  g_assert_true (share_key ("MOHAMMED", "MOHAMMED"));
  g_assert_true (share_key ("MOHAMMED", "MUHAMMED"));
  g_assert_true (share_key ("MOHAMMED", "OHAMMED"));
  g_assert_true (share_key ("MOHAMMED", "MOHHAMMED"));
  g_assert_true (share_key ("MOHAMMED", "MOAHMMED"));
  g_assert_true (share_key ("JOHN", "JON"));
  g_assert_true (share_key ("ALEXANDRA", "ALEXA")); /* cut short in the MRZ */
  g_assert_false (share_key ("SMITH", "JONES"));
  g_assert_false (share_key ("LI", "LU"));
}

static void
test_documents (void)
{
  g_autofree char *a = bp_document_number_normalise ("l898 902-c3<");
  g_autofree char *b = bp_document_number_normalise ("<<");
  g_autofree char *c = g_strdup ("OISBZ019");

  g_assert_cmpstr (a, ==, "L898902C3");
  g_assert_cmpstr (b, ==, "");
  bp_document_number_fold (c);
  g_assert_cmpstr (c, ==, "01582019");
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/borderpost/watchlist/names/scripts", test_scripts);
  g_test_add_func ("/borderpost/watchlist/names/arabic", test_arabic);
  g_test_add_func ("/borderpost/watchlist/names/garbage", test_garbage);
  g_test_add_func ("/borderpost/watchlist/names/round-trip", test_round_trip);
  g_test_add_func ("/borderpost/watchlist/names/distance", test_distance);
  g_test_add_func ("/borderpost/watchlist/names/keys", test_keys);
  g_test_add_func ("/borderpost/watchlist/names/documents", test_documents);

  return g_test_run ();
}
