/* bench-sync.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drain rate of a backlog, without and with 30 KB photos: crossings/s,
 * MB/s and booth CPU per crossing, against a local borderpost-hq over
 * mutual TLS when BORDERPOST_TEST_PG is set, else against the
 * in-process fake HQ (on its own thread, plain HTTP). The baseline, in
 * the same run, sends the same kind of requests (photo PATCHes four at
 * a time, 500-item batch POSTs) with a bare SoupSession: no store, no
 * bookkeeping. One JSON object per figure.
 *
 * BORDERPOST_BENCH_SYNC_CROSSINGS (default 100000) and
 * BORDERPOST_BENCH_SYNC_PHOTO_CROSSINGS (default 10000) set the sizes.
 */

#define _GNU_SOURCE /* RUSAGE_THREAD */

#include "config.h"

#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "../hq/hq-fixture.h"
#include "bp-sync-private.h"
#include "fake-hq.h"
#include "sync-fixtures.h"

typedef struct
{
  const char *target;
  char *url;
  char *ca;
  char *cert;
  char *key;
  HqFixture hq;
  /* fake */
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  FakeHq *fake;
  GMutex mutex;
  GCond cond;
  gint64 server_cpu_us;
} Target;

/* Where figures go: stdout, unless the HQ fixture's test harness
 * writes its own lines there. */
static FILE *out;

