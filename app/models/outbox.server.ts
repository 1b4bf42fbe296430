import { EventEmitter } from "node:events";
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { ComposedEmail } from "~/models/email.server";
import { pruneAttempts } from "~/models/rate-limit.server";
import { errorFields, log } from "~/utils/log.server";
import { createMailTransport, mailFrom, type MailTransport } from "~/utils/mailer.server";

/**
 * The outbox: every email is a row written in the same transaction as the
 * change that causes it, so a change is never saved without its email nor an
 * email sent for a change that was rolled back. The worker below delivers.
 *
 * What delivery guarantees (test/faults.test.ts shows each case):
 * - No message is lost. A worker claims a message under a lease (lockedUntil)
 *   that it renews while it is sending; if the worker dies, the lease runs
 *   out after OUTBOX.lockMs and the next worker (this instance after a
 *   restart, or another one) takes the message over. SMTP failures, refused
 *   connections and 4xx answers alike, are retried with backoff.
 * - No message is sent twice while the workers live: a claim is a conditional
 *   update, so two workers never hold the same message at once, and a worker
 *   never outlives its lease unnoticed (it renews it, and an expired claim
 *   cannot overwrite the outcome of the worker that took it over).
 * - A worker killed before the SMTP server accepted a message (while
 *   connecting or sending, or while the server is still deciding, for a
 *   server that drops a transaction whose client has gone) causes no
 *   duplicate: the server did not take it, the next worker sends it once.
 * - A worker killed after the server accepted a message but before the row
 *   says SENT (milliseconds, or a "250 OK" that never arrived: a server that
 *   has queued the message before replying counts as having accepted it)
 *   causes a second copy when the next worker sends it again: closing that
 *   window needs a two-phase commit that SMTP does not have. So delivery is
 *   at least once, and the copy carries the same Message-ID (<id@durable>),
 *   by which mail systems and mail clients recognise it as the same message.
 */

export type Attachment = {
  filename: string;
  contentType: string;
  content: string /* base64 */;
  /** Content-ID of an image shown inside the HTML (src="cid:…"), e.g. the check-in QR code. */
  cid?: string;
};

export const OUTBOX = {
  maxAttempts: 10,
  /** How long a message that could not be delivered keeps its text (for a look at what failed) before it is redacted too. */
  failedRetentionDays: Math.max(0, Number(process.env.OUTBOX_FAILED_RETENTION_DAYS) || 7),
  /** How long a worker's claim on a message lasts unless it renews it (every third of this while sending); past this, another takes the message over. */
  lockMs: 2 * 60_000,
  batchSize: 20,
};

const wake = new EventEmitter();

function outboxRow(email: ComposedEmail, attachments: Attachment[] = []) {
  return { template: email.template, toAddress: email.to, subject: email.subject, html: email.html, text: email.text, attachments: JSON.stringify(attachments) };
}

/** Queues an email inside the caller's transaction. */
export async function queueEmail(
  tx: Pick<Prisma.TransactionClient, "outboxMessage">,
  email: ComposedEmail,
  attachments: Attachment[] = [],
) {
  const message = await tx.outboxMessage.create({ data: outboxRow(email, attachments) });
  // Deliver soon, but only after the transaction has had time to commit.
  setImmediate(() => wake.emit("queued"));
  return message;
}

/** Queues many emails with one statement (the background invitation sender's batches). */
export async function queueEmails(tx: Pick<Prisma.TransactionClient, "outboxMessage">, emails: Array<{ email: ComposedEmail; attachments?: Attachment[] }>) {
  if (!emails.length) return 0;
  const { count } = await tx.outboxMessage.createMany({ data: emails.map(({ email, attachments }) => outboxRow(email, attachments)) });
  setImmediate(() => wake.emit("queued"));
  return count;
}

