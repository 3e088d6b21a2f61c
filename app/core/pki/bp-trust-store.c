/* bp-trust-store.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-trust-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include "bp-pki.h"
#include "bp-trust-store-private.h"
#include "bp-trust-store.h"

/* The trust store is its own SQLite file, apart from the crossings
 * database: it is replaced by master-list and CRL imports, can be shared by
 * several booths, and must never be rolled back with crossings. */
struct _BpTrustStore
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
};

G_DEFINE_FINAL_TYPE (BpTrustStore, bp_trust_store, G_TYPE_OBJECT)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

#define SCHEMA_VERSION 1

static const char *const kinds[] = {
  [BP_TRUST_KIND_ANCHOR] = "anchor",
  [BP_TRUST_KIND_CSCA] = "csca",
  [BP_TRUST_KIND_DOCUMENT_SIGNER] = "ds",
  [BP_TRUST_KIND_CRL] = "crl",
};

static const char schema[] = "CREATE TABLE entries ("
                             "  id INTEGER PRIMARY KEY,"
                             "  kind TEXT NOT NULL,"
                             "  sha256 TEXT NOT NULL,"
                             "  der BLOB NOT NULL,"
                             "  subject TEXT NOT NULL,"
                             "  subject_hash INTEGER NOT NULL,"
                             "  issuer TEXT NOT NULL,"
                             "  issuer_hash INTEGER NOT NULL,"
                             "  country TEXT,"
                             "  serial TEXT,"
                             "  not_before INTEGER,"
                             "  not_after INTEGER,"
                             "  ski TEXT,"
                             "  aki TEXT,"
                             "  self_signed INTEGER NOT NULL DEFAULT 0,"
                             "  revoked INTEGER NOT NULL DEFAULT 0,"
                             "  source TEXT,"
                             "  imported_at INTEGER NOT NULL,"
                             "  UNIQUE (kind, sha256));"
                             "CREATE INDEX entries_subject ON entries (kind, subject_hash);"
                             "CREATE INDEX entries_issuer ON entries (issuer_hash, serial);";

static void
set_sqlite_error (BpTrustStore *self,
                  GError **error)
{
  g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_STORE,
               /* Translators: %s is the database's own message. */
               _ ("The trust store failed: %s"), sqlite3_errmsg (self->db));
}

static sqlite3_stmt *
prepare (BpTrustStore *self,
         const char *sql,
         GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, error);
      return NULL;
    }
  return stmt;
}

gboolean
_bp_trust_store_exec (BpTrustStore *self,
                      const char *sql,
                      GError **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static void
bp_trust_store_finalize (GObject *object)
{
  BpTrustStore *self = (BpTrustStore *) object;

  g_clear_pointer (&self->db, sqlite3_close);
  g_free (self->path);

  G_OBJECT_CLASS (bp_trust_store_parent_class)->finalize (object);
}

static void
bp_trust_store_class_init (BpTrustStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bp_trust_store_finalize;
}

static void
bp_trust_store_init (BpTrustStore *self)
{
}

static gboolean
migrate (BpTrustStore *self,
         GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = prepare (self, "PRAGMA user_version", error);
  int version;

  if (stmt == NULL)
    return FALSE;
  sqlite3_step (stmt);
  version = sqlite3_column_int (stmt, 0);

  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_STORE,
                   _ ("The trust store was written by a newer version of Borderpost."));
      return FALSE;
    }
  if (version == SCHEMA_VERSION)
    return TRUE;

  if (!_bp_trust_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!_bp_trust_store_exec (self, schema, error) || !_bp_trust_store_exec (self, "PRAGMA user_version = 1", error) || !_bp_trust_store_exec (self, "COMMIT", error))
    {
      _bp_trust_store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}

/**
 * bp_trust_store_dup_default_path:
 *
 * Returns: (transfer full): $BORDERPOST_TRUST_STORE, else
 *   borderpost/trust.sqlite in the user data folder
 */
