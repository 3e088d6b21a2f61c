/* bp-card-monitor.h
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

/* BpCardMonitor: watches one reader on a worker thread and tells, on the
 * main context of the thread that called start(), when a document is
 * placed ("card-inserted", with the connected BpCard) and taken away
 * ("card-removed"). libnfc and in-process readers are polled with
 * connect() every interval while empty and with bp_card_is_present()
 * while a card is held; PC/SC readers wait on SCardGetStatusChange. A
 * reader failure is reported once per distinct message ("reader-error")
 * and polling goes on, so a reader plugged in later is picked up.
 * Read with the card "card-inserted" gives: calling connect() on the same
 * reader elsewhere selects the document again, which ends the announced
 * card's session (the monitor then reports it removed and inserted). */
#define BP_TYPE_CARD_MONITOR (bp_card_monitor_get_type ())

G_DECLARE_FINAL_TYPE (BpCardMonitor, bp_card_monitor, BP, CARD_MONITOR, GObject)

BpCardMonitor *bp_card_monitor_new           (BpCardReader   *reader) G_GNUC_WARN_UNUSED_RESULT;
BpCardReader  *bp_card_monitor_get_reader    (BpCardMonitor  *self);
/* Polling interval in milliseconds (default 300). */
void           bp_card_monitor_set_interval  (BpCardMonitor  *self,
                                              guint           interval_ms);
guint          bp_card_monitor_get_interval  (BpCardMonitor  *self);
/* Starts the worker; events go to the calling thread's default main
 * context. Does nothing if already running. */
void           bp_card_monitor_start         (BpCardMonitor  *self);
/* Stops and joins the worker; pending events are dropped and the card is
 * forgotten (no "card-removed" is emitted). Also done at dispose. */
void           bp_card_monitor_stop          (BpCardMonitor  *self);
gboolean       bp_card_monitor_is_running    (BpCardMonitor  *self);
/* The card on the reader as last announced, or NULL. */
BpCard        *bp_card_monitor_get_card      (BpCardMonitor  *self);

/* clang-format on */

G_END_DECLS
