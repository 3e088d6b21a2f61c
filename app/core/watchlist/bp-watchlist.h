/* bp-watchlist.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-check.h"
#include "bp-mrz.h"
#include "bp-watchlist-entry.h"
#include "bp-watchlist-match.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

#define BP_TYPE_WATCHLIST (bp_watchlist_get_type ())

G_DECLARE_FINAL_TYPE (BpWatchlist, bp_watchlist, BP, WATCHLIST, GObject)

/* One installed list. */
typedef struct
{
  char    *name;
  guint    version;
  guint    n_entries;
  gint64   updated;   /* Unix time of its last import */
} BpWatchlistListStatus;

/* The outcome of one screening. */
typedef struct
{
  GPtrArray  *hits;      /* BpWatchlistHit, best first */
  GPtrArray  *lists;     /* BpWatchlistListStatus of every list screened */
} BpWatchlistResult;

/* $BORDERPOST_LISTS_DIR, else <user data dir>/borderpost/lists. */
char              *bp_watchlist_dup_default_dir   (void) G_GNUC_WARN_UNUSED_RESULT;

/* A watchlist over the lists kept in dir. Nothing is read before load. */
BpWatchlist       *bp_watchlist_new               (const char              *dir) G_GNUC_WARN_UNUSED_RESULT;
const char        *bp_watchlist_get_dir           (BpWatchlist             *self);

/* Maps the index, rebuilding it first from the installed lists when it
 * is missing, damaged or older than them. No lists is not an error. */
gboolean           bp_watchlist_load              (BpWatchlist             *self,
                                                   GError                 **error);
/* The same on a worker: mapping and checking a large index reads it
 * whole once. Screening before it finishes finds no list installed. */
void               bp_watchlist_load_async        (BpWatchlist             *self,
                                                   GCancellable            *cancellable,
                                                   GAsyncReadyCallback      callback,
                                                   gpointer                 user_data);
gboolean           bp_watchlist_load_finish       (BpWatchlist             *self,
                                                   GAsyncResult            *result,
                                                   GError                 **error);

typedef enum
{
  BP_WATCHLIST_IMPORT_FULL = 0,
  /* Add, change and delete entries by id, on the installed version. */
  BP_WATCHLIST_IMPORT_DELTA = 1 << 0,
  /* A full list replaces the installed one even when its version is
   * older: headquarters' signed package is the authority, where a file an
   * operator imports by hand must not roll a list back. */
  BP_WATCHLIST_IMPORT_ANY_VERSION = 1 << 1,
} BpWatchlistImportFlags;

/* Imports a JSON Lines file (see data/alert-lists.md). A full import
 * replaces each list it names, unless the installed version is newer
 * (BP_WATCHLIST_ERROR_INVALID; see BP_WATCHLIST_IMPORT_ANY_VERSION); a
 * delta must start from the installed, undamaged version, else it fails
 * with BP_WATCHLIST_ERROR_NEEDS_FULL_RELOAD. One bad line fails the whole
 * import and nothing changes. The index is rebuilt beside the old one and
 * swapped in; screenings already running keep the old one. */
gboolean           bp_watchlist_import_data       (BpWatchlist             *self,
                                                   const char              *data,
                                                   gsize                    length,
                                                   const char              *list,
                                                   BpWatchlistImportFlags   flags,
                                                   GError                 **error);
gboolean           bp_watchlist_import_file       (BpWatchlist             *self,
                                                   const char              *path,
                                                   const char              *list,
                                                   BpWatchlistImportFlags   flags,
                                                   GError                 **error);

/* The installed lists (BpWatchlistListStatus), empty when none. */
GPtrArray         *bp_watchlist_get_lists         (BpWatchlist             *self) G_GNUC_WARN_UNUSED_RESULT;
/* When the index in use was built (Unix time; 0 without one), its size. */
gint64             bp_watchlist_get_built         (BpWatchlist             *self);
gsize              bp_watchlist_get_index_size    (BpWatchlist             *self);
guint              bp_watchlist_get_n_entries     (BpWatchlist             *self);

/* Screens a traveller or document against every installed list. Safe to
 * call from several threads at once. */
BpWatchlistResult *bp_watchlist_screen            (BpWatchlist             *self,
                                                   const BpWatchlistQuery  *query) G_GNUC_WARN_UNUSED_RESULT;

/* Fills query from a machine readable zone (strings borrowed from mrz). */
void               bp_watchlist_query_init_from_mrz (BpWatchlistQuery     *query,
                                                     const BpMrz          *mrz);

void               bp_watchlist_result_free       (BpWatchlistResult       *result);
void               bp_watchlist_list_status_free  (BpWatchlistListStatus   *status);
/* "national 3, sltd 12": the lists and versions that screened. */
char              *bp_watchlist_result_dup_lists_text (const BpWatchlistResult *result) G_GNUC_WARN_UNUSED_RESULT;

/* The "alert-lists" check of a crossing: FAILED with a hit, PASSED when
 * screened clean, NOT_PERFORMED when no list is installed. The message
 * names the lists and versions that screened the traveller. */
BpCheck           *bp_watchlist_result_to_check   (const BpWatchlistResult *result) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpWatchlistResult, bp_watchlist_result_free)

/* clang-format on */

G_END_DECLS
