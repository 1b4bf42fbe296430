import { randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import { createPrismaClient, type PrismaClient } from "~/db.server";
import en from "~/locales/en";
import { foldForSearch } from "~/utils/search";
import { DEMO_PASSWORD } from "../../prisma/seed-data";
import { startApp, type RunningApp } from "../helpers/app-server";
import { browserMissing, launchBrowser, openContext } from "../helpers/browser";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const checkin = en.invitations.checkin;

describe.skipIf(browserMissing)("a trainer checks people in at the door on a phone with a weak connection (Chromium)", () => {
  let app: RunningApp;
  let browser: Browser;
  let db: PrismaClient;

  beforeAll(async () => {
    app = await startApp({ OUTBOX_WORKER: "off" });
    browser = await launchBrowser();
    db = createPrismaClient(app.databaseUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await db?.$disconnect();
  });

  it("finds people by unaccented names, checks one in online and one offline, and the server ends with exactly two", async () => {
    await db.user.update({ where: { email: "trainer@durable.localhost" }, data: { locale: "en" } });
    const kamenice = await db.municipality.findUniqueOrThrow({ where: { slug: "kamenice" } });
    const day = "2027-06-09";
    const event = await db.event.create({
      data: {
        uid: `${randomUUID()}@durable`,
        type: "WORKSHOP",
        status: "PUBLISHED",
        clusterId: kamenice.clusterId,
        municipalityId: kamenice.id,
        venueName: "Shtëpia e Kulturës",
        startsAt: new Date(`${day}T07:00:00Z`),
        endsAt: new Date(`${day}T12:00:00Z`),
        capacity: 10,
        translations: { create: [{ locale: "en", title: "Workshop on returns" }] },
      },
    });
    const names = ["Drita Hoxha", "Zoran Đorđević", "Fatmir Berisha"];
    for (const name of names) {
      const person = await db.person.create({ data: { name, locale: "sq", municipalityId: kamenice.id, searchText: foldForSearch(name, "Kamenicë") } });
      await db.invitation.create({ data: { eventId: event.id, personId: person.id, status: "ACCEPTED" } });
    }

    const context = await openContext(browser, { ...PHONE, locale: "en-GB" });
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    await page.locator('input[name="email"]').fill("trainer@durable.localhost");
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form[method="post"] button[type="submit"]').last().click();
    await expect.poll(() => page.url()).toContain("/dashboard");

    await page.goto(`${app.url}/events/${event.id}/checkin?day=${day}`);
    await page.locator(".checkin[data-ready]").waitFor();
    const row = (name: string) => page.locator(`li[data-checkin-person="${name}"]`);
    await expect.poll(() => page.locator("li[data-checkin-person]").count()).toBe(3);

    // "dordevic", typed without the đ, finds Zoran Đorđević at once (filtered on the phone).
    const search = page.getByPlaceholder(checkin.search);
    await search.fill("drita");
    await expect.poll(() => page.locator("li[data-checkin-person]").count()).toBe(1);
    expect(await row("Drita Hoxha").count()).toBe(1);
    await search.fill("dordevic");
    await expect.poll(() => page.locator("li[data-checkin-person]").count()).toBe(1);
    await row("Zoran Đorđević").getByRole("button", { name: checkin.checkIn }).tap();
    await row("Zoran Đorđević").getByTestId("checked-in").waitFor();
    await expect.poll(() => db.attendance.count({ where: { eventId: event.id } })).toBe(1);

    // The connection drops: the next tap is kept on the phone and shown as pending.
    await context.setOffline(true);
    await page.locator('[data-testid="offline"]').waitFor();
    await search.fill("fatmir");
    await row("Fatmir Berisha").getByRole("button", { name: checkin.checkIn }).tap();
    await row("Fatmir Berisha").getByTestId("pending").waitFor();
    expect(await page.getByTestId("pending-count").textContent()).toContain("1");
    // Nothing reached the server.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await db.attendance.count({ where: { eventId: event.id } })).toBe(1);

    // Back online, the kept tap is sent by itself.
    await context.setOffline(false);
    await expect.poll(() => db.attendance.count({ where: { eventId: event.id } })).toBe(2);
    await row("Fatmir Berisha").getByTestId("checked-in").waitFor();
    await expect.poll(() => page.getByTestId("pending-count").count()).toBe(0);

    await page.reload();
    await page.locator(".checkin[data-ready]").waitFor();
    await expect.poll(() => page.getByTestId("checked-in").count()).toBe(2);
    expect(await row("Drita Hoxha").getByRole("button", { name: checkin.checkIn }).count()).toBe(1);
    const rows = await db.attendance.findMany({ where: { eventId: event.id }, include: { person: true } });
    expect(rows.map((r) => r.person.name).sort()).toEqual(["Fatmir Berisha", "Zoran Đorđević"]);
    expect(rows.every((r) => r.day === day && r.method === "NAME_SEARCH")).toBe(true);
    await context.close();
  });
});
