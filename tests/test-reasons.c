/* test-reasons.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "borderpost-core.h"

static void
test_all_decisions_have_reasons (void)
{
  GListModel *all = bp_reasons_get_all ();
  guint counts[BP_DECISION_REFUSE + 1] = { 0 };
  g_autoptr (GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (all);

  g_assert_cmpuint (n, >=, 20);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (BpReason) reason = g_list_model_get_item (all, i);

      g_assert_cmpint (bp_reason_get_decision (reason), !=, BP_DECISION_NONE);
      g_assert_cmpstr (bp_reason_get_label (reason), !=, "");
      /* Codes are stored with crossings: they must be unique. */
      g_assert_false (g_hash_table_contains (codes, bp_reason_get_code (reason)));
      g_hash_table_add (codes, (gpointer) bp_reason_get_code (reason));
      counts[bp_reason_get_decision (reason)]++;
    }

  for (BpDecision d = BP_DECISION_ADMIT; d <= BP_DECISION_REFUSE; d++)
    {
      g_assert_cmpuint (counts[d], >, 0);
      g_assert_cmpuint (g_list_model_get_n_items (bp_reasons_for_decision (d)), ==, counts[d]);
    }

  /* The nine refusal grounds of the standard refusal form. */
  g_assert_cmpuint (counts[BP_DECISION_REFUSE], ==, 9);
}

static void
test_lookup (void)
{
  BpReason *reason = bp_reasons_lookup ("B");

  g_assert_nonnull (reason);
  g_assert_cmpint (bp_reason_get_decision (reason), ==, BP_DECISION_REFUSE);
  g_assert_cmpstr (bp_reason_get_label (reason), ==,
                   "B: False, counterfeit or forged travel document");
  g_assert_null (bp_reasons_lookup ("NO-SUCH-CODE"));
  g_assert_nonnull (bp_reasons_lookup ("REF-OTHER"));
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/borderpost/reasons/decisions", test_all_decisions_have_reasons);
  g_test_add_func ("/borderpost/reasons/lookup", test_lookup);

  return g_test_run ();
}
