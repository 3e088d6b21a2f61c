/* bp-hq-db.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

/* clang-format off */

#define BP_HQ_SCHEMA_VERSION 1

typedef struct _BpHqDb BpHqDb;

/* One unit of work run inside a transaction; it may be run a second time
 * after a reconnect, so it must start from a clean state each time. */
typedef gboolean (*BpHqDbWork) (BpHqDb   *db,
                                gpointer  user_data,
                                GError  **error);

BpHqDb   *bp_hq_db_open        (const char   *conninfo,
                                GError      **error);
void      bp_hq_db_free        (BpHqDb       *self);
gboolean  bp_hq_db_transaction (BpHqDb       *self,
                                BpHqDbWork    work,
                                gpointer      user_data,
                                GError      **error);
gboolean  bp_hq_db_single      (BpHqDb       *self,
                                BpHqDbWork    work,
                                gpointer      user_data,
                                GError      **error);
PGresult *bp_hq_db_query       (BpHqDb       *self,
                                const char   *sql,
                                int           n_params,
                                const char  **values,
                                const int    *lengths,
                                const int    *formats,
                                GError      **error);
PGresult *bp_hq_db_query_prepared (BpHqDb     *self,
                                    const char *name,
                                    const char *sql,
                                    int         n_params,
                                    const char **values,
                                    const int  *lengths,
                                    const int  *formats,
                                    GError    **error);
gboolean  bp_hq_db_exec        (BpHqDb       *self,
                                const char   *sql,
                                GError      **error);

/* Defined in bp-hq-schema.c: the numbered schema migrations. */
const char *const *_bp_hq_schema_migrations (guint *n_migrations);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpHqDb, bp_hq_db_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

/* clang-format on */

G_END_DECLS
