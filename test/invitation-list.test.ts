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
import { invitationListAction } from "~/components/invitation-list/actions.server";
import { answerInvitation } from "~/models/invitation.server";
import { deliverDueEmails } from "~/models/outbox.server";
import { sendDueReminders } from "~/models/reminder.server";
import { createMailTransport } from "~/utils/mailer.server";
import { hashToken } from "~/utils/tokens.server";
import { seed } from "../prisma/seed";
import { parseCalendar } from "./helpers/events";
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

describe("withdrawing a sent invitation", () => {
  it("tells the person in their language, with a CANCEL for the same UID and a higher SEQUENCE than the invitation's", async () => {
    const event = await workshopInGjilan();
    const [person] = await peopleOfGjilan(1, "sr");
    await addToInvitationList(trainerId, event.id, { personIds: [person.id] });
    await requestInvitationSending(trainerId, event.id, APP);
    await sendRequestedInvitations();
    const invitation = await prisma.invitation.findFirstOrThrow({ where: { eventId: event.id } });
    const calendarOf = (mail: { attachments: string }) => {
      const attachments = JSON.parse(mail.attachments) as Array<{ contentType: string; content: string }>;
      const ics = attachments.find((a) => a.contentType.startsWith("text/calendar"))!;
      return { contentType: ics.contentType, text: Buffer.from(ics.content, "base64").toString("utf8") };
    };
    const invited = await prisma.outboxMessage.findFirstOrThrow({ where: { template: "invitation", toAddress: person.email! } });
    const [request] = parseCalendar(calendarOf(invited).text);

    expect(await removeFromInvitationList(trainerId, invitation.id)).toEqual({ ok: true, withdrawn: true });
    const told = await prisma.outboxMessage.findMany({ where: { toAddress: person.email!, template: { not: "invitation" } } });
    expect(told).toHaveLength(1);
    expect(told[0].subject).toBe("Poziv povučen: Radionica o stanovanju");
    const calendar = calendarOf(told[0]);
    expect(calendar.contentType).toContain("method=CANCEL");
    expect(calendar.text.endsWith("\r\n")).toBe(true);
    const [cancel] = parseCalendar(calendar.text);
    expect(cancel).toMatchObject({ method: "CANCEL", uid: event.uid, status: "CANCELLED" });
    expect(cancel.sequence).toBeGreaterThan(request.sequence);
    expect(cancel.attendees.map((a) => a.toLowerCase())).toEqual([`mailto:${person.email}`]);

    // Withdrawing again tells nobody twice; taking someone off who was never invited tells nobody.
    expect(await removeFromInvitationList(trainerId, invitation.id)).toEqual({ ok: true, withdrawn: true });
    const [notSent] = await peopleOfGjilan(1);
    await addToInvitationList(trainerId, event.id, { personIds: [notSent.id] });
    const onList = await prisma.invitation.findFirstOrThrow({ where: { eventId: event.id, personId: notSent.id } });
    expect(await removeFromInvitationList(trainerId, onList.id)).toEqual({ ok: true, withdrawn: false });
    expect(await prisma.outboxMessage.count({ where: { toAddress: { in: [person.email!, notSent.email!] }, template: { not: "invitation" } } })).toBe(1);
  });

  it("gives the seat of a withdrawn acceptance to the first waiting, at once", async () => {
    const event = await createEvent({ capacity: 1 });
    const people = await peopleOfGjilan(3);
    const invitations = [];
    for (const person of people) {
      invitations.push(await prisma.invitation.create({ data: { eventId: event.id, personId: person.id, sentAt: new Date() } }));
    }
    for (const invitation of invitations) await answerInvitation({ invitationId: invitation.id, answer: "ACCEPT", channel: "LINK" });
    await removeFromInvitationList(trainerId, invitations[0].id);
    const statuses = await Promise.all(invitations.map(async (i) => (await prisma.invitation.findUniqueOrThrow({ where: { id: i.id } })).status));
    expect(statuses).toEqual(["CANCELLED", "ACCEPTED", "WAITLISTED"]);
    expect(await prisma.outboxMessage.count({ where: { template: "waitlist-promoted", toAddress: people[1].email! } })).toBe(1);
  });
});

describe("an event already under way", () => {
  it("is not invited to: sending and re-sending are refused, and a sending queued before the start stops at the start", async () => {
    const started = await createEvent({ startsAt: new Date(Date.now() - 3_600_000), hours: 5 });
    const [late] = await peopleOfGjilan(1);
    await addToInvitationList(trainerId, started.id, { personIds: [late.id] });
    expect(await requestInvitationSending(trainerId, started.id, APP)).toEqual({ ok: false, error: "eventStarted" });
    const sentBefore = await prisma.invitation.create({ data: { eventId: started.id, personId: (await createPerson()).id, sentAt: new Date(0) } });
    expect(await resendInvitation(trainerId, sentBefore.id, APP)).toEqual({ ok: false, error: "eventStarted" });

    // The trainer reads why on the invitations page.
    const form = new FormData();
    form.set("intent", "send");
    const reply = (await invitationListAction(form, { trainerId, eventId: started.id, appUrl: APP, locale: "en" })) as unknown as {
      data: { result: { error?: Record<string, string[]> } };
      init: { status: number };
    };
    expect(reply.init.status).toBe(409);
    expect(JSON.stringify(reply.data.result)).toContain("invitations.manage.eventStarted");

    // Queued while the event was ahead, picked up by the sender once it had started.
    const soon = await createEvent({ startsAt: new Date(Date.now() + 3_600_000), hours: 5 });
    const [queued] = await peopleOfGjilan(1);
    await addToInvitationList(trainerId, soon.id, { personIds: [queued.id] });
    expect(await requestInvitationSending(trainerId, soon.id, APP)).toMatchObject({ ok: true, queued: 1 });
    await prisma.event.update({ where: { id: soon.id }, data: { startsAt: new Date(Date.now() - 60_000) } });
    await sendRequestedInvitations();
    expect(await prisma.invitation.findFirstOrThrow({ where: { eventId: soon.id } })).toMatchObject({ sentAt: null, sendingId: null });
    expect(await prisma.outboxMessage.count({ where: { toAddress: queued.email! } })).toBe(0);
    expect(await prisma.outboxMessage.count({ where: { toAddress: late.email! } })).toBe(0);
  });
});
