/* bp-decide-page.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-decide-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-decide-page.h"
#include "bp-reasons.h"
#include "bp-ui-util.h"

#define OTHER_REASON "REF-OTHER"

struct _BpDecidePage
{
  AdwBin parent_instance;

  GtkPicture *photo_picture;
  GtkLabel *name_label;
  GtkLabel *document_label;
  GtkWidget *verdict_box;
  GtkImage *verdict_icon;
  GtkLabel *verdict_label;
  GtkToggleButton *admit_button;
  GtkToggleButton *refer_button;
  GtkToggleButton *refuse_button;
  GtkLabel *recommendation_label;
  GtkListBox *reasons_list;
  GtkEntry *note_entry;
  GtkLabel *problem_label;
  GtkSpinner *spinner;

  BpInspection *inspection;
  BpDecision decision;
  GHashTable *selected; /* reason codes chosen for the current decision */
  gboolean saving;
  char *store_error;
};

G_DEFINE_FINAL_TYPE (BpDecidePage, bp_decide_page, ADW_TYPE_BIN)

enum
{
  DECIDED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static gboolean
note_is_blank (BpDecidePage *self)
{
  for (const char *p = gtk_editable_get_text (GTK_EDITABLE (self->note_entry)); *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Why the crossing cannot be recorded yet, in words; NULL when it can. */
static const char *
get_problem (BpDecidePage *self)
{
  if (self->store_error != NULL)
    return self->store_error;
  if (self->inspection == NULL || bp_inspection_get_mrz (self->inspection) == NULL)
    return _ ("No document has been scanned.");
  if (self->decision == BP_DECISION_NONE)
    return _ ("Choose admit, refer or refuse.");
  if (self->decision != BP_DECISION_ADMIT && g_hash_table_size (self->selected) == 0)
    return _ ("Choose at least one reason.");
  if (g_hash_table_contains (self->selected, OTHER_REASON) && note_is_blank (self))
    return _ ("Explain the other reason in the note.");
  return NULL;
}

static void
update_record_action (BpDecidePage *self)
{
  const char *problem = get_problem (self);

  gtk_label_set_label (self->problem_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "decide.record",
                                 problem == NULL && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "decide.choose", !self->saving);
  gtk_spinner_set_spinning (self->spinner, self->saving);
}

static void
reason_toggled_cb (GtkCheckButton *check,
                   BpDecidePage *self)
{
  const char *code = g_object_get_data (G_OBJECT (check), "reason-code");

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->selected, g_strdup (code));
  else
    g_hash_table_remove (self->selected, code);

  update_record_action (self);
}

static GtkWidget *
create_reason_row_cb (gpointer item,
                      gpointer user_data)
{
  BpDecidePage *self = user_data;
  BpReason *reason = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  g_object_set_data_full (G_OBJECT (check), "reason-code",
                          g_strdup (bp_reason_get_code (reason)), g_free);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               g_hash_table_contains (self->selected, bp_reason_get_code (reason)));
  g_signal_connect_object (check, "toggled", G_CALLBACK (reason_toggled_cb), self, 0);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), bp_reason_get_label (reason));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data (G_OBJECT (row), "check", check);

  return row;
}

static void
set_decision (BpDecidePage *self,
              BpDecision decision,
              const char *preselect)
{
  self->decision = decision;
  g_hash_table_remove_all (self->selected);
  if (preselect != NULL)
    g_hash_table_add (self->selected, g_strdup (preselect));

  gtk_toggle_button_set_active (self->admit_button, decision == BP_DECISION_ADMIT);
  gtk_toggle_button_set_active (self->refer_button, decision == BP_DECISION_REFER);
  gtk_toggle_button_set_active (self->refuse_button, decision == BP_DECISION_REFUSE);

  if (decision == BP_DECISION_NONE)
    gtk_list_box_bind_model (self->reasons_list, NULL, NULL, NULL, NULL);
  else
    gtk_list_box_bind_model (self->reasons_list, bp_reasons_for_decision (decision),
                             create_reason_row_cb, self, NULL);

  update_record_action (self);
}

static void
choose_action_cb (GtkWidget *widget,
                  const char *action_name,
                  GVariant *parameter)
{
  BpDecidePage *self = BP_DECIDE_PAGE (widget);
  BpDecision decision = g_variant_get_int32 (parameter);
  BpRecommendation recommendation = { BP_DECISION_NONE, NULL, NULL };

  if (self->saving)
    return;

  if (self->inspection != NULL)
    recommendation = bp_inspection_get_recommendation (self->inspection);

  /* Keep the suggested reason when the officer picks the suggested decision. */
  set_decision (self, decision,
                decision == recommendation.decision ? recommendation.reason_code : NULL);
}

