/* bp-checks.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-checks"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "bp-checks.h"

static gboolean
parse_iso_date (const char *iso,
                int *year,
                int *month,
                int *day)
{
  int y = 0, m = 0, d = 0;
  int n;

  if (iso == NULL)
    return FALSE;

  n = sscanf (iso, "%4d-%2d-%2d", &y, &m, &d);
  if (n < 1 || y < 1 || m < 0 || m > 12 || d < 0 || d > 31)
    return FALSE;

  *year = y;
  *month = n >= 2 ? m : 0;
  *day = n >= 3 ? d : 0;
  return TRUE;
}

int
bp_checks_age_on (const char *iso_birth_date,
                  GDateTime *today)
{
  int y, m, d, age;
  int ty, tm, td;

  g_return_val_if_fail (today != NULL, -1);

  if (!parse_iso_date (iso_birth_date, &y, &m, &d))
    return -1;

  /* Unknown month or day: take the latest possible, the youngest age. */
  if (m == 0)
    m = 12;
  if (d == 0)
    d = g_date_get_days_in_month (m, y);

  g_date_time_get_ymd (today, &ty, &tm, &td);
  age = ty - y;
  if (tm < m || (tm == m && td < d))
    age--;

  return MAX (age, -1);
}

static GDate *
date_from_iso (const char *iso)
{
  int y, m, d;

  if (!parse_iso_date (iso, &y, &m, &d) || m == 0 || d == 0)
    return NULL;
  if (!g_date_valid_dmy (d, m, y))
    return NULL;

  return g_date_new_dmy (d, m, y);
}

static char *
format_long_date (GDate *date)
{
  char buf[128];

  /* Translators: a date shown to the officer, in strftime format. */
  if (g_date_strftime (buf, sizeof buf, _ ("%-d %B %Y"), date) == 0)
    g_date_strftime (buf, sizeof buf, "%Y-%m-%d", date);

  return g_strdup (buf);
}

static BpCheck *
check_mrz_integrity (const BpMrz *mrz)
{
  g_autoptr (GString) failed = g_string_new (NULL);
  guint n_errors = 0;

  for (guint i = 0; i < mrz->issues->len; i++)
    {
      const BpMrzIssue *issue = g_ptr_array_index (mrz->issues, i);

      if (issue->severity != BP_MRZ_SEVERITY_ERROR)
        continue;

      if (n_errors++ < 3)
        {
          if (failed->len > 0)
            g_string_append (failed, "; ");
          g_string_append (failed, issue->message);
        }
    }

  if (n_errors > 0 || !mrz->valid)
    {
      if (n_errors > 3)
        /* Translators: appended after the first three problems found in the MRZ. */
        g_string_append_printf (failed, " %s",
                                g_dngettext (GETTEXT_PACKAGE, "(%u more problem)",
                                             "(%u more problems)", n_errors - 3));
      if (failed->len == 0)
        g_string_append (failed, _ ("The check digits of the machine readable zone do not match."));

      return bp_check_new ("mrz-integrity", _ ("Machine readable zone"),
                           BP_VERDICT_FAILED, failed->str);
    }

  if (mrz->repairs->len > 0)
    {
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u character was corrected using the check digits. "
                                                               "Compare the data page with the values shown.",
                                                               "%u characters were corrected using the check digits. "
                                                               "Compare the data page with the values shown.",
                                                               mrz->repairs->len),
                                                  mrz->repairs->len);

      return bp_check_new ("mrz-integrity", _ ("Machine readable zone"),
                           BP_VERDICT_WARNING, message);
    }

  return bp_check_new ("mrz-integrity", _ ("Machine readable zone"), BP_VERDICT_PASSED,
                       _ ("All check digits are correct."));
}

static BpCheck *
check_expiry (const BpMrz *mrz,
              GDateTime *today,
              const BpCheckPolicy *policy)
{
  g_autoptr (GDate) expiry = date_from_iso (mrz->expiry_date);
  g_autoptr (GDate) now = NULL;
  g_autofree char *when = NULL;
  g_autofree char *message = NULL;
  int y, m, d;
  int days;

  if (expiry == NULL)
    return bp_check_new ("document-expiry", _ ("Document validity"), BP_VERDICT_NOT_PERFORMED,
                         _ ("The expiry date cannot be read. Read it from the data page."));

  g_date_time_get_ymd (today, &y, &m, &d);
  now = g_date_new_dmy (d, m, y);
  days = g_date_days_between (now, expiry);
  when = format_long_date (expiry);

  if (days < -365)
    {
      message = g_strdup_printf (_ ("Expired on %s."), when);
      return bp_check_new ("document-expiry", _ ("Document validity"), BP_VERDICT_FAILED, message);
    }

  if (days < 0)
    {
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Expired on %s, %d day ago.",
                                              "Expired on %s, %d days ago.", -days),
                                 when, -days);
      return bp_check_new ("document-expiry", _ ("Document validity"), BP_VERDICT_FAILED, message);
    }

  if ((guint) days < policy->expiry_warning_days)
    {
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Expires on %s, in %d day.",
                                              "Expires on %s, in %d days.", days),
                                 when, days);
      return bp_check_new ("document-expiry", _ ("Document validity"), BP_VERDICT_WARNING, message);
    }

  message = g_strdup_printf (_ ("Valid until %s."), when);
  return bp_check_new ("document-expiry", _ ("Document validity"), BP_VERDICT_PASSED, message);
}

