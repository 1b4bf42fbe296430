// Security against the built e2e.app. Over HTTP: the headers on every kind of
// response, a fresh script nonce per page, cross-site posts refused, and the
// rate-limited forms answering 429 with a translated message and Retry-After.
// In Chromium: the pages hydrate and work under the Content-Security-Policy
// without a single violation, and a script without the nonce does not run.
// The app runs behind a pretend proxy (TRUST_PROXY), so each test can speak
// from its own client address (X-Forwarded-For) and over "HTTPS".
import { randomUUID } from "node:crypto";
import en from "~/locales/en";
import sq from "~/locales/sq";
import { LIMITS } from "~/models/rate-limit.server";
import { hashToken } from "~/utils/tokens.server";
import { DEMO_PASSWORD } from "../../prisma/seed-data";
import { browserMissing, openContext } from "../helpers/browser";
import { appFixture, browserFixture } from "../helpers/e2e";
import { createEvent, createPerson, invite } from "../helpers/factories";

/** The text of a message with its {{count}} filled in, as a page shows it. */
const withCount = (text: string, count: number) => text.replace("{{count}}", String(count));
const firstSentence = (text: string) => text.split(":")[0].split(".")[0];

function expectSecurityHeaders(res: Response, what: string) {
  const csp = res.headers.get("content-security-policy") ?? "";
  expect(csp, what).toContain("default-src 'self'");
  // WebAssembly may compile (the QR reader); JavaScript's eval may not.
  expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'wasm-unsafe-eval'(;|$)/);
  expect(csp, what).not.toContain("unsafe-inline");
  expect(csp, what).not.toContain("'unsafe-eval'");
  for (const directive of ["style-src 'self'", "img-src 'self' data:", "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'"]) {
    expect(csp, what).toContain(directive);
  }
  expect(res.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(res.headers.get("x-frame-options"), what).toBe("DENY");
  expect(res.headers.get("permissions-policy"), what).toMatch(/^camera=\(self\)(, [a-z-]+=\(\))*$/);
}

// One app for the whole file: starting it is most of the time these tests take.
const e2e = appFixture({ env: { OUTBOX_WORKER: "off", TRUST_PROXY: "true" } });