static void
record_action_cb (GtkWidget *widget,
                  const char *action_name,
                  GVariant *parameter)
{
  BpDecidePage *self = BP_DECIDE_PAGE (widget);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) reasons = NULL;
  g_autofree char *note = NULL;
  GListModel *all = bp_reasons_get_all ();

  if (self->saving || get_problem (self) != NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  /* In the order of the reason list, not the order they were ticked. */
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr (BpReason) reason = g_list_model_get_item (all, i);

      if (g_hash_table_contains (self->selected, bp_reason_get_code (reason)))
        g_strv_builder_add (builder, bp_reason_get_code (reason));
    }
  reasons = g_strv_builder_end (builder);
  note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));

  g_signal_emit (self, signals[DECIDED], 0, (int) self->decision, reasons, note);
}

static void
note_activate_cb (BpDecidePage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "decide.record", NULL);
}

static void
note_changed_cb (BpDecidePage *self)
{
  update_record_action (self);
}

static void
bp_decide_page_dispose (GObject *object)
{
  BpDecidePage *self = (BpDecidePage *) object;

  g_clear_object (&self->inspection);
  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_DECIDE_PAGE);

  G_OBJECT_CLASS (bp_decide_page_parent_class)->dispose (object);
}

static void
bp_decide_page_finalize (GObject *object)
{
  BpDecidePage *self = (BpDecidePage *) object;

  g_hash_table_unref (self->selected);
  g_free (self->store_error);

  G_OBJECT_CLASS (bp_decide_page_parent_class)->finalize (object);
}

static gboolean
bp_decide_page_grab_focus (GtkWidget *widget)
{
  BpDecidePage *self = BP_DECIDE_PAGE (widget);
  GtkToggleButton *buttons[] = { self->admit_button, self->refer_button, self->refuse_button };

  if (self->decision != BP_DECISION_NONE)
    return gtk_widget_grab_focus (GTK_WIDGET (buttons[self->decision - 1]));
  return gtk_widget_grab_focus (GTK_WIDGET (self->admit_button));
}

static void
bp_decide_page_class_init (BpDecidePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_decide_page_dispose;
  object_class->finalize = bp_decide_page_finalize;
  widget_class->grab_focus = bp_decide_page_grab_focus;

  /**
   * BpDecidePage::decided:
   * @decision: a #BpDecision
   * @reasons: reason codes
   * @note: the officer's note, possibly empty
   */
  signals[DECIDED] = g_signal_new ("decided", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                   G_TYPE_INT, G_TYPE_STRV, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bp-decide-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BpDecidePage, photo_picture);
  gtk_widget_class_bind_template_child (widget_class, BpDecidePage, name_label);
  gtk_widget_class_bind_template_child (widget_class, BpDecidePage, document_label);
  gtk_widget_class_bind_template_child (widget_class, BpDecidePage, verdict_box);
  gtk_widget_class_bind_template_child (widget_class, BpDecidePage, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, BpDecidePage, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, BpDecidePage, admit_button);
  gtk_widget_class_bind_template_child (widget_class, BpDecidePage, refer_button);
  gtk_widget_class_bind_template_child (widget_class, BpDecidePage, refuse_button);
  gtk_widget_class_bind_template_child (widget_class, BpDecidePage, recommendation_label);
  gtk_widget_class_bind_template_child (widget_class, BpDecidePage, reasons_list);
  gtk_widget_class_bind_template_child (widget_class, BpDecidePage, note_entry);
  gtk_widget_class_bind_template_child (widget_class, BpDecidePage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, BpDecidePage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, note_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, note_changed_cb);

  gtk_widget_class_install_action (widget_class, "decide.choose", "i", choose_action_cb);
  gtk_widget_class_install_action (widget_class, "decide.record", NULL, record_action_cb);

  for (int i = 0; i < 3; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK,
                                         "decide.choose", "i", i + 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "decide.record", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);
}

static void
bp_decide_page_init (BpDecidePage *self)
{
  self->selected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  update_record_action (self);
}

void
bp_decide_page_set_inspection (BpDecidePage *self,
                               BpInspection *inspection)
{
  g_return_if_fail (BP_IS_DECIDE_PAGE (self));
  g_return_if_fail (BP_IS_INSPECTION (inspection));

  g_set_object (&self->inspection, inspection);
}

