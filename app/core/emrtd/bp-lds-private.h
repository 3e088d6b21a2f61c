/* bp-lds-private.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-lds.h"
#include "bp-tlv.h"

G_BEGIN_DECLS

/* clang-format off */

/* Parses a whole file that must be one element with tag @tag; @what names
 * the file in error messages ("DG11"). */
gboolean     _bp_lds_open               (GBytes       *file,
                                         guint32       tag,
                                         const char   *what,
                                         BpTlv        *out,
                                         GError      **error);
/* Turns a BP_TLV_ERROR into a BP_LDS_ERROR_MALFORMED naming the file. */
void         _bp_lds_tlv_error          (GError      **error,
                                         const char   *what,
                                         GError       *tlv_error);
/* A text value as valid UTF-8 (invalid bytes replaced). */
char        *_bp_lds_dup_text           (const BpTlv  *tlv);
/* Appends @tag with @text as its value, unless @text is NULL. */
void         _bp_lds_append_text        (GByteArray   *out,
                                         guint32       tag,
                                         const char   *text);
/* Wraps @content in @tag and returns it as GBytes. */
GBytes      *_bp_lds_wrap               (guint32       tag,
                                         GByteArray   *content);

/* clang-format on */

G_END_DECLS
