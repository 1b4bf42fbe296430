// Prisma's schema engine, compiled to WebAssembly, driven through a driver
// adapter: migrations without the native `schema-engine` binary that the
// Prisma CLI would download (see shared/notes/toolchain.md, "Prisma 7 without
// its native schema engine").
//
// Everything provider-specific is a parameter (the adapter factory and the
// provider name). SQLite diffs replay migrations on an in-memory shadow;
// PostgreSQL migrations are written from schema to schema (the committed
// prisma/postgresql/schema.prisma is the state after the newest one), so
// writing them needs no PostgreSQL server.
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { createAdapterFactory } from "../../app/db-adapter.server";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type * as WasmModule from "@prisma/schema-engine-wasm/schema_engine_bg";
import type {
  MigrationList,
  SchemaEngine,
  SchemaFilter,
  SchemasContainer,
} from "@prisma/schema-engine-wasm/schema_engine_bg";

/** Provider names as `migration_lock.toml` and the schema's datasource spell them. */
export type MigrationProvider = "sqlite" | "postgresql";

export const LOCKFILE_NAME = "migration_lock.toml";
export const MIGRATION_FILE_NAME = "migration.sql";
const EMPTY_MIGRATION = "-- This is an empty migration.";
const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

// ---------------------------------------------------------------------------
// Loading the engine (once per process)

let loaded: Promise<typeof WasmModule> | undefined;

/**
 * The package's `index` imports the `.wasm` the way bundlers do, which Node
 * refuses; so import the JS glue and instantiate the `.wasm` beside it.
 */
