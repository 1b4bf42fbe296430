import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { prisma } from "~/db.server";
import { recordAudit } from "~/models/audit.server";
import type { EventStatus, InvitationStatus } from "~/generated/prisma/enums";
import { eventText } from "~/utils/events";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/utils/i18n";
import { translator } from "~/utils/i18n.server";
import { mailFrom } from "~/utils/mailer.server";
import { municipalityName } from "~/utils/names";
import { createToken, hashToken } from "~/utils/tokens.server";

/**
 * Calendar files. Times are written in UTC (DTSTART:...Z): ical-generator
 * given a Date and a TZID writes the UTC clock time under the local zone's
 * name (see docs/decisions/003-events-calendar.md), and every calendar app
 * shows UTC times in its own zone, correctly on both sides of a DST change.
 */

/** What a calendar entry needs of an event (the query below selects exactly this). */
export const EVENT_FOR_CALENDAR = {
  translations: true,
  municipality: true,
} as const;

export type EventForCalendar = {
  uid: string;
  sequence: number;
  status: EventStatus;
  startsAt: Date;
  endsAt: Date;
  updatedAt: Date;
  venueName: string;
  venueAddress: string;
  statusReason: string | null;
  translations: Array<{ locale: string; title: string; description: string }>;
  municipality: { nameEn: string; nameSq: string; nameSr: string };
};

export type CalendarMethod = "PUBLISH" | "REQUEST" | "CANCEL";

export type Attendee = { name: string; email: string; status: InvitationStatus };

const PARTSTAT: Record<InvitationStatus, ICalAttendeeStatus> = {
  PENDING: ICalAttendeeStatus.NEEDSACTION,
  ACCEPTED: ICalAttendeeStatus.ACCEPTED,
  DECLINED: ICalAttendeeStatus.DECLINED,
  WAITLISTED: ICalAttendeeStatus.TENTATIVE,
  CANCELLED: ICalAttendeeStatus.DECLINED,
};

/** The organiser every entry names: the app's sender address (RFC 5546 requires one for REQUEST and CANCEL). */
function organizer() {
  const from = mailFrom();
  const match = from.match(/^\s*(.*?)\s*<([^>]+)>\s*$/);
  return match ? { name: match[1] || "Durable", email: match[2] } : { name: "Durable", email: from.trim() };
}

export function eventLocation(event: Pick<EventForCalendar, "venueName" | "venueAddress" | "municipality">, locale: Locale): string {
  return [event.venueName, event.venueAddress, municipalityName(event.municipality, locale)].filter((part) => part.trim()).join(", ");
}

function describe(event: EventForCalendar, locale: Locale): string {
  const t = translator(locale);
  const text = eventText(event.translations, locale);
  const parts = [text.description.trim()];
  if (event.statusReason) parts.push(t("events.page.reason", { reason: event.statusReason }));
  return parts.filter(Boolean).join("\n\n");
}

/**
 * An event as the reader's calendar shows it: cancelled once cancelled (or
 * in a CANCEL), tentative while a draft or while the reader is on its
 * waitlist, confirmed otherwise.
 */
function entryStatus(event: EventForCalendar & { waitlisted?: boolean }, method: CalendarMethod, attendee?: Attendee): ICalEventStatus {
  if (method === "CANCEL" || event.status === "CANCELLED") return ICalEventStatus.CANCELLED;
  if (event.status === "DRAFT" || event.waitlisted || attendee?.status === "WAITLISTED") return ICalEventStatus.TENTATIVE;
  return ICalEventStatus.CONFIRMED;
}

/**
 * One calendar (an .ics text) with the given events in the reader's language.
 * UID is the event's stable uid and SEQUENCE its sequence, so a calendar app
 * replaces the entry it already has instead of adding another. An event
 * marked `waitlisted` (the reader waits for a seat) is tentative. Every
 * calendar the app serves or sends is made here.
 */
