/* bp-trust-import.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-trust-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "bp-pki.h"
#include "bp-trust-store-private.h"
#include "bp-trust-store.h"

/* Imports into the trust store. Nothing from a master list is stored
 * before its signature and its signer's chain to a configured anchor have
 * been verified, and a list is stored in one transaction or not at all. */

BpTrustImport *
_bp_trust_import_new (BpTrustKind kind)
{
  BpTrustImport *import = g_new0 (BpTrustImport, 1);

  import->kind = kind;
  import->countries = g_ptr_array_new_with_free_func (g_free);

  return import;
}

void
_bp_trust_import_add_country (BpTrustImport *import,
                              const char *country)
{
  if (country == NULL || g_ptr_array_find_with_equal_func (import->countries, country, g_str_equal, NULL))
    return;
  g_ptr_array_add (import->countries, g_strdup (country));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static gboolean
is_ca (X509 *cert)
{
  return X509_check_ca (cert) != 0 && (X509_get_key_usage (cert) & KU_KEY_CERT_SIGN) != 0;
}

static gboolean
insert_certificates (BpTrustStore *self,
                     STACK_OF (X509) * certs,
                     BpTrustImport *import,
                     const char *source,
                     GError **error)
{
  for (int i = 0; i < sk_X509_num (certs); i++)
    {
      X509 *cert = sk_X509_value (certs, i);
      g_autofree char *country = _bp_pki_name_dup_country (X509_get_subject_name (cert));
      gboolean inserted = FALSE;

      if (!_bp_trust_store_insert (self, BP_TRUST_KIND_CSCA, cert, NULL, source, &inserted, error))
        return FALSE;
      if (inserted)
        import->imported++;
      else
        import->duplicates++;
      _bp_trust_import_add_country (import, country);
    }
  return TRUE;
}

/**
 * bp_trust_store_import_master_list:
 * @self: a store
 * @data: an ICAO CSCA master list (CMS SignedData, DER)
 * @anchor: (nullable): a trust anchor certificate (DER or PEM)
 * @source: (nullable): where the list came from, kept with each entry
 * @error: return location for a #BP_PKI_ERROR
 *
 * Verifies the list's signature and its signer's chain to @anchor or to an
 * anchor configured earlier, then stores every CSCA it holds, once. When
 * the list is accepted, @anchor is kept as a configured anchor.
 *
 * Returns: (transfer full): what was imported, or %NULL with @error set
 */
BpTrustImport *
bp_trust_store_import_master_list (BpTrustStore *self,
                                   GBytes *data,
                                   GBytes *anchor,
                                   const char *source,
                                   GError **error)
{
  g_autoptr (CMS_ContentInfo) cms = NULL;
  g_autoptr (X509_STORE) anchors = NULL;
  g_autoptr (X509) anchor_cert = NULL;
  g_autoptr (BIO) content = NULL;
  g_autoptr (BpTrustImport) import = NULL;
  STACK_OF (X509) *stored = NULL;
  STACK_OF (X509) *certs = NULL;
  STACK_OF (X509) *signers = NULL;
  const unsigned char *p;
  gsize size;
  char oid[64] = "";
  char *bytes = NULL;
  long length;
  gboolean ok;

  g_return_val_if_fail (BP_IS_TRUST_STORE (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  p = g_bytes_get_data (data, &size);
  cms = d2i_CMS_ContentInfo (NULL, &p, (long) MIN (size, G_MAXINT32));
  if (cms == NULL || OBJ_obj2nid (CMS_get0_type (cms)) != NID_pkcs7_signed)
    {
      g_autofree char *detail = _bp_pki_dup_openssl_error ();

      g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_INVALID,
                   _ ("This is not a master list: it is not CMS signed data (%s)."),
                   detail ? detail : _ ("another content type"));
      return NULL;
    }
  OBJ_obj2txt (oid, sizeof oid, CMS_get0_eContentType (cms), 1);
  if (!g_str_equal (oid, BP_OID_CSCA_MASTER_LIST))
    {
      g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_INVALID,
                   /* Translators: %s is an object identifier such as 2.23.136.1.1.1. */
                   _ ("This is not a master list: its content type is %s, not 2.23.136.1.1.2."), oid);
      return NULL;
    }

  anchors = X509_STORE_new ();
  X509_STORE_set_purpose (anchors, X509_PURPOSE_ANY);
  if (anchor != NULL)
    {
      gconstpointer anchor_data = g_bytes_get_data (anchor, &size);

      anchor_cert = _bp_pki_read_certificate (anchor_data, size, error);
      if (anchor_cert == NULL)
        return NULL;
      X509_STORE_add_cert (anchors, anchor_cert);
    }
  stored = _bp_trust_store_find_kind (self, BP_TRUST_KIND_ANCHOR, error);
  if (stored == NULL)
    return NULL;
  for (int i = 0; i < sk_X509_num (stored); i++)
    X509_STORE_add_cert (anchors, sk_X509_value (stored, i));
  if (anchor == NULL && sk_X509_num (stored) == 0)
    {
      sk_X509_pop_free (stored, X509_free);
      g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_UNTRUSTED,
                   _ ("No trust anchor is configured for master lists. Give the certificate of the "
                      "authority that signs them."));
      return NULL;
    }
  sk_X509_pop_free (stored, X509_free);

  /* CMS_verify checks the signature over the signed attributes, the
   * message digest of the content and the signer's chain to an anchor. */
  content = BIO_new (BIO_s_mem ());
  ERR_clear_error ();
  ok = CMS_verify (cms, NULL, anchors, NULL, content, CMS_BINARY) == 1;
  if (!ok)
    {
      g_autofree char *detail = _bp_pki_dup_openssl_error ();

      g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_UNTRUSTED,
                   _ ("The master list was not imported: its signature or its signer cannot be "
                      "verified against a trust anchor (%s). Nothing from it is trusted."),
                   detail ? detail : "");
      return NULL;
    }

  length = BIO_get_mem_data (content, &bytes);
  certs = _bp_csca_master_list_parse ((const guint8 *) bytes, length, error);
  if (certs == NULL)
    return NULL;

  import = _bp_trust_import_new (BP_TRUST_KIND_CSCA);
  import->in_file = sk_X509_num (certs);
  signers = CMS_get0_signers (cms);
  if (signers != NULL && sk_X509_num (signers) > 0)
    import->signer = _bp_pki_name_to_string (X509_get_subject_name (sk_X509_value (signers, 0)));
  sk_X509_free (signers);

  ok = _bp_trust_store_exec (self, "BEGIN IMMEDIATE", error);
  if (ok && anchor_cert != NULL)
    {
      gboolean inserted;

      ok = _bp_trust_store_insert (self, BP_TRUST_KIND_ANCHOR, anchor_cert, NULL, source, &inserted, error);
    }
  ok = ok && insert_certificates (self, certs, import, source, error);
  ok = ok && _bp_trust_store_exec (self, "COMMIT", error);
  if (!ok)
    _bp_trust_store_exec (self, "ROLLBACK", NULL);
  sk_X509_pop_free (certs, X509_free);
  if (!ok)
    return NULL;

  g_ptr_array_sort (import->countries, compare_strings);
  return g_steal_pointer (&import);
}

