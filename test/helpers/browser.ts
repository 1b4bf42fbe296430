import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContextOptions } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/**
 * Browser tests need Debian's Chromium. On a laptop without it they are
 * skipped with this reason; in CI (CI=true) they must run, so they fail.
 */
export const browserMissing = !existsSync(CHROMIUM) && process.env.CI !== "true";
if (browserMissing) {
  console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM} (install Debian's chromium or set CHROMIUM_PATH).`);
}

// Playwright gives every launch a fresh, empty profile of its own.
// `extraArgs` add Chromium switches, e.g. a fake camera that films a file.
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...extraArgs,
    ],
  });
}

/** A fresh context (cookies, language) whose every wait gives up after 10 s instead of hanging. */
export async function openContext(browser: Browser, options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(10_000);
  return context;
}
