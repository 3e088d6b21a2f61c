/* bp-passive-auth.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-passive-auth"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include "bp-passive-auth-private.h"
#include "bp-passive-auth.h"
#include "bp-pki.h"
#include "bp-tlv.h"

/* Passive Authentication: EF.SOD is unwrapped (tag 77), parsed as CMS
 * SignedData by OpenSSL, its signed attributes and signature verified with
 * the Document Signer's key, the DS chained to a CSCA of the trust store,
 * and each data group hashed exactly as read and compared with the
 * LDSSecurityObject. Every step adds a check to the result; a step that
 * cannot run because an earlier one failed is "not performed". */

#define MAX_GROUP 16

static const guint group_tags[MAX_GROUP + 1] = {
  0,
  0x61,
  0x75,
  0x63,
  0x76,
  0x65,
  0x66,
  0x67,
  0x68,
  0x69,
  0x6A,
  0x6B,
  0x6C,
  0x6D,
  0x6E,
  0x6F,
  0x70,
};

static void
add (BpPaRun *run,
     const char *id,
     const char *title,
     BpVerdict verdict,
     gboolean required,
     JsonObject *evidence,
     const char *format,
     ...) G_GNUC_PRINTF (7, 8);

static void
add (BpPaRun *run,
     const char *id,
     const char *title,
     BpVerdict verdict,
     gboolean required,
     JsonObject *evidence,
     const char *format,
     ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  _bp_pa_result_add (run->result, id, title, verdict, required, evidence, reason);
}

void
_bp_pa_set_time (JsonObject *evidence,
                 const char *name,
                 gint64 when)
{
  g_autofree char *text = NULL;

  if (when == G_MININT64)
    {
      json_object_set_null_member (evidence, name);
      return;
    }
  text = _bp_pki_unix_to_iso8601 (when);
  json_object_set_string_member (evidence, name, text);
}

static void
set_hex (JsonObject *evidence,
         const char *name,
         GBytes *bytes)
{
  g_autofree char *hex = NULL;
  gsize size;
  const guint8 *data;

  if (bytes == NULL)
    {
      json_object_set_null_member (evidence, name);
      return;
    }
  data = g_bytes_get_data (bytes, &size);
  hex = bp_pki_hex (data, size);
  json_object_set_string_member (evidence, name, hex);
}

static void
set_name (JsonObject *evidence,
          const char *name,
          const X509_NAME *x509_name)
{
  g_autofree char *text = _bp_pki_name_to_string (x509_name);

  json_object_set_string_member (evidence, name, text);
}

static char *
dup_oid_name (const ASN1_OBJECT *oid)
{
  char text[128];
  int nid = OBJ_obj2nid (oid);

  if (nid != NID_undef)
    return g_strdup (OBJ_nid2ln (nid));
  OBJ_obj2txt (text, sizeof text, oid, 1);
  return g_strdup (text);
}

JsonObject *
_bp_pa_certificate_evidence (X509 *cert,
                             const char *prefix,
                             JsonObject *evidence)
{
  g_autofree char *subject = g_strconcat (prefix, "_subject", NULL);
  g_autofree char *issuer = g_strconcat (prefix, "_issuer", NULL);
  g_autofree char *serial_name = g_strconcat (prefix, "_serial", NULL);
  g_autofree char *not_before = g_strconcat (prefix, "_not_before", NULL);
  g_autofree char *not_after = g_strconcat (prefix, "_not_after", NULL);
  g_autofree char *serial = _bp_pki_serial_to_string (X509_get0_serialNumber (cert));

  if (evidence == NULL)
    evidence = json_object_new ();
  set_name (evidence, subject, X509_get_subject_name (cert));
  set_name (evidence, issuer, X509_get_issuer_name (cert));
  json_object_set_string_member (evidence, serial_name, serial);
  _bp_pa_set_time (evidence, not_before, _bp_pki_time_to_unix (X509_get0_notBefore (cert)));
  _bp_pa_set_time (evidence, not_after, _bp_pki_time_to_unix (X509_get0_notAfter (cert)));

  return evidence;
}

