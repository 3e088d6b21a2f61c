/* bp-hq-faults.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-hq"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bp-hq-error.h"
#include "bp-hq-faults.h"

/* Fault switches that let tests see how a booth copes with a bad HQ.
 * A switch is written NAME[=VALUE][:COUNT]: "503=30" answers 503 with
 * Retry-After 30 to every request, "503:3" only to the next three. */

typedef struct
{
  gboolean set;
  guint value;
  gint remaining; /* -1: until cleared */
} Switch;

struct _BpHqFaults
{
  Switch switches[BP_HQ_N_FAULTS];
};

static const struct
{
  const char *name;
  gboolean has_value;
  guint default_value;
} fault_info[BP_HQ_N_FAULTS] = {
  [BP_HQ_FAULT_DROP_AFTER_COMMIT] = { "drop-after-commit", FALSE, 0 },
  [BP_HQ_FAULT_503] = { "503", TRUE, 1 },
  [BP_HQ_FAULT_CAPTIVE_PORTAL] = { "captive-portal", FALSE, 0 },
  [BP_HQ_FAULT_SLOW] = { "slow", TRUE, 1000 },
  [BP_HQ_FAULT_PARTIAL] = { "partial", FALSE, 0 },
  [BP_HQ_FAULT_CONFLICT] = { "conflict", FALSE, 0 },
};

BpHqFaults *
bp_hq_faults_new (void)
{
  return g_new0 (BpHqFaults, 1);
}

void
bp_hq_faults_free (BpHqFaults *self)
{
  g_free (self);
}

static gboolean
parse_uint (const char *str,
            guint *out)
{
  guint64 v;

  if (str == NULL || *str == '\0')
    return FALSE;
  if (!g_ascii_string_to_unsigned (str, 10, 0, G_MAXINT, &v, NULL))
    return FALSE;
  *out = (guint) v;
  return TRUE;
}

/**
 * bp_hq_faults_add:
 * @self: the fault switches
 * @spec: NAME[=VALUE][:COUNT]
 * @error: return location for an error
 *
 * Turns a fault switch on, replacing its earlier setting.
 *
 * Returns: %TRUE if @spec was understood
 */
gboolean
bp_hq_faults_add (BpHqFaults *self,
                  const char *spec,
                  GError **error)
{
  g_autofree char *name = NULL;
  char *count_str;
  char *value_str;
  guint value = 0;
  guint count = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  name = g_strdup (spec);
  count_str = strchr (name, ':');
  if (count_str != NULL)
    {
      *count_str++ = '\0';
      if (!parse_uint (count_str, &count) || count == 0)
        {
          g_set_error (error, BP_HQ_ERROR, BP_HQ_ERROR_INVALID,
                       _ ("Fault “%s”: the count after “:” must be a positive number."), spec);
          return FALSE;
        }
    }
  value_str = strchr (name, '=');
  if (value_str != NULL)
    *value_str++ = '\0';

  for (guint i = 0; i < BP_HQ_N_FAULTS; i++)
    {
      if (g_strcmp0 (name, fault_info[i].name) != 0)
        continue;

      if (value_str != NULL && (!fault_info[i].has_value || !parse_uint (value_str, &value)))
        {
          g_set_error (error, BP_HQ_ERROR, BP_HQ_ERROR_INVALID,
                       _ ("Fault “%s”: this value is not allowed here."), spec);
          return FALSE;
        }
      if (value_str == NULL)
        value = fault_info[i].default_value;

      self->switches[i].set = TRUE;
      self->switches[i].value = value;
      self->switches[i].remaining = count > 0 ? (gint) count : -1;
      return TRUE;
    }

  g_set_error (error, BP_HQ_ERROR, BP_HQ_ERROR_INVALID,
               _ ("Unknown fault “%s” (known: drop-after-commit, 503, captive-portal, slow, partial, conflict)."),
               spec);
  return FALSE;
}

void
bp_hq_faults_clear (BpHqFaults *self)
{
  g_return_if_fail (self != NULL);

  memset (self->switches, 0, sizeof self->switches);
}

/* Whether @fault is on, without using up one of its counted requests. */
gboolean
bp_hq_faults_is_set (BpHqFaults *self,
                     BpHqFault fault)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (fault < BP_HQ_N_FAULTS, FALSE);

  return self->switches[fault].set;
}

/**
 * bp_hq_faults_take:
 * @self: the fault switches
 * @fault: the switch to use
 * @value: (out) (optional): its value
 *
 * Uses the fault on one request: counts it down, and turns it off after
 * its last counted request.
 *
 * Returns: %TRUE if the fault applies to this request
 */
gboolean
bp_hq_faults_take (BpHqFaults *self,
                   BpHqFault fault,
                   guint *value)
{
  Switch *sw;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (fault < BP_HQ_N_FAULTS, FALSE);

  sw = &self->switches[fault];
  if (!sw->set)
    return FALSE;

  if (value != NULL)
    *value = sw->value;
  if (sw->remaining > 0 && --sw->remaining == 0)
    sw->set = FALSE;

  return TRUE;
}

/* The switches that are on, as {"name": {"value": V, "remaining": N|null}}. */
JsonNode *
bp_hq_faults_to_json (BpHqFaults *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  for (guint i = 0; i < BP_HQ_N_FAULTS; i++)
    {
      if (!self->switches[i].set)
        continue;
      json_builder_set_member_name (builder, fault_info[i].name);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "value");
      json_builder_add_int_value (builder, self->switches[i].value);
      json_builder_set_member_name (builder, "remaining");
      if (self->switches[i].remaining > 0)
        json_builder_add_int_value (builder, self->switches[i].remaining);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
