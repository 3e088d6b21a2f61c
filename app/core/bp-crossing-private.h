/* bp-crossing-private.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-crossing.h"

G_BEGIN_DECLS

/* A detached copy with every field, identity included. The store writes
 * from a copy so that its worker thread never reads an object the main
 * thread may still be changing. */
BpCrossing *_bp_crossing_copy (BpCrossing *self) G_GNUC_WARN_UNUSED_RESULT;

/* Lower-case hex SHA-256 of the photo, or NULL when there is none. */
char *_bp_crossing_dup_photo_sha256 (BpCrossing *self) G_GNUC_WARN_UNUSED_RESULT;

/* Sets the document fields one by one, as read back from the store. */
void _bp_crossing_set_document (BpCrossing *self,
                                const char *mrz,
                                const char *document_format,
                                const char *document_code,
                                const char *issuing_state,
                                const char *document_number,
                                const char *nationality,
                                const char *primary_identifier,
                                const char *secondary_identifier,
                                const char *birth_date,
                                const char *sex,
                                const char *expiry_date);

/* bp-crossing-json.c */

/* The document format as stored ("TD3", "MRV-A"…), or NULL when unknown. */
const char *_bp_crossing_format_name (BpMrzFormat format);

G_END_DECLS
