import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { EventStatus, EventType, InvitationStatus } from "~/generated/prisma/enums";
import { recordAudit } from "~/models/audit.server";
import { composeEmail } from "~/models/email.server";
import { buildCalendar, EVENT_FOR_CALENDAR, eventLocation, type CalendarMethod } from "~/models/event-calendar.server";
import { lockEventSeats, promoteFromWaitlist } from "~/models/invitation.server";
import { queueEmail } from "~/models/outbox.server";
import { clusterChoices, themeChoices } from "~/models/places.server";
import { dateTimeFormat, DEFAULT_TIME_ZONE } from "~/utils/dates";
import { EVENT_LANGUAGES, EVENT_STATUSES, EVENT_TYPES, eventText, type EventLanguage } from "~/utils/events";
import { messageWith } from "~/utils/forms";
import { isLocale, LOCALE_TAGS, type Locale } from "~/utils/i18n";
import { notFoundRefusal, refuse, type Refusal } from "~/utils/refusal";

type Tx = Prisma.TransactionClient;

export { EVENT_STATUSES, EVENT_TYPES };

/** Invitees who still expect the event and must hear about changes (once they were sent the invitation). */
const STILL_INVITED: InvitationStatus[] = ["PENDING", "ACCEPTED", "WAITLISTED"];


// --- Wall-clock times ------------------------------------------------------

export type LocalTime = { date: string; time: string };

/**
 * A date and time as people enter them (the event's zone, Europe/Belgrade)
 * to UTC. A time inside the spring-forward gap (29 March 2026, 02:00–02:59)
 * does not exist: luxon would silently shift it, so it is refused instead.
 */
export function localToUtc(local: LocalTime, zone = DEFAULT_TIME_ZONE): { ok: true; date: Date } | { ok: false; error: "date" | "time" | "skipped" } {
  const dateMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(local.date.trim());
  if (!dateMatch) return { ok: false, error: "date" };
  // Some browsers send seconds with a time input's value.
  const timeMatch = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(local.time.trim());
  if (!timeMatch) return { ok: false, error: "time" };
  const [year, month, day] = dateMatch.slice(1).map(Number);
  const [hour, minute] = timeMatch.slice(1).map(Number);
  if (hour > 23 || minute > 59) return { ok: false, error: "time" };
  const value = DateTime.fromObject({ year, month, day, hour, minute }, { zone });
  if (!value.isValid || value.day !== day || value.month !== month) return { ok: false, error: "date" };
  if (value.hour !== hour || value.minute !== minute) return { ok: false, error: "skipped" };
  return { ok: true, date: value.toUTC().toJSDate() };
}

/** A stored UTC instant as the date and time fields of a form. */
export function utcToLocal(date: Date, zone = DEFAULT_TIME_ZONE): LocalTime {
  const parts = dateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return { date: `${part("year")}-${part("month")}-${part("day")}`, time: `${part("hour")}:${part("minute")}` };
}

/** "Saturday, 28 March 2026, 10:00 – 14:00" in the reader's language (the end's date only when it differs). */
export function formatEventTimes(startsAt: Date, endsAt: Date, locale: Locale, zone = DEFAULT_TIME_ZONE): string {
  const tag = LOCALE_TAGS[locale];
  const full = dateTimeFormat(tag, { dateStyle: "full", timeStyle: "short", hourCycle: "h23", timeZone: zone });
  const timeOnly = dateTimeFormat(tag, { timeStyle: "short", hourCycle: "h23", timeZone: zone });
  const day = dateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
  const sameDay = day.format(startsAt) === day.format(endsAt);
  return `${full.format(startsAt)} – ${sameDay ? timeOnly.format(endsAt) : full.format(endsAt)}`;
}

const TIME_ERRORS = { date: "events.errors.dateInvalid", time: "events.errors.timeInvalid", skipped: "events.errors.timeSkipped" };

