// Scheduling rules: trainers plan events in Kosovo time, the app stores UTC;
// bad input is refused with a message for its field and nothing is saved.
import { prisma } from "~/db.server";
import { composeEmail } from "~/models/email.server";
import {
  cancelEvent,
  completeEndedEvents,
  createEvent,
  deleteSession,
  localToUtc,
  moveEvent,
  publishEvent,
  saveSession,
  updateEvent,
  utcToLocal,
  workshopPlan,
} from "~/models/event.server";
import { eventText } from "~/utils/events";
import { LOCALE_TAGS } from "~/utils/i18n";
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

const counts = async () => ({
  events: await prisma.event.count(),
  translations: await prisma.eventTranslation.count(),
  sessions: await prisma.eventSession.count(),
  audit: await prisma.auditLog.count(),
  outbox: await prisma.outboxMessage.count(),
});

describe("times entered in Kosovo, stored in UTC", () => {
  it("10:00 local is 09:00 UTC before the spring change and 08:00 UTC after it", () => {
    expect(localToUtc({ date: "2026-03-28", time: "10:00" })).toEqual({ ok: true, date: new Date("2026-03-28T09:00:00Z") });
    expect(localToUtc({ date: "2026-03-30", time: "10:00" })).toEqual({ ok: true, date: new Date("2026-03-30T08:00:00Z") });
    expect(localToUtc({ date: "2026-10-24", time: "10:00" })).toEqual({ ok: true, date: new Date("2026-10-24T08:00:00Z") });
    expect(localToUtc({ date: "2026-10-26", time: "10:00" })).toEqual({ ok: true, date: new Date("2026-10-26T09:00:00Z") });
    expect(utcToLocal(new Date("2026-03-30T08:00:00Z"))).toEqual({ date: "2026-03-30", time: "10:00" });
  });

  it("refuses a time the clocks skip, and dates that do not exist", () => {
    expect(localToUtc({ date: "2026-03-29", time: "02:30" })).toEqual({ ok: false, error: "skipped" });
    expect(localToUtc({ date: "2026-02-30", time: "10:00" })).toEqual({ ok: false, error: "date" });
    expect(localToUtc({ date: "2026-03-28", time: "25:00" })).toEqual({ ok: false, error: "time" });
  });
});

describe("creating and changing an event", () => {
  it("creates a draft with its texts, themes, organisers and facilitators, and audits it", async () => {
    const theme = await prisma.theme.findUniqueOrThrow({ where: { slug: "housing" } });
    const facilitator = await createPerson({ name: "Drita Facilitator" });
    const eventId = await newEvent({ themeIds: [theme.id], organiserIds: [trainerId], facilitatorIds: [facilitator.id] });
    const event = await prisma.event.findUniqueOrThrow({
      where: { id: eventId },
      include: { translations: true, themes: true, organisers: true, facilitators: true, cluster: true },
    });
    expect(event).toMatchObject({ status: "DRAFT", sequence: 0, startsAt: new Date("2027-03-10T09:00:00Z"), capacity: 20 });
    expect(event.cluster.slug).toBe("east");
    expect(event.uid).toMatch(/@durable$/);
    expect(event.translations).toHaveLength(3);
    expect(event.themes).toHaveLength(1);
    expect(event.organisers).toHaveLength(1);
    expect(event.facilitators).toHaveLength(1);
    expect(await prisma.auditLog.count({ where: { action: "event.created", subjectId: eventId } })).toBe(1);
  });

  it.each([
    ["an end before the start", { end: { date: "2027-03-10", time: "09:00" } }, "endTime", "events.errors.endBeforeStart"],
    ["an end equal to the start", { end: { date: "2027-03-10", time: "10:00" } }, "endTime", "events.errors.endBeforeStart"],
    ["a capacity of 0", { capacity: 0 }, "capacity", "events.errors.capacityMin"],
    ["no title in any language", { translations: { en: { title: "  ", description: "x" } } }, "titleEn", "events.errors.titleRequired"],
    ["an unknown municipality", { municipalityId: "nope" }, "municipalityId", "events.errors.municipalityUnknown"],
    ["an unknown theme", { themeIds: ["nope"] }, "themeIds", "events.errors.unknownChoice"],
    ["a start in the skipped hour", { start: { date: "2026-03-29", time: "02:15" } }, "startTime", "events.errors.timeSkipped"],
  ])("refuses %s with a message for its field and saves nothing", async (_label, overrides, field, message) => {
    const before = await counts();
    const result = await createEvent(trainerId, await eventInput(overrides));
    expect(result).toEqual({ ok: false, field, message, status: 400 });
    expect(await counts()).toEqual(before);
  });

  it("refuses a capacity below the number already accepted, and changes nothing", async () => {
    const eventId = await newEvent({ capacity: 3 });
    for (let i = 0; i < 3; i++) await invite({ id: eventId }, await createPerson(), "ACCEPTED");
    await invite({ id: eventId }, await createPerson(), "DECLINED");
    const before = await counts();
    const result = await updateEvent(trainerId, eventId, await eventInput({ capacity: 2, venueName: "Another hall" }));
    expect(result).toEqual({ ok: false, field: "capacity", message: 'events.errors.capacityBelowAccepted|{"count":3}', status: 400 });
    expect(await counts()).toEqual(before);
    expect(await prisma.event.findUniqueOrThrow({ where: { id: eventId } })).toMatchObject({ capacity: 3, venueName: "Municipal hall" });
    expect(await updateEvent(trainerId, eventId, await eventInput({ capacity: 3 }))).toEqual({ ok: true });
  });

  it("raises the calendar sequence on changes calendars see, not on others", async () => {
    const eventId = await newEvent();
    await updateEvent(trainerId, eventId, await eventInput({ capacity: 25 }));
    expect((await prisma.event.findUniqueOrThrow({ where: { id: eventId } })).sequence).toBe(0);
    await updateEvent(trainerId, eventId, await eventInput({ venueName: "Library" }));
    expect((await prisma.event.findUniqueOrThrow({ where: { id: eventId } })).sequence).toBe(1);
    await publishEvent(trainerId, eventId);
    expect((await prisma.event.findUniqueOrThrow({ where: { id: eventId } })).sequence).toBe(2);
  });
});

