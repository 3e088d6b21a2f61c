/* bp-pace.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-card.h"
#include "bp-sm.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* PACE (ICAO 9303-11 section 4.4), the mathematics by OpenPACE. */

typedef enum
{
  BP_PACE_PASSWORD_MRZ = 1,   /* values of 9303-11 MSE:Set AT tag 83 */
  BP_PACE_PASSWORD_CAN = 2,
} BpPacePassword;

typedef enum
{
  BP_PACE_MAPPING_GM,         /* generic mapping, DH or ECDH */
  BP_PACE_MAPPING_IM,         /* integrated mapping */
  BP_PACE_MAPPING_CAM,        /* chip authentication mapping */
} BpPaceMapping;

/* What a PACE run established besides the session keys. */
typedef struct
{
  BpPaceMapping mapping;
  char         *protocol_oid;   /* dotted OID of the PACEInfo used */
  GBytes       *cam_data;       /* CAM: the chip's encrypted authentication data (DO'8A' value), else NULL */
  GBytes       *cam_ca_ic;      /* CAM: CA_IC decrypted from it, NULL if it does not decrypt */
  GBytes       *pk_map_ic;      /* CAM: the chip's mapping public key PK_Map,IC (DO'82'), else NULL */
} BpPaceInfo;

void         bp_pace_info_clear          (BpPaceInfo     *info);

/* Whether EF.CardAccess (raw bytes, outer tag included) holds a PACEInfo
 * this reader can run. */
gboolean     bp_pace_card_access_has_pace (GBytes        *card_access);

/* Runs MSE:Set AT and the four GENERAL AUTHENTICATE steps with the
 * password (the MRZ information of bp_bac_mrz_information(), or the CAN),
 * and returns the secure messaging session. A refused password gives
 * BP_CHIP_ERROR_ACCESS_DENIED, anything else BP_CHIP_ERROR_PACE_FAILED or
 * a transport error. info may be NULL. */
BpSm        *bp_pace_authenticate        (BpCard         *card,
                                          GBytes         *card_access,
                                          BpPacePassword  password_type,
                                          const char     *password,
                                          BpPaceInfo     *info,
                                          GCancellable   *cancellable,
                                          GError        **error) G_GNUC_WARN_UNUSED_RESULT;

/* K_π: the key that encrypts the PACE nonce, from the password (for
 * tests: 9303-11 Appendix G). key_len 16/24/32 for AES, 16 for 3DES. */
gboolean     bp_pace_password_key        (BpPacePassword  password_type,
                                          const char     *password,
                                          BpSmCipher      cipher,
                                          gsize           key_len,
                                          guint8         *key_out,
                                          GError        **error);

/* The OpenSSL NID of the CAM protocol whose mapping is this ECDH generic
 * mapping NID (registered on first use), or 0. */
int          bp_pace_cam_nid            (int            gm_nid);

/* clang-format on */

G_END_DECLS