/* Unwraps tag 77 and parses the CMS SignedData and its LDSSecurityObject. */
static gboolean
check_sod (BpPaRun *run,
           GBytes *sod)
{
  const char *title = _ ("Security object (EF.SOD)");
  g_autoptr (GError) error = NULL;
  JsonObject *evidence = json_object_new ();
  const unsigned char *p;
  ASN1_OCTET_STRING **content;
  char oid[64] = "";
  const guint8 *data;
  gsize size;
  BpTlv tlv;

  if (sod == NULL)
    {
      add (run, "sod", title, BP_VERDICT_NOT_PERFORMED, TRUE, evidence,
           "%s", _ ("The security object (EF.SOD) was not read from the chip."));
      return FALSE;
    }

  data = g_bytes_get_data (sod, &size);
  if (!bp_tlv_parse (data, size, &tlv, &error) || tlv.tag != 0x77)
    {
      add (run, "sod", title, BP_VERDICT_FAILED, TRUE, evidence,
           _ ("The security object is not a single element with tag 77: %s"),
           error ? error->message : _ ("another tag"));
      return FALSE;
    }

  p = tlv.value;
  ERR_clear_error ();
  run->cms = d2i_CMS_ContentInfo (NULL, &p, (long) MIN (tlv.length, G_MAXINT32));
  if (run->cms == NULL || p != tlv.value + tlv.length || OBJ_obj2nid (CMS_get0_type (run->cms)) != NID_pkcs7_signed)
    {
      g_autofree char *detail = _bp_pki_dup_openssl_error ();

      add (run, "sod", title, BP_VERDICT_FAILED, TRUE, evidence,
           _ ("The security object is not CMS signed data (%s)."),
           detail ? detail : _ ("another content type or trailing bytes"));
      return FALSE;
    }

  OBJ_obj2txt (oid, sizeof oid, CMS_get0_eContentType (run->cms), 1);
  json_object_set_string_member (evidence, "content_type", oid);
  if (!g_str_equal (oid, BP_OID_LDS_SECURITY_OBJECT))
    {
      add (run, "sod", title, BP_VERDICT_FAILED, TRUE, evidence,
           /* Translators: %s is an object identifier such as 1.2.840.113549.1.7.1. */
           _ ("The security object holds content of type %s, not an LDS security object (2.23.136.1.1.1)."),
           oid);
      return FALSE;
    }

  content = CMS_get0_content (run->cms);
  if (content == NULL || *content == NULL)
    {
      add (run, "sod", title, BP_VERDICT_FAILED, TRUE, evidence,
           "%s", _ ("The security object does not contain the list of data group hashes."));
      return FALSE;
    }

  run->lds = bp_lds_security_object_parse (ASN1_STRING_get0_data (*content),
                                           ASN1_STRING_length (*content), &error);
  if (run->lds == NULL)
    {
      add (run, "sod", title, BP_VERDICT_FAILED, TRUE, evidence, "%s", error->message);
      return FALSE;
    }

  json_object_set_int_member (evidence, "lds_object_version", bp_lds_security_object_get_version (run->lds));
  json_object_set_string_member (evidence, "hash_algorithm", bp_lds_security_object_get_hash_name (run->lds));
  if (bp_lds_security_object_get_lds_version (run->lds))
    {
      json_object_set_string_member (evidence, "lds_version", bp_lds_security_object_get_lds_version (run->lds));
      json_object_set_string_member (evidence, "unicode_version",
                                     bp_lds_security_object_get_unicode_version (run->lds));
    }
  add (run, "sod", title, BP_VERDICT_PASSED, TRUE, evidence,
       /* Translators: %s is a hash algorithm such as SHA-256. */
       _ ("The security object is well formed and lists data group hashes made with %s."),
       bp_lds_security_object_get_hash_name (run->lds));
  return TRUE;
}