char *
bp_trust_store_dup_default_path (void)
{
  const char *env = g_getenv ("BORDERPOST_TRUST_STORE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "borderpost", "trust.sqlite", NULL);
}

/**
 * bp_trust_store_open:
 * @path: a file path, or ":memory:"
 * @error: return location for a #BP_PKI_ERROR
 *
 * Opens a trust store, creating the file and its folder when needed.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
BpTrustStore *
bp_trust_store_open (const char *path,
                     GError **error)
{
  g_autoptr (BpTrustStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_str_equal (path, ":memory:"))
    {
      g_autofree char *dir = g_path_get_dirname (path);

      g_mkdir_with_parents (dir, 0700);
    }

  self = g_object_new (BP_TYPE_TRUST_STORE, NULL);
  self->path = g_strdup (path);

  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_STORE,
                   /* Translators: the first %s is a file path. */
                   _ ("The trust store “%s” cannot be opened: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : "out of memory");
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);

  if (!_bp_trust_store_exec (self, "PRAGMA journal_mode=WAL", error) || !migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * bp_trust_store_get_path:
 * @self: a store
 *
 * Returns: the path the store was opened with
 */
const char *
bp_trust_store_get_path (BpTrustStore *self)
{
  g_return_val_if_fail (BP_IS_TRUST_STORE (self), NULL);

  return self->path;
}

static gint64
name_hash (const X509_NAME *name)
{
  int ok = 0;
  unsigned long hash = X509_NAME_hash_ex (name, NULL, NULL, &ok);

  return ok ? (gint64) hash : -1;
}

static char *
dup_key_id (const ASN1_OCTET_STRING *id)
{
  return id ? bp_pki_hex (ASN1_STRING_get0_data (id), ASN1_STRING_length (id)) : NULL;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ASN1_INTEGER, ASN1_INTEGER_free)

static char *
dup_crl_number (X509_CRL *crl)
{
  g_autoptr (ASN1_INTEGER) number = X509_CRL_get_ext_d2i (crl, NID_crl_number, NULL, NULL);

  return number ? _bp_pki_serial_to_string (number) : NULL;
}

gboolean
_bp_trust_store_insert (BpTrustStore *self,
                        BpTrustKind kind,
                        X509 *cert,
                        X509_CRL *crl,
                        const char *source,
                        gboolean *inserted,
                        GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree guint8 *der = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *country = NULL;
  g_autofree char *serial = NULL;
  g_autofree char *ski = NULL;
  g_autofree char *aki = NULL;
  const X509_NAME *subject_name;
  const X509_NAME *issuer_name;
  guint8 digest[32];
  unsigned char *p;
  int length;
  gint64 not_before;
  gint64 not_after;
  gboolean self_signed = FALSE;

  length = cert ? i2d_X509 (cert, NULL) : i2d_X509_CRL (crl, NULL);
  if (length <= 0)
    {
      g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_INVALID, _ ("The certificate cannot be encoded."));
      return FALSE;
    }
  der = g_malloc (length);
  p = der;
  if (cert)
    i2d_X509 (cert, &p);
  else
    i2d_X509_CRL (crl, &p);
  EVP_Digest (der, length, digest, NULL, EVP_sha256 (), NULL);
  sha256 = bp_pki_hex (digest, sizeof digest);

  if (cert)
    {
      subject_name = X509_get_subject_name (cert);
      issuer_name = X509_get_issuer_name (cert);
      serial = _bp_pki_serial_to_string (X509_get0_serialNumber (cert));
      not_before = _bp_pki_time_to_unix (X509_get0_notBefore (cert));
      not_after = _bp_pki_time_to_unix (X509_get0_notAfter (cert));
      ski = dup_key_id (X509_get0_subject_key_id (cert));
      aki = dup_key_id (X509_get0_authority_key_id (cert));
      self_signed = X509_self_signed (cert, 0) == 1;
    }
  else
    {
      const AUTHORITY_KEYID *akid;

      subject_name = issuer_name = X509_CRL_get_issuer (crl);
      serial = dup_crl_number (crl);
      not_before = _bp_pki_time_to_unix (X509_CRL_get0_lastUpdate (crl));
      not_after = _bp_pki_time_to_unix (X509_CRL_get0_nextUpdate (crl));
      akid = X509_CRL_get_ext_d2i (crl, NID_authority_key_identifier, NULL, NULL);
      if (akid != NULL)
        aki = dup_key_id (akid->keyid);
      AUTHORITY_KEYID_free ((AUTHORITY_KEYID *) akid);
    }
  subject = _bp_pki_name_to_string (subject_name);
  issuer = _bp_pki_name_to_string (issuer_name);
  country = _bp_pki_name_dup_country (subject_name);

  stmt = prepare (self,
                  "INSERT INTO entries (kind, sha256, der, subject, subject_hash, issuer, issuer_hash,"
                  " country, serial, not_before, not_after, ski, aki, self_signed, source, imported_at)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                  " ON CONFLICT (kind, sha256) DO NOTHING",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, kinds[kind], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 3, der, length, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, subject, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, name_hash (subject_name));
  sqlite3_bind_text (stmt, 6, issuer, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, name_hash (issuer_name));
  sqlite3_bind_text (stmt, 8, country, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, serial, -1, SQLITE_STATIC);
  if (not_before != G_MININT64)
    sqlite3_bind_int64 (stmt, 10, not_before);
  if (not_after != G_MININT64)
    sqlite3_bind_int64 (stmt, 11, not_after);
  sqlite3_bind_text (stmt, 12, ski, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 13, aki, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 14, self_signed);
  sqlite3_bind_text (stmt, 15, source, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 16, g_get_real_time () / G_USEC_PER_SEC);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return FALSE;
    }
  *inserted = sqlite3_changes (self->db) > 0;

  return TRUE;
}

gboolean
_bp_trust_store_mark_revoked (BpTrustStore *self,
                              X509_CRL *crl,
                              GError **error)
{
  STACK_OF (X509_REVOKED) *revoked = X509_CRL_get_REVOKED (crl);
  g_autoptr (sqlite3_stmt) stmt = NULL;

  stmt = prepare (self,
                  "UPDATE entries SET revoked = 1"
                  " WHERE kind IN ('csca', 'ds') AND issuer_hash = ? AND serial = ?",
                  error);
  if (stmt == NULL)
    return FALSE;

  for (int i = 0; i < sk_X509_REVOKED_num (revoked); i++)
    {
      const X509_REVOKED *entry = sk_X509_REVOKED_value (revoked, i);
      g_autofree char *serial = _bp_pki_serial_to_string (X509_REVOKED_get0_serialNumber (entry));

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, name_hash (X509_CRL_get_issuer (crl)));
      sqlite3_bind_text (stmt, 2, serial, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          set_sqlite_error (self, error);
          return FALSE;
        }
    }
  return TRUE;
}

