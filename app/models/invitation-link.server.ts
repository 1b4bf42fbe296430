import { checkInQrSvg } from "~/models/attendance.server";
import { eventLocation } from "~/models/event-calendar.server";
import { formatEventTimes } from "~/models/event.server";
import { invitationByToken } from "~/models/invitation-list.server";
import { dateTimeFormat } from "~/utils/dates";
import { eventText } from "~/utils/events";
import type { Locale } from "~/utils/i18n";

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
    // The code to show at the door, for anyone still expected (not for a declined invitation).
    checkInQr: event.status === "PUBLISHED" && invitation.status !== "DECLINED" ? await checkInQrSvg(invitation.id) : null,
  };
}

/** The id of the invitation behind a personal link, for an answer to it (null where invitationForLink is null): no more than the answer needs. */
export async function invitationIdForLink(token: string): Promise<string | null> {
  return (await invitationByToken(token))?.id ?? null;
}
