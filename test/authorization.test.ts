// Who may do what, over HTTP against the built app: every route module of the
// app (found by reading app/routes, so a new route cannot be forgotten), for an
// anonymous visitor and each role, asked with GET (its loader or page) and,
// where it has an action, POST. The table below is the contract; a route file
// without a row, or a row without a route file, fails the test.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Role } from "~/generated/prisma/enums";
import { messagesFile } from "~/utils/i18n.server";
import { createToken, hashToken } from "~/utils/tokens.server";
import { appFixture, logInOverHttp } from "./helpers/e2e";
import { createEvent, createPerson, createUser, invite, TEST_PASSWORD } from "./helpers/factories";

type Who = "anonymous" | Role;
type Outcome = "allow" | "login" | "deny";
type Method = "GET" | "POST";
type Expected = Record<Who, Outcome>;

const WHO: Who[] = ["anonymous", "MEMBER", "EDITOR", "TRAINER", "ADMIN"];

/** The expected answer for: anonymous, member, editor, trainer, admin. */
function who(anonymous: Outcome, member: Outcome, editor: Outcome, trainer: Outcome, admin: Outcome): Expected {
  return { anonymous, MEMBER: member, EDITOR: editor, TRAINER: trainer, ADMIN: admin };
}

const ANYONE = who("allow", "allow", "allow", "allow", "allow");
const NOBODY = who("deny", "deny", "deny", "deny", "deny");
const SIGNED_IN = who("login", "allow", "allow", "allow", "allow");
/** Trainers and admins: the directory, events' planning, invitations, check-in. */
const STAFF = who("login", "deny", "deny", "allow", "allow");
/** Editors and admins: guidelines. */
const EDITORS = who("login", "deny", "allow", "deny", "allow");
const ADMIN_ONLY = who("login", "deny", "deny", "deny", "allow");

/** Values the test creates in beforeAll; a row names which one fills a URL parameter or a form field. */
type Fixtures = Record<string, string>;

type Row = {
  get?: Expected;
  post?: Expected;
  /** URL parameter -> fixture name, where they differ (default: the fixture of the parameter's own name). */
  params?: Record<string, string>;
  query?: (fx: Fixtures) => string;
  /** The POST body; empty unless given. A refusal must come before validation; for allowed roles a 400 means "past the check". */
  body?: (fx: Fixtures) => Record<string, string>;
  /** The POST ends the session it is sent with, so it gets a session of its own. */
  ownSession?: true;
};

