/* bp-photo-page.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-photo-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-camera.h"
#include "bp-photo-page.h"
#include "bp-ui-util.h"

struct _BpPhotoPage
{
  AdwBin parent_instance;

  GtkLabel *hint_label;
  GtkStack *live_stack;
  GtkPicture *live_picture;
  AdwStatusPage *camera_status;
  GtkPicture *still_picture;

  char *source;
  BpCamera *camera;
  GBytes *photo; /* JPEG of the photo taken, or NULL */
  gboolean live; /* at least one frame arrived since start */
};

G_DEFINE_FINAL_TYPE (BpPhotoPage, bp_photo_page, ADW_TYPE_BIN)

enum
{
  DONE,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static void
update_actions (BpPhotoPage *self)
{
  gboolean camera_ok = self->camera != NULL && bp_camera_get_state (self->camera) != BP_CAMERA_STATE_ERROR;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "photo.take", self->live && camera_ok);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "photo.retake", self->photo != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "photo.continue", self->photo != NULL);

  if (self->photo != NULL)
    gtk_label_set_label (self->hint_label,
                         _ ("Compare the photo with the traveller and the document. Enter "
                            "continues, Backspace retakes."));
  else if (camera_ok)
    gtk_label_set_label (self->hint_label,
                         _ ("Ask the traveller to look at the camera, then press Space to "
                            "take the photo."));
  else
    gtk_label_set_label (self->hint_label,
                         _ ("No camera picture. Press Ctrl+Enter to continue without a photo, "
                            "and say why in the decision note."));
}

static void
frame_cb (BpPhotoPage *self,
          GBytes *rgba,
          int width,
          int height,
          BpCamera *camera)
{
  g_autoptr (GdkTexture) texture = NULL;

  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8, rgba, (gsize) width * 4);
  gtk_picture_set_paintable (self->live_picture, GDK_PAINTABLE (texture));

  if (!self->live)
    {
      self->live = TRUE;
      update_actions (self);
    }
}

static void
camera_state_cb (BpPhotoPage *self,
                 GParamSpec *pspec,
                 BpCamera *camera)
{
  if (bp_camera_get_state (camera) == BP_CAMERA_STATE_ERROR)
    {
      adw_status_page_set_description (self->camera_status,
                                       bp_camera_get_error_message (camera));
      gtk_stack_set_visible_child_name (self->live_stack, "error");
      self->live = FALSE;
    }
  else
    gtk_stack_set_visible_child_name (self->live_stack, "live");

  update_actions (self);
}

static void
start_camera (BpPhotoPage *self)
{
  g_autoptr (GError) error = NULL;

  if (self->camera != NULL || self->source == NULL)
    return;

  self->camera = bp_camera_new (self->source);
  g_signal_connect_object (self->camera, "frame", G_CALLBACK (frame_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->camera, "notify::state", G_CALLBACK (camera_state_cb), self,
                           G_CONNECT_SWAPPED);

  if (!bp_camera_start (self->camera, &error))
    {
      adw_status_page_set_description (self->camera_status, error->message);
      gtk_stack_set_visible_child_name (self->live_stack, "error");
    }
  update_actions (self);
}

static void
stop_camera (BpPhotoPage *self)
{
  if (self->camera == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->camera, self);
  bp_camera_stop (self->camera);
  g_clear_object (&self->camera);
  self->live = FALSE;
}

static void
set_photo (BpPhotoPage *self,
           GBytes *jpeg)
{
  g_clear_pointer (&self->photo, g_bytes_unref);
  self->photo = jpeg ? g_bytes_ref (jpeg) : NULL;

  if (jpeg != NULL)
    {
      g_autoptr (GdkTexture) texture = gdk_texture_new_from_bytes (jpeg, NULL);
      gtk_picture_set_paintable (self->still_picture, GDK_PAINTABLE (texture));
    }
  else
    gtk_picture_set_paintable (self->still_picture, NULL);

  update_actions (self);
}

static void
take_action_cb (GtkWidget *widget,
                const char *action_name,
                GVariant *parameter)
{
  BpPhotoPage *self = BP_PHOTO_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) jpeg = NULL;

  if (self->camera == NULL)
    return;

  jpeg = bp_camera_capture_jpeg (self->camera, &error);
  if (jpeg == NULL)
    {
      gtk_label_set_label (self->hint_label, error->message);
      gtk_widget_error_bell (widget);
      return;
    }

  set_photo (self, jpeg);
}

