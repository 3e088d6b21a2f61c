/* bp-card-readers.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-card-readers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bp-card-readers.h"
#include "bp-nfc-reader.h"
#include "bp-pcsc-reader.h"

static GMutex registry_lock;
static GPtrArray *registry; /* BpCardReader, registered in-process readers */

/**
 * bp_card_readers_register:
 * @reader: a #BpCardReader
 *
 * Adds an in-process reader to every listing and to bp_card_reader_open().
 */
void
bp_card_readers_register (BpCardReader *reader)
{
  g_return_if_fail (BP_IS_CARD_READER (reader));

  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry = g_ptr_array_new_with_free_func (g_object_unref);
  if (!g_ptr_array_find (registry, reader, NULL))
    g_ptr_array_add (registry, g_object_ref (reader));
  g_mutex_unlock (&registry_lock);
}

/**
 * bp_card_readers_unregister:
 * @reader: a #BpCardReader
 *
 * Undoes bp_card_readers_register(). The registry frees itself once empty.
 */
void
bp_card_readers_unregister (BpCardReader *reader)
{
  g_return_if_fail (BP_IS_CARD_READER (reader));

  g_mutex_lock (&registry_lock);
  if (registry != NULL)
    {
      g_ptr_array_remove (registry, reader);
      if (registry->len == 0)
        g_clear_pointer (&registry, g_ptr_array_unref);
    }
  g_mutex_unlock (&registry_lock);
}

static GPtrArray *
dup_registry (void)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_object_unref);

  g_mutex_lock (&registry_lock);
  for (guint i = 0; registry != NULL && i < registry->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (registry, i)));
  g_mutex_unlock (&registry_lock);
  return copy;
}

static gboolean
add_transport (BpCardReaderList *list,
               const char *transport,
               GPtrArray *readers,
               const GError *error)
{
  if (readers == NULL)
    {
      bp_card_reader_list_add_error (list, transport, error);
      return FALSE;
    }
  for (guint i = 0; i < readers->len; i++)
    bp_card_reader_list_add (list, g_ptr_array_index (readers, i));
  return TRUE;
}

/**
 * bp_card_readers_list:
 * @error: return location for a #GError
 *
 * Lists the readers of every transport.
 *
 * Returns: (transfer full): a #BpCardReaderList, or %NULL if nothing at
 *   all could be listed
 */
BpCardReaderList *
bp_card_readers_list (GError **error)
{
  g_autoptr (BpCardReaderList) list = bp_card_reader_list_new ();
  g_autoptr (GPtrArray) registered = dup_registry ();
  g_autoptr (GPtrArray) nfc = NULL;
  g_autoptr (GPtrArray) pcsc = NULL;
  g_autoptr (GError) nfc_error = NULL;
  g_autoptr (GError) pcsc_error = NULL;
  gboolean any = FALSE;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < registered->len; i++)
    bp_card_reader_list_add (list, g_ptr_array_index (registered, i));

  nfc = bp_nfc_reader_list (&nfc_error);
  any |= add_transport (list, "nfc", nfc, nfc_error);
  pcsc = bp_pcsc_reader_list (&pcsc_error);
  any |= add_transport (list, "pcsc", pcsc, pcsc_error);

  if (!any && registered->len == 0)
    {
      g_set_error (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_READER,
                   _ ("No reader can be listed. NFC: %s PC/SC: %s"),
                   nfc_error->message, pcsc_error->message);
      return NULL;
    }

  return g_steal_pointer (&list);
}

/**
 * bp_card_reader_open:
 * @id: a reader id, e.g. "nfc:pn532_uart:/dev/ttyUSB0"
 * @error: return location for a #GError
 *
 * Resolves a reader id (as stored in settings) to a reader.
 *
 * Returns: (transfer full): a #BpCardReader, or %NULL
 */
BpCardReader *
bp_card_reader_open (const char *id,
                     GError **error)
{
  g_autoptr (GPtrArray) registered = NULL;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  registered = dup_registry ();
  for (guint i = 0; i < registered->len; i++)
    if (g_str_equal (bp_card_reader_get_id (g_ptr_array_index (registered, i)), id))
      return g_object_ref (g_ptr_array_index (registered, i));

  if (g_str_has_prefix (id, "nfc:") && id[4] != '\0')
    return BP_CARD_READER (bp_nfc_reader_new (id + 4));
  if (g_str_has_prefix (id, "pcsc:") && id[5] != '\0')
    return BP_CARD_READER (bp_pcsc_reader_new (id + 5));

  if (g_str_has_prefix (id, "virtual:"))
    g_set_error (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_READER,
                 _ ("There is no virtual reader “%s” in this program (virtual readers exist in demo mode and tests)."), id);
  else
    g_set_error (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_READER,
                 _ ("“%s” is not a reader. Readers are named nfc:DEVICE, pcsc:READER NAME or virtual:NUMBER."), id);
  return NULL;
}
