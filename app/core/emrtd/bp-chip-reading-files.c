/* bp-chip-reading-files.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chip-reading"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bp-apdu.h"
#include "bp-chip-error.h"
#include "bp-chip-reading-private.h"
#include "bp-tlv.h"

/* Reading one elementary file: the first bytes by short file identifier
 * (enough for the TLV header, which gives the length), the rest by offset
 * in chunks as large as the chip and the reader path accept. */

#define HEADER_READ 8
#define MAX_FILE_SIZE (1024 * 1024)
#define MAX_ROUNDS 4096

static const BpChipFileSpec file_specs[] = {
  { "CardAccess", 0x011C, 0x1C, 0 },
  { "COM", 0x011E, 0x1E, 0x60 },
  { "DG1", 0x0101, 0x01, 0x61 },
  { "DG2", 0x0102, 0x02, 0x75 },
  { "DG3", 0x0103, 0x03, 0x63 },
  { "DG4", 0x0104, 0x04, 0x76 },
  { "DG5", 0x0105, 0x05, 0x65 },
  { "DG6", 0x0106, 0x06, 0x66 },
  { "DG7", 0x0107, 0x07, 0x67 },
  { "DG8", 0x0108, 0x08, 0x68 },
  { "DG9", 0x0109, 0x09, 0x69 },
  { "DG10", 0x010A, 0x0A, 0x6A },
  { "DG11", 0x010B, 0x0B, 0x6B },
  { "DG12", 0x010C, 0x0C, 0x6C },
  { "DG13", 0x010D, 0x0D, 0x6D },
  { "DG14", 0x010E, 0x0E, 0x6E },
  { "DG15", 0x010F, 0x0F, 0x6F },
  { "DG16", 0x0110, 0x10, 0x70 },
  { "SOD", 0x011D, 0x1D, 0x77 },
};

const BpChipFileSpec *
_bp_chip_file_spec_lookup (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (file_specs); i++)
    if (g_str_equal (file_specs[i].name, name))
      return &file_specs[i];
  return NULL;
}

const BpChipFileSpec *
_bp_chip_file_specs (guint *n_specs)
{
  *n_specs = G_N_ELEMENTS (file_specs);
  return file_specs;
}

const BpChipFileSpec *
_bp_chip_file_spec_by_tag (guint8 tag)
{
  for (guint i = 0; i < G_N_ELEMENTS (file_specs); i++)
    if (file_specs[i].com_tag == tag && tag != 0)
      return &file_specs[i];
  return NULL;
}

static gsize
current_chunk (BpChipReading *self)
{
  gsize size = self->ladder[MIN (self->chunk_step, self->n_ladder - 1)];

  return self->max_read > 0 ? MIN (size, self->max_read) : size;
}

static gboolean
can_shrink (BpChipReading *self)
{
  return self->chunk_step + 1 < self->n_ladder;
}

/* Length of the whole file from its first bytes: tag, length, value. */
static gboolean
parse_header (const guint8 *data,
              gsize len,
              gsize *total,
              GError **error)
{
  gsize p = 1;
  gsize length;

  if (len < 2)
    return TRUE; /* not enough yet */
  if ((data[0] & 0x1F) == 0x1F)
    {
      while (p < len && (data[p] & 0x80))
        p++;
      p++;
      if (p > 3)
        goto malformed;
    }
  if (p >= len)
    return TRUE;
  if (data[p] < 0x80)
    {
      length = data[p];
      p++;
    }
  else
    {
      guint n = data[p] & 0x7F;

      if (n == 0 || n > 3)
        goto malformed;
      if (p + 1 + n > len)
        return TRUE;
      length = 0;
      for (guint i = 0; i < n; i++)
        length = (length << 8) | data[p + 1 + i];
      p += 1 + n;
    }
  if (p + length > MAX_FILE_SIZE)
    goto malformed;
  *total = p + length;
  return TRUE;

malformed:
  g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_MALFORMED,
               _ ("The file does not start with a valid header."));
  return FALSE;
}

static GBytes *
send (BpChipReading *self,
      gboolean plain,
      const BpApdu *apdu,
      GError **error)
{
  BpCard *card = _bp_chip_reading_card (self);

  if (plain)
    return bp_apdu_transmit (card, apdu, self->cancellable, error);
  if (self->sm == NULL)
    {
      g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_SM_ENDED,
                   _ ("The secure connection to the chip has ended."));
      return NULL;
    }
  return bp_sm_transmit (self->sm, card, apdu, self->cancellable, error);
}

