// Structured logs without personal data: the built app writes one JSON object
// per line to stdout, and neither the requests a person makes (a personal
// invitation link, a login with an email, a failed login, a password-reset
// link) nor the email the worker delivers leave an email address, a token, a
// name or the client's address in it.
import { randomUUID } from "node:crypto";
import { hashToken } from "~/utils/tokens.server";
import { handleError } from "~/entry.server";
import { errorFields, log, redactedPath } from "~/utils/log.server";
import { DEMO_PASSWORD } from "../prisma/seed-data";
import { appFixture } from "./helpers/e2e";
import { createEvent, createPerson, invite } from "./helpers/factories";

describe("what a log line may say", () => {
  it("a path keeps its shape but not the tokens of personal links, nor the values of its query", () => {
    expect(redactedPath("/invitation/AbC-123_xyz")).toBe("/invitation/:token");
    expect(redactedPath("http://localhost:3000/invitation/AbC-123_xyz.data?_routes=root")).toBe("/invitation/:token.data?_routes");
    expect(redactedPath("/feedback/tok3n")).toBe("/feedback/:token");
    expect(redactedPath("/calendar/tok3n")).toBe("/calendar/:token");
    expect(redactedPath("/calendar/public.ics")).toBe("/calendar/public.ics");
    expect(redactedPath("/reset-password?token=s3cret")).toBe("/reset-password?token");
    expect(redactedPath("/people?q=Arta+Krasniqi&page=2")).toBe("/people?q&page");
    expect(redactedPath("/events/cmabc/invitations")).toBe("/events/cmabc/invitations");
  });

  it("an error keeps its kind and reason, but not what a library quoted of its input", () => {
    const prismaError = Object.assign(new Error('Invalid `prisma.user.create()` invocation:\n\n{ data: { email: "arta@example.org" } }\n\nUnique constraint failed on the fields: (`email`)'), {
      name: "PrismaClientKnownRequestError",
      code: "P2002",
    });
    const fields = errorFields(prismaError);
    expect(fields).toMatchObject({ error: "PrismaClientKnownRequestError", code: "P2002", message: "Unique constraint failed on the fields: (`email`)" });
    expect(JSON.stringify(fields)).not.toContain("arta@example.org");
    expect(errorFields(new Error("no seat for arta@example.org at /invitation/s3cret")).message).toBe("no seat for [email] at /invitation/:token");
  });

  /** The lines `fn` writes to stdout, parsed. */
  function written(fn: () => void): Array<Record<string, unknown>> {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      fn();
    } finally {
      spy.mockRestore();
    }
    return lines.join("").split("\n").filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it("an error in a loader or action is one line with the request's id, the redacted path, the reason and the stack, and nothing of the request's body", () => {
    const request = new Request("http://localhost/invitation/s3cret-token?answer=ACCEPT", { method: "POST", body: "note=call+arta@example.org" });
    const [line, ...more] = written(() =>
      handleError(new Error("cannot answer for arta@example.org"), { request, params: { token: "s3cret-token" }, context: { requestId: "req-1" } }),
    );
    expect(more).toEqual([]);
    expect(line).toMatchObject({ level: "error", event: "request.error", requestId: "req-1", method: "POST", path: "/invitation/:token?answer", error: "Error" });
    expect(line.message).toBe("cannot answer for [email]");
    expect(line.stack).toMatch(/^\s+at /);
    expect(JSON.stringify(line)).not.toMatch(/s3cret|arta@|note=/);
  });

  it("LOG_LEVEL leaves out the levels below it, but never the server's start and stop", () => {
    const level = process.env.LOG_LEVEL;
    try {
      process.env.LOG_LEVEL = "warn";
      expect(written(() => log.info("request", { status: 200 }))).toEqual([]);
      expect(written(() => log.warn("outbox.retry", { attempt: 2 }))).toMatchObject([{ level: "warn", event: "outbox.retry", attempt: 2 }]);
      expect(written(() => log.always("server.started", { message: "Durable is running" }))).toMatchObject([{ level: "info", event: "server.started" }]);
      process.env.LOG_LEVEL = "debug";
      expect(written(() => log.debug("scheduler.round", { reminders: 0 }))).toHaveLength(1);
    } finally {
      if (level === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = level;
    }
  });
});

describe("the app's log", () => {
  const clientIp = "203.0.113.77";
  const invitationToken = `invite-${randomUUID()}`;
  const personName = "Valbona Gashi-Berisha";
  const strangerEmail = "not-a-user@example.org";
  const e2e = appFixture({ smtp: true, env: { TRUST_PROXY: "true", LOG_LEVEL: "info" } });
  let resetToken = "";
  const requestIds: Record<string, string> = {};

  const request = async (name: string, path: string, init: RequestInit = {}) => {
    const response = await fetch(`${e2e.app.url}${path}`, {
      redirect: "manual",
      ...init,
      headers: { "X-Forwarded-For": clientIp, "Accept-Language": "en", ...init.headers },
    });
    await response.text();
    requestIds[name] = response.headers.get("x-request-id") ?? "";
    return response;
  };
  const post = (name: string, path: string, form: Record<string, string>, cookie = "") =>
    request(name, path, { method: "POST", body: new URLSearchParams(form), headers: cookie ? { Cookie: cookie } : {} });

  const lines = () =>
    e2e.app
      .stdout()
      .split("\n")
      .filter((line) => line !== "");
  const entries = () => lines().map((line) => JSON.parse(line) as Record<string, string | number | boolean | null>);

  beforeAll(async () => {
    const { app, db, smtp: peer } = e2e;
    const event = await createEvent({ db, capacity: 10 });
    const person = await createPerson({ db, name: personName, email: "valbona@example.org", searchText: personName.toLowerCase() });
    await invite(event, person, "PENDING", { db, data: { links: { create: { tokenHash: hashToken(invitationToken) } }, sentAt: new Date() } });

    // A person opens their invitation and answers it.
    expect((await request("invitation", `/invitation/${invitationToken}`)).status).toBe(200);
    expect((await post("answer", `/invitation/${invitationToken}`, { answer: "ACCEPT" })).status).toBe(200);
    // A trainer logs in and searches for someone by name.
    const login = await post("login", "/login", { email: "trainer@durable.localhost", password: DEMO_PASSWORD });
    expect(login.status).toBe(302);
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    expect((await request("search", `/people?q=${encodeURIComponent(personName)}`, { headers: { Cookie: cookie } })).status).toBe(200);
    // Failed logins: a wrong password, an unknown address.
    expect((await post("failedLogin", "/login", { email: "member@durable.localhost", password: "not the password" })).status).toBe(400);
    expect((await post("unknownLogin", "/login", { email: strangerEmail, password: "whatever it is" })).status).toBe(400);
    // A password reset: the worker delivers the email, and the link in it is opened.
    expect((await post("reset", "/forgot-password", { email: "member@durable.localhost" })).status).toBe(200);
    const [mail] = await peer.waitFor(1, 20_000);
    resetToken = /reset-password\?token=([\w-]+)/.exec(mail.text ?? "")?.[1] ?? "";
    expect(resetToken).not.toBe("");
    expect((await request("resetLink", `/reset-password?token=${resetToken}`)).status).toBe(200);
    await vi.waitFor(() => expect(app.stdout()).toContain('"outbox.sent"'), { timeout: 10_000 });
    // A request's line is written when its response has finished, which can be after the client has read it.
    await vi.waitFor(() => expect(app.stdout()).toContain(requestIds.resetLink), { timeout: 10_000 });
  });

  it("is one JSON object per line on stdout, each with its time, level and event", () => {
    expect(lines().length).toBeGreaterThan(8);
    for (const line of lines()) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(Number.isNaN(Date.parse(String(entry.time)))).toBe(false);
      expect(["debug", "info", "warn", "error"]).toContain(entry.level);
      expect(typeof entry.event).toBe("string");
    }
    expect(entries().find((e) => e.event === "server.started")?.message).toMatch(/^Durable is running at http:/);
  });

  it("has a line per request with its id (also sent as X-Request-Id), method, path without secrets, status and time taken", () => {
    const byId = (name: string) => entries().find((e) => e.event === "request" && e.requestId === requestIds[name]);
    expect(byId("invitation")).toMatchObject({ level: "info", method: "GET", path: "/invitation/:token", status: 200 });
    expect(byId("answer")).toMatchObject({ method: "POST", path: "/invitation/:token", status: 200 });
    expect(byId("login")).toMatchObject({ method: "POST", path: "/login", status: 302 });
    expect(byId("failedLogin")).toMatchObject({ method: "POST", path: "/login", status: 400 });
    expect(byId("search")).toMatchObject({ path: "/people?q", status: 200 });
    expect(byId("resetLink")).toMatchObject({ path: "/reset-password?token", status: 200 });
    expect(typeof byId("login")!.ms).toBe("number");
  });

  it("says which message the worker delivered, by id and template, not to whom", async () => {
    const message = await e2e.db.outboxMessage.findFirstOrThrow({ where: { template: "password-reset" } });
    const sent = entries().find((e) => e.event === "outbox.sent");
    expect(sent).toMatchObject({ level: "info", messageId: message.id, template: "password-reset", attempt: 1 });
  });

  it("holds no email address, token, name or client address", () => {
    const everything = e2e.app.output();
    for (const secret of [
      "trainer@durable.localhost",
      "member@durable.localhost",
      "valbona@example.org",
      strangerEmail,
      invitationToken,
      resetToken,
      personName,
      "Valbona",
      clientIp,
      DEMO_PASSWORD,
    ]) {
      expect(everything).not.toContain(secret);
    }
  });
});