static X509 *
find_document_signer (BpPaRun *run,
                      gboolean *embedded,
                      GError **error)
{
  STACK_OF (X509) *certs = CMS_get1_certs (run->cms);
  X509_NAME *issuer = NULL;
  ASN1_INTEGER *serial = NULL;
  X509 *found = NULL;

  for (int i = 0; i < sk_X509_num (certs) && found == NULL; i++)
    if (CMS_SignerInfo_cert_cmp (run->signer, sk_X509_value (certs, i)) == 0)
      {
        found = sk_X509_value (certs, i);
        X509_up_ref (found);
      }
  sk_X509_pop_free (certs, X509_free);
  *embedded = found != NULL;

  if (found == NULL && run->trust != NULL && CMS_SignerInfo_get0_signer_id (run->signer, NULL, &issuer, &serial) == 1 && issuer != NULL && serial != NULL)
    found = _bp_trust_store_find_document_signer (run->trust, issuer, serial, error);

  return found;
}

static gint64
read_signing_time (CMS_SignerInfo *signer)
{
  int index = CMS_signed_get_attr_by_NID (signer, NID_pkcs9_signingTime, -1);
  X509_ATTRIBUTE *attribute;
  ASN1_TYPE *value;

  if (index < 0 || (attribute = CMS_signed_get_attr (signer, index)) == NULL || X509_ATTRIBUTE_count (attribute) != 1)
    return G_MININT64;
  value = X509_ATTRIBUTE_get0_type (attribute, 0);
  if (value == NULL || (value->type != V_ASN1_UTCTIME && value->type != V_ASN1_GENERALIZEDTIME))
    return G_MININT64;

  return _bp_pki_time_to_unix ((const ASN1_TIME *) value->value.asn1_string);
}

/* The signed attributes (content-type, message-digest over the eContent)
 * and the signature over them, checked one by one so that the reason says
 * which one failed. */
