/* bp-update-apply.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-trust-store.h"
#include "bp-watchlist.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* Applies the payload of an update package that sync has verified and
 * written to disk (BpSync::package-installed): kind "alert-list" is a
 * JSON Lines list, full or delta (a delta's header names its base
 * version); kind "csca" is a master list, certificate or CRL for the trust
 * store. Runs on a worker: a national list can take seconds to index.
 * Packages are applied one at a time, in the order they were passed.
 * A delta that does not fit the installed list (another version, none,
 * or a damaged one) fails with BP_WATCHLIST_ERROR_NEEDS_FULL_RELOAD and
 * changes nothing; the caller then calls bp_sync_request_full_reload(). */
void      bp_update_apply_async  (const char           *kind,
                                  const char           *path,
                                  BpWatchlist          *watchlist,
                                  BpTrustStore         *trust,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
gboolean  bp_update_apply_finish (GAsyncResult         *result,
                                  GError              **error);
/* The same, blocking. */
gboolean  bp_update_apply        (const char           *kind,
                                  const char           *path,
                                  BpWatchlist          *watchlist,
                                  BpTrustStore         *trust,
                                  GError              **error);

/* clang-format on */

G_END_DECLS
