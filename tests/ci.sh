#!/usr/bin/env bash
# Installs what the tests need (Debian 12, as root), builds the project twice
# (a normal build, and the core with AddressSanitizer and UndefinedBehaviorSanitizer),
# runs every test, and ends with one line: "N passed, N failed".
set -uo pipefail

top="$(cd "$(dirname "$0")/.." && pwd)"
cd "$top"

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  need_install=0
  while read -r pkg; do
    dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null | grep -q '^ii' || need_install=1
  done < tests/debian-packages.txt
  if [ "$need_install" = 1 ]; then
    echo "Installing Debian packages…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive xargs -a tests/debian-packages.txt \
      apt-get install -y -qq >/dev/null || exit 1
  fi
fi

status=0
build=_build
asan=_build-sanitize

meson setup --reconfigure "$build" >/dev/null 2>&1 || meson setup "$build" || exit 1
ninja -C "$build" || exit 1

meson setup --reconfigure "$asan" -Dgui=false -Db_sanitize=address,undefined -Db_lundef=false \
  >/dev/null 2>&1 || meson setup "$asan" -Dgui=false -Db_sanitize=address,undefined -Db_lundef=false || exit 1
ninja -C "$asan" || exit 1

# A throw-away PostgreSQL cluster for the HQ tests (suite 'hq'), on a unix
# socket only, stopped on the way out whatever happens to the tests.
pg_dir="$(mktemp -d /tmp/bp-ci-pg.XXXXXX)"
chmod 755 "$pg_dir"
stop_pg () {
  bash "$top/tests/hq/pg-cluster.sh" stop "$pg_dir/cluster" >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_pg EXIT
if BORDERPOST_TEST_PG="$(bash "$top/tests/hq/pg-cluster.sh" start "$pg_dir/cluster")"; then
  export BORDERPOST_TEST_PG
else
  # Set but unusable: the HQ tests then fail instead of skipping.
  echo "Could not start PostgreSQL for the HQ tests" >&2
  export BORDERPOST_TEST_PG="host=$pg_dir/cluster user=postgres dbname=postgres"
  status=1
fi

# The GTK tests need a display: a private Xvfb per run.
xvfb-run -a -s "-screen 0 1280x1024x24" \
  env GSK_RENDERER=cairo meson test -C "$build" --print-errorlogs --num-processes 2 || status=1

ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0 \
LSAN_OPTIONS=suppressions="$top/tests/lsan.supp" \
  meson test -C "$asan" --suite core --print-errorlogs --num-processes 2 || status=1

python3 - "$build/meson-logs/testlog.json" "$asan/meson-logs/testlog.json" <<'PY'
import json, sys
passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        lines = open(path).read().splitlines()
    except OSError:
        failed += 1
        continue
    for line in lines:
        result = json.loads(line).get("result")
        if result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY

exit $status