function parseTimes(start: LocalTime, end: LocalTime): { ok: true; startsAt: Date; endsAt: Date } | Refusal {
  const s = localToUtc(start);
  if (!s.ok) return refuse(s.error === "date" ? "startDate" : "startTime", TIME_ERRORS[s.error]);
  const e = localToUtc(end);
  if (!e.ok) return refuse(e.error === "date" ? "endDate" : "endTime", TIME_ERRORS[e.error]);
  if (e.date <= s.date) return refuse("endTime", "events.errors.endBeforeStart");
  return { ok: true, startsAt: s.date, endsAt: e.date };
}

// --- Creating and changing events ------------------------------------------

export type EventInput = {
  type: EventType;
  municipalityId: string;
  venueName: string;
  venueAddress: string;
  start: LocalTime;
  end: LocalTime;
  capacity: number;
  isPublic: boolean;
  translations: Partial<Record<EventLanguage, { title: string; description: string }>>;
  themeIds: string[];
  organiserIds: string[];
  facilitatorIds: string[];
};

type CheckedInput = {
  data: {
    type: EventType;
    clusterId: string;
    municipalityId: string;
    venueName: string;
    venueAddress: string;
    startsAt: Date;
    endsAt: Date;
    capacity: number;
    isPublic: boolean;
  };
  translations: Array<{ locale: EventLanguage; title: string; description: string }>;
  themeIds: string[];
  organiserIds: string[];
  facilitatorIds: string[];
};

async function checkInput(tx: Tx, input: EventInput): Promise<{ ok: true; value: CheckedInput } | Refusal> {
  const translations = EVENT_LANGUAGES.flatMap((locale) => {
    const text = input.translations[locale];
    const title = text?.title.trim() ?? "";
    return title ? [{ locale, title, description: text?.description.trim() ?? "" }] : [];
  });
  if (translations.length === 0) return refuse("titleEn", "events.errors.titleRequired");
  if (!(EVENT_TYPES as readonly string[]).includes(input.type)) return refuse("type", "events.errors.unknownChoice");
  const times = parseTimes(input.start, input.end);
  if (!times.ok) return times;
  if (!Number.isInteger(input.capacity) || input.capacity < 1) return refuse("capacity", "events.errors.capacityMin");
  const municipality = await tx.municipality.findUnique({ where: { id: input.municipalityId } });
  if (!municipality) return refuse("municipalityId", "events.errors.municipalityUnknown");
  const unique = (ids: string[]) => [...new Set(ids.filter(Boolean))];
  const themeIds = unique(input.themeIds);
  const organiserIds = unique(input.organiserIds);
  const facilitatorIds = unique(input.facilitatorIds);
  if ((await tx.theme.count({ where: { id: { in: themeIds } } })) !== themeIds.length) return refuse("themeIds", "events.errors.unknownChoice");
  const organisers = await tx.user.count({ where: { id: { in: organiserIds }, roles: { some: { role: { in: ["TRAINER", "ADMIN"] } } } } });
  if (organisers !== organiserIds.length) return refuse("organiserIds", "events.errors.unknownChoice");
  const facilitators = await tx.person.count({ where: { id: { in: facilitatorIds }, erasedAt: null } });
  if (facilitators !== facilitatorIds.length) return refuse("facilitatorIds", "events.errors.unknownChoice");
  return {
    ok: true,
    value: {
      data: {
        type: input.type,
        clusterId: municipality.clusterId,
        municipalityId: municipality.id,
        venueName: input.venueName.trim(),
        venueAddress: input.venueAddress.trim(),
        startsAt: times.startsAt,
        endsAt: times.endsAt,
        capacity: input.capacity,
        isPublic: input.isPublic,
      },
      translations,
      themeIds,
      organiserIds,
      facilitatorIds,
    },
  };
}

async function writeLinks(tx: Tx, eventId: string, value: CheckedInput) {
  await tx.eventTranslation.deleteMany({ where: { eventId } });
  await tx.eventTheme.deleteMany({ where: { eventId } });
  await tx.eventOrganiser.deleteMany({ where: { eventId } });
  await tx.eventFacilitator.deleteMany({ where: { eventId } });
  await tx.eventTranslation.createMany({ data: value.translations.map((t) => ({ ...t, eventId })) });
  await tx.eventTheme.createMany({ data: value.themeIds.map((themeId) => ({ eventId, themeId })) });
  await tx.eventOrganiser.createMany({ data: value.organiserIds.map((userId) => ({ eventId, userId })) });
  await tx.eventFacilitator.createMany({ data: value.facilitatorIds.map((personId) => ({ eventId, personId })) });
}

