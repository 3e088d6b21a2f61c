/* bp-tlv.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

#define BP_TLV_ERROR (bp_tlv_error_quark ())

typedef enum
{
  BP_TLV_ERROR_TRUNCATED,   /* a tag or length runs past the end of the buffer */
  BP_TLV_ERROR_MALFORMED,   /* indefinite length, over-long tag or length, … */
  BP_TLV_ERROR_NOT_FOUND,   /* the tag asked for is not there */
} BpTlvError;

/* One BER-TLV element inside a caller's buffer; nothing is copied. The
 * tag keeps its encoded bytes as a number: 0x61, 0x5F1F, 0x7F61. */
typedef struct
{
  guint32       tag;
  gboolean      constructed;
  const guint8 *value;
  gsize         length;        /* of the value */
  const guint8 *element;       /* tag, length and value */
  gsize         element_length;
} BpTlv;

GQuark       bp_tlv_error_quark   (void);

/* Reads the element at data[*pos], within data[0..size), and advances *pos
 * past it. Every length is checked against the buffer before use, so any
 * input (a chip is untrusted) either parses or fails with BP_TLV_ERROR:
 * indefinite lengths (0x80), tags longer than 4 bytes and lengths longer
 * than 4 bytes are refused. Zero padding (0x00 or 0xFF between elements,
 * ISO 7816-4 5.2.2) is skipped. Returns FALSE at the end of the buffer
 * without setting error. */
gboolean     bp_tlv_next          (const guint8  *data,
                                   gsize          size,
                                   gsize         *pos,
                                   BpTlv         *out,
                                   GError       **error);

/* Parses exactly one element that must fill data[0..size). */
gboolean     bp_tlv_parse         (const guint8  *data,
                                   gsize          size,
                                   BpTlv         *out,
                                   GError       **error);

/* Finds the first direct child of a constructed value with this tag. */
gboolean     bp_tlv_find          (const BpTlv   *parent,
                                   guint32        tag,
                                   BpTlv         *out,
                                   GError       **error);

/* Encoding, for commands and for the virtual chip's files. */
void         bp_tlv_append_tag    (GByteArray    *out,
                                   guint32        tag);
void         bp_tlv_append_length (GByteArray    *out,
                                   gsize          length);
void         bp_tlv_append        (GByteArray    *out,
                                   guint32        tag,
                                   const guint8  *value,
                                   gsize          length);
/* A DER INTEGER (tag 02), minimal big-endian, of a value >= 0. */
void         bp_tlv_append_uint   (GByteArray    *out,
                                   guint64        value);

/* clang-format on */

G_END_DECLS
