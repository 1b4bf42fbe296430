// Check-in over HTTP against the built app: the door's form posts (without
// JavaScript), one tap or several people ticked on the list, and the phone's
// queued taps (JSON), refusals with 4xx, double taps recorded once, and the
// printable sign-in sheet in Serbian Cyrillic.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { latinToCyrillic } from "~/locales/transliterate";
import { hashToken } from "~/utils/tokens.server";
import { appFixture, logInOverHttp } from "../helpers/e2e";
import { createEvent, createPerson, invite } from "../helpers/factories";

const pdftotextMissing = (() => {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return false;
  } catch {
    return true;
  }
})();

describe("check-in over HTTP", () => {
  const e2e = appFixture({ env: { OUTBOX_WORKER: "off" } });
  let trainer: string;
  let member: string;
  let eventId: string;
  const people: Record<string, string> = {};
  const day = "2026-05-12";

  const post = (path: string, cookie: string, body: Record<string, string>) =>
    fetch(`${e2e.app.url}${path}`, { method: "POST", headers: { Cookie: cookie, "Accept-Language": "en" }, body: new URLSearchParams(body), redirect: "manual" });

  beforeAll(async () => {
    const { app, db } = e2e;
    trainer = await logInOverHttp(app.url, "trainer@durable.localhost");
    member = await logInOverHttp(app.url, "member@durable.localhost");
    await db.user.update({ where: { email: "trainer@durable.localhost" }, data: { locale: "en" } });
    const gnjilane = await db.municipality.findUniqueOrThrow({ where: { slug: "gjilan" } });
    const event = await createEvent({
      db,
      venueName: "Dom kulture",
      startsAt: new Date(`${day}T07:00:00Z`),
      endsAt: new Date(`${day}T13:00:00Z`),
      titles: { sr: "Radionica o stanovanju", en: "Housing workshop" },
    });
    eventId = event.id;
    for (const [name, status] of [
      ["Dragana Petrović", "ACCEPTED"],
      ["Milan Đorđević", "ACCEPTED"],
      ["Ivana Stojanović", "DECLINED"],
    ] as const) {
      const person = await createPerson({ db, name, email: null, locale: "sr", municipalityId: gnjilane.id, searchText: name.toLowerCase() });
      await invite(event, person, status, { db });
      people[name] = person.id;
    }
    people.stranger = (await db.person.create({ data: { name: "Stranger Not Invited", searchText: "stranger not invited" } })).id;
  });

  it("checks in by the door's form without JavaScript, and a double tap leaves one row", async () => {
    const form = { intent: "checkIn", personId: people["Dragana Petrović"], day, method: "NAME_SEARCH", clientRef: "form-ref-0001" };
    const first = await post(`/events/${eventId}/checkin?day=${day}`, trainer, form);
    expect(first.status).toBe(200);
    expect(await first.text()).toContain("Dragana Petrović is checked in.");
    const again = await post(`/events/${eventId}/checkin?day=${day}`, trainer, { ...form, clientRef: "form-ref-0002" });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain("Dragana Petrović was already checked in.");
    expect(await e2e.db.attendance.count({ where: { eventId, personId: people["Dragana Petrović"] } })).toBe(1);
    // The page now shows her checked in.
    const page = await fetch(`${e2e.app.url}/events/${eventId}/checkin?day=${day}`, { headers: { Cookie: trainer, "Accept-Language": "en" } });
    const html = await page.text();
    expect(html).toMatch(/data-checkin-person="Dragana Petrović"[^]*?Checked in/);
  });

  it("refuses someone not invited (or who declined) with 409 and offers a walk-in, and 404 for an unknown person", async () => {
    for (const personId of [people.stranger, people["Ivana Stojanović"]]) {
      const res = await post(`/events/${eventId}/checkin`, trainer, { intent: "checkIn", personId, day, method: "NAME_SEARCH" });
      expect(res.status).toBe(409);
      const html = await res.text();
      expect(html).toContain("This person is not invited (or declined). Check them in as a walk-in.");
      expect(html).toContain("Check in as walk-in");
    }
    const unknown = await post(`/events/${eventId}/checkin`, trainer, { intent: "checkIn", personId: "nobody", day, method: "NAME_SEARCH" });
    expect(unknown.status).toBe(404);
    const wrongDay = await post(`/events/${eventId}/checkin`, trainer, { intent: "checkIn", personId: people["Milan Đorđević"], day: "2026-05-13", method: "NAME_SEARCH" });
    expect(wrongDay.status).toBe(409);
    const garbage = await post(`/events/${eventId}/checkin`, trainer, { intent: "checkIn", personId: people["Milan Đorđević"], day: "tomorrow", method: "NAME_SEARCH" });
    expect(garbage.status).toBe(400);
    expect(await e2e.db.attendance.count({ where: { eventId, personId: { in: [people.stranger, people["Ivana Stojanović"]] } } })).toBe(0);
    // Taken as a walk-in, she is checked in.
    const walkIn = await post(`/events/${eventId}/checkin`, trainer, { intent: "checkIn", personId: people["Ivana Stojanović"], day, method: "WALK_IN" });
    expect(walkIn.status).toBe(200);
  });

  it("answers the phone's queued tap in JSON, and the same tap sent twice gets the same answer and one row", async () => {
    const tap = { kind: "checkIn", personId: people["Milan Đorđević"], day, method: "NAME_SEARCH", clientRef: "0123456789abcdef", at: new Date().toISOString() };
    const first = await post(`/events/${eventId}/checkin/tap`, trainer, tap);
    expect(first.status).toBe(200);
    const answer = await first.json();
    expect(answer).toMatchObject({ ok: true, status: "checkedIn", personId: people["Milan Đorđević"] });
    const [again, concurrent] = await Promise.all([post(`/events/${eventId}/checkin/tap`, trainer, tap), post(`/events/${eventId}/checkin/tap`, trainer, tap)]);
    expect(await again.json()).toEqual(answer);
    expect(await concurrent.json()).toEqual(answer);
    expect(await e2e.db.attendance.count({ where: { eventId, personId: people["Milan Đorđević"] } })).toBe(1);

    const refused = await post(`/events/${eventId}/checkin/tap`, trainer, { ...tap, personId: people.stranger, clientRef: "fedcba9876543210" });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({ ok: false, error: "notInvited" });
    const badCode = await post(`/events/${eventId}/checkin/tap`, trainer, { ...tap, method: "QR", code: "DURABLE-CHECKIN:x.yyyyyyyyyyyyyyyyyyyyyy", clientRef: "aaaaaaaaaaaaaaaa" });
    expect(badCode.status).toBe(400);
    const walkIn = await post(`/events/${eventId}/checkin/tap`, trainer, { kind: "walkIn", name: "Walk-in Over JSON", day, clientRef: "bbbbbbbbbbbbbbbb" });
    expect(await walkIn.json()).toMatchObject({ ok: true, status: "checkedIn" });
  });

  it("answers a late copy of an undone tap 'undone', and tells the phones who is present, 304 when nothing changed", async () => {
    const person = await createPerson({ db: e2e.db, name: "Late Copy", email: null, searchText: "late copy" });
    await invite({ id: eventId }, person, "ACCEPTED", { db: e2e.db });
    const tap = { kind: "checkIn", personId: person.id, day, method: "NAME_SEARCH", clientRef: "late-copy-0000001" };
    const first = await (await post(`/events/${eventId}/checkin/tap`, trainer, tap)).json();
    expect(first).toMatchObject({ ok: true, status: "checkedIn" });
    const present = (cookie: string, etag?: string) =>
      fetch(`${e2e.app.url}/events/${eventId}/checkin/present?day=${day}`, { headers: { Cookie: cookie, "Accept-Language": "en", ...(etag ? { "If-None-Match": etag } : {}) } });
    const before = await present(trainer);
    expect(before.status).toBe(200);
    expect(before.headers.get("cache-control")).toContain("no-store");
    const state = await before.json();
    expect(state.day).toBe(day);
    expect(state.present).toContainEqual({ personId: person.id, attendance: { id: first.attendanceId, method: "NAME_SEARCH", time: expect.stringMatching(/^\d\d:\d\d$/) }, walkIn: null });
    // A walk-in carries a name, since the phone's list does not have it.
    expect(state.present.find((p: { walkIn: { name: string } | null }) => p.walkIn?.name === "Walk-in Over JSON")).toBeTruthy();
    const etag = before.headers.get("etag")!;
    expect((await present(trainer, etag)).status).toBe(304);

    const undone = await post(`/events/${eventId}/checkin/tap`, trainer, { kind: "undo", attendanceId: first.attendanceId });
    expect(await undone.json()).toEqual({ ok: true, undone: true, personId: person.id });
    expect((await post(`/events/${eventId}/checkin/tap`, trainer, { kind: "undo", attendanceId: first.attendanceId })).status).toBe(404);
    // The copy whose answer was lost arrives: it is refused, and the person stays out.
    const late = await post(`/events/${eventId}/checkin/tap`, trainer, tap);
    expect(late.status).toBe(409);
    expect(await late.json()).toEqual({ ok: false, error: "tapUndone" });
    expect(await e2e.db.attendance.count({ where: { eventId, personId: person.id } })).toBe(0);
    const after = await present(trainer, etag);
    expect(after.status).toBe(200);
    expect((await after.json()).present.some((p: { personId: string }) => p.personId === person.id)).toBe(false);
    // Members may not read it.
    expect((await present(member)).status).toBe(403);
  });

  it("refuses a day that has not come yet, and the door's page says so instead of offering taps", async () => {
    const tomorrow = new Date(Date.now() + 86_400_000);
    const coming = await createEvent({ db: e2e.db, startsAt: new Date(tomorrow.getTime() - 3_600_000), hours: 30, titles: { en: "Two-day training" } });
    const person = await createPerson({ db: e2e.db, name: "Early Bird", email: null, searchText: "early bird" });
    await invite(coming, person, "ACCEPTED", { db: e2e.db });
    const days = (await (await fetch(`${e2e.app.url}/events/${coming.id}/checkin/present`, { headers: { Cookie: trainer } })).json()).day as string;
    const refused = await post(`/events/${coming.id}/checkin?day=${days}`, trainer, { intent: "checkIn", personId: person.id, day: days, method: "NAME_SEARCH" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("This day has not come yet: people can be checked in from the day itself.");
    const json = await post(`/events/${coming.id}/checkin/tap`, trainer, { kind: "checkIn", personId: person.id, day: days, method: "NAME_SEARCH", clientRef: "early-bird-000001" });
    expect(await json.json()).toEqual({ ok: false, error: "dayNotStarted" });
    const sheet = await post(`/events/${coming.id}/checkin/paper?day=${days}`, trainer, { day: days, personId: person.id });
    expect(sheet.status).toBe(409);
    const page = await (await fetch(`${e2e.app.url}/events/${coming.id}/checkin?day=${days}`, { headers: { Cookie: trainer, "Accept-Language": "en" } })).text();
    expect(page).toContain('data-testid="not-yet"');
    expect(page).not.toContain('name="intent" value="checkIn"');
    expect(await e2e.db.attendance.count({ where: { eventId: coming.id } })).toBe(0);
  });

  it("checks in several people ticked on the list with one form post, and says how many and who was refused, and why", async () => {
    const ticked: string[] = [];
    for (const name of ["Jelena Marković", "Nikola Jovanović", "Sanja Ilić"]) {
      const person = await createPerson({ db: e2e.db, name, email: null, searchText: name.toLowerCase() });
      await invite({ id: eventId }, person, "ACCEPTED", { db: e2e.db });
      ticked.push(person.id);
    }
    // Without JavaScript: a tick at the start of each row of an invitee not yet checked in, all belonging to one form with its button.
    const html = await (await fetch(`${e2e.app.url}/events/${eventId}/checkin?day=${day}`, { headers: { Cookie: trainer, "Accept-Language": "en" } })).text();
    const boxes = [...html.matchAll(/<input type="checkbox"[^>]*>/g)].map(([box]) => box);
    expect(boxes.length).toBeGreaterThanOrEqual(3);
    expect(boxes.every((box) => box.includes('name="personId"') && box.includes('form="checkin-many"'))).toBe(true);
    const values = boxes.map((box) => /value="([^"]+)"/.exec(box)?.[1]);
    expect(values).toEqual(expect.arrayContaining(ticked));
    // Who declined is taken one by one as a walk-in; who is in already has nothing to tick.
    expect(values).not.toContain(people["Ivana Stojanović"]);
    expect(values).not.toContain(people["Dragana Petrović"]);
    expect(html).toMatch(/<form[^>]*id="checkin-many"[^]*?name="intent" value="checkInMany"[^]*?Check in the ticked people<\/button>/);

    const send = (personIds: string[]) => {
      const body = new URLSearchParams({ intent: "checkInMany", day });
      for (const personId of personIds) body.append("personId", personId);
      return fetch(`${e2e.app.url}/events/${eventId}/checkin?day=${day}`, { method: "POST", headers: { Cookie: trainer, "Accept-Language": "en" }, body });
    };
    const list = [...ticked, people["Dragana Petrović"], people.stranger];
    const first = await send(list);
    expect(first.status).toBe(200);
    expect(await first.text()).toContain("3 checked in, 1 already, 1 refused (not invited: Stranger Not Invited)");
    expect(await e2e.db.attendance.count({ where: { eventId, day, personId: { in: ticked }, method: "NAME_SEARCH" } })).toBe(3);
    expect(await e2e.db.attendance.count({ where: { eventId, personId: people.stranger } })).toBe(0);
    // The same form sent again adds nobody twice.
    const again = await send(list);
    expect(await again.text()).toContain("0 checked in, 4 already, 1 refused (not invited: Stranger Not Invited)");
    expect(await e2e.db.attendance.count({ where: { eventId, personId: { in: ticked } } })).toBe(3);
    // Nothing ticked, or a day that is not the event's: refused, nothing recorded.
    const nothing = await send([]);
    expect(nothing.status).toBe(400);
    expect(await nothing.text()).toContain("Tick at least one person on the list.");
    const wrongDay = await fetch(`${e2e.app.url}/events/${eventId}/checkin`, {
      method: "POST",
      headers: { Cookie: trainer, "Accept-Language": "en" },
      body: new URLSearchParams({ intent: "checkInMany", day: "2026-05-13", personId: people["Milan Đorđević"] }),
    });
    expect(wrongDay.status).toBe(409);
    expect(await wrongDay.text()).toContain("This day is not one of the event&#x27;s days.");
    expect((await post(`/events/${eventId}/checkin`, member, { intent: "checkInMany", day, personId: ticked[0] })).status).toBe(403);
  });

  it("lists 2,000 invited in a light page: the first 100 rows, the rest by name, tapped without JavaScript once however often the form is sent", async () => {
    const { db } = e2e;
    const big = await createEvent({ db, startsAt: new Date(`${day}T07:00:00Z`), endsAt: new Date(`${day}T13:00:00Z`), capacity: 2000 });
    const names = Array.from({ length: 2000 }, (_, i) => `Invitee ${String(i).padStart(4, "0")} Krasniqi`);
    await db.person.createMany({ data: names.map((name) => ({ name, email: `${name.replaceAll(" ", ".").toLowerCase()}@example.org`, searchText: name.toLowerCase() })) });
    const invited = await db.person.findMany({ where: { name: { in: names } }, select: { id: true, name: true } });
    await db.invitation.createMany({ data: invited.map((person) => ({ eventId: big.id, personId: person.id, status: "ACCEPTED" as const, sentAt: new Date() })) });
    const open = (query = "") => fetch(`${e2e.app.url}/events/${big.id}/checkin?day=${day}${query}`, { headers: { Cookie: trainer, "Accept-Language": "en", "Accept-Encoding": "gzip" } });

    const page = await open();
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html.match(/data-checkin-person=/g)).toHaveLength(100);
    expect(html).toContain("1900 more people on the list: type a name to find them.");
    // Everyone is in the page's data (for the search, and the phone's offline copy), without their email addresses.
    expect(html).toContain("Invitee 1999 Krasniqi");
    expect(html).not.toContain("@example.org");
    expect(Buffer.byteLength(html)).toBeLessThan(400_000);

    // Without JavaScript the search is the server's: the one asked for, and her button posts to the list's tap form.
    const found = await (await open("&q=invitee+1999")).text();
    expect(found.match(/data-checkin-person=/g)).toHaveLength(1);
    const last = invited.find((person) => person.name === "Invitee 1999 Krasniqi")!;
    expect(found).toContain(`form="checkin-tap-NAME_SEARCH" name="personId" value="${last.id}"`);
    const pageRef = /name="pageRef" value="([^"]+)"/.exec(found)![1];
    const form = { intent: "checkIn", day, method: "NAME_SEARCH", pageRef, personId: last.id };
    for (let i = 0; i < 2; i++) expect((await post(`/events/${big.id}/checkin?day=${day}`, trainer, form)).status).toBe(200);
    expect(await db.attendance.count({ where: { eventId: big.id } })).toBe(1);
    expect(await db.attendance.findFirstOrThrow({ where: { eventId: big.id } })).toMatchObject({ personId: last.id, clientRef: `${pageRef}-${last.id}` });
  });

  it("lets only trainers and admins check people in", async () => {
    const tap = { kind: "checkIn", personId: people["Milan Đorđević"], day, method: "NAME_SEARCH", clientRef: "cccccccccccccccc" };
    expect((await post(`/events/${eventId}/checkin/tap`, member, tap)).status).toBe(403);
    expect((await post(`/events/${eventId}/checkin`, member, { intent: "checkIn", ...tap })).status).toBe(403);
    const page = await fetch(`${e2e.app.url}/events/${eventId}/checkin`, { headers: { Cookie: member }, redirect: "manual" });
    expect(page.status).toBe(403);
    const anonymous = await fetch(`${e2e.app.url}/events/${eventId}/sign-in-sheet.pdf?day=${day}`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
  });

  it.skipIf(pdftotextMissing && process.env.CI !== "true")("prints the sign-in sheet with the invitees' names, in Serbian Cyrillic for a trainer reading Cyrillic", async () => {
    await e2e.db.user.update({ where: { email: "trainer@durable.localhost" }, data: { locale: "sr-Cyrl" } });
    try {
      const res = await fetch(`${e2e.app.url}/events/${eventId}/sign-in-sheet.pdf?day=${day}`, { headers: { Cookie: trainer } });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      const file = join(mkdtempSync(join(tmpdir(), "sheet-")), "sheet.pdf");
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString().replace(/\s+/g, " ");
      expect(text).toContain("Dragana Petrović");
      expect(text).toContain("Milan Đorđević");
      // Who declined is not on the sheet.
      expect(text).not.toContain("Ivana Stojanović");
      expect(text).toContain(latinToCyrillic("Lista za potpisivanje").toUpperCase());
      expect(text).toContain(latinToCyrillic("Radionica o stanovanju"));
      expect(text).toContain(latinToCyrillic("Potpis"));
      expect(text).toContain("Гњилане");
      // The written-in rows' tick boxes, with the short labels.
      expect(text).toContain(`${latinToCyrillic("Pol")}:`);
      expect(text).toContain(`${latinToCyrillic("Zajednica")}:`);
      for (const label of ["Žena", "Muškarac", "Albanac", "Srbin", "Aškalija", "Egipćanin", "Bošnjak", "Goranac", "Turčin", "Ne želim da kažem"]) expect(text).toContain(latinToCyrillic(label));
      expect(text).toContain(latinToCyrillic("Označavanje je dobrovoljno."));
      const badDay = await fetch(`${e2e.app.url}/events/${eventId}/sign-in-sheet.pdf?day=2026-05-20`, { headers: { Cookie: trainer } });
      expect(badDay.status).toBe(404);
    } finally {
      await e2e.db.user.update({ where: { email: "trainer@durable.localhost" }, data: { locale: "en" } });
    }
  });

  it.skipIf(pdftotextMissing && process.env.CI !== "true")("prints tick boxes for gender and community on the written-in rows only, in English", async () => {
    const res = await fetch(`${e2e.app.url}/events/${eventId}/sign-in-sheet.pdf?day=${day}`, { headers: { Cookie: trainer } });
    expect(res.status).toBe(200);
    const file = join(mkdtempSync(join(tmpdir(), "sheet-")), "sheet.pdf");
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString().replace(/\s+/g, " ");
    // One line of boxes per empty row (8), none beside the printed invitees.
    expect(text.match(/Gender:/g)).toHaveLength(8);
    expect(text.match(/Community:/g)).toHaveLength(8);
    for (const label of ["Woman", "Man", "Rather not say", "Albanian", "Serb", "Roma", "Ashkali", "Egyptian", "Bosniak", "Gorani", "Turkish"]) expect(text).toContain(label);
    expect(text).toContain("Ticking them is voluntary.");
    expect(text.indexOf("Milan Đorđević")).toBeLessThan(text.indexOf("Gender:"));
  });

  it("shows the invitee their check-in QR code on the invitation page, not to someone who declined", async () => {
    // The code is for an event still to come (this file's workshop is over).
    const coming = await createEvent({ db: e2e.db, titles: { en: "Housing workshop, second round" } });
    const invitation = await invite(coming, { id: people["Milan Đorđević"] }, "ACCEPTED", { db: e2e.db });
    await e2e.db.invitation.update({ where: { id: invitation.id }, data: { links: { create: { tokenHash: hashToken("milan-token") } } } });
    const html = await (await fetch(`${e2e.app.url}/invitation/milan-token`, { headers: { "Accept-Language": "en" } })).text();
    expect(html).toMatch(/data-testid="checkin-qr"[^>]*><svg[^]*<\/svg>/);
    const declined = await invite(coming, { id: people["Ivana Stojanović"] }, "DECLINED", { db: e2e.db });
    await e2e.db.invitation.update({ where: { id: declined.id }, data: { links: { create: { tokenHash: hashToken("ivana-token") } } } });
    const declinedHtml = await (await fetch(`${e2e.app.url}/invitation/ivana-token`, { headers: { "Accept-Language": "en" } })).text();
    // The invitation's page (in the invitee's own language), without the code.
    expect(declinedHtml).toContain('data-testid="invitation-status"');
    expect(declinedHtml).not.toContain('data-testid="checkin-qr"');
  });

  /** A paper sheet's form as a browser sends it: every written-in row sends its four fields, empty ones too. */
  const sheetBody = (fields: Record<string, string>, rows: Array<[string, string, string, string]>, ticked: string[] = []) => {
    const body = new URLSearchParams(fields);
    for (const personId of ticked) body.append("personId", personId);
    for (const [name, email, gender, community] of rows) {
      body.append("writtenName", name);
      body.append("writtenEmail", email);
      body.append("writtenGender", gender);
      body.append("writtenCommunity", community);
    }
    return body;
  };
  const empty = (count: number) => Array.from({ length: count }, () => ["", "", "", ""] as [string, string, string, string]);
  const sendSheet = (cookie: string, body: URLSearchParams) =>
    fetch(`${e2e.app.url}/events/${eventId}/checkin/paper?day=${day}`, { method: "POST", headers: { Cookie: cookie, "Accept-Language": "en" }, body, redirect: "manual" });

  it("enters a paper sheet without JavaScript, with gender and community of the written-in rows, once", async () => {
    const form = await (await fetch(`${e2e.app.url}/events/${eventId}/checkin/paper?day=${day}`, { headers: { Cookie: trainer, "Accept-Language": "en" } })).text();
    // As many rows as the printed sheet's empty ones, each with its gender and community.
    expect(form.match(/name="writtenName"/g)).toHaveLength(8);
    expect(form.match(/<select[^>]*name="writtenCommunity"/g)).toHaveLength(8);
    expect(form).toContain("Written-in name 8");

    // A row with a tick but no name is sent back with what was typed.
    const halfTyped = await sendSheet(trainer, sheetBody({ day }, [["", "arben@example.org", "MAN", ""], ...empty(7)]));
    expect(halfTyped.status).toBe(400);
    const halfHtml = await halfTyped.text();
    expect(halfHtml).toContain("Write the name of this row, or clear its other fields.");
    expect(halfHtml).toContain('value="arben@example.org"');
    expect(halfHtml).toMatch(/<option value="MAN" selected="">/);

    // "More rows" keeps what was typed and adds eight.
    const more = await sendSheet(trainer, sheetBody({ day, intent: "moreRows" }, [["Arben Krasniqi", "arben@example.org", "MAN", "KOSOVO_ALBANIAN"], ...empty(7)]));
    expect(more.status).toBe(200);
    const moreHtml = await more.text();
    expect(moreHtml.match(/name="writtenName"/g)).toHaveLength(16);
    expect(moreHtml).toContain('value="Arben Krasniqi"');
    expect(await e2e.db.person.count({ where: { name: "Arben Krasniqi" } })).toBe(0);

    const rows: Array<[string, string, string, string]> = [
      ["Arben Krasniqi", "arben@example.org", "MAN", "KOSOVO_ALBANIAN"],
      ["", "", "", ""],
      ["Lirie Gashi", "", "WOMAN", "ROMA"],
      ["Sadete Nothing", "", "", ""],
      ...empty(12),
    ];
    const body = sheetBody({ day, intent: "save" }, rows, [people["Dragana Petrović"]]);
    const saved = await sendSheet(trainer, body);
    expect(saved.status).toBe(200);
    const savedHtml = await saved.text();
    expect(savedHtml).toContain("Saved: 0 checked in, 3 written-in names added, 1 already checked in.");
    await sendSheet(trainer, body);
    expect(await e2e.db.person.findMany({ where: { name: { in: ["Arben Krasniqi", "Lirie Gashi", "Sadete Nothing"] } }, select: { name: true, gender: true, community: true, createdVia: true }, orderBy: { name: "asc" } })).toEqual([
      { name: "Arben Krasniqi", gender: "MAN", community: "KOSOVO_ALBANIAN", createdVia: "PAPER" },
      { name: "Lirie Gashi", gender: "WOMAN", community: "ROMA", createdVia: "PAPER" },
      { name: "Sadete Nothing", gender: null, community: null, createdVia: "PAPER" },
    ]);
    expect(await e2e.db.attendance.count({ where: { eventId, method: "PAPER" } })).toBe(3);

    // The page now lists the people to complete (none has a municipality yet), each with a link to their edit page:
    // the three from the sheet and the walk-in taken at the door by the phone above.
    const page = await (await fetch(`${e2e.app.url}/events/${eventId}/checkin/paper?day=${day}`, { headers: { Cookie: trainer, "Accept-Language": "en" } })).text();
    expect(page).toContain("4 people added at this event&#x27;s check-in need their details completed");
    expect(page).toContain("Walk-in Over JSON");
    const sadete = await e2e.db.person.findFirstOrThrow({ where: { name: "Sadete Nothing" } });
    expect(page).toContain(`href="/people/${sadete.id}/edit"`);
    expect(page).toContain("missing: Municipality, Gender, Community");
    // The people list points to them, and its filter lists them.
    const everyone = await (await fetch(`${e2e.app.url}/people`, { headers: { Cookie: trainer, "Accept-Language": "en" } })).text();
    expect(everyone).toMatch(/<a [^>]*href="\/people\?toComplete=1">4 people added at check-in need their details completed<\/a>/);
    const list = await (await fetch(`${e2e.app.url}/people?toComplete=1`, { headers: { Cookie: trainer, "Accept-Language": "en" } })).text();
    expect(list).toContain(`/people/${sadete.id}`);
    expect(list).not.toContain("Dragana Petrović");
    expect(list).toMatch(/<input type="checkbox" name="toComplete"[^>]* checked=""/);
  });

  it("does not let a member enter a sheet, gender and community least of all", async () => {
    const res = await sendSheet(member, sheetBody({ day }, [["Member Typed", "", "WOMAN", "ROMA"]]));
    expect(res.status).toBe(403);
    expect(await e2e.db.person.count({ where: { name: "Member Typed" } })).toBe(0);
  });
});
