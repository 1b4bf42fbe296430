import { prisma } from "~/db.server";
import { hashToken } from "~/utils/tokens.server";

/**
 * Repeated failed logins lock an account (by email) or a client address for a
 * while. Failures are kept in the database, keyed by hashes, so a lockout
 * holds across restarts and across app instances.
 */
export const THROTTLE = {
  windowMinutes: 15,
  maxPerAccount: 5,
  maxPerAddress: 20,
};

export type ThrottleKeys = { email: string; address: string | null };

function keys({ email, address }: ThrottleKeys) {
  const account = hashToken(`account:${email.trim().toLowerCase()}`);
  return { account, address: address ? hashToken(`address:${address}`) : null };
}

/** Minutes until another try is allowed, or 0 when trying is allowed now. */
export async function lockoutMinutes(who: ThrottleKeys, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);
  const { account, address } = keys(who);
  const checks: Array<[string, number]> = [[account, THROTTLE.maxPerAccount]];
  if (address) checks.push([address, THROTTLE.maxPerAddress]);
  let wait = 0;
  for (const [keyHash, max] of checks) {
    const failures = await prisma.loginFailure.findMany({
      where: { keyHash, createdAt: { gt: since } },
      orderBy: { createdAt: "desc" },
      take: max,
      select: { createdAt: true },
    });
    if (failures.length >= max) {
      // Locked until the oldest of the last `max` failures leaves the window.
      const oldest = failures[failures.length - 1].createdAt.getTime();
      const until = oldest + THROTTLE.windowMinutes * 60_000;
      wait = Math.max(wait, Math.ceil((until - now.getTime()) / 60_000));
    }
  }
  return wait;
}

export async function recordLoginFailure(who: ThrottleKeys, now = new Date()) {
  const { account, address } = keys(who);
  await prisma.loginFailure.createMany({
    data: [account, address].filter((k): k is string => !!k).map((keyHash) => ({ keyHash, createdAt: now })),
  });
}

/** A successful login forgets the account's failures (not the address's). */
export async function clearAccountFailures(email: string) {
  await prisma.loginFailure.deleteMany({ where: { keyHash: keys({ email, address: null }).account } });
}

/** Old failures are of no use; the outbox worker's loop calls this now and then. */
export async function pruneLoginFailures(now = new Date()) {
  const before = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000 * 2);
  await prisma.loginFailure.deleteMany({ where: { createdAt: { lt: before } } });
}
