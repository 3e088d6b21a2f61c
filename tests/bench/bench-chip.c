/* bench-chip.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <time.h>

#include "bp-bac.h"
#include "bp-chip-reading.h"
#include "bp-mrz.h"
#include "bp-specimen.h"
#include "bp-virtual-chip-specimen.h"
#include "bp-virtual-chip.h"

/* Chip reading figures for the specimen passport (20 KB JPEG 2000 face in
 * DG2) on the virtual chip, BAC and PACE, for chips with extended length,
 * with short APDUs only, and refusing reads above 223 bytes, each side by
 * side with a reader that always reads fixed 223-byte chunks (the common
 * default), measured in the same run.
 *
 * Air time model (ISO/IEC 14443-4, stated so the figures can be redone):
 * frames carry at most 253 bytes of APDU (FSC = FSD = 256 less PCB and
 * CRC); each frame adds 3 bytes (PCB, CRC) and every byte costs 9 bits
 * (8 + parity); each frame costs 0.5 ms of turnaround (frame delay and
 * start of processing), each chained frame an extra 3-byte R(ACK) and
 * turnaround, and each APDU 1 ms of chip processing.
 *
 * CPU time is the whole process (reader and the in-process virtual chip),
 * median of five runs. */

#define FRAME_PAYLOAD 253
#define FRAME_OVERHEAD 3
#define BITS_PER_BYTE 9
#define TURNAROUND_MS 0.5
#define PROCESSING_MS 1.0
#define RUNS 5

static const double rates_kbit[] = { 106, 212, 424, 848 };

/* A BpCard that records the size of every exchange. */
#define REC_TYPE_CARD (rec_card_get_type ())
G_DECLARE_FINAL_TYPE (RecCard, rec_card, REC, CARD, GObject)

struct _RecCard
{
  GObject parent_instance;
  BpCard *inner;
  GArray *sizes; /* pairs: command, response */
};

static GBytes *
rec_card_transmit (BpCard *card,
                   GBytes *command,
                   GCancellable *cancellable,
                   GError **error)
{
  RecCard *self = REC_CARD (card);
  GBytes *response = bp_card_transmit (self->inner, command, cancellable, error);
  gsize pair[2] = { g_bytes_get_size (command), response ? g_bytes_get_size (response) : 0 };

  g_array_append_vals (self->sizes, pair, 2);
  return response;
}

static gsize
rec_card_get_max_transceive (BpCard *card)
{
  return bp_card_get_max_transceive (REC_CARD (card)->inner);
}

static void
rec_card_iface_init (BpCardInterface *iface)
{
  iface->transmit = rec_card_transmit;
  iface->get_max_transceive = rec_card_get_max_transceive;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (RecCard, rec_card, G_TYPE_OBJECT, G_IMPLEMENT_INTERFACE (BP_TYPE_CARD, rec_card_iface_init))

static void
rec_card_finalize (GObject *object)
{
  RecCard *self = REC_CARD (object);

  g_clear_object (&self->inner);
  g_array_unref (self->sizes);
  G_OBJECT_CLASS (rec_card_parent_class)->finalize (object);
}

static void
rec_card_class_init (RecCardClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rec_card_finalize;
}

static void
rec_card_init (RecCard *self)
{
  self->sizes = g_array_new (FALSE, FALSE, sizeof (gsize));
}

static double
frames_ms (gsize bytes,
           double kbit)
{
  gsize frames = MAX (1, (bytes + FRAME_PAYLOAD - 1) / FRAME_PAYLOAD);
  double ms = (bytes + frames * FRAME_OVERHEAD) * BITS_PER_BYTE / kbit + frames * TURNAROUND_MS;

  /* Each chained frame is acknowledged. */
  ms += (frames - 1) * (FRAME_OVERHEAD * BITS_PER_BYTE / kbit + TURNAROUND_MS);
  return ms;
}

static double
air_ms (GArray *sizes,
        double kbit)
{
  double ms = 0;

  for (guint i = 0; i + 1 < sizes->len; i += 2)
    ms += frames_ms (g_array_index (sizes, gsize, i), kbit) + frames_ms (g_array_index (sizes, gsize, i + 1), kbit) + PROCESSING_MS;
  return ms;
}

typedef struct
{
  guint apdus;
  guint64 sent;
  guint64 received;
  double cpu_ms;
  double air[G_N_ELEMENTS (rates_kbit)];
} Figures;

typedef enum
{
  CHIP_EXTENDED,
  CHIP_SHORT,
  CHIP_SHORT_223,
} ChipKind;

static BpVirtualChip *
make_chip (BpSpecimen *specimen,
           gboolean pace,
           ChipKind kind)
{
  BpVirtualChip *chip = bp_virtual_chip_new_from_specimen (specimen, NULL);

  g_assert_nonnull (chip);
  if (!pace)
    {
      bp_virtual_chip_set_file (chip, 0x011C, NULL);
      bp_virtual_chip_set_protocols (chip, BP_VIRTUAL_CHIP_BAC);
    }
  bp_virtual_chip_set_extended_length (chip, kind == CHIP_EXTENDED);
  if (kind == CHIP_SHORT_223)
    bp_virtual_chip_set_max_short_le (chip, 223, 0x6700);
  return chip;
}

static double
cpu_now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static Figures
measure (BpSpecimen *specimen,
         const char *mrz_information,
         gboolean pace,
         ChipKind kind,
         gsize max_read)
{
  Figures f = { 0 };
  double cpu[RUNS];

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr (BpVirtualChip) chip = make_chip (specimen, pace, kind);
      g_autoptr (RecCard) card = g_object_new (REC_TYPE_CARD, NULL);
      g_autoptr (BpChipReading) reading = bp_chip_reading_new (mrz_information, NULL);
      g_autoptr (BpChipResult) result = NULL;
      g_autoptr (GError) error = NULL;
      double start;

      card->inner = g_object_ref (BP_CARD (chip));
      bp_chip_reading_set_max_read (reading, max_read);
      start = cpu_now_ms ();
      result = bp_chip_reading_run (reading, BP_CARD (card), NULL, &error);
      cpu[run] = cpu_now_ms () - start;
      g_assert_no_error (error);
      g_assert_nonnull (bp_chip_result_get_file_data (result, "DG2"));
      g_assert_cmpint (bp_chip_result_get_protocol (result), ==,
                       pace ? BP_CHIP_PROTOCOL_PACE_GM : BP_CHIP_PROTOCOL_BAC);

      f.apdus = bp_chip_result_get_apdu_count (result);
      f.sent = bp_chip_result_get_bytes_sent (result);
      f.received = bp_chip_result_get_bytes_received (result);
      for (guint i = 0; i < G_N_ELEMENTS (rates_kbit); i++)
        f.air[i] = air_ms (card->sizes, rates_kbit[i]);
    }
  qsort (cpu, RUNS, sizeof (double), (int (*) (const void *, const void *)) compare_double);
  f.cpu_ms = cpu[RUNS / 2];
  return f;
}

