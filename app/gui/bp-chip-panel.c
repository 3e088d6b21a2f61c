/* bp-chip-panel.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-chip-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-chip-panel.h"

struct _BpChipPanel
{
  AdwBin parent_instance;

  GtkImage *state_icon;
  GtkLabel *title_label;
  GtkLabel *message_label;
  GtkProgressBar *progress_bar;
  GtkPicture *face_picture;
  GtkLabel *details_label;

  BpChipInspection *chip;
  GSignalGroup *signals;
  BpFaceImage *shown_face; /* decoded into face_picture already */
};

G_DEFINE_FINAL_TYPE (BpChipPanel, bp_chip_panel, ADW_TYPE_BIN)

/* The chip photo as a texture: a JPEG 2000 face was decoded on the
 * analysis' worker; a JPEG one the toolkit decodes quickly. */
static GdkTexture *
face_texture (BpChipInspection *chip,
              BpFaceImage *face)
{
  BpChipAnalysis *analysis = bp_chip_inspection_get_analysis (chip);
  GBytes *pixels = NULL;
  guint width, height;
  gsize stride;
  gboolean has_alpha;

  if (analysis != NULL)
    pixels = bp_chip_analysis_get_face_pixels (analysis, &width, &height, &stride, &has_alpha);
  if (pixels != NULL)
    return gdk_memory_texture_new (width, height, has_alpha ? GDK_MEMORY_R8G8B8A8 : GDK_MEMORY_R8G8B8, pixels,
                                   stride);
  if (face->format == BP_IMAGE_FORMAT_JPEG)
    return gdk_texture_new_from_bytes (face->data, NULL);
  return NULL;
}

static const char *
state_title (BpChipState state)
{
  switch (state)
    {
    case BP_CHIP_STATE_NO_READER:
      return _ ("No chip reader configured");
    case BP_CHIP_STATE_WAITING:
      return _ ("Put the document on the reader");
    case BP_CHIP_STATE_READING:
      return _ ("Reading the chip…");
    case BP_CHIP_STATE_REMOVED:
      return _ ("Put the document back on the reader");
    case BP_CHIP_STATE_DONE:
      return _ ("Chip read");
    case BP_CHIP_STATE_FAILED:
      return _ ("The chip could not be read");
    case BP_CHIP_STATE_IDLE:
    default:
      return _ ("Chip");
    }
}

static const char *
state_icon (BpChipState state)
{
  switch (state)
    {
    case BP_CHIP_STATE_DONE:
      return "emblem-ok-symbolic";
    case BP_CHIP_STATE_REMOVED:
    case BP_CHIP_STATE_FAILED:
      return "dialog-warning-symbolic";
    case BP_CHIP_STATE_READING:
      return "document-open-recent-symbolic";
    case BP_CHIP_STATE_WAITING:
    case BP_CHIP_STATE_NO_READER:
    case BP_CHIP_STATE_IDLE:
    default:
      return "media-removable-symbolic";
    }
}

/* "PACE: COM, DG1, DG2, SOD read; DG3 not allowed", for IT staff and
 * trainers who want to know exactly what the chip gave. */
static char *
describe_files (BpChipResult *result)
{
  GPtrArray *files = bp_chip_result_get_files (result);
  g_autoptr (GString) read = g_string_new (NULL);
  g_autoptr (GString) other = g_string_new (NULL);

  for (guint i = 0; i < files->len; i++)
    {
      const BpChipFile *file = g_ptr_array_index (files, i);

      if (file->status == BP_CHIP_FILE_READ)
        g_string_append_printf (read, "%s%s", read->len ? ", " : "", file->name);
      else if (file->status == BP_CHIP_FILE_NOT_ALLOWED || file->status == BP_CHIP_FILE_FAILED)
        {
          g_string_append_c (other, '\n');
          /* Translators: a file name such as “DG3”, then why it was not read. */
          g_string_append_printf (other, _ ("%s: %s"), file->name,
                                  file->message ? file->message : bp_chip_file_status_to_string (file->status));
        }
    }

  /* Files the chip said it lacks are worth a trainer's eye too. */
  for (guint i = 0; i < files->len; i++)
    {
      const BpChipFile *file = g_ptr_array_index (files, i);

      if (file->status == BP_CHIP_FILE_ABSENT && g_str_has_prefix (file->name, "DG"))
        {
          g_string_append_c (other, '\n');
          /* Translators: %s is a data group such as “DG15” that EF.COM lists but the chip lacks. */
          g_string_append_printf (other, _ ("%s: listed, but not on the chip"), file->name);
        }
    }

  switch (bp_chip_result_get_ca_state (result))
    {
    case BP_CHIP_AUTH_PASSED:
      /* Translators: the protocol (“PACE-GM”, “BAC”), then the list of files read. */
      return g_strdup_printf (_ ("Protocol: %s, then Chip Authentication\nRead: %s%s"),
                              bp_chip_protocol_to_string (bp_chip_result_get_protocol (result)),
                              read->len ? read->str : "—", other->str);
    case BP_CHIP_AUTH_FAILED:
      /* Translators: the protocol (“PACE-GM”, “BAC”), then the list of files read. */
      return g_strdup_printf (_ ("Protocol: %s (Chip Authentication failed)\nRead: %s%s"),
                              bp_chip_protocol_to_string (bp_chip_result_get_protocol (result)),
                              read->len ? read->str : "—", other->str);
    case BP_CHIP_AUTH_NOT_RUN:
    default:
      /* Translators: the protocol (“PACE”, “BAC”), then the list of files read. */
      return g_strdup_printf (_ ("Protocol: %s\nRead: %s%s"),
                              bp_chip_protocol_to_string (bp_chip_result_get_protocol (result)),
                              read->len ? read->str : "—", other->str);
    }
}

