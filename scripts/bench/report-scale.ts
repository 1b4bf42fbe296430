// The programme report's time at a given number of attendance rows, on a
// programme of its own (the benchmark's, with only the attendance scaled),
// called directly without HTTP: `tsx scripts/bench/report-scale.ts 10000`
// prints {"attendance":10000,"ms":…} (the median of five calls after an
// untimed one). scripts/bench.ts runs it for its scale line, in a process of
// its own because the app's database client is bound to one database.
import { benchDatabase } from "./database";
import { PROGRAMME_REPORT_RUNS, warmMedianTime } from "./measure";

const rows = Number(process.argv[2]);
if (!Number.isInteger(rows) || rows <= 0) throw new Error("usage: report-scale.ts <attendance rows>");
const db = await benchDatabase();
const { prisma } = await import("../../app/db.server");
const { createProgramme, PROGRAMME_SIZE } = await import("./dataset");
const { programmeReport } = await import("../../app/models/report.server");
try {
  await createProgramme(prisma, { ...PROGRAMME_SIZE, attendance: rows, contributions: 10 });
  console.log(JSON.stringify({ attendance: await prisma.attendance.count(), ms: await warmMedianTime(PROGRAMME_REPORT_RUNS, () => programmeReport({ roles: ["TRAINER"] }, {}, "en")) }));
} finally {
  await prisma.$disconnect();
  await db.remove();
}

