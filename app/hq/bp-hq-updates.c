/* bp-hq-updates.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-hq"

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "bp-hq-reply.h"
#include "bp-hq-updates.h"

/* Signed update packages, served as files from
 * <dir>/<kind>/<version>/{manifest.json,manifest.sig,payload}. HQ does
 * not check the signatures: the booth does, with its own public key;
 * HQ only lists what is there and hands out the bytes.
 *
 * A version whose package is a delta may also keep a full package of
 * the same version in <dir>/<kind>/<version>/full/. It is offered only
 * to booths that ask for a full reload (?full=latest), because their
 * installed list is not the base of the deltas any more. */

static gboolean
is_known_kind (const char *kind)
{
  return g_strcmp0 (kind, "alert-list") == 0 || g_strcmp0 (kind, "csca") == 0;
}

static gboolean
parse_version (const char *str,
               guint64 *out)
{
  return str != NULL && *str != '\0' && g_ascii_string_to_unsigned (str, 10, 0, G_MAXINT64, out, NULL);
}

typedef struct
{
  guint64 version;
  gboolean snapshot; /* from the version's full/ folder */
  JsonNode *base_version;
  gint64 size;
  char *payload_path; /* hashed only when the package is listed */
} Package;

static void
package_free (gpointer data)
{
  Package *pkg = data;

  if (pkg == NULL)
    return;
  json_node_unref (pkg->base_version);
  g_free (pkg->payload_path);
  g_free (pkg);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Package, package_free)

static int
package_compare (gconstpointer a,
                 gconstpointer b)
{
  const Package *pa = *(const Package **) a;
  const Package *pb = *(const Package **) b;

  return pa->version < pb->version ? -1 : pa->version > pb->version;
}

