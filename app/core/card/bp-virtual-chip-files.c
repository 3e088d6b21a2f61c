/* bp-virtual-chip-files.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-virtual-chip"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bp-tlv.h"
#include "bp-virtual-chip-private.h"

/* The chip's file system: the master file with EF.CardAccess, the eMRTD
 * application (ICAO 9303-10) with EF.COM, the data groups and EF.SOD;
 * SELECT, READ BINARY and the access conditions. */

#define EMRTD_AID_LENGTH 7
static const guint8 emrtd_aid[EMRTD_AID_LENGTH] = { 0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01 };

/* Files of the master file; the rest belong to the eMRTD application. */
static gboolean
is_master_file_ef (guint16 fid)
{
  return fid == BP_VIRTUAL_CHIP_FID_CARD_ACCESS || fid == 0x2F00 || fid == 0x2F01;
}

static guint8
sfi_of (guint16 fid)
{
  if ((fid & 0xFF00) == 0x0100 && (fid & 0xFF) <= 0x1F)
    return fid & 0x1F;
  return 0;
}

/* The file as served, with the truncation and corruption knobs applied. */
static GBytes *
file_view (BpVirtualChip *self,
           guint16 fid)
{
  GBytes *contents = g_hash_table_lookup (self->files, GUINT_TO_POINTER (fid));
  gpointer value;
  gsize size;

  if (contents == NULL)
    return NULL;
  size = g_bytes_get_size (contents);
  if (g_hash_table_lookup_extended (self->truncations, GUINT_TO_POINTER (fid), NULL, &value))
    size = MIN (size, GPOINTER_TO_SIZE (value));
  if (g_hash_table_lookup_extended (self->corruptions, GUINT_TO_POINTER (fid), NULL, &value)
      && GPOINTER_TO_SIZE (value) < size)
    {
      guint8 *copy = g_memdup2 (g_bytes_get_data (contents, NULL), size);

      copy[GPOINTER_TO_SIZE (value)] ^= 0xFF;
      return g_bytes_new_take (copy, size);
    }
  return g_bytes_new_from_bytes (contents, 0, size);
}

static gboolean
file_exists (BpVirtualChip *self,
             guint16 fid)
{
  if (!g_hash_table_contains (self->files, GUINT_TO_POINTER (fid)))
    return FALSE;
  /* Application files are only visible inside the application; master
   * file EFs are found from anywhere, as most chips allow. */
  return is_master_file_ef (fid) || self->application_selected;
}

guint16
_bp_vc_select_file (BpVirtualChip *self,
                    const BpVcCommand *command,
                    GByteArray *response)
{
  guint16 fid;
  gsize size;
  g_autoptr (GBytes) view = NULL;

  if (command->p2 != 0x0C && command->p2 != 0x00 && command->p2 != 0x04)
    return SW_WRONG_P1P2_FUNCTION;

  switch (command->p1)
    {
    case 0x04: /* by DF name */
      if (command->lc == EMRTD_AID_LENGTH && memcmp (command->data, emrtd_aid, EMRTD_AID_LENGTH) == 0)
        {
          self->application_selected = TRUE;
          self->current_ef = 0;
          return SW_OK;
        }
      return SW_FILE_NOT_FOUND;

    case 0x00: /* MF, DF or EF by identifier */
      if (command->lc == 0 || (command->lc == 2 && command->data[0] == 0x3F && command->data[1] == 0x00))
        {
          self->application_selected = FALSE;
          self->current_ef = 0;
          return SW_OK;
        }
      G_GNUC_FALLTHROUGH;
    case 0x02: /* EF under the current DF */
      if (command->lc != 2)
        return SW_WRONG_LENGTH;
      fid = (command->data[0] << 8) | command->data[1];
      if (!file_exists (self, fid))
        return SW_FILE_NOT_FOUND;
      self->current_ef = fid;
      break;

    default:
      return SW_WRONG_P1P2_FUNCTION;
    }

  if (command->p2 == 0x0C)
    return SW_OK;

  /* File control parameters: size, EF structure, identifier. */
  view = file_view (self, fid);
  size = g_bytes_get_size (view);
  {
    guint8 fcp[] = { 0x62, 0x0B, 0x80, 0x02, size >> 8, size & 0xFF, 0x82, 0x01, 0x01,
                     0x83, 0x02, fid >> 8, fid & 0xFF };
    g_byte_array_append (response, fcp, sizeof fcp);
  }
  return SW_OK;
}

