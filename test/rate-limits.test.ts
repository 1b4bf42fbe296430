// Rate limits on the forms anyone can post to, against the real database:
// named limits per key, counted across requests (and so across app
// instances sharing the database), with a wait that ends when the window moves.
import { randomUUID } from "node:crypto";
import { prisma } from "~/db.server";
import {
  addressKey,
  admitLinkAnswer,
  consumeAttempt,
  countAttempt,
  LIMITS,
  minutesToWait,
  pruneAttempts,
  retryAfterSeconds,
  type Counter,
} from "~/models/rate-limit.server";
import { registerMember, requestPasswordReset } from "~/models/user.server";
import { createUser } from "./helpers/factories";

const APP_URL = "https://durable.test";
const uniqueEmail = (who: string) => `${who}-${randomUUID().slice(0, 8)}@example.org`;
const minutesAgo = (minutes: number, from = new Date()) => new Date(from.getTime() - minutes * 60_000);
const resetEmailsTo = (to: string) => prisma.outboxMessage.count({ where: { toAddress: to, template: "password-reset" } });

describe("a named limit", () => {
  it("allows its maximum within the window, then tells how long to wait, without counting refusals", async () => {
    const { max, windowMinutes } = LIMITS.resetEmail;
    const counter: Counter[] = [{ limit: "resetEmail", key: uniqueEmail("limit") }];
    const start = new Date();
    for (let i = 0; i < max; i++) expect(await consumeAttempt(counter, new Date(start.getTime() + i * 1000))).toEqual({ ok: true });

    const refused = await consumeAttempt(counter, new Date(start.getTime() + 60_000));
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    // Free again when the first attempt leaves the window: one minute of it has passed.
    expect(refused.retryAfterSeconds).toBe((windowMinutes - 1) * 60);
    expect(minutesToWait(refused.retryAfterSeconds)).toBe(windowMinutes - 1);

    // Refused tries do not prolong the wait (counted, they would push it to a whole window again)...
    for (let i = 0; i < 5; i++) await consumeAttempt(counter, new Date(start.getTime() + 120_000));
    expect(await retryAfterSeconds(counter, new Date(start.getTime() + 120_000))).toBe(windowMinutes * 60 - 120);
    // ...and once the first attempt has left the window, one more is allowed.
    expect(await consumeAttempt(counter, new Date(start.getTime() + windowMinutes * 60_000 + 500))).toEqual({ ok: true });
  });

  it("keeps keys and limits apart, and does not limit an unknown key (no client address)", async () => {
    const email = uniqueEmail("apart");
    for (let i = 0; i < LIMITS.resetEmail.max; i++) await countAttempt([{ limit: "resetEmail", key: email }]);
    expect(await retryAfterSeconds([{ limit: "resetEmail", key: email }])).toBeGreaterThan(0);
    expect(await retryAfterSeconds([{ limit: "resetEmail", key: uniqueEmail("other") }])).toBe(0);
    // The same key under another limit counts separately.
    expect(await retryAfterSeconds([{ limit: "registerEmail", key: email }])).toBe(0);
    for (let i = 0; i < 100; i++) expect(await consumeAttempt([{ limit: "resetAddress", key: null }])).toEqual({ ok: true });
  });

  it("stores only hashes of keys, never an email or address", async () => {
    const email = uniqueEmail("private");
    await countAttempt([
      { limit: "registerEmail", key: email },
      { limit: "registerAddress", key: "198.51.100.77" },
    ]);
    const rows = await prisma.loginFailure.findMany({ orderBy: { createdAt: "desc" }, take: 2 });
    for (const row of rows) {
      expect(row.keyHash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.keyHash).not.toContain(email);
    }
  });

  it("treats an IPv6 client by its /64 network, and an IPv4-mapped address as IPv4", async () => {
    expect(addressKey("203.0.113.5")).toBe("203.0.113.5");
    expect(addressKey("::ffff:203.0.113.5")).toBe("203.0.113.5");
    expect(addressKey("2001:db8:aa:bb:1:2:3:4")).toBe("2001:db8:aa:bb::/64");
    expect(addressKey("2001:0db8:00aa:00bb::9")).toBe("2001:db8:aa:bb::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("2001:db8:aa:bc::1")).not.toBe(addressKey("2001:db8:aa:bb::1"));

    // One client stepping through the addresses of its /64 is still one client.
    const net = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:1`;
    for (let i = 0; i < LIMITS.resetAddress.max; i++) await countAttempt([{ limit: "resetAddress", key: `${net}::${i + 1}` }]);
    expect(await retryAfterSeconds([{ limit: "resetAddress", key: `${net}::ffff` }])).toBeGreaterThan(0);
  });

  it("forgets attempts older than the longest window", async () => {
    const longest = Math.max(...Object.values(LIMITS).map((l) => l.windowMinutes));
    const key = uniqueEmail("old");
    await countAttempt([{ limit: "registerEmail", key }], minutesAgo(longest + 5));
    await countAttempt([{ limit: "registerEmail", key }], minutesAgo(1));
    const before = await prisma.loginFailure.count();
    await pruneAttempts();
    expect(await prisma.loginFailure.count()).toBeLessThan(before);
    expect(await prisma.loginFailure.count({ where: { createdAt: { lt: minutesAgo(longest) } } })).toBe(0);
    expect(await prisma.loginFailure.count({ where: { createdAt: { gte: minutesAgo(2) } } })).toBeGreaterThan(0);
  });
});

describe("registration", () => {
  it(`refuses a ${LIMITS.registerEmail.max + 1}th registration of one email within the hour, wherever it comes from`, async () => {
    const email = uniqueEmail("again");
    const input = { name: "Arta Krasniqi", email, password: "a long enough password", locale: "sq" as const };
    expect(await registerMember(input, APP_URL, "192.0.2.50")).toMatchObject({ ok: true });
    for (let i = 1; i < LIMITS.registerEmail.max; i++) {
      expect(await registerMember(input, APP_URL, `192.0.2.${51 + i}`)).toEqual({ ok: true, email: input.email });
    }
    const refused = await registerMember({ ...input, email: email.toUpperCase() }, APP_URL, "192.0.2.99");
    expect(refused).toMatchObject({ ok: false, error: "tooManyAttempts" });
    if (refused.ok || refused.error !== "tooManyAttempts") return;
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(LIMITS.registerEmail.windowMinutes * 60);
  });

  it("refuses registrations from an address that made too many, and no account is created", async () => {
    const address = "198.51.100.20";
    for (let i = 0; i < LIMITS.registerAddress.max; i++) await countAttempt([{ limit: "registerAddress", key: address }]);
    const email = uniqueEmail("crowd");
    const input = { name: "Milica Jovanović", email, password: "a long enough password", locale: "sr" as const };
    expect(await registerMember(input, APP_URL, address)).toMatchObject({ ok: false, error: "tooManyAttempts" });
    expect(await prisma.user.count({ where: { email } })).toBe(0);
    // Someone on another network registers as usual.
    expect(await registerMember(input, APP_URL, "198.51.100.21")).toMatchObject({ ok: true });
  });
});

describe("password reset requests", () => {
  it(`send at most ${LIMITS.resetEmail.max} links an hour to one inbox, and refuse the same way for an address without an account`, async () => {
    const user = await createUser();
    for (let i = 0; i < LIMITS.resetEmail.max; i++) {
      expect(await requestPasswordReset(user.email, APP_URL, `203.0.113.${40 + i}`)).toEqual({ ok: true });
    }
    const refused = await requestPasswordReset(` ${user.email.toUpperCase()}`, APP_URL, "203.0.113.60");
    expect(refused).toMatchObject({ ok: false });
    expect(await resetEmailsTo(user.email)).toBe(LIMITS.resetEmail.max);

    // No account behind the address: the same answers, so the limit reveals nothing.
    const nobody = uniqueEmail("nobody");
    for (let i = 0; i < LIMITS.resetEmail.max; i++) expect(await requestPasswordReset(nobody, APP_URL, "203.0.113.61")).toEqual({ ok: true });
    expect(await requestPasswordReset(nobody, APP_URL, "203.0.113.62")).toMatchObject({ ok: false });
  });

  it("refuses requests from an address that made too many, for any email", async () => {
    const address = "203.0.113.70";
    for (let i = 0; i < LIMITS.resetAddress.max; i++) {
      expect(await requestPasswordReset(uniqueEmail(`spray${i}`), APP_URL, address)).toEqual({ ok: true });
    }
    const user = await createUser();
    expect(await requestPasswordReset(user.email, APP_URL, address)).toMatchObject({ ok: false });
    expect(await resetEmailsTo(user.email)).toBe(0);
    expect(await requestPasswordReset(user.email, APP_URL, "203.0.113.71")).toEqual({ ok: true });
  });
});

describe("answers by personal link", () => {
  it(`allow ${LIMITS.answerToken.max} answers per link in ${LIMITS.answerToken.windowMinutes} minutes, then ask to wait`, async () => {
    const token = randomUUID();
    for (let i = 0; i < LIMITS.answerToken.max; i++) expect(await admitLinkAnswer({ token, address: "192.0.2.10" })).toEqual({ ok: true });
    const refused = await admitLinkAnswer({ token, address: "192.0.2.11" });
    expect(refused).toMatchObject({ ok: false });
    // Another person's link is not affected.
    expect(await admitLinkAnswer({ token: randomUUID(), address: "192.0.2.10" })).toEqual({ ok: true });
  });

  it("never hold up a workshop answering by their own links behind one network address", async () => {
    const venue = "192.0.2.200";
    for (let person = 0; person < LIMITS.answerAddress.max + 10; person++) {
      expect(await admitLinkAnswer({ token: randomUUID(), address: venue })).toEqual({ ok: true });
    }
  });

  it("stop an address that sends answers with links that are not valid, for every answer from it", async () => {
    const guesser = "192.0.2.201";
    for (let i = 0; i < LIMITS.answerAddress.max; i++) expect(await admitLinkAnswer({ token: null, address: guesser })).toEqual({ ok: true });
    // Refused with or without a valid link, so a refusal never says whether a guess was right.
    expect(await admitLinkAnswer({ token: null, address: guesser })).toMatchObject({ ok: false });
    expect(await admitLinkAnswer({ token: randomUUID(), address: guesser })).toMatchObject({ ok: false });
    expect(await admitLinkAnswer({ token: randomUUID(), address: "192.0.2.202" })).toEqual({ ok: true });
  });
});
