/* bp-hq-server.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-hq"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <openssl/x509.h>

#include "bp-hq-batch.h"
#include "bp-hq-error.h"
#include "bp-hq-photos.h"
#include "bp-hq-reply.h"
#include "bp-hq-server.h"
#include "bp-hq-updates.h"

/* The HTTP side of borderpost-hq: one SoupServer on the main loop,
 * routing /v1 requests to the photo, batch and update handlers, and
 * applying the fault switches around them. With a certificate it speaks
 * HTTPS only and requires a client certificate from the client CA; the
 * certificate's CN is the booth id. */

struct _BpHqServer
{
  SoupServer *soup;
  BpHqDb *db;
  BpHqFaults *faults;
  char *updates_dir;
  gboolean enable_faults;
  gboolean tls;
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509, X509_free)

/* The subject CN of a DER certificate, or NULL. */
static char *
dup_certificate_cn (GTlsCertificate *cert)
{
  g_autoptr (GByteArray) der = NULL;
  g_autoptr (X509) x509 = NULL;
  const unsigned char *p;
  X509_NAME *subject;
  int idx;
  ASN1_STRING *cn;
  unsigned char *utf8 = NULL;
  int len;
  char *out;

  g_object_get (cert, "certificate", &der, NULL);
  if (der == NULL)
    return NULL;
  p = der->data;
  x509 = d2i_X509 (NULL, &p, der->len);
  if (x509 == NULL)
    return NULL;
  subject = X509_get_subject_name (x509);
  idx = X509_NAME_get_index_by_NID (subject, NID_commonName, -1);
  if (idx < 0)
    return NULL;
  cn = X509_NAME_ENTRY_get_data (X509_NAME_get_entry (subject, idx));
  len = ASN1_STRING_to_UTF8 (&utf8, cn);
  if (len <= 0)
    return NULL;
  out = g_strndup ((const char *) utf8, len);
  OPENSSL_free (utf8);
  if (!g_utf8_validate (out, -1, NULL) || strlen (out) != (gsize) len)
    g_clear_pointer (&out, g_free);
  return out;
}

static gboolean
is_loopback (SoupServerMessage *msg)
{
  GSocketAddress *addr = soup_server_message_get_remote_address (msg);

  return G_IS_INET_SOCKET_ADDRESS (addr) && g_inet_address_get_is_loopback (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (addr)));
}

/* Closes the connection without an answer, as when a link drops right
 * after HQ committed. */
static void
drop_connection (SoupServerMessage *msg)
{
  g_autoptr (GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

/* Sends the status line, the headers and half the body, then closes:
 * the client sees a Content-Length it never receives. */
static void
send_partial (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_response_body (msg));
  g_autoptr (GString) head = g_string_new (NULL);
  g_autoptr (GIOStream) stream = NULL;
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;
  gsize len = g_bytes_get_size (body);

  g_string_append_printf (head, "HTTP/1.1 %u %s\r\n", soup_server_message_get_status (msg),
                          soup_status_get_phrase (soup_server_message_get_status (msg)));
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (g_ascii_strcasecmp (name, "Content-Length") != 0)
      g_string_append_printf (head, "%s: %s\r\n", name, value);
  g_string_append_printf (head, "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n",
                          MAX (len, 2));

  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    return;
  /* Blocking writes of a few bytes: acceptable for a test switch. */
  if (g_output_stream_write_all (g_io_stream_get_output_stream (stream), head->str, head->len,
                                 NULL, NULL, NULL))
    g_output_stream_write_all (g_io_stream_get_output_stream (stream), g_bytes_get_data (body, NULL),
                               len / 2, NULL, NULL, NULL);
  g_output_stream_flush (g_io_stream_get_output_stream (stream), NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

/* glib-networking has checked the booth's certificate against the
 * client CA (chain, validity dates); HQ takes it only when nothing is
 * wrong, so an expired or foreign certificate fails the handshake. */
static gboolean
accept_certificate_cb (SoupServerMessage *msg,
                       GTlsCertificate *certificate,
                       GTlsCertificateFlags errors,
                       gpointer user_data)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  char *booth_id;

  if (errors != 0)
    {
      g_debug ("refusing a client certificate (errors 0x%x)", errors);
      return FALSE;
    }

  /* libsoup gives the peer certificate to the first request on a
   * connection only; later requests on it find the booth here. */
  booth_id = dup_certificate_cn (certificate);
  if (booth_id == NULL)
    return FALSE;
  if (socket != NULL)
    g_object_set_data_full (G_OBJECT (socket), "bp-hq-booth-id", booth_id, g_free);
  else
    g_free (booth_id);
  return TRUE;
}

static void
request_started_cb (SoupServer *server,
                    SoupServerMessage *msg,
                    gpointer user_data)
{
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_certificate_cb), user_data);
}

