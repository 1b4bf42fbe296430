import { isIPv6 } from "node:net";
import { prisma } from "~/db.server";
import { hashToken } from "~/utils/tokens.server";

/**
 * Rate limits on the forms anyone can post to: log-in, registration, password
 * reset requests, following a guideline and answers by personal link. Each counted attempt is a row
 * (a hash of the limit's name and key, and a time) in the database, so a limit
 * holds across restarts and across app instances sharing one database. The
 * table is called LoginFailure after its first use; renaming it was not worth
 * a migration. Keys are stored only as hashes: no email or address is kept.
 *
 * Attempts are counted after the check, so two requests racing past the last
 * free slot may both pass: a limit can be exceeded by the requests in flight
 * at that moment, which is harmless at these numbers.
 */
export type Limit = { windowMinutes: number; max: number };

export const LIMITS = {
  /**
   * Failed log-ins per account from one client address (a successful log-in
   * there clears them): a stranger guessing locks only themselves out, never
   * the owner on their own device.
   */
  loginAccountAddress: { windowMinutes: 15, max: 5 },
  /** Failed log-ins per client address, over all accounts. */
  loginAddress: { windowMinutes: 15, max: 20 },
  /**
   * Failed log-ins per account from anywhere: only a guess spread over many
   * addresses meets it, and then the account waits a while (decision 007).
   */
  loginAccount: { windowMinutes: 60, max: 100 },
  /**
   * Wrong second-factor codes per account (the password was right): a million
   * six-digit codes against 5 tries in 15 minutes (decision 025).
   */
  secondFactorAccount: { windowMinutes: 15, max: 5 },
  /** Registrations per email address (one creates the account, the rest are "already registered"). */
  registerEmail: { windowMinutes: 60, max: 5 },
  /** Registrations per client address: a workshop room registering together on one network stays well under it. */
  registerAddress: { windowMinutes: 60, max: 50 },
  /** Reset links asked for per email address: each sends an email, so this stops anyone flooding an inbox. */
  resetEmail: { windowMinutes: 60, max: 3 },
  /** Reset links asked for per client address, over all email addresses. */
  resetAddress: { windowMinutes: 60, max: 20 },
  /** Confirmation emails for following a guideline, per email address: one, then a pause, so nobody can flood a stranger's inbox. */
  subscribeEmail: { windowMinutes: 10, max: 1 },
  /** Requests to follow a guideline per client address, over all email addresses. */
  subscribeAddress: { windowMinutes: 60, max: 20 },
  /** Answers per personal invitation link: a person changing their mind a few times never meets it. */
  answerToken: { windowMinutes: 10, max: 10 },
  /**
   * Answers with a link that is not (or no longer) valid, per client address.
   * Only these count: a valid link is a credential of 256 random bits, so a
   * crowd answering by their own links behind one network address (a
   * workshop's Wi-Fi, a municipality's office) is never held up by it.
   */
  answerAddress: { windowMinutes: 10, max: 30 },
} as const satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;

/** One limit applied to one key (an email, an address, a token). A null key, e.g. an unknown client address, is not limited. */
export type Counter = { limit: LimitName; key: string | null };

export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * The part of a client address that identifies one client: IPv4 as is, IPv6
 * by its /64 network, since one home or phone gets a whole /64 and could
 * otherwise step around a limit by changing the rest.
 */
