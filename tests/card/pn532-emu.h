/* pn532-emu.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bp-card.h"

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

/* A PN532 on a pseudo-terminal, speaking the host protocol of NXP's user
 * manual (UM0701-02) as libnfc's pn532_uart driver uses it. A thread serves
 * the master side; libnfc opens the slave ("pn532_uart:/dev/pts/N"). The
 * ISO 14443-A target it reports is whatever BpCard is placed on it. */
typedef struct _Pn532Emu Pn532Emu;

Pn532Emu   *pn532_emu_new                (GError    **error);
void        pn532_emu_free               (Pn532Emu   *self);
/* The slave side, e.g. "/dev/pts/5". */
const char *pn532_emu_get_path           (Pn532Emu   *self);
/* "pn532_uart:/dev/pts/5", for nfc_open() and LIBNFC_DEVICE. */
const char *pn532_emu_get_connstring     (Pn532Emu   *self);
/* Places a document on the antenna (NULL takes it away). */
void        pn532_emu_set_card           (Pn532Emu   *self,
                                          BpCard     *card);
/* Makes the document answer as ISO 14443-B (like many ID cards) instead
 * of -A. */
void        pn532_emu_set_type_b         (Pn532Emu   *self,
                                          gboolean    type_b);
/* How many frames with this command code the host sent. */
guint       pn532_emu_get_command_count  (Pn532Emu   *self,
                                          guint8      command);
/* Frames the emulator did not understand (answered with an error frame). */
guint       pn532_emu_get_unknown_count  (Pn532Emu   *self);

/* clang-format on */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pn532Emu, pn532_emu_free)

G_END_DECLS
