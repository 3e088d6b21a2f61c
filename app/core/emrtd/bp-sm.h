/* bp-sm.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-apdu.h"
#include "bp-card.h"
#include "bp-sm-crypto.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* BpSm: one secure messaging session of ICAO 9303-11 9.8 (keys and send
 * sequence counter), usable from either side: a reader protects commands
 * and unprotects responses; a chip unprotects commands and protects
 * responses. Every step increments the SSC first. A MAC failure, missing
 * data objects or an unprotected answer end the session: afterwards every
 * call fails with BP_CHIP_ERROR_SM_ENDED until a new session is made.
 * Not thread safe: one session belongs to one exchange at a time. */
typedef struct _BpSm BpSm;

#define BP_TYPE_SM (bp_sm_get_type ())

GType        bp_sm_get_type             (void) G_GNUC_CONST;

/* Keys are copied. key_len is 16 for 3DES, 16/24/32 for AES; ssc has the
 * cipher's block size (8 or 16 bytes). */
BpSm        *bp_sm_new                  (BpSmCipher     cipher,
                                         const guint8  *k_enc,
                                         const guint8  *k_mac,
                                         gsize          key_len,
                                         const guint8  *ssc) G_GNUC_WARN_UNUSED_RESULT;
/* Derives KS_enc and KS_mac from a shared secret with KDF counters 1 and 2
 * (BAC: K.IFD xor K.ICC; PACE/CA: the key agreement's shared secret). */
BpSm        *bp_sm_new_from_secret      (BpSmCipher     cipher,
                                         gsize          key_len,
                                         const guint8  *secret,
                                         gsize          secret_len,
                                         const guint8  *ssc,
                                         GError       **error) G_GNUC_WARN_UNUSED_RESULT;
BpSm        *bp_sm_ref                  (BpSm          *self);
void         bp_sm_unref                (BpSm          *self);

BpSmCipher   bp_sm_get_cipher           (BpSm          *self);
gsize        bp_sm_get_key_length       (BpSm          *self);
const guint8 *bp_sm_get_enc_key         (BpSm          *self);
const guint8 *bp_sm_get_mac_key         (BpSm          *self);
/* The current SSC; *len gets 8 or 16. */
const guint8 *bp_sm_get_ssc             (BpSm          *self,
                                         gsize         *len);
gboolean     bp_sm_is_open              (BpSm          *self);
/* Ends the session and wipes the keys. */
void         bp_sm_close                (BpSm          *self);

/* Reader side: a plain command → the protected command APDU. */
GBytes      *bp_sm_protect_command      (BpSm          *self,
                                         const BpApdu  *apdu,
                                         GError       **error) G_GNUC_WARN_UNUSED_RESULT;
/* Reader side: a protected response (with SW1 SW2) → plain data followed by
 * the status word from DO'99'. The MAC is checked on every response. An
 * answer of only an error status word, without data objects, is what a
 * chip sends when it has aborted secure messaging (9303-11 9.8.6): it is
 * returned as is and the session is closed; a bare 9000 is an error. */
GBytes      *bp_sm_unprotect_response   (BpSm          *self,
                                         GBytes        *response,
                                         GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/* Chip side: a protected command → the plain command APDU, encoded. On
 * error (BP_CHIP_ERROR_SM_MISSING: answer 6987; BP_CHIP_ERROR_SM_BAD_MAC:
 * answer 6988) the session is closed. */
GBytes      *bp_sm_unprotect_command    (BpSm          *self,
                                         GBytes        *command,
                                         GError       **error) G_GNUC_WARN_UNUSED_RESULT;
/* Chip side: plain data + SW1 SW2 → the protected response. ins is the
 * command's instruction: odd instructions carry data in DO'85'. */
GBytes      *bp_sm_protect_response     (BpSm          *self,
                                         guint8         ins,
                                         GBytes        *response,
                                         GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/* Reader side: protect, send with bp_apdu_transmit_raw(), unprotect. */
GBytes      *bp_sm_transmit             (BpSm          *self,
                                         BpCard        *card,
                                         const BpApdu  *apdu,
                                         GCancellable  *cancellable,
                                         GError       **error) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpSm, bp_sm_unref)

/* clang-format on */

G_END_DECLS
