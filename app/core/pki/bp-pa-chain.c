/* bp-pa-chain.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-passive-auth"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "bp-passive-auth-private.h"

/* The Document Signer's chain to a CSCA, and its revocation status.
 *
 * Time policy (ICAO 9303-12 5.3 and 7.1): a DS certificate is valid for the
 * DS key's usage period plus the longest validity of the documents signed
 * with it, and a CSCA for its key's usage period plus the longest validity
 * of the DS certificates it signs. So a document is judged at the time it
 * was signed:
 * - with a signingTime attribute, the chain is verified at that time; a DS
 *   or CSCA that has expired since is fine (passed, and the evidence says
 *   so); one not valid at that time fails;
 * - without one, the chain is verified now; if it fails only because a
 *   certificate has expired, it is verified again at the last second of the
 *   DS's validity, and success there is a warning (doubtful): the document
 *   may have been signed while the DS was valid, but that cannot be shown,
 *   and a properly issued DS outlives the documents it signs.
 * Expired CSCAs stay in the store for this reason. Revoked CSCAs (listed by
 * a verified CRL) are never used; link certificates (a new CSCA key signed
 * by the old one) are trust anchors like self-signed ones, as they come
 * from the same master lists. */

static int
verify_at (X509 *ds,
           STACK_OF (X509) * cscas,
           gint64 when,
           X509 **issuer)
{
  g_autoptr (X509_STORE) store = X509_STORE_new ();
  g_autoptr (X509_STORE_CTX) ctx = X509_STORE_CTX_new ();
  X509_VERIFY_PARAM *param;
  STACK_OF (X509) * chain;
  int error;

  for (int i = 0; i < sk_X509_num (cscas); i++)
    X509_STORE_add_cert (store, sk_X509_value (cscas, i));
  X509_STORE_CTX_init (ctx, store, ds, NULL);
  param = X509_STORE_CTX_get0_param (ctx);
  X509_VERIFY_PARAM_set_time (param, (time_t) when);
  X509_VERIFY_PARAM_set_flags (param, X509_V_FLAG_PARTIAL_CHAIN);

  if (X509_verify_cert (ctx) == 1)
    {
      chain = X509_STORE_CTX_get0_chain (ctx);
      *issuer = sk_X509_value (chain, 1);
      if (*issuer != NULL)
        X509_up_ref (*issuer);
      error = X509_V_OK;
    }
  else
    error = X509_STORE_CTX_get_error (ctx);
  ERR_clear_error ();

  return error;
}

static const char *
chain_error_reason (int error)
{
  switch (error)
    {
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
    case X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
      /* Only reached when the store holds CSCAs of the issuer's name. */
      return _ ("The Document Signer certificate names a CSCA of the trust store as its issuer, but no CSCA of that name signed it.");
    case X509_V_ERR_CERT_HAS_EXPIRED:
      return _ ("A certificate of the chain had expired when the document was signed.");
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return _ ("A certificate of the chain was not yet valid when the document was signed.");
    case X509_V_ERR_INVALID_CA:
    case X509_V_ERR_KEYUSAGE_NO_CERTSIGN:
      return _ ("The issuing CSCA certificate is not allowed to sign certificates.");
    default:
      return _ ("The Document Signer certificate does not chain to a CSCA of the trust store.");
    }
}

gboolean
_bp_pa_check_chain (BpPaRun *run,
                    GError **error)
{
  const char *title = _ ("Document Signer certificate");
  JsonObject *evidence = _bp_pa_certificate_evidence (run->ds, "ds", NULL);
  const X509_NAME *issuer_name = X509_get_issuer_name (run->ds);
  g_autofree char *issuer = _bp_pki_name_to_string (issuer_name);
  STACK_OF (X509) *cscas = NULL;
  gint64 ds_not_after = _bp_pki_time_to_unix (X509_get0_notAfter (run->ds));
  gint64 when = run->signing_time != G_MININT64 ? run->signing_time : run->now;
  gboolean at_signing = run->signing_time != G_MININT64;
  gboolean fallback = FALSE;
  int result;

  if (run->trust != NULL)
    {
      cscas = _bp_trust_store_find_cscas (run->trust, issuer_name, error);
      if (cscas == NULL)
        {
          json_object_unref (evidence);
          return FALSE;
        }
    }
  if (cscas == NULL || sk_X509_num (cscas) == 0)
    {
      sk_X509_pop_free (cscas, X509_free);
      _bp_pa_result_add (run->result, "ds-chain", title, BP_VERDICT_NOT_PERFORMED, TRUE, evidence,
                         _ ("Not checked: the CSCA that issued the Document Signer certificate is not in the trust store."));
      return TRUE;
    }
  json_object_set_int_member (evidence, "cscas_with_issuer_name", sk_X509_num (cscas));

  if ((X509_get_key_usage (run->ds) & KU_DIGITAL_SIGNATURE) == 0 || X509_get_key_usage (run->ds) == UINT32_MAX)
    {
      sk_X509_pop_free (cscas, X509_free);
      _bp_pa_result_add (run->result, "ds-chain", title, BP_VERDICT_FAILED, TRUE, evidence,
                         _ ("The Document Signer certificate does not carry the key usage “digital signature”."));
      return TRUE;
    }

  result = verify_at (run->ds, cscas, when, &run->csca);
  if (result == X509_V_ERR_CERT_HAS_EXPIRED && !at_signing && ds_not_after != G_MININT64 && ds_not_after < when)
    {
      /* OpenSSL counts notAfter itself as expired. */
      when = ds_not_after - 1;
      fallback = TRUE;
      result = verify_at (run->ds, cscas, when, &run->csca);
    }
  sk_X509_pop_free (cscas, X509_free);

  _bp_pa_set_time (evidence, "verified_at", when);
  json_object_set_string_member (evidence, "verified_at_source",
                                 at_signing ? "signing-time" : fallback ? "ds-not-after"
                                                                        : "now");
  if (run->csca)
    _bp_pa_certificate_evidence (run->csca, "csca", evidence);

  if (result != X509_V_OK)
    {
      json_object_set_string_member (evidence, "openssl_error", X509_verify_cert_error_string (result));
      g_clear_pointer (&run->csca, X509_free);
      _bp_pa_result_add (run->result, "ds-chain", title, BP_VERDICT_FAILED, TRUE, evidence,
                         chain_error_reason (result));
      return TRUE;
    }

  if (fallback)
    {
      g_autofree char *date = _bp_pki_unix_to_iso8601 (ds_not_after);
      /* Translators: %s is a date and time. */
      g_autofree char *reason = g_strdup_printf (_ ("The Document Signer certificate expired on %s and the security object does not say when it was signed, so it cannot be shown that it was signed in time."),
                                                 date);

      _bp_pa_result_add (run->result, "ds-chain", title, BP_VERDICT_WARNING, TRUE, evidence, reason);
      return TRUE;
    }

  _bp_pa_result_add (run->result, "ds-chain", title, BP_VERDICT_PASSED, TRUE, evidence,
                     ds_not_after != G_MININT64 && ds_not_after < run->now
                         ? _ ("The Document Signer certificate was issued by a trusted CSCA and was valid when the document was signed; it has expired since.")
                         : _ ("The Document Signer certificate was issued by a trusted CSCA and is valid."));
  return TRUE;
}

