// Benchmark: compile-and-publish a guideline of 500 contributions, and diff
// two such versions. Each is printed with a baseline measured in the same run
// (reading the same data from the database) and the ratio, since absolute
// times vary between machines. Run: npx tsx scripts/bench-guidelines.ts
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const CONTRIBUTIONS = 500;
const SECTIONS = 10;
const RUNS = 5;

const dir = mkdtempSync(join(tmpdir(), "durable-bench-"));
const url = `file:${join(dir, "bench.db")}`;
process.env.DATABASE_URL = url;
process.env.DATA_DIR = dir;
// Imported only now: the app's database client reads DATABASE_URL when first loaded.
const { applyMigrations } = await import("../prisma/tooling/schema-engine");
const { seed } = await import("../prisma/seed");

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}
const paragraph = (n: number) =>
  `Practice ${n}: the municipal office for communities and return opened a desk where returnee families find civil registration, ` +
  `property documents, social assistance and school enrolment in one visit. Staff speak Albanian and Serbian; a Roma mediator ` +
  `joins on Tuesdays. In the first year ${n + 40} families were served and waiting times fell from weeks to days.`;

try {
  await applyMigrations({ url, migrationsDir: "prisma/migrations" });
  await seed(url, { demoUsers: false });
  const { prisma } = await import("../app/db.server");
  const { workingCopy, updateSection } = await import("../app/models/guideline.server");
  const { publishVersion, compareVersions } = await import("../app/models/guideline-version.server");

  // Setup (not measured): accepted contributions, placed 50 to a section.
  const user = await prisma.user.create({ data: { email: "bench@example.org", name: "Bench Author", passwordHash: "x" } });
  const themes = await prisma.theme.findMany();
  const municipalities = await prisma.municipality.findMany();
  const guideline = await prisma.guideline.create({ data: { slug: "bench", title: "Guidelines for successful integration of returnees" } });
  const sectionIds: string[] = [];
  for (let s = 0; s < SECTIONS; s++) {
    const section = await prisma.guidelineSection.create({
      data: { guidelineId: guideline.id, key: `section-${s + 1}`, position: s + 1, title: `Section ${s + 1}`, body: `Editor's introduction to section ${s + 1}.` },
    });
    sectionIds.push(section.id);
  }
  for (let i = 0; i < CONTRIBUTIONS; i++) {
    const contribution = await prisma.contribution.create({
      data: {
        title: `Best practice ${i + 1}`,
        summary: `Summary of practice ${i + 1}.`,
        body: `${paragraph(i)}\n\n- what worked\n- what did not\n\n${paragraph(i + 1)}`,
        status: "ACCEPTED",
        themeId: themes[i % themes.length].id,
        municipalityId: municipalities[i % municipalities.length].id,
        createdById: user.id,
        authors: { create: { userId: user.id, isLead: true } },
      },
    });
    await prisma.guidelinePlacement.create({ data: { sectionId: sectionIds[i % SECTIONS], contributionId: contribution.id, position: i } });
  }

  // Compile and publish, RUNS times; before each, one section's editor text changes (not measured).
  const publishTimes: number[] = [];
  const loadTimes: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    await updateSection(user.id, sectionIds[run % SECTIONS], { title: `Section ${(run % SECTIONS) + 1}`, body: `Editor's introduction, revised in run ${run}.` });
    loadTimes.push(await time(() => workingCopy("bench")));
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
    diffTimes.push(await time(() => compareVersions("bench", 1, RUNS)));
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
  rmSync(dir, { recursive: true, force: true });
}