static gboolean
check_signature (BpPaRun *run,
                 GError **error)
{
  const char *title = _ ("Security object signature");
  g_autoptr (GError) local_error = NULL;
  STACK_OF (CMS_SignerInfo) *signers = CMS_get0_SignerInfos (run->cms);
  JsonObject *evidence = json_object_new ();
  X509_ALGOR *digest_algorithm = NULL;
  X509_ALGOR *signature_algorithm = NULL;
  const ASN1_OBJECT *oid = NULL;
  const ASN1_OBJECT *content_type;
  const ASN1_OCTET_STRING *message_digest;
  ASN1_OCTET_STRING **content = CMS_get0_content (run->cms);
  g_autofree char *digest_name = NULL;
  g_autofree char *signature_name = NULL;
  guint8 digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  const EVP_MD *md;
  gboolean embedded;

  if (sk_CMS_SignerInfo_num (signers) != 1)
    {
      add (run, "sod-signature", title, BP_VERDICT_FAILED, TRUE, evidence,
           g_dngettext (GETTEXT_PACKAGE, "The security object has %d signature; ICAO requires exactly one.",
                        "The security object has %d signatures; ICAO requires exactly one.",
                        MAX (sk_CMS_SignerInfo_num (signers), 0)),
           sk_CMS_SignerInfo_num (signers));
      return FALSE;
    }
  run->signer = sk_CMS_SignerInfo_value (signers, 0);

  CMS_SignerInfo_get0_algs (run->signer, NULL, NULL, &digest_algorithm, &signature_algorithm);
  X509_ALGOR_get0 (&oid, NULL, NULL, digest_algorithm);
  digest_name = dup_oid_name (oid);
  md = EVP_get_digestbyobj (oid);
  X509_ALGOR_get0 (&oid, NULL, NULL, signature_algorithm);
  signature_name = dup_oid_name (oid);
  json_object_set_string_member (evidence, "digest_algorithm", digest_name);
  json_object_set_string_member (evidence, "signature_algorithm", signature_name);

  run->signing_time = read_signing_time (run->signer);
  _bp_pa_set_time (evidence, "signing_time", run->signing_time);

  run->ds = find_document_signer (run, &embedded, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      json_object_unref (evidence);
      return FALSE;
    }
  if (run->ds == NULL)
    {
      add (run, "sod-signature", title, BP_VERDICT_NOT_PERFORMED, TRUE, evidence,
           "%s", _ ("The Document Signer certificate is neither in the security object nor in the trust store."));
      return FALSE;
    }
  json_object_set_string_member (evidence, "ds_source", embedded ? "embedded" : "trust-store");
  _bp_pa_certificate_evidence (run->ds, "ds", evidence);
  bp_pki_describe_key (evidence, X509_get0_pubkey (run->ds));
  CMS_SignerInfo_set1_signer_cert (run->signer, run->ds);

  if (CMS_signed_get_attr_count (run->signer) <= 0)
    {
      add (run, "sod-signature", title, BP_VERDICT_FAILED, TRUE, evidence,
           "%s", _ ("The security object carries no signed attributes, which ICAO requires."));
      return FALSE;
    }

  content_type = CMS_signed_get0_data_by_OBJ (run->signer, OBJ_nid2obj (NID_pkcs9_contentType), -3, V_ASN1_OBJECT);
  if (content_type == NULL || OBJ_cmp (content_type, CMS_get0_eContentType (run->cms)) != 0)
    {
      add (run, "sod-signature", title, BP_VERDICT_FAILED, TRUE, evidence,
           "%s", _ ("The signed content type does not match the content of the security object."));
      return FALSE;
    }

  message_digest = CMS_signed_get0_data_by_OBJ (run->signer, OBJ_nid2obj (NID_pkcs9_messageDigest), -3,
                                                V_ASN1_OCTET_STRING);
  if (md == NULL || message_digest == NULL || content == NULL || *content == NULL || !EVP_Digest (ASN1_STRING_get0_data (*content), ASN1_STRING_length (*content), digest, &digest_length, md, NULL))
    {
      add (run, "sod-signature", title, BP_VERDICT_FAILED, TRUE, evidence,
           /* Translators: %s is a hash algorithm name. */
           _ ("The signed message digest is missing or uses an unknown hash algorithm (%s)."), digest_name);
      return FALSE;
    }
  if ((unsigned int) ASN1_STRING_length (message_digest) != digest_length || memcmp (ASN1_STRING_get0_data (message_digest), digest, digest_length) != 0)
    {
      add (run, "sod-signature", title, BP_VERDICT_FAILED, TRUE, evidence,
           "%s", _ ("The list of data group hashes was changed after it was signed: its digest does not match the signed one."));
      return FALSE;
    }

  ERR_clear_error ();
  if (CMS_SignerInfo_verify (run->signer) != 1)
    {
      g_autofree char *detail = _bp_pki_dup_openssl_error ();

      if (detail)
        json_object_set_string_member (evidence, "openssl_error", detail);
      add (run, "sod-signature", title, BP_VERDICT_FAILED, TRUE, evidence,
           "%s", _ ("The signature of the security object does not verify with the Document Signer's key."));
      return FALSE;
    }

  add (run, "sod-signature", title, BP_VERDICT_PASSED, TRUE, evidence,
       /* Translators: %s is a signature algorithm such as ecdsa-with-SHA256. */
       _ ("The security object is signed by its Document Signer (%s)."), signature_name);
  return TRUE;
}

