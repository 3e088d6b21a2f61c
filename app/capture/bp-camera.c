/* bp-camera.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-camera"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/video/video.h>
#include <string.h>

#include "bp-camera-private.h"
#include "bp-camera.h"

#define JPEG_QUALITY "90"

/* Everything the streaming thread touches lives here rather than in the
 * camera. The streaming thread must never take a reference on the camera
 * itself: if it did so while the owner drops the last reference, dispose
 * would run with an extra reference held elsewhere and the camera would
 * outlive its owner. Pending dispatches hold this slot instead, and find
 * the camera through a pointer that dispose clears. */
typedef struct
{
  GMutex mutex;
  GMainContext *context;

  /* Protected by mutex. */
  BpCamera *camera;
  GBytes *frame;
  int width;
  int height;
  gboolean dispatch_pending;
} FrameSlot;

struct _BpCamera
{
  GObject parent_instance;

  char *source;
  BpCameraState state;
  char *error_message;

  GMainContext *context;
  FrameSlot *slot;

  GstElement *pipeline;
  GSource *bus_source;
};

G_DEFINE_FINAL_TYPE (BpCamera, bp_camera, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SOURCE,
  PROP_STATE,
  PROP_ERROR_MESSAGE,
  N_PROPS,
};

enum
{
  FRAME,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GQuark
bp_camera_error_quark (void)
{
  /* Not G_DEFINE_QUARK: clang-format puts spaces into its dashed name. */
  return g_quark_from_static_string ("bp-camera-error-quark");
}

GType
bp_camera_state_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { BP_CAMERA_STATE_STOPPED, "BP_CAMERA_STATE_STOPPED", "stopped" },
        { BP_CAMERA_STATE_STARTING, "BP_CAMERA_STATE_STARTING", "starting" },
        { BP_CAMERA_STATE_RUNNING, "BP_CAMERA_STATE_RUNNING", "running" },
        { BP_CAMERA_STATE_ERROR, "BP_CAMERA_STATE_ERROR", "error" },
        { 0, NULL, NULL },
      };
      GType id = g_enum_register_static (g_intern_static_string ("BpCameraState"), values);

      g_once_init_leave (&type_id, id);
    }

  return type_id;
}

static FrameSlot *
frame_slot_new (BpCamera *camera)
{
  FrameSlot *slot = g_atomic_rc_box_new0 (FrameSlot);

  g_mutex_init (&slot->mutex);
  slot->context = g_main_context_ref (camera->context);
  slot->camera = camera;

  return slot;
}

static FrameSlot *
frame_slot_ref (FrameSlot *slot)
{
  return g_atomic_rc_box_acquire (slot);
}

static void
frame_slot_clear (gpointer data)
{
  FrameSlot *slot = data;

  g_assert (slot->camera == NULL);

  g_clear_pointer (&slot->frame, g_bytes_unref);
  g_clear_pointer (&slot->context, g_main_context_unref);
  g_mutex_clear (&slot->mutex);
}

static void
frame_slot_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, frame_slot_clear);
}

