/* test-camera.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gst/gst.h>
#include <string.h>

#include "bp-camera.h"

/* Generous, because the suite also runs under AddressSanitizer, and the
 * first test rebuilds GStreamer's plugin registry in an empty cache. */
#define TIMEOUT_SECONDS 30

typedef struct
{
  BpCamera *camera;
  GPtrArray *states; /* BpCameraState as pointers, in notify order */
  guint n_frames;
  int width;
  int height;
  gboolean size_consistent;
  gboolean all_on_main_thread;
  GThread *main_thread;
} Fixture;

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the default main context, where the camera delivers its
 * signals, until cond holds or the time runs out. */
#define WAIT_UNTIL(cond)                                                                  \
  G_STMT_START                                                                            \
  {                                                                                       \
    gboolean timed_out_ = FALSE;                                                          \
    guint timeout_id_ = g_timeout_add_seconds (TIMEOUT_SECONDS, timeout_cb, &timed_out_); \
    while (!(cond) && !timed_out_)                                                        \
      g_main_context_iteration (NULL, TRUE);                                              \
    if (!timed_out_)                                                                      \
      g_source_remove (timeout_id_);                                                      \
    g_assert_true (cond);                                                                 \
  }                                                                                       \
  G_STMT_END

static void
state_notify_cb (BpCamera *camera,
                 GParamSpec *pspec,
                 Fixture *fixture)
{
  BpCameraState state = bp_camera_get_state (camera);

  g_ptr_array_add (fixture->states, GINT_TO_POINTER (state));

  /* The reason must be readable by the time ERROR is announced. */
  if (state == BP_CAMERA_STATE_ERROR)
    g_assert_nonnull (bp_camera_get_error_message (camera));
}

static void
frame_cb (BpCamera *camera,
          GBytes *rgba,
          int width,
          int height,
          Fixture *fixture)
{
  if (g_thread_self () != fixture->main_thread)
    fixture->all_on_main_thread = FALSE;

  if (fixture->n_frames > 0 && (width != fixture->width || height != fixture->height))
    fixture->size_consistent = FALSE;

  if (g_bytes_get_size (rgba) != (gsize) width * height * 4)
    fixture->size_consistent = FALSE;

  fixture->width = width;
  fixture->height = height;
  fixture->n_frames++;
}

static void
fixture_set_camera (Fixture *fixture,
                    const char *source)
{
  g_assert_null (fixture->camera);

  fixture->camera = bp_camera_new (source);
  g_signal_connect (fixture->camera, "notify::state", G_CALLBACK (state_notify_cb), fixture);
  g_signal_connect (fixture->camera, "frame", G_CALLBACK (frame_cb), fixture);
}

static void
fixture_setup (Fixture *fixture,
               gconstpointer data)
{
  fixture->states = g_ptr_array_new ();
  fixture->size_consistent = TRUE;
  fixture->all_on_main_thread = TRUE;
  fixture->main_thread = g_thread_self ();
}

static void
fixture_teardown (Fixture *fixture,
                  gconstpointer data)
{
  /* Releasing a camera in any state, running included, must finalize
   * it: nothing on the streaming thread may keep it alive. */
  if (fixture->camera != NULL)
    g_assert_finalize_object (g_steal_pointer (&fixture->camera));

  /* Dispatches queued before the camera went away must find it gone
   * and do nothing. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_clear_pointer (&fixture->states, g_ptr_array_unref);
}

static gboolean
states_contain (Fixture *fixture,
                BpCameraState state)
{
  return g_ptr_array_find (fixture->states, GINT_TO_POINTER (state), NULL);
}

static void
assert_not_all_zero (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  for (gsize i = 0; i < size; i++)
    {
      if (data[i] != 0)
        return;
    }

  g_assert_not_reached ();
}

static void
assert_jpeg_of_size (GBytes *jpeg,
                     int width,
                     int height)
{
  g_autoptr (GdkPixbufLoader) loader = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *format_name = NULL;
  const guint8 *data;
  gsize size;
  GdkPixbuf *pixbuf;

  data = g_bytes_get_data (jpeg, &size);
  g_assert_cmpuint (size, >, 2);
  g_assert_cmphex (data[0], ==, 0xff);
  g_assert_cmphex (data[1], ==, 0xd8);

  /* Named, not sniffed: sniffing asks shared-mime-info, which the
   * isolated XDG_DATA_DIRS of the test hides. */
  loader = gdk_pixbuf_loader_new_with_type ("jpeg", &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_write_bytes (loader, jpeg, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);
  format_name = gdk_pixbuf_format_get_name (gdk_pixbuf_loader_get_format (loader));
  g_assert_cmpstr (format_name, ==, "jpeg");

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  g_assert_nonnull (pixbuf);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, width);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, height);
}

