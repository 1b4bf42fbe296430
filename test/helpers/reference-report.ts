// The reference report: how the attendance reports were first computed,
// straight from the rows (every attendance row, every attendee and each
// attendee's history loaded and counted here). Slow, but plain enough to
// trust; test/reports-equivalence.test.ts checks the database-counted
// reports of app/models/report.server.ts against it cell by cell.
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import {
  formatDay,
  protectCounts,
  sessionLabel,
  REPORT_EVENT_SELECT,
  reportEventWhere,
  seesExactCounts,
  type Report,
  type ReportFilters,
  type ReportTable,
  type ReportTableKey,
} from "~/models/report.server";
import { municipalityChoices } from "~/models/places.server";
import type { SessionUser } from "~/utils/auth.server";
import { COMMUNITIES, GENDERS, ORGANISATION_TYPES } from "~/utils/directory";
import { eventText } from "~/utils/events";
import { LOCALE_TAGS, type Locale } from "~/utils/i18n";
import { translator } from "~/utils/i18n.server";
import { municipalityName } from "~/utils/names";

type Viewer = Pick<SessionUser, "roles"> | null | undefined;

export async function referenceProgrammeReport(viewer: Viewer, filters: ReportFilters, locale: Locale): Promise<Report> {
  const events = await prisma.event.findMany({ where: reportEventWhere(filters), select: REPORT_EVENT_SELECT, orderBy: [{ startsAt: "asc" }, { id: "asc" }] });
  return buildReport(viewer, events, locale, { perDay: false, texts: false });
}

export async function referenceEventReport(viewer: Viewer, eventId: string, locale: Locale): Promise<Report | null> {
  const event = await prisma.event.findUnique({ where: { id: eventId }, select: REPORT_EVENT_SELECT });
  if (!event) return null;
  return buildReport(viewer, [event], locale, { perDay: true, texts: true });
}

type ReportEvent = Prisma.EventGetPayload<{ select: typeof REPORT_EVENT_SELECT }>;

function countMap<K>(keys: Iterable<K>): Map<K, number> {
  const map = new Map<K, number>();
  for (const key of keys) map.set(key, (map.get(key) ?? 0) + 1);
  return map;
}

