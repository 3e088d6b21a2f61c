/* bp-sync.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bp-sync-private.h"

/* BpSync: the booth's HQ client. It owns one SoupSession, runs
 * attempts (bp-sync-attempt.c, bp-sync-updates.c) on the main context,
 * and decides when to try again: exponential backoff with full jitter,
 * Retry-After honoured, at once when the network comes back or a
 * crossing is saved, never after HQ refused the booth until it is
 * reconfigured or asked to sync now, and at once when the alert list
 * needs a full reload. What the GUI shows (queue depth, last success,
 * link state, last error, update status, busy) are properties. */

#define DEFAULT_BASE_DELAY_MS 1000
#define DEFAULT_MAX_DELAY_MS (15 * 60 * 1000)
/* With an empty queue, a look for update packages now and then. */
#define POLL_INTERVAL_MS (5 * 60 * 1000)
/* A burst of saves makes one attempt. */
#define POKE_DELAY_MS 2000
#define HTTP_TIMEOUT_S 60

G_DEFINE_FINAL_TYPE (BpSync, bp_sync, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_ENABLED,
  PROP_QUEUE_DEPTH,
  PROP_PROBLEM_COUNT,
  PROP_LAST_SUCCESS,
  PROP_LINK_STATE,
  PROP_LAST_ERROR,
  PROP_UPDATE_STATUS,
  PROP_BUSY,
  N_PROPS,
};

enum
{
  PACKAGE_INSTALLED,
  PACKAGE_REJECTED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule (BpSync *self,
                      guint delay_ms);

GQuark
bp_sync_error_quark (void)
{
  return g_quark_from_static_string ("bp-sync-error-quark");
}

GType
bp_sync_link_state_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { BP_SYNC_LINK_UNKNOWN, "BP_SYNC_LINK_UNKNOWN", "unknown" },
        { BP_SYNC_LINK_ONLINE, "BP_SYNC_LINK_ONLINE", "online" },
        { BP_SYNC_LINK_OFFLINE, "BP_SYNC_LINK_OFFLINE", "offline" },
        { BP_SYNC_LINK_ERROR, "BP_SYNC_LINK_ERROR", "error" },
        { BP_SYNC_LINK_AUTH_FAILED, "BP_SYNC_LINK_AUTH_FAILED", "auth-failed" },
        { BP_SYNC_LINK_DISABLED, "BP_SYNC_LINK_DISABLED", "disabled" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static (g_intern_static_string ("BpSyncLinkState"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

/* State shown to the GUI */

void
_bp_sync_set_link_state (BpSync *self,
                         BpSyncLinkState state)
{
  if (self->link_state == state)
    return;

  self->link_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINK_STATE]);
}

void
_bp_sync_set_last_error (BpSync *self,
                         const char *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;

  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

void
_bp_sync_set_update_status_from_state (BpSync *self,
                                       GHashTable *state)
{
  g_autofree char *status = bp_sync_dup_update_status (state, "alert-list");

  if (g_strcmp0 (self->update_status, status) == 0)
    return;

  g_free (self->update_status);
  self->update_status = g_steal_pointer (&status);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATE_STATUS]);
}

void
_bp_sync_set_busy (BpSync *self,
                   gboolean busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
_bp_sync_set_counts (BpSync *self,
                     gint64 queue_depth,
                     gint64 problem_count)
{
  if (self->queue_depth != queue_depth)
    {
      self->queue_depth = queue_depth;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUEUE_DEPTH]);
    }

  if (self->problem_count != problem_count)
    {
      self->problem_count = problem_count;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM_COUNT]);
    }
}

void
_bp_sync_set_last_success (BpSync *self,
                           GDateTime *when)
{
  if (self->last_success != NULL && when != NULL && g_date_time_equal (self->last_success, when))
    return;

  g_clear_pointer (&self->last_success, g_date_time_unref);
  self->last_success = when ? g_date_time_ref (when) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SUCCESS]);
}

void
_bp_sync_emit_package_installed (BpSync *self,
                                 const char *kind,
                                 gint64 version,
                                 const char *path)
{
  g_signal_emit (self, signals[PACKAGE_INSTALLED], 0, kind, version, path);
}

