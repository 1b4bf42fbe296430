import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { AnswerChannel, InvitationStatus } from "~/generated/prisma/enums";
import { composeEmail } from "~/models/email.server";
import { buildCalendar, EVENT_FOR_CALENDAR, eventLocation } from "~/models/event-calendar.server";
import { formatEventTimes } from "~/models/event.server";
import { queueEmail } from "~/models/outbox.server";
import { eventText } from "~/utils/events";
import { isLocale, type Locale } from "~/utils/i18n";
import { refusals } from "~/utils/refusal";

/**
 * Answers to invitations, and the seats they take. The rule that no seat is
 * given twice lives here: every answer runs in a transaction that first takes
 * the event's row lock (an UPDATE of the event row: PostgreSQL holds a row
 * lock until commit, SQLite its write lock), then counts the accepted seats.
 * Two answers for the same event therefore never count at the same time, in
 * one process or several. (pretix takes quotas the same way.)
 *
 * Nobody jumps the waitlist: whatever frees seats (a decline, a withdrawal,
 * a raised capacity) gives them at once, in the same transaction, to the
 * people waiting in order of arrival; an acceptance takes a seat only when
 * nobody is waiting for it.
 */

type Tx = Prisma.TransactionClient;

export type Needs = { interpretation?: string | null; accessibilityNeeds?: string | null; needsTransport?: boolean };

export type AnswerInput = {
  invitationId: string;
  answer: "ACCEPT" | "DECLINE";
  channel: AnswerChannel;
  /** Who recorded it, when not the person (a trainer taking an answer by phone). */
  recordedById?: string | null;
  needs?: Needs;
  now?: Date;
};

export type AnswerRefusal = "notFound" | "eventNotOpen" | "eventStarted" | "invitationCancelled";

/**
 * How an answer's refusal reaches the person: every one is a conflict with
 * the invitation's state as it is now (409), "notFound" included: the pages
 * check that the invitation is the reader's before answering, so here it
 * means the invitation went away meanwhile.
 */
export const answerRefusals = refusals<AnswerRefusal>({
  notFound: { status: 409, message: "invitations.refusal.notFound" },
  eventNotOpen: { status: 409, message: "invitations.refusal.eventNotOpen" },
  eventStarted: { status: 409, message: "invitations.refusal.eventStarted" },
  invitationCancelled: { status: 409, message: "invitations.refusal.invitationCancelled" },
});

export type AnswerResult =
  | { ok: true; status: InvitationStatus; promotedInvitationId: string | null }
  | { ok: false; error: AnswerRefusal };

/** Serialises seat-taking for one event until the transaction ends. Call it first in any transaction that counts or frees seats. */
export async function lockEventSeats(tx: Tx, eventId: string) {
  await tx.$executeRaw`UPDATE "Event" SET "capacity" = "capacity" WHERE "id" = ${eventId}`;
}

/** Records an answer; acceptances beyond capacity join the waitlist, and a freed seat goes to the first waiting. */
export async function answerInvitation(input: AnswerInput): Promise<AnswerResult> {
  const now = input.now ?? new Date();
  const found = await prisma.invitation.findUnique({ where: { id: input.invitationId }, select: { eventId: true } });
  if (!found) return { ok: false, error: "notFound" };

  const outcome = await prisma.$transaction(async (tx) => {
    await lockEventSeats(tx, found.eventId);
    const invitation = await tx.invitation.findUniqueOrThrow({
      where: { id: input.invitationId },
      include: { event: { select: { id: true, status: true, startsAt: true, capacity: true } } },
    });
    const { event } = invitation;
    if (event.status !== "PUBLISHED") return { ok: false as const, error: "eventNotOpen" as const };
    if (now >= event.startsAt) return { ok: false as const, error: "eventStarted" as const };
    if (invitation.status === "CANCELLED") return { ok: false as const, error: "invitationCancelled" as const };

    const needs = input.needs ? normaliseNeeds(input.needs) : {};
    let status: InvitationStatus = invitation.status;
    let waitlistedAt = invitation.waitlistedAt;
    const promoted: string[] = [];

    if (input.answer === "ACCEPT") {
      if (invitation.status !== "ACCEPTED" && invitation.status !== "WAITLISTED") {
        // A seat that is free goes to the people already waiting before this newcomer.
        promoted.push(...(await promoteFromWaitlist(tx, event.id, now)));
        const accepted = await tx.invitation.count({ where: { eventId: event.id, status: "ACCEPTED" } });
        if (accepted < event.capacity) {
          status = "ACCEPTED";
          waitlistedAt = null;
        } else {
          status = "WAITLISTED";
          waitlistedAt = await nextWaitlistTime(tx, event.id, now);
        }
      }
    } else {
      status = "DECLINED";
      waitlistedAt = null;
    }

    await tx.invitation.update({
      where: { id: invitation.id },
      data: { status, waitlistedAt, respondedAt: now, ...needs },
    });
    if (status !== invitation.status) {
      await tx.invitationAnswer.create({
        data: { invitationId: invitation.id, status, channel: input.channel, recordedById: input.recordedById ?? null, createdAt: now },
      });
    }
    if (invitation.status === "ACCEPTED" && status === "DECLINED") {
      promoted.push(...(await promoteFromWaitlist(tx, event.id, now)));
    }
    return { ok: true as const, status, promotedInvitationId: promoted[0] ?? null };
  });
  return outcome;
}

