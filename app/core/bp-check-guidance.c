/* bp-check-guidance.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-check-guidance"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bp-check-guidance.h"

/* Written for the primary line: what to look at in the next minute, and
 * the point at which the traveller goes to second line. Trainers can
 * point at these texts; they are the same for every booth. */
static const struct
{
  const char *check_id;
  const char *guidance;
} guidance[] = {
  { "mrz-integrity",
    N_ ("A check digit that does not add up is either a misread or a changed character. Compare "
        "the printed zone with the data page above it: document number, dates and name. Look for "
        "erasures, a different typeface or a replaced page. If the zone cannot be read cleanly "
        "or the page looks altered, refer to second line.") },
  { "document-expiry",
    N_ ("Check that the expiry date printed on the data page is the one in the zone. An expired "
        "document is not valid for travel: refer to second line unless a rule of this crossing "
        "lets the traveller through with it.") },
  { "traveller-age",
    N_ ("Check who accompanies the minor, and the consent letter or court order the rules of "
        "this crossing ask for. Refer to second line if the minor travels alone without them.") },
  { "issuing-state",
    N_ ("The code is not a state or organisation that issues travel documents. Compare it with "
        "the country printed on the cover and the data page; a code that exists nowhere may mean "
        "a fantasy document. Refer to second line.") },
  { "nationality",
    N_ ("The nationality code is not a known one. Compare it with the nationality printed on the "
        "data page, and refer to second line if they disagree.") },
  { "chip",
    N_ ("Check the document number, birth date and expiry date in the zone: the chip opens only "
        "with them. Put the document flat on the reader and keep it still. Look at the cover for "
        "damage near the chip. A chip that does not answer does not prove fraud, but the "
        "document cannot be checked electronically: examine its printed security features, and "
        "refer if in doubt.") },
  { "chip-mrz",
    N_ ("The chip and the printed page disagree: the page may have been altered or the chip "
        "swapped. Compare the printed data with the chip’s field by field, look at the data page "
        "for alteration, and compare the traveller with the chip photo. Refer to second line.") },
  { "authenticity",
    N_ ("Amber (attention) usually means this booth does not hold the issuing state’s "
        "certificate: examine the printed security features by hand (laminate, optically variable "
        "features, print quality, the photo’s attachment). Red (failed) means the chip’s data was "
        "changed after issue or its signature is forged: keep the document and refer to second "
        "line.") },
  { "active-auth",
    N_ ("A chip that cannot sign with the key its own DG15 names is probably a copy of a genuine "
        "chip, even when every other check passes. Examine the document’s printed security "
        "features and compare the traveller with both photos; refer to second line.") },
  { "alert-lists",
    N_ ("Follow the action in the red banner. Before you confirm or dismiss the hit, compare the "
        "listed name, birth date and document number with the document and the traveller.") },
};

const char *
bp_check_get_guidance (const char *check_id)
{
  g_return_val_if_fail (check_id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (guidance); i++)
    if (g_str_equal (guidance[i].check_id, check_id))
      return _ (guidance[i].guidance);
  return NULL;
}
