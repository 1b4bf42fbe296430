import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { prisma } from "~/db.server";
import type { OrganisationType, Prisma } from "~/generated/prisma/client";
import { CHECK_IN_QR_SRC, checkInQrForEmail } from "~/models/attendance.server";
import { recordAudit } from "~/models/audit.server";
import { composeEmail, emailRenderer, type ComposedEmail } from "~/models/email.server";
import { buildCalendar, EVENT_FOR_CALENDAR, eventLocation, type EventForCalendar } from "~/models/event-calendar.server";
import { formatEventTimes } from "~/models/event.server";
import { lockEventSeats, promoteFromWaitlist } from "~/models/invitation.server";
import { queueEmail, queueEmails, type Attachment } from "~/models/outbox.server";
import { eventText } from "~/utils/events";
import { isLocale, type Locale } from "~/utils/i18n";
import { refusals } from "~/utils/refusal";
import { createToken, hashToken } from "~/utils/tokens.server";

/**
 * An event's invitation list: who is on it, adding people from the
 * directory, and sending. Sending thousands takes minutes of rendering, so a
 * trainer's request only marks the invitations and the background sender
 * renders and queues them in batches. Sending is idempotent: each invitation
 * is claimed (sentAt set) in the same transaction that queues its email, so
 * sending the list twice, or two instances working at once, invites nobody twice.
 */

export type InviteeCriteria = {
  clusterId?: string;
  municipalityId?: string;
  organisationType?: OrganisationType;
  commissionId?: string;
  personIds?: string[];
};

export function inviteeWhere(criteria: InviteeCriteria): Prisma.PersonWhereInput {
  const where: Prisma.PersonWhereInput[] = [{ erasedAt: null }];
  if (criteria.personIds) where.push({ id: { in: criteria.personIds } });
  if (criteria.clusterId) where.push({ municipality: { clusterId: criteria.clusterId } });
  if (criteria.municipalityId) where.push({ municipalityId: criteria.municipalityId });
  if (criteria.organisationType) where.push({ organisation: { type: criteria.organisationType } });
  if (criteria.commissionId) where.push({ commissions: { some: { commissionId: criteria.commissionId } } });
  return { AND: where };
}

/** Adds the people who match to the list (not yet sent); people already on it stay as they are. */
export async function addToInvitationList(actorId: string, eventId: string, criteria: InviteeCriteria) {
  const empty = !criteria.personIds && !criteria.clusterId && !criteria.municipalityId && !criteria.organisationType && !criteria.commissionId;
  if (empty) return { added: 0, alreadyOnList: 0 };
  return prisma.$transaction(async (tx) => {
    const people = await tx.person.findMany({ where: inviteeWhere(criteria), select: { id: true } });
    const existing = await tx.invitation.findMany({
      where: { eventId, personId: { in: people.map((p) => p.id) } },
      select: { personId: true },
    });
    const onList = new Set(existing.map((e) => e.personId));
    const fresh = people.filter((p) => !onList.has(p.id));
    if (fresh.length) {
      await tx.invitation.createMany({ data: fresh.map((p) => ({ eventId, personId: p.id, createdById: actorId })) });
      await recordAudit(tx, {
        actorId,
        action: "invitations.added",
        subjectType: "Event",
        subjectId: eventId,
        details: { count: fresh.length, criteria: { ...criteria, personIds: criteria.personIds?.length } },
      });
    }
    return { added: fresh.length, alreadyOnList: onList.size };
  });
}

/**
 * Takes someone off the list before they were invited; once invited, the
 * invitation is withdrawn instead (and kept), and the person is told by
 * email with a CANCEL for their calendar entry (same UID, the event's
 * SEQUENCE raised so calendar apps take it). A seat it frees goes at once to
 * the first person waiting.
 */