/** A new event, as a draft, with its texts, themes, organisers and facilitators. */
export async function createEvent(actorId: string, input: EventInput): Promise<{ ok: true; eventId: string } | Refusal> {
  return prisma.$transaction(async (tx) => {
    const checked = await checkInput(tx, input);
    if (!checked.ok) return checked;
    const event = await tx.event.create({
      data: { ...checked.value.data, uid: `${randomUUID()}@durable`, createdById: actorId, status: "DRAFT" },
    });
    await writeLinks(tx, event.id, checked.value);
    await recordAudit(tx, {
      actorId,
      action: "event.created",
      subjectType: "Event",
      subjectId: event.id,
      details: { type: event.type, startsAt: event.startsAt.toISOString(), endsAt: event.endsAt.toISOString() },
    });
    return { ok: true as const, eventId: event.id };
  });
}

const acceptedCount = (tx: Tx, eventId: string) => tx.invitation.count({ where: { eventId, status: "ACCEPTED" } });

async function sessionsOutside(tx: Tx, eventId: string, startsAt: Date, endsAt: Date, shiftMs = 0): Promise<boolean> {
  const sessions = await tx.eventSession.findMany({ where: { eventId } });
  return sessions.some((s) => s.startsAt.getTime() + shiftMs < startsAt.getTime() || s.endsAt.getTime() + shiftMs > endsAt.getTime());
}

/**
 * Saves an edited event. A cancelled or completed event stays as it was. If
 * the event is published and its time or place changed, every invitee still
 * coming is told, in the same transaction. Seats freed by a raised capacity
 * go at once to the people waiting, in order.
 */
export async function updateEvent(actorId: string, eventId: string, input: EventInput): Promise<{ ok: true } | Refusal> {
  return prisma.$transaction(async (tx) => {
    // Seats are counted (and given) under the event's lock, as answers count them.
    await lockEventSeats(tx, eventId);
    const before = await tx.event.findUnique({ where: { id: eventId }, include: { translations: true } });
    if (!before) return notFoundRefusal();
    if (before.status === "CANCELLED" || before.status === "COMPLETED") return refuse(null, "events.errors.notEditable");
    const checked = await checkInput(tx, input);
    if (!checked.ok) return checked;
    const { data } = checked.value;
    const accepted = await acceptedCount(tx, eventId);
    if (data.capacity < accepted) return refuse("capacity", messageWith("events.errors.capacityBelowAccepted", { count: accepted }));
    if (await sessionsOutside(tx, eventId, data.startsAt, data.endsAt)) return refuse("startDate", "events.errors.sessionsOutside");

    const timeChanged = before.startsAt.getTime() !== data.startsAt.getTime() || before.endsAt.getTime() !== data.endsAt.getTime();
    const placeChanged =
      before.municipalityId !== data.municipalityId || before.venueName !== data.venueName || before.venueAddress !== data.venueAddress;
    const textChanged =
      JSON.stringify(before.translations.map((t) => [t.locale, t.title, t.description]).sort()) !==
      JSON.stringify(checked.value.translations.map((t) => [t.locale, t.title, t.description]).sort());
    const calendarChanged = timeChanged || placeChanged || textChanged;

    await tx.event.update({
      where: { id: eventId },
      data: { ...data, sequence: calendarChanged ? { increment: 1 } : undefined },
    });
    await writeLinks(tx, eventId, checked.value);
    const changed = Object.entries(data)
      .filter(([key, value]) => String(before[key as keyof typeof data]) !== String(value))
      .map(([key]) => key);
    if (textChanged) changed.push("translations");
    const promoted = data.capacity > before.capacity ? await promoteFromWaitlist(tx, eventId, new Date()) : [];
    const notified = before.status === "PUBLISHED" && (timeChanged || placeChanged) ? await notifyInvitees(tx, eventId, "updated", null) : 0;
    await recordAudit(tx, { actorId, action: "event.updated", subjectType: "Event", subjectId: eventId, details: { changed, notified, promoted: promoted.length || undefined } });
    return { ok: true as const };
  });
}

