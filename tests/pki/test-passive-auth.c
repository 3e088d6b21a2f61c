/* test-passive-auth.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "bp-passive-auth.h"
#include "bp-pki.h"
#include "pki-fixtures.h"

#define NL_MRZ "P<NLDDE<BRUIJN<<WILLEKE<LISELOTTE<<<<<<<<<<<\nSPECI20142NLD6503101F2401151999999990<<<<<82"

/* A store with the test master list (anchor "anchor") and csca-bp's CRL. */
static BpTrustStore *shared_store;

static BpTrustStore *
make_store (const char *const *files)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) anchor = load_pki ("anchor.pem");
  BpTrustStore *store = bp_trust_store_open (":memory:", &error);

  g_assert_no_error (error);
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr (GBytes) data = load_pki (files[i]);
      g_autoptr (BpTrustImport) import = bp_trust_store_import (store, data, anchor, files[i], &error);

      g_assert_no_error (error);
      g_assert_nonnull (import);
    }
  return store;
}

static GHashTable *
read_case (const char *name,
           GBytes **sod)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_build_filename (test_pki_dir, name, NULL);
  GHashTable *groups = bp_passive_auth_read_dir (dir, sod, &error);

  g_assert_no_error (error);
  g_assert_nonnull (*sod);
  return groups;
}

