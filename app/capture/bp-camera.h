/* bp-camera.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  BP_CAMERA_STATE_STOPPED,
  BP_CAMERA_STATE_STARTING,
  BP_CAMERA_STATE_RUNNING,
  BP_CAMERA_STATE_ERROR,
} BpCameraState;

#define BP_TYPE_CAMERA_STATE (bp_camera_state_get_type ())

#define BP_CAMERA_ERROR (bp_camera_error_quark ())

typedef enum
{
  BP_CAMERA_ERROR_BAD_SOURCE, /* the source description does not parse */
  BP_CAMERA_ERROR_NO_DEVICE,  /* no camera, or it went away */
  BP_CAMERA_ERROR_NO_FRAME,   /* nothing to capture yet */
  BP_CAMERA_ERROR_ENCODE,
} BpCameraError;

#define BP_TYPE_CAMERA (bp_camera_get_type ())

G_DECLARE_FINAL_TYPE (BpCamera, bp_camera, BP, CAMERA, GObject)

/* source is a GStreamer source description, e.g. "v4l2src",
 * "v4l2src device=/dev/video1", "videotestsrc is-live=true", or
 * "image:/path/portrait.png" for a still image shown as a live feed.
 * The rest of the pipeline (convert to RGBA, appsink) is added here.
 * Signals are emitted on the thread-default main context of the caller
 * of bp_camera_new(). No GTK: frames are plain RGBA bytes. */
/* clang-format off */
GQuark         bp_camera_error_quark    (void);
GType          bp_camera_state_get_type (void) G_GNUC_CONST;
BpCamera      *bp_camera_new            (const char   *source) G_GNUC_WARN_UNUSED_RESULT;
const char    *bp_camera_get_source     (BpCamera     *self);
BpCameraState  bp_camera_get_state      (BpCamera     *self);
const char    *bp_camera_get_error_message (BpCamera  *self);

gboolean       bp_camera_start          (BpCamera     *self,
                                         GError      **error);
void           bp_camera_stop           (BpCamera     *self);

/* The last frame, RGBA (stride = width * 4), or NULL before the first. */
GBytes        *bp_camera_dup_last_frame (BpCamera     *self,
                                         int          *width,
                                         int          *height) G_GNUC_WARN_UNUSED_RESULT;
/* The last frame encoded as JPEG (quality 90). */
GBytes        *bp_camera_capture_jpeg   (BpCamera     *self,
                                         GError      **error) G_GNUC_WARN_UNUSED_RESULT;
/* clang-format on */

/* Signals:
 *   "frame" (GBytes *rgba, int width, int height): a new frame arrived.
 *   notify::state and notify::error-message.
 */

G_END_DECLS
