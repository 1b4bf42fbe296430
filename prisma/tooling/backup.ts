// Backups of the database, for both engines, and restores that never throw
// the current data away.
//   SQLite: an online copy through SQLite's backup API (safe while the app runs).
//   PostgreSQL: pg_dump's custom format (a consistent snapshot, safe while the
//   app runs), restored with pg_restore into a new database that takes the
//   old one's name; the old one is kept under another name.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import { databaseEngine, databaseUrl, postgresqlConnectionConfig, sqliteFilePath } from "../../app/db-adapter.server";
import { databaseUrlFor, withPostgresqlClient } from "./postgresql";

function stamp(now = new Date()): string {
  return now.toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-");
}

/** Copies the live database to `target` (default: data/backups/durable-<time>.db, or .dump for PostgreSQL). */
export async function backupDatabase(url = databaseUrl(), target?: string): Promise<{ file: string; bytes: number }> {
  return databaseEngine(url) === "postgresql" ? backupPostgresql(url, target) : backupSqlite(url, target);
}

/**
 * Puts a backup in place of the database. The backup is checked first; the
 * current database is kept (SQLite: <file>.before-restore-<time>;
 * PostgreSQL: the database renamed <name>_before_restore_<time>). Then the
 * people erased since the backup was taken (the erasure journal in DATA_DIR)
 * are erased again. Stop the app before restoring.
 */
export async function restoreDatabase(
  backupFile: string,
  url = databaseUrl(),
): Promise<{ restored: string; previous: string | null; erasuresReapplied: number }> {
  if (!existsSync(backupFile)) throw new Error(`No backup at ${backupFile}`);
  const result = databaseEngine(url) === "postgresql" ? await restorePostgresql(backupFile, url) : restoreSqlite(backupFile, url);
  const { createPrismaClient } = await import("../../app/db.server");
  const { reapplyErasures } = await import("../../app/models/erasure.server");
  const db = createPrismaClient(url);
  try {
    const { reapplied } = await reapplyErasures(db);
    return { ...result, erasuresReapplied: reapplied.length };
  } finally {
    await db.$disconnect();
  }
}

// --- SQLite -------------------------------------------------------------------

async function backupSqlite(url: string, target?: string) {
  const source = sqliteFilePath(url);
  if (!existsSync(source)) throw new Error(`No database at ${source}`);
  const file = target ?? join(dirname(source), "backups", `${basename(source, ".db")}-${stamp()}.db`);
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(file);
  } finally {
    db.close();
  }
  return { file, bytes: statSync(file).size };
}

function restoreSqlite(backupFile: string, url: string) {
  const check = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    const result = check.pragma("integrity_check", { simple: true });
    if (result !== "ok") throw new Error(`The backup failed SQLite's integrity check: ${String(result)}`);
  } finally {
    check.close();
  }
  const target = sqliteFilePath(url);
  mkdirSync(dirname(target), { recursive: true });
  let previous: string | null = null;
  if (existsSync(target)) {
    // Fold the WAL into the main file so the kept copy is complete on its own.
    const live = new Database(target);
    live.pragma("wal_checkpoint(TRUNCATE)");
    live.close();
    previous = `${target}.before-restore-${stamp()}`;
    renameSync(target, previous);
  }
  for (const suffix of ["-wal", "-shm"]) rmSync(`${target}${suffix}`, { force: true });
  copyFileSync(backupFile, target);
  return { restored: target, previous };
}

// --- PostgreSQL -----------------------------------------------------------------

/** pg_dump and pg_restore: from PG_BIN, else the newest server install, else the PATH. */
function postgresqlTool(name: "pg_dump" | "pg_restore"): string {
  if (process.env.PG_BIN) return join(process.env.PG_BIN, name);
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, "bin", name))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], "bin", name) : name;
}

