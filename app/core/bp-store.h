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

#define BP_STORE_SCHEMA_VERSION 3

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

/* Outbox for sync (bp-store-outbox.c) */

/* What HQ said about one item of a batch. */
typedef enum
{
  BP_OUTBOX_RESULT_ACCEPTED,
  BP_OUTBOX_RESULT_DUPLICATE,     /* HQ already held the same content: delivered */
  BP_OUTBOX_RESULT_CONFLICT,      /* HQ holds different content: final, alert */
  BP_OUTBOX_RESULT_REJECTED,      /* malformed: final, never resent blindly */
  BP_OUTBOX_RESULT_MISSING_PHOTO, /* send the photo, then the item again */
} BpOutboxResult;

/* One queued crossing in a batch. */
typedef struct
{
  gint64      outbox_id;
  char       *uuid;
  char       *photo_sha256; /* NULL when the crossing has no photo */
  GBytes     *photo;        /* set when HQ is not yet known to hold it */
} BpOutboxItem;

/* A batch to send: the exact body and the key it goes under. An
 * unanswered batch is kept in the store and given again, unchanged,
 * until its answer is recorded. */
typedef struct
{
  char       *key;     /* Idempotency-Key, a UUID */
  GBytes     *body;    /* POST /v1/crossings/batch body */
  GPtrArray  *items;   /* of BpOutboxItem, in body order */
  gboolean    resumed; /* sent before without a recorded answer */
} BpOutboxBatch;

typedef struct
{
  char           *uuid;
  BpOutboxResult  result;
  char           *message; /* nullable */
} BpOutboxItemResult;

typedef struct
{
  gint64      pending;
  gint64      delivered;
  gint64      conflict;
  gint64      rejected;
  gint64      photos_pending; /* pending rows whose photo HQ may lack */
  GHashTable *state;          /* sync_state: key → value, both strings */
} BpOutboxStatus;

void           bp_outbox_batch_free              (BpOutboxBatch *batch);
void           bp_outbox_status_free             (BpOutboxStatus *status);
BpOutboxItemResult *bp_outbox_item_result_new    (const char     *uuid,
                                                  BpOutboxResult  result,
                                                  const char     *message);
void           bp_outbox_item_result_free        (BpOutboxItemResult *result);
const char    *bp_outbox_result_to_string        (BpOutboxResult  result);
gboolean       bp_outbox_result_from_string      (const char     *str,
                                                  BpOutboxResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpOutboxBatch, bp_outbox_batch_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpOutboxStatus, bp_outbox_status_free)

/* The oldest unanswered batch other than @exclude_key if there is one,
 * else a new batch of at most @max_items pending crossings and
 * @max_bytes of body, stored with a fresh key before it is returned.
 * NULL with no error: nothing to send. @exclude_key lets the next batch
 * be prepared while the current one is in flight. */
void           bp_store_take_batch_async         (BpStore        *self,
                                                  const char     *booth_id,
                                                  const char     *exclude_key,
                                                  guint           max_items,
                                                  gsize           max_bytes,
                                                  GCancellable   *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer        user_data);
BpOutboxBatch *bp_store_take_batch_finish        (BpStore        *self,
                                                  GAsyncResult   *result,
                                                  GError        **error);

/* Records HQ's answer to batch @key in one transaction: each item's
 * state, HQ's receive time, and the batch's end. Items HQ did not
 * answer for stay pending. @results may be empty, to give up a batch
 * HQ will not take under its key. Items answered missing_photo are held
 * back for @hold_usec. */
void           bp_store_record_batch_async       (BpStore        *self,
                                                  const char     *key,
                                                  const char     *received_at,
                                                  GPtrArray      *results,
                                                  gint64          hold_usec,
                                                  GCancellable   *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer        user_data);
gboolean       bp_store_record_batch_finish      (BpStore        *self,
                                                  GAsyncResult   *result,
                                                  GError        **error);

/* Notes that HQ holds the photos of these outbox rows completely. */
void           bp_store_mark_photos_async        (BpStore        *self,
                                                  GArray         *outbox_ids,
                                                  GCancellable   *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer        user_data);
gboolean       bp_store_mark_photos_finish       (BpStore        *self,
                                                  GAsyncResult   *result,
                                                  GError        **error);

/* Sets sync_state entries from a NULL-terminated list of key, value
 * pairs (a NULL value removes the key), in one transaction. */
void           bp_store_set_sync_state_async     (BpStore        *self,
                                                  const char * const *pairs,
                                                  GCancellable   *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer        user_data);
gboolean       bp_store_set_sync_state_finish    (BpStore        *self,
                                                  GAsyncResult   *result,
                                                  GError        **error);

void           bp_store_get_outbox_status_async  (BpStore        *self,
                                                  GCancellable   *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer        user_data);
BpOutboxStatus *bp_store_get_outbox_status_finish (BpStore       *self,
                                                  GAsyncResult   *result,
                                                  GError        **error);

/* Blocking forms, for the command line and tests. */
BpOutboxBatch *bp_store_take_batch_sync          (BpStore        *self,
                                                  const char     *booth_id,
                                                  const char     *exclude_key,
                                                  guint           max_items,
                                                  gsize           max_bytes,
                                                  GError        **error);
gboolean       bp_store_record_batch_sync        (BpStore        *self,
                                                  const char     *key,
                                                  const char     *received_at,
                                                  GPtrArray      *results,
                                                  gint64          hold_usec,
                                                  GError        **error);
gboolean       bp_store_set_sync_state_sync      (BpStore        *self,
                                                  const char * const *pairs,
                                                  GError        **error);
BpOutboxStatus *bp_store_get_outbox_status_sync  (BpStore        *self,
                                                  GError        **error);

/* clang-format on */

G_END_DECLS
