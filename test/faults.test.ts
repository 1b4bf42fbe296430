// Faults in email delivery: the SMTP server down for a while, a worker process
// killed in the middle of a delivery, a worker slower than its lease. Real SMTP
// peer on loopback, real database, real OS processes; time moves forward by
// passing `now` to deliverDueEmails instead of waiting for the backoff.
import { spawn, type ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { prisma } from "~/db.server";
import { composeEmail } from "~/models/email.server";
import { deliverDueEmails, OUTBOX, queueEmail, retryDelayMs, type DeliveryReport } from "~/models/outbox.server";
import { createMailTransport, type MailTransport } from "~/utils/mailer.server";
import { startSmtpPeer, type SmtpPeer } from "./helpers/smtp";

// Retries and refusals are the point here: keep their log lines out of the test output.
process.env.LOG_LEVEL = "error";

let peer: SmtpPeer;
const transports: MailTransport[] = [];
const children: ChildProcess[] = [];

function transport() {
  const created = createMailTransport(peer.url);
  transports.push(created);
  return created;
}

beforeAll(async () => {
  peer = await startSmtpPeer();
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const created of transports) created.close();
  await peer.close();
});

beforeEach(async () => {
  await prisma.outboxMessage.deleteMany();
  peer.messages.length = 0;
  peer.failing = false;
  peer.beforeAccept = null;
  peer.afterAccept = null;
});

async function queueMessages(count: number): Promise<string[]> {
  const email = await composeEmail("verify-email", "x@example.org", { locale: "en", name: "Reader", verifyUrl: "https://durable.test/verify-email?token=t" });
  const rows = await prisma.$transaction(async (tx) => {
    const queued = [];
    for (let i = 0; i < count; i++) queued.push(await queueEmail(tx, { ...email, to: `reader-${i}@example.org` }));
    return queued;
  });
  return rows.map((row) => row.id);
}

/** What one worker does at time `now`: rounds until nothing more is due then (a round takes at most a batch). */
async function deliverAllDue(worker: MailTransport, now: Date): Promise<DeliveryReport> {
  const total: DeliveryReport = { sent: 0, failed: 0, retried: 0 };
  for (;;) {
    const report = await deliverDueEmails(worker, now);
    if (report.sent + report.failed + report.retried === 0) return total;
    total.sent += report.sent;
    total.failed += report.failed;
    total.retried += report.retried;
  }
}

const messageIdOf = (id: string) => `<${id}@durable>`;
const row = (id: string) => prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
const later = (time: Date, ms: number) => new Date(time.getTime() + ms);

