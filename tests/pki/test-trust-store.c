/* test-trust-store.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "bp-pki.h"
#include "bp-trust-store.h"
#include "pki-fixtures.h"

static BpTrustStore *
open_memory (void)
{
  g_autoptr (GError) error = NULL;
  BpTrustStore *store = bp_trust_store_open (":memory:", &error);

  g_assert_no_error (error);
  return store;
}

static guint
count_kind (BpTrustStore *store,
            BpTrustKind kind)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = bp_trust_store_list (store, NULL, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    if (((BpTrustEntry *) g_ptr_array_index (entries, i))->kind == kind)
      n++;
  return n;
}

static void
test_nl_master_list (void)
{
  g_autoptr (BpTrustStore) store = open_memory ();
  g_autoptr (GBytes) list = load_data ("NL_MASTERLIST_20211207.mls");
  g_autoptr (GBytes) anchor = load_data ("CSCA_NL_6.cer");
  g_autoptr (BpTrustImport) import = NULL;
  g_autoptr (BpTrustImport) again = NULL;
  g_autoptr (GPtrArray) countries = NULL;
  g_autoptr (GError) error = NULL;

  import = bp_trust_store_import (store, list, anchor, "NL", &error);
  g_assert_no_error (error);
  g_assert_nonnull (import);
  g_assert_cmpuint (import->in_file, ==, 306);
  g_assert_cmpuint (import->imported, ==, 306);
  g_assert_cmpuint (import->duplicates, ==, 0);
  /* 100 distinct countryName values, but al, ar, gb, ro and si also occur
   * in capitals ("AL" does not): 96 countries once case is folded. */
  g_assert_cmpuint (import->countries->len, ==, 96);
  g_assert_true (g_ptr_array_find_with_equal_func (import->countries, "AL", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (import->countries, "CO", g_str_equal, NULL));
  g_assert_nonnull (strstr (import->signer, "Masterlist Signer NL"));
  g_assert_cmpuint (count_kind (store, BP_TRUST_KIND_CSCA), ==, 306);
  g_assert_cmpuint (count_kind (store, BP_TRUST_KIND_ANCHOR), ==, 1);

  countries = bp_trust_store_list_countries (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (countries->len, ==, 96);

  /* The anchor is configured now: the list is accepted without it, and
   * every certificate is a duplicate. */
  again = bp_trust_store_import (store, list, NULL, "NL again", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->imported, ==, 0);
  g_assert_cmpuint (again->duplicates, ==, 306);
  g_assert_cmpuint (count_kind (store, BP_TRUST_KIND_CSCA), ==, 306);
}

static void
test_nl_master_list_untrusted (void)
{
  g_autoptr (BpTrustStore) store = open_memory ();
  g_autoptr (GBytes) list = load_data ("NL_MASTERLIST_20211207.mls");
  g_autoptr (GBytes) wrong = load_pki ("anchor.pem");
  g_autoptr (GBytes) not_a_cert = load_data ("COL.crl");
  g_autoptr (BpTrustImport) import = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = NULL;

  import = bp_trust_store_import (store, list, NULL, NULL, &error);
  g_assert_error (error, BP_PKI_ERROR, BP_PKI_ERROR_UNTRUSTED);
  g_assert_null (import);
  g_clear_error (&error);

  import = bp_trust_store_import (store, list, wrong, NULL, &error);
  g_assert_error (error, BP_PKI_ERROR, BP_PKI_ERROR_UNTRUSTED);
  g_assert_null (import);
  g_clear_error (&error);

  import = bp_trust_store_import (store, list, not_a_cert, NULL, &error);
  g_assert_error (error, BP_PKI_ERROR, BP_PKI_ERROR_INVALID);
  g_assert_null (import);
  g_clear_error (&error);

  /* Nothing at all was stored, not even the wrong anchor. */
  entries = bp_trust_store_list (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);
}

static void
test_tampered_master_list (void)
{
  g_autoptr (BpTrustStore) store = open_memory ();
  g_autoptr (GBytes) list = load_data ("NL_MASTERLIST_20211207.mls");
  g_autoptr (GBytes) anchor = load_data ("CSCA_NL_6.cer");
  g_autoptr (GBytes) tampered = NULL;
  g_autoptr (BpTrustImport) import = NULL;
  g_autoptr (GError) error = NULL;
  gsize size = g_bytes_get_size (list);
  guint8 *copy = g_memdup2 (g_bytes_get_data (list, NULL), size);

  /* A byte in the middle of the certificate list. */
  copy[size / 2] ^= 0x01;
  tampered = g_bytes_new_take (copy, size);
  import = bp_trust_store_import (store, tampered, anchor, NULL, &error);
  g_assert_nonnull (error);
  g_assert_null (import);
  g_assert_cmpuint (count_kind (store, BP_TRUST_KIND_CSCA), ==, 0);
}

static void
test_expired_crl (void)
{
  g_autoptr (BpTrustStore) store = open_memory ();
  g_autoptr (GBytes) list = load_data ("NL_MASTERLIST_20211207.mls");
  g_autoptr (GBytes) anchor = load_data ("CSCA_NL_6.cer");
  g_autoptr (GBytes) crl = load_data ("COL.crl");
  g_autoptr (BpTrustImport) import = NULL;
  g_autoptr (BpTrustImport) crl_import = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;
  gboolean found = FALSE;

  /* Without the Colombian CSCA the CRL cannot be verified. */
  crl_import = bp_trust_store_import (store, crl, NULL, NULL, &error);
  g_assert_error (error, BP_PKI_ERROR, BP_PKI_ERROR_NOT_FOUND);
  g_assert_null (crl_import);
  g_clear_error (&error);

  import = bp_trust_store_import (store, list, anchor, NULL, &error);
  g_assert_no_error (error);
  crl_import = bp_trust_store_import (store, crl, NULL, "COL.crl", &error);
  g_assert_no_error (error);
  g_assert_cmpint (crl_import->kind, ==, BP_TRUST_KIND_CRL);
  g_assert_cmpuint (crl_import->imported, ==, 1);
  g_assert_true (crl_import->expired);

  entries = bp_trust_store_list (store, "co", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  for (guint i = 0; i < entries->len; i++)
    {
      BpTrustEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr (JsonNode) node = bp_trust_entry_to_json (entry);
      JsonObject *object = json_node_get_object (node);

      if (entry->kind != BP_TRUST_KIND_CRL)
        continue;
      found = TRUE;
      g_assert_true (json_object_get_boolean_member (object, "expired"));
      g_assert_cmpstr (json_object_get_string_member (object, "next_update"), ==, "2020-08-06T12:38:29Z");
      g_assert_cmpstr (entry->serial, ==, "037B"); /* CRL number 891 */
    }
  g_assert_true (found);
}

static void
test_tampered_crl (void)
{
  g_autoptr (BpTrustStore) store = open_memory ();
  g_autoptr (GBytes) csca = load_pki ("csca-bp.pem");
  g_autoptr (GBytes) crl = load_pki ("crl-bp.der");
  g_autoptr (BpTrustImport) import = NULL;
  g_autoptr (BpTrustImport) crl_import = NULL;
  g_autoptr (GBytes) tampered = NULL;
  g_autoptr (GError) error = NULL;
  gsize size = g_bytes_get_size (crl);
  guint8 *copy = g_memdup2 (g_bytes_get_data (crl, NULL), size);

  import = bp_trust_store_import (store, csca, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (import->kind, ==, BP_TRUST_KIND_CSCA);

  copy[size - 3] ^= 0x40; /* in the signature */
  tampered = g_bytes_new_take (copy, size);
  crl_import = bp_trust_store_import_crl (store, tampered, NULL, &error);
  g_assert_error (error, BP_PKI_ERROR, BP_PKI_ERROR_UNTRUSTED);
  g_assert_null (crl_import);
  g_assert_cmpuint (count_kind (store, BP_TRUST_KIND_CRL), ==, 0);
}

static void
test_test_master_lists (void)
{
  g_autoptr (BpTrustStore) store = open_memory ();
  g_autoptr (GBytes) list = load_pki ("ml.der");
  g_autoptr (GBytes) unknown = load_pki ("ml-unknown.der");
  g_autoptr (GBytes) anchor = load_pki ("anchor.pem");
  g_autoptr (BpTrustImport) import = NULL;
  g_autoptr (BpTrustImport) again = NULL;
  g_autoptr (GError) error = NULL;

  /* Signed by a signer that does not chain to the anchor. */
  import = bp_trust_store_import (store, unknown, anchor, NULL, &error);
  g_assert_error (error, BP_PKI_ERROR, BP_PKI_ERROR_UNTRUSTED);
  g_assert_null (import);
  g_clear_error (&error);
  g_assert_cmpuint (count_kind (store, BP_TRUST_KIND_CSCA), ==, 0);
  g_assert_cmpuint (count_kind (store, BP_TRUST_KIND_ANCHOR), ==, 0);

  import = bp_trust_store_import (store, list, anchor, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (import->imported, ==, 2);
  g_assert_cmpuint (import->countries->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (import->countries, 0), ==, "DE");
  g_assert_cmpstr (g_ptr_array_index (import->countries, 1), ==, "NL");

  /* Still refused once an anchor is configured. */
  again = bp_trust_store_import (store, unknown, NULL, NULL, &error);
  g_assert_error (error, BP_PKI_ERROR, BP_PKI_ERROR_UNTRUSTED);
  g_assert_null (again);
}

static void
test_revocation_marks (void)
{
  g_autoptr (BpTrustStore) store = open_memory ();
  g_autoptr (GBytes) csca = load_pki ("csca-bp.der");
  g_autoptr (GBytes) revoked = load_pki ("ds-revoked.pem");
  g_autoptr (GBytes) valid = load_pki ("ds-bp.der");
  g_autoptr (GBytes) crl = load_pki ("crl-bp.pem");
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;
  guint n_revoked = 0;
  guint n_ds = 0;

  bp_trust_import_free (bp_trust_store_import (store, csca, NULL, NULL, &error));
  g_assert_no_error (error);
  bp_trust_import_free (bp_trust_store_import (store, revoked, NULL, NULL, &error));
  g_assert_no_error (error);
  bp_trust_import_free (bp_trust_store_import (store, valid, NULL, NULL, &error));
  g_assert_no_error (error);
  bp_trust_import_free (bp_trust_store_import (store, crl, NULL, NULL, &error));
  g_assert_no_error (error);

  entries = bp_trust_store_list (store, "NL", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      BpTrustEntry *entry = g_ptr_array_index (entries, i);

      if (entry->kind != BP_TRUST_KIND_DOCUMENT_SIGNER)
        continue;
      n_ds++;
      if (entry->revoked)
        {
          n_revoked++;
          g_assert_nonnull (strstr (entry->subject, "revoked"));
        }
    }
  g_assert_cmpuint (n_ds, ==, 2);
  g_assert_cmpuint (n_revoked, ==, 1);
}

static void
test_remove_and_reopen (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("borderpost-trust-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "sub", "trust.sqlite", NULL);
  g_autoptr (GBytes) csca = load_pki ("csca-pss.pem");
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (BpTrustEntry) entry = NULL;
  BpTrustStore *store;
  gint64 id;

  g_assert_no_error (error);
  store = bp_trust_store_open (path, &error);
  g_assert_no_error (error);
  bp_trust_import_free (bp_trust_store_import (store, csca, NULL, "pss", &error));
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  store = bp_trust_store_open (path, &error);
  g_assert_no_error (error);
  entries = bp_trust_store_list (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_steal_index (entries, 0);
  g_assert_cmpint (entry->kind, ==, BP_TRUST_KIND_CSCA);
  g_assert_cmpstr (entry->country, ==, "DE");
  g_assert_cmpstr (entry->source, ==, "pss");
  g_assert_true (entry->self_signed);
  g_assert_nonnull (entry->ski);
  id = entry->id;

  g_assert_true (bp_trust_store_remove (store, id, &error));
  g_assert_no_error (error);
  g_assert_false (bp_trust_store_remove (store, id, &error));
  g_assert_error (error, BP_PKI_ERROR, BP_PKI_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (bp_trust_store_lookup (store, id, &error));
  g_assert_error (error, BP_PKI_ERROR, BP_PKI_ERROR_NOT_FOUND);
  g_assert_finalize_object (store);

  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_autofree char *sub = g_path_get_dirname (path);

    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (sub);
  }
  g_rmdir (dir);
}

static void
test_garbage (void)
{
  g_autoptr (BpTrustStore) store = open_memory ();
  static const guint8 junk[] = { 0x30, 0x82, 0xFF, 0xFF, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02 };
  g_autoptr (GBytes) data = g_bytes_new_static (junk, sizeof junk);
  g_autoptr (GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr (GError) error = NULL;

  g_assert_null (bp_trust_store_import (store, data, NULL, NULL, &error));
  g_assert_error (error, BP_PKI_ERROR, BP_PKI_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (bp_trust_store_import (store, empty, NULL, NULL, &error));
  g_assert_error (error, BP_PKI_ERROR, BP_PKI_ERROR_INVALID);
}

int
main (int argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  make_test_pki ();

  g_test_add_func ("/borderpost/pki/trust-store/nl-master-list", test_nl_master_list);
  g_test_add_func ("/borderpost/pki/trust-store/nl-master-list-untrusted", test_nl_master_list_untrusted);
  g_test_add_func ("/borderpost/pki/trust-store/tampered-master-list", test_tampered_master_list);
  g_test_add_func ("/borderpost/pki/trust-store/expired-crl", test_expired_crl);
  g_test_add_func ("/borderpost/pki/trust-store/tampered-crl", test_tampered_crl);
  g_test_add_func ("/borderpost/pki/trust-store/test-master-lists", test_test_master_lists);
  g_test_add_func ("/borderpost/pki/trust-store/revocation-marks", test_revocation_marks);
  g_test_add_func ("/borderpost/pki/trust-store/remove-and-reopen", test_remove_and_reopen);
  g_test_add_func ("/borderpost/pki/trust-store/garbage", test_garbage);

  status = g_test_run ();
  remove_test_pki ();
  return status;
}
