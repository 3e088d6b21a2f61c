/* bp-ui-util.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bp-check.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* How a verdict looks: an icon and a style class, always shown with a word
 * (bp_verdict_get_label()) so that colour is never the only signal. */
const char *bp_verdict_get_icon_name   (BpVerdict  verdict);
const char *bp_verdict_get_style_class (BpVerdict  verdict);
void        bp_widget_set_verdict_class (GtkWidget *widget,
                                         BpVerdict  verdict);

/* The guidance for a failed check, presented over @parent's window: the
 * check's reason, then what to examine and when to refer (see
 * bp_check_get_guidance()). @extra_child, such as the evidence, may be NULL. */
GtkWidget  *bp_guidance_dialog_present (GtkWidget *parent,
                                        BpCheck   *check,
                                        GtkWidget *extra_child);

/* A row for a check: its title and reason, an icon and a word for its
 * verdict (never colour alone). */
GtkWidget  *bp_check_row_new           (BpCheck   *check);

/* What a guidance dialog shows under the guidance, such as the evidence;
 * may return NULL. */
typedef GtkWidget *(*BpGuidanceExtraFunc) (BpCheck *check);

/* Offers @check's guidance on its @row: an arrow, a tooltip, and Enter
 * or a click presenting bp_guidance_dialog_present() with what
 * @extra_new (may be NULL) makes. Does nothing for a check without
 * guidance. */
void        bp_check_row_offer_guidance (GtkWidget          *row,
                                         BpCheck            *check,
                                         BpGuidanceExtraFunc extra_new);

/* For pages whose key bindings (Enter, Escape) must win over whichever
 * button last had focus: focus the page itself. */
gboolean    bp_widget_grab_focus_self  (GtkWidget *widget);

/* An alert list's name for the officer: "sltd" → "Lost or stolen documents". */
const char *bp_alert_list_get_label    (const char *list);

/* clang-format on */

G_END_DECLS
