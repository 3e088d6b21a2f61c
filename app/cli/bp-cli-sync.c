/* bp-cli-sync.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "bp-cli.h"
#include "bp-store.h"
#include "bp-sync-select.h"
#include "bp-sync.h"

/* `borderpost-cli sync status` and `sync once`: the outbox and the
 * link to HQ, for IT staff and scripts. Each option has an environment
 * variable, so that a booth's service file can set them once. */

typedef struct
{
  char *database;
  char *url;
  char *ca;
  char *cert;
  char *key;
  char *update_key;
  char *packages_dir;
  char *booth_id;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->database);
  g_free (o->url);
  g_free (o->ca);
  g_free (o->cert);
  g_free (o->key);
  g_free (o->update_key);
  g_free (o->packages_dir);
  g_free (o->booth_id);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n", _ ("Usage: borderpost-cli sync status [--database PATH]"));
  fprintf (stream, "%s\n\n", _ ("       borderpost-cli sync once [--url URL] [--ca FILE] [--cert FILE] [--key FILE] [OPTION…]"));
  fprintf (stream, "%s\n", _ ("“status” prints the queue for headquarters and the state of the link as JSON."));
  fprintf (stream, "%s\n", _ ("“once” makes one full attempt to send the queue and fetch update packages; it exits 0 when "
                              "the queue is empty afterwards, 1 when crossings remain, 3 when headquarters could not be "
                              "reached or refused."));
  fprintf (stream, "%s\n", _ ("Run “borderpost-cli sync once --help” for the options."));
}

static void
from_env (char **value,
          const char *variable)
{
  const char *env = g_getenv (variable);

  if (*value == NULL && env != NULL && *env != '\0')
    *value = g_strdup (env);
}

static gboolean
parse (const char *name,
       const char *summary,
       gboolean with_hq,
       int *argc,
       char ***argv,
       Options *o)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *prgname = g_strconcat ("borderpost-cli sync ", name, NULL);
  const GOptionEntry db_entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &o->database,
      N_ ("The database file (default: $BORDERPOST_DATABASE, else borderpost/borderpost.sqlite in the user data folder)"),
      N_ ("PATH") },
    { NULL }
  };
  const GOptionEntry hq_entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &o->url,
      N_ ("Address of headquarters, like https://hq.example:8443 (default: $BORDERPOST_HQ_URL)"), N_ ("URL") },
    { "ca", 0, 0, G_OPTION_ARG_FILENAME, &o->ca,
      N_ ("The only certificate authority trusted for headquarters, PEM (default: $BORDERPOST_HQ_CA)"), N_ ("FILE") },
    { "cert", 0, 0, G_OPTION_ARG_FILENAME, &o->cert,
      N_ ("This booth’s client certificate, PEM (default: $BORDERPOST_CLIENT_CERT)"), N_ ("FILE") },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &o->key,
      N_ ("The private key of that certificate, PEM (default: $BORDERPOST_CLIENT_KEY)"), N_ ("FILE") },
    { "update-key", 0, 0, G_OPTION_ARG_FILENAME, &o->update_key,
      N_ ("Public key that signs update packages, PEM; without it no package is fetched "
          "(default: $BORDERPOST_UPDATE_KEY)"),
      N_ ("FILE") },
    { "packages-dir", 0, 0, G_OPTION_ARG_FILENAME, &o->packages_dir,
      N_ ("Where verified update packages are written (default: $BORDERPOST_PACKAGES_DIR, else "
          "borderpost/packages in the user data folder)"),
      N_ ("DIR") },
    { "booth-id", 0, 0, G_OPTION_ARG_STRING, &o->booth_id,
      N_ ("The booth id sent to headquarters (default: the certificate’s common name)"), N_ ("ID") },
    { NULL }
  };

  g_set_prgname (prgname);
  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, db_entries, GETTEXT_PACKAGE);
  if (with_hq)
    g_option_context_add_main_entries (context, hq_entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error) || *argc > 1)
    {
      if (error != NULL)
        fprintf (stderr, "%s\n\n", error->message);
      print_usage (stderr);
      return FALSE;
    }

  if (o->database == NULL)
    o->database = bp_store_dup_default_path ();
  from_env (&o->url, "BORDERPOST_HQ_URL");
  from_env (&o->ca, "BORDERPOST_HQ_CA");
  from_env (&o->cert, "BORDERPOST_CLIENT_CERT");
  from_env (&o->key, "BORDERPOST_CLIENT_KEY");
  from_env (&o->update_key, "BORDERPOST_UPDATE_KEY");
  from_env (&o->packages_dir, "BORDERPOST_PACKAGES_DIR");
  if (o->packages_dir == NULL)
    o->packages_dir = g_build_filename (g_get_user_data_dir (), "borderpost", "packages", NULL);

  return TRUE;
}

