import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPrismaClient, prisma, type PrismaClient } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { backupDatabase, restoreDatabase } from "../prisma/tooling/backup";
import { seed } from "../prisma/seed";
import { postgresqlUrlFor, runDatabasePrefix, testEngine } from "./helpers/database";

/** The number of rows in every table of the model. */
async function countEveryTable(db: PrismaClient): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const model of Object.values(Prisma.ModelName)) {
    const delegate = (db as unknown as Record<string, { count(): Promise<number> }>)[model[0].toLowerCase() + model.slice(1)];
    counts[model] = await delegate.count();
  }
  return counts;
}

/** Where a restore may go: a new file, or a new database on the test server. */
function restoreTarget(dir: string, name: string): string {
  return testEngine === "postgresql" ? postgresqlUrlFor(`${runDatabasePrefix()}${name}`) : `file:${join(dir, `${name}.db`)}`;
}

describe(`backup and restore (${testEngine === "postgresql" ? "PostgreSQL: pg_dump and pg_restore" : "SQLite: online backup"})`, () => {
  it("restores a backup with every row of every table, and keeps the database it replaced", { timeout: 120_000 }, async () => {
    await seed(process.env.DATABASE_URL, { programme: true });
    const dir = mkdtempSync(join(tmpdir(), "durable-backup-"));
    const before = await countEveryTable(prisma);
    expect(before.User).toBe(4);
    expect(before.Person).toBeGreaterThan(50);
    expect(before.Invitation).toBeGreaterThan(0);

    // The app keeps writing while the backup runs: the backup is one consistent moment.
    const writing = Promise.all(
      Array.from({ length: 20 }, (_, i) => prisma.auditLog.create({ data: { action: "test.write", subjectType: "Test", subjectId: String(i) } })),
    );
    const { file, bytes } = await backupDatabase(process.env.DATABASE_URL, join(dir, "backup"));
    await writing;
    expect(bytes).toBeGreaterThan(0);

    // Later changes, then a restore into a new database brings back the backup's rows.
    await prisma.organisation.deleteMany({ where: { people: { none: {} }, type: "OTHER" } });
    const target = restoreTarget(dir, "restored");
    const first = await restoreDatabase(file, target);
    expect(first.previous).toBeNull();
    const restored = createPrismaClient(target);
    const after = await countEveryTable(restored);
    await restored.$disconnect();
    for (const [table, count] of Object.entries(before)) {
      if (table === "AuditLog") {
        expect(after[table]).toBeGreaterThanOrEqual(count);
        expect(after[table]).toBeLessThanOrEqual(count + 20);
      } else {
        expect({ table, count: after[table] }).toEqual({ table, count });
      }
    }

    // Restoring over an existing database keeps the old one.
    const again = await restoreDatabase(file, target);
    expect(again.previous).toMatch(/restored.*before.restore/);
    const kept = createPrismaClient(testEngine === "postgresql" ? postgresqlUrlFor(again.previous!) : `file:${again.previous}`);
    expect(await kept.user.count()).toBe(4);
    await kept.$disconnect();
  });

  it("refuses a file that is not a backup, and leaves the database alone", async () => {
    const dir = mkdtempSync(join(tmpdir(), "durable-backup-"));
    const bogus = join(dir, "not-a-backup");
    writeFileSync(bogus, "this is not a database");
    const users = await prisma.user.count();
    await expect(restoreDatabase(bogus, process.env.DATABASE_URL)).rejects.toThrow();
    expect(await prisma.user.count()).toBe(users);
  });
});
