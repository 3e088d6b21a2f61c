/* bp-watchlist.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-watchlist"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "bp-watchlist-private.h"

/* The lists directory holds one installed copy per list, "<list>.jsonl"
 * (a header line, then one entry per line: a valid full import of that
 * list), and the index built from them, "index.bpwl". The copies are what
 * the index is rebuilt from. */
#define SOURCE_SUFFIX ".jsonl"

struct _BpWatchlist
{
  GObject parent_instance;

  char *dir;
  GMutex lock; /* guards index: readers take a reference and let go */
  /* One load or import at a time: each reads the files the other writes,
   * and a load that finished after an import would put its older index
   * back in use. */
  GMutex write_lock;
  BpWatchlistIndex *index;
};

G_DEFINE_FINAL_TYPE (BpWatchlist, bp_watchlist, G_TYPE_OBJECT)

typedef struct
{
  char *name;
  guint version;
  gint64 updated;
  GPtrArray *entries; /* NULL until read */
} Source;

static void
source_free (Source *source)
{
  g_free (source->name);
  g_clear_pointer (&source->entries, g_ptr_array_unref);
  g_free (source);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Source, source_free)

static char *
source_path (BpWatchlist *self,
             const char *name)
{
  g_autofree char *file = g_strconcat (name, SOURCE_SUFFIX, NULL);

  return g_build_filename (self->dir, file, NULL);
}

static gboolean
read_file (const char *path,
           char **data,
           gsize *length,
           GError **error)
{
  g_autoptr (GError) local_error = NULL;

  if (!g_file_get_contents (path, data, length, &local_error))
    {
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_IO,
                   _ ("Could not read “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* Reads an installed list; entries only when asked, since the header is
 * enough to see whether the index is current. */
static Source *
read_source (BpWatchlist *self,
             const char *name,
             gboolean entries,
             GError **error)
{
  g_autofree char *path = source_path (self, name);
  g_autofree char *data = NULL;
  g_autoptr (BpWatchlistImport) import = NULL;
  g_autoptr (GError) local_error = NULL;
  gsize length = 0;
  Source *source;

  if (entries)
    {
      if (!read_file (path, &data, &length, error))
        return NULL;
    }
  else
    {
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autoptr (GFileInputStream) stream = g_file_read (file, NULL, &local_error);
      g_autoptr (GDataInputStream) lines = NULL;

      if (stream == NULL)
        {
          g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_IO,
                       _ ("Could not read “%s”: %s"), path, local_error->message);
          return NULL;
        }
      lines = g_data_input_stream_new (G_INPUT_STREAM (stream));
      data = g_data_input_stream_read_line (lines, &length, NULL, NULL);
      if (data == NULL)
        data = g_strdup ("");
      length = strlen (data);
    }

  import = bp_watchlist_import_parse (data, length, name, FALSE, &local_error);
  if (import == NULL || !import->has_header)
    {
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_CORRUPT,
                   /* Translators: the first %s is a file, the second what is wrong with it. */
                   _ ("The installed list “%s” is damaged: %s"), path,
                   local_error ? local_error->message : _ ("it has no header line"));
      return NULL;
    }

  source = g_new0 (Source, 1);
  source->name = g_strdup (name);
  source->version = import->version;
  source->updated = import->updated;
  if (entries)
    source->entries = g_steal_pointer (&import->entries);

  return source;
}

/* g_ptr_array_sort passes pointers to the elements. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static GPtrArray *
list_sources (BpWatchlist *self,
              GError **error)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *file;

  dir = g_dir_open (self->dir, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&names);
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_IO,
                   _ ("Could not read the alert-list directory: %s"), local_error->message);
      return NULL;
    }

  while ((file = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *name = NULL;

      if (!g_str_has_suffix (file, SOURCE_SUFFIX))
        continue;
      name = g_strndup (file, strlen (file) - strlen (SOURCE_SUFFIX));
      if (bp_watchlist_list_name_is_valid (name))
        g_ptr_array_add (names, g_steal_pointer (&name));
    }
  g_ptr_array_sort (names, compare_names);

  return g_steal_pointer (&names);
}

static void
set_index (BpWatchlist *self,
           BpWatchlistIndex *index)
{
  BpWatchlistIndex *old;

  g_mutex_lock (&self->lock);
  old = self->index;
  self->index = index != NULL ? bp_watchlist_index_ref (index) : NULL;
  g_mutex_unlock (&self->lock);

  g_clear_pointer (&old, bp_watchlist_index_unref);
}

BpWatchlistIndex *
_bp_watchlist_dup_index (BpWatchlist *self)
{
  BpWatchlistIndex *index;

  g_mutex_lock (&self->lock);
  index = self->index != NULL ? bp_watchlist_index_ref (self->index) : NULL;
  g_mutex_unlock (&self->lock);

  return index;
}

/* Builds the index from the sources given (entries read) plus every other
 * installed list read from disk, and swaps it in. */
static gboolean
rebuild (BpWatchlist *self,
         GPtrArray *changed,
         GError **error)
{
  g_autoptr (GPtrArray) names = list_sources (self, error);
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  g_autofree BpWatchlistBuildList *build = NULL;
  g_autofree char *path = g_build_filename (self->dir, BP_WATCHLIST_INDEX_FILE, NULL);
  g_autoptr (BpWatchlistIndex) index = NULL;

  if (names == NULL)
    return FALSE;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      Source *source = NULL;

      for (guint c = 0; changed != NULL && c < changed->len && source == NULL; c++)
        if (g_str_equal (((Source *) g_ptr_array_index (changed, c))->name, name))
          source = g_ptr_array_index (changed, c);

      if (source == NULL)
        {
          source = read_source (self, name, TRUE, error);
          if (source == NULL)
            return FALSE;
          g_ptr_array_add (sources, source);
        }
      else
        {
          /* Borrowed from changed: hand a shallow copy to the builder. */
          Source *copy = g_new0 (Source, 1);

          copy->name = g_strdup (source->name);
          copy->version = source->version;
          copy->updated = source->updated;
          copy->entries = g_ptr_array_ref (source->entries);
          g_ptr_array_add (sources, copy);
        }
    }

  build = g_new0 (BpWatchlistBuildList, MAX (sources->len, 1));
  for (guint i = 0; i < sources->len; i++)
    {
      Source *source = g_ptr_array_index (sources, i);

      build[i].name = source->name;
      build[i].version = source->version;
      build[i].updated = source->updated;
      build[i].entries = source->entries;
    }

  if (!bp_watchlist_index_build (path, build, sources->len, error))
    return FALSE;

  index = bp_watchlist_index_open (path, error);
  if (index == NULL)
    return FALSE;

  set_index (self, index);

  return TRUE;
}

