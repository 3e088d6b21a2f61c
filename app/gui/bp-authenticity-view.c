/* bp-authenticity-view.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-authenticity-view"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-authenticity-view.h"
#include "bp-check-guidance.h"
#include "bp-ui-util.h"

struct _BpAuthenticityView
{
  AdwBin parent_instance;

  GtkListBox *list;

  BpChipInspection *chip;
  GSignalGroup *signals;
  BpPaResult *shown; /* the result the rows were made from */
  GHashTable *rows;  /* check id → row, owned by the list */
};

G_DEFINE_FINAL_TYPE (BpAuthenticityView, bp_authenticity_view, ADW_TYPE_BIN)

/* The evidence's members, in words; others are shown by their name. */
static const struct
{
  const char *member;
  const char *label;
} evidence_labels[] = {
  { "expected_hash", N_ ("Hash signed by the issuer") },
  { "actual_hash", N_ ("Hash of the data read") },
  { "hash_algorithm", N_ ("Hash algorithm") },
  { "length", N_ ("Size in bytes") },
  { "ds_subject", N_ ("Document Signer") },
  { "ds_issuer", N_ ("Document Signer’s issuer") },
  { "ds_serial", N_ ("Document Signer serial number") },
  { "ds_not_before", N_ ("Document Signer valid from") },
  { "ds_not_after", N_ ("Document Signer valid until") },
  { "ds_source", N_ ("Source of the Document Signer certificate") },
  { "csca_subject", N_ ("CSCA") },
  { "csca_issuer", N_ ("CSCA’s issuer") },
  { "csca_serial", N_ ("CSCA serial number") },
  { "csca_not_before", N_ ("CSCA valid from") },
  { "csca_not_after", N_ ("CSCA valid until") },
  { "cscas_with_issuer_name", N_ ("CSCAs with the issuer’s name") },
  { "signing_time", N_ ("Signed on") },
  { "verified_at", N_ ("Chain verified at") },
  { "verified_at_source", N_ ("Source of the verification time") },
  { "digest_algorithm", N_ ("Digest algorithm") },
  { "signature_algorithm", N_ ("Signature algorithm") },
  { "key_type", N_ ("Key type") },
  { "key_bits", N_ ("Key size in bits") },
  { "curve", N_ ("Curve") },
  { "content_type", N_ ("Content type") },
  { "lds_object_version", N_ ("Security object version") },
  { "lds_version", N_ ("LDS version") },
  { "unicode_version", N_ ("Unicode version") },
  { "crl_number", N_ ("Revocation list number") },
  { "crl_this_update", N_ ("Revocation list issued") },
  { "crl_next_update", N_ ("Next revocation list due") },
  { "crl_expired", N_ ("Revocation list expired") },
  { "revoked_at", N_ ("Revoked on") },
  { "document_issuing_state", N_ ("Issuing state of the document") },
  { "csca_country", N_ ("Country of the CSCA") },
  { "printed", N_ ("Printed MRZ") },
  { "chip", N_ ("Chip MRZ") },
  { "openssl_error", N_ ("Technical detail") },
  { "mechanism", N_ ("Proven by") },
  { "protocol", N_ ("Protocol") },
  { "challenge", N_ ("Challenge sent") },
  { "key_proven_by_signature", N_ ("Key proven by the document signature") },
};

/* The few evidence values that are names rather than data. */
static const struct
{
  const char *member;
  const char *value;
  const char *label;
} evidence_values[] = {
  { "ds_source", "embedded", N_ ("The security object") },
  { "ds_source", "trust-store", N_ ("The trust store") },
  { "verified_at_source", "signing-time", N_ ("The signing time in the security object") },
  { "verified_at_source", "ds-not-after", N_ ("The signer’s last valid day (no signing time)") },
  { "verified_at_source", "now", N_ ("Now (no signing time)") },
  { "mechanism", "chip-authentication", N_ ("Chip Authentication") },
  { "mechanism", "pace-cam", N_ ("PACE with Chip Authentication Mapping") },
  { "mechanism", "chip-authentication+pace-cam", N_ ("PACE-CAM, then Chip Authentication") },
};

static const char *
evidence_label (const char *member)
{
  for (guint i = 0; i < G_N_ELEMENTS (evidence_labels); i++)
    if (g_str_equal (evidence_labels[i].member, member))
      return _ (evidence_labels[i].label);
  return member;
}

