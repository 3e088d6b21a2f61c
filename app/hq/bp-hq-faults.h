/* bp-hq-faults.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* clang-format off */

typedef enum
{
  BP_HQ_FAULT_DROP_AFTER_COMMIT, /* commit, then close without answering */
  BP_HQ_FAULT_503,               /* 503 with Retry-After VALUE (default 1) */
  BP_HQ_FAULT_CAPTIVE_PORTAL,    /* 200 text/html for everything */
  BP_HQ_FAULT_SLOW,              /* delay each reply by VALUE ms */
  BP_HQ_FAULT_PARTIAL,           /* send half the reply, then close */
  BP_HQ_FAULT_CONFLICT,          /* every batch item is a conflict */
  BP_HQ_N_FAULTS,
} BpHqFault;

typedef struct _BpHqFaults BpHqFaults;

BpHqFaults *bp_hq_faults_new     (void);
void        bp_hq_faults_free    (BpHqFaults  *self);
gboolean    bp_hq_faults_add     (BpHqFaults  *self,
                                  const char  *spec,
                                  GError     **error);
void        bp_hq_faults_clear   (BpHqFaults  *self);
gboolean    bp_hq_faults_is_set  (BpHqFaults  *self,
                                  BpHqFault    fault);
gboolean    bp_hq_faults_take    (BpHqFaults  *self,
                                  BpHqFault    fault,
                                  guint       *value);
JsonNode   *bp_hq_faults_to_json (BpHqFaults  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpHqFaults, bp_hq_faults_free)

/* clang-format on */

G_END_DECLS
