/* test-checks.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "borderpost-core.h"

#define VALID_TD3 "P<UTOHAPPY<<JOHN<PAUL<<<<<<<<<<<<<<<<<<<<<<<\n" \
                  "X47M219059UTO8603049M3109177<<<<<<<<<<<<<<<0"
#define MINOR_TD3 "P<UTOSOLBERG<<LINNEA<<<<<<<<<<<<<<<<<<<<<<<<\n" \
                  "Z5T2K9L010UTO1506118F2902289<<<<<<<<<<<<<<<2"
#define EXPIRED_TD3 "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n" \
                    "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
/* The same with the birth date check digit changed from 2 to 3. */
#define BROKEN_TD3 "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n" \
                   "L898902C36UTO7408123F1204159ZE184226B<<<<<10"

static GDateTime *
day (int y,
     int m,
     int d)
{
  return g_date_time_new_utc (y, m, d, 12, 0, 0);
}

static GListModel *
run (const char *mrz_text,
     GDateTime *today)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpMrz) mrz = bp_mrz_parse (mrz_text, today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (mrz);
  return bp_checks_run_mrz (mrz, today, NULL);
}

static BpVerdict
verdict_of (GListModel *checks,
            const char *id)
{
  BpCheck *check = bp_checks_find (checks, id);

  g_assert_nonnull (check);
  return bp_check_get_verdict (check);
}

static void
test_valid_adult (void)
{
  g_autoptr (GDateTime) today = day (2026, 11, 26);
  g_autoptr (GListModel) checks = run (VALID_TD3, today);
  BpRecommendation recommendation;

  g_assert_cmpint (verdict_of (checks, "mrz-integrity"), ==, BP_VERDICT_PASSED);
  g_assert_cmpint (verdict_of (checks, "document-expiry"), ==, BP_VERDICT_PASSED);
  g_assert_cmpint (verdict_of (checks, "traveller-age"), ==, BP_VERDICT_PASSED);
  g_assert_cmpint (verdict_of (checks, "issuing-state"), ==, BP_VERDICT_PASSED);
  g_assert_cmpint (verdict_of (checks, "chip"), ==, BP_VERDICT_NOT_PERFORMED);
  g_assert_nonnull (strstr (bp_check_get_message (bp_checks_find (checks, "chip")),
                            "No chip reader"));
  g_assert_nonnull (strstr (bp_check_get_message (bp_checks_find (checks, "traveller-age")),
                            "40 years"));
  g_assert_cmpint (bp_checks_get_overall (checks), ==, BP_VERDICT_PASSED);

  recommendation = bp_decision_recommend (checks);
  g_assert_cmpint (recommendation.decision, ==, BP_DECISION_ADMIT);
  g_assert_cmpstr (recommendation.reason_code, ==, "ADM-CHECKS");
}

static void
test_minor (void)
{
  g_autoptr (GDateTime) today = day (2026, 11, 26);
  g_autoptr (GListModel) checks = run (MINOR_TD3, today);

  g_assert_cmpint (verdict_of (checks, "traveller-age"), ==, BP_VERDICT_WARNING);
  g_assert_nonnull (strstr (bp_check_get_message (bp_checks_find (checks, "traveller-age")),
                            "Minor, 11 years old"));
  g_assert_cmpint (bp_checks_get_overall (checks), ==, BP_VERDICT_WARNING);
  g_assert_cmpint (bp_decision_recommend (checks).decision, ==, BP_DECISION_ADMIT);
}

static void
test_expired (void)
{
  g_autoptr (GDateTime) today = day (2026, 11, 26);
  g_autoptr (GListModel) checks = run (EXPIRED_TD3, today);
  BpRecommendation recommendation;

  g_assert_cmpint (verdict_of (checks, "document-expiry"), ==, BP_VERDICT_FAILED);
  g_assert_cmpint (bp_checks_get_overall (checks), ==, BP_VERDICT_FAILED);
  recommendation = bp_decision_recommend (checks);
  g_assert_cmpint (recommendation.decision, ==, BP_DECISION_REFER);
  g_assert_cmpstr (recommendation.reason_code, ==, "REF-EXPIRED");
  g_assert_nonnull (bp_reasons_lookup (recommendation.reason_code));
}

