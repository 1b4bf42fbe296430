import { randomUUID } from "node:crypto";
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type pg from "pg";
import { inject } from "vitest";
import { databaseUrlFor, withPostgresqlClient } from "../../prisma/tooling/postgresql";

/**
 * The suite runs on SQLite, or on PostgreSQL when TEST_POSTGRESQL_URL names a
 * server (its `postgres` database, say): then every test file and every app
 * started by a test gets a database of its own on that server, made from a
 * migrated template database (CREATE DATABASE … TEMPLATE, a file copy inside
 * the server), as SQLite's get a copy of a migrated file.
 */
export const testEngine: "sqlite" | "postgresql" = process.env.TEST_POSTGRESQL_URL ? "postgresql" : "sqlite";

/** A name prefix shared by the databases of one run, so its teardown can drop them all. */
export function runDatabasePrefix(): string {
  return `durable_test_${inject("testRunId")}_`;
}

/** A database of this run's server, by name. */
export function postgresqlUrlFor(database: string): string {
  return databaseUrlFor(process.env.TEST_POSTGRESQL_URL!, database);
}

/** A connection to the server's own database (TEST_POSTGRESQL_URL), for making and dropping test databases. */
export function withPostgresqlServer<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  return withPostgresqlClient(process.env.TEST_POSTGRESQL_URL!, fn);
}

/** A new database, migrated like the template and empty, with a folder beside it for files; returns its URL. */
export async function freshTestDatabase(): Promise<{ url: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), "durable-test-"));
  if (testEngine === "sqlite") {
    const file = join(dir, "test.db");
    copyFileSync(inject("templateDatabase"), file);
    return { url: `file:${file}`, dir };
  }
  const name = `${runDatabasePrefix()}${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const template = inject("templateDatabase");
  // Copying a template needs it to have no other sessions; parallel files may copy at the same moment.
  for (let attempt = 0; ; attempt++) {
    try {
      await withPostgresqlServer((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
      break;
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
  return { url: postgresqlUrlFor(name), dir };
}
