import { prisma } from "~/db.server";
import type { OrganisationType, Prisma } from "~/generated/prisma/client";
import { checkInQrForEmail } from "~/models/attendance.server";
import { recordAudit } from "~/models/audit.server";
import { composeEmail, type ComposedEmail } from "~/models/email.server";
import { buildCalendar, EVENT_FOR_CALENDAR, eventLocation, type EventForCalendar } from "~/models/event-calendar.server";
import { formatEventTimes } from "~/models/event.server";
import { queueEmail, type Attachment } from "~/models/outbox.server";
import { eventText } from "~/utils/events";
import { isLocale, type Locale } from "~/utils/i18n";
import { createToken, hashToken } from "~/utils/tokens.server";

/**
 * An event's invitation list: who is on it, adding people from the
 * directory, and sending. Sending is idempotent: each invitation is claimed
 * (sentAt set) in the same transaction that queues its email, so sending the
 * list twice, or two trainers pressing the button at once, invites nobody twice.
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

/** Takes someone off the list before they were invited; once invited, the invitation is withdrawn instead (and kept). */
export async function removeFromInvitationList(actorId: string, invitationId: string) {
  return prisma.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({ where: { id: invitationId } });
    if (!invitation) return { ok: false as const };
    if (invitation.sentAt) {
      await tx.invitation.update({ where: { id: invitationId }, data: { status: "CANCELLED", tokenHash: null } });
      await tx.invitationAnswer.create({ data: { invitationId, status: "CANCELLED", channel: "TRAINER", recordedById: actorId } });
    } else {
      await tx.invitation.delete({ where: { id: invitationId } });
    }
    await recordAudit(tx, { actorId, action: "invitations.removed", subjectType: "Event", subjectId: invitation.eventId });
    return { ok: true as const, withdrawn: !!invitation.sentAt };
  });
}

export type InvitationEmailEvent = EventForCalendar & {
  timeZone: string;
  sessions: Array<{ title: string; startsAt: Date; endsAt: Date; room: string }>;
};

/** The invitation email with its calendar entry (METHOD:REQUEST, the person as ATTENDEE) and the QR code to show at the door. */
export async function composeInvitation(
  event: InvitationEmailEvent,
  person: { name: string; email: string; locale: string },
  answerUrl: string,
  invitationId: string,
): Promise<{ email: ComposedEmail; attachments: Attachment[] }> {
  const locale: Locale = isLocale(person.locale) ? person.locale : "sq";
  const qr = await checkInQrForEmail(invitationId);
  const timeOnly = new Intl.DateTimeFormat("en-GB", { timeStyle: "short", hourCycle: "h23", timeZone: event.timeZone });
  const email = await composeEmail("invitation", person.email, {
    locale,
    name: person.name,
    title: eventText(event.translations, locale).title,
    description: eventText(event.translations, locale).description,
    when: formatEventTimes(event.startsAt, event.endsAt, locale, event.timeZone),
    where: eventLocation(event, locale),
    agenda: event.sessions.map((s) => `${timeOnly.format(s.startsAt)}–${timeOnly.format(s.endsAt)} ${s.title}${s.room ? ` (${s.room})` : ""}`),
    answerUrl,
    checkInQrSrc: qr.src,
  });
  const ics = buildCalendar([event], { locale, method: "REQUEST", attendee: { name: person.name, email: person.email, status: "PENDING" } });
  return {
    email,
    attachments: [
      { filename: "invitation.ics", contentType: "text/calendar; charset=utf-8; method=REQUEST", content: Buffer.from(ics).toString("base64") },
      qr.attachment,
    ],
  };
}

const SEND_BATCH = 100;

export type SendResult = { ok: true; sent: number; withoutEmail: number } | { ok: false; error: "eventNotPublished" | "notFound" };

/** Invites everyone on the list who has not been invited yet, each with a personal link. */
export async function sendInvitations(actorId: string, eventId: string, appUrl: string): Promise<SendResult> {
  const event = await prisma.event.findUnique({
    where: { id: eventId },
    include: { ...EVENT_FOR_CALENDAR, sessions: { orderBy: { startsAt: "asc" } } },
  });
  if (!event) return { ok: false, error: "notFound" };
  if (event.status !== "PUBLISHED") return { ok: false, error: "eventNotPublished" };
  let sent = 0;
  for (;;) {
    const batch = await prisma.invitation.findMany({
      where: { eventId, sentAt: null, status: "PENDING", person: { email: { not: null }, erasedAt: null } },
      include: { person: { select: { name: true, email: true, locale: true } } },
      orderBy: { createdAt: "asc" },
      take: SEND_BATCH,
    });
    if (batch.length === 0) break;
    // Render outside the transaction; the transaction only claims and queues.
    const prepared = await Promise.all(
      batch.map(async (invitation) => {
        const token = createToken();
        const person = { ...invitation.person, email: invitation.person.email! };
        const message = await composeInvitation(event, person, `${appUrl}/invitation/${token}`, invitation.id);
        return { invitation, token, ...message };
      }),
    );
    const now = new Date();
    sent += await prisma.$transaction(async (tx) => {
      let claimed = 0;
      for (const item of prepared) {
        const claim = await tx.invitation.updateMany({
          where: { id: item.invitation.id, sentAt: null },
          data: { sentAt: now, tokenHash: hashToken(item.token) },
        });
        if (claim.count !== 1) continue;
        await queueEmail(tx, item.email, item.attachments);
        claimed++;
      }
      if (claimed) {
        await recordAudit(tx, { actorId, action: "invitations.sent", subjectType: "Event", subjectId: eventId, details: { count: claimed } });
      }
      return claimed;
    });
  }
  const withoutEmail = await prisma.invitation.count({ where: { eventId, sentAt: null, person: { email: null } } });
  return { ok: true, sent, withoutEmail };
}

/** A new personal link for one invitation (the old one stops working), sent again. */
export async function resendInvitation(actorId: string, invitationId: string, appUrl: string) {
  const invitation = await prisma.invitation.findUnique({
    where: { id: invitationId },
    include: {
      person: { select: { name: true, email: true, locale: true } },
      event: { include: { ...EVENT_FOR_CALENDAR, sessions: { orderBy: { startsAt: "asc" } } } },
    },
  });
  if (!invitation || !invitation.person.email || invitation.status === "CANCELLED") return { ok: false as const };
  if (invitation.event.status !== "PUBLISHED") return { ok: false as const };
  const token = createToken();
  const person = { ...invitation.person, email: invitation.person.email };
  const { email, attachments } = await composeInvitation(invitation.event, person, `${appUrl}/invitation/${token}`, invitation.id);
  await prisma.$transaction(async (tx) => {
    await tx.invitation.update({ where: { id: invitationId }, data: { tokenHash: hashToken(token), sentAt: new Date() } });
    await queueEmail(tx, email, attachments);
    await recordAudit(tx, { actorId, action: "invitations.resent", subjectType: "Event", subjectId: invitation.eventId });
  });
  return { ok: true as const };
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
  const invitation = await prisma.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: {
      person: { select: { name: true, locale: true } },
      event: { include: { ...EVENT_FOR_CALENDAR, sessions: { orderBy: { startsAt: "asc" } } } },
    },
  });
  if (!invitation || invitation.status === "CANCELLED") return null;
  if (invitation.event.endsAt < now) return null;
  return invitation;
}
