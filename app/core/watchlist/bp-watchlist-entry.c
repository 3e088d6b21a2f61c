/* bp-watchlist-entry.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-watchlist-entry"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "bp-watchlist-entry.h"
#include "bp-watchlist-names.h"

/* A line longer than this is not an alert-list entry. */
#define MAX_LINE (64 * 1024)
#define MAX_FIELD 512

G_DEFINE_QUARK (bp - watchlist - error - quark, bp_watchlist_error)

void
bp_watchlist_entry_free (BpWatchlistEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->id);
  g_free (entry->list);
  g_free (entry->document_number);
  g_free (entry->document_type);
  g_free (entry->issuing_state);
  g_free (entry->family_name);
  g_free (entry->given_names);
  g_free (entry->birth_date);
  g_free (entry->nationality);
  g_free (entry->sex);
  g_free (entry->reason);
  g_free (entry->action);
  g_free (entry->valid_until);
  g_free (entry);
}

BpWatchlistEntry *
bp_watchlist_entry_copy (const BpWatchlistEntry *entry)
{
  BpWatchlistEntry *copy;

  g_return_val_if_fail (entry != NULL, NULL);

  copy = g_new0 (BpWatchlistEntry, 1);
  copy->id = g_strdup (entry->id);
  copy->list = g_strdup (entry->list);
  copy->kind = entry->kind;
  copy->deleted = entry->deleted;
  copy->document_number = g_strdup (entry->document_number);
  copy->document_type = g_strdup (entry->document_type);
  copy->issuing_state = g_strdup (entry->issuing_state);
  copy->family_name = g_strdup (entry->family_name);
  copy->given_names = g_strdup (entry->given_names);
  copy->birth_date = g_strdup (entry->birth_date);
  copy->nationality = g_strdup (entry->nationality);
  copy->sex = g_strdup (entry->sex);
  copy->reason = g_strdup (entry->reason);
  copy->action = g_strdup (entry->action);
  copy->valid_until = g_strdup (entry->valid_until);

  return copy;
}

static void
add_member (JsonBuilder *builder,
            const char *name,
            const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

char *
bp_watchlist_entry_to_json (const BpWatchlistEntry *entry)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (entry != NULL, NULL);

  json_builder_begin_object (builder);
  add_member (builder, "id", entry->id);
  add_member (builder, "list", entry->list);
  add_member (builder, "kind", entry->kind == BP_WATCHLIST_KIND_PERSON ? "person" : "document");
  if (entry->deleted)
    add_member (builder, "op", "delete");
  add_member (builder, "document_number", entry->document_number);
  add_member (builder, "document_type", entry->document_type);
  add_member (builder, "issuing_state", entry->issuing_state);
  add_member (builder, "family_name", entry->family_name);
  add_member (builder, "given_names", entry->given_names);
  add_member (builder, "birth_date", entry->birth_date);
  add_member (builder, "nationality", entry->nationality);
  add_member (builder, "sex", entry->sex);
  add_member (builder, "reason", entry->reason);
  add_member (builder, "action", entry->action);
  add_member (builder, "valid_until", entry->valid_until);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

static gboolean
parse_part (const char *text,
            guint len,
            guint *value)
{
  guint v = 0;

  for (guint i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      v = v * 10 + (guint) (text[i] - '0');
    }
  *value = v;

  return TRUE;
}

gboolean
bp_watchlist_date_parse (const char *text,
                         BpWatchlistDate *date)
{
  guint y = 0, m = 0, d = 0;
  gsize len;

  g_return_val_if_fail (date != NULL, FALSE);

  *date = 0;
  if (text == NULL)
    return FALSE;

  len = strlen (text);
  if (len != 4 && len != 7 && len != 10)
    return FALSE;
  if (!parse_part (text, 4, &y) || y < 1800 || y > 2200)
    return FALSE;
  if (len >= 7)
    {
      if (text[4] != '-')
        return FALSE;
      if (g_ascii_strncasecmp (text + 5, "XX", 2) == 0)
        m = 0;
      else if (!parse_part (text + 5, 2, &m) || m < 1 || m > 12)
        return FALSE;
    }
  if (len == 10)
    {
      if (text[7] != '-')
        return FALSE;
      if (g_ascii_strncasecmp (text + 8, "XX", 2) == 0)
        d = 0;
      else if (!parse_part (text + 8, 2, &d) || m == 0 || !g_date_valid_dmy (d, m, y))
        return FALSE;
    }

  *date = BP_WATCHLIST_DATE (y, m, d);

  return TRUE;
}

char *
bp_watchlist_date_format (BpWatchlistDate date)
{
  guint y = BP_WATCHLIST_DATE_YEAR (date);
  guint m = BP_WATCHLIST_DATE_MONTH (date);
  guint d = BP_WATCHLIST_DATE_DAY (date);

  if (y == 0)
    return NULL;
  if (m == 0)
    return g_strdup_printf ("%04u", y);
  if (d == 0)
    return g_strdup_printf ("%04u-%02u", y, m);

  return g_strdup_printf ("%04u-%02u-%02u", y, m, d);
}

gboolean
bp_watchlist_list_name_is_valid (const char *name)
{
  gsize len;

  if (name == NULL)
    return FALSE;
  len = strlen (name);
  if (len == 0 || len > 32)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!(g_ascii_islower (name[i]) || g_ascii_isdigit (name[i]) || name[i] == '_' || name[i] == '-'))
      return FALSE;

  return TRUE;
}

