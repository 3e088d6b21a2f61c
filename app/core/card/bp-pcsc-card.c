/* bp-pcsc-card.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-pcsc-card"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <reader.h>

#include "bp-pcsc-card.h"
#include "bp-pcsc-private.h"

/* Short APDUs: 5 + 255 + 1 bytes out, 256 + 2 back. */
#define SHORT_APDU_MAX 261

/* How long to wait, after an exchange went wrong, for pcscd to say whether
 * the card left: pcscd polls a reader's card presence every 400 ms. */
#define LEFT_WAIT_MS 1000

struct _BpPcscCard
{
  GObject parent_instance;

  GMutex mutex;
  SCARDCONTEXT context;
  SCARDHANDLE handle;
  DWORD protocol;
  gboolean removed; /* the card left; the handle stays until finalize */
  gsize max_transceive;
  char *reader_name;
  char *description;
};

static void bp_pcsc_card_iface_init (BpCardInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BpPcscCard, bp_pcsc_card, G_TYPE_OBJECT, G_IMPLEMENT_INTERFACE (BP_TYPE_CARD, bp_pcsc_card_iface_init))

/* SCardStatus of the handle: its result, and the card's state. */
static LONG
handle_status (BpPcscCard *self,
               DWORD *state)
{
  char name[256];
  DWORD name_len = sizeof name;
  DWORD protocol;
  BYTE atr[MAX_ATR_SIZE];
  DWORD atr_len = sizeof atr;

  *state = 0;
  return SCardStatus (self->handle, name, &name_len, state, &protocol, atr, &atr_len);
}

/* Results of SCardStatus that say the card the handle was opened on left. */
static gboolean
status_means_removed (LONG rv)
{
  return rv == SCARD_W_REMOVED_CARD || rv == SCARD_W_RESET_CARD || rv == SCARD_E_NO_SMARTCARD;
}

/* Whether the handle no longer reaches the card it was opened on. */
static gboolean
handle_lost (BpPcscCard *self)
{
  DWORD state;
  LONG rv = handle_status (self, &state);

  return status_means_removed (rv) || (rv == SCARD_S_SUCCESS && (state & SCARD_PRESENT) == 0);
}

/* After an exchange failed: did the card leave? A card taken away in the
 * middle of an APDU often shows first as a failed or empty exchange
 * (SCARD_E_NOT_TRANSACTED, a communication error, or vpcd's "success"
 * with no bytes), and only at pcscd's next presence poll as removed. So
 * ask pcscd, and wait up to LEFT_WAIT_MS for it to change its mind. */
static gboolean
card_left (BpPcscCard *self)
{
  SCARD_READERSTATE state = { .szReader = self->reader_name, .dwCurrentState = SCARD_STATE_UNAWARE };
  gint64 deadline = g_get_monotonic_time () + LEFT_WAIT_MS * G_TIME_SPAN_MILLISECOND;
  DWORD wait_ms = 0;

  for (;;)
    {
      LONG rv = SCardGetStatusChange (self->context, wait_ms, &state, 1);
      gint64 left_us;

      if (rv != SCARD_S_SUCCESS)
        return FALSE; /* SCARD_E_TIMEOUT: still there; others: the reader's fault */
      if (state.dwEventState & (SCARD_STATE_UNKNOWN | SCARD_STATE_UNAVAILABLE | SCARD_STATE_IGNORE))
        return FALSE;
      if ((state.dwEventState & SCARD_STATE_PRESENT) == 0 || handle_lost (self))
        return TRUE;
      left_us = deadline - g_get_monotonic_time ();
      if (left_us <= 0)
        return FALSE;
      state.dwCurrentState = state.dwEventState & ~SCARD_STATE_CHANGED;
      wait_ms = (DWORD) (left_us / G_TIME_SPAN_MILLISECOND) + 1;
    }
}

