/* bp-nfc-card.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-nfc-card"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bp-nfc-card.h"
#include "bp-nfc-private.h"

/* PN53x InDataExchange carries 262 bytes of data at most (UM0701-02,
 * 7.3.8): a short APDU (5 + 255 + 1 = 261) fits, a useful extended one
 * does not. */
#define PN53X_MAX_TRANSCEIVE 262
/* Receive buffer: the PN53x never returns more than its frame holds. */
#define RX_BUFFER_SIZE 264

struct _BpNfcCard
{
  GObject parent_instance;

  BpNfcDevice *device;
  nfc_target target;
  guint generation; /* the device selection this card belongs to */
  guint timeout_ms;
  char *description;
};

static void bp_nfc_card_iface_init (BpCardInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BpNfcCard, bp_nfc_card, G_TYPE_OBJECT, G_IMPLEMENT_INTERFACE (BP_TYPE_CARD, bp_nfc_card_iface_init))

static char *
hex_string (GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  GString *s = g_string_sized_new (len * 2);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (s, "%02X", data[i]);
  return g_string_free (s, FALSE);
}

/* Called with the device lock held. */
static gboolean
check_current (BpNfcCard *self,
               GError **error)
{
  if (self->device->pnd == NULL)
    {
      g_set_error_literal (error, BP_CARD_ERROR, BP_CARD_ERROR_NO_READER,
                           _ ("The NFC reader was closed after an error. Place the document on the reader again."));
      return FALSE;
    }
  if (self->generation != self->device->generation)
    {
      /* Another selection happened: this session's state on the card is
       * gone, just as if the document had left. */
      g_set_error_literal (error, BP_CARD_ERROR, BP_CARD_ERROR_REMOVED,
                           _ ("The document was selected again by another reading. Start reading again."));
      return FALSE;
    }
  return TRUE;
}