guint16
_bp_vc_read_binary (BpVirtualChip *self,
                    const BpVcCommand *command,
                    gsize max_data,
                    GByteArray *response,
                    GError **error)
{
  g_autoptr (GBytes) view = NULL;
  const guint8 *contents;
  gsize offset, size, n, le = command->le;
  guint16 fid, sw = SW_OK;
  gboolean odd = command->ins == 0xB1;

  if (!odd && (command->p1 & 0x80))
    {
      guint8 sfi = command->p1 & 0x1F;
      GHashTableIter iter;
      gpointer key;

      if (command->p1 & 0x60)
        return SW_WRONG_P1P2_FUNCTION;
      fid = 0;
      g_hash_table_iter_init (&iter, self->files);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (sfi_of (GPOINTER_TO_UINT (key)) == sfi && file_exists (self, GPOINTER_TO_UINT (key)))
          fid = GPOINTER_TO_UINT (key);
      if (fid == 0)
        return SW_FILE_NOT_FOUND;
      self->current_ef = fid;
      offset = command->p2;
    }
  else if (odd)
    {
      /* Offset in a data object 54 (ISO 7816-4 READ BINARY, odd INS). */
      if (command->p1 != 0 || command->p2 != 0)
        return SW_WRONG_P1P2_FUNCTION;
      if (command->lc < 3 || command->data[0] != 0x54 || command->data[1] == 0
          || command->data[1] > 3 || command->lc != 2 + (gsize) command->data[1])
        return SW_WRONG_DATA;
      offset = 0;
      for (gsize i = 0; i < command->data[1]; i++)
        offset = (offset << 8) | command->data[2 + i];
      fid = self->current_ef;
    }
  else
    {
      offset = ((command->p1 & 0x7F) << 8) | command->p2;
      fid = self->current_ef;
    }

  if (fid == 0)
    return SW_NO_CURRENT_EF;
  if (le == 0)
    return SW_WRONG_LENGTH;
  if (!command->extended && le > self->max_short_le)
    return self->le_reject_sw;

  /* Access conditions: EF.CardAccess is public, DG3 and DG4 need Terminal
   * Authentication (never done here), the rest needs BAC or PACE. */
  if (fid == BP_VIRTUAL_CHIP_FID_DG (3) || fid == BP_VIRTUAL_CHIP_FID_DG (4))
    return SW_SECURITY_STATUS;
  if (!is_master_file_ef (fid) && self->state.session == BP_VC_SESSION_NONE)
    return SW_SECURITY_STATUS;

  view = file_view (self, fid);
  contents = g_bytes_get_data (view, &size);
  if (offset >= size)
    return SW_WRONG_P1P2;

  if (odd)
    le = le > 4 ? le - 4 : 1; /* room for the 53 L header */
  /* Fewer bytes than an explicit Le is a warning (ISO 7816-4 6282); Le 00
   * asks for as much as there is, up to 256. */
  n = MIN (le, size - offset);
  if (n < le && !command->le_max)
    sw = SW_END_OF_FILE;
  if (n > max_data)
    {
      /* The answer has to fit the frame; a shorter answer is allowed. */
      n = max_data;
      sw = SW_OK;
    }

  if (self->remove_fid == fid && offset + n > self->remove_after_bytes)
    {
      self->remove_fid = 0;
      self->present = FALSE;
      _bp_vc_power_up (self);
      g_set_error_literal (error, BP_CARD_ERROR, BP_CARD_ERROR_REMOVED,
                           _ ("The document was taken off the reader."));
      return 0;
    }
  if (self->sm_error_fid == fid && offset <= self->sm_error_offset
      && self->sm_error_offset < offset + n)
    {
      self->sm_error_fid = 0;
      _bp_vc_drop_session (self);
      return SW_SM_WRONG;
    }

  if (odd)
    bp_tlv_append (response, 0x53, contents + offset, n);
  else
    g_byte_array_append (response, contents + offset, n);
  return sw;
}
