import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { prisma } from "~/db.server";
import {
  checkedInPersonIds,
  checkIn,
  checkInList,
  checkInMany,
  checkInPlaceOf,
  checkInWalkIn,
  eventForCheckIn,
  presentOnDay,
  recordPaperSheet,
  SESSION_OPENS_BEFORE_MS,
  sessionHasBegun,
  undoCheckIn,
  undoSessionCheckIn,
} from "~/models/attendance.server";
import { deleteSession } from "~/models/event.server";
import { eventReport, exportReport, programmeReport } from "~/models/report.server";
import { renderSignInSheet } from "~/models/sign-in-sheet.server";
import { seed } from "../prisma/seed";
import { asSessionUser, createEvent, createPerson, createUser, invite } from "./helpers/factories";

// Checking people in to a session of an event's agenda, beside the day:
// the rules of the door (app/models/attendance.server.ts), what the door's
// lists show, what the reports count, and the paper sheet of a session.

let trainer: ReturnType<typeof asSessionUser>;

beforeAll(async () => {
  await seed(process.env.DATABASE_URL, { demoUsers: false });
  trainer = asSessionUser(await createUser({ roles: ["TRAINER"] }));
});

afterEach(() => {
  vi.useRealTimers();
});

const at = (iso: string) => new Date(iso);

/**
 * A three-day workshop already held (27–29 March 2026, Belgrade time, UTC+1
 * until the 29th) with an agenda: two sessions on the first day, one on the second.
 */
async function workshopWithAgenda() {
  const event = await createEvent({ startsAt: at("2026-03-27T08:00:00Z"), endsAt: at("2026-03-29T15:00:00Z"), titles: { en: "Workshop with an agenda" } });
  const session = (title: string, startsAt: string, endsAt: string, room = "") =>
    prisma.eventSession.create({ data: { eventId: event.id, title, startsAt: at(startsAt), endsAt: at(endsAt), room } });
  const opening = await session("Opening", "2026-03-27T08:00:00Z", "2026-03-27T09:30:00Z", "Hall A");
  const panel = await session("Panel on housing", "2026-03-27T10:00:00Z", "2026-03-27T12:00:00Z", "Hall B");
  const secondDay = await session("Field visit", "2026-03-28T08:00:00Z", "2026-03-28T12:00:00Z");
  return { event, opening, panel, secondDay };
}

async function invitee(eventId: string, name?: string, status: "ACCEPTED" | "CANCELLED" | "DECLINED" = "ACCEPTED") {
  const person = await createPerson({ name });
  await invite({ id: eventId }, person, status);
  return person;
}

const sessionTap = (eventId: string, personId: string, sessionId: string, day = "2026-03-27") => ({
  eventId,
  personId,
  day,
  sessionId,
  method: "NAME_SEARCH" as const,
  checkedInById: trainer.id,
});

