/* bp-chip-meter.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chip-meter"

#include "config.h"

#include "bp-chip-meter.h"

struct _BpChipMeter
{
  GObject parent_instance;

  BpCard *card;
  guint apdus;
  guint64 bytes_sent;
  guint64 bytes_received;
};

static void card_iface_init (BpCardInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BpChipMeter, bp_chip_meter, G_TYPE_OBJECT, G_IMPLEMENT_INTERFACE (BP_TYPE_CARD, card_iface_init))

static GBytes *
bp_chip_meter_transmit (BpCard *card,
                        GBytes *command,
                        GCancellable *cancellable,
                        GError **error)
{
  BpChipMeter *self = BP_CHIP_METER (card);
  GBytes *response;

  self->apdus++;
  self->bytes_sent += g_bytes_get_size (command);
  response = bp_card_transmit (self->card, command, cancellable, error);
  if (response != NULL)
    self->bytes_received += g_bytes_get_size (response);
  return response;
}

static gsize
bp_chip_meter_get_max_transceive (BpCard *card)
{
  return bp_card_get_max_transceive (BP_CHIP_METER (card)->card);
}

static GBytes *
bp_chip_meter_dup_atr (BpCard *card)
{
  return bp_card_dup_atr (BP_CHIP_METER (card)->card);
}

static const char *
bp_chip_meter_get_description (BpCard *card)
{
  return bp_card_get_description (BP_CHIP_METER (card)->card);
}

static void
card_iface_init (BpCardInterface *iface)
{
  iface->transmit = bp_chip_meter_transmit;
  iface->get_max_transceive = bp_chip_meter_get_max_transceive;
  iface->dup_atr = bp_chip_meter_dup_atr;
  iface->get_description = bp_chip_meter_get_description;
}

static void
bp_chip_meter_dispose (GObject *object)
{
  BpChipMeter *self = BP_CHIP_METER (object);

  g_clear_object (&self->card);

  G_OBJECT_CLASS (bp_chip_meter_parent_class)->dispose (object);
}

static void
bp_chip_meter_class_init (BpChipMeterClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = bp_chip_meter_dispose;
}

static void
bp_chip_meter_init (BpChipMeter *self)
{
}

BpChipMeter *
bp_chip_meter_new (BpCard *card)
{
  BpChipMeter *self;

  g_return_val_if_fail (BP_IS_CARD (card), NULL);

  self = g_object_new (BP_TYPE_CHIP_METER, NULL);
  self->card = g_object_ref (card);
  return self;
}

BpCard *
bp_chip_meter_get_card (BpChipMeter *self)
{
  g_return_val_if_fail (BP_IS_CHIP_METER (self), NULL);
  return self->card;
}

guint
bp_chip_meter_get_apdus (BpChipMeter *self)
{
  g_return_val_if_fail (BP_IS_CHIP_METER (self), 0);
  return self->apdus;
}

guint64
bp_chip_meter_get_bytes_sent (BpChipMeter *self)
{
  g_return_val_if_fail (BP_IS_CHIP_METER (self), 0);
  return self->bytes_sent;
}

guint64
bp_chip_meter_get_bytes_received (BpChipMeter *self)
{
  g_return_val_if_fail (BP_IS_CHIP_METER (self), 0);
  return self->bytes_received;
}