void
_bp_sync_emit_package_rejected (BpSync *self,
                                const char *kind,
                                gint64 version,
                                const char *message)
{
  self->package_rejected = TRUE;
  g_signal_emit (self, signals[PACKAGE_REJECTED], 0, kind, version, message);
}

/* Scheduling */

static void run_cb (GObject *object,
                    GAsyncResult *result,
                    gpointer user_data);

static gboolean
retry_cb (gpointer user_data)
{
  BpSync *self = user_data;

  self->retry_source = 0;
  g_clear_handle_id (&self->poke_source, g_source_remove);

  if (!self->enabled || self->busy)
    return G_SOURCE_REMOVE;

  bp_sync_run_once_async (self, self->cancellable, run_cb, NULL);

  return G_SOURCE_REMOVE;
}

static void
schedule (BpSync *self,
          guint delay_ms)
{
  g_clear_handle_id (&self->retry_source, g_source_remove);

  /* g_timeout_add counts on the monotonic clock. */
  self->retry_source = g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, retry_cb, self, NULL);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->retry_source), "[bp-sync] retry");
}

/* Full jitter: a random delay between 0 and the exponential bound, so
 * that hundreds of booths coming back after an HQ outage spread out. */
static guint
backoff_delay (BpSync *self)
{
  guint64 bound = self->base_delay_ms;
  guint delay;

  for (guint i = 1; i < self->failures && bound < self->max_delay_ms; i++)
    bound *= 2;
  bound = MIN (bound, self->max_delay_ms);

  delay = (guint) g_random_int_range (0, (gint32) MIN (bound, G_MAXINT32 - 1) + 1);

  if (self->retry_after_ms > 0)
    delay = MAX (delay, (guint) MIN (self->retry_after_ms, (gint64) self->max_delay_ms));

  return delay;
}

static void
run_cb (GObject *object,
        GAsyncResult *result,
        gpointer user_data)
{
  BpSync *self = BP_SYNC (object);
  g_autoptr (GError) error = NULL;
  gboolean ok = bp_sync_run_once_finish (self, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !self->enabled)
    return;

  if (self->again)
    {
      self->again = FALSE;
      schedule (self, 0);
      return;
    }

  if (g_error_matches (error, BP_SYNC_ERROR, BP_SYNC_ERROR_AUTH) || g_error_matches (error, BP_SYNC_ERROR, BP_SYNC_ERROR_NOT_CONFIGURED))
    return;

  if (ok && self->queue_depth == 0)
    {
      self->failures = 0;
      self->next_delay_ms = POLL_INTERVAL_MS;
      schedule (self, POLL_INTERVAL_MS);
      return;
    }

  /* A failure, or items HQ wants again later: back off. */
  self->failures++;
  self->next_delay_ms = backoff_delay (self);
  schedule (self, self->next_delay_ms);
}

static void
network_changed_cb (GNetworkMonitor *monitor,
                    gboolean available,
                    gpointer user_data)
{
  BpSync *self = user_data;

  if (!available || !self->enabled || self->busy || self->link_state == BP_SYNC_LINK_ONLINE || self->link_state == BP_SYNC_LINK_AUTH_FAILED)
    return;

  self->failures = 0;
  self->retry_after_ms = 0;
  schedule (self, 0);
}

static gboolean
poke_cb (gpointer user_data)
{
  BpSync *self = user_data;

  self->poke_source = 0;
  if (self->enabled && !self->busy && self->link_state != BP_SYNC_LINK_AUTH_FAILED && self->failures == 0)
    schedule (self, 0);

  return G_SOURCE_REMOVE;
}

static void
recent_changed_cb (GListModel *model,
                   guint position,
                   guint removed,
                   guint added,
                   gpointer user_data)
{
  BpSync *self = user_data;

  if (added == 0)
    return;

  /* Counted by the store, not here: the recent list is also filled when
   * the store opens, with crossings that may long have been delivered. */
  bp_sync_refresh (self);

  /* A new crossing goes out soon, unless the link is backing off. */
  if (self->poke_source == 0)
    self->poke_source = g_timeout_add (POKE_DELAY_MS, poke_cb, self);
}

/* GObject */

