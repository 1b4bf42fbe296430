import ICAL from "ical.js";
import { prisma } from "~/db.server";
import {
  addToInvitationList,
  invitationByToken,
  removeFromInvitationList,
  requestInvitationSending,
  resendInvitation,
  sendingProgress,
  sendRequestedInvitations,
  SENDING,
} from "~/models/invitation-list.server";
import { deliverDueEmails } from "~/models/outbox.server";
import { sendDueReminders } from "~/models/reminder.server";
import { createMailTransport } from "~/utils/mailer.server";
import { hashToken } from "~/utils/tokens.server";
import { seed } from "../prisma/seed";
import { createEvent, createPerson, createUser } from "./helpers/factories";
import { startSmtpPeer, type SmtpPeer } from "./helpers/smtp";

const APP = "http://durable.test";
let peer: SmtpPeer;
let trainerId: string;

beforeAll(async () => {
  await seed(process.env.DATABASE_URL, { demoUsers: false });
  peer = await startSmtpPeer();
  trainerId = (await createUser({ roles: ["TRAINER"] })).id;
});
afterAll(async () => {
  await peer.close();
});

async function workshopInGjilan(status: "PUBLISHED" | "DRAFT" = "PUBLISHED") {
  const startsAt = new Date("2027-04-15T08:00:00Z");
  return createEvent({
    status,
    venueName: "Salla e Kuvendit Komunal",
    startsAt,
    hours: 5,
    capacity: 40,
    titles: { sq: "Punëtori për strehimin", sr: "Radionica o stanovanju" },
    data: { sessions: { create: [{ title: "Hapja", startsAt, endsAt: new Date(startsAt.getTime() + 1_800_000), room: "A" }] } },
  });
}

async function peopleOfGjilan(count: number, locale = "sq") {
  const municipality = await prisma.municipality.findUniqueOrThrow({ where: { slug: "gjilan" } });
  const people = [];
  for (let i = 0; i < count; i++) {
    const person = await createPerson({ name: `Banor ${i}`, locale });
    people.push(await prisma.person.update({ where: { id: person.id }, data: { municipalityId: municipality.id } }));
  }
  return people;
}