/* Failures of SCardTransmit that a card leaving the field can cause. */
static gboolean
may_mean_removed (LONG rv)
{
  return rv == SCARD_E_NOT_TRANSACTED || rv == SCARD_F_COMM_ERROR || rv == SCARD_F_UNKNOWN_ERROR
         || rv == SCARD_W_UNRESPONSIVE_CARD || rv == SCARD_W_UNPOWERED_CARD || rv == SCARD_E_NO_SMARTCARD
         || rv == SCARD_E_TIMEOUT;
}

static void
set_removed_error (BpPcscCard *self,
                   GError **error)
{
  self->removed = TRUE;
  g_set_error_literal (error, BP_CARD_ERROR, BP_CARD_ERROR_REMOVED, _ ("The document was taken off the reader."));
}

static GBytes *
bp_pcsc_card_transmit (BpCard *card,
                       GBytes *command,
                       GCancellable *cancellable,
                       GError **error)
{
  BpPcscCard *self = BP_PCSC_CARD (card);
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  const SCARD_IO_REQUEST *pci = self->protocol == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
  gsize tx_len;
  const guint8 *tx = g_bytes_get_data (command, &tx_len);
  DWORD rx_len = MAX_BUFFER_SIZE_EXTENDED;
  g_autofree guint8 *rx = NULL;
  LONG rv;

  if (tx_len == 0 || tx_len > self->max_transceive)
    {
      g_set_error (error, BP_CARD_ERROR, BP_CARD_ERROR_UNSUPPORTED,
                   _ ("The PC/SC reader cannot send a command of %lu bytes (at most %lu)."),
                   (unsigned long) tx_len, (unsigned long) self->max_transceive);
      return NULL;
    }
  if (self->removed)
    {
      set_removed_error (self, error);
      return NULL;
    }

  rx = g_malloc (rx_len);
  rv = SCardTransmit (self->handle, pci, tx, tx_len, NULL, rx, &rx_len);
  if (rv != SCARD_S_SUCCESS)
    {
      if (may_mean_removed (rv) && card_left (self))
        {
          set_removed_error (self, error);
          return NULL;
        }
      _bp_pcsc_set_error (error, rv, _ ("sending a command to the document"));
      if (rv == SCARD_W_REMOVED_CARD || rv == SCARD_W_RESET_CARD)
        self->removed = TRUE;
      return NULL;
    }
  if (rx_len < 2)
    {
      if (card_left (self))
        {
          set_removed_error (self, error);
          return NULL;
        }
      g_set_error (error, BP_CARD_ERROR, BP_CARD_ERROR_TRANSPORT,
                   g_dngettext (GETTEXT_PACKAGE, "The document answered with %u byte, too short to hold a status word.",
                                "The document answered with %u bytes, too short to hold a status word.", (guint) rx_len),
                   (guint) rx_len);
      return NULL;
    }
  return g_bytes_new (rx, rx_len);
}

static gsize
bp_pcsc_card_get_max_transceive (BpCard *card)
{
  return BP_PCSC_CARD (card)->max_transceive;
}

static GBytes *
bp_pcsc_card_dup_atr (BpCard *card)
{
  BpPcscCard *self = BP_PCSC_CARD (card);
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  char name[256];
  DWORD name_len = sizeof name;
  DWORD state, protocol;
  BYTE atr[MAX_ATR_SIZE];
  DWORD atr_len = sizeof atr;

  if (self->removed || SCardStatus (self->handle, name, &name_len, &state, &protocol, atr, &atr_len) != SCARD_S_SUCCESS || atr_len == 0)
    return NULL;
  return g_bytes_new (atr, atr_len);
}

static const char *
bp_pcsc_card_get_description (BpCard *card)
{
  return BP_PCSC_CARD (card)->description;
}

