/* bp-chip-result-dir.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chip-result"

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "bp-chip-reading-private.h"
#include "bp-chip-result-private.h"

/* A chip reading kept in a folder, for offline verification by booth IT
 * and examiners: each file read as NAME.bin (outer tag included, exactly
 * as read), the Active Authentication challenge and answer
 * (aa-challenge.bin, aa-response.bin), the PACE-CAM data (cam-data.bin,
 * cam-ca-ic.bin, cam-pk-map.bin), and chip.json: the access protocol,
 * every file's status (so a file the chip said it lacks stays known), how
 * Chip Authentication went and why Active Authentication failed. */

#define CHIP_JSON "chip.json"

static const char *const extra_names[] = {
  "aa-challenge.bin",
  "aa-response.bin",
  "cam-data.bin",
  "cam-ca-ic.bin",
  "cam-pk-map.bin",
};

static GBytes **
extra_field (BpChipResult *self,
             guint index)
{
  GBytes **fields[] = {
    &self->aa_challenge,
    &self->aa_response,
    &self->cam_data,
    &self->cam_ca_ic,
    &self->cam_pk_map,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (fields) == G_N_ELEMENTS (extra_names));
  return fields[index];
}

/* Names that may become file names: those of the reading's file table. */
static gboolean
known_name (const char *name)
{
  return name != NULL && _bp_chip_file_spec_lookup (name) != NULL;
}

static gboolean
write_bytes (const char *dir,
             const char *name,
             GBytes *bytes,
             GError **error)
{
  g_autofree char *path = NULL;

  if (bytes == NULL)
    return TRUE;
  path = g_build_filename (dir, name, NULL);
  return g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
}

/**
 * bp_chip_result_chip_authentication_to_json:
 *
 * Returns: (transfer full): { "state", "protocol", "error" }
 */
JsonNode *
bp_chip_result_chip_authentication_to_json (BpChipResult *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (BP_IS_CHIP_RESULT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, bp_chip_auth_state_to_string (self->ca_state));
  json_builder_set_member_name (builder, "protocol");
  json_builder_add_string_value (builder, self->ca_protocol);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, self->ca_error);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static char *
chip_json (BpChipResult *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "access_control");
  json_builder_add_string_value (builder, bp_chip_protocol_to_string (self->protocol));
  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->files->len; i++)
    {
      const BpChipFile *file = g_ptr_array_index (self->files, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, file->name);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, bp_chip_file_status_to_string (file->status));
      if (file->message != NULL)
        {
          json_builder_set_member_name (builder, "message");
          json_builder_add_string_value (builder, file->message);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "chip_authentication");
  json_builder_add_value (builder, bp_chip_result_chip_authentication_to_json (self));
  json_builder_set_member_name (builder, "active_authentication_error");
  json_builder_add_string_value (builder, self->aa_error);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/**
 * bp_chip_result_save_directory:
 * @dir: the folder, made when missing
 *
 * Writes the reading for bp_chip_result_load_directory(): the files read
 * as NAME.bin, the Active Authentication and PACE-CAM data, chip.json.
 */
