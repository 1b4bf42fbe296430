import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults, RunOptions } from "axe-core";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { prisma } from "~/db.server";
import en from "~/locales/en";
import { LOCALE_TAGS, type Locale } from "~/utils/i18n";
import { localeCookie } from "~/utils/locale.server";
import { foldForSearch } from "~/utils/search";
import { hashToken } from "~/utils/tokens.server";
import { seed } from "../../prisma/seed";
import { DEMO_PASSWORD, DEMO_USERS } from "../../prisma/seed-data";
import { DEMO_GUIDELINE_SLUG } from "../../prisma/seed-programme";
import { startApp, type RunningApp } from "../helpers/app-server";
import { browserMissing, launchBrowser, openContext } from "../helpers/browser";
import { testEngine } from "../helpers/database";
import { logIn, PHONE } from "../helpers/e2e";
import { createEvent, createUser } from "../helpers/factories";

// The issue's bar: axe-core finds no serious or critical violation on any main
// page, in every interface language, on a phone; the key flows can be done with
// the keyboard alone, reaching every control, with focus always visible; and an
// error shown next to a field is tied to it for screen readers.

const DESKTOP = { width: 1280, height: 800 };
type Role = "guest" | "ADMIN" | "TRAINER" | "EDITOR" | "MEMBER";
type Visit = { name: string; role: Role; path: string; status?: number; desktop?: boolean; cyrillic?: boolean };
type AxeViolation = AxeResults["violations"][number];

// axe-core as @axe-core/playwright brings it. Its AxeBuilder sends the 0.5 MB script into the page and configures it
// on every check, which took about half of each check's time here; given to each browser context once as an init
// script, it is compiled once and cached.
const AXE_SOURCE = readFileSync(createRequire(createRequire(import.meta.url).resolve("@axe-core/playwright")).resolve("axe-core/axe.min.js"), "utf8");

/** The violations axe-core finds on the page as it is now (every rule, as AxeBuilder runs them by default). */
function axeViolations(page: Page): Promise<AxeViolation[]> {
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: RunOptions): Promise<AxeResults> } }).axe;
    return (await axe.run(document, { resultTypes: ["violations"] })).violations;
  });
}

const demoEmail = (role: Exclude<Role, "guest">) => DEMO_USERS.find((u) => u.role === role)!.email;

/** One line per violation, then up to five of the elements it found and why. */
function describeViolations(where: string, violations: AxeViolation[]): string[] {
  return violations.map(
    (v) =>
      `${where}: [${v.impact}] ${v.id}: ${v.help}\n` +
      v.nodes
        .slice(0, 5)
        .map((node) => `    ${node.target.join(" ")}${node.failureSummary ? `  (${node.failureSummary.split("\n").slice(1).join(" ").trim()})` : ""}`)
        .join("\n"),
  );
}

// --- The keyboard ---------------------------------------------------------------------------------

/**
 * Marks every control a keyboard user must be able to reach with data-kb (a
 * readable name), in document order, and returns the marks: links, buttons,
 * fields and summaries that are visible and enabled, even when a tabindex of
 * -1 would hide them from Tab (that is the bug to find), and other elements
 * given a tabindex of 0. A group of radio buttons is one stop, as the browser makes it.
 */
function markReachable(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const native = 'a[href], button, input:not([type="hidden"]), select, textarea, details > summary:first-of-type, iframe, [contenteditable="true"]';
    const marks: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>(`${native}, [tabindex]`)) {
      delete element.dataset.kb;
      if (!element.matches(native) && element.tabIndex < 0) continue;
      if (element.matches(":disabled") || element.closest("[inert]") || !element.checkVisibility({ checkVisibilityCSS: true })) continue;
      const radioGroup = element instanceof HTMLInputElement && element.type === "radio" && element.name ? `radio group "${element.name}"` : null;
      const text = (element.getAttribute("aria-label") ?? element.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 30);
      const name = element.id ? `#${element.id}` : element.getAttribute("name") ? `[name=${element.getAttribute("name")}]` : ` "${text}"`;
      const mark = radioGroup ?? `${marks.length + 1}: ${element.tagName.toLowerCase()}${name}`;
      element.dataset.kb = mark;
      if (!marks.includes(mark)) marks.push(mark);
    }
    return marks;
  });
}

type Stop = { mark: string; ring: boolean; inView: boolean };

/**
 * Where focus is: the element's mark, whether a focus ring is drawn (an
 * outline, or a shadow), and whether it is on screen and not hidden under
 * something else (a sticky bar, say).
 */
