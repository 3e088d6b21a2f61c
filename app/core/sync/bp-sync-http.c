/* bp-sync-http.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bp-sync-private.h"

/* Requests to HQ and what their answers mean. Only a 2xx whose body is
 * JSON naming the protocol counts as HQ's answer: hotel and satellite
 * links put captive portals between booth and HQ that answer 200 with
 * a login page. */

static gboolean
request_certificate_cb (SoupMessage *msg,
                        GTlsClientConnection *connection,
                        gpointer user_data)
{
  BpSync *self = user_data;

  soup_message_set_tls_client_certificate (msg, self->client_certificate);

  return TRUE;
}

SoupMessage *
_bp_sync_message_new (BpSync *self,
                      const char *method,
                      const char *path)
{
  g_autofree char *uri = g_strconcat (self->hq_url, path, NULL);
  SoupMessage *msg = soup_message_new (method, uri);

  g_return_val_if_fail (msg != NULL, NULL);

  /* libsoup opens a new connection for every POST and PATCH, as it
   * must for requests that are not safe to repeat. Ours are: a batch
   * carries its Idempotency-Key and a chunk its offset. Reusing the
   * connection saves a TLS handshake per photo. */
  soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);

  if (self->client_certificate != NULL)
    {
      /* The message may outlive a reconfiguration; the certificate it
       * offers is the one current when HQ asks. */
      g_signal_connect_object (msg, "request-certificate", G_CALLBACK (request_certificate_cb), self, 0);
    }

  return msg;
}

static void
send_cb (GObject *object,
         GAsyncResult *result,
         gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  GBytes *body;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else if (error->domain == G_TLS_ERROR)
        g_task_return_new_error (task, BP_SYNC_ERROR, BP_SYNC_ERROR_AUTH,
                                 _ ("The secure connection to headquarters failed (%s). Check the booth’s "
                                    "certificate and headquarters’ certificate authority."),
                                 error->message);
      else
        g_task_return_new_error (task, BP_SYNC_ERROR, BP_SYNC_ERROR_UNREACHABLE,
                                 _ ("Headquarters could not be reached: %s"), error->message);
      return;
    }

  g_task_return_pointer (task, body, (GDestroyNotify) g_bytes_unref);
}

void
_bp_sync_send_async (BpSync *self,
                     SoupMessage *msg,
                     GCancellable *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, _bp_sync_send_async);
  g_task_set_task_data (task, g_object_ref (msg), g_object_unref);
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable, send_cb, task);
}

GBytes *
_bp_sync_send_finish (BpSync *self,
                      GAsyncResult *result,
                      GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

SoupMessage *
_bp_sync_send_get_message (GAsyncResult *result)
{
  return g_task_get_task_data (G_TASK (result));
}

/* Seconds, or an HTTP date; 0 when absent or unreadable. */
static gint64
parse_retry_after (SoupMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After");
  g_autoptr (GDateTime) date = NULL;
  guint64 seconds;

  if (value == NULL)
    return 0;

  if (g_ascii_string_to_unsigned (value, 10, 0, 24 * 3600, &seconds, NULL))
    return seconds * 1000;

  date = soup_date_time_new_from_http_string (value);
  if (date != NULL)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
      GTimeSpan span = g_date_time_difference (date, now);

      return CLAMP (span / 1000, 0, (gint64) 24 * 3600 * 1000);
    }

  return 0;
}

JsonObject *
_bp_sync_check_answer (BpSync *self,
                       SoupMessage *msg,
                       GBytes *body,
                       GError **error)
{
  guint status = soup_message_get_status (msg);
  g_autoptr (JsonObject) object = NULL;
  const char *content_type;
  const char *message = NULL;

  content_type = soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL);
  if (g_strcmp0 (content_type, "application/json") == 0)
    object = bp_sync_parse_envelope (body);
  if (object != NULL)
    message = bp_sync_json_get_string (object, "message");

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      if (object == NULL)
        {
          g_set_error (error, BP_SYNC_ERROR, BP_SYNC_ERROR_NOT_HQ,
                       _ ("Something other than headquarters answered (HTTP %u, %s). The network may need a "
                          "sign-in page to be accepted, or the headquarters address may be wrong."),
                       status, content_type ? content_type : _ ("no content type"));
          return NULL;
        }
      return g_steal_pointer (&object);
    }

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
    case SOUP_STATUS_FORBIDDEN:
      g_set_error (error, BP_SYNC_ERROR, BP_SYNC_ERROR_AUTH,
                   _ ("Headquarters refused this booth (HTTP %u%s%s). Check the booth’s certificate."),
                   status, message ? ": " : "", message ? message : "");
      return NULL;

    case SOUP_STATUS_SERVICE_UNAVAILABLE:
    case 429: /* Too Many Requests */
      self->retry_after_ms = parse_retry_after (msg);
      g_set_error (error, BP_SYNC_ERROR, BP_SYNC_ERROR_BUSY,
                   _ ("Headquarters is busy (HTTP %u) and asked to try again later."), status);
      return NULL;

    default:
      g_set_error (error, BP_SYNC_ERROR, BP_SYNC_ERROR_SERVER,
                   _ ("Headquarters answered with an error (HTTP %u%s%s)."),
                   status, message ? ": " : "", message ? message : "");
      return NULL;
    }
}
