/* bp-pcsc-errors.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-pcsc-errors"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bp-pcsc-private.h"

void
_bp_pcsc_set_error (GError **error,
                    LONG rv,
                    const char *what)
{
  switch (rv)
    {
    case SCARD_E_NO_SERVICE:
    case SCARD_E_SERVICE_STOPPED:
      g_set_error (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_READER,
                   _ ("The PC/SC service pcscd is not running. Start it (systemctl start pcscd) or ask IT staff to."));
      return;
    case SCARD_E_NO_READERS_AVAILABLE:
      g_set_error (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_READER,
                   _ ("No PC/SC reader is connected (%s)."), what);
      return;
    case SCARD_E_UNKNOWN_READER:
    case SCARD_E_READER_UNAVAILABLE:
      g_set_error (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_READER,
                   _ ("The PC/SC reader is not connected (%s)."), what);
      return;
    case SCARD_E_NO_SMARTCARD:
      g_set_error (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_CARD,
                   _ ("There is no document on the reader (%s)."), what);
      return;
    case SCARD_W_REMOVED_CARD:
    case SCARD_W_RESET_CARD:
      g_set_error (error, BP_CARD_ERROR, BP_CARD_ERROR_REMOVED,
                   _ ("The document was taken off the reader (%s)."), what);
      return;
    case SCARD_W_UNRESPONSIVE_CARD:
    case SCARD_W_UNPOWERED_CARD:
    case SCARD_E_TIMEOUT:
      g_set_error (error, BP_CARD_ERROR, BP_CARD_ERROR_TIMEOUT,
                   _ ("The document did not answer (%s)."), what);
      return;
    case SCARD_E_SHARING_VIOLATION:
      g_set_error (error, BP_CARD_ERROR, BP_CARD_ERROR_TRANSPORT,
                   _ ("Another program is using the document on the reader (%s)."), what);
      return;
    case SCARD_E_INSUFFICIENT_BUFFER:
    case SCARD_E_UNSUPPORTED_FEATURE:
    case SCARD_E_PROTO_MISMATCH:
      g_set_error (error, BP_CARD_ERROR, BP_CARD_ERROR_UNSUPPORTED,
                   _ ("The PC/SC reader cannot do this (%s): %s."), what, pcsc_stringify_error (rv));
      return;
    case SCARD_E_CANCELLED:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _ ("Cancelled (%s)."), what);
      return;
    default:
      g_set_error (error, BP_CARD_ERROR, BP_CARD_ERROR_TRANSPORT,
                   _ ("The PC/SC reader failed (%s): %s."), what, pcsc_stringify_error (rv));
      return;
    }
}
