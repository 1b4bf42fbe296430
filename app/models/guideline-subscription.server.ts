import { contentLanguage, inReaderScript } from "~/utils/content-language";
import { prisma } from "~/db.server";
import { consumeAttempt } from "~/models/rate-limit.server";
import { recordAudit } from "~/models/audit.server";
import { composeEmail } from "~/models/email.server";
import { queueEmail } from "~/models/outbox.server";
import { isLocale, type Locale } from "~/utils/i18n";
import { createToken, hashToken } from "~/utils/tokens.server";

/**
 * Following a guideline by email. Anyone may ask; nothing is sent about new
 * versions until the address is confirmed through the link emailed to it.
 * The link's token is stored only as its hash, and opening the link changes
 * nothing (mail scanners open links): the reader presses a button.
 */

export type SubscribeOutcome = { ok: true } | { ok: false; error: "notFound" } | { ok: false; error: "tooMany"; retryAfterSeconds: number };

/**
 * Asks to follow a guideline. The answer is the same whether or not the
 * address already follows it, so the form reveals nothing about who does.
 * Each request sends an email to an address anyone may type: one per address
 * and then a pause, and a limit per client address (LIMITS).
 */
export async function subscribe(
  guidelineSlug: string,
  emailAddress: string,
  locale: Locale,
  baseUrl: string,
  address: string | null = null,
): Promise<SubscribeOutcome> {
  const email = emailAddress.trim().toLowerCase();
  if (!(await prisma.guideline.findUnique({ where: { slug: guidelineSlug }, select: { id: true } }))) return { ok: false, error: "notFound" };
  const limited = await consumeAttempt([
    { limit: "subscribeEmail", key: email },
    { limit: "subscribeAddress", key: address },
  ]);
  if (!limited.ok) return { ok: false, error: "tooMany", retryAfterSeconds: limited.retryAfterSeconds };
  return prisma.$transaction(async (tx) => {
    const guideline = await tx.guideline.findUnique({ where: { slug: guidelineSlug } });
    if (!guideline) return { ok: false as const, error: "notFound" as const };
    const existing = await tx.guidelineSubscription.findUnique({ where: { guidelineId_email: { guidelineId: guideline.id, email } } });
    if (existing?.confirmedAt) return { ok: true as const };
    const token = createToken();
    if (existing) {
      await tx.guidelineSubscription.update({ where: { id: existing.id }, data: { tokenHash: hashToken(token), locale } });
    } else {
      await tx.guidelineSubscription.create({ data: { guidelineId: guideline.id, email, locale, tokenHash: hashToken(token) } });
    }
    const message = await composeEmail("guideline-subscription", email, {
      locale,
      // The guideline's title is in its own language: transliterated for Cyrillic readers only when Serbian.
      title: inReaderScript(guideline.title, contentLanguage(guideline.sourceLocale), locale),
      confirmUrl: `${baseUrl}/guidelines/subscription?token=${token}`,
    });
    await queueEmail(tx, message);
    return { ok: true as const };
  });
}

/** What a subscription link is about, without changing anything. */
export async function subscriptionByToken(token: string) {
  if (!token) return null;
  return prisma.guidelineSubscription.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { guideline: { select: { slug: true, title: true } } },
  });
}

export async function confirmSubscription(token: string): Promise<{ ok: true; slug: string } | { ok: false }> {
  const subscription = await subscriptionByToken(token);
  if (!subscription) return { ok: false };
  if (!subscription.confirmedAt) {
    await prisma.guidelineSubscription.update({ where: { id: subscription.id }, data: { confirmedAt: new Date() } });
  }
  return { ok: true, slug: subscription.guideline.slug };
}

export async function unsubscribe(token: string): Promise<{ ok: true; slug: string } | { ok: false }> {
  const subscription = await subscriptionByToken(token);
  if (!subscription) return { ok: false };
  await prisma.$transaction(async (tx) => {
    await tx.guidelineSubscription.delete({ where: { id: subscription.id } });
    // The address itself is not kept in the log.
    await recordAudit(tx, { actorId: null, action: "guideline.unsubscribed", subjectType: "Guideline", subjectId: subscription.guidelineId });
  });
  return { ok: true, slug: subscription.guideline.slug };
}

export const subscriberLocale = (locale: string): Locale => (isLocale(locale) ? locale : "en");
