/* bp-scan-page.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-scan-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-scan-page.h"

/* The fields shown under the zone while it is typed, in reading order. */
static const BpMrzField shown_fields[] = {
  BP_MRZ_FIELD_DOCUMENT_CODE,
  BP_MRZ_FIELD_ISSUING_STATE,
  BP_MRZ_FIELD_DOCUMENT_NUMBER,
  BP_MRZ_FIELD_NAME,
  BP_MRZ_FIELD_NATIONALITY,
  BP_MRZ_FIELD_BIRTH_DATE,
  BP_MRZ_FIELD_SEX,
  BP_MRZ_FIELD_EXPIRY_DATE,
  BP_MRZ_FIELD_OPTIONAL_DATA,
};

struct _BpScanPage
{
  AdwBin parent_instance;

  GtkTextView *mrz_view;
  GtkImage *status_icon;
  GtkLabel *status_label;
  GtkGrid *fields_grid;
  GtkListBox *issues_list;

  GtkLabel *values[G_N_ELEMENTS (shown_fields)];
  GtkImage *icons[G_N_ELEMENTS (shown_fields)];

  BpMrz *mrz; /* the last complete parse, valid or not */
  gboolean auto_advance;
  guint accept_idle;
};

G_DEFINE_FINAL_TYPE (BpScanPage, bp_scan_page, ADW_TYPE_BIN)

enum
{
  ACCEPTED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static char *
field_value (const BpMrz *mrz,
             BpMrzField field)
{
  switch (field)
    {
    case BP_MRZ_FIELD_DOCUMENT_CODE:
      return g_strdup_printf ("%s (%s)", mrz->document_code, bp_mrz_format_to_string (mrz->format));
    case BP_MRZ_FIELD_ISSUING_STATE:
      return g_strdup (mrz->issuing_state);
    case BP_MRZ_FIELD_DOCUMENT_NUMBER:
      return g_strdup (mrz->document_number);
    case BP_MRZ_FIELD_NAME:
      return bp_mrz_dup_display_name (mrz);
    case BP_MRZ_FIELD_NATIONALITY:
      return g_strdup (mrz->nationality);
    case BP_MRZ_FIELD_BIRTH_DATE:
      return g_strdup (mrz->birth_date ? mrz->birth_date : mrz->birth_date_raw);
    case BP_MRZ_FIELD_SEX:
      return g_strdup (mrz->sex);
    case BP_MRZ_FIELD_EXPIRY_DATE:
      return g_strdup (mrz->expiry_date ? mrz->expiry_date : mrz->expiry_date_raw);
    case BP_MRZ_FIELD_OPTIONAL_DATA:
      return g_strdup (mrz->optional_data);
    default:
      return NULL;
    }
}

static void
set_status (BpScanPage *self,
            const char *icon_name,
            const char *css_class,
            const char *text)
{
  static const char *classes[] = { "error", "warning", "success" };

  gtk_image_set_from_icon_name (self->status_icon, icon_name);
  gtk_label_set_label (self->status_label, text);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), css_class);
}

static void
clear_fields (BpScanPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (shown_fields); i++)
    {
      gtk_label_set_label (self->values[i], "—");
      gtk_image_set_from_icon_name (self->icons[i], NULL);
    }
}

static void
show_issues (BpScanPage *self,
             const BpMrz *mrz)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->issues_list))) != NULL)
    gtk_list_box_remove (self->issues_list, child);

  for (guint i = 0; mrz != NULL && i < mrz->issues->len; i++)
    {
      const BpMrzIssue *issue = g_ptr_array_index (mrz->issues, i);
      gboolean error = issue->severity == BP_MRZ_SEVERITY_ERROR;
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), issue->message);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   error ? _ ("Error") : _ ("Warning"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name (error ? "dialog-error-symbolic"
                                                                     : "dialog-warning-symbolic"));
      gtk_widget_add_css_class (row, error ? "error" : "warning");
      gtk_list_box_append (self->issues_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->issues_list), mrz != NULL && mrz->issues->len > 0);
}

static void
show_fields (BpScanPage *self,
             const BpMrz *mrz)
{
  for (guint i = 0; i < G_N_ELEMENTS (shown_fields); i++)
    {
      g_autofree char *value = field_value (mrz, shown_fields[i]);
      const char *icon = "emblem-ok-symbolic";

      if (bp_mrz_field_has_error (mrz, shown_fields[i]))
        icon = "dialog-error-symbolic";
      else if (bp_mrz_field_has_warning (mrz, shown_fields[i]))
        icon = "dialog-warning-symbolic";

      gtk_label_set_label (self->values[i], value && *value ? value : "—");
      gtk_image_set_from_icon_name (self->icons[i], icon);
    }
}