/** The connection as libpq's environment variables, so no password appears in a process list. */
function libpqEnvironment(url: string, database?: string): NodeJS.ProcessEnv {
  const config = postgresqlConnectionConfig(url);
  const env: NodeJS.ProcessEnv = { ...process.env, PGHOST: config.host, PGPORT: String(config.port) };
  if (config.user) env.PGUSER = config.user;
  if (config.password) env.PGPASSWORD = config.password;
  env.PGDATABASE = database ?? config.database ?? "postgres";
  if (config.ssl) env.PGSSLMODE = config.ssl.rejectUnauthorized ? "verify-full" : "require";
  return env;
}

function run(tool: string, args: string[], env: NodeJS.ProcessEnv): string {
  const result = spawnSync(tool, args, { env, encoding: "utf8" });
  if (result.error) throw new Error(`${basename(tool)} could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${basename(tool)} failed: ${result.stderr.trim()}`);
  return result.stdout;
}

function backupPostgresql(url: string, target?: string) {
  const database = postgresqlConnectionConfig(url).database ?? "postgres";
  const file = resolve(target ?? join(process.env.BACKUP_DIR || "data/backups", `${database}-${stamp()}.dump`));
  mkdirSync(dirname(file), { recursive: true });
  run(postgresqlTool("pg_dump"), ["--format=custom", "--no-owner", "--no-privileges", `--file=${file}`], libpqEnvironment(url));
  return { file, bytes: statSync(file).size };
}

async function restorePostgresql(backupFile: string, url: string) {
  // pg_restore --list reads the whole archive's table of contents: a truncated or foreign file fails here.
  const contents = run(postgresqlTool("pg_restore"), ["--list", backupFile], process.env);
  if (!/_prisma_migrations/.test(contents)) throw new Error("The backup does not hold a Durable database (no _prisma_migrations).");

  const database = postgresqlConnectionConfig(url).database;
  if (!database) throw new Error("DATABASE_URL must name the database to restore into.");
  const incoming = `${database}_restoring_${stamp().replace("-", "_")}`;
  return withPostgresqlClient(databaseUrlFor(url, "postgres"), async (admin) => {
    await admin.query(`CREATE DATABASE "${incoming}"`);
    try {
      run(postgresqlTool("pg_restore"), ["--no-owner", "--no-privileges", "--exit-on-error", `--dbname=${incoming}`, backupFile], libpqEnvironment(url, incoming));
    } catch (error) {
      await admin.query(`DROP DATABASE IF EXISTS "${incoming}"`);
      throw error;
    }
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    let previous: string | null = null;
    if (exists.rowCount) {
      previous = `${database}_before_restore_${stamp().replace("-", "_")}`;
      // Fails while the app is connected, as it should: stop the app first.
      await admin.query(`ALTER DATABASE "${database}" RENAME TO "${previous}"`);
    }
    await admin.query(`ALTER DATABASE "${incoming}" RENAME TO "${database}"`);
    return { restored: database, previous };
  });
}

// --- Command line ---------------------------------------------------------------

const command = process.argv[2];
if (import.meta.url === `file://${process.argv[1]}` && command) {
  // What this writes (the database, backups) is for this user's eyes only: people's data.
  process.umask(0o077);
  if (command === "backup") {
    const { file, bytes } = await backupDatabase(undefined, process.argv[3]);
    console.log(`Backup written to ${file} (${Math.round(bytes / 1024)} KiB).`);
  } else if (command === "restore") {
    const file = process.argv[3];
    if (!file) {
      console.error("Usage: npm run restore -- <backup file>   (stop the app first)");
      process.exit(1);
    }
    const { restored, previous, erasuresReapplied } = await restoreDatabase(file);
    console.log(`Restored ${file} to ${restored}.` + (previous ? ` The previous database is kept as ${previous}.` : ""));
    if (erasuresReapplied) {
      const { erasureJournalPath } = await import("../../app/models/erasure.server");
      console.log(`Erased again: ${erasuresReapplied} ${erasuresReapplied === 1 ? "person" : "people"} erased after the backup was taken (${erasureJournalPath()}).`);
    }
  } else {
    console.error("Usage: backup.ts backup [file] | restore <file>");
    process.exit(1);
  }
}
