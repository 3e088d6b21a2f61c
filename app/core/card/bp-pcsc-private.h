/* bp-pcsc-private.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <winscard.h>

#include "bp-card.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* Sets @error from a PC/SC return value; @what says what was tried. */
void     _bp_pcsc_set_error      (GError       **error,
                                  LONG           rv,
                                  const char    *what);
/* Takes ownership of @context and @handle. */
BpCard  *_bp_pcsc_card_new       (SCARDCONTEXT   context,
                                  SCARDHANDLE    handle,
                                  DWORD          protocol,
                                  const char    *reader_name);

/* clang-format on */

G_END_DECLS
