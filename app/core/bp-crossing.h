/* bp-crossing.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-mrz.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

typedef enum
{
  BP_DECISION_NONE,
  BP_DECISION_ADMIT,
  BP_DECISION_REFER,
  BP_DECISION_REFUSE,
} BpDecision;

typedef enum
{
  BP_DIRECTION_ENTRY,
  BP_DIRECTION_EXIT,
} BpDirection;

#define BP_TYPE_DECISION (bp_decision_get_type ())
#define BP_TYPE_DIRECTION (bp_direction_get_type ())

GType        bp_decision_get_type                (void) G_GNUC_CONST;
GType        bp_direction_get_type               (void) G_GNUC_CONST;

#define BP_TYPE_CROSSING (bp_crossing_get_type ())

G_DECLARE_FINAL_TYPE (BpCrossing, bp_crossing, BP, CROSSING, GObject)

/* A crossing is created with a fresh UUIDv7 and the current UTC time.
 * Every field is a GObject property (kebab-case of the getter name),
 * so that list rows can bind to them. Once stored it is never changed:
 * a correction is a new crossing whose "supersedes" names the old one. */
BpCrossing  *bp_crossing_new                     (void) G_GNUC_WARN_UNUSED_RESULT;

const char  *bp_crossing_get_uuid                (BpCrossing   *self);
GDateTime   *bp_crossing_get_recorded_at         (BpCrossing   *self);
void         bp_crossing_set_recorded_at         (BpCrossing   *self,
                                                  GDateTime    *recorded_at);
gint64       bp_crossing_get_sequence            (BpCrossing   *self);
const char  *bp_crossing_get_boot_id             (BpCrossing   *self);
const char  *bp_crossing_get_booth_id            (BpCrossing   *self);
void         bp_crossing_set_booth_id            (BpCrossing   *self,
                                                  const char   *booth_id);
const char  *bp_crossing_get_officer_id          (BpCrossing   *self);
void         bp_crossing_set_officer_id          (BpCrossing   *self,
                                                  const char   *officer_id);
BpDirection  bp_crossing_get_direction           (BpCrossing   *self);
void         bp_crossing_set_direction           (BpCrossing   *self,
                                                  BpDirection   direction);

/* Document, as read from the MRZ. */
void         bp_crossing_set_from_mrz            (BpCrossing   *self,
                                                  const BpMrz  *mrz);
const char  *bp_crossing_get_mrz                 (BpCrossing   *self);
const char  *bp_crossing_get_document_format     (BpCrossing   *self);
const char  *bp_crossing_get_document_code       (BpCrossing   *self);
const char  *bp_crossing_get_issuing_state       (BpCrossing   *self);
const char  *bp_crossing_get_document_number     (BpCrossing   *self);
const char  *bp_crossing_get_nationality         (BpCrossing   *self);
const char  *bp_crossing_get_primary_identifier  (BpCrossing   *self);
const char  *bp_crossing_get_secondary_identifier (BpCrossing  *self);
const char  *bp_crossing_get_birth_date          (BpCrossing   *self);
const char  *bp_crossing_get_sex                 (BpCrossing   *self);
const char  *bp_crossing_get_expiry_date         (BpCrossing   *self);
char        *bp_crossing_dup_display_name        (BpCrossing   *self) G_GNUC_WARN_UNUSED_RESULT;

/* Checks as a JSON array: [{"id":…, "verdict":"passed|failed|warning|not-performed|not-applicable", "message":…}] */
const char  *bp_crossing_get_checks_json         (BpCrossing   *self);
void         bp_crossing_set_checks_json         (BpCrossing   *self,
                                                  const char   *checks_json);

BpDecision   bp_crossing_get_decision            (BpCrossing   *self);
void         bp_crossing_set_decision            (BpCrossing   *self,
                                                  BpDecision    decision);
const char * const *bp_crossing_get_reasons      (BpCrossing   *self);
void         bp_crossing_set_reasons             (BpCrossing   *self,
                                                  const char * const *reasons);
const char  *bp_crossing_get_note                (BpCrossing   *self);
void         bp_crossing_set_note                (BpCrossing   *self,
                                                  const char   *note);
GBytes      *bp_crossing_get_photo               (BpCrossing   *self);
void         bp_crossing_set_photo               (BpCrossing   *self,
                                                  GBytes       *jpeg);
const char  *bp_crossing_get_supersedes          (BpCrossing   *self);
void         bp_crossing_set_supersedes          (BpCrossing   *self,
                                                  const char   *uuid);

const char  *bp_decision_to_string               (BpDecision    decision);
BpDecision   bp_decision_from_string             (const char   *str);
const char  *bp_decision_get_label               (BpDecision    decision);
const char  *bp_direction_to_string              (BpDirection   direction);
BpDirection  bp_direction_from_string            (const char   *str);

char        *bp_crossing_to_json                 (BpCrossing   *self) G_GNUC_WARN_UNUSED_RESULT;

/* Internal to the store: set fields assigned when the row is read back. */
void         _bp_crossing_set_identity           (BpCrossing   *self,
                                                  const char   *uuid,
                                                  gint64        sequence,
                                                  const char   *boot_id);

/* clang-format on */

G_END_DECLS
