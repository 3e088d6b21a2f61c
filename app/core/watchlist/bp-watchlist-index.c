/* bp-watchlist-index.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-watchlist-index"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bp-watchlist-index-private.h"
#include "bp-watchlist-names.h"

#define MAGIC "BPWLIDX\0"
#define PART_SEED 0x5eedu

typedef struct
{
  char magic[8];
  guint32 format_version;
  guint32 header_size;
  guint64 file_size;
  gint64 built;
  guint32 n_entries;
  guint32 n_persons;
  guint32 n_lists;
  guint32 n_doc_keys;
  guint32 n_person_keys;
  guint32 n_parts;
  guint64 lists_offset;
  guint64 entries_offset;
  guint64 doc_keys_offset;
  guint64 person_keys_offset;
  guint64 parts_offset;
  guint64 strings_offset;
  guint64 strings_size;
  guint8 checksum[32];
} Header;

G_STATIC_ASSERT (sizeof (Header) == 144);
G_STATIC_ASSERT (sizeof (BpWatchlistRecord) == 48);
G_STATIC_ASSERT (sizeof (BpWatchlistListInfo) == 24);

struct _BpWatchlistIndex
{
  gatomicrefcount ref_count;
  GBytes *bytes;
  const guint8 *data;
  gsize size;
  const Header *header;
  const BpWatchlistListInfo *lists;
  const BpWatchlistRecord *records;
  const BpWatchlistKey *doc_keys;
  const BpWatchlistKey *person_keys;
  const BpWatchlistKey *parts;
  const char *strings;
};

guint32
bp_watchlist_document_hash (const char *folded)
{
  return bp_watchlist_hash (folded, strlen (folded), 0xd0c);
}

guint32
bp_watchlist_person_hash (const char *key,
                          guint year)
{
  return bp_watchlist_hash (key, strlen (key), year * 0x9e3779b1u + 1);
}

/* Building */

typedef struct
{
  GByteArray *strings;
  GHashTable *shared; /* string → offset, for text many entries repeat */
  GArray *records;
  GArray *doc_keys;
  GArray *person_keys;
  GHashTable *part_counts; /* hash → count */
  guint n_persons;
} Builder;

static guint32
add_string (Builder *b,
            const char *text,
            gboolean shared)
{
  guint32 offset;
  gpointer found;

  if (text == NULL || *text == '\0')
    return 0;

  if (shared && g_hash_table_lookup_extended (b->shared, text, NULL, &found))
    return GPOINTER_TO_UINT (found);

  offset = b->strings->len;
  g_byte_array_append (b->strings, (const guint8 *) text, strlen (text) + 1);
  if (shared)
    g_hash_table_insert (b->shared, g_strdup (text), GUINT_TO_POINTER (offset));

  return offset;
}

static void
copy_code (char *dest,
           gsize size,
           const char *code)
{
  memset (dest, 0, size);
  if (code != NULL)
    memcpy (dest, code, MIN (strlen (code), size));
}

static int
compare_keys (const void *a,
              const void *b)
{
  const BpWatchlistKey *x = a, *y = b;

  if (x->hash != y->hash)
    return x->hash < y->hash ? -1 : 1;
  if (x->value != y->value)
    return x->value < y->value ? -1 : 1;
  return 0;
}

