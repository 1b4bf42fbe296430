import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPrismaClient, prisma } from "~/db.server";
import { backupDatabase, restoreDatabase } from "../prisma/tooling/backup";
import { seed } from "../prisma/seed";

describe("backup and restore (SQLite)", () => {
  it("restores a backup taken while the app was writing, with every row, and keeps the replaced database", async () => {
    await seed(process.env.DATABASE_URL);
    const counts = async (db = prisma) => ({
      users: await db.user.count(),
      municipalities: await db.municipality.count(),
      organisations: await db.organisation.count(),
      audit: await db.auditLog.count(),
    });
    // The app keeps writing during the backup.
    const writing = Promise.all(
      Array.from({ length: 20 }, (_, i) => prisma.auditLog.create({ data: { action: "test.write", subjectType: "Test", subjectId: String(i) } })),
    );
    const dir = mkdtempSync(join(tmpdir(), "durable-backup-"));
    const { file, bytes } = await backupDatabase(process.env.DATABASE_URL, join(dir, "backup.db"));
    await writing;
    expect(bytes).toBeGreaterThan(0);

    const backup = createPrismaClient(`file:${file}`);
    const inBackup = await counts(backup);
    await backup.$disconnect();
    expect(inBackup.users).toBe(4);
    expect(inBackup.municipalities).toBe(9);

    // Later changes, then a restore into a fresh file brings back exactly the backup's rows.
    await prisma.organisation.deleteMany({ where: { type: "OTHER" } });
    const target = `file:${join(dir, "restored.db")}`;
    restoreDatabase(file, target);
    const restored = createPrismaClient(target);
    expect(await counts(restored)).toEqual(inBackup);
    await restored.$disconnect();

    // Restoring over an existing database keeps the old one beside it.
    const again = restoreDatabase(file, target);
    expect(again.previous).toMatch(/restored\.db\.before-restore-/);
  });

  it("refuses a file that is not a database", () => {
    const dir = mkdtempSync(join(tmpdir(), "durable-backup-"));
    const bogus = join(dir, "not-a-db.db");
    writeFileSync(bogus, "this is not SQLite");
    expect(() => restoreDatabase(bogus, `file:${join(dir, "x.db")}`)).toThrow();
  });
});
