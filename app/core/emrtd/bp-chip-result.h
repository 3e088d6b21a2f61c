/* bp-chip-result.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

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

/* Chip Authentication (ICAO 9303-11 6.2) as the reading ran it. PASSED
 * means the chip took the ephemeral key and its answers verified under
 * the restarted session; it proves the chip genuine only together with
 * Passive Authentication of DG14. */
typedef enum
{
  BP_CHIP_AUTH_NOT_RUN,       /* no DG14, or no Chip Authentication in it */
  BP_CHIP_AUTH_PASSED,
  BP_CHIP_AUTH_FAILED,
} BpChipAuthState;

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
 * the files, the Chip Authentication outcome, the Chip Authentication
 * Mapping and Active Authentication data (for the authenticity checks)
 * and exchange counters. */
#define BP_TYPE_CHIP_RESULT (bp_chip_result_get_type ())

G_DECLARE_FINAL_TYPE (BpChipResult, bp_chip_result, BP, CHIP_RESULT, GObject)

const char  *bp_chip_protocol_to_string       (BpChipProtocol    protocol);
/* "not-run", "passed", "failed". */
const char  *bp_chip_auth_state_to_string     (BpChipAuthState   state);

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
/* Chip Authentication Mapping (NULL unless the chip ran it): the chip's
 * encrypted authentication data as sent (DO'8A'); CA_IC decrypted from it
 * (KS_enc, IV = E(KS_enc, -1)), NULL if it did not decrypt; and the
 * chip's mapping public key PK_Map,IC of the generic mapping step. The
 * authenticity checks verify them with bp_chip_auth_verify_cam() once
 * Passive Authentication has proven DG14. */
GBytes      *bp_chip_result_get_cam_data      (BpChipResult     *self);
GBytes      *bp_chip_result_get_cam_ca_ic     (BpChipResult     *self);
GBytes      *bp_chip_result_get_cam_pk_map    (BpChipResult     *self);
/* Chip Authentication: its state; why it failed (or why DG14 offered
 * none), in plain words, else NULL; the protocol run (dotted OID) and the
 * chip's public key used (DER SubjectPublicKeyInfo as in DG14), NULL when
 * not run. */
BpChipAuthState bp_chip_result_get_ca_state   (BpChipResult     *self);
const char  *bp_chip_result_get_ca_error      (BpChipResult     *self);
const char  *bp_chip_result_get_ca_protocol   (BpChipResult     *self);
GBytes      *bp_chip_result_get_ca_public_key (BpChipResult     *self);
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

/* A reading kept in a folder (what `borderpost-cli chip read --out`
 * writes and `verify --dir` reads): each file read as NAME.bin, exactly
 * as read; aa-challenge.bin, aa-response.bin; cam-data.bin,
 * cam-ca-ic.bin, cam-pk-map.bin; chip.json with the access protocol,
 * every file's status and how Chip Authentication went. Loading a folder
 * without chip.json takes every NAME.bin found as read. */
gboolean     bp_chip_result_save_directory    (BpChipResult     *self,
                                               const char       *dir,
                                               GError          **error);
BpChipResult *bp_chip_result_load_directory   (const char       *dir,
                                               GError          **error) G_GNUC_WARN_UNUSED_RESULT;
/* { "state", "protocol", "error" } of Chip Authentication. */
JsonNode    *bp_chip_result_chip_authentication_to_json (BpChipResult *self) G_GNUC_WARN_UNUSED_RESULT;

/* clang-format on */

G_END_DECLS
