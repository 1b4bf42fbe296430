// Calendar files that real calendar apps accept, checked with an independent
// parser (ical.js): one UID per event, SEQUENCE rising with every change,
// METHOD per purpose, times right on both sides of a DST change, texts in the
// reader's language.
import { prisma } from "~/db.server";
import { buildCalendar, eventCalendarFile, EVENT_FOR_CALENDAR, privateFeed, publicFeed, resetCalendarToken } from "~/models/event-calendar.server";
import { cancelEvent, createEvent, moveEvent, publishEvent } from "~/models/event.server";
import { hashToken } from "~/utils/tokens.server";
import { seed } from "../prisma/seed";
import { eventInput, parseCalendar } from "./helpers/events";
import { createPerson, createUser, invite } from "./helpers/factories";

let trainerId: string;

beforeAll(async () => {
  await seed(process.env.DATABASE_URL, { demoUsers: false });
  trainerId = (await createUser({ roles: ["TRAINER"] })).id;
});

async function newEvent(overrides = {}) {
  const result = await createEvent(trainerId, await eventInput(overrides));
  if (!result.ok) throw new Error(result.message);
  return result.eventId;
}

const load = (id: string) => prisma.event.findUniqueOrThrow({ where: { id }, include: EVENT_FOR_CALENDAR });

describe("the .ics of one event", () => {
  it("keeps 10:00 local on both sides of the spring change (28 and 30 March 2026)", async () => {
    for (const date of ["2026-03-28", "2026-03-30", "2026-10-24", "2026-10-26"]) {
      const id = await newEvent({ start: { date, time: "10:00" }, end: { date, time: "12:30" } });
      const [entry] = parseCalendar(eventCalendarFile(await load(id), "en"));
      expect(entry.start.toFormat("yyyy-MM-dd HH:mm"), date).toBe(`${date} 10:00`);
      expect(entry.end.toFormat("HH:mm"), date).toBe("12:30");
    }
  });

  it("has one UID for life, a SEQUENCE that rises with each change, and METHOD:CANCEL once cancelled", async () => {
    const id = await newEvent();
    await publishEvent(trainerId, id);
    const [published] = parseCalendar(eventCalendarFile(await load(id), "en"));
    expect(published).toMatchObject({ method: "PUBLISH", status: "CONFIRMED", sequence: 1 });

    await moveEvent(trainerId, id, { start: { date: "2027-03-11", time: "11:00" }, end: { date: "2027-03-11", time: "13:00" }, reason: "Snow" });
    const [moved] = parseCalendar(eventCalendarFile(await load(id), "en"));
    expect(moved.uid).toBe(published.uid);
    expect(moved.sequence).toBeGreaterThan(published.sequence);
    expect(moved.start.toFormat("yyyy-MM-dd HH:mm")).toBe("2027-03-11 11:00");
    expect(moved.description).toContain("Reason: Snow");

    await cancelEvent(trainerId, id, "Flooding");
    const [cancelled] = parseCalendar(eventCalendarFile(await load(id), "en"));
    expect(cancelled).toMatchObject({ method: "CANCEL", status: "CANCELLED", uid: published.uid });
    expect(cancelled.sequence).toBeGreaterThan(moved.sequence);
  });

  it("speaks the reader's language: English, Albanian, Serbian Latin and Cyrillic", async () => {
    const id = await newEvent();
    const event = await load(id);
    const read = (locale: "en" | "sq" | "sr" | "sr-Cyrl") => parseCalendar(eventCalendarFile(event, locale))[0];
    expect(read("en")).toMatchObject({ summary: "Return workshop", description: "Working together on reintegration." });
    expect(read("sq")).toMatchObject({ summary: "Punëtori për kthimin", location: "Municipal hall, Rruga e Dëshmorëve 1, Gjilan / Gnjilane" });
    expect(read("sr")).toMatchObject({ summary: "Radionica o povratku", location: "Municipal hall, Rruga e Dëshmorëve 1, Gnjilane / Gjilan" });
    expect(read("sr-Cyrl").summary).toBe("Радионица о повратку");
  });
});

describe("the email attachments", () => {
  it("are a REQUEST naming the invitee for a change and a CANCEL for a cancellation, for the same UID", async () => {
    const id = await newEvent({ start: { date: "2026-03-28", time: "10:00" }, end: { date: "2026-03-28", time: "12:00" } });
    const person = await createPerson({ locale: "sr" });
    await invite({ id }, person, "ACCEPTED", { data: { sentAt: new Date() } });
    await publishEvent(trainerId, id);
    // Moved across the DST change: 28 March → 30 March, still 10:00 local.
    await moveEvent(trainerId, id, { start: { date: "2026-03-30", time: "10:00" }, end: { date: "2026-03-30", time: "12:00" }, reason: "Sala" });
    await cancelEvent(trainerId, id, "Otkazano");
    const mails = await prisma.outboxMessage.findMany({ where: { toAddress: person.email! }, orderBy: { createdAt: "asc" } });
    const entries = mails.map((m) => {
      const [attachment] = JSON.parse(m.attachments) as Array<{ content: string }>;
      return parseCalendar(Buffer.from(attachment.content, "base64").toString("utf8"))[0];
    });
    expect(entries.map((e) => e.method)).toEqual(["REQUEST", "CANCEL"]);
    expect(entries[0].start.toFormat("yyyy-MM-dd HH:mm")).toBe("2026-03-30 10:00");
    expect(entries[0].summary).toBe("Radionica o povratku");
    expect(entries[1].uid).toBe(entries[0].uid);
    expect(entries[1].sequence).toBeGreaterThan(entries[0].sequence);
    expect(entries[1].status).toBe("CANCELLED");
  });
});