/** A draft becomes visible to members and in calendars. */
export async function publishEvent(actorId: string, eventId: string): Promise<{ ok: true } | Refusal> {
  return prisma.$transaction(async (tx) => {
    const event = await tx.event.findUnique({ where: { id: eventId } });
    if (!event) return notFoundRefusal();
    if (event.status !== "DRAFT") return refuse(null, "events.errors.alreadyPublished");
    await tx.event.update({
      where: { id: eventId },
      data: { status: "PUBLISHED", publishedAt: new Date(), sequence: { increment: 1 } },
    });
    await recordAudit(tx, { actorId, action: "event.published", subjectType: "Event", subjectId: eventId });
    return { ok: true as const };
  });
}

/**
 * Postpones or moves a published event to new times, with a reason that
 * invitees see. The agenda moves with it (each session keeps its offset from
 * the start); if it would no longer fit, nothing changes.
 */
export async function moveEvent(
  actorId: string,
  eventId: string,
  input: { start: LocalTime; end: LocalTime; reason: string },
): Promise<{ ok: true; notified: number } | Refusal> {
  const reason = input.reason.trim();
  return prisma.$transaction(async (tx) => {
    const event = await tx.event.findUnique({ where: { id: eventId } });
    if (!event) return notFoundRefusal();
    if (event.status !== "PUBLISHED") return refuse(null, "events.errors.onlyPublished");
    const times = parseTimes(input.start, input.end);
    if (!times.ok) return times;
    if (!reason) return refuse("reason", "events.errors.reasonRequired");
    const shift = times.startsAt.getTime() - event.startsAt.getTime();
    if (await sessionsOutside(tx, eventId, times.startsAt, times.endsAt, shift)) return refuse("startDate", "events.errors.sessionsOutside");
    const sessions = await tx.eventSession.findMany({ where: { eventId } });
    for (const session of sessions) {
      await tx.eventSession.update({
        where: { id: session.id },
        data: { startsAt: new Date(session.startsAt.getTime() + shift), endsAt: new Date(session.endsAt.getTime() + shift) },
      });
    }
    await tx.event.update({
      where: { id: eventId },
      data: { startsAt: times.startsAt, endsAt: times.endsAt, statusReason: reason, sequence: { increment: 1 } },
    });
    const notified = await notifyInvitees(tx, eventId, "updated", reason);
    await recordAudit(tx, {
      actorId,
      action: "event.moved",
      subjectType: "Event",
      subjectId: eventId,
      details: {
        from: [event.startsAt.toISOString(), event.endsAt.toISOString()],
        to: [times.startsAt.toISOString(), times.endsAt.toISOString()],
        reason,
        notified,
      },
    });
    return { ok: true as const, notified };
  });
}

/** Cancels a draft or published event for good; if it was published, invitees get a CANCEL for their calendars. */
export async function cancelEvent(actorId: string, eventId: string, reasonInput: string): Promise<{ ok: true; notified: number } | Refusal> {
  const reason = reasonInput.trim();
  return prisma.$transaction(async (tx) => {
    const event = await tx.event.findUnique({ where: { id: eventId } });
    if (!event) return notFoundRefusal();
    if (event.status === "CANCELLED" || event.status === "COMPLETED") return refuse(null, "events.errors.notEditable");
    if (!reason) return refuse("reason", "events.errors.reasonRequired");
    await tx.event.update({
      where: { id: eventId },
      data: { status: "CANCELLED", cancelledAt: new Date(), statusReason: reason, sequence: { increment: 1 } },
    });
    const notified = event.status === "PUBLISHED" ? await notifyInvitees(tx, eventId, "cancelled", reason) : 0;
    await recordAudit(tx, { actorId, action: "event.cancelled", subjectType: "Event", subjectId: eventId, details: { reason, notified } });
    return { ok: true as const, notified };
  });
}

