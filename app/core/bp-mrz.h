/* bp-mrz.h
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

/* Machine readable zones of ICAO Doc 9303 parts 4 to 7. */

typedef enum
{
  BP_MRZ_FORMAT_UNKNOWN,
  BP_MRZ_FORMAT_TD1,  /* 3 x 30, ID cards */
  BP_MRZ_FORMAT_TD2,  /* 2 x 36 */
  BP_MRZ_FORMAT_TD3,  /* 2 x 44, passports */
  BP_MRZ_FORMAT_MRVA, /* 2 x 44, visas */
  BP_MRZ_FORMAT_MRVB, /* 2 x 36, visas */
} BpMrzFormat;

typedef enum
{
  BP_MRZ_FIELD_NONE,
  BP_MRZ_FIELD_DOCUMENT_CODE,
  BP_MRZ_FIELD_ISSUING_STATE,
  BP_MRZ_FIELD_DOCUMENT_NUMBER,
  BP_MRZ_FIELD_NAME,
  BP_MRZ_FIELD_NATIONALITY,
  BP_MRZ_FIELD_BIRTH_DATE,
  BP_MRZ_FIELD_SEX,
  BP_MRZ_FIELD_EXPIRY_DATE,
  BP_MRZ_FIELD_OPTIONAL_DATA,
  BP_MRZ_FIELD_OPTIONAL_DATA_2,
  BP_MRZ_FIELD_COMPOSITE,
  BP_MRZ_N_FIELDS,
} BpMrzField;

typedef enum
{
  BP_MRZ_SEVERITY_WARNING,
  BP_MRZ_SEVERITY_ERROR,
} BpMrzSeverity;

#define BP_MRZ_ERROR (bp_mrz_error_quark ())

typedef enum
{
  BP_MRZ_ERROR_EMPTY,      /* nothing but blanks */
  BP_MRZ_ERROR_NOT_MRZ,    /* line count or lengths match no format */
  BP_MRZ_ERROR_INCOMPLETE, /* the first lines of a format, more to come */
} BpMrzError;

/* One check digit of the zone. */
typedef struct
{
  const char *name; /* stable id: "document_number", "birth_date", "expiry_date",
                     * "optional_data" (TD3 personal number), "composite" */
  BpMrzField field;
  char found;       /* the check digit as read (after repair) */
  char expected;    /* the check digit computed from the data */
  gboolean ok;
} BpMrzCheck;

/* A problem with one field, in words a person can act on (translated). */
typedef struct
{
  BpMrzSeverity severity;
  BpMrzField field;
  char *message;
} BpMrzIssue;

/* One character changed by OCR repair. Positions are 0-based. */
typedef struct
{
  BpMrzField field;
  guint line;
  guint column;
  char from;
  char to;
} BpMrzRepair;

typedef struct _BpMrz BpMrz;

struct _BpMrz
{
  /*< private >*/
  gatomicrefcount ref_count;

  /*< public, read-only >*/
  BpMrzFormat format;
  guint n_lines;
  char *lines[3];             /* normalised: upper case, repairs applied */

  char *document_code;        /* "P", "I", "ID", "V", "AC", ... ("<" fillers removed) */
  char *issuing_state;        /* "UTO", "D" (fillers removed) */
  char *document_number;      /* full number, TD1 long numbers joined */
  char *primary_identifier;   /* "ERIKSSON" (spaces between name parts) */
  char *secondary_identifier; /* "ANNA MARIA" */
  gboolean name_truncated;    /* name fills the field: it may be cut short */
  char *nationality;
  char *birth_date;           /* ISO "1974-08-12", "1974-08" or "1974" when day/month unknown; NULL if unreadable */
  char *birth_date_raw;       /* YYMMDD as printed */
  char *sex;                  /* "M", "F", "X" or "<" */
  char *expiry_date;          /* ISO, NULL if unreadable */
  char *expiry_date_raw;
  char *optional_data;        /* line 1 optional data (TD1), personal number (TD3), optional (TD2/MRV) */
  char *optional_data_2;      /* TD1 line 2 optional data */

  gboolean valid;             /* every check digit matches and no error */
  GPtrArray *checks;          /* of BpMrzCheck */
  GPtrArray *issues;          /* of BpMrzIssue, warnings and errors */
  GPtrArray *repairs;         /* of BpMrzRepair */
};

#define BP_TYPE_MRZ (bp_mrz_get_type ())

GQuark       bp_mrz_error_quark         (void);
GType        bp_mrz_get_type            (void) G_GNUC_CONST;

BpMrz       *bp_mrz_parse               (const char   *text,
                                         GDateTime    *today,
                                         GError      **error) G_GNUC_WARN_UNUSED_RESULT;
BpMrz       *bp_mrz_new                 (BpMrzFormat   format) G_GNUC_WARN_UNUSED_RESULT;
BpMrz       *bp_mrz_ref                 (BpMrz        *self);
void         bp_mrz_unref               (BpMrz        *self);

char        *bp_mrz_compose             (const BpMrz  *self) G_GNUC_WARN_UNUSED_RESULT;
char        *bp_mrz_to_json             (const BpMrz  *self) G_GNUC_WARN_UNUSED_RESULT;
JsonNode    *bp_mrz_to_json_node        (const BpMrz  *self) G_GNUC_WARN_UNUSED_RESULT;

const char  *bp_mrz_format_to_string    (BpMrzFormat   format);
const char  *bp_mrz_field_to_string     (BpMrzField    field);
const char  *bp_mrz_field_get_label     (BpMrzField    field);
const BpMrzCheck *bp_mrz_find_check     (const BpMrz  *self,
                                         const char   *name);
gboolean     bp_mrz_field_has_error     (const BpMrz  *self,
                                         BpMrzField    field);
gboolean     bp_mrz_field_has_warning   (const BpMrz  *self,
                                         BpMrzField    field);
char        *bp_mrz_dup_display_name    (const BpMrz  *self) G_GNUC_WARN_UNUSED_RESULT;

char         bp_mrz_check_digit         (const char   *data,
                                         gssize        len);
const char  *bp_mrz_country_name        (const char   *code);
char        *bp_mrz_dup_document_label  (const char   *document_code,
                                         const char   *document_number) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpMrz, bp_mrz_unref)

/* clang-format on */

G_END_DECLS
