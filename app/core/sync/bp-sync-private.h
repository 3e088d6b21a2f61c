/* bp-sync-private.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "bp-sync-package.h"
#include "bp-sync-select.h"
#include "bp-sync-wire.h"
#include "bp-sync.h"

G_BEGIN_DECLS

struct _BpSync
{
  GObject parent_instance;

  BpStore *store;

  /* Configuration */
  SoupSession *session;
  GTlsCertificate *client_certificate;
  char *hq_url; /* without a trailing slash */
  char *booth_id;
  char *update_public_key_file;
  char *packages_dir;
  gboolean enabled;

  /* What the GUI shows */
  gint64 queue_depth;
  gint64 problem_count;
  GDateTime *last_success;
  BpSyncLinkState link_state;
  char *last_error;
  char *update_status; /* of the alert list, in plain words */
  gboolean busy;
  gboolean package_rejected; /* in the current attempt */

  /* Retries. Delays are timeouts on the main loop, which counts in
   * monotonic time: a wall clock jump neither stalls nor floods. */
  guint failures;
  gint64 retry_after_ms; /* from HQ's last Retry-After, 0 when none */
  guint base_delay_ms;
  guint max_delay_ms;
  guint next_delay_ms; /* the last delay chosen, for tests */
  guint retry_source;
  guint poke_source;
  gboolean again; /* sync-now while an attempt runs */
  GCancellable *cancellable;
  GNetworkMonitor *monitor;
  gulong network_changed_id;
  gulong recent_changed_id;
  gint64 last_full_reload_us; /* monotonic; 0 when none in this run of the program */
};

/* bp-sync-http.c */

/* A request to HQ at @path (starting with "/"), with the booth's
 * certificate offered when HQ asks for it. */
SoupMessage *_bp_sync_message_new (BpSync *self,
                                   const char *method,
                                   const char *path) G_GNUC_WARN_UNUSED_RESULT;

/* Sends @msg and reads the whole body. Transport failures become
 * BP_SYNC_ERROR_UNREACHABLE, and TLS failures BP_SYNC_ERROR_AUTH. */
void _bp_sync_send_async (BpSync *self,
                          SoupMessage *msg,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data);
GBytes *_bp_sync_send_finish (BpSync *self,
                              GAsyncResult *result,
                              GError **error);
/* The message sent, from the result given to the callback. */
SoupMessage *_bp_sync_send_get_message (GAsyncResult *result);

/* Checks that @msg got a 2xx HQ answer and returns its object; maps
 * everything else to a BP_SYNC_ERROR and notes Retry-After. */
JsonObject *_bp_sync_check_answer (BpSync *self,
                                   SoupMessage *msg,
                                   GBytes *body,
                                   GError **error);

/* bp-sync-attempt.c */

/* Health, photos and batches until the queue is empty or no progress
 * is made. */
void _bp_sync_attempt_async (BpSync *self,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data);
gboolean _bp_sync_attempt_finish (BpSync *self,
                                  GAsyncResult *result,
                                  GError **error);

/* bp-sync-updates.c */

/* Downloads, verifies and installs new packages of every kind. A bad
 * package is reported (signal and last error) but does not fail. */
void _bp_sync_updates_async (BpSync *self,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data);
gboolean _bp_sync_updates_finish (BpSync *self,
                                  GAsyncResult *result,
                                  GError **error);

/* bp-sync.c: property setters that notify. */

void _bp_sync_set_link_state (BpSync *self,
                              BpSyncLinkState state);
void _bp_sync_set_busy (BpSync *self,
                        gboolean busy);
void _bp_sync_set_counts (BpSync *self,
                          gint64 queue_depth,
                          gint64 problem_count);
void _bp_sync_set_last_success (BpSync *self,
                                GDateTime *when);

void _bp_sync_set_last_error (BpSync *self,
                              const char *message);
/* From sync_state @state, the update status shown to IT staff. */
void _bp_sync_set_update_status_from_state (BpSync *self,
                                            GHashTable *state);
void _bp_sync_emit_package_installed (BpSync *self,
                                      const char *kind,
                                      gint64 version,
                                      const char *path);
void _bp_sync_emit_package_rejected (BpSync *self,
                                     const char *kind,
                                     gint64 version,
                                     const char *message);

/* For tests: the delays between failed attempts, and the last chosen. */
void _bp_sync_set_delays (BpSync *self,
                          guint base_ms,
                          guint max_ms);
guint _bp_sync_get_next_delay (BpSync *self);

G_END_DECLS
