// The app's frame around every page, as staff meet it on a phone: the
// language they saved applies the moment they log in, everywhere.
import en from "~/locales/en";
import sq from "~/locales/sq";
import sr from "~/locales/sr";
import { latinToCyrillic } from "~/locales/transliterate";
import { browserMissing, openContext } from "../helpers/browser";
import { appFixture, logIn, PHONE } from "../helpers/e2e";

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
    expect(await page.getByRole("navigation").first().textContent()).toContain(sq.nav.dashboard);
    // A client-side navigation afterwards stays in Albanian.
    await page.getByRole("link", { name: sq.events.title, exact: true }).first().click();
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
