import ExcelJS from "exceljs";
import { DateTime } from "luxon";
import Papa from "papaparse";
import { databaseEngine } from "~/db-adapter.server";
import { prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import type { EventType, InvitationStatus } from "~/generated/prisma/enums";
import { recordAudit } from "~/models/audit.server";
import { eventVisibleTo } from "~/models/event.server";
import { municipalityChoices } from "~/models/places.server";
import { CSV_OPTIONS, safeCell } from "~/models/directory-export.server";
import type { SessionUser } from "~/utils/auth.server";
import { dateTimeFormat, DEFAULT_TIME_ZONE } from "~/utils/dates";
import { COMMUNITIES, GENDERS, ORGANISATION_TYPES } from "~/utils/directory";
import { EVENT_TYPES, eventText } from "~/utils/events";
import { LOCALE_TAGS, type Locale } from "~/utils/i18n";
import { translator } from "~/utils/i18n.server";
import { can } from "~/utils/permissions.server";

/**
 * Attendance reports for donors: per event and across events. Counts come
 * straight from the Attendance rows (one row = one person on one day), so a
 * report always adds up to the rows; beside them, check-ins per session of
 * the agenda (SessionAttendance rows: one person at one session). The database counts them (grouped
 * queries, a fixed number per report whatever the number of rows); nothing
 * here loads the rows themselves. Erased people still count: their row
 * keeps municipality, gender and community (docs/decisions/002).
 *
 * Who may see which numbers is decided by protectCounts below, once, for
 * every disaggregated table (docs/decisions/004-report-small-cells.md).
 */

type Viewer = Pick<SessionUser, "roles"> | null | undefined;

// --- Small cells ----------------------------------------------------------------

/** Counts below this, other than zero, are never shown to readers without exact access. */
export const SMALL_CELL = 5;

/** A count as a reader may see it: the number, "<5" (1 to 4), or hidden so that a "<5" cannot be worked out. */
export type ShownCount = { kind: "exact"; count: number } | { kind: "small" } | { kind: "hidden" };

/** Trainers and admins see every count; members and editors see protected aggregates. */
export function seesExactCounts(viewer: Viewer): boolean {
  return can(viewer, "reports:exact");
}

const exact = (count: number): ShownCount => ({ kind: "exact", count });

/**
 * Could a reader who knows the table's total (it is the report's headline)
 * and how this function works pin down a suppressed cell to one value? A
 * "<5" cell is known to hold 1 to 4 people, a hidden one at least 5 (only
 * non-zero cells are hidden), and together they hold the total minus the
 * shown cells. Each cell's possible values form an interval; one value left
 * means it is disclosed.
 */
function disclosed(counts: readonly number[], shown: readonly ShownCount[]): boolean {
  const total = counts.reduce((a, b) => a + b, 0);
  const suppressed = shown.flatMap((cell, index) => (cell.kind === "exact" ? [] : [index]));
  if (suppressed.length === 0) return false;
  const rest = total - shown.reduce((sum, cell) => sum + (cell.kind === "exact" ? cell.count : 0), 0);
  const low = (i: number) => (shown[i].kind === "small" ? 1 : SMALL_CELL);
  const high = (i: number) => (shown[i].kind === "small" ? SMALL_CELL - 1 : total);
  const sumLow = suppressed.reduce((s, i) => s + low(i), 0);
  const sumHigh = suppressed.reduce((s, i) => s + high(i), 0);
  return suppressed.some((i) => {
    const atLeast = Math.max(low(i), rest - (sumHigh - high(i)));
    const atMost = Math.min(high(i), rest - (sumLow - low(i)));
    return atLeast >= atMost;
  });
}

/**
 * The one rule for small cells in a one-dimension table (gender, community,
 * municipality, organisation type, first-time/returning, a feedback score):
 * - readers with exact access see every count;
 * - otherwise a count of 1 to 4 shows as "<5";
 * - a table whose total is 1 to 4 shows "<5" in every cell, zeros included
 *   (a zero would tell that everyone is in the other cells);
 * - when the "<5" cells could be worked out from the total, the smallest
 *   other non-zero cells are hidden too, one at a time, until none can;
 *   if that is not enough, every cell is hidden.
 */
export function protectCounts(counts: readonly number[], exactAccess: boolean): ShownCount[] {
  if (exactAccess) return counts.map(exact);
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return counts.map(exact);
  if (total < SMALL_CELL) return counts.map(() => ({ kind: "small" }));
  const shown: ShownCount[] = counts.map((count) => (count > 0 && count < SMALL_CELL ? { kind: "small" } : exact(count)));
  while (disclosed(counts, shown)) {
    let candidate = -1;
    shown.forEach((cell, index) => {
      if (cell.kind === "exact" && cell.count > 0 && (candidate < 0 || cell.count < counts[candidate])) candidate = index;
    });
    if (candidate < 0) return counts.map(() => ({ kind: "hidden" }));
    shown[candidate] = { kind: "hidden" };
  }
  return shown;
}

// --- Filters ----------------------------------------------------------------------

export type ReportFilters = {
  /** First day (Europe/Belgrade), YYYY-MM-DD, inclusive. */
  from?: string;
  /** Last day, inclusive. */
  to?: string;
  clusterId?: string;
  municipalityId?: string;
  type?: EventType;
  themeId?: string;
};

function validDay(value: string | null | undefined): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  return DateTime.fromISO(value, { zone: DEFAULT_TIME_ZONE }).isValid ? value : undefined;
}

