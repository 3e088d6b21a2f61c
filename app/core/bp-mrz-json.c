/* bp-mrz-json.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-mrz"

#include "config.h"

#include "bp-mrz.h"

static void
add_string_member (JsonBuilder *builder,
                   const char *name,
                   const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * bp_mrz_to_json_node:
 * @self: a #BpMrz
 *
 * Describes the zone for scripts: fields, checks, issues and repairs.
 * Lines and columns of repairs count from 1, as in the messages.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
bp_mrz_to_json_node (const BpMrz *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  add_string_member (builder, "format", bp_mrz_format_to_string (self->format));
  add_string_member (builder, "document_code", self->document_code);
  add_string_member (builder, "issuing_state", self->issuing_state);
  add_string_member (builder, "document_number", self->document_number);
  add_string_member (builder, "nationality", self->nationality);
  add_string_member (builder, "birth_date", self->birth_date);
  add_string_member (builder, "sex", self->sex);
  add_string_member (builder, "expiry_date", self->expiry_date);
  add_string_member (builder, "primary_identifier", self->primary_identifier);
  add_string_member (builder, "secondary_identifier", self->secondary_identifier);
  add_string_member (builder, "optional_data", self->optional_data);
  if (self->format == BP_MRZ_FORMAT_TD1)
    add_string_member (builder, "optional_data_2", self->optional_data_2);

  json_builder_set_member_name (builder, "valid");
  json_builder_add_boolean_value (builder, self->valid);

  json_builder_set_member_name (builder, "checks");
  json_builder_begin_object (builder);
  for (guint i = 0; self->checks && i < self->checks->len; i++)
    {
      const BpMrzCheck *check = g_ptr_array_index (self->checks, i);

      json_builder_set_member_name (builder, check->name);
      json_builder_add_boolean_value (builder, check->ok);
    }
  json_builder_end_object (builder);

  for (int severity = BP_MRZ_SEVERITY_WARNING; severity <= BP_MRZ_SEVERITY_ERROR; severity++)
    {
      json_builder_set_member_name (builder, severity == BP_MRZ_SEVERITY_WARNING ? "warnings" : "errors");
      json_builder_begin_array (builder);
      for (guint i = 0; self->issues && i < self->issues->len; i++)
        {
          const BpMrzIssue *issue = g_ptr_array_index (self->issues, i);

          if ((int) issue->severity == severity)
            json_builder_add_string_value (builder, issue->message);
        }
      json_builder_end_array (builder);
    }

  json_builder_set_member_name (builder, "repairs");
  json_builder_begin_array (builder);
  for (guint i = 0; self->repairs && i < self->repairs->len; i++)
    {
      const BpMrzRepair *repair = g_ptr_array_index (self->repairs, i);
      char from[2] = { repair->from, '\0' };
      char to[2] = { repair->to, '\0' };

      json_builder_begin_object (builder);
      add_string_member (builder, "field", bp_mrz_field_to_string (repair->field));
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, repair->line + 1);
      json_builder_set_member_name (builder, "column");
      json_builder_add_int_value (builder, repair->column + 1);
      add_string_member (builder, "from", from);
      add_string_member (builder, "to", to);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->n_lines; i++)
    json_builder_add_string_value (builder, self->lines[i]);
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * bp_mrz_to_json:
 * @self: a #BpMrz
 *
 * Returns: (transfer full): bp_mrz_to_json_node() as pretty-printed text
 */
char *
bp_mrz_to_json (const BpMrz *self)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  root = bp_mrz_to_json_node (self);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, NULL);
}