static void
set_state (BpCamera *self,
           BpCameraState state)
{
  g_assert (BP_IS_CAMERA (self));

  if (self->state == state)
    return;

  g_debug ("%s: state %d -> %d", self->source, self->state, state);

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_error_message (BpCamera *self,
                   const char *error_message)
{
  g_assert (BP_IS_CAMERA (self));

  if (g_strcmp0 (self->error_message, error_message) == 0)
    return;

  g_free (self->error_message);
  self->error_message = g_strdup (error_message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

/* The message is set before the state, so that a handler of
 * notify::state that sees ERROR can already read the reason. */
static void
fail (BpCamera *self,
      const char *error_message)
{
  set_error_message (self, error_message);
  set_state (self, BP_CAMERA_STATE_ERROR);
}

/* GStreamer messages end with a full stop, and ours go on after them. */
static char *
dup_without_full_stop (const char *message)
{
  char *copy = g_strstrip (g_strdup (message != NULL ? message : ""));
  gsize len = strlen (copy);

  if (len > 0 && copy[len - 1] == '.')
    copy[len - 1] = '\0';

  return copy;
}

/* Runs on the owner's main context. */
static gboolean
dispatch_frame_cb (gpointer user_data)
{
  FrameSlot *slot = user_data;
  g_autoptr (BpCamera) self = NULL;
  g_autoptr (GBytes) frame = NULL;
  int width = 0;
  int height = 0;

  g_mutex_lock (&slot->mutex);
  slot->dispatch_pending = FALSE;
  if (slot->camera != NULL && slot->frame != NULL)
    {
      /* Safe: dispose clears slot->camera on this same context, so a
       * camera seen here is alive and not being disposed. */
      self = g_object_ref (slot->camera);
      frame = g_bytes_ref (slot->frame);
      width = slot->width;
      height = slot->height;
    }
  g_mutex_unlock (&slot->mutex);

  if (self == NULL)
    return G_SOURCE_REMOVE;

  /* A frame that was already queued when the feed ended or was stopped
   * must not bring the state back to RUNNING. */
  if (self->state == BP_CAMERA_STATE_STARTING)
    set_state (self, BP_CAMERA_STATE_RUNNING);

  if (self->state == BP_CAMERA_STATE_RUNNING)
    g_signal_emit (self, signals[FRAME], 0, frame, width, height);

  return G_SOURCE_REMOVE;
}

static GstFlowReturn
new_sample_cb (GstAppSink *appsink,
               gpointer user_data)
{
  FrameSlot *slot = user_data;
  g_autoptr (GstSample) sample = NULL;
  g_autoptr (GBytes) bytes = NULL;
  GstVideoFrame video_frame;
  GstVideoInfo info;
  GstBuffer *buffer;
  GstCaps *caps;
  gboolean schedule = FALSE;
  const guint8 *data;
  gsize row_size;
  int stride;
  int width;
  int height;

  /* This runs on the streaming thread. */
  sample = gst_app_sink_pull_sample (appsink);
  if (sample == NULL)
    return GST_FLOW_FLUSHING;

  caps = gst_sample_get_caps (sample);
  buffer = gst_sample_get_buffer (sample);
  if (caps == NULL || buffer == NULL || !gst_video_info_from_caps (&info, caps))
    return GST_FLOW_NOT_NEGOTIATED;

  if (!gst_video_frame_map (&video_frame, &info, buffer, GST_MAP_READ))
    return GST_FLOW_ERROR;

  width = GST_VIDEO_FRAME_WIDTH (&video_frame);
  height = GST_VIDEO_FRAME_HEIGHT (&video_frame);
  stride = GST_VIDEO_FRAME_PLANE_STRIDE (&video_frame, 0);
  data = GST_VIDEO_FRAME_PLANE_DATA (&video_frame, 0);
  row_size = (gsize) width * 4;

  /* A copy, not a reference on the GstBuffer: the frame may be kept
   * for a capture long after the camera's buffer pool wants it back,
   * and consumers were promised tightly packed rows. */
  if ((gsize) stride == row_size)
    {
      bytes = g_bytes_new (data, row_size * height);
    }
  else
    {
      guint8 *packed = g_malloc (row_size * height);

      for (int y = 0; y < height; y++)
        memcpy (packed + y * row_size, data + (gsize) y * stride, row_size);

      bytes = g_bytes_new_take (packed, row_size * height);
    }

  gst_video_frame_unmap (&video_frame);

  g_mutex_lock (&slot->mutex);
  g_clear_pointer (&slot->frame, g_bytes_unref);
  slot->frame = g_steal_pointer (&bytes);
  slot->width = width;
  slot->height = height;
  /* One dispatch in flight is enough: it delivers whichever frame is
   * newest when it runs. A busy main thread then skips frames instead
   * of queueing an ever longer backlog of them. */
  if (!slot->dispatch_pending && slot->camera != NULL)
    {
      slot->dispatch_pending = TRUE;
      schedule = TRUE;
    }
  g_mutex_unlock (&slot->mutex);

  if (schedule)
    {
      GSource *source = g_idle_source_new ();

      /* Not g_main_context_invoke_full(): when the owner's context is
       * the global default and nobody holds it at this instant, invoke
       * would run the callback right here on the streaming thread. */
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, dispatch_frame_cb, frame_slot_ref (slot), frame_slot_unref);
      g_source_set_static_name (source, "[bp-camera] frame");
      g_source_attach (source, slot->context);
      g_source_unref (source);
    }

  return GST_FLOW_OK;
}

static void
teardown_pipeline (BpCamera *self)
{
  g_assert (BP_IS_CAMERA (self));

  if (self->bus_source != NULL)
    {
      g_source_destroy (self->bus_source);
      g_clear_pointer (&self->bus_source, g_source_unref);
    }

  if (self->pipeline != NULL)
    {
      /* Going to NULL joins the streaming threads and closes the device.
       * Live sources do not block here, and appsink drops instead of
       * waiting for us, so this returns promptly. */
      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      g_clear_object (&self->pipeline);
    }
}

static gboolean
bus_message_cb (GstBus *bus,
                GstMessage *message,
                gpointer user_data)
{
  /* A notify handler may drop the last reference to the camera. */
  g_autoptr (BpCamera) self = g_object_ref (user_data);

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      {
        g_autoptr (GError) error = NULL;
        g_autofree char *debug = NULL;
        g_autofree char *reason = NULL;
        g_autofree char *error_message = NULL;

        gst_message_parse_error (message, &error, &debug);
        g_debug ("%s: error from %s: %s (%s)",
                 self->source,
                 GST_OBJECT_NAME (GST_MESSAGE_SRC (message)),
                 error->message,
                 debug != NULL ? debug : "no details");

        reason = dup_without_full_stop (error->message);
        /* Cables mean nothing to someone running the demo from a file. */
        if (_bp_camera_is_image_source (self->source))
          /* Translators: %s is GStreamer's own description of the problem. */
          error_message = g_strdup_printf (_ ("The picture used as a camera cannot be shown: %s."), reason);
        else
          /* Translators: %s is GStreamer's own description of the problem. */
          error_message = g_strdup_printf (_ ("The camera stopped: %s. Check the cable or choose another camera in Preferences."), reason);

        /* Release the device now so that a replugged camera can be
         * opened again by the next bp_camera_start(). */
        teardown_pipeline (self);
        fail (self, error_message);
        return G_SOURCE_REMOVE;
      }

    case GST_MESSAGE_EOS:
      teardown_pipeline (self);
      /* imagefreeze repeats a picture for ever, so for a picture the
       * end can only mean that the decoder found nothing in the file. */
      if (_bp_camera_is_image_source (self->source))
        fail (self, _ ("The picture used as a camera could not be read."));
      else
        fail (self, _ ("The camera feed ended. Check the cable or choose another camera in Preferences."));
      return G_SOURCE_REMOVE;

    case GST_MESSAGE_WARNING:
      {
        g_autoptr (GError) error = NULL;
        g_autofree char *debug = NULL;

        gst_message_parse_warning (message, &error, &debug);
        g_debug ("%s: warning from %s: %s (%s)",
                 self->source,
                 GST_OBJECT_NAME (GST_MESSAGE_SRC (message)),
                 error->message,
                 debug != NULL ? debug : "no details");
      }
      break;

    default:
      break;
    }

  return G_SOURCE_CONTINUE;
}

static GstElement *
build_pipeline (BpCamera *self,
                GError **error)
{
  g_autoptr (GstElement) pipeline = _bp_camera_pipeline_new (self->source, error);
  g_autoptr (GstElement) appsink = NULL;
  GstAppSinkCallbacks callbacks = { 0 };

  if (pipeline == NULL)
    return NULL;

  appsink = gst_bin_get_by_name (GST_BIN (pipeline), _BP_CAMERA_SINK_ELEMENT);
  g_assert (appsink != NULL && GST_IS_APP_SINK (appsink));

  callbacks.new_sample = new_sample_cb;
  gst_app_sink_set_callbacks (GST_APP_SINK (appsink), &callbacks, frame_slot_ref (self->slot), frame_slot_unref);

  return g_steal_pointer (&pipeline);
}

static void
bp_camera_dispose (GObject *object)
{
  BpCamera *self = (BpCamera *) object;

  teardown_pipeline (self);

  if (self->slot != NULL)
    {
      /* After this no pending frame dispatch can reach the camera. */
      g_mutex_lock (&self->slot->mutex);
      self->slot->camera = NULL;
      g_mutex_unlock (&self->slot->mutex);
      g_clear_pointer (&self->slot, frame_slot_unref);
    }

  G_OBJECT_CLASS (bp_camera_parent_class)->dispose (object);
}

static void
bp_camera_finalize (GObject *object)
{
  BpCamera *self = (BpCamera *) object;

  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (bp_camera_parent_class)->finalize (object);
}

static void
bp_camera_get_property (GObject *object,
                        guint prop_id,
                        GValue *value,
                        GParamSpec *pspec)
{
  BpCamera *self = BP_CAMERA (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_camera_set_property (GObject *object,
                        guint prop_id,
                        const GValue *value,
                        GParamSpec *pspec)
{
  BpCamera *self = BP_CAMERA (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_free (self->source);
      self->source = g_value_dup_string (value);
      if (self->source == NULL)
        self->source = g_strdup ("");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_camera_class_init (BpCameraClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bp_camera_dispose;
  object_class->finalize = bp_camera_finalize;
  object_class->get_property = bp_camera_get_property;
  object_class->set_property = bp_camera_set_property;

  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL,
                                                 NULL,
                                                 G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL,
                                              BP_TYPE_CAMERA_STATE,
                                              BP_CAMERA_STATE_STOPPED,
                                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL,
                                                        NULL,
                                                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BpCamera::frame:
   * @self: the camera
   * @rgba: the frame, RGBA with rows of exactly @width * 4 bytes; take a
   *   reference to keep it beyond the handler
   * @width: width in pixels
   * @height: height in pixels
   *
   * A new frame arrived. Frames are skipped rather than queued when the
   * main context is busy.
   */
  signals[FRAME] = g_signal_new ("frame",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0,
                                 NULL, NULL,
                                 NULL,
                                 G_TYPE_NONE,
                                 3,
                                 G_TYPE_BYTES | G_SIGNAL_TYPE_STATIC_SCOPE,
                                 G_TYPE_INT,
                                 G_TYPE_INT);
}

static void
bp_camera_init (BpCamera *self)
{
  self->state = BP_CAMERA_STATE_STOPPED;
  self->context = g_main_context_ref_thread_default ();
  self->slot = frame_slot_new (self);
}

/**
 * bp_camera_new:
 * @source: a GStreamer source description, or `image:` and a file name
 *
 * Creates a stopped camera. Nothing is opened until bp_camera_start().
 * Signals and notifications are delivered on the thread-default main
 * context of the caller, which must also be the thread that uses and
 * releases the camera.
 *
 * Returns: (transfer full): a new #BpCamera
 */
BpCamera *
bp_camera_new (const char *source)
{
  g_return_val_if_fail (source != NULL, NULL);

  return g_object_new (BP_TYPE_CAMERA, "source", source, NULL);
}

/**
 * bp_camera_get_source:
 * @self: a #BpCamera
 *
 * Returns: the source description given to bp_camera_new()
 */
const char *
bp_camera_get_source (BpCamera *self)
{
  g_return_val_if_fail (BP_IS_CAMERA (self), NULL);

  return self->source;
}

/**
 * bp_camera_get_state:
 * @self: a #BpCamera
 *
 * Returns: whether the camera is stopped, starting, delivering frames, or failed
 */
BpCameraState
bp_camera_get_state (BpCamera *self)
{
  g_return_val_if_fail (BP_IS_CAMERA (self), BP_CAMERA_STATE_ERROR);

  return self->state;
}

/**
 * bp_camera_get_error_message:
 * @self: a #BpCamera
 *
 * Returns: (nullable): why the camera is in the error state, in words for
 *   the officer, or %NULL
 */
const char *
bp_camera_get_error_message (BpCamera *self)
{
  g_return_val_if_fail (BP_IS_CAMERA (self), NULL);

  return self->error_message;
}

/**
 * bp_camera_start:
 * @self: a #BpCamera
 * @error: return location for a #GError
 *
 * Builds the pipeline and sets it playing. The state becomes STARTING,
 * then RUNNING with the first frame. Failures that only show once the
 * pipeline runs arrive later as the ERROR state.
 *
 * Starting a camera that is starting or running does nothing. Starting
 * one that failed or was stopped tries again from scratch.
 *
 * Returns: %FALSE if the source is not valid or could not be opened
 */
gboolean
bp_camera_start (BpCamera *self,
                 GError **error)
{
  g_autoptr (GstElement) pipeline = NULL;
  g_autoptr (GstBus) bus = NULL;
  g_autoptr (GError) local_error = NULL;
  GstStateChangeReturn ret;

  g_return_val_if_fail (BP_IS_CAMERA (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->state == BP_CAMERA_STATE_STARTING || self->state == BP_CAMERA_STATE_RUNNING)
    return TRUE;

  teardown_pipeline (self);

  g_mutex_lock (&self->slot->mutex);
  g_clear_pointer (&self->slot->frame, g_bytes_unref);
  self->slot->width = 0;
  self->slot->height = 0;
  g_mutex_unlock (&self->slot->mutex);

  set_error_message (self, NULL);

  if (!gst_init_check (NULL, NULL, &local_error) || !(pipeline = build_pipeline (self, &local_error)))
    {
      if (local_error->domain != BP_CAMERA_ERROR)
        {
          /* Only gst_init_check() gets here. */
          g_autoptr (GError) init_error = g_steal_pointer (&local_error);

          g_set_error (&local_error,
                       BP_CAMERA_ERROR,
                       BP_CAMERA_ERROR_NO_DEVICE,
                       _ ("The camera could not start: %s"),
                       init_error->message);
        }

      fail (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  bus = gst_element_get_bus (pipeline);
  self->bus_source = gst_bus_create_watch (bus);
  g_source_set_callback (self->bus_source, G_SOURCE_FUNC (bus_message_cb), self, NULL);
  g_source_set_static_name (self->bus_source, "[bp-camera] bus");
  g_source_attach (self->bus_source, self->context);
  self->pipeline = g_steal_pointer (&pipeline);

  set_state (self, BP_CAMERA_STATE_STARTING);

  ret = gst_element_set_state (self->pipeline, GST_STATE_PLAYING);
  if (ret == GST_STATE_CHANGE_FAILURE)
    {
      g_autoptr (GstMessage) message = NULL;
      g_autoptr (GError) gst_error = NULL;
      g_autofree char *debug = NULL;
      g_autofree char *reason = NULL;

      /* The element that failed has posted why on the bus, synchronously,
       * before set_state() returned: tell the officer that, not just
       * "failed". */
      message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
      if (message != NULL)
        {
          gst_message_parse_error (message, &gst_error, &debug);
          g_debug ("%s: failed to start: %s (%s)",
                   self->source,
                   gst_error->message,
                   debug != NULL ? debug : "no details");
          reason = dup_without_full_stop (gst_error->message);
        }
      else
        {
          reason = g_strdup (_ ("the device did not respond"));
        }

      teardown_pipeline (self);

      g_set_error (&local_error,
                   BP_CAMERA_ERROR,
                   BP_CAMERA_ERROR_NO_DEVICE,
                   _ ("The camera could not start: %s. Check the cable or choose another camera in Preferences."),
                   reason);
      fail (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* A source that is not live (a plain videotestsrc, a video file) would
   * otherwise run as fast as the CPU allows; only live sources skip
   * preroll. Clock sync paces the others at their own frame rate. */
  if (ret != GST_STATE_CHANGE_NO_PREROLL)
    {
      g_autoptr (GstElement) appsink = gst_bin_get_by_name (GST_BIN (self->pipeline), _BP_CAMERA_SINK_ELEMENT);

      g_object_set (appsink, "sync", TRUE, NULL);
    }

  return TRUE;
}

/**
 * bp_camera_stop:
 * @self: a #BpCamera
 *
 * Stops the pipeline and releases the device. The last frame stays
 * available for bp_camera_capture_jpeg(). Stopping clears an error.
 */
void
bp_camera_stop (BpCamera *self)
{
  g_return_if_fail (BP_IS_CAMERA (self));

  teardown_pipeline (self);
  set_state (self, BP_CAMERA_STATE_STOPPED);
  set_error_message (self, NULL);
}

/**
 * bp_camera_dup_last_frame:
 * @self: a #BpCamera
 * @width: (out) (optional): the width in pixels
 * @height: (out) (optional): the height in pixels
 *
 * Returns: (transfer full) (nullable): the newest frame, RGBA with a
 *   stride of @width * 4, or %NULL if no frame arrived since the camera
 *   was started
 */
GBytes *
bp_camera_dup_last_frame (BpCamera *self,
                          int *width,
                          int *height)
{
  GBytes *frame = NULL;
  int frame_width = 0;
  int frame_height = 0;

  g_return_val_if_fail (BP_IS_CAMERA (self), NULL);

  g_mutex_lock (&self->slot->mutex);
  if (self->slot->frame != NULL)
    {
      frame = g_bytes_ref (self->slot->frame);
      frame_width = self->slot->width;
      frame_height = self->slot->height;
    }
  g_mutex_unlock (&self->slot->mutex);

  if (width != NULL)
    *width = frame_width;
  if (height != NULL)
    *height = frame_height;

  return frame;
}

/**
 * bp_camera_capture_jpeg:
 * @self: a #BpCamera
 * @error: return location for a #GError
 *
 * Encodes the newest frame as a JPEG of quality 90.
 *
 * Returns: (transfer full): the JPEG file contents, or %NULL with
 *   %BP_CAMERA_ERROR_NO_FRAME before the first frame
 */
GBytes *
bp_camera_capture_jpeg (BpCamera *self,
                        GError **error)
{
  static const char *option_keys[] = { "quality", NULL };
  static const char *option_values[] = { JPEG_QUALITY, NULL };
  g_autoptr (GBytes) frame = NULL;
  g_autoptr (GdkPixbuf) pixbuf = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *buffer = NULL;
  gsize buffer_size = 0;
  int width;
  int height;

  g_return_val_if_fail (BP_IS_CAMERA (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  frame = bp_camera_dup_last_frame (self, &width, &height);
  if (frame == NULL)
    {
      g_set_error_literal (error,
                           BP_CAMERA_ERROR,
                           BP_CAMERA_ERROR_NO_FRAME,
                           _ ("There is no picture to take yet: the camera has not delivered a frame."));
      return NULL;
    }

  /* The pixbuf borrows the frame's memory; the JPEG writer drops alpha. */
  pixbuf = gdk_pixbuf_new_from_bytes (frame, GDK_COLORSPACE_RGB, TRUE, 8, width, height, width * 4);

  if (!gdk_pixbuf_save_to_bufferv (pixbuf,
                                   &buffer,
                                   &buffer_size,
                                   "jpeg",
                                   (char **) option_keys,
                                   (char **) option_values,
                                   &local_error))
    {
      g_set_error (error,
                   BP_CAMERA_ERROR,
                   BP_CAMERA_ERROR_ENCODE,
                   _ ("The picture could not be saved as JPEG: %s"),
                   local_error->message);
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&buffer), buffer_size);
}