static BpPaResult *
verify (GBytes *sod,
        GHashTable *groups,
        BpTrustStore *store,
        const char *mrz,
        GDateTime *now)
{
  g_autoptr (GError) error = NULL;
  BpPaResult *result = bp_passive_auth_verify (sod, groups, store, mrz, now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static BpPaResult *
verify_case (const char *name,
             BpTrustStore *store)
{
  g_autoptr (GBytes) sod = NULL;
  g_autoptr (GHashTable) groups = read_case (name, &sod);

  return verify (sod, groups, store, NULL, NULL);
}

static void
assert_check (BpPaResult *result,
              const char *id,
              BpVerdict expected)
{
  BpVerdict verdict;
  const char *reason = NULL;

  if (!bp_pa_result_lookup (result, id, &verdict, &reason, NULL))
    g_error ("no check %s", id);
  if (verdict != expected)
    g_error ("check %s is %s, expected %s: %s", id, bp_verdict_to_string (verdict),
             bp_verdict_to_string (expected), reason);
}

static const char *
evidence_string (BpPaResult *result,
                 const char *id,
                 const char *member)
{
  JsonObject *evidence = NULL;

  g_assert_true (bp_pa_result_lookup (result, id, NULL, NULL, &evidence));
  g_assert_true (json_object_has_member (evidence, member));
  return json_object_get_string_member (evidence, member);
}

typedef struct
{
  const char *name;
  BpDocumentVerdict verdict;
  const char *checks; /* "id=verdict …"; ids not named are not asserted */
} Case;

static const Case cases[] = {
  { "genuine-bp", BP_DOCUMENT_GENUINE,
    "sod=passed sod-signature=passed ds-chain=passed crl=passed issuing-state=passed dg1=passed dg2=passed dg14=passed" },
  { "genuine-pss", BP_DOCUMENT_GENUINE,
    "sod-signature=passed ds-chain=passed crl=not-performed issuing-state=passed dg1=passed dg2=passed dg14=passed" },
  { "genuine-sha1", BP_DOCUMENT_GENUINE, "dg1=passed dg2=passed dg14=passed" },
  { "genuine-sha224", BP_DOCUMENT_GENUINE, "dg1=passed dg2=passed dg14=passed" },
  { "genuine-sha384", BP_DOCUMENT_GENUINE, "dg1=passed dg2=passed dg14=passed" },
  { "altered-dg", BP_DOCUMENT_FAILED,
    "sod-signature=passed ds-chain=passed crl=passed dg1=passed dg2=failed dg14=passed" },
  { "unknown-csca", BP_DOCUMENT_DOUBTFUL,
    "sod-signature=passed ds-chain=not-performed crl=not-performed issuing-state=not-performed dg1=passed" },
  { "forged-csca", BP_DOCUMENT_FAILED, "sod-signature=passed ds-chain=failed dg1=passed" },
  { "expired-ds", BP_DOCUMENT_FAILED, "sod-signature=passed ds-chain=failed dg1=passed" },
  { "revoked-ds", BP_DOCUMENT_FAILED, "sod-signature=passed ds-chain=passed crl=failed dg1=passed" },
  { "wrong-content", BP_DOCUMENT_FAILED, "sod=failed sod-signature=not-performed ds-chain=not-performed" },
  { "wrong-state", BP_DOCUMENT_FAILED, "ds-chain=passed issuing-state=failed dg1=passed" },
  /* Without a signing time the chain is judged now; an expired DS is then
   * judged at its last valid second, as a warning. */
  { "no-attributes", BP_DOCUMENT_FAILED, "sod-signature=failed ds-chain=passed crl=passed dg1=passed" },
  { "no-attributes-expired-ds", BP_DOCUMENT_FAILED, "sod-signature=failed ds-chain=warning dg1=passed" },
  { "no-certificate", BP_DOCUMENT_DOUBTFUL, "sod=passed sod-signature=not-performed ds-chain=not-performed dg1=passed" },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr (BpPaResult) result = verify_case (c->name, shared_store);
  g_auto (GStrv) checks = g_strsplit (c->checks, " ", -1);
  g_autofree char *json = bp_pa_result_to_json (result);

  g_test_message ("%s", json);
  g_assert_cmpstr (bp_document_verdict_to_string (bp_pa_result_get_verdict (result)), ==,
                   bp_document_verdict_to_string (c->verdict));
  for (guint i = 0; checks[i] != NULL; i++)
    {
      g_auto (GStrv) pair = g_strsplit (checks[i], "=", 2);
      BpVerdict verdict = BP_VERDICT_NOT_APPLICABLE;

      for (BpVerdict v = BP_VERDICT_NOT_APPLICABLE; v <= BP_VERDICT_FAILED; v++)
        if (g_str_equal (bp_verdict_to_string (v), pair[1]))
          verdict = v;
      assert_check (result, pair[0], verdict);
    }
}

static void
test_evidence (void)
{
  g_autoptr (BpPaResult) bp = verify_case ("genuine-bp", shared_store);
  g_autoptr (BpPaResult) pss = verify_case ("genuine-pss", shared_store);
  g_autoptr (BpPaResult) sha1 = verify_case ("genuine-sha1", shared_store);
  g_autoptr (BpPaResult) sha384 = verify_case ("genuine-sha384", shared_store);
  g_autoptr (BpPaResult) revoked = verify_case ("revoked-ds", shared_store);
  g_autoptr (BpPaResult) no_attributes = verify_case ("no-attributes", shared_store);
  g_autoptr (BpPaResult) expired = verify_case ("no-attributes-expired-ds", shared_store);
  g_autoptr (GListModel) checks = bp_pa_result_dup_checks (bp);
  g_autoptr (BpCheck) first = NULL;

  g_assert_cmpstr (evidence_string (bp, "sod-signature", "signature_algorithm"), ==, "ecdsa-with-SHA256");
  g_assert_cmpstr (evidence_string (bp, "sod-signature", "curve"), ==, "brainpoolP256r1");
  g_assert_cmpstr (evidence_string (bp, "sod-signature", "ds_source"), ==, "embedded");
  g_assert_cmpstr (evidence_string (bp, "ds-chain", "csca_subject"), ==, "CN=Test CSCA NL,O=Borderpost test,C=NL");
  g_assert_cmpstr (evidence_string (bp, "ds-chain", "verified_at_source"), ==, "signing-time");
  g_assert_cmpstr (evidence_string (no_attributes, "ds-chain", "verified_at_source"), ==, "now");
  g_assert_cmpstr (evidence_string (expired, "ds-chain", "verified_at_source"), ==, "ds-not-after");
  g_assert_cmpstr (evidence_string (expired, "ds-chain", "verified_at"), ==, "2020-12-31T23:59:59Z");
  g_assert_cmpstr (evidence_string (bp, "issuing-state", "csca_country"), ==, "NL");
  g_assert_cmpstr (evidence_string (bp, "dg1", "expected_hash"), ==, evidence_string (bp, "dg1", "actual_hash"));
  g_assert_cmpstr (evidence_string (pss, "sod-signature", "signature_algorithm"), ==, "rsassaPss");
  g_assert_cmpstr (evidence_string (pss, "sod", "hash_algorithm"), ==, "SHA-512");
  g_assert_cmpuint (strlen (evidence_string (pss, "dg1", "actual_hash")), ==, 128);
  g_assert_cmpstr (evidence_string (sha1, "dg2", "hash_algorithm"), ==, "SHA-1");
  g_assert_cmpstr (evidence_string (sha384, "dg2", "hash_algorithm"), ==, "SHA-384");
  g_assert_nonnull (evidence_string (revoked, "crl", "revoked_at"));

  g_assert_cmpuint (g_list_model_get_n_items (checks), ==, bp_pa_result_get_n_checks (bp));
  first = g_list_model_get_item (checks, 0);
  g_assert_cmpstr (bp_check_get_id (first), ==, "pa-sod");
  g_assert_cmpint (bp_check_get_verdict (first), ==, BP_VERDICT_PASSED);
}

static void
test_store_document_signer (void)
{
  const char *const files[] = { "ml.der", "ds-bp.der", NULL };
  g_autoptr (BpTrustStore) store = make_store (files);
  g_autoptr (BpPaResult) result = verify_case ("no-certificate", store);

  g_assert_cmpint (bp_pa_result_get_verdict (result), ==, BP_DOCUMENT_GENUINE);
  g_assert_cmpstr (evidence_string (result, "sod-signature", "ds_source"), ==, "trust-store");
}

/* CSCA rollover: a DS under the new key verifies through the link
 * certificate; without it, the DS names a known CSCA that did not sign it. */
static void
test_rollover (void)
{
  const char *const files[] = { "ml.der", "link-bp.pem", NULL };
  g_autoptr (BpTrustStore) store = make_store (files);
  g_autoptr (BpPaResult) linked = verify_case ("rollover", store);
  g_autoptr (BpPaResult) unlinked = verify_case ("rollover", shared_store);
  g_autoptr (BpPaResult) old_key = verify_case ("genuine-bp", store);

  g_assert_cmpint (bp_pa_result_get_verdict (linked), ==, BP_DOCUMENT_GENUINE);
  assert_check (linked, "ds-chain", BP_VERDICT_PASSED);
  /* The chain ends at the link certificate, not at the old self-signed CSCA (serial 1000). */
  g_assert_cmpstr (evidence_string (linked, "ds-chain", "csca_serial"), !=, "1000");
  g_assert_cmpstr (evidence_string (old_key, "ds-chain", "csca_serial"), ==, "1000");
  assert_check (unlinked, "ds-chain", BP_VERDICT_FAILED);
  g_assert_cmpint (bp_pa_result_get_verdict (unlinked), ==, BP_DOCUMENT_FAILED);
  /* Documents signed under the old key still verify. */
  g_assert_cmpint (bp_pa_result_get_verdict (old_key), ==, BP_DOCUMENT_GENUINE);
}

static void
test_expired_crl (void)
{
  const char *const files[] = { "ml.der", "crl-pss-expired.der", NULL };
  g_autoptr (BpTrustStore) store = make_store (files);
  g_autoptr (BpPaResult) result = verify_case ("genuine-pss", store);
  const char *reason = NULL;

  assert_check (result, "crl", BP_VERDICT_WARNING);
  assert_check (result, "ds-chain", BP_VERDICT_PASSED);
  g_assert_cmpint (bp_pa_result_get_verdict (result), ==, BP_DOCUMENT_DOUBTFUL);
  g_assert_true (bp_pa_result_lookup (result, "crl", NULL, &reason, NULL));
  g_assert_true (g_str_has_prefix (reason, "Expired revocation list"));
  g_assert_cmpstr (bp_pa_result_get_reason (result), ==, reason);
}

static void
test_no_store (void)
{
  g_autoptr (BpPaResult) result = verify_case ("genuine-bp", NULL);

  assert_check (result, "sod-signature", BP_VERDICT_PASSED);
  assert_check (result, "ds-chain", BP_VERDICT_NOT_PERFORMED);
  g_assert_cmpint (bp_pa_result_get_verdict (result), ==, BP_DOCUMENT_DOUBTFUL);
}

/* Years later, the DS and the CSCA have expired: the chain is judged at
 * the signing time, but the CRL of then is long expired. */
static void
test_later (void)
{
  g_autoptr (GBytes) sod = NULL;
  g_autoptr (GHashTable) groups = read_case ("genuine-bp", &sod);
  g_autoptr (GDateTime) later = g_date_time_new_utc (2045, 1, 1, 0, 0, 0);
  g_autoptr (BpPaResult) result = verify (sod, groups, shared_store, NULL, later);
  const char *reason = NULL;

  assert_check (result, "ds-chain", BP_VERDICT_PASSED);
  g_assert_true (bp_pa_result_lookup (result, "ds-chain", NULL, &reason, NULL));
  g_assert_nonnull (strstr (reason, "expired since"));
  assert_check (result, "crl", BP_VERDICT_WARNING);
  g_assert_cmpint (bp_pa_result_get_verdict (result), ==, BP_DOCUMENT_DOUBTFUL);
}

static void
test_mrz (void)
{
  g_autoptr (GBytes) sod = NULL;
  g_autoptr (GHashTable) groups = read_case ("genuine-bp", &sod);
  g_autoptr (BpPaResult) same = verify (sod, groups, shared_store, NL_MRZ, NULL);
  g_autoptr (BpPaResult) other = NULL;
  g_autofree char *changed = g_strdup (NL_MRZ);

  assert_check (same, "dg1-mrz", BP_VERDICT_PASSED);
  g_assert_cmpint (bp_pa_result_get_verdict (same), ==, BP_DOCUMENT_GENUINE);

  changed[strlen (changed) - 5] = '9';
  other = verify (sod, groups, shared_store, changed, NULL);
  assert_check (other, "dg1-mrz", BP_VERDICT_FAILED);
  assert_check (other, "dg1", BP_VERDICT_PASSED);
  g_assert_cmpint (bp_pa_result_get_verdict (other), ==, BP_DOCUMENT_FAILED);
}

/* A group the security object lists and the chip says it lacks fails;
 * one merely not read stays "not checked". */
static void
test_absent_group (void)
{
  g_autoptr (GBytes) sod = NULL;
  g_autoptr (GHashTable) groups = read_case ("genuine-bp", &sod);
  g_autoptr (BpPaResult) unread = NULL;
  g_autoptr (BpPaResult) absent = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_hash_table_remove (groups, GUINT_TO_POINTER (2)));
  unread = bp_passive_auth_verify_read (sod, groups, 0, shared_store, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_check (unread, "dg2", BP_VERDICT_NOT_PERFORMED);
  g_assert_cmpint (bp_pa_result_get_verdict (unread), ==, BP_DOCUMENT_GENUINE);

  absent = bp_passive_auth_verify_read (sod, groups, 1u << 2, shared_store, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_check (absent, "dg2", BP_VERDICT_FAILED);
  assert_check (absent, "dg1", BP_VERDICT_PASSED);
  assert_check (absent, "sod-signature", BP_VERDICT_PASSED);
  g_assert_cmpint (bp_pa_result_get_verdict (absent), ==, BP_DOCUMENT_FAILED);
}

static GBytes *
flip (GBytes *bytes,
      gsize offset,
      guint8 mask)
{
  gsize size = g_bytes_get_size (bytes);
  guint8 *copy = g_memdup2 (g_bytes_get_data (bytes, NULL), size);

  copy[offset] ^= mask;
  return g_bytes_new_take (copy, size);
}

static void
test_broken_signature (void)
{
  g_autoptr (GBytes) sod = NULL;
  g_autoptr (GHashTable) groups = read_case ("genuine-bp", &sod);
  g_autoptr (GBytes) broken = flip (sod, g_bytes_get_size (sod) - 1, 0x01);
  g_autoptr (BpPaResult) result = verify (broken, groups, shared_store, NULL, NULL);

  assert_check (result, "sod", BP_VERDICT_PASSED);
  assert_check (result, "sod-signature", BP_VERDICT_FAILED);
  g_assert_cmpint (bp_pa_result_get_verdict (result), ==, BP_DOCUMENT_FAILED);
}

/* A DG hash changed inside the signed content: the message digest no
 * longer matches, and the data group no longer matches the changed hash. */
static void
test_changed_hash_list (void)
{
  g_autoptr (GBytes) sod = NULL;
  g_autoptr (GHashTable) groups = read_case ("genuine-bp", &sod);
  g_autoptr (BpPaResult) genuine = verify (sod, groups, shared_store, NULL, NULL);
  g_autoptr (GBytes) hash = NULL;
  g_autoptr (GBytes) changed = NULL;
  g_autoptr (BpPaResult) result = NULL;
  const char *hex = evidence_string (genuine, "dg1", "expected_hash");
  const guint8 *data;
  const guint8 *found;
  gsize size;
  guint8 first;

  first = (guint8) g_ascii_strtoull ((char[]){ hex[0], hex[1], 0 }, NULL, 16);
  data = g_bytes_get_data (sod, &size);
  found = memchr (data, first, size);
  while (found && (gsize) (found - data) + 2 < size && !(found[-1] == 0x20 && found[-2] == 0x04))
    found = memchr (found + 1, first, size - (found + 1 - data));
  g_assert_nonnull (found);
  changed = flip (sod, found - data + 5, 0x80);
  result = verify (changed, groups, shared_store, NULL, NULL);

  assert_check (result, "sod", BP_VERDICT_PASSED);
  assert_check (result, "sod-signature", BP_VERDICT_FAILED);
  assert_check (result, "dg1", BP_VERDICT_FAILED);
  g_assert_cmpint (bp_pa_result_get_verdict (result), ==, BP_DOCUMENT_FAILED);
  (void) hash;
}

static void
test_bsi (void)
{
  g_autoptr (BpTrustStore) store = NULL;
  g_autoptr (GHashTable) groups = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_bytes_unref);
  g_autoptr (GBytes) sod = load_data ("bsi-mustermann/SOD.bin");
  g_autoptr (BpPaResult) result = NULL;
  g_autoptr (BpPaResult) without_dg15 = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  JsonObject *root;

  store = bp_trust_store_open (":memory:", &error);
  g_assert_no_error (error);
  g_hash_table_insert (groups, GUINT_TO_POINTER (1), load_data ("bsi-mustermann/DG1.bin"));
  g_hash_table_insert (groups, GUINT_TO_POINTER (14), load_data ("bsi-mustermann/DG14.bin"));
  g_hash_table_insert (groups, GUINT_TO_POINTER (15), load_data ("bsi-mustermann/DG15.bin"));

  result = verify (sod, groups, store, NULL, NULL);
  assert_check (result, "sod", BP_VERDICT_PASSED);
  assert_check (result, "sod-signature", BP_VERDICT_PASSED);
  g_assert_cmpstr (evidence_string (result, "sod-signature", "signature_algorithm"), ==, "rsassaPss");
  g_assert_cmpstr (evidence_string (result, "sod-signature", "ds_subject"), ==,
                   "CN=HJP PB DS,OU=Document Signer,O=HJP Consulting,C=DE");
  assert_check (result, "ds-chain", BP_VERDICT_NOT_PERFORMED);
  assert_check (result, "crl", BP_VERDICT_NOT_PERFORMED);
  assert_check (result, "issuing-state", BP_VERDICT_NOT_PERFORMED);
  assert_check (result, "dg1", BP_VERDICT_PASSED);
  g_assert_cmpstr (evidence_string (result, "dg1", "actual_hash"), ==,
                   "4170CA879FCE6A22FFEF1567FF88079F415C66EAD250AB5F23781AC2CDBF42B6");
  assert_check (result, "dg14", BP_VERDICT_PASSED);
  g_assert_cmpstr (evidence_string (result, "dg14", "hash_algorithm"), ==, "SHA-256");
  /* Listed but not read. */
  assert_check (result, "dg2", BP_VERDICT_NOT_PERFORMED);
  assert_check (result, "dg3", BP_VERDICT_NOT_PERFORMED);
  assert_check (result, "dg4", BP_VERDICT_NOT_PERFORMED);
  /* DG15 is in the set but its hash is not in this SOD: whatever it holds
   * (an Active Authentication key) is unsigned, so the data set as a whole
   * fails. */
  assert_check (result, "dg15", BP_VERDICT_FAILED);
  g_assert_cmpint (bp_pa_result_get_verdict (result), ==, BP_DOCUMENT_FAILED);

  json = bp_pa_result_to_json (result);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "verdict"), ==, "failed");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "checks")), ==,
                    bp_pa_result_get_n_checks (result));

  /* As the chip is read without DG15: doubtful, because the CSCA is unknown. */
  g_hash_table_remove (groups, GUINT_TO_POINTER (15));
  without_dg15 = verify (sod, groups, store, NULL, NULL);
  g_assert_false (bp_pa_result_lookup (without_dg15, "dg15", NULL, NULL, NULL));
  g_assert_cmpint (bp_pa_result_get_verdict (without_dg15), ==, BP_DOCUMENT_DOUBTFUL);
  g_assert_cmpstr (bp_pa_result_get_reason (without_dg15), ==,
                   "Not checked: the CSCA that issued the Document Signer certificate is not in the trust store.");
}

