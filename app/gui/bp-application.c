/* bp-application.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "bp-application.h"
#include "bp-card-readers.h"
#include "bp-display-style.h"
#include "bp-preferences-window.h"
#include "bp-update-apply.h"
#include "bp-window.h"

struct _BpApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  BpStore *store;
  gboolean demo;
  char *database_option;
  char *camera_option;
  char *camera_source;
  char *demo_dir;

  /* Long-lived services the windows share. Any of them may be NULL: a booth
   * without a reader, lists or HQ still records crossings. */
  BpDemoBooth *demo_booth;
  BpTrustStore *trust;
  BpWatchlist *watchlist;
  BpCardReader *reader;
  char *reader_error;
  BpSync *sync;
};

G_DEFINE_FINAL_TYPE (BpApplication, bp_application, ADW_TYPE_APPLICATION)

void
bp_application_init_i18n (void)
{
  const char *localedir = g_getenv ("BORDERPOST_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static char *
default_database_path (BpApplication *self)
{
  g_autofree char *configured = g_settings_get_string (self->settings, "database-path");

  if (self->database_option != NULL)
    return g_strdup (self->database_option);
  if (configured[0] != '\0')
    return g_steal_pointer (&configured);

  return bp_store_dup_default_path ();
}

/* Demo mode never touches the booth's real database or camera: it works in a
 * throw-away folder, with a still portrait standing in for the camera. */
static void
prepare_demo (BpApplication *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) portrait = NULL;
  g_autofree char *portrait_path = NULL;

  self->demo_dir = g_dir_make_tmp ("borderpost-demo-XXXXXX", &error);
  if (self->demo_dir == NULL)
    {
      g_printerr ("%s: %s\n", _ ("Cannot create a folder for the demo"), error->message);
      return;
    }

  if (self->database_option == NULL)
    self->database_option = g_build_filename (self->demo_dir, "demo.sqlite", NULL);

  portrait = g_resources_lookup_data (RESOURCE_BASE "/demo/portrait.png", 0, NULL);
  portrait_path = g_build_filename (self->demo_dir, "portrait.png", NULL);
  if (self->camera_option == NULL && portrait != NULL && g_file_set_contents (portrait_path, g_bytes_get_data (portrait, NULL), g_bytes_get_size (portrait), NULL))
    self->camera_option = g_strconcat ("image:", portrait_path, NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
remove_demo_dir (BpApplication *self)
{
  if (self->demo_dir == NULL)
    return;

  remove_tree (self->demo_dir);
  g_clear_pointer (&self->demo_dir, g_free);
}

static void
open_demo_services (BpApplication *self)
{
  g_autoptr (GError) error = NULL;

  if (self->demo_dir == NULL)
    return;

  self->demo_booth = bp_demo_booth_new (self->demo_dir, &error);
  if (self->demo_booth == NULL)
    {
      g_printerr ("%s: %s\n", _ ("The demo chip reader and lists are not available"), error->message);
      return;
    }
  self->trust = g_object_ref (bp_demo_booth_get_trust_store (self->demo_booth));
  self->watchlist = g_object_ref (bp_demo_booth_get_watchlist (self->demo_booth));
  self->reader = g_object_ref (bp_demo_booth_get_reader (self->demo_booth));
}

static void
watchlist_loaded_cb (GObject *object,
                     GAsyncResult *result,
                     gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!bp_watchlist_load_finish (BP_WATCHLIST (object), result, &error))
    g_printerr ("%s: %s\n", _ ("The alert lists cannot be loaded"), error->message);
}

/* A booth's own services. What is missing is reported where the officer
 * looks (the chip panel, the alert-list check), never by refusing to start. */
static void
open_services (BpApplication *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *trust_path = bp_trust_store_dup_default_path ();
  g_autofree char *lists_dir = bp_watchlist_dup_default_dir ();
  g_autofree char *reader_id = g_settings_get_string (self->settings, "chip-reader");

  self->trust = bp_trust_store_open (trust_path, &error);
  if (self->trust == NULL)
    {
      g_printerr ("%s: %s\n", _ ("The CSCA trust store cannot be opened"), error->message);
      g_clear_error (&error);
    }

  /* Loaded on a worker: a national list's index is read whole once. */
  self->watchlist = bp_watchlist_new (lists_dir);
  bp_watchlist_load_async (self->watchlist, NULL, watchlist_loaded_cb, NULL);

  if (reader_id[0] != '\0')
    {
      self->reader = bp_card_reader_open (reader_id, &error);
      if (self->reader == NULL)
        self->reader_error = g_strdup (error->message);
    }
}

static char *
dup_setting_or_null (GSettings *settings,
                     const char *key)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  return value[0] != '\0' ? g_steal_pointer (&value) : NULL;
}

/* Sync follows its settings; a wrong setting shows in the sync indicator. */
static void
configure_sync (BpApplication *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *url = dup_setting_or_null (self->settings, "hq-url");
  g_autofree char *ca = dup_setting_or_null (self->settings, "hq-ca-file");
  g_autofree char *cert = dup_setting_or_null (self->settings, "client-certificate-file");
  g_autofree char *key = dup_setting_or_null (self->settings, "client-key-file");
  g_autofree char *update_key = dup_setting_or_null (self->settings, "update-public-key-file");
  g_autofree char *packages = g_build_filename (g_get_user_data_dir (), "borderpost", "packages", NULL);
  BpSyncConfig config = { 0 };
  gboolean enabled = g_settings_get_boolean (self->settings, "sync-enabled") && !self->demo;

  config.hq_url = url;
  config.ca_file = ca;
  config.certificate_file = cert;
  config.key_file = key;
  config.update_public_key_file = update_key;
  config.packages_dir = packages;

  if (enabled && !bp_sync_configure (self->sync, &config, &error))
    g_debug ("Sync not configured: %s", error->message);
  bp_sync_set_enabled (self->sync, enabled);
}

static void
update_applied_cb (GObject *object,
                   GAsyncResult *result,
                   gpointer user_data)
{
  g_autoptr (BpApplication) self = user_data;
  g_autoptr (GError) error = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *text = NULL;

  if (bp_update_apply_finish (result, &error))
    text = g_strdup (_ ("An update from headquarters has been applied"));
  else if (g_error_matches (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_NEEDS_FULL_RELOAD) && self->sync != NULL)
    {
      /* The old list keeps screening until the full one is in. */
      bp_sync_request_full_reload (self->sync, "alert-list");
      text = g_strdup (_ ("The alert list needs a full reload; fetching it from headquarters."));
    }
  else
    /* Translators: %s says why an update package could not be applied. */
    text = g_strdup_printf (_ ("An update from headquarters could not be applied: %s"), error->message);

  if (BP_IS_WINDOW (window))
    bp_window_add_toast (BP_WINDOW (window), text);
  else
    g_printerr ("%s\n", text);
}

/* Sync has verified and written the package; applying it is for the
 * alert lists or the trust store, on a worker. */
static void
package_installed_cb (BpApplication *self,
                      const char *kind,
                      gint64 version,
                      const char *path)
{
  bp_update_apply_async (kind, path, self->watchlist, self->trust, NULL, update_applied_cb,
                         g_object_ref (self));
}

static void
sync_settings_changed_cb (BpApplication *self,
                          const char *key)
{
  if (g_str_equal (key, "sync-enabled") || g_str_equal (key, "hq-url") || g_str_has_suffix (key, "-file"))
    configure_sync (self);
}

static void
quit_cb (GSimpleAction *action,
         GVariant *parameter,
         gpointer user_data)
{
  BpApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* Closing the window is refused while a crossing is being saved. */
  if (window != NULL)
    gtk_window_close (window);
  else
    g_application_quit (G_APPLICATION (self));
}

static void
preferences_cb (GSimpleAction *action,
                GVariant *parameter,
                gpointer user_data)
{
  BpApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  BpPreferencesWindow *preferences = bp_preferences_window_new (self->settings, self->watchlist, self->trust);

  bp_preferences_window_set_demo (preferences, self->demo_booth != NULL);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), window);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_cb (GSimpleAction *action,
          GVariant *parameter,
          gpointer user_data)
{
  BpApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Borderpost authors", NULL };

  adw_show_about_window (window,
                         "application-name", _ ("Borderpost"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _ ("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_cb },
  { "preferences", preferences_cb },
  { "about", about_cb },
};

static int
bp_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  BpApplication *self = BP_APPLICATION (application);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("borderpost %s\n", PACKAGE_VERSION);
      return 0;
    }

  g_variant_dict_lookup (options, "demo", "b", &self->demo);
  g_variant_dict_lookup (options, "database", "^ay", &self->database_option);
  g_variant_dict_lookup (options, "camera", "s", &self->camera_option);

  /* Demo mode and an explicit database are separate instances, never
   * forwarded to a booth's running application. */
  if (self->demo || self->database_option != NULL)
    g_application_set_flags (application,
                             g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);

  return -1;
}

static void
bp_application_startup (GApplication *application)
{
  BpApplication *self = BP_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (bp_application_parent_class)->startup (application);

  bp_display_style_install (gdk_display_get_default ());
  self->settings = g_settings_new ("org.borderpost.Borderpost");

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
}

static void
bp_application_activate (GApplication *application)
{
  BpApplication *self = BP_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      g_autofree char *path = NULL;

      if (self->demo)
        prepare_demo (self);

      path = default_database_path (self);
      self->store = bp_store_new (path);

      if (self->demo)
        open_demo_services (self);
      else
        open_services (self);

      self->sync = bp_sync_new (self->store);
      g_signal_connect_object (self->sync, "package-installed", G_CALLBACK (package_installed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed", G_CALLBACK (sync_settings_changed_cb), self,
                               G_CONNECT_SWAPPED);
      configure_sync (self);

      if (self->camera_option != NULL)
        self->camera_source = g_strdup (self->camera_option);
      else
        self->camera_source = g_settings_get_string (self->settings, "camera-source");

      window = GTK_WINDOW (bp_window_new (self));
    }

  gtk_window_present (window);
}

static void
bp_application_shutdown (GApplication *application)
{
  BpApplication *self = BP_APPLICATION (application);

  G_APPLICATION_CLASS (bp_application_parent_class)->shutdown (application);

  g_clear_object (&self->sync);
  g_clear_object (&self->reader);
  g_clear_object (&self->watchlist);
  g_clear_object (&self->trust);
  g_clear_object (&self->demo_booth);
  g_clear_object (&self->store);
  remove_demo_dir (self);
}

static void
bp_application_finalize (GObject *object)
{
  BpApplication *self = (BpApplication *) object;

  g_clear_object (&self->settings);
  g_clear_object (&self->sync);
  g_clear_object (&self->reader);
  g_clear_object (&self->watchlist);
  g_clear_object (&self->trust);
  g_clear_object (&self->demo_booth);
  g_clear_object (&self->store);
  g_free (self->reader_error);
  g_free (self->database_option);
  g_free (self->camera_option);
  g_free (self->camera_source);
  remove_demo_dir (self);

  G_OBJECT_CLASS (bp_application_parent_class)->finalize (object);
}

static void
bp_application_class_init (BpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = bp_application_finalize;
  app_class->handle_local_options = bp_application_handle_local_options;
  app_class->startup = bp_application_startup;
  app_class->activate = bp_application_activate;
  app_class->shutdown = bp_application_shutdown;
}

static void
bp_application_init (BpApplication *self)
{
  static const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_ ("Run with specimen documents, a picture for a camera and a throw-away database"), NULL },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_ ("Store crossings in this database file"), N_ ("FILE") },
    { "camera", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_ ("Camera source (a GStreamer source, or image:FILE)"), N_ ("SOURCE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_ ("Show the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

BpApplication *
bp_application_new (void)
{
  return g_object_new (BP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

gboolean
bp_application_get_demo (BpApplication *self)
{
  g_return_val_if_fail (BP_IS_APPLICATION (self), FALSE);
  return self->demo;
}

GSettings *
bp_application_get_settings (BpApplication *self)
{
  g_return_val_if_fail (BP_IS_APPLICATION (self), NULL);
  return self->settings;
}

BpStore *
bp_application_get_store (BpApplication *self)
{
  g_return_val_if_fail (BP_IS_APPLICATION (self), NULL);
  return self->store;
}

const char *
bp_application_get_camera_source (BpApplication *self)
{
  g_return_val_if_fail (BP_IS_APPLICATION (self), NULL);
  return self->camera_source;
}

BpDemoBooth *
bp_application_get_demo_booth (BpApplication *self)
{
  g_return_val_if_fail (BP_IS_APPLICATION (self), NULL);
  return self->demo_booth;
}

BpTrustStore *
bp_application_get_trust_store (BpApplication *self)
{
  g_return_val_if_fail (BP_IS_APPLICATION (self), NULL);
  return self->trust;
}

BpWatchlist *
bp_application_get_watchlist (BpApplication *self)
{
  g_return_val_if_fail (BP_IS_APPLICATION (self), NULL);
  return self->watchlist;
}

BpCardReader *
bp_application_get_card_reader (BpApplication *self,
                                const char **error_message)
{
  g_return_val_if_fail (BP_IS_APPLICATION (self), NULL);

  if (error_message != NULL)
    *error_message = self->reader_error;
  return self->reader;
}

BpSync *
bp_application_get_sync (BpApplication *self)
{
  g_return_val_if_fail (BP_IS_APPLICATION (self), NULL);
  return self->sync;
}
