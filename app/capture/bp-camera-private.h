/* bp-camera-private.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

#define _BP_CAMERA_SINK_ELEMENT "bp-camera-sink"

/* A new pipeline for the source description, ending in an appsink named
 * _BP_CAMERA_SINK_ELEMENT; "image:FILE" shows a still picture as a feed. */
GstElement *_bp_camera_pipeline_new    (const char  *source,
                                        GError     **error);
gboolean    _bp_camera_is_image_source (const char  *source);

/* clang-format on */

G_END_DECLS
