#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite, on a loopback port.
#
#   scripts/throwaway-postgres.sh start <dir> [port]   initdb in <dir>, start, print the server URL
#   scripts/throwaway-postgres.sh stop <dir>           stop it and remove <dir>
#
# The URL names the server's `postgres` database; the tests make a database
# of their own per test file beside it. As root, the server runs as the
# `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail

command_name=${1:-}
dir=${2:-}
port=${3:-54329}
if [ -z "$command_name" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop <dir> [port]" >&2
  exit 1
fi

bin=""
for candidate in /usr/lib/postgresql/*/bin; do
  [ -x "$candidate/initdb" ] && bin=$candidate
done
if [ -z "$bin" ]; then
  bin=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
  [ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries (initdb, pg_ctl) not found" >&2; exit 1; }
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$command_name" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U durable --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # Durability is not needed for a throwaway server; speed is.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgresql://durable@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -d "$dir/data" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true; fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop <dir> [port]" >&2
    exit 1
    ;;
esac
