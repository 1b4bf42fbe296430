import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** A random token for links sent by email: 32 bytes, URL-safe. */
export function createToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Tokens and other secrets are stored only as this hash. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * The check-in code in an invitation's QR code. It is not the personal link's
 * token (reminders rotate that one, and it lets someone answer), but an HMAC
 * of the invitation id with a server secret: stable for the invitation's life,
 * useless for anything but checking in, and not guessable from the id.
 * CHECKIN_SECRET sets the secret; without it one is made once and kept in
 * DATA_DIR (instances sharing a database must share it, as SESSION_SECRET).
 */
const CHECK_IN_PREFIX = "DURABLE-CHECKIN";
let checkInSecretCache: string | undefined;

function checkInSecret(): string {
  if (process.env.CHECKIN_SECRET) return process.env.CHECKIN_SECRET;
  if (checkInSecretCache) return checkInSecretCache;
  const file = resolve(process.env.DATA_DIR ?? "data", "checkin-secret");
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    // "wx": two processes starting at once do not overwrite each other's secret.
    try {
      writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  checkInSecretCache = readFileSync(file, "utf8").trim();
  return checkInSecretCache;
}

function checkInMac(invitationId: string): string {
  return createHmac("sha256", checkInSecret()).update(`checkin:${invitationId}`).digest("base64url").slice(0, 22);
}

/** The text of an invitation's QR code: "DURABLE-CHECKIN:<invitation id>.<mac>". */
export function checkInCode(invitationId: string): string {
  return `${CHECK_IN_PREFIX}:${invitationId}.${checkInMac(invitationId)}`;
}

/** The invitation id a scanned code stands for, or null when it is not one of ours or was tampered with. */
export function verifyCheckInCode(code: string): string | null {
  const match = /^DURABLE-CHECKIN:([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{22})$/.exec(code.trim());
  if (!match) return null;
  const expected = Buffer.from(checkInMac(match[1]));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? match[1] : null;
}
