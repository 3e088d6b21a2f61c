/* bp-store-errors.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bp-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>

#include "bp-store-private.h"

/* What the store reports when SQLite or the file system fails: one
 * BP_STORE_ERROR_* code an application can act on, and words that say
 * what did not happen and who can fix it. */

GQuark
bp_store_error_quark (void)
{
  return g_quark_from_static_string ("bp-store-error-quark");
}

BpStoreError
_bp_store_error_code_from_errno (int errsv)
{
  switch (errsv)
    {
    case EACCES:
    case EPERM:
    case EROFS:
    case ENOTDIR:
    case EEXIST:
      return BP_STORE_ERROR_READ_ONLY;
    case ENOSPC:
    case EDQUOT:
      return BP_STORE_ERROR_DISK_FULL;
    default:
      return BP_STORE_ERROR_FAILED;
    }
}

BpStoreError
_bp_store_error_code_from_sqlite (int rc,
                                  int system_errno)
{
  switch (rc & 0xff)
    {
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return BP_STORE_ERROR_READ_ONLY;
    case SQLITE_FULL:
      return BP_STORE_ERROR_DISK_FULL;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return BP_STORE_ERROR_LOCKED;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return BP_STORE_ERROR_CORRUPT;
    case SQLITE_IOERR:
      /* A write that hit a full or read-only disk surfaces as an I/O
       * error; the errno says which. */
      return _bp_store_error_code_from_errno (system_errno);
    default:
      return BP_STORE_ERROR_FAILED;
    }
}

static const char *
message_for (BpStoreOp op,
             BpStoreError code)
{
  switch (op)
    {
    case BP_STORE_OP_OPEN:
      switch (code)
        {
        case BP_STORE_ERROR_READ_ONLY:
          return _ ("The crossing database “%s” cannot be written: the file, its folder or the disk "
                    "is read-only. Ask IT to check where the database is kept and its permissions.");
        case BP_STORE_ERROR_DISK_FULL:
          return _ ("The crossing database “%s” cannot be opened: the disk is full. "
                    "Free some space on the disk and start Borderpost again.");
        case BP_STORE_ERROR_LOCKED:
          return _ ("The crossing database “%s” is in use by another program. "
                    "Close any other copy of Borderpost on this computer and try again.");
        case BP_STORE_ERROR_CORRUPT:
          return _ ("The file “%s” is damaged or is not a Borderpost crossing database. "
                    "Do not delete it: ask IT to keep it and to restore the database from a backup.");
        default:
          return _ ("The crossing database “%s” cannot be opened.");
        }

    case BP_STORE_OP_SAVE:
      switch (code)
        {
        case BP_STORE_ERROR_READ_ONLY:
          return _ ("The crossing could not be saved: the database “%s” cannot be written "
                    "(the disk or the file is read-only). Nothing was recorded. Call IT.");
        case BP_STORE_ERROR_DISK_FULL:
          return _ ("The crossing could not be saved: the disk is full. Nothing was recorded. "
                    "Ask IT to free space on the disk holding “%s”.");
        case BP_STORE_ERROR_LOCKED:
          return _ ("The crossing could not be saved: another program is using the database “%s”. "
                    "Nothing was recorded. Try again in a moment.");
        case BP_STORE_ERROR_CORRUPT:
          return _ ("The crossing could not be saved: the database “%s” is damaged. "
                    "Nothing was recorded. Call IT.");
        default:
          return _ ("The crossing could not be saved to “%s”. Nothing was recorded.");
        }

    case BP_STORE_OP_READ:
    default:
      switch (code)
        {
        case BP_STORE_ERROR_READ_ONLY:
          return _ ("The crossings could not be read: the database “%s” cannot be accessed.");
        case BP_STORE_ERROR_DISK_FULL:
          return _ ("The crossings could not be read: the disk holding “%s” is full.");
        case BP_STORE_ERROR_LOCKED:
          return _ ("The crossings could not be read: another program is using the database “%s”. "
                    "Try again in a moment.");
        case BP_STORE_ERROR_CORRUPT:
          return _ ("The crossings could not be read: the database “%s” is damaged. Call IT.");
        default:
          return _ ("The crossings could not be read from “%s”.");
        }
    }
}

gboolean
_bp_store_set_error (GError **error,
                     BpStoreError code,
                     BpStoreOp op,
                     const char *path,
                     const char *detail)
{
  g_autofree char *message = NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  message = g_strdup_printf (message_for (op, code), path);
#pragma GCC diagnostic pop

  if (detail != NULL && detail[0] != '\0')
    /* Translators: appended to an error message; %s is the system's own words */
    g_set_error (error, BP_STORE_ERROR, code, _ ("%s (Details: %s.)"), message, detail);
  else
    g_set_error_literal (error, BP_STORE_ERROR, code, message);

  return FALSE;
}

gboolean
_bp_store_set_error_from_sqlite (GError **error,
                                 sqlite3 *db,
                                 int rc,
                                 BpStoreOp op,
                                 const char *path)
{
  int system_errno = db ? sqlite3_system_errno (db) : 0;
  BpStoreError code = _bp_store_error_code_from_sqlite (rc, system_errno);
  g_autofree char *detail = NULL;

  /* The extended code and SQLite's message are for IT, who may need to
   * tell a permissions problem from a failing disk. */
  if (code == BP_STORE_ERROR_FAILED || code == BP_STORE_ERROR_READ_ONLY)
    {
      const char *what = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

      if (system_errno != 0 && code == BP_STORE_ERROR_READ_ONLY)
        detail = g_strdup_printf ("%s, %s", what, g_strerror (system_errno));
      else
        detail = g_strdup_printf ("%s, SQLite code %d", what, rc);
    }

  return _bp_store_set_error (error, code, op, path, detail);
}
