/* bp-verify-page.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-verify-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-alert-banner.h"
#include "bp-authenticity-view.h"
#include "bp-check-guidance.h"
#include "bp-chip-panel.h"
#include "bp-ui-util.h"
#include "bp-verify-page.h"

struct _BpVerifyPage
{
  AdwBin parent_instance;

  GtkWidget *verdict_box;
  GtkImage *verdict_icon;
  GtkLabel *verdict_title;
  GtkLabel *verdict_subtitle;
  GtkGrid *traveller_grid;
  GtkListBox *checks_list;
  GtkCustomFilter *checks_filter; /* leaves out what the authenticity view shows */
  BpChipInspection *chip;
  BpChipPanel *chip_panel;
  BpAuthenticityView *authenticity_view;
  BpAlertBanner *alert_banner;

  BpInspection *inspection;
  gulong notify_id;
  gulong overall_id;
  gulong checks_id;
};

G_DEFINE_FINAL_TYPE (BpVerifyPage, bp_verify_page, ADW_TYPE_BIN)

static gboolean check_filter_cb (gpointer item,
                                 gpointer user_data);
static void chip_authenticity_cb (BpVerifyPage *self);

enum
{
  DONE,
  ALERT_REVIEWED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static GtkWidget *
create_check_row_cb (gpointer item,
                     gpointer user_data)
{
  BpCheck *check = item;
  BpVerdict verdict = bp_check_get_verdict (check);
  GtkWidget *row = bp_check_row_new (check);

  /* A failed check opens guidance: what was wrong, what to examine on the
   * document, and when to refer. */
  if (verdict == BP_VERDICT_FAILED || verdict == BP_VERDICT_WARNING)
    bp_check_row_offer_guidance (row, check, NULL);

  return row;
}

static void
add_traveller_row (BpVerifyPage *self,
                   int row,
                   const char *caption,
                   const char *value)
{
  GtkWidget *caption_label = gtk_label_new (caption);
  GtkWidget *value_label = gtk_label_new (value && *value ? value : "—");

  gtk_label_set_xalign (GTK_LABEL (caption_label), 0);
  gtk_widget_add_css_class (caption_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_widget_add_css_class (value_label, "field-value");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value_label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, caption_label, NULL, -1);
  gtk_grid_attach (self->traveller_grid, caption_label, 0, row, 1, 1);
  gtk_grid_attach (self->traveller_grid, value_label, 1, row, 1, 1);
}

/* "Document signature, Chip": which checks have @verdict, so that the
 * officer knows without scrolling. */
static char *
dup_titles (GListModel *checks,
            BpVerdict verdict)
{
  g_autoptr (GString) titles = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr (BpCheck) check = g_list_model_get_item (checks, i);

      if (bp_check_get_verdict (check) != verdict)
        continue;
      if (titles->len > 0)
        /* Translators: separates the titles of failed checks. */
        g_string_append (titles, _ (", "));
      g_string_append (titles, bp_check_get_title (check));
    }
  return g_string_free (g_steal_pointer (&titles), FALSE);
}

/* The verdict's title, what to do, and in bold on its own line the checks
 * that had @verdict. */
static void
set_verdict_text (BpVerifyPage *self,
                  BpVerdict verdict,
                  const char *title,
                  const char *advice)
{
  g_autofree char *titles = dup_titles (bp_inspection_get_checks (self->inspection), verdict);
  /* Translators: a verdict (“Failed”), then the checks that had it,
   * e.g. “Failed: Document signature, Chip”. */
  g_autofree char *which = g_strdup_printf (_ ("%s: %s"), bp_verdict_get_label (verdict), titles);
  g_autofree char *subtitle = g_markup_printf_escaped ("%s\n<b>%s</b>", advice, which);

  gtk_label_set_label (self->verdict_title, title);
  gtk_label_set_markup (self->verdict_subtitle, subtitle);
}

/* The traveller as the printed zone gives them; only a new zone changes
 * it, so text the officer selected stays selected. */