export function loadSchemaEngineWasm(): Promise<typeof WasmModule> {
  loaded ??= (async () => {
    const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    // createRequire rather than import.meta.resolve: works under tsx and vitest alike.
    const jsPath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(jsPath.replace(/\.js$/, ".wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  loaded.catch(() => {
    loaded = undefined;
  });
  return loaded;
}

// ---------------------------------------------------------------------------
// Adapters

/** A SQLite adapter factory for the tooling: the app's own (same pragmas); with no URL, in memory (enough for diffs). */
export function sqliteAdapterFactory(url = "file::memory:"): SqlMigrationAwareDriverAdapterFactory {
  return createAdapterFactory(url);
}

/**
 * The schema engine replays each whole migration.sql on the shadow database
 * through a parameterless `executeRaw`; better-sqlite3 runs one statement
 * per call ("contains more than one statement", P3006), so send those
 * through `executeScript`.
 */
function scriptingShadow(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      if (prop === "executeRaw") {
        return async (query: Parameters<SqlDriverAdapter["executeRaw"]>[0]) => {
          if (query.args.length === 0) {
            await target.executeScript(query.sql);
            return 0;
          }
          return target.executeRaw(query);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * Wraps a factory so that every connection it opens is remembered and can be
 * closed: `applyMigrations` leaves `locking_mode=EXCLUSIVE` on its SQLite
 * connection, and `engine.free()` alone does not close it.
 */
function trackedFactory(factory: SqlMigrationAwareDriverAdapterFactory) {
  const opened: SqlDriverAdapter[] = [];
  const wrapped: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      opened.push(adapter);
      return adapter;
    },
    connectToShadowDb: async () => {
      const adapter = await factory.connectToShadowDb();
      opened.push(adapter);
      return factory.provider === "sqlite" ? scriptingShadow(adapter) : adapter;
    },
  };
  const disposeAll = async () => {
    const errors: unknown[] = [];
    for (const adapter of opened.splice(0)) {
      await adapter.dispose().catch((error: unknown) => errors.push(error));
    }
    if (errors.length > 0) throw errors[0];
  };
  return { wrapped, disposeAll };
}

export interface EngineOptions {
  /** Connections for the engine. Default: SQLite in memory (fine for diffs). */
  adapterFactory?: SqlMigrationAwareDriverAdapterFactory;
  /** The Prisma schema the engine is started with (optional for applying migrations). */
  schema?: SchemasContainer;
}

/** Runs `fn` with a fresh engine, then frees it and closes every connection it opened. */
export async function withSchemaEngine<T>(
  options: EngineOptions,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const wasm = await loadSchemaEngineWasm();
  const { wrapped, disposeAll } = trackedFactory(options.adapterFactory ?? sqliteAdapterFactory());
  const logs: string[] = [];
  const log = (line: string) => {
    if (process.env.DEBUG_SCHEMA_ENGINE) console.error(line);
    else if (logs.push(line) > 50) logs.shift();
  };
  let engine: SchemaEngine | undefined;
  try {
    engine = await wasm.SchemaEngine.new(
      { datamodels: options.schema?.files.map((f): [string, string] => [f.path, f.content]) },
      log,
      bindMigrationAwareSqlAdapterFactory(wrapped),
    );
    return await fn(engine);
  } catch (error) {
    throw engineError(error);
  } finally {
    engine?.free();
    await disposeAll();
  }
}

/** The engine rejects with plain objects or strings at times; make them Errors with a readable message. */
function engineError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (typeof error === "object" && error !== null) {
    const e = error as { message?: unknown; error_code?: unknown; errorCode?: unknown };
    const code = e.error_code ?? e.errorCode;
    const message = typeof e.message === "string" ? e.message : JSON.stringify(error);
    return Object.assign(new Error(code ? `${String(code)}: ${message}` : message), { cause: error });
  }
  return new Error(String(error));
}

// ---------------------------------------------------------------------------
// Migration folders and schema files

export async function readSchema(schemaPath: string): Promise<SchemasContainer> {
  const path = resolve(schemaPath);
  return { files: [{ path, content: await readFile(path, "utf8") }] };
}

/** Reads the migrations folder the way the Prisma CLI does (folders sorted by name). */
export async function readMigrationsList(migrationsDir: string, shadowDbInitScript = ""): Promise<MigrationList> {
  const baseDir = resolve(migrationsDir);
  const lockContent = await readFile(join(baseDir, LOCKFILE_NAME), "utf8").catch(() => null);
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  folders.sort((a, b) => a.localeCompare(b));
  const migrationDirectories: MigrationList["migrationDirectories"] = [];
  for (const folder of folders) {
    const content = await readFile(join(baseDir, folder, MIGRATION_FILE_NAME), "utf8").then(
      (value) => ({ tag: "ok" as const, value }),
      (error: Error) => ({ tag: "error" as const, value: error.message }),
    );
    migrationDirectories.push({ path: folder, migrationFile: { path: MIGRATION_FILE_NAME, content } });
  }
  return { baseDir, lockfile: { path: LOCKFILE_NAME, content: lockContent }, shadowDbInitScript, migrationDirectories };
}

export function lockfileContent(provider: MigrationProvider): string {
  return (
    "# Please do not edit this file manually\n" +
    "# It should be added in your version-control system (e.g., Git)\n" +
    `provider = "${provider}"\n`
  );
}

function providerOf(factory: SqlMigrationAwareDriverAdapterFactory | undefined): MigrationProvider {
  const provider = factory?.provider ?? "sqlite";
  if (provider === "sqlite") return "sqlite";
  if (provider === "postgres") return "postgresql";
  throw new Error(`Unsupported provider: ${provider}`);
}

/** `YYYYMMDDHHMMSS` in UTC, as Prisma names migration folders. */
export function migrationTimestamp(date = new Date()): string {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

// ---------------------------------------------------------------------------
// The operations

export interface ApplyMigrationsOptions {
  /** A `file:` (SQLite) or `postgresql://` URL. Ignored when `adapterFactory` is given. */
  url?: string;
  adapterFactory?: SqlMigrationAwareDriverAdapterFactory;
  migrationsDir: string;
}

/**
 * Applies the pending migration folders and records them in
 * `_prisma_migrations`, as `prisma migrate deploy` does. Returns the names
 * of the migrations applied (empty when the database was up to date). Every
 * connection is closed before it returns.
 */
export async function applyMigrations(options: ApplyMigrationsOptions): Promise<string[]> {
  if (!options.adapterFactory && !options.url) throw new Error("applyMigrations needs a url or an adapterFactory");
  const adapterFactory = options.adapterFactory ?? createAdapterFactory(options.url);

  const migrationsList = await readMigrationsList(options.migrationsDir);
  if (migrationsList.migrationDirectories.length === 0) return [];
  return withSchemaEngine({ adapterFactory }, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
    return result.appliedMigrationNames;
  });
}

export interface DiffOptions {
  schemaPath: string;
  migrationsDir: string;
  /** Supplies the shadow database. Default: SQLite in memory. */
  adapterFactory?: SqlMigrationAwareDriverAdapterFactory;
}

/**
 * The SQL that takes a database from the end state of the migrations to the
 * schema, found by replaying the migrations on a shadow database.
 * `drift` is false when there is nothing to do (`sql` is then "").
 */
export async function diffSchemaAgainstMigrations(options: DiffOptions): Promise<{ drift: boolean; sql: string }> {
  const schema = await readSchema(options.schemaPath);
  const migrationsList = await readMigrationsList(options.migrationsDir);
  return withSchemaEngine({ adapterFactory: options.adapterFactory, schema }, async (engine) => {
    const result = await engine.diff({
      from: migrationsList.migrationDirectories.length > 0 ? { tag: "migrations", ...migrationsList } : { tag: "empty" },
      to: { tag: "schemaDatamodel", ...schema },
      script: true,
      exitCode: true,
      filters: NO_FILTER,
    });
    if (result.exitCode === 0) return { drift: false, sql: "" };
    if (result.exitCode === 2) return { drift: true, sql: result.stdout ?? "" };
    throw new Error(`Schema diff failed with exit code ${result.exitCode}`);
  });
}

export interface CreateMigrationOptions extends DiffOptions {
  /** Letters, digits and underscores; Prisma's own CLI uses snake_case. */
  name: string;
  /** For tests; default: now. */
  now?: Date;
}

/**
 * Writes `<migrationsDir>/<YYYYMMDDHHMMSS>_<name>/migration.sql` with the SQL
 * from the migrations' end state (or from empty) to the schema, and the lock
 * file if missing. Returns the new folder's path, or null when the schema
 * needs no change.
 */
export async function createMigration(options: CreateMigrationOptions): Promise<string | null> {
  if (!/^[A-Za-z0-9_]+$/.test(options.name)) {
    throw new Error("A migration name may hold only letters, digits and underscores.");
  }
  const provider = providerOf(options.adapterFactory);
  const baseDir = resolve(options.migrationsDir);
  const lockPath = join(baseDir, LOCKFILE_NAME);
  if (existsSync(lockPath)) {
    const match = /^\s*provider\s*=\s*"([^"]*)"/m.exec(await readFile(lockPath, "utf8"));
    if (match && match[1] !== provider) {
      throw new Error(`${lockPath} is for provider "${match[1]}", not "${provider}".`);
    }
  }
  const { drift, sql } = await diffSchemaAgainstMigrations(options);
  if (!drift || sql.trim() === "" || sql.trim() === EMPTY_MIGRATION) return null;

  const existing = (await readMigrationsList(baseDir)).migrationDirectories.map((d) => d.path);
  let stamp = migrationTimestamp(options.now);
  // Keep folders in order even when two are created within the same second.
  const last = existing.at(-1)?.slice(0, 14);
  if (last && /^\d{14}$/.test(last) && last >= stamp) stamp = String(BigInt(last) + 1n);
  const folder = join(baseDir, `${stamp}_${options.name}`);
  if (existsSync(folder)) throw new Error(`The migration folder already exists: ${folder}`);

  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, MIGRATION_FILE_NAME), sql.endsWith("\n") ? sql : `${sql}\n`, "utf8");
  if (!existsSync(lockPath)) await writeFile(lockPath, lockfileContent(provider), "utf8");
  return folder;
}

