// Generates the Prisma clients without downloading Prisma's native schema
// engine: `prisma generate` needs no engine, but the CLI fetches one unless
// PRISMA_SCHEMA_ENGINE_BINARY names an existing file.
//
// Two clients come from the one model in prisma/schema.prisma: SQLite's
// (app/generated/prisma) and PostgreSQL's (app/generated/prisma-postgresql,
// from the schema derived by prisma/postgresql-schema.mjs).
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { tmpdir } from "node:os";
import { currentPostgresqlSchema, GENERATED_POSTGRESQL_SCHEMA_PATH } from "./postgresql-schema.mjs";

const placeholder = join(tmpdir(), "durable-no-schema-engine");
if (!existsSync(placeholder)) {
  mkdirSync(tmpdir(), { recursive: true });
  writeFileSync(placeholder, "");
}
mkdirSync(dirname(GENERATED_POSTGRESQL_SCHEMA_PATH), { recursive: true });
writeFileSync(GENERATED_POSTGRESQL_SCHEMA_PATH, currentPostgresqlSchema("app/generated"));

for (const schema of ["prisma/schema.prisma", GENERATED_POSTGRESQL_SCHEMA_PATH]) {
  const result = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", "generate", "--schema", schema], {
    stdio: "inherit",
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: placeholder, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
