import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import en from "~/locales/en";
import { createToken, hashToken } from "~/utils/tokens.server";
import { browserMissing, openContext } from "../helpers/browser";
import { appFixture, logIn, PHONE, submitAndWait } from "../helpers/e2e";
import { createEvent, createPerson, invite } from "../helpers/factories";

describe.skipIf(browserMissing)("attendance reports on a phone (Chromium)", () => {
  const e2e = appFixture({ browser: true });

  /** A phone in English, logged in as the demo account with this address. */
  async function phoneOf(email: string): Promise<Page> {
    const context = await openContext(e2e.browser, { ...PHONE, locale: "en-GB" });
    const page = await context.newPage();
    await logIn(page, e2e.app.url, email);
    return page;
  }

  it("a trainer sees the one person who came, broken down by gender, community and municipality; a member sees it protected", async () => {
    const { app, browser, db } = e2e;
    const ranillug = await db.municipality.findUniqueOrThrow({ where: { slug: "ranillug" } });
    const kline = await db.municipality.findUniqueOrThrow({ where: { slug: "kline" } });
    const startsAt = new Date(Date.now() - 3 * 86_400_000);
    const event = await createEvent({
      db,
      municipality: "ranillug",
      type: "ROUND_TABLE",
      status: "COMPLETED",
      venueName: "Dom kulture",
      startsAt,
      capacity: 10,
      titles: { en: "Round table in Ranilug" },
    });
    const memberUser = await db.user.findUniqueOrThrow({ where: { email: "member@durable.localhost" } });
    const came = await createPerson({
      db,
      name: "Snežana Ilić",
      email: `came-${randomUUID().slice(0, 6)}@example.org`,
      locale: "sr",
      gender: "WOMAN",
      community: "KOSOVO_SERB",
      municipalityId: ranillug.id,
    });
    const stayedHome = await createPerson({
      db,
      name: "Leotrim Krasniqi",
      email: `home-${randomUUID().slice(0, 6)}@example.org`,
      locale: "sq",
      gender: "MAN",
      community: "KOSOVO_ALBANIAN",
      municipalityId: kline.id,
    });
    await db.person.updateMany({ where: { userId: memberUser.id }, data: { userId: null } });
    await db.person.update({ where: { id: came.id }, data: { userId: memberUser.id } });
    const accepted = (person: { id: string }) => invite(event, person, "ACCEPTED", { db, data: { sentAt: startsAt, respondedAt: startsAt } });
    const invitation = await accepted(came);
    await accepted(stayedHome);
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Belgrade" }).format(startsAt);
    await db.attendance.create({ data: { eventId: event.id, personId: came.id, invitationId: invitation.id, day, method: "NAME_SEARCH", checkedInAt: startsAt } });

    // The demo accounts read Albanian; this story is told in English.
    await db.user.updateMany({ where: { email: { in: ["trainer@durable.localhost", "member@durable.localhost"] } }, data: { locale: "en" } });
    const trainer = await phoneOf("trainer@durable.localhost");
    await trainer.goto(`${app.url}/events/${event.id}`);
    await trainer.getByRole("link", { name: en.invitations.reports.open, exact: true }).click();
    await expect.poll(() => trainer.url()).toContain(`/events/${event.id}/report`);
    expect(await trainer.getByTestId("total-accepted").locator("dd").textContent()).toBe("2");
    expect(await trainer.getByTestId("total-participations").locator("dd").textContent()).toBe("1");
    const count = (table: string, key: string) => trainer.getByTestId(`table-${table}`).locator(`tr[data-key="${key}"] [data-count]`).textContent();
    expect(await count("gender", "WOMAN")).toBe("1");
    expect(await trainer.getByTestId("table-gender").locator("tr[data-key]").count()).toBe(1);
    expect(await count("community", "KOSOVO_SERB")).toBe("1");
    expect(await count("municipality", ranillug.id)).toBe("1");
    expect(await trainer.getByTestId("table-municipality").locator(`tr[data-key="${kline.id}"]`).count()).toBe(0);
    expect(await trainer.getByTestId("attendees").textContent()).toContain("Snežana Ilić");
    expect(await trainer.getByTestId("attendees").textContent()).not.toContain("Leotrim");
    // Nothing is wider than the phone.
    expect(await trainer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // The staff's files: the attendance list and the certificate are PDFs; the export is audited.
    const list = await trainer.request.get(`${app.url}/events/${event.id}/attendance.pdf`);
    expect(list.headers()["content-type"]).toBe("application/pdf");
    const certificate = await trainer.request.get(`${app.url}/events/${event.id}/certificates/${came.id}.pdf`);
    expect(certificate.status()).toBe(200);
    expect((await trainer.request.get(`${app.url}/events/${event.id}/certificates/${stayedHome.id}.pdf`)).status()).toBe(404);
    // Every certificate at once, from the report's link: staff only.
    const everyCertificate = await trainer.getByRole("link", { name: en.invitations.certificate.all }).getAttribute("href");
    expect(everyCertificate).toBe(`/events/${event.id}/certificates.pdf`);
    const all = await trainer.request.get(`${app.url}${everyCertificate}`);
    expect(all.status()).toBe(200);
    expect(all.headers()["content-type"]).toBe("application/pdf");
    const csv = await (await trainer.request.get(`${app.url}/reports/export?event=${event.id}&format=csv`)).text();
    // Every CSV field is quoted (a spreadsheet set up for ";" cannot split a cell into a formula).
    expect(csv).toContain(`"Attendees by gender","Woman","1"`);

    // A member: the same report, protected; no names, no attendance list; their own certificate from "my invitations".
    const member = await phoneOf("member@durable.localhost");
    await member.goto(`${app.url}/events/${event.id}/report`);
    expect(await member.getByTestId("table-gender").locator('tr[data-key="WOMAN"] [data-count]').textContent()).toBe("<5");
    expect(await member.getByTestId("attendees").count()).toBe(0);
    expect((await member.request.get(`${app.url}/events/${event.id}/attendance.pdf`)).status()).toBe(403);
    expect((await member.request.get(`${app.url}/events/${event.id}/certificates.pdf`)).status()).toBe(403);
    expect(await member.getByRole("link", { name: en.invitations.certificate.all }).count()).toBe(0);
    const memberCsv = await (await member.request.get(`${app.url}/reports/export?event=${event.id}&format=csv`)).text();
    expect(memberCsv).toContain(`"Attendees by gender","Woman","<5"`);
    await member.goto(`${app.url}/my/invitations`);
    await member.getByRole("link", { name: en.invitations.certificate.mine }).first().waitFor();
    const own = await member.request.get(`${app.url}/events/${event.id}/certificates/${came.id}.pdf`);
    expect(own.headers()["content-type"]).toBe("application/pdf");
    const audits = await db.auditLog.findMany({ where: { action: "report.exported", subjectId: event.id } });
    expect(audits.map((a) => JSON.parse(a.details).exactCounts).sort()).toEqual([false, true]);

    // Feedback by the personal link, without an account: opening changes nothing, a second answer is refused.
    const token = createToken();
    // The app's scheduler may already have sent this request for the ended event: take it over with a known token.
    await db.feedbackRequest.upsert({
      where: { eventId_personId: { eventId: event.id, personId: came.id } },
      update: { tokenHash: hashToken(token) },
      create: { eventId: event.id, personId: came.id, tokenHash: hashToken(token) },
    });
    const guest = await (await openContext(browser, { ...PHONE, locale: "en-GB" })).newPage();
    await guest.goto(`${app.url}/feedback/${token}`);
    expect(await db.feedbackRequest.count({ where: { eventId: event.id, answered: true } })).toBe(0);
    // Refused before it is sent, or by the server: either way the alert is new.
    await guest.getByRole("button", { name: en.invitations.feedback.page.submit }).click();
    await expect.poll(() => guest.getByRole("alert").first().textContent()).toContain(en.invitations.feedback.page.chooseScore);
    await guest.getByLabel(en.invitations.feedback.scale["4"]).check();
    await guest.getByLabel(en.invitations.feedback.page.improve).fill("Više vremena za diskusiju.");
    await submitAndWait(guest, guest.getByRole("button", { name: en.invitations.feedback.page.submit }));
    await expect.poll(() => guest.getByRole("status").textContent()).toContain(en.invitations.feedback.page.thanks);
    const again = await guest.request.post(`${app.url}/feedback/${token}`, { form: { satisfaction: "1" }, headers: { Origin: app.url } });
    expect(again.status()).toBe(409);
    expect(await db.feedbackResponse.count({ where: { eventId: event.id } })).toBe(1);
    await trainer.reload();
    expect(await trainer.getByTestId("feedback").textContent()).toContain("Više vremena za diskusiju.");
    // Two log-ins, three PDFs and a guest's answers: on a busy 2-core machine it took 26–30 s of the default 30.
  }, 60_000);
});