static void
print_figure (const char *scenario,
              const char *figure,
              double value,
              double baseline,
              const char *unit)
{
  char v[G_ASCII_DTOSTR_BUF_SIZE];
  char b[G_ASCII_DTOSTR_BUF_SIZE];
  char r[G_ASCII_DTOSTR_BUF_SIZE];

  printf ("{\"figure\":\"%s/%s\",\"value\":%s,\"unit\":\"%s\",\"baseline_fixed_223\":%s,\"ratio_to_baseline\":%s}\n",
          scenario, figure, g_ascii_formatd (v, sizeof v, "%.3f", value), unit,
          g_ascii_formatd (b, sizeof b, "%.3f", baseline),
          g_ascii_formatd (r, sizeof r, "%.3f", baseline > 0 ? value / baseline : 0));
}

int
main (int argc,
      char *argv[])
{
  const char *datadir = g_getenv ("BORDERPOST_DATADIR");
  g_autofree char *profile = NULL;
  g_autoptr (BpSpecimen) specimen = NULL;
  g_autoptr (BpMrz) mrz = NULL;
  g_autofree char *mrz_information = NULL;
  g_autoptr (GError) error = NULL;
  const struct
  {
    const char *name;
    ChipKind kind;
  } chips[] = { { "extended", CHIP_EXTENDED }, { "short", CHIP_SHORT }, { "short-223", CHIP_SHORT_223 } };

  profile = g_build_filename (datadir ? datadir : "data", "specimens", "utopia-passport.ini", NULL);
  specimen = bp_specimen_load_path (profile, &error);
  g_assert_no_error (error);
  mrz = bp_mrz_parse (bp_specimen_get_mrz (specimen), NULL, &error);
  g_assert_no_error (error);
  mrz_information = bp_bac_mrz_information_from_mrz (mrz, &error);
  g_assert_no_error (error);

  printf ("{\"figure\":\"model\",\"value\":0,\"unit\":\"\",\"note\":\"frames of at most %d APDU bytes, "
          "%d bytes framing each, %d bits per byte, %.1f ms turnaround per frame and per chaining "
          "ACK, %.1f ms chip processing per APDU; DG2 %" G_GSIZE_FORMAT " bytes\"}\n",
          FRAME_PAYLOAD, FRAME_OVERHEAD, BITS_PER_BYTE, TURNAROUND_MS, PROCESSING_MS,
          g_bytes_get_size (bp_specimen_get_file (specimen, 0x0102)));

  for (guint p = 0; p < 2; p++)
    for (guint c = 0; c < G_N_ELEMENTS (chips); c++)
      {
        gboolean pace = p == 1;
        g_autofree char *scenario = g_strdup_printf ("%s-%s", pace ? "pace" : "bac", chips[c].name);
        Figures ours = measure (specimen, mrz_information, pace, chips[c].kind, 0);
        Figures fixed = measure (specimen, mrz_information, pace, chips[c].kind, 223);

        print_figure (scenario, "apdus", ours.apdus, fixed.apdus, "APDUs");
        print_figure (scenario, "bytes_sent", ours.sent, fixed.sent, "bytes");
        print_figure (scenario, "bytes_received", ours.received, fixed.received, "bytes");
        print_figure (scenario, "cpu", ours.cpu_ms, fixed.cpu_ms, "ms");
        for (guint i = 0; i < G_N_ELEMENTS (rates_kbit); i++)
          {
            g_autofree char *figure = g_strdup_printf ("air_time_%.0fkbit", rates_kbit[i]);
            print_figure (scenario, figure, ours.air[i], fixed.air[i], "ms");
          }
      }
  return 0;
}
