/* bp-pcsc-reader.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-pcsc-reader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bp-pcsc-private.h"
#include "bp-pcsc-reader.h"

struct _BpPcscReader
{
  GObject parent_instance;

  char *name;
  char *id;
};

static void bp_pcsc_reader_iface_init (BpCardReaderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BpPcscReader, bp_pcsc_reader, G_TYPE_OBJECT, G_IMPLEMENT_INTERFACE (BP_TYPE_CARD_READER, bp_pcsc_reader_iface_init))

static gboolean
establish (SCARDCONTEXT *context,
           GError **error)
{
  LONG rv = SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, context);

  if (rv != SCARD_S_SUCCESS)
    {
      _bp_pcsc_set_error (error, rv, _ ("connecting to the PC/SC service"));
      return FALSE;
    }
  return TRUE;
}

static const char *
bp_pcsc_reader_get_transport (BpCardReader *reader)
{
  return "pcsc";
}

static const char *
bp_pcsc_reader_get_id (BpCardReader *reader)
{
  return BP_PCSC_READER (reader)->id;
}

static const char *
bp_pcsc_reader_get_name (BpCardReader *reader)
{
  return BP_PCSC_READER (reader)->name;
}

static BpCard *
bp_pcsc_reader_connect (BpCardReader *reader,
                        GCancellable *cancellable,
                        GError **error)
{
  BpPcscReader *self = BP_PCSC_READER (reader);
  SCARDCONTEXT context;
  SCARDHANDLE handle;
  DWORD protocol = 0;
  LONG rv;

  if (!establish (&context, error))
    return NULL;

  rv = SCardConnect (context, self->name, SCARD_SHARE_SHARED,
                     SCARD_PROTOCOL_T1 | SCARD_PROTOCOL_T0, &handle, &protocol);
  if (rv != SCARD_S_SUCCESS)
    {
      if (rv == SCARD_W_REMOVED_CARD)
        rv = SCARD_E_NO_SMARTCARD;
      _bp_pcsc_set_error (error, rv, self->name);
      SCardReleaseContext (context);
      return NULL;
    }

  return _bp_pcsc_card_new (context, handle, protocol, self->name);
}

static void
bp_pcsc_reader_finalize (GObject *object)
{
  BpPcscReader *self = BP_PCSC_READER (object);

  g_free (self->name);
  g_free (self->id);

  G_OBJECT_CLASS (bp_pcsc_reader_parent_class)->finalize (object);
}

static void
bp_pcsc_reader_iface_init (BpCardReaderInterface *iface)
{
  iface->get_transport = bp_pcsc_reader_get_transport;
  iface->get_id = bp_pcsc_reader_get_id;
  iface->get_name = bp_pcsc_reader_get_name;
  iface->connect = bp_pcsc_reader_connect;
}

static void
bp_pcsc_reader_class_init (BpPcscReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bp_pcsc_reader_finalize;
}

static void
bp_pcsc_reader_init (BpPcscReader *self)
{
}

/**
 * bp_pcsc_reader_new:
 * @name: a PC/SC reader name, as SCardListReaders gives it
 *
 * Creates a reader object; nothing is contacted until it is used.
 */
BpPcscReader *
bp_pcsc_reader_new (const char *name)
{
  BpPcscReader *self;

  g_return_val_if_fail (name != NULL && *name != '\0', NULL);

  self = g_object_new (BP_TYPE_PCSC_READER, NULL);
  self->name = g_strdup (name);
  self->id = g_strconcat ("pcsc:", name, NULL);
  return self;
}

/**
 * bp_pcsc_reader_list:
 * @error: return location for a #GError
 *
 * Lists the readers pcscd knows.
 *
 * Returns: (transfer full): a #GPtrArray of #BpCardReader, or %NULL
 */