describe("the invitation list", () => {
  it("adds a municipality's people once, however often the trainer adds them", async () => {
    const event = await workshopInGjilan();
    const municipality = await prisma.municipality.findUniqueOrThrow({ where: { slug: "gjilan" } });
    const before = await prisma.person.count({ where: { municipalityId: municipality.id, erasedAt: null } });
    await peopleOfGjilan(5);
    const first = await addToInvitationList(trainerId, event.id, { municipalityId: municipality.id });
    expect(first.added).toBe(before + 5);
    const second = await addToInvitationList(trainerId, event.id, { municipalityId: municipality.id });
    expect(second).toEqual({ added: 0, alreadyOnList: before + 5 });
  });

  it("sends each person one invitation with a personal link and a calendar request, even when asked twice at once and sent by two instances", async () => {
    const event = await workshopInGjilan();
    const people = await peopleOfGjilan(12, "sr");
    const noEmail = await createPerson({ name: "Bez Adrese", email: null });
    await addToInvitationList(trainerId, event.id, { personIds: [...people.map((p) => p.id), noEmail.id] });

    const [a, b] = await Promise.all([requestInvitationSending(trainerId, event.id, APP), requestInvitationSending(trainerId, event.id, APP)]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.queued + b.queued).toBe(12);
    expect(a.withoutEmail).toBe(1);
    const again = await requestInvitationSending(trainerId, event.id, APP);
    expect(again).toMatchObject({ ok: true, queued: 0 });
    // Asking only marks the invitations: nothing is queued until the background sender runs.
    expect(await prisma.outboxMessage.count({ where: { template: "invitation" } })).toBe(0);

    // Two app instances' senders at once; the second acts as if the first's lease had run out, so both work on the same invitations.
    const later = new Date(Date.now() + SENDING.leaseMs + 1000);
    const [first, second] = await Promise.all([
      sendRequestedInvitations({ batchSize: 5 }),
      sendRequestedInvitations({ batchSize: 5, now: () => later }),
    ]);
    expect(first.sent + second.sent).toBe(12);
    expect(await sendRequestedInvitations()).toEqual({ sent: 0, finished: 0 });
    expect(await sendingProgress(event.id)).toMatchObject({ total: 12, sent: 12, finishedAt: expect.any(Date) });

    const transport = createMailTransport(peer.url);
    const delivered = peer.messages.length;
    await deliverDueEmails(transport);
    transport.close();
    const mails = peer.messages.slice(delivered);
    expect(mails).toHaveLength(12);
    expect(new Set(mails.map((m) => (Array.isArray(m.to) ? m.to[0].text : m.to?.text))).size).toBe(12);

    const mail = mails[0];
    expect(mail.subject).toBe("Poziv: Radionica o stanovanju");
    const link = mail.text!.match(/http:\/\/durable\.test\/invitation\/(\S+)/);
    expect(link).toBeTruthy();
    const token = link![1];
    // Only the hash of the token is stored.
    expect(await prisma.invitationLink.count({ where: { tokenHash: token } })).toBe(0);
    expect(await prisma.invitationLink.count({ where: { tokenHash: hashToken(token) } })).toBe(1);
    expect((await invitationByToken(token))?.eventId).toBe(event.id);

    const ics = mail.attachments.find((att) => att.contentType.startsWith("text/calendar"));
    expect(ics).toBeTruthy();
    const calendar = new ICAL.Component(ICAL.parse(ics!.content.toString("utf8")));
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    const vevent = calendar.getFirstSubcomponent("vevent")!;
    expect(vevent.getFirstPropertyValue("uid")).toBe(event.uid);
    const to = Array.isArray(mail.to) ? mail.to[0].value[0].address : mail.to!.value[0].address;
    expect(String(vevent.getFirstProperty("attendee")!.getFirstValue()).toLowerCase()).toBe(`mailto:${to}`);
  });

  it("does not invite to a draft; every link a person was sent (invitation, reminder, nudge, re-sent) works until the invitation is withdrawn", async () => {
    const draft = await workshopInGjilan("DRAFT");
    expect(await requestInvitationSending(trainerId, draft.id, APP)).toEqual({ ok: false, error: "eventNotPublished" });

    const event = await workshopInGjilan();
    const [person] = await peopleOfGjilan(1);
    await addToInvitationList(trainerId, event.id, { personIds: [person.id] });
    await requestInvitationSending(trainerId, event.id, APP);
    await sendRequestedInvitations();
    const invitation = await prisma.invitation.findFirstOrThrow({ where: { eventId: event.id } });
    const linksSent = async () =>
      (await prisma.outboxMessage.findMany({ where: { toAddress: person.email! }, orderBy: { createdAt: "asc" } })).map(
        (mail) => mail.text.match(/http:\/\/durable\.test\/invitation\/(\S+)/)![1],
      );

    // A nudge a week before (the person has not answered), then the trainer sends the invitation again.
    // (Other events of this file may get their reminders in the same round.)
    expect(await sendDueReminders(APP, new Date(event.startsAt.getTime() - 6 * 86_400_000))).toBeGreaterThanOrEqual(1);
    expect(await resendInvitation(trainerId, invitation.id, APP)).toEqual({ ok: true });
    const links = await linksSent();
    expect(links).toHaveLength(3);
    expect(new Set(links).size).toBe(3);
    const before = new Date(event.startsAt.getTime() - 86_400_000);
    for (const token of links) expect((await invitationByToken(token, before))?.id).toBe(invitation.id);

    // Withdrawn: none of them opens any more.
    expect(await removeFromInvitationList(trainerId, invitation.id)).toEqual({ ok: true, withdrawn: true });
    for (const token of links) expect(await invitationByToken(token, before)).toBeNull();
    expect(await prisma.invitationLink.count({ where: { invitationId: invitation.id } })).toBe(0);
  });

  it("sends a large list in the background batch by batch, with progress a trainer can follow", async () => {
    const event = await workshopInGjilan();
    const people = await peopleOfGjilan(7);
    await addToInvitationList(trainerId, event.id, { personIds: people.map((p) => p.id) });
    expect(await requestInvitationSending(trainerId, event.id, APP)).toMatchObject({ ok: true, queued: 7 });
    expect(await sendingProgress(event.id)).toEqual({ total: 7, sent: 0, finishedAt: null });

    // One batch, then the instance stops (a deploy): it hands the sending back at once.
    expect(await sendRequestedInvitations({ batchSize: 3, maxBatches: 1 })).toEqual({ sent: 3, finished: 0 });
    expect(await sendingProgress(event.id)).toEqual({ total: 7, sent: 3, finishedAt: null });
    expect(await prisma.invitationSending.findFirstOrThrow({ where: { eventId: event.id } })).toMatchObject({ lockedBy: null, lockedUntil: null });

    expect(await sendRequestedInvitations({ batchSize: 3 })).toEqual({ sent: 4, finished: 1 });
    expect(await sendingProgress(event.id)).toMatchObject({ total: 7, sent: 7 });
    expect(await prisma.outboxMessage.count({ where: { template: "invitation", toAddress: { in: people.map((p) => p.email!) } } })).toBe(7);
    const audit = await prisma.auditLog.findMany({ where: { subjectId: event.id, action: { in: ["invitations.sendingRequested", "invitations.sent"] } } });
    expect(audit.map((a) => a.action).sort()).toEqual(["invitations.sendingRequested", "invitations.sent", "invitations.sent", "invitations.sent"].sort());
    expect(audit.every((a) => a.actorId === trainerId)).toBe(true);
  });

  it("takes over a sending whose instance died, once its lease has run out, inviting nobody twice", async () => {
    const event = await workshopInGjilan();
    const people = await peopleOfGjilan(4);
    await addToInvitationList(trainerId, event.id, { personIds: people.map((p) => p.id) });
    await requestInvitationSending(trainerId, event.id, APP);
    await sendRequestedInvitations({ batchSize: 2, maxBatches: 1 });
    // An instance took it and crashed: its lease stands for a while.
    const leaseEnds = new Date(Date.now() + SENDING.leaseMs);
    await prisma.invitationSending.updateMany({ where: { eventId: event.id }, data: { lockedBy: "crashed", lockedUntil: leaseEnds } });

    expect(await sendRequestedInvitations()).toEqual({ sent: 0, finished: 0 });
    expect(await sendRequestedInvitations({ now: () => new Date(leaseEnds.getTime() + 1000) })).toEqual({ sent: 2, finished: 1 });
    const invited = await prisma.outboxMessage.findMany({ where: { template: "invitation", toAddress: { in: people.map((p) => p.email!) } } });
    expect(invited).toHaveLength(4);
    expect(new Set(invited.map((m) => m.toAddress)).size).toBe(4);
  });

  it("skips people taken off the list while sending, and stops when the event is cancelled, leaving the rest to send later", async () => {
    const event = await workshopInGjilan();
    const people = await peopleOfGjilan(6);
    await addToInvitationList(trainerId, event.id, { personIds: people.map((p) => p.id) });
    await requestInvitationSending(trainerId, event.id, APP);
    const removed = await prisma.invitation.findFirstOrThrow({ where: { eventId: event.id, personId: people[5].id } });
    await removeFromInvitationList(trainerId, removed.id);
    expect(await sendRequestedInvitations({ batchSize: 2, maxBatches: 1 })).toMatchObject({ sent: 2 });

    await prisma.event.update({ where: { id: event.id }, data: { status: "CANCELLED" } });
    expect(await sendRequestedInvitations()).toEqual({ sent: 0, finished: 1 });
    expect(await sendingProgress(event.id)).toMatchObject({ total: 6, sent: 2, finishedAt: expect.any(Date) });
    // The three never sent are back on the list as not yet invited, so a later sending covers them.
    const left = await prisma.invitation.findMany({ where: { eventId: event.id, sentAt: null } });
    expect(left).toHaveLength(3);
    expect(left.every((i) => i.sendingId === null)).toBe(true);
  });
});
