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
 * payload is on disk; the handler is told after that. */

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
  JsonArray *packages; /* of the current kind */
  guint next_package;
  gint64 version;
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
  g_clear_pointer (&updates->packages, json_array_unref);
  g_free (updates->installed_path);
  g_free (updates);
}

static BpSync *
task_sync (GTask *task)
{
  return g_task_get_source_object (task);
}

static char *
version_key (const char *kind)
{
  return g_strconcat ("package.", kind, ".version", NULL);
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
  g_autofree char *value = NULL;
  const char *pairs[3];

  manifest = bp_sync_package_verify (updates->parts[PART_MANIFEST], updates->parts[PART_SIGNATURE],
                                     updates->parts[PART_PAYLOAD], self->update_public_key_file,
                                     kinds[updates->kind], updates->installed, &error);
  if (manifest != NULL && manifest->version != updates->version)
    g_set_error (&error, BP_SYNC_ERROR, BP_SYNC_ERROR_BAD_PACKAGE,
                 _ ("An update package (%s) from headquarters was refused and not installed: %s"),
                 kinds[updates->kind], _ ("it is not the version that was asked for"));

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

  key = version_key (kinds[updates->kind]);
  value = g_strdup_printf ("%" G_GINT64_FORMAT, updates->version);
  pairs[0] = key;
  pairs[1] = value;
  pairs[2] = NULL;
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
  g_autofree char *path = g_strdup_printf ("/v1/updates/%s/%" G_GINT64_FORMAT "/%s",
                                           kinds[updates->kind], updates->version, part_names[updates->part]);

  get (task, path, part_cb);
}

static void
next_package (GTask *task)
{
  Updates *updates = g_task_get_task_data (task);

  clear_parts (updates);

  while (updates->next_package < json_array_get_length (updates->packages))
    {
      JsonNode *node = json_array_get_element (updates->packages, updates->next_package++);
      gint64 version;

      if (!JSON_NODE_HOLDS_OBJECT (node) || !bp_sync_json_get_int (json_node_get_object (node), "version", &version) || version <= updates->installed)
        continue;

      updates->version = version;
      updates->part = PART_MANIFEST;
      get_part (task);
      return;
    }

  updates->kind++;
  next_kind (task);
}

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
  g_clear_pointer (&updates->packages, json_array_unref);
  updates->packages = packages ? json_array_ref (packages) : json_array_new ();
  updates->next_package = 0;
  next_package (task);
}

static void
next_kind (GTask *task)
{
  Updates *updates = g_task_get_task_data (task);
  g_autofree char *path = NULL;
  g_autofree char *key = NULL;
  GHashTable *state;
  const char *installed;

  if (updates->kind >= G_N_ELEMENTS (kinds))
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  state = g_object_get_data (G_OBJECT (task), "state");
  key = version_key (kinds[updates->kind]);
  installed = g_hash_table_lookup (state, key);
  if (installed == NULL || !g_ascii_string_to_signed (installed, 10, 0, G_MAXINT64, &updates->installed, NULL))
    updates->installed = 0;

  path = g_strdup_printf ("/v1/updates/%s?after=%" G_GINT64_FORMAT, kinds[updates->kind], updates->installed);
  get (task, path, list_cb);
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
