/* bp-demo-booth.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-card.h"
#include "bp-trust-store.h"
#include "bp-watchlist.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

#define BP_TYPE_DEMO_BOOTH (bp_demo_booth_get_type ())

G_DECLARE_FINAL_TYPE (BpDemoBooth, bp_demo_booth, BP, DEMO_BOOTH, GObject)

/* Everything a booth has, with no hardware and no link: a virtual chip
 * reader ("virtual:0") holding specimen documents, a trust store with the
 * specimen CSCA, and the demo alert lists, all in a throw-away folder.
 * For `borderpost --demo`, training and tests. */
BpDemoBooth   *bp_demo_booth_new             (const char   *dir,
                                              GError      **error) G_GNUC_WARN_UNUSED_RESULT;
BpCardReader  *bp_demo_booth_get_reader      (BpDemoBooth  *self);
BpTrustStore  *bp_demo_booth_get_trust_store (BpDemoBooth  *self);
BpWatchlist   *bp_demo_booth_get_watchlist   (BpDemoBooth  *self);
/* Puts the chip of the specimen with this MRZ (lines separated by newlines
 * or not at all) on the reader and returns its label; a document with no
 * specimen chip takes the chip away and returns NULL. */
const char    *bp_demo_booth_present         (BpDemoBooth  *self,
                                              const char   *mrz);

/* clang-format on */

G_END_DECLS
