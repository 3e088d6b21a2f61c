/* package-fixtures.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signed update packages made in-process with OpenSSL, laid out as
 * borderpost-hq serves them: <dir>/<kind>/<version>/{manifest.json,
 * manifest.sig,payload}.
 */

#pragma once

#include <glib/gstdio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

typedef enum
{
  TAMPER_NONE,
  TAMPER_SIGNATURE, /* one bit of the signature flipped */
  TAMPER_PAYLOAD,   /* payload changed after signing */
} Tamper;

/* Makes a key pair ("ED25519" or "EC" for P-256) in @dir; returns the
 * public key's path; the private key is beside it without ".pub". */
static inline char *
make_signing_key (const char *dir,
                  const char *type)
{
  g_autofree char *name = g_strdup_printf ("sign-%s", type);
  g_autofree char *priv_name = g_strconcat (name, ".pem", NULL);
  g_autofree char *pub_name = g_strconcat (name, ".pub.pem", NULL);
  g_autofree char *priv_path = g_build_filename (dir, priv_name, NULL);
  char *pub_path = g_build_filename (dir, pub_name, NULL);
  EVP_PKEY *key;
  FILE *f;

  if (g_str_equal (type, "EC"))
    key = EVP_PKEY_Q_keygen (NULL, NULL, "EC", "P-256");
  else if (g_str_equal (type, "RSA"))
    key = EVP_PKEY_Q_keygen (NULL, NULL, "RSA", (size_t) 2048);
  else
    key = EVP_PKEY_Q_keygen (NULL, NULL, type);
  g_assert_nonnull (key);

  f = fopen (priv_path, "w");
  g_assert_nonnull (f);
  g_assert_cmpint (PEM_write_PrivateKey (f, key, NULL, NULL, 0, NULL, NULL), ==, 1);
  fclose (f);
  f = fopen (pub_path, "w");
  g_assert_nonnull (f);
  g_assert_cmpint (PEM_write_PUBKEY (f, key), ==, 1);
  fclose (f);
  EVP_PKEY_free (key);

  return pub_path;
}

static inline GBytes *
sign_bytes (const char *public_key_path,
            const char *data,
            gsize len)
{
  g_autofree char *stem = NULL;
  g_autofree char *priv_path = NULL;
  EVP_PKEY *key;
  EVP_MD_CTX *ctx = EVP_MD_CTX_new ();
  guchar *sig;
  gsize sig_len = 0;
  FILE *f;

  g_assert_true (g_str_has_suffix (public_key_path, ".pub.pem"));
  stem = g_strndup (public_key_path, strlen (public_key_path) - strlen (".pub.pem"));
  priv_path = g_strconcat (stem, ".pem", NULL);
  f = fopen (priv_path, "r");
  g_assert_nonnull (f);
  key = PEM_read_PrivateKey (f, NULL, NULL, NULL);
  fclose (f);
  g_assert_nonnull (key);

  g_assert_cmpint (EVP_DigestSignInit (ctx, NULL, EVP_PKEY_is_a (key, "EC") ? EVP_sha256 () : NULL, NULL, key), ==, 1);
  g_assert_cmpint (EVP_DigestSign (ctx, NULL, &sig_len, (const guchar *) data, len), ==, 1);
  sig = g_malloc (sig_len);
  g_assert_cmpint (EVP_DigestSign (ctx, sig, &sig_len, (const guchar *) data, len), ==, 1);
  EVP_MD_CTX_free (ctx);
  EVP_PKEY_free (key);

  return g_bytes_new_take (sig, sig_len);
}

/* Writes a package's three files into @dir itself. */
static inline void
make_package_at (const char *dir,
                 const char *kind,
                 gint64 version,
                 gint64 base_version,
                 const char *payload,
                 const char *public_key_path,
                 Tamper tamper)
{
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, payload, -1);
  g_autofree char *base = base_version < 0 ? g_strdup ("null") : g_strdup_printf ("%" G_GINT64_FORMAT, base_version);
  g_autofree char *manifest = g_strdup_printf ("{\"kind\":\"%s\",\"version\":%" G_GINT64_FORMAT ",\"base_version\":%s,"
                                               "\"created_at\":\"2026-11-26T00:00:00Z\",\"payload_sha256\":\"%s\","
                                               "\"payload_size\":%" G_GSIZE_FORMAT ",\"format\":\"test\"}",
                                               kind, version, base, sha256, strlen (payload));
  g_autoptr (GBytes) sig = sign_bytes (public_key_path, manifest, strlen (manifest));
  g_autofree char *path = NULL;
  g_autofree guchar *sig_copy = g_memdup2 (g_bytes_get_data (sig, NULL), g_bytes_get_size (sig));

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  if (tamper == TAMPER_SIGNATURE)
    sig_copy[3] ^= 0x01;

  path = g_build_filename (dir, "manifest.json", NULL);
  g_assert_true (g_file_set_contents (path, manifest, -1, NULL));
  g_free (path);
  path = g_build_filename (dir, "manifest.sig", NULL);
  g_assert_true (g_file_set_contents (path, (const char *) sig_copy, g_bytes_get_size (sig), NULL));
  g_free (path);
  path = g_build_filename (dir, "payload", NULL);
  g_assert_true (g_file_set_contents (path, tamper == TAMPER_PAYLOAD ? "tampered" : payload, -1, NULL));
}

static inline void
make_package (const char *served_dir,
              const char *kind,
              gint64 version,
              gint64 base_version,
              const char *payload,
              const char *public_key_path,
              Tamper tamper)
{
  g_autofree char *version_text = g_strdup_printf ("%" G_GINT64_FORMAT, version);
  g_autofree char *dir = g_build_filename (served_dir, kind, version_text, NULL);

  make_package_at (dir, kind, version, base_version, payload, public_key_path, tamper);
}

/* A full package kept beside the delta of the same version, in its
 * full/ folder, for booths that must reload. */
static inline void
make_full_snapshot (const char *served_dir,
                    const char *kind,
                    gint64 version,
                    const char *payload,
                    const char *public_key_path)
{
  g_autofree char *version_text = g_strdup_printf ("%" G_GINT64_FORMAT, version);
  g_autofree char *dir = g_build_filename (served_dir, kind, version_text, "full", NULL);

  make_package_at (dir, kind, version, -1, payload, public_key_path, TAMPER_NONE);
}