static void
check_groups (BpPaRun *run,
              GHashTable *groups,
              guint32 absent)
{
  for (guint group = 1; group <= MAX_GROUP; group++)
    {
      GBytes *data = g_hash_table_lookup (groups, GUINT_TO_POINTER (group));
      GBytes *expected = run->lds ? bp_lds_security_object_get_hash (run->lds, group) : NULL;
      g_autofree char *id = g_strdup_printf ("dg%u", group);
      /* Translators: %u is a data group number, 1 to 16. */
      g_autofree char *title = g_strdup_printf (_ ("Data group %u"), group);
      g_autoptr (GBytes) actual = NULL;
      JsonObject *evidence;
      const guint8 *bytes;
      gsize size;

      if (data == NULL && expected == NULL)
        continue;

      evidence = json_object_new ();
      if (run->lds)
        json_object_set_string_member (evidence, "hash_algorithm", bp_lds_security_object_get_hash_name (run->lds));
      set_hex (evidence, "expected_hash", expected);

      if (run->lds == NULL)
        {
          add (run, id, title, BP_VERDICT_NOT_PERFORMED, TRUE, evidence,
               "%s", _ ("Not checked: the security object could not be read."));
          continue;
        }
      if (data == NULL && (absent & (1u << group)) != 0)
        {
          add (run, id, title, BP_VERDICT_FAILED, TRUE, evidence,
               "%s", _ ("Missing: the security object lists this data group, but the chip says it has no such "
                        "file. A genuine chip holds every group its issuer signed; this one may be a copy."));
          continue;
        }
      if (data == NULL)
        {
          add (run, id, title, BP_VERDICT_NOT_PERFORMED, FALSE, evidence,
               "%s", _ ("Not checked: listed in the security object but not read from the chip."));
          continue;
        }

      actual = bp_lds_security_object_hash (run->lds, data);
      set_hex (evidence, "actual_hash", actual);
      bytes = g_bytes_get_data (data, &size);
      json_object_set_int_member (evidence, "length", size);

      if (size == 0 || bytes[0] != group_tags[group])
        {
          add (run, id, title, BP_VERDICT_FAILED, TRUE, evidence,
               "%s", _ ("The data group read does not start with its own tag."));
          continue;
        }
      if (expected == NULL)
        {
          add (run, id, title, BP_VERDICT_FAILED, TRUE, evidence,
               "%s", _ ("This data group was read from the chip but the security object does not list it, so it is not signed."));
          continue;
        }
      if (actual == NULL || !g_bytes_equal (actual, expected))
        {
          add (run, id, title, BP_VERDICT_FAILED, TRUE, evidence,
               "%s", _ ("The data group was changed after signing: its hash does not match the security object."));
          continue;
        }
      add (run, id, title, BP_VERDICT_PASSED, TRUE, evidence,
           "%s", _ ("The data group is unchanged since signing."));
    }
}

/* The MRZ of DG1 (tag 5F1F inside 61), or NULL. */
static char *
dup_dg1_mrz (GHashTable *groups)
{
  GBytes *dg1 = g_hash_table_lookup (groups, GUINT_TO_POINTER (1));
  BpTlv outer;
  BpTlv inner;
  const guint8 *data;
  gsize size;

  if (dg1 == NULL)
    return NULL;
  data = g_bytes_get_data (dg1, &size);
  if (!bp_tlv_parse (data, size, &outer, NULL) || outer.tag != 0x61 || !bp_tlv_find (&outer, 0x5F1F, &inner, NULL))
    return NULL;

  return g_strndup ((const char *) inner.value, inner.length);
}

static char *
strip_mrz (const char *mrz)
{
  GString *out = g_string_new (NULL);

  for (const char *p = mrz; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, g_ascii_toupper (*p));
  return g_string_free (out, FALSE);
}