/* A package directory counts only when all three files are there. */
static Package *
load_package (const char *dir,
              guint64 version)
{
  g_autofree char *manifest_path = g_build_filename (dir, "manifest.json", NULL);
  g_autofree char *sig_path = g_build_filename (dir, "manifest.sig", NULL);
  g_autofree char *payload_path = g_build_filename (dir, "payload", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  GStatBuf st;
  JsonNode *root;
  JsonNode *base = NULL;
  Package *pkg;

  if (!g_file_test (sig_path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  if (!json_parser_load_from_mapped_file (parser, manifest_path, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  if (g_stat (payload_path, &st) != 0 || !S_ISREG (st.st_mode))
    return NULL;

  base = json_object_get_member (json_node_get_object (root), "base_version");
  pkg = g_new0 (Package, 1);
  pkg->version = version;
  pkg->base_version = base != NULL ? json_node_copy (base) : json_node_new (JSON_NODE_NULL);
  pkg->size = st.st_size;
  pkg->payload_path = g_steal_pointer (&payload_path);
  return pkg;
}

static gboolean
is_full (const Package *pkg)
{
  return JSON_NODE_HOLDS_NULL (pkg->base_version);
}

/* The version's full package: its full/ snapshot, else the package
 * itself when that is full. */
static Package *
load_full_package (const char *dir,
                   guint64 version)
{
  g_autofree char *snapshot_dir = g_build_filename (dir, "full", NULL);
  Package *pkg = load_package (snapshot_dir, version);

  if (pkg != NULL && is_full (pkg))
    {
      pkg->snapshot = TRUE;
      return pkg;
    }
  g_clear_pointer (&pkg, package_free);

  pkg = load_package (dir, version);
  if (pkg != NULL && !is_full (pkg))
    g_clear_pointer (&pkg, package_free);

  return pkg;
}

/* Every complete package of @kind newer than @after, in version order. */
static GPtrArray *
scan_packages (const char *updates_dir,
               const char *kind,
               guint64 after)
{
  GPtrArray *packages = g_ptr_array_new_with_free_func (package_free);
  g_autoptr (GDir) dir = NULL;
  g_autofree char *kind_dir = NULL;
  const char *name;

  if (updates_dir != NULL)
    {
      kind_dir = g_build_filename (updates_dir, kind, NULL);
      dir = g_dir_open (kind_dir, 0, NULL);
    }
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      guint64 version;
      Package *pkg;

      if (!parse_version (name, &version) || version <= after)
        continue;
      path = g_build_filename (kind_dir, name, NULL);
      pkg = load_package (path, version);
      if (pkg != NULL)
        g_ptr_array_add (packages, pkg);
    }
  g_ptr_array_sort (packages, package_compare);

  return packages;
}

/* For a full reload: the newest full package (a snapshot or a package
 * that is full itself), then every package after it. */
static GPtrArray *
select_full_reload (const char *updates_dir,
                    const char *kind,
                    GPtrArray *packages)
{
  GPtrArray *selected = g_ptr_array_new_with_free_func (package_free);
  Package *full = NULL;
  guint from = packages->len;

  for (guint i = packages->len; i-- > 0 && full == NULL;)
    {
      Package *pkg = g_ptr_array_index (packages, i);
      g_autofree char *version_str = g_strdup_printf ("%" G_GUINT64_FORMAT, pkg->version);
      g_autofree char *dir = g_build_filename (updates_dir, kind, version_str, NULL);

      full = load_full_package (dir, pkg->version);
      from = i + 1;
    }
  if (full == NULL)
    return selected;

  g_ptr_array_add (selected, full);
  for (guint i = from; i < packages->len; i++)
    g_ptr_array_add (selected, g_steal_pointer (&g_ptr_array_index (packages, i)));

  return selected;
}

static void
list_packages (const char *updates_dir,
               SoupServerMessage *msg,
               const char *kind)
{
  g_autoptr (GPtrArray) packages = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  const char *query_str = g_uri_get_query (soup_server_message_get_uri (msg));
  guint64 after = 0;
  gboolean full_reload = FALSE;

  if (query_str != NULL)
    {
      g_autoptr (GHashTable) params = g_uri_parse_params (query_str, -1, "&", G_URI_PARAMS_NONE, NULL);
      const char *after_str = params != NULL ? g_hash_table_lookup (params, "after") : NULL;
      const char *full_str = params != NULL ? g_hash_table_lookup (params, "full") : NULL;

      if (after_str != NULL && !parse_version (after_str, &after))
        {
          bp_hq_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request", "after must be a version number");
          return;
        }
      if (full_str != NULL && !g_str_equal (full_str, "latest"))
        {
          bp_hq_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request", "full must be latest");
          return;
        }
      full_reload = full_str != NULL;
    }

  /* A booth that reloads starts from the newest full package, whatever
   * it has installed: after does not apply. */
  packages = scan_packages (updates_dir, kind, full_reload ? 0 : after);
  if (full_reload)
    {
      GPtrArray *all = g_steal_pointer (&packages);

      packages = select_full_reload (updates_dir, kind, all);
      g_ptr_array_unref (all);
    }

  builder = bp_hq_reply_begin ();
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kind);
  json_builder_set_member_name (builder, "packages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < packages->len; i++)
    {
      Package *pkg = g_ptr_array_index (packages, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "version");
      json_builder_add_int_value (builder, (gint64) pkg->version);
      json_builder_set_member_name (builder, "base_version");
      json_builder_add_value (builder, json_node_copy (pkg->base_version));
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, pkg->size);
      json_builder_set_member_name (builder, "sha256");
      {
        g_autoptr (GMappedFile) payload = g_mapped_file_new (pkg->payload_path, FALSE, NULL);
        g_autofree char *sha256 = payload ? bp_hq_sha256_hex (g_mapped_file_get_contents (payload),
                                                              g_mapped_file_get_length (payload))
                                          : NULL;

        json_builder_add_string_value (builder, sha256);
      }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  bp_hq_reply_json (msg, SOUP_STATUS_OK, builder);
}

static void
send_file (SoupServerMessage *msg,
           const char *path,
           const char *content_type)
{
  g_autoptr (GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
  g_autoptr (GBytes) bytes = NULL;

  if (file == NULL)
    {
      bp_hq_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "no such package");
      return;
    }
  bytes = g_mapped_file_get_bytes (file);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg), content_type, NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), bytes);
}

/**
 * bp_hq_updates_handle:
 * @updates_dir: (nullable): the packages directory; %NULL serves none
 * @msg: a GET under /v1/updates/
 * @subpath: the path after "/v1/updates/"
 *
 * Lists update packages of one kind, or sends one of a package's files.
 */
void
bp_hq_updates_handle (const char *updates_dir,
                      SoupServerMessage *msg,
                      const char *subpath)
{
  g_auto (GStrv) parts = g_strsplit (subpath, "/", 0);
  guint n = g_strv_length (parts);
  const char *file = NULL;
  const char *content_type = "application/octet-stream";
  guint64 version;

  if (g_strcmp0 (soup_server_message_get_method (msg), SOUP_METHOD_GET) != 0 && g_strcmp0 (soup_server_message_get_method (msg), SOUP_METHOD_HEAD) != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", "GET, HEAD");
      bp_hq_reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed", "use GET");
      return;
    }

  if (n == 0 || !is_known_kind (parts[0]))
    {
      bp_hq_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "kind must be alert-list or csca");
      return;
    }
  if (n == 1)
    {
      list_packages (updates_dir, msg, parts[0]);
      return;
    }

  if (n == 3 && parse_version (parts[1], &version))
    {
      if (g_strcmp0 (parts[2], "manifest") == 0)
        {
          file = "manifest.json";
          content_type = "application/json";
        }
      else if (g_strcmp0 (parts[2], "signature") == 0)
        file = "manifest.sig";
      else if (g_strcmp0 (parts[2], "payload") == 0)
        file = "payload";
    }
  if (file == NULL || updates_dir == NULL)
    {
      bp_hq_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "no such package file");
      return;
    }

  {
    g_autofree char *version_str = g_strdup_printf ("%" G_GUINT64_FORMAT, version);
    g_autofree char *dir = g_build_filename (updates_dir, parts[0], version_str, NULL);
    g_autofree char *path = NULL;
    const char *query_str = g_uri_get_query (soup_server_message_get_uri (msg));
    g_autoptr (GHashTable) params = query_str ? g_uri_parse_params (query_str, -1, "&", G_URI_PARAMS_NONE, NULL) : NULL;

    /* ?full=1: the version's full package, for a booth that reloads. */
    if (params != NULL && g_hash_table_contains (params, "full"))
      {
        g_autoptr (Package) full = load_full_package (dir, version);

        if (full == NULL)
          {
            bp_hq_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "no full package of this version");
            return;
          }
        if (full->snapshot)
          {
            g_autofree char *snapshot_dir = g_build_filename (dir, "full", NULL);

            g_free (dir);
            dir = g_steal_pointer (&snapshot_dir);
          }
      }

    path = g_build_filename (dir, file, NULL);
    send_file (msg, path, content_type);
  }
}
