// A throw-away database for a benchmark: a temporary folder with a migrated
// and seeded SQLite file, named in the environment before any app module is
// loaded (the app's database client reads DATABASE_URL when first imported,
// so callers import app modules only after this returns).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type BenchDatabase = { dir: string; url: string; remove(): void };

export async function benchDatabase(): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "durable-bench-"));
  const url = `file:${join(dir, "bench.db")}`;
  process.env.DATABASE_URL = url;
  process.env.DATA_DIR = dir;
  process.env.MAILBOX_DIR = join(dir, "mailbox");
  const { applyMigrations } = await import("../../prisma/tooling/schema-engine");
  const { seed } = await import("../../prisma/seed");
  await applyMigrations({ url, migrationsDir: "prisma/migrations" });
  // Places, organisations and themes; no demo accounts or demo programme, so the figures count only the bench's data.
  await seed(url, { demoUsers: false });
  return { dir, url, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
