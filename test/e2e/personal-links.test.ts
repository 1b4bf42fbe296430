// The pages behind a personal link (an invitation, a feedback request) are
// opened by strangers on phones, often on a slow connection: a tap on
// "Accept" must go through as a plain form post, before the page's scripts
// have loaded or without them at all, while a post from another site is
// still refused, with a page the person can read.
import sq from "~/locales/sq";
import { createToken, hashToken } from "~/utils/tokens.server";
import { browserMissing, openContext } from "../helpers/browser";
import { appFixture, PHONE } from "../helpers/e2e";
import { createEvent, createPerson, invite } from "../helpers/factories";

describe.skipIf(browserMissing)("answering by a personal link, whatever the state of the page's scripts (Chromium, phone, Albanian)", () => {
  const e2e = appFixture({ browser: true });

  async function invitationLink(name: string) {
    const { app, db } = e2e;
    const event = await createEvent({ db, titles: { sq: "Punëtori për riintegrimin", en: "Workshop on reintegration" }, capacity: 10 });
    const person = await createPerson({ db, name, locale: "sq" });
    const token = createToken();
    const invitation = await invite(event, person, "PENDING", { db, data: { links: { create: { tokenHash: hashToken(token) } }, sentAt: new Date() } });
    return { url: `${app.url}/invitation/${token}`, invitation };
  }

  async function answerOf(invitationId: string) {
    return e2e.db.invitation.findUniqueOrThrow({ where: { id: invitationId }, select: { status: true } });
  }

  it("accepts an invitation with JavaScript off", async () => {
    const { url, invitation } = await invitationLink("Drita Gashi");
    const context = await openContext(e2e.browser, { ...PHONE, locale: "sq-AL", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url);
    const posted = page.waitForResponse((response) => response.request().method() === "POST");
    await page.getByRole("button", { name: sq.invitations.page.accept }).click();
    expect((await posted).status()).toBe(200);
    await page.waitForLoadState("load");
    expect(await page.getByRole("status").textContent()).toBe(sq.invitations.page.accepted);
    expect((await answerOf(invitation.id)).status).toBe("ACCEPTED");
    await context.close();
  });

  it("accepts an invitation tapped on a throttled connection before the scripts have loaded", async () => {
    const { url, invitation } = await invitationLink("Besnik Morina");
    const context = await openContext(e2e.browser, { ...PHONE, locale: "sq-AL" });
    const page = await context.newPage();
    // A slow 3G connection, as at a village office.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 20_000 });
    // Hold the page's scripts back until after the tap, so it surely comes before hydration.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/build\/.*\.js$/, async (route) => {
      await released;
      await route.continue();
    });
    await page.goto(url, { waitUntil: "domcontentloaded", timeout: 30_000 });
    expect(await page.evaluate(() => "__remixRouter" in window)).toBe(false);
    const posted = page.waitForResponse((response) => response.request().method() === "POST", { timeout: 30_000 });
    await page.getByRole("button", { name: sq.invitations.page.accept }).click();
    const response = await posted;
    release();
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain(sq.invitations.page.accepted);
    expect((await answerOf(invitation.id)).status).toBe("ACCEPTED");
    await context.close();
  }, 60_000);

  it("tells an invitee who opens the link once the event has started why there is nothing to answer", async () => {
    const { app, db } = e2e;
    const event = await createEvent({ db, titles: { sq: "Punëtori që ka filluar" }, startsAt: new Date(Date.now() - 3_600_000), hours: 5 });
    const person = await createPerson({ db, name: "Vjosa Krasniqi", locale: "sq" });
    const token = createToken();
    await invite(event, person, "PENDING", { db, data: { links: { create: { tokenHash: hashToken(token) } }, sentAt: new Date(Date.now() - 86_400_000) } });
    const context = await openContext(e2e.browser, { ...PHONE, locale: "sq-AL", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${app.url}/invitation/${token}`);
    expect(await page.getByTestId("invitation-closed").textContent()).toBe(sq.invitations.page.started);
    expect(await page.getByRole("button", { name: sq.invitations.page.accept }).count()).toBe(0);
    await context.close();
  });

  it("takes a feedback answer with JavaScript off", async () => {
    const { app, db } = e2e;
    const event = await createEvent({ db, startsAt: new Date(Date.now() - 2 * 86_400_000), hours: 3, status: "COMPLETED" });
    const person = await createPerson({ db, name: "Arben Kelmendi", locale: "sq" });
    const token = createToken();
    await db.feedbackRequest.create({ data: { eventId: event.id, personId: person.id, tokenHash: hashToken(token), sentAt: new Date() } });
    const context = await openContext(e2e.browser, { ...PHONE, locale: "sq-AL", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${app.url}/feedback/${token}`);
    await page.locator('input[name="satisfaction"][value="4"]').check();
    const posted = page.waitForResponse((response) => response.request().method() === "POST");
    await page.getByRole("button", { name: sq.invitations.feedback.page.submit }).click();
    expect((await posted).status()).toBe(200);
    await page.waitForLoadState("load");
    expect(await page.getByRole("status").textContent()).toBe(sq.invitations.feedback.page.thanks);
    expect(await db.feedbackResponse.count({ where: { eventId: event.id } })).toBe(1);
    await context.close();
  });

  it("still refuses an answer posted from another site", async () => {
    const { url, invitation } = await invitationLink("Vesna Petrović");
    const answer = () => new URLSearchParams({ answer: "ACCEPT" });
    const crossSite: Record<string, string>[] = [
      { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
      { Origin: "null", "Sec-Fetch-Site": "cross-site" },
      { Origin: "https://evil.example" },
      { "Sec-Fetch-Site": "same-site" },
    ];
    for (const headers of crossSite) {
      const response = await fetch(url, { method: "POST", body: answer(), headers });
      expect(response.status, JSON.stringify(headers)).toBe(403);
    }
    expect((await answerOf(invitation.id)).status).toBe("PENDING");

    // A real browser on another site: a page of its own posting a form at the link.
    const context = await openContext(e2e.browser, { ...PHONE, locale: "sq-AL" });
    const page = await context.newPage();
    await page.route("http://evil.example/", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<form method="post" action="${url}"><input name="answer" value="ACCEPT"><button>go</button></form>`,
      }),
    );
    await page.goto("http://evil.example/");
    const posted = page.waitForResponse((response) => response.request().method() === "POST");
    await page.getByRole("button", { name: "go" }).click();
    expect((await posted).status()).toBe(403);
    // Refused with the app's own page, in the reader's language, not a bare "Forbidden".
    await page.waitForLoadState("load");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(sq.errors.forbiddenTitle);
    expect(await page.locator("body").textContent()).toContain(sq.errors.forbidden);
    expect((await answerOf(invitation.id)).status).toBe("PENDING");
    await context.close();
  });
});