static void
update_traveller (BpVerifyPage *self)
{
  BpMrz *mrz = self->inspection ? bp_inspection_get_mrz (self->inspection) : NULL;
  GtkWidget *child;
  g_autofree char *name = NULL;
  g_autofree char *document = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->traveller_grid))) != NULL)
    gtk_grid_remove (self->traveller_grid, child);
  if (mrz == NULL)
    return;

  name = bp_mrz_dup_display_name (mrz);
  document = bp_mrz_dup_document_label (mrz->document_code, mrz->document_number);
  add_traveller_row (self, 0, _ ("Name"), name);
  add_traveller_row (self, 1, _ ("Document"), document);
  add_traveller_row (self, 2, _ ("Issued by"), mrz->issuing_state);
  add_traveller_row (self, 3, _ ("Nationality"), mrz->nationality);
  add_traveller_row (self, 4, _ ("Birth date"), mrz->birth_date ? mrz->birth_date : mrz->birth_date_raw);
  add_traveller_row (self, 5, _ ("Sex"), mrz->sex);
  add_traveller_row (self, 6, _ ("Expiry date"), mrz->expiry_date ? mrz->expiry_date : mrz->expiry_date_raw);
}

/* The verdict, which each check that comes in may change. */
static void
update_verdict (BpVerifyPage *self)
{
  BpMrz *mrz = self->inspection ? bp_inspection_get_mrz (self->inspection) : NULL;
  BpVerdict overall;

  if (mrz == NULL)
    {
      gtk_label_set_label (self->verdict_title, "");
      gtk_label_set_text (self->verdict_subtitle, "");
      return;
    }

  overall = bp_inspection_get_overall (self->inspection);
  gtk_image_set_from_icon_name (self->verdict_icon, bp_verdict_get_icon_name (overall));
  bp_widget_set_verdict_class (self->verdict_box, overall);

  switch (overall)
    {
    case BP_VERDICT_FAILED:
      set_verdict_text (self, BP_VERDICT_FAILED, _ ("Check Failed"),
                        _ ("At least one check failed. Read the reasons below; refer the traveller to second "
                           "line if in doubt."));
      break;

    case BP_VERDICT_WARNING:
      set_verdict_text (self, BP_VERDICT_WARNING, _ ("Needs Attention"),
                        _ ("Nothing failed, but some checks need your attention."));
      break;

    case BP_VERDICT_PASSED:
    case BP_VERDICT_NOT_PERFORMED:
    case BP_VERDICT_NOT_APPLICABLE:
    default:
      gtk_label_set_label (self->verdict_title, _ ("Checks Passed"));
      gtk_label_set_text (self->verdict_subtitle,
                          _ ("Every check that ran has passed. Compare the traveller with the photos."));
      break;
    }
}

static void
mrz_notify_cb (BpVerifyPage *self)
{
  update_traveller (self);
  update_verdict (self);
}

static void
alert_reviewed_cb (BpVerifyPage *self,
                   gboolean confirmed,
                   const char *reason)
{
  g_signal_emit (self, signals[ALERT_REVIEWED], 0, confirmed, reason);
}

static void
continue_action_cb (GtkWidget *widget,
                    const char *action_name,
                    GVariant *parameter)
{
  BpVerifyPage *self = BP_VERIFY_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  /* The page's Enter binding runs before the list's: Enter on a failed
   * row opens its guidance (or a folded row opens) instead of moving on. */
  if (focus != NULL && GTK_IS_LIST_BOX_ROW (focus) && gtk_widget_is_ancestor (focus, widget)
      && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (focus)))
    {
      gtk_widget_activate (focus);
      return;
    }

  if (self->inspection != NULL && bp_inspection_get_mrz (self->inspection) != NULL)
    g_signal_emit (self, signals[DONE], 0);
}

static void
bp_verify_page_dispose (GObject *object)
{
  BpVerifyPage *self = (BpVerifyPage *) object;

  if (self->inspection != NULL)
    {
      g_clear_signal_handler (&self->notify_id, self->inspection);
      g_clear_signal_handler (&self->overall_id, self->inspection);
      g_clear_signal_handler (&self->checks_id, bp_inspection_get_checks (self->inspection));
    }
  g_clear_object (&self->inspection);
  if (self->chip != NULL)
    g_signal_handlers_disconnect_by_func (self->chip, chip_authenticity_cb, self);
  g_clear_object (&self->chip);
  if (self->checks_filter != NULL)
    gtk_custom_filter_set_filter_func (self->checks_filter, NULL, NULL, NULL);
  g_clear_object (&self->checks_filter);
  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_VERIFY_PAGE);

  G_OBJECT_CLASS (bp_verify_page_parent_class)->dispose (object);
}