/**
 * Published events whose end has passed become completed. Cheap enough for
 * loaders to call before showing events; nothing else has to remember it.
 */
export async function completeEndedEvents(now = new Date()): Promise<number> {
  const ended = await prisma.event.findMany({ where: { status: "PUBLISHED", endsAt: { lte: now } }, select: { id: true } });
  if (ended.length === 0) return 0;
  return prisma.$transaction(async (tx) => {
    let count = 0;
    for (const { id } of ended) {
      // Conditional, so two requests completing the same event record it once.
      const done = await tx.event.updateMany({ where: { id, status: "PUBLISHED" }, data: { status: "COMPLETED" } });
      if (done.count === 1) {
        count++;
        await recordAudit(tx, { actorId: null, action: "event.completed", subjectType: "Event", subjectId: id });
      }
    }
    return count;
  });
}

/**
 * Emails every invitee who was sent the invitation and still expects the
 * event (not declined, not withdrawn) in their own language; people only on
 * the list, never invited, hear nothing, with the calendar entry attached:
 * METHOD:REQUEST naming them as attendee for a change, METHOD:CANCEL for a
 * cancellation. Runs inside the change's transaction, so mail and change are
 * saved together or not at all.
 */
async function notifyInvitees(tx: Tx, eventId: string, change: "updated" | "cancelled", reason: string | null): Promise<number> {
  const event = await tx.event.findUniqueOrThrow({
    where: { id: eventId },
    include: {
      ...EVENT_FOR_CALENDAR,
      invitations: { where: { status: { in: STILL_INVITED }, sentAt: { not: null } }, include: { person: true } },
    },
  });
  const method: CalendarMethod = change === "cancelled" ? "CANCEL" : "REQUEST";
  let count = 0;
  for (const invitation of event.invitations) {
    const { person } = invitation;
    if (!person.email || person.erasedAt) continue;
    const locale: Locale = isLocale(person.locale) ? person.locale : "sq";
    const ics = buildCalendar([event], {
      locale,
      method,
      attendee: { name: person.name, email: person.email, status: invitation.status },
    });
    const email = await composeEmail("event-changed", person.email, {
      locale,
      name: person.name,
      title: eventText(event.translations, locale).title,
      change,
      when: formatEventTimes(event.startsAt, event.endsAt, locale, event.timeZone),
      where: eventLocation(event, locale),
      reason,
    });
    await queueEmail(tx, email, [
      { filename: "event.ics", contentType: `text/calendar; method=${method}`, content: Buffer.from(ics, "utf8").toString("base64") },
    ]);
    count++;
  }
  return count;
}

// --- Agenda ------------------------------------------------------------------

export type SessionInput = { title: string; date: string; start: string; end: string; room: string; facilitators: string };

/**
 * Adds or changes a session. A session lies inside its event and never
 * overlaps another session in the same room (rooms compared without case or
 * surrounding spaces; sessions without a room never clash).
 */
