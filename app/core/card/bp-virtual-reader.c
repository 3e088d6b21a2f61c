/* bp-virtual-reader.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-virtual-reader"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bp-virtual-reader.h"

struct _BpVirtualReader
{
  GObject parent_instance;

  GMutex mutex;
  BpVirtualChip *chip;
  char *id;
  char *name;
};

static void bp_virtual_reader_card_reader_init (BpCardReaderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BpVirtualReader, bp_virtual_reader, G_TYPE_OBJECT, G_IMPLEMENT_INTERFACE (BP_TYPE_CARD_READER, bp_virtual_reader_card_reader_init))

static const char *
bp_virtual_reader_get_transport (BpCardReader *reader)
{
  return "virtual";
}

static const char *
bp_virtual_reader_get_id (BpCardReader *reader)
{
  return BP_VIRTUAL_READER (reader)->id;
}

static const char *
bp_virtual_reader_get_name (BpCardReader *reader)
{
  return BP_VIRTUAL_READER (reader)->name;
}

static BpCard *
bp_virtual_reader_connect (BpCardReader *reader,
                           GCancellable *cancellable,
                           GError **error)
{
  BpVirtualReader *self = BP_VIRTUAL_READER (reader);
  g_autoptr (BpVirtualChip) chip = bp_virtual_reader_dup_chip (self);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (chip == NULL || !bp_virtual_chip_is_present (chip))
    {
      g_set_error_literal (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_CARD,
                           _ ("There is no document on the reader."));
      return NULL;
    }
  /* Activating a contactless card powers it up: no session survives. */
  bp_virtual_chip_reset (chip);
  return BP_CARD (g_steal_pointer (&chip));
}

static void
bp_virtual_reader_card_reader_init (BpCardReaderInterface *iface)
{
  iface->get_transport = bp_virtual_reader_get_transport;
  iface->get_id = bp_virtual_reader_get_id;
  iface->get_name = bp_virtual_reader_get_name;
  iface->connect = bp_virtual_reader_connect;
}

static void
bp_virtual_reader_dispose (GObject *object)
{
  BpVirtualReader *self = BP_VIRTUAL_READER (object);

  g_clear_object (&self->chip);

  G_OBJECT_CLASS (bp_virtual_reader_parent_class)->dispose (object);
}

static void
bp_virtual_reader_finalize (GObject *object)
{
  BpVirtualReader *self = BP_VIRTUAL_READER (object);

  g_free (self->id);
  g_free (self->name);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (bp_virtual_reader_parent_class)->finalize (object);
}

static void
bp_virtual_reader_class_init (BpVirtualReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bp_virtual_reader_dispose;
  object_class->finalize = bp_virtual_reader_finalize;
}

static void
bp_virtual_reader_init (BpVirtualReader *self)
{
  g_mutex_init (&self->mutex);
}

/**
 * bp_virtual_reader_new:
 *
 * Creates an empty virtual reader with the id "virtual:<index>".
 */
BpVirtualReader *
bp_virtual_reader_new (guint index)
{
  BpVirtualReader *self = g_object_new (BP_TYPE_VIRTUAL_READER, NULL);

  self->id = g_strdup_printf ("virtual:%u", index);
  /* TRANSLATORS: name of a simulated chip reader, with its number */
  self->name = g_strdup_printf (_ ("Virtual reader %u"), index);
  return self;
}

/**
 * bp_virtual_reader_insert:
 *
 * Puts a chip on the reader, replacing any chip already there.
 */
void
bp_virtual_reader_insert (BpVirtualReader *self,
                          BpVirtualChip *chip)
{
  g_return_if_fail (BP_IS_VIRTUAL_READER (self));
  g_return_if_fail (BP_IS_VIRTUAL_CHIP (chip));

  g_mutex_lock (&self->mutex);
  if (self->chip != NULL && self->chip != chip)
    bp_virtual_chip_remove (self->chip);
  g_set_object (&self->chip, chip);
  g_mutex_unlock (&self->mutex);
  bp_virtual_chip_insert (chip);
}

/**
 * bp_virtual_reader_remove:
 *
 * Takes the chip off the reader.
 */
void
bp_virtual_reader_remove (BpVirtualReader *self)
{
  g_autoptr (BpVirtualChip) chip = NULL;

  g_return_if_fail (BP_IS_VIRTUAL_READER (self));

  g_mutex_lock (&self->mutex);
  chip = g_steal_pointer (&self->chip);
  g_mutex_unlock (&self->mutex);
  if (chip != NULL)
    bp_virtual_chip_remove (chip);
}

/**
 * bp_virtual_reader_dup_chip:
 *
 * Returns the chip on the reader, or NULL.
 */
BpVirtualChip *
bp_virtual_reader_dup_chip (BpVirtualReader *self)
{
  BpVirtualChip *chip;

  g_return_val_if_fail (BP_IS_VIRTUAL_READER (self), NULL);

  g_mutex_lock (&self->mutex);
  chip = self->chip != NULL ? g_object_ref (self->chip) : NULL;
  g_mutex_unlock (&self->mutex);
  return chip;
}