static gboolean
unpause_cb (gpointer user_data)
{
  soup_server_message_unpause (SOUP_SERVER_MESSAGE (user_data));
  return G_SOURCE_REMOVE;
}

static void
reply_faults (BpHqServer *self,
              SoupServerMessage *msg)
{
  g_autoptr (JsonBuilder) builder = bp_hq_reply_begin ();

  json_builder_set_member_name (builder, "faults");
  json_builder_add_value (builder, bp_hq_faults_to_json (self->faults));
  bp_hq_reply_json (msg, SOUP_STATUS_OK, builder);
}

/* GET /_faults lists the switches; POST /_faults with
 * {"clear": true, "add": ["503=2:3", …]} changes them. */
static void
handle_faults (BpHqServer *self,
               SoupServerMessage *msg)
{
  const char *method = soup_server_message_get_method (msg);
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GBytes) body = NULL;
  JsonObject *obj;
  JsonNode *root;
  JsonNode *add;

  if (!self->enable_faults)
    {
      bp_hq_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "fault switches are not enabled");
      return;
    }
  if (!is_loopback (msg))
    {
      bp_hq_reply_error (msg, SOUP_STATUS_FORBIDDEN, "forbidden", "fault switches answer loopback only");
      return;
    }
  if (g_strcmp0 (method, SOUP_METHOD_GET) == 0)
    {
      reply_faults (self, msg);
      return;
    }
  if (g_strcmp0 (method, SOUP_METHOD_POST) != 0)
    {
      bp_hq_reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed", "use GET or POST");
      return;
    }

  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL) || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      bp_hq_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request", "the body is not a JSON object");
      return;
    }
  obj = json_node_get_object (root);
  add = json_object_get_member (obj, "add");
  if (add != NULL && !JSON_NODE_HOLDS_ARRAY (add))
    {
      bp_hq_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request", "\"add\" must be an array of strings");
      return;
    }

  if (json_object_get_boolean_member_with_default (obj, "clear", FALSE))
    bp_hq_faults_clear (self->faults);
  for (guint i = 0; add != NULL && i < json_array_get_length (json_node_get_array (add)); i++)
    {
      const char *spec = json_array_get_string_element (json_node_get_array (add), i);
      g_autoptr (GError) error = NULL;

      if (spec == NULL || !bp_hq_faults_add (self->faults, spec, &error))
        {
          bp_hq_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                             error != NULL ? error->message : "fault switches are strings");
          return;
        }
    }
  reply_faults (self, msg);
}

static void
handle_health (SoupServerMessage *msg)
{
  g_autoptr (JsonBuilder) builder = bp_hq_reply_begin ();
  g_autofree char *now = bp_hq_now_utc ();

  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "ok");
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, now);
  bp_hq_reply_json (msg, SOUP_STATUS_OK, builder);
}

