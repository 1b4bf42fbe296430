// One's own account to ASVS level 2: session lifetimes and the sessions page's
// rules, changing a password, which passwords are refused, and the second
// factor (TOTP and recovery codes), against the real database.
import { Secret, TOTP } from "otpauth";
import { prisma } from "~/db.server";
import en from "~/locales/en";
import { judgePassword } from "~/models/password-policy.server";
import { LIMITS } from "~/models/rate-limit.server";
import {
  checkCode,
  confirmSetUp,
  disableSecondFactor,
  matchingStep,
  pendingSetUp,
  recoveryCodesLeft,
  renewRecoveryCodes,
  secondFactorRequired,
  startSetUp,
} from "~/models/second-factor.server";
import {
  createSession,
  deleteDeadSessions,
  endOwnSession,
  findLiveSession,
  listSessions,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
} from "~/models/session.server";
import { authenticate, changePassword, endSessionsElsewhere, registerMember, requestPasswordReset, resetPassword } from "~/models/user.server";
import { sessionStorageFor } from "~/utils/session.server";
import { hashToken } from "~/utils/tokens.server";
import { createUser, TEST_PASSWORD } from "./helpers/factories";

const APP_URL = "https://durable.test";
const STRONG = "lantern orchard velvet thunder";

const noticesTo = (to: string) =>
  prisma.outboxMessage.findMany({ where: { toAddress: to, template: "security-notice" }, orderBy: { createdAt: "asc" }, select: { subject: true, text: true } });

describe("session lifetimes (decision 024)", () => {
  it("are twelve hours at most and thirty idle minutes, both under ASVS's thirty days", () => {
    expect(SESSION_ABSOLUTE_MS).toBe(12 * 3_600_000);
    expect(SESSION_IDLE_MS).toBe(30 * 60_000);
  });

  it("a session used within every thirty minutes lives until its twelfth hour, and not a minute more", async () => {
    const user = await createUser();
    const start = Date.now();
    const { token, id } = await createSession(user.id, "Mozilla/5.0 (Linux; Android 14) Chrome/131.0");
    // The cookie holds the token; the database only its hash.
    expect(id).toBe(hashToken(token));
    expect(await prisma.session.findUnique({ where: { id: token } })).toBeNull();
    for (let minutes = 25; minutes < 12 * 60; minutes += 25) {
      expect(await findLiveSession(token, new Date(start + minutes * 60_000)), `after ${minutes} minutes`).not.toBeNull();
    }
    expect(await findLiveSession(token, new Date(start + SESSION_ABSOLUTE_MS + 60_000))).toBeNull();
    // A session past its end is forgotten, not just refused.
    expect(await prisma.session.count({ where: { id } })).toBe(0);
  });

  it("a session left alone for thirty minutes ends, and the scheduler forgets the ones nobody comes back to", async () => {
    const user = await createUser();
    const start = Date.now();
    const idle = await createSession(user.id, null);
    expect(await findLiveSession(idle.token, new Date(start + SESSION_IDLE_MS - 60_000))).not.toBeNull();
    expect(await findLiveSession(idle.token, new Date(start + 2 * SESSION_IDLE_MS))).toBeNull();

    const forgotten = await createSession(user.id, null);
    const kept = await createSession(user.id, null);
    await prisma.session.update({ where: { id: forgotten.id }, data: { lastSeenAt: new Date(start - SESSION_IDLE_MS - 1000) } });
    await deleteDeadSessions(new Date(start + 1000));
    expect(await prisma.session.findUnique({ where: { id: forgotten.id } })).toBeNull();
    expect(await prisma.session.findUnique({ where: { id: kept.id } })).not.toBeNull();
  });
});

describe("the session cookie", () => {
  afterEach(() => {
    delete process.env.COOKIE_SECURE;
  });

  it("is __Host-session over HTTPS: Secure, for the whole site, with no Domain; __session over the demo's plain HTTP", async () => {
    process.env.COOKIE_SECURE = "always";
    const secure = sessionStorageFor(new Request("https://durable.test/login"));
    const header = await secure.commitSession(await secure.getSession());
    expect(header).toMatch(/^__Host-session=/);
    expect(header).toMatch(/; Secure/);
    expect(header).toMatch(/; Path=\/(;|$)/);
    expect(header).toMatch(/; HttpOnly/);
    expect(header).not.toMatch(/Domain=/i);
    // The cookie need not outlive the longest session.
    expect(header).toContain(`Max-Age=${SESSION_ABSOLUTE_MS / 1000}`);

    delete process.env.COOKIE_SECURE;
    const plain = sessionStorageFor(new Request("http://localhost:3000/login"));
    expect(await plain.commitSession(await plain.getSession())).toMatch(/^__session=/);
  });
});