void
bp_watchlist_import_free (BpWatchlistImport *import)
{
  if (import == NULL)
    return;

  g_free (import->list);
  g_clear_pointer (&import->entries, g_ptr_array_unref);
  g_free (import);
}

/* Reads an optional string member. A member that is there but not a
 * string (or too long) is an error. */
static gboolean
get_string (JsonObject *object,
            const char *name,
            guint line,
            char **out,
            GError **error)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *value;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                   /* Translators: %u is a line number, %s a field name such as "family_name". */
                   _ ("Line %u: “%s” must be text."), line, name);
      return FALSE;
    }

  value = json_node_get_string (node);
  if (strlen (value) > MAX_FIELD)
    {
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                   _ ("Line %u: “%s” is too long."), line, name);
      return FALSE;
    }

  /* Blank text means the same as a missing field. */
  if (*value != '\0')
    *out = g_strstrip (g_strdup (value));
  if (*out != NULL && **out == '\0')
    g_clear_pointer (out, g_free);

  return TRUE;
}

static gboolean
get_version (JsonObject *object,
             const char *name,
             guint line,
             guint *out,
             GError **error)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 value;

  *out = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 || (value = json_node_get_int (node)) < 0 || value > G_MAXINT32)
    {
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                   _ ("Line %u: “%s” must be a whole number."), line, name);
      return FALSE;
    }
  *out = (guint) value;

  return TRUE;
}

static gboolean
is_code (const char *value)
{
  gsize len = strlen (value);

  if (len == 0 || len > 3)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalpha (value[i]) && value[i] != '<')
      return FALSE;

  return TRUE;
}

static char *
upper_code (char *value)
{
  char *up = g_ascii_strup (value, -1);

  /* MRZ codes pad with fillers: "D<<" is Germany. */
  for (char *p = up + strlen (up); p > up && p[-1] == '<'; p--)
    p[-1] = '\0';
  g_free (value);

  return up;
}

