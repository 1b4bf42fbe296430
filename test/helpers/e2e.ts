// What every test of the built app needs, written once: the app with its
// database (and, when asked, an SMTP peer and Chromium) started before a
// file's tests and stopped after them; logging in, in a browser or over HTTP;
// and a submit that waits for what it causes, not for what was already shown.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { simpleParser } from "mailparser";
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

/**
 * Logs in through the log-in page and waits until the browser has landed
 * where the app sends it (the dashboard, unless `landsOn` says otherwise),
 * so that the next step never acts on the log-in page.
 */
export async function logIn(
  page: Page,
  appUrl: string,
  email: string,
  options: { password?: string; landsOn?: RegExp } = {},
): Promise<void> {
  // Several browsers logging in at once (argon2 on purpose slow) on a busy machine: more than a page's usual 10 s.
  await page.goto(`${appUrl}/login`, { timeout: 20_000 });
  await page.locator('#login input[name="email"]').fill(email);
  await page.locator('#login input[name="password"]').fill(options.password ?? DEMO_PASSWORD);
  await page.locator('#login button[type="submit"]').click();
  await page.waitForURL(options.landsOn ?? /\/dashboard(\?|$)/, { timeout: 20_000 });
}

/** Logs in over HTTP (no browser) and returns the session cookie, as `name=value`, for the requests that follow. */
export async function logInOverHttp(appUrl: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${appUrl}/login`, { method: "POST", body: new URLSearchParams({ email, password }), redirect: "manual" });
  expect(res.status).toBe(302);
  return res.headers.get("set-cookie")!.split(";")[0];
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
