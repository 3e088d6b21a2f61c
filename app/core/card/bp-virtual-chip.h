/* bp-virtual-chip.h
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

/* Access control the chip offers. */
typedef enum
{
  BP_VIRTUAL_CHIP_BAC  = 1 << 0,
  BP_VIRTUAL_CHIP_PACE = 1 << 1,
} BpVirtualChipProtocols;

/* File identifiers of the eMRTD application (ICAO 9303-10). */
#define BP_VIRTUAL_CHIP_FID_CARD_ACCESS 0x011C
#define BP_VIRTUAL_CHIP_FID_SOD         0x011D
#define BP_VIRTUAL_CHIP_FID_COM         0x011E
#define BP_VIRTUAL_CHIP_FID_DG(n)       ((guint16) (0x0100 + (n)))

/* PACE with ECDH generic mapping, AES-128 and brainpoolP256r1. */
#define BP_VIRTUAL_CHIP_PACE_DEFAULT_OID       "0.4.0.127.0.7.2.2.4.2.2"
#define BP_VIRTUAL_CHIP_PACE_DEFAULT_PARAMETER 13

/* Fills buffer with length random bytes (RND.ICC, K.ICC, the random part
 * of RSA Active Authentication). Called with the chip locked: it must not
 * call back into the chip. PACE keys come from OpenSSL regardless. */
typedef void (*BpVirtualChipRandomFunc) (guint8   *buffer,
                                         gsize     length,
                                         gpointer  user_data);

/* BpVirtualChip: an in-process contactless eMRTD that answers the ICAO
 * 9303 application from the card's side: SELECT, READ BINARY, BAC, PACE,
 * secure messaging, access conditions and real status words, with fault
 * knobs for tests. Every setter may be called at any time from any
 * thread. */
#define BP_TYPE_VIRTUAL_CHIP (bp_virtual_chip_get_type ())

G_DECLARE_FINAL_TYPE (BpVirtualChip, bp_virtual_chip, BP, VIRTUAL_CHIP, GObject)

/* Access data as printed: document number, birth and expiry date YYMMDD. */
BpVirtualChip *bp_virtual_chip_new                (const char              *document_number,
                                                   const char              *birth_date,
                                                   const char              *expiry_date) G_GNUC_WARN_UNUSED_RESULT;
/* Takes the access data from a whole MRZ (TD1, TD2 or TD3). */
BpVirtualChip *bp_virtual_chip_new_from_mrz       (const char              *mrz,
                                                   GError                 **error) G_GNUC_WARN_UNUSED_RESULT;

/* The MRZ information that keys BAC and PACE-MRZ: number, dates and their
 * check digits (ICAO 9303-11 4.3.2). */
const char    *bp_virtual_chip_get_mrz_information (BpVirtualChip          *self);
void           bp_virtual_chip_set_can            (BpVirtualChip           *self,
                                                   const char              *can);

/* Files, by FID; the SFI is the low five bits of 01xx FIDs. NULL removes. */
void           bp_virtual_chip_set_file           (BpVirtualChip           *self,
                                                   guint16                  fid,
                                                   GBytes                  *contents);
GBytes        *bp_virtual_chip_dup_file           (BpVirtualChip           *self,
                                                   guint16                  fid) G_GNUC_WARN_UNUSED_RESULT;

/* BAC and PACE by default. */
void           bp_virtual_chip_set_protocols      (BpVirtualChip           *self,
                                                   BpVirtualChipProtocols   protocols);
BpVirtualChipProtocols bp_virtual_chip_get_protocols (BpVirtualChip        *self);
/* PACE protocol OID (id-PACE-…, e.g. BP_VIRTUAL_CHIP_PACE_DEFAULT_OID) and
 * standardised domain parameter id (ICAO 9303-11 9.5.1). Without an
 * EF.CardAccess file of its own the chip writes one from these. */
gboolean       bp_virtual_chip_set_pace_parameters (BpVirtualChip          *self,
                                                   const char              *protocol_oid,
                                                   int                      parameter_id,
                                                   GError                 **error);
/* Chip Authentication (version 1, 9303-11 6.2, ECDH or DH: MSE:Set KAT
 * for 3DES, MSE:Set AT + GENERAL AUTHENTICATE for AES) and Chip
 * Authentication Mapping use the chip's static key set below (DER, EC; or
 * DH, PKCS#3 or X9.42, for CA only). For CAM give a CAM
 * protocol OID to the call above (id-PACE-ECDH-CAM-AES-CBC-CMAC-128 is
 * 0.4.0.127.0.7.2.2.4.6.2); without a key of its own the chip then makes
 * one on the PACE curve. The public half (DER SubjectPublicKeyInfo)
 * belongs in DG14. */
