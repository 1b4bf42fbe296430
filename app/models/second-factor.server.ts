import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { prisma } from "~/db.server";
import type { Role } from "~/generated/prisma/enums";
import { recordAudit } from "~/models/audit.server";
import { composeEmail } from "~/models/email.server";
import { queueEmail } from "~/models/outbox.server";
import { reserveAttempt } from "~/models/rate-limit.server";
import { checkCurrentPassword } from "~/models/user.server";
import type { Locale } from "~/utils/i18n";
import { refusals } from "~/utils/refusal";
import { seal, unseal } from "~/utils/secret-box.server";
import { hashToken } from "~/utils/tokens.server";
import type { SecurityChange } from "~emails/security-notice";

/**
 * The second factor (decision 025): time-based one-time passwords (RFC 6238:
 * HMAC-SHA-1, 6 digits, 30 seconds, the parameters every authenticator app
 * reads) computed and checked by the otpauth library, plus ten single-use
 * recovery codes stored as SHA-256 hashes. Any account may turn it on;
 * admins must have it (secondFactorRequired).
 */
const ISSUER = "Durable";
const PERIOD_SECONDS = 30;
/** A code of the step before or after now is taken too: phone clocks drift, and typing takes a while. */
const WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

export function secondFactorRequired(roles: readonly Role[]): boolean {
  return roles.includes("ADMIN");
}

export async function hasSecondFactor(userId: string): Promise<boolean> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } });
  return !!user?.totpEnabledAt;
}

function totpFor(email: string, base32: string): TOTP {
  return new TOTP({ issuer: ISSUER, label: email, algorithm: "SHA1", digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(base32) });
}

/** The 30-second step a code was made for, or null when it is none of the steps around `now`. */
export function matchingStep(email: string, base32: string, code: string, now = Date.now()): number | null {
  const delta = totpFor(email, base32).validate({ token: code, timestamp: now, window: WINDOW });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
}

/** A recovery code: 24 base32 characters (120 random bits, ASVS 2.6.2), shown in four groups. */
function newRecoveryCode(): string {
  const plain = new Secret({ size: 15 }).base32.toLowerCase();
  return plain.match(/.{6}/g)!.join("-");
}

/** Codes are compared as typed without case, spaces or dashes. */
function recoveryHash(code: string): string {
  return hashToken(`recovery:${code.toLowerCase().replace(/[\s-]/g, "")}`);
}

async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: recoveryHash(code) })) });
  return codes;
}

async function notify(tx: Tx, user: { email: string; name: string; locale: string }, change: SecurityChange, appUrl: string) {
  await queueEmail(tx, await composeEmail("security-notice", user.email, { locale: user.locale as Locale, name: user.name, change, settingsUrl: `${appUrl}/settings` }));
}

export type SecondFactorError = "alreadyOn" | "notStarted" | "badCode" | "locked" | "wrongPassword" | "requiredForAdmins" | "notOn";

/** How a refused second-factor step is said. */
export const SECOND_FACTOR_REFUSALS = refusals<SecondFactorError>({
  alreadyOn: { status: 409, message: "account.twoFactor.on" },
  notStarted: { status: 400, message: "account.twoFactor.notSetUp" },
  badCode: { status: 400, message: "account.twoFactor.badCode", field: "code" },
  locked: { status: 429, message: "auth.login.locked", field: "code" },
  wrongPassword: { status: 400, message: "account.password.wrongCurrent", field: "password" },
  requiredForAdmins: { status: 403, message: "account.twoFactor.adminCannotDisable" },
  notOn: { status: 400, message: "account.twoFactor.off" },
});

export type SetUp = { secret: string; uri: string; qrDataUrl: string };

/** What the set-up page shows for a key not yet confirmed: the QR code of its otpauth:// address, and the key for typing in. */
async function setUpOf(email: string, base32: string): Promise<SetUp> {
  const uri = totpFor(email, base32).toString();
  return { secret: base32.match(/.{1,4}/g)!.join(" "), uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 2, width: 240 }) };
}

/** The key being set up, if a set-up was started and not finished. */
export async function pendingSetUp(userId: string): Promise<SetUp | null> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  const base32 = user.totpPendingSecret ? unseal(user.totpPendingSecret) : null;
  return base32 && !user.totpEnabledAt ? setUpOf(user.email, base32) : null;
}

/** Starts setting up: a new random key (160 bits, RFC 4226's recommendation), kept until a code from it confirms it. */
export async function startSetUp(userId: string): Promise<{ ok: true; setUp: SetUp } | { ok: false; error: "alreadyOn" }> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  if (user.totpEnabledAt) return { ok: false, error: "alreadyOn" };
  const base32 = new Secret({ size: 20 }).base32;
  await prisma.user.update({ where: { id: userId }, data: { totpPendingSecret: seal(base32) } });
  return { ok: true, setUp: await setUpOf(user.email, base32) };
}

/** Turns the second factor on once a code from the new key is right; returns the recovery codes, shown once. */
export async function confirmSetUp(
  userId: string,
  code: string,
  appUrl: string,
  now = Date.now(),
): Promise<{ ok: true; recoveryCodes: string[] } | { ok: false; error: "alreadyOn" | "notStarted" | "badCode" }> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  if (user.totpEnabledAt) return { ok: false, error: "alreadyOn" };
  const base32 = user.totpPendingSecret ? unseal(user.totpPendingSecret) : null;
  if (!base32) return { ok: false, error: "notStarted" };
  const step = matchingStep(user.email, base32, code.replace(/\s/g, ""), now);
  if (step === null) return { ok: false, error: "badCode" };
  const recoveryCodes = await prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: { totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: new Date(now), totpLastStep: step },
    });
    const codes = await replaceRecoveryCodes(tx, userId);
    await recordAudit(tx, { actorId: userId, action: "user.second_factor_enabled", subjectType: "User", subjectId: userId });
    await notify(tx, user, "secondFactorEnabled", appUrl);
    return codes;
  });
  return { ok: true, recoveryCodes };
}

