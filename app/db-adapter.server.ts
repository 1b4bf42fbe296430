import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

// Kept apart from db.server.ts so that the migration tooling can connect
// before the Prisma client has been generated.

export const DEFAULT_DATABASE_URL = "file:./data/durable.db";

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

export type DatabaseEngine = "sqlite" | "postgresql";

/** Which engine a database URL names: `file:` is SQLite, `postgres://` or `postgresql://` is PostgreSQL. */
export function databaseEngine(url: string = databaseUrl()): DatabaseEngine {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error("DATABASE_URL must be a SQLite file: URL or a postgresql:// URL.");
}

/** The file behind a `file:` URL, resolved against the working directory (`:memory:` stays as it is). */
export function sqliteFilePath(url: string): string {
  const path = url.replace(/^file:/, "").replace(/\?.*$/, "");
  return path === ":memory:" ? path : resolve(path);
}

/**
 * The driver-adapter factory for a database URL. SQLite connections get WAL,
 * foreign keys and a busy timeout, whoever opens them (the app, the seed, the
 * migration tooling), so every connection behaves the same.
 */
export function createAdapterFactory(url: string = databaseUrl()): SqlMigrationAwareDriverAdapterFactory {
  if (databaseEngine(url) === "postgresql") return postgresqlAdapterFactory(url);
  const file = sqliteFilePath(url);
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  // How long a write waits for another process's lock before it fails (the same setting as PostgreSQL's lock_timeout below).
  const busyTimeout = Math.floor(Number(process.env.DATABASE_LOCK_TIMEOUT_MS || 5000)) || 5000;
  const base = new PrismaBetterSqlite3({ url: file, timeout: busyTimeout });
  const prepare = async (adapter: SqlDriverAdapter) => {
    await adapter.executeScript(`PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = ${busyTimeout};`);
    return adapter;
  };
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => prepare(await base.connect()),
    connectToShadowDb: () => base.connectToShadowDb(),
  };
}

/**
 * PostgreSQL through node-postgres. Each instance keeps its own pool
 * (DATABASE_POOL_SIZE, default 10); with several instances, keep their sum
 * below the server's max_connections. A statement waits at most
 * DATABASE_LOCK_TIMEOUT_MS for a row lock (as SQLite's busy timeout), so a
 * request held up by another fails clearly instead of hanging.
 */
function postgresqlAdapterFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  const lockTimeout = Number(process.env.DATABASE_LOCK_TIMEOUT_MS || 5000);
  const config = {
    ...postgresqlConnectionConfig(url),
    max: Number(process.env.DATABASE_POOL_SIZE || 10),
    options: `-c lock_timeout=${lockTimeout}`,
  };
  const base = new PrismaPg(config);
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: () => base.connect(),
    // The adapter's own shadow database is dropped while its pool is still
    // connected, which PostgreSQL refuses; this one closes the pool first.
    connectToShadowDb: async () => {
      const main = await base.connect();
      const database = `durable_shadow_${randomUUID().replace(/-/g, "")}`;
      await main.executeScript(`CREATE DATABASE "${database}"`);
      const shadow = await new PrismaPg({ ...config, max: 1, database }).connect();
      let disposed: Promise<void> | undefined;
      return new Proxy(shadow, {
        get(target, prop, receiver) {
          if (prop === "dispose") {
            // Idempotent: the engine and its caller may both dispose it.
            return () =>
              (disposed ??= (async () => {
                await target.dispose();
                await main.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
                await main.dispose();
              })());
          }
          const value = Reflect.get(target, prop, receiver);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
    },
  };
}

/**
 * node-postgres settings from a postgresql:// URL, as separate fields rather
 * than a connection string: the adapter opens shadow databases (for schema
 * diffs) by overriding `database`, which a connection string would overrule.
 */
export function postgresqlConnectionConfig(url: string) {
  const parsed = new URL(url);
  const param = (name: string) => parsed.searchParams.get(name) ?? undefined;
  const sslmode = param("sslmode");
  return {
    host: param("host") ?? (decodeURIComponent(parsed.hostname) || "localhost"),
    port: Number(param("port") ?? (parsed.port || 5432)),
    user: decodeURIComponent(parsed.username) || param("user"),
    password: parsed.password ? decodeURIComponent(parsed.password) : param("password"),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || undefined,
    ssl:
      sslmode === undefined || sslmode === "disable" || sslmode === "prefer" || sslmode === "allow"
        ? undefined
        : { rejectUnauthorized: sslmode === "verify-full" || sslmode === "verify-ca" },
  };
}
