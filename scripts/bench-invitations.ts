// Invitations benchmark: inviting 5,000 people (building the list and
// queueing 5,000 personal emails with calendar entries), and the answers per
// second the personal-link endpoint sustains on the built app, each against a
// baseline measured in the same run. Run: npm run build && npx tsx scripts/bench-invitations.ts
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyMigrations } from "../prisma/tooling/schema-engine";

if (!existsSync("build/index.js")) throw new Error("Build the app first: npm run build");
const dir = mkdtempSync(join(tmpdir(), "durable-bench-"));
const url = `file:${join(dir, "bench.db")}`;
process.env.DATABASE_URL = url;
process.env.DATA_DIR = dir;
await applyMigrations({ url, migrationsDir: "prisma/migrations" });

// App modules read DATABASE_URL when first imported, so they come after it is set.
const { prisma } = await import("../app/db.server");
const { seed } = await import("../prisma/seed");
const { addToInvitationList, sendInvitations } = await import("../app/models/invitation-list.server");
const { createToken, hashToken } = await import("../app/utils/tokens.server");

await seed(url, { demoUsers: false });
const trainer = await prisma.user.create({ data: { email: "bench@example.org", name: "Bench", passwordHash: "x", roles: { create: [{ role: "TRAINER" }] } } });
const municipality = await prisma.municipality.findUniqueOrThrow({ where: { slug: "gjilan" } });

async function event(capacity: number) {
  const startsAt = new Date(Date.now() + 30 * 86_400_000);
  return prisma.event.create({
    data: {
      uid: `${randomUUID()}@durable`,
      type: "CONFERENCE",
      status: "PUBLISHED",
      clusterId: municipality.clusterId,
      municipalityId: municipality.id,
      venueName: "Bench hall",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 6 * 3_600_000),
      capacity,
      translations: { create: [{ locale: "sq", title: "Konferenca rajonale" }, { locale: "en", title: "Regional conference" }] },
      sessions: { create: [{ title: "Opening", startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000) }] },
    },
  });
}

const PEOPLE = 5000;
const rows = Array.from({ length: PEOPLE }, (_, i) => ({
  name: `Person ${i}`,
  email: `bench.${i}@example.org`,
  locale: ["sq", "sr", "en"][i % 3],
  municipalityId: municipality.id,
  searchText: `person ${i}`,
}));
for (let i = 0; i < rows.length; i += 500) await prisma.person.createMany({ data: rows.slice(i, i + 500) });

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// Baseline: queueing one plain row in the outbox, the smallest write an invitation needs.
const baseline: number[] = [];
for (let i = 0; i < 200; i++) {
  const t = performance.now();
  await prisma.outboxMessage.create({ data: { template: "bench", toAddress: "x@example.org", subject: "s", html: "h", text: "t" } });
  baseline.push(performance.now() - t);
}
await prisma.outboxMessage.deleteMany({ where: { template: "bench" } });
const baselineMs = median(baseline);

const big = await event(5000);
const t0 = performance.now();
const benchPeople = await prisma.person.findMany({ where: { email: { startsWith: "bench." } }, select: { id: true } });
const added = await addToInvitationList(trainer.id, big.id, { personIds: benchPeople.map((p) => p.id) });
const t1 = performance.now();
const sent = await sendInvitations(trainer.id, big.id, "http://bench.test");
const t2 = performance.now();
if (!sent.ok || sent.sent !== PEOPLE || added.added !== PEOPLE) throw new Error(`unexpected: ${JSON.stringify({ added, sent })}`);

// Answers over HTTP: invitations with known tokens on a second event, answered by many clients at once.
const answersEvent = await event(1000);
const people = benchPeople.slice(0, 3000);
const tokens: string[] = [];
await prisma.$transaction(async (tx) => {
  for (const person of people) {
    const token = createToken();
    tokens.push(token);
    await tx.invitation.create({ data: { eventId: answersEvent.id, personId: person.id, sentAt: new Date(), tokenHash: hashToken(token) } });
  }
});
await prisma.$disconnect();

const port = await new Promise<number>((resolve) => {
  const s = createServer();
  s.listen(0, "127.0.0.1", () => {
    const address = s.address();
    s.close(() => resolve(typeof address === "object" && address ? address.port : 0));
  });
});
const server = spawn(process.execPath, ["server.js"], {
  env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", OUTBOX_WORKER: "off", NODE_ENV: "production" },
  stdio: ["ignore", "pipe", "inherit"],
});
await new Promise<void>((resolve) => server.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("running") && resolve()));
const base = `http://127.0.0.1:${port}`;

async function load(seconds: number, concurrency: number, request: (i: number) => Promise<Response>) {
  let next = 0;
  let done = 0;
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const i = next++;
        const t = performance.now();
        const res = await request(i);
        await res.arrayBuffer();
        if (res.status >= 500) throw new Error(`HTTP ${res.status}`);
        latencies.push(performance.now() - t);
        done++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { perSecond: done / seconds, p50: latencies[Math.floor(latencies.length / 2)], p99: latencies[Math.floor(latencies.length * 0.99)] };
}

const health = await load(5, 20, () => fetch(`${base}/healthz`));
const answers = await load(5, 20, (i) =>
  fetch(`${base}/invitation/${tokens[i % tokens.length]}`, {
    method: "POST",
    body: new URLSearchParams({ answer: i % 4 === 3 ? "DECLINE" : "ACCEPT", interpretation: "", accessibilityNeeds: "" }),
  }),
);
server.kill("SIGTERM");

const row = (what: string, value: string, ratio: string) => console.log(`| ${what.padEnd(46)} | ${value.padStart(16)} | ${ratio.padStart(12)} |`);
console.log(`\nInvitations benchmark (${new Date().toISOString().slice(0, 10)}, Node ${process.version})\n`);
row("what", "measured", "vs baseline");
row("-".repeat(46), "-".repeat(16), "-".repeat(12));
row("baseline: queue one outbox row", `${baselineMs.toFixed(2)} ms`, "1×");
row("add 5,000 people to a list", `${(t1 - t0).toFixed(0)} ms`, `${((t1 - t0) / baselineMs).toFixed(0)}×`);
row("send 5,000 invitations (render + queue)", `${((t2 - t1) / 1000).toFixed(1)} s`, `${((t2 - t1) / baselineMs).toFixed(0)}×`);
row("  per invitation", `${((t2 - t1) / PEOPLE).toFixed(2)} ms`, `${((t2 - t1) / PEOPLE / baselineMs).toFixed(1)}×`);
row("baseline: GET /healthz, 20 clients", `${health.perSecond.toFixed(0)} req/s`, "1×");
row("POST /invitation/<token> answers, 20 clients", `${answers.perSecond.toFixed(0)} req/s`, `${(answers.perSecond / health.perSecond).toFixed(2)}×`);
row("  answer latency p50 / p99", `${answers.p50.toFixed(0)} / ${answers.p99.toFixed(0)} ms`, "");
rmSync(dir, { recursive: true, force: true });
process.exit(0);