/* One READ BINARY (selecting the file by FID first when needed). */
static GBytes *
read_binary (BpChipReading *self,
             BpChipFile *file,
             gboolean plain,
             gsize offset,
             gsize le,
             GError **error)
{
  BpApdu apdu = { 0x00, 0xB0, 0, 0, NULL, 0, le, FALSE };
  guint8 do54[5];
  g_autoptr (GBytes) response = NULL;

  if (offset == 0 && file->sfi != 0)
    {
      apdu.p1 = 0x80 | file->sfi;
      apdu.p2 = 0;
      return send (self, plain, &apdu, error);
    }

  if (!self->file_selected)
    {
      guint8 fid[2] = { file->fid >> 8, file->fid & 0xFF };
      BpApdu select = { 0x00, 0xA4, 0x02, 0x0C, fid, 2, 0, FALSE };
      guint16 sw;

      response = send (self, plain, &select, error);
      if (response == NULL)
        return NULL;
      sw = bp_apdu_response_sw (response);
      if (sw != BP_SW_OK)
        return g_steal_pointer (&response);
      g_clear_pointer (&response, g_bytes_unref);
      self->file_selected = TRUE;
    }

  if (offset <= 0x7FFF)
    {
      apdu.p1 = offset >> 8;
      apdu.p2 = offset & 0xFF;
      return send (self, plain, &apdu, error);
    }

  /* Offsets past 32767: READ BINARY with odd INS and the offset in DO'54';
   * the data comes back in DO'53'. */
  {
    BpTlv tlv;
    const guint8 *data;
    gsize len;
    guint16 sw;

    do54[0] = 0x54;
    do54[1] = 3;
    do54[2] = offset >> 16;
    do54[3] = offset >> 8;
    do54[4] = offset;
    apdu.ins = 0xB1;
    apdu.data = do54;
    apdu.data_len = sizeof do54;
    /* DO'53' adds up to 4 header bytes around the data. */
    apdu.ne = le + 4;
    response = send (self, plain, &apdu, error);
    if (response == NULL)
      return NULL;
    sw = bp_apdu_response_sw (response);
    data = bp_apdu_response_data (response, &len);
    if (len == 0)
      return g_steal_pointer (&response);
    if (!bp_tlv_parse (data, len, &tlv, error) || tlv.tag != 0x53)
      {
        g_clear_error (error);
        g_set_error (error, BP_CHIP_ERROR, BP_CHIP_ERROR_MALFORMED,
                     _ ("The chip sent file data in an unexpected form."));
        return NULL;
      }
    return bp_apdu_response_new (tlv.value, tlv.length, sw);
  }
}

static void
file_done (BpChipReading *self,
           BpChipFile *file,
           BpChipFileStatus status,
           const char *message)
{
  file->status = status;
  g_clear_pointer (&file->message, g_free);
  file->message = g_strdup (message);
  if (status == BP_CHIP_FILE_READ)
    {
      g_clear_pointer (&file->data, g_bytes_unref);
      file->data = g_bytes_new (self->partial->data, self->partial->len);
    }
  g_byte_array_set_size (self->partial, 0);
  self->partial_total = 0;
  self->file_selected = FALSE;
}

static gboolean
is_session_error (const GError *error)
{
  return g_error_matches (error, BP_CHIP_ERROR, BP_CHIP_ERROR_SM_BAD_MAC) || g_error_matches (error, BP_CHIP_ERROR, BP_CHIP_ERROR_SM_MISSING) || g_error_matches (error, BP_CHIP_ERROR, BP_CHIP_ERROR_SM_ENDED);
}

