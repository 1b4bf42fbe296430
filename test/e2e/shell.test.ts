// The app's frame around every page, as staff meet it on a phone: the
// language they saved applies the moment they log in, everywhere.
import en from "~/locales/en";
import sq from "~/locales/sq";
import sr from "~/locales/sr";
import { latinToCyrillic } from "~/locales/transliterate";
import { LOCALE_TAGS } from "~/utils/i18n";
import type { Page } from "playwright-core";
import { browserMissing, openContext } from "../helpers/browser";
import { appFixture, logIn, PHONE } from "../helpers/e2e";
import { createUser, TEST_PASSWORD } from "../helpers/factories";

describe.skipIf(browserMissing)("the saved language after log-in (Chromium, phone)", () => {
  const e2e = appFixture({ browser: true });

  it("shows an Albanian trainer who logs in from the English page the dashboard in Albanian at once, and keeps it on the next page", async () => {
    const context = await openContext(e2e.browser, { ...PHONE, locale: "en-GB" });
    const page = await context.newPage();
    await page.goto(`${e2e.app.url}/login`);
    expect(await page.locator("h1").textContent()).toBe(en.auth.login.title);
    // Logging in is a hydrated form post: the dashboard comes by client-side navigation.
    await logIn(page, e2e.app.url, "trainer@durable.localhost");
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("sq");
    expect(await page.locator("h1").textContent()).toBe(sq.dashboard.welcome.replace("{{name}}", "Teuta Trajnere"));
    expect(await page.locator("main p.muted").first().textContent()).toMatch(new RegExp(`^${sq.dashboard.today.split("{{")[0]}`));
    // A client-side navigation afterwards, from the header's menu, stays in Albanian.
    await page.locator(".site-menu > summary").click();
    expect(await page.locator(".site-header nav").textContent()).toContain(sq.nav.dashboard);
    await page.locator(".site-header nav").getByRole("link", { name: sq.events.title, exact: true }).click();
    await page.waitForURL(/\/events/);
    await expect.poll(() => page.locator("h1").textContent()).toBe(sq.events.title);
    await context.close();
  });

  it("shows a Serbian member who logs in from the Albanian page the dashboard in Serbian", async () => {
    const context = await openContext(e2e.browser, { ...PHONE, locale: "sq-AL" });
    const page = await context.newPage();
    await page.goto(`${e2e.app.url}/login`);
    expect(await page.locator("h1").textContent()).toBe(sq.auth.login.title);
    await logIn(page, e2e.app.url, "member@durable.localhost");
    await expect.poll(() => page.locator("html").getAttribute("lang")).toMatch(/^sr/);
    const welcome = sr.dashboard.welcome.replace("{{name}}", "Milan Članović");
    expect([welcome, latinToCyrillic(welcome)]).toContain(await page.locator("h1").textContent());
    await context.close();
  });
});

describe.skipIf(browserMissing)("the header on a phone (Chromium, 390×844)", () => {
  const e2e = appFixture({ browser: true });

  /** The texts of the header's links and buttons, in order, as the reader sees them. */
  const headerLinks = (page: Page) => page.locator(".site-header nav").getByRole("listitem").allTextContents();

  for (const language of ["sq", "en"] as const) {
    it(`keeps one slim bar in view, and opens a trainer's links from its menu button (${language})`, async () => {
      const messages = language === "sq" ? sq : en;
      // The demo trainer reads in Albanian; an English one is made here.
      const email = language === "sq" ? "trainer@durable.localhost" : (await createUser({ db: e2e.db, roles: ["TRAINER"], locale: "en" })).email;
      const context = await openContext(e2e.browser, { ...PHONE, locale: "en-GB" });
      const page = await context.newPage();
      await logIn(page, e2e.app.url, email, language === "en" ? { password: TEST_PASSWORD } : {});
      await page.goto(`${e2e.app.url}/people`);
      expect(await page.locator("html").getAttribute("lang")).toBe(LOCALE_TAGS[language]);

      const header = page.locator(".site-header");
      const box = await header.boundingBox();
      expect(box!.height, "the bar's height").toBeLessThanOrEqual(64);
      expect(box!.width).toBe(390);
      // Scrolled down the page, the bar is still at the top of the screen.
      await page.evaluate(() => window.scrollTo(0, 1500));
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
      await expect.poll(() => header.evaluate((element) => element.getBoundingClientRect().top)).toBe(0);

      // The links wait behind the menu button, which opens them over the page.
      const events = page.locator(".site-header nav").getByRole("link", { name: messages.events.title, exact: true });
      expect(await events.isVisible()).toBe(false);
      await page.locator(".site-menu > summary").click();
      await events.waitFor();
      expect(await headerLinks(page)).toEqual([
        messages.nav.dashboard,
        messages.invitations.mine.title,
        messages.events.title,
        messages.invitations.reports.title,
        messages.directory.title,
        messages.guidelines.nav.contributions,
        messages.guidelines.nav.guidelines,
        messages.account.nav,
        messages.nav.logout,
      ]);
      expect((await header.boundingBox())!.height, "the open menu lies over the page, the bar keeps its height").toBeLessThanOrEqual(64);
      // Following a link closes the menu on the new page.
      await events.click();
      await page.waitForURL(/\/events$/);
      await expect.poll(() => page.locator(".site-menu").getAttribute("open")).toBeNull();
      await expect.poll(() => page.locator("h1").textContent()).toBe(messages.events.title);
      // The new page's title, set in the browser, in the reader's language.
      await expect.poll(() => page.title()).toBe(`${messages.events.title} · Durable`);
      await context.close();
    });
  }

  it("applies a language as soon as it is picked, with no button to press", async () => {
    const context = await openContext(e2e.browser, { ...PHONE, locale: "en-GB" });
    const page = await context.newPage();
    await page.goto(`${e2e.app.url}/login`);
    // Once the page runs its JavaScript, the picker needs no button.
    await expect.poll(() => page.locator(".language-switcher button").count()).toBe(0);
    const loaded = page.waitForEvent("load");
    await page.getByLabel(en.language.label).selectOption("sq");
    await loaded;
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("sq");
    expect(await page.locator("h1").textContent()).toBe(sq.auth.login.title);
    expect(await page.title()).toBe(`${sq.auth.login.title} · Durable`);
    await context.close();
  });

  it("without JavaScript, opens the menu and switches the language with the picker and its button", async () => {
    const context = await openContext(e2e.browser, { ...PHONE, locale: "en-GB", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${e2e.app.url}/login`);
    const register = page.locator(".site-header nav").getByRole("link", { name: en.nav.register, exact: true });
    expect(await register.isVisible()).toBe(false);
    await page.locator(".site-menu > summary").click();
    await register.waitFor();
    expect(await headerLinks(page)).toEqual([en.guidelines.nav.guidelines, en.nav.login, en.nav.register]);
    expect((await page.locator(".site-header .bar").boundingBox())!.height).toBeLessThanOrEqual(64);

    await page.getByLabel(en.language.label).selectOption("sr");
    expect(await page.locator("html").getAttribute("lang"), "picking alone sends nothing without JavaScript").toBe("en-GB");
    const loaded = page.waitForEvent("load");
    await page.locator(".language-switcher").getByRole("button", { name: en.language.change }).click();
    await loaded;
    expect(await page.locator("html").getAttribute("lang")).toBe("sr-Latn");
    expect(await page.locator("h1").textContent()).toBe(sr.auth.login.title);
    await context.close();
  });
});
