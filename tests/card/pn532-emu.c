/* pn532-emu.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pn532-emu"
#define _GNU_SOURCE /* posix_openpt, ptsname */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "bp-virtual-chip.h"
#include "pn532-emu.h"

/* PN532 command codes (UM0701-02, section 7). */
enum
{
  CMD_DIAGNOSE = 0x00,
  CMD_GET_FIRMWARE_VERSION = 0x02,
  CMD_READ_REGISTER = 0x06,
  CMD_WRITE_REGISTER = 0x08,
  CMD_SET_PARAMETERS = 0x12,
  CMD_SAM_CONFIGURATION = 0x14,
  CMD_POWER_DOWN = 0x16,
  CMD_RF_CONFIGURATION = 0x32,
  CMD_IN_DATA_EXCHANGE = 0x40,
  CMD_IN_COMMUNICATE_THRU = 0x42,
  CMD_IN_DESELECT = 0x44,
  CMD_IN_LIST_PASSIVE_TARGET = 0x4A,
  CMD_IN_RELEASE = 0x52,
  CMD_IN_SELECT = 0x54,
};

/* PN532 error codes returned in status bytes. */
enum
{
  PN532_OK = 0x00,
  PN532_ETIMEOUT = 0x01,  /* the target has not answered */
  PN532_EINVPARAM = 0x10, /* invalid parameter */
  PN532_ESMALLBUF = 0x07, /* communication buffer size insufficient */
  PN532_ECONTEXT = 0x27,  /* command not acceptable in the current context */
};

/* InDataExchange carries at most 262 bytes of data each way. */
#define PN532_MAX_DATA 262

#define TFI_HOST 0xD4
#define TFI_PN532 0xD5

struct _Pn532Emu
{
  int master_fd;
  int slave_fd; /* kept open so the master never sees a hang-up */
  int stop_pipe[2];
  char *path;
  char *connstring;
  GThread *thread;

  GMutex mutex;
  BpCard *card;           /* the document on the antenna, or NULL */
  gboolean target_active; /* the document was selected by InListPassiveTarget */
  gboolean type_b;        /* the document answers ISO 14443-B, not -A */
  guint counts[256];
  guint unknown;

  guint8 registers[0x10000];
  GByteArray *last_response; /* for a NACK from the host */
};

static const guint8 ack_frame[] = { 0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00 };
/* "Application level error" frame, sent for commands the chip rejects. */
static const guint8 error_frame[] = { 0x00, 0x00, 0xFF, 0x01, 0xFF, 0x7F, 0x81, 0x00 };

/* An e-passport-like ISO 14443-4 type A target: ATQA 0x0008 (sent LSB first
 * as 00 08 by the PN532), SAK 0x20, a random 4-byte UID starting with 08,
 * ATS TL=05 T0=78 (FSCI 8: 256 bytes) TA=80 TB=70 TC=02. */
static const guint8 target_atqa[] = { 0x00, 0x08 };
static const guint8 target_sak = 0x20;
static const guint8 target_uid[] = { 0x08, 0x5A, 0x3C, 0x91 };
static const guint8 target_ats[] = { 0x05, 0x78, 0x80, 0x70, 0x02 };
/* Type B: ATQB 50, PUPI 4F 7A 10 2B, application data 00 00 00 00, protocol
 * info 80 81 B1 (max frame 256, ISO 14443-4, FWI 11). */
static const guint8 target_atqb[] = { 0x50, 0x4F, 0x7A, 0x10, 0x2B, 0x00, 0x00, 0x00,
                                      0x00, 0x80, 0x81, 0xB1 };

/* Whether the document is in the field. The virtual chip has its own
 * notion (its fault knobs take it out of the field). */
static gboolean
card_in_field (BpCard *card)
{
  if (card == NULL)
    return FALSE;
  if (BP_IS_VIRTUAL_CHIP (card))
    return bp_virtual_chip_is_present (BP_VIRTUAL_CHIP (card));
  return bp_card_is_present (card, NULL);
}

static char *
hex (const guint8 *data,
     gsize len)
{
  GString *s = g_string_sized_new (len * 3);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (s, "%s%02X", i ? " " : "", data[i]);
  return g_string_free (s, FALSE);
}

