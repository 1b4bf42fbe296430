// What every test of the built app needs, written once: the app with its
// database (and, when asked, an SMTP peer and Chromium) started before a
// file's tests and stopped after them; logging in, in a browser or over HTTP;
// and a submit that waits for what it causes, not for what was already shown.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { Secret, TOTP } from "otpauth";
import type { Browser, BrowserContextOptions, Locator, Page, Response } from "playwright-core";
import type { Prisma } from "~/generated/prisma/client";
import { createPrismaClient, type PrismaClient } from "~/db.server";
import { DEMO_PASSWORD } from "../../prisma/seed-data";
import { startApp, type RunningApp } from "./app-server";
import { launchBrowser } from "./browser";
import { startSmtpPeer, type SmtpPeer } from "./smtp";

/** A phone, as the programme's trainers and stakeholders mostly use: 390×844, touch. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } satisfies BrowserContextOptions;

export type AppFixture = {
  /** The built app, on a database of its own (migrated and seeded). */
  readonly app: RunningApp;
  /** A Prisma client on the app's database, for a test's own data and for checking what the app saved. */
  readonly db: PrismaClient;
  /** The SMTP server the app sends to (only with `smtp: true`). */
  readonly smtp: SmtpPeer;
  /** Chromium (only with `browser: true`). */
  readonly browser: Browser;
};

/**
 * Starts the app before the tests of the describe block (or file) it is
 * called in, and stops everything after them. Read the fields inside tests
 * and hooks, once the set-up has run:
 *
 *     const e2e = appFixture({ browser: true, smtp: true });
 *     it("…", async () => { const { app, browser } = e2e; … });
 */
export function appFixture(options: { env?: Record<string, string>; args?: string[]; smtp?: boolean; browser?: boolean } = {}): AppFixture {
  let app: RunningApp | undefined;
  let db: PrismaClient | undefined;
  let smtp: SmtpPeer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (options.smtp) smtp = await startSmtpPeer();
    app = await startApp({ ...(smtp ? { SMTP_URL: smtp.url } : {}), ...options.env }, undefined, options.args);
    if (options.browser) browser = await launchBrowser();
    db = createPrismaClient(app.databaseUrl);
    // A fresh database, the seed, the app's own start (up to 60 s) and Chromium: more than the usual hook's minute when the machine is busy.
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await smtp?.close();
    await db?.$disconnect();
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`No ${what} here: ask appFixture for it, and read it inside a test or hook.`);
    return value;
  };
  return {
    get app() {
      return ready(app, "app");
    },
    get db() {
      return ready(db, "database client");
    },
    get smtp() {
      return ready(smtp, "SMTP peer (appFixture({ smtp: true }))");
    },
    get browser() {
      return ready(browser, "browser (appFixture({ browser: true }))");
    },
  };
}

/** Chromium alone, for a describe block whose app is started elsewhere in its file. */
export function browserFixture(): { readonly browser: Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error("The browser starts in beforeAll: read it inside a test or hook.");
      return browser;
    },
  };
}

// The second factors the helpers below set up, by app and account: the key read from the set-up page, and
// the newest time step whose code was used (the app takes each code once, so the next log-in needs a newer one).
const secondFactors = new Map<string, { secret: string; lastStep: number }>();

/** The key an account of this app was given when the helpers set up its second factor (tests that log in by hand use it). */
export function secondFactorSecret(appUrl: string, email: string): string | undefined {
  return secondFactors.get(`${appUrl}|${email}`)?.secret;
}

/** A code the app has not taken yet: for the current 30-second step or the next (which it also accepts), else after waiting. */
export async function nextSecondFactorCode(appUrl: string, email: string, secret = secondFactorSecret(appUrl, email)): Promise<string> {
  if (!secret) throw new Error(`No second factor known for ${email}: log in with the helpers first, or pass the key.`);
  const key = `${appUrl}|${email}`;
  const lastStep = secondFactors.get(key)?.lastStep ?? 0;
  let step = Math.max(lastStep + 1, Math.floor(Date.now() / 30_000));
  const wait = (step - 1) * 30_000 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 100));
  step = Math.max(step, Math.floor(Date.now() / 30_000));
  secondFactors.set(key, { secret, lastStep: step });
  return new TOTP({ secret: Secret.fromBase32(secret.replace(/\s/g, "")) }).generate({ timestamp: step * 30_000 });
}

/** Remembers a key read from the set-up page. */
function rememberSecondFactor(appUrl: string, email: string, secret: string) {
  secondFactors.set(`${appUrl}|${email}`, { secret: secret.replace(/\s/g, ""), lastStep: 0 });
}

/**
 * Logs in through the log-in page and waits until the browser has landed
 * where the app sends it (the dashboard, unless `landsOn` says otherwise),
 * so that the next step never acts on the log-in page. An account with a
 * second factor gets its code; an admin without one sets it up first, as
 * the app asks (the key is kept for the next log-in).
 */