static void
add_person_keys (Builder *b,
                 const BpNameSet *names,
                 guint year,
                 guint32 entry)
{
  guint32 seen[BP_NAME_MAX_PARTS * BP_NAME_MAX_VARIANTS * BP_NAME_KEY_MAX * 2];
  guint32 parts_seen[BP_NAME_MAX_PARTS * BP_NAME_MAX_VARIANTS];
  guint n_seen = 0, n_parts_seen = 0;

  for (guint i = 0; i < names->n_parts; i++)
    for (guint k = 0; k < names->parts[i].n_variants; k++)
      {
        const BpNamePart *part = &names->parts[i];
        BpNameKey keys[2 * BP_NAME_KEY_MAX];
        char folded[BP_NAME_PART_MAX + 1];
        guint n = bp_name_part_keys (part->v[k], part->len[k], keys);
        guint n_folded = bp_name_fold_sounds (part->v[k], part->len[k], folded);
        guint32 ph = bp_watchlist_hash (part->v[k], part->len[k], PART_SEED);
        gboolean dup = FALSE;

        /* Keys of the folded spelling too, so YUSUF finds YOUSEF. */
        if (n_folded != part->len[k] || memcmp (folded, part->v[k], n_folded) != 0)
          n += bp_name_part_keys (folded, n_folded, keys + n);

        for (guint j = 0; j < n; j++)
          {
            BpWatchlistKey key = { bp_watchlist_person_hash (keys[j], year), entry };
            gboolean have = FALSE;

            for (guint s = 0; s < n_seen && !have; s++)
              have = seen[s] == key.hash;
            if (have)
              continue;
            seen[n_seen++] = key.hash;
            g_array_append_val (b->person_keys, key);
          }

        for (guint s = 0; s < n_parts_seen && !dup; s++)
          dup = parts_seen[s] == ph;
        if (!dup)
          {
            gpointer count = g_hash_table_lookup (b->part_counts, GUINT_TO_POINTER (ph));

            parts_seen[n_parts_seen++] = ph;
            g_hash_table_insert (b->part_counts, GUINT_TO_POINTER (ph),
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
          }
      }
}

static void
add_entry (Builder *b,
           guint8 list,
           const BpWatchlistEntry *entry)
{
  BpWatchlistRecord rec = { 0 };
  guint32 index = b->records->len;
  BpWatchlistDate date = 0;

  rec.id = add_string (b, entry->id, FALSE);
  rec.family_name = add_string (b, entry->family_name, TRUE);
  rec.given_names = add_string (b, entry->given_names, TRUE);
  rec.reason = add_string (b, entry->reason, TRUE);
  rec.action = add_string (b, entry->action, TRUE);
  if (entry->birth_date != NULL && bp_watchlist_date_parse (entry->birth_date, &date))
    rec.birth_date = date;
  if (entry->valid_until != NULL && bp_watchlist_date_parse (entry->valid_until, &date))
    rec.valid_until = date;
  copy_code (rec.issuing_state, sizeof rec.issuing_state, entry->issuing_state);
  copy_code (rec.nationality, sizeof rec.nationality, entry->nationality);
  copy_code (rec.document_type, sizeof rec.document_type, entry->document_type);
  rec.list = list;
  rec.kind = entry->kind;
  rec.sex = entry->sex != NULL ? (guint8) entry->sex[0] : 0;

  if (entry->document_number != NULL)
    {
      g_autofree char *number = bp_document_number_normalise (entry->document_number);

      if (*number != '\0')
        {
          BpWatchlistKey key;

          rec.document_number = add_string (b, number, FALSE);
          bp_document_number_fold (number);
          key.hash = bp_watchlist_document_hash (number);
          key.value = index;
          g_array_append_val (b->doc_keys, key);
        }
    }

  if (entry->kind == BP_WATCHLIST_KIND_PERSON)
    {
      BpNameSet names = { 0 };
      g_autofree char *text = NULL;

      bp_name_normalise (entry->family_name, BP_NAME_ROLE_FAMILY, &names);
      bp_name_normalise (entry->given_names, BP_NAME_ROLE_GIVEN, &names);
      text = bp_name_set_to_string (&names);
      rec.names = add_string (b, text, TRUE);
      add_person_keys (b, &names, BP_WATCHLIST_DATE_YEAR (rec.birth_date), index);
      b->n_persons++;
    }

  g_array_append_val (b->records, rec);
}

static gboolean
write_all (int fd,
           GChecksum *checksum,
           const void *data,
           gsize len,
           GError **error)
{
  const guint8 *p = data;

  if (checksum != NULL)
    g_checksum_update (checksum, data, len);

  while (len > 0)
    {
      ssize_t n = write (fd, p, MIN (len, 1 << 24));

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_IO,
                       _ ("Could not write the alert-list index: %s"), g_strerror (saved));
          return FALSE;
        }
      p += n;
      len -= n;
    }

  return TRUE;
}

static gboolean
write_padding (int fd,
               GChecksum *checksum,
               guint64 *offset,
               GError **error)
{
  static const guint8 zeros[8] = { 0 };
  guint pad = (8 - (*offset % 8)) % 8;

  *offset += pad;
  return pad == 0 || write_all (fd, checksum, zeros, pad, error);
}

