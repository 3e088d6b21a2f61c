/* bp-sync-package.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* A signed update package's manifest, after verification. */
typedef struct
{
  char    *kind;           /* "alert-list", "csca" */
  gint64   version;
  gint64   base_version;   /* -1 for a full package, else the version a delta applies to */
  char    *created_at;
  char    *payload_sha256;
  gint64   payload_size;
  char    *format;
} BpSyncManifest;

void            bp_sync_manifest_free        (BpSyncManifest *manifest);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpSyncManifest, bp_sync_manifest_free)

/* Checks, in this order: the signature over the exact @manifest bytes
 * with the PEM public key at @public_key_file (Ed25519, or ECDSA P-256
 * with SHA-256, DER); the manifest's kind; the payload's size and
 * SHA-256; the version order against @installed_version (0 when none):
 * a package not newer fails with BP_SYNC_ERROR_STALE_PACKAGE, a delta
 * whose base is not the installed version with BP_SYNC_ERROR_BAD_PACKAGE
 * like every other failure. */
BpSyncManifest *bp_sync_package_verify       (GBytes         *manifest,
                                              GBytes         *signature,
                                              GBytes         *payload,
                                              const char     *public_key_file,
                                              const char     *kind,
                                              gint64          installed_version,
                                              GError        **error) G_GNUC_WARN_UNUSED_RESULT;

/* Writes a verified payload as <dir>/<kind>/<version>.payload (and the
 * manifest beside it) through a temporary file, fsync and rename, so
 * that a reader sees the whole file or none. Returns the payload path. */
char           *bp_sync_package_install      (const char     *packages_dir,
                                              const BpSyncManifest *manifest,
                                              GBytes         *manifest_bytes,
                                              GBytes         *payload,
                                              GError        **error) G_GNUC_WARN_UNUSED_RESULT;

/* clang-format on */

G_END_DECLS