/* Returns the booth id the client certificate names, or replies 403. */
static gboolean
authenticate (BpHqServer *self,
              SoupServerMessage *msg,
              char **booth_id)
{
  GTlsCertificate *cert;

  *booth_id = NULL;
  if (!self->tls)
    return TRUE;

  cert = soup_server_message_get_tls_peer_certificate (msg);
  if (cert != NULL && soup_server_message_get_tls_peer_certificate_errors (msg) == 0)
    *booth_id = dup_certificate_cn (cert);
  else if (soup_server_message_get_socket (msg) != NULL)
    *booth_id = g_strdup (g_object_get_data (G_OBJECT (soup_server_message_get_socket (msg)),
                                             "bp-hq-booth-id"));
  if (*booth_id == NULL || **booth_id == '\0')
    {
      g_clear_pointer (booth_id, g_free);
      bp_hq_reply_error (msg, SOUP_STATUS_FORBIDDEN, "certificate",
                         "a valid client certificate naming the booth is required");
      return FALSE;
    }
  return TRUE;
}

static void
server_cb (SoupServer *server,
           SoupServerMessage *msg,
           const char *path,
           GHashTable *query,
           gpointer user_data)
{
  BpHqServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *booth_id = NULL;
  gboolean committed = FALSE;
  guint value = 0;

  g_debug ("%s %s", method, path);

  if (g_strcmp0 (path, "/_faults") == 0)
    {
      handle_faults (self, msg);
      return;
    }

  if (bp_hq_faults_take (self->faults, BP_HQ_FAULT_CAPTIVE_PORTAL, NULL))
    {
      static const char portal[] = "<html>Login</html>";

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, portal, strlen (portal));
    }
  else if (bp_hq_faults_take (self->faults, BP_HQ_FAULT_503, &value))
    {
      g_autofree char *retry = g_strdup_printf ("%u", value);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", retry);
      bp_hq_reply_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "unavailable", "HQ is busy; retry later");
    }
  else if (!g_str_has_prefix (path, "/v1/"))
    {
      bp_hq_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "no such resource");
    }
  else if (!authenticate (self, msg, &booth_id))
    {
      /* Already answered 403. */
    }
  else if (g_strcmp0 (path, "/v1/health") == 0)
    {
      handle_health (msg);
    }
  else if (g_str_has_prefix (path, "/v1/photos/") && strchr (path + strlen ("/v1/photos/"), '/') == NULL)
    {
      bp_hq_photos_handle (self->db, msg, path + strlen ("/v1/photos/"));
      committed = g_strcmp0 (method, "PATCH") == 0 && soup_server_message_get_status (msg) == SOUP_STATUS_OK;
    }
  else if (g_strcmp0 (path, "/v1/crossings/batch") == 0)
    {
      gboolean is_post = g_strcmp0 (method, SOUP_METHOD_POST) == 0;

      bp_hq_batch_handle (self->db, msg, booth_id,
                          is_post && bp_hq_faults_take (self->faults, BP_HQ_FAULT_CONFLICT, NULL));
      committed = is_post && soup_server_message_get_status (msg) == SOUP_STATUS_OK;
    }
  else if (g_str_has_prefix (path, "/v1/updates/"))
    {
      bp_hq_updates_handle (self->updates_dir, msg, path + strlen ("/v1/updates/"));
    }
  else
    {
      bp_hq_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "no such resource");
    }

  if (committed && bp_hq_faults_take (self->faults, BP_HQ_FAULT_DROP_AFTER_COMMIT, NULL))
    {
      drop_connection (msg);
      return;
    }
  if (bp_hq_faults_take (self->faults, BP_HQ_FAULT_PARTIAL, NULL))
    {
      send_partial (msg);
      return;
    }
  if (bp_hq_faults_take (self->faults, BP_HQ_FAULT_SLOW, &value) && value > 0)
    {
      soup_server_message_pause (msg);
      g_timeout_add_full (G_PRIORITY_DEFAULT, value, unpause_cb, g_object_ref (msg), g_object_unref);
    }
}

