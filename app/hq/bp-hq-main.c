/* bp-hq-main.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-hq"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>

#include "bp-hq-db.h"
#include "bp-hq-error.h"
#include "bp-hq-faults.h"
#include "bp-hq-server.h"

/* borderpost-hq: the reference HQ receiver. See data/hq.md. */

static char *opt_listen = NULL;
static char *opt_database = NULL;
static char *opt_cert = NULL;
static char *opt_key = NULL;
static char *opt_client_ca = NULL;
static char *opt_updates = NULL;
static char **opt_faults = NULL;
static gboolean opt_enable_faults = FALSE;
static gboolean opt_insecure = FALSE;

static const GOptionEntry entries[] = {
  { "listen", 'l', 0, G_OPTION_ARG_STRING, &opt_listen, N_ ("Address to listen on (default 127.0.0.1:8443; port 0 picks one)"), "ADDR:PORT" },
  { "database", 'd', 0, G_OPTION_ARG_STRING, &opt_database, N_ ("PostgreSQL connection string (libpq conninfo)"), "CONNINFO" },
  { "cert", 0, 0, G_OPTION_ARG_FILENAME, &opt_cert, N_ ("HQ's certificate (PEM)"), "FILE" },
  { "key", 0, 0, G_OPTION_ARG_FILENAME, &opt_key, N_ ("HQ's private key (PEM)"), "FILE" },
  { "client-ca", 0, 0, G_OPTION_ARG_FILENAME, &opt_client_ca, N_ ("CA that booth certificates must chain to (PEM)"), "FILE" },
  { "updates", 'u', 0, G_OPTION_ARG_FILENAME, &opt_updates, N_ ("Directory of signed update packages"), "DIR" },
  { "fault", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_faults, N_ ("Turn a fault switch on (tests only; repeatable)"), "NAME[=VALUE][:COUNT]" },
  { "enable-faults", 0, 0, G_OPTION_ARG_NONE, &opt_enable_faults, N_ ("Allow POST /_faults from loopback"), NULL },
  { "insecure-loopback", 0, 0, G_OPTION_ARG_NONE, &opt_insecure, N_ ("Serve plain HTTP on a loopback address (debugging)"), NULL },
  { NULL }
};

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static int
fail (const GError *error)
{
  g_printerr ("borderpost-hq: %s\n", error->message);
  return 3;
}

int
main (int argc,
      char *argv[])
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (BpHqFaults) faults = bp_hq_faults_new ();
  g_autoptr (BpHqDb) db = NULL;
  g_autoptr (BpHqServer) server = NULL;
  g_autoptr (GTlsCertificate) certificate = NULL;
  g_autoptr (GTlsDatabase) client_ca = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autofree char *url = NULL;
  g_autofree char *url_json = NULL;
  const char *localedir = g_getenv ("BORDERPOST_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _ ("Receives crossings and photos from booths over HTTPS with client "
                                   "certificates, stores them in PostgreSQL, and serves signed updates. "
                                   "The first line on standard output is {\"url\": …}."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("borderpost-hq: %s\n", error->message);
      return 2;
    }

  if (opt_database == NULL)
    opt_database = g_strdup (g_getenv ("BORDERPOST_HQ_DATABASE"));
  if (opt_database == NULL)
    {
      g_printerr ("borderpost-hq: %s\n", _ ("Give the PostgreSQL database with --database."));
      return 2;
    }

  if (opt_insecure == (opt_cert != NULL))
    {
      g_printerr ("borderpost-hq: %s\n",
                  _ ("Give --cert, --key and --client-ca for HTTPS, or --insecure-loopback for plain HTTP."));
      return 2;
    }
  if (!opt_insecure)
    {
      if (opt_key == NULL || opt_client_ca == NULL)
        {
          g_printerr ("borderpost-hq: %s\n", _ ("HTTPS needs --cert, --key and --client-ca."));
          return 2;
        }
      certificate = g_tls_certificate_new_from_files (opt_cert, opt_key, &error);
      if (certificate == NULL)
        return fail (error);
      client_ca = g_tls_file_database_new (opt_client_ca, &error);
      if (client_ca == NULL)
        return fail (error);
    }

  for (guint i = 0; opt_faults != NULL && opt_faults[i] != NULL; i++)
    if (!bp_hq_faults_add (faults, opt_faults[i], &error))
      {
        g_printerr ("borderpost-hq: %s\n", error->message);
        return 2;
      }

  db = bp_hq_db_open (opt_database, &error);
  if (db == NULL)
    return fail (error);

  server = bp_hq_server_new (g_steal_pointer (&db), g_steal_pointer (&faults), opt_updates,
                             opt_enable_faults, certificate, client_ca);
  if (!bp_hq_server_listen (server, opt_listen != NULL ? opt_listen : "127.0.0.1:8443", &error))
    return fail (error);

  /* The first line tells scripts and tests where the server is. */
  url = bp_hq_server_dup_url (server);
  {
    g_autoptr (JsonBuilder) builder = json_builder_new ();
    g_autoptr (JsonGenerator) generator = json_generator_new ();
    g_autoptr (JsonNode) root = NULL;

    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "url");
    json_builder_add_string_value (builder, url);
    json_builder_end_object (builder);
    root = json_builder_get_root (builder);
    json_generator_set_root (generator, root);
    url_json = json_generator_to_data (generator, NULL);
  }
  g_print ("%s\n", url_json);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);

  g_clear_pointer (&opt_listen, g_free);
  g_clear_pointer (&opt_database, g_free);
  g_clear_pointer (&opt_cert, g_free);
  g_clear_pointer (&opt_key, g_free);
  g_clear_pointer (&opt_client_ca, g_free);
  g_clear_pointer (&opt_updates, g_free);
  g_clear_pointer (&opt_faults, g_strfreev);
  return 0;
}
