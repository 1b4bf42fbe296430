// Directory benchmark: importing 5,000 rows and searching among 20,000 people,
// on a temporary database, against a baseline measured in the same run (a
// lookup of one person by id). Run: npx tsx scripts/bench-directory.ts
import Papa from "papaparse";
import { benchDatabase } from "./bench/database";
import { medianTime } from "./bench/measure";

const db = await benchDatabase();
// App modules read DATABASE_URL when first imported, so they come after it is set.
const { prisma } = await import("../app/db.server");
const { createBenchUser } = await import("./bench/dataset");
const { startImport, getImportPreview, confirmImport } = await import("../app/models/directory-import.server");
const { listPeople } = await import("../app/models/person.server");

const user = await createBenchUser(prisma, { email: "bench@example.org", name: "Bench Trainer", role: "TRAINER" });
const trainer = { id: user.id, email: user.email, name: user.name, locale: "en", roles: ["TRAINER" as const] };

const PLACES = ["Novobërdë", "Gjilan", "Ranilug", "Kamenica", "Prizren", "Dragaš", "Štrpce", "Klina", "Istog"];
const FIRST = ["Arbër", "Qëndresa", "Dragan", "Jelena", "Sanije", "Đorđe", "Nermina", "Erkan", "Besa", "Živko"];
const LAST = ["Krasniqi", "Stanković", "Berisha", "Šarić", "Hodžić", "Gashi", "Đukić", "Ismaili", "Petrović", "Sezer"];

function csv(batch: number, rows: number) {
  const data = Array.from({ length: rows }, (_, i) => {
    const n = batch * rows + i;
    // One row in fifty has a problem, as real files do.
    const email = n % 50 === 0 ? "" : `person.${n}@example.org`;
    return [`${FIRST[n % 10]} ${LAST[Math.floor(n / 10) % 10]} ${n}`, email, PLACES[n % PLACES.length], n % 3 ? "UNHCR Kosovo" : "", n % 2 ? "F" : "M", "Roma"];
  });
  return new TextEncoder().encode(Papa.unparse({ fields: ["Name", "Email", "Municipality", "Organisation", "Gender", "Community"], data }));
}

async function importFile(batch: number) {
  const t0 = performance.now();
  const started = await startImport(trainer, `batch-${batch}.csv`, csv(batch, 5000));
  if (!started.ok) throw new Error(started.error);
  const upload = await getImportPreview(trainer, started.importId);
  const t1 = performance.now();
  const result = await confirmImport(trainer, started.importId);
  const t2 = performance.now();
  if (!result.ok) throw new Error(result.error);
  return { previewMs: t1 - t0, confirmMs: t2 - t1, problems: upload!.preview.problems.length, imported: result.imported };
}

try {
  const first = await importFile(0);
  const rest = [await importFile(1), await importFile(2), await importFile(3)];
  const total = await prisma.person.count();
  const ids = (await prisma.person.findMany({ select: { id: true }, take: 200 })).map((p) => p.id);

  const baseline = await medianTime(200, (i) => prisma.person.findUnique({ where: { id: ids[i % ids.length] } }));
  const queries = ["novoberde", "Dordje Dukic", "strpce sarić", "person.12345@", "qendresa krasniqi 1"];
  const search = await medianTime(100, (i) => listPeople(trainer, { q: queries[i % queries.length] }));
  const filtered = await medianTime(100, (i) => listPeople(trainer, { q: queries[i % queries.length], organisationType: "INTERNATIONAL" }));
  const browse = await medianTime(50, (i) => listPeople(trainer, {}, 1 + (i % 20)));

  const line = (label: string, ms: number) => console.log(`${label.padEnd(52)} ${ms.toFixed(1).padStart(8)} ms   ${(ms / baseline).toFixed(0).padStart(6)}x baseline`);
  console.log(`Directory benchmark (${total} people, Node ${process.version})`);
  line("baseline: one person by id (median of 200)", baseline);
  line(`import 5,000 rows: read + preview (${first.problems} bad rows)`, first.previewMs);
  line(`import 5,000 rows: confirm (${first.imported} written)`, first.confirmMs);
  line("import 5,000 rows: total", first.previewMs + first.confirmMs);
  line("import 5,000 rows into 15,000: total (mean of 3)", rest.reduce((a, r) => a + r.previewMs + r.confirmMs, 0) / rest.length);
  line(`search among ${total} (median of 100)`, search);
  line(`search + organisation type (median of 100)`, filtered);
  line("browse a page of 25, no search (median of 50)", browse);
} finally {
  await prisma.$disconnect();
  await db.remove();
}
