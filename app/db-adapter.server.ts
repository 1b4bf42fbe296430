import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

// Kept apart from db.server.ts so that the migration tooling can connect
// before the Prisma client has been generated.

export const DEFAULT_DATABASE_URL = "file:./data/durable.db";

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
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
  if (!url.startsWith("file:")) {
    throw new Error("DATABASE_URL must be a SQLite file: URL (PostgreSQL support is not built yet).");
  }
  const file = sqliteFilePath(url);
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const base = new PrismaBetterSqlite3({ url: file, timeout: 5000 });
  const prepare = async (adapter: SqlDriverAdapter) => {
    await adapter.executeScript("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;");
    return adapter;
  };
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => prepare(await base.connect()),
    connectToShadowDb: () => base.connectToShadowDb(),
  };
}