gboolean
_bp_pa_check_crl (BpPaRun *run,
                  GError **error)
{
  const char *title = _ ("Revocation of the Document Signer");
  g_autoptr (X509_CRL) crl = NULL;
  g_autoptr (GError) local_error = NULL;
  JsonObject *evidence = json_object_new ();
  X509_REVOKED *revoked = NULL;
  gint64 next_update;

  if (run->csca == NULL)
    {
      _bp_pa_result_add (run->result, "crl", title, BP_VERDICT_NOT_PERFORMED, FALSE, evidence,
                         _ ("Not checked: the Document Signer's CSCA was not established."));
      return TRUE;
    }

  if (run->trust != NULL)
    crl = _bp_trust_store_find_crl (run->trust, X509_get_issuer_name (run->ds), &local_error);
  if (local_error != NULL)
    {
      json_object_unref (evidence);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* The CRL's signature was verified on import; check it again against the
   * CSCA this chain ended at, which may be another key of the same name. */
  if (crl != NULL && X509_CRL_verify (crl, X509_get0_pubkey (run->csca)) != 1)
    {
      ERR_clear_error ();
      g_clear_pointer (&crl, X509_CRL_free);
    }

  if (crl == NULL)
    {
      _bp_pa_result_add (run->result, "crl", title, BP_VERDICT_NOT_PERFORMED, FALSE, evidence,
                         _ ("Not checked: no revocation list of the issuing CSCA is in the trust store."));
      return TRUE;
    }

  {
    g_autofree char *number = NULL;
    ASN1_INTEGER *crl_number = X509_CRL_get_ext_d2i (crl, NID_crl_number, NULL, NULL);

    if (crl_number)
      number = _bp_pki_serial_to_string (crl_number);
    ASN1_INTEGER_free (crl_number);
    json_object_set_string_member (evidence, "crl_number", number ? number : "");
  }
  _bp_pa_set_time (evidence, "crl_this_update", _bp_pki_time_to_unix (X509_CRL_get0_lastUpdate (crl)));
  next_update = _bp_pki_time_to_unix (X509_CRL_get0_nextUpdate (crl));
  _bp_pa_set_time (evidence, "crl_next_update", next_update);

  if (X509_CRL_get0_by_serial (crl, &revoked, (ASN1_INTEGER *) X509_get0_serialNumber (run->ds)) == 1)
    {
      gint64 revoked_at = _bp_pki_time_to_unix (X509_REVOKED_get0_revocationDate (revoked));
      g_autofree char *date = _bp_pki_unix_to_iso8601 (revoked_at);
      /* Translators: %s is a date and time. */
      g_autofree char *reason = g_strdup_printf (_ ("The Document Signer certificate was revoked by its CSCA on %s."), date);

      _bp_pa_set_time (evidence, "revoked_at", revoked_at);
      _bp_pa_result_add (run->result, "crl", title, BP_VERDICT_FAILED, TRUE, evidence, reason);
      return TRUE;
    }

  if (next_update == G_MININT64 || next_update < run->now)
    {
      g_autofree char *date = _bp_pki_unix_to_iso8601 (next_update);
      /* Translators: %s is a date and time. */
      g_autofree char *reason = g_strdup_printf (_ ("Expired revocation list: the newest list of the issuing CSCA was due to be replaced on %s. The Document Signer is not on it, but later revocations are unknown. Import a current list."),
                                                 date);

      json_object_set_boolean_member (evidence, "crl_expired", TRUE);
      _bp_pa_result_add (run->result, "crl", title, BP_VERDICT_WARNING, TRUE, evidence, reason);
      return TRUE;
    }

  json_object_set_boolean_member (evidence, "crl_expired", FALSE);
  _bp_pa_result_add (run->result, "crl", title, BP_VERDICT_PASSED, TRUE, evidence,
                     _ ("The Document Signer certificate is not on the current revocation list of its CSCA."));
  return TRUE;
}