/* Called each time the officer arrives from the photo step: shows the
 * traveller and preselects what the checks suggest. */
void
bp_decide_page_prepare (BpDecidePage *self)
{
  BpMrz *mrz;
  BpRecommendation recommendation;
  GBytes *photo;
  g_autofree char *name = NULL;
  g_autofree char *document = NULL;
  BpVerdict overall;

  g_return_if_fail (BP_IS_DECIDE_PAGE (self));
  g_return_if_fail (self->inspection != NULL);

  mrz = bp_inspection_get_mrz (self->inspection);
  if (mrz == NULL)
    return;

  name = bp_mrz_dup_display_name (mrz);
  gtk_label_set_label (self->name_label, name);
  document = g_strdup_printf ("%s %s · %s · %s", mrz->document_code,
                              mrz->document_number ? mrz->document_number : "—",
                              mrz->nationality,
                              mrz->birth_date ? mrz->birth_date : "—");
  gtk_label_set_label (self->document_label, document);

  overall = bp_inspection_get_overall (self->inspection);
  gtk_image_set_from_icon_name (self->verdict_icon, bp_verdict_get_icon_name (overall));
  bp_widget_set_verdict_class (self->verdict_box, overall);
  gtk_label_set_label (self->verdict_label,
                       overall == BP_VERDICT_FAILED    ? _ ("A check failed")
                       : overall == BP_VERDICT_WARNING ? _ ("Some checks need attention")
                                                       : _ ("Checks passed"));

  photo = bp_inspection_get_photo (self->inspection);
  if (photo != NULL)
    {
      g_autoptr (GdkTexture) texture = gdk_texture_new_from_bytes (photo, NULL);
      gtk_picture_set_paintable (self->photo_picture, GDK_PAINTABLE (texture));
    }
  else
    gtk_picture_set_paintable (self->photo_picture, NULL);

  /* Keep what the officer already chose when coming back to this step. */
  if (self->decision != BP_DECISION_NONE)
    return;

  recommendation = bp_inspection_get_recommendation (self->inspection);
  if (recommendation.decision == BP_DECISION_REFER)
    {
      BpReason *reason = recommendation.reason_code ? bp_reasons_lookup (recommendation.reason_code)
                                                    : NULL;
      g_autofree char *text = g_strdup_printf (_ ("Suggested: refer to second line — %s"),
                                               reason ? bp_reason_get_label (reason) : _ ("a check failed"));
      gtk_label_set_label (self->recommendation_label, text);
    }
  else
    gtk_label_set_label (self->recommendation_label, _ ("Suggested: admit — all checks passed."));

  set_decision (self, recommendation.decision, recommendation.reason_code);
}

void
bp_decide_page_reset (BpDecidePage *self)
{
  g_return_if_fail (BP_IS_DECIDE_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  gtk_label_set_label (self->recommendation_label, "");
  gtk_picture_set_paintable (self->photo_picture, NULL);
  set_decision (self, BP_DECISION_NONE, NULL);
}

void
bp_decide_page_set_saving (BpDecidePage *self,
                           gboolean saving)
{
  g_return_if_fail (BP_IS_DECIDE_PAGE (self));

  self->saving = !!saving;
  gtk_widget_set_sensitive (GTK_WIDGET (self->reasons_list), !saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->note_entry), !saving);
  update_record_action (self);
}

void
bp_decide_page_set_store_error (BpDecidePage *self,
                                const char *message)
{
  g_return_if_fail (BP_IS_DECIDE_PAGE (self));

  g_free (self->store_error);
  self->store_error = g_strdup (message);
  update_record_action (self);
}

BpDecision
bp_decide_page_get_decision (BpDecidePage *self)
{
  g_return_val_if_fail (BP_IS_DECIDE_PAGE (self), BP_DECISION_NONE);
  return self->decision;
}

void
bp_decide_page_toggle_reason (BpDecidePage *self,
                              const char *code,
                              gboolean selected)
{
  GtkWidget *row;

  g_return_if_fail (BP_IS_DECIDE_PAGE (self));

  for (row = gtk_widget_get_first_child (GTK_WIDGET (self->reasons_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");

      if (check != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (check), "reason-code"), code) == 0)
        gtk_check_button_set_active (check, selected);
    }
}

void
bp_decide_page_set_note (BpDecidePage *self,
                         const char *note)
{
  g_return_if_fail (BP_IS_DECIDE_PAGE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), note ? note : "");
}
