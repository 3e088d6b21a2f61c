/* bp-hq-photos.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "bp-hq-db.h"

G_BEGIN_DECLS

/* clang-format off */

/* Largest photo HQ takes, and largest chunk in one PATCH. */
#define BP_HQ_MAX_PHOTO_SIZE (16 * 1024 * 1024)
#define BP_HQ_MAX_CHUNK_SIZE (1024 * 1024)

gboolean bp_hq_photos_handle (BpHqDb            *db,
                              SoupServerMessage *msg,
                              const char        *sha256);

/* clang-format on */

G_END_DECLS