static void
bp_sync_dispose (GObject *object)
{
  BpSync *self = (BpSync *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_clear_handle_id (&self->poke_source, g_source_remove);
  g_clear_signal_handler (&self->network_changed_id, self->monitor);
  if (self->store != NULL)
    g_clear_signal_handler (&self->recent_changed_id, bp_store_get_recent (self->store));
  g_clear_object (&self->session);
  g_clear_object (&self->client_certificate);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bp_sync_parent_class)->dispose (object);
}

static void
bp_sync_finalize (GObject *object)
{
  BpSync *self = (BpSync *) object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->last_success, g_date_time_unref);
  g_free (self->last_error);
  g_free (self->update_status);
  g_free (self->hq_url);
  g_free (self->booth_id);
  g_free (self->update_public_key_file);
  g_free (self->packages_dir);

  G_OBJECT_CLASS (bp_sync_parent_class)->finalize (object);
}

static void
bp_sync_get_property (GObject *object,
                      guint prop_id,
                      GValue *value,
                      GParamSpec *pspec)
{
  BpSync *self = BP_SYNC (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_QUEUE_DEPTH:
      g_value_set_int64 (value, self->queue_depth);
      break;
    case PROP_PROBLEM_COUNT:
      g_value_set_int64 (value, self->problem_count);
      break;
    case PROP_LAST_SUCCESS:
      g_value_set_boxed (value, self->last_success);
      break;
    case PROP_LINK_STATE:
      g_value_set_enum (value, self->link_state);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_UPDATE_STATUS:
      g_value_set_string (value, self->update_status);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_sync_set_property (GObject *object,
                      guint prop_id,
                      const GValue *value,
                      GParamSpec *pspec)
{
  BpSync *self = BP_SYNC (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_ENABLED:
      bp_sync_set_enabled (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_sync_constructed (GObject *object)
{
  BpSync *self = (BpSync *) object;

  G_OBJECT_CLASS (bp_sync_parent_class)->constructed (object);

  self->recent_changed_id = g_signal_connect (bp_store_get_recent (self->store), "items-changed",
                                              G_CALLBACK (recent_changed_cb), self);
}

static void
bp_sync_class_init (BpSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = bp_sync_constructed;
  object_class->dispose = bp_sync_dispose;
  object_class->finalize = bp_sync_finalize;
  object_class->get_property = bp_sync_get_property;
  object_class->set_property = bp_sync_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, BP_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, FALSE,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUEUE_DEPTH] = g_param_spec_int64 ("queue-depth", NULL, NULL, 0, G_MAXINT64, 0,
                                                     G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEM_COUNT] = g_param_spec_int64 ("problem-count", NULL, NULL, 0, G_MAXINT64, 0,
                                                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SUCCESS] = g_param_spec_boxed ("last-success", NULL, NULL, G_TYPE_DATE_TIME,
                                                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINK_STATE] = g_param_spec_enum ("link-state", NULL, NULL, BP_TYPE_SYNC_LINK_STATE, BP_SYNC_LINK_UNKNOWN,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL,
                                                     G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATE_STATUS] = g_param_spec_string ("update-status", NULL, NULL, NULL,
                                                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BpSync::package-installed:
   * @kind: "alert-list" or "csca"
   * @version: the version now installed
   * @path: the verified payload on disk
   *
   * A verified update package was written to disk and recorded as
   * installed; the module that owns @kind applies it.
   */
  signals[PACKAGE_INSTALLED] = g_signal_new ("package-installed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                             G_TYPE_STRING, G_TYPE_INT64, G_TYPE_STRING);

  /**
   * BpSync::package-rejected:
   * @kind: "alert-list" or "csca"
   * @version: the version offered
   * @message: why it was refused, in plain words
   *
   * An update package failed verification; nothing of it was applied.
   */
  signals[PACKAGE_REJECTED] = g_signal_new ("package-rejected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                            G_TYPE_STRING, G_TYPE_INT64, G_TYPE_STRING);
}

static void
bp_sync_init (BpSync *self)
{
  self->base_delay_ms = DEFAULT_BASE_DELAY_MS;
  self->max_delay_ms = DEFAULT_MAX_DELAY_MS;
  self->cancellable = g_cancellable_new ();
  self->link_state = BP_SYNC_LINK_DISABLED;
}

/* Public API */

/**
 * bp_sync_new:
 * @store: the store whose outbox is sent
 *
 * Returns: (transfer full): a new #BpSync, not configured, not enabled
 */
BpSync *
bp_sync_new (BpStore *store)
{
  g_return_val_if_fail (BP_IS_STORE (store), NULL);

  return g_object_new (BP_TYPE_SYNC, "store", store, NULL);
}

/* The CN of the certificate's subject, which HQ takes as the booth id. */
static char *
common_name (GTlsCertificate *certificate)
{
  g_autofree char *subject = NULL;
  g_auto (GStrv) parts = NULL;

  g_object_get (certificate, "subject-name", &subject, NULL);
  if (subject == NULL)
    return NULL;

  parts = g_strsplit (subject, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);

      if (g_str_has_prefix (part, "CN="))
        return g_strdup (part + 3);
    }

  return NULL;
}

/**
 * bp_sync_configure:
 * @self: a #BpSync
 * @config: where HQ is and the files that prove who we are
 * @error: return location for an error
 *
 * Builds the HTTP session. Clears an authentication alert and restarts
 * the backoff; an attempt in progress finishes with the old session.
 *
 * Returns: whether the configuration could be used
 */
gboolean
bp_sync_configure (BpSync *self,
                   const BpSyncConfig *config,
                   GError **error)
{
  g_autoptr (GTlsDatabase) database = NULL;
  g_autoptr (GTlsCertificate) certificate = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *user_agent = NULL;
  g_autofree char *ca_file = NULL;
  SoupSession *session;

  g_return_val_if_fail (BP_IS_SYNC (self), FALSE);
  g_return_val_if_fail (config != NULL, FALSE);

  if (config->hq_url == NULL || !g_uri_is_valid (config->hq_url, G_URI_FLAGS_NONE, NULL) || !(g_str_has_prefix (config->hq_url, "https://") || g_str_has_prefix (config->hq_url, "http://")))
    {
      g_set_error (error, BP_SYNC_ERROR, BP_SYNC_ERROR_NOT_CONFIGURED,
                   _ ("The headquarters address “%s” is not a web address (https://…)."),
                   config->hq_url ? config->hq_url : "");
      return FALSE;
    }

  /* GTlsFileDatabase wants an absolute path; a relative one from the
   * command line is relative to the working directory. */
  if (config->ca_file != NULL)
    ca_file = g_canonicalize_filename (config->ca_file, NULL);
  if (ca_file != NULL && (database = g_tls_file_database_new (ca_file, &local_error)) == NULL)
    {
      g_set_error (error, BP_SYNC_ERROR, BP_SYNC_ERROR_NOT_CONFIGURED,
                   _ ("The certificate authority of headquarters could not be read: %s"), local_error->message);
      return FALSE;
    }

  if ((config->certificate_file != NULL) != (config->key_file != NULL))
    {
      g_set_error (error, BP_SYNC_ERROR, BP_SYNC_ERROR_NOT_CONFIGURED,
                   _ ("The booth’s certificate and its key must be given together."));
      return FALSE;
    }

  if (config->certificate_file != NULL && (certificate = g_tls_certificate_new_from_files (config->certificate_file, config->key_file, &local_error)) == NULL)
    {
      g_set_error (error, BP_SYNC_ERROR, BP_SYNC_ERROR_NOT_CONFIGURED,
                   _ ("The booth’s certificate could not be read: %s"), local_error->message);
      return FALSE;
    }

  url = g_strdup (config->hq_url);
  while (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';

  user_agent = g_strdup_printf ("Borderpost/%s", PACKAGE_VERSION);
  session = g_object_new (SOUP_TYPE_SESSION,
                          "timeout", HTTP_TIMEOUT_S,
                          "idle-timeout", 60,
                          "user-agent", user_agent,
                          "max-conns-per-host", 6,
                          NULL);
  /* Only HQ's CA: a certificate from any public CA is not HQ. */
  if (database != NULL)
    soup_session_set_tls_database (session, database);

  g_clear_object (&self->session);
  self->session = session;
  g_set_object (&self->client_certificate, certificate);
  g_free (self->hq_url);
  self->hq_url = g_steal_pointer (&url);
  g_free (self->booth_id);
  self->booth_id = config->booth_id ? g_strdup (config->booth_id) : (certificate ? common_name (certificate) : NULL);
  g_free (self->update_public_key_file);
  self->update_public_key_file = g_strdup (config->update_public_key_file);
  g_free (self->packages_dir);
  self->packages_dir = g_strdup (config->packages_dir);

  self->failures = 0;
  self->retry_after_ms = 0;
  if (self->link_state == BP_SYNC_LINK_AUTH_FAILED || self->link_state == BP_SYNC_LINK_DISABLED)
    _bp_sync_set_link_state (self, BP_SYNC_LINK_UNKNOWN);
  if (self->enabled && !self->busy)
    schedule (self, 0);

  return TRUE;
}

/**
 * bp_sync_set_enabled:
 * @self: a #BpSync
 * @enabled: whether to sync on its own
 *
 * Switches automatic sync on or off.
 */
void
bp_sync_set_enabled (BpSync *self,
                     gboolean enabled)
{
  g_return_if_fail (BP_IS_SYNC (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  self->enabled = enabled;

  if (enabled)
    {
      self->monitor = g_network_monitor_get_default ();
      self->network_changed_id = g_signal_connect (self->monitor, "network-changed", G_CALLBACK (network_changed_cb), self);
      if (self->session != NULL && !self->busy)
        schedule (self, 0);
    }
  else
    {
      g_clear_handle_id (&self->retry_source, g_source_remove);
      g_clear_handle_id (&self->poke_source, g_source_remove);
      g_clear_signal_handler (&self->network_changed_id, self->monitor);
      _bp_sync_set_link_state (self, BP_SYNC_LINK_DISABLED);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

gboolean
bp_sync_get_enabled (BpSync *self)
{
  g_return_val_if_fail (BP_IS_SYNC (self), FALSE);

  return self->enabled;
}

/**
 * bp_sync_sync_now:
 * @self: a #BpSync
 *
 * Starts an attempt at once, also after HQ refused the booth; when one
 * is running, another follows it.
 */
void
bp_sync_sync_now (BpSync *self)
{
  g_return_if_fail (BP_IS_SYNC (self));

  self->failures = 0;
  self->retry_after_ms = 0;

  if (self->busy)
    {
      self->again = TRUE;
      return;
    }

  if (self->enabled)
    schedule (self, 0);
  else if (self->session != NULL)
    bp_sync_run_once_async (self, self->cancellable, run_cb, NULL);
}

gint64
bp_sync_get_queue_depth (BpSync *self)
{
  g_return_val_if_fail (BP_IS_SYNC (self), 0);

  return self->queue_depth;
}

gint64
bp_sync_get_problem_count (BpSync *self)
{
  g_return_val_if_fail (BP_IS_SYNC (self), 0);

  return self->problem_count;
}

/**
 * bp_sync_get_last_success:
 * @self: a #BpSync
 *
 * Returns: (transfer none) (nullable): when HQ last took an attempt
 */
GDateTime *
bp_sync_get_last_success (BpSync *self)
{
  g_return_val_if_fail (BP_IS_SYNC (self), NULL);

  return self->last_success;
}

BpSyncLinkState
bp_sync_get_link_state (BpSync *self)
{
  g_return_val_if_fail (BP_IS_SYNC (self), BP_SYNC_LINK_UNKNOWN);

  return self->link_state;
}

/**
 * bp_sync_get_last_error:
 * @self: a #BpSync
 *
 * Returns: (nullable): the last problem, in plain words
 */
const char *
bp_sync_get_last_error (BpSync *self)
{
  g_return_val_if_fail (BP_IS_SYNC (self), NULL);

  return self->last_error;
}

gboolean
bp_sync_get_busy (BpSync *self)
{
  g_return_val_if_fail (BP_IS_SYNC (self), FALSE);

  return self->busy;
}

void
_bp_sync_set_delays (BpSync *self,
                     guint base_ms,
                     guint max_ms)
{
  self->base_delay_ms = base_ms;
  self->max_delay_ms = max_ms;
}

guint
_bp_sync_get_next_delay (BpSync *self)
{
  return self->next_delay_ms;
}

/**
 * bp_sync_get_update_status:
 * @self: a #BpSync
 *
 * Returns: (nullable): the state of the alert list's updates, in plain
 *   words
 */
const char *
bp_sync_get_update_status (BpSync *self)
{
  g_return_val_if_fail (BP_IS_SYNC (self), NULL);

  return self->update_status;
}
