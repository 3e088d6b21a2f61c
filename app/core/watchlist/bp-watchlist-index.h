/* bp-watchlist-index.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-watchlist-entry.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

#define BP_WATCHLIST_INDEX_VERSION 1
#define BP_WATCHLIST_INDEX_FILE    "index.bpwl"

/* The on-disk index, little-endian, every section 8-byte aligned; see
 * data/alert-lists.md for the layout. Fixed-width records and sorted key
 * arrays are read in place from the mapping. */
typedef struct
{
  guint32 id;              /* string offsets; 0 is the empty string */
  guint32 document_number; /* normalised */
  guint32 family_name;     /* as imported, for display */
  guint32 given_names;
  guint32 names;           /* bp_name_set_to_string () form */
  guint32 reason;
  guint32 action;
  guint32 birth_date;      /* BpWatchlistDate */
  guint32 valid_until;     /* BpWatchlistDate */
  char    issuing_state[3];
  char    nationality[3];
  char    document_type[2];
  guint8  list;
  guint8  kind;
  guint8  sex;
  guint8  flags;
} BpWatchlistRecord;

typedef struct
{
  guint32 hash;
  guint32 value;           /* entry number, or a count in the part table */
} BpWatchlistKey;

typedef struct
{
  guint32 name;            /* string offset */
  guint32 version;
  guint32 n_entries;
  guint32 reserved;
  gint64  updated;         /* Unix time of the last import */
} BpWatchlistListInfo;

/* One list going into an index build. */
typedef struct
{
  const char  *name;
  guint        version;
  gint64       updated;
  GPtrArray   *entries;    /* BpWatchlistEntry */
} BpWatchlistBuildList;

typedef struct _BpWatchlistIndex BpWatchlistIndex;

/* Writes an index of the lists to path, through a temporary file in the
 * same directory, fsync and rename, so readers see the old or the new
 * file, never half of one. */
gboolean                   bp_watchlist_index_build       (const char                  *path,
                                                           const BpWatchlistBuildList  *lists,
                                                           guint                        n_lists,
                                                           GError                     **error);

/* Maps and checks an index; a damaged, truncated or foreign file is
 * refused with BP_WATCHLIST_ERROR_CORRUPT. */
BpWatchlistIndex          *bp_watchlist_index_open        (const char                  *path,
                                                           GError                     **error) G_GNUC_WARN_UNUSED_RESULT;
/* The same from bytes in memory (kept referenced). */
BpWatchlistIndex          *bp_watchlist_index_new_from_bytes (GBytes                   *bytes,
                                                           GError                     **error) G_GNUC_WARN_UNUSED_RESULT;
BpWatchlistIndex          *bp_watchlist_index_ref         (BpWatchlistIndex            *self);
void                       bp_watchlist_index_unref       (BpWatchlistIndex            *self);

guint                      bp_watchlist_index_get_n_entries (BpWatchlistIndex          *self);
guint                      bp_watchlist_index_get_n_persons (BpWatchlistIndex          *self);
gint64                     bp_watchlist_index_get_built     (BpWatchlistIndex          *self);
gsize                      bp_watchlist_index_get_size      (BpWatchlistIndex          *self);
guint                      bp_watchlist_index_get_n_lists   (BpWatchlistIndex          *self);
const BpWatchlistListInfo *bp_watchlist_index_get_list      (BpWatchlistIndex          *self,
                                                             guint                      i);
const BpWatchlistRecord   *bp_watchlist_index_get_record    (BpWatchlistIndex          *self,
                                                             guint                      i);
const char                *bp_watchlist_index_get_string    (BpWatchlistIndex          *self,
                                                             guint32                    offset);
/* The keys equal to hash, as a pointer into the index and a count. */
const BpWatchlistKey      *bp_watchlist_index_find_documents (BpWatchlistIndex         *self,
                                                              guint32                   hash,
                                                              guint                    *n);
const BpWatchlistKey      *bp_watchlist_index_find_persons   (BpWatchlistIndex         *self,
                                                              guint32                   hash,
                                                              guint                    *n);
/* How many person entries hold this name part. */
guint                      bp_watchlist_index_part_count     (BpWatchlistIndex         *self,
                                                              const char               *part,
                                                              guint                     len);

/* Hashes shared by the builder and the readers. */
guint32                    bp_watchlist_document_hash        (const char               *folded);
guint32                    bp_watchlist_person_hash          (const char               *key,
                                                              guint                     year);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpWatchlistIndex, bp_watchlist_index_unref)

/* clang-format on */

G_END_DECLS
