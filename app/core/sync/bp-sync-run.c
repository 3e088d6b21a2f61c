/* bp-sync-run.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bp-sync-private.h"

/* One run, as the GUI and the command line see it: the attempt
 * (bp-sync-attempt.c), then update packages (bp-sync-updates.c), then
 * the outcome in the properties and in the store's sync_state, where
 * bp_sync_refresh() finds it again after a restart. */

/* One attempt, start to end */

typedef struct
{
  GError *error; /* of the crossings part, which decides the link state */
  gboolean delivered_all;
} Run;

static void
run_free (gpointer data)
{
  Run *run = data;

  g_clear_error (&run->error);
  g_free (run);
}

static BpSyncLinkState
link_state_for (const GError *error)
{
  if (error == NULL)
    return BP_SYNC_LINK_ONLINE;

  if (error->domain != BP_SYNC_ERROR)
    return BP_SYNC_LINK_ERROR;

  switch (error->code)
    {
    case BP_SYNC_ERROR_AUTH:
      return BP_SYNC_LINK_AUTH_FAILED;
    case BP_SYNC_ERROR_UNREACHABLE:
      return BP_SYNC_LINK_OFFLINE;
    case BP_SYNC_ERROR_NOT_CONFIGURED:
      return BP_SYNC_LINK_DISABLED;
    default:
      return BP_SYNC_LINK_ERROR;
    }
}

