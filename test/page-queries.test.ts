import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "~/db.server";
import type { CheckInMethod, InvitationStatus } from "~/generated/prisma/enums";
import * as root from "~/root";
import * as eventLayout from "~/routes/events.$id";
import * as eventPage from "~/routes/events.$id._index";
import * as checkInPage from "~/routes/events.$id.checkin._index";
import * as eventReportPage from "~/routes/events.$id.report";
import * as eventList from "~/routes/events._index";
import * as eventCalendar from "~/routes/events.calendar";
import * as invitationPage from "~/routes/invitation.$token/route";
import * as reportsPage from "~/routes/reports._index";
import * as dashboard from "~/routes/dashboard";
import { startSession } from "~/utils/auth.server";
import { createToken, hashToken } from "~/utils/tokens.server";
import { seed } from "../prisma/seed";
import { createEvent, createUser } from "./helpers/factories";
import { statementsDuring } from "./helpers/query-count";

vi.mock("~/db-adapter.server", async (original) => {
  const { countingAdapters } = await import("./helpers/query-count");
  return countingAdapters(await original<typeof import("~/db-adapter.server")>());
});

// A page does only the work it shows: a fixed number of SQL statements
// whatever the amount of data behind it (no query per row), and none that
// writes. Each page is loaded as Remix loads it, with every loader of its
// route chain (root, layout, page) called at once on the same request, and,
// for the invitation answer, the action first.

type RouteModule = { loader?: (args: LoaderFunctionArgs) => unknown; action?: (args: ActionFunctionArgs) => unknown };
const CONTEXT = { clientAddress: "192.0.2.10", cspNonce: "", requestId: "page-queries" };

/** The status of a loader's or action's answer: a Response, `data(…, { status })`, or plain data (200). */
function statusOf(answer: unknown): number {
  if (answer instanceof Response) return answer.status;
  return (answer as { init?: { status?: number } } | null)?.init?.status ?? 200;
}

async function runLoaders(chain: RouteModule[], request: Request, params: Record<string, string>) {
  const answers = await Promise.allSettled(chain.map((route) => route.loader!({ request, params, context: CONTEXT })));
  for (const answer of answers) {
    if (answer.status === "rejected") throw new Error(`${request.url}: ${answer.reason instanceof Response ? `answered ${answer.reason.status}` : String(answer.reason)}`);
    if (statusOf(answer.value) >= 400) throw new Error(`${request.url}: answered ${statusOf(answer.value)}`);
  }
}

/** The SQL statements of one page load: its loaders, after its action when a form is posted. */
async function pageStatements(page: { chain: RouteModule[]; path: string; params?: Record<string, string>; cookie?: string; form?: Record<string, string> }) {
  const url = `http://durable.test${page.path}`;
  const headers = { ...(page.cookie ? { Cookie: page.cookie } : {}), "Accept-Language": "en" };
  return statementsDuring(async () => {
    if (page.form) {
      const post = new Request(url, { method: "POST", headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(page.form) });
      const answer = await page.chain[page.chain.length - 1].action!({ request: post, params: page.params ?? {}, context: CONTEXT });
      if (statusOf(answer) >= 400) throw new Error(`POST ${page.path} answered ${statusOf(answer)}`);
    }
    await runLoaders(page.chain, new Request(url, { headers }), page.params ?? {});
  });
}

const WRITES = /^\s*(INSERT|UPDATE|DELETE|REPLACE|MERGE|UPSERT)\b/i;

async function cookieOf(userId: string): Promise<string> {
  const started = await startSession(new Request("http://durable.test/login"), userId, "/dashboard");
  return started.headers.get("Set-Cookie")!.split(";")[0];
}

let trainerCookie: string;
let memberCookie: string;
let memberPersonId: string;

