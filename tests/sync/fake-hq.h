/* fake-hq.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An in-process stand-in for borderpost-hq, speaking protocol 1 over
 * plain HTTP on loopback, with switches for the faults sync must survive.
 */

#pragma once

#include <libsoup/soup.h>

typedef struct
{
  SoupServer *server;
  char *url;

  /* What HQ holds */
  GHashTable *crossings;   /* uuid → content_sha256 */
  GHashTable *photos;      /* sha256 → GByteArray, partial or whole */
  GHashTable *complete;    /* sha256 → TRUE once whole and checked */
  GHashTable *answers;     /* Idempotency-Key → body sent; answer */
  GHashTable *reject;      /* uuid → TRUE: answer rejected */
  char *packages_dir;      /* <dir>/<kind>/<version>/{manifest.json,manifest.sig,payload} */

  /* Faults */
  gboolean captive_portal;     /* 200 text/html to everything */
  guint unavailable;           /* answer this many requests 503 */
  guint retry_after;           /* seconds, with 503; 0 for none */
  gboolean unauthorized;       /* 401 to everything */
  guint drop_after_commit;     /* batches whose reply is lost after storing */
  guint drop_patch_after;
  gboolean refuse_photos;      /* every PATCH fails its hash check (422) */      /* PATCH requests answered before the next one is dropped; 0 off */

  /* What happened */
  guint requests;
  guint batches;
  guint replayed;              /* answers given again for a known key */
  guint patches;
  gsize photo_bytes_received;
  GPtrArray *keys;             /* Idempotency-Keys in the order seen */
} FakeHq;

FakeHq *fake_hq_new  (void);
void    fake_hq_free (FakeHq *hq);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeHq, fake_hq_free)
