/* bp-chip-reading.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-card.h"
#include "bp-chip-result.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* BpChipReading: reads one document's chip in the ICAO order: EF.CardAccess
 * without authentication, PACE when offered (MRZ or CAN), BAC only where
 * the chip offers it (after a PACE failure the failure is kept and
 * reported), then EF.COM, the data groups it lists (DG3/DG4 are marked
 * "needs Terminal Authentication") and EF.SOD. Read sizes adapt to the
 * chip; secure messaging broken mid-read is re-established and the read
 * resumes at the same offset. When the document leaves the reader
 * (BP_CHIP_ERROR_REMOVED), run it again with the card from the
 * re-connected reader: it continues from the file and offset it stopped
 * at.
 *
 * Signals: "progress" (const char *file, guint64 bytes_read, guint64 total;
 * total is 0 while unknown), emitted in the thread-default main context of
 * the caller of bp_chip_reading_run_async(). */
#define BP_TYPE_CHIP_READING (bp_chip_reading_get_type ())

G_DECLARE_FINAL_TYPE (BpChipReading, bp_chip_reading, BP, CHIP_READING, GObject)

/* mrz_information is the BAC/PACE MRZ key (bp_bac_mrz_information()), can
 * the card access number; at least one must be given. With a CAN, PACE
 * uses the CAN; BAC can only use the MRZ. */
BpChipReading *bp_chip_reading_new             (const char          *mrz_information,
                                                const char          *can) G_GNUC_WARN_UNUSED_RESULT;

/* The result so far (files read before an interruption included). */
BpChipResult  *bp_chip_reading_get_result      (BpChipReading       *self);

/* Limits which data groups are read ("DG1", "DG2", …); NULL for all that
 * EF.COM lists. EF.COM and EF.SOD are always read. */
void           bp_chip_reading_set_files       (BpChipReading       *self,
                                                const char * const  *names);

/* Caps every READ BINARY at max_read bytes (0: no cap, the default), for
 * reader paths known to fail on long frames, and for comparisons. */
void           bp_chip_reading_set_max_read    (BpChipReading       *self,
                                                gsize                max_read);

/* Blocking: call from a worker thread. Returns the result (a new
 * reference) or an error that ends this attempt; run again to resume. */
BpChipResult  *bp_chip_reading_run             (BpChipReading       *self,
                                                BpCard              *card,
                                                GCancellable        *cancellable,
                                                GError             **error) G_GNUC_WARN_UNUSED_RESULT;

void           bp_chip_reading_run_async       (BpChipReading       *self,
                                                BpCard              *card,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
BpChipResult  *bp_chip_reading_run_finish      (BpChipReading       *self,
                                                GAsyncResult        *result,
                                                GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* One-shot convenience: a new BpChipReading (the source object of the
 * GAsyncResult) run once on card. */
void           bp_chip_read_async              (BpCard              *card,
                                                const char          *mrz_information,
                                                const char          *can,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
BpChipResult  *bp_chip_read_finish             (GAsyncResult        *result,
                                                GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* clang-format on */

G_END_DECLS