/* Times as "2024-01-01 00:00:00 UTC", easier to read than ISO 8601. */
static char *
format_string_value (const char *member,
                     const char *value)
{
  g_autoptr (GDateTime) time = NULL;

  if (*value == '\0')
    return g_strdup ("—");
  for (guint i = 0; i < G_N_ELEMENTS (evidence_values); i++)
    if (g_str_equal (evidence_values[i].member, member) && g_str_equal (evidence_values[i].value, value))
      return g_strdup (_ (evidence_values[i].label));
  if (g_str_has_suffix (value, "Z") && (time = g_date_time_new_from_iso8601 (value, NULL)) != NULL)
    /* Translators: a certificate or signing time, in UTC; see g_date_time_format(). */
    return g_date_time_format (time, _ ("%Y-%m-%d %H:%M:%S UTC"));
  return g_strdup (value);
}

static char *
evidence_value (const char *member,
                JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("—");
  if (JSON_NODE_HOLDS_VALUE (node))
    switch (json_node_get_value_type (node))
      {
      case G_TYPE_BOOLEAN:
        return g_strdup (json_node_get_boolean (node) ? _ ("Yes") : _ ("No"));
      case G_TYPE_INT64:
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      case G_TYPE_STRING:
        return format_string_value (member, json_node_get_string (node));
      default:
        break;
      }
  return json_to_string (node, FALSE);
}

/* The evidence as captions and selectable values, so that IT staff can
 * copy a certificate subject or a hash. */
static GtkWidget *
evidence_grid_new (JsonObject *evidence)
{
  GtkWidget *grid = gtk_grid_new ();
  g_autoptr (GList) members = json_object_get_members (evidence);
  int row = 0;

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_add_css_class (grid, "evidence");

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *member = l->data;
      g_autofree char *value = evidence_value (member, json_object_get_member (evidence, member));
      GtkWidget *caption = gtk_label_new (evidence_label (member));
      GtkWidget *value_label = gtk_label_new (value);

      gtk_label_set_xalign (GTK_LABEL (caption), 0);
      gtk_label_set_yalign (GTK_LABEL (caption), 0);
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (value_label), 0);
      gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
      /* Else the popover focuses the first value and selects it all. */
      gtk_widget_set_focusable (value_label, FALSE);
      gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
      /* Wrapping labels ask for almost no width; a hash needs a line. */
      gtk_label_set_width_chars (GTK_LABEL (value_label), 32);
      gtk_label_set_max_width_chars (GTK_LABEL (value_label), 44);
      gtk_widget_set_hexpand (value_label, TRUE);
      if (g_str_has_suffix (member, "_hash"))
        {
          /* A hyphen where a hash wraps would read as part of it. */
          PangoAttrList *attrs = pango_attr_list_new ();

          pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
          gtk_label_set_attributes (GTK_LABEL (value_label), attrs);
          pango_attr_list_unref (attrs);
          gtk_widget_add_css_class (value_label, "monospace");
        }
      gtk_accessible_update_relation (GTK_ACCESSIBLE (value_label),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, caption, NULL, -1);
      gtk_grid_attach (GTK_GRID (grid), caption, 0, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), value_label, 1, row, 1, 1);
      row++;
    }

  return grid;
}

/* The guidance of a row shows the evidence under it too. */
static GtkWidget *
guidance_evidence_new (BpCheck *check)
{
  JsonObject *evidence = bp_check_get_evidence (check);

  return evidence != NULL && json_object_get_size (evidence) > 0 ? evidence_grid_new (evidence) : NULL;
}

/* A check the officer must see: failed, a warning, or a required check
 * that could not be made. */
static gboolean
needs_attention (BpVerdict verdict,
                 gboolean required)
{
  return verdict == BP_VERDICT_FAILED || verdict == BP_VERDICT_WARNING
         || (required && verdict == BP_VERDICT_NOT_PERFORMED);
}

