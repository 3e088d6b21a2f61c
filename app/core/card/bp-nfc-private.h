/* bp-nfc-private.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <nfc/nfc.h>

#include "bp-card.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* libnfc is not thread-safe. The process has one nfc_context, and every
 * call on it (listing, opening, closing devices) holds the context lock.
 * Every call on one nfc_device holds that device's lock, so a reader and
 * the cards it produced may be used from different threads; calls on one
 * device are serialised, never interleaved. */
typedef struct _BpNfcDevice BpNfcDevice;

struct _BpNfcDevice
{
  gatomicrefcount  ref_count;
  GMutex           lock;
  nfc_device      *pnd;         /* NULL once closed after an I/O error */
  char            *connstring;
  char            *name;        /* from libnfc, e.g. "PN532 v1.6" */
  guint            generation;  /* bumped at every selection */
};

nfc_context   *_bp_nfc_context_lock     (GError       **error);
void           _bp_nfc_context_unlock   (void);

BpNfcDevice   *_bp_nfc_device_open      (const char    *connstring,
                                         GError       **error);
BpNfcDevice   *_bp_nfc_device_ref       (BpNfcDevice   *device);
void           _bp_nfc_device_unref     (BpNfcDevice   *device);
/* Closes the device after an I/O error, under the device lock. */
void           _bp_nfc_device_drop      (BpNfcDevice   *device);

/* Sets @error from a negative libnfc status; @what says what was tried. */
void           _bp_nfc_set_error        (GError       **error,
                                         BpNfcDevice   *device,
                                         int            status,
                                         const char    *what);

BpCard        *_bp_nfc_card_new         (BpNfcDevice   *device,
                                         const nfc_target *target);

/* clang-format on */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpNfcDevice, _bp_nfc_device_unref)

G_END_DECLS
