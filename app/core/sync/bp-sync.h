/* bp-sync.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-store.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

#define BP_SYNC_ERROR (bp_sync_error_quark ())

typedef enum
{
  BP_SYNC_ERROR_FAILED,
  BP_SYNC_ERROR_NOT_CONFIGURED, /* no HQ address, or unreadable certificates */
  BP_SYNC_ERROR_UNREACHABLE,    /* no connection to HQ, or it timed out */
  BP_SYNC_ERROR_NOT_HQ,         /* an answer that is not HQ's (captive portal) */
  BP_SYNC_ERROR_BUSY,           /* HQ asked to come back later (503, 429) */
  BP_SYNC_ERROR_SERVER,         /* HQ answered with an error */
  BP_SYNC_ERROR_AUTH,           /* HQ refused this booth, or its certificate is not HQ's */
  BP_SYNC_ERROR_BAD_PACKAGE,    /* an update package failed verification */
  BP_SYNC_ERROR_STALE_PACKAGE,  /* an update package not newer than the installed one */
} BpSyncError;

typedef enum
{
  BP_SYNC_LINK_UNKNOWN,     /* not tried yet */
  BP_SYNC_LINK_ONLINE,      /* the last attempt reached HQ */
  BP_SYNC_LINK_OFFLINE,     /* HQ could not be reached; retrying */
  BP_SYNC_LINK_ERROR,       /* something answered, but not as HQ should; retrying */
  BP_SYNC_LINK_AUTH_FAILED, /* HQ refused the booth: no retries until reconfigured or sync now */
  BP_SYNC_LINK_DISABLED,    /* sync is switched off or not configured */
} BpSyncLinkState;

/* Where HQ is and how to prove who we are. Every path may be NULL:
 * without ca_file the system's CAs are used (tests over plain HTTP);
 * without update_public_key_file no update package is downloaded. */
typedef struct
{
  const char *hq_url;                  /* "https://hq.example:8443" */
  const char *ca_file;                 /* PEM: the only CA trusted for HQ */
  const char *certificate_file;        /* PEM: this booth's client certificate */
  const char *key_file;                /* PEM: its private key */
  const char *update_public_key_file;  /* PEM: key that signs update packages */
  const char *packages_dir;            /* where verified payloads are written */
  const char *booth_id;                /* NULL: the certificate's CN */
} BpSyncConfig;

#define BP_TYPE_SYNC_LINK_STATE (bp_sync_link_state_get_type ())
#define BP_TYPE_SYNC (bp_sync_get_type ())

G_DECLARE_FINAL_TYPE (BpSync, bp_sync, BP, SYNC, GObject)

GQuark           bp_sync_error_quark           (void);
GType            bp_sync_link_state_get_type   (void) G_GNUC_CONST;

/* A sync client for @store. It does nothing until configured and
 * enabled, or asked for one attempt. Main thread only. */
BpSync          *bp_sync_new                   (BpStore        *store) G_GNUC_WARN_UNUSED_RESULT;

/* Loads the certificates and builds the HTTP session. Clears an
 * authentication alert and restarts the backoff. */
gboolean         bp_sync_configure             (BpSync         *self,
                                                const BpSyncConfig *config,
                                                GError        **error);

/* Automatic sync: attempts now, then after every new crossing, every
 * few minutes, and at once when the network comes back; failures back
 * off exponentially (1 s … 15 min, full jitter, Retry-After honoured). */
void             bp_sync_set_enabled           (BpSync         *self,
                                                gboolean        enabled);
gboolean         bp_sync_get_enabled           (BpSync         *self);

/* Reads queue depth, problem count, last success and last error from
 * the (open) store into the properties, without contacting HQ. */
void             bp_sync_refresh               (BpSync         *self);

/* Starts an attempt now, also after an authentication failure. */
void             bp_sync_sync_now              (BpSync         *self);

/* One full attempt: health, photos, batches, update packages. Fails
 * when HQ could not be reached or refused; items HQ answered for are
 * recorded either way. */
void             bp_sync_run_once_async        (BpSync         *self,
                                                GCancellable   *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer        user_data);
gboolean         bp_sync_run_once_finish       (BpSync         *self,
                                                GAsyncResult   *result,
                                                GError        **error);

gint64           bp_sync_get_queue_depth       (BpSync         *self);
gint64           bp_sync_get_problem_count     (BpSync         *self);
GDateTime       *bp_sync_get_last_success      (BpSync         *self);
BpSyncLinkState  bp_sync_get_link_state        (BpSync         *self);
const char      *bp_sync_get_last_error        (BpSync         *self);
gboolean         bp_sync_get_busy              (BpSync         *self);
/* What the booth's alert list is at, for IT staff: "Installed full
 * alert list version 5." or "The alert list needs a full reload;
 * fetching it from headquarters.". NULL before anything is known. */
const char      *bp_sync_get_update_status     (BpSync         *self);

/* Records that the installed @kind ("alert-list") cannot take the
 * deltas HQ offers (BP_WATCHLIST_ERROR_NEEDS_FULL_RELOAD, or the list
 * is missing or damaged), and starts an attempt at once that fetches
 * the newest full package, then the deltas after it. The old list stays
 * in use until then. The mark is kept in the store until the full
 * package is installed, so failed downloads are retried with the usual
 * backoff, also after a restart. */
void             bp_sync_request_full_reload   (BpSync         *self,
                                                const char     *kind);

/* clang-format on */

G_END_DECLS
