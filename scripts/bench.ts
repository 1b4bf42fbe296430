// The benchmark suite: `npm run build && npm run bench`.
//
// On a database of its own with a programme of realistic size (50 events,
// 5,000 people, 20,000 invitations, 100,000 attendance rows, 500
// contributions) it measures the built app over HTTP (requests per second and
// latency of the main routes, each as a ratio to /healthz of the same build
// in the same run), the programme report at two sizes, inviting 5,000 people,
// compiling and publishing a guideline of 500 contributions, and the
// JavaScript and HTML the main pages send; then sets each figure beside its
// goal. It prints Markdown tables for docs/performance.md; progress goes to
// stderr.
//
//   npm run bench -- --json <file>        the same figures as JSON, written to <file>
//   npm run bench -- --data-only <file>   only build the data set into the SQLite file <file>
//                                         (with the demo accounts) and exit; paths and personal
//                                         links for a load tool go to <file>.json
//
// BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (3) and BENCH_CONNECTIONS (10) set
// the HTTP load; BENCH_DATABASE_URL (a PostgreSQL server) runs it on PostgreSQL.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { requireBuild, signIn, startBuiltApp } from "./bench/app";
import { benchDatabase } from "./bench/database";
import { loadTest, markdownTable, median, medianTime, ms, PROGRAMME_REPORT_RUNS, time, warmMedianTime, type HttpCall, type LoadResult } from "./bench/measure";

const { values: args } = parseArgs({ options: { json: { type: "string" }, "data-only": { type: "string" } } });
const dataOnly = args["data-only"];
if (!dataOnly) requireBuild();
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS || 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 10);
const progress = (text: string) => console.error(`· ${text}`);
const started = performance.now();

const db = await benchDatabase(dataOnly ? { file: dataOnly, demoUsers: true } : {});
// App modules read DATABASE_URL when first imported, so they come after it is set.
const { prisma } = await import("../app/db.server");
const { createEvent, createProgramme } = await import("./bench/dataset");
const { addToInvitationList, requestInvitationSending, sendRequestedInvitations } = await import("../app/models/invitation-list.server");
const { updateSection, workingCopy } = await import("../app/models/guideline.server");
const { publishVersion } = await import("../app/models/guideline-version.server");
const { programmeReport } = await import("../app/models/report.server");

