import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { prisma } from "~/db.server";
import { createEvent as createEventFromForm, publishEvent, updateEvent } from "~/models/event.server";
import { answerHistory, answerInvitation, seatSummary } from "~/models/invitation.server";
import { seed } from "../prisma/seed";
import { eventInput, parseCalendar } from "./helpers/events";
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

describe("nobody jumps the waitlist", () => {
  const statusOf = async (id: string) => (await prisma.invitation.findUniqueOrThrow({ where: { id } })).status;

  it("promotes the first waiting, in order, as soon as the capacity is raised, and a later acceptance waits behind them", async () => {
    const trainer = await createUser({ roles: ["TRAINER"] });
    const created = await createEventFromForm(trainer.id, await eventInput({ capacity: 2 }));
    if (!created.ok) throw new Error(created.message);
    await publishEvent(trainer.id, created.eventId);
    const [first, second, third, fourth, newcomer] = await invite(created.eventId, 5);
    for (const invitation of [first, second, third, fourth]) {
      await answerInvitation({ invitationId: invitation.id, answer: "ACCEPT", channel: "LINK" });
    }
    expect(await seatSummary(created.eventId)).toMatchObject({ accepted: 2, waitlisted: 2 });

    // One more seat: the first waiting gets it at once, and is told.
    expect(await updateEvent(trainer.id, created.eventId, await eventInput({ capacity: 3 }))).toEqual({ ok: true });
    expect(await statusOf(third.id)).toBe("ACCEPTED");
    expect(await statusOf(fourth.id)).toBe("WAITLISTED");
    const promotedTo = async () =>
      (await prisma.outboxMessage.findMany({ where: { template: "waitlist-promoted" } })).map((m) => m.toAddress);
    const thirdPerson = await prisma.person.findFirstOrThrow({ where: { invitations: { some: { id: third.id } } } });
    expect(await promotedTo()).toContain(thirdPerson.email);

    // A newcomer accepting now waits behind the fourth.
    expect(await answerInvitation({ invitationId: newcomer.id, answer: "ACCEPT", channel: "LINK" })).toMatchObject({ ok: true, status: "WAITLISTED" });

    // Two more seats: both waiting get them, the fourth first.
    await updateEvent(trainer.id, created.eventId, await eventInput({ capacity: 5 }));
    expect(await statusOf(fourth.id)).toBe("ACCEPTED");
    expect(await statusOf(newcomer.id)).toBe("ACCEPTED");
    const answers = await prisma.invitationAnswer.findMany({
      where: { invitationId: { in: [fourth.id, newcomer.id] }, channel: "SYSTEM" },
      orderBy: { createdAt: "asc" },
    });
    expect(answers.map((a) => a.invitationId)).toEqual([fourth.id, newcomer.id]);
    expect(await seatSummary(created.eventId)).toMatchObject({ accepted: 5, waitlisted: 0, free: 0 });
  });

  it("gives a seat found free to the people waiting before a newcomer who accepts", async () => {
    const event = await publishedEvent(1);
    const [holder, waiting, newcomer] = await invite(event.id, 3);
    await answerInvitation({ invitationId: holder.id, answer: "ACCEPT", channel: "LINK" });
    await answerInvitation({ invitationId: waiting.id, answer: "ACCEPT", channel: "LINK" });
    // A seat freed without anyone promoted (as the capacity raise used to leave it).
    await prisma.event.update({ where: { id: event.id }, data: { capacity: 2 } });
    expect(await answerInvitation({ invitationId: newcomer.id, answer: "ACCEPT", channel: "LINK" })).toMatchObject({ ok: true, status: "WAITLISTED" });
    expect(await statusOf(waiting.id)).toBe("ACCEPTED");
  });

  it("sends the person promoted the calendar entry confirmed, with a higher SEQUENCE than the one they had", async () => {
    const event = await publishedEvent(1);
    const [holder, waiting] = await invite(event.id, 2);
    await answerInvitation({ invitationId: holder.id, answer: "ACCEPT", channel: "LINK" });
    await answerInvitation({ invitationId: waiting.id, answer: "ACCEPT", channel: "LINK" });
    const sequenceBefore = (await prisma.event.findUniqueOrThrow({ where: { id: event.id } })).sequence;
    await answerInvitation({ invitationId: holder.id, answer: "DECLINE", channel: "LINK" });
    const person = await prisma.person.findFirstOrThrow({ where: { invitations: { some: { id: waiting.id } } } });
    const mail = await prisma.outboxMessage.findFirstOrThrow({ where: { template: "waitlist-promoted", toAddress: person.email! } });
    const [attachment] = JSON.parse(mail.attachments) as Array<{ contentType: string; content: string }>;
    expect(attachment.contentType).toContain("method=REQUEST");
    const text = Buffer.from(attachment.content, "base64").toString("utf8");
    expect(text.endsWith("\r\n")).toBe(true);
    const [entry] = parseCalendar(text);
    expect(entry).toMatchObject({ method: "REQUEST", uid: event.uid, status: "CONFIRMED", summary: "Punëtori për strehimin" });
    expect(entry.sequence).toBeGreaterThan(sequenceBefore);
    expect(entry.attendees.map((a) => a.toLowerCase())).toEqual([`mailto:${person.email}`]);
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
