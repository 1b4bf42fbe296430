import { EventEmitter } from "node:events";
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { ComposedEmail } from "~/models/email.server";
import { pruneLoginFailures } from "~/models/login-throttle.server";
import { createMailTransport, mailFrom, type MailTransport } from "~/utils/mailer.server";

/**
 * The outbox: every email is a row written in the same transaction as the
 * change that causes it, so a change is never saved without its email nor an
 * email sent for a change that was rolled back. The worker below delivers.
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
  /** How long a worker owns a message it is sending; past this, another may retry it. */
  lockMs: 2 * 60_000,
  batchSize: 20,
};

const wake = new EventEmitter();

/** Queues an email inside the caller's transaction. */
export async function queueEmail(
  tx: Pick<Prisma.TransactionClient, "outboxMessage">,
  email: ComposedEmail,
  attachments: Attachment[] = [],
) {
  const message = await tx.outboxMessage.create({
    data: {
      template: email.template,
      toAddress: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      attachments: JSON.stringify(attachments),
    },
  });
  // Deliver soon, but only after the transaction has had time to commit.
  setImmediate(() => wake.emit("queued"));
  return message;
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
 * two steps is recognisable as the same message.
 */
export async function deliverDueEmails(transport: MailTransport, now = new Date()): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, retried: 0 };
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
      data: { status: "SENDING", lockedUntil: new Date(now.getTime() + OUTBOX.lockMs), attempts: { increment: 1 } },
    });
    if (claimed.count !== 1) continue;
    const attempts = message.attempts + 1;
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
      await prisma.outboxMessage.update({
        where: { id: message.id },
        data: { status: "SENT", sentAt: new Date(), lockedUntil: null, lastError: null },
      });
      report.sent++;
    } catch (error) {
      const giveUp = attempts >= OUTBOX.maxAttempts;
      await prisma.outboxMessage.update({
        where: { id: message.id },
        data: {
          status: giveUp ? "FAILED" : "PENDING",
          lockedUntil: null,
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
          lastError: describeError(error),
        },
      });
      if (giveUp) report.failed++;
      else report.retried++;
    }
  }
  return report;
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 1000);
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
        await pruneLoginFailures();
      }
      return total;
    })();
    try {
      return await running;
    } catch (error) {
      console.error("outbox: delivery round failed:", describeError(error));
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
  console.log(`outbox: delivering ${transport.kind === "smtp" ? "through SMTP" : "to the local mailbox"}`);
  return worker;
}
