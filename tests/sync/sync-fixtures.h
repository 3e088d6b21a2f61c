/* sync-fixtures.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Stores filled with crossings, shared by the sync tests.
 */

#pragma once

#include <glib/gstdio.h>

#include "bp-store-private.h"

#include "../crossing-fixtures.h"
#include "../tmp-dir.h"

/* Saves @n crossings; every @photo_every-th has a photo of @photo_size
 * bytes (0: none). */
static inline void
fill_store (BpStore *store,
            guint n,
            guint photo_every,
            gsize photo_size)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *number = g_strdup_printf ("L%08u", i);
      g_autoptr (BpCrossing) crossing = make_crossing (number, "ERIKSSON", "ANNA MARIA");

      if (photo_every > 0 && i % photo_every == 0)
        {
          g_autoptr (GBytes) photo = make_photo (photo_size);

          bp_crossing_set_photo (crossing, photo);
        }

      bp_store_save_crossing_sync (store, crossing, &error);
      g_assert_no_error (error);
    }
}

static inline gint64
pending_count (BpStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpOutboxStatus) status = bp_store_get_outbox_status_sync (store, &error);

  g_assert_no_error (error);

  return status->pending;
}

static inline gint64
query_delivered_with_received_at (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count (*) FROM outbox WHERE state = 'delivered'"
                                           " AND hq_received_at IS NOT NULL AND synced_at IS NOT NULL",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return n;
}