static gboolean
index_is_current (BpWatchlistIndex *index,
                  GPtrArray *sources)
{
  if (bp_watchlist_index_get_n_lists (index) != sources->len)
    return FALSE;

  for (guint i = 0; i < sources->len; i++)
    {
      Source *source = g_ptr_array_index (sources, i);
      gboolean found = FALSE;

      for (guint l = 0; l < bp_watchlist_index_get_n_lists (index) && !found; l++)
        {
          const BpWatchlistListInfo *info = bp_watchlist_index_get_list (index, l);

          found = g_str_equal (bp_watchlist_index_get_string (index, info->name), source->name) && info->version == source->version;
        }
      if (!found)
        return FALSE;
    }

  return TRUE;
}

gboolean
bp_watchlist_load (BpWatchlist *self,
                   GError **error)
{
  g_autofree char *path = NULL;
  g_autoptr (GPtrArray) names = NULL;
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  g_autoptr (BpWatchlistIndex) index = NULL;
  g_autoptr (GError) index_error = NULL;
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (BP_IS_WATCHLIST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (&self->write_lock);
  names = list_sources (self, error);
  if (names == NULL)
    return FALSE;
  for (guint i = 0; i < names->len; i++)
    {
      Source *source = read_source (self, g_ptr_array_index (names, i), FALSE, error);

      if (source == NULL)
        return FALSE;
      g_ptr_array_add (sources, source);
    }

  path = g_build_filename (self->dir, BP_WATCHLIST_INDEX_FILE, NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    index = bp_watchlist_index_open (path, &index_error);

  /* An index shipped ready-built, with no lists beside it, is used as it is. */
  if (index != NULL && (sources->len == 0 || index_is_current (index, sources)))
    {
      set_index (self, index);
      return TRUE;
    }

  if (sources->len == 0)
    {
      if (index_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&index_error));
          return FALSE;
        }
      set_index (self, NULL);
      return TRUE;
    }

  return rebuild (self, NULL, error);
}