static char *
get_text (BpScanPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->mrz_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
reparse (BpScanPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) today = g_date_time_new_now_local ();
  g_autofree char *text = get_text (self);
  g_autoptr (BpMrz) mrz = bp_mrz_parse (text, today, &error);

  g_clear_pointer (&self->mrz, bp_mrz_unref);

  if (mrz == NULL)
    {
      clear_fields (self);
      show_issues (self, NULL);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "scan.accept", FALSE);

      if (g_error_matches (error, BP_MRZ_ERROR, BP_MRZ_ERROR_EMPTY))
        set_status (self, "input-keyboard-symbolic", NULL,
                    _ ("Waiting for the document…"));
      else if (g_error_matches (error, BP_MRZ_ERROR, BP_MRZ_ERROR_INCOMPLETE))
        set_status (self, "content-loading-symbolic", NULL, error->message);
      else
        set_status (self, "dialog-error-symbolic", "error", error->message);
      return;
    }

  self->mrz = g_steal_pointer (&mrz);
  show_fields (self, self->mrz);
  show_issues (self, self->mrz);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scan.accept", TRUE);

  if (self->mrz->valid && self->mrz->repairs->len > 0)
    set_status (self, "dialog-warning-symbolic", "warning",
                _ ("Read with corrections — compare the highlighted fields with the data page. "
                   "Press Enter to continue."));
  else if (self->mrz->valid)
    set_status (self, "emblem-ok-symbolic", "success",
                _ ("All check digits are correct. Press Enter to continue."));
  else
    set_status (self, "dialog-error-symbolic", "error",
                _ ("Check digits do not match. Correct the zone, scan again, or press Ctrl+Enter to "
                   "continue and refer the traveller."));
}

static gboolean
accept_mrz (BpScanPage *self,
            gboolean even_if_invalid)
{
  g_autoptr (BpMrz) mrz = NULL;

  if (self->mrz == NULL || (!self->mrz->valid && !even_if_invalid))
    return FALSE;

  mrz = bp_mrz_ref (self->mrz);
  g_signal_emit (self, signals[ACCEPTED], 0, mrz);
  return TRUE;
}

