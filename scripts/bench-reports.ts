// Report benchmark: the programme report and one event's report called
// directly (no HTTP), on the benchmark's programme of 100,000 attendance
// rows, against a baseline measured in the same run (one event by id).
//   npx tsx scripts/bench-reports.ts
// Building the data set takes a minute or two; BENCH_REPORTS_DATABASE=<file>
// keeps the built SQLite file there, and a later run given the same file
// copies it instead of building again (to compare two versions of the code
// on the same data).
import { copyFileSync, existsSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { benchDatabase } from "./bench/database";
import { medianTime, time } from "./bench/measure";

const saved = process.env.BENCH_REPORTS_DATABASE;
const runs = Math.max(1, Number(process.env.BENCH_REPORTS_RUNS || 5));
const db = await benchDatabase();
const file = join(db.dir, "bench.db");
if (saved && existsSync(saved)) {
  copyFileSync(saved, file);
  // A file kept by an older version of the code gets the migrations added since.
  const { applyMigrations } = await import("../prisma/tooling/schema-engine");
  await applyMigrations({ url: db.url, migrationsDir: "prisma/migrations" });
}
// App modules read DATABASE_URL when first imported, so they come after it is set.
const { prisma } = await import("../app/db.server");
const { createProgramme } = await import("./bench/dataset");
const { eventAttendees, eventReport, programmeReport } = await import("../app/models/report.server");

try {
  if (!saved || !existsSync(saved)) {
    const built = await time(() => createProgramme(prisma));
    console.error(`data set built in ${(built / 1000).toFixed(0)} s`);
    if (saved) await prisma.$executeRawUnsafe(`VACUUM INTO '${saved.replace(/'/g, "''")}'`);
  }
  const trainer = { roles: ["TRAINER" as const] };
  const member = { roles: ["MEMBER" as const] };
  const attendance = await prisma.attendance.count();
  const busiest = await prisma.attendance.groupBy({ by: ["eventId"], _count: { _all: true }, orderBy: { _count: { eventId: "desc" } }, take: 1 });
  const eventId = busiest[0].eventId;
  const event = await prisma.event.findUniqueOrThrow({ where: { id: eventId }, select: { municipalityId: true } });

  // One untimed call of each first: the database file's pages into memory, the code compiled.
  await programmeReport(trainer, {}, "en");
  await eventReport(trainer, eventId, "en");
  await eventAttendees(eventId);
  const baseline = await medianTime(200, () => prisma.event.findUnique({ where: { id: eventId } }));
  const line = (label: string, ms: number) =>
    console.log(`${label.padEnd(60)} ${ms.toFixed(1).padStart(9)} ms   ${(ms / baseline).toFixed(0).padStart(7)}x baseline`);
  console.log(`Report benchmark (${attendance.toLocaleString("en")} attendance rows, Node ${process.version}, load average ${loadavg().map((n) => n.toFixed(2)).join(" ")})`);
  line("baseline: one event by id (median of 200)", baseline);
  line(`programme report, trainer, no filter (median of ${runs})`, await medianTime(runs, () => programmeReport(trainer, {}, "en")));
  line(`programme report, member, no filter (median of ${runs})`, await medianTime(runs, () => programmeReport(member, {}, "en")));
  line(
    `programme report, one municipality (median of ${runs})`,
    await medianTime(runs, () => programmeReport(trainer, { municipalityId: event.municipalityId }, "en")),
  );
  const rows = busiest[0]._count._all.toLocaleString("en");
  line(`one event's report, ${rows} rows (median of ${runs * 4})`, await medianTime(runs * 4, () => eventReport(trainer, eventId, "en")));
  // The one-event page shows staff who came, beside the report.
  line(`its list of who came, for staff (median of ${runs * 4})`, await medianTime(runs * 4, () => eventAttendees(eventId)));
  console.log(`load average at the end ${loadavg().map((n) => n.toFixed(2)).join(" ")}`);
} finally {
  await prisma.$disconnect();
  await db.remove();
}