describe("the agenda", () => {
  it("keeps sessions inside the event and apart in the same room", async () => {
    const eventId = await newEvent();
    const session = { title: "Opening", date: "2027-03-10", start: "10:00", end: "11:00", room: "Hall A", facilitators: "Drita" };
    const first = await saveSession(trainerId, eventId, null, session);
    expect(first.ok).toBe(true);
    const before = await counts();

    const outside = await saveSession(trainerId, eventId, null, { ...session, start: "13:30", end: "14:30" });
    expect(outside).toEqual({
      ok: false,
      field: "start",
      message: 'events.errors.sessionOutside|{"start":"2027-03-10 10:00","end":"2027-03-10 14:00"}',
      status: 400,
    });
    const overlap = await saveSession(trainerId, eventId, null, { ...session, title: "Panel", start: "10:30", end: "11:30", room: " hall a " });
    expect(overlap).toEqual({ ok: false, field: "room", message: 'events.errors.sessionOverlap|{"room":"hall a","title":"Opening"}', status: 400 });
    const backwards = await saveSession(trainerId, eventId, null, { ...session, start: "12:00", end: "11:00" });
    expect(backwards).toMatchObject({ ok: false, field: "end", message: "events.errors.endBeforeStart" });
    expect(await counts()).toEqual(before);

    // Another room at the same time, or the same room right after, is fine.
    expect((await saveSession(trainerId, eventId, null, { ...session, title: "Parallel", room: "Hall B" })).ok).toBe(true);
    expect((await saveSession(trainerId, eventId, null, { ...session, title: "Next", start: "11:00", end: "12:00" })).ok).toBe(true);
    // A session may be moved onto its own old slot (it does not clash with itself).
    if (!first.ok) throw new Error("unreachable");
    expect((await saveSession(trainerId, eventId, first.sessionId, { ...session, end: "10:45" })).ok).toBe(true);
    expect(await deleteSession(trainerId, eventId, first.sessionId)).toEqual({ ok: true });
    expect(await prisma.auditLog.count({ where: { action: { startsWith: "session." }, details: { contains: eventId } } })).toBe(5);
  });

  it("refuses to shorten an event so that its agenda falls outside", async () => {
    const eventId = await newEvent();
    await saveSession(trainerId, eventId, null, { title: "Late", date: "2027-03-10", start: "13:00", end: "14:00", room: "", facilitators: "" });
    const result = await updateEvent(trainerId, eventId, await eventInput({ end: { date: "2027-03-10", time: "12:00" } }));
    expect(result).toEqual({ ok: false, field: "startDate", message: "events.errors.sessionsOutside", status: 400 });
    expect((await prisma.event.findUniqueOrThrow({ where: { id: eventId } })).endsAt).toEqual(new Date("2027-03-10T13:00:00Z"));
  });
});

