import en from "~/locales/en";
import sq from "~/locales/sq";
import sr from "~/locales/sr";
import { latinToCyrillic } from "~/locales/transliterate";
import { browserMissing, openContext } from "../helpers/browser";
import { appFixture, logIn, submitAndWait } from "../helpers/e2e";

describe.skipIf(browserMissing)("a new member in Albanian, and the admin who makes her a trainer (Chromium)", () => {
  const e2e = appFixture({ browser: true, smtp: true });

  it("registers, confirms the address from the email, logs in, and is made a trainer by an admin", async () => {
    const { app, browser, db, smtp } = e2e;
    const email = "arta.krasniqi@example.org";
    const member = await openContext(browser, { locale: "sq-AL" });
    const page = await member.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(String(error)));

    // The browser asks for Albanian, so the page speaks Albanian.
    await page.goto(`${app.url}/register`);
    await expect.poll(() => page.locator("h1").textContent()).toBe(sq.auth.register.title);
    await page.getByLabel(sq.auth.name).fill("Arta Krasniqi");
    await page.getByLabel(sq.auth.email, { exact: true }).fill(email);
    await page.getByLabel(sq.auth.password, { exact: true }).fill("Kosova-2026-punetori");
    await page.getByLabel(sq.auth.confirmPassword).fill("Kosova-2026-punetori");
    await page.getByRole("button", { name: sq.auth.register.submit }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain(email);

    // The verification email arrives through SMTP, in Albanian.
    const [mail] = await smtp.waitFor(1);
    expect(mail.subject).toBe(sq.emails.verify.subject);
    expect(mail.html).toContain('lang="sq"');
    const link = mail.text?.match(/https?:\/\/\S+verify-email\?token=\S+/)?.[0];
    expect(link).toBeTruthy();

    // Opening the link changes nothing; pressing the button confirms.
    await page.goto(link!);
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.emailVerifiedAt).toBeNull();
    await submitAndWait(page, page.getByRole("button", { name: sq.auth.verify.submit }));
    await expect.poll(() => page.getByRole("status").textContent()).toBe(sq.auth.verify.done);

    await logIn(page, app.url, email, { password: "Kosova-2026-punetori" });
    await expect.poll(() => page.locator("h1").textContent()).toBe(sq.dashboard.welcome.replace("{{name}}", "Arta Krasniqi"));
    await expect.poll(() => page.getByTestId("roles").textContent()).toBe(sq.roles.MEMBER);
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("sq");

    // An admin, working in English, makes her a trainer.
    const adminContext = await openContext(browser, { locale: "en-GB" });
    const admin = await adminContext.newPage();
    admin.on("pageerror", (error) => pageErrors.push(String(error)));
    await logIn(admin, app.url, "admin@durable.localhost");
    await expect.poll(() => admin.locator("h1").textContent()).toContain("Arben Admin");
    await admin.goto(`${app.url}/admin/users?q=arta`);
    const row = admin.locator(`tr[data-user-email="${email}"]`);
    await row.getByLabel(en.roles.TRAINER).check();
    await submitAndWait(admin, row.getByRole("button", { name: en.admin.users.saveRoles }));
    await expect.poll(() => admin.getByRole("status").textContent()).toBe(en.admin.users.rolesSaved.replace("{{name}}", "Arta Krasniqi"));

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "user.roles_changed", subjectId: user.id } });
    expect(JSON.parse(audit.details)).toEqual({ added: ["TRAINER"], removed: [] });

    await page.reload();
    await expect.poll(() => page.getByTestId("roles").textContent()).toContain(sq.roles.TRAINER);
    // Every page hydrated without a script error.
    expect(pageErrors).toEqual([]);
    await member.close();
    await adminContext.close();
    // Two browsers, two log-ins and an email over SMTP: on a busy 2-core machine it took over 30 s.
  }, 60_000);

  it("shows a form's errors next to its fields and keeps what was typed, without JavaScript", async () => {
    const { app, browser } = e2e;
    const context = await openContext(browser, { locale: "sr-Latn-RS", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${app.url}/register`);
    await page.locator('input[name="name"]').fill("Milica Petrović");
    await page.locator('input[name="email"]').fill("milica@example.org");
    await page.locator('input[name="password"]').fill("dugacka-lozinka-1");
    await page.locator('input[name="confirmPassword"]').fill("druga-lozinka-22");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.locator('form[method="post"] button[type="submit"]').last().click(),
    ]);
    expect(response.status()).toBe(400);
    await expect.poll(() => page.locator("#register-confirmPassword-error").isVisible()).toBe(true);
    await expect.poll(() => page.locator('input[name="name"]').inputValue()).toBe("Milica Petrović");
    await expect.poll(() => page.locator('input[name="email"]').inputValue()).toBe("milica@example.org");
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("sr-Latn");
    await context.close();
  });

  it("switches the language with the switcher, keeps it for the account, and logs out", async () => {
    const { app, browser, db } = e2e;
    const context = await openContext(browser, { locale: "en-GB" });
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    // The picker applies a choice at once once the page runs its JavaScript (its button is then gone).
    await expect.poll(() => page.getByRole("button", { name: en.language.change }).count()).toBe(0);
    const switched = page.waitForEvent("load");
    await page.getByLabel(en.language.label).selectOption("sr-Cyrl");
    await switched;
    await expect.poll(() => page.locator("h1").textContent()).toBe(latinToCyrillic(sr.auth.login.title));
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("sr-Cyrl");

    // Logged in, the account's saved language (the editor's is English) applies at once.
    await logIn(page, app.url, "editor@durable.localhost");
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en-GB");
    // A choice made now is saved on the account: a new browser gets it too.
    const saved = page.waitForEvent("load");
    await page.getByLabel(en.language.label).selectOption("sq");
    await saved;
    await expect.poll(() => page.getByTestId("roles").textContent()).toBe(sq.roles.EDITOR);
    const editor = await db.user.findUniqueOrThrow({ where: { email: "editor@durable.localhost" } });
    expect(editor.locale).toBe("sq");

    await submitAndWait(page, page.getByRole("button", { name: sq.nav.logout }));
    await expect.poll(() => page.getByRole("link", { name: sq.nav.login, exact: true }).count()).toBe(1);
    await page.goto(`${app.url}/dashboard`);
    expect(page.url()).toContain("/login?redirectTo=%2Fdashboard");
    await context.close();
  });
});

describe.skipIf(browserMissing)("a refused log-in (Chromium)", () => {
  const e2e = appFixture({ browser: true });

  // The log-in page checks its form on the server only (its JavaScript holds no form library): the answer must read the same either way.
  for (const javaScriptEnabled of [true, false]) {
    it(`says why above the form, keeps the email and empties the password (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async () => {
      const context = await openContext(e2e.browser, { locale: "en-GB", javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${e2e.app.url}/login`);
      // Hydrated (or not): the language picker's button goes only when JavaScript runs.
      await expect.poll(() => page.locator(".language-switcher button").count()).toBe(javaScriptEnabled ? 0 : 1);
      await page.getByLabel(en.auth.email).fill("trainer@durable.localhost");
      await page.getByLabel(en.auth.password).fill("not-the-password");
      const response = await submitAndWait(page, page.getByRole("button", { name: en.auth.login.submit }));
      expect(response.status()).toBe(400);
      await expect.poll(() => page.locator("#login [role=alert]").textContent()).toBe(en.auth.login.invalid);
      expect(await page.getByLabel(en.auth.email).inputValue()).toBe("trainer@durable.localhost");
      expect(await page.getByLabel(en.auth.password).inputValue()).toBe("");
      expect(await page.locator("#login").getAttribute("aria-describedby")).toBe("login-error");
      await context.close();
    });
  }
});