gboolean
_bp_chip_reading_read_file (BpChipReading *self,
                            BpChipFile *file,
                            gboolean plain,
                            GError **error)
{
  gsize le_override = 0;

  for (guint round = 0; round < MAX_ROUNDS; round++)
    {
      g_autoptr (GError) local_error = NULL;
      g_autoptr (GBytes) response = NULL;
      gsize offset = self->partial->len;
      gsize le;
      const guint8 *data;
      gsize len;
      guint16 sw;

      if (self->partial_total > 0 && offset >= self->partial_total)
        {
          file_done (self, file, BP_CHIP_FILE_READ, NULL);
          return TRUE;
        }

      if (offset == 0)
        le = HEADER_READ;
      else
        {
          le = current_chunk (self);
          if (self->partial_total > 0)
            le = MIN (le, self->partial_total - offset);
        }
      if (le_override > 0)
        le = le_override;
      le_override = 0;

      response = read_binary (self, file, plain, offset, le, &local_error);
      if (response == NULL)
        {
          if (!plain && is_session_error (local_error))
            {
              /* Re-establish secure messaging and resume at this offset. */
              if (!_bp_chip_reading_reauthenticate (self, local_error, error))
                return FALSE;
              continue;
            }
          if (g_error_matches (local_error, BP_CHIP_ERROR, BP_CHIP_ERROR_MALFORMED))
            {
              file_done (self, file, BP_CHIP_FILE_FAILED, local_error->message);
              return TRUE;
            }
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      sw = bp_apdu_response_sw (response);
      data = bp_apdu_response_data (response, &len);

      if (!plain && (sw == BP_SW_SM_INCORRECT || sw == BP_SW_SM_MISSING || (self->sm != NULL && !bp_sm_is_open (self->sm))))
        {
          if (!_bp_chip_reading_reauthenticate (self, NULL, error))
            return FALSE;
          continue;
        }
      if (!plain)
        _bp_chip_reading_sm_answered (self);

      if ((sw >> 8) == 0x6C)
        {
          le_override = (sw & 0xFF) == 0 ? 256 : (sw & 0xFF);
          if (le_override == le)
            {
              file_done (self, file, BP_CHIP_FILE_FAILED,
                         _ ("The chip keeps asking for a different read length."));
              return TRUE;
            }
          continue;
        }

      if (len == 0 && offset > 0 && (sw == BP_SW_END_OF_FILE || sw == BP_SW_WRONG_P1P2 || sw == BP_SW_WRONG_LENGTH) && can_shrink (self) && le > self->ladder[self->n_ladder - 1])
        {
          /* The chip refuses this read size: go down to the next size
           * below it and keep that for the rest of the session. */
          while (can_shrink (self) && current_chunk (self) >= le)
            self->chunk_step++;
          continue;
        }

      if (sw == BP_SW_FILE_NOT_FOUND && offset == 0)
        {
          file_done (self, file, BP_CHIP_FILE_ABSENT, _ ("not on the chip"));
          return TRUE;
        }
      if (sw == BP_SW_SECURITY_STATUS || sw == BP_SW_CONDITIONS)
        {
          file_done (self, file, BP_CHIP_FILE_NOT_ALLOWED,
                     _ ("not read: the chip does not allow it with this access"));
          return TRUE;
        }

      if ((sw != BP_SW_OK && sw != BP_SW_END_OF_FILE) || len == 0)
        {
          g_autofree char *what = g_strdup_printf (_ ("Reading %s"), file->name);
          g_autoptr (GError) status_error = NULL;

          bp_apdu_set_status_error (&status_error, sw, what);
          file_done (self, file, BP_CHIP_FILE_FAILED, status_error->message);
          return TRUE;
        }

      if (len > le || self->partial->len + len > MAX_FILE_SIZE)
        {
          file_done (self, file, BP_CHIP_FILE_FAILED,
                     _ ("The chip sent more data than was asked for."));
          return TRUE;
        }
      g_byte_array_append (self->partial, data, len);
      if (offset == 0)
        self->file_selected = TRUE;

      if (self->partial_total == 0)
        {
          if (!parse_header (self->partial->data, self->partial->len, &self->partial_total,
                             &local_error))
            {
              file_done (self, file, BP_CHIP_FILE_FAILED, local_error->message);
              return TRUE;
            }
        }
      if (self->partial_total > 0 && self->partial->len > self->partial_total)
        g_byte_array_set_size (self->partial, self->partial_total);

      _bp_chip_reading_progress (self, file->name, self->partial->len, self->partial_total);

      if (sw == BP_SW_END_OF_FILE && (self->partial_total == 0 || self->partial->len < self->partial_total))
        {
          file_done (self, file, BP_CHIP_FILE_FAILED,
                     _ ("The file on the chip is shorter than its header says."));
          return TRUE;
        }
    }

  file_done (self, file, BP_CHIP_FILE_FAILED, _ ("Reading the file took too many steps."));
  return TRUE;
}
