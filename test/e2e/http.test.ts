import en from "~/locales/en";
import sq from "~/locales/sq";
import { latinToCyrillic } from "~/locales/transliterate";
import sr from "~/locales/sr";
import { startApp } from "../helpers/app-server";
import { appFixture } from "../helpers/e2e";

describe("the running app over HTTP", () => {
  const e2e = appFixture();

  it("answers an unknown address with a translated 404 page", async () => {
    const res = await fetch(`${e2e.app.url}/no-such-page`, { headers: { "Accept-Language": "sq" } });
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain(sq.errors.notFoundTitle);
    const cyr = await fetch(`${e2e.app.url}/no-such-page`, { headers: { "Accept-Language": "sr-Cyrl" } });
    expect(await cyr.text()).toContain(latinToCyrillic(sr.errors.notFoundTitle));
  });

  it("answers a version number beyond any version with 404 (or 400 for a comparison), never 500", async () => {
    const { db } = e2e;
    const slug = "huge-numbers";
    const editor = await db.user.findFirstOrThrow();
    await db.guideline.create({
      data: {
        slug,
        title: "Guideline",
        sourceLocale: "en",
        versions: { create: [{ locale: "en", number: 1, title: "Guideline", changelog: "First.", publishedById: editor.id }] },
      },
    });
    for (const number of ["99999999999999999999", "2147483648", "1e400", "0", "-1", "1.5"]) {
      for (const path of [`/guidelines/${slug}/v/${number}`, `/guidelines/${slug}/v/${number}.pdf`]) {
        expect((await fetch(`${e2e.app.url}${path}`)).status, path).toBe(404);
      }
      expect((await fetch(`${e2e.app.url}/guidelines/${slug}/diff?from=1&to=${number}`)).status, number).toBe(400);
    }
    expect((await fetch(`${e2e.app.url}/guidelines/${slug}/v/1`)).status).toBe(200);
  });

  it("answers bad form input with 400 and the message, never 500", async () => {
    for (const path of ["/login", "/login.data", "/login?_data=routes%2Flogin"]) {
      const res = await fetch(`${e2e.app.url}${path}`, {
        method: "POST",
        body: new URLSearchParams({ email: "", password: "" }),
        headers: { "Accept-Language": "en" },
      });
      expect(res.status, path).toBe(400);
    }
    const page = await fetch(`${e2e.app.url}/register`, {
      method: "POST",
      body: new URLSearchParams({ name: "", email: "not-an-email", password: "short", confirmPassword: "x", locale: "xx" }),
      headers: { "Accept-Language": "en" },
    });
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain(en.validation.email);
    expect(html).toContain(en.validation.passwordTooShort);
    expect(html).toContain('value="not-an-email"');
  });

  it("refuses a form posted from another site", async () => {
    const res = await fetch(`${e2e.app.url}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: "admin@durable.localhost", password: "x" }),
      headers: { Origin: "https://evil.example" },
      redirect: "manual",
    });
    expect(res.status).toBe(403);
  });

  it("sends visitors to the login page and refuses members the admin pages", async () => {
    const anonymous = await fetch(`${e2e.app.url}/admin/users`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toContain("/login?redirectTo=%2Fadmin%2Fusers");

    const login = await fetch(`${e2e.app.url}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: "member@durable.localhost", password: "durable-demo" }),
      redirect: "manual",
    });
    expect(login.status).toBe(302);
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    expect(login.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    expect(login.headers.get("set-cookie")).toMatch(/SameSite=Lax/i);
    const refused = await fetch(`${e2e.app.url}/admin/users`, { headers: { Cookie: cookie } });
    expect(refused.status).toBe(403);
  });

  it("locks an account after repeated failed logins, with a clear message", async () => {
    const attempt = () =>
      fetch(`${e2e.app.url}/login`, {
        method: "POST",
        body: new URLSearchParams({ email: "editor@durable.localhost", password: "wrong-password" }),
        headers: { "Accept-Language": "en" },
      });
    for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(400);
    const locked = await attempt();
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain("Too many failed attempts");
  });

  it("answers health and readiness checks without a session", async () => {
    const health = await fetch(`${e2e.app.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await fetch(`${e2e.app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", checks: { database: "ok" } });
  });

  it("stops cleanly on SIGTERM", async () => {
    const second = await startApp();
    await second.stop();
    expect(second.output()).toContain("SIGTERM: finishing requests in flight");
    expect(second.output()).toContain("stopped");
  });
});
