/* bp-hq-error.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* clang-format off */

#define BP_HQ_ERROR (bp_hq_error_quark ())

typedef enum
{
  BP_HQ_ERROR_FAILED,
  BP_HQ_ERROR_INVALID,        /* bad command line or request */
  BP_HQ_ERROR_DB_UNAVAILABLE, /* PostgreSQL cannot be reached */
  BP_HQ_ERROR_DB,             /* a query failed */
  BP_HQ_ERROR_TOO_NEW,        /* the schema was written by a newer borderpost-hq */
} BpHqError;

GQuark bp_hq_error_quark (void);

/* The protocol name every /v1 JSON body carries. */
#define BP_HQ_API "borderpost-hq/1"

/* clang-format on */

G_END_DECLS
