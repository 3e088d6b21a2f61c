/* bp-sync-updates.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bp-sync-private.h"

/* Downloads of signed update packages: for each kind, the list of
 * packages newer than the installed version, then each package's
 * manifest, signature and payload, verified and installed in order.
 * The installed version is recorded in sync_state only after the
 * payload is on disk; the handler is told after that.
 *
 * When the deltas on offer do not follow on from the installed version,
 * or the handler could not apply one (bp_sync_request_full_reload()),
 * the kind is marked in sync_state as needing a full reload. It is then
 * listed with ?full=latest: the newest full package, fetched with
 * ?full=1, then the deltas after it. The mark stays until the full
 * package is installed, so a failed download is tried again by the next
 * attempt, after the usual backoff; nothing installed is touched before
 * the full package has been verified and written. */

static const char *const kinds[] = { "alert-list", "csca" };

typedef enum
{
  PART_MANIFEST,
  PART_SIGNATURE,
  PART_PAYLOAD,
  N_PARTS,
} Part;

static const char *const part_names[N_PARTS] = { "manifest", "signature", "payload" };

typedef struct
{
  guint kind;
  gint64 installed;
  gboolean full_reload; /* of the current kind */
  GArray *picks;        /* BpSyncPick, to download in order */
  guint next_package;
  gint64 version;
  gboolean fetch_full; /* the current package must be the full one */
  Part part;
  GBytes *parts[N_PARTS];
  char *installed_path;
} Updates;

static void next_kind (GTask *task);
static void next_package (GTask *task);

static void
clear_parts (Updates *updates)
{
  for (guint i = 0; i < N_PARTS; i++)
    g_clear_pointer (&updates->parts[i], g_bytes_unref);
}

static void
updates_free (gpointer data)
{
  Updates *updates = data;

  clear_parts (updates);
  g_clear_pointer (&updates->picks, g_array_unref);
  g_free (updates->installed_path);
  g_free (updates);
}

static BpSync *
task_sync (GTask *task)
{
  return g_task_get_source_object (task);
}

static void
get (GTask *task,
     const char *path,
     GAsyncReadyCallback callback)
{
  BpSync *self = task_sync (task);
  g_autoptr (SoupMessage) msg = _bp_sync_message_new (self, "GET", path);

  _bp_sync_send_async (self, msg, g_task_get_cancellable (task), callback, task);
}

/* Installing */

