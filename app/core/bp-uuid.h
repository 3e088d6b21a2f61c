/* bp-uuid.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* RFC 9562 version 7: 48-bit Unix milliseconds, then random bits; sorts by time. */
char        *bp_uuid_v7_new        (void) G_GNUC_WARN_UNUSED_RESULT;
char        *bp_uuid_v7_new_at     (gint64 unix_ms) G_GNUC_WARN_UNUSED_RESULT;
gboolean     bp_uuid_is_valid      (const char *uuid);
const char  *bp_uuid_get_boot_id   (void);

/* clang-format on */

G_END_DECLS