static GtkWidget *
check_row_new (BpCheck *check,
               gboolean required,
               JsonObject *evidence)
{
  BpVerdict verdict = bp_check_get_verdict (check);
  GtkWidget *row = bp_check_row_new (check);

  if (evidence != NULL && json_object_get_size (evidence) > 0)
    {
      GtkWidget *button = gtk_menu_button_new ();
      GtkWidget *popover = gtk_popover_new ();

      gtk_popover_set_child (GTK_POPOVER (popover), evidence_grid_new (evidence));
      gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
      gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _ ("Evidence"));
      gtk_widget_set_tooltip_text (button, _ ("Certificates, hashes and dates behind this verdict"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  if (needs_attention (verdict, required))
    bp_check_row_offer_guidance (row, check, guidance_evidence_new);

  return row;
}

/* The document verdict, first and largest: genuine, doubtful or failed.
 * Data signed by the issuing state on a chip that could not prove it is
 * the original (@copy, a failed Chip or Active Authentication) is a
 * failure too: that is what a cloned chip looks like. */
static GtkWidget *
verdict_row_new (BpPaResult *result,
                 BpCheck *copy)
{
  BpVerdict verdict = bp_document_verdict_to_verdict (bp_pa_result_get_verdict (result));
  const char *title = bp_document_verdict_get_label (bp_pa_result_get_verdict (result));
  const char *subtitle = bp_pa_result_get_reason (result);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = NULL;
  GtkWidget *label = NULL;

  if (copy != NULL && verdict == BP_VERDICT_PASSED)
    {
      verdict = BP_VERDICT_FAILED;
      title = _ ("Chip may be a copy");
      subtitle = _ ("The data is signed by the issuing state, but the chip could not prove it is the "
                    "original. Refer to second line.");
    }
  icon = gtk_image_new_from_icon_name (bp_verdict_get_icon_name (verdict));
  label = gtk_label_new (bp_verdict_get_label (verdict));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 32);
  gtk_widget_add_css_class (icon, bp_verdict_get_style_class (verdict));
  gtk_widget_add_css_class (label, bp_verdict_get_style_class (verdict));
  gtk_widget_add_css_class (label, "verdict-label");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_widget_add_css_class (row, "authenticity-verdict");
  bp_widget_set_verdict_class (row, verdict);

  return row;
}

/* The analysis's checks that the chip is the original: Chip
 * Authentication (or PACE-CAM) and Active Authentication. */
static GPtrArray *
copy_checks (BpChipInspection *chip)
{
  BpChipAnalysis *analysis = chip ? bp_chip_inspection_get_analysis (chip) : NULL;
  GPtrArray *found = g_ptr_array_new ();
  GPtrArray *checks;

  if (analysis == NULL)
    return found;
  checks = bp_chip_analysis_get_checks (analysis);
  for (guint i = 0; i < checks->len; i++)
    {
      BpCheck *check = g_ptr_array_index (checks, i);

      if (bp_authenticity_view_shows_check (bp_check_get_id (check)) && !g_str_equal (bp_check_get_id (check), "authenticity"))
        g_ptr_array_add (found, check);
    }
  return found;
}

static void
clear_rows (BpAuthenticityView *self)
{
  GtkWidget *child;

  g_hash_table_remove_all (self->rows);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
}

static void
rebuild (BpAuthenticityView *self)
{
  g_autoptr (GListModel) checks = NULL;
  g_autoptr (GPtrArray) copies = NULL;
  BpCheck *copy = NULL;
  GtkWidget *others = NULL;
  guint n, n_others = 0, n_passed = 0;

  clear_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self), self->shown != NULL);
  if (self->shown == NULL)
    return;

  copies = copy_checks (self->chip);
  for (guint i = 0; i < copies->len; i++)
    if (bp_check_get_verdict (g_ptr_array_index (copies, i)) == BP_VERDICT_FAILED)
      copy = g_ptr_array_index (copies, i);
  gtk_list_box_append (self->list, verdict_row_new (self->shown, copy));

  /* Whether the chip is the original comes right under the verdict,
   * never folded away. */
  for (guint i = 0; i < copies->len; i++)
    {
      BpCheck *check = g_ptr_array_index (copies, i);
      GtkWidget *row = check_row_new (check, TRUE, bp_check_get_evidence (check));

      g_hash_table_insert (self->rows, g_strdup (bp_check_get_id (check)), row);
      gtk_list_box_append (self->list, row);
    }

  checks = bp_pa_result_dup_checks (self->shown);
  n = g_list_model_get_n_items (checks);

  /* Failed ones first and open; the rest folded into one row, so that a
   * genuine document takes two rows. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (BpCheck) check = g_list_model_get_item (checks, i);
      BpVerdict verdict = bp_check_get_verdict (check);
      gboolean required = bp_pa_result_is_required (self->shown, bp_check_get_id (check) + strlen ("pa-"));
      GtkWidget *row = check_row_new (check, required, bp_check_get_evidence (check));

      g_hash_table_insert (self->rows, g_strdup (bp_check_get_id (check)), row);
      if (needs_attention (verdict, required))
        {
          gtk_list_box_append (self->list, row);
          continue;
        }
      if (others == NULL)
        others = adw_expander_row_new ();
      adw_expander_row_add_row (ADW_EXPANDER_ROW (others), row);
      n_others++;
      if (verdict == BP_VERDICT_PASSED)
        n_passed++;
    }

  if (others != NULL)
    {
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      if (n_others == n)
        /* Translators: every check of the chip's signature, folded into one row. */
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u check", "%u checks", n), n);
      else
        /* Translators: the checks that need no attention, folded into one row. */
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u other check", "%u other checks", n_others),
                                 n_others);
      /* Translators: how many of the folded checks passed, and how many were not made. */
      subtitle = g_strdup_printf (_ ("Passed: %u · Not checked: %u"), n_passed, n_others - n_passed);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (others), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (others),
                                     n_passed == n_others ? _ ("All passed") : subtitle);
      gtk_list_box_append (self->list, others);
    }
}

