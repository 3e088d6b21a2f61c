/* bp-consistency.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-consistency"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bp-consistency.h"
#include "bp-lds.h"
#include "bp-watchlist-names.h"

/* Names are compared with the alert lists' normaliser: it transliterates
 * DG11's UTF-8 to Latin the way an MRZ writes it and keeps both ICAO
 * spellings (Ö as OE and O), so "Müller" on the chip agrees with MUELLER
 * or MULLER on the page. */
static gboolean
part_matches (const BpNamePart *printed,
              const BpNamePart *chip,
              gboolean may_be_cut)
{
  for (guint i = 0; i < printed->n_variants; i++)
    for (guint j = 0; j < chip->n_variants; j++)
      {
        if (printed->len[i] == chip->len[j] && memcmp (printed->v[i], chip->v[j], printed->len[i]) == 0)
          return TRUE;
        /* The MRZ cuts a long name short at the end of its field. */
        if (may_be_cut && printed->len[i] >= 2 && printed->len[i] < chip->len[j]
            && memcmp (printed->v[i], chip->v[j], printed->len[i]) == 0)
          return TRUE;
      }
  return FALSE;
}

static gboolean
names_agree (const BpMrz *mrz,
             const BpLdsDg11 *dg11)
{
  g_autofree char *family = bp_lds_dg11_dup_primary_identifier (dg11);
  g_autofree char *given = bp_lds_dg11_dup_secondary_identifier (dg11);
  BpNameSet printed = { 0 };
  BpNameSet chip = { 0 };

  bp_name_normalise (mrz->primary_identifier ? mrz->primary_identifier : "", BP_NAME_ROLE_FAMILY, &printed);
  bp_name_normalise (mrz->secondary_identifier ? mrz->secondary_identifier : "", BP_NAME_ROLE_GIVEN, &printed);
  bp_name_normalise (family ? family : "", BP_NAME_ROLE_FAMILY, &chip);
  bp_name_normalise (given ? given : "", BP_NAME_ROLE_GIVEN, &chip);

  /* Every printed part has its match on the chip; only the last printed
   * part may be cut short. */
  for (guint i = 0; i < printed.n_parts; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < chip.n_parts && !found; j++)
        found = printed.parts[i].role == chip.parts[j].role
                && part_matches (&printed.parts[i], &chip.parts[j], i + 1 == printed.n_parts);
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* "1974-08-12" against "1974-08" agrees; against "1974-09" it does not. */
static gboolean
dates_agree (const char *a,
             const char *b)
{
  gsize n = MIN (strlen (a), strlen (b));

  return strncmp (a, b, n) == 0;
}

BpCheck *
bp_consistency_check (const BpMrz *mrz,
                      const BpLdsDg11 *dg11,
                      const BpLdsDg12 *dg12,
                      GDateTime *today)
{
  const char *title = _ ("Chip details and printed data");
  g_autoptr (GPtrArray) failed = g_ptr_array_new ();
  g_autoptr (GPtrArray) compared = g_ptr_array_new ();
  g_autofree char *joined = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (mrz != NULL, NULL);
  g_return_val_if_fail (today != NULL, NULL);

  if ((dg11 == NULL || (dg11->full_name == NULL && dg11->full_birth_date == NULL))
      && (dg12 == NULL || dg12->date_of_issue == NULL))
    return NULL;

  if (dg11 != NULL && dg11->full_name != NULL)
    {
      g_ptr_array_add (compared, (gpointer) _ ("name"));
      if (!names_agree (mrz, dg11))
        g_ptr_array_add (failed, (gpointer) _ ("name"));
    }

  if (dg11 != NULL && dg11->full_birth_date != NULL && mrz->birth_date != NULL)
    {
      g_autofree char *chip_birth = bp_lds_date_to_iso (dg11->full_birth_date);

      g_ptr_array_add (compared, (gpointer) _ ("birth date"));
      if (chip_birth != NULL && !dates_agree (chip_birth, mrz->birth_date))
        g_ptr_array_add (failed, (gpointer) _ ("birth date"));
    }

  if (dg12 != NULL && dg12->date_of_issue != NULL)
    {
      g_autofree char *issued = bp_lds_date_to_iso (dg12->date_of_issue);
      g_autofree char *now = g_date_time_format (today, "%Y-%m-%d");

      g_ptr_array_add (compared, (gpointer) _ ("date of issue"));
      if (issued != NULL && ((mrz->expiry_date != NULL && strcmp (issued, mrz->expiry_date) > 0) || strcmp (issued, now) > 0))
        g_ptr_array_add (failed, (gpointer) _ ("date of issue"));
    }

  if (failed->len == 0)
    {
      /* Only what both sides hold was compared; say which. */
      g_ptr_array_add (compared, NULL);
      joined = g_strjoinv (", ", (char **) compared->pdata);
      /* Translators: %s lists what was compared, e.g. “name, birth date”. */
      message = g_strdup_printf (_ ("The chip’s personal details agree with the printed page: %s."), joined);
      return bp_check_new ("chip-details", title, BP_VERDICT_PASSED, message);
    }

  g_ptr_array_add (failed, NULL);
  joined = g_strjoinv (", ", (char **) failed->pdata);
  /* Translators: %s lists what disagrees, e.g. “name, birth date”. */
  message = g_strdup_printf (_ ("The chip’s personal details disagree with the printed page: %s. Compare "
                                "them on the data page and refer if the page may have been altered."),
                             joined);
  return bp_check_new ("chip-details", title, BP_VERDICT_FAILED, message);
}
