/* bp-virtual-chip-sm.h
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

/* Secure messaging of ICAO 9303-11 9.8 (3DES for BAC, AES for PACE) and
 * the BAC key derivation, as the virtual chip needs them. Self-contained
 * on purpose so that it can be folded into the chip module's secure
 * messaging (bp-sm) once that offers the card-side operations. */

typedef struct _BpVcSm BpVcSm;

typedef enum
{
  BP_VC_SM_3DES,
  BP_VC_SM_AES,
} BpVcSmCipher;

typedef enum
{
  BP_VC_SM_OK,
  BP_VC_SM_MAC_FAILED,   /* 6988 */
  BP_VC_SM_MALFORMED,    /* 6987: data objects missing or wrong */
} BpVcSmStatus;

/* An unprotected command as the card sees it after unwrapping. */
typedef struct
{
  guint8      header[4];    /* CLA with the SM bits cleared, INS, P1, P2 */
  GByteArray *data;
  gsize       le;           /* 0 when absent; 256 or 65536 for 00 / 0000 */
  gboolean    extended_le;  /* DO97 had two bytes */
} BpVcSmCommand;

BpVcSm      *bp_vc_sm_new                   (BpVcSmCipher    cipher,
                                             const guint8   *ks_enc,
                                             const guint8   *ks_mac,
                                             gsize           key_length,
                                             const guint8   *ssc);
void         bp_vc_sm_free                  (BpVcSm         *sm);
BpVcSmCipher bp_vc_sm_get_cipher            (BpVcSm         *sm);

/* Card side: unwraps a protected command APDU (whole APDU, SM CLA). */
BpVcSmStatus bp_vc_sm_unprotect_command     (BpVcSm         *sm,
                                             const guint8   *apdu,
                                             gsize           apdu_length,
                                             BpVcSmCommand  *out);
void         bp_vc_sm_command_clear         (BpVcSmCommand  *command);
/* Card side: wraps response data and status word. */
GByteArray  *bp_vc_sm_protect_response      (BpVcSm         *sm,
                                             const guint8   *data,
                                             gsize           length,
                                             guint16         sw,
                                             gboolean        corrupt_mac);
/* Longest plaintext a protected short response (256 bytes) can carry. */
gsize        bp_vc_sm_max_short_plaintext   (BpVcSm         *sm);

/* Reader side, the mirror, for tests of the chip. */
GByteArray  *bp_vc_sm_protect_command       (BpVcSm         *sm,
                                             const guint8   *header,
                                             const guint8   *data,
                                             gsize           length,
                                             gsize           le);
BpVcSmStatus bp_vc_sm_unprotect_response    (BpVcSm         *sm,
                                             const guint8   *rapdu,
                                             gsize           rapdu_length,
                                             GByteArray     *data,
                                             guint16        *sw);

/* BAC (ICAO 9303-11 4.3 and 9.7.1). */
void         bp_vc_bac_seed_from_mrz        (const char     *mrz_information,
                                             guint8          k_seed[16]);
void         bp_vc_bac_derive_key           (const guint8    k_seed[16],
                                             guint32         counter,
                                             guint8          key[16]);
gboolean     bp_vc_3des_cbc                 (const guint8    key[16],
                                             gboolean        encrypt,
                                             const guint8   *in,
                                             gsize           length,
                                             guint8         *out);
void         bp_vc_retail_mac               (const guint8    key[16],
                                             const guint8   *data,
                                             gsize           length,
                                             guint8          mac[8]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpVcSm, bp_vc_sm_free)

/* clang-format on */

G_END_DECLS
