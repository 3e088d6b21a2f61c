/* vicc-bridge.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The vpcd side is vsmartcard's virtualsmartcard/src/vpcd/vpcd.c: every
 * message is sent as htons(length) then the payload; control codes are
 * VPCD_CTRL_OFF 0, VPCD_CTRL_ON 1, VPCD_CTRL_RESET 2 and VPCD_CTRL_ATR 4,
 * and only the ATR request and command APDUs wait for an answer. vpcd
 * asks for the ATR at every presence poll of pcscd, so a closed
 * connection is seen as a card taken away within one poll. */

#define G_LOG_DOMAIN "vicc-bridge"

#include "config.h"

#include <gio/gio.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>

#include "bp-virtual-chip.h"
#include "vicc-bridge.h"

enum
{
  CTRL_OFF = 0,
  CTRL_ON = 1,
  CTRL_RESET = 2,
  CTRL_ATR = 4,
};

struct _ViccBridge
{
  BpCard *card;

  GMutex mutex;
  GBytes *atr;
  int disconnect_after; /* -1: off */
  guint n_apdus;
  guint n_power_ons;
  guint n_atr_requests;
  gboolean connected;

  /* While connected. */
  GSocketConnection *connection;
  GCancellable *cancellable;
  GThread *thread;
};

GBytes *
vicc_bridge_contactless_atr_new (const guint8 *historical,
                                 gsize n_historical)
{
  GByteArray *atr = g_byte_array_new ();
  guint8 head[] = { 0x3B, 0x80 | (guint8) n_historical, 0x80, 0x01 };
  guint8 tck = 0;

  g_return_val_if_fail (n_historical <= 15, NULL);
  g_return_val_if_fail (historical != NULL || n_historical == 0, NULL);

  g_byte_array_append (atr, head, sizeof head);
  if (n_historical > 0)
    g_byte_array_append (atr, historical, n_historical);
  /* TCK: the exclusive-or of T0 up to the last historical byte. */
  for (guint i = 1; i < atr->len; i++)
    tck ^= atr->data[i];
  g_byte_array_append (atr, &tck, 1);
  return g_byte_array_free_to_bytes (atr);
}

ViccBridge *
vicc_bridge_new (BpCard *card)
{
  ViccBridge *self;

  g_return_val_if_fail (BP_IS_CARD (card), NULL);

  self = g_new0 (ViccBridge, 1);
  self->card = g_object_ref (card);
  g_mutex_init (&self->mutex);
  self->atr = vicc_bridge_contactless_atr_new (NULL, 0);
  self->disconnect_after = -1;
  return self;
}

void
vicc_bridge_free (ViccBridge *self)
{
  if (self == NULL)
    return;
  vicc_bridge_disconnect (self);
  g_object_unref (self->card);
  g_bytes_unref (self->atr);
  g_mutex_clear (&self->mutex);
  g_free (self);
}

void
vicc_bridge_set_atr (ViccBridge *self,
                     GBytes *atr)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (atr != NULL && g_bytes_get_size (atr) > 0 && g_bytes_get_size (atr) <= 33);

  g_mutex_lock (&self->mutex);
  g_bytes_unref (self->atr);
  self->atr = g_bytes_ref (atr);
  g_mutex_unlock (&self->mutex);
}

GBytes *
vicc_bridge_get_atr (ViccBridge *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->atr;
}

static gboolean
receive_all (GSocket *socket,
             guint8 *buffer,
             gsize size,
             GCancellable *cancellable)
{
  gsize done = 0;

  while (done < size)
    {
      g_autoptr (GError) error = NULL;
      gssize n;

      /* Debian's vpcd sends the length and the payload in two writes with
       * Nagle's algorithm on: the payload waits for our ACK of the length,
       * which Linux would delay by 40 ms. Quick ACKs are not sticky, so ask
       * again before every read. */
      g_socket_set_option (socket, IPPROTO_TCP, TCP_QUICKACK, 1, NULL);
      n = g_socket_receive (socket, (char *) buffer + done, size - done, cancellable, &error);

      if (n <= 0)
        {
          if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_debug ("receiving: %s", error->message);
          return FALSE;
        }
      done += n;
    }
  return TRUE;
}

static gboolean
send_message (GSocket *socket,
              GBytes *payload,
              GCancellable *cancellable)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (payload, &size);
  g_autofree guint8 *message = g_malloc (size + 2);
  gsize done = 0;

  g_return_val_if_fail (size <= 0xFFFF, FALSE);

  message[0] = size >> 8;
  message[1] = size & 0xFF;
  if (size > 0)
    memcpy (message + 2, data, size);
  while (done < size + 2)
    {
      g_autoptr (GError) error = NULL;
      gssize n = g_socket_send (socket, (const char *) message + done, size + 2 - done, cancellable, &error);

      if (n <= 0)
        {
          if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_debug ("sending: %s", error->message);
          return FALSE;
        }
      done += n;
    }
  return TRUE;
}

/* Power on and reset: a fresh chip, no session. */
static void
restart_card (ViccBridge *self)
{
  if (BP_IS_VIRTUAL_CHIP (self->card))
    bp_virtual_chip_reset (BP_VIRTUAL_CHIP (self->card));
}

