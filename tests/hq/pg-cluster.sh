#!/usr/bin/env bash
# pg-cluster.sh — a throw-away PostgreSQL 15 cluster for the HQ tests.
#
#   pg-cluster.sh start DIR   initdb into DIR (if empty), start it listening on a unix
#                             socket inside DIR only (no TCP), print the libpq conninfo
#   pg-cluster.sh stop DIR    stop it (fast shutdown)
#
# initdb refuses to run as root, so as root the cluster runs as the `postgres` system
# user (made by Debian's postgresql package); otherwise as the calling user.
#
# Copyright 2026 The Borderpost authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

pgbin="${PG_BINDIR:-}"
if [ -z "$pgbin" ]; then
  for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ]; then pgbin="$d"; break; fi
  done
fi
[ -n "$pgbin" ] && [ -x "$pgbin/initdb" ] || { echo "pg-cluster: initdb not found (install postgresql)" >&2; exit 3; }

usage () { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
cmd="$1"
dir="$(mkdir -p "$2" && cd "$2" && pwd)"

as_owner () {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$cmd" in
  start)
    if [ "$(id -u)" = 0 ]; then
      getent passwd postgres >/dev/null || { echo "pg-cluster: no postgres user" >&2; exit 3; }
      chown postgres: "$dir"
      chmod 700 "$dir"
      runuser -u postgres -- test -w "$dir" || {
        echo "pg-cluster: the postgres user cannot reach $dir (make its parents world-searchable)" >&2
        exit 3
      }
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$pgbin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 3; }
    fi
    # listen_addresses='' means no TCP at all; the socket lives in DIR.
    as_owner "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -k $dir -c fsync=off -c max_connections=50" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 3; }
    echo "host=$dir user=postgres dbname=postgres"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$pgbin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    fi
    ;;
  *) usage ;;
esac
