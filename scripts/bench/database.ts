// A database for a benchmark, named in the environment before any app module
// is loaded (the app's database client reads DATABASE_URL when first
// imported, so callers import app modules only after this returns):
// - by default a migrated and seeded SQLite file in a temporary folder;
// - with `file`, that SQLite file (made again from nothing), kept afterwards;
// - with BENCH_DATABASE_URL (a PostgreSQL server, as postgresql://user@host:port/postgres),
//   a database of its own made on that server, dropped afterwards.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

export type BenchDatabase = { dir: string; url: string; engine: "SQLite" | "PostgreSQL"; remove(): Promise<void> };

export async function benchDatabase(options: { file?: string; demoUsers?: boolean } = {}): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "durable-bench-"));
  process.env.DATA_DIR = dir;
  process.env.MAILBOX_DIR = join(dir, "mailbox");
  const server = options.file ? undefined : process.env.BENCH_DATABASE_URL;
  const { applyMigrations } = await import("../../prisma/tooling/schema-engine");
  const { POSTGRESQL_MIGRATIONS_DIR, SQLITE_MIGRATIONS_DIR } = await import("../../prisma/postgresql-schema.mjs");
  let url: string;
  let drop = async () => undefined as unknown;
  if (server) {
    const { databaseUrlFor, withPostgresqlClient } = await import("../../prisma/tooling/postgresql");
    const { createAdapterFactory } = await import("../../app/db-adapter.server");
    const name = `durable_bench_${randomBytes(4).toString("hex")}`;
    await withPostgresqlClient(server, (client) => client.query(`CREATE DATABASE "${name}"`));
    url = databaseUrlFor(server, name);
    process.env.DATABASE_URL = url;
    await applyMigrations({ adapterFactory: createAdapterFactory(url), migrationsDir: POSTGRESQL_MIGRATIONS_DIR });
    drop = () => withPostgresqlClient(server, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  } else {
    const file = options.file ? resolve(options.file) : join(dir, "bench.db");
    if (options.file) {
      mkdirSync(dirname(file), { recursive: true });
      for (const suffix of ["", "-wal", "-shm", "-journal"]) if (existsSync(file + suffix)) rmSync(file + suffix);
    }
    url = `file:${file}`;
    process.env.DATABASE_URL = url;
    await applyMigrations({ url, migrationsDir: SQLITE_MIGRATIONS_DIR });
  }
  const { seed } = await import("../../prisma/seed");
  // Places, organisations and themes; the demo accounts only when asked (the figures count only the benchmark's data), never the demo programme.
  await seed(url, { demoUsers: options.demoUsers ?? false, programme: false });
  return {
    dir,
    url,
    engine: server ? "PostgreSQL" : "SQLite",
    async remove() {
      await drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
