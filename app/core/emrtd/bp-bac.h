/* bp-bac.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-card.h"
#include "bp-mrz.h"
#include "bp-sm.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* Basic Access Control, ICAO 9303-11 section 4.3 and Appendix D. */

/* The "MRZ information" the access key is made from: document number
 * (padded with '<' to 9 characters; numbers longer than 9 characters are
 * used in full, as TD1/TD2 long numbers are) and its check digit, birth
 * date and its check digit, expiry date and its check digit. Check digits
 * are computed, so an OCR-repaired MRZ gives the right key. Dates are
 * YYMMDD. */
char        *bp_bac_mrz_information       (const char    *document_number,
                                           const char    *birth_date,
                                           const char    *expiry_date,
                                           GError       **error) G_GNUC_WARN_UNUSED_RESULT;
/* The same from a parsed MRZ of any format. */
char        *bp_bac_mrz_information_from_mrz (const BpMrz *mrz,
                                           GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/* K_seed: the first 16 bytes of SHA-1 of the MRZ information. Also the
 * PACE password hash is the full SHA-1 (see bp-pace.h). */
gboolean     bp_bac_key_seed              (const char    *mrz_information,
                                           guint8        *seed_out,
                                           GError       **error);

/* Runs GET CHALLENGE and EXTERNAL AUTHENTICATE and returns the 3DES
 * session (KS_enc, KS_mac, SSC). A refused key gives
 * BP_CHIP_ERROR_ACCESS_DENIED with a message for the officer. */
BpSm        *bp_bac_authenticate          (BpCard        *card,
                                           const char    *mrz_information,
                                           GCancellable  *cancellable,
                                           GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/* As bp_bac_authenticate() with the terminal's random values given
 * (RND.IFD 8 bytes, K.IFD 16 bytes); for known-answer tests. */
BpSm        *bp_bac_authenticate_with     (BpCard        *card,
                                           const char    *mrz_information,
                                           const guint8  *rnd_ifd,
                                           const guint8  *k_ifd,
                                           GCancellable  *cancellable,
                                           GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/* clang-format on */

G_END_DECLS
