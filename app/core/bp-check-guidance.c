/* bp-check-guidance.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-check-guidance"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

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
  { "chip-auth",
    N_ ("The chip could not prove that it holds the secret key of the genuine chip (Chip "
        "Authentication or PACE-CAM): its data was probably copied onto another chip, even when "
        "the signature checks pass. Examine the document’s printed security features and the "
        "cover around the chip, compare the traveller with both photos, and refer to second "
        "line.") },
  { "chip-details",
    N_ ("The chip’s additional details (DG11, DG12: full name, place of birth, issuing "
        "authority, dates) disagree with the printed data page. Compare each field of the list "
        "with the page, look at the page for erasures, a replaced laminate or a different "
        "typeface. A transliteration difference in a name can be harmless; a different date or "
        "number is not: refer to second line.") },
  { "alert-lists",
    N_ ("Follow the action in the red banner. Before you confirm or dismiss the hit, compare the "
        "listed name, birth date and document number with the document and the traveller.") },
  /* The sub-checks of Passive Authentication, by the ids of
   * bp_pa_result_dup_checks() ("pa-" and the result's own id). A data
   * group without an entry of its own gets the "pa-dg" one. */
  { "pa-sod",
    N_ ("The chip’s security object (EF.SOD), which carries the issuing state’s signature over "
        "the chip data, is missing or malformed. Every genuine chip has one: the chip may be "
        "damaged or counterfeit. Do not rely on the chip; examine the printed security features "
        "by hand (laminate, optically variable features, print quality, the photo’s attachment) "
        "and refer to second line.") },
  { "pa-sod-signature",
    N_ ("The issuing state’s signature over the chip data does not verify, or the certificate "
        "that made it is missing: the chip data was changed, or signed by someone other than the "
        "issuing state. Do not rely on the chip data. Keep the document, examine the data page "
        "and its security features, and refer to second line.") },
  { "pa-ds-chain",
    N_ ("The certificate that signed the chip data (the Document Signer) could not be traced to "
        "a trusted certificate of the issuing state. Amber, or not performed: this booth may not hold that state’s "
        "certificate, or the signer has expired and the signing date is not known; examine the "
        "printed security features by hand and refer if anything else is in doubt. Red: the "
        "signer names an issuer it was not signed by, or was not valid when it signed, which is "
        "how forged chips look: keep the document and refer to second line.") },
  { "pa-crl",
    N_ ("Red: the issuing state has revoked the certificate that signed this chip, usually "
        "because its key was stolen or misused, so nothing it signed can be trusted. Keep the "
        "document and refer to second line, whatever the other checks say. Amber: the revocation "
        "list held by this booth is out of date; examine the document as usual and tell IT staff "
        "to import a current list.") },
  { "pa-issuing-state",
    N_ ("The chip is signed under the certificate of a country other than the one the document "
        "claims to come from. Compare the issuing state on the cover, on the data page and in "
        "the zone; a genuine document is signed by its own state. Refer to second line.") },
  { "pa-dg1",
    N_ ("The chip’s copy of the data page (name, document number, dates) was changed after the "
        "document was issued. The chip no longer vouches for the printed data: compare the page "
        "with the traveller, examine it for alteration, and refer to second line.") },
  { "pa-dg2",
    N_ ("The photo in the chip was changed after the document was issued: someone may have put "
        "their own face into another person’s document. Do not trust the chip photo. Examine the "
        "printed photo and how it is attached (laminate, edges, any second or ghost image), "
        "compare it with the traveller, and refer to second line.") },
  { "pa-dg",
    N_ ("This part of the chip data is not what the issuing state signed: it was changed after "
        "issue, or added without a signature. A genuine chip is never altered. Do not rely on "
        "this part of the chip; examine the data page and the printed security features, and "
        "refer to second line.") },
  { "pa-dg1-mrz",
    N_ ("The zone stored in the chip is not the one printed on the page: the page was altered, "
        "or the chip belongs to another document. Compare the printed data with the chip’s "
        "field by field, examine the page for alteration, and refer to second line.") },
};

/* "pa-dg" followed by a data group number, such as "pa-dg14". */
static gboolean
is_pa_data_group (const char *check_id)
{
  const char *number;

  if (!g_str_has_prefix (check_id, "pa-dg"))
    return FALSE;
  number = check_id + strlen ("pa-dg");
  if (*number == '\0')
    return FALSE;
  for (; *number != '\0'; number++)
    if (!g_ascii_isdigit (*number))
      return FALSE;
  return TRUE;
}

const char *
bp_check_get_guidance (const char *check_id)
{
  g_return_val_if_fail (check_id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (guidance); i++)
    if (g_str_equal (guidance[i].check_id, check_id))
      return _ (guidance[i].guidance);
  if (is_pa_data_group (check_id))
    return bp_check_get_guidance ("pa-dg");
  return NULL;
}
