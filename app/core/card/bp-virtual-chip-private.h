/* bp-virtual-chip-private.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <eac/eac.h>

#include "bp-sm.h"
#include "bp-virtual-chip.h"

G_BEGIN_DECLS

/* clang-format off */

/* ISO 7816-4 status words the chip answers with. */
#define SW_OK                   0x9000
#define SW_END_OF_FILE          0x6282
#define SW_AUTH_FAILED          0x6300
#define SW_WRONG_LENGTH         0x6700
#define SW_CHAINING_UNSUPPORTED 0x6884
#define SW_SM_MISSING           0x6987
#define SW_SM_WRONG             0x6988
#define SW_SECURITY_STATUS      0x6982
#define SW_CONDITIONS_OF_USE    0x6985
#define SW_NO_CURRENT_EF        0x6986
#define SW_WRONG_DATA           0x6A80
#define SW_FILE_NOT_FOUND       0x6A82
#define SW_WRONG_P1P2_FUNCTION  0x6A86
#define SW_REF_DATA_NOT_FOUND   0x6A88
#define SW_WRONG_P1P2           0x6B00
#define SW_INS_UNSUPPORTED      0x6D00
#define SW_CLA_UNSUPPORTED      0x6E00

typedef enum
{
  BP_VC_SESSION_NONE,
  BP_VC_SESSION_BAC,
  BP_VC_SESSION_PACE,
} BpVcSession;

/* A plain command as the application sees it. */
typedef struct
{
  guint8        cla, ins, p1, p2;
  const guint8 *data;
  gsize         lc;
  gsize         le;        /* 0: no Le; 256 / 65536 for 00 / 0000 */
  gboolean      extended;  /* Le was given in extended form */
  gboolean      le_max;    /* Le was 00 (or 0000): "as much as there is" */
} BpVcCommand;

typedef struct _BpVcPace BpVcPace;

/* State shared by the chip's files; every field is guarded by the
 * chip's mutex, which the caller of these functions holds. */
typedef struct
{
  char                  *mrz_information;
  char                  *can;
  BpVirtualChipProtocols protocols;
  char                  *pace_oid;          /* as offered in EF.CardAccess */
  int                    pace_nid;          /* OpenPACE's protocol (GM for CAM) */
  int                    pace_parameter_id;
  gboolean               pace_cam;          /* Chip Authentication Mapping */
  EVP_PKEY              *ca_key;            /* static Chip Authentication key */
  BpVirtualChipRandomFunc random_func;
  gpointer               random_data;

  guint8                 rnd_icc[8];
  gboolean               challenge_valid;
  BpSm                  *sm;
  BpVcSession            session;
  BpVcPace              *pace;
} BpVcState;

struct _BpVirtualChip
{
  GObject parent_instance;

  GMutex mutex;
  BpVcState state;
  GHashTable *files; /* fid → GBytes */
  GDestroyNotify random_destroy;
  gboolean extended_length;
  guint max_short_le;
  guint16 le_reject_sw;

  /* Power and selection. */
  gboolean present;
  gboolean application_selected;
  guint16 current_ef; /* 0: none */

  /* Fault knobs. */
  guint wrong_mac_from;
  guint n_protected_responses;
  guint delay_ms;
  int remove_after_apdus;
  guint16 remove_fid;
  gsize remove_after_bytes;
  GHashTable *truncations; /* fid → length */
  GHashTable *corruptions; /* fid → offset */
  guint16 sm_error_fid;
  gsize sm_error_offset;

  guint n_apdus;
  gboolean card_access_given;
};


void         _bp_vc_drop_session            (BpVirtualChip *self);
void         _bp_vc_power_up                (BpVirtualChip *self);

/* Files; answers into response, returns the status word, or 0 with error
 * set when the chip leaves the field instead of answering. */
guint16      _bp_vc_select_file             (BpVirtualChip *self,
                                             const BpVcCommand *command,
                                             GByteArray    *response);
guint16      _bp_vc_read_binary             (BpVirtualChip *self,
                                             const BpVcCommand *command,
                                             gsize          max_data,
                                             GByteArray    *response,
                                             GError       **error);

void         _bp_vc_random                  (BpVcState     *state,
                                             guint8        *buffer,
                                             gsize          length);

/* BAC card side; answers into response, returns the status word. */
guint16      _bp_vc_get_challenge           (BpVcState     *state,
                                             const BpVcCommand *command,
                                             GByteArray    *response);
guint16      _bp_vc_external_authenticate   (BpVcState     *state,
                                             const BpVcCommand *command,
                                             GByteArray    *response);

/* PACE card side. */
gboolean     _bp_vc_pace_init_ctx           (EAC_CTX       *ctx,
                                             int            nid,
                                             int            parameter_id);
GBytes      *_bp_vc_pace_card_access        (const char    *oid,
                                             int            parameter_id);
guint16      _bp_vc_pace_set_at             (BpVcState     *state,
                                             const BpVcCommand *command);
guint16      _bp_vc_pace_general_authenticate (BpVcState   *state,
                                             const BpVcCommand *command,
                                             GByteArray    *response);
void         _bp_vc_pace_free               (BpVcPace      *pace);

/* Chip Authentication Mapping (ICAO 9303-11 4.4.3.5). */
EVP_PKEY    *_bp_vc_cam_generate_key        (int            parameter_id);
gboolean     _bp_vc_cam_key_matches         (EVP_PKEY      *key,
                                             int            parameter_id);
GByteArray  *_bp_vc_cam_encrypt_data        (BpVcState     *state,
                                             EAC_CTX       *ctx);

/* clang-format on */

G_END_DECLS
