/* bp-store.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bp-crossing-private.h"
#include "bp-store-private.h"

/* How many crossings the recent model holds: a shift or two at a busy
 * booth, enough for "what did I just do", without keeping a week of
 * photos in memory. Older ones are a search away. */
#define RECENT_LIMIT 500

struct _BpStore
{
  GObject parent_instance;

  char *path;
  GListStore *recent;
  int schema_version;
  GThreadPool *pool;

  /* Owned by the worker thread: nothing else touches them. */
  GThread *worker;
  BpStoreSql *sql;
};

G_DEFINE_FINAL_TYPE (BpStore, bp_store, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PATH,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Runs on the worker; must not touch the main thread's objects. */
typedef BpStoreWorkFunc WorkFunc;
/* Runs on the caller's thread after a successful WorkFunc. */
typedef void (*DoneFunc) (BpStore *self,
                          gpointer data);

typedef struct
{
  WorkFunc work;
  DoneFunc done;
  gpointer data; /* owned by the task, or by the blocking caller */
  GCancellable *cancellable;
  GTask *task; /* NULL for the blocking helpers */
  gboolean ok;
  GError *error;

  GMutex mutex;
  GCond cond;
  gboolean finished;
} Job;

#define assert_worker(self) g_assert (g_thread_self () == (self)->worker)

/* The worker */

static gboolean
job_return_cb (gpointer user_data)
{
  Job *job = user_data;
  g_autoptr (GTask) task = g_steal_pointer (&job->task);
  BpStore *self = g_task_get_source_object (task);

  if (job->ok)
    {
      if (job->done != NULL)
        job->done (self, job->data);
      g_task_return_boolean (task, TRUE);
    }
  else
    {
      g_task_return_error (task, g_steal_pointer (&job->error));
    }

  g_free (job);

  return G_SOURCE_REMOVE;
}

static void
worker_cb (gpointer item,
           gpointer user_data)
{
  BpStore *self = user_data;
  Job *job = item;

  /* An exclusive pool of one thread runs every job on the same thread;
   * SQLite's connection is then never shared, and the order of jobs is
   * the order they were queued in. */
  if (self->worker == NULL)
    self->worker = g_thread_self ();
  assert_worker (self);

  /* Cancellation is honoured only before the work starts: once a save
   * has begun it either commits or rolls back as a whole. */
  if (g_cancellable_set_error_if_cancelled (job->cancellable, &job->error))
    job->ok = FALSE;
  else
    job->ok = job->work (self, job->data, &job->error);

  g_assert (job->ok == (job->error == NULL));

  if (job->task != NULL)
    {
      g_autoptr (GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_static_name (source, "[bp-store] job done");
      g_source_set_callback (source, job_return_cb, job, NULL);
      g_source_attach (source, g_task_get_context (job->task));
    }
  else
    {
      g_mutex_lock (&job->mutex);
      job->finished = TRUE;
      g_cond_signal (&job->cond);
      g_mutex_unlock (&job->mutex);
    }
}

static void
run_async (BpStore *self,
           gpointer source_tag,
           WorkFunc work,
           DoneFunc done,
           gpointer data,
           GDestroyNotify data_free,
           GCancellable *cancellable,
           GAsyncReadyCallback callback,
           gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, source_tag);
  g_task_set_task_data (job->task, data, data_free);
  /* Report what happened, not whether the cancellable fired later: a
   * save that committed must not look like one that did not. */
  g_task_set_check_cancellable (job->task, FALSE);

  job->work = work;
  job->done = done;
  job->data = data;
  job->cancellable = cancellable;

  g_thread_pool_push (self->pool, job, NULL);
}

static gboolean
run_sync (BpStore *self,
          WorkFunc work,
          DoneFunc done,
          gpointer data,
          GError **error)
{
  Job job = {
    0,
  };

  job.work = work;
  job.data = data;
  g_mutex_init (&job.mutex);
  g_cond_init (&job.cond);

  g_thread_pool_push (self->pool, &job, NULL);

  g_mutex_lock (&job.mutex);
  while (!job.finished)
    g_cond_wait (&job.cond, &job.mutex);
  g_mutex_unlock (&job.mutex);

  g_mutex_clear (&job.mutex);
  g_cond_clear (&job.cond);

  if (!job.ok)
    {
      g_propagate_error (error, job.error);
      return FALSE;
    }

  if (done != NULL)
    done (self, data);

  return TRUE;
}

static gboolean
close_work (BpStore *self,
            gpointer data,
            GError **error)
{
  assert_worker (self);
  g_clear_pointer (&self->sql, _bp_store_sql_close);

  return TRUE;
}

static gboolean
check_open (BpStore *self,
            GError **error)
{
  assert_worker (self);

  if (self->sql == NULL)
    {
      g_set_error (error, BP_STORE_ERROR, BP_STORE_ERROR_NOT_OPEN,
                   _ ("The crossing database “%s” is not open."), self->path);
      return FALSE;
    }

  return TRUE;
}

/* Open */

typedef struct
{
  int schema_version;
  GPtrArray *recent; /* NULL when the store was already open */
} OpenData;

static void
open_data_free (gpointer data)
{
  OpenData *od = data;

  g_clear_pointer (&od->recent, g_ptr_array_unref);
  g_free (od);
}

static gboolean
open_work (BpStore *self,
           gpointer data,
           GError **error)
{
  OpenData *od = data;
  g_autoptr (BpStoreSql) sql = NULL;
  g_autoptr (GPtrArray) recent = NULL;

  assert_worker (self);

  if (self->sql != NULL)
    {
      od->schema_version = BP_STORE_SCHEMA_VERSION;
      return TRUE;
    }

  sql = _bp_store_sql_open (self->path, error);
  if (sql == NULL)
    return FALSE;

  recent = g_ptr_array_new_with_free_func (g_object_unref);
  if (!_bp_store_sql_list_crossings (sql, NULL, RECENT_LIMIT, recent, error))
    return FALSE;

  self->sql = g_steal_pointer (&sql);
  od->schema_version = BP_STORE_SCHEMA_VERSION;
  od->recent = g_steal_pointer (&recent);

  return TRUE;
}

static void
open_done (BpStore *self,
           gpointer data)
{
  OpenData *od = data;

  self->schema_version = od->schema_version;

  if (od->recent != NULL)
    g_list_store_splice (self->recent, 0, g_list_model_get_n_items (G_LIST_MODEL (self->recent)),
                         od->recent->pdata, od->recent->len);
}

/* Save */

typedef struct
{
  BpCrossing *crossing; /* the caller's: touched on the main thread only */
  BpCrossing *copy;     /* what the worker writes */
  gint64 sequence;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *sd = data;

  g_clear_object (&sd->crossing);
  g_clear_object (&sd->copy);
  g_free (sd);
}

static SaveData *
save_data_new (BpCrossing *crossing)
{
  SaveData *sd = g_new0 (SaveData, 1);

  sd->crossing = g_object_ref (crossing);
  sd->copy = _bp_crossing_copy (crossing);

  return sd;
}

static gboolean
save_work (BpStore *self,
           gpointer data,
           GError **error)
{
  SaveData *sd = data;
  gint64 sequence = 0;

  if (!check_open (self, error) || !_bp_store_sql_save_crossing (self->sql, sd->copy, &sequence, error))
    return FALSE;

  sd->sequence = sequence;

  return TRUE;
}

static void
save_done (BpStore *self,
           gpointer data)
{
  SaveData *sd = data;
  guint n_items;

  _bp_crossing_set_identity (sd->crossing,
                             bp_crossing_get_uuid (sd->copy),
                             sd->sequence,
                             bp_crossing_get_boot_id (sd->copy));

  g_list_store_insert (self->recent, 0, sd->crossing);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->recent));
  if (n_items > RECENT_LIMIT)
    g_list_store_splice (self->recent, RECENT_LIMIT, n_items - RECENT_LIMIT, NULL, 0);
}

