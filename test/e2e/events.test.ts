import type { Page } from "playwright-core";
import type { ParsedMail } from "mailparser";
import sq from "~/locales/sq";
import sr from "~/locales/sr";
import { browserMissing, openContext } from "../helpers/browser";
import { appFixture, logIn, submitAndWait } from "../helpers/e2e";
import { parseCalendar } from "../helpers/events";
import { createPerson, invite } from "../helpers/factories";

describe.skipIf(browserMissing)("a trainer schedules, moves and cancels a workshop; invitees' mailboxes follow (Chromium)", () => {
  const e2e = appFixture({ browser: true, smtp: true });

  async function confirm(page: Page, summary: string, fill: Record<string, string> = {}) {
    const details = page.locator("details", { has: page.locator("summary", { hasText: summary }) });
    await details.locator("summary").click();
    for (const [selector, value] of Object.entries(fill)) await details.locator(selector).fill(value);
    await submitAndWait(page, details.getByRole("button", { name: summary }));
  }

  it("creates, publishes, moves across the DST change and cancels; each invitee gets the update and the cancellation with .ics", async () => {
    const { app, browser, smtp } = e2e;
    const context = await openContext(browser, { locale: "sq-AL", viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(String(error)));

    await logIn(page, app.url, "trainer@durable.localhost");

    // The demo trainer works in Albanian.
    await page.goto(`${app.url}/events`);
    await page.getByRole("link", { name: sq.events.newEvent }).click();
    await page.waitForURL(/\/events\/new/, { timeout: 20_000 });
    const f = sq.events.fields;
    await page.getByLabel(f.municipality).selectOption({ label: "Gjilan / Gnjilane" });
    await page.getByLabel(f.venueName).fill("Salla e Kuvendit Komunal");
    await page.getByLabel(f.startDate).fill("2027-03-26");
    await page.getByLabel(f.startTime).fill("10:00");
    await page.getByLabel(f.endDate).fill("2027-03-26");
    await page.getByLabel(f.endTime).fill("13:00");
    await page.getByLabel(f.capacity).fill("30");
    await page.getByLabel(f.titleIn.replace("{{language}}", sq.events.languages.sq)).fill("Punëtori për kthimin në Gjilan");
    await page.getByLabel(f.titleIn.replace("{{language}}", sq.events.languages.sr)).fill("Radionica o povratku u Gnjilanu");
    await page.getByRole("button", { name: sq.common.save }).click();
    await page.waitForURL(/\/events\/[^/]+\?done=created/, { timeout: 20_000 });
    await expect.poll(() => page.getByRole("status").textContent()).toBe(sq.events.actions.created);
    const eventId = new URL(page.url()).pathname.split("/")[2];
    await expect.poll(() => page.getByTestId("event-status").textContent()).toBe(sq.events.statuses.DRAFT);

    // Two people invited beforehand (sent their invitations; only those are told of changes).
    const db = e2e.db;
    const arta = await createPerson({ db, name: "Arta Berisha", email: "arta@example.org", locale: "sq" });
    const milica = await createPerson({ db, name: "Milica Jović", email: "milica@example.org", locale: "sr" });
    await invite({ id: eventId }, arta, "ACCEPTED", { db, data: { sentAt: new Date() } });
    await invite({ id: eventId }, milica, "PENDING", { db, data: { sentAt: new Date() } });

    await confirm(page, sq.events.actions.publish);
    await expect.poll(() => page.getByRole("status").textContent()).toBe(sq.events.actions.published);
    await expect.poll(() => page.getByTestId("event-status").textContent()).toBe(sq.events.statuses.PUBLISHED);

    // Moved from Friday 26 March (winter time) to Monday 29 March (summer time), still 10:00 local.
    await confirm(page, sq.events.actions.move, {
      "#move-startDate": "2027-03-29",
      "#move-startTime": "10:00",
      "#move-endDate": "2027-03-29",
      "#move-endTime": "13:00",
      "#move-reason": "Salla është e zënë të premten.",
    });
    await expect.poll(() => page.getByRole("status").textContent()).toBe(sq.events.actions.moved);
    await expect.poll(() => page.getByTestId("event-when").textContent()).toContain("29 mars 2027");
    await expect.poll(() => page.getByTestId("event-when").textContent()).toContain("10:00");

    await confirm(page, sq.events.actions.cancel, { "#cancel-reason": "Pjesëmarrje e pamjaftueshme." });
    await expect.poll(() => page.getByRole("status").textContent()).toBe(sq.events.actions.cancelled);
    await expect.poll(() => page.getByTestId("event-status").textContent()).toBe(sq.events.statuses.CANCELLED);

    // Each invitee: the update, then the cancellation, in their language, with the calendar entry.
    const mails = await smtp.waitFor(4);
    const calendarOf = (mail: ParsedMail) => {
      const attachment = mail.attachments.find((a) => a.contentType.startsWith("text/calendar"));
      expect(attachment, mail.subject).toBeTruthy();
      return parseCalendar(attachment!.content.toString("utf8"))[0];
    };
    for (const [person, messages] of [
      [arta, sq.events.email],
      [milica, sr.events.email],
    ] as const) {
      const theirs = mails.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0].address === person.email);
      expect(theirs).toHaveLength(2);
      const update = theirs.find((m) => m.subject?.startsWith(messages.updatedSubject.split(":")[0]))!;
      const cancellation = theirs.find((m) => m.subject?.startsWith(messages.cancelledSubject.split(":")[0]))!;
      expect(update, person.name).toBeTruthy();
      expect(cancellation, person.name).toBeTruthy();
      const request = calendarOf(update);
      const cancel = calendarOf(cancellation);
      expect(request.method).toBe("REQUEST");
      expect(cancel.method).toBe("CANCEL");
      expect(cancel.uid).toBe(request.uid);
      expect(cancel.sequence).toBeGreaterThan(request.sequence);
      expect(request.start.toFormat("yyyy-MM-dd HH:mm")).toBe("2027-03-29 10:00");
      expect(request.attendees.map((a) => a.toLowerCase())).toEqual([`mailto:${person.email}`]);
      expect(cancel.status).toBe("CANCELLED");
    }
    const milicasUpdate = mails.find((m) => m.subject === sr.events.email.updatedSubject.replace("{{title}}", "Radionica o povratku u Gnjilanu"));
    expect(milicasUpdate?.text).toContain("Salla është e zënë të premten.");
    expect(pageErrors).toEqual([]);
    await context.close();
    // A whole story through the browser and SMTP: on a busy 2-core machine it needs more than the default 20 s.
  }, 60_000);
});
