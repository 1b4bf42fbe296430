import { randomUUID } from "node:crypto";
import en from "~/locales/en";
import { foldForSearch } from "~/utils/search";
import { browserMissing, openContext } from "../helpers/browser";
import { appFixture, logIn, PHONE, submitAndWait } from "../helpers/e2e";
import { createEvent, createPerson } from "../helpers/factories";

const t = en.invitations;

// The whole story in one browser session on a phone: a trainer invites
// a commission, two members accept through their links, one is checked in by
// name search, and the event report shows one attendee, correctly broken down.
describe.skipIf(browserMissing)("from invitation to donor report on a phone (Chromium)", () => {
  const e2e = appFixture({ browser: true, smtp: true });

  it("invites a commission, takes two acceptances by link, checks one in by name, and reports one attendee", async () => {
    const { app, browser, db, smtp } = e2e;
    await db.user.update({ where: { email: "trainer@durable.localhost" }, data: { locale: "en" } });
    const istog = await db.municipality.findUniqueOrThrow({ where: { slug: "istog" } });
    const commission = await db.commission.create({ data: { municipalityId: istog.id, name: `Returns commission ${randomUUID().slice(0, 4)}` } });
    const members = [
      { name: "Shpresa Gërguri", gender: "WOMAN", community: "KOSOVO_ALBANIAN" },
      { name: "Miloš Đukić", gender: "MAN", community: "KOSOVO_SERB" },
      { name: "Elvira Ademi", gender: "WOMAN", community: "BOSNIAK" },
    ] as const;
    for (const [index, member] of members.entries()) {
      const person = await createPerson({
        db,
        ...member,
        email: `istog-${index}-${randomUUID().slice(0, 4)}@example.org`,
        locale: "en",
        municipalityId: istog.id,
        searchText: foldForSearch(member.name, "Istog", "Istok"),
      });
      await db.commissionMember.create({ data: { commissionId: commission.id, personId: person.id } });
    }
    const day = "2027-09-14";
    const event = await createEvent({
      db,
      municipality: "istog",
      venueName: "Community centre",
      startsAt: new Date(`${day}T07:00:00Z`),
      endsAt: new Date(`${day}T12:00:00Z`),
      capacity: 20,
      titles: { en: "Workshop on property rights" },
    });

    const context = await openContext(browser, { ...PHONE, locale: "en-GB" });
    const page = await context.newPage();
    await logIn(page, app.url, "trainer@durable.localhost");

    // The trainer invites the commission.
    await page.goto(`${app.url}/events/${event.id}/invitations`);
    await page.getByLabel(en.directory.fields.commission).selectOption(commission.id);
    await submitAndWait(page, page.getByRole("button", { name: t.manage.add }));
    await expect.poll(() => page.getByRole("status").textContent()).toContain("3 people added");
    await submitAndWait(page, page.getByRole("button", { name: /Send the invitations/ }));
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Sending 3 invitations");
    // They are sent in the background; the page follows the progress by itself.
    await expect.poll(() => page.getByTestId("sending-progress").textContent(), { timeout: 20_000 }).toContain("3 of 3");

    // Two of them accept through the personal links in their emails.
    const mails = await smtp.waitFor(3);
    for (const name of ["Shpresa Gërguri", "Miloš Đukić"]) {
      const address = (await db.person.findFirstOrThrow({ where: { name } })).email!;
      const mail = mails.find((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.text.includes(address));
      const link = mail?.text?.match(/https?:\/\/\S+\/invitation\/\S+/)?.[0];
      expect(link).toBeTruthy();
      const guest = await openContext(browser, { ...PHONE, locale: "en-GB" });
      const guestPage = await guest.newPage();
      await guestPage.goto(link!);
      await submitAndWait(guestPage, guestPage.getByRole("button", { name: t.page.accept }));
      await expect.poll(() => guestPage.getByRole("status").textContent()).toBe(t.page.accepted);
      await guest.close();
    }

    // The day comes: the workshop is under way. At the door, one is found by an unaccented part of her name and
    // checked in with one tap.
    const started = new Date(Date.now() - 3_600_000);
    await db.event.update({ where: { id: event.id }, data: { startsAt: started, endsAt: new Date(started.getTime() + 5 * 3_600_000) } });
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Belgrade" }).format(started);
    await page.goto(`${app.url}/events/${event.id}/checkin?day=${today}`);
    await page.locator(".checkin[data-ready]").waitFor();
    await page.getByPlaceholder(t.checkin.search).fill("shpresa gerguri");
    const row = page.locator('li[data-checkin-person="Shpresa Gërguri"]');
    await row.getByRole("button", { name: t.checkin.checkIn }).tap();
    await row.getByTestId("checked-in").waitFor();
    await expect.poll(() => db.attendance.count({ where: { eventId: event.id } })).toBe(1);

    // The report shows one attendee, a Kosovo Albanian woman from Istog.
    await page.goto(`${app.url}/events/${event.id}/report`);
    expect(await page.getByTestId("total-accepted").locator("dd").textContent()).toBe("2");
    expect(await page.getByTestId("total-participations").locator("dd").textContent()).toBe("1");
    const cell = (table: string, key: string) => page.getByTestId(`table-${table}`).locator(`tr[data-key="${key}"] [data-count]`).textContent();
    expect(await cell("gender", "WOMAN")).toBe("1");
    expect(await cell("community", "KOSOVO_ALBANIAN")).toBe("1");
    expect(await cell("municipality", istog.id)).toBe("1");
    expect(await page.getByTestId("table-gender").locator("tr[data-key]").count()).toBe(1);
    await context.close();
    // The whole story through three browsers and SMTP: on a busy 2-core machine it took 28 s of the default 30.
  }, 60_000);
});
