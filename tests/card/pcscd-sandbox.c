/* pcscd-sandbox.c
 *
 * Copyright 2026 The Borderpost authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pcscd-sandbox"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <winscard.h>

#include "../tmp-dir.h"
#include "pcscd-sandbox.h"

#define VPCD_DRIVER "/usr/lib/pcsc/drivers/serial/libifdvpcd.so"

struct _PcscdSandbox
{
  char *pcscd;
  char *unshare;
  char *dir;
  char *socket;
  gboolean isolated; /* in a mount namespace of its own */
  guint16 port;
  GPid pid;
};

/* Runs in the namespace: /run/pcscd becomes our directory, the USB driver
 * directory an empty tmpfs, then pcscd takes over the process. */
static const char script[] = "set -e\n"
                             "[ -d /run/pcscd ] || mkdir -p /run/pcscd\n"
                             "mount --bind \"$1/run\" /run/pcscd\n"
                             "[ ! -d /usr/lib/pcsc/drivers ] || mount -t tmpfs -o size=64k,mode=0755 borderpost-test /usr/lib/pcsc/drivers\n"
                             "exec \"$2\" --foreground --auto-exit --config \"$1/reader.conf.d\" >\"$1/pcscd.log\" 2>&1\n";

/* Without mount namespaces (a container without CAP_SYS_ADMIN) pcscd can
 * only run as the system's, which is done only when none runs. */
static const char direct_script[] = "exec \"$2\" --foreground --auto-exit --config \"$1/reader.conf.d\" >\"$1/pcscd.log\" 2>&1\n";

#define SYSTEM_SOCKET "/run/pcscd/pcscd.comm"

static void
child_setup (gpointer data)
{
  /* Kept across exec: pcscd goes when the test process goes, even when
   * an assertion aborts it. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* Two consecutive free TCP ports, for vpcd's two slots. */
static guint16
find_ports (GError **error)
{
  for (guint attempt = 0; attempt < 20; attempt++)
    {
      g_autoptr (GSocket) first = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
      g_autoptr (GSocket) second = NULL;
      g_autoptr (GInetAddress) any = g_inet_address_new_any (G_SOCKET_FAMILY_IPV4);
      g_autoptr (GSocketAddress) address = g_inet_socket_address_new (any, 0);
      g_autoptr (GSocketAddress) bound = NULL;
      g_autoptr (GSocketAddress) next = NULL;
      guint16 port;

      if (first == NULL || !g_socket_bind (first, address, FALSE, error))
        return 0;
      bound = g_socket_get_local_address (first, error);
      if (bound == NULL)
        return 0;
      port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
      if (port >= 65535)
        continue;
      second = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
      if (second == NULL)
        return 0;
      next = g_inet_socket_address_new (any, port + 1);
      if (g_socket_bind (second, next, FALSE, NULL))
        return port;
    }
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE, "No two consecutive free TCP ports");
  return 0;
}

static gboolean
socket_answers (const char *path)
{
  struct sockaddr_un address = { .sun_family = AF_UNIX };
  int fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  gboolean ok;

  g_strlcpy (address.sun_path, path, sizeof address.sun_path);
  ok = connect (fd, (struct sockaddr *) &address, sizeof address) == 0;
  close (fd);
  return ok;
}

static gboolean
reader_listed (void)
{
  SCARDCONTEXT context;
  char names[4096] = { 0 };
  DWORD len = sizeof names - 1;
  gboolean found = FALSE;

  if (SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &context) != SCARD_S_SUCCESS)
    return FALSE;
  if (SCardListReaders (context, NULL, names, &len) == SCARD_S_SUCCESS)
    for (const char *p = names; *p != '\0'; p += strlen (p) + 1)
      found |= g_str_equal (p, PCSCD_SANDBOX_READER);
  SCardReleaseContext (context);
  return found;
}

