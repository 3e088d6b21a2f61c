/* emrtd-test-util.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <string.h>

/* Hex helpers shared by the chip protocol tests. */

static inline GBytes *
hex_bytes (const char *hex)
{
  GByteArray *out = g_byte_array_new ();

  for (const char *p = hex; *p != '\0';)
    {
      guint8 b;

      if (*p == ' ')
        {
          p++;
          continue;
        }
      g_assert_true (g_ascii_isxdigit (p[0]) && g_ascii_isxdigit (p[1]));
      b = (g_ascii_xdigit_value (p[0]) << 4) | g_ascii_xdigit_value (p[1]);
      g_byte_array_append (out, &b, 1);
      p += 2;
    }
  return g_byte_array_free_to_bytes (out);
}

static inline char *
bytes_hex (const guint8 *data,
           gsize len)
{
  GString *s = g_string_sized_new (len * 2 + 1);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (s, "%02X", data[i]);
  return g_string_free (s, FALSE);
}

static inline char *
gbytes_hex (GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  return bytes_hex (data, len);
}

#define assert_hex(data, len, expected)                  \
  G_STMT_START                                           \
  {                                                      \
    g_autofree char *_hex = bytes_hex ((data), (len));   \
    g_assert_cmpstr (_hex, ==, (expected));              \
  }                                                      \
  G_STMT_END

#define assert_bytes_hex(bytes, expected)                \
  G_STMT_START                                           \
  {                                                      \
    g_autofree char *_hex = gbytes_hex (bytes);          \
    g_assert_cmpstr (_hex, ==, (expected));              \
  }                                                      \
  G_STMT_END