// Fixtures used below: id (a published, non-public event under way, which the demo member was invited to and
// attended), materialId (a non-public material of it), personId (the demo member's directory entry), contributionId and
// attachmentId (the demo member's contribution, sent back to them for changes), commissionId, organisationId, importId
// (an upload by the demo trainer), slug and number (a guideline with published versions 1 and 2), the demo member's
// invitation, feedback and calendar tokens, another account's reset and verification tokens, and a mailbox message.
const TABLE: Record<string, Row> = {
  "$.tsx": { get: NOBODY },
  "_index.tsx": { get: ANYONE },
  "admin.users.tsx": { get: ADMIN_ONLY, post: ADMIN_ONLY },
  // The secret in the address is the credential: calendar programs do not log in.
  "calendar.$token.tsx": { get: ANYONE, params: { token: "calendarToken" } },
  "calendar._index.tsx": { get: SIGNED_IN, post: SIGNED_IN },
  "calendar.public[.]ics.tsx": { get: ANYONE },
  "commissions.$commissionId.tsx": { get: STAFF, post: STAFF },
  "commissions._index.tsx": { get: STAFF, post: STAFF },
  "commissions.join.tsx": { get: who("login", "allow", "deny", "deny", "deny"), post: who("login", "allow", "deny", "deny", "deny") },
  // Authors and reviewers only: the trainer neither wrote nor reviews it, so for them it does not exist.
  "contributions.$contributionId._index/route.tsx": {
    get: who("login", "allow", "allow", "deny", "allow"),
    post: who("login", "allow", "allow", "deny", "allow"),
    body: () => ({ intent: "comment", body: "Could you add the number of families?" }),
  },
  "contributions.$contributionId.attachments.$attachmentId.tsx": { get: who("login", "allow", "allow", "deny", "allow") },
  "contributions.$contributionId.edit.tsx": {
    get: who("login", "allow", "deny", "deny", "deny"),
    post: who("login", "allow", "deny", "deny", "deny"),
    // A whole, valid form: only the author's is saved; for anyone else the contribution does not exist.
    body: (fx) => ({ intent: "save", version: "1", title: "One-stop shop in Gjilan", body: "Every service in one place.", themeId: fx.themeId }),
  },
  "contributions._index.tsx": { get: SIGNED_IN },
  "contributions.new.tsx": { get: who("login", "allow", "deny", "allow", "deny"), post: who("login", "allow", "deny", "allow", "deny") },
  "dashboard.tsx": { get: SIGNED_IN },
  // The local mailbox: hidden (404, not a login page) from everyone but admins, and from them too once SMTP is set.
  "dev.mailbox.$id.tsx": { get: who("deny", "deny", "deny", "deny", "allow"), params: { id: "mailId" } },
  "dev.mailbox.tsx": { get: who("deny", "deny", "deny", "deny", "allow") },
  // The layout of an event's pages: at its own address it is the overview's.
  "events.$id.tsx": { get: SIGNED_IN },
  "events.$id._index.tsx": { get: SIGNED_IN, post: STAFF },
  "events.$id.agenda.tsx": { get: STAFF, post: STAFF },
  "events.$id.attendance[.pdf].tsx": { get: STAFF },
  "events.$id.calendar[.]ics.tsx": { get: SIGNED_IN },
  // One's own certificate, or any for staff.
  "events.$id.certificates.$personId[.pdf].tsx": { get: who("login", "allow", "deny", "allow", "allow") },
  // Every certificate of the event at once: staff only.
  "events.$id.certificates[.pdf].tsx": { get: STAFF },
  "events.$id.checkin._index.tsx": { get: STAFF, post: STAFF },
  "events.$id.checkin.paper.tsx": { get: STAFF, post: STAFF },
  "events.$id.checkin.present.ts": { get: STAFF },
  "events.$id.checkin.tap.ts": { get: STAFF, post: STAFF },
  "events.$id.edit.tsx": { get: STAFF, post: STAFF },
  "events.$id.invitations.tsx": { get: STAFF, post: STAFF },
  // Invitees and staff; the editor was not invited.
  "events.$id.materials.$materialId.tsx": { get: who("login", "allow", "deny", "allow", "allow") },
  "events.$id.report.tsx": { get: SIGNED_IN },
  "events.$id.sign-in-sheet[.pdf].tsx": { get: STAFF, query: (fx) => `?day=${fx.day}` },
  "events._index.tsx": { get: SIGNED_IN },
  "events.calendar.tsx": { get: SIGNED_IN },
  "events.new.tsx": { get: STAFF, post: STAFF },
  "feedback.$token.tsx": { get: ANYONE, post: ANYONE, params: { token: "feedbackToken" } },
  "forgot-password.tsx": { get: ANYONE, post: ANYONE },
  "guidelines.$slug._index.tsx": { get: ANYONE, post: ANYONE },
  "guidelines.$slug.diff.tsx": { get: ANYONE, query: () => "?from=1&to=2" },
  "guidelines.$slug.cover.tsx": { get: ADMIN_ONLY, post: ADMIN_ONLY },
  "guidelines.$slug.edit/route.tsx": { get: EDITORS, post: EDITORS },
  "guidelines.$slug.feed[.]atom.tsx": { get: ANYONE },
  "guidelines.$slug.latest[.pdf].tsx": { get: ANYONE },
  "guidelines.$slug.translate.tsx": { get: EDITORS, post: EDITORS },
  "guidelines.$slug.v.$number.tsx": { get: ANYONE },
  "guidelines.$slug.v.$number[.pdf].tsx": { get: ANYONE },
  "guidelines.$slug.versions.tsx": { get: ANYONE },
  "guidelines._index.tsx": { get: ANYONE, post: EDITORS },
  "guidelines.subscription.tsx": { get: ANYONE, post: ANYONE },
  "healthz.ts": { get: ANYONE },
  "invitation.$token/route.tsx": { get: ANYONE, post: ANYONE, params: { token: "invitationToken" } },
  // The link's holder (an accepted invitation here) gets the calendar entry; a material only when public, and the fixture's is private.
  "invitation.$token.calendar[.]ics.tsx": { get: ANYONE, params: { token: "invitationToken" } },
  "invitation.$token.materials.$materialId.tsx": { get: who("deny", "deny", "deny", "deny", "deny"), params: { token: "invitationToken" } },
  "language.tsx": { get: ANYONE, post: ANYONE },
  // The messages of one language for the browser; the file's name holds a hash of its content.
  "locales.$file.ts": { get: ANYONE, params: { file: "messagesFile" } },
  "login.tsx": { get: ANYONE, post: ANYONE },
  // The second step of a log-in: without a password just given, it says to log in again.
  "login_.two-factor.tsx": { get: ANYONE, post: ANYONE },
  "logout.tsx": { get: ANYONE, post: ANYONE, ownSession: true },
  "my.invitations.tsx": { get: SIGNED_IN, post: SIGNED_IN },
  "organisations.$organisationId.tsx": { get: STAFF, post: STAFF },
  "organisations._index.tsx": { get: STAFF, post: STAFF },
  "people.$personId._index.tsx": { get: STAFF, post: STAFF },
  "people.$personId.edit.tsx": { get: STAFF, post: STAFF },
  "people.$personId.export.tsx": { get: STAFF },
  "people.$personId.merge.tsx": { get: STAFF, post: STAFF },
  "people._index.tsx": { get: STAFF },
  "people.export.tsx": { get: STAFF, query: () => "?format=csv" },
  // An upload is seen only by whoever uploaded it (the demo trainer): for the admin it does not exist.
  "people.import.$importId.tsx": {
    get: who("login", "deny", "deny", "allow", "deny"),
    post: who("login", "deny", "deny", "allow", "deny"),
    body: () => ({ intent: "mapping", "column-0": "name" }),
  },
  "people.import._index.tsx": { get: STAFF, post: STAFF },
  "people.new.tsx": { get: STAFF, post: STAFF },
  // Aggregates only, for everyone in the programme.
  "people.summary.tsx": { get: SIGNED_IN },
  "readyz.ts": { get: ANYONE },
  "register.tsx": { get: ANYONE, post: ANYONE },
  "reports._index.tsx": { get: SIGNED_IN },
  "reports.export.tsx": { get: SIGNED_IN, query: (fx) => `?format=csv&event=${fx.id}` },
  // One's own account: password, sessions, second factor.
  "settings._index.tsx": { get: SIGNED_IN },
  "settings.password.tsx": { get: SIGNED_IN, post: SIGNED_IN },
  "settings.sessions.tsx": { get: SIGNED_IN, post: SIGNED_IN },
  "settings.two-factor.tsx": { get: SIGNED_IN, post: SIGNED_IN },
  "reset-password.tsx": { get: ANYONE, post: ANYONE, query: (fx) => `?token=${fx.resetToken}` },
  "verify-email.tsx": { get: ANYONE, post: ANYONE, query: (fx) => `?token=${fx.verifyToken}` },
};