static void
bp_verify_page_class_init (BpVerifyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_verify_page_dispose;
  widget_class->grab_focus = bp_widget_grab_focus_self;

  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The officer confirmed (TRUE) or dismissed an alert-list hit, with a reason. */
  signals[ALERT_REVIEWED] = g_signal_new ("alert-reviewed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                          G_TYPE_BOOLEAN, G_TYPE_STRING);

  g_type_ensure (BP_TYPE_ALERT_BANNER);
  g_type_ensure (BP_TYPE_CHIP_PANEL);
  g_type_ensure (BP_TYPE_AUTHENTICITY_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bp-verify-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BpVerifyPage, verdict_box);
  gtk_widget_class_bind_template_child (widget_class, BpVerifyPage, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, BpVerifyPage, verdict_title);
  gtk_widget_class_bind_template_child (widget_class, BpVerifyPage, verdict_subtitle);
  gtk_widget_class_bind_template_child (widget_class, BpVerifyPage, traveller_grid);
  gtk_widget_class_bind_template_child (widget_class, BpVerifyPage, checks_list);
  gtk_widget_class_bind_template_child (widget_class, BpVerifyPage, chip_panel);
  gtk_widget_class_bind_template_child (widget_class, BpVerifyPage, authenticity_view);
  gtk_widget_class_bind_template_child (widget_class, BpVerifyPage, alert_banner);
  gtk_widget_class_bind_template_callback (widget_class, alert_reviewed_cb);

  gtk_widget_class_install_action (widget_class, "verify.continue", NULL, continue_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "verify.continue", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "verify.continue", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);
}

static void
bp_verify_page_init (BpVerifyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->checks_filter = gtk_custom_filter_new (check_filter_cb, self, NULL);
}

void
bp_verify_page_set_inspection (BpVerifyPage *self,
                               BpInspection *inspection)
{
  g_return_if_fail (BP_IS_VERIFY_PAGE (self));
  g_return_if_fail (BP_IS_INSPECTION (inspection));

  if (self->inspection != NULL)
    {
      g_clear_signal_handler (&self->notify_id, self->inspection);
      g_clear_signal_handler (&self->overall_id, self->inspection);
      g_clear_signal_handler (&self->checks_id, bp_inspection_get_checks (self->inspection));
    }
  g_set_object (&self->inspection, inspection);

  /* A new traveller, or a verdict changed by a check that came later
   * (chip, alert lists); the photo and the rest do not concern this page. */
  self->notify_id = g_signal_connect_object (inspection, "notify::mrz",
                                             G_CALLBACK (mrz_notify_cb), self,
                                             G_CONNECT_SWAPPED);
  self->overall_id = g_signal_connect_object (inspection, "notify::overall",
                                              G_CALLBACK (update_verdict), self,
                                              G_CONNECT_SWAPPED);
  /* A check that fails after another keeps the verdict, but not the list. */
  self->checks_id = g_signal_connect_object (bp_inspection_get_checks (inspection), "items-changed",
                                             G_CALLBACK (update_verdict), self,
                                             G_CONNECT_SWAPPED);
  {
    g_autoptr (GtkFilterListModel) shown = NULL;

    shown = gtk_filter_list_model_new (g_object_ref (bp_inspection_get_checks (inspection)),
                                       GTK_FILTER (g_object_ref (self->checks_filter)));
    gtk_list_box_bind_model (self->checks_list, G_LIST_MODEL (shown), create_check_row_cb, NULL, NULL);
  }
  mrz_notify_cb (self);
}

/* A check the authenticity view already shows, once the chip has a
 * result, is not repeated in the list. */
static gboolean
check_filter_cb (gpointer item,
                 gpointer user_data)
{
  BpVerifyPage *self = user_data;

  return self->chip == NULL || bp_chip_inspection_get_authenticity (self->chip) == NULL
         || !bp_authenticity_view_shows_check (bp_check_get_id (item));
}

static void
chip_authenticity_cb (BpVerifyPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->checks_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

void
bp_verify_page_set_chip (BpVerifyPage *self,
                         BpChipInspection *chip)
{
  g_return_if_fail (BP_IS_VERIFY_PAGE (self));

  if (self->chip != NULL)
    g_signal_handlers_disconnect_by_func (self->chip, chip_authenticity_cb, self);
  g_set_object (&self->chip, chip);
  if (chip != NULL)
    g_signal_connect_object (chip, "notify::authenticity", G_CALLBACK (chip_authenticity_cb), self,
                             G_CONNECT_SWAPPED);
  chip_authenticity_cb (self);
  bp_chip_panel_set_chip (self->chip_panel, chip);
  bp_authenticity_view_set_chip (self->authenticity_view, chip);
}

void
bp_verify_page_set_hits (BpVerifyPage *self,
                         GPtrArray *hits)
{
  g_return_if_fail (BP_IS_VERIFY_PAGE (self));

  bp_alert_banner_set_hits (self->alert_banner, hits);
}
