/* bp-window.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bp-application.h"
#include "bp-chip-inspection.h"
#include "bp-inspection.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

#define BP_TYPE_WINDOW (bp_window_get_type ())

G_DECLARE_FINAL_TYPE (BpWindow, bp_window, BP, WINDOW, AdwApplicationWindow)

BpWindow     *bp_window_new            (BpApplication *application);
const char   *bp_window_get_step       (BpWindow      *self);
void          bp_window_add_toast      (BpWindow      *self,
                                        const char    *text);
BpInspection *bp_window_get_inspection (BpWindow      *self);
BpChipInspection *bp_window_get_chip_inspection (BpWindow *self);
gboolean      bp_window_get_saving     (BpWindow      *self);
gboolean      bp_window_get_store_ready (BpWindow     *self);
const char   *bp_window_get_store_error (BpWindow     *self);

/* clang-format on */

G_END_DECLS