static X509 *
column_certificate (sqlite3_stmt *stmt,
                    int column)
{
  const unsigned char *p = sqlite3_column_blob (stmt, column);

  return d2i_X509 (NULL, &p, sqlite3_column_bytes (stmt, column));
}

static STACK_OF (X509) * collect (BpTrustStore *self, sqlite3_stmt *stmt, const X509_NAME *name, GError **error)
{
  STACK_OF (X509) *certs = sk_X509_new_null ();
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      X509 *cert = column_certificate (stmt, 0);

      /* The hash only narrows the search; names compare canonically. */
      if (cert != NULL && (name == NULL || X509_NAME_cmp (X509_get_subject_name (cert), name) == 0))
        sk_X509_push (certs, cert);
      else
        X509_free (cert);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      sk_X509_pop_free (certs, X509_free);
      return NULL;
    }
  return certs;
}

STACK_OF (X509) * _bp_trust_store_find_cscas (BpTrustStore *self, const X509_NAME *name, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  stmt = prepare (self,
                  "SELECT der FROM entries WHERE kind = 'csca' AND subject_hash = ? AND revoked = 0",
                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, name_hash (name));

  return collect (self, stmt, name, error);
}

STACK_OF (X509) * _bp_trust_store_find_kind (BpTrustStore *self, BpTrustKind kind, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, "SELECT der FROM entries WHERE kind = ? AND revoked = 0", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, kinds[kind], -1, SQLITE_STATIC);

  return collect (self, stmt, NULL, error);
}

X509 *
_bp_trust_store_find_document_signer (BpTrustStore *self,
                                      const X509_NAME *issuer,
                                      const ASN1_INTEGER *serial,
                                      GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *serial_hex = _bp_pki_serial_to_string (serial);
  int rc;

  stmt = prepare (self, "SELECT der FROM entries WHERE kind = 'ds' AND issuer_hash = ? AND serial = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, name_hash (issuer));
  sqlite3_bind_text (stmt, 2, serial_hex, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      X509 *cert = column_certificate (stmt, 0);

      if (cert != NULL && X509_NAME_cmp (X509_get_issuer_name (cert), issuer) == 0 && ASN1_INTEGER_cmp (X509_get0_serialNumber (cert), serial) == 0)
        return cert;
      X509_free (cert);
    }
  if (rc != SQLITE_DONE)
    set_sqlite_error (self, error);
  return NULL;
}

X509_CRL *
_bp_trust_store_find_crl (BpTrustStore *self,
                          const X509_NAME *issuer,
                          GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare (self,
                  "SELECT der FROM entries WHERE kind = 'crl' AND subject_hash = ?"
                  " ORDER BY not_before DESC, id DESC",
                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, name_hash (issuer));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const unsigned char *p = sqlite3_column_blob (stmt, 0);
      X509_CRL *crl = d2i_X509_CRL (NULL, &p, sqlite3_column_bytes (stmt, 0));

      if (crl != NULL && X509_NAME_cmp (X509_CRL_get_issuer (crl), issuer) == 0)
        return crl;
      X509_CRL_free (crl);
    }
  if (rc != SQLITE_DONE)
    set_sqlite_error (self, error);
  return NULL;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static BpTrustEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  BpTrustEntry *entry = g_new0 (BpTrustEntry, 1);
  const char *kind = (const char *) sqlite3_column_text (stmt, 1);

  entry->id = sqlite3_column_int64 (stmt, 0);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i]) == 0)
      entry->kind = i;
  entry->subject = column_dup (stmt, 2);
  entry->issuer = column_dup (stmt, 3);
  entry->country = column_dup (stmt, 4);
  entry->serial = column_dup (stmt, 5);
  entry->not_before = sqlite3_column_type (stmt, 6) == SQLITE_NULL ? G_MININT64 : sqlite3_column_int64 (stmt, 6);
  entry->not_after = sqlite3_column_type (stmt, 7) == SQLITE_NULL ? G_MININT64 : sqlite3_column_int64 (stmt, 7);
  entry->ski = column_dup (stmt, 8);
  entry->aki = column_dup (stmt, 9);
  entry->sha256 = column_dup (stmt, 10);
  entry->source = column_dup (stmt, 11);
  entry->imported_at = sqlite3_column_int64 (stmt, 12);
  entry->self_signed = sqlite3_column_int (stmt, 13);
  entry->revoked = sqlite3_column_int (stmt, 14);

  return entry;
}