static void
seal_header (Header *header,
             const guint8 *body_digest)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize len = sizeof header->checksum;

  /* The checksum covers the header (with the checksum field zeroed) and
   * the digest of everything after it. */
  memset (header->checksum, 0, sizeof header->checksum);
  g_checksum_update (sum, (const guint8 *) header, sizeof *header);
  g_checksum_update (sum, body_digest, 32);
  g_checksum_get_digest (sum, header->checksum, &len);
}

/* SHA-256 of the body. OpenSSL's is several times faster than GLib's,
 * which matters for an index of a gigabyte checked at every start. */
static gboolean
digest_body (const guint8 *data,
             gsize size,
             guint8 *digest)
{
  unsigned int len = 32;

  return EVP_Digest (data, size, digest, &len, EVP_sha256 (), NULL) == 1 && len == 32;
}

void
_bp_watchlist_index_reseal (guint8 *data,
                            gsize size)
{
  guint8 body[32];
  Header header;

  if (size < sizeof header || !digest_body (data + sizeof header, size - sizeof header, body))
    return;
  memcpy (&header, data, sizeof header);
  seal_header (&header, body);
  memcpy (data, &header, sizeof header);
}

static void
builder_clear (Builder *b)
{
  g_clear_pointer (&b->strings, g_byte_array_unref);
  g_clear_pointer (&b->shared, g_hash_table_unref);
  g_clear_pointer (&b->records, g_array_unref);
  g_clear_pointer (&b->doc_keys, g_array_unref);
  g_clear_pointer (&b->person_keys, g_array_unref);
  g_clear_pointer (&b->part_counts, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Builder, builder_clear)

gboolean
bp_watchlist_index_build (const char *path,
                          const BpWatchlistBuildList *lists,
                          guint n_lists,
                          GError **error)
{
  g_auto (Builder) b = { 0 };
  g_autoptr (GChecksum) body = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (GArray) parts = g_array_new (FALSE, FALSE, sizeof (BpWatchlistKey));
  g_autofree BpWatchlistListInfo *infos = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *dir = NULL;
  Header header = { 0 };
  guint64 offset;
  GHashTableIter iter;
  gpointer k, v;
  int fd;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (lists != NULL || n_lists == 0, FALSE);

  if (n_lists > 255)
    {
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_FAILED,
                   _ ("Too many alert lists: at most 255 can be installed."));
      return FALSE;
    }

  b.strings = g_byte_array_new ();
  b.shared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  b.records = g_array_new (FALSE, FALSE, sizeof (BpWatchlistRecord));
  b.doc_keys = g_array_new (FALSE, FALSE, sizeof (BpWatchlistKey));
  b.person_keys = g_array_new (FALSE, FALSE, sizeof (BpWatchlistKey));
  b.part_counts = g_hash_table_new (NULL, NULL);
  g_byte_array_append (b.strings, (const guint8 *) "", 1);

  infos = g_new0 (BpWatchlistListInfo, MAX (n_lists, 1));
  for (guint i = 0; i < n_lists; i++)
    {
      guint before = b.records->len;

      infos[i].name = add_string (&b, lists[i].name, TRUE);
      infos[i].version = lists[i].version;
      infos[i].updated = lists[i].updated;
      for (guint e = 0; e < lists[i].entries->len; e++)
        {
          const BpWatchlistEntry *entry = g_ptr_array_index (lists[i].entries, e);

          if (!entry->deleted)
            add_entry (&b, (guint8) i, entry);
        }
      infos[i].n_entries = b.records->len - before;
    }

  if (b.records->len >= G_MAXUINT32 / 2 || b.strings->len >= G_MAXUINT32 - 1)
    {
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_FAILED,
                   _ ("The alert lists are too large for one index."));
      return FALSE;
    }

  g_hash_table_iter_init (&iter, b.part_counts);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      BpWatchlistKey key = { GPOINTER_TO_UINT (k), GPOINTER_TO_UINT (v) };
      g_array_append_val (parts, key);
    }

  if (b.doc_keys->len > 1)
    qsort (b.doc_keys->data, b.doc_keys->len, sizeof (BpWatchlistKey), compare_keys);
  if (b.person_keys->len > 1)
    qsort (b.person_keys->data, b.person_keys->len, sizeof (BpWatchlistKey), compare_keys);
  if (parts->len > 1)
    qsort (parts->data, parts->len, sizeof (BpWatchlistKey), compare_keys);

  memcpy (header.magic, MAGIC, 8);
  header.format_version = BP_WATCHLIST_INDEX_VERSION;
  header.header_size = sizeof header;
  header.built = g_get_real_time () / G_USEC_PER_SEC;
  header.n_entries = b.records->len;
  header.n_persons = b.n_persons;
  header.n_lists = n_lists;
  header.n_doc_keys = b.doc_keys->len;
  header.n_person_keys = b.person_keys->len;
  header.n_parts = parts->len;
  offset = sizeof header;
  header.lists_offset = offset;
  offset += (guint64) n_lists * sizeof (BpWatchlistListInfo);
  header.entries_offset = offset;
  offset += (guint64) b.records->len * sizeof (BpWatchlistRecord);
  header.doc_keys_offset = offset;
  offset += (guint64) b.doc_keys->len * sizeof (BpWatchlistKey);
  header.person_keys_offset = offset;
  offset += (guint64) b.person_keys->len * sizeof (BpWatchlistKey);
  header.parts_offset = offset;
  offset += (guint64) parts->len * sizeof (BpWatchlistKey);
  header.strings_offset = offset;
  header.strings_size = b.strings->len;
  offset += b.strings->len;
  header.file_size = offset + (8 - offset % 8) % 8;

  dir = g_path_get_dirname (path);
  tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_IO,
                   _ ("Could not create a new alert-list index in “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  /* Every section is a multiple of 8 bytes except the string table, which
   * comes last and is padded. */
  offset = header.strings_offset + header.strings_size;
  ok = write_all (fd, NULL, &header, sizeof header, error) && write_all (fd, body, infos, (gsize) n_lists * sizeof (BpWatchlistListInfo), error) && write_all (fd, body, b.records->data, (gsize) b.records->len * sizeof (BpWatchlistRecord), error) && write_all (fd, body, b.doc_keys->data, (gsize) b.doc_keys->len * sizeof (BpWatchlistKey), error) && write_all (fd, body, b.person_keys->data, (gsize) b.person_keys->len * sizeof (BpWatchlistKey), error) && write_all (fd, body, parts->data, (gsize) parts->len * sizeof (BpWatchlistKey), error) && write_all (fd, body, b.strings->data, b.strings->len, error) && write_padding (fd, body, &offset, error);

  if (ok)
    {
      guint8 digest[32];
      gsize digest_len = sizeof digest;

      g_checksum_get_digest (body, digest, &digest_len);
      seal_header (&header, digest);
      if (pwrite (fd, &header, sizeof header, 0) != (ssize_t) sizeof header || fsync (fd) != 0)
        {
          int saved = errno;
          g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_IO,
                       _ ("Could not write the alert-list index: %s"), g_strerror (saved));
          ok = FALSE;
        }
    }

  close (fd);
  if (ok && g_rename (tmp_path, path) != 0)
    {
      int saved = errno;
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_IO,
                   _ ("Could not put the new alert-list index in place: %s"), g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    {
      g_unlink (tmp_path);
      return FALSE;
    }

  /* Make the rename itself durable. */
  fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }

  return TRUE;
}

