import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { createAdapterFactory } from "../../app/db-adapter.server";
import { POSTGRESQL_MIGRATIONS_DIR, SQLITE_MIGRATIONS_DIR } from "../../prisma/postgresql-schema.mjs";
import { databaseUrlFor, withPostgresqlClient } from "../../prisma/tooling/postgresql";
import { applyMigrations } from "../../prisma/tooling/schema-engine";

declare module "vitest" {
  export interface ProvidedContext {
    /** SQLite: the template file. PostgreSQL: the template database's name. */
    templateDatabase: string;
    testRunId: string;
  }
}

/**
 * Migrates one template database for the whole run; each test file then
 * starts from its own copy of it (test/helpers/database.ts), which is much
 * faster than migrating per file and keeps files independent.
 */
export default async function setup(project: TestProject) {
  const runId = randomBytes(4).toString("hex");
  project.provide("testRunId", runId);
  const serverUrl = process.env.TEST_POSTGRESQL_URL;
  if (!serverUrl) {
    console.log("Database engine for this run: SQLite");
    const dir = mkdtempSync(join(tmpdir(), "durable-template-"));
    const file = join(dir, "template.db");
    await applyMigrations({ url: `file:${file}`, migrationsDir: SQLITE_MIGRATIONS_DIR });
    project.provide("templateDatabase", file);
    return () => rmSync(dir, { recursive: true, force: true });
  }

  const server = new URL(serverUrl);
  console.log(`Database engine for this run: PostgreSQL (${server.host})`);
  const prefix = `durable_test_${runId}_`;
  const template = `${prefix}template`;
  await withPostgresqlClient(serverUrl, (client) => client.query(`CREATE DATABASE "${template}"`));
  await applyMigrations({ adapterFactory: createAdapterFactory(databaseUrlFor(serverUrl, template)), migrationsDir: POSTGRESQL_MIGRATIONS_DIR });
  project.provide("templateDatabase", template);
  return () =>
    withPostgresqlClient(serverUrl, async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE starts_with(datname, $1)",
        [prefix],
      );
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    });
}
