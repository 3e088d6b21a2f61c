/* scripted-card.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "scripted-card"

#include "config.h"

#include "scripted-card.h"

struct _ScriptedCard
{
  GObject parent_instance;

  GMutex mutex;
  GHashTable *script; /* GBytes command → GBytes response */
  int remove_after;
  guint exchanges;
  gboolean present;
};

static void scripted_card_iface_init (BpCardInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ScriptedCard, scripted_card, G_TYPE_OBJECT, G_IMPLEMENT_INTERFACE (BP_TYPE_CARD, scripted_card_iface_init))

GBytes *
scripted_hex (const char *hex)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  int nibble = -1;

  for (const char *p = hex; *p; p++)
    {
      int v = g_ascii_xdigit_value (*p);
      if (v < 0)
        continue;
      if (nibble < 0)
        nibble = v;
      else
        {
          guint8 b = (nibble << 4) | v;
          g_byte_array_append (out, &b, 1);
          nibble = -1;
        }
    }
  g_assert (nibble < 0);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static GBytes *
scripted_card_transmit (BpCard *card,
                        GBytes *command,
                        GCancellable *cancellable,
                        GError **error)
{
  ScriptedCard *self = SCRIPTED_CARD (card);
  GBytes *response;
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  if (self->remove_after == 0)
    {
      g_set_error_literal (error, BP_CARD_ERROR, BP_CARD_ERROR_REMOVED, "The document left the field");
      return NULL;
    }
  if (self->remove_after > 0)
    self->remove_after--;
  self->exchanges++;

  response = g_hash_table_lookup (self->script, command);
  if (response != NULL)
    return g_bytes_ref (response);
  return scripted_hex ("6D00");
}

static void
scripted_card_finalize (GObject *object)
{
  ScriptedCard *self = SCRIPTED_CARD (object);

  g_hash_table_unref (self->script);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (scripted_card_parent_class)->finalize (object);
}

static gboolean
scripted_card_is_present (BpCard *card,
                          GError **error)
{
  ScriptedCard *self = SCRIPTED_CARD (card);
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  return self->present;
}

static void
scripted_card_iface_init (BpCardInterface *iface)
{
  iface->transmit = scripted_card_transmit;
  iface->is_present = scripted_card_is_present;
}

static void
scripted_card_class_init (ScriptedCardClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = scripted_card_finalize;
}

static void
scripted_card_init (ScriptedCard *self)
{
  g_mutex_init (&self->mutex);
  self->script = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                        (GDestroyNotify) g_bytes_unref,
                                        (GDestroyNotify) g_bytes_unref);
  self->remove_after = -1;
  self->present = TRUE;
}

ScriptedCard *
scripted_card_new (void)
{
  return g_object_new (SCRIPTED_TYPE_CARD, NULL);
}

void
scripted_card_add (ScriptedCard *self,
                   const char *command_hex,
                   const char *response_hex)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  g_hash_table_replace (self->script, scripted_hex (command_hex), scripted_hex (response_hex));
}

void
scripted_card_remove_after (ScriptedCard *self,
                            int n)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  self->remove_after = n;
}

guint
scripted_card_get_exchanges (ScriptedCard *self)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  return self->exchanges;
}

void
scripted_card_set_present (ScriptedCard *self,
                           gboolean present)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  self->present = present;
}

struct _ScriptedReader
{
  GObject parent_instance;

  GMutex mutex;
  char *id;
  ScriptedCard *card;
  BpCardError failure;
  guint connects;
};

static void scripted_reader_iface_init (BpCardReaderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ScriptedReader, scripted_reader, G_TYPE_OBJECT, G_IMPLEMENT_INTERFACE (BP_TYPE_CARD_READER, scripted_reader_iface_init))

static const char *
scripted_reader_get_transport (BpCardReader *reader)
{
  return "virtual";
}

static const char *
scripted_reader_get_id (BpCardReader *reader)
{
  return SCRIPTED_READER (reader)->id;
}

static const char *
scripted_reader_get_name (BpCardReader *reader)
{
  return "Scripted reader";
}

static BpCard *
scripted_reader_connect (BpCardReader *reader,
                         GCancellable *cancellable,
                         GError **error)
{
  ScriptedReader *self = SCRIPTED_READER (reader);
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  self->connects++;
  if (self->failure != 0)
    {
      g_set_error_literal (error, BP_CARD_ERROR, self->failure, "Scripted reader failure");
      return NULL;
    }
  if (self->card == NULL || !bp_card_is_present (BP_CARD (self->card), NULL))
    {
      g_set_error_literal (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_CARD, "No card");
      return NULL;
    }
  return g_object_ref (BP_CARD (self->card));
}

static void
scripted_reader_finalize (GObject *object)
{
  ScriptedReader *self = SCRIPTED_READER (object);

  g_clear_object (&self->card);
  g_free (self->id);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (scripted_reader_parent_class)->finalize (object);
}

static void
scripted_reader_iface_init (BpCardReaderInterface *iface)
{
  iface->get_transport = scripted_reader_get_transport;
  iface->get_id = scripted_reader_get_id;
  iface->get_name = scripted_reader_get_name;
  iface->connect = scripted_reader_connect;
}

static void
scripted_reader_class_init (ScriptedReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = scripted_reader_finalize;
}

static void
scripted_reader_init (ScriptedReader *self)
{
  g_mutex_init (&self->mutex);
}

ScriptedReader *
scripted_reader_new (const char *id)
{
  ScriptedReader *self = g_object_new (SCRIPTED_TYPE_READER, NULL);

  self->id = g_strdup (id);
  return self;
}

void
scripted_reader_set_card (ScriptedReader *self,
                          ScriptedCard *card)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  g_set_object (&self->card, card);
}

void
scripted_reader_set_failure (ScriptedReader *self,
                             BpCardError code)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  self->failure = code;
}

guint
scripted_reader_get_connects (ScriptedReader *self)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  return self->connects;
}