/* Loading */

static gboolean
corrupt (GError **error,
         const char *what)
{
  g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_CORRUPT,
               /* Translators: %s says what is wrong, in English, for IT staff. */
               _ ("The alert-list index is damaged (%s). Import the lists again to rebuild it."), what);
  return FALSE;
}

static gboolean
section_fits (gsize size,
              guint64 offset,
              guint64 count,
              gsize elem)
{
  if (offset % 8 != 0 || offset > size)
    return FALSE;
  return count <= (size - offset) / elem;
}

static gboolean
keys_valid (const BpWatchlistKey *keys,
            guint n,
            guint n_entries,
            gboolean entries)
{
  for (guint i = 0; i < n; i++)
    {
      if (entries && keys[i].value >= n_entries)
        return FALSE;
      if (i > 0 && keys[i - 1].hash > keys[i].hash)
        return FALSE;
    }

  return TRUE;
}

static gboolean
index_validate (BpWatchlistIndex *self,
                GError **error)
{
  const Header *h;
  Header copy;
  guint8 body[32];
  guint64 strings_size;

  if (G_BYTE_ORDER != G_LITTLE_ENDIAN)
    return corrupt (error, "not a little-endian machine");
  if (self->size < sizeof (Header) || self->data == NULL)
    return corrupt (error, "too short");

  h = self->header = (const Header *) self->data;
  if (memcmp (h->magic, MAGIC, 8) != 0)
    return corrupt (error, "not an index");
  if (h->format_version > BP_WATCHLIST_INDEX_VERSION)
    {
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_TOO_NEW,
                   _ ("The alert-list index was made by a newer version of Borderpost (format %u)."),
                   h->format_version);
      return FALSE;
    }
  if (h->format_version != BP_WATCHLIST_INDEX_VERSION || h->header_size != sizeof (Header))
    return corrupt (error, "unknown format");
  if (h->file_size != self->size)
    return corrupt (error, "truncated or extended");

  if (!digest_body (self->data + sizeof (Header), self->size - sizeof (Header), body))
    return corrupt (error, "checksum failed");
  memcpy (&copy, h, sizeof copy);
  seal_header (&copy, body);
  if (memcmp (copy.checksum, h->checksum, sizeof copy.checksum) != 0)
    return corrupt (error, "checksum mismatch");

  if (h->n_lists > 255 || !section_fits (self->size, h->lists_offset, h->n_lists, sizeof (BpWatchlistListInfo)) || !section_fits (self->size, h->entries_offset, h->n_entries, sizeof (BpWatchlistRecord)) || !section_fits (self->size, h->doc_keys_offset, h->n_doc_keys, sizeof (BpWatchlistKey)) || !section_fits (self->size, h->person_keys_offset, h->n_person_keys, sizeof (BpWatchlistKey)) || !section_fits (self->size, h->parts_offset, h->n_parts, sizeof (BpWatchlistKey)) || h->strings_offset > self->size || h->strings_size > self->size - h->strings_offset || h->strings_size == 0 || h->strings_size >= G_MAXUINT32 || h->n_persons > h->n_entries)
    return corrupt (error, "bad section bounds");

  self->lists = (const BpWatchlistListInfo *) (self->data + h->lists_offset);
  self->records = (const BpWatchlistRecord *) (self->data + h->entries_offset);
  self->doc_keys = (const BpWatchlistKey *) (self->data + h->doc_keys_offset);
  self->person_keys = (const BpWatchlistKey *) (self->data + h->person_keys_offset);
  self->parts = (const BpWatchlistKey *) (self->data + h->parts_offset);
  self->strings = (const char *) (self->data + h->strings_offset);
  strings_size = h->strings_size;

  /* Every string ends inside the table, so any offset below its size reads
   * a terminated string. */
  if (self->strings[0] != '\0' || self->strings[strings_size - 1] != '\0')
    return corrupt (error, "bad string table");

  for (guint i = 0; i < h->n_lists; i++)
    if (self->lists[i].name >= strings_size || self->strings[self->lists[i].name] == '\0')
      return corrupt (error, "bad list table");

  for (guint i = 0; i < h->n_entries; i++)
    {
      const BpWatchlistRecord *r = &self->records[i];

      if (r->id >= strings_size || r->document_number >= strings_size || r->family_name >= strings_size || r->given_names >= strings_size || r->names >= strings_size || r->reason >= strings_size || r->action >= strings_size || r->list >= h->n_lists || r->kind > BP_WATCHLIST_KIND_PERSON)
        return corrupt (error, "bad entry");
    }

  if (!keys_valid (self->doc_keys, h->n_doc_keys, h->n_entries, TRUE) || !keys_valid (self->person_keys, h->n_person_keys, h->n_entries, TRUE) || !keys_valid (self->parts, h->n_parts, 0, FALSE))
    return corrupt (error, "bad key table");

  return TRUE;
}