static void
load_thread (GTask *task,
             gpointer source_object,
             gpointer task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (bp_watchlist_load (BP_WATCHLIST (source_object), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
bp_watchlist_load_async (BpWatchlist *self,
                         GCancellable *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (BP_IS_WATCHLIST (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bp_watchlist_load_async);
  g_task_run_in_thread (task, load_thread);
}

gboolean
bp_watchlist_load_finish (BpWatchlist *self,
                          GAsyncResult *result,
                          GError **error)
{
  g_return_val_if_fail (BP_IS_WATCHLIST (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
write_source (BpWatchlist *self,
              Source *source,
              GError **error)
{
  g_autofree char *path = source_path (self, source->name);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GError) local_error = NULL;

  g_string_append_printf (text, "{\"kind\":\"header\",\"list\":\"%s\",\"version\":%u,\"updated\":%" G_GINT64_FORMAT "}\n",
                          source->name, source->version, source->updated);
  for (guint i = 0; i < source->entries->len; i++)
    {
      g_autofree char *line = bp_watchlist_entry_to_json (g_ptr_array_index (source->entries, i));

      g_string_append (text, line);
      g_string_append_c (text, '\n');
    }

  /* g_file_set_contents_full writes a temporary file, fsyncs and renames. */
  if (!g_file_set_contents_full (path, text->str, text->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, &local_error))
    {
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_IO,
                   _ ("Could not save list “%s”: %s"), source->name, local_error->message);
      return FALSE;
    }

  return TRUE;
}

static Source *
apply_delta (BpWatchlist *self,
             BpWatchlistImport *import,
             GError **error)
{
  g_autoptr (Source) source = NULL;
  g_autoptr (GHashTable) by_id = NULL;
  g_autofree char *path = source_path (self, import->list);
  GPtrArray *entries;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_NEEDS_FULL_RELOAD,
                   _ ("List “%s” is not installed, so a delta cannot be applied: a full reload is needed."),
                   import->list);
      return NULL;
    }

  source = read_source (self, import->list, TRUE, error);
  if (source == NULL)
    {
      /* A delta cannot go on a damaged list either: that too needs the
       * full list, which replaces it. */
      if (error != NULL && g_error_matches (*error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_CORRUPT))
        (*error)->code = BP_WATCHLIST_ERROR_NEEDS_FULL_RELOAD;
      return NULL;
    }

  if (source->version != import->base_version)
    {
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_NEEDS_FULL_RELOAD,
                   /* Translators: a list name, then version numbers. */
                   _ ("The delta for list “%s” applies to version %u, but version %u is installed: a full reload is needed."),
                   import->list, import->base_version, source->version);
      return NULL;
    }

  /* Index the installed entries by id, then add, replace and delete. */
  by_id = g_hash_table_new (g_str_hash, g_str_equal);
  entries = source->entries;
  for (guint i = 0; i < entries->len; i++)
    g_hash_table_insert (by_id, ((BpWatchlistEntry *) g_ptr_array_index (entries, i))->id, GUINT_TO_POINTER (i + 1));

  for (guint i = 0; i < import->entries->len; i++)
    {
      BpWatchlistEntry *entry = g_ptr_array_index (import->entries, i);
      guint at = GPOINTER_TO_UINT (g_hash_table_lookup (by_id, entry->id));

      if (entry->deleted)
        {
          if (at != 0)
            {
              BpWatchlistEntry *old = g_ptr_array_index (entries, at - 1);

              g_hash_table_remove (by_id, old->id);
              /* Mark now, drop below, so the positions stay valid. */
              old->deleted = TRUE;
            }
          continue;
        }
      if (at != 0)
        {
          /* The table's key is the old entry's id: drop it first. */
          g_hash_table_remove (by_id, entry->id);
          bp_watchlist_entry_free (g_ptr_array_index (entries, at - 1));
          g_ptr_array_index (entries, at - 1) = bp_watchlist_entry_copy (entry);
          g_hash_table_insert (by_id, ((BpWatchlistEntry *) g_ptr_array_index (entries, at - 1))->id,
                               GUINT_TO_POINTER (at));
        }
      else
        {
          g_ptr_array_add (entries, bp_watchlist_entry_copy (entry));
          g_hash_table_insert (by_id, ((BpWatchlistEntry *) g_ptr_array_index (entries, entries->len - 1))->id,
                               GUINT_TO_POINTER (entries->len));
        }
    }

  for (guint i = entries->len; i > 0; i--)
    if (((BpWatchlistEntry *) g_ptr_array_index (entries, i - 1))->deleted)
      g_ptr_array_remove_index (entries, i - 1);

  source->version = import->version;

  return g_steal_pointer (&source);
}

gboolean
bp_watchlist_import_data (BpWatchlist *self,
                          const char *data,
                          gsize length,
                          const char *list,
                          BpWatchlistImportFlags flags,
                          GError **error)
{
  gboolean delta = (flags & BP_WATCHLIST_IMPORT_DELTA) != 0;
  g_autoptr (BpWatchlistImport) import = NULL;
  g_autoptr (GPtrArray) changed = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (BP_IS_WATCHLIST (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (&self->write_lock);

  import = bp_watchlist_import_parse (data, length, list, delta, error);
  if (import == NULL)
    return FALSE;

  if (g_mkdir_with_parents (self->dir, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_IO,
                   _ ("Could not create the alert-list directory “%s”: %s"), self->dir, g_strerror (saved));
      return FALSE;
    }

  if (delta)
    {
      Source *source = apply_delta (self, import, error);

      if (source == NULL)
        return FALSE;
      source->updated = now;
      g_ptr_array_add (changed, source);
    }
  else
    {
      /* A full import replaces each list it names, as a whole. */
      g_autoptr (GHashTable) by_list = g_hash_table_new (g_str_hash, g_str_equal);

      if (import->list != NULL)
        {
          Source *source = g_new0 (Source, 1);

          source->name = g_strdup (import->list);
          source->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_watchlist_entry_free);
          g_ptr_array_add (changed, source);
          g_hash_table_insert (by_list, source->name, source);
        }
      for (guint i = 0; i < import->entries->len; i++)
        {
          BpWatchlistEntry *entry = g_ptr_array_index (import->entries, i);
          Source *source = g_hash_table_lookup (by_list, entry->list);

          if (source == NULL)
            {
              source = g_new0 (Source, 1);
              source->name = g_strdup (entry->list);
              source->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_watchlist_entry_free);
              g_ptr_array_add (changed, source);
              g_hash_table_insert (by_list, source->name, source);
            }
          g_ptr_array_add (source->entries, g_steal_pointer (&g_ptr_array_index (import->entries, i)));
        }
      g_ptr_array_set_free_func (import->entries, NULL);

      if (changed->len == 0)
        {
          g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                       _ ("The file holds no entries and names no list: nothing to import."));
          return FALSE;
        }

      for (guint i = 0; i < changed->len; i++)
        {
          Source *source = g_ptr_array_index (changed, i);
          g_autofree char *path = source_path (self, source->name);
          guint installed = 0;

          if (g_file_test (path, G_FILE_TEST_EXISTS))
            {
              g_autoptr (Source) old = read_source (self, source->name, FALSE, NULL);

              installed = old != NULL ? old->version : 0;
            }

          if (import->has_header && import->version < installed && !(flags & BP_WATCHLIST_IMPORT_ANY_VERSION))
            {
              g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_INVALID,
                           _ ("List “%s” version %u is older than the installed version %u; nothing changed."),
                           source->name, import->version, installed);
              return FALSE;
            }
          source->version = import->has_header ? import->version : installed + 1;
          source->updated = now;
        }
    }

  for (guint i = 0; i < changed->len; i++)
    if (!write_source (self, g_ptr_array_index (changed, i), error))
      return FALSE;

  return rebuild (self, changed, error);
}