describe("one's sessions", () => {
  it("lists only one's own live sessions, and ends one of them but never someone else's", async () => {
    const [owner, stranger] = await Promise.all([createUser(), createUser()]);
    const here = await createSession(owner.id, "Firefox");
    const phone = await createSession(owner.id, "Android");
    const theirs = await createSession(stranger.id, "Safari");
    expect((await listSessions(owner.id)).map((s) => s.id).sort()).toEqual([here.id, phone.id].sort());

    expect(await endOwnSession(owner.id, theirs.id)).toBe(false);
    expect(await findLiveSession(theirs.token)).not.toBeNull();
    expect(await endOwnSession(owner.id, phone.id)).toBe(true);
    expect((await listSessions(owner.id)).map((s) => s.id)).toEqual([here.id]);
  });

  it("logs out everywhere else only with the password, keeping the session that asked", async () => {
    const user = await createUser();
    const here = await createSession(user.id, null);
    await createSession(user.id, null);
    await createSession(user.id, null);
    expect(await endSessionsElsewhere({ userId: user.id, sessionId: here.id, password: "not my password" }, "192.0.2.60")).toEqual({ ok: false, error: "wrongPassword" });
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(3);
    expect(await endSessionsElsewhere({ userId: user.id, sessionId: here.id, password: TEST_PASSWORD }, "192.0.2.60")).toEqual({ ok: true, ended: 2 });
    expect((await listSessions(user.id)).map((s) => s.id)).toEqual([here.id]);
  });
});

describe("which new passwords are accepted", () => {
  it.each(["password1234", "iloveyou1234", "qwertyuiop123", "Password123!"])("refuses %s, a common or breached password", (password) => {
    const verdict = judgePassword(password);
    expect(verdict.ok).toBe(false);
  });

  it("says a listed password is listed, and why a weak one is weak, in message keys every language has", () => {
    expect(judgePassword("iloveyou")).toEqual({ ok: false, score: 0, messages: ["account.strength.breached"] });
    const weak = judgePassword("Krasniqi2024", ["Arta Krasniqi", "arta.krasniqi@example.org"]);
    expect(weak.ok).toBe(false);
    if (weak.ok) return;
    expect(weak.messages[0]).toBe("account.strength.weak");
    // The owner's own name is what makes it guessable.
    expect(weak.messages).toContain("account.strength.warnings.userInputs");
    const group = en.account.strength as unknown as Record<string, Record<string, string>>;
    for (const key of weak.messages.slice(1)) {
      const [, , kind, name] = key.split(".");
      expect(group[kind]?.[name], key).toBeTypeOf("string");
    }
  });

  it("accepts unrelated words, Albanian and Serbian letters included, without asking for digits or capitals", () => {
    expect(judgePassword(STRONG).ok).toBe(true);
    expect(judgePassword("mbjellje pemësh në pranverë").ok).toBe(true);
    expect(judgePassword("đak čita šumu žutih ćilima").ok).toBe(true);
  });

  it("refuses a weak password at registration and at reset, where the link keeps working", async () => {
    const email = `weak-${Date.now()}@example.org`;
    const registered = await registerMember({ name: "Weak", email, password: "password1234", locale: "en" }, APP_URL);
    expect(registered).toMatchObject({ ok: false, error: "weakPassword" });
    expect(await prisma.user.count({ where: { email } })).toBe(0);

    const user = await createUser();
    await requestPasswordReset(user.email, APP_URL);
    const message = await prisma.outboxMessage.findFirstOrThrow({ where: { toAddress: user.email }, orderBy: { createdAt: "desc" } });
    const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(message.text)![1];
    expect(await resetPassword(token, "qwertyuiop123", APP_URL)).toMatchObject({ ok: false, error: "weakPassword" });
    expect(await resetPassword(token, STRONG, APP_URL)).toEqual({ ok: true });
    const [notice] = await noticesTo(user.email);
    expect(notice.subject).toBe(en.account.notice.passwordReset.subject);
  });
});