static void
check_issuing_state (BpPaRun *run,
                     const char *document_mrz)
{
  const char *title = _ ("Issuing state of the signer");
  JsonObject *evidence = json_object_new ();
  g_autofree char *state = NULL;
  g_autofree char *alpha2 = NULL;
  g_autofree char *csca_country = NULL;

  if (document_mrz != NULL && strlen (document_mrz) >= 5)
    state = g_strndup (document_mrz + 2, 3);
  if (state)
    {
      g_strdelimit (state, "<", ' ');
      g_strstrip (state);
      json_object_set_string_member (evidence, "document_issuing_state", state);
      alpha2 = _bp_pki_country_alpha2 (state);
    }
  if (run->csca)
    {
      csca_country = _bp_pki_name_dup_country (X509_get_subject_name (run->csca));
      json_object_set_string_member (evidence, "csca_country", csca_country ? csca_country : "");
    }

  if (state == NULL)
    add (run, "issuing-state", title, BP_VERDICT_NOT_PERFORMED, TRUE, evidence,
         "%s", _ ("Not checked: the document's issuing state is not known (no DG1 and no MRZ)."));
  else if (run->csca == NULL)
    add (run, "issuing-state", title, BP_VERDICT_NOT_PERFORMED, TRUE, evidence,
         "%s", _ ("Not checked: the signing CSCA was not established."));
  else if (alpha2 == NULL)
    add (run, "issuing-state", title, BP_VERDICT_NOT_PERFORMED, TRUE, evidence,
         /* Translators: %s is a three-letter issuing state code. */
         _ ("Not checked: the issuing state code “%s” has no ISO country code."), state);
  else if (g_strcmp0 (alpha2, csca_country) != 0)
    add (run, "issuing-state", title, BP_VERDICT_FAILED, TRUE, evidence,
         /* Translators: the first %s is a three-letter state code, the second a two-letter country code. */
         _ ("The document says it was issued by %s, but it is signed under the CSCA of another country (%s)."),
         state, csca_country ? csca_country : "?");
  else
    add (run, "issuing-state", title, BP_VERDICT_PASSED, TRUE, evidence,
         /* Translators: %s is a three-letter issuing state code. */
         _ ("The document is signed under a CSCA of its issuing state %s."), state);
}

static void
check_mrz (BpPaRun *run,
           const char *printed,
           const char *chip)
{
  const char *title = _ ("Chip MRZ equals the printed MRZ");
  g_autofree char *a = strip_mrz (printed);
  JsonObject *evidence = json_object_new ();

  json_object_set_string_member (evidence, "printed", a);
  json_object_set_string_member (evidence, "chip", chip ? chip : "");
  if (chip == NULL)
    add (run, "dg1-mrz", title, BP_VERDICT_NOT_PERFORMED, TRUE, evidence,
         "%s", _ ("Not checked: DG1 was not read or holds no MRZ."));
  else if (!g_str_equal (a, chip))
    add (run, "dg1-mrz", title, BP_VERDICT_FAILED, TRUE, evidence,
         "%s", _ ("The MRZ stored in the chip differs from the MRZ printed on the document."));
  else
    add (run, "dg1-mrz", title, BP_VERDICT_PASSED, TRUE, evidence,
         "%s", _ ("The MRZ stored in the chip is the one printed on the document."));
}

/**
 * bp_passive_auth_verify:
 * @sod: (nullable): EF.SOD as read, tag 77 included
 * @groups: (element-type guint GBytes): data groups as read, by number
 * @trust: (nullable): the trust store
 * @mrz: (nullable): the printed MRZ
 * @now: (nullable): the time of the check, default now
 * @error: return location for a #BP_PKI_ERROR of the trust store
 *
 * Runs Passive Authentication; see bp-passive-auth.h.
 *
 * Returns: (transfer full): the result, or %NULL when the store failed
 */
BpPaResult *
bp_passive_auth_verify (GBytes *sod,
                        GHashTable *groups,
                        BpTrustStore *trust,
                        const char *mrz,
                        GDateTime *now,
                        GError **error)
{
  return bp_passive_auth_verify_read (sod, groups, 0, trust, mrz, now, error);
}

/**
 * bp_passive_auth_verify_read:
 * @absent: bit n set when the chip answered that it has no DGn
 *
 * As bp_passive_auth_verify(), for a chip that was asked for every data
 * group its security object lists: a listed group the chip says it does
 * not have fails, where one merely not read is not checked.
 */