static BpWatchlistEntry *
parse_entry (JsonObject *object,
             guint line,
             const char *list,
             gboolean delta,
             GError **error)
{
  g_autoptr (BpWatchlistEntry) entry = g_new0 (BpWatchlistEntry, 1);
  g_autofree char *kind = NULL;
  g_autofree char *op = NULL;
  BpWatchlistDate date;
  struct
  {
    const char *name;
    char **field;
  } fields[] = {
    { "id", &entry->id },
    { "list", &entry->list },
    { "document_number", &entry->document_number },
    { "document_type", &entry->document_type },
    { "issuing_state", &entry->issuing_state },
    { "family_name", &entry->family_name },
    { "given_names", &entry->given_names },
    { "birth_date", &entry->birth_date },
    { "nationality", &entry->nationality },
    { "sex", &entry->sex },
    { "reason", &entry->reason },
    { "action", &entry->action },
    { "valid_until", &entry->valid_until },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (!get_string (object, fields[i].name, line, fields[i].field, error))
      return NULL;
  if (!get_string (object, "kind", line, &kind, error) || !get_string (object, "op", line, &op, error))
    return NULL;

  if (entry->id == NULL)
    {
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                   _ ("Line %u: the entry has no “id”."), line);
      return NULL;
    }

  if (entry->list == NULL && list != NULL)
    entry->list = g_strdup (list);
  if (!bp_watchlist_list_name_is_valid (entry->list))
    {
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                   _ ("Line %u: “list” must name the list in 1 to 32 small letters, digits, “_” or “-”."), line);
      return NULL;
    }
  if (list != NULL && !g_str_equal (list, entry->list))
    {
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                   /* Translators: the first %s is the list named on the line, the second the list being imported. */
                   _ ("Line %u: the entry is for list “%s”, but this import is for list “%s”."),
                   line, entry->list, list);
      return NULL;
    }

  if (op != NULL)
    {
      if (g_str_equal (op, "delete") && delta)
        entry->deleted = TRUE;
      else if (g_str_equal (op, "delete"))
        {
          g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                       _ ("Line %u: “op”: “delete” belongs in a delta import, not a full one."), line);
          return NULL;
        }
      else if (!g_str_equal (op, "upsert") && !g_str_equal (op, "add") && !g_str_equal (op, "modify"))
        {
          g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                       _ ("Line %u: “op” must be “add”, “modify” or “delete”."), line);
          return NULL;
        }
    }
  if (entry->deleted)
    return g_steal_pointer (&entry);

  if (g_strcmp0 (kind, "document") == 0)
    entry->kind = BP_WATCHLIST_KIND_DOCUMENT;
  else if (g_strcmp0 (kind, "person") == 0)
    entry->kind = BP_WATCHLIST_KIND_PERSON;
  else
    {
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                   _ ("Line %u: “kind” must be “document” or “person”."), line);
      return NULL;
    }

  if (entry->document_number != NULL)
    {
      g_autofree char *number = bp_document_number_normalise (entry->document_number);

      if (*number == '\0' || strlen (number) > 32)
        {
          g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                       _ ("Line %u: “document_number” must hold 1 to 32 letters or digits."), line);
          return NULL;
        }
    }
  if (entry->kind == BP_WATCHLIST_KIND_DOCUMENT && entry->document_number == NULL)
    {
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                   _ ("Line %u: a document entry needs a “document_number”."), line);
      return NULL;
    }
  if (entry->kind == BP_WATCHLIST_KIND_PERSON)
    {
      BpNameSet names = { 0 };

      bp_name_normalise (entry->family_name, BP_NAME_ROLE_FAMILY, &names);
      bp_name_normalise (entry->given_names, BP_NAME_ROLE_GIVEN, &names);
      if (names.n_parts == 0)
        {
          g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                       _ ("Line %u: a person entry needs a “family_name” or “given_names” with letters in it."), line);
          return NULL;
        }
    }

  if (entry->birth_date != NULL && !bp_watchlist_date_parse (entry->birth_date, &date))
    {
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                   _ ("Line %u: “birth_date” must be YYYY, YYYY-MM or YYYY-MM-DD."), line);
      return NULL;
    }
  if (entry->valid_until != NULL && (!bp_watchlist_date_parse (entry->valid_until, &date) || BP_WATCHLIST_DATE_DAY (date) == 0))
    {
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                   _ ("Line %u: “valid_until” must be a date written YYYY-MM-DD."), line);
      return NULL;
    }

  if (entry->issuing_state != NULL)
    {
      if (!is_code (entry->issuing_state))
        {
          g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                       _ ("Line %u: “issuing_state” must be a country code of 1 to 3 letters, such as “UTO”."), line);
          return NULL;
        }
      entry->issuing_state = upper_code (entry->issuing_state);
    }
  if (entry->nationality != NULL)
    {
      if (!is_code (entry->nationality))
        {
          g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                       _ ("Line %u: “nationality” must be a country code of 1 to 3 letters, such as “UTO”."), line);
          return NULL;
        }
      entry->nationality = upper_code (entry->nationality);
    }
  if (entry->document_type != NULL)
    {
      if (strlen (entry->document_type) > 2 || !is_code (entry->document_type))
        {
          g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                       _ ("Line %u: “document_type” must be a document code of 1 or 2 letters, such as “P” or “ID”."), line);
          return NULL;
        }
      entry->document_type = upper_code (entry->document_type);
    }
  if (entry->sex != NULL)
    {
      entry->sex = upper_code (entry->sex);
      if (!g_str_equal (entry->sex, "M") && !g_str_equal (entry->sex, "F") && !g_str_equal (entry->sex, "X"))
        {
          g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                       _ ("Line %u: “sex” must be “M”, “F” or “X”."), line);
          return NULL;
        }
    }
  if (entry->action == NULL)
    entry->action = g_strdup ("refer");

  return g_steal_pointer (&entry);
}