/** Reads the report's filters from its address; anything malformed is ignored rather than refused. */
export function reportFiltersFrom(params: URLSearchParams): ReportFilters {
  const id = (name: string) => {
    const value = params.get(name)?.trim();
    return value && value.length <= 100 ? value : undefined;
  };
  const type = params.get("type");
  return {
    from: validDay(params.get("from")),
    to: validDay(params.get("to")),
    clusterId: id("cluster"),
    municipalityId: id("municipality"),
    type: (EVENT_TYPES as readonly string[]).includes(type ?? "") ? (type as EventType) : undefined,
    themeId: id("theme"),
  };
}

/** The filters as address parameters, for export links. */
export function reportFiltersSearch(filters: ReportFilters): string {
  const entries: Array<[string, string | undefined]> = [
    ["from", filters.from],
    ["to", filters.to],
    ["cluster", filters.clusterId],
    ["municipality", filters.municipalityId],
    ["type", filters.type],
    ["theme", filters.themeId],
  ];
  return new URLSearchParams(entries.filter((e): e is [string, string] => !!e[1])).toString();
}

/** Events a report covers: held or planned (not drafts, not cancelled), started within the period. */
export function reportEventWhere(filters: ReportFilters): Prisma.EventWhereInput {
  const where: Prisma.EventWhereInput = { status: { in: ["PUBLISHED", "COMPLETED"] } };
  if (filters.clusterId) where.clusterId = filters.clusterId;
  if (filters.municipalityId) where.municipalityId = filters.municipalityId;
  if (filters.type) where.type = filters.type;
  if (filters.themeId) where.themes = { some: { themeId: filters.themeId } };
  const startsAt: { gte?: Date; lt?: Date } = {};
  if (filters.from) startsAt.gte = DateTime.fromISO(filters.from, { zone: DEFAULT_TIME_ZONE }).startOf("day").toJSDate();
  if (filters.to) startsAt.lt = DateTime.fromISO(filters.to, { zone: DEFAULT_TIME_ZONE }).plus({ days: 1 }).startOf("day").toJSDate();
  if (startsAt.gte || startsAt.lt) where.startsAt = startsAt;
  return where;
}

// --- The report ----------------------------------------------------------------------

export type ReportRow = { key: string; label: string; shown: ShownCount };
export type ReportTableKey = "gender" | "community" | "municipality" | "organisationType" | "firstTime";
export type ReportTable = { key: ReportTableKey; rows: ReportRow[] };

export type ReportEventLine = {
  id: string;
  title: string;
  date: string;
  place: string;
  invited: number;
  accepted: number;
  attended: number;
  personDays: number;
  /** Check-ins to the event's sessions (a person at two sessions counts twice). */
  sessionCheckIns: number;
  responses: number;
};

/** A session of a reported event's agenda and how many were checked in to it. */
export type ReportSession = { id: string; eventId: string; title: string; label: string; count: number };

