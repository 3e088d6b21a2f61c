/* bp-screening.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-screening"

#include "config.h"

#include "bp-lds.h"
#include "bp-screening.h"

typedef struct
{
  BpMrz *mrz;
  BpLdsDg11 *dg11; /* NULL: screen the MRZ only */
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->mrz, bp_mrz_unref);
  g_clear_pointer (&job->dg11, bp_lds_dg11_unref);
  g_free (job);
}

static void
screen_thread (GTask *task,
               gpointer source_object,
               gpointer task_data,
               GCancellable *cancellable)
{
  BpWatchlist *watchlist = source_object;
  Job *job = task_data;
  BpWatchlistQuery query;
  BpWatchlistResult *result;
  g_autofree char *family = NULL;
  g_autofree char *given = NULL;
  g_autofree char *birth = NULL;

  bp_watchlist_query_init_from_mrz (&query, job->mrz);
  if (job->dg11 != NULL && job->dg11->full_name != NULL)
    {
      family = bp_lds_dg11_dup_primary_identifier (job->dg11);
      given = bp_lds_dg11_dup_secondary_identifier (job->dg11);
      query.family_name = family;
      query.given_names = given;
      query.name_truncated = FALSE;
      birth = job->dg11->full_birth_date ? bp_lds_date_to_iso (job->dg11->full_birth_date) : NULL;
      if (birth != NULL)
        query.birth_date = birth;
    }
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
  {
    Job *job = g_new0 (Job, 1);

    job->mrz = bp_mrz_ref (mrz);
    g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  }
  g_task_run_in_thread (task, screen_thread);
}

void
bp_screening_run_chip_async (BpWatchlist *watchlist,
                             BpMrz *mrz,
                             BpLdsDg11 *dg11,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  Job *job;

  g_return_if_fail (BP_IS_WATCHLIST (watchlist));
  g_return_if_fail (mrz != NULL);
  g_return_if_fail (dg11 != NULL);

  task = g_task_new (watchlist, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_screening_run_async);
  job = g_new0 (Job, 1);
  job->mrz = bp_mrz_ref (mrz);
  job->dg11 = bp_lds_dg11_ref (dg11);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, screen_thread);
}

static double
best_score (BpWatchlistResult *result)
{
  if (result == NULL || result->hits == NULL || result->hits->len == 0)
    return -1;
  return ((BpWatchlistHit *) g_ptr_array_index (result->hits, 0))->score;
}

BpWatchlistResult *
bp_screening_pick (BpWatchlistResult *a,
                   BpWatchlistResult *b)
{
  return best_score (b) > best_score (a) ? b : a;
}

BpWatchlistResult *
bp_screening_run_finish (GAsyncResult *result,
                         GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