describe("security over HTTP", () => {
  let address = 0;
  /** A client address of its own for each caller, so that rate limits of one test do not touch another. */
  const client = () => ({ "X-Forwarded-For": `198.51.100.${++address}` });

  it("puts the security headers on pages, resource routes, static files, errors and refusals", async () => {
    const html = await fetch(`${e2e.app.url}/login`);
    expect(html.headers.get("content-type")).toContain("text/html");
    expectSecurityHeaders(html, "page");
    expect(html.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");

    const page = await html.text();
    const asset = /href="(\/build\/[^"]+\.css)"/.exec(page)?.[1];
    expect(asset).toBeTruthy();
    const responses: Array<[string, Response]> = [
      ["calendar feed", await fetch(`${e2e.app.url}/calendar/public.ics`)],
      ["static file", await fetch(`${e2e.app.url}/favicon.svg`)],
      ["built asset", await fetch(`${e2e.app.url}${asset}`)],
      ["404 page", await fetch(`${e2e.app.url}/no-such-page`)],
      ["health check", await fetch(`${e2e.app.url}/healthz`)],
      ["refused post", await fetch(`${e2e.app.url}/login`, { method: "POST", headers: { Origin: "https://evil.example" }, body: new URLSearchParams({ email: "a@b.c" }) })],
    ];
    expect(responses.map(([what, res]) => [what, res.status])).toEqual([
      ["calendar feed", 200],
      ["static file", 200],
      ["built asset", 200],
      ["404 page", 404],
      ["health check", 200],
      ["refused post", 403],
    ]);
    expect(responses[0][1].headers.get("content-type")).toContain("text/calendar");
    for (const [what, res] of responses) expectSecurityHeaders(res, what);
  });

  it("sends no Referer from pages whose address holds a personal token, and never caches them", async () => {
    for (const path of [`/invitation/${randomUUID()}`, `/feedback/${randomUUID()}`, `/reset-password?token=${randomUUID()}`, `/calendar/${randomUUID()}.ics`]) {
      const res = await fetch(`${e2e.app.url}${path}`);
      expect(res.headers.get("referrer-policy"), path).toBe("no-referrer");
    }
    const invitation = await fetch(`${e2e.app.url}/invitation/${randomUUID()}`);
    expect(invitation.headers.get("cache-control")).toBe("no-store");
    const reset = await fetch(`${e2e.app.url}/reset-password?token=${randomUUID()}`);
    expect(reset.headers.get("cache-control")).toBe("no-store");
  });

  it("never lets a browser or proxy keep a page about a person (special categories: gender, community, needs)", async () => {
    const login = await fetch(`${e2e.app.url}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: "trainer@durable.localhost", password: DEMO_PASSWORD }),
      headers: { "X-Forwarded-For": "198.51.100.77" },
      redirect: "manual",
    });
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    const person = await createPerson({ db: e2e.db, name: "Shpresa Kryeziu" });
    for (const path of [`/people/${person.id}`, `/people/${person.id}.data`, "/people", `/people/${person.id}/edit`, "/reports"]) {
      const res = await fetch(`${e2e.app.url}${path}`, { headers: { Cookie: cookie } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control"), path).toBe("no-store");
    }
  });

  it("asks for HTTPS only in production over HTTPS (as a trusted proxy reports it)", async () => {
    const plain = await fetch(`${e2e.app.url}/login`);
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    const secure = await fetch(`${e2e.app.url}/login`, { headers: { "X-Forwarded-Proto": "https" } });
    expect(secure.headers.get("strict-transport-security")).toMatch(/^max-age=\d{7,}; includeSubDomains$/);
  });

  it("gives every page a fresh nonce and puts it on every script", async () => {
    const nonces = [];
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${e2e.app.url}/login`);
      const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
      expect(nonce).toBeTruthy();
      nonces.push(nonce);
      const html = await res.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      // Remix's context, route modules and stream, and the scroll restoration.
      expect(scripts.length).toBeGreaterThanOrEqual(3);
      for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
      // No inline style attributes either: the policy would refuse them.
      expect(html).not.toMatch(/\sstyle="/);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it("refuses posts from another site: by Origin, and by Sec-Fetch-Site when Origin is missing", async () => {
    const body = () => new URLSearchParams({ email: "admin@durable.localhost", password: "x" });
    const crossOrigin = await fetch(`${e2e.app.url}/login`, { method: "POST", body: body(), headers: { ...client(), Origin: "https://evil.example" } });
    expect(crossOrigin.status).toBe(403);
    const crossSite = await fetch(`${e2e.app.url}/login`, { method: "POST", body: body(), headers: { ...client(), "Sec-Fetch-Site": "cross-site" } });
    expect(crossSite.status).toBe(403);
    const sameSite = await fetch(`${e2e.app.url}/login`, { method: "POST", body: body(), headers: { ...client(), "Sec-Fetch-Site": "same-site" } });
    expect(sameSite.status).toBe(403);
    // The check-in endpoint (JSON, used by the door's phone) is a resource route: refused the same way.
    const tap = await fetch(`${e2e.app.url}/events/any/checkin/tap`, {
      method: "POST",
      body: JSON.stringify({ kind: "checkIn" }),
      headers: { ...client(), "Content-Type": "application/json", Origin: "https://evil.example" },
    });
    expect(tap.status).toBe(403);

    // The app's own pages are let through (to a wrong password's 400).
    const own = await fetch(`${e2e.app.url}/login`, { method: "POST", body: body(), headers: { ...client(), Origin: e2e.app.url, "Sec-Fetch-Site": "same-origin" } });
    expect(own.status).toBe(400);
  });

  it("stops repeated registrations of one email with a 429, a translated message and Retry-After", async () => {
    const email = `again-${randomUUID().slice(0, 8)}@example.org`;
    const register = () =>
      fetch(`${e2e.app.url}/register`, {
        method: "POST",
        headers: { ...client(), "Accept-Language": "en" },
        body: new URLSearchParams({ name: "Arta Krasniqi", email, password: "a long enough password", confirmPassword: "a long enough password", locale: "sq" }),
      });
    // The same address again is answered as the first time (its owner is emailed): only the limit stops it.
    for (let i = 0; i < LIMITS.registerEmail.max; i++) expect((await register()).status).toBe(200);
    const refused = await register();
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(LIMITS.registerEmail.windowMinutes * 60 - 120);
    expect(wait).toBeLessThanOrEqual(LIMITS.registerEmail.windowMinutes * 60);
    expect(await refused.text()).toContain(withCount(en.security.tooMany.register_other, Math.ceil(wait / 60)));
  });

  it("answers a registration with the address of an account exactly as one with a new address, and emails the owner", async () => {
    const register = (email: string) =>
      fetch(`${e2e.app.url}/register`, {
        method: "POST",
        headers: { ...client(), "Accept-Language": "sq" },
        body: new URLSearchParams({ name: "Arta Krasniqi", email, password: "a long enough password", confirmPassword: "a long enough password", locale: "sq" }),
      });
    const fresh = `fresh-${randomUUID().slice(0, 8)}@example.org`;
    const [taken, new_] = [await register("member@durable.localhost"), await register(fresh)];
    expect([taken.status, new_.status]).toEqual([200, 200]);
    const page = async (response: Response, email: string) => (await response.text()).replaceAll(email, "EMAIL").replace(/nonce="[^"]*"/g, "");
    expect(await page(taken, "member@durable.localhost")).toEqual(await page(new_, fresh));
    // Queued for the owner (this app's outbox worker is off).
    const notice = await e2e.db.outboxMessage.findFirstOrThrow({ where: { toAddress: "member@durable.localhost", template: "account-exists" } });
    expect(notice.text).toContain(`${e2e.app.url}/forgot-password`);
  });

  it("stops repeated reset requests for one address with a 429 that reveals nothing about the account", async () => {
    const ask = (email: string) =>
      fetch(`${e2e.app.url}/forgot-password`, { method: "POST", headers: { ...client(), "Accept-Language": "sq" }, body: new URLSearchParams({ email }) });
    for (const email of ["member@durable.localhost", `nobody-${randomUUID().slice(0, 8)}@example.org`]) {
      for (let i = 0; i < LIMITS.resetEmail.max; i++) expect((await ask(email)).status).toBe(200);
      const refused = await ask(email);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      const html = await refused.text();
      expect(html).toContain(firstSentence(sq.security.tooMany.reset_other));
      // What was typed stays in the field.
      expect(html).toContain(`value="${email}"`);
    }
  });

  it("stops a personal link answering again and again, and the page says the answer was not saved", async () => {
    const event = await createEvent({ db: e2e.db, startsAt: new Date(Date.now() + 30 * 24 * 3_600_000) });
    const person = await createPerson({ db: e2e.db, name: "Drita Hoxha", email: null, locale: "en", searchText: "drita hoxha" });
    const token = `link-${randomUUID()}`;
    await invite(event, person, "PENDING", { db: e2e.db, data: { sentAt: new Date(), links: { create: { tokenHash: hashToken(token) } } } });

    const answer = (value: "ACCEPT" | "DECLINE") =>
      fetch(`${e2e.app.url}/invitation/${token}`, { method: "POST", headers: { ...client(), "Accept-Language": "en" }, body: new URLSearchParams({ answer: value }) });
    for (let i = 0; i < LIMITS.answerToken.max; i++) expect((await answer(i % 2 ? "DECLINE" : "ACCEPT")).status).toBe(200);
    const refused = await answer("ACCEPT");
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect(refused.headers.get("cache-control")).toBe("no-store");
    const html = await refused.text();
    expect(html).toContain(withCount(en.security.tooMany[Math.ceil(wait / 60) === 1 ? "answer_one" : "answer_other"], Math.ceil(wait / 60)));
    // The last answer that was let through (the tenth, a decline) still stands.
    expect((await e2e.db.invitation.findFirstOrThrow({ where: { links: { some: { tokenHash: hashToken(token) } } } })).status).toBe("DECLINED");
  });
});