export type Report = {
  exact: boolean;
  events: ReportEventLine[];
  totals: {
    events: number;
    /** Invitations sent or answered (phone answers have no email), withdrawn ones left out. */
    invited: number;
    accepted: number;
    declined: number;
    waitlisted: number;
    /** Person-event pairs: someone at two events counts twice. */
    participations: number;
    /** Different people. */
    people: number;
    /** Attendance rows: a person at a three-day event counts three times. */
    personDays: number;
    /** Session check-ins: a person at two sessions counts twice. */
    sessionCheckIns: number;
  };
  /** Attendance per day (a one-event report; empty across events). */
  days: Array<{ day: string; label: string; count: number }>;
  /** Every session of the reported events, in time order, with its check-ins (zeros too). */
  sessions: ReportSession[];
  tables: ReportTable[];
  feedback: {
    requested: number;
    responses: number;
    /** Mean satisfaction (1–5), null when there is nothing to show or it would reveal a hidden cell. */
    average: number | null;
    averageHidden: boolean;
    distribution: ReportRow[];
    learnt: string[];
    improve: string[];
  };
};

export const REPORT_EVENT_SELECT = {
  id: true,
  startsAt: true,
  timeZone: true,
  translations: true,
  municipality: true,
  sessions: { select: { id: true, title: true, startsAt: true } },
} satisfies Prisma.EventSelect;

/**
 * The events a report lists, in programme order, with their titles: two
 * statements however many there are. (Prisma would read included relations
 * by lists of the events' ids, split into several statements past its limit
 * on parameters; the places come from the report's list of municipalities.)
 */
async function reportEvents(where: Prisma.EventWhereInput): Promise<ReportEvent[]> {
  const [events, translations, sessions] = await Promise.all([
    prisma.event.findMany({ where, select: { id: true, startsAt: true, timeZone: true, municipalityId: true }, orderBy: [{ startsAt: "asc" }, { id: "asc" }] }),
    prisma.eventTranslation.findMany({ where: { event: where }, select: { eventId: true, locale: true, title: true, description: true } }),
    prisma.eventSession.findMany({ where: { event: where }, select: { eventId: true, id: true, title: true, startsAt: true }, orderBy: [{ startsAt: "asc" }, { id: "asc" }] }),
  ]);
  const textsOf = new Map<string, typeof translations>();
  for (const text of translations) textsOf.set(text.eventId, [...(textsOf.get(text.eventId) ?? []), text]);
  const sessionsOf = new Map<string, typeof sessions>();
  for (const session of sessions) sessionsOf.set(session.eventId, [...(sessionsOf.get(session.eventId) ?? []), session]);
  return events.map((event) => ({ ...event, translations: textsOf.get(event.id) ?? [], sessions: sessionsOf.get(event.id) ?? [] }));
}

/** The report across the events that match the filters. */
export async function programmeReport(viewer: Viewer, filters: ReportFilters, locale: Locale): Promise<Report> {
  const where = reportEventWhere(filters);
  // The counts select the events by the same filter, not by a list of their ids, for the same reason.
  return buildReport(viewer, await reportEvents(where), { event: where }, locale, { perDay: false, texts: false });
}

/** One event's report (drafts and cancelled events too: whatever was recorded is reported). */
export async function eventReport(viewer: Viewer, eventId: string, locale: Locale): Promise<Report | null> {
  const [event] = await reportEvents({ id: eventId });
  if (!event) return null;
  return buildReport(viewer, [event], { eventId: event.id }, locale, { perDay: true, texts: true });
}

/** Whether the viewer may have a report of this event: it exists, and is not a draft they may not see. */
export async function eventReportable(viewer: Pick<SessionUser, "roles">, eventId: string): Promise<boolean> {
  const event = await prisma.event.findUnique({ where: { id: eventId }, select: { status: true } });
  return !!event && eventVisibleTo(event, can(viewer, "events:manage"));
}

type ReportEvent = {
  id: string;
  startsAt: Date;
  timeZone: string;
  municipalityId: string;
  translations: Array<{ locale: string; title: string; description: string }>;
  sessions: Array<{ id: string; title: string; startsAt: Date }>;
};

