import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import en from "~/locales/en";
import sq from "~/locales/sq";
import { latinToCyrillic } from "~/locales/transliterate";
import sr from "~/locales/sr";
import { startApp } from "../helpers/app-server";
import { createToken, hashToken } from "~/utils/tokens.server";
import { appFixture, logInOverHttp } from "../helpers/e2e";
import { createEvent, createUser } from "../helpers/factories";

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

  it("answers a successful password reset and address confirmation with success, not 400, and the link is then spent", async () => {
    const { db } = e2e;
    const user = await createUser({ db, verified: false });
    const expiresAt = new Date(Date.now() + 3_600_000);
    const [reset, verify] = [createToken(), createToken()];
    await db.userToken.create({ data: { userId: user.id, purpose: "PASSWORD_RESET", tokenHash: hashToken(reset), expiresAt } });
    await db.userToken.create({ data: { userId: user.id, purpose: "EMAIL_VERIFICATION", tokenHash: hashToken(verify), expiresAt } });
    const post = (path: string, body: Record<string, string>) =>
      fetch(`${e2e.app.url}${path}`, { method: "POST", body: new URLSearchParams(body), headers: { "Accept-Language": "sq" } });

    const verified = await post(`/verify-email?token=${verify}`, { token: verify });
    expect(verified.status).toBe(200);
    expect(await verified.text()).toContain(sq.auth.verify.done);
    const password = "another-long-password-2026";
    const changed = await post(`/reset-password?token=${reset}`, { token: reset, password, confirmPassword: password });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain(sq.auth.reset.done);
    // Spent: the same link again is refused.
    expect((await post(`/reset-password?token=${reset}`, { token: reset, password, confirmPassword: password })).status).toBe(400);
    expect((await fetch(`${e2e.app.url}/reset-password?token=${reset}`)).status).toBe(400);
  });

  it("creates its files (mailbox, secrets, uploads) readable by its own user only", async () => {
    const { app } = e2e;
    await fetch(`${app.url}/forgot-password`, { method: "POST", body: new URLSearchParams({ email: "member@durable.localhost" }) });
    const mailbox = join(app.dataDir, "mailbox");
    await expect.poll(() => (existsSync(mailbox) ? readdirSync(mailbox).length : 0), { timeout: 15_000 }).toBeGreaterThan(0);
    // The database file and its journal were made by the test's set-up (migrations, seed), not by the app.
    const database = app.databaseUrl.replace(/^file:/, "");
    const madeBySetUp = new Set([database, `${database}-wal`, `${database}-shm`]);
    const open: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        const stat = statSync(path);
        if (!madeBySetUp.has(path) && (stat.mode & 0o077) !== 0) open.push(`${path} ${(stat.mode & 0o777).toString(8)}`);
        if (stat.isDirectory()) walk(path);
      }
    };
    walk(app.dataDir);
    expect(open).toEqual([]);
  });

  it("cuts off an upload sent in chunks (no Content-Length) once the whole body passes the limit, however small its parts", async () => {
    const cookie = await logInOverHttp(e2e.app.url, "trainer@durable.localhost");
    const event = await createEvent({ db: e2e.db });
    const boundary = "----durable-chunks";
    const megabyte = "x".repeat(1024 * 1024);
    // Forty parts of 1 MB each, every one under any single part's limit: 40 MB in all.
    for (const path of ["/people/import", `/events/${event.id}?index`]) {
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          const text = sent < 40 ? `--${boundary}\r\nContent-Disposition: form-data; name="note${sent}"\r\n\r\n${megabyte}\r\n` : `--${boundary}--\r\n`;
          controller.enqueue(new TextEncoder().encode(text));
          if (sent++ >= 40) controller.close();
        },
      });
      const answer = await fetch(`${e2e.app.url}${path}`, {
        method: "POST",
        body,
        headers: { Cookie: cookie, "Content-Type": `multipart/form-data; boundary=${boundary}`, "Accept-Language": "en" },
        duplex: "half",
      } as RequestInit).then(
        (res) => res.status,
        (error: Error & { cause?: { code?: string } }) => error.cause?.code ?? error.message,
      );
      // Refused with 413, or the connection closed on the sender once the app had answered so: either way long before 40 MB.
      expect([413, "ECONNRESET", "EPIPE"], path).toContain(answer);
      expect(sent, path).toBeLessThan(40);
    }
  }, 60_000);

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