async function buildReport(viewer: Viewer, events: ReportEvent[], locale: Locale, options: { perDay: boolean; texts: boolean }): Promise<Report> {
  const t = translator(locale);
  const exactAccess = seesExactCounts(viewer);
  const eventIds = events.map((e) => e.id);
  const inEvents = { eventId: { in: eventIds } };

  const [statusCounts, invitedCounts, attendances, requests, responses, municipalities, sessionRows] = await Promise.all([
    prisma.invitation.groupBy({ by: ["eventId", "status"], where: inEvents, _count: { _all: true } }),
    // Invited: the invitation went out, or an answer was recorded (by phone, for people without email); withdrawn ones do not count.
    prisma.invitation.groupBy({
      by: ["eventId"],
      where: { ...inEvents, status: { not: "CANCELLED" }, OR: [{ sentAt: { not: null } }, { status: { not: "PENDING" } }] },
      _count: { _all: true },
    }),
    prisma.attendance.findMany({ where: inEvents, select: { eventId: true, personId: true, day: true } }),
    prisma.feedbackRequest.groupBy({ by: ["eventId"], where: inEvents, _count: { _all: true } }),
    prisma.feedbackResponse.findMany({
      where: inEvents,
      select: { eventId: true, satisfaction: true, learnt: true, improve: true },
      // Random ids: the order says nothing about who answered when.
      orderBy: { id: "asc" },
    }),
    municipalityChoices(locale),
    prisma.sessionAttendance.findMany({ where: inEvents, select: { sessionId: true } }),
  ]);

  // Each session of the events, with its check-ins counted one row at a time.
  const perSession = countMap(sessionRows.map((r) => r.sessionId));
  const sessions = events
    .flatMap((event) => event.sessions.map((s) => ({ event, session: s })))
    .sort((a, b) => a.session.startsAt.getTime() - b.session.startsAt.getTime() || (a.session.id < b.session.id ? -1 : 1))
    .map(({ event, session }) => ({
      id: session.id,
      eventId: event.id,
      title: session.title,
      label: sessionLabel(session.startsAt, event.timeZone, locale),
      count: perSession.get(session.id) ?? 0,
    }));
  const sessionCheckInsOf = (eventId: string) => sessions.filter((s) => s.eventId === eventId).reduce((n, s) => n + s.count, 0);

  // People at each event (a person checked in on two days is one participant of that event).
  const participants = new Map<string, Set<string>>();
  for (const row of attendances) {
    let set = participants.get(row.eventId);
    if (!set) participants.set(row.eventId, (set = new Set()));
    set.add(row.personId);
  }
  const personIds = [...new Set(attendances.map((a) => a.personId))];
  const [people, history] = await Promise.all([
    prisma.person.findMany({
      where: { id: { in: personIds } },
      select: { id: true, gender: true, community: true, municipalityId: true, organisation: { select: { type: true } } },
    }),
    // Every event each of these people ever attended, to tell first-timers from returning participants.
    prisma.attendance.findMany({
      where: { personId: { in: personIds } },
      select: { personId: true, eventId: true, event: { select: { startsAt: true } } },
    }),
  ]);

  const firstEvent = new Map<string, { eventId: string; startsAt: number }>();
  for (const row of history) {
    const current = firstEvent.get(row.personId);
    const startsAt = row.event.startsAt.getTime();
    if (!current || startsAt < current.startsAt || (startsAt === current.startsAt && row.eventId < current.eventId)) {
      firstEvent.set(row.personId, { eventId: row.eventId, startsAt });
    }
  }
  const reported = new Set(eventIds);
  const firstTimers = personIds.filter((id) => reported.has(firstEvent.get(id)?.eventId ?? "")).length;

  const table = (key: ReportTableKey, categories: Array<{ key: string; label: string }>, keyOf: (person: (typeof people)[number]) => string): ReportTable => {
    const counts = countMap(people.map(keyOf));
    const shown = protectCounts(categories.map((c) => counts.get(c.key) ?? 0), exactAccess);
    return { key, rows: categories.map((c, i) => ({ ...c, shown: shown[i] })) };
  };
  const UNKNOWN = { key: "UNKNOWN", label: t("invitations.reports.notRecorded") };
  const tables: ReportTable[] = [
    table("gender", [...GENDERS.map((g) => ({ key: g, label: t(`directory.gender.${g}`) })), UNKNOWN], (p) => p.gender ?? "UNKNOWN"),
    table("community", [...COMMUNITIES.map((c) => ({ key: c, label: t(`directory.community.${c}`) })), UNKNOWN], (p) => p.community ?? "UNKNOWN"),
    table(
      "municipality",
      [...municipalities.map((m) => ({ key: m.id, label: m.name })), UNKNOWN],
      (p) => p.municipalityId ?? "UNKNOWN",
    ),
    table(
      "organisationType",
      [...ORGANISATION_TYPES.map((o) => ({ key: o, label: t(`directory.organisationType.${o}`) })), UNKNOWN],
      (p) => p.organisation?.type ?? "UNKNOWN",
    ),
  ];
  const firstTimeShown = protectCounts([firstTimers, personIds.length - firstTimers], exactAccess);
  tables.push({
    key: "firstTime",
    rows: [
      { key: "FIRST_TIME", label: t("invitations.reports.firstTime"), shown: firstTimeShown[0] },
      { key: "RETURNING", label: t("invitations.reports.returning"), shown: firstTimeShown[1] },
    ],
  });

  const statusOf = (eventId: string | null, status: string) =>
    statusCounts.filter((r) => (eventId === null || r.eventId === eventId) && r.status === status).reduce((s, r) => s + r._count._all, 0);
  const invitedOf = (eventId: string) => invitedCounts.find((r) => r.eventId === eventId)?._count._all ?? 0;
  const rowsOf = countMap(attendances.map((a) => a.eventId));
  const responsesOf = countMap(responses.map((r) => r.eventId));

  const scores = [1, 2, 3, 4, 5];
  const scoreCounts = countMap(responses.map((r) => r.satisfaction));
  const distributionShown = protectCounts(scores.map((s) => scoreCounts.get(s) ?? 0), exactAccess);
  // With every score shown the mean adds nothing; with one hidden, the mean and the total together could reveal it.
  const averageHidden = responses.length > 0 && distributionShown.some((c) => c.kind !== "exact");
  const average = responses.length && !averageHidden ? Math.round((responses.reduce((s, r) => s + r.satisfaction, 0) / responses.length) * 10) / 10 : null;

  const dayCounts = countMap(attendances.map((a) => a.day));
  return {
    exact: exactAccess,
    events: events.map((event) => ({
      id: event.id,
      title: eventText(event.translations, locale).title,
      date: new Intl.DateTimeFormat(LOCALE_TAGS[locale], { dateStyle: "medium", timeZone: event.timeZone }).format(event.startsAt),
      place: municipalityName(event.municipality, locale),
      invited: invitedOf(event.id),
      accepted: statusOf(event.id, "ACCEPTED"),
      attended: participants.get(event.id)?.size ?? 0,
      personDays: rowsOf.get(event.id) ?? 0,
      sessionCheckIns: sessionCheckInsOf(event.id),
      responses: responsesOf.get(event.id) ?? 0,
    })),
    totals: {
      events: events.length,
      invited: invitedCounts.reduce((s, r) => s + r._count._all, 0),
      accepted: statusOf(null, "ACCEPTED"),
      declined: statusOf(null, "DECLINED"),
      waitlisted: statusOf(null, "WAITLISTED"),
      participations: [...participants.values()].reduce((s, set) => s + set.size, 0),
      people: personIds.length,
      personDays: attendances.length,
      sessionCheckIns: sessionRows.length,
    },
    days: options.perDay ? [...dayCounts.keys()].sort().map((day) => ({ day, label: formatDay(day, locale), count: dayCounts.get(day) ?? 0 })) : [],
    sessions,
    tables,
    feedback: {
      requested: requests.reduce((s, r) => s + r._count._all, 0),
      responses: responses.length,
      average,
      averageHidden,
      distribution: scores.map((score, i) => ({ key: String(score), label: t(`invitations.feedback.scale.${score}`), shown: distributionShown[i] })),
      learnt: options.texts ? responses.map((r) => r.learnt.trim()).filter(Boolean) : [],
      improve: options.texts ? responses.map((r) => r.improve.trim()).filter(Boolean) : [],
    },
  };
}

/** Who attended an event, with their days, as first listed (one row read per attendance, with its person). */
export async function referenceEventAttendees(eventId: string) {
  const rows = await prisma.attendance.findMany({
    where: { eventId },
    select: {
      day: true,
      person: {
        select: {
          id: true,
          name: true,
          erasedAt: true,
          gender: true,
          community: true,
          municipality: true,
          organisation: { select: { name: true, type: true } },
        },
      },
    },
    orderBy: [{ day: "asc" }],
  });
  const byPerson = new Map<string, { person: (typeof rows)[number]["person"]; days: string[] }>();
  for (const row of rows) {
    const entry = byPerson.get(row.person.id) ?? { person: row.person, days: [] };
    entry.days.push(row.day);
    byPerson.set(row.person.id, entry);
  }
  return [...byPerson.values()].sort((a, b) => a.person.name.localeCompare(b.person.name) || a.person.id.localeCompare(b.person.id));
}