export type CodeCheck =
  | { ok: true; recoveryCodesLeft: number | null }
  | { ok: false; error: "badCode" }
  | { ok: false; error: "locked"; retryAfterSeconds: number };

/**
 * Checks a code from the app, or a recovery code, for a user whose second
 * factor is on. Each is taken once: an app code only for a newer time step
 * than the last one taken (ASVS 2.8.4), a recovery code only while unused.
 * A used app code tried again is refused, logged, and the owner is told
 * (ASVS 2.8.5). Wrong codes count against the account (5 in 15 minutes).
 * `recoveryCodesLeft` is null after an app code.
 */
export async function checkCode(userId: string, input: string, appUrl: string, now = Date.now()): Promise<CodeCheck> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  const base32 = user.totpSecret ? unseal(user.totpSecret) : null;
  if (!base32 || !user.totpEnabledAt) return { ok: false, error: "badCode" };
  const reserved = await reserveAttempt([{ limit: "secondFactorAccount", key: userId }], new Date(now));
  if (!reserved.ok) return { ok: false, error: "locked", retryAfterSeconds: reserved.retryAfterSeconds };
  const code = input.replace(/\s/g, "");

  if (/^\d{6}$/.test(code)) {
    const step = matchingStep(user.email, base32, code, now);
    if (step === null) return { ok: false, error: "badCode" };
    // Conditional on the last step taken, so two log-ins racing with one code cannot both pass.
    const taken = await prisma.user.updateMany({
      where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    if (taken.count === 1) {
      await reserved.release();
      return { ok: true, recoveryCodesLeft: null };
    }
    await prisma.$transaction(async (tx) => {
      await recordAudit(tx, { actorId: null, action: "user.second_factor_code_reused", subjectType: "User", subjectId: userId });
      await notify(tx, user, "codeReused", appUrl);
    });
    return { ok: false, error: "badCode" };
  }

  const left = await prisma.$transaction(async (tx) => {
    const used = await tx.recoveryCode.updateMany({ where: { userId, codeHash: recoveryHash(code), usedAt: null }, data: { usedAt: new Date(now) } });
    if (used.count !== 1) return null;
    await recordAudit(tx, { actorId: userId, action: "user.recovery_code_used", subjectType: "User", subjectId: userId });
    await notify(tx, user, "recoveryCodeUsed", appUrl);
    return tx.recoveryCode.count({ where: { userId, usedAt: null } });
  });
  if (left === null) return { ok: false, error: "badCode" };
  await reserved.release();
  return { ok: true, recoveryCodesLeft: left };
}

/** How many unused recovery codes a user has. */
export function recoveryCodesLeft(userId: string): Promise<number> {
  return prisma.recoveryCode.count({ where: { userId, usedAt: null } });
}

type Proof = { password: string; code: string };

/** Checks the password, then a code: what turning the second factor off, or renewing its recovery codes, asks for. */
async function proveOwner(userId: string, proof: Proof, appUrl: string, address: string | null) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, include: { roles: true } });
  const password = await checkCurrentPassword(user, proof.password, address);
  if (!password.ok) return { user, refused: password };
  const code = await checkCode(userId, proof.code, appUrl);
  return { user, refused: code.ok ? null : code };
}

export type OwnerRefusal = { ok: false; error: "wrongPassword" | "badCode" } | { ok: false; error: "locked"; retryAfterSeconds: number };

/** Turns the second factor off (never for an admin), with the password and a code. */
export async function disableSecondFactor(
  userId: string,
  proof: Proof,
  appUrl: string,
  address: string | null,
): Promise<{ ok: true } | OwnerRefusal | { ok: false; error: "requiredForAdmins" | "notOn" }> {
  const current = await prisma.user.findUniqueOrThrow({ where: { id: userId }, include: { roles: true } });
  if (!current.totpEnabledAt) return { ok: false, error: "notOn" };
  if (secondFactorRequired(current.roles.map((r) => r.role))) return { ok: false, error: "requiredForAdmins" };
  const { user, refused } = await proveOwner(userId, proof, appUrl, address);
  if (refused) return refused;
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await recordAudit(tx, { actorId: userId, action: "user.second_factor_disabled", subjectType: "User", subjectId: userId });
    await notify(tx, user, "secondFactorDisabled", appUrl);
  });
  return { ok: true };
}

/** Ten new recovery codes in place of the old ones, with the password and a code. */
export async function renewRecoveryCodes(
  userId: string,
  proof: Proof,
  appUrl: string,
  address: string | null,
): Promise<{ ok: true; recoveryCodes: string[] } | OwnerRefusal | { ok: false; error: "notOn" }> {
  if (!(await hasSecondFactor(userId))) return { ok: false, error: "notOn" };
  const { user, refused } = await proveOwner(userId, proof, appUrl, address);
  if (refused) return refused;
  const recoveryCodes = await prisma.$transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, userId);
    await recordAudit(tx, { actorId: userId, action: "user.recovery_codes_renewed", subjectType: "User", subjectId: userId });
    await notify(tx, user, "recoveryCodesRenewed", appUrl);
    return codes;
  });
  return { ok: true, recoveryCodes };
}
