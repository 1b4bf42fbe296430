import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/**
 * Browser tests need Debian's Chromium. On a laptop without it they are
 * skipped with this reason; in CI (CI=true) they must run, so they fail.
 */
export const browserMissing = !existsSync(CHROMIUM) && process.env.CI !== "true";
if (browserMissing) {
  console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM} (install Debian's chromium or set CHROMIUM_PATH).`);
}

// Chromium's own connections (updates, sync) are refused by the closed network: keep them off.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// Playwright gives every launch a fresh, empty profile of its own.
// `extraArgs` add Chromium switches, e.g. a fake camera that films a file.
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/**
 * Chromium on a profile kept in `userDataDir`: what a phone keeps between
 * two launches on the same folder (service workers, their caches,
 * localStorage, cookies) survives closing the browser. Waits give up after 10 s.
 */
export async function launchWithProfile(userDataDir: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, ...options });
  context.setDefaultTimeout(10_000);
  return context;
}

/** A fresh context (cookies, language) whose every wait gives up after 10 s instead of hanging. */
export async function openContext(browser: Browser, options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(10_000);
  return context;
}
