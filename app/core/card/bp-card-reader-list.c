/* bp-card-reader-list.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-card-reader-list"

#include "config.h"

#include "bp-card-reader-list.h"

struct _BpCardReaderList
{
  GObject parent_instance;

  GPtrArray *readers;    /* BpCardReader */
  GPtrArray *transports; /* char *, NULL-terminated, parallel to errors */
  GPtrArray *errors;     /* GError */
};

static void bp_card_reader_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BpCardReaderList, bp_card_reader_list, G_TYPE_OBJECT, G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, bp_card_reader_list_model_init))

static GType
get_item_type (GListModel *model)
{
  return BP_TYPE_CARD_READER;
}

static guint
get_n_items (GListModel *model)
{
  return BP_CARD_READER_LIST (model)->readers->len;
}

static gpointer
get_item (GListModel *model,
          guint position)
{
  BpCardReaderList *self = BP_CARD_READER_LIST (model);

  if (position >= self->readers->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->readers, position));
}

static void
bp_card_reader_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
bp_card_reader_list_finalize (GObject *object)
{
  BpCardReaderList *self = BP_CARD_READER_LIST (object);

  g_ptr_array_unref (self->readers);
  g_ptr_array_unref (self->transports);
  g_ptr_array_unref (self->errors);

  G_OBJECT_CLASS (bp_card_reader_list_parent_class)->finalize (object);
}

static void
bp_card_reader_list_class_init (BpCardReaderListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bp_card_reader_list_finalize;
}

static void
bp_card_reader_list_init (BpCardReaderList *self)
{
  self->readers = g_ptr_array_new_with_free_func (g_object_unref);
  self->transports = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->transports, NULL);
  self->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
}

/**
 * bp_card_reader_list_new:
 *
 * Creates an empty list.
 */
BpCardReaderList *
bp_card_reader_list_new (void)
{
  return g_object_new (BP_TYPE_CARD_READER_LIST, NULL);
}

/**
 * bp_card_reader_list_add:
 * @self: a #BpCardReaderList
 * @reader: a #BpCardReader
 *
 * Appends @reader and emits #GListModel::items-changed.
 */
void
bp_card_reader_list_add (BpCardReaderList *self,
                         BpCardReader *reader)
{
  g_return_if_fail (BP_IS_CARD_READER_LIST (self));
  g_return_if_fail (BP_IS_CARD_READER (reader));

  g_ptr_array_add (self->readers, g_object_ref (reader));
  g_list_model_items_changed (G_LIST_MODEL (self), self->readers->len - 1, 0, 1);
}

/**
 * bp_card_reader_list_add_error:
 * @self: a #BpCardReaderList
 * @transport: a transport name
 * @error: why it could not be listed
 *
 * Records the failure of one transport.
 */
void
bp_card_reader_list_add_error (BpCardReaderList *self,
                               const char *transport,
                               const GError *error)
{
  g_return_if_fail (BP_IS_CARD_READER_LIST (self));
  g_return_if_fail (transport != NULL);
  g_return_if_fail (error != NULL);

  g_ptr_array_insert (self->transports, self->transports->len - 1, g_strdup (transport));
  g_ptr_array_add (self->errors, g_error_copy (error));
}

/**
 * bp_card_reader_list_get_error:
 * @self: a #BpCardReaderList
 * @transport: a transport name
 *
 * Returns: (nullable): the error recorded for @transport
 */
const GError *
bp_card_reader_list_get_error (BpCardReaderList *self,
                               const char *transport)
{
  g_return_val_if_fail (BP_IS_CARD_READER_LIST (self), NULL);
  g_return_val_if_fail (transport != NULL, NULL);

  for (guint i = 0; i < self->errors->len; i++)
    if (g_str_equal (g_ptr_array_index (self->transports, i), transport))
      return g_ptr_array_index (self->errors, i);
  return NULL;
}

/**
 * bp_card_reader_list_get_failed_transports:
 * @self: a #BpCardReaderList
 *
 * Returns: (transfer none): a %NULL-terminated array of transport names
 */
const char *const *
bp_card_reader_list_get_failed_transports (BpCardReaderList *self)
{
  g_return_val_if_fail (BP_IS_CARD_READER_LIST (self), NULL);

  return (const char *const *) self->transports->pdata;
}