static BpCheck *
check_age (const BpMrz *mrz,
           GDateTime *today,
           const BpCheckPolicy *policy)
{
  g_autofree char *message = NULL;
  int age = bp_checks_age_on (mrz->birth_date, today);

  if (age < 0)
    return bp_check_new ("traveller-age", _ ("Age"), BP_VERDICT_NOT_PERFORMED,
                         _ ("The birth date cannot be read. Ask the traveller and compare "
                            "with the data page."));

  if ((guint) age < policy->minor_age)
    {
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Minor, %d year old. Check who accompanies "
                                              "the traveller and any consent letter.",
                                              "Minor, %d years old. Check who accompanies "
                                              "the traveller and any consent letter.",
                                              age),
                                 age);
      return bp_check_new ("traveller-age", _ ("Age"), BP_VERDICT_WARNING, message);
    }

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Adult, %d year old.",
                                          "Adult, %d years old.", age),
                             age);
  return bp_check_new ("traveller-age", _ ("Age"), BP_VERDICT_PASSED, message);
}

static BpCheck *
check_country (const char *id,
               const char *title,
               const char *code)
{
  g_autofree char *message = NULL;
  const char *name;

  if (code == NULL || *code == '\0')
    return bp_check_new (id, title, BP_VERDICT_NOT_PERFORMED, _ ("No code in the document."));

  name = bp_mrz_country_name (code);
  if (name == NULL)
    {
      message = g_strdup_printf (_ ("“%s” is not an ICAO country code. Check the data page."),
                                 code);
      return bp_check_new (id, title, BP_VERDICT_WARNING, message);
    }

  /* The code list keeps English names (the CLI prints them); show them translated. */
  message = g_strdup_printf ("%s (%s)", g_dgettext (GETTEXT_PACKAGE, name), code);
  return bp_check_new (id, title, BP_VERDICT_PASSED, message);
}

GListModel *
bp_checks_run_mrz (const BpMrz *mrz,
                   GDateTime *today,
                   const BpCheckPolicy *policy)
{
  g_autoptr (GListStore) store = g_list_store_new (BP_TYPE_CHECK);
  BpCheckPolicy defaults = BP_CHECK_POLICY_DEFAULT;
  BpCheck *checks[6];

  g_return_val_if_fail (mrz != NULL, NULL);
  g_return_val_if_fail (today != NULL, NULL);

  if (policy == NULL)
    policy = &defaults;

  checks[0] = check_mrz_integrity (mrz);
  checks[1] = check_expiry (mrz, today, policy);
  checks[2] = check_age (mrz, today, policy);
  checks[3] = check_country ("issuing-state", _ ("Issuing state"), mrz->issuing_state);
  checks[4] = check_country ("nationality", _ ("Nationality"), mrz->nationality);
  if (policy->chip_reader)
    checks[5] = bp_check_new ("chip", _ ("Chip"), BP_VERDICT_NOT_PERFORMED,
                              _ ("The chip has not been read."));
  else
    checks[5] = bp_check_new ("chip", _ ("Chip"), BP_VERDICT_NOT_PERFORMED,
                              _ ("No chip reader is configured at this booth."));

  g_list_store_splice (store, 0, 0, (gpointer *) checks, G_N_ELEMENTS (checks));
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    g_object_unref (checks[i]);

  return G_LIST_MODEL (g_steal_pointer (&store));
}

BpVerdict
bp_checks_get_overall (GListModel *checks)
{
  BpVerdict overall = BP_VERDICT_NOT_APPLICABLE;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (checks), BP_VERDICT_NOT_PERFORMED);

  n = g_list_model_get_n_items (checks);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (BpCheck) check = g_list_model_get_item (checks, i);
      BpVerdict verdict = bp_check_get_verdict (check);

      /* A check that could not be done (no chip reader) does not by
       * itself make the document doubtful; the officer sees it listed. */
      if (verdict == BP_VERDICT_NOT_PERFORMED)
        verdict = BP_VERDICT_PASSED;
      overall = MAX (overall, verdict);
    }

  return overall;
}

BpCheck *
bp_checks_find (GListModel *checks,
                const char *id)
{
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (checks), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  n = g_list_model_get_n_items (checks);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (BpCheck) check = g_list_model_get_item (checks, i);

      if (g_strcmp0 (bp_check_get_id (check), id) == 0)
        return check;
    }

  return NULL;
}

char *
bp_checks_to_json (GListModel *checks)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (checks), NULL);

  json_builder_begin_array (builder);
  n = g_list_model_get_n_items (checks);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (BpCheck) check = g_list_model_get_item (checks, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, bp_check_get_id (check));
      json_builder_set_member_name (builder, "verdict");
      json_builder_add_string_value (builder, bp_verdict_to_string (bp_check_get_verdict (check)));
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, bp_check_get_message (check));
      if (bp_check_get_evidence (check) != NULL)
        {
          JsonNode *evidence = json_node_new (JSON_NODE_OBJECT);

          json_node_set_object (evidence, bp_check_get_evidence (check));
          json_builder_set_member_name (builder, "evidence");
          json_builder_add_value (builder, evidence);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}