function focusNow(page: Page): Promise<Stop> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body || element === document.documentElement) return { mark: "body", ring: true, inView: true };
    const style = getComputedStyle(element);
    const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
    const box = element.getBoundingClientRect();
    const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
    const onTop = document.elementFromPoint(x, y);
    const covered = !!onTop && onTop !== element && !element.contains(onTop) && !onTop.contains(element);
    const inView = box.width > 0 && box.height > 0 && x > 0 && x < window.innerWidth && y > 0 && y < window.innerHeight && !covered;
    return { mark: element.dataset.kb ?? `unmarked ${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}`, ring, inView };
  });
}

/** Presses the key until focus comes back to where the walk first landed; returns the stops of one full round. */
async function walk(page: Page, key: "Tab" | "Shift+Tab", limit: number): Promise<Stop[]> {
  const stops: Stop[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(key);
    const stop = await focusNow(page);
    if (stop.mark === "body") continue; // between the last control and the first, focus passes the document itself
    if (stops.length && stop.mark === stops[0].mark) return stops;
    stops.push(stop);
  }
  throw new Error(`${key} did not come round in ${limit} presses: ${stops.map((s) => s.mark).join(" ")}`);
}

/**
 * Walks the whole tab order forwards and backwards and checks that it visits
 * every reachable control once, in document order, with a visible focus ring
 * and on screen each time.
 */
async function expectWholePageByKeyboard(page: Page, where: string) {
  // The page as it runs its JavaScript: the language picker's button is there only until then.
  await page.locator(".language-switcher button").waitFor({ state: "detached" });
  const marks = await markReachable(page);
  expect(marks.length, where).toBeGreaterThan(3);
  const forward = await walk(page, "Tab", marks.length * 2 + 10);
  const start = forward.findIndex((stop) => stop.mark === marks[0]);
  const order = [...forward.slice(start), ...forward.slice(0, start)].map((stop) => stop.mark);
  expect(order, `${where}: the tab order is every control, in the order of the page`).toEqual(marks);
  expect(forward.filter((stop) => !stop.ring).map((stop) => stop.mark), `${where}: focus without a visible ring`).toEqual([]);
  expect(forward.filter((stop) => !stop.inView).map((stop) => stop.mark), `${where}: focus off screen or hidden under something`).toEqual([]);
  const backward = (await walk(page, "Shift+Tab", marks.length * 2 + 10)).map((stop) => stop.mark);
  const back = backward.indexOf(marks[marks.length - 1]);
  expect([...backward.slice(back), ...backward.slice(0, back)], `${where}: Shift+Tab goes back the same way`).toEqual([...marks].reverse());
}

/** Tabs forwards until the element matching the selector has focus, as a keyboard user would. */
async function tabTo(page: Page, selector: string, limit = 80) {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Every error shown next to a field is named by the field's aria-describedby, and the field is marked invalid. */
async function expectErrorsTiedToFields(page: Page, where: string) {
  await page.locator(".field-error").first().waitFor();
  const loose = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>(".field-error")]
      .filter((error) => error.checkVisibility())
      .flatMap((error) => {
        const described = error.id ? [...document.querySelectorAll(`[aria-describedby~="${CSS.escape(error.id)}"]`)] : [];
        if (!described.length) return [`"${error.textContent}" is named by no field`];
        return described
          .filter((field) => field.tagName !== "FIELDSET" && field.getAttribute("aria-invalid") !== "true")
          .map((field) => `${field.tagName.toLowerCase()}#${field.id} points at "${error.textContent}" but is not aria-invalid`);
      }),
  );
  expect(loose, where).toEqual([]);
}