describe("changing one's password", () => {
  it("asks for the current password, refuses a weak new one, then ends every other session and tells the owner", async () => {
    const user = await createUser();
    const here = await createSession(user.id, null);
    const elsewhere = await createSession(user.id, null);
    const change = (currentPassword: string, password: string) =>
      changePassword({ userId: user.id, sessionId: here.id, currentPassword, password }, APP_URL, "192.0.2.61");

    expect(await change("a wrong password", STRONG)).toEqual({ ok: false, error: "wrongPassword" });
    expect(await change(TEST_PASSWORD, TEST_PASSWORD)).toEqual({ ok: false, error: "samePassword" });
    expect(await change(TEST_PASSWORD, "password1234")).toMatchObject({ ok: false, error: "weakPassword" });
    expect(await noticesTo(user.email)).toEqual([]);

    expect(await change(TEST_PASSWORD, STRONG)).toEqual({ ok: true });
    expect(await findLiveSession(here.token)).not.toBeNull();
    expect(await findLiveSession(elsewhere.token)).toBeNull();
    expect(await authenticate(user.email, STRONG, "192.0.2.61")).toMatchObject({ ok: true });
    expect(await authenticate(user.email, TEST_PASSWORD, "192.0.2.62")).toEqual({ ok: false, error: "invalid" });
    const notices = await noticesTo(user.email);
    expect(notices.map((n) => n.subject)).toEqual([en.account.notice.passwordChanged.subject]);
    expect(notices[0].text).toContain(`${APP_URL}/settings`);
  });

  it(`counts wrong current passwords as failed log-ins: after ${LIMITS.loginAccountAddress.max} the page waits too`, async () => {
    const user = await createUser();
    const here = await createSession(user.id, null);
    const change = (currentPassword: string) =>
      changePassword({ userId: user.id, sessionId: here.id, currentPassword, password: STRONG }, APP_URL, "192.0.2.63");
    for (let i = 0; i < LIMITS.loginAccountAddress.max; i++) expect(await change(`wrong ${i}`)).toEqual({ ok: false, error: "wrongPassword" });
    expect(await change(TEST_PASSWORD)).toMatchObject({ ok: false, error: "locked" });
  });
});

/** The code an authenticator app shows for a key, at a moment. */
const codeAt = (secret: string, when: number) => new TOTP({ secret: Secret.fromBase32(secret.replace(/\s/g, "")) }).generate({ timestamp: when });

async function withSecondFactor(roles: ("MEMBER" | "ADMIN")[] = ["MEMBER"]) {
  const user = await createUser({ roles });
  const started = await startSetUp(user.id);
  if (!started.ok) throw new Error("set-up refused");
  const confirmed = await confirmSetUp(user.id, codeAt(started.setUp.secret, Date.now()), APP_URL);
  if (!confirmed.ok) throw new Error(confirmed.error);
  return { user, secret: started.setUp.secret, recoveryCodes: confirmed.recoveryCodes };
}

