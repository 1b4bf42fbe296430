// The outbox: emails are queued in the transaction of the change that causes
// them and delivered by deliverDueEmails to a real SMTP server on loopback
// (or to the local mailbox), with retries and without duplicates.
import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { prisma } from "~/db.server";
import sq from "~/locales/sq";
import { composeEmail } from "~/models/email.server";
import { listMailbox, readMail } from "~/models/mailbox.server";
import { deliverDueEmails, OUTBOX, queueEmail, redactOldFailedEmails, retryDelayMs } from "~/models/outbox.server";
import type { Locale } from "~/utils/i18n";
import { messages } from "~/utils/i18n.server";
import { createMailTransport, mailboxDir, removeFromMailbox, type MailTransport } from "~/utils/mailer.server";
import { startSmtpPeer, type SmtpPeer } from "./helpers/smtp";

const LINK = "https://durable.test/verify-email?token=outbox-test-token";

let peer: SmtpPeer;
let smtp: MailTransport;
const transports: MailTransport[] = [];

beforeAll(async () => {
  peer = await startSmtpPeer();
  smtp = createMailTransport(peer.url);
  transports.push(smtp);
});

afterAll(async () => {
  for (const transport of transports) transport.close();
  await peer.close();
});

beforeEach(async () => {
  // deliverDueEmails takes whatever is due: each test starts with an empty outbox.
  await prisma.outboxMessage.deleteMany();
  peer.messages.length = 0;
  peer.failing = false;
});

async function queueVerification(locale: Locale, to = `reader-${locale}@example.org`) {
  const email = await composeEmail("verify-email", to, { locale, name: "Reader", verifyUrl: LINK });
  return prisma.$transaction((tx) => queueEmail(tx, email));
}

const row = (id: string) => prisma.outboxMessage.findUniqueOrThrow({ where: { id } });

describe("what the outbox keeps", () => {
  it("keeps a message's text (and the personal links in it) only until it is delivered, and a failed one's for a week", async () => {
    const delivered = await queueVerification("en", "kept-until-sent@example.org");
    const failed = await queueVerification("en", "never-arrives@example.org");
    await prisma.outboxMessage.update({ where: { id: failed.id }, data: { status: "FAILED", attempts: OUTBOX.maxAttempts } });
    const local = createMailTransport(undefined);
    transports.push(local);
    await deliverDueEmails(local);
    expect(await row(delivered.id)).toMatchObject({ status: "SENT", html: "", text: "", attachments: "[]", toAddress: "kept-until-sent@example.org" });
    expect((await row(failed.id)).text).toContain(LINK);

    expect(await redactOldFailedEmails(new Date(Date.now() + (OUTBOX.failedRetentionDays - 1) * 86_400_000))).toBe(0);
    expect((await row(failed.id)).text).toContain(LINK);
    expect(await redactOldFailedEmails(new Date(Date.now() + (OUTBOX.failedRetentionDays + 1) * 86_400_000))).toBeGreaterThanOrEqual(1);
    expect(await row(failed.id)).toMatchObject({ status: "FAILED", html: "", text: "" });
    // The local mailbox is the next test's to count.
    removeFromMailbox([delivered.id]);
  });
});