static void
write_all (Pn532Emu *self,
           const guint8 *data,
           gsize len)
{
  while (len > 0)
    {
      ssize_t n = write (self->master_fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && errno == EAGAIN)
        {
          struct pollfd pfd = { .fd = self->master_fd, .events = POLLOUT };
          poll (&pfd, 1, 100);
          continue;
        }
      if (n <= 0)
        return;
      data += n;
      len -= n;
    }
}

/* Sends ACK, then the answer frame D5 (command + 1) payload. */
static void
send_response (Pn532Emu *self,
               guint8 command,
               const guint8 *payload,
               gsize payload_len)
{
  g_autoptr (GByteArray) frame = g_byte_array_new ();
  gsize len = payload_len + 2;
  guint8 sum = TFI_PN532 + command + 1;
  guint8 byte;

  g_byte_array_append (frame, (const guint8[]){ 0x00, 0x00, 0xFF }, 3);
  if (len <= 0xFF)
    {
      guint8 head[] = { len, (guint8) (0x100 - len) };
      g_byte_array_append (frame, head, 2);
    }
  else
    {
      guint8 hi = len >> 8, lo = len & 0xFF;
      guint8 head[] = { 0xFF, 0xFF, hi, lo, (guint8) (0x100 - ((hi + lo) & 0xFF)) };
      g_byte_array_append (frame, head, 5);
    }
  g_byte_array_append (frame, (const guint8[]){ TFI_PN532, command + 1 }, 2);
  g_byte_array_append (frame, payload, payload_len);
  for (gsize i = 0; i < payload_len; i++)
    sum += payload[i];
  byte = 0x100 - sum;
  g_byte_array_append (frame, &byte, 1);
  byte = 0x00;
  g_byte_array_append (frame, &byte, 1);

  if (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN) == FALSE)
    {
      g_autofree char *h = hex (frame->data, frame->len);
      g_debug ("PN532 -> host: %s", h);
    }

  write_all (self, ack_frame, sizeof ack_frame);
  write_all (self, frame->data, frame->len);
  g_byte_array_set_size (self->last_response, 0);
  g_byte_array_append (self->last_response, frame->data, frame->len);
}

static void
send_error_frame (Pn532Emu *self)
{
  write_all (self, ack_frame, sizeof ack_frame);
  write_all (self, error_frame, sizeof error_frame);
}

static void
in_list_passive_target (Pn532Emu *self,
                        const guint8 *params,
                        gsize len)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  guint8 brty = len >= 2 ? params[1] : 0xFF;
  /* BrTy 00: 106 kbit/s type A; 03: 106 kbit/s type B. FeliCa and Jewel
   * polls never find an ICAO document. */
  gboolean type_b;
  gboolean found;

  g_mutex_lock (&self->mutex);
  type_b = self->type_b;
  found = card_in_field (self->card) && brty == (type_b ? 0x03 : 0x00);
  self->target_active = found;
  g_mutex_unlock (&self->mutex);

  if (!found)
    {
      send_response (self, CMD_IN_LIST_PASSIVE_TARGET, (const guint8[]){ 0x00 }, 1);
      return;
    }

  g_byte_array_append (out, (const guint8[]){ 0x01, 0x01 }, 2); /* NbTg, Tg */
  if (type_b)
    {
      /* ATQB, then ATTRIB_RES (length, MBLI/CID byte). */
      g_byte_array_append (out, target_atqb, sizeof target_atqb);
      g_byte_array_append (out, (const guint8[]){ 0x01, 0x00 }, 2);
    }
  else
    {
      g_byte_array_append (out, target_atqa, sizeof target_atqa);
      g_byte_array_append (out, &target_sak, 1);
      g_byte_array_append (out, (const guint8[]){ sizeof target_uid }, 1);
      g_byte_array_append (out, target_uid, sizeof target_uid);
      g_byte_array_append (out, target_ats, sizeof target_ats);
    }
  send_response (self, CMD_IN_LIST_PASSIVE_TARGET, out->data, out->len);
}

