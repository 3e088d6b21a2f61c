/* bp-cli-chip.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "bp-bac.h"
#include "bp-card-readers.h"
#include "bp-chip-error.h"
#include "bp-chip-reading.h"
#include "bp-cli.h"
#include "bp-lds.h"
#include "bp-mrz.h"
#include "bp-specimen.h"
#include "bp-virtual-chip-specimen.h"
#include "bp-virtual-chip.h"

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n",
           _ ("Usage: borderpost-cli chip read --reader ID (--mrz LINES | --can CAN) [--files DG1,DG2,…] [--out DIR]"));
  fprintf (stream, "%s\n",
           _ ("Reads a document's chip (PACE or BAC, as the chip offers) and prints what was read as JSON."));
  fprintf (stream, "%s\n",
           _ ("ID is a reader from “borderpost-cli readers” (nfc:DEVICE, pcsc:READER NAME), or "
              "virtual:PROFILE.ini to read a specimen profile through the virtual chip."));
  fprintf (stream, "%s\n",
           _ ("--out writes each file's raw bytes (outer tag included) as COM.bin, DG1.bin, …, SOD.bin, "
              "and what “verify --dir” needs besides: chip.json (the protocol, every file's status, Chip "
              "Authentication), aa-challenge.bin and aa-response.bin when Active Authentication ran, "
              "cam-*.bin when Chip Authentication Mapping ran."));
}

/* A specimen profile on an in-process virtual chip, for IT staff and
 * tests without hardware. */
static BpCard *
open_virtual (const char *profile,
              char **mrz_out,
              GError **error)
{
  g_autoptr (BpSpecimen) specimen = bp_specimen_load_path (profile, error);
  g_autoptr (BpVirtualChip) chip = NULL;

  if (specimen == NULL)
    return NULL;
  chip = bp_virtual_chip_new_from_specimen (specimen, error);
  if (chip == NULL)
    return NULL;
  *mrz_out = g_strdup (bp_specimen_get_mrz (specimen));
  return BP_CARD (g_steal_pointer (&chip));
}

/* The reader by id, connected to the document on it. */
static BpCard *
open_card (const char *id,
           char **specimen_mrz,
           GError **error)
{
  g_autoptr (BpCardReader) reader = NULL;

  if (g_str_has_prefix (id, "virtual:") && g_str_has_suffix (id, ".ini"))
    return open_virtual (id + strlen ("virtual:"), specimen_mrz, error);

  reader = bp_card_reader_open (id, error);
  if (reader == NULL)
    return NULL;
  return bp_card_reader_connect (reader, NULL, error);
}

static char *
sha256_hex (GBytes *data)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
}

