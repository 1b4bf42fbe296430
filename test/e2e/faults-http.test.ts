// The database busy, against the built app: another connection holds a write
// lock on the event while someone answers an invitation. Held briefly, the
// answer waits and goes through; held past the lock timeout, the person gets
// a 503 "try again" page and neither the answer nor its history row is saved.
// The lock is an ordinary Prisma transaction updating the Event row (on
// SQLite it locks the database for writing, on PostgreSQL the row), so the
// test means the same on both engines.
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import en from "~/locales/en";
import { hashToken } from "~/utils/tokens.server";
import { appFixture } from "../helpers/e2e";
import { createEvent, createPerson } from "../helpers/factories";

const LOCK_TIMEOUT_MS = 1500;

describe("the database busy", () => {
  const e2e = appFixture({ env: { OUTBOX_WORKER: "off", DATABASE_LOCK_TIMEOUT_MS: String(LOCK_TIMEOUT_MS), LOG_LEVEL: "warn" } });
  let eventId: string;

  beforeAll(async () => {
    const event = await createEvent({ db: e2e.db, capacity: 10 });
    eventId = event.id;
  });

  /** An invited person (whose language, which the page speaks, is English) and the token of their personal link. */
  async function invitation() {
    const token = randomUUID();
    const person = await createPerson({ db: e2e.db, name: "Arta Krasniqi", email: null, locale: "en", searchText: "arta krasniqi" });
    const created = await e2e.db.invitation.create({ data: { eventId, personId: person.id, links: { create: { tokenHash: hashToken(token) } }, sentAt: new Date() } });
    return { token, id: created.id };
  }

  /**
   * Another connection's transaction that writes to the event, then keeps its
   * lock for `ms`. `released` tells the time it began to let go.
   */
  async function holdEventLock(ms: number): Promise<{ released: Promise<number> }> {
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const released = e2e.db.$transaction(
      async (tx) => {
        await tx.event.update({ where: { id: eventId }, data: { sequence: { increment: 1 } } });
        locked();
        await sleep(ms);
        return Date.now();
      },
      { timeout: ms + 30_000, maxWait: 10_000 },
    );
    await isLocked;
    return { released };
  }

  // Without JavaScript the form posts to the page itself.
  const answer = (token: string, suffix = "") =>
    fetch(`${e2e.app.url}/invitation/${token}${suffix}`, {
      method: "POST",
      headers: { "Accept-Language": "en" },
      body: new URLSearchParams({ answer: "ACCEPT" }),
    });

  const saved = async (id: string) => ({
    invitation: await e2e.db.invitation.findUniqueOrThrow({ where: { id }, select: { status: true, respondedAt: true } }),
    history: await e2e.db.invitationAnswer.count({ where: { invitationId: id } }),
  });

  it("an answer that meets a lock held for a moment waits for it and is saved", async () => {
    const { token, id } = await invitation();
    const { released } = await holdEventLock(LOCK_TIMEOUT_MS - 500);
    const response = await answer(token);
    const answeredAt = Date.now();
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(en.invitations.page.accepted);
    // It could only be saved once the other transaction let go.
    expect(answeredAt).toBeGreaterThanOrEqual(await released);
    expect(await saved(id)).toMatchObject({ invitation: { status: "ACCEPTED" }, history: 1 });
  });

  it("an answer that meets a lock held past the timeout gets a 503 page saying to try again, with or without JavaScript, and nothing of it is saved", async () => {
    const withoutJs = await invitation();
    const withJs = await invitation();
    const sequence = (await e2e.db.event.findUniqueOrThrow({ where: { id: eventId } })).sequence;
    // Long enough for both answers, one after the other, to give up waiting.
    const { released } = await holdEventLock(2 * LOCK_TIMEOUT_MS + 2500);

    const page = await answer(withoutJs.token);
    expect(page.status).toBe(503);
    const html = await page.text();
    // The page says what happened and what to do: nothing was saved, try again in a moment.
    expect(html).toContain(en.errors.busyTitle);
    expect(html).toContain(en.errors.busy);
    expect(html).not.toMatch(/PrismaClient|SQLITE|at .+:\d+:\d+/);
    // With JavaScript, Remix posts to the same address plus ".data".
    expect((await answer(withJs.token, ".data")).status).toBe(503);
    await released;

    // The other transaction's change is saved; of the answers, neither the invitation's status nor its history row.
    expect((await e2e.db.event.findUniqueOrThrow({ where: { id: eventId } })).sequence).toBe(sequence + 1);
    for (const { id } of [withoutJs, withJs]) {
      expect(await saved(id)).toEqual({ invitation: { status: "PENDING", respondedAt: null }, history: 0 });
    }

    // Trying again once the lock is gone works.
    expect((await answer(withoutJs.token)).status).toBe(200);
    expect(await saved(withoutJs.id)).toMatchObject({ invitation: { status: "ACCEPTED" }, history: 1 });
  });

  it("the log says the database was busy, with the request's id and the path without the token", async () => {
    const lines = e2e.app
      .output()
      .split("\n")
      .filter((line) => line.includes('"database.unavailable"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toMatchObject({ level: "warn", method: "POST", path: "/invitation/:token", route: "routes/invitation.$token" });
    expect(lines[0].requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
