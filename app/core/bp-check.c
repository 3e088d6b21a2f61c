/* bp-check.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-check"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bp-check.h"

struct _BpCheck
{
  GObject parent_instance;

  char *id;
  char *title;
  BpVerdict verdict;
  char *message;
  JsonObject *evidence;
};

G_DEFINE_FINAL_TYPE (BpCheck, bp_check, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_VERDICT,
  PROP_MESSAGE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
bp_check_finalize (GObject *object)
{
  BpCheck *self = (BpCheck *) object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->message);
  g_clear_pointer (&self->evidence, json_object_unref);

  G_OBJECT_CLASS (bp_check_parent_class)->finalize (object);
}

static void
bp_check_get_property (GObject *object,
                       guint prop_id,
                       GValue *value,
                       GParamSpec *pspec)
{
  BpCheck *self = BP_CHECK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_VERDICT:
      g_value_set_int (value, self->verdict);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_check_class_init (BpCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bp_check_finalize;
  object_class->get_property = bp_check_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERDICT] = g_param_spec_int ("verdict", NULL, NULL,
                                               BP_VERDICT_NOT_APPLICABLE, BP_VERDICT_FAILED, BP_VERDICT_NOT_PERFORMED,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bp_check_init (BpCheck *self)
{
}

BpCheck *
bp_check_new (const char *id,
              const char *title,
              BpVerdict verdict,
              const char *message)
{
  BpCheck *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (BP_TYPE_CHECK, NULL);
  self->id = g_strdup (id);
  self->title = g_strdup (title);
  self->verdict = verdict;
  self->message = g_strdup (message ? message : "");

  return self;
}

const char *
bp_check_get_id (BpCheck *self)
{
  g_return_val_if_fail (BP_IS_CHECK (self), NULL);
  return self->id;
}

const char *
bp_check_get_title (BpCheck *self)
{
  g_return_val_if_fail (BP_IS_CHECK (self), NULL);
  return self->title;
}

BpVerdict
bp_check_get_verdict (BpCheck *self)
{
  g_return_val_if_fail (BP_IS_CHECK (self), BP_VERDICT_NOT_PERFORMED);
  return self->verdict;
}

const char *
bp_check_get_message (BpCheck *self)
{
  g_return_val_if_fail (BP_IS_CHECK (self), NULL);
  return self->message;
}

/**
 * bp_check_new_with_evidence:
 * @evidence: (nullable): what the verdict rests on
 *
 * Returns: (transfer full): a new check holding a reference to @evidence
 */
BpCheck *
bp_check_new_with_evidence (const char *id,
                            const char *title,
                            BpVerdict verdict,
                            const char *message,
                            JsonObject *evidence)
{
  BpCheck *self = bp_check_new (id, title, verdict, message);

  if (evidence != NULL)
    self->evidence = json_object_ref (evidence);
  return self;
}

JsonObject *
bp_check_get_evidence (BpCheck *self)
{
  g_return_val_if_fail (BP_IS_CHECK (self), NULL);
  return self->evidence;
}

const char *
bp_verdict_to_string (BpVerdict verdict)
{
  switch (verdict)
    {
    case BP_VERDICT_NOT_APPLICABLE:
      return "not-applicable";
    case BP_VERDICT_PASSED:
      return "passed";
    case BP_VERDICT_NOT_PERFORMED:
      return "not-performed";
    case BP_VERDICT_WARNING:
      return "warning";
    case BP_VERDICT_FAILED:
      return "failed";
    default:
      g_return_val_if_reached ("not-performed");
    }
}

/* Words shown beside the colour, so that a verdict never depends on colour alone. */
const char *
bp_verdict_get_label (BpVerdict verdict)
{
  switch (verdict)
    {
    case BP_VERDICT_NOT_APPLICABLE:
      return C_ ("verdict", "Not applicable");
    case BP_VERDICT_PASSED:
      return C_ ("verdict", "Passed");
    case BP_VERDICT_NOT_PERFORMED:
      return C_ ("verdict", "Not performed");
    case BP_VERDICT_WARNING:
      return C_ ("verdict", "Attention");
    case BP_VERDICT_FAILED:
      return C_ ("verdict", "Failed");
    default:
      g_return_val_if_reached (NULL);
    }
}
