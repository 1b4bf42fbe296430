import { databaseEngine } from "~/db-adapter.server";
import { refusals } from "~/utils/refusal";
import { prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import type { Role, TokenPurpose } from "~/generated/prisma/enums";
import { recordAudit } from "~/models/audit.server";
import { composeEmail } from "~/models/email.server";
import { consumeAttempt, forgetAttempts, minutesToWait, reserveAttempt, type Counter } from "~/models/rate-limit.server";
import { queueEmail } from "~/models/outbox.server";
import { judgePassword } from "~/models/password-policy.server";
import { endOtherSessions } from "~/models/session.server";
import { isLocale, type Locale } from "~/utils/i18n";
import { ROLES } from "~/utils/roles";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "~/utils/password.server";
import { createToken, hashToken } from "~/utils/tokens.server";
import type { SecurityChange } from "~emails/security-notice";


const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  EMAIL_VERIFICATION: 24 * 60 * 60_000,
  PASSWORD_RESET: 60 * 60_000,
};

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(email: string) {
  return prisma.user.findUnique({ where: { email: normaliseEmail(email) }, include: { roles: true } });
}

async function issueToken(tx: Pick<typeof prisma, "userToken">, userId: string, purpose: TokenPurpose) {
  const token = createToken();
  // Older links of the same purpose stop working when a new one is sent.
  await tx.userToken.deleteMany({ where: { userId, purpose, usedAt: null } });
  await tx.userToken.create({
    data: { userId, purpose, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + TOKEN_LIFETIME_MS[purpose]) },
  });
  return token;
}

export type Registration = { name: string; email: string; password: string; locale: Locale };

/**
 * A new member account, unverified until the emailed link is followed. The
 * account, its token and the email are written in one transaction. Attempts
 * are limited per email and per client address (`address`), counted before
 * anything is looked up, so the limit tells nothing about which accounts exist.
 */
/**
 * Registers a member and emails the link that confirms the address. The
 * answer never tells whether the address already has an account: for one
 * that has, nothing is created and its owner is emailed instead (log in, or
 * choose a new password), and the password is hashed all the same, so that
 * both answers take as long.
 */
export async function registerMember(input: Registration, appUrl: string, address: string | null = null) {
  const email = normaliseEmail(input.email);
  const limited = await consumeAttempt([
    { limit: "registerEmail", key: email },
    { limit: "registerAddress", key: address },
  ]);
  if (!limited.ok) return { ok: false as const, error: "tooManyAttempts" as const, retryAfterSeconds: limited.retryAfterSeconds };
  // Judged before the address is looked up, on the form's own words only, so a refusal says nothing about existing accounts.
  const verdict = judgePassword(input.password, [input.name, email]);
  if (!verdict.ok) return { ok: false as const, error: "weakPassword" as const, messages: verdict.messages };
  const passwordHash = await hashPassword(input.password);
  const registered = { ok: true as const, email };
  if (await prisma.user.findUnique({ where: { email }, select: { id: true } })) {
    await tellOwnerOfAttempt(email, appUrl);
    return registered;
  }
  try {
    await prisma.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { email, name: input.name.trim(), passwordHash, locale: input.locale, roles: { create: [{ role: "MEMBER" }] } },
      });
      await sendVerification(tx, created, appUrl);
      await recordAudit(tx, { actorId: created.id, action: "user.registered", subjectType: "User", subjectId: created.id });
    });
    return registered;
  } catch (error) {
    // The same email registered meanwhile (e.g. a double-submitted form): the unique index decides, and the owner is told.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      await tellOwnerOfAttempt(email, appUrl);
      return registered;
    }
    throw error;
  }
}

/** Emails the owner of an address that someone tried to register again (the registration form said only "check your email"). */
async function tellOwnerOfAttempt(email: string, appUrl: string) {
  const owner = await prisma.user.findUnique({ where: { email }, select: { name: true, locale: true, disabledAt: true } });
  if (!owner || owner.disabledAt) return;
  const message = await composeEmail("account-exists", email, {
    locale: isLocale(owner.locale) ? owner.locale : "en",
    name: owner.name,
    loginUrl: `${appUrl}/login`,
    forgotUrl: `${appUrl}/forgot-password`,
  });
  await prisma.$transaction((tx) => queueEmail(tx, message));
}

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

async function sendVerification(tx: Tx, user: { id: string; email: string; name: string; locale: string }, appUrl: string) {
  const token = await issueToken(tx, user.id, "EMAIL_VERIFICATION");
  const locale = user.locale as Locale;
  const email = await composeEmail("verify-email", user.email, {
    locale,
    name: user.name,
    verifyUrl: `${appUrl}/verify-email?token=${token}`,
  });
  await queueEmail(tx, email);
}

