/* bp-lds-details.h
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

/* DG11 (additional personal details) and DG12 (additional document
 * details) of ICAO Doc 9303-10. Every field is optional; absent ones are
 * NULL. Text is valid UTF-8 (bytes that are not are replaced). Dates are
 * kept as the chip gives them, "YYYYMMDD" and possibly partial ("1974",
 * "19740800"); bp_lds_date_to_iso() turns them into ISO 8601. */

typedef struct
{
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public, read-only after parsing; filled by the caller before encoding >*/
  char   *full_name;            /* 5F0E, "ERIKSSON<<ANNA<MARIA" */
  GStrv   other_names;          /* 5F0F, in A0 */
  char   *personal_number;      /* 5F10 */
  char   *full_birth_date;      /* 5F2B, "YYYYMMDD", may be partial */
  char   *place_of_birth;       /* 5F11, parts separated by "<" */
  char   *address;              /* 5F42, parts separated by "<" */
  char   *telephone;            /* 5F12 */
  char   *profession;           /* 5F13 */
  char   *title;                /* 5F14 */
  char   *personal_summary;     /* 5F15 */
  GBytes *proof_of_citizenship; /* 5F16, an image */
  char   *other_td_numbers;     /* 5F17, separated by "<" */
  char   *custody_information;  /* 5F18 */
} BpLdsDg11;

typedef struct
{
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public >*/
  char   *issuing_authority;      /* 5F19 */
  char   *date_of_issue;          /* 5F26, "YYYYMMDD" */
  GStrv   other_persons;          /* 5F1A, in A0 */
  char   *endorsements;           /* 5F1B, endorsements and observations */
  char   *tax_exit_requirements;  /* 5F1C */
  GBytes *image_front;            /* 5F1D */
  GBytes *image_rear;             /* 5F1E */
  char   *personalization_time;   /* 5F55, "YYYYMMDDhhmmss" */
  char   *personalization_device; /* 5F56, the device's serial number */
} BpLdsDg12;

#define BP_TYPE_LDS_DG11 (bp_lds_dg11_get_type ())
#define BP_TYPE_LDS_DG12 (bp_lds_dg12_get_type ())

GType        bp_lds_dg11_get_type       (void) G_GNUC_CONST;
BpLdsDg11   *bp_lds_dg11_new            (void) G_GNUC_WARN_UNUSED_RESULT;
BpLdsDg11   *bp_lds_dg11_parse          (GBytes          *file,
                                         GError         **error) G_GNUC_WARN_UNUSED_RESULT;
BpLdsDg11   *bp_lds_dg11_ref            (BpLdsDg11       *self);
void         bp_lds_dg11_unref          (BpLdsDg11       *self);
/* The name split at "<<" with the "<" fillers turned into spaces:
 * "ERIKSSON" and "ANNA MARIA". NULL when there is no full name. */
char        *bp_lds_dg11_dup_primary_identifier   (const BpLdsDg11 *self) G_GNUC_WARN_UNUSED_RESULT;
char        *bp_lds_dg11_dup_secondary_identifier (const BpLdsDg11 *self) G_GNUC_WARN_UNUSED_RESULT;
GBytes      *bp_lds_dg11_encode         (const BpLdsDg11 *self) G_GNUC_WARN_UNUSED_RESULT;

GType        bp_lds_dg12_get_type       (void) G_GNUC_CONST;
BpLdsDg12   *bp_lds_dg12_new            (void) G_GNUC_WARN_UNUSED_RESULT;
BpLdsDg12   *bp_lds_dg12_parse          (GBytes          *file,
                                         GError         **error) G_GNUC_WARN_UNUSED_RESULT;
BpLdsDg12   *bp_lds_dg12_ref            (BpLdsDg12       *self);
void         bp_lds_dg12_unref          (BpLdsDg12       *self);
GBytes      *bp_lds_dg12_encode         (const BpLdsDg12 *self) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpLdsDg11, bp_lds_dg11_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpLdsDg12, bp_lds_dg12_unref)

/* clang-format on */

G_END_DECLS