gboolean
bp_watchlist_import_file (BpWatchlist *self,
                          const char *path,
                          const char *list,
                          BpWatchlistImportFlags flags,
                          GError **error)
{
  g_autoptr (GMappedFile) map = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (BP_IS_WATCHLIST (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  map = g_mapped_file_new (path, FALSE, &local_error);
  if (map == NULL)
    {
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_IO,
                   _ ("Could not read “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  return bp_watchlist_import_data (self, g_mapped_file_get_contents (map) ? g_mapped_file_get_contents (map) : "",
                                   g_mapped_file_get_length (map), list, flags, error);
}

GPtrArray *
bp_watchlist_get_lists (BpWatchlist *self)
{
  g_autoptr (BpWatchlistIndex) index = NULL;
  GPtrArray *lists;

  g_return_val_if_fail (BP_IS_WATCHLIST (self), NULL);

  lists = g_ptr_array_new_with_free_func ((GDestroyNotify) bp_watchlist_list_status_free);
  index = _bp_watchlist_dup_index (self);
  if (index == NULL)
    return lists;

  for (guint i = 0; i < bp_watchlist_index_get_n_lists (index); i++)
    {
      const BpWatchlistListInfo *info = bp_watchlist_index_get_list (index, i);
      BpWatchlistListStatus *status = g_new0 (BpWatchlistListStatus, 1);

      status->name = g_strdup (bp_watchlist_index_get_string (index, info->name));
      status->version = info->version;
      status->n_entries = info->n_entries;
      status->updated = info->updated;
      g_ptr_array_add (lists, status);
    }

  return lists;
}

gint64
bp_watchlist_get_built (BpWatchlist *self)
{
  g_autoptr (BpWatchlistIndex) index = NULL;

  g_return_val_if_fail (BP_IS_WATCHLIST (self), 0);

  index = _bp_watchlist_dup_index (self);
  return index != NULL ? bp_watchlist_index_get_built (index) : 0;
}

gsize
bp_watchlist_get_index_size (BpWatchlist *self)
{
  g_autoptr (BpWatchlistIndex) index = NULL;

  g_return_val_if_fail (BP_IS_WATCHLIST (self), 0);

  index = _bp_watchlist_dup_index (self);
  return index != NULL ? bp_watchlist_index_get_size (index) : 0;
}

guint
bp_watchlist_get_n_entries (BpWatchlist *self)
{
  g_autoptr (BpWatchlistIndex) index = NULL;

  g_return_val_if_fail (BP_IS_WATCHLIST (self), 0);

  index = _bp_watchlist_dup_index (self);
  return index != NULL ? bp_watchlist_index_get_n_entries (index) : 0;
}

char *
bp_watchlist_dup_default_dir (void)
{
  const char *env = g_getenv ("BORDERPOST_LISTS_DIR");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "borderpost", "lists", NULL);
}

BpWatchlist *
bp_watchlist_new (const char *dir)
{
  BpWatchlist *self;

  g_return_val_if_fail (dir != NULL, NULL);

  self = g_object_new (BP_TYPE_WATCHLIST, NULL);
  self->dir = g_strdup (dir);

  return self;
}

const char *
bp_watchlist_get_dir (BpWatchlist *self)
{
  g_return_val_if_fail (BP_IS_WATCHLIST (self), NULL);
  return self->dir;
}

static void
bp_watchlist_finalize (GObject *object)
{
  BpWatchlist *self = (BpWatchlist *) object;

  g_clear_pointer (&self->index, bp_watchlist_index_unref);
  g_clear_pointer (&self->dir, g_free);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->write_lock);

  G_OBJECT_CLASS (bp_watchlist_parent_class)->finalize (object);
}

static void
bp_watchlist_class_init (BpWatchlistClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bp_watchlist_finalize;
}

static void
bp_watchlist_init (BpWatchlist *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->write_lock);
}