BpPaResult *
bp_passive_auth_verify_read (GBytes *sod,
                             GHashTable *groups,
                             guint32 absent,
                             BpTrustStore *trust,
                             const char *mrz,
                             GDateTime *now,
                             GError **error)
{
  g_autoptr (BpPaResult) result = _bp_pa_result_new ();
  g_autofree char *chip_mrz = NULL;
  g_autofree char *printed_mrz = NULL;
  BpPaRun run = {
    .result = result,
    .trust = trust,
    .now = now ? g_date_time_to_unix (now) : g_get_real_time () / G_USEC_PER_SEC,
    .signing_time = G_MININT64,
  };
  gboolean ok = TRUE;

  g_return_val_if_fail (groups != NULL, NULL);
  g_return_val_if_fail (trust == NULL || BP_IS_TRUST_STORE (trust), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (check_sod (&run, sod))
    {
      g_autoptr (GError) local_error = NULL;

      check_signature (&run, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          ok = FALSE;
        }
      /* The chain is examined even when the signature failed: an examiner
       * wants to know whose certificate a forged SOD carries. */
      if (ok && run.ds != NULL)
        ok = _bp_pa_check_chain (&run, error) && _bp_pa_check_crl (&run, error);
    }

  if (ok && !bp_pa_result_lookup (result, "sod-signature", NULL, NULL, NULL))
    add (&run, "sod-signature", _ ("Security object signature"), BP_VERDICT_NOT_PERFORMED, TRUE, NULL,
         "%s", _ ("Not checked: the security object could not be read."));
  if (ok && !bp_pa_result_lookup (result, "ds-chain", NULL, NULL, NULL))
    add (&run, "ds-chain", _ ("Document Signer certificate"), BP_VERDICT_NOT_PERFORMED, TRUE, NULL,
         "%s", run.signer == NULL ? _ ("Not checked: the security object could not be read.") : _ ("Not checked: the Document Signer certificate was not found."));
  if (ok && !bp_pa_result_lookup (result, "crl", NULL, NULL, NULL))
    add (&run, "crl", _ ("Revocation of the Document Signer"), BP_VERDICT_NOT_PERFORMED, FALSE, NULL,
         "%s", _ ("Not checked: the Document Signer certificate was not found."));

  if (ok)
    {
      chip_mrz = dup_dg1_mrz (groups);
      if (mrz)
        printed_mrz = strip_mrz (mrz);
      check_issuing_state (&run, printed_mrz ? printed_mrz : chip_mrz);
      check_groups (&run, groups, absent);
      if (mrz)
        check_mrz (&run, mrz, chip_mrz);
      _bp_pa_result_finish (result);
    }

  g_clear_pointer (&run.cms, CMS_ContentInfo_free);
  g_clear_pointer (&run.ds, X509_free);
  g_clear_pointer (&run.csca, X509_free);
  g_clear_pointer (&run.lds, bp_lds_security_object_free);
  ERR_clear_error ();

  return ok ? g_steal_pointer (&result) : NULL;
}

/**
 * bp_passive_auth_read_dir:
 * @dir: a folder written by `borderpost-cli chip read --out`
 * @sod: (out) (transfer full) (nullable): SOD.bin, or %NULL when missing
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the data groups found, by number
 */
GHashTable *
bp_passive_auth_read_dir (const char *dir,
                          GBytes **sod,
                          GError **error)
{
  g_autoptr (GHashTable) groups = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_bytes_unref);
  g_autofree char *sod_path = NULL;
  char *contents = NULL;
  gsize length;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (sod != NULL, NULL);

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR,
                   /* Translators: %s is a folder path. */
                   _ ("“%s” is not a folder."), dir);
      return NULL;
    }

  *sod = NULL;
  sod_path = g_build_filename (dir, "SOD.bin", NULL);
  if (g_file_get_contents (sod_path, &contents, &length, NULL))
    *sod = g_bytes_new_take (contents, length);

  for (guint group = 1; group <= MAX_GROUP; group++)
    {
      g_autofree char *name = g_strdup_printf ("DG%u.bin", group);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_get_contents (path, &contents, &length, NULL))
        g_hash_table_insert (groups, GUINT_TO_POINTER (group), g_bytes_new_take (contents, length));
    }

  return g_steal_pointer (&groups);
}