/**
 * bp_trust_store_add_anchor:
 * @self: a store
 * @data: a CSCA certificate (DER or PEM) that signs master lists
 * @source: (nullable): where it came from
 * @error: return location for a #BP_PKI_ERROR
 *
 * Returns: %TRUE when the anchor is configured
 */
gboolean
bp_trust_store_add_anchor (BpTrustStore *self,
                           GBytes *data,
                           const char *source,
                           GError **error)
{
  g_autoptr (X509) cert = NULL;
  gsize size;
  gconstpointer bytes;
  gboolean inserted;

  g_return_val_if_fail (BP_IS_TRUST_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  bytes = g_bytes_get_data (data, &size);
  cert = _bp_pki_read_certificate (bytes, size, error);
  if (cert == NULL)
    return FALSE;
  if (!is_ca (cert))
    {
      g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_INVALID,
                   _ ("A trust anchor must be a certification authority allowed to sign certificates."));
      return FALSE;
    }
  return _bp_trust_store_insert (self, BP_TRUST_KIND_ANCHOR, cert, NULL, source, &inserted, error);
}

/**
 * bp_trust_store_import_certificate:
 * @self: a store
 * @data: one certificate, DER or PEM
 * @source: (nullable): where it came from
 * @error: return location for a #BP_PKI_ERROR
 *
 * Stores a CSCA (a CA certificate allowed to sign certificates; a
 * self-signed one must carry a valid self-signature) or, for any other
 * certificate, a Document Signer certificate that SODs without an embedded
 * certificate can name. Importing a single certificate is an act of trust
 * by whoever runs it.
 *
 * Returns: (transfer full): what was imported, or %NULL with @error set
 */
