/* bp-inspection.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-inspection"

#include "config.h"

#include "bp-inspection.h"

struct _BpInspection
{
  GObject parent_instance;

  BpCheckPolicy policy;
  char *booth_id;
  char *officer_id;
  BpDirection direction;

  BpMrz *mrz;
  GListStore *checks;
  BpVerdict overall;
  BpRecommendation recommendation;
  GBytes *photo;
};

G_DEFINE_FINAL_TYPE (BpInspection, bp_inspection, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_MRZ,
  PROP_CHECKS,
  PROP_OVERALL,
  PROP_PHOTO,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
bp_inspection_dispose (GObject *object)
{
  BpInspection *self = (BpInspection *) object;

  g_clear_object (&self->checks);

  G_OBJECT_CLASS (bp_inspection_parent_class)->dispose (object);
}

static void
bp_inspection_finalize (GObject *object)
{
  BpInspection *self = (BpInspection *) object;

  g_clear_pointer (&self->mrz, bp_mrz_unref);
  g_clear_pointer (&self->photo, g_bytes_unref);
  g_free (self->booth_id);
  g_free (self->officer_id);

  G_OBJECT_CLASS (bp_inspection_parent_class)->finalize (object);
}

static void
bp_inspection_get_property (GObject *object,
                            guint prop_id,
                            GValue *value,
                            GParamSpec *pspec)
{
  BpInspection *self = BP_INSPECTION (object);

  switch (prop_id)
    {
    case PROP_MRZ:
      g_value_set_boxed (value, self->mrz);
      break;

    case PROP_CHECKS:
      g_value_set_object (value, self->checks);
      break;

    case PROP_OVERALL:
      g_value_set_int (value, self->overall);
      break;

    case PROP_PHOTO:
      g_value_set_boxed (value, self->photo);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_inspection_class_init (BpInspectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bp_inspection_dispose;
  object_class->finalize = bp_inspection_finalize;
  object_class->get_property = bp_inspection_get_property;

  properties[PROP_MRZ] = g_param_spec_boxed ("mrz", NULL, NULL, BP_TYPE_MRZ,
                                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHECKS] = g_param_spec_object ("checks", NULL, NULL, G_TYPE_LIST_MODEL,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_OVERALL] = g_param_spec_int ("overall", NULL, NULL, BP_VERDICT_NOT_APPLICABLE, BP_VERDICT_FAILED,
                                               BP_VERDICT_NOT_APPLICABLE,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHOTO] = g_param_spec_boxed ("photo", NULL, NULL, G_TYPE_BYTES,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bp_inspection_init (BpInspection *self)
{
  self->policy = BP_CHECK_POLICY_DEFAULT;
  self->checks = g_list_store_new (BP_TYPE_CHECK);
  self->overall = BP_VERDICT_NOT_APPLICABLE;
  self->recommendation.decision = BP_DECISION_NONE;
  self->booth_id = g_strdup ("");
  self->officer_id = g_strdup ("");
}

BpInspection *
bp_inspection_new (void)
{
  return g_object_new (BP_TYPE_INSPECTION, NULL);
}

void
bp_inspection_set_policy (BpInspection *self,
                          const BpCheckPolicy *policy)
{
  g_return_if_fail (BP_IS_INSPECTION (self));
  g_return_if_fail (policy != NULL);

  self->policy = *policy;
}

void
bp_inspection_set_booth (BpInspection *self,
                         const char *booth_id,
                         const char *officer_id,
                         BpDirection direction)
{
  g_return_if_fail (BP_IS_INSPECTION (self));

  g_free (self->booth_id);
  self->booth_id = g_strdup (booth_id ? booth_id : "");
  g_free (self->officer_id);
  self->officer_id = g_strdup (officer_id ? officer_id : "");
  self->direction = direction;
}

void
bp_inspection_reset (BpInspection *self)
{
  g_return_if_fail (BP_IS_INSPECTION (self));

  g_clear_pointer (&self->mrz, bp_mrz_unref);
  g_clear_pointer (&self->photo, g_bytes_unref);
  g_list_store_remove_all (self->checks);
  self->overall = BP_VERDICT_NOT_APPLICABLE;
  self->recommendation = (BpRecommendation){ BP_DECISION_NONE, NULL, NULL };

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MRZ]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERALL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHOTO]);
}

void
bp_inspection_set_mrz (BpInspection *self,
                       BpMrz *mrz,
                       GDateTime *today)
{
  g_autoptr (GListModel) checks = NULL;
  guint n;

  g_return_if_fail (BP_IS_INSPECTION (self));
  g_return_if_fail (mrz != NULL);
  g_return_if_fail (today != NULL);

  g_clear_pointer (&self->mrz, bp_mrz_unref);
  self->mrz = bp_mrz_ref (mrz);

  checks = bp_checks_run_mrz (mrz, today, &self->policy);
  n = g_list_model_get_n_items (checks);
  g_list_store_remove_all (self->checks);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) check = g_list_model_get_item (checks, i);
      g_list_store_append (self->checks, check);
    }

  self->overall = bp_checks_get_overall (checks);
  self->recommendation = bp_decision_recommend (checks);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MRZ]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERALL]);
}

static void
recompute (BpInspection *self)
{
  BpVerdict overall = bp_checks_get_overall (G_LIST_MODEL (self->checks));

  self->recommendation = bp_decision_recommend (G_LIST_MODEL (self->checks));
  if (overall != self->overall)
    {
      self->overall = overall;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERALL]);
    }
}

/**
 * bp_inspection_put_check:
 * @self: a #BpInspection
 * @check: the result of a check that ran after the MRZ (chip, alert lists, …)
 *
 * Replaces the check with the same id, or adds it at the end, and
 * recomputes the overall verdict and the recommendation. Checks made for
 * an earlier traveller must not be put: callers cancel their work on reset.
 */