try {
  progress("building the data set");
  const t0 = performance.now();
  const programme = await createProgramme(prisma);
  const guidelineRevision = async () => (await prisma.guideline.findUniqueOrThrow({ where: { id: programme.guideline.id } })).revision;
  const first = await publishVersion(programme.guideline.editorId, programme.guideline.id, { changelog: "First edition", revision: await guidelineRevision() }, "http://bench.test");
  if (!first.ok) throw new Error(`publishing the first version was refused: ${first.message}`);
  const counts = {
    events: await prisma.event.count(),
    people: await prisma.person.count(),
    invitations: await prisma.invitation.count(),
    attendance: await prisma.attendance.count(),
    contributions: await prisma.contribution.count(),
  };
  progress(`data set built in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
  const futureEvent = programme.futureEventIds[Math.floor(programme.futureEventIds.length / 2)];
  const pastEvent = programme.pastEventIds[0];

  if (dataOnly) {
    // What a load tool needs to ask for the benchmark's pages: who signs in, the paths, and personal links to answer, each once.
    const guide = {
      database: `file:${dataOnly}`,
      // server.js wants the public address (links in emails); here, this machine.
      start: `APP_URL=http://localhost:3000 DATABASE_URL=file:${dataOnly} OUTBOX_WORKER=off node server.js`,
      signIn: { path: "/login", email: programme.trainer.email, password: programme.trainer.password, demoAccountsPassword: "durable-demo" },
      paths: {
        health: "/healthz",
        eventList: "/events",
        eventPage: `/events/${futureEvent}`,
        eventReport: `/events/${pastEvent}/report`,
        programmeReport: "/reports",
        checkIn: `/events/${futureEvent}/checkin`,
        guideline: `/guidelines/${programme.guideline.slug}`,
      },
      answer: { method: "POST", path: "/invitation/<token>", contentType: "application/x-www-form-urlencoded", body: "answer=ACCEPT&interpretation=&accessibilityNeeds=" },
      tokens: programme.tokens,
      counts,
    };
    writeFileSync(`${dataOnly}.json`, `${JSON.stringify(guide, null, 2)}\n`);
    console.log(`Data set in ${dataOnly}; paths, sign-in and ${programme.tokens.length.toLocaleString("en")} personal links in ${dataOnly}.json.`);
    console.log(`Start the built app on it with: ${guide.start}`);
    await prisma.$disconnect();
    await db.remove();
    process.exit(0);
  }

  // ---- HTTP: the built app, with background work off ----
  const app = await startBuiltApp(db.url, db.dir);
  const cookie = await signIn(app.base, programme.trainer.email, programme.trainer.password);
  // The last token is kept for the page-weight measurement; the others are answered, each once.
  const viewToken = programme.tokens[programme.tokens.length - 1];
  const answerTokens = programme.tokens.slice(0, -1);
  const signedIn = { cookie };

  progress("measuring the JavaScript the main pages send");
  const pages: Array<[string, string]> = [
    ["log-in", "/login"],
    ["invitation (personal link, no account)", `/invitation/${viewToken}`],
    ["dashboard", "/dashboard"],
    ["event list", "/events"],
    ["event page", `/events/${futureEvent}`],
    ["check-in at the door, held event (400 invited, 1,000 a day)", `/events/${pastEvent}/checkin`],
    ["check-in at the door, 400 invited", `/events/${futureEvent}/checkin`],
    ["attendance report", `/events/${pastEvent}/report`],
    ["directory", "/people"],
    ["published guideline", `/guidelines/${programme.guideline.slug}`],
  ];
  const shown = (path: string) => path.replace(viewToken, "<token>").replace(futureEvent, "<id>").replace(pastEvent, "<id>").replace(programme.guideline.slug, "<slug>");
  const weights: Array<PageWeight & { label: string; path: string }> = [];
  for (const [label, path] of pages) weights.push({ label, path: shown(path), ...(await pageWeight(app.base, path, cookie)) });
  const weightOf = (label: string) => weights.find((w) => w.label === label)!;

  progress(`load: ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${SECONDS} s measured per route`);
  const run = (call: (n: number) => HttpCall) => loadTest({ base: app.base, connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP, call });
  const routes: Array<[string, string, (n: number) => HttpCall]> = [
    ["event list", "GET /events", () => ({ path: "/events", headers: signedIn })],
    ["event page", "GET /events/<id>", () => ({ path: `/events/${futureEvent}`, headers: signedIn })],
    [
      "invitation answer, a different link each time",
      "POST /invitation/<token>",
      (n) => ({
        method: "POST",
        path: `/invitation/${answerTokens[n % answerTokens.length]}`,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ answer: n % 4 === 3 ? "DECLINE" : "ACCEPT", interpretation: "", accessibilityNeeds: "" }).toString(),
      }),
    ],
    ["attendance report, one event (4,000 rows)", "GET /events/<id>/report", () => ({ path: `/events/${pastEvent}/report`, headers: signedIn })],
    ["programme report, all events (100,000 rows)", "GET /reports", () => ({ path: "/reports", headers: signedIn })],
  ];
  progress("GET /healthz (baseline)");
  const healthBefore = await run(() => ({ path: "/healthz" }));
  const measured: Array<[string, string, LoadResult]> = [];
  for (const [label, request, call] of routes) {
    progress(`${request}: ${label}`);
    measured.push([label, request, await run(call)]);
  }
  progress("GET /healthz (baseline, again)");
  const healthAfter = await run(() => ({ path: "/healthz" }));
  await app.stop();
  const baseline = (healthBefore.perSecond + healthAfter.perSecond) / 2;
  const answered = await prisma.invitationAnswer.count({ where: { channel: "LINK", invitation: { eventId: { in: programme.futureEventIds } } } });

  // ---- The programme report called directly, here at 100,000 rows and on a programme of 10,000 rows of its own ----
  progress("the programme report at 100,000 and at 10,000 attendance rows");
  const scale = [
    { attendance: counts.attendance, ms: await warmMedianTime(PROGRAMME_REPORT_RUNS, () => programmeReport({ roles: ["TRAINER"] }, {}, "en")) },
    JSON.parse(execFileSync(process.execPath, ["--import", "tsx", "scripts/bench/report-scale.ts", "10000"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").pop()!) as { attendance: number; ms: number },
  ].sort((a, b) => a.attendance - b.attendance);

  // ---- Inviting 5,000 people: building the list, the trainer's request, and the background sending ----
  progress("inviting 5,000 people");
  const outboxRow = await medianTime(100, () =>
    prisma.outboxMessage.create({ data: { template: "bench", toAddress: "bench@example.org", subject: "s", html: "h", text: "t" } }),
  );
  await prisma.outboxMessage.deleteMany({ where: { template: "bench" } });
  const big = await createEvent(prisma, { startsAt: new Date(Date.now() + 60 * 86_400_000), days: 2, capacity: 5000, number: 7 });
  const trainer = await prisma.user.findUniqueOrThrow({ where: { email: programme.trainer.email } });
  const invitees = programme.peopleIds.slice(0, 5000);
  let added = 0;
  const addMs = await time(async () => ({ added } = await addToInvitationList(trainer.id, big.id, { personIds: invitees })));
  let queued = 0;
  const requestMs = await time(async () => {
    const request = await requestInvitationSending(trainer.id, big.id, "http://bench.test");
    if (!request.ok) throw new Error(`sending was refused: ${request.error}`);
    queued = request.queued;
  });
  let sent = 0;
  const sendMs = await time(async () => ({ sent } = await sendRequestedInvitations()));
  if (added !== invitees.length || queued !== invitees.length || sent !== invitees.length) throw new Error(`invited ${added}/${queued}/${sent} of ${invitees.length}`);

  // ---- A guideline of 500 contributions: compile and publish (a section's text changes before each run) ----
  progress("compiling and publishing a guideline of 500 contributions");
  const publishTimes: number[] = [];
  const readTimes: number[] = [];
  for (let n = 1; n <= 3; n++) {
    const sectionId = programme.guideline.sectionIds[n % programme.guideline.sectionIds.length];
    await updateSection(programme.guideline.editorId, sectionId, { title: `Section ${n}`, body: `Editor's introduction, revised in run ${n}.` });
    readTimes.push(await time(() => workingCopy(programme.guideline.slug)));
    const revision = await guidelineRevision();
    publishTimes.push(
      await time(async () => {
        const published = await publishVersion(programme.guideline.editorId, programme.guideline.id, { changelog: `Run ${n}`, revision }, "http://bench.test");
        if (!published.ok) throw new Error(`publishing was refused: ${published.message}`);
      }),
    );
  }

  // ---- Report ----
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const lines: string[] = [];
  const say = (text = "") => lines.push(text);
  say(`## Run of ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`);
  say();
  say(`Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${osName()}; load average at the end ${loadavg().map((n) => n.toFixed(2)).join(" ")}.`);
  say(
    `Data set: ${counts.events} events, ${counts.people.toLocaleString("en")} people, ${counts.invitations.toLocaleString("en")} invitations, ` +
      `${counts.attendance.toLocaleString("en")} attendance rows, ${counts.contributions} contributions (${db.engine}).`,
  );
  say();

  // Each goal beside what this run measured.
  const result = (request: string) => measured.find(([, r]) => r === request)![2];
  const [events, eventPage, answer, eventReport, reports] = ["GET /events", "GET /events/<id>", "POST /invitation/<token>", "GET /events/<id>/report", "GET /reports"].map(result);
  const ratio = (r: LoadResult) => r.perSecond / baseline;
  const kB = (n: number) => `${n.toFixed(1)} kB`;
  const goals: Array<{ goal: string; target: string; measured: string; value: number; met: boolean }> = [];
  const goal = (name: string, target: string, value: number, shownValue: string, met: boolean) => goals.push({ goal: name, target, measured: shownValue, value, met });
  goal("programme report (100,000 rows), GET /reports p50", "≤ 200 ms", reports.p50, ms(reports.p50), reports.p50 <= 200);
  goal("one event's report (4,000 rows), GET /events/<id>/report p50", "≤ 50 ms", eventReport.p50, ms(eventReport.p50), eventReport.p50 <= 50);
  goal("event list, GET /events ÷ /healthz", "≥ 0.5", ratio(events), ratio(events).toFixed(3), ratio(events) >= 0.5);
  goal("event page, GET /events/<id> ÷ /healthz", "≥ 0.5", ratio(eventPage), ratio(eventPage).toFixed(3), ratio(eventPage) >= 0.5);
  goal("invitation answer by link, POST /invitation/<token> ÷ /healthz", "≥ 0.3", ratio(answer), ratio(answer).toFixed(3), ratio(answer) >= 0.3);
  for (const [name, r] of [["event list", events], ["event page", eventPage], ["invitation answer", answer]] as const) {
    goal(`${name}, p99 at ${CONNECTIONS} connections`, "≤ 100 ms", r.p99, ms(r.p99), r.p99 <= 100);
  }
  for (const label of ["log-in", "invitation (personal link, no account)"]) {
    const w = weightOf(label);
    goal(`JavaScript gzipped, ${w.path}`, "≤ 110 kB", w.jsGzipKb, kB(w.jsGzipKb), w.jsGzipKb <= 110);
  }
  const door = weightOf("check-in at the door, 400 invited");
  goal("check-in page of an event with 400 invited, HTML gzipped", "≤ 40 kB", door.htmlGzipKb, kB(door.htmlGzipKb), door.htmlGzipKb <= 40);
  const guidelinePage = weightOf("published guideline");
  goal("published guideline page, inline data", "≤ 60 kB", guidelinePage.inlineKb, kB(guidelinePage.inlineKb), guidelinePage.inlineKb <= 60);
  goal("rendering and queueing 5,000 invitation emails", "≤ 10 s", sendMs / 1000, `${(sendMs / 1000).toFixed(1)} s`, sendMs <= 10_000);
  say("### Goals");
  say();
  say(markdownTable(["goal", "target", "measured", "met"], goals.map((g) => [g.goal, g.target, g.measured, g.met ? "met" : "not met"]), ["left", "right", "right", "left"]));
  say();
  say(`${goals.filter((g) => g.met).length} of ${goals.length} goals met.`);
  say();
  say(`### Requests (${CONNECTIONS} connections, ${SECONDS} s measured after ${WARMUP} s warm-up, keep-alive)`);
  say();
  const row = (label: string, path: string, r: LoadResult) => {
    const other = Object.entries(r.statuses)
      .filter(([status]) => !status.startsWith("2"))
      .map(([status, n]) => `${n}× ${status}`)
      .join(", ");
    const perSecond = r.perSecond >= 10 ? r.perSecond.toFixed(0) : r.perSecond.toFixed(1);
    return [label, path, perSecond, ms(r.p50), ms(r.p99), (r.perSecond / baseline).toFixed(3), String(r.requests), other || "—"];
  };
  say(
    markdownTable(
      ["route", "request", "req/s", "p50", "p99", "÷ /healthz", "answers", "not 2xx"],
      [
        row("baseline: health check", "GET /healthz (before)", healthBefore),
        ...measured.map(([label, path, r]) => row(label, path, r)),
        row("baseline: health check", "GET /healthz (after)", healthAfter),
      ],
      ["left", "left", "right", "right", "right", "right", "right", "left"],
    ),
  );
  say();
  say(`Ratios are to the mean of the two /healthz runs (${baseline.toFixed(0)} req/s). ${answered.toLocaleString("en")} invitations were answered by link during the run.`);
  say();
  say("### Inviting 5,000 people to an event");
  say();
  say(
    markdownTable(
      ["step", "time", "÷ baseline"],
      [
        ["baseline: queue one plain outbox row (median of 100)", ms(outboxRow), "1"],
        ["add 5,000 people to the list", ms(addMs), (addMs / outboxRow).toFixed(0)],
        ["trainer's request to send (the page answers after this)", ms(requestMs), (requestMs / outboxRow).toFixed(0)],
        ["background sending: render and queue 5,000 emails", `${(sendMs / 1000).toFixed(1)} s`, (sendMs / outboxRow).toFixed(0)],
        ["  per invitation", ms(sendMs / invitees.length), (sendMs / invitees.length / outboxRow).toFixed(1)],
      ],
      ["left", "right", "right"],
    ),
  );
  say();
  say("### A guideline of 500 contributions in 10 sections (median of 3)");
  say();
  const publish = median(publishTimes);
  const read = median(readTimes);
  say(
    markdownTable(
      ["step", "time", "÷ baseline"],
      [
        ["baseline: read the working copy", ms(read), "1"],
        ["compile and publish a version", ms(publish), (publish / read).toFixed(1)],
      ],
      ["left", "right", "right"],
    ),
  );
  say();
  say("### The programme report at two sizes (called directly, trainer, no filter, median of 5)");
  say();
  say(
    markdownTable(
      ["attendance rows", "time", "÷ the smaller"],
      scale.map((point) => [point.attendance.toLocaleString("en"), ms(point.ms), (point.ms / scale[0].ms).toFixed(1)]),
      ["right", "right", "right"],
    ),
  );
  say();
  say("### JavaScript sent to the browser (signed in as a trainer)");
  say();
  say(
    markdownTable(
      ["page", "path", "script files", "JS raw kB", "JS gzip kB", "messages gzip kB", "inline script kB", "HTML gzip kB"],
      weights.map((w) => [w.label, w.path, String(w.files), ...[w.jsRawKb, w.jsGzipKb, w.messagesGzipKb, w.inlineKb, w.htmlGzipKb].map((n) => n.toFixed(1))]),
      ["left", "left", "right", "right", "right", "right", "right", "right"],
    ),
  );
  say();
  say(`Whole benchmark: ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  console.log(lines.join("\n"));
  if (args.json) {
    const figures = {
      takenAt: new Date().toISOString(),
      machine: { cpus: cpus().length, cpu, memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)), node: process.version, os: osName(), loadAverageAtEnd: loadavg() },
      engine: db.engine,
      dataSet: counts,
      load: { connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP },
      goals,
      requests: [["baseline: health check", "GET /healthz (before)", healthBefore] as const, ...measured, ["baseline: health check", "GET /healthz (after)", healthAfter] as const].map(
        ([label, request, r]) => ({ label, request, perSecond: r.perSecond, p50Ms: r.p50, p99Ms: r.p99, ratioToHealthz: r.perSecond / baseline, answers: r.requests, statuses: r.statuses }),
      ),
      healthzPerSecond: baseline,
      answeredByLink: answered,
      programmeReportScale: scale,
      invitingFiveThousand: { outboxRowMs: outboxRow, addToListMs: addMs, requestMs, sendingMs: sendMs, perInvitationMs: sendMs / invitees.length },
      guideline: { readWorkingCopyMs: read, publishMs: publish },
      pages: weights,
      benchmarkSeconds: (performance.now() - started) / 1000,
    };
    writeFileSync(args.json, `${JSON.stringify(figures, null, 2)}\n`);
    progress(`figures written to ${args.json}`);
  }
} finally {
  await prisma.$disconnect();
  await db.remove();
}

/**
 * What a page makes the browser download up front: its script files (src and
 * modulepreload, gzipped as the server sends them), the file of its
 * language's messages (the preload link marked data-messages; the browser
 * keeps it, so a second page does not fetch it again), inline scripts, and the HTML.
 */
type PageWeight = { files: number; jsRawKb: number; jsGzipKb: number; messagesGzipKb: number; inlineKb: number; htmlGzipKb: number };

async function pageWeight(base: string, path: string, cookie: string): Promise<PageWeight> {
  const response = await fetch(`${base}${path}`, { headers: { cookie } });
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
  const html = await response.text();
  const urls = new Set<string>();
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) urls.add(match[1]);
  for (const match of html.matchAll(/<link\b[^>]*>/g)) {
    if (!/\brel="modulepreload"/.test(match[0])) continue;
    const href = match[0].match(/\bhref="([^"]+)"/);
    if (href) urls.add(href[1]);
  }
  let raw = 0;
  let gzip = 0;
  for (const url of urls) {
    const body = Buffer.from(await (await fetch(new URL(url, base))).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body).length;
  }
  const messagesHref = html.match(/<link\b[^>]*\bdata-messages=""[^>]*>/)?.[0].match(/\bhref="([^"]+)"/)?.[1];
  const messages = messagesHref ? gzipSync(Buffer.from(await (await fetch(new URL(messagesHref, base))).arrayBuffer())).length : 0;
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].reduce((n, m) => n + Buffer.byteLength(m[1]), 0);
  const kB = (bytes: number) => bytes / 1024;
  return { files: urls.size, jsRawKb: kB(raw), jsGzipKb: kB(gzip), messagesGzipKb: kB(messages), inlineKb: kB(inline), htmlGzipKb: kB(gzipSync(Buffer.from(html)).length) };
}

function osName(): string {
  try {
    return readFileSync("/etc/os-release", "utf8").match(/^PRETTY_NAME="?([^"\n]+)"?/m)?.[1] ?? process.platform;
  } catch {
    return process.platform;
  }
}
