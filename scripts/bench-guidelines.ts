// Benchmark: compile-and-publish a guideline of 500 contributions, and diff
// two such versions. Each is printed with a baseline measured in the same run
// (reading the same data from the database) and the ratio, since absolute
// times vary between machines. Run: npx tsx scripts/bench-guidelines.ts
import { benchDatabase } from "./bench/database";
import { median, time } from "./bench/measure";

const CONTRIBUTIONS = 500;
const SECTIONS = 10;
const RUNS = 5;

const db = await benchDatabase();
try {
  // App modules read DATABASE_URL when first imported, so they come after it is set.
  const { prisma } = await import("../app/db.server");
  const { createBenchUser, createGuideline } = await import("./bench/dataset");
  const { workingCopy, updateSection } = await import("../app/models/guideline.server");
  const { publishVersion, compareVersions } = await import("../app/models/guideline-version.server");

  // Setup (not measured): accepted contributions, placed evenly in the sections.
  const user = await createBenchUser(prisma, { email: "bench@example.org", name: "Bench Author", role: "EDITOR" });
  const guideline = await createGuideline(prisma, user.id, CONTRIBUTIONS, SECTIONS);

  // Compile and publish, RUNS times; before each, one section's editor text changes (not measured).
  const publishTimes: number[] = [];
  const loadTimes: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    await updateSection(user.id, guideline.sectionIds[run % SECTIONS], { title: `Section ${(run % SECTIONS) + 1}`, body: `Editor's introduction, revised in run ${run}.` });
    loadTimes.push(await time(() => workingCopy(guideline.slug)));
    const { revision } = await prisma.guideline.findUniqueOrThrow({ where: { id: guideline.id } });
    publishTimes.push(
      await time(async () => {
        const result = await publishVersion(user.id, guideline.id, { changelog: `Run ${run}`, revision }, "http://localhost");
        if (!result.ok) throw new Error(result.message);
      }),
    );
  }

  // Diff between the first and the last version (several sections changed).
  const diffTimes: number[] = [];
  const readTimes: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    readTimes.push(
      await time(() =>
        prisma.guidelineVersion.findMany({ where: { guidelineId: guideline.id, number: { in: [1, RUNS] } }, include: { sections: true, credits: true } }),
      ),
    );
    diffTimes.push(await time(() => compareVersions(guideline.slug, 1, RUNS)));
  }
  const sectionChars = (await prisma.guidelineVersionSection.findMany({ where: { version: { number: 1 } } })).reduce((n, s) => n + s.body.length, 0);
  await prisma.$disconnect();

  const publish = median(publishTimes);
  const load = median(loadTimes);
  const diff = median(diffTimes);
  const read = median(readTimes);
  console.log(`Guideline of ${CONTRIBUTIONS} contributions in ${SECTIONS} sections (${Math.round(sectionChars / 1000)} k characters per version), median of ${RUNS} runs:`);
  console.log(`  compile and publish a version: ${publish.toFixed(1)} ms`);
  console.log(`    baseline, reading the working copy: ${load.toFixed(1)} ms  -> ratio ${(publish / load).toFixed(1)}x`);
  console.log(`  diff between version 1 and version ${RUNS}: ${diff.toFixed(1)} ms`);
  console.log(`    baseline, reading both versions: ${read.toFixed(1)} ms  -> ratio ${(diff / read).toFixed(1)}x`);
} finally {
  await db.remove();
}