BpWatchlistIndex *
bp_watchlist_index_new_from_bytes (GBytes *bytes,
                                   GError **error)
{
  BpWatchlistIndex *self;

  g_return_val_if_fail (bytes != NULL, NULL);

  self = g_new0 (BpWatchlistIndex, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->bytes = g_bytes_ref (bytes);
  self->data = g_bytes_get_data (bytes, &self->size);

  /* The tables are read in place: they must be aligned. */
  if (self->data != NULL && ((guintptr) self->data % 8) != 0)
    {
      GBytes *copy = g_bytes_new (self->data, self->size);

      g_bytes_unref (self->bytes);
      self->bytes = copy;
      self->data = g_bytes_get_data (copy, &self->size);
    }

  if (!index_validate (self, error))
    {
      bp_watchlist_index_unref (self);
      return NULL;
    }

  return self;
}

BpWatchlistIndex *
bp_watchlist_index_open (const char *path,
                         GError **error)
{
  g_autoptr (GMappedFile) map = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  map = g_mapped_file_new (path, FALSE, &local_error);
  if (map == NULL)
    {
      g_set_error (error, BP_WATCHLIST_ERROR, BP_WATCHLIST_ERROR_IO,
                   _ ("Could not open the alert-list index: %s"), local_error->message);
      return NULL;
    }

  bytes = g_mapped_file_get_bytes (map);

  return bp_watchlist_index_new_from_bytes (bytes, error);
}

BpWatchlistIndex *
bp_watchlist_index_ref (BpWatchlistIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
bp_watchlist_index_unref (BpWatchlistIndex *self)
{
  if (self == NULL)
    return;

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_bytes_unref (self->bytes);
      g_free (self);
    }
}

guint
bp_watchlist_index_get_n_entries (BpWatchlistIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->header->n_entries;
}

guint
bp_watchlist_index_get_n_persons (BpWatchlistIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->header->n_persons;
}

gint64
bp_watchlist_index_get_built (BpWatchlistIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->header->built;
}

gsize
bp_watchlist_index_get_size (BpWatchlistIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->size;
}

guint
bp_watchlist_index_get_n_lists (BpWatchlistIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->header->n_lists;
}

const BpWatchlistListInfo *
bp_watchlist_index_get_list (BpWatchlistIndex *self,
                             guint i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->header->n_lists, NULL);
  return &self->lists[i];
}

