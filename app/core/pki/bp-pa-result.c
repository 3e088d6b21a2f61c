/* bp-pa-result.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-pa-result"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bp-pa-result.h"

typedef struct
{
  char *id;
  char *title;
  BpVerdict verdict;
  gboolean required;
  char *reason;
  JsonObject *evidence;
} Item;

struct _BpPaResult
{
  GObject parent_instance;

  GArray *items;
  BpDocumentVerdict verdict;
  char *reason;
};

G_DEFINE_FINAL_TYPE (BpPaResult, bp_pa_result, G_TYPE_OBJECT)

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_free (item->id);
  g_free (item->title);
  g_free (item->reason);
  g_clear_pointer (&item->evidence, json_object_unref);
}

static void
bp_pa_result_finalize (GObject *object)
{
  BpPaResult *self = (BpPaResult *) object;

  g_array_unref (self->items);
  g_free (self->reason);

  G_OBJECT_CLASS (bp_pa_result_parent_class)->finalize (object);
}

static void
bp_pa_result_class_init (BpPaResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bp_pa_result_finalize;
}

static void
bp_pa_result_init (BpPaResult *self)
{
  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, item_clear);
  self->verdict = BP_DOCUMENT_DOUBTFUL;
}

BpPaResult *
_bp_pa_result_new (void)
{
  return g_object_new (BP_TYPE_PA_RESULT, NULL);
}

void
_bp_pa_result_add (BpPaResult *self,
                   const char *id,
                   const char *title,
                   BpVerdict verdict,
                   gboolean required,
                   JsonObject *evidence,
                   const char *reason)
{
  Item item = {
    .id = g_strdup (id),
    .title = g_strdup (title),
    .verdict = verdict,
    .required = required,
    .reason = g_strdup (reason),
    .evidence = evidence ? evidence : json_object_new (),
  };

  g_array_append_val (self->items, item);
}

static void
set_reason (BpPaResult *self,
            const char *reason)
{
  g_free (self->reason);
  self->reason = g_strdup (reason);
}

void
_bp_pa_result_finish (BpPaResult *self)
{
  const Item *failed = NULL;
  const Item *doubtful = NULL;
  gboolean any_group = FALSE;

  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);

      if (item->verdict == BP_VERDICT_FAILED && failed == NULL)
        failed = item;
      if (item->required && doubtful == NULL && (item->verdict == BP_VERDICT_NOT_PERFORMED || item->verdict == BP_VERDICT_WARNING))
        doubtful = item;
      if (g_str_has_prefix (item->id, "dg") && g_ascii_isdigit (item->id[2]) && item->verdict == BP_VERDICT_PASSED)
        any_group = TRUE;
    }

  if (failed != NULL)
    {
      self->verdict = BP_DOCUMENT_FAILED;
      set_reason (self, failed->reason);
    }
  else if (doubtful != NULL)
    {
      self->verdict = BP_DOCUMENT_DOUBTFUL;
      set_reason (self, doubtful->reason);
    }
  else if (!any_group)
    {
      self->verdict = BP_DOCUMENT_DOUBTFUL;
      set_reason (self, _ ("No data group read from the chip could be checked against the security object."));
    }
  else
    {
      self->verdict = BP_DOCUMENT_GENUINE;
      set_reason (self, _ ("The chip data is signed by the issuing state and unchanged."));
    }
}

/**
 * bp_pa_result_get_verdict:
 * @self: a result
 *
 * Returns: the document verdict
 */
BpDocumentVerdict
bp_pa_result_get_verdict (BpPaResult *self)
{
  g_return_val_if_fail (BP_IS_PA_RESULT (self), BP_DOCUMENT_FAILED);

  return self->verdict;
}

/**
 * bp_pa_result_get_reason:
 * @self: a result
 *
 * Returns: the reason for the document verdict, in plain words
 */
const char *
bp_pa_result_get_reason (BpPaResult *self)
{
  g_return_val_if_fail (BP_IS_PA_RESULT (self), NULL);

  return self->reason;
}

/**
 * bp_pa_result_get_n_checks:
 * @self: a result
 *
 * Returns: the number of checks
 */
guint
bp_pa_result_get_n_checks (BpPaResult *self)
{
  g_return_val_if_fail (BP_IS_PA_RESULT (self), 0);

  return self->items->len;
}

/**
 * bp_pa_result_lookup:
 * @self: a result
 * @id: a check id such as "ds-chain" or "dg14"
 * @verdict: (out) (optional): its verdict
 * @reason: (out) (optional) (transfer none): its reason
 * @evidence: (out) (optional) (transfer none): its evidence
 *
 * Returns: %TRUE when the result has that check
 */