/**
 * A PostgreSQL "connection" for schema-to-schema diffs, which need no
 * database: the engine only asks, when it starts, which server version it
 * writes SQL for (answered: PostgreSQL 15, the version this project runs
 * and tests on). Any other statement is refused, so nothing can pass for
 * a real database. CI replays the migrations on a real server
 * (`npm run db:check` with CHECK_POSTGRESQL_URL, and test/migrations.test.ts).
 */
export function offlinePostgresqlAdapterFactory(): SqlMigrationAwareDriverAdapterFactory {
  const POSTGRESQL_VERSION = { text: "PostgreSQL 15.0", number: 150000 };
  const refuse = (sql: string) => Promise.reject(new Error(`offline PostgreSQL: cannot run ${sql.slice(0, 80)}`));
  const adapter = {
    provider: "postgres" as const,
    adapterName: "@prisma/adapter-pg",
    getConnectionInfo: () => ({ supportsRelationJoins: true }),
    queryRaw: async (query: { sql: string }) => {
      if (!/version\(\)/.test(query.sql)) return refuse(query.sql);
      // EXISTS(public schema), version(), server_version_num: Boolean, Text, Int32 column types.
      return { columnNames: ["exists", "version", "numver"], columnTypes: [5, 7, 0], rows: [[true, POSTGRESQL_VERSION.text, POSTGRESQL_VERSION.number]] };
    },
    executeRaw: async (query: { sql: string }) => refuse(query.sql),
    executeScript: async (script: string) => refuse(script),
    startTransaction: async () => refuse("a transaction"),
    dispose: async () => {},
  } as unknown as SqlDriverAdapter;
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: async () => adapter,
    connectToShadowDb: () => refuse("a shadow database"),
  };
}

