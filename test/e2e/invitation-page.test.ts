// The invitation page as an invitee meets it: on a 390×844 phone, in their
// own language, the answer buttons in view under the event's title, date and
// place; after a tap, the confirmation read out and focused; while the answer
// travels on a slow connection, buttons that say so and take no second tap;
// once they will come, the calendar file and the public materials through
// the link, and the door's QR code only then.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Page } from "playwright-core";
import en from "~/locales/en";
import sq from "~/locales/sq";
import sr from "~/locales/sr";
import { latinToCyrillic } from "~/locales/transliterate";
import { createToken, hashToken } from "~/utils/tokens.server";
import { browserMissing, openContext } from "../helpers/browser";
import { appFixture, PHONE } from "../helpers/e2e";
import { createEvent, createPerson, invite } from "../helpers/factories";

const cyr = (text: string) => latinToCyrillic(text);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

describe.skipIf(browserMissing)("the invitation page on a phone (Chromium, 390×844)", () => {
  const e2e = appFixture({ browser: true });

  async function invitation(locale: string, name: string) {
    const { app, db } = e2e;
    const event = await createEvent({
      db,
      titles: { sq: "Punëtori për strehimin", sr: "Radionica o stanovanju", en: "Housing workshop" },
      capacity: 10,
    });
    await db.eventSession.createMany({
      data: [0, 1, 2, 3].map((i) => ({
        eventId: event.id,
        title: `Session ${i + 1}`,
        startsAt: new Date(event.startsAt.getTime() + i * 3_600_000),
        endsAt: new Date(event.startsAt.getTime() + (i + 1) * 3_600_000),
      })),
    });
    const materials = [];
    for (const [title, isPublic] of [["Handout", true], ["Participants", false]] as const) {
      const storagePath = `${event.id}/${title.toLowerCase()}.pdf`;
      mkdirSync(dirname(join(app.dataDir, "materials", storagePath)), { recursive: true });
      writeFileSync(join(app.dataDir, "materials", storagePath), PDF);
      materials.push(
        await db.eventMaterial.create({
          data: { eventId: event.id, title, fileName: `${title.toLowerCase()}.pdf`, contentType: "application/pdf", size: PDF.byteLength, sha256: "0".repeat(64), storagePath, isPublic },
        }),
      );
    }
    const person = await createPerson({ db, name, locale });
    const token = createToken();
    const created = await invite(event, person, "PENDING", { db, data: { links: { create: { tokenHash: hashToken(token) } }, sentAt: new Date() } });
    return { url: `${app.url}/invitation/${token}`, invitationId: created.id, person, materials };
  }

  const statusOf = async (invitationId: string) => (await e2e.db.invitation.findUniqueOrThrow({ where: { id: invitationId } })).status;

  /** The answer buttons are in view without scrolling, and the agenda comes after them. */
  async function expectButtonsFirst(page: Page, accept: string, agenda: string) {
    const button = await page.getByRole("button", { name: accept }).boundingBox();
    expect(button).not.toBeNull();
    expect(button!.y + button!.height).toBeLessThanOrEqual(844);
    const agendaHeading = await page.getByRole("heading", { name: agenda }).boundingBox();
    expect(agendaHeading!.y).toBeGreaterThan(button!.y);
  }

  it("without JavaScript, in Albanian: the page speaks the invitee's language, the answer is confirmed and focused, then the calendar, the public materials and the QR code", async () => {
    const { url, invitationId, person, materials } = await invitation("sq", "Drita Gashi");
    // A browser set to English: the person's recorded language wins.
    const context = await openContext(e2e.browser, { ...PHONE, locale: "en-US", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url);
    expect(await page.locator("html").getAttribute("lang")).toBe("sq");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(sq.invitations.page.title);
    await expectButtonsFirst(page, sq.invitations.page.accept, sq.invitations.page.agenda);
    expect(await page.getByTestId("checkin-qr").count()).toBe(0);
    expect(await page.getByRole("link", { name: sq.invitations.page.addToCalendar }).count()).toBe(0);

    const posted = page.waitForResponse((response) => response.request().method() === "POST");
    await page.getByRole("button", { name: sq.invitations.page.accept }).click();
    expect((await posted).status()).toBe(200);
    await page.waitForLoadState("load");
    const confirmation = page.getByRole("status").filter({ hasText: sq.invitations.page.accepted });
    expect(await confirmation.getAttribute("aria-live")).toBe("polite");
    expect(await confirmation.getAttribute("tabindex")).toBe("-1");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("answer");
    expect(await statusOf(invitationId)).toBe("ACCEPTED");
    expect(await page.getByTestId("checkin-qr").count()).toBe(1);

    // The calendar file and the public material, through the link, with no account (the page's context has no cookie).
    const calendarHref = await page.getByRole("link", { name: sq.invitations.page.addToCalendar }).getAttribute("href");
    const calendar = await fetch(new URL(calendarHref!, url));
    expect(calendar.status).toBe(200);
    expect(calendar.headers.get("content-type")).toContain("text/calendar");
    const ics = (await calendar.text()).replace(/\r\n /g, "");
    expect(ics).toContain("SUMMARY:Punëtori për strehimin");
    expect(ics).toMatch(new RegExp(`ATTENDEE[^\\r]*PARTSTAT=ACCEPTED[^\\r]*:mailto:${person.email}`, "i"));
    expect(await page.getByRole("link", { name: "Participants" }).count()).toBe(0);
    const handout = await fetch(new URL((await page.getByRole("link", { name: "Handout" }).getAttribute("href"))!, url));
    expect(handout.status).toBe(200);
    expect(Buffer.from(await handout.arrayBuffer()).equals(PDF)).toBe(true);
    // The private one is not to be had through the link either.
    const hidden = await fetch(`${url}/materials/${materials[1].id}`, { headers: { Accept: "text/html", "Accept-Language": "sq" } });
    expect(hidden.status).toBe(404);
    expect(await hidden.text()).toContain(sq.errors.notFoundTitle);
    await context.close();
  });

  it("with JavaScript, in Serbian Cyrillic: the answer's confirmation takes the focus, and the switcher still changes the language", async () => {
    const { url, invitationId } = await invitation("sr-Cyrl", "Зоран Илић");
    const context = await openContext(e2e.browser, { ...PHONE, locale: "sq-AL" });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => "__remixRouter" in window);
    expect(await page.locator("html").getAttribute("lang")).toBe("sr-Cyrl");
    expect(await page.getByRole("heading", { level: 2 }).first().textContent()).toBe(cyr("Radionica o stanovanju"));
    await expectButtonsFirst(page, cyr(sr.invitations.page.accept), cyr(sr.invitations.page.agenda));

    await page.getByRole("button", { name: cyr(sr.invitations.page.decline) }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("answer");
    expect(await page.locator("#answer").textContent()).toBe(cyr(sr.invitations.page.declined));
    expect(await statusOf(invitationId)).toBe("DECLINED");
    expect(await page.getByTestId("checkin-qr").count()).toBe(0);

    // An explicit choice wins over the recorded language.
    await page.locator("#language-select").selectOption("en");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(en.invitations.page.title);
    await page.reload();
    expect(await page.locator("html").getAttribute("lang")).toBe("en-GB");
    await context.close();
  });

  it("on a slow connection, with JavaScript: the buttons say the answer is on its way and take no second tap", async () => {
    const { url, invitationId } = await invitation("sq", "Besnik Morina");
    const context = await openContext(e2e.browser, { ...PHONE, locale: "sq-AL" });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => "__remixRouter" in window);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 20_000 });
    // Hold the answer back until the page has been looked at.
    let posts = 0;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/invitation\/[^/]+\.data/, async (route) => {
      if (route.request().method() === "POST") {
        posts++;
        await released;
      }
      await route.continue();
    });
    const accept = page.locator('button[value="ACCEPT"]');
    await accept.click();
    await expect.poll(() => accept.textContent()).toBe(sq.invitations.page.sending);
    expect(await accept.isDisabled()).toBe(true);
    expect(await page.locator('button[value="DECLINE"]').isDisabled()).toBe(true);
    expect(await page.locator("#answer").textContent()).toBe(sq.invitations.page.sending);
    await accept.click({ force: true });
    release();
    await expect.poll(() => page.locator("#answer").textContent(), { timeout: 30_000 }).toBe(sq.invitations.page.accepted);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("answer");
    expect(posts).toBe(1);
    expect(await statusOf(invitationId)).toBe("ACCEPTED");
    await expect.poll(() => accept.isDisabled(), { timeout: 30_000 }).toBe(false);
    await expect.poll(() => page.getByTestId("checkin-qr").count()).toBe(1);
    await context.close();
  }, 60_000);
});
