/* bench-store.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How long an officer waits for "saved": one crossing with a booth
 * photo, committed durably (WAL, synchronous=FULL), on a real disk.
 *
 * Two baselines run side by side in the same process, interleaved commit
 * by commit so that a noisy machine slows all three alike:
 *   - the same commits with synchronous=OFF (what the SQL costs without
 *     waiting for the disk);
 *   - a bare write + fsync of 40 KB to a plain file (what the disk costs
 *     without SQLite).
 * Prints one JSON object per figure on stdout.
 *
 * Environment: BP_BENCH_DIR (default: the temporary folder; it must be on
 * the disk being measured, not tmpfs), BP_BENCH_COMMITS (default 300).
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "bp-store-private.h"

#define PHOTO_SIZE (40 * 1024)
#define WARMUP 10

static GBytes *
make_photo (void)
{
  guint8 *data = g_malloc (PHOTO_SIZE);

  /* Random bytes between JPEG markers: as incompressible as a JPEG. */
  for (gsize i = 0; i < PHOTO_SIZE; i++)
    data[i] = g_random_int_range (0, 256);
  data[0] = 0xff;
  data[1] = 0xd8;
  data[PHOTO_SIZE - 2] = 0xff;
  data[PHOTO_SIZE - 1] = 0xd9;

  return g_bytes_new_take (data, PHOTO_SIZE);
}

static BpCrossing *
make_crossing (GBytes *photo)
{
  static const char *const reasons[] = { "document-valid", NULL };
  BpCrossing *crossing = bp_crossing_new ();

  bp_crossing_set_booth_id (crossing, "bench-booth");
  bp_crossing_set_officer_id (crossing, "bench-officer");
  g_object_set (crossing,
                "mrz", "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
                "document-format", "TD3",
                "document-code", "P",
                "issuing-state", "UTO",
                "document-number", "L898902C3",
                "nationality", "UTO",
                "primary-identifier", "ERIKSSON",
                "secondary-identifier", "ANNA MARIA",
                "birth-date", "1974-08-12",
                "sex", "F",
                "expiry-date", "2032-04-15",
                NULL);
  bp_crossing_set_checks_json (crossing,
                               "[{\"id\":\"mrz\",\"verdict\":\"passed\",\"message\":\"Check digits match\"},"
                               "{\"id\":\"passive-auth\",\"verdict\":\"passed\",\"message\":\"Signed by UTO\"}]");
  bp_crossing_set_decision (crossing, BP_DECISION_ADMIT);
  bp_crossing_set_reasons (crossing, reasons);
  bp_crossing_set_photo (crossing, photo);

  return crossing;
}

static BpStore *
open_store (const char *dir,
            const char *name,
            const char *pragma)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (BpStore) store = bp_store_new (path);
  g_autoptr (GError) error = NULL;

  if (!bp_store_open_sync (store, &error) || (pragma != NULL && !_bp_store_exec_sync (store, pragma, &error)))
    g_error ("%s", error->message);

  return g_steal_pointer (&store);
}

static gint64
time_commit (BpStore *store,
             GBytes *photo)
{
  g_autoptr (BpCrossing) crossing = make_crossing (photo);
  g_autoptr (GError) error = NULL;
  gint64 start;
  gint64 end;

  start = g_get_monotonic_time ();
  if (!bp_store_save_crossing_sync (store, crossing, &error))
    g_error ("%s", error->message);
  end = g_get_monotonic_time ();

  return end - start;
}

static gint64
time_fsync (int fd,
            GBytes *photo,
            guint i)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (photo, &size);
  gint64 start;
  gint64 end;
  gsize done = 0;

  /* Appending, as SQLite appends frames to the WAL. */
  start = g_get_monotonic_time ();
  while (done < size)
    {
      ssize_t n = pwrite (fd, data + done, size - done, (off_t) i * size + done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        g_error ("write: %s", g_strerror (errno));
      done += n;
    }
  if (fsync (fd) != 0)
    g_error ("fsync: %s", g_strerror (errno));
  end = g_get_monotonic_time ();

  return end - start;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Nearest-rank percentile, in milliseconds. */
static double
percentile_ms (GArray *samples,
               double p)
{
  guint rank;

  g_array_sort (samples, compare_gint64);
  rank = (guint) (p / 100.0 * samples->len + 0.999999);
  rank = CLAMP (rank, 1, samples->len);

  return g_array_index (samples, gint64, rank - 1) / 1000.0;
}

static void
print_figure (const char *figure,
              double value,
              const char *unit)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* g_ascii_formatd: a decimal point whatever the locale, as JSON wants. */
  printf ("{\"figure\":\"%s\",\"value\":%s,\"unit\":\"%s\"}\n",
          figure, g_ascii_formatd (buf, sizeof buf, "%.4f", value), unit);
}

