/* bp-decide-page.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bp-inspection.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

#define BP_TYPE_DECIDE_PAGE (bp_decide_page_get_type ())

G_DECLARE_FINAL_TYPE (BpDecidePage, bp_decide_page, BP, DECIDE_PAGE, AdwBin)

void        bp_decide_page_set_inspection  (BpDecidePage *self,
                                            BpInspection *inspection);
void        bp_decide_page_prepare         (BpDecidePage *self);
void        bp_decide_page_reset           (BpDecidePage *self);
void        bp_decide_page_set_saving      (BpDecidePage *self,
                                            gboolean      saving);
void        bp_decide_page_set_store_error (BpDecidePage *self,
                                            const char   *message);
BpDecision  bp_decide_page_get_decision    (BpDecidePage *self);
void        bp_decide_page_toggle_reason   (BpDecidePage *self,
                                            const char   *code,
                                            gboolean      selected);
void        bp_decide_page_set_note        (BpDecidePage *self,
                                            const char   *note);

/* clang-format on */

G_END_DECLS
