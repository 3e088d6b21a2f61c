/* bp-chip-result.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

typedef enum
{
  BP_CHIP_PROTOCOL_NONE,
  BP_CHIP_PROTOCOL_BAC,
  BP_CHIP_PROTOCOL_PACE_GM,
  BP_CHIP_PROTOCOL_PACE_IM,
  BP_CHIP_PROTOCOL_PACE_CAM,
} BpChipProtocol;

typedef enum
{
  BP_CHIP_FILE_PENDING,       /* not reached yet (or reading was interrupted) */
  BP_CHIP_FILE_READ,
  BP_CHIP_FILE_ABSENT,        /* not on the chip */
  BP_CHIP_FILE_NOT_ALLOWED,   /* protected (e.g. DG3/DG4 need Terminal Authentication) */
  BP_CHIP_FILE_FAILED,
} BpChipFileStatus;

/* One elementary file of the chip, as read. data holds the bytes exactly as
 * read (outer tag included) when status is READ; message says why not
 * otherwise. Read-only for users of BpChipResult. */
typedef struct
{
  char             *name;      /* "COM", "DG1" … "DG16", "SOD", "CardAccess" */
  guint16           fid;
  guint8            sfi;
  BpChipFileStatus  status;
  GBytes           *data;
  char             *message;
} BpChipFile;

#define BP_TYPE_CHIP_FILE (bp_chip_file_get_type ())
GType        bp_chip_file_get_type            (void) G_GNUC_CONST;
BpChipFile  *bp_chip_file_copy                (const BpChipFile *file);
void         bp_chip_file_free                (BpChipFile       *file);
const char  *bp_chip_file_status_to_string    (BpChipFileStatus  status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpChipFile, bp_chip_file_free)

/* BpChipResult: what a chip reading produced: the access protocol and why,
 * the files, the Chip Authentication Mapping data (for the authenticity
 * checks) and exchange counters. */
#define BP_TYPE_CHIP_RESULT (bp_chip_result_get_type ())

G_DECLARE_FINAL_TYPE (BpChipResult, bp_chip_result, BP, CHIP_RESULT, GObject)

const char  *bp_chip_protocol_to_string       (BpChipProtocol    protocol);

BpChipProtocol bp_chip_result_get_protocol    (BpChipResult     *self);
/* Why that protocol, in plain words ("PACE offered by the chip, MRZ used";
 * "PACE failed: …; the chip also offers BAC, which was used"). */
const char  *bp_chip_result_get_protocol_reason (BpChipResult   *self);
/* The PACE error when PACE was tried and failed, else NULL. */
const char  *bp_chip_result_get_pace_error    (BpChipResult     *self);
/* Of BpChipFile, in reading order. */
GPtrArray   *bp_chip_result_get_files         (BpChipResult     *self);
const BpChipFile *bp_chip_result_lookup_file  (BpChipResult     *self,
                                               const char       *name);
/* The file's bytes when it was read, else NULL. */
GBytes      *bp_chip_result_get_file_data     (BpChipResult     *self,
                                               const char       *name);
/* CAM: the chip's encrypted authentication data (DO'8A' as sent, to be
 * decrypted with KS_enc and IV = E(KS_enc, -1)) and the chip's ephemeral
 * PACE public key, for verification against DG14 once it is trusted. NULL
 * unless the chip ran Chip Authentication Mapping. */
GBytes      *bp_chip_result_get_cam_data      (BpChipResult     *self);
GBytes      *bp_chip_result_get_cam_public_key (BpChipResult    *self);
/* Active Authentication, run in the same session when DG15 was read: the
 * random challenge sent and the chip's signature over it, for the
 * authenticity checks to verify against DG15 (once Passive Authentication
 * has proven DG15). NULL when not run; get_aa_error says why it failed. */
GBytes      *bp_chip_result_get_aa_challenge  (BpChipResult     *self);
GBytes      *bp_chip_result_get_aa_response   (BpChipResult     *self);
const char  *bp_chip_result_get_aa_error      (BpChipResult     *self);
guint        bp_chip_result_get_apdu_count    (BpChipResult     *self);
guint64      bp_chip_result_get_bytes_sent    (BpChipResult     *self);
guint64      bp_chip_result_get_bytes_received (BpChipResult    *self);
guint        bp_chip_result_get_reauthentications (BpChipResult *self);

/* clang-format on */

G_END_DECLS
