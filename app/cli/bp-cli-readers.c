/* bp-cli-readers.c
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

#include "bp-card-readers.h"
#include "bp-cli.h"
#include "bp-pcsc-reader.h"

static const char *
card_error_name (const GError *error)
{
  static const char *const names[] = {
    [BP_CARD_ERROR_FAILED] = "failed",
    [BP_CARD_ERROR_NO_READER] = "no-reader",
    [BP_CARD_ERROR_NO_CARD] = "no-card",
    [BP_CARD_ERROR_REMOVED] = "removed",
    [BP_CARD_ERROR_TIMEOUT] = "timeout",
    [BP_CARD_ERROR_TRANSPORT] = "transport",
    [BP_CARD_ERROR_UNSUPPORTED] = "unsupported",
  };

  if (error->domain == BP_CARD_ERROR && error->code >= 0 && (gsize) error->code < G_N_ELEMENTS (names))
    return names[error->code];
  return "failed";
}

static void
add_reader (JsonBuilder *builder,
            BpCardReader *reader)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, bp_card_reader_get_id (reader));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, bp_card_reader_get_name (reader));
  json_builder_set_member_name (builder, "transport");
  json_builder_add_string_value (builder, bp_card_reader_get_transport (reader));

  /* Only PC/SC knows about the card without talking to it; opening a
   * libnfc device or selecting a card would disturb a reading elsewhere. */
  json_builder_set_member_name (builder, "card_present");
  if (BP_IS_PCSC_READER (reader))
    {
      g_autoptr (GError) error = NULL;
      gboolean present = bp_pcsc_reader_is_card_present (BP_PCSC_READER (reader), &error);

      if (error == NULL)
        json_builder_add_boolean_value (builder, present);
      else
        json_builder_add_null_value (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

int
bp_cli_readers (int argc,
                char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (BpCardReaderList) list = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *json = NULL;
  const char *const *failed;
  const GOptionEntry entries[] = {
    { NULL }
  };

  g_set_prgname ("borderpost-cli readers");
  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _ ("Lists the chip readers of every kind (NFC through libnfc, PC/SC through pcscd, virtual) as JSON, "
                                   "with the reason for each kind that could not be listed."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return BP_CLI_EXIT_USAGE;
    }
  if (argc > 1)
    {
      /* Translators: %s is an unexpected command-line argument. */
      fprintf (stderr, _ ("Unexpected argument “%s”."), argv[1]);
      fputc ('\n', stderr);
      return BP_CLI_EXIT_USAGE;
    }

  list = bp_card_readers_list (&error);
  if (list == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return BP_CLI_EXIT_FAILED;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "readers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr (BpCardReader) reader = g_list_model_get_item (G_LIST_MODEL (list), i);
      add_reader (builder, reader);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "errors");
  json_builder_begin_object (builder);
  failed = bp_card_reader_list_get_failed_transports (list);
  for (guint i = 0; failed[i] != NULL; i++)
    {
      const GError *transport_error = bp_card_reader_list_get_error (list, failed[i]);

      json_builder_set_member_name (builder, failed[i]);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, card_error_name (transport_error));
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, transport_error->message);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json = json_generator_to_data (generator, NULL);
  bp_cli_print_json (json);
  return BP_CLI_EXIT_OK;
}