/* List */

typedef struct
{
  char *search; /* NULL or blank lists everything */
  guint limit;
  GPtrArray *items;
} ListData;

static void
list_data_free (gpointer data)
{
  ListData *ld = data;

  g_free (ld->search);
  g_clear_pointer (&ld->items, g_ptr_array_unref);
  g_free (ld);
}

static ListData *
list_data_new (const char *search,
               guint limit)
{
  ListData *ld = g_new0 (ListData, 1);

  ld->search = g_strdup (search);
  ld->limit = limit;

  return ld;
}

static gboolean
list_work (BpStore *self,
           gpointer data,
           GError **error)
{
  ListData *ld = data;
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (!check_open (self, error) || !_bp_store_sql_list_crossings (self->sql, ld->search, ld->limit, items, error))
    return FALSE;

  ld->items = g_steal_pointer (&items);

  return TRUE;
}

static GListModel *
list_model_from (ListData *ld)
{
  GListStore *store = g_list_store_new (BP_TYPE_CROSSING);

  if (ld->items != NULL)
    g_list_store_splice (store, 0, 0, ld->items->pdata, ld->items->len);

  return G_LIST_MODEL (store);
}

/* Outbox */

typedef struct
{
  gint64 count;
} CountData;

static gboolean
count_outbox_work (BpStore *self,
                   gpointer data,
                   GError **error)
{
  CountData *cd = data;

  return check_open (self, error) && _bp_store_sql_count_outbox (self->sql, &cd->count, error);
}