static void
test_test_source (Fixture *fixture,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) frame = NULL;
  g_autoptr (GBytes) jpeg = NULL;
  const guint8 *pixels;
  int width;
  int height;

  fixture_set_camera (fixture, "videotestsrc is-live=true num-buffers=600 ! video/x-raw,width=160,height=120");
  g_assert_cmpstr (bp_camera_get_source (fixture->camera), ==,
                   "videotestsrc is-live=true num-buffers=600 ! video/x-raw,width=160,height=120");
  g_assert_cmpint (bp_camera_get_state (fixture->camera), ==, BP_CAMERA_STATE_STOPPED);

  g_assert_true (bp_camera_start (fixture->camera, &error));
  g_assert_no_error (error);
  /* Frames are only delivered from the main context, which has not run. */
  g_assert_cmpint (bp_camera_get_state (fixture->camera), ==, BP_CAMERA_STATE_STARTING);

  WAIT_UNTIL (fixture->n_frames >= 3);

  g_assert_cmpint (bp_camera_get_state (fixture->camera), ==, BP_CAMERA_STATE_RUNNING);
  g_assert_null (bp_camera_get_error_message (fixture->camera));
  g_assert_true (fixture->all_on_main_thread);
  g_assert_true (fixture->size_consistent);
  g_assert_cmpint (fixture->width, ==, 160);
  g_assert_cmpint (fixture->height, ==, 120);

  frame = bp_camera_dup_last_frame (fixture->camera, &width, &height);
  g_assert_nonnull (frame);
  g_assert_cmpint (width, ==, 160);
  g_assert_cmpint (height, ==, 120);
  g_assert_cmpuint (g_bytes_get_size (frame), ==, 160 * 120 * 4);
  assert_not_all_zero (frame);

  /* The default pattern's first bar is light grey, and opaque. */
  pixels = g_bytes_get_data (frame, NULL);
  g_assert_cmpuint (pixels[0], >, 100);
  g_assert_cmpuint (pixels[3], ==, 255);

  jpeg = bp_camera_capture_jpeg (fixture->camera, &error);
  g_assert_no_error (error);
  assert_jpeg_of_size (jpeg, 160, 120);

  bp_camera_stop (fixture->camera);
  g_assert_cmpint (bp_camera_get_state (fixture->camera), ==, BP_CAMERA_STATE_STOPPED);

  g_assert_cmpuint (fixture->states->len, ==, 3);
  g_assert_cmpint (GPOINTER_TO_INT (fixture->states->pdata[0]), ==, BP_CAMERA_STATE_STARTING);
  g_assert_cmpint (GPOINTER_TO_INT (fixture->states->pdata[1]), ==, BP_CAMERA_STATE_RUNNING);
  g_assert_cmpint (GPOINTER_TO_INT (fixture->states->pdata[2]), ==, BP_CAMERA_STATE_STOPPED);

  /* The last frame outlives stop, so a still can still be taken. */
  g_clear_pointer (&jpeg, g_bytes_unref);
  jpeg = bp_camera_capture_jpeg (fixture->camera, &error);
  g_assert_no_error (error);
  assert_jpeg_of_size (jpeg, 160, 120);
}

