/* bp-sync-package.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-sync"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "bp-sync-package.h"
#include "bp-sync-wire.h"
#include "bp-sync.h"

/* Update packages from HQ are trusted only through their signature:
 * the link, HQ's web server and the disk in between are not. Nothing
 * of a package is used before the signature over its manifest, then
 * the payload's hash and size, then its version have been checked. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_PKEY, EVP_PKEY_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_MD_CTX, EVP_MD_CTX_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BIO, BIO_free)

void
bp_sync_manifest_free (BpSyncManifest *manifest)
{
  if (manifest == NULL)
    return;

  g_free (manifest->kind);
  g_free (manifest->created_at);
  g_free (manifest->payload_sha256);
  g_free (manifest->format);
  g_free (manifest);
}

static gboolean
bad_package (GError **error,
             const char *kind,
             const char *reason)
{
  g_set_error (error, BP_SYNC_ERROR, BP_SYNC_ERROR_BAD_PACKAGE,
               /* Translators: %s is a package kind (alert-list, csca), then the reason. */
               _ ("An update package (%s) from headquarters was refused and not installed: %s"), kind, reason);
  return FALSE;
}

static EVP_PKEY *
load_public_key (const char *path,
                 GError **error)
{
  g_autofree char *pem = NULL;
  gsize len;
  g_autoptr (BIO) bio = NULL;
  g_autoptr (GError) local_error = NULL;
  EVP_PKEY *key;

  if (!g_file_get_contents (path, &pem, &len, &local_error))
    {
      g_set_error (error, BP_SYNC_ERROR, BP_SYNC_ERROR_NOT_CONFIGURED,
                   _ ("The key for checking update packages could not be read: %s"), local_error->message);
      return NULL;
    }

  bio = BIO_new_mem_buf (pem, (int) MIN (len, G_MAXINT));
  key = bio ? PEM_read_bio_PUBKEY (bio, NULL, NULL, NULL) : NULL;
  if (key == NULL)
    {
      g_set_error (error, BP_SYNC_ERROR, BP_SYNC_ERROR_NOT_CONFIGURED,
                   _ ("The file “%s” does not hold a public key for checking update packages."), path);
      return NULL;
    }

  return key;
}

static gboolean
verify_signature (GBytes *manifest,
                  GBytes *signature,
                  const char *public_key_file,
                  const char *kind,
                  GError **error)
{
  g_autoptr (EVP_PKEY) key = load_public_key (public_key_file, error);
  g_autoptr (EVP_MD_CTX) ctx = NULL;
  const EVP_MD *md = NULL;
  gsize sig_len, msg_len;
  const guchar *sig, *msg;
  char group[64];
  int rc;

  if (key == NULL)
    return FALSE;

  /* Only the two schemes the protocol names: a key of another kind is a
   * configuration mistake, not a reason to accept weaker signatures. */
  if (EVP_PKEY_is_a (key, "ED25519"))
    md = NULL;
  else if (EVP_PKEY_is_a (key, "EC") && EVP_PKEY_get_group_name (key, group, sizeof group, NULL) && (g_str_equal (group, "prime256v1") || g_str_equal (group, "P-256")))
    md = EVP_sha256 ();
  else
    {
      g_set_error (error, BP_SYNC_ERROR, BP_SYNC_ERROR_NOT_CONFIGURED,
                   _ ("The key for checking update packages must be Ed25519 or ECDSA P-256."));
      return FALSE;
    }

  sig = g_bytes_get_data (signature, &sig_len);
  msg = g_bytes_get_data (manifest, &msg_len);
  ctx = EVP_MD_CTX_new ();
  if (ctx == NULL || EVP_DigestVerifyInit (ctx, NULL, md, NULL, key) != 1)
    return bad_package (error, kind, _ ("the signature could not be checked"));

  rc = EVP_DigestVerify (ctx, sig_len ? sig : (const guchar *) "", sig_len, msg_len ? msg : (const guchar *) "", msg_len);
  if (rc != 1)
    return bad_package (error, kind, _ ("its signature is not valid"));

  return TRUE;
}

static BpSyncManifest *
parse_manifest (GBytes *bytes,
                const char *kind,
                GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (BpSyncManifest) manifest = g_new0 (BpSyncManifest, 1);
  JsonObject *object;
  JsonNode *root;
  JsonNode *base;
  gsize size;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  if (size == 0 || !json_parser_load_from_data (parser, data, size, NULL) || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      bad_package (error, kind, _ ("its manifest is not readable"));
      return NULL;
    }

  object = json_node_get_object (root);
  manifest->kind = g_strdup (bp_sync_json_get_string (object, "kind"));
  manifest->created_at = g_strdup (bp_sync_json_get_string (object, "created_at"));
  manifest->payload_sha256 = g_ascii_strdown (bp_sync_json_get_string (object, "payload_sha256") ?: "", -1);
  manifest->format = g_strdup (bp_sync_json_get_string (object, "format"));
  manifest->base_version = -1;

  base = json_object_get_member (object, "base_version");
  if (base != NULL && !JSON_NODE_HOLDS_NULL (base) && !bp_sync_json_get_int (object, "base_version", &manifest->base_version))
    manifest->version = -1;
  else if (!bp_sync_json_get_int (object, "version", &manifest->version))
    manifest->version = -1;

  if (manifest->version < 1 || !bp_sync_json_get_int (object, "payload_size", &manifest->payload_size) || manifest->payload_size < 0 || strlen (manifest->payload_sha256) != 64)
    {
      bad_package (error, kind, _ ("its manifest is incomplete"));
      return NULL;
    }

  if (g_strcmp0 (manifest->kind, kind) != 0)
    {
      bad_package (error, kind, _ ("it is meant for another kind of data"));
      return NULL;
    }

  return g_steal_pointer (&manifest);
}