void
bp_inspection_put_check (BpInspection *self,
                         BpCheck *check)
{
  guint n;

  g_return_if_fail (BP_IS_INSPECTION (self));
  g_return_if_fail (BP_IS_CHECK (check));
  g_return_if_fail (self->mrz != NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->checks));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (BpCheck) old = g_list_model_get_item (G_LIST_MODEL (self->checks), i);

      if (g_strcmp0 (bp_check_get_id (old), bp_check_get_id (check)) == 0)
        {
          g_list_store_splice (self->checks, i, 1, (gpointer *) &check, 1);
          recompute (self);
          return;
        }
    }

  g_list_store_append (self->checks, check);
  recompute (self);
}

BpMrz *
bp_inspection_get_mrz (BpInspection *self)
{
  g_return_val_if_fail (BP_IS_INSPECTION (self), NULL);
  return self->mrz;
}

GListModel *
bp_inspection_get_checks (BpInspection *self)
{
  g_return_val_if_fail (BP_IS_INSPECTION (self), NULL);
  return G_LIST_MODEL (self->checks);
}

BpVerdict
bp_inspection_get_overall (BpInspection *self)
{
  g_return_val_if_fail (BP_IS_INSPECTION (self), BP_VERDICT_NOT_APPLICABLE);
  return self->overall;
}

BpRecommendation
bp_inspection_get_recommendation (BpInspection *self)
{
  BpRecommendation none = { BP_DECISION_NONE, NULL, NULL };

  g_return_val_if_fail (BP_IS_INSPECTION (self), none);
  return self->recommendation;
}

void
bp_inspection_set_photo (BpInspection *self,
                         GBytes *jpeg)
{
  g_return_if_fail (BP_IS_INSPECTION (self));

  if (self->photo == jpeg)
    return;

  g_clear_pointer (&self->photo, g_bytes_unref);
  self->photo = jpeg ? g_bytes_ref (jpeg) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHOTO]);
}

GBytes *
bp_inspection_get_photo (BpInspection *self)
{
  g_return_val_if_fail (BP_IS_INSPECTION (self), NULL);
  return self->photo;
}

BpCrossing *
bp_inspection_build_crossing (BpInspection *self,
                              BpDecision decision,
                              const char *const *reasons,
                              const char *note)
{
  g_autoptr (BpCrossing) crossing = NULL;
  g_autofree char *checks_json = NULL;

  g_return_val_if_fail (BP_IS_INSPECTION (self), NULL);
  g_return_val_if_fail (self->mrz != NULL, NULL);
  g_return_val_if_fail (decision != BP_DECISION_NONE, NULL);

  crossing = bp_crossing_new ();
  bp_crossing_set_booth_id (crossing, self->booth_id);
  bp_crossing_set_officer_id (crossing, self->officer_id);
  bp_crossing_set_direction (crossing, self->direction);
  bp_crossing_set_from_mrz (crossing, self->mrz);

  checks_json = bp_checks_to_json (G_LIST_MODEL (self->checks));
  bp_crossing_set_checks_json (crossing, checks_json);
  bp_crossing_set_decision (crossing, decision);
  bp_crossing_set_reasons (crossing, reasons);
  bp_crossing_set_note (crossing, note);
  bp_crossing_set_photo (crossing, self->photo);

  return g_steal_pointer (&crossing);
}