static void
test_large_source_is_scaled (Fixture *fixture,
                             gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture_set_camera (fixture, "videotestsrc is-live=true ! video/x-raw,width=1920,height=1080");
  g_assert_true (bp_camera_start (fixture->camera, &error));
  g_assert_no_error (error);

  WAIT_UNTIL (fixture->n_frames >= 1);

  /* Shrunk to the preview limit, keeping its 16:9 shape. */
  g_assert_cmpint (fixture->width, ==, 1280);
  g_assert_cmpint (fixture->height, ==, 720);
}

static void
test_restart (Fixture *fixture,
              gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture_set_camera (fixture, "videotestsrc is-live=true ! video/x-raw,width=64,height=48");

  for (guint i = 0; i < 3; i++)
    {
      guint seen = fixture->n_frames;

      g_assert_true (bp_camera_start (fixture->camera, &error));
      g_assert_no_error (error);
      /* Starting again while running is harmless. */
      g_assert_true (bp_camera_start (fixture->camera, &error));
      g_assert_no_error (error);

      WAIT_UNTIL (fixture->n_frames > seen);
      g_assert_cmpint (bp_camera_get_state (fixture->camera), ==, BP_CAMERA_STATE_RUNNING);

      bp_camera_stop (fixture->camera);
      g_assert_cmpint (bp_camera_get_state (fixture->camera), ==, BP_CAMERA_STATE_STOPPED);
    }

  g_assert_true (fixture->all_on_main_thread);
}

typedef struct
{
  const char *extension;
  const char *format;
  gboolean exact_colours;
} ImageCase;

static const ImageCase png_case = { "png", "png", TRUE };
static const ImageCase jpeg_case = { "jpg", "jpeg", FALSE };

static void
test_image_source (Fixture *fixture,
                   gconstpointer data)
{
  const ImageCase *image_case = data;
  g_autoptr (GdkPixbuf) picture = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) frame = NULL;
  g_autoptr (GBytes) jpeg = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *source = NULL;
  const guint8 *pixels;
  int width;
  int height;

  /* The isolated data directory is removed after the test. A space in
   * the name checks that file names need no quoting. */
  dir = g_build_filename (g_get_user_data_dir (), "camera test", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  name = g_strdup_printf ("portrait.%s", image_case->extension);
  path = g_build_filename (dir, name, NULL);

  picture = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  gdk_pixbuf_fill (picture, 0x3366ccff);
  gdk_pixbuf_save (picture, path, image_case->format, &error, NULL);
  g_assert_no_error (error);

  source = g_strconcat ("image:", path, NULL);
  fixture_set_camera (fixture, source);
  g_assert_true (bp_camera_start (fixture->camera, &error));
  g_assert_no_error (error);

  /* A still shown as a feed keeps delivering frames. */
  WAIT_UNTIL (fixture->n_frames >= 3);
  g_assert_cmpint (bp_camera_get_state (fixture->camera), ==, BP_CAMERA_STATE_RUNNING);
  g_assert_true (fixture->size_consistent);
  g_assert_cmpint (fixture->width, ==, 64);
  g_assert_cmpint (fixture->height, ==, 48);

  frame = bp_camera_dup_last_frame (fixture->camera, &width, &height);
  g_assert_nonnull (frame);
  g_assert_cmpint (width, ==, 64);
  g_assert_cmpint (height, ==, 48);
  assert_not_all_zero (frame);

  pixels = g_bytes_get_data (frame, NULL);
  if (image_case->exact_colours)
    {
      g_assert_cmphex (pixels[0], ==, 0x33);
      g_assert_cmphex (pixels[1], ==, 0x66);
      g_assert_cmphex (pixels[2], ==, 0xcc);
    }
  else
    {
      g_assert_cmpint (ABS (pixels[0] - 0x33), <=, 8);
      g_assert_cmpint (ABS (pixels[1] - 0x66), <=, 8);
      g_assert_cmpint (ABS (pixels[2] - 0xcc), <=, 8);
    }
  g_assert_cmphex (pixels[3], ==, 0xff);

  jpeg = bp_camera_capture_jpeg (fixture->camera, &error);
  g_assert_no_error (error);
  assert_jpeg_of_size (jpeg, 64, 48);
}