static gboolean
exec_work (BpStore *self,
           gpointer data,
           GError **error)
{
  return check_open (self, error) && _bp_store_sql_exec (self->sql, data, error);
}

/* GObject */

static void
bp_store_dispose (GObject *object)
{
  BpStore *self = (BpStore *) object;

  /* The connection is closed on the thread that used it, after every
   * job queued before it. */
  if (self->pool != NULL)
    {
      run_sync (self, close_work, NULL, NULL, NULL);
      g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, TRUE);
    }

  g_clear_object (&self->recent);

  G_OBJECT_CLASS (bp_store_parent_class)->dispose (object);
}

static void
bp_store_finalize (GObject *object)
{
  BpStore *self = (BpStore *) object;

  g_assert (self->sql == NULL);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (bp_store_parent_class)->finalize (object);
}

static void
bp_store_get_property (GObject *object,
                       guint prop_id,
                       GValue *value,
                       GParamSpec *pspec)
{
  BpStore *self = BP_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_store_set_property (GObject *object,
                       guint prop_id,
                       const GValue *value,
                       GParamSpec *pspec)
{
  BpStore *self = BP_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_store_class_init (BpStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bp_store_dispose;
  object_class->finalize = bp_store_finalize;
  object_class->get_property = bp_store_get_property;
  object_class->set_property = bp_store_set_property;

  properties[PROP_PATH] = g_param_spec_string ("path", "Path", "Database file, or :memory:", ":memory:",
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bp_store_init (BpStore *self)
{
  g_autoptr (GError) error = NULL;

  self->recent = g_list_store_new (BP_TYPE_CROSSING);

  /* Like g_thread_new(), treat a process that cannot start one thread
   * as beyond saving. */
  self->pool = g_thread_pool_new (worker_cb, self, 1, TRUE, &error);
  if (self->pool == NULL)
    g_error ("Cannot start the database thread: %s", error->message);
}

/* Public API */

/**
 * bp_store_new:
 * @path: the database file, or ":memory:"
 *
 * Creates a store. Nothing is read or written until it is opened.
 *
 * Returns: (transfer full): a new #BpStore
 */
BpStore *
bp_store_new (const char *path)
{
  g_return_val_if_fail (path != NULL && path[0] != '\0', NULL);

  return g_object_new (BP_TYPE_STORE, "path", path, NULL);
}

const char *
bp_store_get_path (BpStore *self)
{
  g_return_val_if_fail (BP_IS_STORE (self), NULL);

  return self->path;
}

/**
 * bp_store_get_schema_version:
 * @self: a #BpStore
 *
 * Returns: the schema version once open, 0 before
 */
int
bp_store_get_schema_version (BpStore *self)
{
  g_return_val_if_fail (BP_IS_STORE (self), 0);

  return self->schema_version;
}

/**
 * bp_store_open_async:
 * @self: a #BpStore
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the store is open
 * @user_data: data for @callback
 *
 * Opens or creates the database, upgrades its schema and loads the
 * recent model. Opening an open store does nothing.
 */
void
bp_store_open_async (BpStore *self,
                     GCancellable *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer user_data)
{
  g_return_if_fail (BP_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run_async (self, bp_store_open_async, open_work, open_done,
             g_new0 (OpenData, 1), open_data_free,
             cancellable, callback, user_data);
}

gboolean
bp_store_open_finish (BpStore *self,
                      GAsyncResult *result,
                      GError **error)
{
  g_return_val_if_fail (BP_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_store_open_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
bp_store_open_sync (BpStore *self,
                    GError **error)
{
  OpenData *od = g_new0 (OpenData, 1);
  gboolean ret;

  g_return_val_if_fail (BP_IS_STORE (self), FALSE);

  ret = run_sync (self, open_work, open_done, od, error);
  open_data_free (od);

  return ret;
}

/**
 * bp_store_save_crossing_async:
 * @self: a #BpStore
 * @crossing: a crossing with a decision
 * @cancellable: (nullable): a #GCancellable, honoured until the write starts
 * @callback: called when the crossing is on disk, or not
 * @user_data: data for @callback
 *
 * Writes @crossing as it is now; later changes to the object are not
 * saved. On success its sequence is set and it is put first in the
 * recent model, on the caller's thread, before @callback runs.
 */
void
bp_store_save_crossing_async (BpStore *self,
                              BpCrossing *crossing,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  g_return_if_fail (BP_IS_STORE (self));
  g_return_if_fail (BP_IS_CROSSING (crossing));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run_async (self, bp_store_save_crossing_async, save_work, save_done,
             save_data_new (crossing), save_data_free,
             cancellable, callback, user_data);
}

gboolean
bp_store_save_crossing_finish (BpStore *self,
                               GAsyncResult *result,
                               GError **error)
{
  g_return_val_if_fail (BP_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_store_save_crossing_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
bp_store_save_crossing_sync (BpStore *self,
                             BpCrossing *crossing,
                             GError **error)
{
  SaveData *sd;
  gboolean ret;

  g_return_val_if_fail (BP_IS_STORE (self), FALSE);
  g_return_val_if_fail (BP_IS_CROSSING (crossing), FALSE);

  sd = save_data_new (crossing);
  ret = run_sync (self, save_work, save_done, sd, error);
  save_data_free (sd);

  return ret;
}

void
bp_store_list_crossings_async (BpStore *self,
                               const char *search,
                               guint limit,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data)
{
  g_return_if_fail (BP_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run_async (self, bp_store_list_crossings_async, list_work, NULL,
             list_data_new (search, limit), list_data_free,
             cancellable, callback, user_data);
}

/**
 * bp_store_list_crossings_finish:
 * @self: a #BpStore
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): a #GListModel of #BpCrossing, newest first
 */
GListModel *
bp_store_list_crossings_finish (BpStore *self,
                                GAsyncResult *result,
                                GError **error)
{
  g_return_val_if_fail (BP_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_store_list_crossings_async, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  return list_model_from (g_task_get_task_data (G_TASK (result)));
}

GListModel *
bp_store_list_crossings_sync (BpStore *self,
                              const char *search,
                              guint limit,
                              GError **error)
{
  ListData *ld;
  GListModel *model = NULL;

  g_return_val_if_fail (BP_IS_STORE (self), NULL);

  ld = list_data_new (search, limit);
  if (run_sync (self, list_work, NULL, ld, error))
    model = list_model_from (ld);
  list_data_free (ld);

  return model;
}

void
bp_store_count_outbox_async (BpStore *self,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_return_if_fail (BP_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run_async (self, bp_store_count_outbox_async, count_outbox_work, NULL,
             g_new0 (CountData, 1), g_free,
             cancellable, callback, user_data);
}

/**
 * bp_store_count_outbox_finish:
 * @self: a #BpStore
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: the number of crossings not yet acknowledged by HQ, or -1 on error
 */
gint64
bp_store_count_outbox_finish (BpStore *self,
                              GAsyncResult *result,
                              GError **error)
{
  CountData *cd;

  g_return_val_if_fail (BP_IS_STORE (self), -1);
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bp_store_count_outbox_async, -1);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return -1;

  cd = g_task_get_task_data (G_TASK (result));

  return cd->count;
}

/**
 * bp_store_count_outbox_sync:
 * @self: a #BpStore
 * @error: return location for an error
 *
 * Blocking form of bp_store_count_outbox_async(), for the command line
 * and tests.
 *
 * Returns: the number of crossings not yet acknowledged by HQ, or -1 on error
 */
gint64
bp_store_count_outbox_sync (BpStore *self,
                            GError **error)
{
  CountData cd = {
    0,
  };

  g_return_val_if_fail (BP_IS_STORE (self), -1);

  if (!run_sync (self, count_outbox_work, NULL, &cd, error))
    return -1;

  return cd.count;
}

/**
 * bp_store_get_recent:
 * @self: a #BpStore
 *
 * Returns: (transfer none): a #GListModel of #BpCrossing, newest first
 */
GListModel *
bp_store_get_recent (BpStore *self)
{
  g_return_val_if_fail (BP_IS_STORE (self), NULL);

  return G_LIST_MODEL (self->recent);
}

void
_bp_store_run_async (BpStore *self,
                     gpointer source_tag,
                     BpStoreWorkFunc work,
                     gpointer data,
                     GDestroyNotify data_free,
                     GCancellable *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer user_data)
{
  run_async (self, source_tag, work, NULL, data, data_free, cancellable, callback, user_data);
}

gboolean
_bp_store_run_sync (BpStore *self,
                    BpStoreWorkFunc work,
                    gpointer data,
                    GError **error)
{
  return run_sync (self, work, NULL, data, error);
}

BpStoreSql *
_bp_store_get_sql (BpStore *self,
                   GError **error)
{
  if (!check_open (self, error))
    return NULL;

  return self->sql;
}

gboolean
_bp_store_exec_sync (BpStore *self,
                     const char *sql,
                     GError **error)
{
  g_return_val_if_fail (BP_IS_STORE (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  return run_sync (self, exec_work, NULL, (gpointer) sql, error);
}

char *
bp_store_dup_default_path (void)
{
  const char *env = g_getenv ("BORDERPOST_DATABASE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "borderpost", "borderpost.sqlite", NULL);
}
