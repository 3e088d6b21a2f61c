/* bp-hq-reply.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-hq"

#include "config.h"

#include "bp-hq-error.h"
#include "bp-hq-reply.h"

/* Every /v1 reply is JSON carrying "api"; errors add "error" (a stable
 * code for programs) and "message" (English text for logs). */

/* A builder with the reply object opened and "api" written. */
JsonBuilder *
bp_hq_reply_begin (void)
{
  JsonBuilder *builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "api");
  json_builder_add_string_value (builder, BP_HQ_API);
  return builder;
}

/* Closes the object opened by bp_hq_reply_begin() and returns its text. */
char *
bp_hq_reply_end (JsonBuilder *builder)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (JSON_IS_BUILDER (builder), NULL);

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

void
bp_hq_reply_text (SoupServerMessage *msg,
                  guint status,
                  const char *json_text)
{
  g_return_if_fail (SOUP_IS_SERVER_MESSAGE (msg));
  g_return_if_fail (json_text != NULL);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    json_text, strlen (json_text));
}

void
bp_hq_reply_json (SoupServerMessage *msg,
                  guint status,
                  JsonBuilder *builder)
{
  g_autofree char *text = bp_hq_reply_end (builder);

  bp_hq_reply_text (msg, status, text);
}

void
bp_hq_reply_error (SoupServerMessage *msg,
                   guint status,
                   const char *code,
                   const char *message)
{
  g_autoptr (JsonBuilder) builder = bp_hq_reply_begin ();

  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  bp_hq_reply_json (msg, status, builder);
}

/* A database that is down is a temporary condition: 503, retry soon. */
void
bp_hq_reply_gerror (SoupServerMessage *msg,
                    const GError *error)
{
  g_return_if_fail (error != NULL);

  if (g_error_matches (error, BP_HQ_ERROR, BP_HQ_ERROR_DB_UNAVAILABLE))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", "5");
      bp_hq_reply_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "unavailable", error->message);
      return;
    }

  g_message ("request failed: %s", error->message);
  bp_hq_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", "HQ could not store this request");
}

char *
bp_hq_sha256_hex (const void *data,
                  gsize len)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
}

/* Lowercase hex, 64 digits: how the protocol writes every SHA-256. */
gboolean
bp_hq_is_sha256_hex (const char *str)
{
  if (str == NULL || strlen (str) != 64)
    return FALSE;
  for (const char *p = str; *p; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

/* Now, as the protocol writes times: UTC, microseconds, "Z". */
char *
bp_hq_now_utc (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}
