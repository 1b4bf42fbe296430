// Migrations: schema.prisma and prisma/migrations must agree, and the
// migrations must apply cleanly through the WebAssembly schema engine.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  applyMigrations,
  createMigration,
  diffSchemaAgainstMigrations,
} from "../prisma/tooling/schema-engine.ts";
import { postgresqlDrift } from "../prisma/tooling/postgresql-drift.ts";
import {
  currentPostgresqlSchema,
  derivePostgresqlSchema,
  POSTGRESQL_MIGRATIONS_DIR,
  POSTGRESQL_SCHEMA_PATH,
} from "../prisma/postgresql-schema.mjs";
import { testEngine } from "./helpers/database";

const root = fileURLToPath(new URL("..", import.meta.url));
const schemaPath = join(root, "prisma/schema.prisma");
const migrationsDir = join(root, "prisma/migrations");
const TIMEOUT = 60_000;

const migrationNames = () =>
  readdirSync(migrationsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

/** Model names of schema.prisma, i.e. the tables the migrations must create. */
const modelNames = () =>
  [...readFileSync(schemaPath, "utf8").matchAll(/^model\s+(\w+)\s*\{/gm)].map((m) => m[1]);

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), "durable-migrations-"));
});
afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe("prisma/migrations", () => {
  it(
    "agree with prisma/schema.prisma (if this fails: tsx prisma/tooling/migrate.ts create <name>)",
    async () => {
      const { drift, sql } = await diffSchemaAgainstMigrations({ schemaPath, migrationsDir });
      expect(sql).toBe("");
      expect(drift).toBe(false);
    },
    TIMEOUT,
  );

  it(
    "are reported as drifting when the schema changes without a migration",
    async () => {
      const changed = join(tmp, "schema.prisma");
      writeFileSync(changed, `${readFileSync(schemaPath, "utf8")}\nmodel DriftProbe {\n  id String @id\n}\n`);
      const { drift, sql } = await diffSchemaAgainstMigrations({ schemaPath: changed, migrationsDir });
      expect(drift).toBe(true);
      expect(sql).toContain('CREATE TABLE "DriftProbe"');
    },
    TIMEOUT,
  );

  it(
    "apply to a fresh database, are recorded in _prisma_migrations, and apply only once",
    async () => {
      const url = `file:${join(tmp, "fresh.db")}`;
      const applied = await applyMigrations({ url, migrationsDir });
      expect(applied).toEqual(migrationNames());
      expect(applied.length).toBeGreaterThan(0);

      const db = new Database(join(tmp, "fresh.db"), { readonly: true });
      try {
        const tables = db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
          .all()
          .map((r) => (r as { name: string }).name);
        for (const model of modelNames()) expect(tables).toContain(model);
        const rows = db
          .prepare("SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name")
          .all() as { migration_name: string; finished_at: unknown; rolled_back_at: unknown }[];
        expect(rows.map((r) => r.migration_name)).toEqual(applied);
        for (const row of rows) {
          expect(row.finished_at).not.toBeNull();
          expect(row.rolled_back_at).toBeNull();
        }
      } finally {
        db.close();
      }

      expect(await applyMigrations({ url, migrationsDir })).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "leave the database file free for other connections after applying",
    async () => {
      const file = join(tmp, "lock.db");
      await applyMigrations({ url: `file:${file}`, migrationsDir });
      // timeout 0: SQLITE_BUSY at once if the engine's exclusive lock were still held.
      const db = new Database(file, { timeout: 0 });
      try {
        db.prepare("INSERT INTO LoginFailure (id, keyHash) VALUES (?, ?)").run("test-id", "test-hash");
        expect(db.prepare("SELECT count(*) AS n FROM LoginFailure").get()).toEqual({ n: 1 });
        expect(db.pragma("locking_mode", { simple: true })).toBe("normal");
      } finally {
        db.close();
      }
    },
    TIMEOUT,
  );
});

describe("the migration that marks people created at check-in", () => {
  it(
    "marks those the audit log says check-in created, by the method of their first check-in, and nobody else",
    async () => {
      const folder = "20261205124019_person_created_via";
      const before = join(tmp, "migrations");
      mkdirSync(before);
      copyFileSync(join(migrationsDir, "migration_lock.toml"), join(before, "migration_lock.toml"));
      for (const name of migrationNames().filter((name) => name < folder)) {
        mkdirSync(join(before, name));
        copyFileSync(join(migrationsDir, name, "migration.sql"), join(before, name, "migration.sql"));
      }
      const file = join(tmp, "older.db");
      await applyMigrations({ url: `file:${file}`, migrationsDir: before });
      const db = new Database(file);
      try {
        // Rows as the app wrote them before the column (foreign keys off: no event row is needed for this).
        db.pragma("foreign_keys = OFF");
        const person = db.prepare(`INSERT INTO "Person" ("id", "name", "updatedAt") VALUES (?, ?, CURRENT_TIMESTAMP)`);
        const audit = db.prepare(`INSERT INTO "AuditLog" ("id", "action", "subjectType", "subjectId", "details") VALUES (?, 'person.created', 'Person', ?, ?)`);
        const attended = db.prepare(`INSERT INTO "Attendance" ("id", "eventId", "personId", "day", "method", "checkedInAt") VALUES (?, 'event-1', ?, ?, ?, ?)`);
        for (const id of ["from-sheet", "at-door", "no-attendance-left", "imported"]) person.run(id, id);
        audit.run("a1", "from-sheet", '{"via":"check-in"}');
        audit.run("a2", "at-door", '{"via":"check-in"}');
        audit.run("a3", "no-attendance-left", '{"via":"check-in"}');
        audit.run("a4", "imported", '{"via":"import"}');
        attended.run("t1", "from-sheet", "2026-03-27", "PAPER", "2026-03-27T10:00:00.000Z");
        attended.run("t2", "from-sheet", "2026-03-28", "WALK_IN", "2026-03-28T10:00:00.000Z");
        attended.run("t3", "at-door", "2026-03-27", "WALK_IN", "2026-03-27T09:00:00.000Z");
        attended.run("t4", "imported", "2026-03-27", "PAPER", "2026-03-27T09:00:00.000Z");
      } finally {
        db.close();
      }
      expect(await applyMigrations({ url: `file:${file}`, migrationsDir })).toEqual([folder, ...migrationNames().filter((name) => name > folder)]);
      const after = new Database(file, { readonly: true });
      try {
        const rows = after.prepare(`SELECT "id", "createdVia" FROM "Person" ORDER BY "id"`).all();
        expect(rows).toEqual([
          { id: "at-door", createdVia: "WALK_IN" },
          { id: "from-sheet", createdVia: "PAPER" },
          { id: "imported", createdVia: null },
          { id: "no-attendance-left", createdVia: "WALK_IN" },
        ]);
      } finally {
        after.close();
      }
    },
    TIMEOUT,
  );
});

describe("createMigration", () => {
  it(
    "writes the first migration and the lock file, then refuses when nothing changed",
    async () => {
      const dir = join(tmp, "migrations");
      const schema = join(tmp, "schema.prisma");
      copyFileSync(schemaPath, schema);
      mkdirSync(dir);

      const folder = await createMigration({
        schemaPath: schema,
        migrationsDir: dir,
        name: "init",
        now: new Date("2026-01-02T03:04:05Z"),
      });
      expect(folder).toBe(join(dir, "20260102030405_init"));
      expect(readFileSync(join(folder!, "migration.sql"), "utf8")).toContain('CREATE TABLE "User"');
      expect(readFileSync(join(dir, "migration_lock.toml"), "utf8")).toMatch(/^provider = "sqlite"$/m);

      expect(await createMigration({ schemaPath: schema, migrationsDir: dir, name: "again" })).toBeNull();
      expect(readdirSync(dir).sort()).toEqual(["20260102030405_init", "migration_lock.toml"]);
    },
    TIMEOUT,
  );
});

describe("@prisma/schema-engine-wasm", () => {
  it("is the build that the installed prisma expects", () => {
    const require = createRequire(import.meta.url);
    const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));
    const prismaVersion: string = require("prisma/package.json").version;
    const enginesPath = join(root, "node_modules/@prisma/engines/package.json");
    expect(existsSync(enginesPath)).toBe(true);
    const engines = readJson(enginesPath);
    expect(engines.version).toBe(prismaVersion);
    const expected: string = engines.dependencies["@prisma/engines-version"];
    const wasm = readJson(join(root, "node_modules/@prisma/schema-engine-wasm/package.json"));
    // e.g. 7.10.0-4.0edf323efd1d98336f3f0a68684b56f689b900d3: same build, same engine commit.
    expect(wasm.version).toBe(expected);
    expect(wasm.version.split(".").at(-1)).toBe(expected.split(".").at(-1));
  });
});

