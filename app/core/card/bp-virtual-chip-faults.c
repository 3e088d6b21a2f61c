/* bp-virtual-chip-faults.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-virtual-chip"

#include "config.h"

#include "bp-virtual-chip-private.h"

/* Presence, fault knobs and counters of BpVirtualChip, each guarded by
 * the chip's mutex so that a test may turn them while a read is running. */

/**
 * bp_virtual_chip_set_wrong_response_mac:
 *
 * Corrupts the MAC of protected responses from the nth one on (0: off).
 */
void
bp_virtual_chip_set_wrong_response_mac (BpVirtualChip *self,
                                        guint nth)
{
  g_return_if_fail (BP_IS_VIRTUAL_CHIP (self));

  g_mutex_lock (&self->mutex);
  self->wrong_mac_from = nth;
  self->n_protected_responses = 0;
  g_mutex_unlock (&self->mutex);
}

/**
 * bp_virtual_chip_set_delay:
 *
 * Delays every answer by delay_ms milliseconds.
 */
void
bp_virtual_chip_set_delay (BpVirtualChip *self,
                           guint delay_ms)
{
  g_return_if_fail (BP_IS_VIRTUAL_CHIP (self));

  g_mutex_lock (&self->mutex);
  self->delay_ms = delay_ms;
  g_mutex_unlock (&self->mutex);
}

/**
 * bp_virtual_chip_remove_after_apdus:
 *
 * Answers n more APDUs, then leaves the field (-1: off).
 */
void
bp_virtual_chip_remove_after_apdus (BpVirtualChip *self,
                                    int n)
{
  g_return_if_fail (BP_IS_VIRTUAL_CHIP (self));

  g_mutex_lock (&self->mutex);
  self->remove_after_apdus = n < 0 ? -1 : n;
  g_mutex_unlock (&self->mutex);
}

/**
 * bp_virtual_chip_remove_after_file_bytes:
 *
 * Leaves the field when a read of fid reaches byte n_bytes (fid 0: off).
 */
void
bp_virtual_chip_remove_after_file_bytes (BpVirtualChip *self,
                                         guint16 fid,
                                         gsize n_bytes)
{
  g_return_if_fail (BP_IS_VIRTUAL_CHIP (self));

  g_mutex_lock (&self->mutex);
  self->remove_fid = fid;
  self->remove_after_bytes = n_bytes;
  g_mutex_unlock (&self->mutex);
}

/**
 * bp_virtual_chip_set_truncated_file:
 *
 * Serves only the first length bytes of fid (-1 restores the file).
 */
void
bp_virtual_chip_set_truncated_file (BpVirtualChip *self,
                                    guint16 fid,
                                    gssize length)
{
  g_return_if_fail (BP_IS_VIRTUAL_CHIP (self));

  g_mutex_lock (&self->mutex);
  if (length < 0)
    g_hash_table_remove (self->truncations, GUINT_TO_POINTER (fid));
  else
    g_hash_table_insert (self->truncations, GUINT_TO_POINTER (fid), GSIZE_TO_POINTER (length));
  g_mutex_unlock (&self->mutex);
}

/**
 * bp_virtual_chip_set_corrupted_file:
 *
 * Serves fid with the byte at offset inverted (-1 restores the file).
 */
void
bp_virtual_chip_set_corrupted_file (BpVirtualChip *self,
                                    guint16 fid,
                                    gssize offset)
{
  g_return_if_fail (BP_IS_VIRTUAL_CHIP (self));

  g_mutex_lock (&self->mutex);
  if (offset < 0)
    g_hash_table_remove (self->corruptions, GUINT_TO_POINTER (fid));
  else
    g_hash_table_insert (self->corruptions, GUINT_TO_POINTER (fid), GSIZE_TO_POINTER (offset));
  g_mutex_unlock (&self->mutex);
}

/**
 * bp_virtual_chip_set_sm_error_at:
 *
 * Answers 6988 once when a read of fid reaches offset (fid 0: off).
 */
void
bp_virtual_chip_set_sm_error_at (BpVirtualChip *self,
                                 guint16 fid,
                                 gsize offset)
{
  g_return_if_fail (BP_IS_VIRTUAL_CHIP (self));

  g_mutex_lock (&self->mutex);
  self->sm_error_fid = fid;
  self->sm_error_offset = offset;
  g_mutex_unlock (&self->mutex);
}

/**
 * bp_virtual_chip_remove:
 *
 * Takes the chip out of the field: transmit fails until it is inserted.
 */
void
bp_virtual_chip_remove (BpVirtualChip *self)
{
  g_return_if_fail (BP_IS_VIRTUAL_CHIP (self));

  g_mutex_lock (&self->mutex);
  self->present = FALSE;
  _bp_vc_power_up (self);
  g_mutex_unlock (&self->mutex);
}

/**
 * bp_virtual_chip_insert:
 *
 * Puts the chip back in the field, powered up afresh with no session.
 */
void
bp_virtual_chip_insert (BpVirtualChip *self)
{
  g_return_if_fail (BP_IS_VIRTUAL_CHIP (self));

  g_mutex_lock (&self->mutex);
  if (!self->present)
    _bp_vc_power_up (self);
  self->present = TRUE;
  g_mutex_unlock (&self->mutex);
}

/**
 * bp_virtual_chip_is_present:
 *
 * Whether the chip is in the field.
 */
gboolean
bp_virtual_chip_is_present (BpVirtualChip *self)
{
  gboolean present;

  g_return_val_if_fail (BP_IS_VIRTUAL_CHIP (self), FALSE);

  g_mutex_lock (&self->mutex);
  present = self->present;
  g_mutex_unlock (&self->mutex);
  return present;
}

/**
 * bp_virtual_chip_reset:
 *
 * Power cycles the chip: the session ends and the master file is selected.
 */
void
bp_virtual_chip_reset (BpVirtualChip *self)
{
  g_return_if_fail (BP_IS_VIRTUAL_CHIP (self));

  g_mutex_lock (&self->mutex);
  _bp_vc_power_up (self);
  g_mutex_unlock (&self->mutex);
}

/**
 * bp_virtual_chip_get_n_apdus:
 *
 * Returns how many APDUs the chip has answered.
 */
guint
bp_virtual_chip_get_n_apdus (BpVirtualChip *self)
{
  guint n;

  g_return_val_if_fail (BP_IS_VIRTUAL_CHIP (self), 0);

  g_mutex_lock (&self->mutex);
  n = self->n_apdus;
  g_mutex_unlock (&self->mutex);
  return n;
}

/**
 * bp_virtual_chip_get_session:
 *
 * Returns "BAC", "PACE" or "CA" (restarted by Chip Authentication) while a
 * secure messaging session is up, else NULL.
 */
const char *
bp_virtual_chip_get_session (BpVirtualChip *self)
{
  BpVcSession session;

  g_return_val_if_fail (BP_IS_VIRTUAL_CHIP (self), NULL);

  g_mutex_lock (&self->mutex);
  session = self->state.session;
  g_mutex_unlock (&self->mutex);
  switch (session)
    {
    case BP_VC_SESSION_BAC:
      return "BAC";
    case BP_VC_SESSION_PACE:
      return "PACE";
    case BP_VC_SESSION_CA:
      return "CA";
    default:
      return NULL;
    }
}
