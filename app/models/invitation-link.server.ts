import { prisma } from "~/db.server";
import { checkInQrSvg } from "~/models/attendance.server";
import { buildCalendar, eventLocation, type CalendarMethod } from "~/models/event-calendar.server";
import { openMaterialOfEvent, openMaterialsOfEvent } from "~/models/event-material.server";
import { formatEventTimes } from "~/models/event.server";
import { invitationByToken } from "~/models/invitation-list.server";
import type { InvitationStatus } from "~/generated/prisma/enums";
import { dateTimeFormat } from "~/utils/dates";
import { eventText } from "~/utils/events";
import { isLocale, type Locale } from "~/utils/i18n";
import { hashToken } from "~/utils/tokens.server";

/**
 * What a person reaches through the personal link in their invitation,
 * without an account: the invitation's page, and once they have said they
 * will come, the event in their calendar and its public materials. The link
 * is the credential; opening it changes nothing.
 */

/** Said "I will come": a seat, or a place on the waitlist (the calendar then shows the event as tentative). */
function hasAccepted(status: InvitationStatus): boolean {
  return status === "ACCEPTED" || status === "WAITLISTED";
}

/**
 * The invitation behind a personal link, as its page shows it in the
 * reader's language, or null for a link that leads nowhere (unknown,
 * cancelled, or the event over). Opening the link changes nothing.
 */
export async function invitationForLink(token: string, locale: Locale) {
  const invitation = await invitationByToken(token);
  if (!invitation) return null;
  const { event } = invitation;
  const text = eventText(event.translations, locale);
  const timeOnly = dateTimeFormat("en-GB", { timeStyle: "short", hourCycle: "h23", timeZone: event.timeZone });
  const now = new Date();
  const accepted = hasAccepted(invitation.status) && event.status === "PUBLISHED";
  const materials = accepted ? await openMaterialsOfEvent(event.id) : [];
  return {
    name: invitation.person.name,
    status: invitation.status,
    title: text.title,
    description: text.description,
    when: formatEventTimes(event.startsAt, event.endsAt, locale, event.timeZone),
    where: eventLocation(event, locale),
    agenda: event.sessions.map((s) => ({ time: `${timeOnly.format(s.startsAt)}–${timeOnly.format(s.endsAt)}`, title: s.title, room: s.room })),
    needs: { interpretation: invitation.interpretation ?? "", accessibilityNeeds: invitation.accessibilityNeeds ?? "", needsTransport: invitation.needsTransport },
    open: event.status === "PUBLISHED" && event.startsAt > now,
    // Why there is nothing to answer, when there is not.
    closed: event.status === "CANCELLED" ? "invitations.page.cancelled" : event.startsAt <= now ? "invitations.page.started" : null,
    invitationId: invitation.id,
    // Once they will come: the event for their calendar, and the materials anyone may have.
    calendar: accepted,
    materials: materials.map((m) => ({ id: m.id, title: m.title, fileName: m.fileName, sizeKb: Math.max(1, Math.round(m.size / 1024)) })),
    // The code to show at the door: only for someone with a seat.
    checkInQr: event.status === "PUBLISHED" && invitation.status === "ACCEPTED" ? await checkInQrSvg(invitation.id) : null,
  };
}

/**
 * The event as a calendar file for the person of a personal link, naming
 * them as attendee (as the invitation email's file does, same UID, so a
 * calendar app updates the entry it has), once they have accepted; null
 * otherwise. A cancelled event is a CANCEL.
 */
export async function calendarForLink(token: string, locale: Locale): Promise<{ ics: string; method: CalendarMethod; fileName: string } | null> {
  const invitation = await invitationByToken(token);
  if (!invitation || !hasAccepted(invitation.status) || invitation.event.status === "DRAFT") return null;
  const { event } = invitation;
  const { person } = invitation;
  const attendee = person.email && !person.erasedAt ? { name: person.name, email: person.email, status: invitation.status } : undefined;
  const method: CalendarMethod = event.status === "CANCELLED" ? "CANCEL" : attendee ? "REQUEST" : "PUBLISH";
  return { ics: buildCalendar([event], { locale, method, attendee }), method, fileName: `event-${event.id}.ics` };
}

/** One of the event's public materials for the person of a personal link, once they have accepted; null otherwise. */
export async function materialForLink(token: string, materialId: string) {
  const invitation = await invitationByToken(token);
  if (!invitation || !hasAccepted(invitation.status) || invitation.event.status !== "PUBLISHED") return null;
  return openMaterialOfEvent(invitation.eventId, materialId);
}

/**
 * The recorded language of the person a personal link was sent to (their
 * emails are in it), whatever became of the invitation since; null for a
 * link that was never sent.
 */
export async function languageOfLink(token: string): Promise<Locale | null> {
  if (!token) return null;
  const link = await prisma.invitationLink.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { invitation: { select: { person: { select: { locale: true } } } } },
  });
  const locale = link?.invitation.person.locale;
  return isLocale(locale) ? locale : null;
}

/** The id of the invitation behind a personal link, for an answer to it (null where invitationForLink is null): no more than the answer needs. */
export async function invitationIdForLink(token: string): Promise<string | null> {
  return (await invitationByToken(token))?.id ?? null;
}