export function buildCalendar(
  events: Array<EventForCalendar & { waitlisted?: boolean }>,
  options: { locale: Locale; method: CalendarMethod; attendee?: Attendee; name?: string },
): string {
  const calendar = ical({
    prodId: { company: "Durable", product: "Events", language: options.locale.slice(0, 2).toUpperCase() },
    method: ICalCalendarMethod[options.method],
    name: options.name,
  });
  for (const event of events) {
    const text = eventText(event.translations, options.locale);
    calendar.createEvent({
      id: event.uid,
      sequence: event.sequence,
      start: event.startsAt,
      end: event.endsAt,
      lastModified: event.updatedAt,
      summary: text.title,
      description: describe(event, options.locale) || null,
      location: eventLocation(event, options.locale),
      status: entryStatus(event, options.method, options.attendee),
      organizer: organizer(),
      attendees: options.attendee
        ? [
            {
              name: options.attendee.name,
              email: options.attendee.email,
              role: ICalAttendeeRole.REQ,
              status: PARTSTAT[options.attendee.status],
              rsvp: false,
            },
          ]
        : [],
    });
  }
  // RFC 5545 §3.1: every content line ends with CRLF, the last one too; ical-generator leaves the last one bare.
  return calendar.toString().replace(/(\r\n)?$/, "\r\n");
}

/** The .ics of one event for download: PUBLISH, or CANCEL once it is cancelled. */
export function eventCalendarFile(event: EventForCalendar, locale: Locale): string {
  return buildCalendar([event], { locale, method: event.status === "CANCELLED" ? "CANCEL" : "PUBLISH" });
}

/** The events of the public feed: published (and later cancelled or completed) public events. */
export async function publicFeed(locale: Locale): Promise<string> {
  const events = await prisma.event.findMany({
    where: { isPublic: true, status: { in: ["PUBLISHED", "CANCELLED", "COMPLETED"] } },
    include: EVENT_FOR_CALENDAR,
    orderBy: { startsAt: "asc" },
  });
  return buildCalendar(events, { locale, method: "PUBLISH", name: translator(locale)("events.feed.publicFeed") });
}

// --- The private feed ----------------------------------------------------

/** Makes (or replaces) the user's secret feed token; only its hash is kept, so the URL is shown once. */
export async function resetCalendarToken(userId: string): Promise<string> {
  const token = createToken();
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { calendarTokenHash: hashToken(token) } });
    await recordAudit(tx, { actorId: userId, action: "calendar.token_reset", subjectType: "User", subjectId: userId });
  });
  return token;
}

export async function hasCalendarToken(userId: string): Promise<boolean> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { calendarTokenHash: true } });
  return !!user?.calendarTokenHash;
}

/**
 * The private feed behind a secret token: the events the user organises or is
 * invited to through their directory record (the invitation sent, not
 * declined or withdrawn: being on an event's list is not being invited),
 * once published, in the user's language. Null when the token is unknown.
 */
export async function privateFeed(token: string): Promise<string | null> {
  if (!token) return null;
  const user = await prisma.user.findUnique({
    where: { calendarTokenHash: hashToken(token) },
    include: { person: { select: { id: true } } },
  });
  if (!user || user.disabledAt) return null;
  const personId = user.person?.id;
  const invitedThrough = personId
    ? [{ invitations: { some: { personId, sentAt: { not: null }, status: { notIn: ["DECLINED", "CANCELLED"] as InvitationStatus[] } } } }]
    : [];
  const events = await prisma.event.findMany({
    where: {
      status: { in: ["PUBLISHED", "CANCELLED", "COMPLETED"] },
      OR: [{ organisers: { some: { userId: user.id } } }, ...invitedThrough],
    },
    include: {
      ...EVENT_FOR_CALENDAR,
      organisers: { where: { userId: user.id }, select: { userId: true } },
      invitations: personId ? { where: { personId, sentAt: { not: null } }, select: { status: true } } : false,
    },
    orderBy: { startsAt: "asc" },
  });
  const locale = isLocale(user.locale) ? user.locale : DEFAULT_LOCALE;
  // Someone waiting for a seat sees the event as tentative, unless they organise it.
  const entries = events.map((event) => ({
    ...event,
    waitlisted: event.organisers.length === 0 && !!event.invitations?.some((i) => i.status === "WAITLISTED"),
  }));
  return buildCalendar(entries, { locale, method: "PUBLISH", name: "Durable" });
}