describe("publishing, moving and cancelling", () => {
  it("tells every invitee still coming, in their language, with the calendar entry, in the same transaction", async () => {
    const eventId = await newEvent();
    await saveSession(trainerId, eventId, null, { title: "Opening", date: "2027-03-10", start: "10:00", end: "11:00", room: "A", facilitators: "" });
    const albanian = await createPerson({ locale: "sq" });
    const serbian = await createPerson({ locale: "sr" });
    const declined = await createPerson();
    const noEmail = await createPerson({ email: null });
    const sent = { data: { sentAt: new Date() } };
    await invite({ id: eventId }, albanian, "ACCEPTED", sent);
    await invite({ id: eventId }, serbian, "PENDING", sent);
    await invite({ id: eventId }, declined, "DECLINED", sent);
    await invite({ id: eventId }, noEmail, "ACCEPTED", sent);
    const outboxBefore = await prisma.outboxMessage.count();

    expect(await publishEvent(trainerId, eventId)).toEqual({ ok: true });
    expect(await publishEvent(trainerId, eventId)).toMatchObject({ ok: false, message: "events.errors.alreadyPublished" });
    expect(await prisma.outboxMessage.count()).toBe(outboxBefore);

    // Moving needs a reason; without one nothing changes.
    const start = { date: "2027-03-17", time: "09:00" };
    const end = { date: "2027-03-17", time: "15:00" };
    expect(await moveEvent(trainerId, eventId, { start, end, reason: " " })).toMatchObject({ ok: false, field: "reason" });
    expect(await prisma.outboxMessage.count()).toBe(outboxBefore);

    expect(await moveEvent(trainerId, eventId, { start, end, reason: "The hall is being painted." })).toEqual({ ok: true, notified: 2 });
    const moved = await prisma.event.findUniqueOrThrow({ where: { id: eventId }, include: { sessions: true } });
    expect(moved).toMatchObject({ sequence: 2, startsAt: new Date("2027-03-17T08:00:00Z"), statusReason: "The hall is being painted." });
    // The agenda moves with the event.
    expect(moved.sessions[0].startsAt).toEqual(new Date("2027-03-17T08:00:00Z"));

    const updates = await prisma.outboxMessage.findMany({ where: { template: "event-changed" }, orderBy: { toAddress: "asc" } });
    expect(updates.map((m) => m.toAddress).sort()).toEqual([albanian.email, serbian.email].sort());
    const toSerbian = updates.find((m) => m.toAddress === serbian.email)!;
    expect(toSerbian.subject).toBe("Izmena: Radionica o povratku");
    expect(toSerbian.text).toContain("The hall is being painted.");
    const [attachment] = JSON.parse(toSerbian.attachments) as Array<{ contentType: string; content: string }>;
    expect(attachment.contentType).toBe("text/calendar; method=REQUEST");
    const [entry] = parseCalendar(Buffer.from(attachment.content, "base64").toString());
    expect(entry).toMatchObject({ method: "REQUEST", sequence: 2, summary: "Radionica o povratku" });
    expect(entry.attendees.map((a) => a.toLowerCase())).toEqual([`mailto:${serbian.email}`]);

    expect(await cancelEvent(trainerId, eventId, "")).toMatchObject({ ok: false, field: "reason" });
    expect(await cancelEvent(trainerId, eventId, "Not enough interest.")).toEqual({ ok: true, notified: 2 });
    const cancelled = await prisma.outboxMessage.findFirstOrThrow({ where: { toAddress: albanian.email!, subject: { startsWith: "Anuluar" } } });
    expect(JSON.parse(cancelled.attachments)[0].contentType).toBe("text/calendar; method=CANCEL");
    expect((await prisma.event.findUniqueOrThrow({ where: { id: eventId } })).sequence).toBe(3);

    // A cancelled event is final.
    expect(await updateEvent(trainerId, eventId, await eventInput())).toMatchObject({ ok: false, message: "events.errors.notEditable" });
    expect(await moveEvent(trainerId, eventId, { start, end, reason: "x" })).toMatchObject({ ok: false, message: "events.errors.onlyPublished" });
    const actions = await prisma.auditLog.findMany({ where: { subjectId: eventId }, orderBy: { createdAt: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["event.created", "event.published", "event.moved", "event.cancelled"]);
  });

  it("emails no one when a draft is cancelled or a published event changes only its capacity", async () => {
    const eventId = await newEvent();
    await invite({ id: eventId }, await createPerson(), "PENDING", { data: { sentAt: new Date() } });
    const before = await prisma.outboxMessage.count();
    await publishEvent(trainerId, eventId);
    await updateEvent(trainerId, eventId, await eventInput({ capacity: 40 }));
    expect(await prisma.outboxMessage.count()).toBe(before);
    await updateEvent(trainerId, eventId, await eventInput({ capacity: 40, venueAddress: "Sheshi i Lirisë 2" }));
    expect(await prisma.outboxMessage.count()).toBe(before + 1);
    const draft = await newEvent();
    await invite({ id: draft }, await createPerson(), "PENDING");
    expect(await cancelEvent(trainerId, draft, "Duplicate")).toEqual({ ok: true, notified: 0 });
  });

  it("tells only people who were sent an invitation, never those only on the list, when an event moves or is cancelled", async () => {
    const eventId = await newEvent();
    const invited = await createPerson();
    const onListOnly = await createPerson();
    const withdrawn = await createPerson();
    await invite({ id: eventId }, invited, "PENDING", { data: { sentAt: new Date() } });
    await invite({ id: eventId }, onListOnly, "PENDING");
    await invite({ id: eventId }, withdrawn, "CANCELLED", { data: { sentAt: new Date() } });
    await publishEvent(trainerId, eventId);
    const start = { date: "2027-03-18", time: "09:00" };
    const end = { date: "2027-03-18", time: "13:00" };
    expect(await moveEvent(trainerId, eventId, { start, end, reason: "The hall is booked." })).toEqual({ ok: true, notified: 1 });
    expect(await updateEvent(trainerId, eventId, await eventInput({ venueName: "Library", start, end }))).toEqual({ ok: true });
    expect(await cancelEvent(trainerId, eventId, "Not enough interest.")).toEqual({ ok: true, notified: 1 });
    const mailed = await prisma.outboxMessage.findMany({ where: { toAddress: { in: [invited.email!, onListOnly.email!, withdrawn.email!] } } });
    expect(mailed.map((m) => m.toAddress)).toEqual([invited.email, invited.email, invited.email]);
  });

  it("marks published events completed once they end, and counts workshops per cluster", async () => {
    const past = await newEvent({ start: { date: "2026-03-28", time: "10:00" }, end: { date: "2026-03-28", time: "12:00" } });
    await publishEvent(trainerId, past);
    const future = await newEvent();
    await publishEvent(trainerId, future);
    expect(await completeEndedEvents(new Date("2026-06-01T00:00:00Z"))).toBeGreaterThanOrEqual(1);
    expect((await prisma.event.findUniqueOrThrow({ where: { id: past } })).status).toBe("COMPLETED");
    expect((await prisma.event.findUniqueOrThrow({ where: { id: future } })).status).toBe("PUBLISHED");
    expect(await completeEndedEvents(new Date("2026-06-01T00:00:00Z"))).toBe(0);

    const plan = await workshopPlan(new Date("2026-06-01T00:00:00Z"));
    const east = plan.find((p) => p.cluster.slug === "east")!;
    const west = plan.find((p) => p.cluster.slug === "west")!;
    expect(east.held).toBeGreaterThanOrEqual(1);
    expect(east.scheduled).toBeGreaterThanOrEqual(1);
    expect(west).toMatchObject({ held: 0, scheduled: 0 });
  });
});

describe("event texts", () => {
  const translations = [
    { locale: "sq", title: "Punëtori", description: "" },
    { locale: "sr", title: "Radionica", description: "Opis" },
  ];
  it("shows the reader's language, Cyrillic from the Serbian text, and falls back when missing", () => {
    expect(eventText(translations, "sq").title).toBe("Punëtori");
    expect(eventText(translations, "sr-Cyrl")).toMatchObject({ title: "Радионица", description: "Опис", locale: "sr" });
    expect(eventText(translations, "en")).toMatchObject({ title: "Punëtori", locale: "sq" });
  });
});

describe("the email that tells invitees about a change", () => {
  it.each([
    ["en", "Changed: Workshop", "Cancelled: Workshop"],
    ["sq", "Ndryshim: Workshop", "Anuluar: Workshop"],
    ["sr", "Izmena: Workshop", "Otkazano: Workshop"],
    ["sr-Cyrl", "Измена: Workshop", "Отказано: Workshop"],
  ] as const)("in %s: subject, time, place and reason in the reader's language", async (locale, updated, cancelled) => {
    const props = { locale, name: "Milica", title: "Workshop", when: "29.03.2026 10:00", where: "Hall, Gjilan", reason: "Snow" };
    const update = await composeEmail("event-changed", "m@example.org", { ...props, change: "updated" });
    const cancel = await composeEmail("event-changed", "m@example.org", { ...props, change: "cancelled" });
    expect(update.subject).toBe(updated);
    expect(cancel.subject).toBe(cancelled);
    expect(update.html).toContain(`lang="${LOCALE_TAGS[locale]}"`);
    for (const part of ["29.03.2026 10:00", "Hall, Gjilan", "Snow", "Milica"]) expect(update.text).toContain(part);
  });
});
