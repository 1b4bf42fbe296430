import { prisma } from "~/db.server";
import type { ReminderKind } from "~/generated/prisma/enums";
import { recordAudit } from "~/models/audit.server";
import { checkInQrForEmail } from "~/models/attendance.server";
import { composeEmail } from "~/models/email.server";
import { EVENT_FOR_CALENDAR, eventLocation } from "~/models/event-calendar.server";
import { formatEventTimes } from "~/models/event.server";
import { queueEmail } from "~/models/outbox.server";
import { eventText } from "~/utils/events";
import { isLocale, type Locale } from "~/utils/i18n";
import { createToken, hashToken } from "~/utils/tokens.server";

/**
 * Reminders before an event: to those who accepted (REMINDER) and nudges to
 * those who have not answered (NUDGE). Each person gets each reminder once:
 * a ReminderDelivery row (primary key: reminder + invitation) is written in
 * the same transaction as the email, so a restart, a second worker or a
 * second instance cannot send it again.
 */

const DAY = 24 * 60;
export const DEFAULT_REMINDERS: Array<{ kind: ReminderKind; minutesBefore: number }> = [
  { kind: "REMINDER", minutesBefore: 7 * DAY },
  { kind: "REMINDER", minutesBefore: 1 * DAY },
  { kind: "NUDGE", minutesBefore: 7 * DAY },
];
/** Events further away than this have no reminder due. */
const LOOKAHEAD_MINUTES = 61 * DAY;

/** The event's reminders; the defaults until the trainer sets others. */
export async function remindersOf(eventId: string) {
  const saved = await prisma.eventReminder.findMany({ where: { eventId } });
  const list = saved.length ? saved : DEFAULT_REMINDERS.map((r) => ({ ...r, id: null, completedAt: null }));
  // Reminders first, then nudges; the earliest first within each.
  return list.sort((a, b) => (a.kind === b.kind ? b.minutesBefore - a.minutesBefore : a.kind === "REMINDER" ? -1 : 1));
}

/** Replaces the event's reminder times (days before); ones already sent are kept as they are. */
export async function setReminders(actorId: string, eventId: string, reminderDays: number[], nudgeDays: number[]) {
  const wanted = [
    ...[...new Set(reminderDays)].map((d) => ({ kind: "REMINDER" as const, minutesBefore: d * DAY })),
    ...[...new Set(nudgeDays)].map((d) => ({ kind: "NUDGE" as const, minutesBefore: d * DAY })),
  ];
  await prisma.$transaction(async (tx) => {
    const existing = await tx.eventReminder.findMany({ where: { eventId } });
    const keep = (r: { kind: ReminderKind; minutesBefore: number }) => wanted.some((w) => w.kind === r.kind && w.minutesBefore === r.minutesBefore);
    await tx.eventReminder.deleteMany({ where: { id: { in: existing.filter((r) => !keep(r) && !r.completedAt).map((r) => r.id) } } });
    for (const w of wanted) {
      await tx.eventReminder.upsert({
        where: { eventId_kind_minutesBefore: { eventId, kind: w.kind, minutesBefore: w.minutesBefore } },
        update: {},
        create: { eventId, ...w },
      });
    }
    await recordAudit(tx, { actorId, action: "event.reminders_set", subjectType: "Event", subjectId: eventId, details: { reminderDays, nudgeDays } });
  });
}

/** Parses "7, 1" into days; null when anything is not a whole number of days from 0 to 60. */
export function parseDays(text: string): number[] | null {
  const parts = text.split(/[,;\s]+/).filter(Boolean);
  const days = parts.map((p) => (/^\d{1,2}$/.test(p) ? Number(p) : NaN));
  return days.every((d) => Number.isInteger(d) && d >= 0 && d <= 60) ? days : null;
}

/**
 * Queues every reminder that is due. A reminder goes only to people invited
 * before it fell due (someone invited yesterday needs no reminder today).
 */
export async function sendDueReminders(appUrl: string, now = new Date()): Promise<number> {
  const events = await prisma.event.findMany({
    where: { status: "PUBLISHED", startsAt: { gt: now, lte: new Date(now.getTime() + LOOKAHEAD_MINUTES * 60_000) } },
    include: { ...EVENT_FOR_CALENDAR, reminders: true },
  });
  let queued = 0;
  for (const event of events) {
    if (event.reminders.length === 0) {
      await prisma.eventReminder.createMany({ data: DEFAULT_REMINDERS.map((r) => ({ eventId: event.id, ...r })) });
      event.reminders = await prisma.eventReminder.findMany({ where: { eventId: event.id } });
    }
    for (const reminder of event.reminders) {
      if (reminder.completedAt) continue;
      const dueAt = new Date(event.startsAt.getTime() - reminder.minutesBefore * 60_000);
      if (dueAt > now) continue;
      const recipients = await prisma.invitation.findMany({
        where: {
          eventId: event.id,
          status: reminder.kind === "REMINDER" ? "ACCEPTED" : "PENDING",
          sentAt: { not: null, lt: dueAt },
          reminders: { none: { reminderId: reminder.id } },
          person: { email: { not: null }, erasedAt: null },
        },
        include: { person: { select: { name: true, email: true, locale: true } } },
      });
      for (const invitation of recipients) {
        const locale: Locale = isLocale(invitation.person.locale) ? invitation.person.locale : "sq";
        const token = createToken();
        // Those expected at the door get their check-in QR code again; a nudge is only a question.
        const qr = reminder.kind === "REMINDER" ? await checkInQrForEmail(invitation.id) : null;
        const email = await composeEmail("event-reminder", invitation.person.email!, {
          locale,
          kind: reminder.kind,
          name: invitation.person.name,
          title: eventText(event.translations, locale).title,
          when: formatEventTimes(event.startsAt, event.endsAt, locale, event.timeZone),
          where: eventLocation(event, locale),
          answerUrl: `${appUrl}/invitation/${token}`,
          checkInQrSrc: qr?.src ?? null,
        });
        try {
          await prisma.$transaction(async (tx) => {
            // The delivery row is the claim: a second writer fails on its primary key and the whole transaction, email included, rolls back.
            await tx.reminderDelivery.create({ data: { reminderId: reminder.id, invitationId: invitation.id } });
            // A new link beside those sent before, which keep working.
            await tx.invitationLink.create({ data: { tokenHash: hashToken(token), invitationId: invitation.id } });
            await queueEmail(tx, email, qr ? [qr.attachment] : []);
          });
          queued++;
        } catch (error) {
          if ((error as { code?: string }).code !== "P2002") throw error;
        }
      }
      await prisma.eventReminder.update({ where: { id: reminder.id }, data: { completedAt: now } });
    }
  }
  return queued;
}