static gint64
cpu_us (int who)
{
  struct rusage ru;

  getrusage (who, &ru);

  return (gint64) (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * G_USEC_PER_SEC + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
}

/* The fake's thread also reports its own CPU, to be taken out. */
static gboolean
report_cpu_cb (gpointer data)
{
  Target *t = data;

  g_mutex_lock (&t->mutex);
  t->server_cpu_us = cpu_us (RUSAGE_THREAD);
  g_cond_signal (&t->cond);
  g_mutex_unlock (&t->mutex);

  return G_SOURCE_REMOVE;
}

static gint64
server_cpu (Target *t)
{
  gint64 value;

  if (t->fake == NULL)
    return 0;

  g_mutex_lock (&t->mutex);
  t->server_cpu_us = -1;
  g_main_context_invoke (t->context, report_cpu_cb, t);
  while (t->server_cpu_us < 0)
    g_cond_wait (&t->cond, &t->mutex);
  value = t->server_cpu_us;
  g_mutex_unlock (&t->mutex);

  return value;
}

static gpointer
fake_thread (gpointer data)
{
  Target *t = data;

  g_main_context_push_thread_default (t->context);
  g_mutex_lock (&t->mutex);
  t->fake = fake_hq_new ();
  g_cond_signal (&t->cond);
  g_mutex_unlock (&t->mutex);
  g_main_loop_run (t->loop);
  g_clear_pointer (&t->fake, fake_hq_free);
  g_main_context_pop_thread_default (t->context);

  return NULL;
}

static void
start_fake (Target *t)
{
  t->target = "in-process fake HQ (plain HTTP)";
  t->context = g_main_context_new ();
  t->loop = g_main_loop_new (t->context, FALSE);
  g_mutex_lock (&t->mutex);
  t->thread = g_thread_new ("fake-hq", fake_thread, t);
  while (t->fake == NULL)
    g_cond_wait (&t->cond, &t->mutex);
  g_mutex_unlock (&t->mutex);
  t->url = g_strdup (t->fake->url);
}

static void
fill (const char *path,
      guint n,
      gsize photo_size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpStore) store = open_store (path);

  g_assert_true (_bp_store_exec_sync (store, "PRAGMA synchronous = OFF", &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *number = g_strdup_printf ("B%08u", i);
      g_autoptr (BpCrossing) crossing = make_crossing (number, "ERIKSSON", "ANNA MARIA");

      bp_crossing_set_booth_id (crossing, "booth-1");
      if (photo_size > 0)
        {
          g_autoptr (GBytes) photo = make_photo (photo_size);

          bp_crossing_set_photo (crossing, photo);
        }
      bp_store_save_crossing_sync (store, crossing, &error);
      g_assert_no_error (error);
    }
}

static void
done_cb (GObject *object,
         GAsyncResult *result,
         gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
print_figure (const char *name,
              const char *variant,
              Target *t,
              guint n,
              double seconds,
              double bytes,
              double cpu_per_crossing_us)
{
  fprintf (out, "{\"benchmark\":\"sync-%s\",\"variant\":\"%s\",\"target\":\"%s\",\"crossings\":%u,\"seconds\":%.2f,"
                "\"crossings_per_s\":%.0f,\"mb_per_s\":%.2f,\"cpu_us_per_crossing\":%.0f}\n",
           name, variant, t->target, n, seconds, n / seconds, bytes / seconds / 1e6, cpu_per_crossing_us);
  fflush (out);
}

/* Drains a backlog with BpSync; returns crossings/s. */
static double
drain (Target *t,
       const char *dir,
       const char *variant,
       guint n,
       gsize photo_size)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, variant, NULL);
  g_autoptr (BpStore) store = NULL;
  g_autoptr (BpSync) sync = NULL;
  g_autoptr (BpOutboxStatus) status = NULL;
  BpSyncConfig config = { .hq_url = t->url, .ca_file = t->ca, .certificate_file = t->cert, .key_file = t->key, .booth_id = "booth-1" };
  gint64 start, cpu_start, server_start;
  double seconds, cpu;
  guint attempts = 0;

  fill (path, n, photo_size);
  store = open_store (path);
  sync = bp_sync_new (store);
  g_assert_true (bp_sync_configure (sync, &config, &error));

  start = g_get_monotonic_time ();
  cpu_start = cpu_us (RUSAGE_SELF);
  server_start = server_cpu (t);
  do
    {
      g_autoptr (GAsyncResult) result = NULL;

      bp_sync_run_once_async (sync, NULL, done_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      bp_sync_run_once_finish (sync, result, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (++attempts, <, 10);
    }
  while (bp_sync_get_queue_depth (sync) > 0);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  cpu = cpu_us (RUSAGE_SELF) - cpu_start - (server_cpu (t) - server_start);

  status = bp_store_get_outbox_status_sync (store, &error);
  g_assert_cmpint (status->delivered, ==, n);

  /* Bytes on the wire, roughly: the item JSON and the photos. */
  print_figure ("drain", variant, t, n, seconds, (double) n * (1200 + photo_size), cpu / n);

  return n / seconds;
}

/* Baseline: the same requests with nothing but a SoupSession. */

typedef struct
{
  SoupSession *session;
  Target *t;
  GPtrArray *photos; /* GBytes */
  guint next;
  guint in_flight;
} Raw;

static void raw_next_photo (Raw *raw);

static void
raw_photo_cb (GObject *object,
              GAsyncResult *result,
              gpointer user_data)
{
  Raw *raw = user_data;
  g_autoptr (GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, NULL);

  g_assert_nonnull (body);
  raw->in_flight--;
  raw_next_photo (raw);
}

static SoupMessage *
raw_message (Raw *raw,
             const char *method,
             const char *path)
{
  g_autofree char *uri = g_strconcat (raw->t->url, path, NULL);
  SoupMessage *msg = soup_message_new (method, uri);

  soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
  if (raw->t->cert != NULL)
    {
      g_autoptr (GTlsCertificate) cert = g_tls_certificate_new_from_files (raw->t->cert, raw->t->key, NULL);

      soup_message_set_tls_client_certificate (msg, cert);
    }

  return msg;
}

static void
raw_next_photo (Raw *raw)
{
  while (raw->in_flight < 4 && raw->next < raw->photos->len)
    {
      GBytes *photo = g_ptr_array_index (raw->photos, raw->next++);
      g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, photo);
      g_autofree char *path = g_strconcat ("/v1/photos/", sha, NULL);
      g_autofree char *length = g_strdup_printf ("%" G_GSIZE_FORMAT, g_bytes_get_size (photo));
      g_autoptr (SoupMessage) msg = raw_message (raw, "PATCH", path);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Upload-Offset", "0");
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Upload-Length", length);
      soup_message_set_request_body_from_bytes (msg, "application/octet-stream", photo);
      raw->in_flight++;
      soup_session_send_and_read_async (raw->session, msg, G_PRIORITY_DEFAULT, NULL, raw_photo_cb, raw);
    }
}

static double
baseline (Target *t,
          const char *variant,
          guint n,
          gsize photo_size)
{
  g_autoptr (GTlsDatabase) database = t->ca ? g_tls_file_database_new (t->ca, NULL) : NULL;
  g_autoptr (GPtrArray) bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr (GPtrArray) batch_photos = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  Raw raw = { 0 };
  gint64 start, cpu_start, server_start;
  double seconds, cpu;

  /* Requests built beforehand: only sending is measured. */
  for (guint done = 0; done < n;)
    {
      g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
      GPtrArray *photos = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

      for (; items->len < BP_SYNC_BATCH_MAX_ITEMS && done < n; done++)
        {
          g_autofree char *number = g_strdup_printf ("R%08u", done);
          g_autoptr (BpCrossing) crossing = make_crossing (number, "ERIKSSON", "ANNA MARIA");

          bp_crossing_set_booth_id (crossing, "booth-1");
          if (photo_size > 0)
            {
              g_autoptr (GBytes) photo = make_photo (photo_size);

              bp_crossing_set_photo (crossing, photo);
              g_ptr_array_add (photos, g_bytes_ref (photo));
            }
          g_ptr_array_add (items, bp_sync_item_to_json (crossing));
        }
      g_ptr_array_add (bodies, bp_sync_batch_body_new ("booth-1", items));
      g_ptr_array_add (batch_photos, photos);
    }

  raw.t = t;
  raw.session = g_object_new (SOUP_TYPE_SESSION, "max-conns-per-host", 6, NULL);
  if (database != NULL)
    soup_session_set_tls_database (raw.session, database);

  start = g_get_monotonic_time ();
  cpu_start = cpu_us (RUSAGE_SELF);
  server_start = server_cpu (t);
  for (guint i = 0; i < bodies->len; i++)
    {
      g_autofree char *key = g_uuid_string_random ();
      g_autoptr (SoupMessage) msg = raw_message (&raw, "POST", "/v1/crossings/batch");
      g_autoptr (GBytes) answer = NULL;

      raw.photos = g_ptr_array_index (batch_photos, i);
      raw.next = 0;
      raw_next_photo (&raw);
      while (raw.in_flight > 0)
        g_main_context_iteration (NULL, TRUE);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", key);
      soup_message_set_request_body_from_bytes (msg, "application/json", g_ptr_array_index (bodies, i));
      {
        g_autoptr (GAsyncResult) result = NULL;

        soup_session_send_and_read_async (raw.session, msg, G_PRIORITY_DEFAULT, NULL, done_cb, &result);
        while (result == NULL)
          g_main_context_iteration (NULL, TRUE);
        answer = soup_session_send_and_read_finish (raw.session, result, NULL);
      }
      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
    }
  seconds = (g_get_monotonic_time () - start) / 1e6;
  cpu = cpu_us (RUSAGE_SELF) - cpu_start - (server_cpu (t) - server_start);
  g_object_unref (raw.session);

  print_figure ("baseline-raw-http", variant, t, n, seconds, (double) n * (1200 + photo_size), cpu / n);

  return n / seconds;
}

int
main (int argc,
      char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  Target t = { 0 };
  const char *env_n = g_getenv ("BORDERPOST_BENCH_SYNC_CROSSINGS");
  const char *env_p = g_getenv ("BORDERPOST_BENCH_SYNC_PHOTO_CROSSINGS");
  guint n = env_n ? (guint) g_ascii_strtoull (env_n, NULL, 10) : 100000;
  guint n_photos = env_p ? (guint) g_ascii_strtoull (env_p, NULL, 10) : 10000;
  const char *pg = g_getenv ("BORDERPOST_TEST_PG");
  struct
  {
    const char *variant;
    guint n;
    gsize photo_size;
  } runs[] = {
    { "no-photos", n, 0 },
    { "30kb-photos", n_photos, 30000 },
  };

  out = stdout;
  g_mutex_init (&t.mutex);
  g_cond_init (&t.cond);
  dir = g_dir_make_tmp ("bp-bench-sync-XXXXXX", &error);
  g_assert_no_error (error);

  if (pg != NULL && *pg != '\0' && g_getenv ("BORDERPOST_HQ") != NULL)
    {
      /* The HQ fixture runs g_test_init, whose TAP output (plan, debug
       * messages as comments) goes to stdout: the figures get their
       * own copy of it, and stdout goes nowhere. */
      out = fdopen (dup (1), "w");
      g_assert_nonnull (out);
      g_assert_true (freopen ("/dev/null", "w", stdout) != NULL);
      hq_fixture_main_init (&argc, &argv);
      hq_fixture_setup (&t.hq, NULL);
      t.target = "borderpost-hq over mutual TLS, PostgreSQL";
      t.url = g_strndup (t.hq.url, strlen (t.hq.url) - 1);
      t.ca = g_build_filename (hq_fixture_certs_dir (), "ca.pem", NULL);
      t.cert = g_build_filename (hq_fixture_certs_dir (), "booth-1.pem", NULL);
      t.key = g_build_filename (hq_fixture_certs_dir (), "booth-1.key", NULL);
    }
  else
    {
      g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
      start_fake (&t);
    }

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      double rate, base;

      base = baseline (&t, runs[i].variant, MIN (runs[i].n, 20000), runs[i].photo_size);
      rate = drain (&t, dir, runs[i].variant, runs[i].n, runs[i].photo_size);
      fprintf (out, "{\"benchmark\":\"sync-target\",\"variant\":\"%s\",\"crossings_per_s\":%.0f,\"ratio_to_baseline\":%.2f,"
                    "\"target_crossings_per_s\":500,\"met\":%s}\n",
               runs[i].variant, rate, rate / base, rate >= 500 ? "true" : "false");
      fflush (out);
    }

  if (t.fake != NULL)
    {
      g_main_loop_quit (t.loop);
      g_main_context_wakeup (t.context);
      g_thread_join (t.thread);
    }
  else
    {
      hq_fixture_teardown (&t.hq, NULL);
      hq_fixture_main_done ();
    }
  tmp_dir_remove_tree (dir);

  return 0;
}
