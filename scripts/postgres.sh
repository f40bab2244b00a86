#!/usr/bin/env bash
# Start (or stop) a throwaway PostgreSQL server for the tests, on 127.0.0.1 only.
#   scripts/postgres.sh start   -> prints the URL to export as NEWSTRACE_TEST_POSTGRES_URL
#   scripts/postgres.sh stop
# Installs Debian's postgresql when no server is installed. Runs the server as the
# `postgres` user (PostgreSQL refuses to run as root), in $NEWSTRACE_PG_DIR.
set -euo pipefail
PGDIR="${NEWSTRACE_PG_DIR:-/tmp/newstrace-pg}"
PORT="${NEWSTRACE_PG_PORT:-54329}"
bindir() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$found" ]; then
    export DEBIAN_FRONTEND=noninteractive
    (apt-get update -qq && apt-get install -y -qq postgresql >/dev/null) 1>&2
    found=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  echo "$found"
}
as_postgres() {
  if [ "$(id -u)" = "0" ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
case "${1:-start}" in
  start)
    BIN=$(bindir)
    if [ ! -s "$PGDIR/PG_VERSION" ]; then
      mkdir -p "$PGDIR"
      [ "$(id -u)" = "0" ] && chown postgres "$PGDIR"
      as_postgres "'$BIN/initdb' -D '$PGDIR' -U postgres --auth=trust -E UTF8 >/dev/null"
    fi
    if ! as_postgres "'$BIN/pg_ctl' -D '$PGDIR' status >/dev/null 2>&1"; then
      as_postgres "'$BIN/pg_ctl' -D '$PGDIR' -l '$PGDIR/server.log' -w -o \"-c listen_addresses=127.0.0.1 -p $PORT -k /tmp\" start >/dev/null"
    fi
    as_postgres "psql -h 127.0.0.1 -p $PORT -U postgres -tAc \"SELECT 1 FROM pg_database WHERE datname='newstrace_test'\" | grep -q 1 || createdb -h 127.0.0.1 -p $PORT -U postgres newstrace_test"
    echo "postgresql://postgres@127.0.0.1:$PORT/newstrace_test"
    ;;
  stop)
    BIN=$(bindir)
    as_postgres "'$BIN/pg_ctl' -D '$PGDIR' -m fast stop >/dev/null" || true
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