static void
state_saved_cb (GObject *object,
                GAsyncResult *result,
                gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Run *run = g_task_get_task_data (task);

  /* Not being able to note the time of the last success is not a
   * reason to report the attempt as failed. */
  bp_store_set_sync_state_finish (BP_STORE (object), result, NULL);

  /* Not busy any more once the caller hears of it, even a caller that
   * does not ask for the result. */
  _bp_sync_set_busy (g_task_get_source_object (task), FALSE);

  if (run->error != NULL)
    g_task_return_error (task, g_steal_pointer (&run->error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
status_cb (GObject *object,
           GAsyncResult *result,
           gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  BpSync *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr (BpOutboxStatus) status = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = g_date_time_format_iso8601 (now);
  const char *link;
  const char *pairs[9];
  guint n = 0;

  status = bp_store_get_outbox_status_finish (BP_STORE (object), result, NULL);
  if (status != NULL)
    {
      _bp_sync_set_counts (self, status->pending, status->conflict + status->rejected);
      _bp_sync_set_update_status_from_state (self, status->state);
      run->delivered_all = status->pending == 0;
    }

  _bp_sync_set_link_state (self, link_state_for (run->error));
  if (run->error != NULL)
    _bp_sync_set_last_error (self, run->error->message);
  else
    _bp_sync_set_last_success (self, now);
  /* A refused package stays on show until an attempt goes cleanly. */
  if (run->error == NULL && !self->package_rejected)
    _bp_sync_set_last_error (self, NULL);

  link = g_enum_get_value (g_type_class_peek (BP_TYPE_SYNC_LINK_STATE), self->link_state)->value_nick;
  pairs[n++] = "last_attempt_at";
  pairs[n++] = now_text;
  pairs[n++] = "link_state";
  pairs[n++] = link;
  if (run->error == NULL)
    {
      pairs[n++] = "last_success_at";
      pairs[n++] = now_text;
    }
  pairs[n++] = "last_error";
  pairs[n++] = self->last_error;
  pairs[n] = NULL;

  bp_store_set_sync_state_async (self->store, pairs, NULL, state_saved_cb, g_steal_pointer (&task));
}

static void
finish_run (GTask *task)
{
  BpSync *self = g_task_get_source_object (task);

  bp_store_get_outbox_status_async (self->store, NULL, status_cb, task);
}

static void
updates_cb (GObject *object,
            GAsyncResult *result,
            gpointer user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);

  _bp_sync_updates_finish (BP_SYNC (object), result, &run->error);
  finish_run (task);
}

static void
attempt_cb (GObject *object,
            GAsyncResult *result,
            gpointer user_data)
{
  GTask *task = user_data;
  BpSync *self = BP_SYNC (object);
  Run *run = g_task_get_task_data (task);

  if (!_bp_sync_attempt_finish (self, result, &run->error))
    {
      finish_run (task);
      return;
    }

  _bp_sync_updates_async (self, g_task_get_cancellable (task), updates_cb, task);
}

static void
refresh_cb (GObject *object,
            GAsyncResult *result,
            gpointer user_data)
{
  g_autoptr (BpSync) self = user_data;
  g_autoptr (BpOutboxStatus) status = NULL;
  const char *when;
  const char *link;
  GEnumValue *value;

  /* A store that is not open yet has nothing to show. */
  status = bp_store_get_outbox_status_finish (BP_STORE (object), result, NULL);
  if (status == NULL)
    return;

  _bp_sync_set_counts (self, status->pending, status->conflict + status->rejected);
  _bp_sync_set_update_status_from_state (self, status->state);

  when = g_hash_table_lookup (status->state, "last_success_at");
  if (when != NULL && self->last_success == NULL)
    {
      g_autoptr (GDateTime) dt = g_date_time_new_from_iso8601 (when, NULL);

      if (dt != NULL)
        _bp_sync_set_last_success (self, dt);
    }

  if (self->last_error == NULL)
    _bp_sync_set_last_error (self, g_hash_table_lookup (status->state, "last_error"));

  /* An authentication failure outlives a restart: it needs someone to
   * act. Other states are found again by the next attempt. */
  link = g_hash_table_lookup (status->state, "link_state");
  value = link ? g_enum_get_value_by_nick (g_type_class_peek (BP_TYPE_SYNC_LINK_STATE), link) : NULL;
  if (value != NULL && value->value == BP_SYNC_LINK_AUTH_FAILED && self->link_state == BP_SYNC_LINK_UNKNOWN)
    _bp_sync_set_link_state (self, BP_SYNC_LINK_AUTH_FAILED);
}

/**
 * bp_sync_refresh:
 * @self: a #BpSync
 *
 * Reads the queue depth, problem count, last success and last error
 * from the store (an open one), for a GUI that starts before the first
 * attempt or with sync switched off.
 */
void
bp_sync_refresh (BpSync *self)
{
  g_return_if_fail (BP_IS_SYNC (self));

  bp_store_get_outbox_status_async (self->store, NULL, refresh_cb, g_object_ref (self));
}

/**
 * bp_sync_run_once_async:
 * @self: a configured #BpSync
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the attempt is over
 * @user_data: data for @callback
 *
 * Runs one full attempt; see bp-sync.h.
 */
void
bp_sync_run_once_async (BpSync *self,
                        GCancellable *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer user_data)
{
  GTask *task;

  g_return_if_fail (BP_IS_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_sync_run_once_async);
  g_task_set_task_data (task, g_new0 (Run, 1), run_free);

  if (self->session == NULL)
    {
      g_task_return_new_error (task, BP_SYNC_ERROR, BP_SYNC_ERROR_NOT_CONFIGURED,
                               _ ("Sync with headquarters is not configured."));
      g_object_unref (task);
      return;
    }

  if (self->busy)
    {
      g_task_return_new_error (task, BP_SYNC_ERROR, BP_SYNC_ERROR_FAILED,
                               _ ("A sync with headquarters is already running."));
      g_object_unref (task);
      return;
    }

  _bp_sync_set_busy (self, TRUE);
  self->retry_after_ms = 0;
  self->package_rejected = FALSE;
  _bp_sync_attempt_async (self, cancellable, attempt_cb, task);
}

gboolean
bp_sync_run_once_finish (BpSync *self,
                         GAsyncResult *result,
                         GError **error)
{
  g_return_val_if_fail (BP_IS_SYNC (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