gboolean       bp_virtual_chip_set_chip_authentication_key (BpVirtualChip  *self,
                                                   GBytes                  *private_key_der,
                                                   GError                 **error);
GBytes        *bp_virtual_chip_dup_chip_authentication_public_key (BpVirtualChip *self) G_GNUC_WARN_UNUSED_RESULT;
/* Active Authentication (INTERNAL AUTHENTICATE): an RSA key signs by ISO/IEC
 * 9796-2 scheme 1 with SHA-1, an EC key by ECDSA-SHA256 in plain r || s.
 * Its public half belongs in DG15. NULL removes it (no AA, 6D00). */
gboolean       bp_virtual_chip_set_active_authentication_key (BpVirtualChip *self,
                                                   GBytes                  *private_key_der,
                                                   GError                 **error);
/* Extended length APDUs (off by default). */
void           bp_virtual_chip_set_extended_length (BpVirtualChip          *self,
                                                   gboolean                 supported);
/* Refuse READ BINARY with a short Le above max_le (for Le=256 use 255)
 * with status word sw (0x6700, 0x6B00 or 0x6282), as many chips do.
 * max_le 256 accepts everything. */
void           bp_virtual_chip_set_max_short_le   (BpVirtualChip           *self,
                                                   guint                    max_le,
                                                   guint16                  sw);
/* Replaces the chip's randomness, for exact-value tests. NULL restores. */
void           bp_virtual_chip_set_random_func    (BpVirtualChip           *self,
                                                   BpVirtualChipRandomFunc  func,
                                                   gpointer                 user_data,
                                                   GDestroyNotify           destroy);

/* Presence: a removed chip fails every transmit with
 * BP_CARD_ERROR_REMOVED; insert() powers it up again with no session. */
void           bp_virtual_chip_remove             (BpVirtualChip           *self);
void           bp_virtual_chip_insert             (BpVirtualChip           *self);
gboolean       bp_virtual_chip_is_present         (BpVirtualChip           *self);
/* Power cycle: no session, master file selected. */
void           bp_virtual_chip_reset              (BpVirtualChip           *self);

/* Fault knobs. */
/* Corrupt the MAC of every protected response from the nth (1-based)
 * counted from now; 0 turns it off. */
void           bp_virtual_chip_set_wrong_response_mac (BpVirtualChip       *self,
                                                   guint                    nth);
/* Sleep this long before answering each APDU. */
void           bp_virtual_chip_set_delay          (BpVirtualChip           *self,
                                                   guint                    delay_ms);
/* Answer n more APDUs, then leave the field. -1 turns it off. */
void           bp_virtual_chip_remove_after_apdus (BpVirtualChip           *self,
                                                   int                      n);
/* Leave the field at the first READ BINARY that would return byte
 * n_bytes (0-based) of file fid or a later one. fid 0 turns it off. */
void           bp_virtual_chip_remove_after_file_bytes (BpVirtualChip      *self,
                                                   guint16                  fid,
                                                   gsize                    n_bytes);
/* Serve only the first length bytes of the file; -1 restores it. */
void           bp_virtual_chip_set_truncated_file (BpVirtualChip           *self,
                                                   guint16                  fid,
                                                   gssize                   length);
/* Serve the file with the byte at offset inverted; -1 restores it. */
void           bp_virtual_chip_set_corrupted_file (BpVirtualChip           *self,
                                                   guint16                  fid,
                                                   gssize                   offset);
/* Once, when a READ BINARY of fid would return the byte at offset, answer
 * 6988 and drop the secure messaging session. fid 0 turns it off. */
void           bp_virtual_chip_set_sm_error_at    (BpVirtualChip           *self,
                                                   guint16                  fid,
                                                   gsize                    offset);

/* Counters, for tests and benchmarks. */
guint          bp_virtual_chip_get_n_apdus        (BpVirtualChip           *self);
/* "BAC", "PACE", "CA" (restarted by Chip Authentication) or NULL when no
 * session is up. */
const char    *bp_virtual_chip_get_session        (BpVirtualChip           *self);

/* clang-format on */

G_END_DECLS
