/* bench-pki.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Authenticity figures (ICAO 9303-11), one JSON object each; medians of
 * CPU time (and wall time where the disk or the machine matters). Every
 * figure has a ratio to a baseline measured in the same run:
 * - master_list_import_306_cscas_ms: importing the Dutch master list into
 *   an empty store; ratio to CMS_verify of that list alone.
 * - master_list_import_500_cscas_ms: the same with a synthetic list of 500
 *   CSCAs of 125 countries made at run time; ratio to its CMS_verify; the
 *   cost per CSCA and its ratio to that of a list of 250 made alike (1:
 *   import time is linear in the list's size); and into a trust store
 *   file, CPU and wall time.
 * - pa_genuine_cpu_ms: one full Passive Authentication (brainpool SOD, DS
 *   chain, CRL, three data groups) with the 308-CSCA store; its ratio to
 *   the same with a 2-CSCA store, and pa_genuine_ratio_502_to_2_cscas with
 *   the synthetic 500 (1: the CSCA lookup does not grow with the store);
 *   its ratio to a bare CMS_verify of the same SOD (signature only), the
 *   baseline of all the per-document figures.
 * - aa_*: verifying an Active Authentication answer (RSA 2048 ISO/IEC
 *   9796-2, ECDSA brainpoolP256r1) against a DG15.
 * - ca_key_agreement_*: the terminal's side of Chip Authentication's key
 *   agreement (ephemeral key, ECDH, KDF), with OpenSSL directly.
 * - document_pa_aa_ca_*: all three for one document (502 CSCAs, ECDSA AA,
 *   brainpool CA), CPU and wall time. */

#include "config.h"

#include <openssl/cms.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <time.h>

#include "bench-pki-synth.h"
#include "bp-active-auth.h"
#include "bp-passive-auth.h"
#include "bp-trust-store.h"

#define ROUNDS 60
#define DOCUMENT_ROUNDS 100
#define IMPORT_ROUNDS 7
#define LIST_VERIFY_ROUNDS 25
#define SYNTHETIC_CSCAS 500

static const guint8 challenge[8] = { 0x47, 0x11, 0x08, 0x15, 0xCA, 0xFE, 0xBA, 0xBE };

typedef struct
{
  double cpu;
  double wall;
} Timing;

