/* bp-sync-wire.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-sync"

#include "config.h"

#include "bp-crossing-private.h"
#include "bp-sync-wire.h"

/* What goes over the wire to HQ, independent of how it is sent: the
 * batch item, the batch body and the envelope of HQ's answers. */

static char *
generate_node (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);

  return json_generator_to_data (generator, NULL);
}

/**
 * bp_sync_item_to_json:
 * @crossing: a stored crossing
 *
 * Builds the batch item HQ expects for @crossing.
 *
 * Returns: (transfer full): the item as compact JSON
 */
char *
bp_sync_item_to_json (BpCrossing *crossing)
{
  g_autofree char *json = NULL;
  g_autofree char *photo_sha256 = NULL;
  g_autofree char *content_sha256 = NULL;
  GString *item;

  g_return_val_if_fail (BP_IS_CROSSING (crossing), NULL);

  /* The members are appended to the core's compact JSON as text, which
   * is exactly what json-glib would write for the object with them
   * appended (compact output has no spaces, hex needs no escaping),
   * without parsing and writing every item twice. */
  json = bp_crossing_to_json (crossing);
  g_assert (g_str_has_suffix (json, "}") && !g_str_has_suffix (json, "{}"));
  item = g_string_new_len (json, strlen (json) - 1);

  /* The protocol names the photo at top level, so that HQ can check it
   * holds the photo without knowing the shape of "photo". */
  photo_sha256 = _bp_crossing_dup_photo_sha256 (crossing);
  if (photo_sha256 != NULL)
    g_string_append_printf (item, ",\"photo_sha256\":\"%s\"}", photo_sha256);
  else
    g_string_append (item, ",\"photo_sha256\":null}");

  content_sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) item->str, item->len);
  g_string_truncate (item, item->len - 1);
  g_string_append_printf (item, ",\"content_sha256\":\"%s\"}", content_sha256);

  return g_string_free (item, FALSE);
}

/**
 * bp_sync_batch_body_new:
 * @booth_id: (nullable): the booth's identifier, as in its certificate
 * @items_json: (element-type utf8): items from bp_sync_item_to_json()
 *
 * Returns: (transfer full): the body of POST /v1/crossings/batch
 */
GBytes *
bp_sync_batch_body_new (const char *booth_id,
                        GPtrArray *items_json)
{
  g_autoptr (JsonNode) id_node = json_node_new (JSON_NODE_VALUE);
  g_autofree char *id_json = NULL;
  GString *body;

  g_return_val_if_fail (items_json != NULL, NULL);

  if (booth_id != NULL)
    json_node_set_string (id_node, booth_id);
  else
    json_node_init_null (id_node);
  id_json = generate_node (id_node);

  /* Items are joined as text: they are already compact JSON, and
   * parsing 4 MiB only to write it again would double the work. */
  body = g_string_sized_new (64 + items_json->len * 1024);
  g_string_append (body, "{\"booth_id\":");
  g_string_append (body, id_json);
  g_string_append (body, ",\"items\":[");
  for (guint i = 0; i < items_json->len; i++)
    {
      if (i > 0)
        g_string_append_c (body, ',');
      g_string_append (body, g_ptr_array_index (items_json, i));
    }
  g_string_append (body, "]}");

  return g_string_free_to_bytes (body);
}

/**
 * bp_sync_parse_envelope:
 * @bytes: (nullable): a response body
 *
 * Returns: (transfer full) (nullable): the body's object, or %NULL when
 *   it is not an HQ answer
 */
JsonObject *
bp_sync_parse_envelope (GBytes *bytes)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  gconstpointer data;
  gsize size;
  JsonNode *root;
  JsonObject *object;

  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &size);
  if (size == 0 || size > G_MAXSSIZE || !json_parser_load_from_data (parser, data, size, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);
  if (g_strcmp0 (bp_sync_json_get_string (object, "api"), BP_SYNC_API) != 0)
    return NULL;

  return json_object_ref (object);
}

/**
 * bp_sync_json_get_string:
 * @object: a JSON object from HQ
 * @name: a member name
 *
 * Unlike json-glib's getters, never complains about a member of the
 * wrong type: HQ's answers are input like any other.
 *
 * Returns: (nullable): the member's string, or %NULL
 */
const char *
bp_sync_json_get_string (JsonObject *object,
                         const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/**
 * bp_sync_json_get_int:
 * @object: a JSON object from HQ
 * @name: a member name
 * @value: (out): where to put the integer
 *
 * Returns: whether the member is an integer
 */
gboolean
bp_sync_json_get_int (JsonObject *object,
                      const char *name,
                      gint64 *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *value = json_node_get_int (node);

  return TRUE;
}

/**
 * bp_sync_json_get_array:
 * @object: a JSON object from HQ
 * @name: a member name
 *
 * Returns: (transfer none) (nullable): the member's array, or %NULL
 */
JsonArray *
bp_sync_json_get_array (JsonObject *object,
                        const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}