static void
chip_notify_cb (BpAuthenticityView *self)
{
  BpPaResult *result = self->chip ? bp_chip_inspection_get_authenticity (self->chip) : NULL;

  /* Notifications come for every file read; rebuild on a new result only. */
  if (result == self->shown)
    return;
  g_set_object (&self->shown, result);
  rebuild (self);
}

static void
bp_authenticity_view_dispose (GObject *object)
{
  BpAuthenticityView *self = (BpAuthenticityView *) object;

  if (self->signals != NULL)
    g_signal_group_set_target (self->signals, NULL);
  g_clear_object (&self->signals);
  g_clear_object (&self->chip);
  g_clear_object (&self->shown);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_AUTHENTICITY_VIEW);

  G_OBJECT_CLASS (bp_authenticity_view_parent_class)->dispose (object);
}

static void
bp_authenticity_view_class_init (BpAuthenticityViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_authenticity_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bp-authenticity-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BpAuthenticityView, list);
}

static void
bp_authenticity_view_init (BpAuthenticityView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->signals = g_signal_group_new (BP_TYPE_CHIP_INSPECTION);
  g_signal_group_connect_swapped (self->signals, "notify::authenticity", G_CALLBACK (chip_notify_cb), self);
  g_signal_group_connect_swapped (self->signals, "notify::state", G_CALLBACK (chip_notify_cb), self);
}

void
bp_authenticity_view_set_chip (BpAuthenticityView *self,
                               BpChipInspection *chip)
{
  g_return_if_fail (BP_IS_AUTHENTICITY_VIEW (self));
  g_return_if_fail (chip == NULL || BP_IS_CHIP_INSPECTION (chip));

  if (!g_set_object (&self->chip, chip))
    return;

  g_signal_group_set_target (self->signals, chip);
  chip_notify_cb (self);
}

GtkWidget *
bp_authenticity_view_get_row (BpAuthenticityView *self,
                              const char *check_id)
{
  g_return_val_if_fail (BP_IS_AUTHENTICITY_VIEW (self), NULL);
  g_return_val_if_fail (check_id != NULL, NULL);

  return g_hash_table_lookup (self->rows, check_id);
}

/**
 * bp_authenticity_view_shows_check:
 * @check_id: an inspection check id
 *
 * Whether the view shows this check of the inspection (the document
 * signature, Chip and Active Authentication) once the chip has a result,
 * so that other lists can leave it out.
 */
gboolean
bp_authenticity_view_shows_check (const char *check_id)
{
  g_return_val_if_fail (check_id != NULL, FALSE);

  return g_str_equal (check_id, "authenticity") || g_str_equal (check_id, "chip-auth")
         || g_str_equal (check_id, "active-auth");
}