/** Sends a fresh verification link (after a login attempt with an unconfirmed address). */
export async function resendVerification(userId: string, appUrl: string) {
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
    if (user.emailVerifiedAt) return;
    await sendVerification(tx, user, appUrl);
  });
}

/** Finds the unused, unexpired token of a purpose; null when the link is bad. */
async function findValidToken(token: string, purpose: TokenPurpose) {
  const found = await prisma.userToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!found || found.purpose !== purpose || found.usedAt || found.expiresAt < new Date()) return null;
  return found;
}

export async function isValidToken(token: string, purpose: TokenPurpose) {
  return (await findValidToken(token, purpose)) !== null;
}

export async function verifyEmail(token: string): Promise<boolean> {
  const found = await findValidToken(token, "EMAIL_VERIFICATION");
  if (!found) return false;
  await prisma.$transaction(async (tx) => {
    const used = await tx.userToken.updateMany({ where: { id: found.id, usedAt: null }, data: { usedAt: new Date() } });
    if (used.count !== 1) return;
    await tx.user.update({ where: { id: found.userId }, data: { emailVerifiedAt: new Date() } });
    await recordAudit(tx, { actorId: found.userId, action: "user.email_verified", subjectType: "User", subjectId: found.userId });
  });
  return true;
}

/**
 * Sends a reset link if the account exists; says nothing either way, so
 * accounts cannot be discovered. Requests are limited per email and per client
 * address, counted whether or not the account exists, so a refusal reveals
 * nothing either.
 */
/**
 * Counts a request for a reset link against its limits (per address typed,
 * per client). What follows is `sendPasswordReset`, which the page starts
 * without waiting for it: the answer comes as fast for an address without an
 * account as for one with, and says the same.
 */
export async function reservePasswordReset(emailInput: string, address: string | null = null) {
  return consumeAttempt([
    { limit: "resetEmail", key: normaliseEmail(emailInput) },
    { limit: "resetAddress", key: address },
  ]);
}

/** Emails a reset link to the account with this address, if there is one (and it is not disabled). */
export async function sendPasswordReset(emailInput: string, appUrl: string): Promise<void> {
  const user = await findUserByEmail(emailInput);
  if (!user || user.disabledAt) return;
  await prisma.$transaction(async (tx) => {
    const token = await issueToken(tx, user.id, "PASSWORD_RESET");
    const email = await composeEmail("password-reset", user.email, {
      locale: user.locale as Locale,
      name: user.name,
      resetUrl: `${appUrl}/reset-password?token=${token}`,
    });
    await queueEmail(tx, email);
  });
}

/** Both steps, one after the other (for scripts and tests; the page does not wait for the second). */
export async function requestPasswordReset(emailInput: string, appUrl: string, address: string | null = null) {
  const limited = await reservePasswordReset(emailInput, address);
  if (limited.ok) await sendPasswordReset(emailInput, appUrl);
  return limited;
}

export type PasswordError = "invalidLink" | "weakPassword" | "wrongPassword" | "locked" | "samePassword";

/** How a refused password change or reset is said (beside the new password, but for a bad link or a wrong current password). */
export const PASSWORD_REFUSALS = refusals<PasswordError>({
  invalidLink: { status: 400, message: "auth.reset.invalid" },
  weakPassword: { status: 400, message: "account.strength.weak", field: "password" },
  wrongPassword: { status: 400, message: "account.password.wrongCurrent", field: "currentPassword" },
  locked: { status: 429, message: "auth.login.locked", field: "currentPassword" },
  samePassword: { status: 400, message: "account.password.same", field: "password" },
});

export type PasswordResult =
  | { ok: true }
  | { ok: false; error: "weakPassword"; messages: string[] }
  | { ok: false; error: "locked"; retryAfterSeconds: number }
  | { ok: false; error: Exclude<PasswordError, "weakPassword" | "locked"> };

/** Tells the owner that the way into their account changed, in their language (ASVS 2.2.3). */
async function queueSecurityNotice(tx: Tx, user: { email: string; name: string; locale: string }, change: SecurityChange, appUrl: string) {
  const email = await composeEmail("security-notice", user.email, { locale: user.locale as Locale, name: user.name, change, settingsUrl: `${appUrl}/settings` });
  await queueEmail(tx, email);
}

