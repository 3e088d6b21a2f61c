/* bp-hq-batch.h
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

#define BP_HQ_MAX_BATCH_ITEMS 500
#define BP_HQ_MAX_BATCH_BYTES (8 * 1024 * 1024)

gboolean bp_hq_batch_handle (BpHqDb            *db,
                             SoupServerMessage *msg,
                             const char        *cert_booth_id,
                             gboolean           all_conflict);

/* clang-format on */

G_END_DECLS