static gboolean
accept_idle_cb (gpointer user_data)
{
  BpScanPage *self = user_data;

  self->accept_idle = 0;
  accept_mrz (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
buffer_changed_cb (BpScanPage *self,
                   GtkTextBuffer *buffer)
{
  reparse (self);

  /* A reader that types the zone without a final Enter still moves on. */
  if (self->auto_advance && self->mrz != NULL && self->mrz->valid && self->accept_idle == 0)
    self->accept_idle = g_timeout_add (150, accept_idle_cb, self);
  else if ((self->mrz == NULL || !self->mrz->valid) && self->accept_idle != 0)
    g_clear_handle_id (&self->accept_idle, g_source_remove);
}

static gboolean
key_pressed_cb (BpScanPage *self,
                guint keyval,
                guint keycode,
                GdkModifierType state,
                GtkEventControllerKey *controller)
{
  gboolean control = (state & GDK_CONTROL_MASK) != 0;

  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return FALSE;

  /* Enter ends a line while the zone is incomplete, and ends the scan
   * once it is complete: a keyboard-wedge reader sends exactly that. */
  if (self->mrz == NULL)
    return FALSE;

  g_clear_handle_id (&self->accept_idle, g_source_remove);
  if (!accept_mrz (self, control))
    gtk_widget_error_bell (GTK_WIDGET (self));

  return TRUE;
}

static void
clear_action_cb (GtkWidget *widget,
                 const char *action_name,
                 GVariant *parameter)
{
  bp_scan_page_reset (BP_SCAN_PAGE (widget));
}

static void
accept_action_cb (GtkWidget *widget,
                  const char *action_name,
                  GVariant *parameter)
{
  BpScanPage *self = BP_SCAN_PAGE (widget);

  g_clear_handle_id (&self->accept_idle, g_source_remove);
  accept_mrz (self, TRUE);
}

static gboolean
bp_scan_page_grab_focus (GtkWidget *widget)
{
  BpScanPage *self = BP_SCAN_PAGE (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->mrz_view));
}

static void
bp_scan_page_dispose (GObject *object)
{
  BpScanPage *self = (BpScanPage *) object;

  g_clear_handle_id (&self->accept_idle, g_source_remove);
  g_clear_pointer (&self->mrz, bp_mrz_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_SCAN_PAGE);

  G_OBJECT_CLASS (bp_scan_page_parent_class)->dispose (object);
}

static void
bp_scan_page_class_init (BpScanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_scan_page_dispose;
  widget_class->grab_focus = bp_scan_page_grab_focus;

  /**
   * BpScanPage::accepted:
   * @mrz: the zone as parsed
   *
   * The officer (or the reader) finished the scan.
   */
  signals[ACCEPTED] = g_signal_new ("accepted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, BP_TYPE_MRZ);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bp-scan-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BpScanPage, mrz_view);
  gtk_widget_class_bind_template_child (widget_class, BpScanPage, status_icon);
  gtk_widget_class_bind_template_child (widget_class, BpScanPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, BpScanPage, fields_grid);
  gtk_widget_class_bind_template_child (widget_class, BpScanPage, issues_list);

  gtk_widget_class_install_action (widget_class, "scan.clear", NULL, clear_action_cb);
  gtk_widget_class_install_action (widget_class, "scan.accept", NULL, accept_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "scan.clear", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "scan.accept", NULL);
}

static void
bp_scan_page_init (BpScanPage *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->auto_advance = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (shown_fields); i++)
    {
      GtkWidget *caption = gtk_label_new (bp_mrz_field_get_label (shown_fields[i]));
      GtkWidget *value = gtk_label_new ("—");
      GtkWidget *icon = gtk_image_new ();

      gtk_label_set_xalign (GTK_LABEL (caption), 0);
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (value), 0);
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_widget_add_css_class (value, "field-value");
      gtk_accessible_update_relation (GTK_ACCESSIBLE (value),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, caption, NULL,
                                      -1);

      gtk_grid_attach (self->fields_grid, icon, 0, i, 1, 1);
      gtk_grid_attach (self->fields_grid, caption, 1, i, 1, 1);
      gtk_grid_attach (self->fields_grid, value, 2, i, 1, 1);
      self->values[i] = GTK_LABEL (value);
      self->icons[i] = GTK_IMAGE (icon);
    }

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->mrz_view), keys);

  g_signal_connect_object (gtk_text_view_get_buffer (self->mrz_view), "changed",
                           G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);

  reparse (self);
}

void
bp_scan_page_reset (BpScanPage *self)
{
  g_return_if_fail (BP_IS_SCAN_PAGE (self));

  g_clear_handle_id (&self->accept_idle, g_source_remove);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->mrz_view), "", -1);
  reparse (self);
}

/* Types text as a keyboard-wedge reader would, Enter included: used by the
 * demo's specimen documents and by tests. */
void
bp_scan_page_feed (BpScanPage *self,
                   const char *text)
{
  GtkTextBuffer *buffer;
  GtkTextIter end;
  gboolean ends_line;

  g_return_if_fail (BP_IS_SCAN_PAGE (self));
  g_return_if_fail (text != NULL);

  ends_line = g_str_has_suffix (text, "\n");
  buffer = gtk_text_view_get_buffer (self->mrz_view);
  gtk_text_buffer_get_end_iter (buffer, &end);
  if (ends_line)
    {
      g_autofree char *body = g_strndup (text, strlen (text) - 1);
      gtk_text_buffer_insert (buffer, &end, body, -1);
    }
  else
    gtk_text_buffer_insert (buffer, &end, text, -1);

  if (ends_line && self->mrz != NULL)
    {
      g_clear_handle_id (&self->accept_idle, g_source_remove);
      if (!accept_mrz (self, FALSE))
        {
          gtk_text_buffer_get_end_iter (buffer, &end);
          gtk_text_buffer_insert (buffer, &end, "\n", 1);
        }
    }
  else if (ends_line)
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, "\n", 1);
    }
}

BpMrz *
bp_scan_page_get_mrz (BpScanPage *self)
{
  g_return_val_if_fail (BP_IS_SCAN_PAGE (self), NULL);
  return self->mrz;
}

void
bp_scan_page_set_auto_advance (BpScanPage *self,
                               gboolean auto_advance)
{
  g_return_if_fail (BP_IS_SCAN_PAGE (self));
  self->auto_advance = !!auto_advance;
}
