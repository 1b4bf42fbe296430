// What the first pages a visitor opens make the browser load, people in the
// field reading on phones over slow connections: the log-in page and the
// personal invitation link stay within a budget of gzipped JavaScript,
// counted from the build's manifest (scripts/bench/page-scripts.ts, also
// `npm run bench:js`); the root route and the client entry carry neither zod
// nor any message; and the browser gets the messages of the page's language
// alone, as a file it may keep.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import en from "~/locales/en";
import sq from "~/locales/sq";
import sr from "~/locales/sr";
import type { MessageTree } from "~/utils/i18n";
import { messages, messagesFile } from "~/utils/i18n.server";
import { pageScripts, readBuildManifest } from "../scripts/bench/page-scripts";
import { browserMissing, openContext } from "./helpers/browser";
import { DEMO_PASSWORD } from "../prisma/seed-data";
import { appFixture, PHONE } from "./helpers/e2e";

const BUILD = "public/build";
/** 110 kB, in the kB of every figure in docs/performance.md (1,024 bytes). A one-route Remix 2 app sends 85. */
const BUDGET = 110 * 1024;
const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

const built = (url: string) => readFileSync(join(BUILD, url.replace(/^\/build\//, "")), "utf8");
// Every zod build names its base type so; neither React, Remix nor i18next does.
const ZOD = "$ZodType";

/** Every message as text. */
function texts(tree: MessageTree): string[] {
  return Object.values(tree).flatMap((value) => (typeof value === "string" ? [value] : texts(value)));
}
// Long messages a bundler writes as they are (ASCII, no quotes or backslashes), of each language.
const telltales = [en, sq, sr].flatMap((tree) => texts(tree).filter((text) => text.length >= 40 && /^[\x20-\x7e]+$/.test(text) && !/["'`\\]/.test(text)));

describe("the JavaScript of the first pages, from the build's manifest", () => {
  it.each([
    ["the log-in page", "/login", "routes/login"],
    ["the personal invitation link", "/invitation/a-token", "routes/invitation.$token"],
  ])("%s loads at most 110 kB of gzipped JavaScript", (_label, path, route) => {
    const page = pageScripts(BUILD, path);
    expect(page.routes).toEqual(["root", route]);
    const largest = [...page.files]
      .sort((a, b) => b.gzip - a.gzip)
      .slice(0, 5)
      .map((file) => `${file.url} ${kB(file.gzip)}`);
    expect(page.gzip, `${path} loads ${kB(page.gzip)} gzipped in ${page.files.length} files; the largest: ${largest.join(", ")}`).toBeLessThanOrEqual(BUDGET);
  });

  it("keeps zod and every message out of the root route and the client entry, and out of the log-in and invitation pages", () => {
    const manifest = readBuildManifest(BUILD);
    const shell = [manifest.entry.module, ...(manifest.entry.imports ?? []), manifest.routes.root.module, ...(manifest.routes.root.imports ?? [])];
    const pages = ["/login", "/invitation/a-token"].flatMap((path) => pageScripts(BUILD, path, manifest).files.map((file) => file.url));
    expect(telltales.length).toBeGreaterThan(100);
    for (const url of new Set([...shell, ...pages])) {
      const code = built(url);
      expect(code.includes(ZOD), `${url} holds zod`).toBe(false);
      expect(
        telltales.filter((text) => code.includes(text)),
        `${url} holds messages`,
      ).toEqual([]);
    }
  });

  it("tells zod apart where a page does load it: registering checks its form in the browser", () => {
    // The check above would pass for any file if the telltale were wrong; here it must be found.
    const page = pageScripts(BUILD, "/register");
    expect(page.files.some((file) => built(file.url).includes(ZOD))).toBe(true);
  });
});

describe("the scripts and messages the built app sends", () => {
  const e2e = appFixture();

  const preloads = (html: string) => {
    const urls = new Set<string>();
    for (const tag of html.matchAll(/<link\b[^>]*>/g)) {
      if (/\brel="modulepreload"/.test(tag[0])) urls.add(tag[0].match(/\bhref="([^"]+)"/)![1]);
    }
    for (const script of html.matchAll(/\bimport\("([^"]+)"\)|\bimport\s+"([^"]+)"|\bfrom\s+"([^"]+)"/g)) urls.add(script[1] ?? script[2] ?? script[3]);
    return urls;
  };
  const messagesLink = (html: string) => html.match(/<link\b[^>]*\bdata-messages=""[^>]*>/)?.[0];

  it.each(["/login", "/invitation/a-token"])("%s names in its HTML exactly the scripts counted from the manifest", async (path) => {
    const html = await (await fetch(`${e2e.app.url}${path}`, { headers: { "Accept-Language": "en" } })).text();
    const counted = pageScripts(BUILD, path).files.map((file) => file.url);
    expect([...preloads(html)].sort()).toEqual([...counted].sort());
  });

  it("names the file of the page's language, which holds that language's messages alone and may be kept for a year", async () => {
    for (const [acceptLanguage, locale] of [
      ["en-GB", "en"],
      ["sq", "sq"],
      ["sr-Cyrl", "sr-Cyrl"],
    ] as const) {
      const html = await (await fetch(`${e2e.app.url}/login`, { headers: { "Accept-Language": acceptLanguage } })).text();
      const link = messagesLink(html);
      expect(link, `${acceptLanguage}: the messages link`).toBeDefined();
      expect(link).toMatch(/\brel="preload"/);
      expect(link).toMatch(/\bas="fetch"/);
      const href = link!.match(/\bhref="([^"]+)"/)![1];
      expect(href).toBe(`/locales/${messagesFile(locale).name}`);

      const response = await fetch(`${e2e.app.url}${href}`, { headers: { "Accept-Encoding": "gzip" } });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(await response.json()).toEqual(messages[locale]);
    }
  });

  it("answers a file name from before the texts changed with today's messages, not to be kept, and anything else with 404", async () => {
    const old = await fetch(`${e2e.app.url}/locales/sq.000000000000.json`);
    expect(old.status).toBe(200);
    expect(old.headers.get("cache-control")).toBe("no-cache");
    expect(await old.json()).toEqual(messages.sq);
    for (const name of ["de.000000000000.json", "sq.json", "sq.000000000000.js", "..%2Fpackage.json"]) {
      const response = await fetch(`${e2e.app.url}/locales/${name}`);
      expect(response.status, name).toBe(404);
      await response.arrayBuffer();
    }
  });
});

describe.skipIf(browserMissing)("the messages in Chromium", () => {
  const e2e = appFixture({ browser: true });

  it("fetches the page's language once, hydrates with it, and fetches the saved language when a log-in brings it", async () => {
    const context = await openContext(e2e.browser, { ...PHONE, locale: "en-GB" });
    const page = await context.newPage();
    const fetched: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/locales/")) fetched.push(new URL(request.url()).pathname);
    });
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    await page.goto(`${e2e.app.url}/login`);
    // Hydrated: the language picker applies a choice by itself, so its button goes.
    await expect.poll(() => page.locator(".language-switcher button").count()).toBe(0);
    expect(fetched).toEqual([`/locales/${messagesFile("en").name}`]);

    // The demo trainer reads in Albanian: the dashboard comes by client-side navigation (no new document), in Albanian.
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await page.locator('#login input[name="email"]').fill("trainer@durable.localhost");
    await page.locator('#login input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('#login button[type="submit"]').click();
    await page.waitForURL(/\/dashboard$/, { timeout: 20_000 });
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("sq");
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(await page.locator(".site-menu > summary").textContent()).toBe(sq.nav.menu);
    expect(fetched).toEqual([`/locales/${messagesFile("en").name}`, `/locales/${messagesFile("sq").name}`]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