type Watched = Window & { cspViolations: string[]; marker?: number; injected?: boolean; __remixRouter?: unknown };

describe.skipIf(browserMissing)("the Content-Security-Policy in Chromium", () => {
  const chromium = browserFixture();

  it("lets the pages hydrate, navigate, post and check in without one violation, and stops a script without the nonce", async () => {
    const context = await openContext(chromium.browser, { locale: "en-GB", viewport: { width: 390, height: 844 } });
    // Every violation of every page, as the browser reports it to the page.
    await context.addInitScript(() => {
      const watched = window as unknown as Watched;
      watched.cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) => watched.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const page = await context.newPage();
    const reported: string[] = [];
    page.on("console", (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text())) reported.push(message.text());
    });
    page.on("pageerror", (error) => reported.push(String(error)));
    const violations = () => page.evaluate(() => (window as unknown as Watched).cspViolations);

    // Hydrated: a link navigates on the client, without loading a new document.
    await page.goto(`${e2e.app.url}/login`);
    await page.waitForFunction(() => !!(window as unknown as Watched).__remixRouter);
    await page.evaluate(() => ((window as unknown as Watched).marker = 1));
    await page.getByRole("link", { name: en.nav.register, exact: true }).first().click();
    await expect.poll(() => page.locator("h1").textContent()).toBe(en.auth.register.title);
    expect(await page.evaluate(() => (window as unknown as Watched).marker)).toBe(1);

    // The log-in form posts through JavaScript (same origin, so the CSRF check lets it through).
    await page.getByRole("link", { name: en.nav.login, exact: true }).first().click();
    // The register page has the same fields: wait for the log-in page before typing.
    await expect.poll(() => page.locator("h1").textContent()).toBe(en.auth.login.title);
    await page.getByLabel(en.auth.email, { exact: true }).fill("trainer@durable.localhost");
    await page.getByLabel(en.auth.password, { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: en.auth.login.submit }).click();
    await expect.poll(() => page.url()).toMatch(/\/dashboard$/);
    expect(await page.evaluate(() => (window as unknown as Watched).marker)).toBe(1);

    // A report with its bars, and the check-in page with its offline queue, of a workshop three people attended.
    const event = await createEvent({ db: e2e.db, startsAt: new Date(Date.now() - 3 * 3_600_000) });
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Belgrade" }).format(event.startsAt);
    for (const name of ["Drita Hoxha", "Milan Đorđević", "Arben Gashi"]) {
      const person = await createPerson({ db: e2e.db, name, email: null, gender: "WOMAN", searchText: name.toLowerCase() });
      const invitation = await invite(event, person, "ACCEPTED", { db: e2e.db });
      await e2e.db.attendance.create({ data: { eventId: event.id, personId: person.id, invitationId: invitation.id, day, method: "NAME_SEARCH", checkedInAt: new Date() } });
    }
    await page.goto(`${e2e.app.url}/events/${event.id}/report`);
    await expect.poll(() => page.locator(".report-bar-svg rect").count()).toBeGreaterThan(0);
    await page.goto(`${e2e.app.url}/events/${event.id}/checkin`);
    await page.waitForLoadState("networkidle");
    expect(await violations()).toEqual([]);
    expect(reported).toEqual([]);

    // A script the page did not send, without the nonce, is refused.
    const ran = await page.evaluate(async () => {
      const script = document.createElement("script");
      script.textContent = "window.injected = true";
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return (window as unknown as Watched).injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(violations).toEqual([expect.stringMatching(/^script-src/)]);
    await context.close();
  });
});
