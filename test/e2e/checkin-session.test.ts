import en from "~/locales/en";
import { foldForSearch } from "~/utils/search";
import { browserMissing, openContext } from "../helpers/browser";
import { appFixture, logIn, PHONE, submitAndWait } from "../helpers/e2e";
import { createEvent, createPerson, invite } from "../helpers/factories";

const checkin = en.invitations.checkin;
const HOUR = 3_600_000;
/** A moment's local day where the events are (Belgrade). */
const dayOf = (date: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Belgrade" }).format(date);

describe.skipIf(browserMissing)("the door on a phone, per session of the agenda and in batches (Chromium, 390×844)", () => {
  const e2e = appFixture({ browser: true, env: { OUTBOX_WORKER: "off" } });

  /** A workshop under way with three people invited and accepted, and a trainer reading English. */
  async function workshopUnderWay(title: string, names: string[]) {
    const { db } = e2e;
    await db.user.update({ where: { email: "trainer@durable.localhost" }, data: { locale: "en" } });
    const event = await createEvent({ db, startsAt: new Date(Date.now() - 2 * HOUR), hours: 8, titles: { en: title } });
    const people: Record<string, string> = {};
    for (const name of names) {
      const person = await createPerson({ db, name, email: null, searchText: foldForSearch(name) });
      await invite(event, person, "ACCEPTED", { db });
      people[name] = person.id;
    }
    return { event, people };
  }

  it("chooses a session, checks people in to it with and without JavaScript, keeps the day true, undoes only the session, and refuses a session to come", async () => {
    const { app, browser, db } = e2e;
    const { event, people } = await workshopUnderWay("Workshop with sessions", ["Arta Krasniqi", "Besa Morina", "Dardan Shala"]);
    const opening = await db.eventSession.create({
      data: { eventId: event.id, title: "Opening", room: "Hall A", startsAt: new Date(Date.now() - HOUR), endsAt: new Date(Date.now() + HOUR) },
    });
    const panel = await db.eventSession.create({
      data: { eventId: event.id, title: "Closing panel", startsAt: new Date(Date.now() + 3 * HOUR), endsAt: new Date(Date.now() + 4 * HOUR) },
    });
    const day = dayOf(opening.startsAt);

    const context = await openContext(browser, { ...PHONE, locale: "en-GB" });
    const page = await context.newPage();
    await logIn(page, app.url, "trainer@durable.localhost");
    await page.goto(`${app.url}/events/${event.id}/checkin?day=${day}`);
    await page.locator(".checkin[data-ready]").waitFor();
    const row = (name: string) => page.locator(`li[data-checkin-person="${name}"]`);
    const choice = page.getByTestId("session-choice");
    expect(await choice.getByRole("link", { name: checkin.wholeDay }).getAttribute("aria-current")).toBe("page");

    // The session is chosen with a link: the address keeps it.
    await choice.getByRole("link", { name: /^Opening · / }).tap();
    await page.waitForURL((url) => url.searchParams.get("session") === opening.id);
    await page.locator(".checkin[data-ready]").waitFor();
    expect(await choice.getByRole("link", { name: /^Opening · / }).getAttribute("aria-current")).toBe("page");
    expect(await page.locator(".checkin > p.muted").first().textContent()).toContain("Opening");
    await row("Arta Krasniqi").getByRole("button", { name: checkin.checkIn, exact: true }).tap();
    await row("Arta Krasniqi").getByTestId("checked-in").waitFor();
    await expect.poll(() => db.sessionAttendance.count({ where: { sessionId: opening.id } })).toBe(1);
    // Her day is recorded with it, once.
    expect(await db.attendance.count({ where: { eventId: event.id, day, personId: people["Arta Krasniqi"] } })).toBe(1);
    expect(await page.getByTestId("checkin-counts").textContent()).toBe("1 present · 3 accepted");
    // The paper sheet of this session is one link away.
    expect(await page.getByRole("link", { name: checkin.sheet.download }).getAttribute("href")).toBe(`/events/${event.id}/sign-in-sheet.pdf?day=${day}&session=${opening.id}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: "/tmp/wt-session-phone.png", fullPage: false });

    // The whole day shows her as present too.
    await choice.getByRole("link", { name: checkin.wholeDay }).tap();
    await page.waitForURL((url) => !url.searchParams.has("session"));
    await page.locator(".checkin[data-ready]").waitFor();
    await row("Arta Krasniqi").getByTestId("checked-in").waitFor();
    expect(await page.getByTestId("checkin-counts").textContent()).toBe("1 present · 3 accepted");

    // Back at the session, her check-in to it is taken back: the session forgets her, the day keeps her.
    await choice.getByRole("link", { name: /^Opening · / }).tap();
    await page.waitForURL((url) => url.searchParams.get("session") === opening.id);
    await page.locator(".checkin[data-ready]").waitFor();
    await row("Arta Krasniqi").locator("summary").tap();
    await row("Arta Krasniqi").getByRole("button", { name: checkin.undo }).tap();
    await row("Arta Krasniqi").getByRole("button", { name: checkin.checkIn, exact: true }).waitFor();
    await expect.poll(() => db.sessionAttendance.count({ where: { sessionId: opening.id } })).toBe(0);
    expect(await db.attendance.count({ where: { eventId: event.id, personId: people["Arta Krasniqi"] } })).toBe(1);

    // A session still to come takes nobody yet.
    await page.goto(`${app.url}/events/${event.id}/checkin?session=${panel.id}`);
    await page.locator(".checkin[data-ready]").waitFor();
    expect(await page.getByTestId("not-yet").textContent()).toBe(checkin.refusal.sessionNotStarted);
    expect(await page.getByRole("button", { name: checkin.checkIn, exact: true }).count()).toBe(0);
    await context.close();

    // Without JavaScript, the same page posts: Besa is checked in to the opening session.
    const plain = await openContext(browser, { ...PHONE, locale: "en-GB", javaScriptEnabled: false });
    const noScript = await plain.newPage();
    await logIn(noScript, app.url, "trainer@durable.localhost");
    await noScript.goto(`${app.url}/events/${event.id}/checkin?day=${day}`);
    await noScript.getByTestId("session-choice").getByRole("link", { name: /^Opening · / }).click();
    await noScript.waitForURL((url) => url.searchParams.get("session") === opening.id);
    await submitAndWait(noScript, noScript.locator('li[data-checkin-person="Besa Morina"]').getByRole("button", { name: checkin.checkIn, exact: true }));
    expect(await noScript.getByRole("status").textContent()).toBe(checkin.done.replace("{{name}}", "Besa Morina"));
    const atOpening = await db.sessionAttendance.findMany({ where: { sessionId: opening.id }, include: { person: true } });
    expect(atOpening.map((s) => s.person.name)).toEqual(["Besa Morina"]);
    expect(await db.attendance.count({ where: { eventId: event.id, day } })).toBe(2);
    expect(await noScript.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await plain.close();
  }, 120_000);

  it("names the one refused when several ticked people are sent at once and one was withdrawn meanwhile", async () => {
    const { app, browser, db } = e2e;
    const { event, people } = await workshopUnderWay("Workshop checked in in a batch", ["Agim Rexhepi", "Blerina Zeqiri", "Dafina Ramadani"]);
    const day = dayOf(new Date(Date.now() - 2 * HOUR));
    const context = await openContext(browser, { ...PHONE, locale: "en-GB" });
    const page = await context.newPage();
    await logIn(page, app.url, "trainer@durable.localhost");
    await page.goto(`${app.url}/events/${event.id}/checkin?day=${day}`);
    await page.locator(".checkin[data-ready]").waitFor();
    const row = (name: string) => page.locator(`li[data-checkin-person="${name}"]`);

    for (const name of ["Agim Rexhepi", "Blerina Zeqiri", "Dafina Ramadani"]) await row(name).locator(".checkin-pick").tap();
    const send = page.getByTestId("check-in-many");
    await expect.poll(() => send.textContent()).toBe(checkin.many.submit_other.replace("{{count}}", "3"));
    // While the phone holds the ticks, another trainer withdraws Blerina's invitation.
    await db.invitation.update({ where: { eventId_personId: { eventId: event.id, personId: people["Blerina Zeqiri"] } }, data: { status: "CANCELLED" } });
    await send.tap();

    const done = checkin.many.done.replace("{{checkedIn}}", "2").replace("{{already}}", "0").replace("{{refused}}", "1");
    const notice = page.getByRole("alert").filter({ hasText: done });
    await expect.poll(() => notice.count(), { timeout: 20_000 }).toBe(1);
    expect(await notice.textContent()).toBe(`${done} (${checkin.many.reason.notInvited}: Blerina Zeqiri)`);
    await row("Agim Rexhepi").getByTestId("checked-in").waitFor();
    await row("Dafina Ramadani").getByTestId("checked-in").waitFor();
    const rows = await db.attendance.findMany({ where: { eventId: event.id }, include: { person: true } });
    expect(rows.map((r) => r.person.name).sort()).toEqual(["Agim Rexhepi", "Dafina Ramadani"]);
    // The notice fits the phone's width.
    const box = await notice.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await context.close();
  }, 90_000);
});
