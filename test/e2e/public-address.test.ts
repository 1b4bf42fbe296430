// Links in emails and calendar feeds carry the public address (APP_URL),
// never the Host or X-Forwarded-Host a request came with; and a redirect
// after log-in or a language switch stays on this site, never a 500.
import { randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import { DEMO_PASSWORD } from "../../prisma/seed-data";
import { appFixture, deliveredMail, logInOverHttp } from "../helpers/e2e";
import { createEvent, createPerson, invite } from "../helpers/factories";

const PUBLIC = "https://durable.example.org";
const EVIL = "evil.example";

type Answer = { status: number; location: string | undefined; body: string; setCookie: string[] };

/** A request over plain HTTP with headers fetch will not send (Host), form-encoded when given a body. */
function send(url: string, options: { method?: string; headers?: Record<string, string>; form?: Record<string, string> } = {}): Promise<Answer> {
  const target = new URL(url);
  const body = options.form ? Buffer.from(new URLSearchParams(options.form).toString()) : undefined;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: options.method ?? (body ? "POST" : "GET"),
        agent: false,
        headers: {
          ...options.headers,
          ...(body ? { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(body.byteLength) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            location: res.headers.location,
            body: Buffer.concat(chunks).toString(),
            setCookie: res.headers["set-cookie"] ?? [],
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const FORGED = { Host: EVIL, "X-Forwarded-Host": EVIL, "X-Forwarded-Proto": "http" };

function linksWithForgedHost(options: { env: Record<string, string>; args?: string[] }, expectedOrigin: (appUrl: string) => string) {
  // TRUST_PROXY as behind a reverse proxy: X-Forwarded-Host is believed for the request's own address.
  const e2e = appFixture({ env: { TRUST_PROXY: "true", ...options.env }, args: options.args });

  const mailTo = (address: string, template?: string) => deliveredMail(e2e, { toAddress: address, template });

  function expectOnlyPublicLinks(message: { html: string; text: string }, path: string) {
    const origin = expectedOrigin(e2e.app.url);
    expect(message.text).toContain(`${origin}${path}`);
    expect(message.html).toContain(`${origin}${path}`);
    expect(message.text).not.toContain(EVIL);
    expect(message.html).not.toContain(EVIL);
  }
  it("sends the password reset link at the public address", async () => {
    const res = await send(`${e2e.app.url}/forgot-password`, { headers: FORGED, form: { email: "member@durable.localhost" } });
    expect(res.status).toBe(200);
    expectOnlyPublicLinks(await mailTo("member@durable.localhost", "password-reset"), "/reset-password?token=");
  });

  it("sends the verification link of a new account at the public address", async () => {
    const email = `new-${randomUUID().slice(0, 8)}@example.org`;
    const password = "a long enough password";
    const res = await send(`${e2e.app.url}/register`, {
      headers: FORGED,
      form: { name: "Arta Krasniqi", email, password, confirmPassword: password, locale: "en" },
    });
    expect(res.status).toBe(200);
    expectOnlyPublicLinks(await mailTo(email, "verify-email"), "/verify-email?token=");
  });

  it("sends a trainer's invitation with its answer link at the public address", async () => {
    const cookie = await logInOverHttp(e2e.app.url, "trainer@durable.localhost");
    const event = await createEvent({ db: e2e.db });
    const email = `invited-${randomUUID().slice(0, 8)}@example.org`;
    const person = await createPerson({ db: e2e.db, email, locale: "en" });
    const invitation = await invite(event, person, "PENDING", { db: e2e.db });
    const res = await send(`${e2e.app.url}/events/${event.id}/invitations`, {
      headers: { ...FORGED, Cookie: cookie },
      form: { intent: "resend", invitationId: invitation.id },
    });
    expect(res.status).toBeLessThan(400);
    expectOnlyPublicLinks(await mailTo(email), "/invitation/");
  });

  it("shows the calendar feed addresses at the public address", async () => {
    const cookie = await logInOverHttp(e2e.app.url, "member@durable.localhost");
    const page = await send(`${e2e.app.url}/calendar`, { headers: { ...FORGED, Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain(`${expectedOrigin(e2e.app.url)}/calendar/public.ics`);
    expect(page.body).not.toContain(EVIL);
  });
}

describe("links in emails with a forged Host, APP_URL set", () => {
  linksWithForgedHost({ env: { APP_URL: `${PUBLIC}/` } }, () => PUBLIC);
});

describe("links in emails with a forged Host, started for local use without APP_URL", () => {
  // `npm start`: the links point at this machine, whatever the request said.
  linksWithForgedHost({ env: { APP_URL: "" }, args: ["--local"] }, (appUrl) => appUrl);
});

describe("redirects after log-in and a language switch", () => {
  const e2e = appFixture();

  const BAD = [
    "/%09/evil.example",
    "/\t/evil.example",
    "/\\evil.example",
    "/%5Cevil.example",
    "//evil.example",
    "https://evil.example",
    "/\x01admin",
    "/a\nb",
    "/ж",
    "/%E2%80%A8",
    "/\u2028",
  ];

  it("never answers a strange redirectTo on the log-in page with a 500", async () => {
    for (const bad of BAD) {
      const res = await fetch(`${e2e.app.url}/login?${new URLSearchParams({ redirectTo: bad })}`);
      expect(res.status, JSON.stringify(bad)).toBeLessThan(500);
    }
  });

  it("sends the user to the dashboard, not elsewhere, after logging in with a bad redirectTo", async () => {
    for (const bad of BAD) {
      const res = await send(`${e2e.app.url}/login`, { form: { email: "member@durable.localhost", password: DEMO_PASSWORD, redirectTo: bad } });
      expect(res.status, JSON.stringify(bad)).toBe(302);
      expect(res.location, JSON.stringify(bad)).toBe("/dashboard");
    }
  });

  it("keeps a page's own address with its query and hash after logging in", async () => {
    const res = await send(`${e2e.app.url}/login`, {
      form: { email: "member@durable.localhost", password: DEMO_PASSWORD, redirectTo: "/events?month=2027-05#list" },
    });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/events?month=2027-05#list");
  });

  it("switches the language and goes home, not elsewhere, with a bad redirectTo", async () => {
    for (const bad of BAD) {
      const res = await send(`${e2e.app.url}/language`, { form: { locale: "en", redirectTo: bad } });
      expect(res.status, JSON.stringify(bad)).toBe(302);
      expect(res.location, JSON.stringify(bad)).toBe("/");
    }
    const own = await send(`${e2e.app.url}/language`, { form: { locale: "sq", redirectTo: "/guidelines?q=strehim" } });
    expect(own.location).toBe("/guidelines?q=strehim");
  });
});
