/* bench-mrz.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Parses a mixed corpus of every MRZ format (valid, repaired and broken)
 * and prints one JSON object per figure. The machines are noisy, so the
 * parse rate is measured in rounds that alternate with a baseline over
 * the same lines (copying them and computing a check digit over each),
 * and the ratio is taken round by round. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bp-mrz.h"

static const char *corpus[] = {
  /* ICAO specimens and the BSI test document. */
  "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
  "P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<\nC11T002JM4D<<9608122F2310314<<<<<<<<<<<<<<<4",
  "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6",
  "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<",
  "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL8988901C4XXX4009078F96121096ZE184226B<<<<<<",
  "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nL8988901C4XXX4009078F9612109<<<<<<<<",
  /* OCR slips that are repaired. */
  "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL8989O2C36UTO74O8I22FIZO4IS9ZE184226B<<<<<1O",
  "I<UTOD231458907<<<<<<<<<<<<<<<\n74O8122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<",
  "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159<<<<<<X<<<<<<<<8",
  /* Typed by a wedge reader, and a long TD1 document number. */
  "p<uto eriksson<<anna<maria<<<<<<<<<<<<<<<<<<<\r\nl898902c36uto7408122f1204159ze184226b<<<<<10\r\n",
  "I<UTOD23145890<1233<AB12<<<<<<\n7408122F1204159UTOXY<<<<<<<<<3\nERIKSSON<<ANNA<MARIA<<<<<<<<<<",
  /* Broken: an ambiguous slip and a wrong check digit. */
  "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nLB98902C36UTO7408122F1204159ZE184226B<<<<<10",
  "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458906UTO7408122F1204159<<<<<<<6",
};

static volatile guint sink;

static guint
run_parse (GDateTime *today)
{
  guint valid = 0;

  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autoptr (BpMrz) mrz = bp_mrz_parse (corpus[i], today, NULL);

      valid += mrz != NULL && mrz->valid;
    }

  return valid;
}

/* The least any parser does: copy each line and run one check digit over it. */
static guint
run_baseline (void)
{
  guint total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_auto (GStrv) lines = g_strsplit (corpus[i], "\n", -1);

      for (guint l = 0; lines[l] != NULL; l++)
        total += bp_mrz_check_digit (lines[l], -1);
    }

  return total;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint n)
{
  qsort (values, n, sizeof *values, compare_double);

  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

int
main (int argc,
      char *argv[])
{
  const char *env = g_getenv ("BENCH_SECONDS");
  double seconds = env ? g_ascii_strtod (env, NULL) : 4.0;
  guint rounds = 20;
  double slice = MAX (seconds, 0.2) / rounds / 2;
  g_autoptr (GDateTime) today = g_date_time_new_utc (2026, 11, 26, 0, 0, 0);
  g_autofree double *parse_rate = g_new (double, rounds);
  g_autofree double *base_rate = g_new (double, rounds);
  g_autofree double *ratio = g_new (double, rounds);

  /* Warm up caches and lazy initialisation (GType, quarks). */
  for (guint i = 0; i < 200; i++)
    sink += run_parse (today) + run_baseline ();

  for (guint r = 0; r < rounds; r++)
    {
      gint64 start, end;
      guint n;

      start = g_get_monotonic_time ();
      for (n = 0; (end = g_get_monotonic_time ()) - start < slice * G_USEC_PER_SEC; n++)
        sink += run_parse (today);
      parse_rate[r] = n * G_N_ELEMENTS (corpus) / ((end - start) / (double) G_USEC_PER_SEC);

      start = g_get_monotonic_time ();
      for (n = 0; (end = g_get_monotonic_time ()) - start < slice * G_USEC_PER_SEC; n++)
        sink += run_baseline ();
      base_rate[r] = n * G_N_ELEMENTS (corpus) / ((end - start) / (double) G_USEC_PER_SEC);

      ratio[r] = base_rate[r] / parse_rate[r];
    }

  g_print ("{\"figure\":\"mrz_parses_per_second\",\"value\":%.0f,\"unit\":\"1/s\",\"formats\":\"mixed\","
           "\"corpus\":%u,\"rounds\":%u}\n",
           median (parse_rate, rounds), (guint) G_N_ELEMENTS (corpus), rounds);
  g_print ("{\"figure\":\"mrz_baseline_per_second\",\"value\":%.0f,\"unit\":\"1/s\",\"formats\":\"mixed\","
           "\"baseline\":\"split lines and one check digit per line\"}\n",
           median (base_rate, rounds));
  g_print ("{\"figure\":\"mrz_parse_cost_vs_baseline\",\"value\":%.2f,\"unit\":\"ratio\","
           "\"note\":\"median per round of baseline rate / parse rate\"}\n",
           median (ratio, rounds));
  g_print ("{\"figure\":\"mrz_parse_microseconds\",\"value\":%.3f,\"unit\":\"us\",\"formats\":\"mixed\"}\n",
           1e6 / median (parse_rate, rounds));

  return sink == 0xFFFFFFFF; /* keep the work from being optimised away */
}
