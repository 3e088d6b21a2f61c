/* bp-sync-select.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bp-sync-select.h"
#include "bp-sync-wire.h"

/* Which update packages to fetch. A delta only makes sense on top of
 * exactly its base version; when the chain from the installed version
 * is broken, the booth must start again from a full package rather
 * than install deltas that would leave it screening against a list
 * nobody issued. Kept free of I/O so that it can be tested alone. */

static int
pick_compare (gconstpointer a,
              gconstpointer b)
{
  const BpSyncPick *pa = a;
  const BpSyncPick *pb = b;

  return pa->version < pb->version ? -1 : pa->version > pb->version;
}

/* The listing's well-formed entries, in version order. */
static GArray *
read_listing (JsonArray *packages)
{
  GArray *picks = g_array_new (FALSE, FALSE, sizeof (BpSyncPick));
  guint n = packages ? json_array_get_length (packages) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (packages, i);
      JsonObject *object;
      JsonNode *base;
      BpSyncPick pick = { 0, -1 };

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      if (!bp_sync_json_get_int (object, "version", &pick.version) || pick.version < 1)
        continue;
      base = json_object_get_member (object, "base_version");
      if (base != NULL && !JSON_NODE_HOLDS_NULL (base) && (!bp_sync_json_get_int (object, "base_version", &pick.base_version) || pick.base_version < 0))
        continue;
      g_array_append_val (picks, pick);
    }
  g_array_sort (picks, pick_compare);

  return picks;
}

/**
 * bp_sync_select_packages:
 * @packages: (nullable): the "packages" of HQ's listing
 * @installed_version: the installed version, 0 when none
 * @full_reload: whether to start from the newest full package
 * @needs_full: (out): whether only a full package can help
 *
 * Chooses the packages to download; see bp-sync-select.h.
 *
 * Returns: (transfer full): an array of #BpSyncPick
 */
GArray *
bp_sync_select_packages (JsonArray *packages,
                         gint64 installed_version,
                         gboolean full_reload,
                         gboolean *needs_full)
{
  g_autoptr (GArray) listing = read_listing (packages);
  GArray *picks = g_array_new (FALSE, FALSE, sizeof (BpSyncPick));
  gint64 current = installed_version;
  gboolean broken = FALSE;
  guint start = 0;

  g_return_val_if_fail (needs_full != NULL, picks);

  if (full_reload)
    {
      guint i = listing->len;

      while (i > 0 && g_array_index (listing, BpSyncPick, i - 1).base_version >= 0)
        i--;
      if (i == 0)
        {
          *needs_full = TRUE;
          return picks;
        }
      start = i - 1;
      current = g_array_index (listing, BpSyncPick, start).version - 1;
    }

  for (guint i = start; i < listing->len; i++)
    {
      BpSyncPick *pick = &g_array_index (listing, BpSyncPick, i);

      if (pick->version <= current)
        continue;
      if (pick->base_version < 0)
        broken = FALSE;
      else if (broken || pick->base_version != current)
        {
          broken = TRUE;
          continue;
        }
      g_array_append_val (picks, *pick);
      current = pick->version;
    }

  /* In a full reload a gap after the full package is HQ's to mend: the
   * booth has a whole list, and asking again would fetch the same. */
  *needs_full = broken && !full_reload;

  return picks;
}

char *
bp_sync_version_key (const char *kind)
{
  g_return_val_if_fail (kind != NULL, NULL);

  return g_strconcat ("package.", kind, ".version", NULL);
}

char *
bp_sync_full_version_key (const char *kind)
{
  g_return_val_if_fail (kind != NULL, NULL);

  return g_strconcat ("package.", kind, ".full_version", NULL);
}

char *
bp_sync_full_reload_key (const char *kind)
{
  g_return_val_if_fail (kind != NULL, NULL);

  return g_strconcat ("package.", kind, ".full_reload", NULL);
}

/**
 * bp_sync_state_lookup_int:
 * @state: sync_state, key → value
 * @key: a key such as bp_sync_version_key()
 * @value: (out): the number
 *
 * Returns: whether @state holds a number under @key
 */
gboolean
bp_sync_state_lookup_int (GHashTable *state,
                          const char *key,
                          gint64 *value)
{
  const char *text;

  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  text = g_hash_table_lookup (state, key);
  return text != NULL && g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, value, NULL);
}

/**
 * bp_sync_dup_update_status:
 * @state: sync_state, key → value
 * @kind: "alert-list" or "csca"
 *
 * Returns: (transfer full) (nullable): the state of @kind's packages in
 *   plain words
 */
char *
bp_sync_dup_update_status (GHashTable *state,
                           const char *kind)
{
  g_autofree char *version_key = NULL;
  g_autofree char *full_key = NULL;
  g_autofree char *reload_key = NULL;
  gboolean alert_list;
  gint64 version = 0;
  gint64 full_version = 0;

  g_return_val_if_fail (state != NULL, NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  version_key = bp_sync_version_key (kind);
  full_key = bp_sync_full_version_key (kind);
  reload_key = bp_sync_full_reload_key (kind);
  alert_list = g_str_equal (kind, "alert-list");

  if (g_hash_table_lookup (state, reload_key) != NULL)
    return g_strdup (alert_list ? _ ("The alert list needs a full reload; fetching it from headquarters.")
                                : _ ("The CSCA list needs a full reload; fetching it from headquarters."));

  if (!bp_sync_state_lookup_int (state, version_key, &version) || version < 1)
    return NULL;

  if (bp_sync_state_lookup_int (state, full_key, &full_version) && full_version == version)
    /* Translators: %lld is a version number. */
    return g_strdup_printf (alert_list ? _ ("Installed full alert list version %lld.")
                                       : _ ("Installed full CSCA list version %lld."),
                            (long long) version);

  if (full_version > 0)
    /* Translators: %lld are version numbers. */
    return g_strdup_printf (alert_list ? _ ("Installed alert list version %lld (updates on full list version %lld).")
                                       : _ ("Installed CSCA list version %lld (updates on full list version %lld)."),
                            (long long) version, (long long) full_version);

  /* Translators: %lld is a version number. */
  return g_strdup_printf (alert_list ? _ ("Installed alert list version %lld.")
                                     : _ ("Installed CSCA list version %lld."),
                          (long long) version);
}