/** The SQL from one schema (or from empty) to another, with no database involved. "" when nothing changes. */
export async function diffSchemas(options: {
  from: SchemasContainer | null;
  to: SchemasContainer;
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
}): Promise<string> {
  return withSchemaEngine({ adapterFactory: options.adapterFactory }, async (engine) => {
    const result = await engine.diff({
      from: options.from ? { tag: "schemaDatamodel", ...options.from } : { tag: "empty" },
      to: { tag: "schemaDatamodel", ...options.to },
      script: true,
      exitCode: true,
      filters: NO_FILTER,
    });
    if (result.exitCode === 0) return "";
    if (result.exitCode === 2) {
      const sql = result.stdout ?? "";
      return sql.trim() === EMPTY_MIGRATION ? "" : sql;
    }
    throw new Error(`Schema diff failed with exit code ${result.exitCode}`);
  });
}

/**
 * Writes the next PostgreSQL migration, `<migrationsDir>/<folderName>/migration.sql`,
 * from the committed PostgreSQL schema (the state after the newest migration;
 * none before the first) to `schemaText`, then makes `schemaText` the committed
 * schema. Returns the folder, or null when nothing changes.
 */
export async function createPostgresqlMigration(options: {
  migrationsDir: string;
  snapshotPath: string;
  schemaText: string;
  folderName: string;
}): Promise<string | null> {
  const snapshot = existsSync(options.snapshotPath) ? await readFile(options.snapshotPath, "utf8") : null;
  const file = (content: string) => ({ files: [{ path: options.snapshotPath, content }] });
  const sql = await diffSchemas({
    from: snapshot === null ? null : file(snapshot),
    to: file(options.schemaText),
    adapterFactory: offlinePostgresqlAdapterFactory(),
  });
  if (sql.trim() === "") {
    if (snapshot !== options.schemaText) await writeFile(options.snapshotPath, options.schemaText, "utf8");
    return null;
  }
  const baseDir = resolve(options.migrationsDir);
  const folder = join(baseDir, options.folderName);
  if (existsSync(folder)) throw new Error(`The migration folder already exists: ${folder}`);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, MIGRATION_FILE_NAME), sql.endsWith("\n") ? sql : `${sql}\n`, "utf8");
  const lockPath = join(baseDir, LOCKFILE_NAME);
  if (!existsSync(lockPath)) await writeFile(lockPath, lockfileContent("postgresql"), "utf8");
  await writeFile(options.snapshotPath, options.schemaText, "utf8");
  return folder;
}

/** The version string the loaded engine reports (a commit hash). */
export async function schemaEngineVersion(): Promise<string> {
  return (await loadSchemaEngineWasm()).version();
}
