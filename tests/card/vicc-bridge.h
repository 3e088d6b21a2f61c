/* vicc-bridge.h
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

/* ViccBridge: a virtual card for vsmartcard's vpcd, the pcsc-lite driver
 * "Virtual PCD". vpcd listens on a TCP port per reader slot; a client
 * that connects is a card placed on that reader, and closing the
 * connection takes it away. Each message either way is a 2-byte
 * big-endian length and a payload. From vpcd, a 1-byte payload is a
 * control code (0 power off, 1 power on, 2 reset, 4 give the ATR, which
 * is answered); a longer one is a command APDU, answered with the
 * response APDU. The bridge answers on its own thread with any BpCard
 * (in the tests a BpVirtualChip, reset at power on and reset). */
typedef struct _ViccBridge ViccBridge;

ViccBridge *vicc_bridge_new                    (BpCard      *card) G_GNUC_WARN_UNUSED_RESULT;
void        vicc_bridge_free                   (ViccBridge  *self);

/* The ATR of a contactless ISO 14443-4 card as PC/SC part 3 builds it:
 * 3B 8n 80 01, the n historical bytes (ATS historical bytes for type A,
 * or application data, protocol info and MBLI for type B), then TCK. */
GBytes     *vicc_bridge_contactless_atr_new    (const guint8 *historical,
                                                gsize         n_historical) G_GNUC_WARN_UNUSED_RESULT;
/* The ATR answered; by default the contactless ATR without historical
 * bytes (3B 80 80 01 01). */
void        vicc_bridge_set_atr                (ViccBridge  *self,
                                                GBytes      *atr);
GBytes     *vicc_bridge_get_atr                (ViccBridge  *self);

/* Connects to vpcd on 127.0.0.1:port (the card is placed on the reader)
 * and starts answering. Fails if already connected. */
gboolean    vicc_bridge_connect                (ViccBridge  *self,
                                                guint16      port,
                                                GError     **error);
/* Closes the connection (the card leaves) and waits for the thread. */
void        vicc_bridge_disconnect             (ViccBridge  *self);
/* Whether the connection is up: FALSE after disconnect(), after the
 * fault below, and when vpcd closed it. */
gboolean    vicc_bridge_is_connected           (ViccBridge  *self);
/* Answer n more command APDUs, then close the connection on receiving
 * the next one without answering it: the card leaves mid-exchange. -1
 * turns it off. */
void        vicc_bridge_disconnect_after_apdus (ViccBridge  *self,
                                                int          n);

/* Counters since the bridge was made. */
guint       vicc_bridge_get_n_apdus            (ViccBridge  *self);
guint       vicc_bridge_get_n_power_ons        (ViccBridge  *self);
guint       vicc_bridge_get_n_atr_requests     (ViccBridge  *self);

/* clang-format on */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ViccBridge, vicc_bridge_free)

G_END_DECLS