/**
 * bp_sync_package_verify:
 * @manifest: the manifest bytes, exactly as signed
 * @signature: the signature over @manifest
 * @payload: the payload bytes
 * @public_key_file: PEM file with the signing key's public half
 * @kind: the kind asked for
 * @installed_version: the installed version, 0 when none
 * @error: return location for an error
 *
 * Verifies an update package; see bp-sync-package.h for the order.
 *
 * Returns: (transfer full): the manifest, or %NULL
 */
BpSyncManifest *
bp_sync_package_verify (GBytes *manifest,
                        GBytes *signature,
                        GBytes *payload,
                        const char *public_key_file,
                        const char *kind,
                        gint64 installed_version,
                        GError **error)
{
  g_autoptr (BpSyncManifest) parsed = NULL;
  g_autofree char *sha256 = NULL;

  g_return_val_if_fail (manifest != NULL && signature != NULL && payload != NULL, NULL);
  g_return_val_if_fail (public_key_file != NULL && kind != NULL, NULL);

  if (!verify_signature (manifest, signature, public_key_file, kind, error))
    return NULL;

  parsed = parse_manifest (manifest, kind, error);
  if (parsed == NULL)
    return NULL;

  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, payload);
  if ((gint64) g_bytes_get_size (payload) != parsed->payload_size || !g_str_equal (sha256, parsed->payload_sha256))
    {
      bad_package (error, kind, _ ("its contents do not match its signed description"));
      return NULL;
    }

  if (parsed->version <= installed_version)
    {
      g_set_error (error, BP_SYNC_ERROR, BP_SYNC_ERROR_STALE_PACKAGE,
                   _ ("Update package %s version %lld is not newer than the installed version %lld."),
                   kind, (long long) parsed->version, (long long) installed_version);
      return NULL;
    }

  if (parsed->base_version >= 0 && parsed->base_version != installed_version)
    {
      g_autofree char *reason = g_strdup_printf (_ ("it updates version %lld, but version %lld is installed"),
                                                 (long long) parsed->base_version, (long long) installed_version);

      bad_package (error, kind, reason);
      return NULL;
    }

  return g_steal_pointer (&parsed);
}

static gboolean
write_durably (const char *path,
               GBytes *bytes,
               GError **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  /* CONSISTENT writes a temporary file and renames it over; DURABLE
   * fsyncs the file before the rename. */
  return g_file_set_contents_full (path, data ? data : "", size,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0644, error);
}

/**
 * bp_sync_package_install:
 * @packages_dir: where packages go
 * @manifest: the verified manifest
 * @manifest_bytes: its bytes, kept beside the payload
 * @payload: the verified payload
 * @error: return location for an error
 *
 * Returns: (transfer full): the payload's path, or %NULL
 */
char *
bp_sync_package_install (const char *packages_dir,
                         const BpSyncManifest *manifest,
                         GBytes *manifest_bytes,
                         GBytes *payload,
                         GError **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *manifest_path = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (packages_dir != NULL && manifest != NULL && payload != NULL, NULL);

  dir = g_build_filename (packages_dir, manifest->kind, NULL);
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int errsv = errno;

      g_set_error (error, BP_SYNC_ERROR, BP_SYNC_ERROR_FAILED,
                   _ ("The folder for update packages “%s” could not be made: %s"), dir, g_strerror (errsv));
      return NULL;
    }

  name = g_strdup_printf ("%" G_GINT64_FORMAT ".manifest.json", manifest->version);
  manifest_path = g_build_filename (dir, name, NULL);
  g_free (name);
  name = g_strdup_printf ("%" G_GINT64_FORMAT ".payload", manifest->version);
  path = g_build_filename (dir, name, NULL);

  /* The payload last: its presence means the package is complete. */
  if (!write_durably (manifest_path, manifest_bytes, &local_error) || !write_durably (path, payload, &local_error))
    {
      g_set_error (error, BP_SYNC_ERROR, BP_SYNC_ERROR_FAILED,
                   _ ("An update package could not be saved: %s"), local_error->message);
      return NULL;
    }

  return g_steal_pointer (&path);
}
