/* bp-apdu.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-card.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* Status words used by the stack. */
#define BP_SW_OK                   0x9000
#define BP_SW_END_OF_FILE          0x6282  /* fewer bytes than Le, or Le refused by some chips */
#define BP_SW_WRONG_LENGTH         0x6700
#define BP_SW_SECURITY_STATUS      0x6982  /* not authenticated / access denied */
#define BP_SW_AUTH_BLOCKED         0x6983
#define BP_SW_CONDITIONS           0x6985
#define BP_SW_SM_MISSING           0x6987
#define BP_SW_SM_INCORRECT         0x6988
#define BP_SW_FILE_NOT_FOUND       0x6A82
#define BP_SW_WRONG_P1P2           0x6B00
#define BP_SW_INS_NOT_SUPPORTED    0x6D00
#define BP_SW_CLA_NOT_SUPPORTED    0x6E00

/* Largest Ne a command can ask for (extended Le 0000). */
#define BP_APDU_MAX_NE 65536

/* A command APDU (ISO/IEC 7816-4 5.1). data is not owned. ne is the number
 * of response bytes expected: 0 for no Le field, 1..65536 otherwise (256
 * is encoded 00 in a short APDU, 65536 as 0000 in an extended one). */
typedef struct
{
  guint8        cla;
  guint8        ins;
  guint8        p1;
  guint8        p2;
  const guint8 *data;
  gsize         data_len;
  gsize         ne;
  gboolean      extended;   /* force extended length fields */
} BpApdu;

/* Whether the APDU needs extended length fields. */
gboolean     bp_apdu_is_extended        (const BpApdu  *apdu);

/* Encodes a command; fails on lengths no APDU can carry. */
GBytes      *bp_apdu_encode             (const BpApdu  *apdu,
                                         GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/* Parses a command APDU (cases 1, 2, 3, 4, short and extended). The
 * data pointer of out points into raw. */
gboolean     bp_apdu_parse              (const guint8  *raw,
                                         gsize          len,
                                         BpApdu        *out,
                                         GError       **error);

/* SW1 SW2 of a response, 0 when the response is shorter than 2 bytes. */
guint16      bp_apdu_response_sw        (GBytes        *response);
/* The response data without SW1 SW2. */
const guint8 *bp_apdu_response_data     (GBytes        *response,
                                         gsize         *len);
/* Builds a response (data followed by SW1 SW2). */
GBytes      *bp_apdu_response_new       (const guint8  *data,
                                         gsize          len,
                                         guint16        sw) G_GNUC_WARN_UNUSED_RESULT;

/* What a status word means, in plain words (translated). */
char        *bp_apdu_sw_describe        (guint16        sw) G_GNUC_WARN_UNUSED_RESULT;

/* Sets BP_CHIP_ERROR_STATUS: "<what>: the chip answered <meaning> (SW)". */
void         bp_apdu_set_status_error   (GError       **error,
                                         guint16        sw,
                                         const char    *what);

/* Sends raw command bytes and gathers the whole response: 61xx is followed
 * by GET RESPONSE (bounded), 6Cxx by the same command with Le = xx, so
 * callers never see either. Card errors (removal, timeout) are mapped to
 * BP_CHIP_ERROR with plain words; BP_CARD_ERROR_REMOVED becomes
 * BP_CHIP_ERROR_REMOVED. */
GBytes      *bp_apdu_transmit_raw       (BpCard        *card,
                                         GBytes        *command,
                                         GCancellable  *cancellable,
                                         GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/* Encodes and sends a plain command with bp_apdu_transmit_raw(). */
GBytes      *bp_apdu_transmit           (BpCard        *card,
                                         const BpApdu  *apdu,
                                         GCancellable  *cancellable,
                                         GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/* clang-format on */

G_END_DECLS
