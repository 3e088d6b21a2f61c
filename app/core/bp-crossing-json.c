/* bp-crossing-json.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-crossing"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "bp-crossing-private.h"

/* A crossing as text: the stable names of its enums, its name as
 * officers read it, and the JSON object the command line prints. Only
 * the public getters are used, so none of this depends on how
 * BpCrossing keeps its fields. */

/* "ANNA MARIA" → "Anna Maria", "JEAN-PAUL" → "Jean-Paul". */
static char *
title_case (const char *str)
{
  GString *out = g_string_new (NULL);
  gboolean start = TRUE;

  for (const char *p = str; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, start ? g_unichar_totitle (c) : g_unichar_tolower (c));
      start = g_unichar_isspace (c) || c == '-' || c == '\'';
    }

  return g_string_free (out, FALSE);
}

static void
add_string (JsonBuilder *builder,
            const char *name,
            const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

const char *
_bp_crossing_format_name (BpMrzFormat format)
{
  switch (format)
    {
    case BP_MRZ_FORMAT_TD1:
      return "TD1";
    case BP_MRZ_FORMAT_TD2:
      return "TD2";
    case BP_MRZ_FORMAT_TD3:
      return "TD3";
    case BP_MRZ_FORMAT_MRVA:
      return "MRV-A";
    case BP_MRZ_FORMAT_MRVB:
      return "MRV-B";
    case BP_MRZ_FORMAT_UNKNOWN:
    default:
      return NULL;
    }
}

/**
 * bp_crossing_dup_display_name:
 * @self: a #BpCrossing
 *
 * Formats the traveller's name the way officers read it on a list:
 * family name as printed, then the given names in title case, as in
 * "ERIKSSON, Anna Maria".
 *
 * Returns: (transfer full): the name, empty when the document gave none
 */
char *
bp_crossing_dup_display_name (BpCrossing *self)
{
  g_autofree char *given = NULL;
  const char *primary;
  const char *secondary;

  g_return_val_if_fail (BP_IS_CROSSING (self), NULL);

  primary = bp_crossing_get_primary_identifier (self);
  secondary = bp_crossing_get_secondary_identifier (self);

  if (secondary != NULL)
    given = title_case (secondary);

  if (primary != NULL && given != NULL)
    /* Translators: a traveller's name on a list: family name, given names */
    return g_strdup_printf (C_ ("display name", "%s, %s"), primary, given);

  if (primary != NULL)
    return g_strdup (primary);

  if (given != NULL)
    return g_steal_pointer (&given);

  return g_strdup ("");
}

/**
 * bp_decision_to_string:
 * @decision: a #BpDecision
 *
 * Returns: the stable name stored and sent to HQ ("admit", "refer",
 *   "refuse"), or %NULL for %BP_DECISION_NONE
 */
const char *
bp_decision_to_string (BpDecision decision)
{
  switch (decision)
    {
    case BP_DECISION_ADMIT:
      return "admit";
    case BP_DECISION_REFER:
      return "refer";
    case BP_DECISION_REFUSE:
      return "refuse";
    case BP_DECISION_NONE:
    default:
      return NULL;
    }
}

BpDecision
bp_decision_from_string (const char *str)
{
  if (g_strcmp0 (str, "admit") == 0)
    return BP_DECISION_ADMIT;
  if (g_strcmp0 (str, "refer") == 0)
    return BP_DECISION_REFER;
  if (g_strcmp0 (str, "refuse") == 0)
    return BP_DECISION_REFUSE;

  return BP_DECISION_NONE;
}

/**
 * bp_decision_get_label:
 * @decision: a #BpDecision
 *
 * Returns: the decision in the officer's language
 */
const char *
bp_decision_get_label (BpDecision decision)
{
  switch (decision)
    {
    case BP_DECISION_ADMIT:
      return _ ("Admitted");
    case BP_DECISION_REFER:
      return _ ("Referred to second line");
    case BP_DECISION_REFUSE:
      return _ ("Refused");
    case BP_DECISION_NONE:
    default:
      return _ ("No decision");
    }
}

const char *
bp_direction_to_string (BpDirection direction)
{
  return direction == BP_DIRECTION_EXIT ? "exit" : "entry";
}

BpDirection
bp_direction_from_string (const char *str)
{
  return g_strcmp0 (str, "exit") == 0 ? BP_DIRECTION_EXIT : BP_DIRECTION_ENTRY;
}

/**
 * bp_crossing_to_json:
 * @self: a #BpCrossing
 *
 * Serialises every field as one JSON object, with snake_case member
 * names matching the database columns. The photo is given by its SHA-256
 * and size: the bytes belong in the database, not in logs and pipes.
 *
 * Returns: (transfer full): a JSON object
 */
char *
bp_crossing_to_json (BpCrossing *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *recorded_at = NULL;
  const char *const *reasons;
  const char *checks_json;
  gint64 sequence;
  GBytes *photo;

  g_return_val_if_fail (BP_IS_CROSSING (self), NULL);

  sequence = bp_crossing_get_sequence (self);
  checks_json = bp_crossing_get_checks_json (self);
  reasons = bp_crossing_get_reasons (self);
  photo = bp_crossing_get_photo (self);
  recorded_at = g_date_time_format (bp_crossing_get_recorded_at (self), "%Y-%m-%dT%H:%M:%S.%fZ");
  /* No display name: it is translated, and the JSON is data that HQ
   * hashes, so it must read the same whatever the booth's language. */
  json_builder_begin_object (builder);

  add_string (builder, "uuid", bp_crossing_get_uuid (self));
  json_builder_set_member_name (builder, "sequence");
  if (sequence > 0)
    json_builder_add_int_value (builder, sequence);
  else
    json_builder_add_null_value (builder);
  add_string (builder, "boot_id", bp_crossing_get_boot_id (self));
  add_string (builder, "booth_id", bp_crossing_get_booth_id (self));
  add_string (builder, "officer_id", bp_crossing_get_officer_id (self));
  add_string (builder, "direction", bp_direction_to_string (bp_crossing_get_direction (self)));
  add_string (builder, "recorded_at", recorded_at);

  add_string (builder, "mrz", bp_crossing_get_mrz (self));
  add_string (builder, "document_format", bp_crossing_get_document_format (self));
  add_string (builder, "document_code", bp_crossing_get_document_code (self));
  add_string (builder, "issuing_state", bp_crossing_get_issuing_state (self));
  add_string (builder, "document_number", bp_crossing_get_document_number (self));
  add_string (builder, "nationality", bp_crossing_get_nationality (self));
  add_string (builder, "primary_identifier", bp_crossing_get_primary_identifier (self));
  add_string (builder, "secondary_identifier", bp_crossing_get_secondary_identifier (self));
  add_string (builder, "birth_date", bp_crossing_get_birth_date (self));
  add_string (builder, "sex", bp_crossing_get_sex (self));
  add_string (builder, "expiry_date", bp_crossing_get_expiry_date (self));

  /* Embedded as JSON rather than as a string holding JSON, so that jq
   * and HQ can read it directly; text that does not parse is kept as it
   * is instead of being lost. */
  json_builder_set_member_name (builder, "checks");
  if (json_parser_load_from_data (parser, checks_json, -1, NULL) && json_parser_get_root (parser) != NULL)
    json_builder_add_value (builder, json_node_copy (json_parser_get_root (parser)));
  else
    json_builder_add_string_value (builder, checks_json);

  add_string (builder, "decision", bp_decision_to_string (bp_crossing_get_decision (self)));

  json_builder_set_member_name (builder, "reasons");
  json_builder_begin_array (builder);
  for (guint i = 0; reasons[i] != NULL; i++)
    json_builder_add_string_value (builder, reasons[i]);
  json_builder_end_array (builder);

  add_string (builder, "note", bp_crossing_get_note (self));

  json_builder_set_member_name (builder, "photo");
  if (photo != NULL)
    {
      g_autofree char *sha256 = _bp_crossing_dup_photo_sha256 (self);

      json_builder_begin_object (builder);
      add_string (builder, "content_type", "image/jpeg");
      add_string (builder, "sha256", sha256);
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, g_bytes_get_size (photo));
      json_builder_end_object (builder);
    }
  else
    {
      json_builder_add_null_value (builder);
    }

  add_string (builder, "supersedes", bp_crossing_get_supersedes (self));

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}