/** Seconds to wait before attempt n+1 after n failed attempts: 30 s, 1 min, 2 min, … at most an hour. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, failedAttempts - 1), 60 * 60_000);
}

export type DeliveryReport = { sent: number; failed: number; retried: number };

/**
 * Delivers the messages that are due. Each message is first claimed with a
 * conditional update, so two workers (or two app instances) never send the
 * same one; a message is marked sent right after the server accepted it. It
 * carries a stable Message-ID, so the rare retry after a crash between those
 * two steps is recognisable as the same message. `now` is the time the round
 * starts (tests move it forward instead of waiting); leases count from the
 * moment of each claim, so a long round cannot claim with an expired lease.
 */
export async function deliverDueEmails(transport: MailTransport, now = new Date()): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, retried: 0 };
  const startedAt = Date.now();
  const clock = () => new Date(now.getTime() + (Date.now() - startedAt));
  const leaseEnd = () => new Date(clock().getTime() + OUTBOX.lockMs);
  const due = await prisma.outboxMessage.findMany({
    where: {
      OR: [
        { status: "PENDING", nextAttemptAt: { lte: now } },
        { status: "SENDING", lockedUntil: { lt: now } },
      ],
    },
    orderBy: { createdAt: "asc" },
    take: OUTBOX.batchSize,
  });
  for (const message of due) {
    const claimed = await prisma.outboxMessage.updateMany({
      where: { id: message.id, status: message.status, attempts: message.attempts },
      data: { status: "SENDING", lockedUntil: leaseEnd(), attempts: { increment: 1 } },
    });
    if (claimed.count !== 1) continue;
    const attempts = message.attempts + 1;
    // This worker's claim: the row as it left it. Another worker that took the message over has changed it.
    const claim = { id: message.id, status: "SENDING" as const, attempts };
    const renewal = setInterval(() => {
      prisma.outboxMessage.updateMany({ where: claim, data: { lockedUntil: leaseEnd() } }).catch(() => undefined);
    }, OUTBOX.lockMs / 3);
    renewal.unref();
    const sendStarted = Date.now();
    const logged = { messageId: message.id, template: message.template, attempt: attempts };
    try {
      const attachments = (JSON.parse(message.attachments) as Attachment[]).map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: Buffer.from(a.content, "base64"),
        ...(a.cid ? { cid: a.cid } : {}),
      }));
      await transport.send({
        from: mailFrom(),
        to: message.toAddress,
        subject: message.subject,
        html: message.html,
        text: message.text,
        messageId: `<${message.id}@durable>`,
        attachments,
      });
    } catch (error) {
      clearInterval(renewal);
      const giveUp = attempts >= OUTBOX.maxAttempts;
      const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempts));
      // Only while the claim is still ours: a worker whose lease ran out must not undo the delivery of the one that took over.
      const updated = await prisma.outboxMessage.updateMany({
        where: claim,
        data: {
          status: giveUp ? "FAILED" : "PENDING",
          lockedUntil: null,
          nextAttemptAt,
          lastError: describeError(error),
        },
      });
      if (updated.count !== 1) {
        log.warn("outbox.claim_lost", { ...logged, ...deliveryErrorFields(error) });
      } else if (giveUp) {
        report.failed++;
        log.error("outbox.failed", { ...logged, ...deliveryErrorFields(error) });
      } else {
        report.retried++;
        log.warn("outbox.retry", { ...logged, nextAttemptAt: nextAttemptAt.toISOString(), ...deliveryErrorFields(error) });
      }
      continue;
    }
    clearInterval(renewal);
    // The server has the message. If the database refuses to record that (busy,
    // unreachable), the message must not go back to PENDING for a quick retry:
    // it stays claimed, and only when its lease has run out is it sent again,
    // the same window as a crash at this point.
    try {
      await prisma.outboxMessage.update({
        where: { id: message.id },
        // Delivered: the text goes, with the personal links in it (credentials); who, what and when stay.
        data: { status: "SENT", sentAt: new Date(), lockedUntil: null, lastError: null, ...REDACTED },
      });
    } catch (error) {
      log.error("outbox.sent_unrecorded", { ...logged, ...errorFields(error), stack: undefined });
      continue;
    }
    report.sent++;
    log.info("outbox.sent", { ...logged, ms: Date.now() - sendStarted });
  }
  return report;
}

