/* bp-hq-updates.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* clang-format off */

void bp_hq_updates_handle (const char        *updates_dir,
                           SoupServerMessage *msg,
                           const char        *subpath);

/* clang-format on */

G_END_DECLS
