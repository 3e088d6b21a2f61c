/* bp-trust-store.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

typedef enum
{
  BP_TRUST_KIND_ANCHOR,           /* signs master lists; not used for documents */
  BP_TRUST_KIND_CSCA,             /* Country Signing CA, self-signed or link */
  BP_TRUST_KIND_DOCUMENT_SIGNER,  /* a DS certificate, for SODs that do not embed theirs */
  BP_TRUST_KIND_CRL,              /* a CSCA's revocation list */
} BpTrustKind;

/* One row of the trust store, as listed and inspected. Times are seconds
 * since the epoch; for a CRL, not_before/not_after are thisUpdate/nextUpdate
 * and serial is the CRL number. */
typedef struct
{
  gint64       id;
  BpTrustKind  kind;
  char        *subject;
  char        *issuer;
  char        *country;
  char        *serial;
  gint64       not_before;
  gint64       not_after;
  char        *ski;
  char        *aki;
  char        *sha256;
  char        *source;
  gint64       imported_at;
  gboolean     self_signed;
  gboolean     revoked;
} BpTrustEntry;

/* What an import did. */
typedef struct
{
  BpTrustKind  kind;              /* of the file: ANCHOR is never reported */
  guint        in_file;           /* certificates or CRLs the file holds */
  guint        imported;          /* new rows */
  guint        duplicates;        /* already in the store, or twice in the file */
  GPtrArray   *countries;         /* (element-type utf8) sorted, distinct */
  char        *signer;            /* a master list's signer subject */
  gboolean     expired;           /* a CRL past its nextUpdate */
} BpTrustImport;

#define BP_TYPE_TRUST_STORE (bp_trust_store_get_type ())

G_DECLARE_FINAL_TYPE (BpTrustStore, bp_trust_store, BP, TRUST_STORE, GObject)

/* $BORDERPOST_TRUST_STORE, else <user data dir>/borderpost/trust.sqlite. */
char          *bp_trust_store_dup_default_path    (void) G_GNUC_WARN_UNUSED_RESULT;
/* Opens (creating if needed) a trust store file, or ":memory:". Calls are
 * synchronous: the GUI runs them in a GTask thread. */
BpTrustStore  *bp_trust_store_open                (const char     *path,
                                                   GError        **error) G_GNUC_WARN_UNUSED_RESULT;
const char    *bp_trust_store_get_path            (BpTrustStore   *self);

/* Reads a file and imports what it is: a master list (CMS, eContentType
 * 2.23.136.1.1.2), a certificate (PEM/DER) or a CRL (PEM/DER). A master
 * list must be signed by a signer that chains to @anchor (DER/PEM bytes,
 * which then becomes a configured anchor) or to an anchor already in the
 * store; otherwise nothing is imported. */
BpTrustImport *bp_trust_store_import              (BpTrustStore   *self,
                                                   GBytes         *data,
                                                   GBytes         *anchor,
                                                   const char     *source,
                                                   GError        **error) G_GNUC_WARN_UNUSED_RESULT;
BpTrustImport *bp_trust_store_import_master_list  (BpTrustStore   *self,
                                                   GBytes         *data,
                                                   GBytes         *anchor,
                                                   const char     *source,
                                                   GError        **error) G_GNUC_WARN_UNUSED_RESULT;
BpTrustImport *bp_trust_store_import_certificate  (BpTrustStore   *self,
                                                   GBytes         *data,
                                                   const char     *source,
                                                   GError        **error) G_GNUC_WARN_UNUSED_RESULT;
BpTrustImport *bp_trust_store_import_crl          (BpTrustStore   *self,
                                                   GBytes         *data,
                                                   const char     *source,
                                                   GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* Configures a master-list trust anchor (a CSCA certificate, DER/PEM). */
gboolean       bp_trust_store_add_anchor          (BpTrustStore   *self,
                                                   GBytes         *data,
                                                   const char     *source,
                                                   GError        **error);

/* Entries, anchors and CRLs included, ordered by country then subject;
 * @country (two letters) filters. */
GPtrArray     *bp_trust_store_list                (BpTrustStore   *self,
                                                   const char     *country,
                                                   GError        **error) G_GNUC_WARN_UNUSED_RESULT;
BpTrustEntry  *bp_trust_store_lookup              (BpTrustStore   *self,
                                                   gint64          id,
                                                   GError        **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean       bp_trust_store_remove              (BpTrustStore   *self,
                                                   gint64          id,
                                                   GError        **error);
/* The distinct countries with at least one CSCA. */
GPtrArray     *bp_trust_store_list_countries      (BpTrustStore   *self,
                                                   GError        **error) G_GNUC_WARN_UNUSED_RESULT;

const char    *bp_trust_kind_to_string            (BpTrustKind     kind);
void           bp_trust_entry_free                (BpTrustEntry   *entry);
JsonNode      *bp_trust_entry_to_json             (const BpTrustEntry *entry) G_GNUC_WARN_UNUSED_RESULT;
void           bp_trust_import_free               (BpTrustImport  *import);
JsonNode      *bp_trust_import_to_json            (const BpTrustImport *import) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpTrustEntry, bp_trust_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpTrustImport, bp_trust_import_free)

/* clang-format on */

G_END_DECLS
