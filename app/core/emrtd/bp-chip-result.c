/* bp-chip-result.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chip-result"

#include "config.h"

#include "bp-chip-result-private.h"

G_DEFINE_BOXED_TYPE (BpChipFile, bp_chip_file, bp_chip_file_copy, bp_chip_file_free)

G_DEFINE_FINAL_TYPE (BpChipResult, bp_chip_result, G_TYPE_OBJECT)

BpChipFile *
bp_chip_file_copy (const BpChipFile *file)
{
  BpChipFile *copy;

  g_return_val_if_fail (file != NULL, NULL);

  copy = g_new0 (BpChipFile, 1);
  copy->name = g_strdup (file->name);
  copy->fid = file->fid;
  copy->sfi = file->sfi;
  copy->status = file->status;
  copy->data = file->data != NULL ? g_bytes_ref (file->data) : NULL;
  copy->message = g_strdup (file->message);
  return copy;
}

void
bp_chip_file_free (BpChipFile *file)
{
  if (file == NULL)
    return;
  g_free (file->name);
  g_clear_pointer (&file->data, g_bytes_unref);
  g_free (file->message);
  g_free (file);
}

const char *
bp_chip_file_status_to_string (BpChipFileStatus status)
{
  switch (status)
    {
    case BP_CHIP_FILE_PENDING:
      return "pending";
    case BP_CHIP_FILE_READ:
      return "read";
    case BP_CHIP_FILE_ABSENT:
      return "absent";
    case BP_CHIP_FILE_NOT_ALLOWED:
      return "not-allowed";
    case BP_CHIP_FILE_FAILED:
      return "failed";
    default:
      return "unknown";
    }
}

const char *
bp_chip_protocol_to_string (BpChipProtocol protocol)
{
  switch (protocol)
    {
    case BP_CHIP_PROTOCOL_BAC:
      return "BAC";
    case BP_CHIP_PROTOCOL_PACE_GM:
      return "PACE-GM";
    case BP_CHIP_PROTOCOL_PACE_IM:
      return "PACE-IM";
    case BP_CHIP_PROTOCOL_PACE_CAM:
      return "PACE-CAM";
    case BP_CHIP_PROTOCOL_NONE:
    default:
      return "none";
    }
}

/**
 * bp_chip_auth_state_to_string:
 *
 * Returns: the state's name for JSON and logs
 */
const char *
bp_chip_auth_state_to_string (BpChipAuthState state)
{
  switch (state)
    {
    case BP_CHIP_AUTH_PASSED:
      return "passed";
    case BP_CHIP_AUTH_FAILED:
      return "failed";
    case BP_CHIP_AUTH_NOT_RUN:
    default:
      return "not-run";
    }
}

static void
bp_chip_result_finalize (GObject *object)
{
  BpChipResult *self = BP_CHIP_RESULT (object);

  g_free (self->protocol_reason);
  g_free (self->pace_error);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->cam_data, g_bytes_unref);
  g_clear_pointer (&self->cam_ca_ic, g_bytes_unref);
  g_clear_pointer (&self->cam_pk_map, g_bytes_unref);
  g_clear_pointer (&self->ca_error, g_free);
  g_clear_pointer (&self->ca_protocol, g_free);
  g_clear_pointer (&self->ca_public_key, g_bytes_unref);
  g_clear_pointer (&self->aa_challenge, g_bytes_unref);
  g_clear_pointer (&self->aa_response, g_bytes_unref);
  g_clear_pointer (&self->aa_error, g_free);

  G_OBJECT_CLASS (bp_chip_result_parent_class)->finalize (object);
}

static void
bp_chip_result_class_init (BpChipResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bp_chip_result_finalize;
}

static void
bp_chip_result_init (BpChipResult *self)
{
  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_chip_file_free);
}

BpChipResult *
_bp_chip_result_new (void)
{
  return g_object_new (BP_TYPE_CHIP_RESULT, NULL);
}

BpChipFile *
_bp_chip_result_add_file (BpChipResult *self,
                          const char *name,
                          guint16 fid,
                          guint8 sfi)
{
  BpChipFile *file;

  file = (BpChipFile *) bp_chip_result_lookup_file (self, name);
  if (file != NULL)
    return file;
  file = g_new0 (BpChipFile, 1);
  file->name = g_strdup (name);
  file->fid = fid;
  file->sfi = sfi;
  file->status = BP_CHIP_FILE_PENDING;
  g_ptr_array_add (self->files, file);
  return file;
}

