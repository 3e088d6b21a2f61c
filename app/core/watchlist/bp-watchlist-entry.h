/* bp-watchlist-entry.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

#define BP_WATCHLIST_ERROR (bp_watchlist_error_quark ())

typedef enum
{
  BP_WATCHLIST_ERROR_FAILED,
  BP_WATCHLIST_ERROR_INVALID,            /* a bad line in an import file */
  BP_WATCHLIST_ERROR_NEEDS_FULL_RELOAD,  /* a delta that does not follow the installed version */
  BP_WATCHLIST_ERROR_CORRUPT,            /* a damaged or truncated index */
  BP_WATCHLIST_ERROR_TOO_NEW,            /* an index written by a newer Borderpost */
  BP_WATCHLIST_ERROR_IO,
} BpWatchlistError;

typedef enum
{
  BP_WATCHLIST_KIND_DOCUMENT,
  BP_WATCHLIST_KIND_PERSON,
} BpWatchlistKind;

/* A date as precise as it is known: 0 for an unknown part.
 * Packed as year << 9 | month << 5 | day. */
typedef guint32 BpWatchlistDate;

#define BP_WATCHLIST_DATE(y, m, d) (((guint32) (y) << 9) | ((guint32) (m) << 5) | (guint32) (d))
#define BP_WATCHLIST_DATE_YEAR(x)  ((x) >> 9)
#define BP_WATCHLIST_DATE_MONTH(x) (((x) >> 5) & 0xf)
#define BP_WATCHLIST_DATE_DAY(x)   ((x) & 0x1f)

/* One line of an alert list, as imported. Strings are NULL when absent. */
typedef struct
{
  char             *id;
  char             *list;
  BpWatchlistKind   kind;
  gboolean          deleted;          /* "op": "delete" in a delta */
  char             *document_number;
  char             *document_type;
  char             *issuing_state;
  char             *family_name;
  char             *given_names;
  char             *birth_date;       /* as written: YYYY, YYYY-MM or YYYY-MM-DD */
  char             *nationality;
  char             *sex;
  char             *reason;
  char             *action;
  char             *valid_until;
} BpWatchlistEntry;

/* A parsed import file: an optional header line and the entries. */
typedef struct
{
  char       *list;            /* from the header or --list; NULL if several lists */
  guint       version;         /* 0 when the file does not say */
  guint       base_version;    /* deltas only */
  gint64      updated;         /* Unix time; kept in the installed copy */
  gboolean    has_header;
  gboolean    delta;
  GPtrArray  *entries;         /* BpWatchlistEntry */
} BpWatchlistImport;

GQuark             bp_watchlist_error_quark     (void);

void               bp_watchlist_entry_free      (BpWatchlistEntry        *entry);
BpWatchlistEntry  *bp_watchlist_entry_copy      (const BpWatchlistEntry  *entry) G_GNUC_WARN_UNUSED_RESULT;
/* One JSON object on one line, without a line end. */
char              *bp_watchlist_entry_to_json   (const BpWatchlistEntry  *entry) G_GNUC_WARN_UNUSED_RESULT;

/* Reads "YYYY", "YYYY-MM", "YYYY-MM-DD" (and "XX" for an unknown month or
 * day). FALSE if it is none of those or not a real date. */
gboolean           bp_watchlist_date_parse      (const char              *text,
                                                 BpWatchlistDate         *date);
char              *bp_watchlist_date_format     (BpWatchlistDate          date) G_GNUC_WARN_UNUSED_RESULT;

/* Reads a JSON Lines import. list, when not NULL, names the list of every
 * entry (entries that name another list are an error). Any bad line fails
 * the whole import, with its line number in the message. */
BpWatchlistImport *bp_watchlist_import_parse    (const char              *data,
                                                 gsize                    length,
                                                 const char              *list,
                                                 gboolean                 delta,
                                                 GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
void               bp_watchlist_import_free     (BpWatchlistImport       *import);

/* TRUE for names usable as list names (and file names): 1–32 of a–z, 0–9, _ and -. */
gboolean           bp_watchlist_list_name_is_valid (const char           *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpWatchlistEntry, bp_watchlist_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpWatchlistImport, bp_watchlist_import_free)

/* clang-format on */

G_END_DECLS
