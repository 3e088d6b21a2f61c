/* bp-nfc-reader.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-nfc-reader"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bp-nfc-card.h"
#include "bp-nfc-private.h"
#include "bp-nfc-reader.h"

#define MAX_DEVICES 16

struct _BpNfcReader
{
  GObject parent_instance;

  char *connstring;
  char *id;
  char *name;

  GMutex mutex;        /* guards device */
  BpNfcDevice *device; /* opened at the first connect() */
};

static void bp_nfc_reader_iface_init (BpCardReaderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BpNfcReader, bp_nfc_reader, G_TYPE_OBJECT, G_IMPLEMENT_INTERFACE (BP_TYPE_CARD_READER, bp_nfc_reader_iface_init))

static const struct
{
  const char *driver;
  const char *label;
} driver_labels[] = {
  { "pn532_uart", N_ ("PN532 on a serial port") },
  { "pn532_spi", N_ ("PN532 on SPI") },
  { "pn532_i2c", N_ ("PN532 on I²C") },
  { "pn53x_usb", N_ ("PN53x USB reader") },
  { "acr122_usb", N_ ("ACR122 USB reader") },
  { "acr122s", N_ ("ACR122S serial reader") },
  { "arygon", N_ ("Arygon serial reader") },
};

static char *
make_name (const char *connstring)
{
  g_auto (GStrv) parts = g_strsplit (connstring, ":", 2);

  for (guint i = 0; i < G_N_ELEMENTS (driver_labels); i++)
    if (g_str_equal (parts[0], driver_labels[i].driver))
      {
        if (parts[1] != NULL && *parts[1] != '\0')
          /* Translators: a reader model, then where it is connected. */
          return g_strdup_printf (_ ("%s (%s)"), _ (driver_labels[i].label), parts[1]);
        return g_strdup (_ (driver_labels[i].label));
      }
  /* Translators: %s is a libnfc device string. */
  return g_strdup_printf (_ ("NFC reader %s"), connstring);
}

static const char *
bp_nfc_reader_get_transport (BpCardReader *reader)
{
  return "nfc";
}

static const char *
bp_nfc_reader_get_id (BpCardReader *reader)
{
  return BP_NFC_READER (reader)->id;
}

static const char *
bp_nfc_reader_get_name (BpCardReader *reader)
{
  return BP_NFC_READER (reader)->name;
}

static BpNfcDevice *
dup_device (BpNfcReader *self,
            GError **error)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  if (self->device != NULL && self->device->pnd == NULL)
    g_clear_pointer (&self->device, _bp_nfc_device_unref);
  if (self->device == NULL)
    self->device = _bp_nfc_device_open (self->connstring, error);
  if (self->device == NULL)
    return NULL;
  return _bp_nfc_device_ref (self->device);
}

static BpCard *
bp_nfc_reader_connect (BpCardReader *reader,
                       GCancellable *cancellable,
                       GError **error)
{
  BpNfcReader *self = BP_NFC_READER (reader);
  g_autoptr (BpNfcDevice) device = NULL;
  g_autoptr (GMutexLocker) locker = NULL;
  static const nfc_modulation modulations[] = {
    { .nmt = NMT_ISO14443A, .nbr = NBR_106 },
    { .nmt = NMT_ISO14443B, .nbr = NBR_106 },
  };

  device = dup_device (self, error);
  if (device == NULL)
    return NULL;

  locker = g_mutex_locker_new (&device->lock);
  if (device->pnd == NULL)
    {
      g_set_error_literal (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_READER,
                           _ ("The NFC reader was closed after an error."));
      return NULL;
    }

  /* Selecting resets whatever card session was going on. */
  device->generation++;

  for (guint i = 0; i < G_N_ELEMENTS (modulations); i++)
    {
      nfc_target target = { 0 };
      int res;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      res = nfc_initiator_select_passive_target (device->pnd, modulations[i], NULL, 0, &target);
      if (res > 0)
        return _bp_nfc_card_new (device, &target);
      /* An RF error is a card that answered badly, as good as none; any
       * other failure is the reader's, and it is reopened next time (it
       * may have been unplugged and plugged back in). */
      if (res < 0 && res != NFC_ERFTRANS)
        {
          _bp_nfc_set_error (error, device, res, _ ("looking for a document"));
          _bp_nfc_device_drop (device);
          return NULL;
        }
    }

  g_set_error_literal (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_CARD,
                       _ ("There is no document on the NFC reader."));
  return NULL;
}

static void
bp_nfc_reader_finalize (GObject *object)
{
  BpNfcReader *self = BP_NFC_READER (object);

  g_clear_pointer (&self->device, _bp_nfc_device_unref);
  g_mutex_clear (&self->mutex);
  g_free (self->connstring);
  g_free (self->id);
  g_free (self->name);

  G_OBJECT_CLASS (bp_nfc_reader_parent_class)->finalize (object);
}

static void
bp_nfc_reader_iface_init (BpCardReaderInterface *iface)
{
  iface->get_transport = bp_nfc_reader_get_transport;
  iface->get_id = bp_nfc_reader_get_id;
  iface->get_name = bp_nfc_reader_get_name;
  iface->connect = bp_nfc_reader_connect;
}

static void
bp_nfc_reader_class_init (BpNfcReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bp_nfc_reader_finalize;
}

static void
bp_nfc_reader_init (BpNfcReader *self)
{
  g_mutex_init (&self->mutex);
}

/**
 * bp_nfc_reader_new:
 * @connstring: a libnfc connection string, e.g. "pn532_uart:/dev/ttyUSB0"
 *
 * Creates a reader for that device. Nothing is opened until connect().
 */
BpNfcReader *
bp_nfc_reader_new (const char *connstring)
{
  BpNfcReader *self;

  g_return_val_if_fail (connstring != NULL && *connstring != '\0', NULL);

  self = g_object_new (BP_TYPE_NFC_READER, NULL);
  self->connstring = g_strdup (connstring);
  self->id = g_strconcat ("nfc:", connstring, NULL);
  self->name = make_name (connstring);
  return self;
}

/**
 * bp_nfc_reader_get_connstring:
 * @self: a #BpNfcReader
 *
 * Returns the libnfc connection string of the device.
 */
const char *
bp_nfc_reader_get_connstring (BpNfcReader *self)
{
  g_return_val_if_fail (BP_IS_NFC_READER (self), NULL);

  return self->connstring;
}

/**
 * bp_nfc_reader_list:
 * @error: return location for a #GError
 *
 * Lists the devices libnfc knows without opening them.
 *
 * Returns: (transfer full): a #GPtrArray of #BpCardReader, or %NULL
 */
GPtrArray *
bp_nfc_reader_list (GError **error)
{
  g_autoptr (GPtrArray) readers = g_ptr_array_new_with_free_func (g_object_unref);
  nfc_connstring *connstrings = g_new0 (nfc_connstring, MAX_DEVICES);
  nfc_context *ctx;
  size_t n;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ctx = _bp_nfc_context_lock (error);
  if (ctx == NULL)
    {
      g_free (connstrings);
      return NULL;
    }
  n = nfc_list_devices (ctx, connstrings, MAX_DEVICES);
  _bp_nfc_context_unlock ();

  for (size_t i = 0; i < n; i++)
    g_ptr_array_add (readers, bp_nfc_reader_new (connstrings[i]));
  g_free (connstrings);

  return g_steal_pointer (&readers);
}