/* Answers one message; FALSE ends the connection. */
static gboolean
answer (ViccBridge *self,
        GSocket *socket,
        const guint8 *payload,
        gsize size,
        GCancellable *cancellable)
{
  g_autoptr (GBytes) command = NULL;
  g_autoptr (GBytes) response = NULL;
  g_autoptr (GError) error = NULL;
  gboolean drop = FALSE;

  if (size == 1)
    switch (payload[0])
      {
      case CTRL_OFF:
        g_debug ("power off");
        return TRUE;
      case CTRL_ON:
      case CTRL_RESET:
        g_debug ("%s", payload[0] == CTRL_ON ? "power on" : "reset");
        g_mutex_lock (&self->mutex);
        self->n_power_ons++;
        g_mutex_unlock (&self->mutex);
        restart_card (self);
        return TRUE;
      case CTRL_ATR:
        {
          g_autoptr (GBytes) atr = NULL;

          g_mutex_lock (&self->mutex);
          self->n_atr_requests++;
          atr = g_bytes_ref (self->atr);
          g_mutex_unlock (&self->mutex);
          return send_message (socket, atr, cancellable);
        }
      default:
        g_debug ("unknown control code %u", payload[0]);
        return TRUE;
      }
  if (size == 0)
    return TRUE;

  g_mutex_lock (&self->mutex);
  if (self->disconnect_after == 0)
    {
      drop = TRUE;
      self->disconnect_after = -1;
    }
  else if (self->disconnect_after > 0)
    self->disconnect_after--;
  g_mutex_unlock (&self->mutex);
  if (drop)
    {
      g_debug ("leaving the field instead of answering a command");
      return FALSE;
    }

  command = g_bytes_new (payload, size);
  response = bp_card_transmit (self->card, command, NULL, &error);
  if (response == NULL)
    {
      /* The card itself left (a fault knob of the virtual chip). */
      g_debug ("card: %s", error->message);
      return FALSE;
    }
  g_mutex_lock (&self->mutex);
  self->n_apdus++;
  g_mutex_unlock (&self->mutex);
  return send_message (socket, response, cancellable);
}

static gpointer
bridge_thread (gpointer data)
{
  ViccBridge *self = data;
  GSocket *socket = g_socket_connection_get_socket (self->connection);
  GCancellable *cancellable = self->cancellable;

  for (;;)
    {
      guint8 head[2];
      gsize size;
      g_autofree guint8 *payload = NULL;

      if (!receive_all (socket, head, sizeof head, cancellable))
        break;
      size = (head[0] << 8) | head[1];
      payload = g_malloc (MAX (size, 1));
      if (!receive_all (socket, payload, size, cancellable))
        break;
      if (!answer (self, socket, payload, size, cancellable))
        break;
    }

  /* Closing the socket is what vpcd sees as the card leaving. */
  g_socket_shutdown (socket, TRUE, TRUE, NULL);
  g_mutex_lock (&self->mutex);
  self->connected = FALSE;
  g_mutex_unlock (&self->mutex);
  return NULL;
}

gboolean
vicc_bridge_connect (ViccBridge *self,
                     guint16 port,
                     GError **error)
{
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr (GSocket) socket = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (port != 0, FALSE);

  if (self->thread != NULL)
    {
      /* Connected before; the card may have left by itself. */
      if (vicc_bridge_is_connected (self))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "The virtual card is already connected");
          return FALSE;
        }
      vicc_bridge_disconnect (self);
    }

  /* A plain socket: GSocketClient would consult the proxy settings. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL || !g_socket_connect (socket, address, NULL, error))
    return FALSE;
  /* Our answers go out at once too. */
  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, 1, NULL);
  self->connection = g_socket_connection_factory_create_connection (socket);
  self->cancellable = g_cancellable_new ();
  g_mutex_lock (&self->mutex);
  self->connected = TRUE;
  g_mutex_unlock (&self->mutex);
  self->thread = g_thread_new ("vicc-bridge", bridge_thread, self);
  return TRUE;
}

void
vicc_bridge_disconnect (ViccBridge *self)
{
  g_return_if_fail (self != NULL);

  if (self->thread == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_thread_join (g_steal_pointer (&self->thread));
  g_io_stream_close (G_IO_STREAM (self->connection), NULL, NULL);
  g_clear_object (&self->connection);
  g_clear_object (&self->cancellable);
}

gboolean
vicc_bridge_is_connected (ViccBridge *self)
{
  gboolean connected;

  g_return_val_if_fail (self != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  connected = self->connected;
  g_mutex_unlock (&self->mutex);
  return connected;
}

void
vicc_bridge_disconnect_after_apdus (ViccBridge *self,
                                    int n)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  self->disconnect_after = n;
  g_mutex_unlock (&self->mutex);
}

#define COUNTER(name)                             \
  guint vicc_bridge_get_##name (ViccBridge *self) \
  {                                               \
    guint value;                                  \
    g_return_val_if_fail (self != NULL, 0);       \
    g_mutex_lock (&self->mutex);                  \
    value = self->name;                           \
    g_mutex_unlock (&self->mutex);                \
    return value;                                 \
  }

COUNTER (n_apdus)
COUNTER (n_power_ons)
COUNTER (n_atr_requests)