/** The outbox worker in an OS process of its own, as in the app, delivering to the test's peer. */
function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "test/helpers/outbox-worker.ts"], {
    env: { ...process.env, SMTP_URL: peer.url, LOG_LEVEL: "error" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  return child;
}

async function killHard(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
  // Let the SMTP peer see the connection drop.
  await sleep(100);
}

describe("SMTP down for a while, then back", () => {
  const batchSize = OUTBOX.batchSize;
  afterEach(() => {
    OUTBOX.batchSize = batchSize;
  });

  it("delivers every one of 12 messages exactly once after refused connections and temporary failures, retrying only when each wait is over", async () => {
    // Small batches: each phase takes several rounds, as a long outbox would, with fewer messages to wait for.
    OUTBOX.batchSize = 5;
    const ids = await queueMessages(12);
    const first = transport();
    const second = transport();
    const start = new Date();

    // The server is down: connections are refused. Every message is kept for a retry.
    await peer.down();
    expect(await deliverAllDue(first, start)).toEqual({ sent: 0, failed: 0, retried: 12 });
    for (const saved of await prisma.outboxMessage.findMany()) {
      expect(saved).toMatchObject({ status: "PENDING", attempts: 1, sentAt: null, lockedUntil: null });
      expect(saved.lastError).toMatch(/ECONNREFUSED/);
      expect(saved.nextAttemptAt).toEqual(later(start, retryDelayMs(1)));
    }

    // It is back but answers "451 try again later". Nothing is tried before its wait is over.
    await peer.up();
    peer.failing = true;
    const second_try = later(start, retryDelayMs(1));
    expect(await deliverAllDue(first, later(second_try, -1))).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(await deliverAllDue(first, second_try)).toEqual({ sent: 0, failed: 0, retried: 12 });
    for (const saved of await prisma.outboxMessage.findMany()) {
      expect(saved).toMatchObject({ status: "PENDING", attempts: 2 });
      expect(saved.lastError).toMatch(/451/);
    }
    expect(peer.messages).toHaveLength(0);

    // It works again; two workers (two app instances) deliver at the same time.
    peer.failing = false;
    const third_try = later(second_try, retryDelayMs(2));
    const reports = await Promise.all([deliverAllDue(first, third_try), deliverAllDue(second, third_try)]);
    expect(reports[0].sent + reports[1].sent).toBe(12);
    expect(reports.every((r) => r.retried === 0 && r.failed === 0)).toBe(true);

    // A day later nothing is due: no second copy of anything.
    expect(await deliverAllDue(first, later(third_try, 86_400_000))).toEqual({ sent: 0, failed: 0, retried: 0 });
    const received = peer.messages.map((m) => m.messageId);
    expect(received).toHaveLength(12);
    expect(new Set(received)).toEqual(new Set(ids.map(messageIdOf)));
    const rows = await prisma.outboxMessage.findMany();
    expect(rows.every((r) => r.status === "SENT" && r.attempts === 3 && r.lastError === null)).toBe(true);
  });
});

describe("a worker killed in the middle of a delivery", () => {
  it("killed before the server accepted the message: nothing is lost, the claim passes to the next worker when its lease ends, and the message arrives once", async () => {
    const [id] = await queueMessages(1);
    let releaseServer!: () => void;
    const serverReleased = new Promise<void>((resolve) => (releaseServer = resolve));
    const arrived = new Promise<void>((resolve) => {
      peer.beforeAccept = async () => {
        resolve();
        await serverReleased;
      };
    });

    const worker = startWorkerProcess();
    await arrived;
    // The worker has sent the message and waits for the server's reply.
    expect(await row(id)).toMatchObject({ status: "SENDING", attempts: 1, sentAt: null });
    await killHard(worker);
    releaseServer();

    // Within the lease nobody else touches it: the claim's owner might still be sending.
    const next = transport();
    expect(await deliverDueEmails(next)).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(peer.messages).toHaveLength(0);

    // Once the lease has run out, the next worker takes it over and delivers it.
    peer.beforeAccept = null;
    expect(await deliverDueEmails(next, later(new Date(), OUTBOX.lockMs + 1000))).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(peer.messages.map((m) => m.messageId)).toEqual([messageIdOf(id)]);
    expect(await row(id)).toMatchObject({ status: "SENT", attempts: 2, lockedUntil: null });
  });

  it("killed after the server accepted the message but before marking it sent: the next worker sends it again, with the same Message-ID (at least once, never lost)", async () => {
    const [id] = await queueMessages(1);
    let worker: ChildProcess | null = null;
    const accepted = new Promise<void>((resolve) => {
      // The server has the message; its "250 OK" never reaches the worker.
      peer.afterAccept = async () => {
        await killHard(worker!);
        resolve();
      };
    });
    worker = startWorkerProcess();
    await accepted;
    peer.afterAccept = null;
    expect(peer.messages).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: "SENDING", attempts: 1, sentAt: null });

    const next = transport();
    expect(await deliverDueEmails(next, later(new Date(), OUTBOX.lockMs + 1000))).toEqual({ sent: 1, failed: 0, retried: 0 });
    // Two copies, recognisable as one message by their Message-ID; then no more.
    expect(peer.messages.map((m) => m.messageId)).toEqual([messageIdOf(id), messageIdOf(id)]);
    expect(await deliverDueEmails(next, later(new Date(), 86_400_000))).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(await row(id)).toMatchObject({ status: "SENT", attempts: 2 });
  });
});

describe("a slow delivery", () => {
  const lockMs = OUTBOX.lockMs;
  afterEach(() => {
    OUTBOX.lockMs = lockMs;
  });

  it("a worker still sending keeps renewing its claim, so another worker does not send the same message meanwhile", async () => {
    OUTBOX.lockMs = 600;
    const [id] = await queueMessages(1);
    let releaseServer!: () => void;
    const serverReleased = new Promise<void>((resolve) => (releaseServer = resolve));
    const arrived = new Promise<void>((resolve) => {
      peer.beforeAccept = async () => {
        resolve();
        await serverReleased;
      };
    });

    const slow = deliverDueEmails(transport());
    await arrived;
    // Three leases' time later, another worker finds the message still claimed.
    await sleep(3 * OUTBOX.lockMs);
    expect(await deliverDueEmails(transport())).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect((await row(id)).lockedUntil!.getTime()).toBeGreaterThan(Date.now());

    releaseServer();
    expect(await slow).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(peer.messages.map((m) => m.messageId)).toEqual([messageIdOf(id)]);
    expect(await row(id)).toMatchObject({ status: "SENT", attempts: 1 });
  });
});
