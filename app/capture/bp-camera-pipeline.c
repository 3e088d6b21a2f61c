/* bp-camera-pipeline.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Turns a camera source description from the settings into a GStreamer
 * pipeline that ends in an RGBA appsink. No state: BpCamera runs it.
 */

#define G_LOG_DOMAIN "bp-camera"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <string.h>

#include "bp-camera-private.h"
#include "bp-camera.h"

/* The preview never needs more than this: the booth screen shows the
 * traveller at a few hundred pixels, and a still for the record is
 * plenty at 1280 pixels. Keeping frames small keeps the copy on the
 * streaming thread and the upload to the GPU cheap. */
#define MAX_FRAME_SIZE 1280
#define MAX_FRAME_RATE 15
#define IMAGE_PREFIX "image:"
#define IMAGE_ELEMENT "bp-camera-image-file"

gboolean
_bp_camera_is_image_source (const char *source)
{
  return g_str_has_prefix (source, IMAGE_PREFIX);
}

static gboolean
has_suffix_nocase (const char *path,
                   const char *suffix)
{
  gsize path_len = strlen (path);
  gsize suffix_len = strlen (suffix);

  return path_len >= suffix_len && g_ascii_strcasecmp (path + path_len - suffix_len, suffix) == 0;
}

static char *
dup_image_path (const char *source)
{
  const char *path = source + strlen (IMAGE_PREFIX);

  if (g_str_has_prefix (path, "file://"))
    return g_filename_from_uri (path, NULL, NULL);

  return g_strdup (path);
}

GstElement *
_bp_camera_pipeline_new (const char *camera_source,
                         GError **error)
{
  g_autoptr (GstElement) pipeline = NULL;
  g_autoptr (GstElement) appsink = NULL;
  g_autoptr (GError) parse_error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *image_path = NULL;
  const char *source = camera_source;

  if (source[strspn (source, " \t\n")] == '\0')
    {
      g_set_error_literal (error,
                           BP_CAMERA_ERROR,
                           BP_CAMERA_ERROR_BAD_SOURCE,
                           _ ("No camera is configured. Choose one in Preferences."));
      return NULL;
    }

  if (_bp_camera_is_image_source (source))
    {
      image_path = dup_image_path (source);
      if (image_path == NULL || image_path[0] == '\0')
        {
          g_set_error (error,
                       BP_CAMERA_ERROR,
                       BP_CAMERA_ERROR_BAD_SOURCE,
                       _ ("The camera source “%s” names no picture file."),
                       source);
          return NULL;
        }

      if (!g_file_test (image_path, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error,
                       BP_CAMERA_ERROR,
                       BP_CAMERA_ERROR_NO_DEVICE,
                       _ ("The picture “%s” used as a camera does not exist."),
                       image_path);
          return NULL;
        }

      /* The path is set as a property below rather than written into
       * the description, so that no file name needs quoting. The
       * picture is decoded once and imagefreeze repeats it as a live
       * stream paced by the clock, just like a camera.
       *
       * PNG and JPEG get their decoder by name: decodebin, when set to
       * NULL right after it failed to recognise a file, now and then
       * stays in READY and GStreamer then complains on dispose. */
      if (has_suffix_nocase (image_path, ".png"))
        source = "filesrc name=" IMAGE_ELEMENT " ! pngdec ! imagefreeze is-live=true";
      else if (has_suffix_nocase (image_path, ".jpg") || has_suffix_nocase (image_path, ".jpeg"))
        source = "filesrc name=" IMAGE_ELEMENT " ! jpegdec ! imagefreeze is-live=true";
      else
        source = "filesrc name=" IMAGE_ELEMENT " ! decodebin ! imagefreeze is-live=true";
    }

  /* videorate only ever drops frames here (max-rate), so a camera that
   * can only do 30 fps is slowed down rather than refused, and a slower
   * one is left alone. The size range with a square pixel aspect ratio
   * makes videoscale shrink larger frames while keeping their shape. */
  description = g_strdup_printf ("%s ! videorate max-rate=%d ! videoconvert ! videoscale ! "
                                 "video/x-raw,format=RGBA,width=[1,%d],height=[1,%d],pixel-aspect-ratio=1/1 ! "
                                 "appsink name=" _BP_CAMERA_SINK_ELEMENT " max-buffers=1 drop=true sync=false",
                                 source,
                                 MAX_FRAME_RATE,
                                 MAX_FRAME_SIZE,
                                 MAX_FRAME_SIZE);

  /* Without FATAL_ERRORS gst_parse_launch() may hand back a half-built
   * pipeline with a missing element simply left out. */
  pipeline = gst_parse_launch_full (description, NULL, GST_PARSE_FLAG_FATAL_ERRORS, &parse_error);
  if (pipeline == NULL)
    {
      g_set_error (error,
                   BP_CAMERA_ERROR,
                   BP_CAMERA_ERROR_BAD_SOURCE,
                   _ ("The camera source “%s” is not valid: %s"),
                   camera_source,
                   parse_error != NULL ? parse_error->message : _ ("unknown error"));
      return NULL;
    }

  if (image_path != NULL)
    {
      g_autoptr (GstElement) filesrc = gst_bin_get_by_name (GST_BIN (pipeline), IMAGE_ELEMENT);

      g_assert (filesrc != NULL);
      g_object_set (filesrc, "location", image_path, NULL);
    }

  appsink = gst_bin_get_by_name (GST_BIN (pipeline), _BP_CAMERA_SINK_ELEMENT);
  if (appsink == NULL || !GST_IS_APP_SINK (appsink))
    {
      /* Only possible if the source description brought its own element
       * with our sink's name. */
      g_set_error (error,
                   BP_CAMERA_ERROR,
                   BP_CAMERA_ERROR_BAD_SOURCE,
                   _ ("The camera source “%s” must not contain an element named “%s”."),
                   camera_source,
                   _BP_CAMERA_SINK_ELEMENT);
      return NULL;
    }

  return g_steal_pointer (&pipeline);
}
