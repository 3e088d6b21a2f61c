/* bp-apdu.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-apdu"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bp-apdu.h"
#include "bp-chip-error.h"

/* GET RESPONSE rounds allowed for one command: 64 rounds of 256 bytes
 * cover the largest extended response, and a chip that keeps answering
 * 61xx beyond that is broken or hostile. */
#define MAX_GET_RESPONSE 300
#define MAX_RESPONSE_BYTES (BP_APDU_MAX_NE + 2)

gboolean
bp_apdu_is_extended (const BpApdu *apdu)
{
  g_return_val_if_fail (apdu != NULL, FALSE);

  return apdu->extended || apdu->data_len > 255 || apdu->ne > 256;
}

GBytes *
bp_apdu_encode (const BpApdu *apdu,
                GError **error)
{
  g_autoptr (GByteArray) out = NULL;
  gboolean extended;
  guint8 header[4];

  g_return_val_if_fail (apdu != NULL, NULL);
  g_return_val_if_fail (apdu->data != NULL || apdu->data_len == 0, NULL);

  if (apdu->data_len > 65535 || apdu->ne > BP_APDU_MAX_NE)
    {
      g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_MALFORMED,
                   _ ("A chip command is too long to send."));
      return NULL;
    }

  extended = bp_apdu_is_extended (apdu);
  out = g_byte_array_sized_new (4 + 3 + apdu->data_len + 3);
  header[0] = apdu->cla;
  header[1] = apdu->ins;
  header[2] = apdu->p1;
  header[3] = apdu->p2;
  g_byte_array_append (out, header, 4);

  if (apdu->data_len > 0)
    {
      if (extended)
        {
          guint8 lc[3] = { 0, apdu->data_len >> 8, apdu->data_len & 0xFF };
          g_byte_array_append (out, lc, 3);
        }
      else
        {
          guint8 lc = apdu->data_len;
          g_byte_array_append (out, &lc, 1);
        }
      g_byte_array_append (out, apdu->data, apdu->data_len);
    }

  if (apdu->ne > 0)
    {
      if (extended)
        {
          /* 65536 is encoded 0000; the leading 00 is only there when
           * no Lc field came before. */
          guint8 le[3] = { 0, (apdu->ne >> 8) & 0xFF, apdu->ne & 0xFF };

          if (apdu->data_len > 0)
            g_byte_array_append (out, le + 1, 2);
          else
            g_byte_array_append (out, le, 3);
        }
      else
        {
          guint8 le = apdu->ne & 0xFF; /* 256 is 00 */
          g_byte_array_append (out, &le, 1);
        }
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static gboolean
set_malformed (GError **error)
{
  g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_MALFORMED,
               _ ("A chip command has inconsistent length fields."));
  return FALSE;
}

