#!/usr/bin/env bash
# The whole test suite, on each database engine this machine can run:
# SQLite always; PostgreSQL when TEST_POSTGRESQL_URL names a server or the
# PostgreSQL server binaries are installed (a throwaway server is made).
# With TEST_ENGINES_AT_ONCE=1 the two halves run at the same time (faster on
# a machine with cores to spare; their logs are printed one after the other).
set -uo pipefail
cd "$(dirname "$0")/.."

npm run --silent build || exit 1

have_postgresql() {
  [ -n "${TEST_POSTGRESQL_URL:-}" ] && return 0
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1
}

run_sqlite() {
  echo "=== Test suite on SQLite ==="
  local started=$SECONDS
  npx vitest run "$@"
  local status=$?
  echo "$status $((SECONDS - started))" >"$results/sqlite"
}

run_postgresql() {
  if have_postgresql; then
    echo "=== Test suite on PostgreSQL ==="
    local started=$SECONDS
    SKIP_BUILD=1 bash scripts/test-postgresql.sh "$@"
    local status=$?
    echo "$status $((SECONDS - started))" >"$results/postgresql"
  else
    echo "=== Test suite on PostgreSQL: not run (no PostgreSQL server binaries; set TEST_POSTGRESQL_URL to use a server) ==="
  fi
}

results=$(mktemp -d /tmp/durable-test-results-XXXXXX)
trap 'rm -rf "$results"' EXIT

echo
if [ -n "${TEST_ENGINES_AT_ONCE:-}" ]; then
  run_sqlite "$@" >"$results/sqlite.log" 2>&1 &
  sqlite_pid=$!
  run_postgresql "$@" >"$results/postgresql.log" 2>&1 &
  postgresql_pid=$!
  wait $sqlite_pid $postgresql_pid
  cat "$results/sqlite.log"
  echo
  cat "$results/postgresql.log"
else
  run_sqlite "$@"
  echo
  run_postgresql "$@"
fi

read -r sqlite sqlite_time <"$results/sqlite" 2>/dev/null || { sqlite=1; sqlite_time=0; }
postgresql=0
postgresql_time=""
if have_postgresql; then
  read -r postgresql postgresql_time <"$results/postgresql" 2>/dev/null || postgresql=1
fi

echo
echo "SQLite: $([ "$sqlite" -eq 0 ] && echo passed || echo FAILED) in ${sqlite_time} s." \
  "PostgreSQL: $(have_postgresql && { [ "$postgresql" -eq 0 ] && echo "passed" || echo "FAILED"; } || echo "not run")${postgresql_time:+ in ${postgresql_time} s}."
[ "$sqlite" -eq 0 ] && [ "$postgresql" -eq 0 ]