describe("delivering through SMTP", () => {
  it("delivers a queued email once, with HTML and text in the reader's language and a stable Message-ID", async () => {
    const queued = await queueVerification("sq", "arta@example.org");
    expect(queued.status).toBe("PENDING");

    expect(await deliverDueEmails(smtp)).toEqual({ sent: 1, failed: 0, retried: 0 });
    const [mail] = await peer.waitFor(1);
    expect(mail.subject).toBe(sq.emails.verify.subject);
    expect(mail.messageId).toBe(`<${queued.id}@durable>`);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe("arta@example.org");
    expect(mail.html).toContain(LINK);
    expect(mail.html).toContain('lang="sq"');
    expect(mail.text).toContain(LINK);
    expect(mail.text).toContain(sq.emails.verify.body);

    expect(await row(queued.id)).toMatchObject({ status: "SENT", attempts: 1, lastError: null, lockedUntil: null });
    expect((await row(queued.id)).sentAt).toBeInstanceOf(Date);

    // Nothing is due any more: no second copy.
    expect(await deliverDueEmails(smtp, new Date(Date.now() + 24 * 3_600_000))).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(peer.messages).toHaveLength(1);
  });

  it("an email queued in a transaction that rolls back is never sent", async () => {
    const email = await composeEmail("verify-email", "rolled-back@example.org", { locale: "en", name: "Nobody", verifyUrl: LINK });
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.user.create({ data: { email: "rolled-back@example.org", name: "Nobody", passwordHash: "x" } });
        await queueEmail(tx, email);
        throw new Error("the change was refused");
      }),
    ).rejects.toThrow("the change was refused");

    expect(await prisma.outboxMessage.count()).toBe(0);
    expect(await prisma.user.count({ where: { email: "rolled-back@example.org" } })).toBe(0);
    expect(await deliverDueEmails(smtp)).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(peer.messages).toHaveLength(0);
  });

  it("keeps a message the server refused and delivers it exactly once when the server is back and the wait is over", async () => {
    const queued = await queueVerification("en");
    const now = new Date();
    peer.failing = true;

    expect(await deliverDueEmails(smtp, now)).toEqual({ sent: 0, failed: 0, retried: 1 });
    const refused = await row(queued.id);
    expect(refused).toMatchObject({ status: "PENDING", attempts: 1, sentAt: null, lockedUntil: null });
    expect(refused.lastError).toMatch(/451|temporarily unavailable/i);
    expect(refused.nextAttemptAt.getTime()).toBe(now.getTime() + retryDelayMs(1));
    expect(peer.messages).toHaveLength(0);

    // The server is back, but the message waits for its turn.
    peer.failing = false;
    expect(await deliverDueEmails(smtp, now)).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(await deliverDueEmails(smtp, new Date(refused.nextAttemptAt.getTime() - 1))).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(peer.messages).toHaveLength(0);

    expect(await deliverDueEmails(smtp, refused.nextAttemptAt)).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(await deliverDueEmails(smtp, new Date(refused.nextAttemptAt.getTime() + 3_600_000))).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(peer.messages).toHaveLength(1);
    expect(peer.messages[0].messageId).toBe(`<${queued.id}@durable>`);
    expect(await row(queued.id)).toMatchObject({ status: "SENT", attempts: 2, lastError: null });
  });

  it(`waits longer after each failure and gives up after ${OUTBOX.maxAttempts} attempts`, async () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(OUTBOX.maxAttempts)).toBe(60 * 60_000);

    const queued = await queueVerification("sr");
    peer.failing = true;
    let now = new Date();
    for (let attempt = 1; attempt <= OUTBOX.maxAttempts; attempt++) {
      const report = await deliverDueEmails(smtp, now);
      const saved = await row(queued.id);
      expect(saved.attempts).toBe(attempt);
      if (attempt < OUTBOX.maxAttempts) {
        expect(report).toEqual({ sent: 0, failed: 0, retried: 1 });
        expect(saved.status).toBe("PENDING");
        expect(saved.nextAttemptAt.getTime() - now.getTime()).toBe(retryDelayMs(attempt));
      } else {
        expect(report).toEqual({ sent: 0, failed: 1, retried: 0 });
        expect(saved.status).toBe("FAILED");
        expect(saved.lastError).toBeTruthy();
      }
      now = saved.nextAttemptAt;
    }

    // A failed message stays failed, even once the server works again.
    peer.failing = false;
    expect(await deliverDueEmails(smtp, new Date(now.getTime() + 24 * 3_600_000))).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(peer.messages).toHaveLength(0);
    expect(await row(queued.id)).toMatchObject({ status: "FAILED", attempts: OUTBOX.maxAttempts });
  });

  it("two workers running at once deliver each message exactly once", async () => {
    const count = 10;
    const email = await composeEmail("verify-email", "x@example.org", { locale: "en", name: "Many", verifyUrl: LINK });
    await prisma.$transaction(async (tx) => {
      for (let i = 0; i < count; i++) await queueEmail(tx, { ...email, to: `many-${i}@example.org` });
    });
    const other = createMailTransport(peer.url);
    transports.push(other);

    const reports = await Promise.all([deliverDueEmails(smtp), deliverDueEmails(other)]);
    expect(reports[0].sent + reports[1].sent).toBe(count);
    expect(peer.messages).toHaveLength(count);
    expect(new Set(peer.messages.map((m) => m.messageId)).size).toBe(count);
    const rows = await prisma.outboxMessage.findMany();
    expect(rows.every((r) => r.status === "SENT" && r.attempts === 1)).toBe(true);
  });
});

describe("delivering to the local mailbox", () => {
  it("writes one .eml per message, never two for the same message, and the mailbox reads it back", async () => {
    const local = createMailTransport(undefined);
    transports.push(local);
    expect(local.kind).toBe("local");
    expect(mailboxDir()).toBe(resolve(process.env.MAILBOX_DIR!));
    const emlFiles = () => readdirSync(mailboxDir()).filter((f) => f.endsWith(".eml"));

    const queued = await queueVerification("sr-Cyrl", "milica@example.org");
    const { html, text, attachments } = await row(queued.id);
    expect(await deliverDueEmails(local)).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(emlFiles()).toHaveLength(1);

    // A crash between sending and marking sent (the text is still in the row then: it goes only
    // with the record of the delivery): the lock expires and the message is sent again.
    await prisma.outboxMessage.update({
      where: { id: queued.id },
      data: { status: "SENDING", sentAt: null, lockedUntil: new Date(Date.now() - 1000), html, text, attachments },
    });
    expect(await deliverDueEmails(local)).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(emlFiles()).toHaveLength(1);

    const subject = (messages["sr-Cyrl"].emails as { verify: { subject: string } }).verify.subject;
    const list = await listMailbox();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ to: "milica@example.org", subject });

    const mail = await readMail(list[0].id);
    expect(mail).not.toBeNull();
    expect(mail!.subject).toBe(subject);
    expect(mail!.html).toContain(LINK);
    expect(mail!.html).toContain('lang="sr-Cyrl"');
    expect(mail!.text).toContain(LINK);
    expect(await readMail("../../etc/passwd")).toBeNull();
    expect(await readMail("no-such-mail")).toBeNull();
  });
});