export async function removeFromInvitationList(actorId: string, invitationId: string, now = new Date()) {
  const found = await prisma.invitation.findUnique({ where: { id: invitationId }, select: { eventId: true } });
  if (!found) return { ok: false as const };
  return prisma.$transaction(async (tx) => {
    await lockEventSeats(tx, found.eventId);
    const invitation = await tx.invitation.findUnique({
      where: { id: invitationId },
      include: { person: { select: { name: true, email: true, locale: true, erasedAt: true } }, event: { select: { status: true, endsAt: true } } },
    });
    if (!invitation) return { ok: false as const };
    // Already withdrawn: nothing more to do, nobody to tell twice.
    if (invitation.status === "CANCELLED") return { ok: true as const, withdrawn: true };
    if (invitation.sentAt) {
      await tx.invitation.update({ where: { id: invitationId }, data: { status: "CANCELLED", waitlistedAt: null } });
      // Every link the person was sent stops working.
      await tx.invitationLink.deleteMany({ where: { invitationId } });
      await tx.invitationAnswer.create({ data: { invitationId, status: "CANCELLED", channel: "TRAINER", recordedById: actorId, createdAt: now } });
      const { person, event } = invitation;
      if (person.email && !person.erasedAt && event.status === "PUBLISHED" && event.endsAt > now) {
        await queueWithdrawal(tx, invitation.eventId, { name: person.name, email: person.email, locale: person.locale });
      }
    } else {
      await tx.invitation.delete({ where: { id: invitationId } });
    }
    if (invitation.status === "ACCEPTED") await promoteFromWaitlist(tx, invitation.eventId, now);
    await recordAudit(tx, { actorId, action: "invitations.removed", subjectType: "Event", subjectId: invitation.eventId });
    return { ok: true as const, withdrawn: !!invitation.sentAt };
  });
}

/** The withdrawal email, in the person's language, with METHOD:CANCEL for the invitation's entry. Call under the event lock. */
async function queueWithdrawal(tx: Prisma.TransactionClient, eventId: string, person: { name: string; email: string; locale: string }) {
  const event = await tx.event.update({ where: { id: eventId }, data: { sequence: { increment: 1 } }, include: EVENT_FOR_CALENDAR });
  const locale: Locale = isLocale(person.locale) ? person.locale : "sq";
  const email = await composeEmail("invitation-withdrawn", person.email, {
    locale,
    name: person.name,
    title: eventText(event.translations, locale).title,
    when: formatEventTimes(event.startsAt, event.endsAt, locale, event.timeZone),
    where: eventLocation(event, locale),
  });
  const ics = buildCalendar([event], { locale, method: "CANCEL", attendee: { name: person.name, email: person.email, status: "CANCELLED" } });
  await queueEmail(tx, email, [
    { filename: "invitation.ics", contentType: "text/calendar; charset=utf-8; method=CANCEL", content: Buffer.from(ics, "utf8").toString("base64") },
  ]);
}

export type InvitationEmailEvent = EventForCalendar & {
  timeZone: string;
  sessions: Array<{ title: string; startsAt: Date; endsAt: Date; room: string }>;
};

/** A name and a link that need escaping everywhere, to prove the prerendered invitation equals a full rendering. */
const SAMPLE_INVITEE = { name: `Zoë "Z" O'Neil & <Đorđe>`, answerUrl: `https://example.org/invitation/a&b<c>"d'e` };

/**
 * Composes invitations to events: the invitation email with its calendar
 * entry (METHOD:REQUEST, the person as ATTENDEE) and the QR code to show at
 * the door. What is the same for every invitee of an event in one language is
 * rendered once (see emailRenderer), so thousands of invitations take seconds;
 * each email still carries the person's own name, link, code and calendar file.
 */
export function invitationComposer() {
  type Renderer = ReturnType<typeof emailRenderer<"invitation", "name" | "answerUrl">>;
  const renderers = new Map<string, Renderer>();
  // What an event shows in each language, worked out once for each copy of the event read.
  const shown = new WeakMap<InvitationEmailEvent, Map<Locale, Renderer>>();
  const rendererFor = (event: InvitationEmailEvent, locale: Locale): Renderer => {
    const byLocale = shown.get(event) ?? new Map<Locale, Renderer>();
    shown.set(event, byLocale);
    const known = byLocale.get(locale);
    if (known) return known;
    const timeOnly = new Intl.DateTimeFormat("en-GB", { timeStyle: "short", hourCycle: "h23", timeZone: event.timeZone });
    const shared = {
      locale,
      title: eventText(event.translations, locale).title,
      description: eventText(event.translations, locale).description,
      when: formatEventTimes(event.startsAt, event.endsAt, locale, event.timeZone),
      where: eventLocation(event, locale),
      agenda: event.sessions.map((s) => `${timeOnly.format(s.startsAt)}–${timeOnly.format(s.endsAt)} ${s.title}${s.room ? ` (${s.room})` : ""}`),
      checkInQrSrc: CHECK_IN_QR_SRC,
    };
    // Keyed by what is shown, so each batch's fresh copy of an unchanged event reuses the rendering, and a changed one is rendered anew.
    const key = JSON.stringify(shared);
    const renderer = renderers.get(key) ?? emailRenderer("invitation", shared, ["name", "answerUrl"] as const, SAMPLE_INVITEE);
    renderers.set(key, renderer);
    byLocale.set(locale, renderer);
    return renderer;
  };
  return async function composeInvitation(
    event: InvitationEmailEvent,
    person: { name: string; email: string; locale: string },
    answerUrl: string,
    invitationId: string,
  ): Promise<{ email: ComposedEmail; attachments: Attachment[] }> {
    const locale: Locale = isLocale(person.locale) ? person.locale : "sq";
    const qr = await checkInQrForEmail(invitationId);
    const renderer = rendererFor(event, locale);
    const email = await (await renderer).compose(person.email, { name: person.name, answerUrl });
    const ics = buildCalendar([event], { locale, method: "REQUEST", attendee: { name: person.name, email: person.email, status: "PENDING" } });
    return {
      email,
      attachments: [
        { filename: "invitation.ics", contentType: "text/calendar; charset=utf-8; method=REQUEST", content: Buffer.from(ics).toString("base64") },
        qr.attachment,
      ],
    };
  };
}