// --- Discovering the route modules -------------------------------------------

type RouteModule = { file: string; pattern: string; hasLoader: boolean; hasAction: boolean; hasPage: boolean; hasMeta: boolean };

/** Splits a flat-route file name at the dots that separate segments (not those escaped in [brackets]). */
function segmentsOf(name: string): string[] {
  const segments: string[] = [];
  let current = "";
  let escaped = false;
  for (const char of name) {
    if (char === "[") escaped = true;
    else if (char === "]") escaped = false;
    if (char === "." && !escaped) {
      segments.push(current);
      current = "";
    } else current += char;
  }
  segments.push(current);
  return segments;
}

/** Remix v2 flat routes: `events.$id.calendar[.]ics` -> `/events/:id/calendar.ics`, `_index` -> the parent, `$` -> splat. */
function urlPattern(routeId: string): string {
  const parts = segmentsOf(routeId)
    .filter((segment) => segment !== "_index" && !segment.startsWith("_"))
    .map((segment) => {
      const plain = segment.replace(/_$/, "");
      if (plain === "$") return "*";
      return plain.replace(/^\$/, ":").replace(/\[([^\]]*)\]/g, "$1");
    });
  return `/${parts.join("/")}`;
}

function discoverRoutes(dir = "app/routes"): RouteModule[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    // A folder route keeps its module in route.tsx (or route.ts).
    const file = entry.isDirectory()
      ? ["route.tsx", "route.ts"].map((name) => join(entry.name, name)).find((name) => existsSync(join(dir, name)))
      : /\.(tsx?|jsx?)$/.test(entry.name)
        ? entry.name
        : undefined;
    if (!file) return [];
    const routeId = entry.isDirectory() ? entry.name : entry.name.replace(/\.(tsx?|jsx?)$/, "");
    const source = readFileSync(join(dir, file), "utf8");
    const exports = (name: string) =>
      new RegExp(`export\\s+(async\\s+)?function\\s+${name}\\b|export\\s+(const|let)\\s+${name}\\b|export\\s*\\{[^}]*\\b${name}\\b[^}]*\\}`).test(source);
    return [{ file, pattern: urlPattern(routeId), hasLoader: exports("loader"), hasAction: exports("action"), hasPage: /export\s+default\b/.test(source), hasMeta: exports("meta") }];
  });
}

/**
 * A layout route and its index share an address (`events.$id` and
 * `events.$id._index`): Remix sends a request there to the index only when
 * the address says `?index`, as its forms do, so the index is asked that way.
 */
function withIndexQuery(routes: RouteModule[]): RouteModule[] {
  const isIndex = (route: RouteModule) => /(^|[./])_index(\/route)?\.tsx?$/.test(route.file);
  const layouts = new Set(routes.filter((route) => !isIndex(route)).map((route) => route.pattern));
  return routes.map((route) => (isIndex(route) && layouts.has(route.pattern) ? { ...route, pattern: `${route.pattern}?index` } : route));
}

const ROUTES = withIndexQuery(discoverRoutes());

/** One question: who asks, how, where, and the answer expected. A tuple, so that the test's name reads "TRAINER GET /events/:id → allow". */
type Case = [who: Who, method: Method, path: string, expected: Outcome | "missing from the table"];

const FILE_OF = new Map(ROUTES.map((route) => [route.pattern, route.file]));

const CASES: Case[] = ROUTES.flatMap((route) => {
  const row = TABLE[route.file];
  const methods: Method[] = [...(route.hasLoader || route.hasPage ? ["GET" as const] : []), ...(route.hasAction ? ["POST" as const] : [])];
  return methods.flatMap((method) =>
    WHO.map((role): Case => [role, method, route.pattern, (method === "GET" ? row?.get : row?.post)?.[role] ?? "missing from the table"]),
  );
});

