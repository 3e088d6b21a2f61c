/* pcscd-sandbox.h
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

/* PcscdSandbox: a pcscd of the test's own, with vsmartcard's vpcd as its
 * only reader driver, that leaves any system pcscd alone. Debian's pcscd
 * 1.9.9 always binds /run/pcscd/pcscd.comm (it ignores
 * PCSCLITE_CSOCK_NAME; only libpcsclite honours it), so it runs in a mount
 * namespace of its own (unshare) where /run/pcscd is a temporary directory
 * and the USB driver directory is empty (a real reader stays with the
 * system pcscd). Where mount namespaces are not permitted, and only if no
 * pcscd runs, it runs as the system's pcscd instead (on /run/pcscd, which
 * it removes when it stops). vpcd's two slots, "Virtual PCD 00 00" and
 * "Virtual PCD 00 01", listen on TCP ports port and port + 1 (of every
 * interface: vpcd binds them so) while it runs. start() sets
 * PCSCLITE_CSOCK_NAME in this process (libpcsclite reads it once, so call
 * it before any other PC/SC use), and child processes inherit it. pcscd
 * dies with the test process (parent death signal) and after 60 s of
 * inactivity (--auto-exit). */
typedef struct _PcscdSandbox PcscdSandbox;

#define PCSCD_SANDBOX_READER "Virtual PCD 00 00"

/* Returns NULL with error when pcscd or vpcd cannot run here; sets
 * skip_reason (and returns NULL without error) when they are not
 * installed. */
PcscdSandbox *pcscd_sandbox_start       (char         **skip_reason,
                                         GError       **error);
/* Stops pcscd (SIGTERM, then SIGKILL after 5 s) and removes its files. */
void          pcscd_sandbox_stop        (PcscdSandbox  *self);
/* Stops pcscd only, as if it crashed or was stopped by IT staff. */
void          pcscd_sandbox_kill        (PcscdSandbox  *self);
/* Starts it again, same socket and ports. */
gboolean      pcscd_sandbox_restart     (PcscdSandbox  *self,
                                         GError       **error);
guint16       pcscd_sandbox_get_port    (PcscdSandbox  *self);
const char   *pcscd_sandbox_get_socket  (PcscdSandbox  *self);
/* pcscd's output so far (errors only), for failure messages. */
char         *pcscd_sandbox_dup_log     (PcscdSandbox  *self);

/* clang-format on */

G_END_DECLS
