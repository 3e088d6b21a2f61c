/* bp-chip-result-private.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-chip-result.h"

G_BEGIN_DECLS

/* Filled by the reading while it runs; read through the public getters. */
struct _BpChipResult
{
  GObject parent_instance;

  BpChipProtocol protocol;
  char *protocol_reason;
  char *pace_error;
  GPtrArray *files;
  GBytes *cam_data;   /* DO'8A' as sent */
  GBytes *cam_ca_ic;  /* decrypted */
  GBytes *cam_pk_map; /* PK_Map,IC */
  BpChipAuthState ca_state;
  char *ca_error;
  char *ca_protocol;
  GBytes *ca_public_key;
  GBytes *aa_challenge; /* Active Authentication: what was sent… */
  GBytes *aa_response;  /* …and the chip's signature, unchecked */
  char *aa_error;       /* why there is no response, if AA was tried */
  guint apdus;
  guint64 bytes_sent;
  guint64 bytes_received;
  guint reauthentications;
};

/* clang-format off */
BpChipResult *_bp_chip_result_new      (void);
BpChipFile   *_bp_chip_result_add_file (BpChipResult *self,
                                        const char   *name,
                                        guint16       fid,
                                        guint8        sfi);
/* clang-format on */

G_END_DECLS
