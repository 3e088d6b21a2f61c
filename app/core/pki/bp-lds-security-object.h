/* bp-lds-security-object.h
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

/* The eContent of EF.SOD (ICAO 9303-10 4.6.2.2): the hash algorithm and
 * one hash per data group, with the LDS/Unicode versions of LDS 1.8. */
typedef struct _BpLdsSecurityObject BpLdsSecurityObject;

BpLdsSecurityObject *bp_lds_security_object_parse          (const guint8               *der,
                                                            gsize                       length,
                                                            GError                    **error) G_GNUC_WARN_UNUSED_RESULT;
void                 bp_lds_security_object_free           (BpLdsSecurityObject        *self);
int                  bp_lds_security_object_get_version    (const BpLdsSecurityObject  *self);
/* "SHA-256", …; the algorithm is one of SHA-1, SHA-224, SHA-256, SHA-384, SHA-512. */
const char          *bp_lds_security_object_get_hash_name  (const BpLdsSecurityObject  *self);
/* The data group numbers listed, ascending. */
const guint         *bp_lds_security_object_get_groups     (const BpLdsSecurityObject  *self,
                                                            guint                      *n_groups);
/* The hash listed for a data group, or NULL. */
GBytes              *bp_lds_security_object_get_hash       (const BpLdsSecurityObject  *self,
                                                            guint                       group);
/* The hash of @data with the object's algorithm. */
GBytes              *bp_lds_security_object_hash           (const BpLdsSecurityObject  *self,
                                                            GBytes                     *data) G_GNUC_WARN_UNUSED_RESULT;
/* "0108" and "040000" for LDS 1.8, NULL before. */
const char          *bp_lds_security_object_get_lds_version     (const BpLdsSecurityObject *self);
const char          *bp_lds_security_object_get_unicode_version (const BpLdsSecurityObject *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpLdsSecurityObject, bp_lds_security_object_free)

/* clang-format on */

G_END_DECLS
