import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { ASSET_CACHE, PAGE_CACHE } from "~/service-worker/scope";
import type { Locale } from "~/utils/i18n";
import { translator } from "~/utils/i18n.server";
import { foldForSearch } from "~/utils/search";
import { browserMissing, launchWithProfile } from "../helpers/browser";
import { appFixture, logIn, PHONE } from "../helpers/e2e";
import { createEvent, createPerson, invite } from "../helpers/factories";

// The door with no connection: the check-in page kept by the service worker
// (app/service-worker/) opens again after a reload, and after the browser was
// closed, and the taps made meanwhile reach the server once the phone is back
// online. Each test runs Chromium on a profile folder of its own, closed and
// launched again on the same folder where a phone would be switched off.

const day = "2026-06-09";
const NAMES = ["Drita Hoxha", "Zoran Đorđević", "Fatmir Berisha"];

describe.skipIf(browserMissing)("the check-in page at a door with no connection (Chromium, a phone)", () => {
  // The request log (info) shows which page loads reached the server.
  const e2e = appFixture({ env: { OUTBOX_WORKER: "off", LOG_LEVEL: "info" } });
  let profile: string;
  let context: BrowserContext | undefined;

  beforeEach(async () => {
    profile = await mkdtemp(join(tmpdir(), "durable-phone-"));
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
    await rm(profile, { recursive: true, force: true });
  });

  async function workshop() {
    const { db } = e2e;
    const kamenice = await db.municipality.findUniqueOrThrow({ where: { slug: "kamenice" } });
    const event = await createEvent({
      db,
      municipality: "kamenice",
      startsAt: new Date(`${day}T07:00:00Z`),
      endsAt: new Date(`${day}T12:00:00Z`),
      capacity: 10,
      titles: { en: "Workshop on returns" },
    });
    for (const name of NAMES) {
      const person = await createPerson({ db, name, email: null, locale: "sq", municipalityId: kamenice.id, searchText: foldForSearch(name, "Kamenicë") });
      await invite(event, person, "ACCEPTED", { db });
    }
    return { event, url: `${e2e.app.url}/events/${event.id}/checkin?day=${day}` };
  }

  async function openPhone(locale: Locale, options: { offline?: boolean } = {}): Promise<Page> {
    context = await launchWithProfile(profile, { ...PHONE, locale: locale === "sq" ? "sq-AL" : "sr-RS", timezoneId: "Europe/Belgrade", ...options });
    return context.pages()[0] ?? (await context.newPage());
  }

  /** Whether the phone holds the page and every build file it loads. */
  const keptOnPhone = (page: Page, url: string) =>
    page.evaluate(
      async ({ url, pageCache, assetCache }) => {
        const copy = await (await caches.open(pageCache)).match(url);
        if (!copy) return false;
        const assets = await caches.open(assetCache);
        const needed = [...(await copy.text()).matchAll(/"(\/build\/[^"]+)"/g)].map((match) => match[1]);
        return needed.length > 0 && (await Promise.all(needed.map((asset) => assets.match(asset)))).every(Boolean);
      },
      { url, pageCache: PAGE_CACHE, assetCache: ASSET_CACHE },
    );

  /** The page requests (GET) of one check-in page the server has answered so far, from its request log. */
  const pageLoadsSeen = (eventId: string) =>
    e2e.app
      .stdout()
      .split("\n")
      .filter((line) => line.includes('"method":"GET"') && line.includes(`"path":"/events/${eventId}/checkin?day"`)).length;

  it("opens again with no connection after a reload, and after the tab was killed and the browser closed, and the two taps made offline reach the server once each, in order (Serbian Cyrillic)", async () => {
    const { app, db } = e2e;
    const trainer = await db.user.update({ where: { email: "trainer@durable.localhost" }, data: { locale: "sr-Cyrl" } });
    const { event, url } = await workshop();
    const t = translator("sr-Cyrl");
    const copyNotice = t("invitations.checkinCopy.shown", { time: "\u0000" }).split("\u0000")[0];

    let page = await openPhone("sr-Cyrl");
    await logIn(page, app.url, trainer.email);
    await page.goto(url);
    await page.locator(".checkin[data-ready]").waitFor();
    // Online, the page is the server's own: no word of a copy.
    expect(await page.getByTestId("kept-copy").count()).toBe(0);
    // The worker registered by the page keeps it, with every build file it loads.
    await expect.poll(() => keptOnPhone(page, url)).toBe(true);

    // The connection drops, and the page is reloaded.
    const loadsOnline = pageLoadsSeen(event.id);
    await context!.setOffline(true);
    await page.reload();
    await page.locator(".checkin[data-ready]").waitFor();
    await page.getByTestId("offline").waitFor();
    expect(await page.getByTestId("kept-copy").textContent()).toContain(copyNotice);
    expect(await page.getByTestId("offline").textContent()).toBe(t("invitations.checkin.offline"));
    expect(await page.locator("li[data-checkin-person]").count()).toBe(3);

    // Two people are checked in at the door.
    const row = (name: string) => page.locator(`li[data-checkin-person="${name}"]`);
    for (const name of ["Fatmir Berisha", "Drita Hoxha"]) {
      await row(name).getByRole("button", { name: t("invitations.checkin.checkIn") }).tap();
      await row(name).getByTestId("pending").waitFor();
    }
    expect(await page.getByTestId("pending-count").textContent()).toBe(t("invitations.checkin.pendingCount", { count: 2 }));

    // The tab is killed (as a phone does to a tab left in the background), then the browser is closed (the phone
    // switched off); both open again on the same page, still with no connection. (A tab closed the polite way would
    // first lose the test's offline emulation, which lives in its DevTools session, and send its queue as it goes.)
    const crashed = page.waitForEvent("crash");
    void (await context!.newCDPSession(page)).send("Page.crash").catch(() => undefined);
    await crashed;
    await context!.close();
    expect(await db.attendance.count({ where: { eventId: event.id } })).toBe(0);
    page = await openPhone("sr-Cyrl", { offline: true });
    await page.goto(url);
    await page.locator(".checkin[data-ready]").waitFor();
    expect(await page.getByTestId("kept-copy").textContent()).toContain(copyNotice);
    await page.getByTestId("offline").waitFor();
    expect(await page.getByTestId("pending-count").textContent()).toBe(t("invitations.checkin.pendingCount", { count: 2 }));
    expect(await page.getByTestId("pending").count()).toBe(2);
    // Nothing reached the server meanwhile: not a tap, not a page load.
    expect(await db.attendance.count({ where: { eventId: event.id } })).toBe(0);
    expect(pageLoadsSeen(event.id)).toBe(loadsOnline);

    // The connection returns: the queue is sent by itself, and each tap counts once.
    await context!.setOffline(false);
    await expect.poll(() => db.attendance.count({ where: { eventId: event.id } })).toBe(2);
    await expect.poll(() => page.getByTestId("pending-count").count()).toBe(0);
    await expect.poll(() => page.getByTestId("checked-in").count()).toBe(2);
    // Both answers came in one sending: one notice counts them.
    await expect.poll(() => page.getByRole("status").filter({ hasText: t("invitations.checkin.many.done", { checkedIn: 2, already: 0, refused: 0 }) }).count()).toBe(1);
    await page.getByTestId("offline").waitFor({ state: "detached" });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const rows = await db.attendance.findMany({ where: { eventId: event.id }, include: { person: true }, orderBy: { createdAt: "asc" } });
    // In the order they were made, each at the time it was tapped, by the trainer.
    expect(rows.map((r) => r.person.name)).toEqual(["Fatmir Berisha", "Drita Hoxha"]);
    expect(rows[0].checkedInAt.getTime()).toBeLessThanOrEqual(rows[1].checkedInAt.getTime());
    expect(rows.every((r) => r.day === day && r.method === "NAME_SEARCH" && r.checkedInById === trainer.id)).toBe(true);

    // Online again, a reload shows the server's page, with the two check-ins and no word of a copy.
    await page.reload();
    await page.locator(".checkin[data-ready]").waitFor();
    await expect.poll(() => page.getByTestId("checked-in").count()).toBe(2);
    expect(await page.getByTestId("kept-copy").count()).toBe(0);
    expect(pageLoadsSeen(event.id)).toBeGreaterThan(loadsOnline);
    // The phone keeps the check-in page and nothing else.
    const kept = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((request) => request.url), PAGE_CACHE);
    expect(kept).toEqual([url]);
    expect(await db.attendance.count({ where: { eventId: event.id } })).toBe(2);
  }, 120_000);

  /** The addresses the phone keeps in the check-in caches (none once forgotten). */
  const keptAddresses = (page: Page) =>
    page.evaluate(async () => {
      const kept: string[] = [];
      for (const name of await caches.keys()) {
        if (name.startsWith("durable-checkin-")) for (const request of await (await caches.open(name)).keys()) kept.push(request.url);
      }
      return kept;
    });

  it("forgets the kept pages when the trainer logs out but keeps a tap not yet sent, which goes once someone signs in again; the next user finds no page of the trainer's offline (Albanian)", async () => {
    const { app, db } = e2e;
    await db.user.update({ where: { email: "trainer@durable.localhost" }, data: { locale: "sq" } });
    const admin = await db.user.update({ where: { email: "admin@durable.localhost" }, data: { locale: "sq" } });
    const { event, url } = await workshop();
    const t = translator("sq");

    const page = await openPhone("sq");
    await logIn(page, app.url, "trainer@durable.localhost");
    await page.goto(url);
    await page.locator(".checkin[data-ready]").waitFor();
    await expect.poll(() => keptOnPhone(page, url)).toBe(true);

    // The server cannot take taps for now (the rest of the site answers): a tap waits on the phone.
    await context!.route("**/checkin/tap", (route) => route.abort("internetdisconnected"));
    const row = page.locator('li[data-checkin-person="Zoran Đorđević"]');
    await row.getByRole("button", { name: t("invitations.checkin.checkIn") }).tap();
    await row.getByTestId("pending").waitFor();

    // The trainer logs out from the menu.
    await page.locator(".site-menu summary").tap();
    await page.getByRole("button", { name: t("nav.logout") }).tap();
    await page.waitForURL(`${app.url}/`);
    await expect.poll(() => keptAddresses(page)).toEqual([]);
    // The tap stays: it belongs to the event, not to the session.
    const queued = await page.evaluate((key) => localStorage.getItem(key), `durable:checkin:${event.id}`);
    expect(queued).toContain('"name":"Zoran Đorđević"');

    // Someone else signs in on the phone; with no connection the trainer's page is not there.
    await logIn(page, app.url, admin.email);
    await context!.setOffline(true);
    const opened = await page.goto(url).then(
      () => "shown",
      (error: Error) => error.message,
    );
    // The worker has no copy to give: the browser's own error (ERR_FAILED through the worker).
    expect(opened).toMatch(/net::ERR_(FAILED|INTERNET_DISCONNECTED)/);
    await page.waitForLoadState();
    expect(await page.locator("li[data-checkin-person]").count()).toBe(0);

    // Connected again, the check-in page comes from the server, and the tap kept on the phone is sent once.
    await context!.setOffline(false);
    await context!.unroute("**/checkin/tap");
    await page.goto(url);
    await page.locator(".checkin[data-ready]").waitFor();
    await expect.poll(() => db.attendance.count({ where: { eventId: event.id } })).toBe(1);
    const attendance = await db.attendance.findFirstOrThrow({ where: { eventId: event.id }, include: { person: true } });
    expect(attendance.person.name).toBe("Zoran Đorđević");
    expect(attendance.checkedInById).toBe(admin.id);
    await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), `durable:checkin:${event.id}`)).toBeNull();
  }, 120_000);

  it("forgets the kept pages when someone signs in after the trainer's session ended without a log-out", async () => {
    const { app, db } = e2e;
    const trainer = await db.user.update({ where: { email: "trainer@durable.localhost" }, data: { locale: "en" } });
    const { url } = await workshop();

    const page = await openPhone("sr");
    await logIn(page, app.url, trainer.email);
    await page.goto(url);
    await page.locator(".checkin[data-ready]").waitFor();
    await expect.poll(() => keptOnPhone(page, url)).toBe(true);

    // The session ends on the server (it expired, or an administrator ended it): the phone still holds the page.
    await db.session.deleteMany({ where: { userId: trainer.id } });
    expect(await keptAddresses(page)).toContain(url);
    await logIn(page, app.url, "admin@durable.localhost");
    await expect.poll(() => keptAddresses(page)).toEqual([]);
  }, 60_000);

  it("shows the kept page while the server answers with a fault of its own (the database restarting), and the server's page once it is back", async () => {
    const { app, db } = e2e;
    const trainer = await db.user.update({ where: { email: "trainer@durable.localhost" }, data: { locale: "en" } });
    const { url } = await workshop();

    const page = await openPhone("sq");
    await logIn(page, app.url, trainer.email);
    await page.goto(url);
    await page.locator(".checkin[data-ready]").waitFor();
    await expect.poll(() => keptOnPhone(page, url)).toBe(true);

    await context!.route(url, (route) => route.fulfill({ status: 503, contentType: "text/html", body: "<h1>Try again in a moment</h1>" }));
    await page.reload();
    await page.locator(".checkin[data-ready]").waitFor();
    await page.getByTestId("kept-copy").waitFor();
    expect(await page.locator("li[data-checkin-person]").count()).toBe(3);

    await context!.unroute(url);
    await page.reload();
    await page.locator(".checkin[data-ready]").waitFor();
    expect(await page.getByTestId("kept-copy").count()).toBe(0);
    expect(await keptAddresses(page)).toContain(url);
  }, 60_000);

  it("serves the worker from the site's root, checked again on every visit", async () => {
    const response = await fetch(`${e2e.app.url}/sw.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-cache");
    expect(response.headers.get("Content-Type")).toMatch(/^text\/javascript/);
    expect(await response.text()).toContain("durable-checkin-pages");
  });
});
