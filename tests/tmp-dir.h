/* tmp-dir.h
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* A fresh folder in the temporary directory that is removed, with all it
 * holds, when the current test ends. */

static inline void
tmp_dir_remove_tree (gpointer data)
{
  const char *path = data;
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        tmp_dir_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static inline void
tmp_dir_remove_and_free (gpointer data)
{
  tmp_dir_remove_tree (data);
  g_free (data);
}

static inline char *
tmp_dir_new (const char *template)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  g_test_queue_destroy (tmp_dir_remove_and_free, g_strdup (dir));
  return dir;
}