static void
test_missing_image (Fixture *fixture,
                    gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *source = NULL;

  source = g_strconcat ("image:", g_get_user_data_dir (), "/no-such-portrait.png", NULL);
  fixture_set_camera (fixture, source);

  g_assert_false (bp_camera_start (fixture->camera, &error));
  g_assert_error (error, BP_CAMERA_ERROR, BP_CAMERA_ERROR_NO_DEVICE);
  g_assert_cmpint (bp_camera_get_state (fixture->camera), ==, BP_CAMERA_STATE_ERROR);
  g_assert_cmpstr (bp_camera_get_error_message (fixture->camera), ==, error->message);
}

static void
test_undecodable_image (Fixture *fixture,
                        gconstpointer data)
{
  const char *name = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *source = NULL;

  path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_file_set_contents (path, "This is not a picture.\n", -1, &error);
  g_assert_no_error (error);

  source = g_strconcat ("image:", path, NULL);
  fixture_set_camera (fixture, source);

  /* The file opens fine; only decoding, on the streaming thread, fails. */
  if (!bp_camera_start (fixture->camera, &error))
    g_assert_error (error, BP_CAMERA_ERROR, BP_CAMERA_ERROR_NO_DEVICE);

  WAIT_UNTIL (bp_camera_get_state (fixture->camera) == BP_CAMERA_STATE_ERROR);
  g_assert_nonnull (bp_camera_get_error_message (fixture->camera));
  g_assert_cmpuint (fixture->n_frames, ==, 0);
}

static const char *bad_sources[] = {
  "",
  "image:",
  "no-such-element-anywhere",
  "videotestsrc no-such-property=1",
  "videotestsrc ! ! !",
};

static void
test_bad_source (Fixture *fixture,
                 gconstpointer data)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_sources); i++)
    {
      g_autoptr (BpCamera) camera = bp_camera_new (bad_sources[i]);
      g_autoptr (GError) error = NULL;

      g_test_message ("source: '%s'", bad_sources[i]);

      g_assert_false (bp_camera_start (camera, &error));
      g_assert_error (error, BP_CAMERA_ERROR, BP_CAMERA_ERROR_BAD_SOURCE);
      g_assert_cmpint (bp_camera_get_state (camera), ==, BP_CAMERA_STATE_ERROR);
      g_assert_cmpstr (bp_camera_get_error_message (camera), ==, error->message);

      /* Stopping a failed camera resets it. */
      bp_camera_stop (camera);
      g_assert_cmpint (bp_camera_get_state (camera), ==, BP_CAMERA_STATE_STOPPED);
      g_assert_null (bp_camera_get_error_message (camera));

      g_assert_finalize_object (g_steal_pointer (&camera));
    }
}

static void
test_missing_device (Fixture *fixture,
                     gconstpointer data)
{
  g_autoptr (GstElementFactory) factory = NULL;
  g_autoptr (GError) error = NULL;

  gst_init (NULL, NULL);
  factory = gst_element_factory_find ("v4l2src");
  if (factory == NULL)
    {
      g_test_skip ("v4l2src is not installed (gstreamer1.0-plugins-good)");
      return;
    }

  fixture_set_camera (fixture, "v4l2src device=/dev/video-missing");

  /* v4l2src fails while opening, inside set_state(); either way the
   * officer must get the ERROR state with a reason, and no crash. */
  if (!bp_camera_start (fixture->camera, &error))
    g_assert_error (error, BP_CAMERA_ERROR, BP_CAMERA_ERROR_NO_DEVICE);

  WAIT_UNTIL (bp_camera_get_state (fixture->camera) == BP_CAMERA_STATE_ERROR);
  g_assert_nonnull (bp_camera_get_error_message (fixture->camera));
  g_assert_nonnull (strstr (bp_camera_get_error_message (fixture->camera), "/dev/video-missing"));
  g_test_message ("error message: %s", bp_camera_get_error_message (fixture->camera));
  g_assert_cmpuint (fixture->n_frames, ==, 0);
}