static gboolean
parse_header (JsonObject *object,
              guint line,
              BpWatchlistImport *import,
              GError **error)
{
  g_autofree char *list = NULL;

  if (!get_string (object, "list", line, &list, error) || !get_version (object, "version", line, &import->version, error) || !get_version (object, "base_version", line, &import->base_version, error))
    return FALSE;

  {
    JsonNode *node = json_object_get_member (object, "updated");

    if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
      import->updated = json_node_get_int (node);
  }

  if (!bp_watchlist_list_name_is_valid (list))
    {
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                   _ ("Line %u: “list” must name the list in 1 to 32 small letters, digits, “_” or “-”."), line);
      return FALSE;
    }
  if (import->list != NULL && !g_str_equal (import->list, list))
    {
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                   _ ("Line %u: the header is for list “%s”, but this import is for list “%s”."),
                   line, list, import->list);
      return FALSE;
    }
  if (import->version == 0)
    {
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                   _ ("Line %u: the header needs a “version” of 1 or more."), line);
      return FALSE;
    }
  if (import->delta && import->base_version >= import->version)
    {
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                   _ ("Line %u: a delta needs a “base_version” lower than its “version”."), line);
      return FALSE;
    }

  g_free (import->list);
  import->list = g_steal_pointer (&list);
  import->has_header = TRUE;

  return TRUE;
}

BpWatchlistImport *
bp_watchlist_import_parse (const char *data,
                           gsize length,
                           const char *list,
                           gboolean delta,
                           GError **error)
{
  g_autoptr (BpWatchlistImport) import = g_new0 (BpWatchlistImport, 1);
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *end = data + length;
  guint line = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (list != NULL && !bp_watchlist_list_name_is_valid (list))
    {
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                   _ ("“%s” is not a list name: use 1 to 32 small letters, digits, “_” or “-”."), list);
      return NULL;
    }

  import->list = g_strdup (list);
  import->delta = delta;
  import->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_watchlist_entry_free);

  for (const char *p = data; p < end;)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *stop = nl != NULL ? nl : end;
      gsize len = stop - p;
      g_autoptr (GError) local_error = NULL;
      JsonNode *root;
      JsonObject *object;
      JsonNode *kind_node;
      const char *kind;
      BpWatchlistEntry *entry;
      g_autofree char *key = NULL;

      line++;
      if (len > 0 && p[len - 1] == '\r')
        len--;

      if (len > MAX_LINE)
        {
          g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                       _ ("Line %u: the line is too long to be an alert-list entry."), line);
          return NULL;
        }

      {
        gboolean blank = TRUE;

        for (gsize i = 0; i < len && blank; i++)
          blank = g_ascii_isspace (p[i]);
        if (blank)
          {
            p = stop + 1;
            continue;
          }
      }

      if (memchr (p, '\0', len) != NULL || !g_utf8_validate (p, len, NULL) || !json_parser_load_from_data (parser, p, len, &local_error))
        {
          g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                       /* Translators: %u is a line number, %s what the JSON reader said. */
                       _ ("Line %u: not a JSON object (%s)."), line,
                       local_error ? local_error->message : _ ("not UTF-8 text"));
          return NULL;
        }

      root = json_parser_get_root (parser);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        {
          g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                       _ ("Line %u: each line must be one JSON object."), line);
          return NULL;
        }
      object = json_node_get_object (root);

      kind_node = json_object_get_member (object, "kind");
      kind = kind_node != NULL && JSON_NODE_HOLDS_VALUE (kind_node) && json_node_get_value_type (kind_node) == G_TYPE_STRING
                 ? json_node_get_string (kind_node)
                 : NULL;
      if (g_strcmp0 (kind, "header") == 0)
        {
          if (import->has_header || import->entries->len > 0)
            {
              g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                           _ ("Line %u: a header may only be the first line."), line);
              return NULL;
            }
          if (!parse_header (object, line, import, error))
            return NULL;
          p = stop + 1;
          continue;
        }

      entry = parse_entry (object, line, import->list, delta, error);
      if (entry == NULL)
        return NULL;

      key = g_strconcat (entry->list, "\n", entry->id, NULL);
      if (g_hash_table_contains (ids, key))
        {
          g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                       _ ("Line %u: the id “%s” appears twice in list “%s”."), line, entry->id, entry->list);
          bp_watchlist_entry_free (entry);
          return NULL;
        }
      g_hash_table_add (ids, g_steal_pointer (&key));
      g_ptr_array_add (import->entries, entry);

      p = stop + 1;
    }

  if (delta && !import->has_header)
    {
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                   _ ("A delta must start with a header line naming its list, “version” and “base_version”."));
      return NULL;
    }

  return g_steal_pointer (&import);
}