static void
bp_pcsc_card_finalize (GObject *object)
{
  BpPcscCard *self = BP_PCSC_CARD (object);

  SCardDisconnect (self->handle, SCARD_LEAVE_CARD);
  SCardReleaseContext (self->context);
  g_mutex_clear (&self->mutex);
  g_free (self->reader_name);
  g_free (self->description);

  G_OBJECT_CLASS (bp_pcsc_card_parent_class)->finalize (object);
}

static gboolean
is_present_vfunc (BpCard *card,
                  GError **error)
{
  return bp_pcsc_card_is_present (BP_PCSC_CARD (card), error);
}

static void
bp_pcsc_card_iface_init (BpCardInterface *iface)
{
  iface->transmit = bp_pcsc_card_transmit;
  iface->get_max_transceive = bp_pcsc_card_get_max_transceive;
  iface->dup_atr = bp_pcsc_card_dup_atr;
  iface->get_description = bp_pcsc_card_get_description;
  iface->is_present = is_present_vfunc;
}

static void
bp_pcsc_card_class_init (BpPcscCardClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bp_pcsc_card_finalize;
}

static void
bp_pcsc_card_init (BpPcscCard *self)
{
  g_mutex_init (&self->mutex);
  self->max_transceive = SHORT_APDU_MAX;
}

/* The reader's buffer size as the CCID driver reports it; readers that do
 * not say get short APDUs only. */
static gsize
query_max_transceive (SCARDHANDLE handle)
{
  BYTE value[8] = { 0 };
  DWORD len = sizeof value;
  guint32 max_input = 0;

  if (SCardGetAttrib (handle, SCARD_ATTR_MAXINPUT, value, &len) != SCARD_S_SUCCESS || len < 4)
    return SHORT_APDU_MAX;
  max_input = value[0] | (value[1] << 8) | (value[2] << 16) | ((guint32) value[3] << 24);
  if (max_input <= SHORT_APDU_MAX)
    return SHORT_APDU_MAX;
  return MIN (max_input, MAX_BUFFER_SIZE_EXTENDED);
}

BpCard *
_bp_pcsc_card_new (SCARDCONTEXT context,
                   SCARDHANDLE handle,
                   DWORD protocol,
                   const char *reader_name)
{
  BpPcscCard *self = g_object_new (BP_TYPE_PCSC_CARD, NULL);

  self->context = context;
  self->handle = handle;
  self->protocol = protocol;
  self->max_transceive = query_max_transceive (handle);
  self->reader_name = g_strdup (reader_name);
  /* Translators: %s is a PC/SC reader name. */
  self->description = g_strdup_printf (_ ("Document on %s"), reader_name);
  return BP_CARD (self);
}

/**
 * bp_pcsc_card_get_protocol:
 * @self: a #BpPcscCard
 *
 * Returns "T=0" or "T=1", the protocol negotiated at connection.
 */
const char *
bp_pcsc_card_get_protocol (BpPcscCard *self)
{
  g_return_val_if_fail (BP_IS_PCSC_CARD (self), NULL);

  return self->protocol == SCARD_PROTOCOL_T0 ? "T=0" : "T=1";
}

/**
 * bp_pcsc_card_is_present:
 * @self: a #BpPcscCard
 * @error: return location for a #GError
 *
 * Asks pcscd whether the card is still in the reader.
 *
 * Returns: %TRUE if it is; %FALSE if it left (no error) or pcscd failed
 *   (@error set).
 */
gboolean
bp_pcsc_card_is_present (BpPcscCard *self,
                         GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  DWORD state;
  LONG rv;

  g_return_val_if_fail (BP_IS_PCSC_CARD (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (&self->mutex);
  if (self->removed)
    return FALSE;
  rv = handle_status (self, &state);
  if (status_means_removed (rv))
    {
      self->removed = TRUE;
      return FALSE;
    }
  if (rv != SCARD_S_SUCCESS)
    {
      _bp_pcsc_set_error (error, rv, _ ("checking for the document"));
      return FALSE;
    }
  return (state & SCARD_PRESENT) != 0;
}
