/* test-check-guidance.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every check that can fail or need attention tells the officer what to
 * examine and when to refer: the Verify page opens that guidance on Enter.
 */

#include "config.h"

#include "bp-check-guidance.h"
#include "bp-pa-result.h"

static void
assert_guidance (const char *check_id)
{
  const char *text = bp_check_get_guidance (check_id);

  if (text == NULL)
    g_error ("No guidance for the check “%s”", check_id);
  /* Each says when the traveller goes to second line. */
  if (strstr (text, "second line") == NULL)
    g_error ("The guidance for “%s” does not say when to refer: %s", check_id, text);
}

/* Every sub-check of Passive Authentication, failed, by the ids the GUI
 * gets from bp_pa_result_dup_checks(). */
static void
test_guidance_passive_auth (void)
{
  static const char *ids[] = { "sod", "sod-signature", "ds-chain", "crl", "issuing-state", "dg1-mrz" };
  g_autoptr (BpPaResult) result = _bp_pa_result_new ();
  g_autoptr (GListModel) checks = NULL;
  guint n;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    _bp_pa_result_add (result, ids[i], ids[i], BP_VERDICT_FAILED, TRUE, NULL, "failed");
  for (guint group = 1; group <= 16; group++)
    {
      g_autofree char *id = g_strdup_printf ("dg%u", group);

      _bp_pa_result_add (result, id, id, BP_VERDICT_FAILED, TRUE, NULL, "changed");
    }
  _bp_pa_result_finish (result);
  g_assert_cmpint (bp_pa_result_get_verdict (result), ==, BP_DOCUMENT_FAILED);

  checks = bp_pa_result_dup_checks (result);
  n = g_list_model_get_n_items (checks);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (ids) + 16);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (BpCheck) check = g_list_model_get_item (checks, i);

      g_assert_cmpint (bp_check_get_verdict (check), ==, BP_VERDICT_FAILED);
      assert_guidance (bp_check_get_id (check));
    }

  /* The photo and the page have their own words; other groups share one. */
  g_assert_cmpstr (bp_check_get_guidance ("pa-dg2"), !=, bp_check_get_guidance ("pa-dg3"));
  g_assert_cmpstr (bp_check_get_guidance ("pa-dg1"), !=, bp_check_get_guidance ("pa-dg3"));
  g_assert_cmpstr (bp_check_get_guidance ("pa-dg14"), ==, bp_check_get_guidance ("pa-dg3"));
  /* The signer's issuing state is not the MRZ's issuing state check. */
  g_assert_cmpstr (bp_check_get_guidance ("pa-issuing-state"), !=,
                   bp_check_get_guidance ("issuing-state"));
}

/* The chip checks that can fail on the Verify page. */
static void
test_guidance_chip (void)
{
  static const char *ids[] = {
    "mrz-integrity",
    "chip-mrz",
    "chip-details",
    "chip-auth",
    "active-auth",
    "authenticity",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    assert_guidance (ids[i]);
  /* A chip that does not answer proves nothing: no referral by itself. */
  g_assert_nonnull (bp_check_get_guidance ("chip"));
}

static void
test_guidance_unknown (void)
{
  g_assert_null (bp_check_get_guidance ("no-such-check"));
  g_assert_null (bp_check_get_guidance ("pa-dg2x"));
  g_assert_null (bp_check_get_guidance ("pa-dgx"));
  g_assert_null (bp_check_get_guidance (""));
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/borderpost/check-guidance/passive-auth", test_guidance_passive_auth);
  g_test_add_func ("/borderpost/check-guidance/chip", test_guidance_chip);
  g_test_add_func ("/borderpost/check-guidance/unknown", test_guidance_unknown);

  return g_test_run ();
}