BpChipProtocol
bp_chip_result_get_protocol (BpChipResult *self)
{
  g_return_val_if_fail (BP_IS_CHIP_RESULT (self), BP_CHIP_PROTOCOL_NONE);
  return self->protocol;
}

const char *
bp_chip_result_get_protocol_reason (BpChipResult *self)
{
  g_return_val_if_fail (BP_IS_CHIP_RESULT (self), NULL);
  return self->protocol_reason;
}

const char *
bp_chip_result_get_pace_error (BpChipResult *self)
{
  g_return_val_if_fail (BP_IS_CHIP_RESULT (self), NULL);
  return self->pace_error;
}

GPtrArray *
bp_chip_result_get_files (BpChipResult *self)
{
  g_return_val_if_fail (BP_IS_CHIP_RESULT (self), NULL);
  return self->files;
}

const BpChipFile *
bp_chip_result_lookup_file (BpChipResult *self,
                            const char *name)
{
  g_return_val_if_fail (BP_IS_CHIP_RESULT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->files->len; i++)
    {
      const BpChipFile *file = g_ptr_array_index (self->files, i);

      if (g_str_equal (file->name, name))
        return file;
    }
  return NULL;
}

GBytes *
bp_chip_result_get_file_data (BpChipResult *self,
                              const char *name)
{
  const BpChipFile *file = bp_chip_result_lookup_file (self, name);

  return file != NULL && file->status == BP_CHIP_FILE_READ ? file->data : NULL;
}

GBytes *
bp_chip_result_get_cam_data (BpChipResult *self)
{
  g_return_val_if_fail (BP_IS_CHIP_RESULT (self), NULL);
  return self->cam_data;
}

GBytes *
bp_chip_result_get_cam_ca_ic (BpChipResult *self)
{
  g_return_val_if_fail (BP_IS_CHIP_RESULT (self), NULL);
  return self->cam_ca_ic;
}

GBytes *
bp_chip_result_get_cam_pk_map (BpChipResult *self)
{
  g_return_val_if_fail (BP_IS_CHIP_RESULT (self), NULL);
  return self->cam_pk_map;
}

BpChipAuthState
bp_chip_result_get_ca_state (BpChipResult *self)
{
  g_return_val_if_fail (BP_IS_CHIP_RESULT (self), BP_CHIP_AUTH_NOT_RUN);
  return self->ca_state;
}

const char *
bp_chip_result_get_ca_error (BpChipResult *self)
{
  g_return_val_if_fail (BP_IS_CHIP_RESULT (self), NULL);
  return self->ca_error;
}

const char *
bp_chip_result_get_ca_protocol (BpChipResult *self)
{
  g_return_val_if_fail (BP_IS_CHIP_RESULT (self), NULL);
  return self->ca_protocol;
}

GBytes *
bp_chip_result_get_ca_public_key (BpChipResult *self)
{
  g_return_val_if_fail (BP_IS_CHIP_RESULT (self), NULL);
  return self->ca_public_key;
}

GBytes *
bp_chip_result_get_aa_challenge (BpChipResult *self)
{
  g_return_val_if_fail (BP_IS_CHIP_RESULT (self), NULL);
  return self->aa_challenge;
}

GBytes *
bp_chip_result_get_aa_response (BpChipResult *self)
{
  g_return_val_if_fail (BP_IS_CHIP_RESULT (self), NULL);
  return self->aa_response;
}

const char *
bp_chip_result_get_aa_error (BpChipResult *self)
{
  g_return_val_if_fail (BP_IS_CHIP_RESULT (self), NULL);
  return self->aa_error;
}

guint
bp_chip_result_get_apdu_count (BpChipResult *self)
{
  g_return_val_if_fail (BP_IS_CHIP_RESULT (self), 0);
  return self->apdus;
}

guint64
bp_chip_result_get_bytes_sent (BpChipResult *self)
{
  g_return_val_if_fail (BP_IS_CHIP_RESULT (self), 0);
  return self->bytes_sent;
}

guint64
bp_chip_result_get_bytes_received (BpChipResult *self)
{
  g_return_val_if_fail (BP_IS_CHIP_RESULT (self), 0);
  return self->bytes_received;
}

guint
bp_chip_result_get_reauthentications (BpChipResult *self)
{
  g_return_val_if_fail (BP_IS_CHIP_RESULT (self), 0);
  return self->reauthentications;
}
