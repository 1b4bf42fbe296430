// Accounts: registering, confirming the address, logging in (with lockouts)
// and resetting a forgotten password, against the real database.
import { randomUUID } from "node:crypto";
import { prisma } from "~/db.server";
import en from "~/locales/en";
import sq from "~/locales/sq";
import { countAttempt, LIMITS } from "~/models/rate-limit.server";
import { privateFeed, resetCalendarToken } from "~/models/event-calendar.server";
import { authenticate, registerMember, requestPasswordReset, resetPassword, verifyEmail } from "~/models/user.server";
import { hashToken } from "~/utils/tokens.server";
import { createUser, TEST_PASSWORD } from "./helpers/factories";

const APP_URL = "https://durable.test";

/** The token of the link (to `path`) in the newest email sent to `to`. */
async function tokenFromLatestEmail(to: string, path: "/verify-email" | "/reset-password") {
  const message = await prisma.outboxMessage.findFirstOrThrow({ where: { toAddress: to }, orderBy: { createdAt: "desc" } });
  const match = new RegExp(`${APP_URL}${path}\\?token=([A-Za-z0-9_-]+)`).exec(message.text);
  if (!match) throw new Error(`No ${path} link in the email to ${to}`);
  return { token: match[1], message };
}

const uniqueEmail = (who: string) => `${who}-${randomUUID().slice(0, 8)}@example.org`;

async function counts() {
  const [users, tokens, emails, audits] = await Promise.all([
    prisma.user.count(),
    prisma.userToken.count(),
    prisma.outboxMessage.count(),
    prisma.auditLog.count(),
  ]);
  return { users, tokens, emails, audits };
}

