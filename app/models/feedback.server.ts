import { prisma } from "~/db.server";
import { composeEmail } from "~/models/email.server";
import { queueEmail } from "~/models/outbox.server";
import { eventText } from "~/utils/events";
import type { FeedbackAnswer } from "~/utils/feedback";
import { isLocale, type Locale } from "~/utils/i18n";
import { createToken, hashToken } from "~/utils/tokens.server";

/**
 * The after-event questionnaire. Everyone checked in at least once gets one
 * email with a personal link, once: the FeedbackRequest row (unique per
 * event and person) is written in the same transaction as the email, so a
 * restart, a second scheduler or a second instance cannot send it again.
 *
 * Answers are anonymous: a FeedbackResponse names only the event, and the
 * request it came from only records that it was used (a flag, no time), so
 * nothing in the database ties an answer to a person.
 */

const DAY = 86_400_000;
/** Events that ended longer ago than this get no questionnaire (e.g. when the feature is first switched on). */
const SEND_WITHIN_DAYS = 14;
/** A link works this long after the event ended. */
const ANSWER_WITHIN_DAYS = 60;

/** Queues the questionnaire for everyone who attended an event that has ended. Returns how many were queued. */
export async function sendFeedbackRequests(appUrl: string, now = new Date()): Promise<number> {
  const events = await prisma.event.findMany({
    where: {
      status: { in: ["PUBLISHED", "COMPLETED"] },
      endsAt: { lte: now, gt: new Date(now.getTime() - SEND_WITHIN_DAYS * DAY) },
    },
    include: { translations: true },
  });
  let queued = 0;
  for (const event of events) {
    const attendees = await prisma.person.findMany({
      where: {
        attendances: { some: { eventId: event.id } },
        feedbackRequests: { none: { eventId: event.id } },
        email: { not: null },
        erasedAt: null,
      },
      select: { id: true, name: true, email: true, locale: true },
    });
    for (const person of attendees) {
      const locale: Locale = isLocale(person.locale) ? person.locale : "sq";
      const token = createToken();
      const email = await composeEmail("feedback-request", person.email!, {
        locale,
        name: person.name,
        title: eventText(event.translations, locale).title,
        url: `${appUrl}/feedback/${token}`,
      });
      try {
        await prisma.$transaction(async (tx) => {
          // The request row is the claim: a second sender fails on the unique key and its email rolls back with it.
          await tx.feedbackRequest.create({ data: { eventId: event.id, personId: person.id, tokenHash: hashToken(token), sentAt: now } });
          await queueEmail(tx, email);
        });
        queued++;
      } catch (error) {
        if ((error as { code?: string }).code !== "P2002") throw error;
      }
    }
  }
  return queued;
}

export type FeedbackLink =
  | { ok: true; requestId: string; eventId: string; title: string; answered: boolean }
  | { ok: false; error: "invalid" };

/** What the personal link opens; reading it changes nothing. */
export async function feedbackByToken(token: string, locale: Locale, now = new Date()): Promise<FeedbackLink> {
  if (!token || token.length > 200) return { ok: false, error: "invalid" };
  const request = await prisma.feedbackRequest.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { event: { include: { translations: true } } },
  });
  if (!request || request.event.endsAt.getTime() + ANSWER_WITHIN_DAYS * DAY < now.getTime()) return { ok: false, error: "invalid" };
  return { ok: true, requestId: request.id, eventId: request.eventId, title: eventText(request.event.translations, locale).title, answered: request.answered };
}


/**
 * Records an answer: once per link. The request is marked used with a
 * conditional update, so two submissions at the same moment give one
 * answer; the answer itself is written without any reference to the person.
 */
export async function answerFeedback(token: string, answer: FeedbackAnswer, now = new Date()): Promise<{ ok: true } | { ok: false; error: "invalid" | "alreadyAnswered" }> {
  const link = await feedbackByToken(token, "en", now);
  if (!link.ok) return link;
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.feedbackRequest.updateMany({ where: { id: link.requestId, answered: false }, data: { answered: true } });
    if (claimed.count === 0) return { ok: false as const, error: "alreadyAnswered" as const };
    await tx.feedbackResponse.create({
      data: { eventId: link.eventId, satisfaction: answer.satisfaction, learnt: answer.learnt, improve: answer.improve },
    });
    return { ok: true as const };
  });
}
