/* bp-nfc-device.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-nfc-device"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bp-nfc-private.h"

static GMutex context_lock;
static nfc_context *context;

/* Takes the context lock and returns the process's one nfc_context,
 * creating it on first use. libnfc reads its configuration (libnfc.conf,
 * LIBNFC_DEVICE, LIBNFC_DEFAULT_DEVICE, …) at that moment. The context is
 * kept for the life of the process. */
nfc_context *
_bp_nfc_context_lock (GError **error)
{
  g_mutex_lock (&context_lock);
  if (context == NULL)
    nfc_init (&context);
  if (context == NULL)
    {
      g_mutex_unlock (&context_lock);
      g_set_error_literal (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_READER,
                           _ ("The NFC library could not start (out of memory or a broken libnfc configuration)."));
      return NULL;
    }
  return context;
}

void
_bp_nfc_context_unlock (void)
{
  g_mutex_unlock (&context_lock);
}

void
_bp_nfc_set_error (GError **error,
                   BpNfcDevice *device,
                   int status,
                   const char *what)
{
  BpCardError code;
  const char *detail = (device != NULL && device->pnd != NULL) ? nfc_strerror (device->pnd) : "";

  switch (status)
    {
    case NFC_ETGRELEASED:
    case NFC_ERFTRANS:
      /* A target that stops answering (PN53x status 0x01, 0x29, …) is a
       * document taken off the reader. */
      code = BP_CARD_ERROR_REMOVED;
      g_set_error (error, BP_CARD_ERROR, code,
                   _ ("The document was taken off the reader (%s)."), what);
      return;
    case NFC_ETIMEOUT:
      code = BP_CARD_ERROR_TIMEOUT;
      g_set_error (error, BP_CARD_ERROR, code,
                   _ ("The NFC reader did not answer in time (%s)."), what);
      return;
    case NFC_ENOTSUCHDEV:
      code = BP_CARD_ERROR_NO_READER;
      g_set_error (error, BP_CARD_ERROR, code,
                   _ ("The NFC reader is no longer connected (%s)."), what);
      return;
    case NFC_EOVFLOW:
    case NFC_EDEVNOTSUPP:
    case NFC_ENOTIMPL:
      code = BP_CARD_ERROR_UNSUPPORTED;
      break;
    case NFC_EIO:
    case NFC_EINVARG:
    case NFC_ECHIP:
    default:
      code = BP_CARD_ERROR_TRANSPORT;
      break;
    }

  g_set_error (error, BP_CARD_ERROR, code,
               _ ("The NFC reader failed (%s): %s."), what, detail);
}

/* Opens @connstring with libnfc and prepares it as an initiator that does
 * not poll forever, so selection answers at once when no card is there. */
BpNfcDevice *
_bp_nfc_device_open (const char *connstring,
                     GError **error)
{
  nfc_context *ctx;
  nfc_device *pnd;
  g_autoptr (BpNfcDevice) device = NULL;
  int status;

  if (strlen (connstring) >= NFC_BUFSIZE_CONNSTRING)
    {
      g_set_error (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_READER,
                   _ ("The NFC reader name is too long."));
      return NULL;
    }

  ctx = _bp_nfc_context_lock (error);
  if (ctx == NULL)
    return NULL;
  pnd = nfc_open (ctx, connstring);
  _bp_nfc_context_unlock ();

  if (pnd == NULL)
    {
      g_set_error (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_READER,
                   _ ("The NFC reader “%s” cannot be opened: it is not connected, in use by another program, or not a device libnfc knows."),
                   connstring);
      return NULL;
    }

  device = g_new0 (BpNfcDevice, 1);
  g_atomic_ref_count_init (&device->ref_count);
  g_mutex_init (&device->lock);
  device->pnd = pnd;
  device->connstring = g_strdup (connstring);
  device->name = g_strdup (nfc_device_get_name (pnd));

  if ((status = nfc_initiator_init (pnd)) < 0 || (status = nfc_device_set_property_bool (pnd, NP_INFINITE_SELECT, false)) < 0)
    {
      _bp_nfc_set_error (error, device, status, _ ("starting the reader"));
      return NULL;
    }

  return g_steal_pointer (&device);
}

BpNfcDevice *
_bp_nfc_device_ref (BpNfcDevice *device)
{
  g_atomic_ref_count_inc (&device->ref_count);
  return device;
}

static void
close_pnd (BpNfcDevice *device)
{
  if (device->pnd == NULL)
    return;

  /* nfc_close() also touches the context's driver list. */
  if (_bp_nfc_context_lock (NULL) != NULL)
    {
      nfc_close (device->pnd);
      _bp_nfc_context_unlock ();
    }
  device->pnd = NULL;
}

void
_bp_nfc_device_unref (BpNfcDevice *device)
{
  if (!g_atomic_ref_count_dec (&device->ref_count))
    return;

  close_pnd (device);
  g_mutex_clear (&device->lock);
  g_free (device->connstring);
  g_free (device->name);
  g_free (device);
}

void
_bp_nfc_device_drop (BpNfcDevice *device)
{
  close_pnd (device);
  device->generation++;
}