static void
in_data_exchange (Pn532Emu *self,
                  const guint8 *params,
                  gsize len)
{
  g_autoptr (BpCard) card = NULL;
  g_autoptr (GBytes) command = NULL;
  g_autoptr (GBytes) response = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GByteArray) out = g_byte_array_new ();
  guint8 status = PN532_OK;

  if (len < 1)
    {
      send_error_frame (self);
      return;
    }

  g_mutex_lock (&self->mutex);
  if (self->target_active && card_in_field (self->card))
    card = g_object_ref (self->card);
  g_mutex_unlock (&self->mutex);

  if (card == NULL)
    {
      /* A target that left the field does not answer; one never selected
       * is refused by the chip. */
      status = PN532_ETIMEOUT;
    }
  else if (len == 1)
    {
      /* An empty exchange: libnfc's presence check. The card is there. */
      status = PN532_OK;
    }
  else
    {
      command = g_bytes_new (params + 1, len - 1);
      response = bp_card_transmit (card, command, NULL, &error);
      if (response == NULL)
        {
          g_debug ("card: %s", error->message);
          status = PN532_ETIMEOUT;
          if (g_error_matches (error, BP_CARD_ERROR, BP_CARD_ERROR_REMOVED))
            {
              g_mutex_lock (&self->mutex);
              self->target_active = FALSE;
              g_mutex_unlock (&self->mutex);
            }
        }
      else if (g_bytes_get_size (response) > PN532_MAX_DATA)
        {
          /* The card's answer does not fit the chip's buffer. */
          g_debug ("card answer of %" G_GSIZE_FORMAT " bytes does not fit", g_bytes_get_size (response));
          g_clear_pointer (&response, g_bytes_unref);
          status = PN532_ESMALLBUF;
        }
    }

  g_byte_array_append (out, &status, 1);
  if (response != NULL)
    {
      gsize rlen;
      const guint8 *rdata = g_bytes_get_data (response, &rlen);
      g_byte_array_append (out, rdata, rlen);
    }
  send_response (self, CMD_IN_DATA_EXCHANGE, out->data, out->len);
}

static void
handle_command (Pn532Emu *self,
                const guint8 *data,
                gsize len)
{
  guint8 command = data[1];
  const guint8 *params = data + 2;
  gsize plen = len - 2;

  g_mutex_lock (&self->mutex);
  self->counts[command]++;
  g_mutex_unlock (&self->mutex);

  switch (command)
    {
    case CMD_DIAGNOSE:
      if (plen >= 1 && params[0] == 0x06)
        {
          /* Attention request test: is the selected target still there? */
          guint8 status;
          g_mutex_lock (&self->mutex);
          status = (self->target_active && card_in_field (self->card)) ? PN532_OK : PN532_ETIMEOUT;
          g_mutex_unlock (&self->mutex);
          send_response (self, command, &status, 1);
        }
      else
        {
          /* Communication test and the rest: echo the parameters. */
          send_response (self, command, params, plen);
        }
      break;

    case CMD_GET_FIRMWARE_VERSION:
      /* IC PN532, version 1.6, supports ISO 14443-A, -B and ISO 18092. */
      send_response (self, command, (const guint8[]){ 0x32, 0x01, 0x06, 0x07 }, 4);
      break;

    case CMD_READ_REGISTER:
      {
        g_autoptr (GByteArray) out = g_byte_array_new ();
        for (gsize i = 0; i + 1 < plen; i += 2)
          g_byte_array_append (out, &self->registers[(params[i] << 8) | params[i + 1]], 1);
        send_response (self, command, out->data, out->len);
      }
      break;

    case CMD_WRITE_REGISTER:
      for (gsize i = 0; i + 2 < plen; i += 3)
        self->registers[(params[i] << 8) | params[i + 1]] = params[i + 2];
      send_response (self, command, NULL, 0);
      break;

    case CMD_SET_PARAMETERS:
    case CMD_SAM_CONFIGURATION:
    case CMD_RF_CONFIGURATION:
      send_response (self, command, NULL, 0);
      break;

    case CMD_POWER_DOWN:
    case CMD_IN_DESELECT:
    case CMD_IN_RELEASE:
      if (command != CMD_POWER_DOWN)
        {
          g_mutex_lock (&self->mutex);
          self->target_active = FALSE;
          g_mutex_unlock (&self->mutex);
        }
      send_response (self, command, (const guint8[]){ PN532_OK }, 1);
      break;

    case CMD_IN_SELECT:
      {
        guint8 status;
        g_mutex_lock (&self->mutex);
        self->target_active = card_in_field (self->card);
        status = self->target_active ? PN532_OK : PN532_ETIMEOUT;
        g_mutex_unlock (&self->mutex);
        send_response (self, command, &status, 1);
      }
      break;

    case CMD_IN_LIST_PASSIVE_TARGET:
      in_list_passive_target (self, params, plen);
      break;

    case CMD_IN_DATA_EXCHANGE:
      in_data_exchange (self, params, plen);
      break;

    case CMD_IN_COMMUNICATE_THRU:
      {
        gboolean active;

        g_mutex_lock (&self->mutex);
        active = self->target_active && card_in_field (self->card);
        g_mutex_unlock (&self->mutex);

        if (active && plen >= 1 && (params[0] & 0xF6) == 0xB2)
          {
            /* ISO 14443-4 R(NAK), libnfc's presence check on a PN532: the
             * card answers R(ACK) with its block number, and the CID when
             * the block carried one (bit 4, as libnfc sends for type B). */
            gboolean cid = (params[0] & 0x08) != 0 && plen >= 2;
            guint8 answer[] = { PN532_OK, 0xA2 | (params[0] & 0x09), cid ? params[1] : 0x00 };
            send_response (self, command, answer, cid ? 3 : 2);
          }
        else
          {
            /* Raw frames to poll B', SRx or CTS cards: nothing answers. */
            send_response (self, command, (const guint8[]){ PN532_ETIMEOUT }, 1);
          }
      }
      break;

    default:
      g_debug ("unknown command 0x%02X", command);
      g_mutex_lock (&self->mutex);
      self->unknown++;
      g_mutex_unlock (&self->mutex);
      send_error_frame (self);
      break;
    }
}