export async function saveSession(
  actorId: string,
  eventId: string,
  sessionId: string | null,
  input: SessionInput,
): Promise<{ ok: true; sessionId: string } | Refusal> {
  return prisma.$transaction(async (tx) => {
    const event = await tx.event.findUnique({ where: { id: eventId }, include: { sessions: true } });
    if (!event) return notFoundRefusal();
    if (event.status === "CANCELLED" || event.status === "COMPLETED") return refuse(null, "events.errors.notEditable");
    if (sessionId && !event.sessions.some((s) => s.id === sessionId)) return notFoundRefusal();
    const title = input.title.trim();
    if (!title) return refuse("title", "validation.required");
    const start = localToUtc({ date: input.date, time: input.start }, event.timeZone);
    if (!start.ok) return refuse(start.error === "date" ? "date" : "start", TIME_ERRORS[start.error]);
    const end = localToUtc({ date: input.date, time: input.end }, event.timeZone);
    if (!end.ok) return refuse(end.error === "date" ? "date" : "end", TIME_ERRORS[end.error]);
    if (end.date <= start.date) return refuse("end", "events.errors.endBeforeStart");
    if (start.date < event.startsAt || end.date > event.endsAt) {
      const shown = (date: Date) => Object.values(utcToLocal(date, event.timeZone)).join(" ");
      return refuse("start", messageWith("events.errors.sessionOutside", { start: shown(event.startsAt), end: shown(event.endsAt) }));
    }
    const room = input.room.trim();
    const roomKey = room.toLocaleLowerCase();
    const clash = roomKey
      ? event.sessions.find(
          (s) => s.id !== sessionId && s.room.trim().toLocaleLowerCase() === roomKey && s.startsAt < end.date && start.date < s.endsAt,
        )
      : undefined;
    if (clash) return refuse("room", messageWith("events.errors.sessionOverlap", { room, title: clash.title }));
    const data = { title, startsAt: start.date, endsAt: end.date, room, facilitators: input.facilitators.trim() };
    const saved = sessionId
      ? await tx.eventSession.update({ where: { id: sessionId }, data })
      : await tx.eventSession.create({ data: { ...data, eventId } });
    await recordAudit(tx, {
      actorId,
      action: sessionId ? "session.updated" : "session.created",
      subjectType: "EventSession",
      subjectId: saved.id,
      details: { eventId, startsAt: saved.startsAt.toISOString(), endsAt: saved.endsAt.toISOString(), room },
    });
    return { ok: true as const, sessionId: saved.id };
  });
}

export async function deleteSession(actorId: string, eventId: string, sessionId: string): Promise<{ ok: true } | Refusal> {
  return prisma.$transaction(async (tx) => {
    const session = await tx.eventSession.findFirst({ where: { id: sessionId, eventId }, include: { event: true } });
    if (!session) return notFoundRefusal();
    if (session.event.status === "CANCELLED" || session.event.status === "COMPLETED") return refuse(null, "events.errors.notEditable");
    // Its check-ins are part of the event's attendance record (reports count them).
    if (await tx.sessionAttendance.count({ where: { sessionId } })) return refuse(null, "events.errors.sessionHasCheckIns");
    await tx.eventSession.delete({ where: { id: sessionId } });
    await recordAudit(tx, { actorId, action: "session.deleted", subjectType: "EventSession", subjectId: sessionId, details: { eventId, title: session.title } });
    return { ok: true as const };
  });
}

// --- Reading ------------------------------------------------------------------

export type EventFilters = {
  clusterId?: string;
  municipalityId?: string;
  type?: EventType;
  themeId?: string;
  status?: EventStatus;
};

/**
 * The status a page shows. A published event whose end has passed is over,
 * whether or not the scheduler has marked it completed yet
 * (completeEndedEvents runs there, every minute): pages read the dates, so
 * that loading a page never writes.
 */
export function shownStatus(event: { status: EventStatus; endsAt: Date }, now = new Date()): EventStatus {
  return event.status === "PUBLISHED" && event.endsAt <= now ? "COMPLETED" : event.status;
}

/** The events whose shown status (shownStatus) is `status`. */
function shownStatusWhere(status: EventStatus, now: Date): Prisma.EventWhereInput {
  if (status === "COMPLETED") return { OR: [{ status: "COMPLETED" }, { status: "PUBLISHED", endsAt: { lte: now } }] };
  if (status === "PUBLISHED") return { status: "PUBLISHED", endsAt: { gt: now } };
  return { status };
}

/** Drafts are the organisers' business: only those who manage events see them. */
export function eventWhere(filters: EventFilters, canManage: boolean, now = new Date()): Prisma.EventWhereInput {
  const where: Prisma.EventWhereInput = {};
  if (filters.clusterId) where.clusterId = filters.clusterId;
  if (filters.municipalityId) where.municipalityId = filters.municipalityId;
  if (filters.type) where.type = filters.type;
  if (filters.themeId) where.themes = { some: { themeId: filters.themeId } };
  const and: Prisma.EventWhereInput[] = [];
  if (filters.status) and.push(shownStatusWhere(filters.status, now));
  if (!canManage) and.push({ status: { not: "DRAFT" } });
  if (and.length) where.AND = and;
  return where;
}

