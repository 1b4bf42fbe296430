// Two app instances on one database, as behind a load balancer: what one
// does, the other sees, and background work is done once between them.
import { prisma } from "~/db.server";
import { queueEmail } from "~/models/outbox.server";
import { createToken, hashToken } from "~/utils/tokens.server";
import { seed } from "../../prisma/seed";
import { startApp, type RunningApp } from "../helpers/app-server";
import { testEngine } from "../helpers/database";
import { logInOverHttp } from "../helpers/e2e";
import { createEvent, createPerson, invite } from "../helpers/factories";
import { startSmtpPeer, type SmtpPeer } from "../helpers/smtp";

const DAY = 86_400_000;
let a: RunningApp;
let b: RunningApp;
let smtp: SmtpPeer;
let reminderEventId: string;

beforeAll(async () => {
  await seed(process.env.DATABASE_URL);
  // An event in three days whose 7-day reminder is due: both schedulers will find it.
  const event = await createEvent({ municipality: "prizren", venueName: "Qendra rinore", startsAt: new Date(Date.now() + 3 * DAY), hours: 3, capacity: 50, titles: { en: "Round table on housing" } });
  reminderEventId = event.id;
  for (let i = 0; i < 15; i++) {
    const person = await createPerson({ email: `reminded-${i}@example.org`, locale: "en" });
    await invite(event, person, "ACCEPTED", { data: { sentAt: new Date(Date.now() - 20 * DAY) } });
  }
  smtp = await startSmtpPeer();
  const env = { SMTP_URL: smtp.url, OUTBOX_INTERVAL_MS: "100", SCHEDULER_INTERVAL_MS: "300", APP_URL: "http://durable.test" };
  const shared = { databaseUrl: process.env.DATABASE_URL!, dataDir: process.env.DATA_DIR! };
  [a, b] = await Promise.all([startApp(env, shared), startApp(env, shared)]);
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await smtp?.close();
});

describe(`two app instances on one ${testEngine === "postgresql" ? "PostgreSQL" : "SQLite"} database`, { timeout: 90_000 }, () => {
  it("accepts on one instance a session made on the other, and ends it everywhere at log-out", async () => {
    const cookie = await logInOverHttp(a.url, "trainer@durable.localhost");

    const onB = await fetch(`${b.url}/events`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(onB.status).toBe(200);

    const logout = await fetch(`${b.url}/logout`, { method: "POST", headers: { Cookie: cookie }, redirect: "manual" });
    expect(logout.status).toBe(302);
    const onA = await fetch(`${a.url}/events`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(onA.status).toBe(302);
    expect(onA.headers.get("location")).toContain("/login");
  });

  it("sends each reminder once though both instances' schedulers look for due reminders", async () => {
    await expect.poll(() => smtp.messages.filter((m) => /^Reminder/.test(m.subject ?? "")).length, { timeout: 30_000 }).toBe(15);
    // Both schedulers keep ticking every 300 ms; nothing more may come.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const reminders = smtp.messages.filter((m) => /^Reminder/.test(m.subject ?? ""));
    expect(reminders).toHaveLength(15);
    expect(new Set(reminders.map((m) => m.to && "text" in m.to ? m.to.text : "")).size).toBe(15);
    expect(await prisma.reminderDelivery.count({ where: { reminder: { eventId: reminderEventId } } })).toBe(15);
  });

  it("delivers every queued email exactly once between the two outbox workers", async () => {
    const before = smtp.messages.length;
    // A slow SMTP server keeps deliveries in flight, so both workers are busy at the same time.
    smtp.beforeAccept = () => new Promise((resolve) => setTimeout(resolve, 20));
    const subjects = Array.from({ length: 60 }, (_, i) => `Outbox probe ${i}`);
    await prisma.$transaction(async (tx) => {
      for (const subject of subjects) {
        await queueEmail(tx, { template: "verify-email", to: `probe@example.org`, subject, html: `<p>${subject}</p>`, text: subject });
      }
    });
    await expect.poll(() => smtp.messages.length - before, { timeout: 60_000 }).toBeGreaterThanOrEqual(60);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    smtp.beforeAccept = null;

    const probes = smtp.messages.filter((m) => /^Outbox probe/.test(m.subject ?? ""));
    expect(probes.map((m) => m.subject).sort()).toEqual([...subjects].sort());
    expect(new Set(probes.map((m) => m.messageId)).size).toBe(60);
    expect(await prisma.outboxMessage.count({ where: { subject: { startsWith: "Outbox probe" }, status: "SENT" } })).toBe(60);
  });

  it("gives no seat twice when answers for the last seats arrive at both instances at once", async () => {
    const event = await createEvent({ municipality: "prizren", venueName: "Qendra rinore", startsAt: new Date(Date.now() + 30 * DAY), hours: 3, capacity: 10, titles: { en: "Round table on housing" } });
    const tokens: string[] = [];
    for (let i = 0; i < 40; i++) {
      const person = await createPerson();
      const token = createToken();
      await invite(event, person, "PENDING", { data: { sentAt: new Date(), links: { create: { tokenHash: hashToken(token) } } } });
      tokens.push(token);
    }
    const answers = await Promise.all(
      tokens.map((token, i) =>
        fetch(`${(i % 2 === 0 ? a : b).url}/invitation/${token}`, {
          method: "POST",
          body: new URLSearchParams({ answer: "ACCEPT" }),
          redirect: "manual",
        }).then((response) => response.status),
      ),
    );
    // A busy machine may answer "try again" (503, nothing saved); never a 500, and never a seat too many.
    expect(answers.filter((status) => status >= 500 && status !== 503)).toEqual([]);
    const tryAgain = answers.filter((status) => status === 503).length;
    expect(tryAgain).toBeLessThan(10);
    const counts = await prisma.invitation.groupBy({ by: ["status"], where: { eventId: event.id }, _count: true });
    const byStatus = Object.fromEntries(counts.map((c) => [c.status, c._count]));
    expect(byStatus).toEqual({ ACCEPTED: 10, WAITLISTED: 30 - tryAgain, ...(tryAgain ? { PENDING: tryAgain } : {}) });
  });
});