static void
retake_action_cb (GtkWidget *widget,
                  const char *action_name,
                  GVariant *parameter)
{
  set_photo (BP_PHOTO_PAGE (widget), NULL);
}

static void
continue_action_cb (GtkWidget *widget,
                    const char *action_name,
                    GVariant *parameter)
{
  BpPhotoPage *self = BP_PHOTO_PAGE (widget);

  if (self->photo != NULL)
    g_signal_emit (self, signals[DONE], 0, self->photo);
}

static void
skip_action_cb (GtkWidget *widget,
                const char *action_name,
                GVariant *parameter)
{
  g_signal_emit (widget, signals[DONE], 0, NULL);
}

/* Enter takes the photo first, then continues: one key for the whole step. */
static void
enter_action_cb (GtkWidget *widget,
                 const char *action_name,
                 GVariant *parameter)
{
  BpPhotoPage *self = BP_PHOTO_PAGE (widget);

  if (self->photo == NULL)
    take_action_cb (widget, NULL, NULL);
  else
    continue_action_cb (widget, NULL, NULL);
}

static void
bp_photo_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (bp_photo_page_parent_class)->map (widget);
  start_camera (BP_PHOTO_PAGE (widget));
}

static void
bp_photo_page_unmap (GtkWidget *widget)
{
  stop_camera (BP_PHOTO_PAGE (widget));
  GTK_WIDGET_CLASS (bp_photo_page_parent_class)->unmap (widget);
}

static void
bp_photo_page_dispose (GObject *object)
{
  BpPhotoPage *self = (BpPhotoPage *) object;

  stop_camera (self);
  g_clear_pointer (&self->photo, g_bytes_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_PHOTO_PAGE);

  G_OBJECT_CLASS (bp_photo_page_parent_class)->dispose (object);
}

static void
bp_photo_page_finalize (GObject *object)
{
  BpPhotoPage *self = (BpPhotoPage *) object;

  g_free (self->source);

  G_OBJECT_CLASS (bp_photo_page_parent_class)->finalize (object);
}

static void
bp_photo_page_class_init (BpPhotoPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_photo_page_dispose;
  object_class->finalize = bp_photo_page_finalize;
  widget_class->map = bp_photo_page_map;
  widget_class->unmap = bp_photo_page_unmap;
  widget_class->grab_focus = bp_widget_grab_focus_self;

  /**
   * BpPhotoPage::done:
   * @jpeg: (nullable): the photo, or %NULL to go on without one
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BYTES);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bp-photo-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BpPhotoPage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, BpPhotoPage, live_stack);
  gtk_widget_class_bind_template_child (widget_class, BpPhotoPage, live_picture);
  gtk_widget_class_bind_template_child (widget_class, BpPhotoPage, camera_status);
  gtk_widget_class_bind_template_child (widget_class, BpPhotoPage, still_picture);

  gtk_widget_class_install_action (widget_class, "photo.take", NULL, take_action_cb);
  gtk_widget_class_install_action (widget_class, "photo.retake", NULL, retake_action_cb);
  gtk_widget_class_install_action (widget_class, "photo.continue", NULL, continue_action_cb);
  gtk_widget_class_install_action (widget_class, "photo.skip", NULL, skip_action_cb);
  gtk_widget_class_install_action (widget_class, "photo.enter", NULL, enter_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "photo.take", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "photo.retake", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "photo.enter", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "photo.enter", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "photo.skip", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);
}

static void
bp_photo_page_init (BpPhotoPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
}

void
bp_photo_page_set_camera_source (BpPhotoPage *self,
                                 const char *source)
{
  g_return_if_fail (BP_IS_PHOTO_PAGE (self));

  if (g_strcmp0 (self->source, source) == 0)
    return;

  g_free (self->source);
  self->source = g_strdup (source);

  if (self->camera != NULL)
    {
      stop_camera (self);
      start_camera (self);
    }
}

void
bp_photo_page_reset (BpPhotoPage *self)
{
  g_return_if_fail (BP_IS_PHOTO_PAGE (self));

  set_photo (self, NULL);
}

GBytes *
bp_photo_page_get_photo (BpPhotoPage *self)
{
  g_return_val_if_fail (BP_IS_PHOTO_PAGE (self), NULL);
  return self->photo;
}

gboolean
bp_photo_page_get_live (BpPhotoPage *self)
{
  g_return_val_if_fail (BP_IS_PHOTO_PAGE (self), FALSE);
  return self->live;
}
