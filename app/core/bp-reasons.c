/* bp-reasons.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-reasons"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bp-reasons.h"

#define REASONS_RESOURCE RESOURCE_BASE "/core/reason-codes.xml"

struct _BpReason
{
  GObject parent_instance;

  char *code;
  BpDecision decision;
  char *label;
};

G_DEFINE_FINAL_TYPE (BpReason, bp_reason, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CODE,
  PROP_DECISION,
  PROP_LABEL,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
bp_reason_finalize (GObject *object)
{
  BpReason *self = (BpReason *) object;

  g_free (self->code);
  g_free (self->label);

  G_OBJECT_CLASS (bp_reason_parent_class)->finalize (object);
}

static void
bp_reason_get_property (GObject *object,
                        guint prop_id,
                        GValue *value,
                        GParamSpec *pspec)
{
  BpReason *self = BP_REASON (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;

    case PROP_DECISION:
      g_value_set_int (value, self->decision);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_reason_class_init (BpReasonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bp_reason_finalize;
  object_class->get_property = bp_reason_get_property;

  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DECISION] = g_param_spec_int ("decision", NULL, NULL, BP_DECISION_NONE, BP_DECISION_REFUSE,
                                                BP_DECISION_NONE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bp_reason_init (BpReason *self)
{
}

const char *
bp_reason_get_code (BpReason *self)
{
  g_return_val_if_fail (BP_IS_REASON (self), NULL);
  return self->code;
}

BpDecision
bp_reason_get_decision (BpReason *self)
{
  g_return_val_if_fail (BP_IS_REASON (self), BP_DECISION_NONE);
  return self->decision;
}

const char *
bp_reason_get_label (BpReason *self)
{
  g_return_val_if_fail (BP_IS_REASON (self), NULL);
  return self->label;
}

typedef struct
{
  GListStore *store;
  BpReason *current;
  gboolean in_label;
  GString *text;
} ParseState;

static void
start_element_cb (GMarkupParseContext *context,
                  const char *element_name,
                  const char **attribute_names,
                  const char **attribute_values,
                  gpointer user_data,
                  GError **error)
{
  ParseState *state = user_data;

  if (g_str_equal (element_name, "reason"))
    {
      const char *code = NULL;
      const char *decision = NULL;

      if (!g_markup_collect_attributes (element_name, attribute_names, attribute_values, error,
                                        G_MARKUP_COLLECT_STRING, "code", &code,
                                        G_MARKUP_COLLECT_STRING, "decision", &decision,
                                        G_MARKUP_COLLECT_INVALID))
        return;

      state->current = g_object_new (BP_TYPE_REASON, NULL);
      state->current->code = g_strdup (code);
      state->current->decision = bp_decision_from_string (decision);
      if (state->current->decision == BP_DECISION_NONE)
        g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                     "Reason %s has an unknown decision “%s”", code, decision);
    }
  else if (g_str_equal (element_name, "label") && state->current != NULL)
    {
      state->in_label = TRUE;
      g_string_truncate (state->text, 0);
    }
}

static void
end_element_cb (GMarkupParseContext *context,
                const char *element_name,
                gpointer user_data,
                GError **error)
{
  ParseState *state = user_data;

  if (g_str_equal (element_name, "label") && state->current != NULL)
    {
      g_autofree char *msgid = g_strstrip (g_strdup (state->text->str));

      state->in_label = FALSE;
      state->current->label = g_strdup (g_dgettext (GETTEXT_PACKAGE, msgid));
    }
  else if (g_str_equal (element_name, "reason") && state->current != NULL)
    {
      if (state->current->label == NULL)
        state->current->label = g_strdup (state->current->code);
      g_list_store_append (state->store, state->current);
      g_clear_object (&state->current);
    }
}

static void
text_cb (GMarkupParseContext *context,
         const char *text,
         gsize text_len,
         gpointer user_data,
         GError **error)
{
  ParseState *state = user_data;

  if (state->in_label)
    g_string_append_len (state->text, text, text_len);
}

static GListStore *
load_reasons (void)
{
  static const GMarkupParser parser = {
    start_element_cb,
    end_element_cb,
    text_cb,
    NULL,
    NULL,
  };
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GMarkupParseContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  GListStore *store = g_list_store_new (BP_TYPE_REASON);
  ParseState state = { store, NULL, FALSE, text };
  gconstpointer data;
  gsize size;

  /* The list is compiled into the program, so failing to read it is a
   * build defect, not something a booth can run into. */
  bytes = g_resources_lookup_data (REASONS_RESOURCE, 0, &error);
  if (bytes == NULL)
    g_error ("Reason codes missing from the build: %s", error->message);

  data = g_bytes_get_data (bytes, &size);
  context = g_markup_parse_context_new (&parser, 0, &state, NULL);
  if (!g_markup_parse_context_parse (context, data, size, &error) || !g_markup_parse_context_end_parse (context, &error))
    g_error ("Reason codes are malformed: %s", error->message);

  g_clear_object (&state.current);
  return store;
}

GListModel *
bp_reasons_get_all (void)
{
  static gsize loaded;
  static GListStore *all;

  if (g_once_init_enter (&loaded))
    {
      all = load_reasons ();
      g_once_init_leave (&loaded, 1);
    }

  return G_LIST_MODEL (all);
}

GListModel *
bp_reasons_for_decision (BpDecision decision)
{
  static GListStore *by_decision[BP_DECISION_REFUSE + 1];
  static GMutex lock;
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (decision > BP_DECISION_NONE && decision <= BP_DECISION_REFUSE, NULL);

  locker = g_mutex_locker_new (&lock);
  if (by_decision[decision] == NULL)
    {
      GListModel *all = bp_reasons_get_all ();
      guint n = g_list_model_get_n_items (all);

      by_decision[decision] = g_list_store_new (BP_TYPE_REASON);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (BpReason) reason = g_list_model_get_item (all, i);

          if (reason->decision == decision)
            g_list_store_append (by_decision[decision], reason);
        }
    }

  return G_LIST_MODEL (by_decision[decision]);
}

BpReason *
bp_reasons_lookup (const char *code)
{
  GListModel *all = bp_reasons_get_all ();
  guint n = g_list_model_get_n_items (all);

  g_return_val_if_fail (code != NULL, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (BpReason) reason = g_list_model_get_item (all, i);

      if (g_strcmp0 (reason->code, code) == 0)
        return reason;
    }

  return NULL;
}