/**
 * The waitlist's order is the order of arrival. Several answers can arrive in
 * the same millisecond, so each new place is at least a millisecond after the
 * last one: under the event lock this is a strict order.
 */
async function nextWaitlistTime(tx: Tx, eventId: string, now: Date): Promise<Date> {
  const last = await tx.invitation.findFirst({
    where: { eventId, status: "WAITLISTED" },
    orderBy: { waitlistedAt: "desc" },
    select: { waitlistedAt: true },
  });
  const after = last?.waitlistedAt ? last.waitlistedAt.getTime() + 1 : 0;
  return new Date(Math.max(now.getTime(), after));
}

/**
 * Gives every free seat to the people waiting, first come first served
 * (waitlistedAt), and tells each of them by email with their calendar entry,
 * now confirmed. The event's SEQUENCE rises once, so calendar apps replace
 * the entry the person already has. Nothing moves before publication or once
 * the event has started. Call under the event lock (lockEventSeats), in the
 * transaction that freed the seats; returns the invitations promoted, in order.
 */
export async function promoteFromWaitlist(tx: Tx, eventId: string, now: Date): Promise<string[]> {
  const seats = await tx.event.findUniqueOrThrow({ where: { id: eventId }, select: { capacity: true, status: true, startsAt: true } });
  if (seats.status !== "PUBLISHED" || now >= seats.startsAt) return [];
  const accepted = await tx.invitation.count({ where: { eventId, status: "ACCEPTED" } });
  const free = seats.capacity - accepted;
  if (free <= 0) return [];
  const next = await tx.invitation.findMany({
    where: { eventId, status: "WAITLISTED" },
    orderBy: [{ waitlistedAt: "asc" }, { createdAt: "asc" }],
    take: free,
    include: { person: { select: { name: true, email: true, locale: true, erasedAt: true } } },
  });
  if (next.length === 0) return [];
  const event = await tx.event.update({ where: { id: eventId }, data: { sequence: { increment: 1 } }, include: EVENT_FOR_CALENDAR });
  for (const invitation of next) {
    await tx.invitation.update({ where: { id: invitation.id }, data: { status: "ACCEPTED", waitlistedAt: null } });
    await tx.invitationAnswer.create({ data: { invitationId: invitation.id, status: "ACCEPTED", channel: "SYSTEM", createdAt: now } });
    const { person } = invitation;
    if (!person.email || person.erasedAt) continue;
    const locale: Locale = isLocale(person.locale) ? person.locale : "sq";
    const email = await composeEmail("waitlist-promoted", person.email, {
      locale,
      name: person.name,
      title: eventText(event.translations, locale).title,
      when: formatEventTimes(event.startsAt, event.endsAt, locale, event.timeZone),
      where: eventLocation(event, locale),
    });
    const ics = buildCalendar([event], { locale, method: "REQUEST", attendee: { name: person.name, email: person.email, status: "ACCEPTED" } });
    await queueEmail(tx, email, [
      { filename: "event.ics", contentType: "text/calendar; charset=utf-8; method=REQUEST", content: Buffer.from(ics, "utf8").toString("base64") },
    ]);
  }
  return next.map((invitation) => invitation.id);
}

function normaliseNeeds(needs: Needs) {
  const interpretation = needs.interpretation && ["en", "sq", "sr"].includes(needs.interpretation) ? needs.interpretation : null;
  const accessibilityNeeds = needs.accessibilityNeeds?.trim().slice(0, 500) || null;
  return { interpretation, accessibilityNeeds, needsTransport: !!needs.needsTransport };
}

/** Seats taken and people waiting, for an event page. */
export async function seatSummary(eventId: string) {
  const [event, groups] = await Promise.all([
    prisma.event.findUniqueOrThrow({ where: { id: eventId }, select: { capacity: true } }),
    prisma.invitation.groupBy({ by: ["status"], where: { eventId }, _count: { _all: true } }),
  ]);
  const count = (status: InvitationStatus) => groups.find((g) => g.status === status)?._count._all ?? 0;
  return {
    capacity: event.capacity,
    accepted: count("ACCEPTED"),
    waitlisted: count("WAITLISTED"),
    pending: count("PENDING"),
    declined: count("DECLINED"),
    free: Math.max(0, event.capacity - count("ACCEPTED")),
  };
}

/** The history of an invitation's answers, oldest first, with who recorded each. */
export async function answerHistory(invitationId: string) {
  return prisma.invitationAnswer.findMany({ where: { invitationId }, orderBy: { createdAt: "asc" } });
}

/** The directory person of a signed-in member, if their account is linked to one. */
export async function personIdOfUser(userId: string): Promise<string | null> {
  const person = await prisma.person.findUnique({ where: { userId }, select: { id: true } });
  return person?.id ?? null;
}

/** A member's own invitations that were sent, newest event first (not cancelled ones, nor those of draft events). */
export function invitationsOfPerson(personId: string) {
  return prisma.invitation.findMany({
    where: { personId, status: { not: "CANCELLED" }, sentAt: { not: null }, event: { status: { in: ["PUBLISHED", "COMPLETED", "CANCELLED"] } } },
    include: { event: { include: { translations: true, municipality: true } } },
    orderBy: { event: { startsAt: "desc" } },
    take: 50,
  });
}

/** Whether the invitation is this person's (one answers only one's own). */
export async function isInvitationOf(invitationId: string, personId: string | null): Promise<boolean> {
  if (!personId) return false;
  return (await prisma.invitation.count({ where: { id: invitationId, personId } })) > 0;
}