static gboolean
write_config (PcscdSandbox *self,
              GError **error)
{
  g_autofree char *conf_dir = g_build_filename (self->dir, "reader.conf.d", NULL);
  g_autofree char *run_dir = g_build_filename (self->dir, "run", NULL);
  g_autofree char *driver = g_build_filename (self->dir, "libifdvpcd.so", NULL);
  g_autofree char *conf = g_build_filename (conf_dir, "vpcd", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *driver_data = NULL;
  gsize driver_len;

  if (g_mkdir (conf_dir, 0755) != 0 || g_mkdir (run_dir, 0755) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "Cannot make %s: %s", conf_dir, g_strerror (errno));
      return FALSE;
    }
  /* A copy of the driver outside the directory the namespace hides. */
  if (!g_file_get_contents (VPCD_DRIVER, &driver_data, &driver_len, error)
      || !g_file_set_contents_full (driver, driver_data, driver_len, G_FILE_SET_CONTENTS_NONE, 0755, error))
    return FALSE;
  /* vpcd reads its port from DEVICENAME /dev/null:PORT (slot n listens on
   * PORT + n). */
  contents = g_strdup_printf ("FRIENDLYNAME \"Virtual PCD\"\n"
                              "DEVICENAME   /dev/null:%u\n"
                              "LIBPATH      %s\n",
                              self->port, driver);
  return g_file_set_contents (conf, contents, -1, error);
}

/* Starts pcscd and waits until it lists vpcd's first reader. */
static gboolean
spawn (PcscdSandbox *self,
       GError **error)
{
  const char *argv[] = { self->unshare, "--mount", "--propagation", "private", "/bin/sh", "-c", script, "sh", self->dir, self->pcscd, NULL };
  const char *direct_argv[] = { "/bin/sh", "-c", direct_script, "sh", self->dir, self->pcscd, NULL };
  gint64 deadline;

  /* Root gets a mount namespace; anyone else also needs a user namespace
   * in which to be root. */
  if (getuid () != 0)
    argv[1] = "--map-root-user", argv[2] = "--mount", argv[3] = "--propagation=private";
  if (!g_spawn_async (NULL, (char **) (self->isolated ? argv : direct_argv), NULL, G_SPAWN_DO_NOT_REAP_CHILD, child_setup,
                      NULL, &self->pid, error))
    return FALSE;

  deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (!(socket_answers (self->socket) && reader_listed ()))
    {
      int status;

      if (waitpid (self->pid, &status, WNOHANG) == self->pid)
        {
          g_autofree char *log = pcscd_sandbox_dup_log (self);

          g_spawn_close_pid (self->pid);
          self->pid = 0;
          g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED, "pcscd in its namespace ended at once (wait status %d): %s",
                       status, log);
          return FALSE;
        }
      if (g_get_monotonic_time () > deadline)
        {
          g_autofree char *log = pcscd_sandbox_dup_log (self);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "pcscd did not list %s within 10 s: %s",
                       PCSCD_SANDBOX_READER, log);
          return FALSE;
        }
      g_usleep (20 * 1000);
    }
  return TRUE;
}

/* Whether unshare can give us a mount namespace we may mount in. */
static gboolean
namespaces_work (PcscdSandbox *self,
                 char **why)
{
  g_autofree char *run_dir = g_build_filename (self->dir, "run", NULL);
  const char *argv[] = { self->unshare, "--mount", "--propagation", "private", "mount", "--bind", run_dir, run_dir, NULL };
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  if (getuid () != 0)
    argv[1] = "--map-root-user", argv[2] = "--mount", argv[3] = "--propagation=private";
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error))
    {
      *why = g_strdup (error->message);
      return FALSE;
    }
  if (!g_spawn_check_wait_status (status, NULL))
    {
      *why = g_strdup (g_strstrip (err));
      return FALSE;
    }
  return TRUE;
}