#define ENTRY_COLUMNS                                                       \
  "id, kind, subject, issuer, country, serial, not_before, not_after, ski," \
  " aki, sha256, source, imported_at, self_signed, revoked"

/**
 * bp_trust_store_list:
 * @self: a store
 * @country: (nullable): a two-letter country code to filter on
 * @error: return location for a #BP_PKI_ERROR
 *
 * Returns: (transfer full) (element-type BpTrustEntry): the entries
 */
GPtrArray *
bp_trust_store_list (BpTrustStore *self,
                     const char *country,
                     GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_trust_entry_free);
  g_autofree char *upper = country ? g_ascii_strup (country, -1) : NULL;
  int rc;

  g_return_val_if_fail (BP_IS_TRUST_STORE (self), NULL);

  stmt = prepare (self,
                  "SELECT " ENTRY_COLUMNS " FROM entries WHERE ?1 IS NULL OR country = ?1"
                  " ORDER BY country, kind, subject, not_before",
                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, upper, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, entry_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/**
 * bp_trust_store_lookup:
 * @self: a store
 * @id: an entry id
 * @error: return location for a #BP_PKI_ERROR
 *
 * Returns: (transfer full): the entry, or %NULL with BP_PKI_ERROR_NOT_FOUND
 */
BpTrustEntry *
bp_trust_store_lookup (BpTrustStore *self,
                       gint64 id,
                       GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (BP_IS_TRUST_STORE (self), NULL);

  stmt = prepare (self, "SELECT " ENTRY_COLUMNS " FROM entries WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return entry_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_NOT_FOUND,
                 _ ("There is no entry %lld in the trust store."), (long long) id);
  else
    set_sqlite_error (self, error);
  return NULL;
}

/**
 * bp_trust_store_remove:
 * @self: a store
 * @id: an entry id
 * @error: return location for a #BP_PKI_ERROR
 *
 * Removes one entry.
 *
 * Returns: %TRUE, or %FALSE with BP_PKI_ERROR_NOT_FOUND when there is none
 */
gboolean
bp_trust_store_remove (BpTrustStore *self,
                       gint64 id,
                       GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BP_IS_TRUST_STORE (self), FALSE);

  stmt = prepare (self, "DELETE FROM entries WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return FALSE;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_NOT_FOUND,
                   _ ("There is no entry %lld in the trust store."), (long long) id);
      return FALSE;
    }
  return TRUE;
}

/**
 * bp_trust_store_list_countries:
 * @self: a store
 * @error: return location for a #BP_PKI_ERROR
 *
 * Returns: (transfer full) (element-type utf8): the countries with a CSCA
 */
GPtrArray *
bp_trust_store_list_countries (BpTrustStore *self,
                               GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) countries = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_return_val_if_fail (BP_IS_TRUST_STORE (self), NULL);

  stmt = prepare (self,
                  "SELECT DISTINCT country FROM entries WHERE kind = 'csca' AND country IS NOT NULL"
                  " ORDER BY country",
                  error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (countries, column_dup (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&countries);
}

/**
 * bp_trust_kind_to_string:
 * @kind: a kind
 *
 * Returns: "anchor", "csca", "ds" or "crl"
 */
const char *
bp_trust_kind_to_string (BpTrustKind kind)
{
  g_return_val_if_fail (kind <= BP_TRUST_KIND_CRL, NULL);

  return kinds[kind];
}
