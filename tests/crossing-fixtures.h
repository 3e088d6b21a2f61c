/* crossing-fixtures.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Crossings, photos and an open store, shared by the crossing, store and
 * sync tests.
 */

#pragma once

#include "bp-crossing-private.h"
#include "bp-crossing.h"
#include "bp-store-private.h"

/* A store at @path, opened; fails the test if it cannot be. */
static inline BpStore *
open_store (const char *path)
{
  g_autoptr (GError) error = NULL;
  BpStore *store = bp_store_new (path);

  bp_store_open_sync (store, &error);
  g_assert_no_error (error);

  return store;
}

static inline GBytes *
make_photo (gsize size)
{
  guint8 *data = g_malloc (size);

  /* JPEG's start and end markers around bytes that, like compressed
   * image data, do not compress further. g_random, not g_test_rand: the
   * durability child runs without g_test_init(). */
  for (gsize i = 0; i < size; i++)
    data[i] = g_random_int_range (0, 256);
  data[0] = 0xff;
  data[1] = 0xd8;
  data[size - 2] = 0xff;
  data[size - 1] = 0xd9;

  return g_bytes_new_take (data, size);
}

static inline BpCrossing *
make_crossing (const char *number,
               const char *primary,
               const char *secondary)
{
  static const char *const reasons[] = { "document-valid", "face-match", NULL };
  BpCrossing *crossing = bp_crossing_new ();

  bp_crossing_set_booth_id (crossing, "booth-07");
  bp_crossing_set_officer_id (crossing, "officer-4711");
  bp_crossing_set_direction (crossing, BP_DIRECTION_ENTRY);
  _bp_crossing_set_document (crossing,
                             "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
                             "TD3", "P", "UTO", number, "UTO", primary, secondary,
                             "1974-08-12", "F", "2012-04-15");
  bp_crossing_set_checks_json (crossing,
                               "[{\"id\":\"mrz-check-digits\",\"verdict\":\"passed\",\"message\":\"All check digits match\"}]");
  bp_crossing_set_decision (crossing, BP_DECISION_ADMIT);
  bp_crossing_set_reasons (crossing, reasons);
  bp_crossing_set_note (crossing, "Travelling for work");

  return crossing;
}
