/* bp-photo-page.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Declarations are aligned by hand, GNOME style. */
/* clang-format off */

#define BP_TYPE_PHOTO_PAGE (bp_photo_page_get_type ())

G_DECLARE_FINAL_TYPE (BpPhotoPage, bp_photo_page, BP, PHOTO_PAGE, AdwBin)

void      bp_photo_page_set_camera_source (BpPhotoPage *self,
                                           const char  *source);
void      bp_photo_page_reset             (BpPhotoPage *self);
GBytes   *bp_photo_page_get_photo         (BpPhotoPage *self);
gboolean  bp_photo_page_get_live          (BpPhotoPage *self);

/* clang-format on */

G_END_DECLS