describe("checking people in to a session", () => {
  it("records the session and, once, the day: a second tap, or a later session of the day, adds no second day", async () => {
    const { event, opening, panel } = await workshopWithAgenda();
    const person = await invitee(event.id);
    const first = await checkIn(sessionTap(event.id, person.id, opening.id));
    expect(first).toMatchObject({ ok: true, status: "checkedIn", personId: person.id });
    expect(await checkIn(sessionTap(event.id, person.id, opening.id))).toMatchObject({ ok: true, status: "alreadyCheckedIn", attendanceId: first.ok ? first.attendanceId : "" });
    expect(await checkIn(sessionTap(event.id, person.id, panel.id))).toMatchObject({ ok: true, status: "checkedIn" });

    const days = await prisma.attendance.findMany({ where: { eventId: event.id } });
    expect(days).toHaveLength(1);
    expect(days[0]).toMatchObject({ personId: person.id, day: "2026-03-27", method: "NAME_SEARCH", clientRef: null });
    const sessions = await prisma.sessionAttendance.findMany({ where: { eventId: event.id }, orderBy: { checkedInAt: "asc" } });
    expect(sessions.map((s) => s.sessionId).sort()).toEqual([opening.id, panel.id].sort());
    expect(sessions[0]).toMatchObject({ personId: person.id, checkedInById: trainer.id, method: "NAME_SEARCH" });
    // The day's tap after the sessions: already checked in for the day.
    expect(await checkIn({ ...sessionTap(event.id, person.id, opening.id), sessionId: null })).toMatchObject({ ok: true, status: "alreadyCheckedIn" });
    const audit = await prisma.auditLog.findMany({ where: { subjectId: event.id, action: { in: ["attendance.checked_in", "attendance.session_checked_in"] } } });
    expect(audit.map((a) => a.action).sort()).toEqual(["attendance.checked_in", "attendance.session_checked_in", "attendance.session_checked_in"]);
  });

  it("records two taps for the same session arriving at once a single time", async () => {
    const { event, opening } = await workshopWithAgenda();
    const person = await invitee(event.id);
    const answers = await Promise.all([1, 2, 3].map(() => checkIn(sessionTap(event.id, person.id, opening.id))));
    expect(answers.filter((a) => a.ok && a.status === "checkedIn")).toHaveLength(1);
    expect(await prisma.sessionAttendance.count({ where: { sessionId: opening.id } })).toBe(1);
    expect(await prisma.attendance.count({ where: { eventId: event.id } })).toBe(1);
  });

  it("refuses a session of another event or another day, and one that is not in the event's open days", async () => {
    const { event, opening, secondDay } = await workshopWithAgenda();
    const other = await workshopWithAgenda();
    const person = await invitee(event.id);
    expect(await checkIn(sessionTap(event.id, person.id, other.opening.id))).toEqual({ ok: false, error: "sessionNotFound" });
    expect(await checkIn(sessionTap(event.id, person.id, secondDay.id, "2026-03-27"))).toEqual({ ok: false, error: "sessionNotFound" });
    expect(await checkIn(sessionTap(event.id, person.id, "no-such-session"))).toEqual({ ok: false, error: "sessionNotFound" });
    expect(await checkIn(sessionTap(event.id, person.id, opening.id, "2026-03-30"))).toEqual({ ok: false, error: "dayOutsideEvent" });
    expect(await prisma.attendance.count({ where: { eventId: event.id } })).toBe(0);
    expect(await checkIn(sessionTap(event.id, person.id, secondDay.id, "2026-03-28"))).toMatchObject({ ok: true, status: "checkedIn" });
    expect((await prisma.attendance.findFirstOrThrow({ where: { eventId: event.id } })).day).toBe("2026-03-28");
  });

  it("refuses a session not yet begun, like a day not yet come, and takes people from half an hour before it starts", async () => {
    // 10:00 in Belgrade on the workshop's first day; sessions at 10:29 and 10:31 (a minute either side of the half hour).
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(at("2026-03-27T09:00:00Z"));
    const event = await createEvent({ startsAt: at("2026-03-27T08:00:00Z"), endsAt: at("2026-03-28T15:00:00Z") });
    const soon = await prisma.eventSession.create({ data: { eventId: event.id, title: "Soon", startsAt: at("2026-03-27T09:29:00Z"), endsAt: at("2026-03-27T10:00:00Z") } });
    const later = await prisma.eventSession.create({ data: { eventId: event.id, title: "Later", startsAt: at("2026-03-27T09:31:00Z"), endsAt: at("2026-03-27T10:00:00Z") } });
    const tomorrow = await prisma.eventSession.create({ data: { eventId: event.id, title: "Tomorrow", startsAt: at("2026-03-28T08:00:00Z"), endsAt: at("2026-03-28T09:00:00Z") } });
    const person = await invitee(event.id);
    expect(await checkIn(sessionTap(event.id, person.id, later.id))).toEqual({ ok: false, error: "sessionNotStarted" });
    expect(await checkInMany(trainer, { eventId: event.id, day: "2026-03-27", sessionId: later.id, personIds: [person.id] })).toEqual({ ok: false, error: "sessionNotStarted" });
    expect(await checkInWalkIn(trainer, { eventId: event.id, day: "2026-03-27", sessionId: later.id, person: { name: "Too Early For The Session" } })).toEqual({
      ok: false,
      error: "sessionNotStarted",
    });
    expect(await checkIn(sessionTap(event.id, person.id, tomorrow.id, "2026-03-28"))).toEqual({ ok: false, error: "dayNotStarted" });
    expect(await prisma.attendance.count({ where: { eventId: event.id } })).toBe(0);
    expect(await prisma.person.count({ where: { name: "Too Early For The Session" } })).toBe(0);
    expect(await checkIn(sessionTap(event.id, person.id, soon.id))).toMatchObject({ ok: true, status: "checkedIn" });
    expect(sessionHasBegun(later, new Date(later.startsAt.getTime() - SESSION_OPENS_BEFORE_MS))).toBe(true);
    expect(sessionHasBegun(later, new Date(later.startsAt.getTime() - SESSION_OPENS_BEFORE_MS - 1))).toBe(false);
  });

  it("answers the same offline session tap sent twice the same way, and refuses its id for a day's tap or another session", async () => {
    const { event, opening, panel } = await workshopWithAgenda();
    const person = await invitee(event.id);
    const clientRef = randomUUID();
    const when = at("2026-03-27T08:10:00Z");
    const first = await checkIn({ ...sessionTap(event.id, person.id, opening.id), clientRef, at: when });
    expect(await checkIn({ ...sessionTap(event.id, person.id, opening.id), clientRef })).toEqual(first);
    const row = await prisma.sessionAttendance.findFirstOrThrow({ where: { sessionId: opening.id } });
    expect(row).toMatchObject({ clientRef, checkedInAt: when });
    expect(await checkIn({ ...sessionTap(event.id, person.id, panel.id), clientRef })).toEqual({ ok: false, error: "clientRefReused" });
    expect(await checkIn({ ...sessionTap(event.id, person.id, opening.id), sessionId: null, clientRef })).toEqual({ ok: false, error: "clientRefReused" });
    // And a day's tap id is not a session's.
    const other = await invitee(event.id);
    const dayRef = randomUUID();
    expect(await checkIn({ ...sessionTap(event.id, other.id, opening.id), sessionId: null, clientRef: dayRef })).toMatchObject({ ok: true, status: "checkedIn" });
    expect(await checkIn({ ...sessionTap(event.id, other.id, opening.id), clientRef: dayRef })).toEqual({ ok: false, error: "clientRefReused" });
  });

  it("undoes a session check-in alone (the day stays), and undoing the day takes that day's sessions with it", async () => {
    const { event, opening, panel, secondDay } = await workshopWithAgenda();
    const person = await invitee(event.id);
    const clientRef = randomUUID();
    const atOpening = await checkIn({ ...sessionTap(event.id, person.id, opening.id), clientRef });
    await checkIn(sessionTap(event.id, person.id, panel.id));
    await checkIn(sessionTap(event.id, person.id, secondDay.id, "2026-03-28"));
    if (!atOpening.ok) throw new Error("not checked in");

    expect(await undoSessionCheckIn(trainer.id, "another-event", atOpening.attendanceId)).toEqual({ ok: false, error: "notFound" });
    expect(await undoSessionCheckIn(trainer.id, event.id, atOpening.attendanceId)).toEqual({ ok: true, personId: person.id });
    expect(await prisma.sessionAttendance.count({ where: { sessionId: opening.id } })).toBe(0);
    expect(await prisma.sessionAttendance.count({ where: { sessionId: panel.id } })).toBe(1);
    expect(await prisma.attendance.count({ where: { eventId: event.id } })).toBe(2);
    // A late copy of the undone tap does not check them in again.
    expect(await checkIn({ ...sessionTap(event.id, person.id, opening.id), clientRef })).toEqual({ ok: false, error: "tapUndone" });
    expect(await prisma.auditLog.count({ where: { subjectId: event.id, action: "attendance.session_undone" } })).toBe(1);

    const firstDay = await prisma.attendance.findFirstOrThrow({ where: { eventId: event.id, day: "2026-03-27" } });
    expect(await undoCheckIn(trainer.id, event.id, firstDay.id)).toEqual({ ok: true, personId: person.id });
    const left = await prisma.sessionAttendance.findMany({ where: { eventId: event.id } });
    expect(left.map((s) => s.sessionId)).toEqual([secondDay.id]);
    expect((await prisma.attendance.findMany({ where: { eventId: event.id } })).map((a) => a.day)).toEqual(["2026-03-28"]);
  });

  it("checks several ticked people in to a session, naming one no longer invited; a walk-in and a paper sheet go to the session too", async () => {
    const { event, panel } = await workshopWithAgenda();
    const [a, b] = [await invitee(event.id, "Agim Session"), await invitee(event.id, "Besa Session")];
    const withdrawn = await invitee(event.id, "Withdrawn Session", "CANCELLED");
    const many = await checkInMany(trainer, { eventId: event.id, day: "2026-03-27", sessionId: panel.id, personIds: [a.id, b.id, withdrawn.id] });
    expect(many).toEqual({ ok: true, checkedIn: 2, already: 0, refused: [{ personId: withdrawn.id, name: "Withdrawn Session", error: "notInvited" }] });

    const walkIn = await checkInWalkIn(trainer, { eventId: event.id, day: "2026-03-27", sessionId: panel.id, person: { name: "Walk-in At The Panel" } });
    expect(walkIn).toMatchObject({ ok: true, status: "checkedIn", matched: false });

    const c = await invitee(event.id, "Ceni Paper");
    const sheet = await recordPaperSheet(trainer, {
      eventId: event.id,
      day: "2026-03-27",
      sessionId: panel.id,
      personIds: [a.id, c.id],
      walkIns: [{ name: "Written At The Panel" }],
    });
    expect(sheet).toEqual({ ok: true, added: 1, already: 1, refused: 0, walkIns: 1 });
    expect(await checkedInPersonIds(event.id, "2026-03-27", panel.id)).toEqual(
      new Set((await prisma.sessionAttendance.findMany({ where: { sessionId: panel.id } })).map((s) => s.personId)),
    );
    expect(await prisma.sessionAttendance.count({ where: { sessionId: panel.id } })).toBe(5);
    expect(await prisma.attendance.count({ where: { eventId: event.id, day: "2026-03-27" } })).toBe(5);
    const methods = await prisma.sessionAttendance.findMany({ where: { sessionId: panel.id }, include: { person: { select: { name: true } } } });
    expect(Object.fromEntries(methods.map((m) => [m.person.name, m.method]))).toMatchObject({
      "Walk-in At The Panel": "WALK_IN",
      "Written At The Panel": "PAPER",
      "Ceni Paper": "PAPER",
      "Agim Session": "NAME_SEARCH",
    });
  });

  it("lists, for the door, who is at the session (not who is in for the day), and finds the page's session in its address", async () => {
    const { event, opening, panel } = await workshopWithAgenda();
    const [a, b] = [await invitee(event.id, "Arta At Opening"), await invitee(event.id, "Blerim Day Only")];
    await checkIn(sessionTap(event.id, a.id, opening.id));
    await checkIn({ ...sessionTap(event.id, b.id, opening.id), sessionId: null });
    const walkIn = await checkInWalkIn(trainer, { eventId: event.id, day: "2026-03-27", sessionId: opening.id, person: { name: "Dren Walk-in" } });

    const list = await checkInList(event.id, "2026-03-27", opening.id);
    const present = Object.fromEntries(list.map((row) => [row.person.name, !!row.attendance]));
    expect(present).toEqual({ "Arta At Opening": true, "Blerim Day Only": false, "Dren Walk-in": true });
    const wholeDay = await checkInList(event.id, "2026-03-27");
    expect(wholeDay.filter((row) => row.attendance).map((row) => row.person.name).sort()).toEqual(["Arta At Opening", "Blerim Day Only", "Dren Walk-in"]);
    const polled = await presentOnDay(event.id, "2026-03-27", opening.id);
    expect(polled.map((p) => [p.person.name, p.onList])).toEqual([
      ["Arta At Opening", true],
      ["Dren Walk-in", false],
    ]);
    expect(polled[1].id).toBe(walkIn.ok ? walkIn.attendanceId : "");
    expect(await presentOnDay(event.id, "2026-03-27", panel.id)).toEqual([]);

    const forPage = (await eventForCheckIn(event.id))!;
    expect(forPage.sessions.map((s) => [s.title, s.day])).toEqual([
      ["Opening", "2026-03-27"],
      ["Panel on housing", "2026-03-27"],
      ["Field visit", "2026-03-28"],
    ]);
    // A session decides the day; an unknown one falls back to the day asked for.
    expect(checkInPlaceOf(forPage, { day: "2026-03-27", session: forPage.sessions[2].id })).toMatchObject({ day: "2026-03-28", session: { title: "Field visit" } });
    expect(checkInPlaceOf(forPage, { day: "2026-03-28", session: "elsewhere" })).toEqual({ day: "2026-03-28", session: null });
  });

  it("will not delete a session people were checked in to", async () => {
    const { event, opening, panel } = await workshopWithAgenda();
    const person = await invitee(event.id);
    await checkIn(sessionTap(event.id, person.id, opening.id));
    expect(await deleteSession(trainer.id, event.id, opening.id)).toMatchObject({ ok: false, message: "events.errors.sessionHasCheckIns" });
    expect(await prisma.eventSession.count({ where: { id: opening.id } })).toBe(1);
    expect(await deleteSession(trainer.id, event.id, panel.id)).toEqual({ ok: true });
  });
});

