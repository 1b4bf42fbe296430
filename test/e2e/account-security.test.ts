// Log-in to ASVS level 2 in a browser on a phone: the two-step log-in with a
// code from an authenticator app, an admin made to set it up first, and the
// sessions page's "log out everywhere else".
import { Secret, TOTP } from "otpauth";
import en from "~/locales/en";
import { browserMissing, openContext } from "../helpers/browser";
import { appFixture, logIn, PHONE, submitAndWait } from "../helpers/e2e";
import { createUser, TEST_PASSWORD } from "../helpers/factories";

/** The code an authenticator app shows now (or for the next 30-second step, which the app also takes). */
const appCode = (secret: string, step = 0) => new TOTP({ secret: Secret.fromBase32(secret.replace(/\s/g, "")) }).generate({ timestamp: Date.now() + step * 30_000 });

describe.skipIf(browserMissing)("two-step log-in on a 390×844 phone (Chromium)", () => {
  const e2e = appFixture({ browser: true });

  it("a member turns it on from the account page, then logs in with the password and a code from the app", async () => {
    const { app, browser, db } = e2e;
    const user = await createUser({ db, email: "ardita.totp@example.org", name: "Ardita Hoxha" });
    const context = await openContext(browser, { ...PHONE, locale: "en-GB" });
    const page = await context.newPage();
    await logIn(page, app.url, user.email, { password: TEST_PASSWORD });

    // On a phone the links are under the menu.
    await page.locator("summary", { hasText: en.nav.menu }).click();
    await page.getByRole("link", { name: en.account.nav }).click();
    await page.getByRole("link", { name: en.account.settings.twoFactor }).click();
    await submitAndWait(page, page.getByRole("button", { name: en.account.twoFactor.start }));
    await expect.poll(() => page.getByRole("img", { name: en.account.twoFactor.qrAlt }).isVisible()).toBe(true);
    // The key, for typing into the app by hand; the QR code holds the same.
    const secret = (await page.getByTestId("totp-secret").textContent())!;
    expect(secret.replace(/\s/g, "")).toMatch(/^[A-Z2-7]{32}$/);
    await page.getByLabel(en.account.twoFactor.code).fill(appCode(secret));
    await submitAndWait(page, page.getByRole("button", { name: en.account.twoFactor.enable }));
    const codes = page.getByTestId("recovery-codes").locator("code");
    await expect.poll(() => codes.count()).toBe(10);
    // Nothing on the page is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await db.outboxMessage.count({ where: { toAddress: user.email, template: "security-notice" } })).toBe(1);

    await page.locator("summary", { hasText: en.nav.menu }).click();
    await submitAndWait(page, page.getByRole("button", { name: en.nav.logout }));
    await page.goto(`${app.url}/login?redirectTo=%2Fsettings`);
    await page.getByLabel(en.auth.email).fill(user.email);
    await page.getByLabel(en.auth.password).fill(TEST_PASSWORD);
    await page.getByRole("button", { name: en.auth.login.submit }).click();
    await page.waitForURL(/\/login\/two-factor\?/);
    // Without the code there is no session: the account page sends back to the log-in.
    const cookies = await context.cookies();
    await page.goto(`${app.url}/settings`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await context.clearCookies();
    await context.addCookies(cookies);
    await page.goBack();
    await page.waitForURL(/\/login\/two-factor\?/);

    // A code already used (the one that turned it on) is refused, and so is a wrong one.
    await page.getByLabel(en.account.secondStep.code).fill("000000" === appCode(secret) ? "111111" : "000000");
    const refused = await submitAndWait(page, page.getByRole("button", { name: en.account.secondStep.submit }));
    expect(refused.status()).toBe(400);
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain(en.account.secondStep.invalid);

    await page.getByLabel(en.account.secondStep.code).fill(appCode(secret, 1));
    await page.getByRole("button", { name: en.account.secondStep.submit }).click();
    await page.waitForURL(/\/settings$/);
    await expect.poll(() => page.getByText(en.account.settings.twoFactorOn).count()).toBe(1);
    await context.close();
  }, 120_000);

  it("the demo admin, without a second factor, is sent to set it up before any other page, without JavaScript too", async () => {
    const { app, browser } = e2e;
    const context = await openContext(browser, { ...PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${app.url}/login?redirectTo=%2Fadmin%2Fusers`);
    await page.getByLabel(en.auth.email).fill("admin@durable.localhost");
    await page.getByLabel(en.auth.password).fill("durable-demo");
    await page.getByRole("button", { name: en.auth.login.submit }).click();
    await page.waitForURL(/\/settings\/two-factor\?redirectTo=%2Fadmin%2Fusers/);
    await expect.poll(() => page.getByText(en.account.twoFactor.required).count()).toBe(1);
    await page.goto(`${app.url}/events`);
    expect(page.url()).toMatch(/\/settings\/two-factor\?redirectTo=%2Fevents$/);

    await submitAndWait(page, page.getByRole("button", { name: en.account.twoFactor.start }));
    const secret = (await page.getByTestId("totp-secret").textContent())!;
    await page.getByLabel(en.account.twoFactor.code).fill(appCode(secret));
    await submitAndWait(page, page.getByRole("button", { name: en.account.twoFactor.enable }));
    await page.getByTestId("recovery-codes").getByRole("link", { name: en.account.twoFactor.continue }).click();
    // Back where the admin was going when sent to set it up.
    await page.waitForURL(/\/events$/);
    await page.goto(`${app.url}/admin/users`);
    await expect.poll(() => page.locator("h1").textContent()).toBe(en.admin.users.title);
    await context.close();
  }, 120_000);

  it("logs out every other session with the password, from the sessions page", async () => {
    const { app, browser } = e2e;
    const user = await createUser({ db: e2e.db, roles: ["TRAINER"] });
    const [phone, laptop] = await Promise.all([openContext(browser, PHONE), openContext(browser)]);
    const [here, there] = await Promise.all([phone.newPage(), laptop.newPage()]);
    await logIn(here, app.url, user.email, { password: TEST_PASSWORD });
    await logIn(there, app.url, user.email, { password: TEST_PASSWORD });

    await here.goto(`${app.url}/settings/sessions`);
    await expect.poll(() => here.locator(".session-list > li").count()).toBe(2);
    await expect.poll(() => here.getByText(en.account.sessions.current).count()).toBe(1);
    await here.getByLabel(en.auth.password).fill(TEST_PASSWORD);
    await submitAndWait(here, here.getByRole("button", { name: en.account.sessions.endOthers }));
    await expect.poll(() => here.getByRole("status").textContent()).toBe("1 other session has been logged out.");
    await expect.poll(() => here.locator(".session-list > li").count()).toBe(1);

    await there.goto(`${app.url}/events`);
    expect(new URL(there.url()).pathname).toBe("/login");
    await here.goto(`${app.url}/events`);
    expect(new URL(here.url()).pathname).toBe("/events");
    await Promise.all([phone.close(), laptop.close()]);
  }, 120_000);
});