gboolean
bp_apdu_parse (const guint8 *raw,
               gsize len,
               BpApdu *out,
               GError **error)
{
  g_return_val_if_fail (raw != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  if (len < 4)
    return set_malformed (error);

  out->cla = raw[0];
  out->ins = raw[1];
  out->p1 = raw[2];
  out->p2 = raw[3];

  if (len == 4)
    return TRUE; /* case 1 */

  if (len == 5)
    {
      /* case 2S */
      out->ne = raw[4] == 0 ? 256 : raw[4];
      return TRUE;
    }

  if (raw[4] != 0)
    {
      gsize lc = raw[4];

      out->data = raw + 5;
      out->data_len = lc;
      if (len == 5 + lc)
        return TRUE; /* case 3S */
      if (len == 6 + lc)
        {
          out->ne = raw[5 + lc] == 0 ? 256 : raw[5 + lc];
          return TRUE; /* case 4S */
        }
      return set_malformed (error);
    }

  out->extended = TRUE;
  if (len == 7)
    {
      /* case 2E */
      out->ne = (raw[5] << 8) | raw[6];
      if (out->ne == 0)
        out->ne = BP_APDU_MAX_NE;
      return TRUE;
    }
  if (len < 7)
    return set_malformed (error);

  {
    gsize lc = (raw[5] << 8) | raw[6];

    if (lc == 0)
      return set_malformed (error);
    out->data = raw + 7;
    out->data_len = lc;
    if (len == 7 + lc)
      return TRUE; /* case 3E */
    if (len == 9 + lc)
      {
        out->ne = (raw[7 + lc] << 8) | raw[8 + lc];
        if (out->ne == 0)
          out->ne = BP_APDU_MAX_NE;
        return TRUE; /* case 4E */
      }
  }

  return set_malformed (error);
}

guint16
bp_apdu_response_sw (GBytes *response)
{
  gsize len;
  const guint8 *data;

  g_return_val_if_fail (response != NULL, 0);

  data = g_bytes_get_data (response, &len);
  if (len < 2)
    return 0;
  return (data[len - 2] << 8) | data[len - 1];
}

const guint8 *
bp_apdu_response_data (GBytes *response,
                       gsize *len)
{
  gsize size;
  const guint8 *data;

  g_return_val_if_fail (response != NULL, NULL);
  g_return_val_if_fail (len != NULL, NULL);

  data = g_bytes_get_data (response, &size);
  *len = size >= 2 ? size - 2 : 0;
  return data;
}

GBytes *
bp_apdu_response_new (const guint8 *data,
                      gsize len,
                      guint16 sw)
{
  guint8 *buf;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  buf = g_malloc (len + 2);
  if (len > 0)
    memcpy (buf, data, len);
  buf[len] = sw >> 8;
  buf[len + 1] = sw & 0xFF;
  return g_bytes_new_take (buf, len + 2);
}

char *
bp_apdu_sw_describe (guint16 sw)
{
  guint8 sw1 = sw >> 8;
  guint8 sw2 = sw & 0xFF;

  switch (sw)
    {
    case BP_SW_OK:
      return g_strdup (_ ("success"));
    case BP_SW_END_OF_FILE:
      return g_strdup (_ ("end of file reached before the expected length"));
    case 0x6281:
      return g_strdup (_ ("part of the data may be corrupted"));
    case 0x6300:
      return g_strdup (_ ("authentication failed"));
    case 0x6581:
      return g_strdup (_ ("memory failure"));
    case BP_SW_WRONG_LENGTH:
      return g_strdup (_ ("wrong length"));
    case 0x6882:
      return g_strdup (_ ("secure messaging not supported"));
    case 0x6981:
      return g_strdup (_ ("command incompatible with the file structure"));
    case BP_SW_SECURITY_STATUS:
      return g_strdup (_ ("access denied: authentication needed"));
    case BP_SW_AUTH_BLOCKED:
      return g_strdup (_ ("authentication method blocked"));
    case 0x6984:
      return g_strdup (_ ("reference data not usable"));
    case BP_SW_CONDITIONS:
      return g_strdup (_ ("conditions of use not satisfied"));
    case 0x6986:
      return g_strdup (_ ("command not allowed"));
    case BP_SW_SM_MISSING:
      return g_strdup (_ ("secure messaging data missing"));
    case BP_SW_SM_INCORRECT:
      return g_strdup (_ ("secure messaging data incorrect"));
    case 0x6A80:
      return g_strdup (_ ("incorrect data in the command"));
    case 0x6A81:
      return g_strdup (_ ("function not supported"));
    case BP_SW_FILE_NOT_FOUND:
      return g_strdup (_ ("file or application not found"));
    case 0x6A86:
      return g_strdup (_ ("incorrect parameters P1-P2"));
    case 0x6A88:
      return g_strdup (_ ("referenced data not found"));
    case BP_SW_WRONG_P1P2:
      return g_strdup (_ ("wrong parameters (offset outside the file)"));
    case BP_SW_INS_NOT_SUPPORTED:
      return g_strdup (_ ("command not supported"));
    case BP_SW_CLA_NOT_SUPPORTED:
      return g_strdup (_ ("class not supported"));
    case 0x6F00:
      return g_strdup (_ ("internal error of the chip"));
    default:
      break;
    }

  if (sw1 == 0x61)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more byte available", "%u more bytes available",
                                         sw2 == 0 ? 256u : sw2),
                            sw2 == 0 ? 256u : sw2);
  if (sw1 == 0x6C)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "wrong length, %u byte available",
                                         "wrong length, %u bytes available", sw2 == 0 ? 256u : sw2),
                            sw2 == 0 ? 256u : sw2);
  if (sw1 == 0x63 && (sw2 & 0xF0) == 0xC0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "verification failed, %u try left",
                                         "verification failed, %u tries left", sw2 & 0x0F),
                            sw2 & 0x0F);
  return g_strdup (_ ("an unknown status"));
}