const BpWatchlistRecord *
bp_watchlist_index_get_record (BpWatchlistIndex *self,
                               guint i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->header->n_entries, NULL);
  return &self->records[i];
}

const char *
bp_watchlist_index_get_string (BpWatchlistIndex *self,
                               guint32 offset)
{
  g_return_val_if_fail (self != NULL, "");
  if (offset >= self->header->strings_size)
    return "";
  return self->strings + offset;
}

static const BpWatchlistKey *
find_keys (const BpWatchlistKey *keys,
           guint n_keys,
           guint32 hash,
           guint *n)
{
  guint lo = 0, hi = n_keys, start;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (keys[mid].hash < hash)
        lo = mid + 1;
      else
        hi = mid;
    }
  start = lo;
  while (lo < n_keys && keys[lo].hash == hash)
    lo++;
  *n = lo - start;

  return keys + start;
}

const BpWatchlistKey *
bp_watchlist_index_find_documents (BpWatchlistIndex *self,
                                   guint32 hash,
                                   guint *n)
{
  g_return_val_if_fail (self != NULL && n != NULL, NULL);
  return find_keys (self->doc_keys, self->header->n_doc_keys, hash, n);
}

const BpWatchlistKey *
bp_watchlist_index_find_persons (BpWatchlistIndex *self,
                                 guint32 hash,
                                 guint *n)
{
  g_return_val_if_fail (self != NULL && n != NULL, NULL);
  return find_keys (self->person_keys, self->header->n_person_keys, hash, n);
}

guint
bp_watchlist_index_part_count (BpWatchlistIndex *self,
                               const char *part,
                               guint len)
{
  const BpWatchlistKey *key;
  guint n;

  g_return_val_if_fail (self != NULL, 0);

  key = find_keys (self->parts, self->header->n_parts, bp_watchlist_hash (part, len, PART_SEED), &n);

  return n > 0 ? key->value : 0;
}
