/* bp-sync-wire.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "bp-crossing.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* The protocol name every HQ success body carries. */
#define BP_SYNC_API "borderpost-hq/1"

/* Largest batch the booth sends (protocol: at most 500 items or 4 MiB). */
#define BP_SYNC_BATCH_MAX_ITEMS 500
#define BP_SYNC_BATCH_MAX_BYTES (4 * 1024 * 1024)

/* The crossing as one batch item: the core's crossing JSON plus
 * "photo_sha256" and "content_sha256" (SHA-256 hex of the canonical
 * JSON of the item without that member). Thread-safe. */
char        *bp_sync_item_to_json        (BpCrossing   *crossing) G_GNUC_WARN_UNUSED_RESULT;

/* A batch body from item JSON texts: {"booth_id": …, "items": [ … ]}. */
GBytes      *bp_sync_batch_body_new      (const char   *booth_id,
                                          GPtrArray    *items_json) G_GNUC_WARN_UNUSED_RESULT;

/* Parses @bytes as an HQ success body: a JSON object whose "api" is
 * BP_SYNC_API. Returns NULL otherwise (a captive portal's page, say). */
JsonObject  *bp_sync_parse_envelope      (GBytes       *bytes) G_GNUC_WARN_UNUSED_RESULT;

/* Type-checked member access for untrusted JSON. */
const char  *bp_sync_json_get_string     (JsonObject   *object,
                                          const char   *name);
gboolean     bp_sync_json_get_int        (JsonObject   *object,
                                          const char   *name,
                                          gint64       *value);
JsonArray   *bp_sync_json_get_array      (JsonObject   *object,
                                          const char   *name);

/* clang-format on */

G_END_DECLS