describe("subscription feeds", () => {
  it("a user's private feed has the events they organise or are invited to, behind a token stored only as a hash", async () => {
    const user = await createUser({ roles: ["MEMBER"], locale: "sq" });
    const person = await createPerson({ userId: user.id });
    const organiser = await createUser({ roles: ["TRAINER"] });
    const invited = await newEvent({ translations: { sq: { title: "E ftuar", description: "" } } });
    const organised = (await createEvent(organiser.id, await eventInput({ organiserIds: [organiser.id] }))) as { eventId: string };
    const declined = await newEvent({ translations: { sq: { title: "E refuzuar", description: "" } } });
    const draft = await newEvent({ translations: { sq: { title: "Draft", description: "" } } });
    // On the event's list, but the invitation not sent yet: not the person's to see.
    const listed = await newEvent({ translations: { sq: { title: "Vetëm në listë", description: "" } } });
    const sent = { data: { sentAt: new Date() } };
    await invite({ id: invited }, person, "PENDING", sent);
    await invite({ id: declined }, person, "DECLINED", sent);
    await invite({ id: draft }, person, "PENDING", sent);
    await invite({ id: listed }, person, "PENDING");
    for (const id of [invited, organised.eventId, declined, listed]) await publishEvent(trainerId, id);

    const token = await resetCalendarToken(user.id);
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.calendarTokenHash).toBe(hashToken(token));
    expect(stored.calendarTokenHash).not.toContain(token);
    const feed = parseCalendar((await privateFeed(token))!);
    expect(feed.map((e) => e.summary)).toEqual(["E ftuar"]);
    expect(feed[0].method).toBe("PUBLISH");

    const mine = parseCalendar((await privateFeed(await resetCalendarToken(organiser.id)))!);
    expect(mine).toHaveLength(1);
    expect(mine[0].uid).toBe((await load(organised.eventId)).uid);

    // Resetting makes the old address stop working.
    const fresh = await resetCalendarToken(user.id);
    expect(await privateFeed(token)).toBeNull();
    expect(await privateFeed(fresh)).not.toBeNull();
    expect(await privateFeed("not-a-token")).toBeNull();
  });

  it("the public feed has published public events only, in the language asked for", async () => {
    const open = await newEvent({ isPublic: true });
    const closed = await newEvent({ isPublic: false });
    const draft = await newEvent({ isPublic: true });
    await publishEvent(trainerId, open);
    await publishEvent(trainerId, closed);
    const feed = parseCalendar(await publicFeed("sq"));
    const uids = feed.map((e) => e.uid);
    expect(uids).toContain((await load(open)).uid);
    expect(uids).not.toContain((await load(closed)).uid);
    expect(uids).not.toContain((await load(draft)).uid);
    expect(feed.find((e) => e.uid === uids[0])?.summary).toBe("Punëtori për kthimin");
  });
});

describe("people on the waitlist", () => {
  it("see the event as tentative in their feed and their files, and confirmed where they have a seat", async () => {
    const user = await createUser({ roles: ["MEMBER"], locale: "en" });
    const person = await createPerson({ userId: user.id, locale: "en" });
    const waiting = await newEvent({ translations: { en: { title: "Waiting", description: "" } } });
    const seated = await newEvent({ translations: { en: { title: "Seated", description: "" } } });
    await invite({ id: waiting }, person, "WAITLISTED", { data: { sentAt: new Date() } });
    await invite({ id: seated }, person, "ACCEPTED", { data: { sentAt: new Date() } });
    for (const id of [waiting, seated]) await publishEvent(trainerId, id);

    const feed = parseCalendar((await privateFeed(await resetCalendarToken(user.id)))!);
    expect(Object.fromEntries(feed.map((e) => [e.summary, e.status]))).toEqual({ Waiting: "TENTATIVE", Seated: "CONFIRMED" });

    const attendee = { name: person.name, email: person.email!, status: "WAITLISTED" as const };
    const [file] = parseCalendar(buildCalendar([await load(waiting)], { locale: "en", method: "REQUEST", attendee }));
    expect(file.status).toBe("TENTATIVE");
    const [seatedFile] = parseCalendar(buildCalendar([await load(seated)], { locale: "en", method: "REQUEST", attendee: { ...attendee, status: "ACCEPTED" } }));
    expect(seatedFile.status).toBe("CONFIRMED");
  });
});

describe("the text of every calendar", () => {
  it("ends its last line with CRLF, as every line (RFC 5545 section 3.1)", async () => {
    const user = await createUser();
    const id = await newEvent({ isPublic: true });
    await publishEvent(trainerId, id);
    const texts = [
      eventCalendarFile(await load(id), "en"),
      await publicFeed("sq"),
      (await privateFeed(await resetCalendarToken(user.id)))!,
      buildCalendar([], { locale: "sr", method: "PUBLISH" }),
    ];
    for (const text of texts) {
      expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
      expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    }
  });
});