describe("reports per session", () => {
  it("count each session's check-ins beside the days and the different people, for one event and across events", async () => {
    const { event, opening, panel, secondDay } = await workshopWithAgenda();
    const people = await Promise.all([1, 2, 3, 4].map(() => invitee(event.id)));
    for (const p of people) await checkIn(sessionTap(event.id, p.id, opening.id));
    for (const p of people.slice(0, 2)) await checkIn(sessionTap(event.id, p.id, panel.id));
    await checkIn(sessionTap(event.id, people[0].id, secondDay.id, "2026-03-28"));

    const report = (await eventReport(trainer, event.id, "en"))!;
    expect(report.totals).toMatchObject({ participations: 4, people: 4, personDays: 5, sessionCheckIns: 7 });
    expect(report.days.map((d) => [d.day, d.count])).toEqual([
      ["2026-03-27", 4],
      ["2026-03-28", 1],
    ]);
    expect(report.sessions.map((s) => [s.title, s.label, s.count])).toEqual([
      ["Opening", "27 Mar 2026, 09:00", 4],
      ["Panel on housing", "27 Mar 2026, 11:00", 2],
      ["Field visit", "28 Mar 2026, 09:00", 1],
    ]);

    const across = await programmeReport(trainer, { from: "2026-03-27", to: "2026-03-27" }, "en");
    const line = across.events.find((e) => e.id === event.id)!;
    expect(line).toMatchObject({ attended: 4, personDays: 5, sessionCheckIns: 7 });
    expect(across.sessions.filter((s) => s.eventId === event.id).map((s) => s.count)).toEqual([4, 2, 1]);
    expect(across.totals.sessionCheckIns).toBe(across.sessions.reduce((n, s) => n + s.count, 0));

    const csv = (await exportReport({ ...trainer }, { eventId: event.id }, "csv", "en"))!.body.toString("utf-8");
    expect(csv).toContain('"Attendance per session","Panel on housing · 27 Mar 2026, 11:00","2"');
    expect(csv).toContain('"Summary","Session check-ins","7"');
  });
});

