#!/usr/bin/env bash
# Runs the whole test suite on PostgreSQL.
#   TEST_POSTGRESQL_URL=postgresql://user:pass@host:5432/postgres npm run test:postgresql
# uses a server of your own (the role must be allowed to create databases;
# the tests make and drop databases named durable_test_*). Without it, a
# throwaway server is made with the machine's PostgreSQL binaries (initdb,
# pg_ctl), on a free loopback port, and removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -n "${SKIP_BUILD:-}" ] || npm run --silent build >/dev/null

if [ -z "${TEST_POSTGRESQL_URL:-}" ]; then
  dir=$(mktemp -d /tmp/durable-postgresql-XXXXXX)
  chmod 755 "$dir"
  trap 'scripts/throwaway-postgres.sh stop "$dir/server"; rm -rf "$dir"' EXIT
  port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  TEST_POSTGRESQL_URL=$(scripts/throwaway-postgres.sh start "$dir/server" "$port")
  export TEST_POSTGRESQL_URL
  echo "Throwaway PostgreSQL server at $TEST_POSTGRESQL_URL"
fi

CHECK_POSTGRESQL_URL=$TEST_POSTGRESQL_URL npx tsx prisma/tooling/migrate.ts check
npx vitest run "$@"