describe("the second factor", () => {
  it("is required of admins only", () => {
    expect(secondFactorRequired(["ADMIN"])).toBe(true);
    expect(secondFactorRequired(["TRAINER", "ADMIN"])).toBe(true);
    expect(secondFactorRequired(["TRAINER", "EDITOR", "MEMBER"])).toBe(false);
  });

  it("is set up from a QR code of an otpauth:// address, and turned on only by a right code from it", async () => {
    const user = await createUser({ email: `totp-${Date.now()}@example.org` });
    const started = await startSetUp(user.id);
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const { secret, uri, qrDataUrl } = started.setUp;
    expect(uri).toMatch(/^otpauth:\/\/totp\/Durable:totp-\d+%40example\.org\?/);
    expect(uri).toContain(`secret=${secret.replace(/\s/g, "")}`);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    // A 160-bit key, kept encrypted: the database does not hold it readable.
    expect(secret.replace(/\s/g, "")).toHaveLength(32);
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.totpPendingSecret).not.toContain(secret.replace(/\s/g, ""));
    expect((await pendingSetUp(user.id))?.secret).toBe(secret);

    expect(await confirmSetUp(user.id, "000000" === codeAt(secret, Date.now()) ? "111111" : "000000", APP_URL)).toEqual({ ok: false, error: "badCode" });
    const confirmed = await confirmSetUp(user.id, codeAt(secret, Date.now()), APP_URL);
    expect(confirmed.ok).toBe(true);
    if (!confirmed.ok) return;
    expect(confirmed.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.recoveryCodes).size).toBe(10);
    for (const code of confirmed.recoveryCodes) expect(code).toMatch(/^[a-z2-7]{6}(-[a-z2-7]{6}){3}$/);
    const hashes = await prisma.recoveryCode.findMany({ where: { userId: user.id } });
    expect(hashes.map((h) => h.codeHash)).not.toContain(confirmed.recoveryCodes[0]);
    expect(await authenticate(user.email, TEST_PASSWORD, "192.0.2.70")).toEqual({ ok: true, userId: user.id, secondFactor: true });
    expect((await noticesTo(user.email)).map((n) => n.subject)).toEqual([en.account.notice.secondFactorEnabled.subject]);
  });

  it("takes a code for the steps around now, each once; a used one tried again is refused and the owner told", async () => {
    const { user, secret } = await withSecondFactor();
    const later = Date.now() + 90_000;
    expect(matchingStep(user.email, secret.replace(/\s/g, ""), codeAt(secret, later - 30_000), later)).not.toBeNull();
    expect(matchingStep(user.email, secret.replace(/\s/g, ""), codeAt(secret, later - 90_000), later)).toBeNull();

    const code = codeAt(secret, later);
    expect(await checkCode(user.id, code, APP_URL, later)).toEqual({ ok: true, recoveryCodesLeft: null });
    expect(await checkCode(user.id, code, APP_URL, later)).toEqual({ ok: false, error: "badCode" });
    expect((await noticesTo(user.email)).map((n) => n.subject)).toContain(en.account.notice.codeReused.subject);
    expect(await prisma.auditLog.count({ where: { subjectId: user.id, action: "user.second_factor_code_reused" } })).toBe(1);
    // The next step's code is a new one.
    expect(await checkCode(user.id, codeAt(secret, later + 30_000), APP_URL, later + 30_000)).toMatchObject({ ok: true });
  });

  it("takes each recovery code once, typed in any case and grouping, and says how many are left", async () => {
    const { user, recoveryCodes } = await withSecondFactor();
    const typed = recoveryCodes[3].toUpperCase().replace(/-/g, " ");
    expect(await checkCode(user.id, typed, APP_URL)).toEqual({ ok: true, recoveryCodesLeft: 9 });
    expect(await checkCode(user.id, recoveryCodes[3], APP_URL)).toEqual({ ok: false, error: "badCode" });
    expect(await recoveryCodesLeft(user.id)).toBe(9);
    expect((await noticesTo(user.email)).map((n) => n.subject)).toContain(en.account.notice.recoveryCodeUsed.subject);
  });

  it(`waits after ${LIMITS.secondFactorAccount.max} wrong codes, even for the right one`, async () => {
    const { user, secret } = await withSecondFactor();
    const now = Date.now() + 60_000;
    const right = codeAt(secret, now);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < LIMITS.secondFactorAccount.max; i++) expect(await checkCode(user.id, wrong, APP_URL, now)).toEqual({ ok: false, error: "badCode" });
    expect(await checkCode(user.id, right, APP_URL, now)).toMatchObject({ ok: false, error: "locked" });
  });

  it("is turned off with the password and a code, never by an admin, and the owner is told", async () => {
    const admin = await withSecondFactor(["ADMIN"]);
    expect(await disableSecondFactor(admin.user.id, { password: TEST_PASSWORD, code: admin.recoveryCodes[0] }, APP_URL, null)).toEqual({
      ok: false,
      error: "requiredForAdmins",
    });

    const { user, recoveryCodes } = await withSecondFactor();
    expect(await disableSecondFactor(user.id, { password: "not mine", code: recoveryCodes[0] }, APP_URL, null)).toEqual({ ok: false, error: "wrongPassword" });
    expect(await disableSecondFactor(user.id, { password: TEST_PASSWORD, code: "123456" }, APP_URL, null)).toMatchObject({ ok: false, error: "badCode" });
    expect(await disableSecondFactor(user.id, { password: TEST_PASSWORD, code: recoveryCodes[0] }, APP_URL, null)).toEqual({ ok: true });
    const saved = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(saved).toMatchObject({ totpSecret: null, totpEnabledAt: null });
    expect(await prisma.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect((await noticesTo(user.email)).map((n) => n.subject)).toContain(en.account.notice.secondFactorDisabled.subject);
  });

  it("makes new recovery codes that replace the old ones", async () => {
    const { user, recoveryCodes } = await withSecondFactor();
    const renewed = await renewRecoveryCodes(user.id, { password: TEST_PASSWORD, code: recoveryCodes[0] }, APP_URL, null);
    expect(renewed.ok).toBe(true);
    if (!renewed.ok) return;
    expect(await checkCode(user.id, recoveryCodes[1], APP_URL)).toEqual({ ok: false, error: "badCode" });
    expect(await checkCode(user.id, renewed.recoveryCodes[1], APP_URL)).toEqual({ ok: true, recoveryCodesLeft: 9 });
    expect((await noticesTo(user.email)).map((n) => n.subject)).toContain(en.account.notice.recoveryCodesRenewed.subject);
  });
});
