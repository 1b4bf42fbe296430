import { prisma } from "~/db.server";
import { recordAudit } from "~/models/audit.server";
import { redactPerson } from "~/models/person.server";
import type { SessionUser } from "~/utils/auth.server";
import { eventText } from "~/utils/events";
import { isLocale, type Locale } from "~/utils/i18n";
import { municipalityName } from "~/utils/names";

/**
 * Everything Durable holds about a person, for them (GDPR art. 15): their
 * record, the linked account, commissions, every invitation with the needs
 * they gave, each answer (how, and who recorded it), reminders, the days
 * they were checked in (how, and by whom), feedback requests, events they
 * facilitated, emails sent to their address, guideline subscriptions,
 * contributions, and what was done to their record (the audit log, without
 * details). Texts are in the person's language; the export is audited.
 * Gender and community follow the directory's rule for the one exporting.
 */
export async function exportPersonData(actor: SessionUser, id: string) {
  const person = await prisma.person.findUnique({
    where: { id },
    include: {
      organisation: { select: { name: true } },
      municipality: { select: { nameSq: true, nameSr: true, nameEn: true } },
      user: {
        select: {
          email: true,
          name: true,
          locale: true,
          emailVerifiedAt: true,
          disabledAt: true,
          createdAt: true,
          roles: { select: { role: true } },
        },
      },
      commissions: { include: { commission: { select: { name: true } } } },
    },
  });
  if (!person) return null;
  const locale: Locale = isLocale(person.locale) ? person.locale : "sq";
  const event = {
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      venueName: true,
      translations: {
        select: { locale: true, title: true, description: true },
      },
    },
  } as const;
  const [
    invitations,
    attendance,
    feedbackRequests,
    facilitating,
    emails,
    subscriptions,
    contributions,
    history,
  ] = await Promise.all([
    prisma.invitation.findMany({
      where: { personId: id },
      orderBy: { createdAt: "asc" },
      include: {
        event,
        answers: {
          orderBy: { createdAt: "asc" },
          select: {
            status: true,
            channel: true,
            recordedById: true,
            createdAt: true,
          },
        },
        reminders: {
          orderBy: { createdAt: "asc" },
          select: { createdAt: true, reminder: { select: { kind: true } } },
        },
      },
    }),
    prisma.attendance.findMany({
      where: { personId: id },
      orderBy: [{ day: "asc" }],
      include: { event },
    }),
    prisma.feedbackRequest.findMany({
      where: { personId: id },
      orderBy: { sentAt: "asc" },
      include: { event },
    }),
    prisma.eventFacilitator.findMany({
      where: { personId: id },
      include: { event },
    }),
    person.email
      ? prisma.outboxMessage.findMany({
          where: { toAddress: person.email },
          orderBy: { createdAt: "asc" },
          select: {
            template: true,
            subject: true,
            status: true,
            createdAt: true,
            sentAt: true,
          },
        })
      : [],
    person.email
      ? prisma.guidelineSubscription.findMany({
          where: { email: person.email.trim().toLowerCase() },
          select: {
            createdAt: true,
            confirmedAt: true,
            locale: true,
            guideline: { select: { title: true, slug: true } },
          },
        })
      : [],
    person.userId
      ? prisma.contribution.findMany({
          where: { authors: { some: { userId: person.userId } } },
          orderBy: { createdAt: "asc" },
          select: {
            title: true,
            status: true,
            locale: true,
            createdAt: true,
            updatedAt: true,
          },
        })
      : [],
    prisma.auditLog.findMany({
      where: { subjectType: "Person", subjectId: id },
      orderBy: { createdAt: "asc" },
      select: { action: true, createdAt: true, actorId: true },
    }),
  ]);
  // Who recorded an answer, checked them in or changed their record: names in one query.
  const staffIds = new Set<string>();
  for (const invitation of invitations)
    for (const answer of invitation.answers)
      if (answer.recordedById) staffIds.add(answer.recordedById);
  for (const row of attendance)
    if (row.checkedInById) staffIds.add(row.checkedInById);
  for (const entry of history) if (entry.actorId) staffIds.add(entry.actorId);
  const staff = new Map(
    (
      await prisma.user.findMany({
        where: { id: { in: [...staffIds] } },
        select: { id: true, name: true },
      })
    ).map((u) => [u.id, u.name]),
  );
  const nameOf = (userId: string | null) =>
    userId ? (staff.get(userId) ?? null) : null;
  const eventOf = (e: {
    id: string;
    startsAt: Date;
    endsAt: Date;
    venueName: string;
    translations: Array<{ locale: string; title: string; description: string }>;
  }) => ({
    id: e.id,
    title: eventText(e.translations, locale).title,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    venue: e.venueName,
  });
  const iso = (date: Date | null) => date?.toISOString() ?? null;

  await recordAudit(prisma, {
    actorId: actor.id,
    action: "person.data_exported",
    subjectType: "Person",
    subjectId: id,
  });
  const visible = redactPerson(actor, person);
  return {
    exportedAt: new Date().toISOString(),
    language: locale,
    person: {
      id: visible.id,
      name: visible.name,
      email: visible.email,
      phone: visible.phone,
      position: visible.position,
      preferredLanguage: visible.locale,
      organisation: visible.organisation?.name ?? null,
      municipality: visible.municipality
        ? municipalityName(visible.municipality, locale)
        : null,
      ...("gender" in visible
        ? { gender: visible.gender, community: visible.community }
        : {}),
      consentGivenAt: iso(visible.consentGivenAt),
      consentText: visible.consentText,
      addedVia: visible.createdVia,
      erasedAt: iso(visible.erasedAt),
      createdAt: visible.createdAt.toISOString(),
      updatedAt: visible.updatedAt.toISOString(),
    },
    account: person.user
      ? {
          email: person.user.email,
          name: person.user.name,
          language: person.user.locale,
          roles: person.user.roles.map((r) => r.role),
          emailVerifiedAt: iso(person.user.emailVerifiedAt),
          disabledAt: iso(person.user.disabledAt),
          createdAt: person.user.createdAt.toISOString(),
        }
      : null,
    commissions: person.commissions.map((m) => ({
      commission: m.commission.name,
      role: m.role,
      joinedAt: m.joinedAt.toISOString(),
    })),
    invitations: invitations.map((invitation) => ({
      event: eventOf(invitation.event),
      status: invitation.status,
      addedAt: invitation.createdAt.toISOString(),
      sentAt: iso(invitation.sentAt),
      respondedAt: iso(invitation.respondedAt),
      waitlistedAt: iso(invitation.waitlistedAt),
      needs: {
        accessibility: invitation.accessibilityNeeds,
        interpretation: invitation.interpretation,
        transport: invitation.needsTransport,
      },
      answers: invitation.answers.map((a) => ({
        status: a.status,
        channel: a.channel,
        recordedBy: nameOf(a.recordedById),
        at: a.createdAt.toISOString(),
      })),
      reminders: invitation.reminders.map((r) => ({
        kind: r.reminder.kind,
        at: r.createdAt.toISOString(),
      })),
    })),
    attendance: attendance.map((row) => ({
      event: eventOf(row.event),
      day: row.day,
      method: row.method,
      checkedInAt: row.checkedInAt.toISOString(),
      checkedInBy: nameOf(row.checkedInById),
    })),
    feedbackRequests: feedbackRequests.map((request) => ({
      event: eventOf(request.event),
      sentAt: request.sentAt.toISOString(),
      answered: request.answered,
    })),
    facilitating: facilitating.map((row) => ({ event: eventOf(row.event) })),
    emails: emails.map((email) => ({
      template: email.template,
      subject: email.subject,
      status: email.status,
      queuedAt: email.createdAt.toISOString(),
      sentAt: iso(email.sentAt),
    })),
    guidelineSubscriptions: subscriptions.map((s) => ({
      guideline: s.guideline.title,
      slug: s.guideline.slug,
      language: s.locale,
      since: s.createdAt.toISOString(),
      confirmedAt: iso(s.confirmedAt),
    })),
    contributions: contributions.map((c) => ({
      title: c.title,
      status: c.status,
      language: c.locale,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    })),
    recordHistory: history.map((entry) => ({
      action: entry.action,
      at: entry.createdAt.toISOString(),
      by: nameOf(entry.actorId),
    })),
  };
}

export type PersonDataExport = NonNullable<
  Awaited<ReturnType<typeof exportPersonData>>
>;
