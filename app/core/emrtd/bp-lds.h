/* bp-lds.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "bp-mrz.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* The Logical Data Structure of ICAO Doc 9303 part 10: the elementary files
 * of an eMRTD chip's application. Every parser takes a whole file as read
 * from the chip, outer tag included, and treats it as hostile input. */

#define BP_LDS_ERROR (bp_lds_error_quark ())

typedef enum
{
  BP_LDS_ERROR_WRONG_FILE,   /* the outer tag is not the one of this file */
  BP_LDS_ERROR_MALFORMED,    /* broken TLV structure or impossible values */
  BP_LDS_ERROR_MISSING,      /* a mandatory element is absent */
  BP_LDS_ERROR_UNSUPPORTED,  /* well formed, but a kind this code does not handle */
  BP_LDS_ERROR_IMAGE,        /* an image could not be decoded */
  BP_LDS_ERROR_INVALID,      /* an encoder was given values it cannot encode */
} BpLdsError;

GQuark       bp_lds_error_quark         (void);

/* Data group numbers, tags and file identifiers (9303-10 table 35). */
guint8       bp_lds_dg_tag              (guint         dg);
guint        bp_lds_dg_from_tag         (guint         tag);
guint16      bp_lds_dg_fid              (guint         dg);

#define BP_LDS_FID_COM          0x011E
#define BP_LDS_FID_SOD          0x011D
#define BP_LDS_FID_CARD_ACCESS  0x011C
#define BP_LDS_TAG_COM          0x60
#define BP_LDS_TAG_SOD          0x77

/* "EF.COM", "DG1" … "DG16", "EF.SOD", "EF.CardAccess", or NULL. */
const char  *bp_lds_fid_to_name         (guint16       fid);
/* The inverse, case-insensitive ("dg2" → 0x0102); 0 if unknown. */
guint16      bp_lds_fid_from_name       (const char   *name);

/* Returns the value inside a file's outer tag, which must be @tag. */
GBytes      *bp_lds_unwrap              (GBytes       *file,
                                         guint32       tag,
                                         GError      **error) G_GNUC_WARN_UNUSED_RESULT;

/* EF.COM ---------------------------------------------------------------- */

typedef struct
{
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public, read-only >*/
  char   *lds_version;      /* "0107" (5F01): LDS 1.7 */
  char   *unicode_version;  /* "040000" (5F36): Unicode 4.0.0 */
  GArray *data_groups;      /* of guint, in the order listed in tag 5C */
} BpLdsCom;

#define BP_TYPE_LDS_COM (bp_lds_com_get_type ())

GType        bp_lds_com_get_type        (void) G_GNUC_CONST;
BpLdsCom    *bp_lds_com_parse           (GBytes       *file,
                                         GError      **error) G_GNUC_WARN_UNUSED_RESULT;
BpLdsCom    *bp_lds_com_ref             (BpLdsCom     *self);
void         bp_lds_com_unref           (BpLdsCom     *self);
gboolean     bp_lds_com_has_data_group  (const BpLdsCom *self,
                                         guint         dg);
/* Builds EF.COM listing data groups @dgs (LDS 1.7, Unicode 4.0.0). */
GBytes      *bp_lds_com_encode          (const guint  *dgs,
                                         guint         n_dgs) G_GNUC_WARN_UNUSED_RESULT;

/* DG1 ------------------------------------------------------------------- */

/* Returns the MRZ stored in DG1, its lines separated by "\n" (3 × 30,
 * 2 × 36 or 2 × 44 characters). */
char        *bp_lds_dg1_parse           (GBytes       *file,
                                         GError      **error) G_GNUC_WARN_UNUSED_RESULT;
/* Builds DG1 from an MRZ given as lines (separated by newlines) or as one
 * run of 90, 72 or 88 characters. */
GBytes      *bp_lds_dg1_encode          (const char   *mrz,
                                         GError      **error) G_GNUC_WARN_UNUSED_RESULT;

/* One field of the chip's MRZ against the printed one. */
typedef struct
{
  BpMrzField  field;
  gboolean    equal;
  char       *chip;      /* the field's value as stored on the chip */
  char       *printed;   /* the field's value as printed */
} BpLdsMrzField;

/* Compares the chip's MRZ (DG1) with the printed MRZ field by field.
 * Returns a GPtrArray of BpLdsMrzField, one per field of the format plus
 * a last BP_MRZ_FIELD_NONE entry comparing the whole zone character by
 * character (the chip's as stored, the printed one after OCR repair);
 * @all_equal says whether every entry is equal. Fails only if either
 * zone cannot be parsed at all. */
GPtrArray   *bp_lds_compare_mrz         (const char   *chip_mrz,
                                         const char   *printed_mrz,
                                         gboolean     *all_equal,
                                         GError      **error) G_GNUC_WARN_UNUSED_RESULT;

/* EF.SOD, DG14, DG15 ------------------------------------------------------ */

/* The CMS ContentInfo (DER) inside EF.SOD (tag 77). Not verified here. */
GBytes      *bp_lds_sod_unwrap          (GBytes       *file,
                                         GError      **error) G_GNUC_WARN_UNUSED_RESULT;
/* The SecurityInfos SET inside DG14 (tag 6E), bytes exactly as read. */
GBytes      *bp_lds_dg14_unwrap         (GBytes       *file,
                                         GError      **error) G_GNUC_WARN_UNUSED_RESULT;
/* The SubjectPublicKeyInfo inside DG15 (tag 6F). */
GBytes      *bp_lds_dg15_unwrap         (GBytes       *file,
                                         GError      **error) G_GNUC_WARN_UNUSED_RESULT;

/* Dates ----------------------------------------------------------------- */

/* Turns a chip date "YYYYMMDD" into ISO 8601: "1974-08-12", or "1974-08"
 * and "1974" when the day or month is unknown (given as "00", "<<", "  "
 * or left out). Returns NULL when the year itself is unreadable. */
char        *bp_lds_date_to_iso         (const char   *date) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpLdsCom, bp_lds_com_unref)

/* clang-format on */

G_END_DECLS