static void
test_missing_sod (void)
{
  g_autoptr (GHashTable) groups = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_bytes_unref);
  g_autoptr (BpPaResult) result = NULL;

  g_hash_table_insert (groups, GUINT_TO_POINTER (1), load_data ("bsi-mustermann/DG1.bin"));
  result = verify (NULL, groups, shared_store, NULL, NULL);
  assert_check (result, "sod", BP_VERDICT_NOT_PERFORMED);
  assert_check (result, "dg1", BP_VERDICT_NOT_PERFORMED);
  g_assert_cmpint (bp_pa_result_get_verdict (result), ==, BP_DOCUMENT_DOUBTFUL);
}

/* Hostile SODs: every result is a set of checks, never a crash or a leak
 * (this runs under ASan and UBSan in CI), and a structurally broken object
 * is never genuine. */
static GBytes *
wrap77 (const guint8 *data,
        gsize length)
{
  GByteArray *out = g_byte_array_new ();
  guint8 header[] = { 0x77, 0x82, (guint8) (length >> 8), (guint8) length };

  g_byte_array_append (out, header, sizeof header);
  g_byte_array_append (out, data, length);
  return g_byte_array_free_to_bytes (out);
}

static void
test_hostile (void)
{
  static const guint8 huge[][8] = {
    { 0x77, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0x30, 0x00 },
    { 0x77, 0x06, 0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF },
    { 0x77, 0x80, 0x30, 0x80, 0x00, 0x00, 0x00, 0x00 },
    { 0x77, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 },
    { 0x30, 0x06, 0x30, 0x04, 0x06, 0x02, 0x2A, 0x03 },
  };
  const char *names[] = { "genuine-bp", "genuine-pss" };

  for (guint i = 0; i < G_N_ELEMENTS (huge); i++)
    {
      g_autoptr (GHashTable) groups = g_hash_table_new (NULL, NULL);
      g_autoptr (GBytes) sod = g_bytes_new_static (huge[i], sizeof huge[i]);
      g_autoptr (BpPaResult) result = verify (sod, groups, shared_store, NULL, NULL);

      assert_check (result, "sod", BP_VERDICT_FAILED);
    }

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      g_autoptr (GBytes) sod = NULL;
      g_autoptr (GHashTable) groups = read_case (names[n], &sod);
      gsize size;
      const guint8 *data = g_bytes_get_data (sod, &size);
      guint genuine = 0;

      /* Truncated inside, with a consistent outer length. */
      for (gsize length = 0; length + 4 < size; length += 23)
        {
          g_autoptr (GBytes) cut = wrap77 (data + 4, length);
          g_autoptr (BpPaResult) result = verify (cut, groups, shared_store, NULL, NULL);

          g_assert_cmpint (bp_pa_result_get_verdict (result), !=, BP_DOCUMENT_GENUINE);
        }

      /* Random bytes changed. */
      for (guint round = 0; round < 150; round++)
        {
          g_autoptr (GByteArray) copy = g_byte_array_sized_new (size);
          g_autoptr (GBytes) mutated = NULL;
          g_autoptr (BpPaResult) result = NULL;

          g_byte_array_append (copy, data, size);
          for (guint flips = g_test_rand_int_range (1, 4); flips > 0; flips--)
            copy->data[g_test_rand_int_range (4, size)] = (guint8) g_test_rand_int_range (0, 256);
          mutated = g_byte_array_free_to_bytes (g_steal_pointer (&copy));
          result = verify (mutated, groups, shared_store, NULL, NULL);
          if (bp_pa_result_get_verdict (result) == BP_DOCUMENT_GENUINE)
            genuine++;
          g_assert_cmpuint (bp_pa_result_get_n_checks (result), >, 0);
        }
      g_test_message ("%s: %u of 150 mutations left outside the signed data", names[n], genuine);
    }
}

