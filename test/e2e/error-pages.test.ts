// No raw error text, anywhere: whatever refuses an address a browser loads as
// a page (a route's refusal, a resource route's 404 or 403, a method an
// address does not take, Remix's own data addresses opened by hand, a path
// Express cannot decode, a post from another site), the person gets the
// app's own page, styled and in their language, saying what to do next.
// Scripts fetching data keep the bare answers they read.
import sq from "~/locales/sq";
import sr from "~/locales/sr";
import { latinToCyrillic } from "~/locales/transliterate";
import { browserMissing, openContext } from "../helpers/browser";
import { appFixture, logInOverHttp, PHONE } from "../helpers/e2e";
import { createEvent, createUser, TEST_PASSWORD } from "../helpers/factories";

/** What Chromium sends when it loads an address as a page. */
const PAGE = {
  Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
  "Sec-Fetch-Dest": "document",
  "Sec-Fetch-Mode": "navigate",
  "Sec-Fetch-Site": "none",
};
const POSTED = { ...PAGE, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded" };

const BARE = /^\s*(Forbidden|Bad Request|Not Found|Not found|Method Not Allowed|Unexpected Server Error|Invalid Request)\s*$/i;

const decodeEntities = (html: string) =>
  html.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

type Probe = { method?: string; path: string; status: number; title: string; text: string; cookie?: string; headers?: Record<string, string> };

describe("error pages for every refusal a browser can see (over HTTP, Albanian and Serbian Cyrillic)", () => {
  const e2e = appFixture();

  async function expectPage(probe: Probe, language: "sq" | "sr-Cyrl" = "sq") {
    const method = probe.method ?? "GET";
    const res = await fetch(`${e2e.app.url}${probe.path}`, {
      method,
      headers: { ...(method === "GET" ? PAGE : POSTED), "Accept-Language": language, ...(probe.cookie ? { Cookie: probe.cookie } : {}), ...probe.headers },
      body: method === "GET" ? undefined : "answer=ACCEPT",
      redirect: "manual",
    });
    const what = `${method} ${probe.path}`;
    const body = decodeEntities(await res.text());
    expect(res.status, what).toBe(probe.status);
    expect(res.headers.get("content-type"), what).toMatch(/^text\/html/);
    expect(body, what).not.toMatch(BARE);
    expect(body, what).toContain(`<html lang="${language}"`);
    // The styled page: the app's stylesheet, its header with the language switcher, the heading and what to do next.
    expect(body, what).toMatch(/<link rel="stylesheet" href="\/build\/_assets\/styles-[^"]+\.css"/);
    expect(body, what).toContain('id="language-select"');
    expect(body, what).toContain(`<h1>${probe.title}</h1>`);
    expect(body, what).toContain(probe.text);
  }

  it("answers Remix's data addresses opened by hand with a page, not a bare 400 or the raw data", async () => {
    const bad = { status: 400, title: sq.errors.badRequestTitle, text: sq.errors.badRequest };
    for (const path of [
      "/invitation/abcdef?_data=routes%2Fnonexistent",
      "/invitation/abcdef?_data=",
      "/invitation/abcdef?_data=%E0%A4%A",
      "/invitation/abcdef.data",
      "/_root.data",
      "/guidelines?_data=root",
    ]) {
      await expectPage({ path, ...bad });
      await expectPage({ path, method: "POST", ...bad });
    }
    await expectPage({ path: "/__manifest", status: 404, title: sq.errors.notFoundTitle, text: sq.errors.notFound });
    // In Serbian Cyrillic too.
    await expectPage(
      { path: "/invitation/abcdef?_data=routes%2Fnonexistent", status: 400, title: latinToCyrillic(sr.errors.badRequestTitle), text: latinToCyrillic(sr.errors.badRequest) },
      "sr-Cyrl",
    );
  });

  it("answers a resource route's refusals (404, 403, 405) and a path Express cannot decode with a page", async () => {
    const event = await createEvent({ db: e2e.db });
    const notFound = { status: 404, title: sq.errors.notFoundTitle, text: sq.errors.notFound };
    for (const path of ["/calendar/abcdefghijabcdefghijabcdefghij.ics", "/events/nope/materials/none", "/locales/xx.json", "/guidelines/none/v/1.pdf", "/%E0%A4%A"]) {
      await expectPage({ path, ...notFound });
    }
    const notTaken = { status: 405, title: sq.errors.methodNotAllowedTitle, text: sq.errors.methodNotAllowed };
    for (const path of [`/events/${event.id}/calendar.ics`, "/calendar/public.ics", "/healthz", "/no-such-page"]) {
      await expectPage({ path, method: "POST", ...notTaken });
    }
    await expectPage({ path: "/calendar/public.ics", method: "PUT", ...notTaken });

    // A member without the right, and a trainer opening the door's post-only address.
    // (A signed-in person's page speaks their account's language.)
    const member = await createUser({ db: e2e.db, roles: ["MEMBER"], locale: "sq" });
    const memberCookie = await logInOverHttp(e2e.app.url, member.email, TEST_PASSWORD);
    const forbidden = { status: 403, title: sq.errors.forbiddenTitle, text: sq.errors.forbidden, cookie: memberCookie };
    for (const path of ["/people/export", `/events/${event.id}/certificates.pdf`, `/events/${event.id}/attendance.pdf`]) await expectPage({ path, ...forbidden });
    const trainerCookie = await logInOverHttp(e2e.app.url, "trainer@durable.localhost");
    await expectPage({ path: `/events/${event.id}/checkin/tap`, ...notTaken, cookie: trainerCookie });
    const serbian = await createUser({ db: e2e.db, roles: ["MEMBER"], locale: "sr-Cyrl" });
    const serbianCookie = await logInOverHttp(e2e.app.url, serbian.email, TEST_PASSWORD);
    await expectPage(
      { path: "/people/export", ...forbidden, cookie: serbianCookie, title: latinToCyrillic(sr.errors.forbiddenTitle), text: latinToCyrillic(sr.errors.forbidden) },
      "sr-Cyrl",
    );
  });

  it("answers a post from another site to a resource route with the refusal page, not the file", async () => {
    const event = await createEvent({ db: e2e.db, data: { isPublic: true } });
    await expectPage({
      path: `/events/${event.id}/calendar.ics`,
      method: "POST",
      headers: { "Sec-Fetch-Site": "cross-site", Origin: "https://elsewhere.example" },
      status: 403,
      title: sq.errors.forbiddenTitle,
      text: sq.errors.forbidden,
    });
  });

  it("keeps the bare answers that scripts read", async () => {
    const { url } = e2e.app;
    const script = { Accept: "*/*", "Sec-Fetch-Dest": "empty", "Sec-Fetch-Mode": "cors", "Sec-Fetch-Site": "same-origin" };
    const data = await fetch(`${url}/invitation/abcdef.data`, { headers: script });
    expect(data.headers.get("content-type")).toMatch(/^text\/x-script/);
    const old = await fetch(`${url}/invitation/abcdef?_data=root`, { headers: script });
    expect(old.status).toBe(400);
    expect(await old.text()).toBe("Bad Request");
    const messages = await fetch(`${url}/locales/xx.json`, { headers: script });
    expect(messages.status).toBe(404);
    expect(messages.headers.get("content-type")).toMatch(/^text\/plain/);
    const manifest = await fetch(`${url}/__manifest?p=%2Fguidelines&version=none`, { headers: script });
    expect(manifest.status).toBe(204);
    const trainerCookie = await logInOverHttp(url, "trainer@durable.localhost");
    const tap = await fetch(`${url}/events/none/checkin/tap`, { headers: { ...script, Cookie: trainerCookie } });
    expect(tap.status).toBe(405);
    expect(tap.headers.get("content-type") ?? "").not.toMatch(/^text\/html/);
  });
});

describe.skipIf(browserMissing)("an error page at a resource route's address in Chromium (phone, Albanian)", () => {
  const e2e = appFixture({ browser: true });

  it("shows the page, hydrates without an error and switches language", async () => {
    const context = await openContext(e2e.browser, { ...PHONE, locale: "sq-AL" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const response = await page.goto(`${e2e.app.url}/calendar/abcdefghijabcdefghijabcdefghij.ics`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(sq.errors.notFoundTitle);
    await page.waitForFunction(() => "__remixRouter" in window);
    await page.locator("#language-select").selectOption("sr-Cyrl");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(latinToCyrillic(sr.errors.notFoundTitle));
    expect(errors).toEqual([]);
    await context.close();
  });
});
