// Events over HTTP against the built app: forms that refuse bad input with
// 400 and keep it, materials checked by their bytes and size (a real 200 MB
// upload, not a mock), who may download them, and the calendar files served.
import { request as httpRequest } from "node:http";
import en from "~/locales/en";
import { appFixture, logInOverHttp } from "../helpers/e2e";
import { parseCalendar } from "../helpers/events";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

describe("events over HTTP", () => {
  const e2e = appFixture();
  let trainer: string;
  let member: string;
  let eventId: string;

  function upload(fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer }) {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    form.set("file", new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
    // The overview's forms post to its index route (`?index`), under the layout of the event's pages.
    return fetch(`${e2e.app.url}/events/${eventId}?index`, {
      method: "POST",
      body: form,
      headers: { Cookie: trainer, "Accept-Language": "en" },
      redirect: "manual",
    });
  }

  beforeAll(async () => {
    const { app, db } = e2e;
    trainer = await logInOverHttp(app.url, "trainer@durable.localhost");
    member = await logInOverHttp(app.url, "member@durable.localhost");
    // The demo trainer works in Albanian; these tests read English.
    await db.user.update({ where: { email: "trainer@durable.localhost" }, data: { locale: "en" } });
    const gjilan = await db.municipality.findUniqueOrThrow({ where: { slug: "gjilan" } });
    const res = await fetch(`${app.url}/events/new`, {
      method: "POST",
      headers: { Cookie: trainer },
      body: new URLSearchParams({
        type: "WORKSHOP",
        municipalityId: gjilan.id,
        venueName: "Municipal hall",
        startDate: "2027-03-27",
        startTime: "10:00",
        endDate: "2027-03-29",
        endTime: "16:00",
        capacity: "30",
        titleEn: "Spring workshop",
        titleSq: "Punëtoria e pranverës",
        isPublic: "on",
      }),
      redirect: "manual",
    });
    expect(res.status).toBe(302);
    eventId = res.headers.get("location")!.split("/")[2].split("?")[0];
  });

  it("refuses an end before the start with 400, the message next to the field, and what was typed kept", async () => {
    const res = await fetch(`${e2e.app.url}/events/new`, {
      method: "POST",
      headers: { Cookie: trainer },
      body: new URLSearchParams({
        type: "ROUND_TABLE",
        municipalityId: "whatever",
        venueName: "Library",
        startDate: "2027-04-10",
        startTime: "12:00",
        endDate: "2027-04-10",
        endTime: "11:00",
        capacity: "15",
        titleEn: "Round table on housing",
      }),
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(en.events.errors.endBeforeStart);
    expect(html).toContain('value="Round table on housing"');
    expect(await e2e.db.event.count({ where: { type: "ROUND_TABLE" } })).toBe(0);
  });

  it("members cannot create events", async () => {
    const res = await fetch(`${e2e.app.url}/events/new`, { headers: { Cookie: member } });
    expect(res.status).toBe(403);
  });

  it("adds agenda sessions, refusing one outside the event with 400 and keeping what was typed", async () => {
    const post = (fields: Record<string, string>) =>
      fetch(`${e2e.app.url}/events/${eventId}/agenda`, {
        method: "POST",
        headers: { Cookie: trainer, "Accept-Language": "en" },
        body: new URLSearchParams({ intent: "save", sessionId: "", room: "Hall A", facilitators: "", ...fields }),
        redirect: "manual",
      });
    const outside = await post({ title: "Evening panel", date: "2027-03-29", start: "17:00", end: "18:00" });
    expect(outside.status).toBe(400);
    const html = await outside.text();
    expect(html).toContain("The session must fall within the event (2027-03-27 10:00 – 2027-03-29 16:00).");
    expect(html).toContain('value="Evening panel"');
    // 28 March 2027 is the day the clocks go forward: 10:00 local is 08:00 UTC.
    const inside = await post({ title: "Opening", date: "2027-03-28", start: "10:00", end: "11:00" });
    expect(inside.status).toBe(302);
    const session = await e2e.db.eventSession.findFirstOrThrow({ where: { eventId, title: "Opening" } });
    expect(session.startsAt).toEqual(new Date("2027-03-28T08:00:00Z"));
    expect(await e2e.db.eventSession.count({ where: { eventId } })).toBe(1);
  });

  it("stores a real PDF and refuses a file that claims to be a PDF and is not", async () => {
    const good = await upload({ title: "Agenda" }, { name: "agenda.pdf", type: "application/pdf", bytes: PDF });
    expect(good.status).toBe(302);
    const material = await e2e.db.eventMaterial.findFirstOrThrow({ where: { eventId, title: "Agenda" } });
    expect(material).toMatchObject({ contentType: "application/pdf", size: PDF.byteLength, isPublic: false });

    const before = await e2e.db.eventMaterial.count();
    const fake = await upload({ title: "Fake" }, { name: "report.pdf", type: "application/pdf", bytes: Buffer.from("just some text, no PDF at all") });
    expect(fake.status).toBe(400);
    expect(await fake.text()).toContain(en.events.errors.fileMismatch.replace("{{claimed}}", "pdf"));
    const png = await upload({ title: "Renamed" }, { name: "photo.pdf", type: "application/pdf", bytes: Buffer.from("89504e470d0a1a0a0000000d49484452", "hex") });
    expect(png.status).toBe(400);
    expect(await e2e.db.eventMaterial.count()).toBe(before);
  });

  it("refuses a 200 MB upload at once, with the message, without taking it all in", async () => {
    const size = 200 * 1024 * 1024;
    const boundary = "----durable-upload-test";
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nHuge\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
    );
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const started = Date.now();
    // Declared size and chunked (no size declared): both must be refused with 413 and the message.
    for (const declared of [true, false]) {
      const result = await new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
        const url = new URL(`${e2e.app.url}/events/${eventId}?index`);
        const req = httpRequest({
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method: "POST",
          headers: {
            Cookie: trainer,
            "Accept-Language": "en",
            "Content-Type": `multipart/form-data; boundary=${boundary}`,
            ...(declared ? { "Content-Length": String(size + head.byteLength) } : {}),
          },
        });
        let sent = 0;
        let answered = false;
        req.on("response", (res) => {
          answered = true;
          let body = "";
          res.on("data", (d: Buffer) => (body += d.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body, sent }));
        });
        req.on("error", (error) => (answered ? undefined : reject(error)));
        const pump = () => {
          if (sent === 0) req.write(head);
          while (!answered && sent < size) {
            sent += chunk.byteLength;
            if (!req.write(chunk)) return void req.once("drain", pump);
          }
          if (!answered) req.end();
        };
        pump();
      });
      expect(result.status, declared ? "with Content-Length" : "chunked").toBe(413);
      expect(result.body).toContain(en.events.errors.fileTooLarge.replace("{{max}}", "20"));
      // The server answered long before the 200 MB were sent.
      expect(result.sent).toBeLessThan(size);
    }
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await e2e.db.eventMaterial.count({ where: { title: "Huge" } })).toBe(0);
  });

  it("lets staff and invitees download a material, never an anonymous visitor unless it is public", async () => {
    const material = await e2e.db.eventMaterial.findFirstOrThrow({ where: { eventId, title: "Agenda" } });
    const path = `${e2e.app.url}/events/${eventId}/materials/${material.id}`;
    const asTrainer = await fetch(path, { headers: { Cookie: trainer } });
    expect(asTrainer.status).toBe(200);
    expect(Buffer.from(await asTrainer.arrayBuffer()).equals(PDF)).toBe(true);
    expect(asTrainer.headers.get("content-disposition")).toContain('filename="agenda.pdf"');

    const anonymous = await fetch(path, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect((await fetch(path, { headers: { Cookie: member }, redirect: "manual" })).status).toBe(404);

    // The member's directory record is on the draft's list, not sent an invitation (a draft is its organisers' alone): still not.
    const memberUser = await e2e.db.user.findUniqueOrThrow({ where: { email: "member@durable.localhost" } });
    const person = await e2e.db.person.create({ data: { name: memberUser.name, email: memberUser.email, userId: memberUser.id } });
    const invitation = await e2e.db.invitation.create({ data: { eventId, personId: person.id, status: "PENDING" } });
    expect((await fetch(path, { headers: { Cookie: member }, redirect: "manual" })).status).toBe(404);

    // Public files are for anyone once the event is published.
    await e2e.db.eventMaterial.update({ where: { id: material.id }, data: { isPublic: true } });
    expect((await fetch(path, { redirect: "manual" })).status).toBe(302);
    await fetch(`${e2e.app.url}/events/${eventId}?index`, { method: "POST", headers: { Cookie: trainer }, body: new URLSearchParams({ intent: "publish" }), redirect: "manual" });
    expect((await fetch(path)).status).toBe(200);

    // A private file of the published event: for the member once their invitation is sent.
    await e2e.db.eventMaterial.update({ where: { id: material.id }, data: { isPublic: false } });
    expect((await fetch(path, { headers: { Cookie: member }, redirect: "manual" })).status).toBe(404);
    await e2e.db.invitation.update({ where: { id: invitation.id }, data: { sentAt: new Date() } });
    expect((await fetch(path, { headers: { Cookie: member } })).status).toBe(200);
  });

  it("serves the event's .ics, the public feed and a private feed whose address is shown once", async () => {
    const ics = await fetch(`${e2e.app.url}/events/${eventId}/calendar.ics`, { headers: { Cookie: member, "Accept-Language": "sq" } });
    expect(ics.status).toBe(200);
    expect(ics.headers.get("content-type")).toContain("text/calendar");
    const [entry] = parseCalendar(await ics.text());
    // The member works in Serbian and the event has no Serbian title: the English one is used.
    expect(entry).toMatchObject({ method: "PUBLISH", summary: "Spring workshop" });
    // 27 March is before the spring change, 29 March after it: both 10:00 and 16:00 local.
    expect(entry.start.toFormat("yyyy-MM-dd HH:mm")).toBe("2027-03-27 10:00");
    expect(entry.end.toFormat("yyyy-MM-dd HH:mm")).toBe("2027-03-29 16:00");

    const publicFeed = await fetch(`${e2e.app.url}/calendar/public.ics?lang=sq`);
    expect(publicFeed.status).toBe(200);
    expect(parseCalendar(await publicFeed.text()).map((e) => e.summary)).toContain("Punëtoria e pranverës");

    const made = await fetch(`${e2e.app.url}/calendar`, { method: "POST", headers: { Cookie: member }, body: new URLSearchParams({ intent: "reset" }) });
    expect(made.status).toBe(200);
    const feedUrl = (await made.text()).match(/http:\/\/[^"]+\/calendar\/[A-Za-z0-9_-]+\.ics/)![0];
    const feed = await fetch(feedUrl);
    expect(feed.status).toBe(200);
    expect(parseCalendar(await feed.text()).map((e) => e.uid)).toEqual([entry.uid]);
    // The page does not show the address again.
    expect(await (await fetch(`${e2e.app.url}/calendar`, { headers: { Cookie: member } })).text()).not.toContain(feedUrl);
    expect((await fetch(`${e2e.app.url}/calendar/${"x".repeat(43)}.ics`)).status).toBe(404);
  });

  it("shows the list, the month calendar and the workshop plan", async () => {
    const list = await fetch(`${e2e.app.url}/events?type=WORKSHOP`, { headers: { Cookie: trainer } });
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain("Spring workshop");
    expect(html).toContain(en.events.plan.title);
    const month = await fetch(`${e2e.app.url}/events/calendar?month=2027-03`, { headers: { Cookie: trainer } });
    const grid = await month.text();
    expect(month.status).toBe(200);
    // A three-day event shows on each of its days.
    for (const day of ["2027-03-27", "2027-03-28", "2027-03-29"]) {
      expect(grid).toMatch(new RegExp(`data-date="${day}"[^>]*>.*?Spring workshop`, "s"));
    }
    expect((await fetch(`${e2e.app.url}/events/calendar?month=nonsense`, { headers: { Cookie: trainer } })).status).toBe(200);
  });
});