/* Consumes one frame (or garbage) from the front of @in. Returns FALSE when
 * more bytes are needed. */
static gboolean
parse_frame (Pn532Emu *self,
             GByteArray *in)
{
  const guint8 *b = in->data;
  gsize n = in->len;
  gsize i, p, len, start;
  guint8 sum = 0;

  for (i = 0; i + 1 < n; i++)
    if (b[i] == 0x00 && b[i + 1] == 0xFF)
      break;
  if (i + 1 >= n)
    {
      /* Wake-up bytes (0x55, 0x00) and postambles: drop all but a last 00. */
      gsize keep = (n > 0 && b[n - 1] == 0x00) ? 1 : 0;
      g_byte_array_remove_range (in, 0, n - keep);
      return FALSE;
    }

  p = i + 2;
  if (n < p + 2)
    return FALSE;

  if (b[p] == 0x00 && b[p + 1] == 0xFF)
    {
      /* ACK from the host: it aborts the command in progress. */
      g_byte_array_remove_range (in, 0, p + 2);
      return TRUE;
    }
  if (b[p] == 0xFF && b[p + 1] == 0x00)
    {
      /* NACK: send the last answer again. */
      g_byte_array_remove_range (in, 0, p + 2);
      write_all (self, self->last_response->data, self->last_response->len);
      return TRUE;
    }
  if (b[p] == 0xFF && b[p + 1] == 0xFF)
    {
      /* Extended frame: LENM LENL LCS. */
      if (n < p + 5)
        return FALSE;
      if (((b[p + 2] + b[p + 3] + b[p + 4]) & 0xFF) != 0)
        {
          g_byte_array_remove_range (in, 0, p);
          return TRUE;
        }
      len = (b[p + 2] << 8) | b[p + 3];
      start = p + 5;
    }
  else
    {
      if (((b[p] + b[p + 1]) & 0xFF) != 0)
        {
          g_byte_array_remove_range (in, 0, p);
          return TRUE;
        }
      len = b[p];
      start = p + 2;
    }

  if (n < start + len + 1)
    return FALSE;

  for (gsize k = 0; k <= len; k++)
    sum += b[start + k];

  if (sum != 0 || len < 2 || b[start] != TFI_HOST)
    {
      g_autofree char *h = hex (b, start + len + 1);
      g_debug ("dropping bad frame: %s", h);
      g_byte_array_remove_range (in, 0, start + len + 1);
      return TRUE;
    }

  {
    g_autofree guint8 *frame = g_memdup2 (b + start, len);
    g_byte_array_remove_range (in, 0, start + len + 1);
    if (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN) == FALSE)
      {
        g_autofree char *h = hex (frame, len);
        g_debug ("host -> PN532: %s", h);
      }
    handle_command (self, frame, len);
  }
  return TRUE;
}