describe.skipIf(browserMissing)("accessibility: axe-core on every main page in every language, and the keyboard (Chromium)", () => {
  let app: RunningApp;
  let browser: Browser;
  const contexts = new Map<Role, BrowserContext>();
  const pages = new Map<Role, Page>();
  let visits: Visit[] = [];
  const links = { invitation: "", answer: "", feedback: "" };
  const ids = { comingEvent: "", ownContribution: "" };

  beforeAll(async () => {
    // The demo programme (events with invitations and attendance, contributions in every state of review, a guideline
    // with two versions) gives every page real content. It is written through the app's models into this file's
    // database, and the app is started on that same database.
    await seed(process.env.DATABASE_URL, { programme: true });
    const [pastEvent, comingEvent] = await Promise.all([
      prisma.event.findUniqueOrThrow({ where: { uid: "demo-east-documents-workshop@durable" } }),
      prisma.event.findUniqueOrThrow({ where: { uid: "demo-south-education-workshop@durable" } }),
    ]);
    ids.comingEvent = comingEvent.id;
    const member = await prisma.user.findUniqueOrThrow({ where: { email: demoEmail("MEMBER") } });
    const stakeholder = await prisma.person.findFirstOrThrow({ where: { email: { endsWith: "@demo.durable.localhost" } }, orderBy: { email: "asc" } });
    const ownContribution = await prisma.contribution.findFirstOrThrow({ where: { createdById: member.id, status: "CHANGES_REQUESTED" } });
    ids.ownContribution = ownContribution.id;
    const submitted = await prisma.contribution.findFirstOrThrow({ where: { status: "SUBMITTED" } });

    // Personal links: an invitation still to be answered (it shows the check-in code), one the keyboard answers,
    // and an after-event questionnaire. Tokens are stored only as hashes, so the test picks its own.
    links.invitation = "a11y-invitation-token";
    links.answer = "a11y-keyboard-answer-token";
    links.feedback = "a11y-feedback-token";
    const prizren = await prisma.municipality.findUniqueOrThrow({ where: { slug: "prizren" } });
    const [invitee, answerer, arriving] = await Promise.all(
      ["Valbona Krasniqi", "Nenad Stojanović", "Drita Zeqiri"].map((name) =>
        prisma.person.create({ data: { name, locale: "en", municipalityId: prizren.id, searchText: foldForSearch(name, "Prizren") } }),
      ),
    );
    await prisma.invitation.create({ data: { eventId: comingEvent.id, personId: invitee.id, sentAt: new Date(), links: { create: { tokenHash: hashToken(links.invitation) } } } });
    await prisma.invitation.create({ data: { eventId: comingEvent.id, personId: answerer.id, sentAt: new Date(), links: { create: { tokenHash: hashToken(links.answer) } } } });
    await prisma.invitation.create({ data: { eventId: comingEvent.id, personId: arriving.id, sentAt: new Date(), status: "ACCEPTED" } });
    await prisma.feedbackRequest.create({ data: { eventId: pastEvent.id, personId: stakeholder.id, tokenHash: hashToken(links.feedback) } });
    // The member is also a stakeholder in the directory, so "my invitations" lists one.
    await prisma.person.update({ where: { id: invitee.id }, data: { userId: member.id } });

    const slug = DEMO_GUIDELINE_SLUG;
    visits = [
      { name: "home", role: "guest", path: "/", desktop: true, cyrillic: true },
      { name: "log in", role: "guest", path: "/login", desktop: true, cyrillic: true },
      { name: "register", role: "guest", path: "/register" },
      { name: "forgot password", role: "guest", path: "/forgot-password" },
      { name: "guidelines", role: "guest", path: "/guidelines" },
      { name: "a guideline", role: "guest", path: `/guidelines/${slug}`, desktop: true, cyrillic: true },
      { name: "a guideline version", role: "guest", path: `/guidelines/${slug}/v/1` },
      { name: "guideline diff", role: "guest", path: `/guidelines/${slug}/diff?from=1&to=2` },
      { name: "invitation by link", role: "guest", path: `/invitation/${links.invitation}`, cyrillic: true },
      { name: "feedback by link", role: "guest", path: `/feedback/${links.feedback}` },
      { name: "page not found", role: "guest", path: "/no-such-page", status: 404 },
      { name: "dashboard", role: "MEMBER", path: "/dashboard" },
      { name: "my invitations", role: "MEMBER", path: "/my/invitations" },
      { name: "contributions", role: "MEMBER", path: "/contributions" },
      { name: "new contribution", role: "MEMBER", path: "/contributions/new", cyrillic: true },
      { name: "a contribution (its author)", role: "MEMBER", path: `/contributions/${ownContribution.id}` },
      { name: "a contribution (its reviewer)", role: "EDITOR", path: `/contributions/${submitted.id}` },
      { name: "guideline editing", role: "EDITOR", path: `/guidelines/${slug}/edit` },
      { name: "admin users", role: "ADMIN", path: "/admin/users", desktop: true },
      { name: "people", role: "TRAINER", path: "/people", desktop: true },
      { name: "a person", role: "TRAINER", path: `/people/${stakeholder.id}` },
      { name: "new person", role: "TRAINER", path: "/people/new" },
      { name: "person editing", role: "TRAINER", path: `/people/${stakeholder.id}/edit` },
      { name: "people import", role: "TRAINER", path: "/people/import" },
      { name: "organisations", role: "TRAINER", path: "/organisations" },
      { name: "commissions", role: "TRAINER", path: "/commissions" },
      { name: "events", role: "TRAINER", path: "/events", desktop: true },
      { name: "events calendar", role: "TRAINER", path: "/events/calendar", desktop: true },
      { name: "an event", role: "TRAINER", path: `/events/${comingEvent.id}`, cyrillic: true },
      { name: "new event", role: "TRAINER", path: "/events/new" },
      { name: "event editing", role: "TRAINER", path: `/events/${comingEvent.id}/edit` },
      { name: "event invitations", role: "TRAINER", path: `/events/${comingEvent.id}/invitations` },
      { name: "check-in", role: "TRAINER", path: `/events/${comingEvent.id}/checkin`, cyrillic: true },
      { name: "paper check-in", role: "TRAINER", path: `/events/${pastEvent.id}/checkin/paper` },
      { name: "event report", role: "TRAINER", path: `/events/${pastEvent.id}/report`, desktop: true },
      { name: "reports", role: "TRAINER", path: "/reports" },
    ];

    app = await startApp({ OUTBOX_WORKER: "off" }, { databaseUrl: process.env.DATABASE_URL!, dataDir: process.env.DATA_DIR! });
    browser = await launchBrowser();
    // One phone per role, logged in at once (password hashing is slow on purpose); the keyboard stories reuse the sessions.
    await Promise.all(
      (["guest", "ADMIN", "TRAINER", "EDITOR", "MEMBER"] as const).map(async (role) => {
        const context = await openContext(browser, PHONE);
        await context.addInitScript({ content: AXE_SOURCE });
        const page = await context.newPage();
        if (role !== "guest") await logIn(page, app.url, demoEmail(role));
        contexts.set(role, context);
        pages.set(role, page);
      }),
    );
    // The demo programme, the app and four log-ins at once: on a busy 2-core machine more than the usual hook's minute.
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** Chooses the language as a visitor does (the switcher's cookie) and as an account's saved choice. */
  async function chooseLanguage(locale: Locale) {
    await prisma.user.updateMany({ where: { email: { in: DEMO_USERS.map((u) => u.email) } }, data: { locale } });
    const [name, ...value] = (await localeCookie.serialize(locale)).split(";")[0].split("=");
    for (const context of contexts.values()) await context.addCookies([{ name, value: value.join("="), url: app.url }]);
  }

  /** A desktop browser in English for a keyboard story, with the session of the role's phone when a role is given. */
  async function keyboardUser(role?: Exclude<Role, "guest">) {
    await prisma.user.updateMany({ where: { email: { in: DEMO_USERS.map((u) => u.email) } }, data: { locale: "en" } });
    const session = role ? (await contexts.get(role)!.storageState()).cookies.filter((cookie) => cookie.name !== "lng") : [];
    const context = await openContext(browser, { viewport: DESKTOP, locale: "en-GB" });
    await context.addCookies(session);
    return { context, page: await context.newPage() };
  }

  it("finds no serious or critical axe violation on the main pages in English, Albanian and Serbian, on a phone", async () => {
    const failures: string[] = [];
    const lesser: string[] = [];
    let checks = 0;
    // Serbian Cyrillic is the Latin messages transliterated, so the same markup: a sample of its pages shows its lang.
    // The markup does not depend on the database engine: the run on PostgreSQL checks the pages in English
    // only (each still as its role, with its data), the run on SQLite in every language.
    const locales = testEngine === "postgresql" ? (["en"] as const) : (["en", "sq", "sr", "sr-Cyrl"] as const);
    for (const locale of locales) {
      await chooseLanguage(locale);
      const shown = visits.filter((visit) => locale !== "sr-Cyrl" || visit.cyrillic);
      // The trainer's pages in one lane, everyone else's in another: two pages at a time keep both cores busy.
      const lanes = [shown.filter((v) => v.role === "TRAINER"), shown.filter((v) => v.role !== "TRAINER")];
      await Promise.all(
        lanes.map(async (lane) => {
          for (const visit of lane) {
            const page = pages.get(visit.role)!;
            for (const size of visit.desktop && locale === "en" ? [PHONE.viewport, DESKTOP] : [PHONE.viewport]) {
              await page.setViewportSize(size);
              const where = `${visit.name} (${visit.path}, ${locale}, ${size.width}px)`;
              const response = await page.goto(`${app.url}${visit.path}`);
              expect(response?.status(), where).toBe(visit.status ?? 200);
              expect(await page.locator("html").getAttribute("lang"), where).toBe(LOCALE_TAGS[locale]);
              const violations = await axeViolations(page);
              const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
              failures.push(...describeViolations(where, serious));
              lesser.push(...describeViolations(where, violations.filter((v) => !serious.includes(v))));
              checks++;
            }
          }
        }),
      );
    }
    for (const page of pages.values()) await page.setViewportSize(PHONE.viewport);
    // Moderate and minor findings do not fail the issue's bar, but are worth seeing.
    if (lesser.length) console.warn(`axe, moderate or minor:\n${lesser.join("\n")}`);
    expect(failures, failures.join("\n")).toEqual([]);
    // Every page in each language checked: 36 pages and 8 at desktop size in English, the rest on phones.
    expect(checks).toBeGreaterThan(testEngine === "postgresql" ? 40 : 100);
  }, 240_000);

  it("skips to the main content and logs in with the keyboard alone, every control reachable and its focus visible", async () => {
    const { context, page } = await keyboardUser();
    await page.goto(`${app.url}/`);
    // The first Tab lands on the skip link, on screen; Enter on it takes the next Tab into the main content, past the menu.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("skip-link");
    expect((await focusNow(page)).inView).toBe(true);
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => !!document.activeElement?.closest("main"))).toBe(true);

    await page.goto(`${app.url}/login`);
    await expectWholePageByKeyboard(page, "log in");
    await tabTo(page, 'input[name="email"]');
    await page.keyboard.type(demoEmail("MEMBER"));
    await page.keyboard.press("Tab");
    await page.keyboard.type(DEMO_PASSWORD);
    await tabTo(page, '#login button[type="submit"]');
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/dashboard/);
    await context.close();
  });

  it("answers an invitation from its personal link with the keyboard alone", async () => {
    const { context, page } = await keyboardUser();
    await page.goto(`${app.url}/invitation/${links.answer}`);
    await expectWholePageByKeyboard(page, "invitation by link");
    // What the person needs is folded away under its summary, above the buttons: Enter opens it.
    await tabTo(page, ".answer-needs summary");
    await page.keyboard.press("Enter");
    await tabTo(page, "#interpretation");
    await page.keyboard.press("ArrowDown"); // the first language offered
    await page.keyboard.press("Tab");
    await page.keyboard.type("Step-free entrance, please");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space"); // needs transport
    await tabTo(page, 'button[value="ACCEPT"]');
    await page.keyboard.press("Space");
    await expect.poll(() => page.getByRole("status").textContent()).toBe(en.invitations.page.accepted);
    const invitation = await prisma.invitation.findFirstOrThrow({ where: { links: { some: { tokenHash: hashToken(links.answer) } } } });
    expect(invitation).toMatchObject({ status: "ACCEPTED", interpretation: "sq", accessibilityNeeds: "Step-free entrance, please", needsTransport: true });
    await context.close();
  });

  it("checks a person in at the door by name, and takes it back through the confirm, with the keyboard alone", async () => {
    const { context, page } = await keyboardUser("TRAINER");
    // The door opens on the day itself: a round table under way, with Drita Zeqiri invited.
    const today = await createEvent({ startsAt: new Date(Date.now() - 3_600_000), hours: 4, titles: { en: "Round table under way" } });
    const drita = await prisma.person.findFirstOrThrow({ where: { name: "Drita Zeqiri" } });
    await prisma.invitation.create({ data: { eventId: today.id, personId: drita.id, status: "ACCEPTED", sentAt: new Date() } });
    await page.goto(`${app.url}/events/${today.id}/checkin`);
    await page.locator(".checkin[data-ready]").waitFor();
    // The scanner shows its button, or (no camera here) its notice and link, once the browser has said what camera it has.
    await page.locator(".checkin-scanner").waitFor();
    await expectWholePageByKeyboard(page, "check-in");
    const row = 'li[data-checkin-person="Drita Zeqiri"]';
    await tabTo(page, "#checkin-q");
    await page.keyboard.type("drita zeq");
    await expect.poll(() => page.locator("li[data-checkin-person]").count()).toBe(1);
    await tabTo(page, `${row} button`);
    await page.keyboard.press("Enter");
    await page.locator(`${row} [data-testid="checked-in"]`).waitFor();
    await expect.poll(() => prisma.attendance.count({ where: { eventId: today.id, person: { name: "Drita Zeqiri" } } })).toBe(1);

    // Taking it back asks first: the summary opens with Enter, the confirm button posts.
    await tabTo(page, `${row} summary`);
    await page.keyboard.press("Enter");
    expect(await page.locator(`${row} details`).getAttribute("open")).not.toBeNull();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(en.invitations.checkin.undo);
    await page.keyboard.press("Enter");
    await expect.poll(() => prisma.attendance.count({ where: { eventId: today.id, person: { name: "Drita Zeqiri" } } })).toBe(0);
    await context.close();
  });

  it("writes and submits a contribution with the keyboard alone", async () => {
    const { context, page } = await keyboardUser("MEMBER");
    await page.goto(`${app.url}/contributions/new`);
    await expectWholePageByKeyboard(page, "new contribution");
    await tabTo(page, 'input[name="title"]');
    await page.keyboard.type("Keyboard-friendly sign-up desks");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Desks where returnees can register without a mouse or a form on paper.");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Municipal desks lend a tablet with a keyboard and a screen reader.");
    await page.keyboard.press("Tab");
    await page.keyboard.press("ArrowDown"); // the first theme
    await tabTo(page, 'button[name="intent"][value="submit"]');
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/contributions\/[^/]+\?done=submitted/).catch(async (error: Error) => {
      throw new Error(`${error.message}\nshown: ${(await page.locator(".field-error, .notice-error").allTextContents()).join(" | ")}`);
    });
    const contribution = await prisma.contribution.findFirstOrThrow({ where: { title: "Keyboard-friendly sign-up desks" } });
    expect(contribution.status).toBe("SUBMITTED");
    expect(contribution.themeId).toBeTruthy();
    await context.close();
  });

  it("disables an account through its confirm with the keyboard alone (Space opens, Enter confirms)", async () => {
    const user = await createUser({ name: "Keyboard Kolë", email: "keyboard-kole@example.org" });
    const { context, page } = await keyboardUser("ADMIN");
    await page.goto(`${app.url}/admin/users?q=keyboard-kole`);
    await expectWholePageByKeyboard(page, "admin users");
    const row = `tr[data-user-email="${user.email}"]`;
    await tabTo(page, `${row} summary`);
    await page.keyboard.press("Space");
    expect(await page.locator(`${row} details`).getAttribute("open")).not.toBeNull();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).not.toBeNull();
    await context.close();
  });

  it("ties every error shown next to a field to that field (aria-describedby) and marks the field invalid", async () => {
    await chooseLanguage("en");
    const slug = DEMO_GUIDELINE_SLUG;
    // Each form sent empty or wrong; the browser's own checks are switched off so that the server's answer shows.
    const forms: Array<{ role: Role; path: string; submit: string; before?: (page: Page) => Promise<void> }> = [
      { role: "guest", path: "/register", submit: "#register button[type=submit]" },
      { role: "guest", path: `/guidelines/${slug}`, submit: ".subscribe-form button[type=submit]", before: (p) => p.locator("#subscribe-email").fill("not-an-address") },
      { role: "guest", path: `/feedback/${links.feedback}`, submit: "#feedback button[type=submit]" },
      { role: "MEMBER", path: "/contributions/new", submit: 'button[name="intent"][value="submit"]' },
      { role: "MEMBER", path: `/contributions/${ids.ownContribution}`, submit: 'input[name="intent"][value="comment"] ~ button[type=submit]' },
      { role: "TRAINER", path: "/events/new", submit: "main form button[type=submit]" },
      { role: "TRAINER", path: "/people/new", submit: "main form button[type=submit]" },
      {
        role: "TRAINER",
        path: `/events/${ids.comingEvent}`,
        submit: 'input[name="intent"][value="cancel"] ~ button[type=submit]',
        before: (p) => p.locator("summary.danger-summary").click(),
      },
      { role: "EDITOR", path: `/guidelines/${slug}/edit`, submit: 'input[name="intent"][value="publish"] ~ button[type=submit]' },
    ];
    for (const form of forms) {
      const page = pages.get(form.role)!;
      await page.goto(`${app.url}${form.path}`);
      await page.evaluate(() => document.querySelectorAll("form").forEach((f) => (f.noValidate = true)));
      await form.before?.(page);
      await page.locator(form.submit).first().click();
      await expectErrorsTiedToFields(page, `${form.path}: ${form.submit}`);
    }
  });
});
