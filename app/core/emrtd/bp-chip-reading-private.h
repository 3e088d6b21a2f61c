/* bp-chip-reading-private.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-chip-meter.h"
#include "bp-chip-reading.h"
#include "bp-chip-result-private.h"
#include "bp-dg14.h"
#include "bp-sm.h"

G_BEGIN_DECLS

/* Shared between bp-chip-reading.c (order, authentication, GObject) and
 * bp-chip-reading-files.c (READ BINARY with adaptive sizes and resume). */
struct _BpChipReading
{
  GObject parent_instance;

  char *mrz_information;
  char *can;
  GStrv only_files;

  BpChipResult *result;

  /* Per run */
  BpChipMeter *meter;
  GCancellable *cancellable;
  GMainContext *progress_context; /* NULL: emit in the running thread */

  /* Kept across runs so a resume continues where the last one stopped. */
  BpSm *sm;
  gboolean authenticated_once;
  gboolean card_access_done;
  GBytes *card_access;
  GArray *plan; /* of PlanEntry */
  gboolean plan_ready;
  guint plan_next;
  GByteArray *partial; /* bytes of the file being read */
  gsize partial_total; /* 0 while unknown */
  gboolean file_selected;
  gsize ladder[4]; /* read sizes to try, largest first */
  guint n_ladder;
  guint chunk_step; /* index in the ladder */
  guint reauth_budget;
  gsize max_read; /* 0: no cap */
  /* Chip Authentication: DG14 and what of it is used; ca_unconfirmed
   * while no answer has verified under the restarted session yet. */
  BpDg14 *dg14;
  const BpDg14PublicKey *ca_key;
  const char *ca_protocol;
  GBytes *ca_key_id;
  gboolean ca_unconfirmed;
  gboolean running;
};

typedef struct
{
  const char *name;
  guint16 fid;
  guint8 sfi;
  guint8 com_tag;
} BpChipFileSpec;

const BpChipFileSpec *_bp_chip_file_spec_lookup (const char *name);
const BpChipFileSpec *_bp_chip_file_spec_by_tag (guint8 tag);
/* Every file a reading knows, @n_specs of them. */
const BpChipFileSpec *_bp_chip_file_specs (guint *n_specs);

/* Reads file into self->partial, re-authenticating through
 * _bp_chip_reading_reauthenticate() when secure messaging breaks, and
 * records the outcome in file. Returns FALSE only for errors that end the
 * run (removal, cancellation, authentication failure). */
gboolean _bp_chip_reading_read_file (BpChipReading *self,
                                     BpChipFile *file,
                                     gboolean plain,
                                     GError **error);
gboolean _bp_chip_reading_reauthenticate (BpChipReading *self,
                                          const GError *cause,
                                          GError **error);
/* An answer verified under the current session: confirms Chip
 * Authentication if it was waiting for one. */
void _bp_chip_reading_sm_answered (BpChipReading *self);
void _bp_chip_reading_progress (BpChipReading *self,
                                const char *name,
                                guint64 done,
                                guint64 total);
BpCard *_bp_chip_reading_card (BpChipReading *self);

G_END_DECLS