/** One invitation, composed as the background sender composes each of thousands. */
export function composeInvitation(...args: Parameters<ReturnType<typeof invitationComposer>>) {
  return invitationComposer()(...args);
}

export const SENDING = {
  /** Invitations rendered and queued per transaction; progress moves in these steps. */
  batchSize: 100,
  /** How long a worker holds a sending without renewing it; after a crash another instance takes over once it has passed. */
  leaseMs: 2 * 60_000,
};

const requested = new EventEmitter();

/** Lets this process's background sender start at once when a trainer asks to send (other instances find it when they next look). */
export function onSendingRequested(listener: () => void): () => void {
  requested.on("requested", listener);
  return () => requested.off("requested", listener);
}

/** The invitations a sending covers: on the list, not yet sent nor withdrawn, with an email address, and not already being sent. */
function sendableWhere(eventId: string): Prisma.InvitationWhereInput {
  return { eventId, sentAt: null, sendingId: null, status: "PENDING", person: { email: { not: null }, erasedAt: null } };
}

/** Why an invitation is not sent (or sent again), and what the trainer reads then. */
export type SendingRefusal = "notFound" | "eventNotPublished" | "eventNotOpen" | "eventStarted" | "invitationCancelled" | "noEmail";

export const sendingRefusals = refusals<SendingRefusal>({
  notFound: { status: 404, message: "errors.notFound" },
  eventNotPublished: { status: 409, message: "invitations.manage.notPublished" },
  eventNotOpen: { status: 409, message: "invitations.refusal.eventNotOpen" },
  eventStarted: { status: 409, message: "invitations.manage.eventStarted" },
  invitationCancelled: { status: 409, message: "invitations.refusal.invitationCancelled" },
  noEmail: { status: 409, message: "invitations.manage.noEmail" },
});

export type SendingRequest =
  | { ok: true; sendingId: string | null; queued: number; withoutEmail: number }
  | { ok: false; error: Extract<SendingRefusal, "eventNotPublished" | "eventStarted" | "notFound"> };

/**
 * A trainer's "send the invitations": marks everyone on the list who has not
 * been invited as to be sent by a new sending, and returns at once; the
 * background sender (sendRequestedInvitations) renders and queues the emails.
 * Two trainers pressing at once mark each invitation once: the second finds
 * nothing left to mark. Nobody is invited to an event already under way.
 */
export async function requestInvitationSending(actorId: string, eventId: string, appUrl: string, now = new Date()): Promise<SendingRequest> {
  const event = await prisma.event.findUnique({ where: { id: eventId }, select: { status: true, startsAt: true } });
  if (!event) return { ok: false, error: "notFound" };
  if (event.status !== "PUBLISHED") return { ok: false, error: "eventNotPublished" };
  if (now >= event.startsAt) return { ok: false, error: "eventStarted" };
  const result = await prisma.$transaction(async (tx) => {
    const sending = await tx.invitationSending.create({ data: { eventId, requestedById: actorId, appUrl, total: 0 } });
    const marked = await tx.invitation.updateMany({ where: sendableWhere(eventId), data: { sendingId: sending.id } });
    if (marked.count === 0) {
      await tx.invitationSending.delete({ where: { id: sending.id } });
      return { sendingId: null, queued: 0 };
    }
    await tx.invitationSending.update({ where: { id: sending.id }, data: { total: marked.count } });
    await recordAudit(tx, { actorId, action: "invitations.sendingRequested", subjectType: "Event", subjectId: eventId, details: { count: marked.count } });
    return { sendingId: sending.id, queued: marked.count };
  });
  if (result.queued) requested.emit("requested");
  const withoutEmail = await prisma.invitation.count({ where: { eventId, sentAt: null, status: "PENDING", person: { email: null } } });
  return { ok: true, ...result, withoutEmail };
}

