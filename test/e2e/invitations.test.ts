import sq from "~/locales/sq";
import sr from "~/locales/sr";
import { browserMissing, openContext } from "../helpers/browser";
import { appFixture, logIn, PHONE, submitAndWait } from "../helpers/e2e";
import { createEvent, createPerson, invite } from "../helpers/factories";

describe.skipIf(browserMissing)("a trainer invites a municipality's stakeholders from a phone, and they answer by their links (Chromium)", () => {
  const e2e = appFixture({ browser: true, smtp: true });

  it("adds Kamenicë's people, sends once, and counts the answers", async () => {
    const { app, browser, db, smtp } = e2e;
    const kamenice = await db.municipality.findUniqueOrThrow({ where: { slug: "kamenice" } });
    const event = await createEvent({
      db,
      municipality: "kamenice",
      type: "ROUND_TABLE",
      venueName: "Shtëpia e Kulturës",
      hours: 3,
      capacity: 10,
      titles: { sq: "Tryezë e rrumbullakët për kthimin", en: "Round table on returns" },
    });
    const names = ["Drita Hoxha", "Nenad Jovanović", "Fatmir Berisha"];
    const already = await db.person.count({ where: { municipalityId: kamenice.id, erasedAt: null, email: { not: null } } });
    for (const [index, name] of names.entries()) {
      await createPerson({ db, name, email: `kamenice-${index}@example.org`, locale: index === 1 ? "sr" : "sq", municipalityId: kamenice.id, searchText: name.toLowerCase() });
    }

    const context = await openContext(browser, { ...PHONE, locale: "sq-AL" });
    const page = await context.newPage();
    await logIn(page, app.url, "trainer@durable.localhost");

    await page.goto(`${app.url}/events/${event.id}/invitations`);
    await page.getByLabel(sq.directory.fields.municipality).selectOption(kamenice.id);
    await submitAndWait(page, page.getByRole("button", { name: sq.invitations.manage.add }));
    await expect.poll(() => page.getByRole("status").textContent()).toContain(`${names.length + already}`);
    // The status already shows this count from adding: wait for the sending's own answer, then read the page.
    const send = page.getByRole("button", { name: /Dërgo ftes/ });
    await submitAndWait(page, send);
    await expect.poll(() => page.getByRole("status").textContent()).toContain(`${names.length + already}`);
    // Sending again invites nobody twice.
    await expect.poll(() => send.isDisabled()).toBe(true);

    const mails = await smtp.waitFor(names.length + already);
    const linkFor = (address: string) => {
      const mail = mails.find((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.text.includes(address));
      return mail?.text?.match(/https?:\/\/\S+\/invitation\/\S+/)?.[0];
    };

    // Two accept through their links, one declines: each page in the person's own language (Serbian for the second).
    for (const [index, answer, messages] of [
      [0, sq.invitations.page.accept, sq],
      [2, sq.invitations.page.accept, sq],
      [1, sr.invitations.page.decline, sr],
    ] as const) {
      const link = linkFor(`kamenice-${index}@example.org`);
      expect(link).toBeTruthy();
      const guest = await openContext(browser, { ...PHONE, locale: "sq-AL" });
      const guestPage = await guest.newPage();
      await guestPage.goto(link!);
      // Opening the link changed nothing.
      expect(await guestPage.getByTestId("invitation-status").textContent()).toContain(messages.invitations.status.PENDING);
      await submitAndWait(guestPage, guestPage.getByRole("button", { name: answer }));
      await expect.poll(() => guestPage.getByRole("status").textContent()).toBeTruthy();
      await guest.close();
    }

    await page.reload();
    await expect
      .poll(() => page.getByTestId("seats").textContent())
      .toContain(sq.invitations.manage.seats.replace("{{accepted}}", "2").replace("{{capacity}}", "10").split(" ·")[0]);
    const answers = await db.invitationAnswer.findMany({ where: { invitation: { eventId: event.id } } });
    expect(answers.map((a) => a.channel).sort()).toEqual(["LINK", "LINK", "LINK"]);
    await context.close();
    // Four browsers and a sending over SMTP: on a busy 2-core machine it took 30 s.
  }, 60_000);

  it("without JavaScript, the invitations page follows a sending in the background until every invitation is out", async () => {
    const { app, browser, db } = e2e;
    const ranillug = await db.municipality.findUniqueOrThrow({ where: { slug: "ranillug" } });
    const event = await createEvent({
      db,
      municipality: "ranillug",
      venueName: "Qendra kulturore",
      startsAt: new Date(Date.now() + 21 * 86_400_000),
      hours: 3,
      capacity: 30,
      titles: { sq: "Punëtori për dokumentet" },
    });
    // A sending that another instance holds and is working through: 1 of 3 sent so far.
    const sending = await db.invitationSending.create({
      data: { eventId: event.id, appUrl: app.url, total: 3, sent: 1, lockedBy: "another instance", lockedUntil: new Date(Date.now() + 3_600_000) },
    });
    for (const index of [0, 1, 2]) {
      const person = await createPerson({ db, name: `Banor Ranillugu ${index}`, email: `ranillug-${index}@example.org`, locale: "sq", municipalityId: ranillug.id });
      await invite(event, person, "PENDING", { db, data: { sendingId: sending.id, sentAt: index === 0 ? new Date() : null } });
    }

    const context = await openContext(browser, { ...PHONE, locale: "sq-AL", javaScriptEnabled: false });
    const page = await context.newPage();
    await logIn(page, app.url, "trainer@durable.localhost");
    await page.goto(`${app.url}/events/${event.id}/invitations`);
    const progress = page.getByTestId("sending-progress");
    expect(await progress.textContent()).toContain("1 nga 3");
    // Those being sent cannot be sent again.
    expect(await page.getByRole("button", { name: /Dërgo ftes/ }).isDisabled()).toBe(true);

    // The other instance finishes; the page refreshes itself and shows it.
    await db.invitation.updateMany({ where: { sendingId: sending.id }, data: { sentAt: new Date() } });
    await db.invitationSending.update({ where: { id: sending.id }, data: { sent: 3, finishedAt: new Date(), lockedBy: null, lockedUntil: null } });
    await expect.poll(() => progress.textContent(), { timeout: 20_000 }).toContain("3 nga 3 ftesa");
    expect(await progress.getAttribute("data-running")).toBeNull();
    await context.close();
  });
});