beforeAll(async () => {
  await seed(process.env.DATABASE_URL, { demoUsers: false });
  trainerCookie = await cookieOf((await createUser({ roles: ["TRAINER"] })).id);
  const member = await createUser({ roles: ["MEMBER"] });
  memberCookie = await cookieOf(member.id);
  memberPersonId = (await prisma.person.create({ data: { name: "Member Person", email: member.email, userId: member.id } })).id;
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function localDay(date: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Belgrade", year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
}

/** `count` more events (published, ended or to come, with a title), written in bulk. */
async function addEvents(count: number) {
  const places = await prisma.municipality.findMany({ take: 10, orderBy: { slug: "asc" } });
  const themes = await prisma.theme.findMany({ take: 3 });
  const events = Array.from({ length: count }, (_, i) => {
    const place = places[i % places.length];
    const startsAt = new Date(Date.now() + (i % 2 ? 1 : -1) * (i + 2) * DAY);
    return {
      id: randomUUID(),
      uid: `${randomUUID()}@durable`,
      type: (["WORKSHOP", "ROUND_TABLE", "CONFERENCE", "TRAINING"] as const)[i % 4],
      // Ended events stay PUBLISHED until the scheduler marks them: the pages must show them ended anyway.
      status: "PUBLISHED" as const,
      clusterId: place.clusterId,
      municipalityId: place.id,
      venueName: "Hall",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 4 * HOUR),
      capacity: 30,
    };
  });
  for (let i = 0; i < events.length; i += 500) {
    const batch = events.slice(i, i + 500);
    await prisma.event.createMany({ data: batch });
    await prisma.eventTranslation.createMany({ data: batch.map((e, n) => ({ eventId: e.id, locale: "en", title: `Event ${i + n}` })) });
    await prisma.eventTheme.createMany({ data: batch.flatMap((e) => themes.map((t) => ({ eventId: e.id, themeId: t.id }))) });
  }
}

/**
 * An event under way (it began an hour ago and lasts three days), with
 * `people` invited (half accepted, the member among them), a session and a
 * non-public material per `extras`, and the invitees checked in on each of
 * the days so far; plus a future event with `people` invitations, pending,
 * each with a personal link (the tokens are returned).
 */
async function addFocalEvents(size: { people: number; extras: number }) {
  const startsAt = new Date(Date.now() - HOUR);
  const event = await createEvent({ startsAt, endsAt: new Date(startsAt.getTime() + 2 * DAY + 6 * HOUR), capacity: size.people, titles: { en: "Focal workshop" } });
  const future = await createEvent({ startsAt: new Date(Date.now() + 20 * DAY), capacity: Math.ceil(size.people / 2), titles: { en: "Future workshop" } });
  const people = Array.from({ length: size.people }, (_, i) => ({ id: randomUUID() as string, name: `Invitee ${i}`, email: `invitee-${randomUUID()}@example.org`, searchText: `invitee ${i}` }));
  await prisma.person.createMany({ data: people });
  const invitations = people.map((p, i) => ({
    id: randomUUID() as string,
    eventId: event.id,
    personId: p.id,
    status: (i % 2 ? "PENDING" : "ACCEPTED") as InvitationStatus,
    sentAt: new Date(),
  }));
  invitations.push({ id: randomUUID(), eventId: event.id, personId: memberPersonId, status: "ACCEPTED", sentAt: new Date() });
  await prisma.invitation.createMany({ data: invitations });
  const days = [localDay(startsAt), localDay(new Date(startsAt.getTime() + DAY))];
  await prisma.attendance.createMany({
    data: days.flatMap((day) =>
      invitations.map((invitation, i) => ({ eventId: event.id, personId: invitation.personId, invitationId: invitation.id, day, method: "QR" as CheckInMethod, checkedInAt: new Date(startsAt.getTime() + i * 1000) })),
    ),
  });
  await prisma.eventSession.createMany({
    data: Array.from({ length: size.extras }, (_, i) => ({ eventId: event.id, title: `Session ${i}`, startsAt, endsAt: new Date(startsAt.getTime() + HOUR), room: `Room ${i}` })),
  });
  await prisma.eventMaterial.createMany({
    data: Array.from({ length: size.extras }, (_, i) => ({ eventId: event.id, title: `Handout ${i}`, fileName: `h${i}.pdf`, contentType: "application/pdf", size: 1000, sha256: "0", storagePath: `x/${i}` })),
  });
  const futureInvitations = people.map((p) => ({ id: randomUUID(), eventId: future.id, personId: p.id, status: "PENDING" as InvitationStatus, sentAt: new Date() }));
  await prisma.invitation.createMany({ data: futureInvitations });
  const tokens = futureInvitations.slice(0, 4).map(() => createToken());
  await prisma.invitationLink.createMany({ data: tokens.map((token, i) => ({ tokenHash: hashToken(token), invitationId: futureInvitations[i].id })) });
  return { eventId: event.id, day: days[0], tokens };
}

/** Every page measured, by name: its statements, loaders and action together. */
async function measure(focal: Awaited<ReturnType<typeof addFocalEvents>>) {
  const id = focal.eventId;
  const pages = {
    "event list": { chain: [root, eventList], path: "/events", cookie: trainerCookie },
    "event list, ended events": { chain: [root, eventList], path: "/events?status=COMPLETED", cookie: memberCookie },
    "event calendar": { chain: [root, eventCalendar], path: "/events/calendar", cookie: trainerCookie },
    "event page, trainer": { chain: [root, eventLayout, eventPage], path: `/events/${id}`, params: { id }, cookie: trainerCookie },
    "event page, member": { chain: [root, eventLayout, eventPage], path: `/events/${id}`, params: { id }, cookie: memberCookie },
    "invitation page": { chain: [root, invitationPage], path: `/invitation/${focal.tokens[0]}`, params: { token: focal.tokens[0] } },
    "invitation answer, accepted": {
      chain: [root, invitationPage],
      path: `/invitation/${focal.tokens[1]}`,
      params: { token: focal.tokens[1] },
      form: { answer: "ACCEPT", interpretation: "", accessibilityNeeds: "" },
    },
    "invitation answer, declined": {
      chain: [root, invitationPage],
      path: `/invitation/${focal.tokens[2]}`,
      params: { token: focal.tokens[2] },
      form: { answer: "DECLINE", interpretation: "", accessibilityNeeds: "" },
    },
    "check-in page": { chain: [root, eventLayout, checkInPage], path: `/events/${id}/checkin?day=${focal.day}`, params: { id }, cookie: trainerCookie },
    "event report, trainer": { chain: [root, eventLayout, eventReportPage], path: `/events/${id}/report`, params: { id }, cookie: trainerCookie },
    "event report, member": { chain: [root, eventLayout, eventReportPage], path: `/events/${id}/report`, params: { id }, cookie: memberCookie },
    "programme report": { chain: [root, reportsPage], path: "/reports", cookie: trainerCookie },
    dashboard: { chain: [root, dashboard], path: "/dashboard", cookie: trainerCookie },
  };
  const statements: Record<string, string[]> = {};
  for (const [name, page] of Object.entries(pages)) statements[name] = await pageStatements(page);
  return statements;
}

const counts = (statements: Record<string, string[]>) => Object.fromEntries(Object.entries(statements).map(([name, list]) => [name, list.length]));

describe("the SQL statements of a page load", () => {
  let small: Record<string, string[]>;
  let large: Record<string, string[]>;

  beforeAll(async () => {
    await addEvents(10);
    small = await measure(await addFocalEvents({ people: 4, extras: 1 }));
    // A hundred times the events, a hundred times the invitees, checked in on two days, and more sessions and materials.
    await addEvents(1000);
    large = await measure(await addFocalEvents({ people: 400, extras: 30 }));
    expect(await prisma.event.count()).toBeGreaterThanOrEqual(1014);
    expect(await prisma.attendance.count()).toBeGreaterThanOrEqual(2 * 401);
  }, 240_000);

  it("stay as many from 10 to 1,000 events and from 5 to 400 invitees an event: no query per row", () => {
    // SHOW_SQL=1 prints the statements of a page whose count changed.
    for (const name of Object.keys(large)) {
      if (process.env.SHOW_SQL && large[name].length !== small[name].length) console.log(name, { small: small[name], large: large[name] });
    }
    expect(counts(large)).toEqual(counts(small));
  });

  it("stay few: what each page shows, with its session and the reader's language", () => {
    const few = counts(large);
    // The root's session look-up (the session, its user, the user's roles) comes first on every signed-in page.
    expect(few.dashboard).toBeGreaterThan(0);
    expect(few.dashboard).toBeLessThanOrEqual(3);
    for (const [name, count] of Object.entries(few)) expect(count, name).toBeLessThanOrEqual(name.startsWith("invitation answer") ? 40 : 25);
  });

  it("write nothing on a page load (an answer writes in its action only)", () => {
    const written = Object.entries(large).flatMap(([name, list]) => (name.startsWith("invitation answer") ? [] : list.filter((sql) => WRITES.test(sql)).map((sql) => `${name}: ${sql.slice(0, 80)}`)));
    expect(written).toEqual([]);
  });

  it("let an answer by link write what it must: the answer and the counted attempt", () => {
    const answer = large["invitation answer, accepted"].filter((sql) => WRITES.test(sql));
    expect(answer.some((sql) => /INSERT INTO\s+\S*"?`?InvitationAnswer/i.test(sql))).toBe(true);
  });
});

describe("the loaders after an answer by link", () => {
  it("write nothing: the page shown after the answer only reads", async () => {
    const focal = await addFocalEvents({ people: 4, extras: 1 });
    const token = focal.tokens[3];
    const url = `http://durable.test/invitation/${token}`;
    const post = new Request(url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ answer: "ACCEPT", interpretation: "", accessibilityNeeds: "" }) });
    const action = await statementsDuring(() => invitationPage.action({ request: post, params: { token }, context: CONTEXT }));
    expect(action.some((sql) => WRITES.test(sql))).toBe(true);
    const loaders = await statementsDuring(() => runLoaders([root, invitationPage], new Request(url), { token }));
    expect(loaders.length).toBeGreaterThan(0);
    expect(loaders.filter((sql) => WRITES.test(sql))).toEqual([]);
  });
});