static void
test_no_frame (Fixture *fixture,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) frame = NULL;
  g_autoptr (GBytes) jpeg = NULL;
  int width = -1;
  int height = -1;

  fixture_set_camera (fixture, "videotestsrc is-live=true");

  frame = bp_camera_dup_last_frame (fixture->camera, &width, &height);
  g_assert_null (frame);
  g_assert_cmpint (width, ==, 0);
  g_assert_cmpint (height, ==, 0);

  jpeg = bp_camera_capture_jpeg (fixture->camera, &error);
  g_assert_null (jpeg);
  g_assert_error (error, BP_CAMERA_ERROR, BP_CAMERA_ERROR_NO_FRAME);
}

static void
test_end_of_stream (Fixture *fixture,
                    gconstpointer data)
{
  const char *source = data;
  g_autoptr (GError) error = NULL;

  fixture_set_camera (fixture, source);
  g_assert_true (bp_camera_start (fixture->camera, &error));
  g_assert_no_error (error);

  WAIT_UNTIL (bp_camera_get_state (fixture->camera) == BP_CAMERA_STATE_ERROR);
  g_assert_nonnull (bp_camera_get_error_message (fixture->camera));
  g_assert_cmpstr (bp_camera_get_error_message (fixture->camera), !=, "");

  /* Frames that were still queued must not revive the camera. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (bp_camera_get_state (fixture->camera), ==, BP_CAMERA_STATE_ERROR);
  g_assert_false (states_contain (fixture, BP_CAMERA_STATE_STOPPED));
}

static void
test_release_while_running (Fixture *fixture,
                            gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture_set_camera (fixture, "videotestsrc is-live=true ! video/x-raw,width=320,height=240,framerate=60/1");
  g_assert_true (bp_camera_start (fixture->camera, &error));
  g_assert_no_error (error);

  WAIT_UNTIL (fixture->n_frames >= 2);

  /* Let frames pile up on the streaming side without dispatching them,
   * so that one is pending when the camera is released in teardown. */
  g_usleep (200 * G_TIME_SPAN_MILLISECOND);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)

  ADD ("/borderpost/camera/test-source", NULL, test_test_source);
  ADD ("/borderpost/camera/large-source-is-scaled", NULL, test_large_source_is_scaled);
  ADD ("/borderpost/camera/restart", NULL, test_restart);
  ADD ("/borderpost/camera/image/png", &png_case, test_image_source);
  ADD ("/borderpost/camera/image/jpeg", &jpeg_case, test_image_source);
  ADD ("/borderpost/camera/image/missing", NULL, test_missing_image);
  ADD ("/borderpost/camera/image/undecodable/png", "not-a-picture.png", test_undecodable_image);
  ADD ("/borderpost/camera/image/undecodable/jpeg", "not-a-picture.jpg", test_undecodable_image);
  ADD ("/borderpost/camera/bad-source", NULL, test_bad_source);
  ADD ("/borderpost/camera/missing-device", NULL, test_missing_device);
  ADD ("/borderpost/camera/no-frame", NULL, test_no_frame);
  ADD ("/borderpost/camera/end-of-stream/live", "videotestsrc is-live=true num-buffers=5", test_end_of_stream);
  ADD ("/borderpost/camera/end-of-stream/not-live", "videotestsrc num-buffers=5", test_end_of_stream);
  ADD ("/borderpost/camera/release-while-running", NULL, test_release_while_running);

#undef ADD

  return g_test_run ();
}