int
main (int argc,
      char **argv)
{
  const char *const files[] = { "ml.der", "crl-bp.der", NULL };
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  make_test_pki ();
  shared_store = make_store (files);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/borderpost/pki/passive-auth/case/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/borderpost/pki/passive-auth/evidence", test_evidence);
  g_test_add_func ("/borderpost/pki/passive-auth/store-document-signer", test_store_document_signer);
  g_test_add_func ("/borderpost/pki/passive-auth/rollover", test_rollover);
  g_test_add_func ("/borderpost/pki/passive-auth/expired-crl", test_expired_crl);
  g_test_add_func ("/borderpost/pki/passive-auth/no-store", test_no_store);
  g_test_add_func ("/borderpost/pki/passive-auth/later", test_later);
  g_test_add_func ("/borderpost/pki/passive-auth/mrz", test_mrz);
  g_test_add_func ("/borderpost/pki/passive-auth/absent-group", test_absent_group);
  g_test_add_func ("/borderpost/pki/passive-auth/broken-signature", test_broken_signature);
  g_test_add_func ("/borderpost/pki/passive-auth/changed-hash-list", test_changed_hash_list);
  g_test_add_func ("/borderpost/pki/passive-auth/bsi", test_bsi);
  g_test_add_func ("/borderpost/pki/passive-auth/missing-sod", test_missing_sod);
  g_test_add_func ("/borderpost/pki/passive-auth/hostile", test_hostile);

  status = g_test_run ();
  g_clear_object (&shared_store);
  remove_test_pki ();
  return status;
}
