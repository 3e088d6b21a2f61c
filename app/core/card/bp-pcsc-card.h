/* bp-pcsc-card.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-card.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* BpPcscCard: a card connected through pcsclite (shared mode, T=1 or T=0),
 * created by BpPcscReader's connect(). Owns its own PC/SC context; calls on
 * one card are serialised. Extended length is offered only when the reader
 * reports a larger buffer (SCARD_ATTR_MAXINPUT); otherwise short APDUs. */
#define BP_TYPE_PCSC_CARD (bp_pcsc_card_get_type ())

G_DECLARE_FINAL_TYPE (BpPcscCard, bp_pcsc_card, BP, PCSC_CARD, GObject)

/* "T=0" or "T=1". */
const char  *bp_pcsc_card_get_protocol   (BpPcscCard    *self);
/* Asks pcscd whether the card is still in the reader. FALSE with @error
 * set when pcscd or the reader failed. */
gboolean     bp_pcsc_card_is_present     (BpPcscCard    *self,
                                          GError       **error);

/* clang-format on */

G_END_DECLS
