/* bp-card.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-card"

#include "config.h"

#include "bp-card.h"

G_DEFINE_QUARK (bp - card - error - quark, bp_card_error)

G_DEFINE_INTERFACE (BpCard, bp_card, G_TYPE_OBJECT)
G_DEFINE_INTERFACE (BpCardReader, bp_card_reader, G_TYPE_OBJECT)

static gsize
bp_card_real_get_max_transceive (BpCard *self)
{
  /* Short APDUs: 5-byte header + 255 data + Le, or 256 data + SW1 SW2. */
  return 261;
}

static GBytes *
bp_card_real_dup_atr (BpCard *self)
{
  return NULL;
}

static const char *
bp_card_real_get_description (BpCard *self)
{
  return G_OBJECT_TYPE_NAME (self);
}

static gboolean
bp_card_real_is_present (BpCard *self,
                         GError **error)
{
  return TRUE;
}

static void
bp_card_default_init (BpCardInterface *iface)
{
  iface->get_max_transceive = bp_card_real_get_max_transceive;
  iface->dup_atr = bp_card_real_dup_atr;
  iface->get_description = bp_card_real_get_description;
  iface->is_present = bp_card_real_is_present;
}

static void
bp_card_reader_default_init (BpCardReaderInterface *iface)
{
}

GBytes *
bp_card_transmit (BpCard *self,
                  GBytes *command,
                  GCancellable *cancellable,
                  GError **error)
{
  g_return_val_if_fail (BP_IS_CARD (self), NULL);
  g_return_val_if_fail (command != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return BP_CARD_GET_IFACE (self)->transmit (self, command, cancellable, error);
}

gsize
bp_card_get_max_transceive (BpCard *self)
{
  g_return_val_if_fail (BP_IS_CARD (self), 0);

  return BP_CARD_GET_IFACE (self)->get_max_transceive (self);
}

GBytes *
bp_card_dup_atr (BpCard *self)
{
  g_return_val_if_fail (BP_IS_CARD (self), NULL);

  return BP_CARD_GET_IFACE (self)->dup_atr (self);
}

const char *
bp_card_get_description (BpCard *self)
{
  g_return_val_if_fail (BP_IS_CARD (self), NULL);

  return BP_CARD_GET_IFACE (self)->get_description (self);
}

/**
 * bp_card_is_present:
 * @self: a #BpCard
 * @error: return location for a #GError
 *
 * Asks the transport whether the document still answers, without
 * disturbing the session. Blocks briefly: call it from a worker thread.
 *
 * Returns: %TRUE if it does (or the transport cannot tell); %FALSE if it
 *   left, or with @error set if the reader failed
 */
gboolean
bp_card_is_present (BpCard *self,
                    GError **error)
{
  g_return_val_if_fail (BP_IS_CARD (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return BP_CARD_GET_IFACE (self)->is_present (self, error);
}

const char *
bp_card_reader_get_transport (BpCardReader *self)
{
  g_return_val_if_fail (BP_IS_CARD_READER (self), NULL);

  return BP_CARD_READER_GET_IFACE (self)->get_transport (self);
}

const char *
bp_card_reader_get_id (BpCardReader *self)
{
  g_return_val_if_fail (BP_IS_CARD_READER (self), NULL);

  return BP_CARD_READER_GET_IFACE (self)->get_id (self);
}

const char *
bp_card_reader_get_name (BpCardReader *self)
{
  g_return_val_if_fail (BP_IS_CARD_READER (self), NULL);

  return BP_CARD_READER_GET_IFACE (self)->get_name (self);
}

BpCard *
bp_card_reader_connect (BpCardReader *self,
                        GCancellable *cancellable,
                        GError **error)
{
  g_return_val_if_fail (BP_IS_CARD_READER (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return BP_CARD_READER_GET_IFACE (self)->connect (self, cancellable, error);
}