static void
state_cb (GObject *object,
          GAsyncResult *result,
          gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  BpSync *self = task_sync (task);
  Updates *updates = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (!bp_store_set_sync_state_finish (BP_STORE (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  updates->installed = updates->version;
  if (updates->fetch_full)
    {
      updates->full_reload = FALSE;
      self->last_full_reload_us = g_get_monotonic_time ();
    }
  _bp_sync_emit_package_installed (self, kinds[updates->kind], updates->version, updates->installed_path);
  next_package (g_steal_pointer (&task));
}

static void
reject (GTask *task,
        const GError *error)
{
  BpSync *self = task_sync (task);
  Updates *updates = g_task_get_task_data (task);

  _bp_sync_set_last_error (self, error->message);
  _bp_sync_emit_package_rejected (self, kinds[updates->kind], updates->version, error->message);

  /* Later packages of this kind build on the refused one: stop here
   * and ask again next time. */
  updates->kind++;
  next_kind (task);
}

static void
verify_and_install (GTask *task)
{
  BpSync *self = task_sync (task);
  Updates *updates = g_task_get_task_data (task);
  g_autoptr (BpSyncManifest) manifest = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *full_key = NULL;
  g_autofree char *reload_key = NULL;
  g_autofree char *value = NULL;
  const char *pairs[7];
  guint n = 0;

  /* A full package replaces whatever is installed, even a list that
   * claims a later version: that claim is what could not be trusted. */
  manifest = bp_sync_package_verify (updates->parts[PART_MANIFEST], updates->parts[PART_SIGNATURE],
                                     updates->parts[PART_PAYLOAD], self->update_public_key_file,
                                     kinds[updates->kind], updates->fetch_full ? 0 : updates->installed, &error);
  if (manifest != NULL && manifest->version != updates->version)
    g_set_error (&error, BP_SYNC_ERROR, BP_SYNC_ERROR_BAD_PACKAGE,
                 _ ("An update package (%s) from headquarters was refused and not installed: %s"),
                 kinds[updates->kind], _ ("it is not the version that was asked for"));
  else if (manifest != NULL && updates->fetch_full && manifest->base_version >= 0)
    g_set_error (&error, BP_SYNC_ERROR, BP_SYNC_ERROR_BAD_PACKAGE,
                 _ ("An update package (%s) from headquarters was refused and not installed: %s"),
                 kinds[updates->kind], _ ("a full list was asked for, but it is a delta"));

  if (error != NULL && g_error_matches (error, BP_SYNC_ERROR, BP_SYNC_ERROR_STALE_PACKAGE))
    {
      next_package (task);
      return;
    }

  g_clear_pointer (&updates->installed_path, g_free);
  if (error == NULL)
    updates->installed_path = bp_sync_package_install (self->packages_dir, manifest,
                                                       updates->parts[PART_MANIFEST],
                                                       updates->parts[PART_PAYLOAD], &error);
  if (error != NULL)
    {
      reject (task, error);
      return;
    }

  key = bp_sync_version_key (kinds[updates->kind]);
  value = g_strdup_printf ("%" G_GINT64_FORMAT, updates->version);
  pairs[n++] = key;
  pairs[n++] = value;
  if (manifest->base_version < 0)
    {
      full_key = bp_sync_full_version_key (kinds[updates->kind]);
      pairs[n++] = full_key;
      pairs[n++] = value;
    }
  if (updates->fetch_full)
    {
      /* NULL removes the mark: the full list is in. */
      reload_key = bp_sync_full_reload_key (kinds[updates->kind]);
      pairs[n++] = reload_key;
      pairs[n++] = NULL;
    }
  pairs[n] = NULL;
  bp_store_set_sync_state_async (self->store, pairs, NULL, state_cb, task);
}

/* Downloading */

static void get_part (GTask *task);

static void
part_cb (GObject *object,
         GAsyncResult *result,
         gpointer user_data)
{
  GTask *task = user_data;
  BpSync *self = task_sync (task);
  Updates *updates = g_task_get_task_data (task);
  SoupMessage *msg = _bp_sync_send_get_message (result);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;

  body = _bp_sync_send_finish (self, result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  /* The parts are raw bytes, not HQ answers: only the status counts,
   * and the signature decides whether they are any good. */
  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)))
    {
      g_autoptr (JsonObject) answer = _bp_sync_check_answer (self, msg, body, &error);

      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  updates->parts[updates->part] = g_steal_pointer (&body);
  updates->part++;

  if (updates->part < N_PARTS)
    get_part (task);
  else
    verify_and_install (task);
}

static void
get_part (GTask *task)
{
  Updates *updates = g_task_get_task_data (task);
  g_autofree char *path = g_strdup_printf ("/v1/updates/%s/%" G_GINT64_FORMAT "/%s%s",
                                           kinds[updates->kind], updates->version, part_names[updates->part],
                                           updates->fetch_full ? "?full=1" : "");

  get (task, path, part_cb);
}

static void
next_package (GTask *task)
{
  Updates *updates = g_task_get_task_data (task);

  clear_parts (updates);

  /* The picks are in order and newer than what is installed
   * (bp_sync_select_packages()); in a full reload the first is the full
   * package. */
  if (updates->picks != NULL && updates->next_package < updates->picks->len)
    {
      guint i = updates->next_package++;
      BpSyncPick *pick = &g_array_index (updates->picks, BpSyncPick, i);

      updates->fetch_full = updates->full_reload && i == 0;
      updates->version = pick->version;
      updates->part = PART_MANIFEST;
      get_part (task);
      return;
    }

  updates->kind++;
  next_kind (task);
}

static void mark_full_reload (GTask *task);

static void
list_cb (GObject *object,
         GAsyncResult *result,
         gpointer user_data)
{
  GTask *task = user_data;
  BpSync *self = task_sync (task);
  Updates *updates = g_task_get_task_data (task);
  SoupMessage *msg = _bp_sync_send_get_message (result);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (JsonObject) answer = NULL;
  JsonArray *packages;
  gboolean needs_full = FALSE;

  body = _bp_sync_send_finish (self, result, &error);
  if (body != NULL && soup_message_get_status (msg) == SOUP_STATUS_NOT_FOUND)
    {
      /* An HQ that publishes no packages of this kind. */
      updates->kind++;
      next_kind (task);
      return;
    }
  if (body != NULL)
    answer = _bp_sync_check_answer (self, msg, body, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  packages = bp_sync_json_get_array (answer, "packages");
  g_clear_pointer (&updates->picks, g_array_unref);
  updates->picks = bp_sync_select_packages (packages, updates->installed, updates->full_reload, &needs_full);
  updates->next_package = 0;

  if (needs_full && !updates->full_reload)
    {
      /* HQ offers deltas that do not follow on from what is installed:
       * none of them is fetched; a full list is, at once. */
      g_clear_pointer (&updates->picks, g_array_unref);
      mark_full_reload (task);
      return;
    }
  if (needs_full)
    {
      g_autofree char *message = g_strdup (g_str_equal (kinds[updates->kind], "alert-list")
                                               ? _ ("Headquarters offers no full alert list, and one is needed; "
                                                    "the booth keeps its installed list until there is one.")
                                               : _ ("Headquarters offers no full CSCA list, and one is needed; "
                                                    "the booth keeps its installed list until there is one."));

      _bp_sync_set_last_error (self, message);
      self->package_rejected = TRUE;
    }
  next_package (task);
}

static void
list (GTask *task)
{
  Updates *updates = g_task_get_task_data (task);
  g_autofree char *path = NULL;

  if (updates->full_reload)
    path = g_strdup_printf ("/v1/updates/%s?full=latest", kinds[updates->kind]);
  else
    path = g_strdup_printf ("/v1/updates/%s?after=%" G_GINT64_FORMAT, kinds[updates->kind], updates->installed);
  get (task, path, list_cb);
}

static void
mark_cb (GObject *object,
         GAsyncResult *result,
         gpointer user_data)
{
  GTask *task = user_data;
  Updates *updates = g_task_get_task_data (task);
  GHashTable *state = g_object_get_data (G_OBJECT (task), "state");
  g_autoptr (GError) error = NULL;

  if (!bp_store_set_sync_state_finish (BP_STORE (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  /* Shown while the full list is being fetched, not only afterwards. */
  g_hash_table_insert (state, bp_sync_full_reload_key (kinds[updates->kind]), g_strdup ("needed"));
  _bp_sync_set_update_status_from_state (task_sync (task), state);
  list (task);
}

/* Notes in sync_state that the current kind needs a full list, so that
 * it is still known after a failed download or a restart, then asks
 * for the full list at once. */
static void
mark_full_reload (GTask *task)
{
  BpSync *self = task_sync (task);
  Updates *updates = g_task_get_task_data (task);
  g_autofree char *key = bp_sync_full_reload_key (kinds[updates->kind]);
  const char *pairs[] = { key, "needed", NULL };

  updates->full_reload = TRUE;
  bp_store_set_sync_state_async (self->store, pairs, NULL, mark_cb, task);
}

static void
next_kind (GTask *task)
{
  Updates *updates = g_task_get_task_data (task);
  g_autofree char *key = NULL;
  g_autofree char *reload_key = NULL;
  GHashTable *state;

  if (updates->kind >= G_N_ELEMENTS (kinds))
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  state = g_object_get_data (G_OBJECT (task), "state");
  key = bp_sync_version_key (kinds[updates->kind]);
  reload_key = bp_sync_full_reload_key (kinds[updates->kind]);
  if (!bp_sync_state_lookup_int (state, key, &updates->installed))
    updates->installed = 0;
  updates->full_reload = g_hash_table_lookup (state, reload_key) != NULL;

  list (task);
}

static void
status_cb (GObject *object,
           GAsyncResult *result,
           gpointer user_data)
{
  GTask *task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (BpOutboxStatus) status = NULL;

  status = bp_store_get_outbox_status_finish (BP_STORE (object), result, &error);
  if (status == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  g_object_set_data_full (G_OBJECT (task), "state", g_hash_table_ref (status->state),
                          (GDestroyNotify) g_hash_table_unref);
  next_kind (task);
}

void
_bp_sync_updates_async (BpSync *self,
                        GCancellable *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, _bp_sync_updates_async);
  g_task_set_task_data (task, g_new0 (Updates, 1), updates_free);

  if (self->update_public_key_file == NULL || self->packages_dir == NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  bp_store_get_outbox_status_async (self->store, cancellable, status_cb, task);
}

gboolean
_bp_sync_updates_finish (BpSync *self,
                         GAsyncResult *result,
                         GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Asking for a full reload */

/* A full list installed less than this long ago that still does not
 * take the deltas after it (HQ's chain of deltas is broken) will not be
 * fetched again at once, but by the next regular attempt: fetching it in
 * a loop would not help. */
#define FULL_RELOAD_PAUSE_US (G_USEC_PER_SEC * 60)

static void
request_cb (GObject *object,
            GAsyncResult *result,
            gpointer user_data)
{
  g_autoptr (BpSync) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!bp_store_set_sync_state_finish (BP_STORE (object), result, &error))
    {
      _bp_sync_set_last_error (self, error->message);
      return;
    }

  bp_sync_refresh (self);
  if (self->last_full_reload_us == 0 || g_get_monotonic_time () - self->last_full_reload_us > FULL_RELOAD_PAUSE_US)
    bp_sync_sync_now (self);
}

/**
 * bp_sync_request_full_reload:
 * @self: a #BpSync
 * @kind: the kind of package, "alert-list"
 *
 * Marks @kind as needing a full list and fetches it at once; see
 * bp-sync.h.
 */
void
bp_sync_request_full_reload (BpSync *self,
                             const char *kind)
{
  g_autofree char *key = NULL;
  const char *pairs[3];

  g_return_if_fail (BP_IS_SYNC (self));
  g_return_if_fail (g_strcmp0 (kind, "alert-list") == 0 || g_strcmp0 (kind, "csca") == 0);

  key = bp_sync_full_reload_key (kind);
  pairs[0] = key;
  pairs[1] = "needed";
  pairs[2] = NULL;
  bp_store_set_sync_state_async (self->store, pairs, NULL, request_cb, g_object_ref (self));
}