/**
 * bp_hq_server_new:
 * @db: (transfer full): the database
 * @faults: (transfer full): the fault switches
 * @updates_dir: (nullable): where update packages are
 * @enable_faults: whether POST /_faults may change the switches
 * @certificate: (nullable): HQ's certificate and key; %NULL for plain HTTP
 * @client_ca: (nullable): the CA booth certificates must chain to
 *
 * Creates the server; it listens once bp_hq_server_listen() is called.
 *
 * Returns: (transfer full): the server
 */
BpHqServer *
bp_hq_server_new (BpHqDb *db,
                  BpHqFaults *faults,
                  const char *updates_dir,
                  gboolean enable_faults,
                  GTlsCertificate *certificate,
                  GTlsDatabase *client_ca)
{
  BpHqServer *self;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (faults != NULL, NULL);
  g_return_val_if_fail ((certificate == NULL) == (client_ca == NULL), NULL);

  self = g_new0 (BpHqServer, 1);
  self->db = db;
  self->faults = faults;
  self->updates_dir = g_strdup (updates_dir);
  self->enable_faults = enable_faults;
  self->tls = certificate != NULL;
  self->soup = soup_server_new ("server-header", "borderpost-hq/" PACKAGE_VERSION " ", NULL);
  if (self->tls)
    {
      soup_server_set_tls_certificate (self->soup, certificate);
      soup_server_set_tls_database (self->soup, client_ca);
      soup_server_set_tls_auth_mode (self->soup, G_TLS_AUTHENTICATION_REQUIRED);
      g_signal_connect (self->soup, "request-started", G_CALLBACK (request_started_cb), self);
    }
  soup_server_add_handler (self->soup, NULL, server_cb, self, NULL);
  return self;
}

/**
 * bp_hq_server_listen:
 * @self: the server
 * @address: HOST:PORT, [IPV6]:PORT; port 0 picks a free one
 * @error: return location for an error
 *
 * Starts listening. Without TLS only a loopback address is allowed.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_hq_server_listen (BpHqServer *self,
                     const char *address,
                     GError **error)
{
  g_autoptr (GSocketAddress) addr = NULL;
  g_autofree char *host = NULL;
  const char *colon;
  guint64 port;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  colon = strrchr (address, ':');
  if (colon == NULL || !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &port, NULL))
    {
      g_set_error (error, BP_HQ_ERROR, BP_HQ_ERROR_INVALID,
                   _ ("“%s” is not an address to listen on (HOST:PORT)."), address);
      return FALSE;
    }
  host = g_strndup (address, colon - address);
  if (host[0] == '[' && host[strlen (host) - 1] == ']')
    {
      memmove (host, host + 1, strlen (host));
      host[strlen (host) - 1] = '\0';
    }
  addr = g_inet_socket_address_new_from_string (host, (guint) port);
  if (addr == NULL)
    {
      g_set_error (error, BP_HQ_ERROR, BP_HQ_ERROR_INVALID,
                   _ ("“%s” is not an IP address."), host);
      return FALSE;
    }
  if (!self->tls && !g_inet_address_get_is_loopback (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (addr))))
    {
      g_set_error (error, BP_HQ_ERROR, BP_HQ_ERROR_INVALID,
                   _ ("Plain HTTP is only served on a loopback address; give a certificate for %s."), host);
      return FALSE;
    }

  return soup_server_listen (self->soup, addr, self->tls ? SOUP_SERVER_LISTEN_HTTPS : 0, error);
}

/* The URL the server answers on, e.g. "https://127.0.0.1:39211/". */
char *
bp_hq_server_dup_url (BpHqServer *self)
{
  g_autoslist (GUri) uris = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  uris = soup_server_get_uris (self->soup);
  if (uris == NULL)
    return NULL;
  return g_uri_to_string (uris->data);
}

void
bp_hq_server_free (BpHqServer *self)
{
  if (self == NULL)
    return;
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_pointer (&self->db, bp_hq_db_free);
  g_clear_pointer (&self->faults, bp_hq_faults_free);
  g_free (self->updates_dir);
  g_free (self);
}