static void
add_files (JsonBuilder *builder,
           BpChipResult *result)
{
  GPtrArray *files = bp_chip_result_get_files (result);

  json_builder_set_member_name (builder, "files");
  json_builder_begin_object (builder);
  for (guint i = 0; i < files->len; i++)
    {
      const BpChipFile *file = g_ptr_array_index (files, i);

      json_builder_set_member_name (builder, file->name);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, bp_chip_file_status_to_string (file->status));
      if (file->status == BP_CHIP_FILE_READ)
        {
          g_autofree char *digest = sha256_hex (file->data);

          json_builder_set_member_name (builder, "size");
          json_builder_add_int_value (builder, g_bytes_get_size (file->data));
          json_builder_set_member_name (builder, "sha256");
          json_builder_add_string_value (builder, digest);
        }
      if (file->message != NULL)
        {
          json_builder_set_member_name (builder, "message");
          json_builder_add_string_value (builder, file->message);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static char *
result_to_json (BpChipResult *result,
                const GError *error,
                gint64 elapsed_us)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  GBytes *dg1 = bp_chip_result_get_file_data (result, "DG1");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "access_control");
  json_builder_add_string_value (builder, bp_chip_protocol_to_string (bp_chip_result_get_protocol (result)));
  json_builder_set_member_name (builder, "access_control_reason");
  json_builder_add_string_value (builder, bp_chip_result_get_protocol_reason (result));
  json_builder_set_member_name (builder, "pace_error");
  json_builder_add_string_value (builder, bp_chip_result_get_pace_error (result));
  add_files (builder, result);
  json_builder_set_member_name (builder, "chip_authentication");
  json_builder_add_value (builder, bp_chip_result_chip_authentication_to_json (result));

  json_builder_set_member_name (builder, "mrz");
  if (dg1 != NULL)
    {
      g_autofree char *mrz = bp_lds_dg1_parse (dg1, NULL);
      json_builder_add_string_value (builder, mrz);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "apdus");
  json_builder_add_int_value (builder, bp_chip_result_get_apdu_count (result));
  json_builder_set_member_name (builder, "bytes_sent");
  json_builder_add_int_value (builder, bp_chip_result_get_bytes_sent (result));
  json_builder_set_member_name (builder, "bytes_received");
  json_builder_add_int_value (builder, bp_chip_result_get_bytes_received (result));
  json_builder_set_member_name (builder, "reauthentications");
  json_builder_add_int_value (builder, bp_chip_result_get_reauthentications (result));
  json_builder_set_member_name (builder, "elapsed_ms");
  json_builder_add_int_value (builder, elapsed_us / 1000);
  json_builder_set_member_name (builder, "error");
  if (error != NULL)
    json_builder_add_string_value (builder, error->message);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

static int
exit_status_for (const GError *error)
{
  if (g_error_matches (error, BP_CHIP_ERROR, BP_CHIP_ERROR_ACCESS_DENIED) || g_error_matches (error, BP_CHIP_ERROR, BP_CHIP_ERROR_BAD_KEY))
    return BP_CLI_EXIT_INVALID;
  return BP_CLI_EXIT_FAILED;
}

static int
chip_read (int argc,
           char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *reader_id = NULL;
  g_autofree char *mrz_text = NULL;
  g_autofree char *can = NULL;
  g_autofree char *files = NULL;
  g_autofree char *out = NULL;
  g_autofree char *specimen_mrz = NULL;
  g_autofree char *mrz_information = NULL;
  g_autofree char *json = NULL;
  g_autoptr (BpCard) card = NULL;
  g_autoptr (BpChipReading) reading = NULL;
  g_autoptr (BpChipResult) result = NULL;
  g_autoptr (GError) read_error = NULL;
  gint64 start;
  gboolean any_failed = FALSE;
  GOptionEntry entries[] = {
    { "reader", 'r', 0, G_OPTION_ARG_STRING, &reader_id, N_ ("The reader to use"), N_ ("ID") },
    { "mrz", 'm', 0, G_OPTION_ARG_STRING, &mrz_text,
      N_ ("The printed MRZ, lines separated by newlines"), N_ ("LINES") },
    { "can", 'c', 0, G_OPTION_ARG_STRING, &can, N_ ("The card access number printed on the document"), N_ ("CAN") },
    { "files", 'f', 0, G_OPTION_ARG_STRING, &files,
      N_ ("Only these data groups (EF.COM and EF.SOD are always read)"), N_ ("DG1,DG2,…") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_ ("Write the files read into this folder"), N_ ("DIR") },
    { NULL }
  };

  g_set_prgname ("borderpost-cli chip read");
  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _ ("Reads a document's chip."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 1 || reader_id == NULL)
    {
      if (error)
        fprintf (stderr, "%s\n\n", error->message);
      print_usage (stderr);
      return BP_CLI_EXIT_USAGE;
    }

  card = open_card (reader_id, &specimen_mrz, &error);
  if (card == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return BP_CLI_EXIT_FAILED;
    }
  if (mrz_text == NULL && can == NULL)
    mrz_text = g_steal_pointer (&specimen_mrz);
  if (mrz_text == NULL && can == NULL)
    {
      fprintf (stderr, "%s\n\n", _ ("Give the printed MRZ (--mrz) or the card access number (--can)."));
      print_usage (stderr);
      return BP_CLI_EXIT_USAGE;
    }

  if (mrz_text != NULL)
    {
      g_autoptr (BpMrz) mrz = bp_mrz_parse (mrz_text, NULL, &error);

      if (mrz == NULL || (mrz_information = bp_bac_mrz_information_from_mrz (mrz, &error)) == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return BP_CLI_EXIT_USAGE;
        }
    }

  reading = bp_chip_reading_new (mrz_information, can);
  if (files != NULL)
    {
      g_auto (GStrv) names = g_strsplit (files, ",", -1);
      bp_chip_reading_set_files (reading, (const char *const *) names);
    }

  start = g_get_monotonic_time ();
  result = bp_chip_reading_run (reading, card, NULL, &read_error);
  if (result == NULL)
    result = g_object_ref (bp_chip_reading_get_result (reading));

  json = result_to_json (result, read_error, g_get_monotonic_time () - start);
  bp_cli_print_json (json);

  if (out != NULL && !bp_chip_result_save_directory (result, out, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return BP_CLI_EXIT_FAILED;
    }

  if (read_error != NULL)
    {
      fprintf (stderr, "%s\n", read_error->message);
      return exit_status_for (read_error);
    }
  for (guint i = 0; i < bp_chip_result_get_files (result)->len; i++)
    {
      const BpChipFile *file = g_ptr_array_index (bp_chip_result_get_files (result), i);

      if (file->status == BP_CHIP_FILE_FAILED)
        {
          /* Translators: a file name (DG2), then why it failed. */
          fprintf (stderr, _ ("%s could not be read: %s"), file->name, file->message);
          fputc ('\n', stderr);
          any_failed = TRUE;
        }
    }
  return any_failed ? BP_CLI_EXIT_FAILED : BP_CLI_EXIT_OK;
}

/**
 * bp_cli_chip:
 *
 * `borderpost-cli chip read`: reads a chip and prints the result as JSON.
 */
int
bp_cli_chip (int argc,
             char **argv)
{
  if (argc < 2 || !g_str_equal (argv[1], "read"))
    {
      print_usage (stderr);
      return BP_CLI_EXIT_USAGE;
    }
  return chip_read (argc - 1, argv + 1);
}