static BpStore *
open_existing (const char *database)
{
  g_autoptr (BpStore) store = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (database, ":memory:") && !g_file_test (database, G_FILE_TEST_EXISTS))
    {
      /* Translators: %s is a file path. */
      fprintf (stderr, _ ("There is no crossing database at “%s”. Check --database or $BORDERPOST_DATABASE."), database);
      fputc ('\n', stderr);
      return NULL;
    }

  store = bp_store_new (database);
  if (!bp_store_open_sync (store, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return NULL;
    }

  return g_steal_pointer (&store);
}

static void
add_state (JsonBuilder *builder,
           GHashTable *state,
           const char *member,
           const char *key)
{
  const char *value = g_hash_table_lookup (state, key);

  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int_state (JsonBuilder *builder,
               GHashTable *state,
               const char *member,
               const char *key)
{
  gint64 value;

  json_builder_set_member_name (builder, member);
  if (bp_sync_state_lookup_int (state, key, &value))
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* Where the update packages of @kind stand, for IT staff: whether a
 * full reload is needed and being fetched, and which full list the
 * installed version builds on. */
static void
add_update_state (JsonBuilder *builder,
                  GHashTable *state,
                  const char *kind)
{
  g_autofree char *version_key = bp_sync_version_key (kind);
  g_autofree char *full_key = bp_sync_full_version_key (kind);
  g_autofree char *reload_key = bp_sync_full_reload_key (kind);
  g_autofree char *text = bp_sync_dup_update_status (state, kind);

  json_builder_set_member_name (builder, kind);
  json_builder_begin_object (builder);
  add_int_state (builder, state, "version", version_key);
  add_int_state (builder, state, "full_version", full_key);
  json_builder_set_member_name (builder, "full_reload");
  json_builder_add_boolean_value (builder, g_hash_table_lookup (state, reload_key) != NULL);
  json_builder_set_member_name (builder, "status");
  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static int
print_status (BpStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BpOutboxStatus) status = bp_store_get_outbox_status_sync (store, &error);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *json = NULL;

  if (status == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return BP_CLI_EXIT_FAILED;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "queue_depth");
  json_builder_add_int_value (builder, status->pending);
  json_builder_set_member_name (builder, "photos_pending");
  json_builder_add_int_value (builder, status->photos_pending);
  json_builder_set_member_name (builder, "delivered");
  json_builder_add_int_value (builder, status->delivered);
  json_builder_set_member_name (builder, "conflicts");
  json_builder_add_int_value (builder, status->conflict);
  json_builder_set_member_name (builder, "rejected");
  json_builder_add_int_value (builder, status->rejected);
  add_state (builder, status->state, "last_success", "last_success_at");
  add_state (builder, status->state, "last_attempt", "last_attempt_at");
  add_state (builder, status->state, "last_error", "last_error");
  add_state (builder, status->state, "link_state", "link_state");
  json_builder_set_member_name (builder, "packages");
  json_builder_begin_object (builder);
  {
    g_autofree char *alert_list_key = bp_sync_version_key ("alert-list");
    g_autofree char *csca_key = bp_sync_version_key ("csca");

    add_int_state (builder, status->state, "alert-list", alert_list_key);
    add_int_state (builder, status->state, "csca", csca_key);
  }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "updates");
  json_builder_begin_object (builder);
  add_update_state (builder, status->state, "alert-list");
  add_update_state (builder, status->state, "csca");
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json = json_generator_to_data (generator, NULL);
  bp_cli_print_json (json);

  return BP_CLI_EXIT_OK;
}

static int
sync_status (int argc,
             char **argv)
{
  g_auto (Options) o = { 0 };
  g_autoptr (BpStore) store = NULL;

  if (!parse ("status", _ ("Prints the queue for headquarters and the state of the link as JSON."), FALSE, &argc, &argv, &o))
    return BP_CLI_EXIT_USAGE;

  store = open_existing (o.database);
  if (store == NULL)
    return BP_CLI_EXIT_FAILED;

  return print_status (store);
}

static void
once_cb (GObject *object,
         GAsyncResult *result,
         gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

static void
rejected_cb (BpSync *sync,
             const char *kind,
             gint64 version,
             const char *message,
             gpointer user_data)
{
  fprintf (stderr, "%s\n", message);
}

static int
sync_once (int argc,
           char **argv)
{
  g_auto (Options) o = { 0 };
  g_autoptr (BpStore) store = NULL;
  g_autoptr (BpSync) sync = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (BpOutboxStatus) status = NULL;
  BpSyncConfig config = { 0 };
  gboolean ok;
  int ret;

  if (!parse ("once", _ ("Makes one full attempt to send the queue to headquarters and fetch update packages."), TRUE, &argc, &argv, &o))
    return BP_CLI_EXIT_USAGE;

  if (o.url == NULL)
    {
      fprintf (stderr, "%s\n", _ ("Give the address of headquarters with --url or $BORDERPOST_HQ_URL."));
      return BP_CLI_EXIT_USAGE;
    }

  store = open_existing (o.database);
  if (store == NULL)
    return BP_CLI_EXIT_FAILED;

  config.hq_url = o.url;
  config.ca_file = o.ca;
  config.certificate_file = o.cert;
  config.key_file = o.key;
  config.update_public_key_file = o.update_key;
  config.packages_dir = o.packages_dir;
  config.booth_id = o.booth_id;

  sync = bp_sync_new (store);
  if (!bp_sync_configure (sync, &config, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return BP_CLI_EXIT_USAGE;
    }
  g_signal_connect (sync, "package-rejected", G_CALLBACK (rejected_cb), NULL);

  bp_sync_run_once_async (sync, NULL, once_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  ok = bp_sync_run_once_finish (sync, result, &error);

  if (!ok)
    fprintf (stderr, "%s\n", error->message);

  ret = print_status (store);
  if (ret != BP_CLI_EXIT_OK)
    return ret;
  if (!ok)
    return BP_CLI_EXIT_FAILED;

  status = bp_store_get_outbox_status_sync (store, NULL);

  return status != NULL && status->pending == 0 ? BP_CLI_EXIT_OK : BP_CLI_EXIT_INVALID;
}

/**
 * bp_cli_sync:
 * @argc: the number of arguments
 * @argv: the arguments, argv[0] being "sync"
 *
 * `borderpost-cli sync status|once [OPTION…]`.
 *
 * Returns: 0 on success (once: and the queue is empty), 1 when crossings
 *   remain queued, 2 on bad usage, 3 when the store or HQ fails
 */
int
bp_cli_sync (int argc,
             char **argv)
{
  if (argc < 2)
    {
      print_usage (stderr);
      return BP_CLI_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "status"))
    return sync_status (argc - 1, argv + 1);

  if (g_str_equal (argv[1], "once"))
    return sync_once (argc - 1, argv + 1);

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return BP_CLI_EXIT_OK;
    }

  /* Translators: %s is what the user typed after "sync". */
  fprintf (stderr, _ ("Unknown sync command “%s”."), argv[1]);
  fputs ("\n\n", stderr);
  print_usage (stderr);

  return BP_CLI_EXIT_USAGE;
}