gboolean
bp_chip_result_save_directory (BpChipResult *self,
                               const char *dir,
                               GError **error)
{
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (BP_IS_CHIP_RESULT (self), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   /* Translators: %s is a folder, then the system's reason. */
                   _ ("Cannot create the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  for (guint i = 0; i < self->files->len; i++)
    {
      const BpChipFile *file = g_ptr_array_index (self->files, i);
      g_autofree char *name = NULL;

      if (file->status != BP_CHIP_FILE_READ || !known_name (file->name))
        continue;
      name = g_strdup_printf ("%s.bin", file->name);
      if (!write_bytes (dir, name, file->data, error))
        return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (extra_names); i++)
    if (!write_bytes (dir, extra_names[i], *extra_field (self, i), error))
      return FALSE;

  text = chip_json (self);
  path = g_build_filename (dir, CHIP_JSON, NULL);
  return g_file_set_contents (path, text, -1, error);
}

static GBytes *
read_bytes (const char *dir,
            const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  return g_bytes_new_take (contents, length);
}

static BpChipFileStatus
status_from_string (const char *text)
{
  for (BpChipFileStatus status = BP_CHIP_FILE_PENDING; status <= BP_CHIP_FILE_FAILED; status++)
    if (g_strcmp0 (text, bp_chip_file_status_to_string (status)) == 0)
      return status;
  return BP_CHIP_FILE_FAILED;
}

static void
add_file (BpChipResult *self,
          const char *dir,
          const char *name,
          BpChipFileStatus status,
          const char *message)
{
  const BpChipFileSpec *spec = _bp_chip_file_spec_lookup (name);
  g_autofree char *file_name = g_strdup_printf ("%s.bin", name);
  BpChipFile *file = _bp_chip_result_add_file (self, spec->name, spec->fid, spec->sfi);

  file->status = status;
  if (status == BP_CHIP_FILE_READ)
    {
      file->data = read_bytes (dir, file_name);
      if (file->data == NULL)
        file->status = BP_CHIP_FILE_FAILED;
    }
  if (message != NULL)
    file->message = g_strdup (message);
}

static gboolean
load_chip_json (BpChipResult *self,
                const char *dir,
                JsonObject *root,
                GError **error)
{
  JsonNode *files_node = json_object_get_member (root, "files");
  JsonNode *ca_node = json_object_get_member (root, "chip_authentication");
  JsonArray *files = files_node && JSON_NODE_HOLDS_ARRAY (files_node) ? json_node_get_array (files_node) : NULL;
  JsonObject *ca = ca_node && JSON_NODE_HOLDS_OBJECT (ca_node) ? json_node_get_object (ca_node) : NULL;
  const char *protocol = json_object_get_string_member_with_default (root, "access_control", NULL);

  self->aa_error = g_strdup (json_object_get_string_member_with_default (root, "active_authentication_error", NULL));
  for (BpChipProtocol p = BP_CHIP_PROTOCOL_NONE; p <= BP_CHIP_PROTOCOL_PACE_CAM; p++)
    if (g_strcmp0 (protocol, bp_chip_protocol_to_string (p)) == 0)
      self->protocol = p;

  for (guint i = 0; files != NULL && i < json_array_get_length (files); i++)
    {
      JsonNode *node = json_array_get_element (files, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *name = entry ? json_object_get_string_member_with_default (entry, "name", NULL) : NULL;

      if (!known_name (name))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       /* Translators: %s is a file name, chip.json. */
                       _ ("%s names a file no chip has."), CHIP_JSON);
          return FALSE;
        }
      add_file (self, dir, name,
                status_from_string (json_object_get_string_member_with_default (entry, "status", NULL)),
                json_object_get_string_member_with_default (entry, "message", NULL));
    }

  if (ca != NULL)
    {
      const char *state = json_object_get_string_member_with_default (ca, "state", NULL);

      for (BpChipAuthState s = BP_CHIP_AUTH_NOT_RUN; s <= BP_CHIP_AUTH_FAILED; s++)
        if (g_strcmp0 (state, bp_chip_auth_state_to_string (s)) == 0)
          self->ca_state = s;
      self->ca_protocol = g_strdup (json_object_get_string_member_with_default (ca, "protocol", NULL));
      self->ca_error = g_strdup (json_object_get_string_member_with_default (ca, "error", NULL));
    }
  return TRUE;
}

/**
 * bp_chip_result_load_directory:
 * @dir: a folder written by bp_chip_result_save_directory() (`borderpost-cli
 *   chip read --out`); without chip.json, every NAME.bin found is taken
 *   as read
 *
 * Returns: (transfer full): the reading, or %NULL when @dir is not a
 *   folder or chip.json is damaged
 */
BpChipResult *
bp_chip_result_load_directory (const char *dir,
                               GError **error)
{
  g_autoptr (BpChipResult) self = NULL;
  g_autofree char *json_path = NULL;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR,
                   /* Translators: %s is a folder path. */
                   _ ("“%s” is not a folder."), dir);
      return NULL;
    }

  self = _bp_chip_result_new ();
  json_path = g_build_filename (dir, CHIP_JSON, NULL);
  if (g_file_test (json_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) local_error = NULL;
      JsonNode *root;

      if (!json_parser_load_from_file (parser, json_path, &local_error)
          || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       /* Translators: %s is a file path, then the reason. */
                       _ ("“%s” is damaged: %s"), json_path,
                       local_error ? local_error->message : _ ("not a JSON object"));
          return NULL;
        }
      if (!load_chip_json (self, dir, json_node_get_object (root), error))
        return NULL;
    }
  else
    {
      /* Without chip.json: every file of the reading's table that is
       * there counts as read. */
      guint n_specs;
      const BpChipFileSpec *specs = _bp_chip_file_specs (&n_specs);

      for (guint i = 0; i < n_specs; i++)
        {
          g_autofree char *file_name = g_strdup_printf ("%s.bin", specs[i].name);
          g_autofree char *path = g_build_filename (dir, file_name, NULL);

          if (g_file_test (path, G_FILE_TEST_EXISTS))
            add_file (self, dir, specs[i].name, BP_CHIP_FILE_READ, NULL);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (extra_names); i++)
    *extra_field (self, i) = read_bytes (dir, extra_names[i]);

  return g_steal_pointer (&self);
}