static void
update (BpChipPanel *self)
{
  BpChipState state = self->chip ? bp_chip_inspection_get_state (self->chip) : BP_CHIP_STATE_NO_READER;
  const char *message = self->chip ? bp_chip_inspection_get_message (self->chip) : NULL;
  BpChipResult *result = self->chip ? bp_chip_inspection_get_result (self->chip) : NULL;
  BpFaceImage *face = self->chip ? bp_chip_inspection_get_face (self->chip) : NULL;

  gtk_image_set_from_icon_name (self->state_icon, state_icon (state));
  gtk_label_set_label (self->title_label, state_title (state));
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), state == BP_CHIP_STATE_READING);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 self->chip ? bp_chip_inspection_get_fraction (self->chip) : 0);

  if (state == BP_CHIP_STATE_REMOVED || state == BP_CHIP_STATE_FAILED)
    gtk_widget_add_css_class (GTK_WIDGET (self), "chip-attention");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "chip-attention");

  /* Every notify lands here: only a new face makes a new texture. */
  if (face != self->shown_face)
    {
      g_autoptr (GdkTexture) texture = face ? face_texture (self->chip, face) : NULL;

      g_clear_pointer (&self->shown_face, bp_face_image_unref);
      self->shown_face = face ? bp_face_image_ref (face) : NULL;
      gtk_picture_set_paintable (self->face_picture, GDK_PAINTABLE (texture));
      gtk_widget_set_visible (GTK_WIDGET (self->face_picture), texture != NULL);
    }

  if (result != NULL)
    {
      g_autofree char *details = describe_files (result);

      gtk_label_set_label (self->details_label, details);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), result != NULL);
}

static void
chip_notify_cb (BpChipPanel *self)
{
  update (self);
}

static void
bp_chip_panel_dispose (GObject *object)
{
  BpChipPanel *self = (BpChipPanel *) object;

  if (self->signals != NULL)
    g_signal_group_set_target (self->signals, NULL);
  g_clear_object (&self->signals);
  g_clear_object (&self->chip);
  g_clear_pointer (&self->shown_face, bp_face_image_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_CHIP_PANEL);

  G_OBJECT_CLASS (bp_chip_panel_parent_class)->dispose (object);
}

static void
bp_chip_panel_class_init (BpChipPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_chip_panel_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bp-chip-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, BpChipPanel, state_icon);
  gtk_widget_class_bind_template_child (widget_class, BpChipPanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, BpChipPanel, message_label);
  gtk_widget_class_bind_template_child (widget_class, BpChipPanel, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, BpChipPanel, face_picture);
  gtk_widget_class_bind_template_child (widget_class, BpChipPanel, details_label);
}

static void
bp_chip_panel_init (BpChipPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->signals = g_signal_group_new (BP_TYPE_CHIP_INSPECTION);
  g_signal_group_connect_swapped (self->signals, "notify", G_CALLBACK (chip_notify_cb), self);
  update (self);
}

void
bp_chip_panel_set_chip (BpChipPanel *self,
                        BpChipInspection *chip)
{
  g_return_if_fail (BP_IS_CHIP_PANEL (self));
  g_return_if_fail (chip == NULL || BP_IS_CHIP_INSPECTION (chip));

  if (!g_set_object (&self->chip, chip))
    return;

  g_signal_group_set_target (self->signals, chip);
  update (self);
}