static void
test_expiry_soon (void)
{
  /* The valid specimen expires on 2031-09-17: ten days before, it is flagged. */
  g_autoptr (GDateTime) today = day (2031, 9, 7);
  g_autoptr (GListModel) checks = run (VALID_TD3, today);

  g_assert_cmpint (verdict_of (checks, "document-expiry"), ==, BP_VERDICT_WARNING);
  g_assert_nonnull (strstr (bp_check_get_message (bp_checks_find (checks, "document-expiry")),
                            "in 10 days"));
}

static void
test_broken_check_digit (void)
{
  g_autoptr (GDateTime) today = day (2026, 11, 26);
  g_autoptr (GListModel) checks = run (BROKEN_TD3, today);
  BpRecommendation recommendation;

  g_assert_cmpint (verdict_of (checks, "mrz-integrity"), ==, BP_VERDICT_FAILED);
  recommendation = bp_decision_recommend (checks);
  g_assert_cmpint (recommendation.decision, ==, BP_DECISION_REFER);
  /* The zone is the first thing to refer on, before expiry. */
  g_assert_cmpstr (recommendation.reason_code, ==, "REF-MRZ");
}

static void
test_age_rules (void)
{
  g_autoptr (GDateTime) today = day (2026, 11, 26);

  g_assert_cmpint (bp_checks_age_on ("2008-11-26", today), ==, 18);
  g_assert_cmpint (bp_checks_age_on ("2008-11-27", today), ==, 17);
  g_assert_cmpint (bp_checks_age_on ("2008-02-29", today), ==, 18);
  /* Unknown day or month: the youngest the traveller can be. */
  g_assert_cmpint (bp_checks_age_on ("2008-11", today), ==, 17);
  g_assert_cmpint (bp_checks_age_on ("2008", today), ==, 17);
  g_assert_cmpint (bp_checks_age_on (NULL, today), ==, -1);
  g_assert_cmpint (bp_checks_age_on ("garbage", today), ==, -1);
}

static void
test_json (void)
{
  g_autoptr (GDateTime) today = day (2026, 11, 26);
  g_autoptr (GListModel) checks = run (EXPIRED_TD3, today);
  g_autofree char *json = bp_checks_to_json (checks);

  g_assert_nonnull (strstr (json, "\"id\":\"document-expiry\",\"verdict\":\"failed\""));
  g_assert_nonnull (strstr (json, "\"id\":\"mrz-integrity\",\"verdict\":\"passed\""));
  /* No evidence, no member. */
  g_assert_null (strstr (json, "evidence"));
}

/* A check's evidence goes into the crossing's checks as it is. */
static void
test_json_evidence (void)
{
  g_autoptr (GListStore) checks = g_list_store_new (BP_TYPE_CHECK);
  g_autoptr (JsonObject) evidence = json_object_new ();
  g_autoptr (BpCheck) check = NULL;
  g_autofree char *json = NULL;

  json_object_set_string_member (evidence, "ds_subject", "CN=Utopia DS");
  json_object_set_int_member (evidence, "key_bits", 256);
  check = bp_check_new_with_evidence ("authenticity", "Document signature", BP_VERDICT_PASSED, "Genuine.", evidence);
  g_assert_true (bp_check_get_evidence (check) == evidence);
  g_list_store_append (checks, check);
  json = bp_checks_to_json (G_LIST_MODEL (checks));
  g_assert_cmpstr (json, ==,
                   "[{\"id\":\"authenticity\",\"verdict\":\"passed\",\"message\":\"Genuine.\","
                   "\"evidence\":{\"ds_subject\":\"CN=Utopia DS\",\"key_bits\":256}}]");
}