describe("prisma/postgresql (the PostgreSQL twin)", () => {
  it("holds the schema derived from prisma/schema.prisma (if this fails: npm run db:migration -- <name>)", () => {
    expect(readFileSync(POSTGRESQL_SCHEMA_PATH, "utf8")).toBe(currentPostgresqlSchema());
  });

  it("differs from prisma/schema.prisma only in the provider and the client's folder", () => {
    const derived = derivePostgresqlSchema(readFileSync(schemaPath, "utf8"));
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).not.toContain('provider = "sqlite"');
    expect([...derived.matchAll(/^model\s+(\w+)\s*\{/gm)].map((m) => m[1])).toEqual(modelNames());
  });

  it("has a migration for each SQLite one since the baseline, under the same folder name", () => {
    const postgresql = readdirSync(POSTGRESQL_MIGRATIONS_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    const baseline = postgresql[0];
    expect(baseline).toMatch(/_postgresql_baseline$/);
    const sqliteSince = migrationNames().filter((name) => name > baseline);
    for (const name of sqliteSince) expect(postgresql).toContain(name);
  });

  it.runIf(testEngine === "postgresql")(
    "replayed on a real PostgreSQL server, build the same tables, columns, enums, indexes and constraints as the schema",
    async () => {
      const drift = await postgresqlDrift({
        serverUrl: process.env.TEST_POSTGRESQL_URL!,
        migrationsDir: POSTGRESQL_MIGRATIONS_DIR,
        schemaText: readFileSync(POSTGRESQL_SCHEMA_PATH, "utf8"),
      });
      expect(drift).toEqual([]);
    },
    TIMEOUT,
  );
});
