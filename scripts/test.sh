#!/usr/bin/env bash
# The whole test suite, on each database engine this machine can run:
# SQLite always; PostgreSQL when TEST_POSTGRESQL_URL names a server or the
# PostgreSQL server binaries are installed (a throwaway server is made).
set -uo pipefail
cd "$(dirname "$0")/.."

npx remix build || exit 1

echo
echo "=== Test suite on SQLite ==="
started=$SECONDS
npx vitest run "$@"
sqlite=$?
sqlite_time=$((SECONDS - started))

have_postgresql() {
  [ -n "${TEST_POSTGRESQL_URL:-}" ] && return 0
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1
}
postgresql=0
echo
if have_postgresql; then
  echo "=== Test suite on PostgreSQL ==="
  started=$SECONDS
  SKIP_BUILD=1 bash scripts/test-postgresql.sh "$@"
  postgresql=$?
  postgresql_time=$((SECONDS - started))
else
  echo "=== Test suite on PostgreSQL: not run (no PostgreSQL server binaries; set TEST_POSTGRESQL_URL to use a server) ==="
fi

echo
echo "SQLite: $([ $sqlite -eq 0 ] && echo passed || echo FAILED) in ${sqlite_time} s." \
  "PostgreSQL: $(have_postgresql && { [ $postgresql -eq 0 ] && echo "passed" || echo "FAILED"; } || echo "not run")${postgresql_time:+ in ${postgresql_time} s}."
[ $sqlite -eq 0 ] && [ $postgresql -eq 0 ]