const LIST_INCLUDE = {
  translations: true,
  municipality: true,
  cluster: true,
  themes: { include: { theme: true } },
} as const;

export async function listEvents(filters: EventFilters, canManage: boolean, page = 1, pageSize = 50) {
  const where = eventWhere(filters, canManage);
  const [events, total] = await Promise.all([
    prisma.event.findMany({ where, include: LIST_INCLUDE, orderBy: { startsAt: "desc" }, skip: (page - 1) * pageSize, take: pageSize }),
    prisma.event.count({ where }),
  ]);
  return { events, total, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

/** Events that touch [from, to) — for the month calendar. */
export async function eventsBetween(from: Date, to: Date, filters: EventFilters, canManage: boolean, now = new Date()) {
  return prisma.event.findMany({
    where: { AND: [eventWhere(filters, canManage, now), { startsAt: { lt: to } }, { endsAt: { gt: from } }] },
    include: LIST_INCLUDE,
    orderBy: { startsAt: "asc" },
  });
}

/** What every page of an event shows above its own content: its texts, time, place and status. */
export async function eventSummary(eventId: string) {
  return prisma.event.findUnique({
    where: { id: eventId },
    select: { id: true, status: true, startsAt: true, endsAt: true, timeZone: true, venueName: true, venueAddress: true, municipality: true, translations: true },
  });
}

export async function getEvent(eventId: string) {
  return prisma.event.findUnique({
    where: { id: eventId },
    include: {
      ...LIST_INCLUDE,
      organisers: { include: { user: { select: { id: true, name: true } } } },
      facilitators: { include: { person: { select: { id: true, name: true, position: true, erasedAt: true } } } },
      sessions: { orderBy: [{ startsAt: "asc" }, { room: "asc" }] },
      materials: { orderBy: { createdAt: "asc" } },
    },
  });
}

export async function invitationCounts(eventId: string) {
  const accepted = await prisma.invitation.count({ where: { eventId, status: "ACCEPTED" } });
  return { accepted };
}

/** May this reader see this event at all? (Drafts only for those who manage events.) */
export function eventVisibleTo(event: { status: EventStatus }, canManage: boolean): boolean {
  return canManage || event.status !== "DRAFT";
}

/**
 * The programme's plan: at least one workshop in every cluster. A cluster
 * has "had" one when a workshop there is completed, or published and already
 * over; published workshops still ahead count as scheduled.
 */
export async function workshopPlan(now = new Date()) {
  const clusters = await prisma.cluster.findMany({ orderBy: { nameEn: "asc" } });
  const workshops = await prisma.event.findMany({
    where: { type: "WORKSHOP", status: { in: ["PUBLISHED", "COMPLETED"] } },
    select: { clusterId: true, status: true, endsAt: true },
  });
  return clusters.map((cluster) => {
    const mine = workshops.filter((w) => w.clusterId === cluster.id);
    const held = mine.filter((w) => w.status === "COMPLETED" || w.endsAt <= now).length;
    return { cluster, held, scheduled: mine.length - held };
  });
}

/** The choices an event form offers, in the reader's language. */
export async function eventFormOptions(locale: Locale) {
  const [clusters, themes, organisers, people] = await Promise.all([
    clusterChoices(locale),
    themeChoices(locale),
    prisma.user.findMany({
      where: { disabledAt: null, roles: { some: { role: { in: ["TRAINER", "ADMIN"] } } } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
    prisma.person.findMany({
      where: { erasedAt: null },
      select: { id: true, name: true, position: true },
      orderBy: { name: "asc" },
      take: 500,
    }),
  ]);
  return { clusters, themes, organisers, people: people.map((p) => ({ id: p.id, name: p.position ? `${p.name} (${p.position})` : p.name })) };
}

/** Reads the list and calendar filters from a URL; unknown values are ignored rather than refused. */
export function filtersFromSearch(params: URLSearchParams): EventFilters {
  const pick = (name: string) => {
    const value = params.get(name)?.trim();
    return value && value.length <= 100 ? value : undefined;
  };
  const type = pick("type");
  const status = pick("status");
  return {
    clusterId: pick("cluster"),
    municipalityId: pick("municipality"),
    themeId: pick("theme"),
    type: (EVENT_TYPES as readonly string[]).includes(type ?? "") ? (type as EventType) : undefined,
    status: (EVENT_STATUSES as readonly string[]).includes(status ?? "") ? (status as EventStatus) : undefined,
  };
}

/** The choices of the filter bar (raw rows: the reports page puts them in the reader's language itself). */
export async function eventFilterOptions() {
  const [clusters, themes] = await Promise.all([
    prisma.cluster.findMany({ orderBy: { nameEn: "asc" }, include: { municipalities: { orderBy: { nameSq: "asc" } } } }),
    prisma.theme.findMany({ where: { archived: false }, orderBy: { sortOrder: "asc" } }),
  ]);
  return { clusters, themes };
}

/** The choices of the events list's and calendar's filter bar, in the reader's language; drafts only for those who may see them. */
export async function eventFilterChoices(locale: Locale, canManage: boolean) {
  const [clusters, themes] = await Promise.all([clusterChoices(locale), themeChoices(locale)]);
  return { clusters, themes, statuses: canManage ? EVENT_STATUSES : EVENT_STATUSES.filter((s) => s !== "DRAFT") };
}

/**
 * The month calendar: weeks from Monday to Sunday covering the month, in the
 * programme's zone, each day with the events that touch it (an event over
 * several days shows on each). `month` is "2026-03"; anything else means the
 * current month.
 */
export async function monthGrid(month: string | null, filters: EventFilters, canManage: boolean, locale: Locale, now = new Date()) {
  const zone = DEFAULT_TIME_ZONE;
  const match = /^(\d{4})-(\d{2})$/.exec(month ?? "");
  const parsed = match ? DateTime.fromObject({ year: Number(match[1]), month: Number(match[2]), day: 1 }, { zone }) : null;
  const first = parsed?.isValid && parsed.year >= 2000 && parsed.year <= 2100 ? parsed : DateTime.fromJSDate(now, { zone }).startOf("month");
  const gridStart = first.startOf("week");
  const gridEnd = first.endOf("month").endOf("week").plus({ milliseconds: 1 });
  const events = await eventsBetween(gridStart.toJSDate(), gridEnd.toJSDate(), filters, canManage, now);
  const today = DateTime.fromJSDate(now, { zone }).toISODate();
  const tag = LOCALE_TAGS[locale];
  const timeFormat = dateTimeFormat(tag, { timeStyle: "short", hourCycle: "h23", timeZone: zone });
  const weeks: Array<Array<{ date: string; day: number; inMonth: boolean; today: boolean; events: Array<{ id: string; title: string; time: string; status: EventStatus }> }>> = [];
  for (let day = gridStart; day < gridEnd; day = day.plus({ days: 1 })) {
    if (day.weekday === 1) weeks.push([]);
    const start = day.toJSDate();
    const end = day.plus({ days: 1 }).toJSDate();
    weeks[weeks.length - 1].push({
      date: day.toISODate() ?? "",
      day: day.day,
      inMonth: day.month === first.month,
      today: day.toISODate() === today,
      events: events
        .filter((e) => e.startsAt < end && e.endsAt > start)
        .map((e) => ({ id: e.id, title: eventText(e.translations, locale).title, time: timeFormat.format(e.startsAt), status: shownStatus(e, now) })),
    });
  }
  return {
    month: first.toFormat("yyyy-MM"),
    title: dateTimeFormat(tag, { month: "long", year: "numeric", timeZone: zone }).format(first.plus({ days: 14 }).toJSDate()),
    previous: first.minus({ months: 1 }).toFormat("yyyy-MM"),
    next: first.plus({ months: 1 }).toFormat("yyyy-MM"),
    weekdays: weeks[0].map((d) =>
      dateTimeFormat(tag, { weekday: "short", timeZone: zone }).format(DateTime.fromISO(d.date, { zone }).plus({ hours: 12 }).toJSDate()),
    ),
    weeks,
  };
}