export async function resetPassword(token: string, password: string, appUrl: string): Promise<PasswordResult> {
  const found = await findValidToken(token, "PASSWORD_RESET");
  if (!found) return { ok: false, error: "invalidLink" };
  const owner = await prisma.user.findUniqueOrThrow({ where: { id: found.userId } });
  const verdict = judgePassword(password, [owner.name, owner.email]);
  if (!verdict.ok) return { ok: false, error: "weakPassword", messages: verdict.messages };
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx): Promise<PasswordResult> => {
    const used = await tx.userToken.updateMany({ where: { id: found.id, usedAt: null }, data: { usedAt: new Date() } });
    if (used.count !== 1) return { ok: false, error: "invalidLink" };
    // Following the emailed link proves the address too.
    const user = await tx.user.update({
      where: { id: found.userId },
      // The secret calendar address ends with the old password: a new one is made on the calendar page.
      data: { passwordHash, emailVerifiedAt: new Date(), calendarTokenHash: null },
    });
    // A changed password ends every session, in case the old one was known to someone else.
    await tx.session.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, { actorId: user.id, action: "user.password_reset", subjectType: "User", subjectId: user.id });
    await queueSecurityNotice(tx, user, "passwordReset", appUrl);
    return { ok: true };
  });
}

/**
 * Changes a logged-in user's password: the current one must be given (tries
 * counted as failed log-ins of the account, so this page is no way around the
 * lockout), the new one must pass the policy. Every other session ends, the
 * one asking stays, and the owner is told by email.
 */
export async function changePassword(
  input: { userId: string; sessionId: string; currentPassword: string; password: string },
  appUrl: string,
  address: string | null,
): Promise<PasswordResult> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: input.userId } });
  const checked = await checkCurrentPassword(user, input.currentPassword, address);
  if (!checked.ok) return checked;
  if (input.password === input.currentPassword) return { ok: false, error: "samePassword" };
  const verdict = judgePassword(input.password, [user.name, user.email]);
  if (!verdict.ok) return { ok: false, error: "weakPassword", messages: verdict.messages };
  const passwordHash = await hashPassword(input.password);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, calendarTokenHash: null } });
    await endOtherSessions(user.id, input.sessionId, tx);
    await recordAudit(tx, { actorId: user.id, action: "user.password_changed", subjectType: "User", subjectId: user.id });
    await queueSecurityNotice(tx, user, "passwordChanged", appUrl);
  });
  return { ok: true };
}

/**
 * A logged-in user proving it is still them (changing the password, ending
 * every other session, turning the second factor off). Wrong answers count as
 * failed log-ins of the account from that address, with the same lockout.
 */
export async function checkCurrentPassword(
  user: { email: string; passwordHash: string },
  password: string,
  address: string | null,
): Promise<{ ok: true } | { ok: false; error: "wrongPassword" } | { ok: false; error: "locked"; retryAfterSeconds: number }> {
  const reserved = await reserveAttempt([
    { limit: "loginAccountAddress", key: address ? `${user.email}|${address}` : null },
    { limit: "loginAccount", key: user.email },
  ]);
  if (!reserved.ok) return { ok: false, error: "locked", retryAfterSeconds: reserved.retryAfterSeconds };
  if (!(await verifyPassword(user.passwordHash, password))) return { ok: false, error: "wrongPassword" };
  await reserved.release();
  return { ok: true };
}

export type LoginResult =
  | { ok: true; userId: string; secondFactor: boolean }
  | { ok: false; error: "invalid" | "disabled" }
  | { ok: false; error: "locked"; minutes: number; retryAfterSeconds: number }
  | { ok: false; error: "unverified"; userId: string };

/** Checks a login, counting failures per account and per client address. */
export async function authenticate(emailInput: string, password: string, address: string | null): Promise<LoginResult> {
  const email = normaliseEmail(emailInput);
  // Each try is counted before the password is checked (so tries sent at once count against each other),
  // and taken back when the password was right. Too many failures lock the key for a while: the account
  // from one address, the address, or (a guess spread over many addresses) the account.
  const failures: Counter[] = [
    { limit: "loginAccountAddress", key: address ? `${email}|${address}` : null },
    { limit: "loginAddress", key: address },
    { limit: "loginAccount", key: email },
  ];
  const reserved = await reserveAttempt(failures);
  if (!reserved.ok) return { ok: false, error: "locked", minutes: minutesToWait(reserved.retryAfterSeconds), retryAfterSeconds: reserved.retryAfterSeconds };
  const user = await findUserByEmail(email);
  const valid = user ? await verifyPassword(user.passwordHash, password) : (await verifyAgainstDummy(password), false);
  if (!user || !valid) return { ok: false, error: "invalid" };
  await reserved.release();
  if (user.disabledAt) return { ok: false, error: "disabled" };
  if (!user.emailVerifiedAt) return { ok: false, error: "unverified", userId: user.id };
  if (address) await forgetAttempts({ limit: "loginAccountAddress", key: `${email}|${address}` });
  return { ok: true, userId: user.id, secondFactor: !!user.totpEnabledAt };
}

