// Backups of the SQLite database: an online copy (SQLite's backup API, safe
// while the app runs) and a restore that never throws the current data away.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import Database from "better-sqlite3";
import { databaseUrl, sqliteFilePath } from "../../app/db-adapter.server";

function stamp(now = new Date()): string {
  return now.toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-");
}

/** Copies the live database to `target` (default: data/backups/durable-<time>.db). */
export async function backupDatabase(url = databaseUrl(), target?: string): Promise<{ file: string; bytes: number }> {
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

/**
 * Puts a backup in place of the database. The backup is checked first; the
 * current database is kept beside it as <name>.before-restore-<time>. Stop
 * the app before restoring.
 */
export function restoreDatabase(backupFile: string, url = databaseUrl()): { restored: string; previous: string | null } {
  if (!existsSync(backupFile)) throw new Error(`No backup at ${backupFile}`);
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

const command = process.argv[2];
if (import.meta.url === `file://${process.argv[1]}` && command) {
  if (command === "backup") {
    const { file, bytes } = await backupDatabase(undefined, process.argv[3]);
    console.log(`Backup written to ${file} (${Math.round(bytes / 1024)} KiB).`);
  } else if (command === "restore") {
    const file = process.argv[3];
    if (!file) {
      console.error("Usage: npm run restore -- <backup file>   (stop the app first)");
      process.exit(1);
    }
    const { restored, previous } = restoreDatabase(file);
    console.log(`Restored ${file} to ${restored}.` + (previous ? ` The previous database is kept at ${previous}.` : ""));
  } else {
    console.error("Usage: backup.ts backup [file] | restore <file>");
    process.exit(1);
  }
}
