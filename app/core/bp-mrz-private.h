/* bp-mrz-private.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-mrz.h"

G_BEGIN_DECLS

/* Where one field sits: line, first column, number of characters.
 * A length of 0 means the format has no such field. */
typedef struct
{
  guint8 line;
  guint8 start;
  guint8 len;
} BpMrzSpan;

typedef struct
{
  guint8 line;
  guint8 column;
} BpMrzPos;

/* The fixed geometry of one format, from ICAO 9303 parts 4 to 7. */
typedef struct
{
  BpMrzFormat format;
  guint n_lines;
  guint line_length;
  BpMrzSpan spans[BP_MRZ_N_FIELDS]; /* indexed by BpMrzField */
  BpMrzSpan document_number_check;
  BpMrzSpan birth_date_check;
  BpMrzSpan expiry_date_check;
  BpMrzSpan optional_data_check; /* TD3 personal number */
  BpMrzSpan composite_check;
  BpMrzSpan composite[4]; /* the data the composite check digit covers */
  guint n_composite;
  /* TD1 and TD2 continue document numbers longer than nine characters
   * in the optional data, marked by a filler in the check digit position. */
  gboolean long_document_number;
} BpMrzLayout;

/* One check digit and every character it covers, in order. The TD1
 * composite is the longest at 61 characters. */
#define BP_MRZ_GROUP_MAX 64
#define BP_MRZ_MAX_GROUPS 5

typedef struct
{
  const char *name; /* the BpMrzCheck name */
  BpMrzField field;
  gboolean numeric;         /* dates: letters here are always misreads */
  gboolean filler_check_ok; /* '<' may stand for the check digit of an all-filler field */
  guint n_data;
  BpMrzPos data[BP_MRZ_GROUP_MAX];
  BpMrzPos check;
} BpMrzGroup;

static inline char
_bp_mrz_line_char (char *const *lines,
                   BpMrzPos pos)
{
  return lines[pos.line][pos.column];
}

const BpMrzLayout *_bp_mrz_layout_for_format (BpMrzFormat format);

guint _bp_mrz_layout_get_groups (const BpMrzLayout *layout,
                                 char *const *lines,
                                 BpMrzGroup *groups);
guint _bp_mrz_layout_get_long_number_length (const BpMrzLayout *layout,
                                             char *const *lines);
BpMrzSpan _bp_mrz_layout_get_optional_span (const BpMrzLayout *layout,
                                            char *const *lines);
BpMrzField _bp_mrz_layout_get_field_at (const BpMrzLayout *layout,
                                        char *const *lines,
                                        guint line,
                                        guint column);

int _bp_mrz_char_value (char c);
gboolean _bp_mrz_group_check (const BpMrzGroup *group,
                              char *const *lines,
                              char *expected);

const char *_bp_mrz_field_get_label_for_format (BpMrzField field,
                                                BpMrzFormat format);

void _bp_mrz_add_issue (BpMrz *self,
                        BpMrzSeverity severity,
                        BpMrzField field,
                        const char *format,
                        ...) G_GNUC_PRINTF (4, 5);

void _bp_mrz_repair (BpMrz *self,
                     const BpMrzLayout *layout);

G_END_DECLS
