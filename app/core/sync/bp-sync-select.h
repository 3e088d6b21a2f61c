/* bp-sync-select.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* One package of HQ's update listing, chosen for download. */
typedef struct
{
  gint64 version;
  gint64 base_version;  /* -1 for a full package */
} BpSyncPick;

/* Chooses which packages of HQ's listing @packages (UpdatePackage
 * objects, see data/hq-api.yaml) to download, in order, for a booth
 * whose installed version is @installed_version (0 when none).
 *
 * Normally: every package newer than that whose base is the version
 * before it (a full package fits anywhere). A delta that does not fit
 * ends the chain, and unless a full package comes after it,
 * *@needs_full is set: only a full list can bring the booth back.
 *
 * With @full_reload: the newest full package, whatever is installed,
 * then the deltas that follow on from it, up to any gap; *@needs_full
 * is set only when the listing holds no full package. Returns an array
 * of BpSyncPick. */
GArray         *bp_sync_select_packages      (JsonArray      *packages,
                                              gint64          installed_version,
                                              gboolean        full_reload,
                                              gboolean       *needs_full) G_GNUC_WARN_UNUSED_RESULT;

/* Keys of the store's sync_state for packages of @kind. */
char           *bp_sync_version_key          (const char     *kind) G_GNUC_WARN_UNUSED_RESULT;
char           *bp_sync_full_version_key     (const char     *kind) G_GNUC_WARN_UNUSED_RESULT;
char           *bp_sync_full_reload_key      (const char     *kind) G_GNUC_WARN_UNUSED_RESULT;
/* A number kept in sync_state @state under @key (a version); FALSE when
 * there is none or it is not a number. */
gboolean        bp_sync_state_lookup_int     (GHashTable     *state,
                                              const char     *key,
                                              gint64         *value);

/* What sync_state @state says about packages of @kind, in plain words
 * for IT staff ("The alert list needs a full reload; fetching it from
 * headquarters."), or NULL when nothing of @kind was ever installed. */
char           *bp_sync_dup_update_status    (GHashTable     *state,
                                              const char     *kind) G_GNUC_WARN_UNUSED_RESULT;

/* clang-format on */

G_END_DECLS