PcscdSandbox *
pcscd_sandbox_start (char **skip_reason,
                     GError **error)
{
  g_autofree char *pcscd = g_find_program_in_path ("pcscd");
  g_autofree char *unshare = g_find_program_in_path ("unshare");
  g_autofree char *run_dir = NULL;
  g_autofree char *why = NULL;
  PcscdSandbox *self;

  g_return_val_if_fail (skip_reason != NULL && *skip_reason == NULL, NULL);

  if (pcscd == NULL && g_file_test ("/usr/sbin/pcscd", G_FILE_TEST_IS_EXECUTABLE))
    pcscd = g_strdup ("/usr/sbin/pcscd");
  if (pcscd == NULL || !g_file_test (VPCD_DRIVER, G_FILE_TEST_EXISTS))
    {
      *skip_reason = g_strdup ("pcscd and vpcd are not installed (Debian packages pcscd and vsmartcard-vpcd)");
      return NULL;
    }
  if (unshare == NULL)
    {
      *skip_reason = g_strdup ("unshare (util-linux) is not installed");
      return NULL;
    }

  self = g_new0 (PcscdSandbox, 1);
  self->pcscd = g_steal_pointer (&pcscd);
  self->unshare = g_steal_pointer (&unshare);
  self->dir = g_dir_make_tmp ("borderpost-pcscd-XXXXXX", error);
  if (self->dir == NULL)
    goto fail;
  run_dir = g_build_filename (self->dir, "run", NULL);
  self->socket = g_build_filename (run_dir, "pcscd.comm", NULL);
  self->port = find_ports (error);
  if (self->port == 0 || !write_config (self, error))
    goto fail;
  self->isolated = namespaces_work (self, &why);
  if (!self->isolated)
    {
      if (socket_answers (SYSTEM_SOCKET))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "A pcscd of the test's own needs a mount namespace (%s), and the system's pcscd is running, so "
                       "it cannot take its place either",
                       why);
          goto fail;
        }
      g_debug ("No mount namespace (%s): running pcscd on %s, as none runs there", why, SYSTEM_SOCKET);
      g_free (self->socket);
      self->socket = g_strdup (SYSTEM_SOCKET);
    }
  g_setenv ("PCSCLITE_CSOCK_NAME", self->socket, TRUE);
  if (!spawn (self, error))
    goto fail;
  return self;

fail:
  pcscd_sandbox_stop (self);
  return NULL;
}

void
pcscd_sandbox_kill (PcscdSandbox *self)
{
  int status;
  gint64 deadline;

  g_return_if_fail (self != NULL);

  if (self->pid == 0)
    return;
  deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  kill (self->pid, SIGTERM);
  while (waitpid (self->pid, &status, WNOHANG) == 0)
    {
      if (g_get_monotonic_time () > deadline)
        {
          kill (self->pid, SIGKILL);
          waitpid (self->pid, &status, 0);
          break;
        }
      g_usleep (10 * 1000);
    }
  g_spawn_close_pid (self->pid);
  self->pid = 0;
}

gboolean
pcscd_sandbox_restart (PcscdSandbox *self,
                       GError **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  pcscd_sandbox_kill (self);
  return spawn (self, error);
}

void
pcscd_sandbox_stop (PcscdSandbox *self)
{
  if (self == NULL)
    return;

  pcscd_sandbox_kill (self);
  if (self->dir != NULL)
    tmp_dir_remove_tree (self->dir);
  g_free (self->dir);
  g_free (self->socket);
  g_free (self->pcscd);
  g_free (self->unshare);
  g_free (self);
}

guint16
pcscd_sandbox_get_port (PcscdSandbox *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->port;
}

const char *
pcscd_sandbox_get_socket (PcscdSandbox *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->socket;
}

char *
pcscd_sandbox_dup_log (PcscdSandbox *self)
{
  g_autofree char *path = NULL;
  char *contents = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  path = g_build_filename (self->dir, "pcscd.log", NULL);
  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return g_strdup ("(no log)");
  return contents;
}
