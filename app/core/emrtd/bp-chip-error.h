/* bp-chip-error.h
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

#define BP_CHIP_ERROR (bp_chip_error_quark ())

/* Errors of the eMRTD protocol stack (APDUs, secure messaging, BAC, PACE,
 * file reading). Messages are written for an officer or IT staff. */
typedef enum
{
  BP_CHIP_ERROR_FAILED,
  BP_CHIP_ERROR_MALFORMED,      /* an APDU or response that cannot be parsed */
  BP_CHIP_ERROR_STATUS,         /* the chip answered with an unexpected status word */
  BP_CHIP_ERROR_SM_BAD_MAC,     /* a response failed its MAC: the session is over */
  BP_CHIP_ERROR_SM_MISSING,     /* secure messaging data objects are missing or wrong */
  BP_CHIP_ERROR_SM_ENDED,       /* the secure messaging session has ended */
  BP_CHIP_ERROR_ACCESS_DENIED,  /* the access key (MRZ or CAN) was refused */
  BP_CHIP_ERROR_NOT_SUPPORTED,  /* the chip does not offer what was asked */
  BP_CHIP_ERROR_PACE_FAILED,    /* PACE failed for another reason than a wrong key */
  BP_CHIP_ERROR_REMOVED,        /* the document left the reader */
  BP_CHIP_ERROR_BAD_KEY,        /* the MRZ or CAN given cannot form an access key */
} BpChipError;

GQuark       bp_chip_error_quark      (void);

/* clang-format on */

G_END_DECLS
