/* bp-application.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bp-card.h"
#include "bp-demo-booth.h"
#include "bp-store.h"
#include "bp-sync.h"
#include "bp-trust-store.h"
#include "bp-watchlist.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

#define BP_TYPE_APPLICATION (bp_application_get_type ())

G_DECLARE_FINAL_TYPE (BpApplication, bp_application, BP, APPLICATION, AdwApplication)

void           bp_application_init_i18n        (void);
BpApplication *bp_application_new              (void) G_GNUC_WARN_UNUSED_RESULT;
gboolean       bp_application_get_demo         (BpApplication *self);
GSettings     *bp_application_get_settings     (BpApplication *self);
BpStore       *bp_application_get_store        (BpApplication *self);
const char    *bp_application_get_camera_source (BpApplication *self);
BpDemoBooth   *bp_application_get_demo_booth   (BpApplication *self);
BpTrustStore  *bp_application_get_trust_store  (BpApplication *self);
BpWatchlist   *bp_application_get_watchlist    (BpApplication *self);
BpCardReader  *bp_application_get_card_reader  (BpApplication *self,
                                                const char   **error_message);
BpSync        *bp_application_get_sync         (BpApplication *self);

/* clang-format on */

G_END_DECLS
