/* bp-update-apply.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-update-apply"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "bp-update-apply.h"

typedef struct
{
  char *kind;
  char *path;
  BpWatchlist *watchlist;
  BpTrustStore *trust;
} Job;

static void
job_free (Job *job)
{
  g_free (job->kind);
  g_free (job->path);
  g_clear_object (&job->watchlist);
  g_clear_object (&job->trust);
  g_free (job);
}

/* A delta starts with a header that names the version it applies to. */
static gboolean
is_delta (const char *data,
          gsize length)
{
  const char *end = memchr (data, '\n', length);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, data, end ? end - data : (gssize) length, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  return JSON_NODE_HOLDS_OBJECT (root)
         && g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (root), "kind", NULL), "header") == 0
         && json_object_has_member (json_node_get_object (root), "base_version");
}

gboolean
bp_update_apply (const char *kind,
                 const char *path,
                 BpWatchlist *watchlist,
                 BpTrustStore *trust,
                 GError **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (path, &data, &length, error))
    return FALSE;

  if (g_str_equal (kind, "alert-list"))
    {
      if (watchlist == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _ ("An alert-list update arrived, but this booth has no alert-list folder."));
          return FALSE;
        }
      /* Headquarters' full list is the authority, even over a newer one
       * installed (HQ restored from a backup): refusing it would ask for
       * the same full list again at every poll. */
      return bp_watchlist_import_data (watchlist, data, length, NULL,
                                       is_delta (data, length) ? BP_WATCHLIST_IMPORT_DELTA
                                                               : BP_WATCHLIST_IMPORT_ANY_VERSION,
                                       error);
    }

  if (g_str_equal (kind, "csca"))
    {
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (BpTrustImport) imported = NULL;

      if (trust == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _ ("A CSCA update arrived, but this booth’s trust store is not open."));
          return FALSE;
        }
      bytes = g_bytes_new_take (g_steal_pointer (&data), length);
      imported = bp_trust_store_import (trust, bytes, NULL, "hq", error);
      return imported != NULL;
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               _ ("Unknown kind of update package “%s”."), kind);
  return FALSE;
}

/* Packages are applied one at a time, in the order sync installed
 * them: a delta must not race the full list it builds on, or it would
 * be refused and the full list fetched again for nothing. */
static void
apply_in_pool (gpointer data,
               gpointer user_data)
{
  g_autoptr (GTask) task = data;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (bp_update_apply (job->kind, job->path, job->watchlist, job->trust, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static GThreadPool *
apply_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (apply_in_pool, NULL, 1, FALSE, NULL));

  return pool;
}

void
bp_update_apply_async (const char *kind,
                       const char *path,
                       BpWatchlist *watchlist,
                       BpTrustStore *trust,
                       GCancellable *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->kind = g_strdup (kind);
  job->path = g_strdup (path);
  job->watchlist = watchlist ? g_object_ref (watchlist) : NULL;
  job->trust = trust ? g_object_ref (trust) : NULL;
  g_task_set_source_tag (task, bp_update_apply_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_thread_pool_push (apply_pool (), g_steal_pointer (&task), NULL);
}

gboolean
bp_update_apply_finish (GAsyncResult *result,
                        GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
