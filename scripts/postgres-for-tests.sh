#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for the test suite and print the URL to export.
#
#   eval "$(scripts/postgres-for-tests.sh)"        # sets WORKBENCH_TEST_POSTGRES_URL
#   scripts/postgres-for-tests.sh stop DIR         # stops the cluster started in DIR, removes DIR
#
# Installs PostgreSQL with apt-get when no server binaries are found (needs root).
# The cluster lives under /tmp (or $PGTEST_DIR), listens on 127.0.0.1 on a free
# port, trusts local connections and runs as the postgres user when started by root.
# stdout carries only the export line; progress and the stop command go to stderr.
set -euo pipefail

log() { echo "postgres-for-tests: $*" >&2; }

find_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"; return 0
  fi
  return 1
}

as_owner() {
  # run a command as the cluster owner: postgres when we are root, else ourselves
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-}" = "stop" ]; then
  dir="${2:?usage: $0 stop DIR}"
  bindir="$(find_bindir)" || { log "no PostgreSQL binaries found"; exit 1; }
  as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  rm -rf "$dir"
  log "stopped and removed $dir"
  exit 0
fi

if ! bindir="$(find_bindir)"; then
  if [ "$(id -u)" != "0" ]; then log "PostgreSQL is not installed and we are not root"; exit 1; fi
  log "installing PostgreSQL with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bindir="$(find_bindir)" || { log "PostgreSQL installed but initdb not found"; exit 1; }
fi

dir="${PGTEST_DIR:-$(mktemp -d /tmp/workbench-pg.XXXXXX)}"
mkdir -p "$dir"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
if [ "$(id -u)" = "0" ]; then chown -R postgres: "$dir"; fi

log "initdb in $dir/data ($bindir)"
as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
  || { log "initdb failed, see $dir/initdb.log"; cat "$dir/initdb.log" >&2; exit 1; }

log "starting on 127.0.0.1:$port"
as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >&2 || { log "server failed to start, see $dir/server.log"; cat "$dir/server.log" >&2; exit 1; }

as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres workbench_test

log "stop it with: $0 stop $dir"
echo "export WORKBENCH_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:$port/workbench_test"
echo "export WORKBENCH_TEST_POSTGRES_DIR=$dir"