GPtrArray *
bp_pcsc_reader_list (GError **error)
{
  g_autoptr (GPtrArray) readers = g_ptr_array_new_with_free_func (g_object_unref);
  SCARDCONTEXT context;
  g_autofree char *names = NULL;
  DWORD len = 0;
  LONG rv;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!establish (&context, error))
    return NULL;

  rv = SCardListReaders (context, NULL, NULL, &len);
  if (rv == SCARD_S_SUCCESS && len > 0)
    {
      names = g_malloc0 (len + 1);
      rv = SCardListReaders (context, NULL, names, &len);
    }
  SCardReleaseContext (context);

  if (rv == SCARD_E_NO_READERS_AVAILABLE)
    return g_steal_pointer (&readers);
  if (rv != SCARD_S_SUCCESS)
    {
      _bp_pcsc_set_error (error, rv, _ ("listing readers"));
      return NULL;
    }

  /* A multi-string: names separated by NUL, ended by an empty one. */
  for (const char *p = names; p != NULL && *p != '\0'; p += strlen (p) + 1)
    g_ptr_array_add (readers, bp_pcsc_reader_new (p));

  return g_steal_pointer (&readers);
}

static gboolean
get_state (SCARDCONTEXT context,
           const char *name,
           DWORD current,
           DWORD timeout_ms,
           DWORD *event_state,
           GError **error)
{
  SCARD_READERSTATE state = { .szReader = name, .dwCurrentState = current };
  LONG rv = SCardGetStatusChange (context, timeout_ms, &state, 1);

  if (rv == SCARD_E_TIMEOUT)
    {
      *event_state = current;
      return TRUE;
    }
  if (rv != SCARD_S_SUCCESS)
    {
      _bp_pcsc_set_error (error, rv, name);
      return FALSE;
    }
  if (state.dwEventState & (SCARD_STATE_UNKNOWN | SCARD_STATE_UNAVAILABLE | SCARD_STATE_IGNORE))
    {
      _bp_pcsc_set_error (error, SCARD_E_UNKNOWN_READER, name);
      return FALSE;
    }
  *event_state = state.dwEventState & ~SCARD_STATE_CHANGED;
  return TRUE;
}

/**
 * bp_pcsc_reader_is_card_present:
 * @self: a #BpPcscReader
 * @error: return location for a #GError
 *
 * Asks pcscd whether a card is in the reader, without connecting to it.
 *
 * Returns: %TRUE if a card is present; %FALSE if not or on error
 */
gboolean
bp_pcsc_reader_is_card_present (BpPcscReader *self,
                                GError **error)
{
  SCARDCONTEXT context;
  DWORD state = 0;
  gboolean ok;

  g_return_val_if_fail (BP_IS_PCSC_READER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!establish (&context, error))
    return FALSE;
  ok = get_state (context, self->name, SCARD_STATE_UNAWARE, 0, &state, error);
  SCardReleaseContext (context);
  return ok && (state & SCARD_STATE_PRESENT) != 0;
}

static void
cancel_cb (GCancellable *cancellable,
           gpointer data)
{
  SCardCancel (*(SCARDCONTEXT *) data);
}

/**
 * bp_pcsc_reader_wait_change:
 * @self: a #BpPcscReader
 * @present: (inout): whether a card is present, as the caller last saw it
 * @timeout_ms: how long to wait at most
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Waits with SCardGetStatusChange until a card arrives or leaves.
 *
 * Returns: %TRUE when @present holds the current state (changed or not)
 */
gboolean
bp_pcsc_reader_wait_change (BpPcscReader *self,
                            gboolean *present,
                            guint timeout_ms,
                            GCancellable *cancellable,
                            GError **error)
{
  SCARDCONTEXT context;
  DWORD state = 0;
  DWORD current;
  gulong handler = 0;
  gboolean ok;

  g_return_val_if_fail (BP_IS_PCSC_READER (self), FALSE);
  g_return_val_if_fail (present != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!establish (&context, error))
    return FALSE;

  /* Learn pcscd's view first, then wait for it to differ from the
   * caller's. */
  ok = get_state (context, self->name, SCARD_STATE_UNAWARE, 0, &current, error);
  if (ok && ((current & SCARD_STATE_PRESENT) != 0) == (*present != FALSE))
    {
      if (cancellable != NULL)
        handler = g_cancellable_connect (cancellable, G_CALLBACK (cancel_cb), &context, NULL);
      ok = get_state (context, self->name, current, timeout_ms, &state, error);
      g_cancellable_disconnect (cancellable, handler);
    }
  else
    state = current;
  SCardReleaseContext (context);

  if (!ok)
    return FALSE;
  *present = (state & SCARD_STATE_PRESENT) != 0;
  return TRUE;
}