void
bp_apdu_set_status_error (GError **error,
                          guint16 sw,
                          const char *what)
{
  g_autofree char *meaning = bp_apdu_sw_describe (sw);

  g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_STATUS,
               /* Translators: e.g. "Reading DG2: the chip answered “wrong length” (6700)." */
               _ ("%s: the chip answered “%s” (%04X)."), what, meaning, sw);
}

static GBytes *
card_transmit (BpCard *card,
               GBytes *command,
               GCancellable *cancellable,
               GError **error)
{
  g_autoptr (GError) local_error = NULL;
  GBytes *response;

  response = bp_card_transmit (card, command, cancellable, &local_error);
  if (response == NULL)
    {
      if (g_error_matches (local_error, BP_CARD_ERROR, BP_CARD_ERROR_REMOVED) || g_error_matches (local_error, BP_CARD_ERROR, BP_CARD_ERROR_NO_CARD))
        g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_REMOVED,
                     _ ("The document was taken off the reader: put the document back. (%s)"),
                     local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (g_bytes_get_size (response) < 2)
    {
      g_bytes_unref (response);
      g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_MALFORMED,
                   _ ("The chip sent an answer without a status word."));
      return NULL;
    }
  return response;
}

GBytes *
bp_apdu_transmit_raw (BpCard *card,
                      GBytes *command,
                      GCancellable *cancellable,
                      GError **error)
{
  g_autoptr (GBytes) response = NULL;
  g_autoptr (GByteArray) gathered = NULL;
  guint16 sw;

  g_return_val_if_fail (BP_IS_CARD (card), NULL);
  g_return_val_if_fail (command != NULL, NULL);

  response = card_transmit (card, command, cancellable, error);
  if (response == NULL)
    return NULL;

  sw = bp_apdu_response_sw (response);
  /* A bare 6Cxx is the transport asking for another Le; inside secure
   * messaging the status comes with data objects and is the caller's. */
  if ((sw >> 8) == 0x6C && g_bytes_get_size (response) == 2)
    {
      BpApdu apdu;
      g_autoptr (GBytes) again = NULL;

      /* Wrong Le: send the same command once more with Le = SW2. */
      if (bp_apdu_parse (g_bytes_get_data (command, NULL), g_bytes_get_size (command), &apdu, NULL) && apdu.ne > 0)
        {
          apdu.ne = (sw & 0xFF) == 0 ? 256 : (sw & 0xFF);
          again = bp_apdu_encode (&apdu, error);
          if (again == NULL)
            return NULL;
          g_clear_pointer (&response, g_bytes_unref);
          response = card_transmit (card, again, cancellable, error);
          if (response == NULL)
            return NULL;
          sw = bp_apdu_response_sw (response);
        }
    }

  if ((sw >> 8) != 0x61)
    return g_steal_pointer (&response);

  gathered = g_byte_array_new ();
  for (guint round = 0;; round++)
    {
      gsize len;
      const guint8 *data = bp_apdu_response_data (response, &len);
      guint8 get_response[5] = { 0x00, 0xC0, 0x00, 0x00, sw & 0xFF };
      g_autoptr (GBytes) command_gr = NULL;

      g_byte_array_append (gathered, data, len);
      if ((sw >> 8) != 0x61)
        {
          guint8 swb[2] = { sw >> 8, sw & 0xFF };
          g_byte_array_append (gathered, swb, 2);
          return g_byte_array_free_to_bytes (g_steal_pointer (&gathered));
        }
      if (round >= MAX_GET_RESPONSE || gathered->len > MAX_RESPONSE_BYTES)
        {
          g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_MALFORMED,
                       _ ("The chip keeps announcing more data; its answer was abandoned."));
          return NULL;
        }

      get_response[0] = 0x00;
      command_gr = g_bytes_new (get_response, sizeof get_response);
      g_clear_pointer (&response, g_bytes_unref);
      response = card_transmit (card, command_gr, cancellable, error);
      if (response == NULL)
        return NULL;
      sw = bp_apdu_response_sw (response);
    }
}

GBytes *
bp_apdu_transmit (BpCard *card,
                  const BpApdu *apdu,
                  GCancellable *cancellable,
                  GError **error)
{
  g_autoptr (GBytes) command = NULL;

  g_return_val_if_fail (BP_IS_CARD (card), NULL);
  g_return_val_if_fail (apdu != NULL, NULL);

  command = bp_apdu_encode (apdu, error);
  if (command == NULL)
    return NULL;
  return bp_apdu_transmit_raw (card, command, cancellable, error);
}