/**
 * The background sender: works through the open sendings, a batch at a time.
 * A sending is first leased with a conditional update (only when nobody holds
 * it, or the holder's lease has run out), and the lease is renewed after each
 * batch, so one instance works on it at a time and another takes over after
 * a crash. Exactly-once does not rest on the lease, though: each invitation is
 * claimed (sentAt set) in the same transaction that queues its email, so even
 * two workers on the same sending invite nobody twice.
 */
export async function sendRequestedInvitations(
  options: { now?: () => Date; batchSize?: number; maxBatches?: number; shouldStop?: () => boolean } = {},
): Promise<{ sent: number; finished: number }> {
  const now = options.now ?? (() => new Date());
  const batchSize = options.batchSize ?? SENDING.batchSize;
  const worker = randomUUID();
  const report = { sent: 0, finished: 0 };
  let batches = 0;
  const composeInvitation = invitationComposer();
  const open = await prisma.invitationSending.findMany({
    where: { finishedAt: null, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now() } }] },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  for (const { id } of open) {
    const leased = await prisma.invitationSending.updateMany({
      where: { id, finishedAt: null, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now() } }] },
      data: { lockedBy: worker, lockedUntil: new Date(now().getTime() + SENDING.leaseMs) },
    });
    if (leased.count !== 1) continue;
    const sending = await prisma.invitationSending.findUniqueOrThrow({ where: { id } });
    for (;;) {
      if (options.shouldStop?.() || (options.maxBatches !== undefined && batches >= options.maxBatches)) {
        // Let another worker (or this one, next time) carry on without waiting for the lease to run out.
        await prisma.invitationSending.updateMany({ where: { id, lockedBy: worker }, data: { lockedBy: null, lockedUntil: null } });
        return report;
      }
      // Read for each batch: an event moved meanwhile is invited to at its new time, a cancelled or started one no more.
      const event = await prisma.event.findUnique({
        where: { id: sending.eventId },
        include: { ...EVENT_FOR_CALENDAR, sessions: { orderBy: { startsAt: "asc" } } },
      });
      const batch =
        event?.status === "PUBLISHED" && now() < event.startsAt
          ? await prisma.invitation.findMany({
              where: { sendingId: id, sentAt: null, status: "PENDING", person: { email: { not: null }, erasedAt: null } },
              include: { person: { select: { name: true, email: true, locale: true } } },
              orderBy: { createdAt: "asc" },
              take: batchSize,
            })
          : [];
      if (!event || batch.length === 0) {
        // Done, or the event was cancelled or has started meanwhile: what is left (withdrawn, erased, no longer open) goes back to the list.
        const finished = await prisma.$transaction(async (tx) => {
          const done = await tx.invitationSending.updateMany({
            where: { id, lockedBy: worker },
            data: { finishedAt: now(), lockedBy: null, lockedUntil: null },
          });
          if (done.count === 1) await tx.invitation.updateMany({ where: { sendingId: id, sentAt: null }, data: { sendingId: null } });
          return done.count === 1;
        });
        if (finished) report.finished++;
        break;
      }
      batches++;
      // Render outside the transaction; the transaction only claims and queues.
      const prepared = await Promise.all(
        batch.map(async (invitation) => {
          const token = createToken();
          const person = { ...invitation.person, email: invitation.person.email! };
          const message = await composeInvitation(event, person, `${sending.appUrl}/invitation/${token}`, invitation.id);
          return { invitation, token, ...message };
        }),
      );
      const sentAt = now();
      const claimed = await prisma.$transaction(async (tx) => {
        // Claimed together: those still unsent and not withdrawn meanwhile.
        const still = await tx.invitation.updateManyAndReturn({
          where: { id: { in: prepared.map((item) => item.invitation.id) }, sentAt: null, status: "PENDING" },
          data: { sentAt },
          select: { id: true },
        });
        const claimedIds = new Set(still.map((invitation) => invitation.id));
        const items = prepared.filter((item) => claimedIds.has(item.invitation.id));
        await tx.invitationLink.createMany({ data: items.map((item) => ({ tokenHash: hashToken(item.token), invitationId: item.invitation.id })) });
        await queueEmails(tx, items);
        const count = items.length;
        if (count) {
          await tx.invitationSending.update({ where: { id }, data: { sent: { increment: count } } });
          await recordAudit(tx, {
            actorId: sending.requestedById,
            action: "invitations.sent",
            subjectType: "Event",
            subjectId: sending.eventId,
            details: { count },
          });
        }
        return count;
      });
      report.sent += claimed;
      const renewed = await prisma.invitationSending.updateMany({
        where: { id, lockedBy: worker },
        data: { lockedUntil: new Date(now().getTime() + SENDING.leaseMs) },
      });
      // Another worker took over (this one was too slow for its lease): leave the rest to it.
      if (renewed.count !== 1) break;
    }
  }
  return report;
}