BpTrustImport *
bp_trust_store_import_certificate (BpTrustStore *self,
                                   GBytes *data,
                                   const char *source,
                                   GError **error)
{
  g_autoptr (X509) cert = NULL;
  g_autoptr (BpTrustImport) import = NULL;
  g_autofree char *country = NULL;
  gconstpointer bytes;
  gsize size;
  gboolean inserted;
  BpTrustKind kind;

  g_return_val_if_fail (BP_IS_TRUST_STORE (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  bytes = g_bytes_get_data (data, &size);
  cert = _bp_pki_read_certificate (bytes, size, error);
  if (cert == NULL)
    return NULL;

  kind = is_ca (cert) ? BP_TRUST_KIND_CSCA : BP_TRUST_KIND_DOCUMENT_SIGNER;
  if (kind == BP_TRUST_KIND_CSCA && X509_check_issued (cert, cert) == X509_V_OK)
    {
      EVP_PKEY *key = X509_get0_pubkey (cert);

      if (key == NULL || X509_verify (cert, key) != 1)
        {
          ERR_clear_error ();
          g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_UNTRUSTED,
                       _ ("The certificate claims to sign itself, but its signature does not verify."));
          return NULL;
        }
    }

  if (!_bp_trust_store_insert (self, kind, cert, NULL, source, &inserted, error))
    return NULL;

  import = _bp_trust_import_new (kind);
  import->in_file = 1;
  import->imported = inserted ? 1 : 0;
  import->duplicates = inserted ? 0 : 1;
  country = _bp_pki_name_dup_country (X509_get_subject_name (cert));
  _bp_trust_import_add_country (import, country);

  return g_steal_pointer (&import);
}

/**
 * bp_trust_store_import_crl:
 * @self: a store
 * @data: a CRL, DER or PEM
 * @source: (nullable): where it came from
 * @error: return location for a #BP_PKI_ERROR
 *
 * Verifies the CRL's signature against a stored CSCA of its issuer that is
 * allowed to sign CRLs, then stores it and marks the stored certificates it
 * revokes. An expired CRL is stored too (it is the newest word on the
 * certificates it lists) and reported with expired set.
 *
 * Returns: (transfer full): what was imported, or %NULL with @error set
 */
BpTrustImport *
bp_trust_store_import_crl (BpTrustStore *self,
                           GBytes *data,
                           const char *source,
                           GError **error)
{
  g_autoptr (X509_CRL) crl = NULL;
  g_autoptr (BpTrustImport) import = NULL;
  g_autofree char *country = NULL;
  g_autofree char *issuer = NULL;
  STACK_OF (X509) *cscas = NULL;
  gconstpointer bytes;
  gsize size;
  gboolean verified = FALSE;
  gboolean inserted = FALSE;
  gboolean ok;
  gint64 next_update;

  g_return_val_if_fail (BP_IS_TRUST_STORE (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  bytes = g_bytes_get_data (data, &size);
  crl = _bp_pki_read_crl (bytes, size, error);
  if (crl == NULL)
    return NULL;

  issuer = _bp_pki_name_to_string (X509_CRL_get_issuer (crl));
  cscas = _bp_trust_store_find_cscas (self, X509_CRL_get_issuer (crl), error);
  if (cscas == NULL)
    return NULL;
  for (int i = 0; i < sk_X509_num (cscas) && !verified; i++)
    {
      X509 *csca = sk_X509_value (cscas, i);

      verified = (X509_get_key_usage (csca) & KU_CRL_SIGN) != 0 && X509_CRL_verify (crl, X509_get0_pubkey (csca)) == 1;
    }
  ERR_clear_error ();
  if (sk_X509_num (cscas) == 0)
    {
      sk_X509_pop_free (cscas, X509_free);
      g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_NOT_FOUND,
                   /* Translators: %s is the name of a certification authority. */
                   _ ("The revocation list was not imported: its issuer “%s” is not in the trust store. "
                      "Import that CSCA first."),
                   issuer);
      return NULL;
    }
  sk_X509_pop_free (cscas, X509_free);
  if (!verified)
    {
      g_set_error (error, BP_PKI_ERROR, BP_PKI_ERROR_UNTRUSTED,
                   _ ("The revocation list was not imported: its signature does not verify with the "
                      "CSCA “%s” in the trust store."),
                   issuer);
      return NULL;
    }

  ok = _bp_trust_store_exec (self, "BEGIN IMMEDIATE", error) && _bp_trust_store_insert (self, BP_TRUST_KIND_CRL, NULL, crl, source, &inserted, error) && _bp_trust_store_mark_revoked (self, crl, error) && _bp_trust_store_exec (self, "COMMIT", error);
  if (!ok)
    {
      _bp_trust_store_exec (self, "ROLLBACK", NULL);
      return NULL;
    }

  import = _bp_trust_import_new (BP_TRUST_KIND_CRL);
  import->in_file = 1;
  import->imported = inserted ? 1 : 0;
  import->duplicates = inserted ? 0 : 1;
  import->signer = g_steal_pointer (&issuer);
  country = _bp_pki_name_dup_country (X509_CRL_get_issuer (crl));
  _bp_trust_import_add_country (import, country);
  next_update = _bp_pki_time_to_unix (X509_CRL_get0_nextUpdate (crl));
  import->expired = next_update != G_MININT64 && next_update < g_get_real_time () / G_USEC_PER_SEC;

  return g_steal_pointer (&import);
}

static gboolean
is_cms (GBytes *data)
{
  gsize size;
  const guint8 *bytes = g_bytes_get_data (data, &size);

  /* SEQUENCE { OID 1.2.840.113549.1.7.2 … }: the signedData OID follows the outer header. */
  static const guint8 signed_data[] = { 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02 };

  for (gsize offset = 2; offset <= 6 && offset + sizeof signed_data <= size; offset++)
    if (bytes[0] == 0x30 && memcmp (bytes + offset, signed_data, sizeof signed_data) == 0)
      return TRUE;
  return FALSE;
}

/**
 * bp_trust_store_import:
 * @self: a store
 * @data: a master list, a certificate or a CRL
 * @anchor: (nullable): a trust anchor for a master list
 * @source: (nullable): where the file came from
 * @error: return location for a #BP_PKI_ERROR
 *
 * Imports whatever @data is; see the functions for each kind.
 *
 * Returns: (transfer full): what was imported, or %NULL with @error set
 */
BpTrustImport *
bp_trust_store_import (BpTrustStore *self,
                       GBytes *data,
                       GBytes *anchor,
                       const char *source,
                       GError **error)
{
  gsize size;
  const guint8 *bytes;
  g_autoptr (X509_CRL) crl = NULL;

  g_return_val_if_fail (BP_IS_TRUST_STORE (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  if (is_cms (data))
    return bp_trust_store_import_master_list (self, data, anchor, source, error);

  bytes = g_bytes_get_data (data, &size);
  crl = _bp_pki_read_crl (bytes, size, NULL);
  ERR_clear_error ();
  if (crl != NULL)
    return bp_trust_store_import_crl (self, data, source, error);

  return bp_trust_store_import_certificate (self, data, source, error);
}

/**
 * bp_trust_entry_free:
 * @entry: (nullable): an entry
 *
 * Frees the entry.
 */
void
bp_trust_entry_free (BpTrustEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->subject);
  g_free (entry->issuer);
  g_free (entry->country);
  g_free (entry->serial);
  g_free (entry->ski);
  g_free (entry->aki);
  g_free (entry->sha256);
  g_free (entry->source);
  g_free (entry);
}

static void
add_time (JsonBuilder *builder,
          const char *name,
          gint64 when)
{
  json_builder_set_member_name (builder, name);
  if (when == G_MININT64)
    json_builder_add_null_value (builder);
  else
    {
      g_autofree char *text = _bp_pki_unix_to_iso8601 (when);

      json_builder_add_string_value (builder, text);
    }
}

static void
add_string (JsonBuilder *builder,
            const char *name,
            const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * bp_trust_entry_to_json:
 * @entry: an entry
 *
 * Returns: (transfer full): the entry as a JSON object; "expired" compares
 *   not_after with the current time
 */
JsonNode *
bp_trust_entry_to_json (const BpTrustEntry *entry)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (entry != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, entry->id);
  add_string (builder, "kind", bp_trust_kind_to_string (entry->kind));
  add_string (builder, "country", entry->country);
  add_string (builder, entry->kind == BP_TRUST_KIND_CRL ? "issuer" : "subject", entry->subject);
  if (entry->kind != BP_TRUST_KIND_CRL)
    add_string (builder, "issuer", entry->issuer);
  add_string (builder, entry->kind == BP_TRUST_KIND_CRL ? "crl_number" : "serial", entry->serial);
  add_time (builder, entry->kind == BP_TRUST_KIND_CRL ? "this_update" : "not_before", entry->not_before);
  add_time (builder, entry->kind == BP_TRUST_KIND_CRL ? "next_update" : "not_after", entry->not_after);
  json_builder_set_member_name (builder, "expired");
  json_builder_add_boolean_value (builder, entry->not_after != G_MININT64 && entry->not_after < now);
  if (entry->kind != BP_TRUST_KIND_CRL)
    {
      add_string (builder, "ski", entry->ski);
      json_builder_set_member_name (builder, "self_signed");
      json_builder_add_boolean_value (builder, entry->self_signed);
      json_builder_set_member_name (builder, "revoked");
      json_builder_add_boolean_value (builder, entry->revoked);
    }
  add_string (builder, "aki", entry->aki);
  add_string (builder, "sha256", entry->sha256);
  add_string (builder, "source", entry->source);
  add_time (builder, "imported_at", entry->imported_at);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * bp_trust_import_free:
 * @import: (nullable): an import summary
 *
 * Frees the summary.
 */
void
bp_trust_import_free (BpTrustImport *import)
{
  if (import == NULL)
    return;
  g_ptr_array_unref (import->countries);
  g_free (import->signer);
  g_free (import);
}

/**
 * bp_trust_import_to_json:
 * @import: an import summary
 *
 * Returns: (transfer full): the summary as a JSON object
 */
JsonNode *
bp_trust_import_to_json (const BpTrustImport *import)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (import != NULL, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "kind", import->kind == BP_TRUST_KIND_CSCA && import->signer ? "master-list" : bp_trust_kind_to_string (import->kind));
  json_builder_set_member_name (builder, "in_file");
  json_builder_add_int_value (builder, import->in_file);
  json_builder_set_member_name (builder, "imported");
  json_builder_add_int_value (builder, import->imported);
  json_builder_set_member_name (builder, "duplicates");
  json_builder_add_int_value (builder, import->duplicates);
  if (import->kind == BP_TRUST_KIND_CRL)
    {
      json_builder_set_member_name (builder, "expired");
      json_builder_add_boolean_value (builder, import->expired);
    }
  add_string (builder, "signer", import->signer);
  json_builder_set_member_name (builder, "countries");
  json_builder_begin_array (builder);
  for (guint i = 0; i < import->countries->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (import->countries, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