export async function setUserLocale(userId: string, locale: Locale) {
  await prisma.user.update({ where: { id: userId }, data: { locale } });
}

// --- Administration -------------------------------------------------------

export const USERS_PAGE_SIZE = 25;

export async function listUsers({ query, page }: { query?: string; page: number }) {
  const q = query?.trim();
  // SQLite's LIKE ignores ASCII case; PostgreSQL must be asked to.
  const insensitive = databaseEngine() === "postgresql" ? ({ mode: "insensitive" } as object) : {};
  const where = q ? { OR: [{ name: { contains: q, ...insensitive } }, { email: { contains: q.toLowerCase() } }] } : {};
  const [users, total] = await Promise.all([
    prisma.user.findMany({
      where,
      include: { roles: true },
      orderBy: [{ name: "asc" }, { email: "asc" }],
      skip: (page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
    }),
    prisma.user.count({ where }),
  ]);
  return { users, total, pages: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)) };
}

export type AdminError = "noRoles" | "notYourself" | "notFound";

/** How an admin's refused change to an account is said. */
export const ADMIN_REFUSALS = refusals<AdminError>({
  notFound: { status: 404, message: "errors.notFound" },
  noRoles: { status: 400, message: "admin.users.noRoles" },
  notYourself: { status: 400, message: "admin.users.notYourself" },
});

/** Replaces a user's roles; every change is written to the audit log. */
export async function setUserRoles(actorId: string, userId: string, roles: Role[]): Promise<{ ok: true } | { ok: false; error: AdminError }> {
  const wanted = [...new Set(roles)].filter((r) => ROLES.includes(r));
  if (wanted.length === 0) return { ok: false, error: "noRoles" };
  if (actorId === userId && !wanted.includes("ADMIN")) return { ok: false, error: "notYourself" };
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, include: { roles: true } });
    if (!user) return { ok: false as const, error: "notFound" as const };
    const current = user.roles.map((r) => r.role);
    const added = wanted.filter((r) => !current.includes(r));
    const removed = current.filter((r) => !wanted.includes(r));
    if (added.length === 0 && removed.length === 0) return { ok: true as const };
    await tx.userRole.deleteMany({ where: { userId, role: { in: removed } } });
    await tx.userRole.createMany({ data: added.map((role) => ({ userId, role })) });
    await recordAudit(tx, {
      actorId,
      action: "user.roles_changed",
      subjectType: "User",
      subjectId: userId,
      details: { added, removed },
    });
    return { ok: true as const };
  });
}

/** Disables (or enables) an account; disabling ends its sessions at once. */
export async function setUserDisabled(actorId: string, userId: string, disabled: boolean): Promise<{ ok: true } | { ok: false; error: AdminError }> {
  if (actorId === userId) return { ok: false, error: "notYourself" };
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) return { ok: false as const, error: "notFound" as const };
    await tx.user.update({ where: { id: userId }, data: { disabledAt: disabled ? new Date() : null } });
    if (disabled) await tx.session.deleteMany({ where: { userId } });
    await recordAudit(tx, { actorId, action: disabled ? "user.disabled" : "user.enabled", subjectType: "User", subjectId: userId });
    return { ok: true as const };
  });
}

// --- One's own sessions ------------------------------------------------------

export type SessionsError = "wrongPassword" | "locked" | "notFound";

/** How a refused action on the sessions page is said. */
export const SESSIONS_REFUSALS = refusals<SessionsError>({
  wrongPassword: { status: 400, message: "account.password.wrongCurrent", field: "password" },
  locked: { status: 429, message: "auth.login.locked", field: "password" },
  notFound: { status: 404, message: "errors.notFound" },
});

/** "Log out everywhere else": the password first (ASVS 3.3.4), then every session but the one asking ends. */
export async function endSessionsElsewhere(
  input: { userId: string; sessionId: string; password: string },
  address: string | null,
): Promise<{ ok: true; ended: number } | { ok: false; error: "wrongPassword" } | { ok: false; error: "locked"; retryAfterSeconds: number }> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: input.userId } });
  const checked = await checkCurrentPassword(user, input.password, address);
  if (!checked.ok) return checked;
  return { ok: true, ended: await endOtherSessions(user.id, input.sessionId) };
}