export type SendingProgress = { total: number; sent: number; finishedAt: Date | null };

/** The event's latest sending: how far it has got, for the invitations page. */
export async function sendingProgress(eventId: string): Promise<SendingProgress | null> {
  return prisma.invitationSending.findFirst({
    where: { eventId },
    orderBy: { createdAt: "desc" },
    select: { total: true, sent: true, finishedAt: true },
  });
}

/** The invitation sent again, with a new personal link (the links sent before keep working); not once the event has started. */
export async function resendInvitation(
  actorId: string,
  invitationId: string,
  appUrl: string,
  now = new Date(),
): Promise<{ ok: true } | { ok: false; error: Exclude<SendingRefusal, "eventNotPublished"> }> {
  const invitation = await prisma.invitation.findUnique({
    where: { id: invitationId },
    include: {
      person: { select: { name: true, email: true, locale: true } },
      event: { include: { ...EVENT_FOR_CALENDAR, sessions: { orderBy: { startsAt: "asc" } } } },
    },
  });
  if (!invitation) return { ok: false, error: "notFound" };
  if (invitation.status === "CANCELLED") return { ok: false, error: "invitationCancelled" };
  if (!invitation.person.email) return { ok: false, error: "noEmail" };
  if (invitation.event.status !== "PUBLISHED") return { ok: false, error: "eventNotOpen" };
  if (now >= invitation.event.startsAt) return { ok: false, error: "eventStarted" };
  const token = createToken();
  const person = { ...invitation.person, email: invitation.person.email };
  const { email, attachments } = await composeInvitation(invitation.event, person, `${appUrl}/invitation/${token}`, invitation.id);
  await prisma.$transaction(async (tx) => {
    await tx.invitation.update({ where: { id: invitationId }, data: { sentAt: now } });
    await tx.invitationLink.create({ data: { tokenHash: hashToken(token), invitationId } });
    await queueEmail(tx, email, attachments);
    await recordAudit(tx, { actorId, action: "invitations.resent", subjectType: "Event", subjectId: invitation.eventId });
  });
  return { ok: true };
}

/** The list as a trainer sees it. */
export async function invitationList(eventId: string) {
  return prisma.invitation.findMany({
    where: { eventId },
    include: {
      person: { select: { id: true, name: true, email: true, erasedAt: true, organisation: { select: { name: true } }, municipality: true } },
      answers: { orderBy: { createdAt: "desc" }, take: 1 },
    },
    orderBy: [{ status: "asc" }, { person: { name: "asc" } }],
  });
}

/** The invitation behind a personal link, or null when the link is unknown, withdrawn or the event is over. */
export async function invitationByToken(token: string, now = new Date()) {
  if (!token) return null;
  // Any link the person was sent: the first email's, a reminder's, a re-sent one. The link is found
  // by its key, then its invitation (asking for the invitation that has such a link reads them all).
  const link = await prisma.invitationLink.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      invitation: {
        include: {
          person: { select: { name: true, email: true, locale: true, erasedAt: true } },
          event: { include: { ...EVENT_FOR_CALENDAR, sessions: { orderBy: { startsAt: "asc" } } } },
        },
      },
    },
  });
  const invitation = link?.invitation;
  if (!invitation || invitation.status === "CANCELLED") return null;
  if (invitation.event.endsAt < now) return null;
  return invitation;
}

/** The event whose invitation list is managed: its title texts and status. */
export function eventForInvitationList(eventId: string) {
  return prisma.event.findUnique({ where: { id: eventId }, include: { translations: true } });
}

/** Whether the event exists (an action on a missing event's list is a 404). */
export async function eventExists(eventId: string): Promise<boolean> {
  return (await prisma.event.count({ where: { id: eventId } })) > 0;
}

/** Whether the invitation belongs to this event: an invitation named in a form must. */
export async function isInvitationOfEvent(invitationId: string, eventId: string): Promise<boolean> {
  return (await prisma.invitation.count({ where: { id: invitationId, eventId } })) > 0;
}

/** People whose folded name (or other search text) contains the query, to add one by one (at most 20). */
export function peopleToInvite(foldedQuery: string) {
  return prisma.person.findMany({
    where: { erasedAt: null, searchText: { contains: foldedQuery } },
    select: { id: true, name: true, municipality: true, organisation: { select: { name: true } } },
    orderBy: { name: "asc" },
    take: 20,
  });
}