static gpointer
serve (gpointer data)
{
  Pn532Emu *self = data;
  g_autoptr (GByteArray) in = g_byte_array_new ();

  for (;;)
    {
      struct pollfd pfd[2] = {
        { .fd = self->master_fd, .events = POLLIN },
        { .fd = self->stop_pipe[0], .events = POLLIN },
      };
      guint8 buf[512];
      ssize_t n;

      if (poll (pfd, 2, -1) < 0)
        {
          if (errno == EINTR)
            continue;
          break;
        }
      if (pfd[1].revents)
        break;
      if (!(pfd[0].revents & POLLIN))
        {
          /* Hang-up without data: wait a little rather than spin. */
          g_usleep (1000);
          continue;
        }

      n = read (self->master_fd, buf, sizeof buf);
      if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EIO))
        continue;
      if (n <= 0)
        break;
      g_byte_array_append (in, buf, n);
      while (parse_frame (self, in))
        ;
    }

  return NULL;
}

/**
 * pn532_emu_new:
 *
 * Opens a pseudo-terminal pair and starts serving the PN532 protocol on it.
 */
Pn532Emu *
pn532_emu_new (GError **error)
{
  g_autoptr (Pn532Emu) self = g_new0 (Pn532Emu, 1);
  struct termios tio;
  const char *name;

  self->master_fd = -1;
  self->slave_fd = -1;
  self->stop_pipe[0] = self->stop_pipe[1] = -1;
  g_mutex_init (&self->mutex);
  self->last_response = g_byte_array_new ();

  self->master_fd = posix_openpt (O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (self->master_fd < 0 || grantpt (self->master_fd) < 0 || unlockpt (self->master_fd) < 0 || (name = ptsname (self->master_fd)) == NULL)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot open a pseudo-terminal: %s", g_strerror (saved));
      return NULL;
    }
  self->path = g_strdup (name);
  self->connstring = g_strdup_printf ("pn532_uart:%s", self->path);

  /* Raw mode on the slave, so nothing is echoed before libnfc configures
   * the port itself. */
  self->slave_fd = open (self->path, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (self->slave_fd < 0 || tcgetattr (self->slave_fd, &tio) < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot open %s: %s", self->path, g_strerror (saved));
      return NULL;
    }
  cfmakeraw (&tio);
  tcsetattr (self->slave_fd, TCSANOW, &tio);

  if (!g_unix_open_pipe (self->stop_pipe, FD_CLOEXEC, error))
    return NULL;

  self->thread = g_thread_new ("pn532-emu", serve, self);
  return g_steal_pointer (&self);
}

/**
 * pn532_emu_free:
 *
 * Stops the emulator thread and closes the pseudo-terminal.
 */
void
pn532_emu_free (Pn532Emu *self)
{
  if (self == NULL)
    return;

  if (self->thread != NULL)
    {
      char c = 'q';
      if (write (self->stop_pipe[1], &c, 1) < 0)
        g_assert_not_reached ();
      g_thread_join (self->thread);
    }
  for (guint i = 0; i < 2; i++)
    if (self->stop_pipe[i] >= 0)
      close (self->stop_pipe[i]);
  if (self->slave_fd >= 0)
    close (self->slave_fd);
  if (self->master_fd >= 0)
    close (self->master_fd);
  g_clear_object (&self->card);
  g_byte_array_unref (self->last_response);
  g_mutex_clear (&self->mutex);
  g_free (self->path);
  g_free (self->connstring);
  g_free (self);
}

const char *
pn532_emu_get_path (Pn532Emu *self)
{
  return self->path;
}

const char *
pn532_emu_get_connstring (Pn532Emu *self)
{
  return self->connstring;
}

void
pn532_emu_set_card (Pn532Emu *self,
                    BpCard *card)
{
  g_mutex_lock (&self->mutex);
  g_set_object (&self->card, card);
  if (card == NULL)
    self->target_active = FALSE;
  g_mutex_unlock (&self->mutex);
}

void
pn532_emu_set_type_b (Pn532Emu *self,
                      gboolean type_b)
{
  g_mutex_lock (&self->mutex);
  self->type_b = type_b;
  self->target_active = FALSE;
  g_mutex_unlock (&self->mutex);
}

guint
pn532_emu_get_command_count (Pn532Emu *self,
                             guint8 command)
{
  guint count;

  g_mutex_lock (&self->mutex);
  count = self->counts[command];
  g_mutex_unlock (&self->mutex);
  return count;
}

guint
pn532_emu_get_unknown_count (Pn532Emu *self)
{
  guint count;

  g_mutex_lock (&self->mutex);
  count = self->unknown;
  g_mutex_unlock (&self->mutex);
  return count;
}
