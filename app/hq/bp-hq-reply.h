/* bp-hq-reply.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* clang-format off */

JsonBuilder *bp_hq_reply_begin    (void);
char        *bp_hq_reply_end      (JsonBuilder       *builder);
void         bp_hq_reply_text     (SoupServerMessage *msg,
                                   guint              status,
                                   const char        *json_text);
void         bp_hq_reply_json     (SoupServerMessage *msg,
                                   guint              status,
                                   JsonBuilder       *builder);
void         bp_hq_reply_error    (SoupServerMessage *msg,
                                   guint              status,
                                   const char        *code,
                                   const char        *message);
void         bp_hq_reply_gerror   (SoupServerMessage *msg,
                                   const GError      *error);
char        *bp_hq_sha256_hex     (const void        *data,
                                   gsize              len);
gboolean     bp_hq_is_sha256_hex  (const char        *str);
char        *bp_hq_now_utc        (void);

/* clang-format on */

G_END_DECLS