function formatDay(day: string, locale: Locale): string {
  return dateTimeFormat(LOCALE_TAGS[locale], { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day}T12:00:00Z`));
}

/** A session's place in a report: its start ("10 Mar 2027, 09:00") in the event's time zone. */
export function sessionLabel(startsAt: Date, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], { dateStyle: "medium", timeStyle: "short", hourCycle: "h23", timeZone }).format(startsAt);
}

/** One row of the attendance figures: what it counts, which group, how many people and how many attendance rows. */
type AttendanceFigure = { kind: string; key: string | null; people: number | bigint; rows: number | bigint };

/**
 * Every attendance figure of a report in one statement, counted by the
 * database (portable SQL for SQLite and PostgreSQL):
 * - `event`: per event, the people who attended (`people`) and the attendance rows (`rows`);
 * - `gender`, `community`, `municipality`, `organisationType`: different people per group;
 * - `firstTime`: the people whose first attended event in the whole programme
 *   (by start time, then id) is one of these events;
 * - `day` (when asked): attendance rows per day;
 * - `session`: check-ins per session (`rows`).
 * Different people overall are the sum of any one table; person-days the sum of the events' rows.
 */
async function attendanceFigures(eventIds: string[], perDay: boolean): Promise<AttendanceFigure[]> {
  if (eventIds.length === 0) return [];
  // The ids as one parameter, a JSON array read back as rows: as many parameters as events would
  // pass the databases' limit in a programme of a thousand events.
  const list = JSON.stringify(eventIds);
  const ids =
    databaseEngine() === "postgresql" ? Prisma.sql`SELECT jsonb_array_elements_text(${list}::jsonb)` : Prisma.sql`SELECT "value" FROM json_each(${list})`;
  // Ties in start time go to the smaller id, compared as JavaScript compares strings (byte order, not the server's collation).
  const eventIdOrder = databaseEngine() === "postgresql" ? Prisma.sql`"id" COLLATE "C"` : Prisma.sql`"id"`;
  const days = perDay
    ? Prisma.sql`UNION ALL SELECT 'day', "day", 0, COUNT(*) FROM "Attendance" WHERE "eventId" IN (${ids}) GROUP BY "day"`
    : Prisma.empty;
  return prisma.$queryRaw<AttendanceFigure[]>`
    WITH "pairs" AS (
      SELECT "eventId", "personId", COUNT(*) AS "rows" FROM "Attendance" WHERE "eventId" IN (${ids}) GROUP BY "eventId", "personId"
    ),
    "people" AS (SELECT DISTINCT "personId" FROM "pairs"),
    "attendees" AS (
      SELECT CAST(p."gender" AS TEXT) AS "gender", CAST(p."community" AS TEXT) AS "community", p."municipalityId", CAST(o."type" AS TEXT) AS "organisationType"
      FROM "people" x JOIN "Person" p ON p."id" = x."personId" LEFT JOIN "Organisation" o ON o."id" = p."organisationId"
    ),
    -- Every event in programme order (start time, then id), numbered: a person's first event is the smallest number among theirs.
    "ordered" AS (SELECT "id", ROW_NUMBER() OVER (ORDER BY "startsAt", ${eventIdOrder}) AS "position" FROM "Event"),
    "firsts" AS (
      SELECT a."personId", MIN(o."position") AS "first"
      FROM "Attendance" a JOIN "ordered" o ON o."id" = a."eventId"
      WHERE a."personId" IN (SELECT "personId" FROM "people")
      GROUP BY a."personId"
    )
    SELECT 'event' AS "kind", "eventId" AS "key", COUNT(*) AS "people", CAST(SUM("rows") AS BIGINT) AS "rows" FROM "pairs" GROUP BY "eventId"
    UNION ALL SELECT 'gender', "gender", COUNT(*), 0 FROM "attendees" GROUP BY "gender"
    UNION ALL SELECT 'community', "community", COUNT(*), 0 FROM "attendees" GROUP BY "community"
    UNION ALL SELECT 'municipality', "municipalityId", COUNT(*), 0 FROM "attendees" GROUP BY "municipalityId"
    UNION ALL SELECT 'organisationType', "organisationType", COUNT(*), 0 FROM "attendees" GROUP BY "organisationType"
    UNION ALL SELECT 'firstTime', NULL, COUNT(*), 0 FROM "firsts" f JOIN "ordered" o ON o."position" = f."first" WHERE o."id" IN (${ids})
    UNION ALL SELECT 'session', "sessionId", 0, COUNT(*) FROM "SessionAttendance" WHERE "eventId" IN (${ids}) GROUP BY "sessionId"
    ${days}`;
}

/** Which events' invitations, attendance and feedback a report counts: one event by id, or those of a filter. */
type CountedEvents = { eventId: string } | { event: Prisma.EventWhereInput };

async function buildReport(viewer: Viewer, events: ReportEvent[], inEvents: CountedEvents, locale: Locale, options: { perDay: boolean; texts: boolean }): Promise<Report> {
  const t = translator(locale);
  const exactAccess = seesExactCounts(viewer);
  const eventIds = events.map((e) => e.id);

  const [statusCounts, pendingSent, figures, requests, scoreCounts, texts, municipalities] = await Promise.all([
    prisma.invitation.groupBy({ by: ["eventId", "status"], where: inEvents, _count: { _all: true } }),
    // Invited: the invitation went out, or an answer was recorded (by phone, for people without email); withdrawn ones do not count.
    // Every answered one counts, so only the unanswered ones need their sending looked at.
    prisma.invitation.groupBy({ by: ["eventId"], where: { ...inEvents, status: "PENDING", sentAt: { not: null } }, _count: { _all: true } }),
    attendanceFigures(eventIds, options.perDay),
    prisma.feedbackRequest.groupBy({ by: ["eventId"], where: inEvents, _count: { _all: true } }),
    prisma.feedbackResponse.groupBy({ by: ["eventId", "satisfaction"], where: inEvents, _count: { _all: true } }),
    options.texts
      ? prisma.feedbackResponse.findMany({
          where: { ...inEvents, OR: [{ learnt: { not: "" } }, { improve: { not: "" } }] },
          select: { learnt: true, improve: true },
          // Random ids: the order says nothing about who answered when.
          orderBy: { id: "asc" },
        })
      : Promise.resolve([]),
    municipalityChoices(locale),
  ]);

  const counted = (kind: string) => {
    const map = new Map<string, { people: number; rows: number }>();
    for (const row of figures) if (row.kind === kind) map.set(row.key ?? "UNKNOWN", { people: Number(row.people), rows: Number(row.rows) });
    return map;
  };
  const perEvent = counted("event");
  const sum = (map: Map<string, { people: number; rows: number }>, field: "people" | "rows") => [...map.values()].reduce((s, v) => s + v[field], 0);
  const people = sum(counted("gender"), "people");
  const firstTimers = Number(figures.find((row) => row.kind === "firstTime")?.people ?? 0);

  const table = (key: ReportTableKey, categories: Array<{ key: string; label: string }>): ReportTable => {
    const counts = counted(key);
    const shown = protectCounts(
      categories.map((c) => counts.get(c.key)?.people ?? 0),
      exactAccess,
    );
    return { key, rows: categories.map((c, i) => ({ ...c, shown: shown[i] })) };
  };
  const UNKNOWN = { key: "UNKNOWN", label: t("invitations.reports.notRecorded") };
  const tables: ReportTable[] = [
    table("gender", [...GENDERS.map((g) => ({ key: g, label: t(`directory.gender.${g}`) })), UNKNOWN]),
    table("community", [...COMMUNITIES.map((c) => ({ key: c, label: t(`directory.community.${c}`) })), UNKNOWN]),
    table("municipality", [...municipalities.map((m) => ({ key: m.id, label: m.name })), UNKNOWN]),
    table("organisationType", [...ORGANISATION_TYPES.map((o) => ({ key: o, label: t(`directory.organisationType.${o}`) })), UNKNOWN]),
  ];
  const firstTimeShown = protectCounts([firstTimers, people - firstTimers], exactAccess);
  tables.push({
    key: "firstTime",
    rows: [
      { key: "FIRST_TIME", label: t("invitations.reports.firstTime"), shown: firstTimeShown[0] },
      { key: "RETURNING", label: t("invitations.reports.returning"), shown: firstTimeShown[1] },
    ],
  });

  const statusOf = (eventId: string | null, status: string) =>
    statusCounts.filter((r) => (eventId === null || r.eventId === eventId) && r.status === status).reduce((s, r) => s + r._count._all, 0);
  const ANSWERED: InvitationStatus[] = ["ACCEPTED", "DECLINED", "WAITLISTED"];
  const invitedOf = (eventId: string | null) =>
    ANSWERED.reduce((s, status) => s + statusOf(eventId, status), 0) +
    pendingSent.filter((r) => eventId === null || r.eventId === eventId).reduce((s, r) => s + r._count._all, 0);
  const responsesOf = new Map<string, number>();
  for (const r of scoreCounts) responsesOf.set(r.eventId, (responsesOf.get(r.eventId) ?? 0) + r._count._all);
  const responses = scoreCounts.reduce((s, r) => s + r._count._all, 0);

  const scores = [1, 2, 3, 4, 5];
  const scoreCount = (score: number) => scoreCounts.filter((r) => r.satisfaction === score).reduce((s, r) => s + r._count._all, 0);
  const distributionShown = protectCounts(scores.map(scoreCount), exactAccess);
  // With every score shown the mean adds nothing; with one hidden, the mean and the total together could reveal it.
  const averageHidden = responses > 0 && distributionShown.some((c) => c.kind !== "exact");
  const satisfactionSum = scoreCounts.reduce((s, r) => s + r.satisfaction * r._count._all, 0);
  const average = responses && !averageHidden ? Math.round((satisfactionSum / responses) * 10) / 10 : null;

  const dayCounts = counted("day");
  const sessionCounts = counted("session");
  const sessions = events
    .flatMap((event) =>
      event.sessions.map((s) => ({
        id: s.id,
        eventId: event.id,
        title: s.title,
        label: sessionLabel(s.startsAt, event.timeZone, locale),
        count: sessionCounts.get(s.id)?.rows ?? 0,
        startsAt: s.startsAt.getTime(),
      })),
    )
    .sort((a, b) => a.startsAt - b.startsAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(({ startsAt: _startsAt, ...session }) => session);
  const sessionCheckInsOf = (eventId: string | null) => sessions.filter((s) => eventId === null || s.eventId === eventId).reduce((n, s) => n + s.count, 0);
  const placeNames = new Map(municipalities.map((m) => [m.id, m.name]));
  return {
    exact: exactAccess,
    events: events.map((event) => ({
      id: event.id,
      title: eventText(event.translations, locale).title,
      date: dateTimeFormat(LOCALE_TAGS[locale], { dateStyle: "medium", timeZone: event.timeZone }).format(event.startsAt),
      place: placeNames.get(event.municipalityId) ?? "",
      invited: invitedOf(event.id),
      accepted: statusOf(event.id, "ACCEPTED"),
      attended: perEvent.get(event.id)?.people ?? 0,
      personDays: perEvent.get(event.id)?.rows ?? 0,
      sessionCheckIns: sessionCheckInsOf(event.id),
      responses: responsesOf.get(event.id) ?? 0,
    })),
    totals: {
      events: events.length,
      invited: invitedOf(null),
      accepted: statusOf(null, "ACCEPTED"),
      declined: statusOf(null, "DECLINED"),
      waitlisted: statusOf(null, "WAITLISTED"),
      participations: sum(perEvent, "people"),
      people,
      personDays: sum(perEvent, "rows"),
      sessionCheckIns: sessionCheckInsOf(null),
    },
    days: [...dayCounts.keys()].sort().map((day) => ({ day, label: formatDay(day, locale), count: dayCounts.get(day)?.rows ?? 0 })),
    sessions,
    tables,
    feedback: {
      requested: requests.reduce((s, r) => s + r._count._all, 0),
      responses,
      average,
      averageHidden,
      distribution: scores.map((score, i) => ({ key: String(score), label: t(`invitations.feedback.scale.${score}`), shown: distributionShown[i] })),
      learnt: texts.map((r) => r.learnt.trim()).filter(Boolean),
      improve: texts.map((r) => r.improve.trim()).filter(Boolean),
    },
  };
}

// --- Who attended (staff only: names) -------------------------------------------------

/** The people who attended an event, with the days they were there: for the staff's report and the attendance list. */
export async function eventAttendees(eventId: string) {
  // The days and the people apart: each person is read once, not once for every day they came.
  const [rows, people] = await Promise.all([
    // Plain rows: a thousand people at a four-day workshop are 4,000 of them, read in a third of findMany's time.
    prisma.$queryRaw<Array<{ personId: string; day: string }>>`SELECT "personId", "day" FROM "Attendance" WHERE "eventId" = ${eventId} ORDER BY "day"`,
    prisma.person.findMany({ where: { attendances: { some: { eventId } } }, select: ATTENDEE_SELECT }),
  ]);
  const days = daysByPerson(rows);
  return people.map((person) => ({ person, days: days.get(person.id) ?? [] })).sort((a, b) => byName(a.person, b.person));
}

const ATTENDEE_SELECT = {
  id: true,
  name: true,
  erasedAt: true,
  gender: true,
  community: true,
  municipality: true,
  organisation: { select: { name: true, type: true } },
} satisfies Prisma.PersonSelect;

/** The list's order: by name, then id (the same name twice keeps one order). */
function byName(a: { id: string; name: string }, b: { id: string; name: string }): number {
  return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

function daysByPerson(rows: Array<{ personId: string; day: string }>): Map<string, string[]> {
  const days = new Map<string, string[]>();
  for (const row of rows) {
    const list = days.get(row.personId);
    if (list) list.push(row.day);
    else days.set(row.personId, [row.day]);
  }
  return days;
}

/** How many people one page of an event's report lists by name. */
export const ATTENDEES_PER_PAGE = 100;

/**
 * One page of an event's list of who came, in the list's order (a page
 * beyond the last is the last): a thousand people at a conference reach the
 * report's reader a hundred at a time, not all in the page's HTML and again
 * in its data. The attendance PDF lists them all.
 */
export async function eventAttendeesPage(eventId: string, page: number, perPage = ATTENDEES_PER_PAGE) {
  // Every attendee's name, for the order; the details and days of the page's people only.
  const everyone = (await prisma.person.findMany({ where: { attendances: { some: { eventId } } }, select: { id: true, name: true } })).sort(byName);
  const pages = Math.max(1, Math.ceil(everyone.length / perPage));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const ids = everyone.slice((current - 1) * perPage, current * perPage).map((person) => person.id);
  const [rows, people] = await Promise.all([
    prisma.attendance.findMany({ where: { eventId, personId: { in: ids } }, select: { personId: true, day: true }, orderBy: { day: "asc" } }),
    prisma.person.findMany({ where: { id: { in: ids } }, select: ATTENDEE_SELECT }),
  ]);
  const days = daysByPerson(rows);
  const byId = new Map(people.map((person) => [person.id, person]));
  const attendees = ids.flatMap((id) => {
    const person = byId.get(id);
    return person ? [{ person, days: days.get(id) ?? [] }] : [];
  });
  return { attendees, page: current, pages, total: everyone.length };
}

export { formatDay };

// --- Export ---------------------------------------------------------------------------

export type ReportScope = { eventId: string } | { filters: ReportFilters };

/**
 * The report as CSV or XLSX, with exactly what the reader's page shows (the
 * same protected counts) and the free texts of a one-event report. Written to
 * the audit log with who, which format, which scope and whether counts were exact.
 */
export async function exportReport(actor: Pick<SessionUser, "id" | "roles">, scope: ReportScope, format: "csv" | "xlsx", locale: Locale, now = new Date()) {
  const report = "eventId" in scope ? await eventReport(actor, scope.eventId, locale) : await programmeReport(actor, scope.filters, locale);
  if (!report) return null;
  const t = translator(locale);
  const value = (shown: ShownCount): string | number =>
    shown.kind === "exact" ? shown.count : shown.kind === "small" ? t("invitations.reports.small") : t("invitations.reports.hidden");
  const rows: Array<[string, string, string | number]> = [];
  const totals = t("invitations.reports.summary");
  for (const key of ["events", "invited", "accepted", "declined", "waitlisted", "participations", "people", "personDays", "sessionCheckIns"] as const) {
    rows.push([totals, t(`invitations.reports.totals.${key}`), report.totals[key]]);
  }
  for (const day of report.days) rows.push([t("invitations.reports.days"), day.day, day.count]);
  // Across events a session is named with its event's title.
  const eventTitles = new Map(report.events.map((e) => [e.id, e.title]));
  for (const session of report.sessions) {
    const name = [report.events.length > 1 ? eventTitles.get(session.eventId) : null, session.title, session.label].filter(Boolean).join(" · ");
    rows.push([t("invitations.reports.sessions"), name, session.count]);
  }
  for (const table of report.tables) {
    for (const row of table.rows) rows.push([t(`invitations.reports.tables.${table.key}`), row.label, value(row.shown)]);
  }
  const feedback = t("invitations.feedback.title");
  rows.push([feedback, t("invitations.feedback.requested"), report.feedback.requested]);
  rows.push([feedback, t("invitations.feedback.responses"), report.feedback.responses]);
  rows.push([feedback, t("invitations.feedback.average"), report.feedback.averageHidden ? t("invitations.reports.hidden") : (report.feedback.average ?? "")]);
  for (const row of report.feedback.distribution) rows.push([t("invitations.feedback.distribution"), row.label, value(row.shown)]);
  for (const text of report.feedback.learnt) rows.push([t("invitations.feedback.learnt"), "", text]);
  for (const text of report.feedback.improve) rows.push([t("invitations.feedback.improve"), "", text]);

  const eventHeader = [
    t("invitations.reports.event"),
    t("invitations.reports.date"),
    t("invitations.reports.place"),
    t("invitations.reports.totals.invited"),
    t("invitations.reports.totals.accepted"),
    t("invitations.reports.totals.participations"),
    t("invitations.reports.totals.personDays"),
    t("invitations.reports.totals.sessionCheckIns"),
    t("invitations.feedback.responses"),
  ];
  const eventRows = report.events.map((e) => [e.title, e.date, e.place, e.invited, e.accepted, e.attended, e.personDays, e.sessionCheckIns, e.responses]);
  const cell = (v: string | number) => (typeof v === "string" ? safeCell(v) : v);

  const details = "eventId" in scope ? { format, eventId: scope.eventId, exactCounts: report.exact } : { format, filters: scope.filters, exactCounts: report.exact };
  await recordAudit(prisma, {
    actorId: actor.id,
    action: "report.exported",
    subjectType: "eventId" in scope ? "Event" : "Report",
    subjectId: "eventId" in scope ? scope.eventId : null,
    details,
  });

  const stamp = now.toISOString().slice(0, 10);
  const name = "eventId" in scope ? `attendance-report-${stamp}` : `programme-report-${stamp}`;
  if (format === "csv") {
    // One long table (what, which row, value) that any tool can read; the events follow under their own header.
    const header = [t("invitations.reports.table"), t("invitations.reports.row"), t("invitations.reports.value")];
    const body =
      "\uFEFF" +
      Papa.unparse({ fields: header, data: rows.map((r) => r.map(cell)) }, CSV_OPTIONS) +
      "\r\n\r\n" +
      Papa.unparse({ fields: eventHeader, data: eventRows.map((r) => r.map(cell)) }, CSV_OPTIONS);
    return { body: Buffer.from(body, "utf-8"), contentType: "text/csv; charset=utf-8", fileName: `${name}.csv` };
  }
  const workbook = new ExcelJS.Workbook();
  const summary = workbook.addWorksheet(t("invitations.reports.summary"));
  summary.addRow([t("invitations.reports.table"), t("invitations.reports.row"), t("invitations.reports.value")]).font = { bold: true };
  for (const row of rows) summary.addRow(row.map(cell));
  summary.columns.forEach((column, index) => (column.width = index === 2 ? 40 : 32));
  const sheet = workbook.addWorksheet(t("invitations.reports.eventsTitle"));
  sheet.addRow(eventHeader).font = { bold: true };
  for (const row of eventRows) sheet.addRow(row.map(cell));
  sheet.columns.forEach((column) => (column.width = 18));
  return {
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    fileName: `${name}.xlsx`,
  };
}