const pdftotextMissing = (() => {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return false;
  } catch {
    return true;
  }
})();

describe.skipIf(pdftotextMissing && process.env.CI !== "true")("the paper sheet of a session", () => {
  it("names the session, its time and room under the date, in Serbian Cyrillic too; a session of another day has no sheet", async () => {
    const { event, panel, secondDay } = await workshopWithAgenda();
    await invitee(event.id, "Drita Hoxha");
    const text = async (locale: "en" | "sr-Cyrl") => {
      const pdf = await renderSignInSheet(event.id, "2026-03-27", locale, panel.id);
      const file = join(mkdtempSync(join(tmpdir(), "durable-sheet-")), "sheet.pdf");
      writeFileSync(file, pdf!);
      return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString().replace(/\s+/g, " ");
    };
    const english = await text("en");
    expect(english).toContain("Session: Panel on housing, 11:00–13:00, Hall B");
    expect(english).toContain("Drita Hoxha");
    expect(await text("sr-Cyrl")).toContain("Сесија: Panel on housing, 11:00–13:00, Hall B");
    expect(await renderSignInSheet(event.id, "2026-03-27", "en", secondDay.id)).toBeNull();
    expect(await renderSignInSheet(event.id, "2026-03-27", "en", "no-such-session")).toBeNull();
    const wholeDay = await renderSignInSheet(event.id, "2026-03-27", "en");
    expect(wholeDay).not.toBeNull();
  });
});
