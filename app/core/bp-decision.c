/* bp-decision.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-decision"

#include "config.h"

#include "bp-check.h"
#include "bp-decision.h"

/* Which failed check refers the traveller, with which reason code.
 * The order is the order of seriousness. */
static const struct
{
  const char *check_id;
  const char *reason_code;
} referrals[] = {
  { "alert-lists", "REF-ALERT" },
  { "mrz-integrity", "REF-MRZ" },
  { "chip-mrz", "REF-DOCUMENT" },
  { "chip-details", "REF-DOCUMENT" },
  { "chip", "REF-CHIP" },
  { "authenticity", "REF-CHIP" },
  { "active-auth", "REF-CHIP" },
  { "chip-auth", "REF-CHIP" },
  { "document-expiry", "REF-EXPIRED" },
};

BpRecommendation
bp_decision_recommend (GListModel *checks)
{
  BpRecommendation recommendation = { BP_DECISION_ADMIT, "ADM-CHECKS", NULL };
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (checks), recommendation);

  n = g_list_model_get_n_items (checks);
  for (guint r = 0; r < G_N_ELEMENTS (referrals); r++)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr (BpCheck) check = g_list_model_get_item (checks, i);

        if (bp_check_get_verdict (check) == BP_VERDICT_FAILED && g_strcmp0 (bp_check_get_id (check), referrals[r].check_id) == 0)
          {
            recommendation.decision = BP_DECISION_REFER;
            recommendation.reason_code = referrals[r].reason_code;
            recommendation.check_id = referrals[r].check_id;
            return recommendation;
          }
      }

  /* Any other failure refers without a preselected reason. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (BpCheck) check = g_list_model_get_item (checks, i);

      if (bp_check_get_verdict (check) == BP_VERDICT_FAILED)
        {
          recommendation.decision = BP_DECISION_REFER;
          recommendation.reason_code = NULL;
          recommendation.check_id = bp_check_get_id (check);
          return recommendation;
        }
    }

  return recommendation;
}