export function addressKey(address: string): string {
  const plain = address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
  if (!isIPv6(plain)) return plain;
  const [head, tail = ""] = plain.toLowerCase().split("%")[0].split("::");
  const left = head ? head.split(":") : [];
  const right = plain.includes("::") && tail ? tail.split(":") : [];
  const groups = plain.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

function keyHash({ limit, key }: { limit: LimitName; key: string }): string {
  const normalised = limit.endsWith("Address") ? addressKey(key) : key;
  return hashToken(`rate-limit:${limit}:${normalised}`);
}

function active(counters: Counter[]): Array<{ limit: LimitName; key: string }> {
  return counters.filter((c): c is { limit: LimitName; key: string } => !!c.key);
}

/** Seconds until every counter allows another attempt; 0 when one is allowed now. */
export async function retryAfterSeconds(counters: Counter[], now = new Date()): Promise<number> {
  let wait = 0;
  for (const counter of active(counters)) {
    const { windowMinutes, max } = LIMITS[counter.limit];
    const windowMs = windowMinutes * 60_000;
    const recent = await prisma.loginFailure.findMany({
      where: { keyHash: keyHash(counter), createdAt: { gt: new Date(now.getTime() - windowMs) } },
      orderBy: { createdAt: "desc" },
      take: max,
      select: { createdAt: true },
    });
    if (recent.length >= max) {
      // Allowed again when the oldest of the last `max` attempts leaves the window.
      const until = recent[recent.length - 1].createdAt.getTime() + windowMs;
      wait = Math.max(wait, Math.ceil((until - now.getTime()) / 1000));
    }
  }
  return wait;
}

/** Counts one attempt against each counter. */
export async function countAttempt(counters: Counter[], now = new Date()) {
  const rows = active(counters).map((counter) => ({ keyHash: keyHash(counter), createdAt: now }));
  if (rows.length) await prisma.loginFailure.createMany({ data: rows });
}

export type Reservation = { ok: true; release: () => Promise<void> } | { ok: false; retryAfterSeconds: number };

/**
 * Counts an attempt before it is made, so that attempts in flight at the same
 * moment count against each other: of 30 guesses sent at once against a limit
 * of 5, at most 5 are tried (each sees at least its own row and those of
 * every attempt reserved before it). A refused attempt leaves no row.
 * `release()` takes the attempt back once it turned out not to be a failure
 * (the right password).
 */
export async function reserveAttempt(counters: Counter[], now = new Date()): Promise<Reservation> {
  const mine: Array<{ id: string; createdAt: Date; keyHash: string; limit: LimitName }> = [];
  for (const counter of active(counters)) {
    const row = await prisma.loginFailure.create({ data: { keyHash: keyHash(counter), createdAt: new Date() }, select: { id: true, createdAt: true, keyHash: true } });
    mine.push({ ...row, limit: counter.limit });
  }
  const release = async () => {
    await prisma.loginFailure.deleteMany({ where: { id: { in: mine.map((row) => row.id) } } });
  };
  for (const row of mine) {
    const { windowMinutes, max } = LIMITS[row.limit];
    // This attempt's place among the window's attempts, in the order they were made.
    const place = await prisma.loginFailure.count({
      where: {
        keyHash: row.keyHash,
        createdAt: { gt: new Date(now.getTime() - windowMinutes * 60_000) },
        OR: [{ createdAt: { lt: row.createdAt } }, { createdAt: row.createdAt, id: { lte: row.id } }],
      },
    });
    if (place > max) {
      await release();
      return { ok: false, retryAfterSeconds: Math.max(1, await retryAfterSeconds(counters, now)) };
    }
  }
  return { ok: true, release };
}

/** Checks every counter and, when all allow it, counts the attempt. A refused attempt is not counted. */
export async function consumeAttempt(counters: Counter[], now = new Date()): Promise<Verdict> {
  const wait = await retryAfterSeconds(counters, now);
  if (wait > 0) return { ok: false, retryAfterSeconds: wait };
  await countAttempt(counters, now);
  return { ok: true };
}

/** Forgets a key's attempts (a successful log-in forgets the account's failures). */
export async function forgetAttempts(counter: Counter) {
  if (!counter.key) return;
  await prisma.loginFailure.deleteMany({ where: { keyHash: keyHash({ limit: counter.limit, key: counter.key }) } });
}

/** Whole minutes to tell a person to wait, never 0. */
export function minutesToWait(retryAfterSeconds: number): number {
  return Math.max(1, Math.ceil(retryAfterSeconds / 60));
}

/**
 * An answer by personal link. While an address has sent too many answers
 * with links that are not valid, every answer from it is refused, valid or
 * not: otherwise the refusal itself would tell someone guessing links which
 * guesses were right. `token` is null when the link is not valid.
 */
export async function admitLinkAnswer({ token, address }: { token: string | null; address: string | null }, now = new Date()): Promise<Verdict> {
  const byAddress: Counter = { limit: "answerAddress", key: address };
  const wait = await retryAfterSeconds([byAddress], now);
  if (wait > 0) return { ok: false, retryAfterSeconds: wait };
  if (!token) {
    await countAttempt([byAddress], now);
    return { ok: true };
  }
  return consumeAttempt([{ limit: "answerToken", key: token }], now);
}

/** Old attempts are of no use; the outbox worker's loop calls this now and then. */
export async function pruneAttempts(now = new Date()) {
  const longest = Math.max(...Object.values(LIMITS).map((l) => l.windowMinutes));
  await prisma.loginFailure.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - longest * 60_000) } } });
}
