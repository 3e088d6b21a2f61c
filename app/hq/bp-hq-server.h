/* bp-hq-server.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bp-hq-db.h"
#include "bp-hq-faults.h"

G_BEGIN_DECLS

/* clang-format off */

typedef struct _BpHqServer BpHqServer;

BpHqServer *bp_hq_server_new     (BpHqDb           *db,
                                  BpHqFaults       *faults,
                                  const char       *updates_dir,
                                  gboolean          enable_faults,
                                  GTlsCertificate  *certificate,
                                  GTlsDatabase     *client_ca);
gboolean    bp_hq_server_listen  (BpHqServer       *self,
                                  const char       *address,
                                  GError          **error);
char       *bp_hq_server_dup_url (BpHqServer       *self);
void        bp_hq_server_free    (BpHqServer       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpHqServer, bp_hq_server_free)

/* clang-format on */

G_END_DECLS