export async function logIn(
  page: Page,
  appUrl: string,
  email: string,
  options: { password?: string; landsOn?: RegExp } = {},
): Promise<void> {
  const landsOn = options.landsOn ?? /\/dashboard(\?|$)/;
  // Several browsers logging in at once (argon2 on purpose slow) on a busy machine: more than a page's usual 10 s.
  await page.goto(`${appUrl}/login`, { timeout: 20_000 });
  await page.locator('#login input[name="email"]').fill(email);
  await page.locator('#login input[name="password"]').fill(options.password ?? DEMO_PASSWORD);
  await page.locator('#login button[type="submit"]').click();
  const secondStep = /\/login\/two-factor(\?|$)/;
  const setUp = /\/settings\/two-factor(\?|$)/;
  await page.waitForURL((url) => [landsOn, secondStep, setUp].some((pattern) => pattern.test(url.pathname + url.search)), { timeout: 20_000 });
  const here = new URL(page.url());
  if (secondStep.test(here.pathname)) {
    await page.locator('#second-step input[name="code"]').fill(await nextSecondFactorCode(appUrl, email));
    await page.locator('#second-step button[type="submit"]').click();
  } else if (setUp.test(here.pathname) && !landsOn.test(here.pathname + here.search)) {
    await page.locator('form:has(input[name="intent"][value="start"]) button[type="submit"]').click();
    const secret = (await page.getByTestId("totp-secret").textContent({ timeout: 20_000 })) ?? "";
    rememberSecondFactor(appUrl, email, secret);
    await page.locator('#two-factor-confirm input[name="code"]').fill(await nextSecondFactorCode(appUrl, email));
    await page.locator('#two-factor-confirm button[type="submit"]').click();
    await page.getByTestId("recovery-codes").getByRole("link").click({ timeout: 20_000 });
  } else {
    return;
  }
  await page.waitForURL(landsOn, { timeout: 20_000 });
}

/** Logs in over HTTP (no browser) and returns the session cookie, as `name=value`, for the requests that follow; with the second step or set-up as `logIn`. */
export async function logInOverHttp(appUrl: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${appUrl}/login`, { method: "POST", body: new URLSearchParams({ email, password }), redirect: "manual" });
  expect(res.status).toBe(302);
  const cookie = res.headers.get("set-cookie")!.split(";")[0];
  if (res.headers.get("location")?.startsWith("/login/two-factor")) {
    const code = await nextSecondFactorCode(appUrl, email);
    const second = await fetch(`${appUrl}/login/two-factor`, { method: "POST", headers: { Cookie: cookie }, body: new URLSearchParams({ code }), redirect: "manual" });
    expect(second.status, "the second step of the log-in").toBe(302);
    return second.headers.get("set-cookie")!.split(";")[0];
  }
  const landing = await fetch(`${appUrl}/dashboard`, { headers: { Cookie: cookie }, redirect: "manual" });
  if (landing.headers.get("location")?.startsWith("/settings/two-factor")) await setUpSecondFactorOverHttp(appUrl, email, cookie);
  return cookie;
}

/** Sets up the second factor of the logged-in account of `cookie`, as its owner would on the set-up page. */
export async function setUpSecondFactorOverHttp(appUrl: string, email: string, cookie: string): Promise<string[]> {
  const post = (body: Record<string, string>) =>
    fetch(`${appUrl}/settings/two-factor`, { method: "POST", headers: { Cookie: cookie }, body: new URLSearchParams(body), redirect: "manual" });
  expect((await post({ intent: "start" })).status, "starting the set-up").toBe(200);
  const page = await (await fetch(`${appUrl}/settings/two-factor`, { headers: { Cookie: cookie } })).text();
  const secret = /data-testid="totp-secret">([A-Z2-7 ]+)</.exec(page)?.[1];
  if (!secret) throw new Error("No key on the set-up page");
  rememberSecondFactor(appUrl, email, secret);
  const confirmed = await post({ intent: "confirm", code: await nextSecondFactorCode(appUrl, email) });
  expect(confirmed.status, "confirming the set-up").toBe(200);
  return [...(await confirmed.text()).matchAll(/<code>([a-z2-7]{6}(?:-[a-z2-7]{6}){3})<\/code>/g)].map((m) => m[1]);
}

type RemixWindow = Window & {
  __remixRouter?: { state: { navigation: { state: string }; revalidation: string; fetchers: Map<string, { state: string }> } };
};

/**
 * Clicks the submit button of a form that posts, and waits for everything the submission causes: the
 * answer to its POST, then either the page the browser loads (without
 * JavaScript, or before hydration) or, in the hydrated app, the loaders that
 * run again afterwards. Reading the page after it gives the new state, never
 * the one shown before the click. Returns the POST's response.
 */
export async function submitAndWait(page: Page, button: Locator): Promise<Response> {
  // A page still loading would fire the "load" awaited below for itself.
  await page.waitForLoadState("load");
  const posted = page.waitForResponse((response) => response.request().method() === "POST");
  // A native form post loads a new document; a hydrated Remix form does not.
  const loaded = page.waitForEvent("load", { timeout: 20_000 });
  loaded.catch(() => undefined);
  await button.click();
  const response = await posted;
  const idle = page.waitForFunction(
    () => {
      const router = (window as RemixWindow).__remixRouter;
      if (!router) return false;
      const { navigation, revalidation, fetchers } = router.state;
      return navigation.state === "idle" && revalidation === "idle" && [...fetchers.values()].every((fetcher) => fetcher.state === "idle");
    },
    undefined,
    { timeout: 20_000 },
  );
  idle.catch(() => undefined);
  await Promise.any([loaded, idle]);
  return response;
}

/**
 * The latest email matching `where`, as its recipient gets it: the copy in the
 * app's local mailbox, once the outbox worker has delivered it (the outbox
 * keeps a message's text only until then).
 */
export async function deliveredMail(fixture: Pick<AppFixture, "app" | "db">, where: Prisma.OutboxMessageWhereInput): Promise<{ html: string; text: string }> {
  const sent = () => fixture.db.outboxMessage.findFirst({ where: { ...where, status: "SENT" }, orderBy: { createdAt: "desc" } });
  await expect.poll(sent, { timeout: 15_000 }).not.toBeNull();
  const mail = await simpleParser(await readFile(join(fixture.app.dataDir, "mailbox", `${(await sent())!.id}durable.eml`)));
  return { html: mail.html || "", text: mail.text ?? "" };
}