/**
 * What the log says about a failed delivery: the kind of failure and the
 * server's reply code, not the message text, which can quote the recipient.
 */
function deliveryErrorFields(error: unknown) {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  return {
    error: typeof code === "string" ? code : error instanceof Error ? error.name : typeof error,
    responseCode: typeof responseCode === "number" ? responseCode : undefined,
  };
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 1000);
}

/** What a message keeps once its text is no longer needed. */
const REDACTED = { html: "", text: "", attachments: "[]" } as const;

/**
 * Messages that could not be delivered keep their text for a while (to see
 * what failed), then lose it like delivered ones. The worker calls this now
 * and then.
 */
export async function redactOldFailedEmails(now = new Date()) {
  const before = new Date(now.getTime() - OUTBOX.failedRetentionDays * 86_400_000);
  const { count } = await prisma.outboxMessage.updateMany({ where: { status: "FAILED", createdAt: { lt: before }, NOT: { text: "" } }, data: REDACTED });
  return count;
}

/**
 * Erasure: messages to an address leave no trace of it. Those not yet sent
 * are dropped; the others lose the address, the subject and the text. Returns
 * the ids of the messages, whose copies in the local mailbox go too.
 */
export async function forgetEmailsTo(tx: Pick<Prisma.TransactionClient, "outboxMessage">, address: string): Promise<string[]> {
  const messages = await tx.outboxMessage.findMany({ where: { toAddress: address }, select: { id: true } });
  await tx.outboxMessage.deleteMany({ where: { toAddress: address, status: "PENDING" } });
  await tx.outboxMessage.updateMany({ where: { toAddress: address }, data: { ...REDACTED, toAddress: "", subject: "", lastError: null } });
  return messages.map((m) => m.id);
}

export type OutboxWorker = { stop(): Promise<void>; runOnce(): Promise<DeliveryReport> };

/**
 * The background loop: delivers due messages every few seconds and at once
 * when something is queued in this process. One per process; `npm start`
 * starts it with the server.
 */
export function startOutboxWorker(options: { intervalMs?: number; transport?: MailTransport } = {}): OutboxWorker {
  const global = globalThis as unknown as { durableOutboxWorker?: OutboxWorker };
  if (global.durableOutboxWorker) return global.durableOutboxWorker;
  const intervalMs = options.intervalMs ?? Number(process.env.OUTBOX_INTERVAL_MS || 5000);
  const transport = options.transport ?? createMailTransport();
  let running: Promise<DeliveryReport> | null = null;
  let again = false;
  let stopped = false;
  let lastPrune = 0;

  const runOnce = async (): Promise<DeliveryReport> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total: DeliveryReport = { sent: 0, failed: 0, retried: 0 };
      do {
        again = false;
        const report = await deliverDueEmails(transport);
        total = { sent: total.sent + report.sent, failed: total.failed + report.failed, retried: total.retried + report.retried };
      } while (again && !stopped);
      if (Date.now() - lastPrune > 60 * 60_000) {
        lastPrune = Date.now();
        await pruneAttempts();
        await redactOldFailedEmails();
      }
      return total;
    })();
    try {
      return await running;
    } catch (error) {
      log.error("outbox.round_failed", errorFields(error));
      return { sent: 0, failed: 0, retried: 0 };
    } finally {
      running = null;
    }
  };

  const onQueued = () => void runOnce();
  wake.on("queued", onQueued);
  const timer = setInterval(() => void runOnce(), intervalMs);
  timer.unref();
  void runOnce();

  const worker: OutboxWorker = {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      wake.off("queued", onQueued);
      if (running) await running.catch(() => undefined);
      transport.close();
      delete global.durableOutboxWorker;
    },
  };
  global.durableOutboxWorker = worker;
  log.info("outbox.started", { transport: transport.kind, intervalMs });
  return worker;
}
