/* bp-chip-auth.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <openssl/evp.h>

#include "bp-card.h"
#include "bp-sm.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* Chip Authentication version 1, terminal side (ICAO 9303-11 6.2), ECDH
 * and DH, inside the open secure messaging session sm: an ephemeral key
 * pair on the chip key's domain parameters, sent by MSE:Set KAT (3DES
 * protocols) or MSE:Set AT and GENERAL AUTHENTICATE (AES protocols).
 * Returns the restarted session (keys from the shared secret, SSC zero).
 * Whether the chip really holds the key is known only once an answer
 * verifies under the new session. A refusal gives BP_CHIP_ERROR_STATUS. */
BpSm        *bp_chip_auth_run        (BpSm          *sm,
                                      BpCard        *card,
                                      EVP_PKEY      *chip_key,
                                      const char    *protocol_oid,
                                      GBytes        *key_id,
                                      GCancellable  *cancellable,
                                      GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/* PACE-CAM (ICAO 9303-11 4.4.3.5.1): whether PK_Map,IC = KA(CA_IC, PK_IC,
 * D_IC), with PK_IC the ECDH Chip Authentication key of DG14 (raw DG14,
 * tag 6E included), ca_ic the decrypted chip authentication data and
 * pk_map_ic the chip's mapping public key (uncompressed point). Pure: it
 * does not say whether DG14 itself is genuine. */
gboolean     bp_chip_auth_verify_cam (GBytes        *dg14,
                                      GBytes        *ca_ic,
                                      GBytes        *pk_map_ic,
                                      GError       **error);

/* clang-format on */

G_END_DECLS
