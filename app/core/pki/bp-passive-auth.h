/* bp-passive-auth.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bp-pa-result.h"
#include "bp-trust-store.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* Passive Authentication (ICAO 9303-11 5.1, 9303-12):
 * @sod is EF.SOD as read (outer tag 77); @groups maps a data group number
 * (GUINT_TO_POINTER) to its bytes as read, outer tag included; @trust
 * gives the CSCAs, DS certificates and CRLs (NULL: no chain check); @mrz
 * (optional) is the printed MRZ, its lines separated by newlines, for the
 * issuing state and the DG1 comparison; @now (optional) replaces the
 * current time. Hostile input gives failed checks, never an error: @error
 * is only set when the trust store itself fails. */
BpPaResult  *bp_passive_auth_verify     (GBytes        *sod,
                                         GHashTable    *groups,
                                         BpTrustStore  *trust,
                                         const char    *mrz,
                                         GDateTime     *now,
                                         GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/* The same for a chip asked for every data group its EF.SOD lists: bit n
 * of @absent is set when the chip answered that it has no DGn, which
 * fails that group (a copy that lacks a signed group), where a group
 * merely not read is "not checked". */
BpPaResult  *bp_passive_auth_verify_read (GBytes       *sod,
                                         GHashTable    *groups,
                                         guint32        absent,
                                         BpTrustStore  *trust,
                                         const char    *mrz,
                                         GDateTime     *now,
                                         GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/* Reads the files `borderpost-cli chip read --out DIR` writes: SOD.bin and
 * DG1.bin…DG16.bin (COM.bin is not needed). Returns the groups as for
 * bp_passive_auth_verify(); *sod is NULL when SOD.bin is missing. */
GHashTable  *bp_passive_auth_read_dir   (const char    *dir,
                                         GBytes       **sod,
                                         GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/* clang-format on */

G_END_DECLS
