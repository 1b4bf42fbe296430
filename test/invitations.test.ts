import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { prisma } from "~/db.server";
import { answerHistory, answerInvitation, seatSummary } from "~/models/invitation.server";
import { seed } from "../prisma/seed";
import { createEvent, createPerson, createUser } from "./helpers/factories";

async function publishedEvent(capacity: number, startsAt = new Date(Date.now() + 7 * 86_400_000)) {
  return createEvent({ venueName: "Salla e Kuvendit Komunal", startsAt, capacity, titles: { sq: "Punëtori për strehimin", en: "Housing workshop" } });
}

async function invite(eventId: string, count: number) {
  const invitations = [];
  for (let i = 0; i < count; i++) {
    const person = await createPerson({ name: `Pjesëmarrës ${i + 1}` });
    invitations.push(await prisma.invitation.create({ data: { eventId, personId: person.id, sentAt: new Date() } }));
  }
  return invitations;
}

beforeAll(async () => {
  await seed(process.env.DATABASE_URL, { demoUsers: false });
});

describe("capacity and the waitlist", () => {
  it("gives 50 seats to the first 50 of 200 simultaneous acceptances and waitlists the other 150, in order", async () => {
    const event = await publishedEvent(50);
    const invitations = await invite(event.id, 200);
    const results = await Promise.all(
      invitations.map((invitation) => answerInvitation({ invitationId: invitation.id, answer: "ACCEPT", channel: "LINK" })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await seatSummary(event.id)).toMatchObject({ capacity: 50, accepted: 50, waitlisted: 150, free: 0 });

    // The waitlist has a strict order: no two people share a place.
    const waiting = await prisma.invitation.findMany({ where: { eventId: event.id, status: "WAITLISTED" }, orderBy: { waitlistedAt: "asc" } });
    const times = waiting.map((w) => w.waitlistedAt!.getTime());
    expect(new Set(times).size).toBe(150);

    // Three people decline: the first three waiting get their seats, in order.
    const accepted = await prisma.invitation.findMany({ where: { eventId: event.id, status: "ACCEPTED" }, take: 3 });
    const promoted: (string | null)[] = [];
    for (const invitation of accepted) {
      const result = await answerInvitation({ invitationId: invitation.id, answer: "DECLINE", channel: "LINK" });
      expect(result.ok).toBe(true);
      if (result.ok) promoted.push(result.promotedInvitationId);
    }
    expect(promoted).toEqual(waiting.slice(0, 3).map((w) => w.id));
    expect(await seatSummary(event.id)).toMatchObject({ accepted: 50, waitlisted: 147, declined: 3 });

    // Each promoted person is told by email, through the outbox, in their language.
    const emails = await prisma.outboxMessage.findMany({ where: { template: "waitlist-promoted" } });
    expect(emails).toHaveLength(3);
    expect(emails[0].subject).toContain("Punëtori për strehimin");
  });

  it("gives no seat twice when four separate processes take answers for the same event at once", async () => {
    const event = await publishedEvent(20);
    const invitations = await invite(event.id, 80);
    const run = promisify(execFile);
    const outputs = await Promise.all(
      [0, 1, 2, 3].map((part) =>
        run(process.execPath, ["--import", "tsx", "test/helpers/answer-worker.ts", ...invitations.slice(part * 20, part * 20 + 20).map((i) => i.id)], {
          env: { ...process.env },
        }),
      ),
    );
    const statuses = outputs.flatMap((o) => JSON.parse(o.stdout) as string[]);
    expect(statuses.filter((s) => s === "ACCEPTED")).toHaveLength(20);
    expect(statuses.filter((s) => s === "WAITLISTED")).toHaveLength(60);
    expect(await seatSummary(event.id)).toMatchObject({ accepted: 20, waitlisted: 60 });
  }, 60_000);

  it("holds capacity when declines and acceptances race", async () => {
    const event = await publishedEvent(10);
    const invitations = await invite(event.id, 30);
    for (const invitation of invitations.slice(0, 10)) {
      await answerInvitation({ invitationId: invitation.id, answer: "ACCEPT", channel: "LINK" });
    }
    await Promise.all([
      ...invitations.slice(0, 5).map((i) => answerInvitation({ invitationId: i.id, answer: "DECLINE", channel: "LINK" })),
      ...invitations.slice(10).map((i) => answerInvitation({ invitationId: i.id, answer: "ACCEPT", channel: "APP" })),
    ]);
    const summary = await seatSummary(event.id);
    expect(summary.accepted).toBe(10);
    expect(summary.accepted + summary.waitlisted).toBe(25);
  });
});

describe("answers", () => {
  it("keeps the history of answers, with the trainer who recorded one by phone", async () => {
    const trainer = await createUser({ roles: ["TRAINER"] });
    const event = await publishedEvent(5);
    const [invitation] = await invite(event.id, 1);
    await answerInvitation({ invitationId: invitation.id, answer: "ACCEPT", channel: "LINK", needs: { interpretation: "sr", needsTransport: true } });
    await answerInvitation({ invitationId: invitation.id, answer: "DECLINE", channel: "TRAINER", recordedById: trainer.id });
    // Accepting twice is one answer, not two.
    await answerInvitation({ invitationId: invitation.id, answer: "ACCEPT", channel: "LINK" });
    await answerInvitation({ invitationId: invitation.id, answer: "ACCEPT", channel: "LINK" });
    const history = await answerHistory(invitation.id);
    expect(history.map((h) => [h.status, h.channel, h.recordedById])).toEqual([
      ["ACCEPTED", "LINK", null],
      ["DECLINED", "TRAINER", trainer.id],
      ["ACCEPTED", "LINK", null],
    ]);
    const saved = await prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(saved).toMatchObject({ status: "ACCEPTED", interpretation: "sr", needsTransport: true });
  });

  it("refuses answers to a cancelled or started event, or a withdrawn invitation, and changes nothing", async () => {
    const started = await publishedEvent(5, new Date(Date.now() - 3_600_000));
    const [late] = await invite(started.id, 1);
    expect(await answerInvitation({ invitationId: late.id, answer: "ACCEPT", channel: "LINK" })).toEqual({ ok: false, error: "eventStarted" });

    const cancelled = await publishedEvent(5);
    await prisma.event.update({ where: { id: cancelled.id }, data: { status: "CANCELLED" } });
    const [tooLate] = await invite(cancelled.id, 1);
    expect(await answerInvitation({ invitationId: tooLate.id, answer: "ACCEPT", channel: "LINK" })).toEqual({ ok: false, error: "eventNotOpen" });

    const open = await publishedEvent(5);
    const [withdrawn] = await invite(open.id, 1);
    await prisma.invitation.update({ where: { id: withdrawn.id }, data: { status: "CANCELLED" } });
    expect(await answerInvitation({ invitationId: withdrawn.id, answer: "ACCEPT", channel: "LINK" })).toEqual({ ok: false, error: "invitationCancelled" });

    expect(await answerInvitation({ invitationId: "no-such-invitation", answer: "ACCEPT", channel: "LINK" })).toEqual({ ok: false, error: "notFound" });
    const untouched = await prisma.invitationAnswer.count({ where: { invitationId: { in: [late.id, tooLate.id, withdrawn.id] } } });
    expect(untouched).toBe(0);
  });
});
