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

/* bp-store-errors.c */

/* Fills @error from a SQLite result code (extended codes welcome),
 * choosing the BP_STORE_ERROR_* code and words an officer or IT person
 * can act on. Always returns FALSE, for "return set_error (…);". */
gboolean _bp_store_set_error_from_sqlite (GError **error,
                                          sqlite3 *db,
                                          int rc,
                                          BpStoreOp op,
                                          const char *path);

/* Fills @error with the words for @code and @op, naming @path; @detail,
 * when given, is appended for IT. Always returns FALSE. */
gboolean _bp_store_set_error (GError **error,
                              BpStoreError code,
                              BpStoreOp op,
                              const char *path,
                              const char *detail);

BpStoreError _bp_store_error_code_from_sqlite (int rc,
                                               int system_errno);

BpStoreError _bp_store_error_code_from_errno (int errsv);

/* bp-store-sql.c */

/* One open connection with its prepared statements. Not thread-safe:
 * the store uses it on its worker thread only. */
typedef struct _BpStoreSql BpStoreSql;

/* Opens or creates the database at @path (or ":memory:"), sets its
 * pragmas, brings its schema up to date and prepares the statements. */
BpStoreSql *_bp_store_sql_open (const char *path,
                                GError **error) G_GNUC_WARN_UNUSED_RESULT;
void _bp_store_sql_close (BpStoreSql *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpStoreSql, _bp_store_sql_close)

/* Validates @crossing and writes it with its outbox row in one durable
 * transaction. On failure nothing is written. */
gboolean _bp_store_sql_save_crossing (BpStoreSql *self,
                                      BpCrossing *crossing,
                                      gint64 *sequence,
                                      GError **error);

/* Adds crossings to @into, newest first. @search matches document number
 * or name; NULL or "" lists everything. @limit 0 means no limit. */
gboolean _bp_store_sql_list_crossings (BpStoreSql *self,
                                       const char *search,
                                       guint limit,
                                       GPtrArray *into,
                                       GError **error);

/* Counts the outbox rows not yet synced. */
gboolean _bp_store_sql_count_outbox (BpStoreSql *self,
                                     gint64 *count,
                                     GError **error);

/* The columns crossing_from_row() reads, in its order, for queries that
 * join other tables; every name is unique across crossings and outbox. */
#define BP_STORE_CROSSING_COLUMNS                                        \
  "sequence, uuid, boot_id, booth_id, officer_id, direction,"            \
  " recorded_at_us, mrz, document_format, document_code, issuing_state," \
  " document_number, nationality, primary_identifier,"                   \
  " secondary_identifier, birth_date, sex, expiry_date, checks_json,"    \
  " decision, reasons, note, photo, supersedes"
#define BP_STORE_N_CROSSING_COLUMNS 24

/* Reads one row selected with BP_STORE_CROSSING_COLUMNS first. */
BpCrossing *_bp_store_sql_crossing_from_row (BpStoreSql *self,
                                             sqlite3_stmt *stmt,
                                             GError **error) G_GNUC_WARN_UNUSED_RESULT;

sqlite3 *_bp_store_sql_get_db (BpStoreSql *self);
const char *_bp_store_sql_get_path (BpStoreSql *self);

/* Runs one statement without parameters. */
gboolean _bp_store_sql_exec (BpStoreSql *self,
                             const char *sql,
                             GError **error);

/* bp-store-migrations.c */

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

/* bp-store.c */

/* Runs on the store's worker thread; must not touch main-thread objects. */
typedef gboolean (*BpStoreWorkFunc) (BpStore *self,
                                     gpointer data,
                                     GError **error);

/* Queues @work on the worker; @callback gets a GTask whose task data is
 * @data and whose boolean result says whether @work succeeded. */
void _bp_store_run_async (BpStore *self,
                          gpointer source_tag,
                          BpStoreWorkFunc work,
                          gpointer data,
                          GDestroyNotify data_free,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data);

/* Runs @work on the worker and waits for it. */
gboolean _bp_store_run_sync (BpStore *self,
                             BpStoreWorkFunc work,
                             gpointer data,
                             GError **error);

/* The open connection, for work running on the worker; NULL with
 * BP_STORE_ERROR_NOT_OPEN when the store is not open. */
BpStoreSql *_bp_store_get_sql (BpStore *self,
                               GError **error);

/* Runs one SQL statement without parameters on the store's worker.
 * For tests and benchmarks that need a PRAGMA on the store's own
 * connection (max_page_count, synchronous, busy_timeout). */
gboolean _bp_store_exec_sync (BpStore *self,
                              const char *sql,
                              GError **error);

/* Runs SQL with no result rows; errors are mapped as for opening. */
gboolean _bp_store_exec_sql (sqlite3 *db,
                             const char *sql,
                             const char *path,
                             GError **error);

/* bp-store-outbox.c */

/* Helpers for the sync calls, on the worker: errors are mapped as for
 * reading (prepare) or saving (the rest). */
sqlite3_stmt *_bp_store_outbox_prepare (BpStoreSql *sql,
                                        const char *text,
                                        GError **error);
gboolean _bp_store_outbox_sql_failed (BpStoreSql *sql,
                                      int rc,
                                      BpStoreOp op,
                                      GError **error);
gboolean _bp_store_outbox_begin (BpStoreSql *sql,
                                 GError **error);
gboolean _bp_store_outbox_commit (BpStoreSql *sql,
                                  GError **error);
void _bp_store_outbox_rollback (BpStoreSql *sql);

/* Shifts the wall clock the outbox sees, for tests of clock jumps. */
void _bp_store_set_clock_offset (gint64 usec);

G_END_DECLS
