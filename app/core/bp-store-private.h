/* bp-store-private.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "bp-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* What was being attempted, so that an error says what did not happen. */
typedef enum
{
  BP_STORE_OP_OPEN,
  BP_STORE_OP_SAVE,
  BP_STORE_OP_READ,
} BpStoreOp;

/* Fills @error from a SQLite result code (extended codes welcome),
 * choosing the BP_STORE_ERROR_* code and words an officer or IT person
 * can act on. Always returns FALSE, for "return set_error (…);". */
gboolean _bp_store_set_error_from_sqlite (GError **error,
                                          sqlite3 *db,
                                          int rc,
                                          BpStoreOp op,
                                          const char *path);

BpStoreError _bp_store_error_code_from_sqlite (int rc,
                                               int system_errno);

/* Reads PRAGMA user_version. Returns -1 and sets @error on failure. */
int _bp_store_read_user_version (sqlite3 *db,
                                 const char *path,
                                 GError **error);

/* Brings the schema of @db up to @target_version (at most
 * BP_STORE_SCHEMA_VERSION), one transaction per step. Tests use a target
 * below the current version to build databases as older releases did. */
gboolean _bp_store_migrate (sqlite3 *db,
                            const char *path,
                            int target_version,
                            GError **error);

/* Runs one SQL statement without parameters on the store's worker.
 * For tests and benchmarks that need a PRAGMA on the store's own
 * connection (max_page_count, synchronous, busy_timeout). */
gboolean _bp_store_exec_sync (BpStore *self,
                              const char *sql,
                              GError **error);

G_END_DECLS
