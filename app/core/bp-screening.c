/* bp-screening.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-screening"

#include "config.h"

#include "bp-screening.h"

static void
screen_thread (GTask *task,
               gpointer source_object,
               gpointer task_data,
               GCancellable *cancellable)
{
  BpWatchlist *watchlist = source_object;
  BpMrz *mrz = task_data;
  BpWatchlistQuery query;
  BpWatchlistResult *result;

  bp_watchlist_query_init_from_mrz (&query, mrz);
  result = bp_watchlist_screen (watchlist, &query);

  if (g_task_return_error_if_cancelled (task))
    bp_watchlist_result_free (result);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) bp_watchlist_result_free);
}

void
bp_screening_run_async (BpWatchlist *watchlist,
                        BpMrz *mrz,
                        GCancellable *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (BP_IS_WATCHLIST (watchlist));
  g_return_if_fail (mrz != NULL);

  task = g_task_new (watchlist, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_screening_run_async);
  g_task_set_task_data (task, bp_mrz_ref (mrz), (GDestroyNotify) bp_mrz_unref);
  g_task_run_in_thread (task, screen_thread);
}

BpWatchlistResult *
bp_screening_run_finish (GAsyncResult *result,
                         GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
