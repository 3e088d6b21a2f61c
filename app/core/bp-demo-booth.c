/* bp-demo-booth.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-demo-booth"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bp-card-readers.h"
#include "bp-demo-booth.h"
#include "bp-specimen.h"
#include "bp-virtual-chip-specimen.h"
#include "bp-virtual-reader.h"

#define DEMO_RESOURCES "resource:///org/borderpost/Borderpost/core/"

struct _BpDemoBooth
{
  GObject parent_instance;

  BpVirtualReader *reader;
  BpTrustStore *trust;
  BpWatchlist *watchlist;
  GPtrArray *specimens;
};

G_DEFINE_FINAL_TYPE (BpDemoBooth, bp_demo_booth, G_TYPE_OBJECT)

static char *
squash_mrz (const char *mrz)
{
  GString *out = g_string_new (NULL);

  for (const char *p = mrz; *p != '\0'; p++)
    if (!g_ascii_isspace (*p) && *p != ';')
      g_string_append_c (out, g_ascii_toupper (*p));
  return g_string_free (out, FALSE);
}

static void
bp_demo_booth_dispose (GObject *object)
{
  BpDemoBooth *self = (BpDemoBooth *) object;

  if (self->reader != NULL)
    bp_card_readers_unregister (BP_CARD_READER (self->reader));
  g_clear_object (&self->reader);
  g_clear_object (&self->trust);
  g_clear_object (&self->watchlist);
  g_clear_pointer (&self->specimens, g_ptr_array_unref);

  G_OBJECT_CLASS (bp_demo_booth_parent_class)->dispose (object);
}

static void
bp_demo_booth_class_init (BpDemoBoothClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = bp_demo_booth_dispose;
}

static void
bp_demo_booth_init (BpDemoBooth *self)
{
}

/**
 * bp_demo_booth_new:
 * @dir: an existing folder the demo may write to (trust store, lists)
 * @error: return location for an error
 *
 * Returns: (transfer full): the demo booth, with its reader registered
 */
BpDemoBooth *
bp_demo_booth_new (const char *dir,
                   GError **error)
{
  g_autoptr (BpDemoBooth) self = g_object_new (BP_TYPE_DEMO_BOOTH, NULL);
  g_autoptr (GFile) specimens_dir = g_file_new_for_uri (DEMO_RESOURCES "specimens/");
  g_autoptr (GBytes) csca = NULL;
  g_autoptr (GBytes) list = NULL;
  g_autoptr (GBytes) crl = NULL;
  g_autoptr (BpTrustImport) imported = NULL;
  g_autoptr (BpTrustImport) imported_crl = NULL;
  g_autofree char *trust_path = NULL;
  g_autofree char *lists_dir = NULL;

  g_return_val_if_fail (dir != NULL, NULL);

  self->specimens = bp_specimen_load_directory (specimens_dir, error);
  if (self->specimens == NULL)
    return NULL;

  trust_path = g_build_filename (dir, "trust.sqlite", NULL);
  self->trust = bp_trust_store_open (trust_path, error);
  if (self->trust == NULL)
    return NULL;
  csca = g_resources_lookup_data ("/org/borderpost/Borderpost/core/specimens/pki/csca.der", 0, error);
  if (csca == NULL)
    return NULL;
  imported = bp_trust_store_import_certificate (self->trust, csca, "demo", error);
  if (imported == NULL)
    return NULL;
  /* The specimen CSCA's CRL revokes the signer of one lying specimen. */
  crl = g_resources_lookup_data ("/org/borderpost/Borderpost/core/specimens/pki/crl.der", 0, error);
  if (crl == NULL)
    return NULL;
  imported_crl = bp_trust_store_import_crl (self->trust, crl, "demo", error);
  if (imported_crl == NULL)
    return NULL;

  lists_dir = g_build_filename (dir, "lists", NULL);
  self->watchlist = bp_watchlist_new (lists_dir);
  list = g_resources_lookup_data ("/org/borderpost/Borderpost/core/demo/alert-list.jsonl", 0, error);
  if (list == NULL)
    return NULL;
  if (!bp_watchlist_import_data (self->watchlist, g_bytes_get_data (list, NULL), g_bytes_get_size (list),
                                 NULL, BP_WATCHLIST_IMPORT_FULL, error))
    return NULL;

  self->reader = bp_virtual_reader_new (0);
  bp_card_readers_register (BP_CARD_READER (self->reader));

  return g_steal_pointer (&self);
}

BpCardReader *
bp_demo_booth_get_reader (BpDemoBooth *self)
{
  g_return_val_if_fail (BP_IS_DEMO_BOOTH (self), NULL);
  return BP_CARD_READER (self->reader);
}

BpTrustStore *
bp_demo_booth_get_trust_store (BpDemoBooth *self)
{
  g_return_val_if_fail (BP_IS_DEMO_BOOTH (self), NULL);
  return self->trust;
}

BpWatchlist *
bp_demo_booth_get_watchlist (BpDemoBooth *self)
{
  g_return_val_if_fail (BP_IS_DEMO_BOOTH (self), NULL);
  return self->watchlist;
}

const char *
bp_demo_booth_present (BpDemoBooth *self,
                       const char *mrz)
{
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (BP_IS_DEMO_BOOTH (self), NULL);
  g_return_val_if_fail (mrz != NULL, NULL);

  wanted = squash_mrz (mrz);
  for (guint i = 0; i < self->specimens->len; i++)
    {
      BpSpecimen *specimen = g_ptr_array_index (self->specimens, i);
      g_autofree char *candidate = squash_mrz (bp_specimen_get_mrz (specimen));

      if (g_str_equal (candidate, wanted))
        {
          g_autoptr (GError) error = NULL;
          g_autoptr (BpVirtualChip) chip = bp_virtual_chip_new_from_specimen (specimen, &error);

          if (chip == NULL)
            {
              g_debug ("Specimen %s has no usable chip: %s", bp_specimen_get_id (specimen), error->message);
              break;
            }
          bp_virtual_reader_insert (self->reader, chip);
          return bp_specimen_get_label (specimen);
        }
    }

  bp_virtual_reader_remove (self->reader);
  return NULL;
}