int
main (int argc,
      char *argv[])
{
  const char *base = g_getenv ("BP_BENCH_DIR");
  const char *commits_env = g_getenv ("BP_BENCH_COMMITS");
  guint commits = commits_env ? (guint) atoi (commits_env) : 300;
  g_autoptr (GBytes) photo = make_photo ();
  g_autoptr (GArray) durable = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) sync_off = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) bare = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (BpStore) durable_store = NULL;
  g_autoptr (BpStore) sync_off_store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *template = NULL;
  g_autofree char *fsync_path = NULL;
  double durable_p50, durable_p99, off_p50, off_p99, fsync_p50, fsync_p99;
  gint64 total = 0;
  int fd;

  if (commits < 10)
    commits = 10;

  template = g_build_filename (base ? base : g_get_tmp_dir (), "bench-store-XXXXXX", NULL);
  dir = g_mkdtemp (template) ? g_strdup (template) : NULL;
  if (dir == NULL)
    g_error ("Cannot make a folder in %s: %s", base ? base : g_get_tmp_dir (), g_strerror (errno));
  g_printerr ("bench-store: %u commits of a crossing with a %d byte photo in %s\n",
              commits, PHOTO_SIZE, dir);

  durable_store = open_store (dir, "durable.sqlite", NULL);
  sync_off_store = open_store (dir, "sync-off.sqlite", "PRAGMA synchronous = OFF");
  fsync_path = g_build_filename (dir, "fsync.bin", NULL);
  fd = g_open (fsync_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    g_error ("%s: %s", fsync_path, g_strerror (errno));

  for (guint i = 0; i < WARMUP + commits; i++)
    {
      gint64 a = time_commit (durable_store, photo);
      gint64 b = time_commit (sync_off_store, photo);
      gint64 c = time_fsync (fd, photo, i);

      if (i < WARMUP)
        continue;

      g_array_append_val (durable, a);
      g_array_append_val (sync_off, b);
      g_array_append_val (bare, c);
      total += a;
    }

  close (fd);

  durable_p50 = percentile_ms (durable, 50);
  durable_p99 = percentile_ms (durable, 99);
  off_p50 = percentile_ms (sync_off, 50);
  off_p99 = percentile_ms (sync_off, 99);
  fsync_p50 = percentile_ms (bare, 50);
  fsync_p99 = percentile_ms (bare, 99);

  print_figure ("crossing_commit_latency_p50", durable_p50, "ms");
  print_figure ("crossing_commit_latency_p99", durable_p99, "ms");
  print_figure ("crossing_commit_latency_max", percentile_ms (durable, 100), "ms");
  print_figure ("crossing_commits_per_second", commits / (total / (double) G_USEC_PER_SEC), "1/s");
  print_figure ("crossing_commit_sync_off_latency_p50", off_p50, "ms");
  print_figure ("crossing_commit_sync_off_latency_p99", off_p99, "ms");
  print_figure ("fsync_40k_latency_p50", fsync_p50, "ms");
  print_figure ("fsync_40k_latency_p99", fsync_p99, "ms");
  print_figure ("crossing_commit_p50_ratio_to_sync_off", durable_p50 / off_p50, "ratio");
  print_figure ("crossing_commit_p50_ratio_to_fsync_40k", durable_p50 / fsync_p50, "ratio");
  print_figure ("crossing_commit_p99_ratio_to_fsync_40k", durable_p99 / fsync_p99, "ratio");

  g_clear_object (&durable_store);
  g_clear_object (&sync_off_store);
  for (guint i = 0; i < 2; i++)
    {
      static const char *const names[] = { "durable.sqlite", "sync-off.sqlite" };
      static const char *const suffixes[] = { "", "-wal", "-shm" };

      for (guint j = 0; j < G_N_ELEMENTS (suffixes); j++)
        {
          g_autofree char *name = g_strconcat (names[i], suffixes[j], NULL);
          g_autofree char *path = g_build_filename (dir, name, NULL);

          g_unlink (path);
        }
    }
  g_unlink (fsync_path);
  g_rmdir (dir);

  return EXIT_SUCCESS;
}