typedef void (*Job) (gpointer data);

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
wall_ms (void)
{
  return g_get_monotonic_time () / 1e3;
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

typedef struct
{
  Job job;
  gpointer data;
  Timing median;
} Task;

/* Runs each of @tasks once a round, in turn, so that a slow or a fast
 * moment of the shared machine falls on all of them alike, and sets each
 * one's median CPU and wall time. */
static void
measure_together (Task *tasks,
                  guint n_tasks,
                  guint rounds)
{
  g_autofree double *cpu = g_new (double, n_tasks *rounds);
  g_autofree double *wall = g_new (double, n_tasks *rounds);

  for (guint i = 0; i < rounds; i++)
    for (guint t = 0; t < n_tasks; t++)
      {
        double cpu_start = cpu_ms ();
        double wall_start = wall_ms ();

        tasks[t].job (tasks[t].data);
        cpu[t * rounds + i] = cpu_ms () - cpu_start;
        wall[t * rounds + i] = wall_ms () - wall_start;
      }
  for (guint t = 0; t < n_tasks; t++)
    tasks[t].median = (Timing){ median (cpu + t * rounds, rounds), median (wall + t * rounds, rounds) };
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

static BpTrustImport *
import (BpTrustStore *store,
        GBytes *data,
        GBytes *anchor)
{
  g_autoptr (GError) error = NULL;
  BpTrustImport *result = bp_trust_store_import (store, data, anchor, NULL, &error);

  if (result == NULL)
    g_error ("%s", error->message);
  return result;
}

/* Imports @list into a new store each run: in memory when @dir is NULL,
 * else a new file in @dir. The stores are opened beforehand. */
typedef struct
{
  GBytes *list;
  GBytes *anchor;
  BpTrustStore *stores[IMPORT_ROUNDS];
  guint next;
} ImportJob;

static void
import_job_init (ImportJob *job,
                 GBytes *list,
                 GBytes *anchor,
                 const char *dir)
{
  *job = (ImportJob){ list, anchor };
  for (guint i = 0; i < IMPORT_ROUNDS; i++)
    {
      g_autofree char *name = g_strdup_printf ("trust-%u.sqlite", i);
      g_autofree char *path = dir != NULL ? g_build_filename (dir, name, NULL) : g_strdup (":memory:");
      g_autoptr (GError) error = NULL;

      job->stores[i] = bp_trust_store_open (path, &error);
      g_assert_no_error (error);
    }
}

static void
import_job_clear (ImportJob *job)
{
  for (guint i = 0; i < IMPORT_ROUNDS; i++)
    g_clear_object (&job->stores[i]);
}

static void
run_import (gpointer data)
{
  ImportJob *job = data;

  g_assert_cmpuint (job->next, <, IMPORT_ROUNDS);
  bp_trust_import_free (import (job->stores[job->next++], job->list, job->anchor));
}

typedef struct
{
  GBytes *sod;
  GHashTable *groups;
  BpTrustStore *store;
} PaJob;

static void
run_pa (gpointer data)
{
  PaJob *job = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (BpPaResult) result = bp_passive_auth_verify (job->sod, job->groups, job->store, NULL, NULL, &error);

  if (result == NULL || bp_pa_result_get_verdict (result) != BP_DOCUMENT_GENUINE)
    g_error ("the benchmark document is not genuine");
}

typedef struct
{
  const guint8 *der;
  gsize length;
} CmsJob;

/* The baseline: parse and verify the signature only, no chain. */
static void
run_cms_verify (gpointer data)
{
  CmsJob *job = data;
  const unsigned char *p = job->der;
  CMS_ContentInfo *cms = d2i_CMS_ContentInfo (NULL, &p, (long) job->length);
  BIO *out = BIO_new (BIO_s_mem ());

  if (CMS_verify (cms, NULL, NULL, NULL, out, CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) != 1)
    g_error ("the baseline signature does not verify");
  BIO_free (out);
  CMS_ContentInfo_free (cms);
}

typedef struct
{
  GBytes *dg15;
  guint8 *response;
  gsize length;
  const char *hash;
} AaJob;

static void
aa_job_init (AaJob *job,
             EVP_PKEY *key)
{
  job->dg15 = bench_aa_dg15 (key);
  job->response = bench_aa_sign (key, challenge, sizeof challenge, &job->length);
  job->hash = EVP_PKEY_get_base_id (key) == EVP_PKEY_RSA ? NULL : "SHA256";
}

static void
aa_job_clear (AaJob *job)
{
  g_bytes_unref (job->dg15);
  g_free (job->response);
}

static void
run_aa (gpointer data)
{
  AaJob *job = data;
  g_autoptr (GError) error = NULL;

  if (!bp_active_auth_verify (job->dg15, challenge, sizeof challenge, job->response, job->length, job->hash, NULL,
                              &error))
    g_error ("Active Authentication: %s", error->message);
}

/* @data is the chip's static Chip Authentication key, its public half only
 * (as DG14 gives it). */
static void
run_ca (gpointer data)
{
  EVP_PKEY *chip_key = data;
  guint8 k_enc[16];
  guint8 k_mac[16];

  /* The terminal side of the Chip Authentication protocol goes here once app/core/emrtd has it. */
  bench_ca_key_agreement (chip_key, k_enc, k_mac);
}

typedef struct
{
  PaJob pa;
  AaJob aa;
  EVP_PKEY *chip_key;
} DocumentJob;

/* Everything a document costs the terminal's CPU: PA, AA and CA. */
static void
run_document (gpointer data)
{
  DocumentJob *job = data;

  run_pa (&job->pa);
  run_aa (&job->aa);
  run_ca (job->chip_key);
}

static EVP_PKEY *
public_half (EVP_PKEY *key)
{
  unsigned char *spki = NULL;
  int length = i2d_PUBKEY (key, &spki);
  const unsigned char *p = spki;
  EVP_PKEY *public = d2i_PUBKEY (NULL, &p, length);

  OPENSSL_free (spki);
  if (public == NULL)
    g_error ("cannot decode a public key");
  return public;
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
  g_autoptr (BpTrustStore) synthetic = NULL;
  BenchMasterList list = { 0 };
  BenchMasterList half_list = { 0 };
  BenchKeys *keys;
  CmsJob bare_job;
  DocumentJob document;
  AaJob aa_rsa;
  double start;
  int status = 0;
  gsize size;

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
    g_spawn_check_wait_status (status, &error);
    g_assert_no_error (error);
  }

  nl_list = load (data_dir, "NL_MASTERLIST_20211207.mls");
  nl_anchor = load (data_dir, "CSCA_NL_6.cer");
  test_list = load (pki_dir, "ml.der");
  test_anchor = load (pki_dir, "anchor.pem");
  crl = load (pki_dir, "crl-bp.der");

  start = wall_ms ();
  keys = bench_keys_new ();
  bench_master_list_make (keys, SYNTHETIC_CSCAS, &list);
  bench_master_list_make (keys, SYNTHETIC_CSCAS / 2, &half_list);
  g_printerr ("synthetic master list: %u CSCAs, %u countries, %zu bytes, made in %.0f ms\n", list.cscas,
              list.countries, g_bytes_get_size (list.list), wall_ms () - start);
  {
    g_autoptr (BpTrustStore) store = bp_trust_store_open (":memory:", &error);
    g_autoptr (BpTrustImport) result = import (store, list.list, list.anchor);

    if (result->imported != SYNTHETIC_CSCAS || result->countries->len != list.countries)
      g_error ("the synthetic list imported %u CSCAs of %u countries", result->imported, result->countries->len);
  }

  /* Master lists: the Dutch one (306 real CSCAs) and the synthetic ones
   * (500 and 250), imported in memory, and the 500 into a trust store file
   * as the workstation does; then their signatures alone. */
  {
    ImportJob nl_job, list_job, file_job, half_job;
    CmsJob nl_cms, list_cms;
    Task imports[] = { { run_import, &nl_job }, { run_import, &list_job }, { run_import, &file_job }, { run_import, &half_job } };
    Task verifies[] = { { run_cms_verify, &nl_cms }, { run_cms_verify, &list_cms } };
    Timing nl_import, list_import, file_import, half_import, nl_verify, list_verify;
    double per_csca, half_per_csca;

    import_job_init (&nl_job, nl_list, nl_anchor, NULL);
    import_job_init (&list_job, list.list, list.anchor, NULL);
    import_job_init (&file_job, list.list, list.anchor, pki_dir);
    import_job_init (&half_job, half_list.list, half_list.anchor, NULL);
    nl_cms.der = g_bytes_get_data (nl_list, &nl_cms.length);
    list_cms.der = g_bytes_get_data (list.list, &list_cms.length);
    measure_together (imports, G_N_ELEMENTS (imports), IMPORT_ROUNDS);
    measure_together (verifies, G_N_ELEMENTS (verifies), LIST_VERIFY_ROUNDS);
    import_job_clear (&nl_job);
    import_job_clear (&list_job);
    import_job_clear (&file_job);
    import_job_clear (&half_job);
    nl_import = imports[0].median;
    list_import = imports[1].median;
    file_import = imports[2].median;
    half_import = imports[3].median;
    nl_verify = verifies[0].median;
    list_verify = verifies[1].median;

    per_csca = list_import.cpu / SYNTHETIC_CSCAS;
    half_per_csca = half_import.cpu / (SYNTHETIC_CSCAS / 2);
    print_figure ("master_list_import_306_cscas_ms", nl_import.cpu, "ms");
    print_figure ("master_list_import_ratio_to_cms_verify", nl_import.cpu / nl_verify.cpu, "ratio");
    print_figure ("master_list_import_500_cscas_ms", list_import.cpu, "ms");
    print_figure ("master_list_import_500_ratio_to_cms_verify", list_import.cpu / list_verify.cpu, "ratio");
    print_figure ("master_list_import_per_csca_cpu_us", per_csca * 1e3, "us");
    print_figure ("master_list_import_per_csca_ratio_500_to_250", per_csca / half_per_csca, "ratio");
    print_figure ("master_list_import_500_cscas_file_cpu_ms", file_import.cpu, "ms");
    print_figure ("master_list_import_500_cscas_file_wall_ms", file_import.wall, "ms");
    print_figure ("master_list_import_500_file_wall_ratio_to_cms_verify", file_import.wall / list_verify.wall,
                  "ratio");
  }

  /* Passive Authentication of a genuine document with 2, 308 and 502 CSCAs
   * in the store. */
  small = bp_trust_store_open (":memory:", &error);
  bp_trust_import_free (import (small, test_list, test_anchor));
  bp_trust_import_free (import (small, crl, NULL));
  large = bp_trust_store_open (":memory:", &error);
  bp_trust_import_free (import (large, nl_list, nl_anchor));
  bp_trust_import_free (import (large, test_list, test_anchor));
  bp_trust_import_free (import (large, crl, NULL));
  synthetic = bp_trust_store_open (":memory:", &error);
  bp_trust_import_free (import (synthetic, list.list, list.anchor));
  bp_trust_import_free (import (synthetic, test_list, test_anchor));
  bp_trust_import_free (import (synthetic, crl, NULL));

  case_dir = g_build_filename (pki_dir, "genuine-bp", NULL);
  groups = bp_passive_auth_read_dir (case_dir, &sod, &error);
  g_assert_no_error (error);
  bare_job.der = g_bytes_get_data (sod, &size);
  bare_job.der += 4;
  bare_job.length = size - 4;

  {
    PaJob pa_small = { sod, groups, small };
    PaJob pa_large = { sod, groups, large };
    PaJob pa_synthetic = { sod, groups, synthetic };
    Task tasks[] = {
      { run_pa, &pa_small }, { run_pa, &pa_large }, { run_pa, &pa_synthetic }, { run_cms_verify, &bare_job }
    };
    double bare;

    measure_together (tasks, G_N_ELEMENTS (tasks), ROUNDS);
    bare = tasks[3].median.cpu;
    print_figure ("pa_genuine_cpu_ms", tasks[1].median.cpu, "ms");
    print_figure ("pa_genuine_ratio_308_to_2_cscas", tasks[1].median.cpu / tasks[0].median.cpu, "ratio");
    print_figure ("pa_genuine_ratio_to_bare_cms_verify", tasks[1].median.cpu / bare, "ratio");
    print_figure ("pa_genuine_502_cscas_cpu_ms", tasks[2].median.cpu, "ms");
    print_figure ("pa_genuine_ratio_502_to_2_cscas", tasks[2].median.cpu / tasks[0].median.cpu, "ratio");
  }

  /* One document's authenticity, all of it: PA (502 CSCAs), AA and the
   * terminal's side of CA's key agreement; the chip is brainpoolP256r1. */
  aa_job_init (&aa_rsa, keys->rsa);
  aa_job_init (&document.aa, keys->brainpool);
  document.pa = (PaJob){ sod, groups, synthetic };
  document.chip_key = public_half (keys->brainpool);
  {
    Task tasks[] = { { run_aa, &aa_rsa },
                     { run_aa, &document.aa },
                     { run_ca, document.chip_key },
                     { run_document, &document },
                     { run_cms_verify, &bare_job } };
    double bare;

    measure_together (tasks, G_N_ELEMENTS (tasks), DOCUMENT_ROUNDS);
    bare = tasks[4].median.cpu;
    print_figure ("aa_rsa2048_cpu_ms", tasks[0].median.cpu, "ms");
    print_figure ("aa_rsa2048_ratio_to_bare_cms_verify", tasks[0].median.cpu / bare, "ratio");
    print_figure ("aa_ecdsa_brainpoolp256r1_cpu_ms", tasks[1].median.cpu, "ms");
    print_figure ("aa_ecdsa_brainpoolp256r1_ratio_to_bare_cms_verify", tasks[1].median.cpu / bare, "ratio");
    print_figure ("ca_key_agreement_brainpoolp256r1_cpu_ms", tasks[2].median.cpu, "ms");
    print_figure ("ca_key_agreement_ratio_to_bare_cms_verify", tasks[2].median.cpu / bare, "ratio");
    print_figure ("document_pa_aa_ca_cpu_ms", tasks[3].median.cpu, "ms");
    print_figure ("document_pa_aa_ca_wall_ms", tasks[3].median.wall, "ms");
    print_figure ("document_pa_aa_ca_ratio_to_bare_cms_verify", tasks[3].median.cpu / bare, "ratio");
    print_figure ("document_pa_aa_ca_wall_ratio_to_bare_cms_verify", tasks[3].median.wall / tasks[4].median.wall,
                  "ratio");
  }

  aa_job_clear (&aa_rsa);
  aa_job_clear (&document.aa);
  EVP_PKEY_free (document.chip_key);
  bench_master_list_clear (&list);
  bench_master_list_clear (&half_list);
  bench_keys_free (keys);
  {
    const char *args[] = { "rm", "-rf", pki_dir, NULL };

    g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  return 0;
}
