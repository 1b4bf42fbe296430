import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../prisma/tooling/schema-engine";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

/**
 * Migrates one database file for the whole run; each test file then starts
 * from its own copy of it (test/setup/database.ts), which is much faster than
 * migrating per file and keeps files independent.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "durable-template-"));
  const file = join(dir, "template.db");
  await applyMigrations({ url: `file:${file}`, migrationsDir: "prisma/migrations" });
  project.provide("templateDatabase", file);
  return () => rmSync(dir, { recursive: true, force: true });
}