gboolean
bp_pa_result_lookup (BpPaResult *self,
                     const char *id,
                     BpVerdict *verdict,
                     const char **reason,
                     JsonObject **evidence)
{
  g_return_val_if_fail (BP_IS_PA_RESULT (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);

      if (!g_str_equal (item->id, id))
        continue;
      if (verdict)
        *verdict = item->verdict;
      if (reason)
        *reason = item->reason;
      if (evidence)
        *evidence = item->evidence;
      return TRUE;
    }
  return FALSE;
}

/**
 * bp_pa_result_is_required:
 * @self: a result
 * @id: a check id such as "ds-chain"
 *
 * Returns: whether the document cannot be genuine without that check
 *   passing (a required check that could not be made needs the officer's
 *   attention too)
 */
gboolean
bp_pa_result_is_required (BpPaResult *self,
                          const char *id)
{
  g_return_val_if_fail (BP_IS_PA_RESULT (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);

      if (g_str_equal (item->id, id))
        return item->required;
    }
  return FALSE;
}

/**
 * bp_pa_result_dup_checks:
 * @self: a result
 *
 * Returns: (transfer full): a list of #BpCheck, one per check, in order,
 *   each with its evidence; ids are prefixed "pa-" ("pa-ds-chain")
 */
GListModel *
bp_pa_result_dup_checks (BpPaResult *self)
{
  GListStore *store;

  g_return_val_if_fail (BP_IS_PA_RESULT (self), NULL);

  store = g_list_store_new (BP_TYPE_CHECK);
  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);
      g_autofree char *id = g_strconcat ("pa-", item->id, NULL);
      g_autoptr (BpCheck) check = bp_check_new_with_evidence (id, item->title, item->verdict, item->reason,
                                                              item->evidence);

      g_list_store_append (store, check);
    }
  return G_LIST_MODEL (store);
}

/**
 * bp_pa_result_to_json_node:
 * @self: a result
 *
 * Returns: (transfer full): `{"verdict", "reason", "checks": [{"id",
 *   "title", "verdict", "required", "reason", "evidence"}]}`
 */
JsonNode *
bp_pa_result_to_json_node (BpPaResult *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (BP_IS_PA_RESULT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "verdict");
  json_builder_add_string_value (builder, bp_document_verdict_to_string (self->verdict));
  json_builder_set_member_name (builder, "reason");
  json_builder_add_string_value (builder, self->reason);
  json_builder_set_member_name (builder, "checks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);
      JsonNode *evidence = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (evidence, item->evidence);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, item->id);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, item->title);
      json_builder_set_member_name (builder, "verdict");
      json_builder_add_string_value (builder, bp_verdict_to_string (item->verdict));
      json_builder_set_member_name (builder, "required");
      json_builder_add_boolean_value (builder, item->required);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, item->reason);
      json_builder_set_member_name (builder, "evidence");
      json_builder_add_value (builder, evidence);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * bp_pa_result_to_json:
 * @self: a result
 *
 * Returns: (transfer full): the result as pretty-printed JSON
 */
char *
bp_pa_result_to_json (BpPaResult *self)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonGenerator) generator = json_generator_new ();

  g_return_val_if_fail (BP_IS_PA_RESULT (self), NULL);

  node = bp_pa_result_to_json_node (self);
  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, NULL);
}

/**
 * bp_document_verdict_to_string:
 * @verdict: a verdict
 *
 * Returns: "genuine", "doubtful" or "failed"
 */
const char *
bp_document_verdict_to_string (BpDocumentVerdict verdict)
{
  switch (verdict)
    {
    case BP_DOCUMENT_GENUINE:
      return "genuine";
    case BP_DOCUMENT_DOUBTFUL:
      return "doubtful";
    case BP_DOCUMENT_FAILED:
    default:
      return "failed";
    }
}

/**
 * bp_document_verdict_to_verdict:
 * @verdict: a document verdict
 *
 * Returns: the verdict of a check that stands for it: genuine passed,
 *   doubtful a warning, failed failed
 */
BpVerdict
bp_document_verdict_to_verdict (BpDocumentVerdict verdict)
{
  switch (verdict)
    {
    case BP_DOCUMENT_GENUINE:
      return BP_VERDICT_PASSED;
    case BP_DOCUMENT_DOUBTFUL:
      return BP_VERDICT_WARNING;
    case BP_DOCUMENT_FAILED:
    default:
      return BP_VERDICT_FAILED;
    }
}

/**
 * bp_document_verdict_get_label:
 * @verdict: a verdict
 *
 * Returns: the verdict in plain words, translated
 */
const char *
bp_document_verdict_get_label (BpDocumentVerdict verdict)
{
  switch (verdict)
    {
    case BP_DOCUMENT_GENUINE:
      return _ ("Chip data genuine");
    case BP_DOCUMENT_DOUBTFUL:
      return _ ("Chip data not fully verified");
    case BP_DOCUMENT_FAILED:
    default:
      return _ ("Chip data failed verification");
    }
}
