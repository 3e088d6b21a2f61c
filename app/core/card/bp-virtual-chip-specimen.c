/* bp-virtual-chip-specimen.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-virtual-chip-specimen"

#include "config.h"

#include "bp-virtual-chip-specimen.h"

/**
 * bp_virtual_chip_new_from_specimen:
 * @specimen: a loaded specimen
 * @error: return location for an error
 *
 * Puts a specimen document on a virtual chip. The chip's access key is
 * the printed MRZ (bp_specimen_get_mrz()), whatever DG1 holds.
 *
 * Returns: (transfer full): the chip, or %NULL when a key is unusable
 */
BpVirtualChip *
bp_virtual_chip_new_from_specimen (BpSpecimen *specimen,
                                   GError **error)
{
  g_autoptr (BpVirtualChip) chip = NULL;
  BpSpecimenProtocols protocols;
  BpVirtualChipProtocols offered = 0;
  GHashTableIter iter;
  gpointer key, value;
  GBytes *aa_key, *ca_key;

  g_return_val_if_fail (BP_IS_SPECIMEN (specimen), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  chip = bp_virtual_chip_new_from_mrz (bp_specimen_get_mrz (specimen), error);
  if (chip == NULL)
    return NULL;

  g_hash_table_iter_init (&iter, bp_specimen_get_files (specimen));
  while (g_hash_table_iter_next (&iter, &key, &value))
    bp_virtual_chip_set_file (chip, GPOINTER_TO_UINT (key), value);

  protocols = bp_specimen_get_protocols (specimen);
  if (protocols & BP_SPECIMEN_PROTOCOL_BAC)
    offered |= BP_VIRTUAL_CHIP_BAC;
  if (protocols & BP_SPECIMEN_PROTOCOL_PACE)
    offered |= BP_VIRTUAL_CHIP_PACE;
  bp_virtual_chip_set_protocols (chip, offered);
  if (bp_specimen_get_can (specimen) != NULL)
    bp_virtual_chip_set_can (chip, bp_specimen_get_can (specimen));

  aa_key = bp_specimen_get_active_authentication_key (specimen);
  if (aa_key != NULL && !bp_virtual_chip_set_active_authentication_key (chip, aa_key, error))
    return NULL;
  ca_key = bp_specimen_get_chip_authentication_key (specimen);
  if (ca_key != NULL && !bp_virtual_chip_set_chip_authentication_key (chip, ca_key, error))
    return NULL;
  /* After the key: Chip Authentication Mapping maps with it. */
  if (bp_specimen_get_pace_oid (specimen) != NULL
      && !bp_virtual_chip_set_pace_parameters (chip, bp_specimen_get_pace_oid (specimen),
                                               BP_VIRTUAL_CHIP_PACE_DEFAULT_PARAMETER, error))
    return NULL;

  return g_steal_pointer (&chip);
}
