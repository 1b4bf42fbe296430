import { prisma } from "~/db.server";
import type { AnswerChannel, ContributionStatus, InvitationStatus } from "~/generated/prisma/enums";

/**
 * A person's history across events, for their directory page: the events
 * they were invited to (with every answer and who recorded it: many answers
 * come by phone), the days they attended (walk-ins included, without an
 * invitation), and the contributions they wrote. Contributions belong to
 * accounts, so they are found through the person's linked account.
 */

export type HistoryEvent = {
  eventId: string;
  translations: Array<{ locale: string; title: string; description: string }>;
  startsAt: Date;
  eventStatus: string;
  /** The invitation's status now; null when the person came without one. */
  status: InvitationStatus | null;
  invitedAt: Date | null;
  answers: Array<{ status: InvitationStatus; channel: AnswerChannel; recordedBy: string | null; at: Date }>;
  /** Local days attended, YYYY-MM-DD, in order. */
  days: string[];
};

export type PersonHistory = {
  events: HistoryEvent[];
  contributions: Array<{ id: string; title: string; status: ContributionStatus; createdAt: Date }>;
};

const eventFields = { id: true, startsAt: true, status: true, translations: { select: { locale: true, title: true, description: true } } } as const;

export async function personHistory(personId: string): Promise<PersonHistory> {
  const [person, invitations, attendances] = await Promise.all([
    prisma.person.findUnique({ where: { id: personId }, select: { userId: true } }),
    prisma.invitation.findMany({
      where: { personId },
      select: {
        status: true,
        sentAt: true,
        event: { select: eventFields },
        answers: { orderBy: { createdAt: "asc" }, select: { status: true, channel: true, recordedById: true, createdAt: true } },
      },
    }),
    prisma.attendance.findMany({ where: { personId }, orderBy: { day: "asc" }, select: { day: true, event: { select: eventFields } } }),
  ]);

  // Who recorded answers is a user id; names come in one query.
  const recorderIds = [...new Set(invitations.flatMap((i) => i.answers.map((a) => a.recordedById)).filter((id): id is string => !!id))];
  const recorders = new Map(
    (await prisma.user.findMany({ where: { id: { in: recorderIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  );

  const events = new Map<string, HistoryEvent>();
  const entry = (event: (typeof invitations)[number]["event"]): HistoryEvent => {
    let found = events.get(event.id);
    if (!found) {
      found = { eventId: event.id, translations: event.translations, startsAt: event.startsAt, eventStatus: event.status, status: null, invitedAt: null, answers: [], days: [] };
      events.set(event.id, found);
    }
    return found;
  };
  for (const invitation of invitations) {
    const item = entry(invitation.event);
    item.status = invitation.status;
    item.invitedAt = invitation.sentAt;
    item.answers = invitation.answers.map((a) => ({
      status: a.status,
      channel: a.channel,
      recordedBy: a.recordedById ? (recorders.get(a.recordedById) ?? null) : null,
      at: a.createdAt,
    }));
  }
  for (const attendance of attendances) entry(attendance.event).days.push(attendance.day);

  const contributions = person?.userId
    ? await prisma.contribution.findMany({
        where: { authors: { some: { userId: person.userId } } },
        select: { id: true, title: true, status: true, createdAt: true },
        orderBy: { createdAt: "desc" },
      })
    : [];

  return {
    events: [...events.values()].sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime()),
    contributions,
  };
}
