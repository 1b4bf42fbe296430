// The door on a slow phone: `npm run build && npm run bench:door`.
//
// An event with 400 and one with 2,000 invited, on a temporary SQLite
// database; Chromium as a 390×844 phone with its CPU slowed 4× and a "fast
// 3G" connection (1.6 Mbit/s down, 750 kbit/s up, 150 ms latency). For each
// it prints the page's size (HTML, gzipped), the time until the list can be
// used (the page hydrated: `.checkin[data-ready]`), and the time from typing
// a name to the list showing only that person. BENCH_DOOR_SIZES ("400,2000")
// sets the list sizes.
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { requireBuild, signIn, startBuiltApp } from "./bench/app";
import { benchDatabase } from "./bench/database";
import { markdownTable, median } from "./bench/measure";

requireBuild();
const SIZES = (process.env.BENCH_DOOR_SIZES || "400,2000").split(",").map(Number);
const RUNS = 3;
const PASSWORD = "durable-demo";
const db = await benchDatabase();
const { prisma } = await import("../app/db.server");
const { createBenchUser, createEvent, createPeople } = await import("./bench/dataset");

const trainer = await createBenchUser(prisma, { email: "door@bench.test", name: "Door", role: "TRAINER", password: PASSWORD });
const events: Array<{ size: number; id: string; last: string }> = [];
for (const [n, size] of SIZES.entries()) {
  const ids = await createPeople(prisma, size, { emailPrefix: `door${n}` });
  const event = await createEvent(prisma, { startsAt: new Date(Date.now() - 3_600_000), capacity: size, number: n });
  await prisma.event.update({ where: { id: event.id }, data: { status: "PUBLISHED" } });
  await prisma.invitation.createMany({ data: ids.map((personId) => ({ eventId: event.id, personId, status: "ACCEPTED" as const, sentAt: new Date() })) });
  const last = await prisma.person.findUniqueOrThrow({ where: { id: ids[ids.length - 1] }, select: { name: true } });
  events.push({ size, id: event.id, last: last.name });
}
const app = await startBuiltApp(db.url, db.dir);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-gpu"] });
try {
  const cookie = await signIn(app.base, trainer.email, PASSWORD);
  const rows: string[][] = [];
  for (const event of events) {
    const url = `${app.base}/events/${event.id}/checkin`;
    const html = await (await fetch(url, { headers: { cookie } })).text();
    const ready: number[] = [];
    const filter: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 });
      const [name, value] = cookie.split(";")[0].split("=");
      await context.addCookies([{ name, value, url: app.base }]);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
      const start = Date.now();
      await page.goto(url, { waitUntil: "commit" });
      await page.locator(".checkin[data-ready]").waitFor({ timeout: 120_000 });
      ready.push(Date.now() - start);
      const typed = Date.now();
      await page.locator("#checkin-q").fill(event.last);
      await page.waitForFunction(() => document.querySelectorAll("li[data-checkin-person]").length === 1, undefined, { timeout: 60_000 });
      filter.push(Date.now() - typed);
      await context.close();
    }
    rows.push([
      String(event.size),
      `${(gzipSync(html).length / 1024).toFixed(1)} kB`,
      `${(median(ready) / 1000).toFixed(2)} s`,
      `${median(filter)} ms`,
    ]);
  }
  console.log(`Door on a slow phone (390×844, CPU ÷4, fast 3G), median of ${RUNS}:\n`);
  console.log(markdownTable(["invited", "HTML gzipped", "until the list can be used", "typing a name until one row is left"], rows, ["right", "right", "right", "right"]));
} finally {
  await browser.close();
  await app.stop();
  await prisma.$disconnect();
  db.remove();
}