/** What an answer means: let through, sent to log in, or refused (403, or 404 where the app hides what exists). */
function outcomeOf(method: Method, res: Response): Outcome | string {
  const location = res.headers.get("location") ?? "";
  if (res.status >= 300 && res.status < 400) return /^(https?:\/\/[^/]+)?\/login([?#]|$)/.test(location) ? "login" : "allow";
  if (res.status === 403 || res.status === 404) return "deny";
  if (res.status >= 200 && res.status < 300) return "allow";
  // Past the permission check, and refused for what was sent: an empty form, or a GET to a POST-only address.
  if ((res.status === 400 && method === "POST") || res.status === 405) return "allow";
  return `status ${res.status}`;
}

function fillPattern(pattern: string, row: Row | undefined, fx: Fixtures): string {
  return pattern
    .replace(/:(\w+)/g, (_, param: string) => {
      const name = row?.params?.[param] ?? param;
      const value = fx[name];
      if (value === undefined) throw new Error(`No fixture "${name}" for :${param} in ${pattern}`);
      return encodeURIComponent(value);
    })
    .replace("*", "no-such-page");
}

/** A page's <title>, its entities decoded as a browser shows them. */
function titleOf(html: string): string | undefined {
  const found = /<title>([^<]*)<\/title>/.exec(html)?.[1];
  return found?.replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

// --- The test ----------------------------------------------------------------

describe("authorization: every route, every role", () => {
  const e2e = appFixture({ env: { OUTBOX_WORKER: "off" } });
  const fx: Fixtures = {};
  const cookies: Partial<Record<Who, string>> = {};
  const emails: Record<Role, string> = {
    ADMIN: "admin@durable.localhost",
    TRAINER: "trainer@durable.localhost",
    EDITOR: "editor@durable.localhost",
    MEMBER: "member@durable.localhost",
  };

  function request(method: Method, path: string, cookie: string | undefined, body?: Record<string, string> | FormData) {
    const headers: Record<string, string> = { "Accept-Language": "en" };
    if (cookie) headers.Cookie = cookie;
    // Same-origin, as a browser sends it: server.js refuses posts from other sites before any route.
    if (method === "POST") headers.Origin = e2e.app.url;
    return fetch(`${e2e.app.url}${path}`, {
      method,
      headers,
      redirect: "manual",
      body: method === "POST" ? (body instanceof FormData ? body : new URLSearchParams(body ?? {})) : undefined,
    });
  }

  beforeAll(async () => {
    const { app, db } = e2e;
    for (const role of Object.keys(emails) as Role[]) cookies[role] = await logInOverHttp(app.url, emails[role]);
    const users = Object.fromEntries(
      await Promise.all((Object.keys(emails) as Role[]).map(async (role) => [role, await db.user.findUniqueOrThrow({ where: { email: emails[role] } })])),
    ) as Record<Role, { id: string }>;

    const gjilan = await db.municipality.findUniqueOrThrow({ where: { slug: "gjilan" } });
    const theme = await db.theme.findFirstOrThrow();
    fx.themeId = theme.id;
    // Under way: people have been checked in (certificates, attendance lists) and invitation links still open.
    const start = new Date(Date.now() - 2 * 3_600_000);
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Belgrade" }).format(start);
    fx.day = day;
    const event = await createEvent({
      db,
      startsAt: start,
      hours: 6,
      capacity: 30,
      titles: { en: "Authorization workshop" },
      data: { publishedAt: new Date(), isPublic: false, createdById: users.TRAINER.id, organisers: { create: [{ userId: users.TRAINER.id }] } },
    });
    fx.id = event.id;

    const memberPerson = await createPerson({
      db,
      name: "Milan Članović",
      email: "member@durable.localhost",
      locale: "sr",
      userId: users.MEMBER.id,
      municipalityId: gjilan.id,
      gender: "MAN",
      community: "BOSNIAK",
    });
    fx.personId = memberPerson.id;
    fx.invitationToken = createToken();
    const invitation = await invite(event, memberPerson, "ACCEPTED", { db, data: { links: { create: { tokenHash: hashToken(fx.invitationToken) } }, sentAt: new Date() } });
    await db.attendance.create({ data: { eventId: event.id, personId: memberPerson.id, invitationId: invitation.id, day, method: "NAME_SEARCH", checkedInAt: start } });
    fx.feedbackToken = createToken();
    await db.feedbackRequest.create({ data: { eventId: event.id, personId: memberPerson.id, tokenHash: hashToken(fx.feedbackToken) } });
    fx.calendarToken = createToken();
    fx.messagesFile = messagesFile("sq").name;
    await db.user.update({ where: { id: users.MEMBER.id }, data: { calendarTokenHash: hashToken(fx.calendarToken) } });

    const material = await db.eventMaterial.create({
      data: { eventId: event.id, title: "Agenda", fileName: "agenda.txt", contentType: "text/plain; charset=utf-8", size: 6, sha256: "-", storagePath: `${event.id}/agenda.txt`, isPublic: false },
    });
    mkdirSync(join(app.dataDir, "materials", event.id), { recursive: true });
    writeFileSync(join(app.dataDir, "materials", event.id, "agenda.txt"), "agenda");
    fx.materialId = material.id;

    const contribution = await db.contribution.create({
      data: {
        // Back with its authors, so they may edit it, and not a draft, so reviewers see it.
        status: "CHANGES_REQUESTED",
        submittedAt: new Date(),
        title: "One-stop shop in Gjilan",
        summary: "Every service in one place.",
        body: "Returnees found every service in one place.",
        themeId: theme.id,
        municipalityId: gjilan.id,
        createdById: users.MEMBER.id,
        authors: { create: [{ userId: users.MEMBER.id, isLead: true }] },
      },
    });
    fx.contributionId = contribution.id;
    const attachment = await db.contributionAttachment.create({
      data: { contributionId: contribution.id, fileName: "photo.txt", contentType: "text/plain; charset=utf-8", size: 5, sha256: "-", storagePath: `${contribution.id}/photo.txt` },
    });
    mkdirSync(join(app.dataDir, "contributions", contribution.id), { recursive: true });
    writeFileSync(join(app.dataDir, "contributions", contribution.id, "photo.txt"), "photo");
    fx.attachmentId = attachment.id;

    fx.commissionId = (await db.commission.findFirstOrThrow()).id;
    fx.organisationId = (await db.organisation.findFirstOrThrow()).id;

    fx.slug = "authorization-guideline";
    const guideline = await db.guideline.create({
      data: { slug: fx.slug, title: "Reintegration guideline", sourceLocale: "en", sections: { create: [{ key: "housing", position: 0, title: "Housing", body: "Start with the house." }] } },
    });
    for (const number of [1, 2]) {
      await db.guidelineVersion.create({
        data: {
          guidelineId: guideline.id,
          locale: "en",
          number,
          title: "Reintegration guideline",
          changelog: `Version ${number}.`,
          publishedById: users.EDITOR.id,
          sections: { create: [{ key: "housing", position: 0, title: "Housing", body: number === 1 ? "Start with the house." : "Start with the house and the papers." }] },
        },
      });
    }
    fx.number = "1";

    // An upload waiting for its preview to be confirmed, through the trainer's own form.
    const upload = new FormData();
    upload.set("file", new File(["name,email\nAna Test,ana.test@example.org\n"], "people.csv", { type: "text/csv" }));
    const uploaded = await request("POST", "/people/import", cookies.TRAINER, upload);
    expect(uploaded.status, "the trainer's import upload").toBe(302);
    fx.importId = uploaded.headers.get("location")!.split("/").pop()!.split("?")[0];

    // One-time links of an account that is not one of the sessions above (so using them cannot end a session).
    const stranger = await db.user.create({ data: { email: "stranger@example.org", name: "Stranger", passwordHash: "-", locale: "en" } });
    fx.resetToken = createToken();
    fx.verifyToken = createToken();
    const expiresAt = new Date(Date.now() + 3_600_000);
    await db.userToken.create({ data: { userId: stranger.id, purpose: "PASSWORD_RESET", tokenHash: hashToken(fx.resetToken), expiresAt } });
    await db.userToken.create({ data: { userId: stranger.id, purpose: "EMAIL_VERIFICATION", tokenHash: hashToken(fx.verifyToken), expiresAt } });

    // A message in the local mailbox (the worker is off; this is what it writes).
    fx.mailId = "authorization-test";
    mkdirSync(join(app.dataDir, "mailbox"), { recursive: true });
    writeFileSync(
      join(app.dataDir, "mailbox", `${fx.mailId}.eml`),
      "From: Durable <no-reply@durable.localhost>\r\nTo: stranger@example.org\r\nSubject: Reset your password\r\nDate: Mon, 1 Mar 2027 10:00:00 +0000\r\nMessage-ID: <authorization-test@durable>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nhttps://durable.example/reset-password?token=secret\r\n",
    );
  });

  it("has one row in the table for every route module, and no row without one", () => {
    const files = ROUTES.map((r) => r.file).sort();
    expect(FILE_OF.size, "two route files serve the same address").toBe(ROUTES.length);
    expect(files.length).toBeGreaterThan(60);
    expect(Object.keys(TABLE).sort()).toEqual(files);
    for (const route of ROUTES) {
      const row = TABLE[route.file];
      expect(!!row.get, `${route.file}: GET row iff it has a loader or a page`).toBe(route.hasLoader || route.hasPage);
      expect(!!row.post, `${route.file}: POST row iff it has an action`).toBe(route.hasAction);
    }
    // Every page names itself in its <title> (WCAG 2.4.2), through its `meta`; the two whose page is never drawn
    // (any unknown address, and the language switch) answer with the error page, whose title is the root's.
    const neverDrawn = ["$.tsx", "language.tsx"];
    const untitled = ROUTES.filter((route) => route.hasPage && !route.hasMeta && !neverDrawn.includes(route.file)).map((route) => route.file);
    expect(untitled, "page routes without a meta export (a <title>)").toEqual([]);
    console.log(`authorization: ${ROUTES.length} route modules, ${CASES.length} cases (${WHO.length} visitors each)`);
  });

  it("reads Remix flat-route file names as the URLs they serve", () => {
    expect(urlPattern("events.$id.calendar[.]ics")).toBe("/events/:id/calendar.ics");
    expect(urlPattern("events.$id.certificates.$personId[.pdf]")).toBe("/events/:id/certificates/:personId.pdf");
    expect(urlPattern("guidelines.$slug._index")).toBe("/guidelines/:slug");
    expect(urlPattern("_index")).toBe("/");
    expect(urlPattern("$")).toBe("/*");
    expect(urlPattern("_auth.login")).toBe("/login");
    expect(urlPattern("people_.$personId")).toBe("/people/:personId");
  });

  // Concurrently, a few at a time (vitest's maxConcurrency): no case changes what decides another one's answer.
  test.concurrent.for(CASES)("%s %s %s → %s", async ([visitor, method, path, expected], { expect }) => {
    const file = FILE_OF.get(path)!;
    const row = TABLE[file];
    expect(row, `${file} has no row in the table`).toBeDefined();
    const url = fillPattern(path, row, fx) + (row.query?.(fx) ?? "");
    const cookie = visitor === "anonymous" ? undefined : row.ownSession && method === "POST" ? await logInOverHttp(e2e.app.url, emails[visitor]) : cookies[visitor];
    const res = await request(method, url, cookie, method === "POST" ? row.body?.(fx) : undefined);
    const outcome = outcomeOf(method, res);
    expect(outcome, `${visitor} ${method} ${url}: ${res.status} ${res.headers.get("location") ?? ""}`).toBe(expected);
    if (method === "GET" && res.headers.get("content-type")?.startsWith("text/html")) {
      // Every page, error pages included, names itself: "<page> · Durable" or "<page> · <thing> · Durable".
      const title = titleOf(await res.text());
      expect(title, `${visitor} GET ${url}: <title>`).toMatch(/^[^·]+ · (.+ · )?Durable$/);
    } else await res.arrayBuffer();
  });

  describe("rules beyond the table", () => {
    it("titles a page in the reader's language, with the thing it shows, error pages included", async () => {
      const inAlbanian = (path: string, cookie?: string) =>
        fetch(`${e2e.app.url}${path}`, { headers: { "Accept-Language": "sq", ...(cookie ? { Cookie: cookie } : {}) }, redirect: "manual" });
      const titled = async (res: Response) => {
        const html = await res.text();
        return { status: res.status, lang: /<html lang="([^"]+)"/.exec(html)?.[1], title: titleOf(html) };
      };
      expect(await titled(await inAlbanian("/login"))).toEqual({ status: 200, lang: "sq", title: "Kyçu · Durable" });
      expect(await titled(await inAlbanian("/no-such-page"))).toEqual({ status: 404, lang: "sq", title: "Faqja nuk u gjet · Durable" });
      expect((await titled(await inAlbanian(`/guidelines/${fx.slug}`))).title).toMatch(/ · Reintegration guideline · Durable$/);
      // A trainer reading in Albanian: the event's pages carry its title, from the layout's summary.
      const trainer = await createUser({ db: e2e.db, roles: ["TRAINER"], locale: "sq" });
      const cookie = await logInOverHttp(e2e.app.url, trainer.email, TEST_PASSWORD);
      expect(await titled(await inAlbanian(`/events/${fx.id}/checkin`, cookie))).toEqual({
        status: 200,
        lang: "sq",
        title: "Regjistrimi i pjesëmarrjes · Authorization workshop · Durable",
      });
      // The same page for a trainer reading in English.
      const english = await createUser({ db: e2e.db, roles: ["TRAINER"], locale: "en" });
      const inEnglish = await logInOverHttp(e2e.app.url, english.email, TEST_PASSWORD);
      expect((await titled(await inAlbanian(`/events/${fx.id}/checkin`, inEnglish))).title).toBe("Check-in · Authorization workshop · Durable");
    });

    const get = (path: string, who: Who) => request("GET", path, cookies[who]);
    const post = (path: string, who: Who, body: Record<string, string>) => request("POST", path, cookies[who], body);
    /** The count shown in a report's row for one category (e.g. GORANI), as the page shows it. */
    const shownCount = (html: string, key: string) =>
      new RegExp(`<tr data-key="${key}"><th scope="row">[^<]*</th><td class="report-count" data-count="[^"]*">([^<]*)</td>`).exec(html)?.[1];

    it("a member sees no one's gender or community: pages about a person are refused, and reports show small counts protected and no names", async () => {
      const gjilan = await e2e.db.municipality.findUniqueOrThrow({ where: { slug: "gjilan" } });
      const people = [
        { name: "Ardita Krasniqi-Testi", gender: "WOMAN", community: "GORANI" },
        { name: "Besnik Halili-Testi", gender: "MAN", community: "EGYPTIAN" },
      ] as const;
      const ids: string[] = [];
      for (const person of people) {
        const created = await e2e.db.person.create({ data: { ...person, municipalityId: gjilan.id, searchText: person.name.toLowerCase() } });
        const invitation = await e2e.db.invitation.create({ data: { eventId: fx.id, personId: created.id, status: "ACCEPTED" } });
        await e2e.db.attendance.create({ data: { eventId: fx.id, personId: created.id, invitationId: invitation.id, day: fx.day, method: "PAPER", checkedInAt: new Date() } });
        ids.push(created.id);
      }
      const names = people.map((p) => p.name);
      // Per person: refused outright.
      for (const path of [`/people/${ids[0]}`, `/people/${ids[0]}/edit`, `/people/${ids[0]}/export`, "/people?q=Ardita", "/people/export?format=csv"]) {
        const res = await get(path, "MEMBER");
        expect(res.status, path).toBe(403);
        expect(await res.text(), path).not.toContain(names[0]);
      }
      // Every page a member may open (from the table), with its loader data inside: neither name appears.
      const open = Object.entries(TABLE).filter(([, row]) => row.get?.MEMBER === "allow");
      expect(open.length).toBeGreaterThan(20);
      for (const [file, row] of open) {
        const route = ROUTES.find((r) => r.file === file)!;
        const path = fillPattern(route.pattern, row, fx) + (row.query?.(fx) ?? "");
        const body = await (await get(path, "MEMBER")).text();
        for (const name of names) expect(body, `${path} shows ${name}`).not.toContain(name);
      }
      // Counts by gender and community: protected for the member, exact for the trainer (so this check can fail).
      for (const path of [`/events/${fx.id}/report`, "/reports"]) {
        const member = await (await get(path, "MEMBER")).text();
        const trainer = await (await get(path, "TRAINER")).text();
        for (const key of ["GORANI", "EGYPTIAN", "WOMAN"]) {
          expect(shownCount(trainer, key), `${path} ${key} for the trainer`).toBe("1");
          expect(shownCount(member, key), `${path} ${key} for the member`).toBe("&lt;5");
        }
      }
      expect(await (await get(`/events/${fx.id}/report`, "TRAINER")).text()).toContain(names[0]);
    });

    it("an editor cannot invite anyone or send invitations; the same forms from a trainer invite", async () => {
      const guest = await e2e.db.person.create({ data: { name: "Guest Invitee", email: "guest.invitee@example.org", searchText: "guest invitee" } });
      const queued = await e2e.db.outboxMessage.count();
      const path = `/events/${fx.id}/invitations`;
      const gjilan = await e2e.db.municipality.findUniqueOrThrow({ where: { slug: "gjilan" } });
      const forms: Record<string, string>[] = [{ intent: "addPerson", personId: guest.id }, { intent: "add", municipalityId: gjilan.id }, { intent: "send" }];
      for (const who of ["EDITOR", "MEMBER"] as const) {
        for (const body of forms) {
          const res = await post(path, who, body);
          expect(res.status, `${who} ${body.intent}`).toBe(403);
        }
      }
      expect(await e2e.db.invitation.count({ where: { personId: guest.id } })).toBe(0);
      expect(await e2e.db.outboxMessage.count()).toBe(queued);

      const invited = await post(path, "TRAINER", { intent: "addPerson", personId: guest.id });
      expect(invited.status).toBe(200);
      expect(await e2e.db.invitation.count({ where: { personId: guest.id, eventId: fx.id } })).toBe(1);
    });

    it("a trainer cannot publish a guideline version or a translation; the same form from an editor publishes", async () => {
      const guideline = await e2e.db.guideline.findUniqueOrThrow({ where: { slug: fx.slug } });
      const publish = { intent: "publish", changelog: "Third version: papers first.", revision: String(guideline.revision) };
      expect((await post(`/guidelines/${fx.slug}/edit`, "TRAINER", publish)).status).toBe(403);
      const translation = { title: "Udhëzimi", summary: "", changelog: "Përkthimi i parë.", "title:housing": "Strehimi", "body:housing": "Fillo me shtëpinë." };
      expect((await post(`/guidelines/${fx.slug}/translate?lang=sq&from=2`, "TRAINER", translation)).status).toBe(403);
      expect(await e2e.db.guidelineVersion.count({ where: { guidelineId: guideline.id } })).toBe(2);

      const published = await post(`/guidelines/${fx.slug}/edit`, "EDITOR", publish);
      expect(published.status).toBe(302);
      expect(published.headers.get("location")).toContain(`/guidelines/${fx.slug}/v/3`);
    });

    it("a calendar feed opens with its current secret only, with or without a session", async () => {
      const member = await e2e.db.user.findUniqueOrThrow({ where: { email: emails.MEMBER } });
      const event = await e2e.db.event.findUniqueOrThrow({ where: { id: fx.id } });
      const feed = await request("GET", `/calendar/${fx.calendarToken}.ics`, undefined);
      expect(feed.status).toBe(200);
      expect(feed.headers.get("content-type")).toContain("text/calendar");
      expect(await feed.text()).toContain(event.uid);

      // Someone else's feed is not reached by guessing, by the account's id, or by the hash kept in the database; logging in does not help.
      for (const guess of [createToken(), member.id, member.calendarTokenHash!, `${fx.calendarToken.slice(0, -1)}x`]) {
        for (const who of ["anonymous", "TRAINER", "ADMIN"] as const) {
          const res = await request("GET", `/calendar/${guess}.ics`, cookies[who]);
          expect(res.status, `${who} with ${guess.slice(0, 6)}…`).toBe(404);
          await res.arrayBuffer();
        }
      }

      // A new secret ends the old one.
      const reset = await post("/calendar", "MEMBER", { intent: "reset" });
      expect(reset.status).toBe(200);
      const fresh = /\/calendar\/([A-Za-z0-9_-]{20,100})\.ics/.exec(await reset.text())?.[1];
      expect(fresh).toBeDefined();
      expect(fresh).not.toBe(fx.calendarToken);
      expect((await request("GET", `/calendar/${fx.calendarToken}.ics`, undefined)).status).toBe(404);
      expect((await request("GET", `/calendar/${fresh}.ics`, undefined)).status).toBe(200);
    });

    it("a member cannot answer someone else's invitation, nor open a draft event", async () => {
      const stranger = await e2e.db.person.create({ data: { name: "Someone Else", searchText: "someone else" } });
      const theirs = await e2e.db.invitation.create({ data: { eventId: fx.id, personId: stranger.id, status: "PENDING" } });
      const res = await post("/my/invitations", "MEMBER", { invitationId: theirs.id, answer: "DECLINE" });
      expect(res.status).toBe(404);
      expect((await e2e.db.invitation.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe("PENDING");

      const source = await e2e.db.event.findUniqueOrThrow({ where: { id: fx.id } });
      const draft = await createEvent({
        db: e2e.db,
        status: "DRAFT",
        startsAt: source.startsAt,
        endsAt: source.endsAt,
        capacity: source.capacity,
        titles: { en: "Unannounced draft workshop", sr: "Unannounced draft workshop" },
        data: { isPublic: source.isPublic, createdById: source.createdById },
      });
      for (const path of [`/events/${draft.id}`, `/events/${draft.id}/report`, `/events/${draft.id}/calendar.ics`, `/reports/export?format=csv&event=${draft.id}`]) {
        expect((await get(path, "MEMBER")).status, path).toBe(404);
        expect((await get(path, "EDITOR")).status, path).toBe(404);
      }
      for (const path of ["/events", "/events/calendar"]) {
        expect(await (await get(path, "TRAINER")).text(), path).toContain("Unannounced draft workshop");
        expect(await (await get(path, "MEMBER")).text(), path).not.toContain("Unannounced draft workshop");
      }
      // The public feed has neither the draft nor the published event that is not public.
      const publicFeed = await (await request("GET", "/calendar/public.ics", undefined)).text();
      expect(publicFeed).toContain("BEGIN:VCALENDAR");
      expect(publicFeed).not.toContain(draft.uid);
      expect(publicFeed).not.toContain(source.uid);
    });

    it("the local mailbox is hidden from everyone once SMTP is set, and from everyone but admins in production", async () => {
      const { mailboxVisibleTo } = await import("~/models/mailbox.server");
      const saved = { NODE_ENV: process.env.NODE_ENV, SMTP_URL: process.env.SMTP_URL };
      try {
        process.env.NODE_ENV = "production";
        delete process.env.SMTP_URL;
        expect(mailboxVisibleTo({ roles: ["ADMIN"] })).toBe(true);
        for (const roles of [[], ["MEMBER"], ["EDITOR"], ["TRAINER"]] as Role[][]) expect(mailboxVisibleTo({ roles }), roles.join()).toBe(false);
        expect(mailboxVisibleTo(null)).toBe(false);
        process.env.SMTP_URL = "smtp://mail.example.org:587";
        expect(mailboxVisibleTo({ roles: ["ADMIN"] })).toBe(false);
      } finally {
        process.env.NODE_ENV = saved.NODE_ENV;
        if (saved.SMTP_URL === undefined) delete process.env.SMTP_URL;
        else process.env.SMTP_URL = saved.SMTP_URL;
      }
      // Over HTTP, in production without SMTP: the message is the admin's to read, a 404 for everyone else.
      const opened = await (await get(`/dev/mailbox/${fx.mailId}`, "ADMIN")).text();
      // Shown on the page, not only in the loader data the page carries.
      expect(opened).toMatch(/<h1[^>]*>[^<]*Reset your password/);
      const refused = await get(`/dev/mailbox/${fx.mailId}`, "TRAINER");
      expect(refused.status).toBe(404);
      expect(await refused.text()).not.toContain("Reset your password");
    });
  });
});
