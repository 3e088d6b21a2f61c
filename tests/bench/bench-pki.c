/* bench-pki.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Passive Authentication and trust store figures, one JSON object each.
 * Every figure has a ratio to a baseline measured in the same run:
 * - pa_genuine_cpu_ms: CPU time of one full Passive Authentication
 *   (brainpool SOD, DS chain, CRL, three data groups) with the 308-CSCA
 *   store; its ratio to the same with a 2-CSCA store shows what the store
 *   size costs; its ratio to a bare CMS_verify of the same SOD (signature
 *   only) shows the overhead of everything else.
 * - master_list_import_ms: importing the Dutch master list (306 CSCAs)
 *   into an empty store; ratio to CMS_verify of that list alone. */

#include "config.h"

#include <openssl/cms.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <time.h>

#include "bp-passive-auth.h"
#include "bp-trust-store.h"

#define ROUNDS 60

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return values[n / 2];
}

static void
print_figure (const char *name,
              double value,
              const char *unit)
{
  printf ("{\"figure\":\"%s\",\"value\":%.4f,\"unit\":\"%s\"}\n", name, value, unit);
}

static GBytes *
load (const char *dir,
      const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    g_error ("cannot read %s", path);
  return g_bytes_new_take (contents, length);
}

static void
import (BpTrustStore *store,
        GBytes *data,
        GBytes *anchor)
{
  g_autoptr (GError) error = NULL;
  BpTrustImport *result = bp_trust_store_import (store, data, anchor, NULL, &error);

  if (result == NULL)
    g_error ("%s", error->message);
  bp_trust_import_free (result);
}

static double
time_pa (GBytes *sod,
         GHashTable *groups,
         BpTrustStore *store)
{
  double times[ROUNDS];

  for (guint i = 0; i < ROUNDS; i++)
    {
      g_autoptr (GError) error = NULL;
      double start = cpu_ms ();
      g_autoptr (BpPaResult) result = bp_passive_auth_verify (sod, groups, store, NULL, NULL, &error);

      times[i] = cpu_ms () - start;
      if (result == NULL || bp_pa_result_get_verdict (result) != BP_DOCUMENT_GENUINE)
        g_error ("the benchmark document is not genuine");
    }
  return median (times, ROUNDS);
}

static double
time_cms_verify (const guint8 *der,
                 gsize length,
                 guint rounds)
{
  double times[ROUNDS];

  for (guint i = 0; i < rounds; i++)
    {
      const unsigned char *p = der;
      double start = cpu_ms ();
      CMS_ContentInfo *cms = d2i_CMS_ContentInfo (NULL, &p, (long) length);
      BIO *out = BIO_new (BIO_s_mem ());

      CMS_verify (cms, NULL, NULL, NULL, out, CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY);
      times[i] = cpu_ms () - start;
      BIO_free (out);
      CMS_ContentInfo_free (cms);
    }
  return median (times, rounds);
}

int
main (int argc,
      char **argv)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  g_autofree char *data_dir = NULL;
  g_autofree char *pki_dir = NULL;
  g_autofree char *script = NULL;
  g_autofree char *case_dir = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) nl_list = NULL;
  g_autoptr (GBytes) nl_anchor = NULL;
  g_autoptr (GBytes) test_list = NULL;
  g_autoptr (GBytes) test_anchor = NULL;
  g_autoptr (GBytes) crl = NULL;
  g_autoptr (GBytes) sod = NULL;
  g_autoptr (GHashTable) groups = NULL;
  g_autoptr (BpTrustStore) small = NULL;
  g_autoptr (BpTrustStore) large = NULL;
  double import_times[5];
  double pa_small, pa_large, bare, list_verify;
  int status = 0;
  gsize size;
  const guint8 *data;

  if (srcdir == NULL)
    g_error ("G_TEST_SRCDIR is not set");
  data_dir = g_build_filename (srcdir, "pki", "data", NULL);
  script = g_build_filename (srcdir, "pki", "make-test-pki.sh", NULL);
  pki_dir = g_dir_make_tmp ("borderpost-bench-pki-XXXXXX", &error);
  g_assert_no_error (error);
  {
    const char *args[] = { "bash", script, pki_dir, NULL };

    g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                  NULL, NULL, &status, &error);
    g_assert_no_error (error);
  }

  nl_list = load (data_dir, "NL_MASTERLIST_20211207.mls");
  nl_anchor = load (data_dir, "CSCA_NL_6.cer");
  test_list = load (pki_dir, "ml.der");
  test_anchor = load (pki_dir, "anchor.pem");
  crl = load (pki_dir, "crl-bp.der");

  for (guint i = 0; i < G_N_ELEMENTS (import_times); i++)
    {
      g_autoptr (BpTrustStore) store = bp_trust_store_open (":memory:", &error);
      double start = cpu_ms ();

      import (store, nl_list, nl_anchor);
      import_times[i] = cpu_ms () - start;
    }
  data = g_bytes_get_data (nl_list, &size);
  list_verify = time_cms_verify (data, size, 5);
  print_figure ("master_list_import_306_cscas_ms", median (import_times, 5), "ms");
  print_figure ("master_list_import_ratio_to_cms_verify", median (import_times, 5) / list_verify, "ratio");

  small = bp_trust_store_open (":memory:", &error);
  import (small, test_list, test_anchor);
  import (small, crl, NULL);
  large = bp_trust_store_open (":memory:", &error);
  import (large, nl_list, nl_anchor);
  import (large, test_list, test_anchor);
  import (large, crl, NULL);

  case_dir = g_build_filename (pki_dir, "genuine-bp", NULL);
  groups = bp_passive_auth_read_dir (case_dir, &sod, &error);
  g_assert_no_error (error);

  pa_small = time_pa (sod, groups, small);
  pa_large = time_pa (sod, groups, large);
  data = g_bytes_get_data (sod, &size);
  bare = time_cms_verify (data + 4, size - 4, ROUNDS);
  print_figure ("pa_genuine_cpu_ms", pa_large, "ms");
  print_figure ("pa_genuine_ratio_308_to_2_cscas", pa_large / pa_small, "ratio");
  print_figure ("pa_genuine_ratio_to_bare_cms_verify", pa_large / bare, "ratio");

  {
    const char *args[] = { "rm", "-rf", pki_dir, NULL };

    g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  return 0;
}