static GBytes *
bp_nfc_card_transmit (BpCard *card,
                      GBytes *command,
                      GCancellable *cancellable,
                      GError **error)
{
  BpNfcCard *self = BP_NFC_CARD (card);
  g_autoptr (GMutexLocker) locker = NULL;
  guint8 rx[RX_BUFFER_SIZE];
  gsize tx_len;
  const guint8 *tx = g_bytes_get_data (command, &tx_len);
  int res;

  if (tx_len == 0 || tx_len > PN53X_MAX_TRANSCEIVE)
    {
      g_set_error (error, BP_CARD_ERROR, BP_CARD_ERROR_UNSUPPORTED,
                   _ ("The NFC reader cannot send a command of %lu bytes (at most %d)."),
                   (unsigned long) tx_len, PN53X_MAX_TRANSCEIVE);
      return NULL;
    }

  locker = g_mutex_locker_new (&self->device->lock);
  if (!check_current (self, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  res = nfc_initiator_transceive_bytes (self->device->pnd, tx, tx_len, rx, sizeof rx, self->timeout_ms);
  if (res < 0)
    {
      _bp_nfc_set_error (error, self->device, res, _ ("sending a command to the document"));
      if (res == NFC_EIO || res == NFC_ENOTSUCHDEV)
        _bp_nfc_device_drop (self->device);
      return NULL;
    }
  if (res < 2)
    {
      g_set_error (error, BP_CARD_ERROR, BP_CARD_ERROR_TRANSPORT,
                   g_dngettext (GETTEXT_PACKAGE, "The document answered with %d byte, too short to hold a status word.",
                                "The document answered with %d bytes, too short to hold a status word.", res),
                   res);
      return NULL;
    }

  return g_bytes_new (rx, res);
}

static gsize
bp_nfc_card_get_max_transceive (BpCard *card)
{
  return PN53X_MAX_TRANSCEIVE;
}

static GBytes *
bp_nfc_card_dup_atr (BpCard *card)
{
  BpNfcCard *self = BP_NFC_CARD (card);

  if (self->target.nm.nmt == NMT_ISO14443A)
    {
      const nfc_iso14443a_info *a = &self->target.nti.nai;
      g_autoptr (GByteArray) ats = g_byte_array_new ();
      guint8 tl = a->szAtsLen + 1;

      if (a->szAtsLen == 0)
        return NULL;
      /* libnfc drops the length byte TL; put it back for a whole ATS. */
      g_byte_array_append (ats, &tl, 1);
      g_byte_array_append (ats, a->abtAts, a->szAtsLen);
      return g_byte_array_free_to_bytes (g_steal_pointer (&ats));
    }
  else
    {
      const nfc_iso14443b_info *b = &self->target.nti.nbi;
      g_autoptr (GByteArray) atqb = g_byte_array_new ();

      g_byte_array_append (atqb, (const guint8[]){ 0x50 }, 1);
      g_byte_array_append (atqb, b->abtPupi, sizeof b->abtPupi);
      g_byte_array_append (atqb, b->abtApplicationData, sizeof b->abtApplicationData);
      g_byte_array_append (atqb, b->abtProtocolInfo, sizeof b->abtProtocolInfo);
      return g_byte_array_free_to_bytes (g_steal_pointer (&atqb));
    }
}

static const char *
bp_nfc_card_get_description (BpCard *card)
{
  return BP_NFC_CARD (card)->description;
}

static void
bp_nfc_card_finalize (GObject *object)
{
  BpNfcCard *self = BP_NFC_CARD (object);

  g_clear_pointer (&self->device, _bp_nfc_device_unref);
  g_free (self->description);

  G_OBJECT_CLASS (bp_nfc_card_parent_class)->finalize (object);
}

static gboolean
is_present_vfunc (BpCard *card,
                  GError **error)
{
  return bp_nfc_card_is_present (BP_NFC_CARD (card), error);
}

static void
bp_nfc_card_iface_init (BpCardInterface *iface)
{
  iface->transmit = bp_nfc_card_transmit;
  iface->get_max_transceive = bp_nfc_card_get_max_transceive;
  iface->dup_atr = bp_nfc_card_dup_atr;
  iface->get_description = bp_nfc_card_get_description;
  iface->is_present = is_present_vfunc;
}

static void
bp_nfc_card_class_init (BpNfcCardClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bp_nfc_card_finalize;
}

static void
bp_nfc_card_init (BpNfcCard *self)
{
  self->timeout_ms = 3000;
}

/* Called with the device lock held, right after selecting @target. */
BpCard *
_bp_nfc_card_new (BpNfcDevice *device,
                  const nfc_target *target)
{
  BpNfcCard *self = g_object_new (BP_TYPE_NFC_CARD, NULL);
  g_autoptr (GBytes) uid = NULL;
  g_autofree char *uid_hex = NULL;

  self->device = _bp_nfc_device_ref (device);
  self->target = *target;
  self->generation = device->generation;

  uid = bp_nfc_card_dup_uid (self);
  uid_hex = hex_string (uid);
  /* Translators: first %s is A or B, second a hexadecimal identifier,
   * third the reader's name. */
  self->description = g_strdup_printf (_ ("ISO 14443-%s document %s on %s"),
                                       bp_nfc_card_get_modulation (self), uid_hex, device->name);
  return BP_CARD (self);
}

/**
 * bp_nfc_card_set_timeout:
 * @self: a #BpNfcCard
 * @timeout_ms: milliseconds
 *
 * Sets how long one exchange may take before it fails with
 * %BP_CARD_ERROR_TIMEOUT.
 */
void
bp_nfc_card_set_timeout (BpNfcCard *self,
                         guint timeout_ms)
{
  g_return_if_fail (BP_IS_NFC_CARD (self));
  g_return_if_fail (timeout_ms > 0);

  self->timeout_ms = timeout_ms;
}

/**
 * bp_nfc_card_get_modulation:
 * @self: a #BpNfcCard
 *
 * Returns "A" or "B", the ISO 14443 type the target was selected with.
 */
const char *
bp_nfc_card_get_modulation (BpNfcCard *self)
{
  g_return_val_if_fail (BP_IS_NFC_CARD (self), NULL);

  return self->target.nm.nmt == NMT_ISO14443A ? "A" : "B";
}

/**
 * bp_nfc_card_dup_uid:
 * @self: a #BpNfcCard
 *
 * Returns the UID (type A) or PUPI (type B) the target gave at selection.
 * Passports give a random one at each selection.
 */
GBytes *
bp_nfc_card_dup_uid (BpNfcCard *self)
{
  g_return_val_if_fail (BP_IS_NFC_CARD (self), NULL);

  if (self->target.nm.nmt == NMT_ISO14443A)
    return g_bytes_new (self->target.nti.nai.abtUid, MIN (self->target.nti.nai.szUidLen, sizeof self->target.nti.nai.abtUid));
  return g_bytes_new (self->target.nti.nbi.abtPupi, sizeof self->target.nti.nbi.abtPupi);
}

/**
 * bp_nfc_card_is_present:
 * @self: a #BpNfcCard
 * @error: return location for a #GError
 *
 * Asks the reader whether the selected target still answers.
 *
 * Returns: %TRUE if it does; %FALSE if it left (no error) or the reader
 *   failed (@error set).
 */
gboolean
bp_nfc_card_is_present (BpNfcCard *self,
                        GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  int res;

  g_return_val_if_fail (BP_IS_NFC_CARD (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (&self->device->lock);
  if (self->device->pnd == NULL)
    return check_current (self, error);
  if (self->generation != self->device->generation)
    return FALSE;

  res = nfc_initiator_target_is_present (self->device->pnd, &self->target);
  if (res == NFC_SUCCESS)
    return TRUE;
  if (res == NFC_EIO || res == NFC_ENOTSUCHDEV)
    {
      _bp_nfc_set_error (error, self->device, res, _ ("checking for the document"));
      _bp_nfc_device_drop (self->device);
    }
  return FALSE;
}
