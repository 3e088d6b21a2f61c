/* bp-store.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-crossing.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

#define BP_STORE_SCHEMA_VERSION 2

#define BP_STORE_ERROR (bp_store_error_quark ())

typedef enum
{
  BP_STORE_ERROR_FAILED,
  BP_STORE_ERROR_NOT_OPEN,
  BP_STORE_ERROR_READ_ONLY,  /* disk or file not writable */
  BP_STORE_ERROR_DISK_FULL,
  BP_STORE_ERROR_LOCKED,     /* another process holds the database */
  BP_STORE_ERROR_CORRUPT,    /* not a database, or damaged */
  BP_STORE_ERROR_TOO_NEW,    /* written by a newer Borderpost */
} BpStoreError;

#define BP_TYPE_STORE (bp_store_get_type ())

G_DECLARE_FINAL_TYPE (BpStore, bp_store, BP, STORE, GObject)

GQuark       bp_store_error_quark          (void);

/* Where a booth keeps its crossings unless configured otherwise:
 * $BORDERPOST_DATABASE, else <user data dir>/borderpost/borderpost.sqlite. */
char        *bp_store_dup_default_path     (void) G_GNUC_WARN_UNUSED_RESULT;

/* path may be ":memory:". Nothing touches the disk before open. */
BpStore     *bp_store_new                  (const char           *path) G_GNUC_WARN_UNUSED_RESULT;
const char  *bp_store_get_path             (BpStore              *self);
int          bp_store_get_schema_version   (BpStore              *self);

void         bp_store_open_async           (BpStore              *self,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean     bp_store_open_finish          (BpStore              *self,
                                            GAsyncResult         *result,
                                            GError              **error);

/* Writes the crossing and its outbox row in one durable transaction
 * (synchronous=FULL). On success the crossing is prepended to the
 * recent model; on failure nothing is written and nothing changes. */
void         bp_store_save_crossing_async  (BpStore              *self,
                                            BpCrossing           *crossing,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean     bp_store_save_crossing_finish (BpStore              *self,
                                            GAsyncResult         *result,
                                            GError              **error);

/* Newest first. search matches document number or name (case-insensitive
 * substring); NULL or "" lists everything. limit 0 means no limit. */
void         bp_store_list_crossings_async (BpStore              *self,
                                            const char           *search,
                                            guint                 limit,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
GListModel  *bp_store_list_crossings_finish (BpStore             *self,
                                            GAsyncResult         *result,
                                            GError              **error);

/* Number of outbox rows not yet synced. */
void         bp_store_count_outbox_async   (BpStore              *self,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gint64       bp_store_count_outbox_finish  (BpStore              *self,
                                            GAsyncResult         *result,
                                            GError              **error);

/* A live GListModel of BpCrossing, newest first: loaded on open
 * (the last few hundred), prepended after each save. Main thread only. */
GListModel  *bp_store_get_recent           (BpStore              *self);

/* Blocking helpers for the command line and tests: they run the same
 * code on the worker and wait for it. Not for the GUI. */
gboolean     bp_store_open_sync            (BpStore              *self,
                                            GError              **error);
gboolean     bp_store_save_crossing_sync   (BpStore              *self,
                                            BpCrossing           *crossing,
                                            GError              **error);
GListModel  *bp_store_list_crossings_sync  (BpStore              *self,
                                            const char           *search,
                                            guint                 limit,
                                            GError              **error);
gint64       bp_store_count_outbox_sync    (BpStore              *self,
                                            GError              **error);

/* clang-format on */

G_END_DECLS