static void
test_inspection (void)
{
  g_autoptr (GDateTime) today = day (2026, 11, 26);
  g_autoptr (BpInspection) inspection = bp_inspection_new ();
  g_autoptr (BpMrz) mrz = bp_mrz_parse (EXPIRED_TD3, today, NULL);
  g_autoptr (BpCrossing) crossing = NULL;
  g_autoptr (GBytes) photo = g_bytes_new_static ("\xff\xd8\xff\xe0", 4);
  const char *reasons[] = { "REF-EXPIRED", NULL };

  bp_inspection_set_booth (inspection, "TEST-BOOTH", "officer-7", BP_DIRECTION_EXIT);
  bp_inspection_set_mrz (inspection, mrz, today);
  bp_inspection_set_photo (inspection, photo);
  g_assert_cmpint (bp_inspection_get_overall (inspection), ==, BP_VERDICT_FAILED);

  crossing = bp_inspection_build_crossing (inspection, BP_DECISION_REFER, reasons, "note");
  g_assert_cmpstr (bp_crossing_get_booth_id (crossing), ==, "TEST-BOOTH");
  g_assert_cmpstr (bp_crossing_get_officer_id (crossing), ==, "officer-7");
  g_assert_cmpint (bp_crossing_get_direction (crossing), ==, BP_DIRECTION_EXIT);
  g_assert_cmpstr (bp_crossing_get_document_number (crossing), ==, "L898902C3");
  g_assert_cmpint (bp_crossing_get_decision (crossing), ==, BP_DECISION_REFER);
  g_assert_cmpstr (bp_crossing_get_reasons (crossing)[0], ==, "REF-EXPIRED");
  g_assert_true (g_bytes_equal (bp_crossing_get_photo (crossing), photo));
  g_assert_nonnull (strstr (bp_crossing_get_checks_json (crossing), "document-expiry"));

  bp_inspection_reset (inspection);
  g_assert_null (bp_inspection_get_mrz (inspection));
  g_assert_null (bp_inspection_get_photo (inspection));
  g_assert_cmpuint (g_list_model_get_n_items (bp_inspection_get_checks (inspection)), ==, 0);
}

/* Checks that finish after the MRZ (chip, alert lists) replace their
 * placeholder, and the most serious one sets the recommendation. */
static void
test_inspection_put_check (void)
{
  g_autoptr (GDateTime) today = day (2026, 11, 26);
  g_autoptr (BpInspection) inspection = bp_inspection_new ();
  g_autoptr (BpMrz) mrz = bp_mrz_parse (VALID_TD3, today, NULL);
  g_autoptr (BpCheck) chip = bp_check_new ("chip", "Chip", BP_VERDICT_PASSED, "read");
  g_autoptr (BpCheck) hit = bp_check_new ("alert-lists", "Alert lists", BP_VERDICT_FAILED, "hit");
  GListModel *checks;
  guint n;
  gboolean found_chip = FALSE;

  bp_inspection_set_mrz (inspection, mrz, today);
  checks = bp_inspection_get_checks (inspection);
  n = g_list_model_get_n_items (checks);
  g_assert_cmpint (bp_inspection_get_recommendation (inspection).decision, ==, BP_DECISION_ADMIT);

  bp_inspection_put_check (inspection, chip);
  g_assert_cmpuint (g_list_model_get_n_items (checks), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (BpCheck) check = g_list_model_get_item (checks, i);

      if (g_str_equal (bp_check_get_id (check), "chip"))
        {
          g_assert_true (check == chip);
          found_chip = TRUE;
        }
    }
  g_assert_true (found_chip);

  bp_inspection_put_check (inspection, hit);
  g_assert_cmpuint (g_list_model_get_n_items (checks), ==, n + 1);
  g_assert_cmpint (bp_inspection_get_overall (inspection), ==, BP_VERDICT_FAILED);
  g_assert_cmpint (bp_inspection_get_recommendation (inspection).decision, ==, BP_DECISION_REFER);
  g_assert_cmpstr (bp_inspection_get_recommendation (inspection).reason_code, ==, "REF-ALERT");

  bp_inspection_reset (inspection);
  g_assert_null (bp_inspection_get_mrz (inspection));
  g_assert_null (bp_inspection_get_photo (inspection));
  g_assert_cmpuint (g_list_model_get_n_items (bp_inspection_get_checks (inspection)), ==, 0);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/borderpost/checks/valid-adult", test_valid_adult);
  g_test_add_func ("/borderpost/checks/minor", test_minor);
  g_test_add_func ("/borderpost/checks/expired", test_expired);
  g_test_add_func ("/borderpost/checks/expiry-soon", test_expiry_soon);
  g_test_add_func ("/borderpost/checks/broken-check-digit", test_broken_check_digit);
  g_test_add_func ("/borderpost/checks/age-rules", test_age_rules);
  g_test_add_func ("/borderpost/checks/json", test_json);
  g_test_add_func ("/borderpost/checks/json-evidence", test_json_evidence);
  g_test_add_func ("/borderpost/checks/inspection", test_inspection);
  g_test_add_func ("/borderpost/checks/inspection-put-check", test_inspection_put_check);

  return g_test_run ();
}
