/* bp-uuid.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-uuid"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "bp-uuid.h"

/* The 74 bits after the timestamp that are not version or variant. */
#define RANDOM_BITS 74

typedef struct
{
  gint64 unix_ms;
  guint8 random[10]; /* rand_a (12 bits) then rand_b (62 bits), big endian, top 6 bits unused */
} Stamp;

static GMutex last_mutex;
static Stamp last_stamp;

static void
fill_random (guint8 *buf,
             gsize len)
{
  gsize done = 0;

  /* getrandom() reads the same pool as /dev/urandom without needing a
   * file descriptor; it only fails on very old kernels or in odd sandboxes,
   * where GLib's generator (seeded from /dev/urandom) is good enough for
   * identifiers that must be unique, not secret. */
  while (done < len)
    {
      ssize_t n = getrandom (buf + done, len - done, 0);

      if (n < 0 && errno == EINTR)
        continue;

      if (n <= 0)
        break;

      done += n;
    }

  for (; done < len; done++)
    buf[done] = g_random_int_range (0, 256);
}

static void
random_bits (guint8 random[10])
{
  fill_random (random, 10);
  random[0] &= 0x03;
}

/* Adds one to the 74-bit random field. Returns FALSE when it wraps. */
static gboolean
increment (guint8 random[10])
{
  for (int i = 9; i >= 0; i--)
    {
      if (i == 0)
        {
          random[0] = (random[0] + 1) & 0x03;
          return random[0] != 0;
        }

      if (++random[i] != 0)
        return TRUE;
    }

  g_assert_not_reached ();
}

static char *
format_stamp (const Stamp *stamp)
{
  guint8 b[16];
  guint64 ms = (guint64) stamp->unix_ms;

  for (int i = 0; i < 6; i++)
    b[i] = (ms >> (8 * (5 - i))) & 0xff;

  /* 74 random bits = 2 + 8 * 9: the top two bits of random[0] and the
   * following 72 are spread over rand_a (12 bits), then rand_b (62 bits),
   * skipping the 4 version bits and the 2 variant bits. */
  {
    guint64 hi = 0; /* the first 12 bits */
    guint64 lo = 0; /* the last 62 bits */
    guint8 r[10];

    memcpy (r, stamp->random, sizeof r);
    hi = ((guint64) (r[0] & 0x03) << 10) | ((guint64) r[1] << 2) | (r[2] >> 6);
    lo = (guint64) (r[2] & 0x3f) << 56;
    for (int i = 3; i < 10; i++)
      lo |= (guint64) r[i] << (8 * (9 - i));

    b[6] = 0x70 | ((hi >> 8) & 0x0f);
    b[7] = hi & 0xff;
    b[8] = 0x80 | ((lo >> 56) & 0x3f);
    for (int i = 9; i < 16; i++)
      b[i] = (lo >> (8 * (15 - i))) & 0xff;
  }

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                          b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

/**
 * bp_uuid_v7_new:
 *
 * Creates a version 7 UUID for the current time.
 *
 * Within one process the identifiers strictly increase, even when two are
 * made in the same millisecond or the clock steps back: RFC 9562 §6.2
 * method 2, the random field used as a counter seeded with random bits.
 * Sorting them as strings therefore gives creation order.
 *
 * Returns: (transfer full): a lower-case UUID string
 */
char *
bp_uuid_v7_new (void)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&last_mutex);
  Stamp stamp;

  stamp.unix_ms = g_get_real_time () / 1000;

  if (stamp.unix_ms > last_stamp.unix_ms)
    {
      random_bits (stamp.random);
    }
  else
    {
      /* Same millisecond, or the clock went back: stay on the last
       * timestamp and count up. Should the counter wrap, borrow the next
       * millisecond rather than go backwards. */
      stamp = last_stamp;
      if (!increment (stamp.random))
        {
          stamp.unix_ms++;
          random_bits (stamp.random);
        }
    }

  last_stamp = stamp;

  return format_stamp (&stamp);
}

/**
 * bp_uuid_v7_new_at:
 * @unix_ms: milliseconds since the Unix epoch, within 48 bits
 *
 * Creates a version 7 UUID for a given time, with fresh random bits.
 * Unlike bp_uuid_v7_new() it keeps no order with other identifiers made
 * in the same millisecond; it is for imports and tests.
 *
 * Returns: (transfer full): a lower-case UUID string
 */
char *
bp_uuid_v7_new_at (gint64 unix_ms)
{
  Stamp stamp;

  g_return_val_if_fail (unix_ms >= 0 && unix_ms < ((gint64) 1 << 48), NULL);

  stamp.unix_ms = unix_ms;
  random_bits (stamp.random);

  return format_stamp (&stamp);
}

/**
 * bp_uuid_is_valid:
 * @uuid: (nullable): a string
 *
 * Checks that @uuid has the 8-4-4-4-12 hexadecimal form of RFC 9562.
 * Any version is accepted, since crossings may name documents or boots
 * identified by other versions.
 *
 * Returns: %TRUE if @uuid is a well-formed UUID
 */
gboolean
bp_uuid_is_valid (const char *uuid)
{
  return uuid != NULL && g_uuid_string_is_valid (uuid);
}

static gpointer
read_boot_id (gpointer data)
{
  g_autofree char *contents = NULL;

  /* The kernel makes a new one at every boot. With it, a sequence number
   * or a monotonic clock reading can be told apart from one taken before
   * a restart. Without /proc (containers, other systems) a random value
   * per process keeps that property, if more often than needed. */
  if (g_file_get_contents ("/proc/sys/kernel/random/boot_id", &contents, NULL, NULL))
    {
      g_strstrip (contents);
      if (bp_uuid_is_valid (contents))
        return g_ascii_strdown (contents, -1);
    }

  return g_uuid_string_random ();
}

/**
 * bp_uuid_get_boot_id:
 *
 * Gets the identifier of the current boot of this machine.
 *
 * Returns: (transfer none): a UUID string, the same for the whole process
 */
const char *
bp_uuid_get_boot_id (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, read_boot_id, NULL);
}