describe("registering as a commission member", () => {
  it("creates an unverified member, stores only the token's hash and queues the link in the person's language", async () => {
    const password = "a long enough password";
    const result = await registerMember(
      { name: "  Arta Krasniqi ", email: " Arta.Krasniqi@Example.ORG ", password, locale: "sq" },
      APP_URL,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;

    const user = await prisma.user.findUniqueOrThrow({ where: { email: result.email }, include: { roles: true } });
    expect(user).toMatchObject({ email: "arta.krasniqi@example.org", name: "Arta Krasniqi", locale: "sq", emailVerifiedAt: null });
    expect(user.roles.map((r) => r.role)).toEqual(["MEMBER"]);
    expect(user.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(user.passwordHash).not.toContain(password);

    const { token, message } = await tokenFromLatestEmail(user.email, "/verify-email");
    expect(message).toMatchObject({ template: "verify-email", status: "PENDING", subject: sq.emails.verify.subject });
    expect(message.html).toContain(`${APP_URL}/verify-email?token=${token}`);
    expect(message.html).toContain('lang="sq"');

    const tokens = await prisma.userToken.findMany({ where: { userId: user.id } });
    expect(tokens).toHaveLength(1);
    expect(tokens[0].purpose).toBe("EMAIL_VERIFICATION");
    expect(tokens[0].tokenHash).toBe(hashToken(token));
    // The raw token is nowhere in the database.
    const withRawToken = await prisma.userToken.count({ where: { OR: [{ tokenHash: token }, { tokenHash: { contains: token } }] } });
    expect(withRawToken).toBe(0);

    expect(await authenticate(user.email, password, "192.0.2.10")).toEqual({ ok: false, error: "unverified", userId: user.id });
  });

  it("answers an email that is already registered as a new one, changes no account, and tells only its owner, by email", async () => {
    const email = uniqueEmail("dup");
    const first = await registerMember({ name: "First", email, password: "first password 1", locale: "sq" }, APP_URL);
    expect(first.ok).toBe(true);
    const owner = await prisma.user.findUniqueOrThrow({ where: { email } });
    const before = await counts();

    const second = await registerMember(
      { name: "Second", email: email.toUpperCase(), password: "second password 2", locale: "sr" },
      APP_URL,
    );
    // What the form shows for an address nobody has: "check your email".
    expect(second).toEqual({ ok: true, email });
    expect(await counts()).toEqual({ ...before, emails: before.emails + 1 });
    expect(await prisma.user.findUniqueOrThrow({ where: { email } })).toEqual(owner);
    const notice = await prisma.outboxMessage.findFirstOrThrow({ where: { toAddress: email }, orderBy: { createdAt: "desc" } });
    // In the owner's language, with the ways in: log in, or a new password.
    expect(notice).toMatchObject({ template: "account-exists", subject: sq.emails.accountExists.subject });
    expect(notice.text).toContain(`${APP_URL}/login`);
    expect(notice.text).toContain(`${APP_URL}/forgot-password`);
  });

  it("two simultaneous registrations with one email give one account, one token, its email and one notice to the owner", async () => {
    const email = uniqueEmail("race");
    const before = await counts();
    const results = await Promise.all([
      registerMember({ name: "Double Click", email, password: "double click 1", locale: "en" }, APP_URL),
      registerMember({ name: "Double Click", email, password: "double click 1", locale: "en" }, APP_URL),
    ]);
    expect(results).toEqual([{ ok: true, email }, { ok: true, email }]);
    const after = await counts();
    // One user, its token, its audit row, the confirmation link and the notice: the losing transaction left nothing else behind.
    expect(after).toEqual({
      users: before.users + 1,
      tokens: before.tokens + 1,
      emails: before.emails + 2,
      audits: before.audits + 1,
    });
  });

  it("the emailed link confirms the address exactly once, after which the member can log in", async () => {
    const email = uniqueEmail("verify");
    const password = "verify me please";
    const registered = await registerMember({ name: "Vera", email, password, locale: "en" }, APP_URL);
    if (!registered.ok) throw new Error("registration failed");
    const { token } = await tokenFromLatestEmail(email, "/verify-email");

    expect(await verifyEmail(token)).toBe(true);
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await authenticate(email, password, "192.0.2.11")).toEqual({ ok: true, userId: user.id, secondFactor: false });

    expect(await verifyEmail(token)).toBe(false);
    expect(await verifyEmail("not-a-token")).toBe(false);
  });

  it("an expired link does not confirm the address", async () => {
    const email = uniqueEmail("late");
    const registered = await registerMember({ name: "Late", email, password: "too late for this", locale: "en" }, APP_URL);
    if (!registered.ok) throw new Error("registration failed");
    const { token } = await tokenFromLatestEmail(email, "/verify-email");
    await prisma.userToken.update({ where: { tokenHash: hashToken(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });

    expect(await verifyEmail(token)).toBe(false);
    expect((await prisma.user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt).toBeNull();
  });
});

describe("logging in", () => {
  it("refuses a wrong password or an unknown email with the same answer", async () => {
    const user = await createUser();
    expect(await authenticate(user.email, "wrong password", "192.0.2.20")).toEqual({ ok: false, error: "invalid" });
    expect(await authenticate(uniqueEmail("nobody"), TEST_PASSWORD, "192.0.2.20")).toEqual({ ok: false, error: "invalid" });
    expect(await authenticate(user.email.toUpperCase(), TEST_PASSWORD, "192.0.2.20")).toEqual({ ok: true, userId: user.id, secondFactor: false });
  });

  it("refuses an unverified or a disabled account even with the right password", async () => {
    const unverified = await createUser({ verified: false });
    expect(await authenticate(unverified.email, TEST_PASSWORD, "192.0.2.21")).toEqual({
      ok: false,
      error: "unverified",
      userId: unverified.id,
    });
    const disabled = await createUser();
    await prisma.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    expect(await authenticate(disabled.email, TEST_PASSWORD, "192.0.2.21")).toEqual({ ok: false, error: "disabled" });
  });

  it(`locks a stranger guessing from one address after ${LIMITS.loginAccountAddress.max} failures, never the owner on their own device`, async () => {
    const victim = await createUser();
    const bystander = await createUser();
    for (let i = 0; i < LIMITS.loginAccountAddress.max; i++) {
      expect(await authenticate(victim.email, `guess ${i}`, "198.51.100.1")).toEqual({ ok: false, error: "invalid" });
    }
    const locked = await authenticate(victim.email, TEST_PASSWORD, "198.51.100.1");
    expect(locked).toMatchObject({ ok: false, error: "locked" });
    if (locked.ok || locked.error !== "locked") return;
    expect(locked.minutes).toBeGreaterThan(0);
    expect(locked.minutes).toBeLessThanOrEqual(LIMITS.loginAccountAddress.windowMinutes);
    // The owner, from their usual address, is let through.
    expect(await authenticate(victim.email, TEST_PASSWORD, "198.51.100.99")).toEqual({ ok: true, userId: victim.id, secondFactor: false });
    expect(await authenticate(bystander.email, TEST_PASSWORD, "198.51.100.1")).toEqual({ ok: true, userId: bystander.id, secondFactor: false });
  });

  it(`locks an account guessed from many addresses after ${LIMITS.loginAccount.max} failures in all`, async () => {
    const victim = await createUser();
    const email = victim.email.toLowerCase();
    // As many failures as the limit, each from another address (recorded directly: the argon2 checks would take a minute).
    for (let i = 0; i < LIMITS.loginAccount.max; i++) await countAttempt([{ limit: "loginAccount", key: email }]);
    expect(await authenticate(victim.email, TEST_PASSWORD, "198.51.100.200")).toMatchObject({ ok: false, error: "locked" });
  });

  it(`tries at most ${LIMITS.loginAccountAddress.max} of 30 passwords guessed at the same moment`, async () => {
    const victim = await createUser();
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => authenticate(victim.email, `parallel guess ${i}`, "198.51.100.50")));
    const tried = answers.filter((answer) => !answer.ok && answer.error === "invalid").length;
    expect(tried).toBeGreaterThan(0);
    expect(tried).toBeLessThanOrEqual(LIMITS.loginAccountAddress.max);
    expect(answers.filter((answer) => !answer.ok && answer.error === "locked")).toHaveLength(30 - tried);
  });

  it(`locks an address after ${LIMITS.loginAddress.max} failures, for every account tried from it`, async () => {
    const address = "203.0.113.9";
    // Spread over many accounts, so no single account is locked.
    for (let i = 0; i < LIMITS.loginAddress.max; i++) {
      expect(await authenticate(uniqueEmail(`spray${i}`), "123456", address)).toEqual({ ok: false, error: "invalid" });
    }
    const user = await createUser();
    expect(await authenticate(user.email, TEST_PASSWORD, address)).toMatchObject({ ok: false, error: "locked" });
    expect(await authenticate(user.email, TEST_PASSWORD, "203.0.113.10")).toEqual({ ok: true, userId: user.id, secondFactor: false });
  });

  it("a successful login forgets the account's earlier failures", async () => {
    const user = await createUser();
    const address = "192.0.2.30";
    const failures = LIMITS.loginAccountAddress.max - 1;
    for (let i = 0; i < failures; i++) await authenticate(user.email, "typo", address);
    expect(await authenticate(user.email, TEST_PASSWORD, address)).toEqual({ ok: true, userId: user.id, secondFactor: false });
    // Without the reset these would make 2 × (max - 1) failures: a lockout.
    for (let i = 0; i < failures; i++) await authenticate(user.email, "typo", address);
    expect(await authenticate(user.email, TEST_PASSWORD, address)).toEqual({ ok: true, userId: user.id, secondFactor: false });
  });
});

describe("resetting a forgotten password", () => {
  it("emails a link that sets a new password once, ends every session and the calendar address, and confirms the address", async () => {
    const user = await createUser({ verified: false });
    await prisma.session.createMany({
      data: [1, 2].map((n) => ({ id: `session-${user.id}-${n}`, userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) })),
    });

    const feed = await resetCalendarToken(user.id);
    expect(await privateFeed(feed)).not.toBeNull();

    await requestPasswordReset(`  ${user.email.toUpperCase()} `, APP_URL);
    const { token, message } = await tokenFromLatestEmail(user.email, "/reset-password");
    expect(message).toMatchObject({ template: "password-reset", subject: en.emails.reset.subject, status: "PENDING" });
    expect(message.html).toContain(`${APP_URL}/reset-password?token=${token}`);

    const newPassword = "a brand new password";
    expect(await resetPassword(token, newPassword, APP_URL)).toEqual({ ok: true });

    const saved = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(saved.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(saved.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    // The secret calendar address is a credential too: it stops working.
    expect(await privateFeed(feed)).toBeNull();
    expect(await authenticate(user.email, newPassword, "192.0.2.40")).toEqual({ ok: true, userId: user.id, secondFactor: false });
    expect(await authenticate(user.email, TEST_PASSWORD, "192.0.2.40")).toEqual({ ok: false, error: "invalid" });

    expect(await resetPassword(token, "someone else's password", APP_URL)).toEqual({ ok: false, error: "invalidLink" });
    expect(await authenticate(user.email, newPassword, "192.0.2.40")).toEqual({ ok: true, userId: user.id, secondFactor: false });
  });

  it("a newer link replaces the older one", async () => {
    const user = await createUser();
    await requestPasswordReset(user.email, APP_URL);
    const { token: older } = await tokenFromLatestEmail(user.email, "/reset-password");
    await requestPasswordReset(user.email, APP_URL);
    const { token: newer } = await tokenFromLatestEmail(user.email, "/reset-password");
    expect(newer).not.toBe(older);
    expect(await resetPassword(older, "the older link's password", APP_URL)).toEqual({ ok: false, error: "invalidLink" });
    expect(await resetPassword(newer, "the newer link's password", APP_URL)).toEqual({ ok: true });
  });

  it("queues nothing for an email without an account", async () => {
    const before = await counts();
    await requestPasswordReset(uniqueEmail("ghost"), APP_URL);
    expect(await counts()).toEqual(before);
  });
});
