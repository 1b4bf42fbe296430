import en from "~/locales/en";
import sq from "~/locales/sq";
import { translator } from "~/utils/i18n.server";
import { foldForSearch } from "~/utils/search";
import { browserMissing, openContext } from "../helpers/browser";
import { appFixture, logIn, logInOverHttp, PHONE, submitAndWait } from "../helpers/e2e";
import { createEvent, createPerson, invite } from "../helpers/factories";

const checkin = en.invitations.checkin;

describe.skipIf(browserMissing)("a trainer checks people in at the door on a phone with a weak connection (Chromium)", () => {
  const e2e = appFixture({ browser: true, env: { OUTBOX_WORKER: "off" } });

  it("finds people by unaccented names, checks one in online and one offline, and the server ends with exactly two", async () => {
    const { app, browser, db } = e2e;
    await db.user.update({ where: { email: "trainer@durable.localhost" }, data: { locale: "en" } });
    const kamenice = await db.municipality.findUniqueOrThrow({ where: { slug: "kamenice" } });
    const day = "2026-06-09";
    const event = await createEvent({
      db,
      municipality: "kamenice",
      venueName: "Shtëpia e Kulturës",
      startsAt: new Date(`${day}T07:00:00Z`),
      endsAt: new Date(`${day}T12:00:00Z`),
      capacity: 10,
      titles: { en: "Workshop on returns" },
    });
    const names = ["Drita Hoxha", "Zoran Đorđević", "Fatmir Berisha"];
    for (const name of names) {
      const person = await createPerson({ db, name, email: null, locale: "sq", municipalityId: kamenice.id, searchText: foldForSearch(name, "Kamenicë") });
      await invite(event, person, "ACCEPTED", { db });
    }

    const context = await openContext(browser, { ...PHONE, locale: "en-GB" });
    const page = await context.newPage();
    await logIn(page, app.url, "trainer@durable.localhost");

    await page.goto(`${app.url}/events/${event.id}/checkin?day=${day}`);
    await page.locator(".checkin[data-ready]").waitFor();
    const row = (name: string) => page.locator(`li[data-checkin-person="${name}"]`);
    await expect.poll(() => page.locator("li[data-checkin-person]").count()).toBe(3);

    // "dordevic", typed without the đ, finds Zoran Đorđević at once (filtered on the phone).
    const search = page.getByPlaceholder(checkin.search);
    await search.fill("drita");
    await expect.poll(() => page.locator("li[data-checkin-person]").count()).toBe(1);
    expect(await row("Drita Hoxha").count()).toBe(1);
    await search.fill("dordevic");
    // One row was shown already (Drita's): wait for Zoran's before counting.
    await expect.poll(() => row("Zoran Đorđević").count()).toBe(1);
    await expect.poll(() => page.locator("li[data-checkin-person]").count()).toBe(1);
    await row("Zoran Đorđević").getByRole("button", { name: checkin.checkIn }).tap();
    await row("Zoran Đorđević").getByTestId("checked-in").waitFor();
    await expect.poll(() => db.attendance.count({ where: { eventId: event.id } })).toBe(1);

    // The connection drops: the next tap is kept on the phone and shown as pending.
    await context.setOffline(true);
    await page.locator('[data-testid="offline"]').waitFor();
    await search.fill("fatmir");
    await row("Fatmir Berisha").getByRole("button", { name: checkin.checkIn }).tap();
    await row("Fatmir Berisha").getByTestId("pending").waitFor();
    expect(await page.getByTestId("pending-count").textContent()).toContain("1");
    // The count says what only this phone has.
    expect(await page.getByTestId("checkin-counts").textContent()).toBe("2 present (1 only on this phone so far) · 3 accepted");
    // Nothing reached the server.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await db.attendance.count({ where: { eventId: event.id } })).toBe(1);

    // Back online, the kept tap is sent by itself.
    await context.setOffline(false);
    await expect.poll(() => db.attendance.count({ where: { eventId: event.id } })).toBe(2);
    await row("Fatmir Berisha").getByTestId("checked-in").waitFor();
    await expect.poll(() => page.getByTestId("pending-count").count()).toBe(0);

    await page.reload();
    await page.locator(".checkin[data-ready]").waitFor();
    await expect.poll(() => page.getByTestId("checked-in").count()).toBe(2);
    expect(await row("Drita Hoxha").getByRole("button", { name: checkin.checkIn }).count()).toBe(1);
    const rows = await db.attendance.findMany({ where: { eventId: event.id }, include: { person: true } });
    expect(rows.map((r) => r.person.name).sort()).toEqual(["Fatmir Berisha", "Zoran Đorđević"]);
    expect(rows.every((r) => r.day === day && r.method === "NAME_SEARCH")).toBe(true);
    await context.close();
    // Online, offline and back: on a busy 2-core machine it took over 30 s.
  }, 60_000);

  it("shows the server's truth after an undo, a tap on another phone and a paper sheet, in Albanian", async () => {
    const { app, browser, db } = e2e;
    const sqCheckin = sq.invitations.checkin;
    await db.user.update({ where: { email: "trainer@durable.localhost" }, data: { locale: "sq" } });
    // A round table under way (Belgrade time), four people invited and accepted.
    const started = new Date(Date.now() - 3_600_000);
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Belgrade" }).format(started);
    const event = await createEvent({ db, startsAt: started, hours: 5, titles: { sq: "Tryezë e rrumbullakët", en: "Round table" } });
    const people: Record<string, string> = {};
    for (const name of ["Arta Krasniqi", "Besa Morina", "Dardan Shala", "Ema Gashi"]) {
      const person = await createPerson({ db, name, email: null, searchText: foldForSearch(name) });
      await invite(event, person, "ACCEPTED", { db });
      people[name] = person.id;
    }
    const context = await openContext(browser, { ...PHONE, locale: "sq-AL" });
    const page = await context.newPage();
    await logIn(page, app.url, "trainer@durable.localhost");
    await page.goto(`${app.url}/events/${event.id}/checkin?day=${day}`);
    await page.locator(".checkin[data-ready]").waitFor();
    const row = (name: string) => page.locator(`li[data-checkin-person="${name}"]`);
    const counts = () => page.getByTestId("checkin-counts").textContent();
    const present = (n: number) => `${n} të pranishëm · 4 kanë pranuar`;
    const onServer = () => db.attendance.count({ where: { eventId: event.id, day } });

    // Arta is checked in by mistake, and the check-in is taken back: her row, the count and the server agree.
    await row("Arta Krasniqi").getByRole("button", { name: sqCheckin.checkIn }).tap();
    await row("Arta Krasniqi").getByTestId("checked-in").waitFor();
    await expect.poll(onServer).toBe(1);
    expect(await counts()).toBe(present(1));
    await row("Arta Krasniqi").locator("summary").tap();
    await row("Arta Krasniqi").getByRole("button", { name: sqCheckin.undo }).tap();
    await row("Arta Krasniqi").getByRole("button", { name: sqCheckin.checkIn }).waitFor();
    await expect.poll(onServer).toBe(0);
    expect(await counts()).toBe(present(0));
    expect(await page.getByRole("status").first().textContent()).toBe(sqCheckin.undone);

    // One more check-in: the phone says 1 present, as the server has (it used to say 2).
    await row("Besa Morina").getByRole("button", { name: sqCheckin.checkIn }).tap();
    await row("Besa Morina").getByTestId("checked-in").waitFor();
    await expect.poll(onServer).toBe(1);
    expect(await counts()).toBe(present(1));
    expect(await row("Arta Krasniqi").getByTestId("checked-in").count()).toBe(0);

    // A second phone checks Dardan in and takes Besa's check-in back; a paper sheet with Ema is entered.
    const admin = await logInOverHttp(app.url, "admin@durable.localhost");
    const post = (path: string, body: URLSearchParams) => fetch(`${app.url}${path}`, { method: "POST", headers: { Cookie: admin, Accept: "application/json" }, body });
    const tapped = await post(
      `/events/${event.id}/checkin/tap`,
      new URLSearchParams({ kind: "checkIn", personId: people["Dardan Shala"], method: "NAME_SEARCH", day, clientRef: "second-phone-0001" }),
    );
    expect(tapped.status).toBe(200);
    const besa = await db.attendance.findFirstOrThrow({ where: { eventId: event.id, personId: people["Besa Morina"] } });
    expect((await post(`/events/${event.id}/checkin/tap`, new URLSearchParams({ kind: "undo", attendanceId: besa.id }))).status).toBe(200);
    const sheet = await post(`/events/${event.id}/checkin/paper?day=${day}`, new URLSearchParams({ day, personId: people["Ema Gashi"] }));
    expect(sheet.status).toBe(200);
    await expect.poll(onServer).toBe(2);
    // The first phone learns it by itself (it asks the server every few seconds).
    await row("Dardan Shala").getByTestId("checked-in").waitFor({ timeout: 20_000 });
    await row("Ema Gashi").getByTestId("checked-in").waitFor({ timeout: 20_000 });
    await row("Besa Morina").getByRole("button", { name: sqCheckin.checkIn }).waitFor({ timeout: 20_000 });
    expect(await counts()).toBe(present(2));

    // After a reload the page shows the same.
    await page.reload();
    await page.locator(".checkin[data-ready]").waitFor();
    expect(await counts()).toBe(present(2));
    expect(await page.getByTestId("checked-in").count()).toBe(2);
    await context.close();
  }, 90_000);

  it("enters a signed sheet on a phone without JavaScript: written-in rows with gender and community, more rows, and who is left to complete", async () => {
    const { app, browser, db } = e2e;
    await db.user.update({ where: { email: "trainer@durable.localhost" }, data: { locale: "en" } });
    const day = "2026-06-11";
    const event = await createEvent({ db, startsAt: new Date(`${day}T07:00:00Z`), endsAt: new Date(`${day}T12:00:00Z`), titles: { en: "Workshop with a paper sheet" } });
    const context = await openContext(browser, { ...PHONE, locale: "en-GB", javaScriptEnabled: false });
    const page = await context.newPage();
    await logIn(page, app.url, "trainer@durable.localhost");
    await page.goto(`${app.url}/events/${event.id}/checkin/paper?day=${day}`);
    const paper = checkin.paper;
    expect(await page.locator('input[name="writtenName"]').count()).toBe(8);
    await page.locator("#written-0-name").fill("Merita Sheet");
    await page.locator("#written-0-gender").selectOption("WOMAN");
    await page.locator("#written-0-community").selectOption("EGYPTIAN");
    // The sheet had more names than empty rows: eight more, and what was typed is still there.
    await submitAndWait(page, page.getByRole("button", { name: paper.moreRows }));
    expect(await page.locator('input[name="writtenName"]').count()).toBe(16);
    expect(await page.locator("#written-0-name").inputValue()).toBe("Merita Sheet");
    expect(await page.locator("#written-0-community").inputValue()).toBe("EGYPTIAN");
    await page.getByRole("group", { name: paper.row.replace("{{number}}", "12"), exact: true }).getByLabel(en.directory.fields.name, { exact: true }).fill("Blerim Late Row");
    // Nothing is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: "/tmp/wt-sheet-phone.png", fullPage: false });
    await submitAndWait(page, page.getByRole("button", { name: paper.save }));
    expect(await page.getByRole("status").textContent()).toContain("Saved: 0 checked in, 2 written-in names added, 0 already checked in.");
    const merita = await db.person.findFirstOrThrow({ where: { name: "Merita Sheet" } });
    expect(merita).toMatchObject({ gender: "WOMAN", community: "EGYPTIAN", createdVia: "PAPER" });
    // Both lack a municipality, Blerim his gender and community too: the page lists them, each a link to complete.
    const toComplete = page.getByTestId("people-to-complete");
    expect(await toComplete.getByRole("heading").textContent()).toBe("2 people added at this event's check-in need their details completed");
    await toComplete.getByRole("link", { name: "Blerim Late Row" }).click();
    await page.waitForURL(/\/people\/[^/]+\/edit$/);
    expect(await page.locator("h1").textContent()).toContain("Blerim Late Row");
    await context.close();
  }, 90_000);

  it("ticks three people on a phone in Albanian and checks them in with one button, without crowding the rows", async () => {
    const { app, browser, db } = e2e;
    const many = sq.invitations.checkin.many;
    await db.user.update({ where: { email: "trainer@durable.localhost" }, data: { locale: "sq" } });
    // A workshop under way (Belgrade time): people can be checked in today.
    const started = new Date(Date.now() - 3_600_000);
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Belgrade" }).format(started);
    const event = await createEvent({ db, startsAt: started, hours: 5, titles: { sq: "Punëtori për strehimin", en: "Housing workshop" } });
    const kamenice = await db.municipality.findUniqueOrThrow({ where: { slug: "kamenice" } });
    const names = ["Agim Rexhepi", "Blerina Zeqiri", "Dafina Ramadani", "Gentiana Sahiti-Berisha", "Shpëtim Kastrati"];
    for (const name of names) {
      const person = await createPerson({ db, name, email: null, municipalityId: kamenice.id, searchText: foldForSearch(name) });
      await invite(event, person, "ACCEPTED", { db });
    }
    const context = await openContext(browser, { ...PHONE, locale: "sq-AL" });
    const page = await context.newPage();
    await logIn(page, app.url, "trainer@durable.localhost");
    await page.goto(`${app.url}/events/${event.id}/checkin?day=${day}`);
    await page.locator(".checkin[data-ready]").waitFor();
    const row = (name: string) => page.locator(`li[data-checkin-person="${name}"]`);

    // Nothing ticked yet: no button takes room.
    expect(await page.getByTestId("check-in-many").isVisible()).toBe(false);
    // The tick sits at the row's start, apart from the name and the single tap's button, and nothing is wider than the phone.
    for (const name of names) {
      const [tick, who, button] = await Promise.all([
        row(name).locator(".checkin-pick").boundingBox(),
        row(name).locator(".checkin-who").boundingBox(),
        row(name).getByRole("button", { name: sq.invitations.checkin.checkIn, exact: true }).boundingBox(),
      ]);
      expect(tick!.width).toBeGreaterThanOrEqual(40);
      expect(tick!.height).toBeGreaterThanOrEqual(40);
      expect(tick!.x + tick!.width).toBeLessThanOrEqual(who!.x);
      const apart = tick!.x + tick!.width <= button!.x || tick!.y + tick!.height <= button!.y;
      expect(apart, `${name}: the tick and the button overlap`).toBe(true);
      expect(button!.x + button!.width).toBeLessThanOrEqual(390);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const chosen = ["Agim Rexhepi", "Dafina Ramadani", "Shpëtim Kastrati"];
    for (const name of chosen) await row(name).locator(".checkin-pick").tap();
    const send = page.getByTestId("check-in-many");
    await expect.poll(() => send.textContent()).toBe(many.submit_other.replace("{{count}}", "3"));
    // Kept in reach at the bottom of the screen while people are ticked.
    const box = await send.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await send.tap();

    for (const name of chosen) await row(name).getByTestId("checked-in").waitFor();
    await expect.poll(() => db.attendance.count({ where: { eventId: event.id, day } })).toBe(3);
    const rows = await db.attendance.findMany({ where: { eventId: event.id }, include: { person: true } });
    expect(rows.map((r) => r.person.name).sort()).toEqual(chosen);
    expect(rows.every((r) => r.method === "NAME_SEARCH")).toBe(true);
    // One notice counts them, in Albanian; the ticks are cleared, the others can still be checked in one by one.
    const summary = many.done.replace("{{checkedIn}}", "3").replace("{{already}}", "0").replace("{{refused}}", "0");
    await expect.poll(() => page.getByRole("status").filter({ hasText: summary }).count()).toBe(1);
    expect(await send.isVisible()).toBe(false);
    expect(await page.getByTestId("checkin-counts").textContent()).toBe("3 të pranishëm · 5 kanë pranuar");
    expect(await row("Blerina Zeqiri").getByRole("button", { name: sq.invitations.checkin.checkIn, exact: true }).count()).toBe(1);
    await context.close();
  }, 90_000);

  it("opens a door list of 2,000 invited on a phone in Serbian Cyrillic, finds one by name among them, and checks her in", async () => {
    const { app, browser, db } = e2e;
    await db.user.update({ where: { email: "trainer@durable.localhost" }, data: { locale: "sr-Cyrl" } });
    const t = translator("sr-Cyrl");
    const day = "2026-06-11";
    const event = await createEvent({ db, startsAt: new Date(`${day}T07:00:00Z`), endsAt: new Date(`${day}T12:00:00Z`), capacity: 2000 });
    const names = Array.from({ length: 2000 }, (_, i) => `Osoba ${String(i).padStart(4, "0")} Petrović`);
    await db.person.createMany({ data: names.map((name) => ({ name, searchText: foldForSearch(name) })) });
    const invited = await db.person.findMany({ where: { name: { in: names } }, select: { id: true } });
    await db.invitation.createMany({ data: invited.map((person) => ({ eventId: event.id, personId: person.id, status: "ACCEPTED" as const, sentAt: new Date() })) });

    const context = await openContext(browser, { ...PHONE, locale: "sr-Cyrl-RS" });
    const page = await context.newPage();
    await logIn(page, app.url, "trainer@durable.localhost");
    await page.goto(`${app.url}/events/${event.id}/checkin?day=${day}`);
    await page.locator(".checkin[data-ready]").waitFor();
    expect(await page.locator("li[data-checkin-person]").count()).toBe(100);
    expect(await page.getByTestId("more-rows").textContent()).toBe(t("invitations.checkin.moreRows", { count: 1900 }));
    expect(await page.getByTestId("checkin-counts").textContent()).toBe(t("invitations.checkin.counts", { present: 0, accepted: 2000 }));

    // The last of them, by a part of her name typed on the phone: the list narrows to her alone.
    await page.getByPlaceholder(t("invitations.checkin.search")).fill("osoba 1999");
    const row = page.locator('li[data-checkin-person="Osoba 1999 Petrović"]');
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => page.locator("li[data-checkin-person]").count()).toBe(1);
    expect(await page.getByTestId("more-rows").count()).toBe(0);
    await row.getByRole("button", { name: t("invitations.checkin.checkIn") }).tap();
    await row.getByTestId("checked-in").waitFor();
    await expect.poll(() => db.attendance.count({ where: { eventId: event.id } })).toBe(1);
    expect(await page.getByTestId("checkin-counts").textContent()).toBe(t("invitations.checkin.counts", { present: 1, accepted: 2000 }));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();
  }, 120_000);
});
