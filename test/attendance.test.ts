import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";
import { parseWithZod } from "@conform-to/zod/v4";
import { prisma } from "~/db.server";
import type { EventStatus } from "~/generated/prisma/enums";
import {
  attendanceList,
  checkIn,
  checkInList,
  checkInMany,
  checkInQrPng,
  checkInWalkIn,
  checkInWithCode,
  dayHasBegun,
  defaultCheckInDay,
  directoryMatchesForCheckIn,
  eventDays,
  peopleToCompleteFromEvent,
  recordPaperSheet,
  undoCheckIn,
} from "~/models/attendance.server";
import { personHistory } from "~/models/person-history.server";
import { listPeople } from "~/models/person.server";
import { packCheckInRows, PaperSheetForm, unpackCheckInRows, writtenInPeople } from "~/utils/attendance";
import { foldForSearch } from "~/utils/search";
import { requestInvitationSending, sendRequestedInvitations } from "~/models/invitation-list.server";
import { deliverDueEmails } from "~/models/outbox.server";
import { createMailTransport } from "~/utils/mailer.server";
import { checkInCode, verifyCheckInCode } from "~/utils/tokens.server";
import { startSmtpPeer } from "./helpers/smtp";
import { seed } from "../prisma/seed";
import { asSessionUser, createEvent, createPerson, createUser, invite } from "./helpers/factories";

let trainer: Awaited<ReturnType<typeof createUser>>;
let editor: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  await seed(process.env.DATABASE_URL, { demoUsers: false });
  trainer = await createUser({ roles: ["TRAINER"] });
  editor = await createUser({ roles: ["EDITOR"] });
});

/** A three-day workshop in Gjilan, already held: 27, 28 and 29 March 2026 (Belgrade time). */
async function threeDayWorkshop(status: EventStatus = "PUBLISHED") {
  return createEvent({
    status,
    venueName: "Salla e Kuvendit Komunal",
    startsAt: new Date("2026-03-27T08:00:00Z"),
    endsAt: new Date("2026-03-29T15:00:00Z"),
    capacity: 30,
    titles: { sq: "Punëtori tri-ditore", en: "Three-day workshop" },
  });
}

async function invitee(eventId: string, status: "PENDING" | "ACCEPTED" | "DECLINED" | "CANCELLED" | "WAITLISTED" = "ACCEPTED", name?: string) {
  const person = await createPerson({ name });
  await prisma.person.update({ where: { id: person.id }, data: { searchText: foldForSearch(person.name, person.email) } });
  const invitation = await invite({ id: eventId }, person, status);
  return { person, invitation };
}

const tap = (eventId: string, personId: string, day = "2026-03-27") => ({
  eventId,
  personId,
  day,
  method: "NAME_SEARCH" as const,
  checkedInById: trainer.id,
});

describe("checking people in at the door", () => {
  it("checks in an accepted invitee once, and a double tap answers 'already checked in' without a second row", async () => {
    const event = await threeDayWorkshop();
    const { person, invitation } = await invitee(event.id);
    const first = await checkIn(tap(event.id, person.id));
    expect(first).toMatchObject({ ok: true, status: "checkedIn", personId: person.id });
    const second = await checkIn(tap(event.id, person.id));
    expect(second).toMatchObject({ ok: true, status: "alreadyCheckedIn" });
    const rows = await prisma.attendance.findMany({ where: { eventId: event.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ invitationId: invitation.id, method: "NAME_SEARCH", checkedInById: trainer.id, day: "2026-03-27" });
    const audit = await prisma.auditLog.findMany({ where: { action: "attendance.checked_in", subjectId: event.id } });
    expect(audit).toHaveLength(1);
  });

  it("records two taps arriving at the same moment (two phones, or a double tap) once", async () => {
    const event = await threeDayWorkshop();
    const { person } = await invitee(event.id);
    const results = await Promise.all([checkIn(tap(event.id, person.id)), checkIn(tap(event.id, person.id)), checkIn(tap(event.id, person.id))]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && r.status === "checkedIn")).toHaveLength(1);
    expect(await prisma.attendance.count({ where: { eventId: event.id } })).toBe(1);
  });

  it("answers the same offline tap sent twice the same way, with one row", async () => {
    const event = await threeDayWorkshop();
    const { person } = await invitee(event.id);
    const clientRef = randomUUID();
    const at = new Date("2026-03-27T08:05:00Z");
    const first = await checkIn({ ...tap(event.id, person.id), clientRef, at });
    const again = await checkIn({ ...tap(event.id, person.id), clientRef, at });
    const concurrent = await Promise.all([checkIn({ ...tap(event.id, person.id), clientRef }), checkIn({ ...tap(event.id, person.id), clientRef })]);
    expect(first).toMatchObject({ ok: true, status: "checkedIn" });
    for (const answer of [again, ...concurrent]) expect(answer).toEqual(first);
    const rows = await prisma.attendance.findMany({ where: { eventId: event.id } });
    expect(rows).toHaveLength(1);
    // The time of the tap is kept, not the time it reached the server.
    expect(rows[0].checkedInAt.toISOString()).toBe(at.toISOString());
    // A clientRef cannot be reused for someone else.
    const other = await invitee(event.id);
    expect(await checkIn({ ...tap(event.id, other.person.id), clientRef })).toEqual({ ok: false, error: "clientRefReused" });
  });

  it("checks in a multi-day event per local day, and refuses a day outside it", async () => {
    const event = await threeDayWorkshop();
    expect(eventDays(event)).toEqual(["2026-03-27", "2026-03-28", "2026-03-29"]);
    const { person } = await invitee(event.id);
    for (const day of ["2026-03-27", "2026-03-28", "2026-03-29"]) {
      expect(await checkIn(tap(event.id, person.id, day))).toMatchObject({ ok: true, status: "checkedIn" });
    }
    expect(await checkIn(tap(event.id, person.id, "2026-03-30"))).toEqual({ ok: false, error: "dayOutsideEvent" });
    expect(await checkIn(tap(event.id, person.id, "2026-03-26"))).toEqual({ ok: false, error: "dayOutsideEvent" });
    expect(await prisma.attendance.count({ where: { eventId: event.id } })).toBe(3);
    expect((await attendanceList(event.id, "2026-03-28")).map((a) => a.personId)).toEqual([person.id]);
    expect(await attendanceList(event.id)).toHaveLength(3);
  });

  it("counts days in Belgrade time, not UTC: an event starting 00:30 local is on that local day", async () => {
    const late = { startsAt: new Date("2026-06-30T22:30:00Z"), endsAt: new Date("2026-06-30T23:30:00Z"), timeZone: "Europe/Belgrade" };
    expect(eventDays(late)).toEqual(["2026-07-01"]);
    expect(defaultCheckInDay(["2026-07-01", "2026-07-02"], new Date("2026-07-01T22:30:00Z"))).toBe("2026-07-02");
    expect(defaultCheckInDay(["2026-07-01", "2026-07-02"], new Date("2026-06-01T10:00:00Z"))).toBe("2026-07-01");
    expect(defaultCheckInDay(["2026-07-01", "2026-07-02"], new Date("2026-08-01T10:00:00Z"))).toBe("2026-07-02");
  });

  it("refuses a draft or cancelled event, and accepts a completed one (paper sheets are entered afterwards)", async () => {
    for (const status of ["DRAFT", "CANCELLED"] as const) {
      const event = await threeDayWorkshop(status);
      const { person } = await invitee(event.id);
      expect(await checkIn(tap(event.id, person.id))).toEqual({ ok: false, error: "eventNotOpen" });
    }
    const completed = await threeDayWorkshop("COMPLETED");
    const { person } = await invitee(completed.id);
    expect(await checkIn(tap(completed.id, person.id))).toMatchObject({ ok: true, status: "checkedIn" });
    expect(await checkIn(tap("no-such-event", person.id))).toEqual({ ok: false, error: "eventNotFound" });
  });

  it("refuses someone not invited, withdrawn or declined, unless taken as a walk-in", async () => {
    const event = await threeDayWorkshop();
    const stranger = await createPerson();
    const declined = await invitee(event.id, "DECLINED");
    const withdrawn = await invitee(event.id, "CANCELLED");
    for (const personId of [stranger.id, declined.person.id, withdrawn.person.id]) {
      expect(await checkIn(tap(event.id, personId))).toEqual({ ok: false, error: "notInvited" });
    }
    expect(await prisma.attendance.count({ where: { eventId: event.id } })).toBe(0);
    // Those who have not answered, or wait for a seat, may still come.
    for (const status of ["PENDING", "WAITLISTED"] as const) {
      const { person } = await invitee(event.id, status);
      expect(await checkIn(tap(event.id, person.id))).toMatchObject({ ok: true, status: "checkedIn" });
    }
    const walkIn = await checkIn({ ...tap(event.id, declined.person.id), method: "WALK_IN" });
    expect(walkIn).toMatchObject({ ok: true, status: "checkedIn" });
    const row = await prisma.attendance.findFirstOrThrow({ where: { eventId: event.id, personId: declined.person.id } });
    expect(row.method).toBe("WALK_IN");
  });

  it("refuses an erased person", async () => {
    const event = await threeDayWorkshop();
    const { person } = await invitee(event.id);
    await prisma.person.update({ where: { id: person.id }, data: { erasedAt: new Date(), name: "" } });
    expect(await checkIn(tap(event.id, person.id))).toEqual({ ok: false, error: "personNotFound" });
  });

  it("undoes a check-in made by mistake, and the audit log keeps what it was", async () => {
    const event = await threeDayWorkshop();
    const { person } = await invitee(event.id);
    const done = await checkIn(tap(event.id, person.id));
    if (!done.ok) throw new Error("check-in refused");
    const other = await threeDayWorkshop();
    expect(await undoCheckIn(trainer.id, other.id, done.attendanceId)).toEqual({ ok: false, error: "notFound" });
    expect(await undoCheckIn(trainer.id, event.id, done.attendanceId)).toEqual({ ok: true, personId: person.id });
    expect(await prisma.attendance.count({ where: { eventId: event.id } })).toBe(0);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "attendance.undone", subjectId: event.id } });
    expect(JSON.parse(audit.details)).toMatchObject({ personId: person.id, day: "2026-03-27", method: "NAME_SEARCH" });
    expect(audit.actorId).toBe(trainer.id);
    // Checked in again afterwards, it is a fresh check-in.
    expect(await checkIn(tap(event.id, person.id))).toMatchObject({ ok: true, status: "checkedIn" });
  });

  it("answers a late copy of an undone tap 'undone' instead of checking the person in again, while a new tap does", async () => {
    const event = await threeDayWorkshop();
    const { person } = await invitee(event.id);
    const sent = { ...tap(event.id, person.id), clientRef: `tap-${randomUUID()}` };
    const done = await checkIn(sent);
    if (!done.ok) throw new Error("check-in refused");
    await undoCheckIn(trainer.id, event.id, done.attendanceId);
    // The phone's copy whose answer was lost arrives after the undo.
    expect(await checkIn(sent)).toEqual({ ok: false, error: "tapUndone" });
    expect(await checkInWithCode({ eventId: event.id, day: sent.day, checkedInById: trainer.id, clientRef: sent.clientRef, code: checkInCode((await prisma.invitation.findFirstOrThrow({ where: { eventId: event.id, personId: person.id } })).id) })).toEqual({
      ok: false,
      error: "tapUndone",
    });
    expect(await prisma.attendance.count({ where: { eventId: event.id } })).toBe(0);
    // The same reference on another event is someone else's tap.
    const other = await threeDayWorkshop();
    const { person: elsewhere } = await invitee(other.id);
    expect(await checkIn({ ...tap(other.id, elsewhere.id), clientRef: sent.clientRef })).toEqual({ ok: false, error: "clientRefReused" });
    // A new tap for the person checks them in.
    expect(await checkIn({ ...tap(event.id, person.id), clientRef: `tap-${randomUUID()}` })).toMatchObject({ ok: true, status: "checkedIn" });
    // A late copy of an undone walk-in is refused the same way.
    const walkIn = { eventId: event.id, day: "2026-03-28", clientRef: `walk-${randomUUID()}`, person: { name: "Blerta Late" } };
    const walked = await checkInWalkIn(asSessionUser(trainer), walkIn);
    if (!walked.ok) throw new Error("walk-in refused");
    await undoCheckIn(trainer.id, event.id, walked.attendanceId);
    expect(await checkInWalkIn(asSessionUser(trainer), walkIn)).toEqual({ ok: false, error: "tapUndone" });
  });

  it("refuses a day that has not come yet in the event's time zone, on the app and from a paper sheet", async () => {
    const DAY = 86_400_000;
    // Started yesterday, ends tomorrow (Belgrade time): today and yesterday are open, tomorrow is not.
    const now = new Date();
    const event = await createEvent({ status: "PUBLISHED", startsAt: new Date(now.getTime() - DAY), endsAt: new Date(now.getTime() + DAY) });
    const { person } = await invitee(event.id);
    const [yesterday, today, tomorrow] = eventDays({ ...event, timeZone: "Europe/Belgrade" });
    expect(await checkIn(tap(event.id, person.id, tomorrow))).toEqual({ ok: false, error: "dayNotStarted" });
    expect(await checkInWalkIn(asSessionUser(trainer), { eventId: event.id, day: tomorrow, person: { name: "Too Early" } })).toEqual({ ok: false, error: "dayNotStarted" });
    expect(await recordPaperSheet(asSessionUser(trainer), { eventId: event.id, day: tomorrow, personIds: [person.id], walkIns: [] })).toEqual({ ok: false, error: "dayNotStarted" });
    expect(await prisma.person.count({ where: { name: "Too Early" } })).toBe(0);
    expect(await checkIn(tap(event.id, person.id, today))).toMatchObject({ ok: true, status: "checkedIn" });
    expect(await recordPaperSheet(asSessionUser(trainer), { eventId: event.id, day: yesterday, personIds: [person.id], walkIns: [] })).toMatchObject({ ok: true, added: 1 });
    // The day begins at midnight where the event is, not where the server is.
    expect(dayHasBegun("2026-07-01", "Europe/Belgrade", new Date("2026-06-30T21:59:00Z"))).toBe(false);
    expect(dayHasBegun("2026-07-01", "Europe/Belgrade", new Date("2026-06-30T22:00:00Z"))).toBe(true);
    expect(dayHasBegun("2026-07-01", "America/New_York", new Date("2026-07-01T03:59:00Z"))).toBe(false);
  });
});

describe("QR codes for check-in", () => {
  it("checks in the person whose invitation code is scanned, and refuses a tampered code or another event's", async () => {
    const event = await threeDayWorkshop();
    const { person, invitation } = await invitee(event.id);
    const code = checkInCode(invitation.id);
    const links = await prisma.invitationLink.findMany({ where: { invitationId: invitation.id } });
    for (const link of links) expect(code).not.toContain(link.tokenHash);
    expect(verifyCheckInCode(code)).toBe(invitation.id);
    // Stable: the same invitation always has the same code (reminders rotate the link, not this).
    expect(checkInCode(invitation.id)).toBe(code);

    const tampered = code.slice(0, -1) + (code.endsWith("A") ? "B" : "A");
    const base = { eventId: event.id, day: "2026-03-27", checkedInById: trainer.id };
    expect(await checkInWithCode({ ...base, code: tampered })).toEqual({ ok: false, error: "invalidCode" });
    expect(await checkInWithCode({ ...base, code: `DURABLE-CHECKIN:${invitation.id}.${"x".repeat(22)}` })).toEqual({ ok: false, error: "invalidCode" });
    expect(await checkInWithCode({ ...base, code: "https://example.org" })).toEqual({ ok: false, error: "invalidCode" });
    const elsewhere = await threeDayWorkshop();
    const foreign = await invitee(elsewhere.id);
    expect(await checkInWithCode({ ...base, code: checkInCode(foreign.invitation.id) })).toEqual({ ok: false, error: "wrongEvent" });

    expect(await checkInWithCode({ ...base, code })).toMatchObject({ ok: true, status: "checkedIn", personId: person.id });
    expect(await checkInWithCode({ ...base, code })).toMatchObject({ ok: true, status: "alreadyCheckedIn" });
    const row = await prisma.attendance.findFirstOrThrow({ where: { eventId: event.id } });
    expect(row.method).toBe("QR");
  });
});

describe("the QR code in the invitation email", () => {
  it("arrives over SMTP as an inline image of the invitation's check-in code, shown in the HTML", async () => {
    const peer = await startSmtpPeer();
    try {
      // Invitations go out before the event: one two weeks ahead.
      const event = await createEvent({ status: "PUBLISHED" });
      const { invitation } = await invitee(event.id, "PENDING");
      expect(await requestInvitationSending(trainer.id, event.id, "http://durable.test")).toMatchObject({ ok: true, queued: 1 });
      expect(await sendRequestedInvitations()).toMatchObject({ sent: 1 });
      await deliverDueEmails(createMailTransport(peer.url));
      const [mail] = await peer.waitFor(1);
      const image = mail.attachments.find((a) => a.contentType === "image/png");
      expect(image?.cid).toBe("checkin-qr@durable");
      // mailparser resolves the cid: reference, so the HTML shows this very image inline.
      expect(mail.html).toContain(`src="data:image/png;base64,${image!.content.toString("base64")}"`);
      expect(Buffer.compare(image!.content, await checkInQrPng(invitation.id))).toBe(0);
      expect(mail.attachments.some((a) => a.contentType.startsWith("text/calendar"))).toBe(true);
    } finally {
      await peer.close();
    }
  });
});

describe("the QR code's image", () => {
  it("reads back as the invitation's check-in code: 240 pixels square, whole pixels per module, a quiet zone of at least two", async () => {
    const { prepareZXingModule, readBarcodes } = await import("zxing-wasm/reader");
    const wasm = readFileSync(fileURLToPath(import.meta.resolve("zxing-wasm/reader/zxing_reader.wasm")));
    prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer }, fireImmediately: true });
    for (const id of ["c", randomUUID(), "cm".padEnd(64, "x")]) {
      const png = await checkInQrPng(id);
      const image = PNG.sync.read(png);
      expect([image.width, image.height]).toEqual([240, 240]);
      const [read] = await readBarcodes(new Blob([new Uint8Array(png)], { type: "image/png" }), { formats: ["QRCode"], tryHarder: false });
      expect(read?.text).toBe(checkInCode(id));
      // The dark modules' box, measured on the image: centred, with white around it at least two modules wide.
      const pixels = [...Array(240).keys()];
      const dark = (x: number, y: number) => image.data[(y * 240 + x) * 4] < 128;
      const columns = pixels.filter((x) => pixels.some((y) => dark(x, y)));
      const rows = pixels.filter((y) => pixels.some((x) => dark(x, y)));
      const [left, right, top, bottom] = [columns[0], 239 - columns.at(-1)!, rows[0], 239 - rows.at(-1)!];
      // The top-left finder pattern's first row is seven dark modules.
      const moduleWidth = pixels.findIndex((x) => !dark(left + x, top)) / 7;
      expect(Number.isInteger(moduleWidth)).toBe(true);
      expect(Math.abs(left - right)).toBeLessThanOrEqual(1);
      expect(Math.abs(top - bottom)).toBeLessThanOrEqual(1);
      expect(Math.min(left, top)).toBeGreaterThanOrEqual(2 * moduleWidth);
    }
  });
});

describe("walk-ins", () => {
  it("adds a walk-in to the directory and checks them in; a second phone sending the same walk-in adds nobody twice", async () => {
    const event = await threeDayWorkshop();
    const gjilan = await prisma.municipality.findUniqueOrThrow({ where: { slug: "gjilan" } });
    const clientRef = randomUUID();
    const input = {
      eventId: event.id,
      day: "2026-03-28",
      clientRef,
      person: { name: "Đorđe Đorđević", phone: "+383 44 000 000", municipalityId: gjilan.id, gender: "MAN" as const, community: "KOSOVO_SERB" as const },
    };
    const first = await checkInWalkIn(asSessionUser(trainer), input);
    expect(first).toMatchObject({ ok: true, status: "checkedIn", matched: false });
    expect(await checkInWalkIn(asSessionUser(trainer), input)).toMatchObject({ ok: true, status: "checkedIn", attendanceId: first.ok ? first.attendanceId : "" });
    const people = await prisma.person.findMany({ where: { name: "Đorđe Đorđević" } });
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({ gender: "MAN", community: "KOSOVO_SERB", municipalityId: gjilan.id, createdById: trainer.id });
    expect(people[0].searchText).toContain("djordjevic");
    expect(people[0].searchText).toContain("dordevic");
    const row = await prisma.attendance.findFirstOrThrow({ where: { eventId: event.id } });
    expect(row).toMatchObject({ method: "WALK_IN", invitationId: null, day: "2026-03-28" });
    // Without an email, the same name already checked in that day is the same walk-in.
    expect(await checkInWalkIn(asSessionUser(trainer), { ...input, clientRef: randomUUID() })).toMatchObject({ ok: true, status: "alreadyCheckedIn" });
    expect(await prisma.person.count({ where: { name: "Đorđe Đorđević" } })).toBe(1);
  });

  it("matches a walk-in already in the directory by email instead of duplicating them", async () => {
    const event = await threeDayWorkshop();
    const known = await createPerson({ name: "Arta Krasniqi", email: "arta@example.org" });
    const result = await checkInWalkIn(asSessionUser(trainer), {
      eventId: event.id,
      day: "2026-03-27",
      person: { name: "Arta K.", email: " ARTA@example.org " },
    });
    expect(result).toMatchObject({ ok: true, status: "checkedIn", personId: known.id, matched: true });
    expect(await prisma.person.count({ where: { email: "arta@example.org" } })).toBe(1);
    // The directory record is not rewritten by what was typed at the door.
    expect((await prisma.person.findUniqueOrThrow({ where: { id: known.id } })).name).toBe("Arta Krasniqi");
  });

  it("does not let someone who may not see gender and community set them", async () => {
    const event = await threeDayWorkshop();
    const result = await checkInWalkIn(asSessionUser(editor), {
      eventId: event.id,
      day: "2026-03-27",
      person: { name: "Besa Gashi", gender: "WOMAN", community: "ROMA" },
    });
    expect(result.ok).toBe(true);
    const person = await prisma.person.findFirstOrThrow({ where: { name: "Besa Gashi" } });
    expect(person.gender).toBeNull();
    expect(person.community).toBeNull();
  });

  it("refuses a walk-in on a day outside the event without adding them to the directory", async () => {
    const event = await threeDayWorkshop();
    const result = await checkInWalkIn(asSessionUser(trainer), { eventId: event.id, day: "2026-04-01", person: { name: "Nobody Added" } });
    expect(result).toEqual({ ok: false, error: "dayOutsideEvent" });
    expect(await prisma.person.count({ where: { name: "Nobody Added" } })).toBe(0);
  });
});

describe("paper sign-in sheets", () => {
  it("enters a signed sheet at once: ticked names, written-in names, and nobody twice when saved again", async () => {
    const event = await threeDayWorkshop("COMPLETED");
    const a = await invitee(event.id, "ACCEPTED");
    const b = await invitee(event.id, "ACCEPTED");
    const declined = await invitee(event.id, "DECLINED");
    await checkIn(tap(event.id, a.person.id, "2026-03-28"));
    const sheet = {
      eventId: event.id,
      day: "2026-03-28",
      personIds: [a.person.id, b.person.id, declined.person.id],
      walkIns: [{ name: "Luan Morina" }, { name: "  " }],
    };
    expect(await recordPaperSheet(asSessionUser(trainer), sheet)).toEqual({ ok: true, added: 1, already: 1, refused: 1, walkIns: 1 });
    expect(await recordPaperSheet(asSessionUser(trainer), sheet)).toEqual({ ok: true, added: 0, already: 3, refused: 1, walkIns: 0 });
    const rows = await attendanceList(event.id, "2026-03-28");
    expect(rows.map((r) => r.person.name).sort()).toEqual([a.person.name, b.person.name, "Luan Morina"].sort());
    expect(rows.find((r) => r.personId === b.person.id)?.method).toBe("PAPER");
    expect(await prisma.person.count({ where: { name: "Luan Morina" } })).toBe(1);
  });

  it("saves nothing when the day is wrong", async () => {
    const event = await threeDayWorkshop();
    const a = await invitee(event.id);
    const result = await recordPaperSheet(asSessionUser(trainer), { eventId: event.id, day: "2026-05-01", personIds: [a.person.id], walkIns: [{ name: "Written In" }] });
    expect(result).toEqual({ ok: false, error: "dayOutsideEvent" });
    expect(await prisma.attendance.count({ where: { eventId: event.id } })).toBe(0);
    expect(await prisma.person.count({ where: { name: "Written In" } })).toBe(0);
  });
});

describe("gender and community from a paper sheet", () => {
  it("records what was ticked on the sheet on the people it creates, marked as created from a sheet", async () => {
    const event = await threeDayWorkshop("COMPLETED");
    const result = await recordPaperSheet(asSessionUser(trainer), {
      eventId: event.id,
      day: "2026-03-29",
      personIds: [],
      walkIns: [
        { name: "Shpresa Ticked", gender: "WOMAN", community: "ASHKALI" },
        { name: "Gani Blank", gender: null, community: null },
      ],
    });
    expect(result).toMatchObject({ ok: true, walkIns: 2 });
    const ticked = await prisma.person.findFirstOrThrow({ where: { name: "Shpresa Ticked" } });
    expect(ticked).toMatchObject({ gender: "WOMAN", community: "ASHKALI", createdVia: "PAPER" });
    expect(await prisma.person.findFirstOrThrow({ where: { name: "Gani Blank" } })).toMatchObject({ gender: null, community: null, createdVia: "PAPER" });
  });

  it("does not record them for someone who may not see them, whatever the sheet carried", async () => {
    const event = await threeDayWorkshop("COMPLETED");
    const result = await recordPaperSheet(asSessionUser(editor), {
      eventId: event.id,
      day: "2026-03-29",
      personIds: [],
      walkIns: [{ name: "Valbona Hidden", gender: "WOMAN", community: "ROMA" }],
    });
    expect(result).toMatchObject({ ok: true, walkIns: 1 });
    expect(await prisma.person.findFirstOrThrow({ where: { name: "Valbona Hidden" } })).toMatchObject({ gender: null, community: null });
  });

  it("reads the entering form's rows by position, leaves out empty rows, and refuses a row with no name", () => {
    const form = new FormData();
    for (const [name, email, gender, community] of [
      ["Ana Row", "", "WOMAN", "ROMA"],
      ["", "", "", ""],
      ["Burim Row", "burim@example.org", "", "GORANI"],
    ]) {
      form.append("writtenName", name);
      form.append("writtenEmail", email);
      form.append("writtenGender", gender);
      form.append("writtenCommunity", community);
    }
    form.append("day", "2026-03-29");
    const sheet = parseWithZod(form, { schema: PaperSheetForm });
    expect(sheet.status).toBe("success");
    expect(writtenInPeople(sheet.status === "success" ? sheet.value : { writtenName: [], writtenEmail: [], writtenGender: [], writtenCommunity: [] })).toEqual([
      { name: "Ana Row", email: null, gender: "WOMAN", community: "ROMA" },
      { name: "Burim Row", email: "burim@example.org", gender: null, community: "GORANI" },
    ]);
    form.set("writtenName", "");
    const halfTyped = parseWithZod(form, { schema: PaperSheetForm });
    // The first row now has only the gender and community: refused beside its name.
    expect(halfTyped.status).toBe("error");
    expect(halfTyped.status === "error" ? halfTyped.error?.["writtenName[0]"] : null).toEqual(["invitations.checkin.paper.nameRequired"]);
  });
});

describe("people created at check-in, to complete", () => {
  it("lists those created at this event's check-in with a detail missing, until a trainer completes them", async () => {
    const event = await threeDayWorkshop("COMPLETED");
    const gjilan = await prisma.municipality.findUniqueOrThrow({ where: { slug: "gjilan" } });
    const { person: invited } = await invitee(event.id, "ACCEPTED", "Invited Without Details");
    await recordPaperSheet(asSessionUser(trainer), {
      eventId: event.id,
      day: "2026-03-27",
      personIds: [invited.id],
      walkIns: [
        { name: "Dardan Nothing" },
        { name: "Flaka Everything", gender: "WOMAN", community: "KOSOVO_ALBANIAN", municipalityId: gjilan.id },
      ],
    });
    await checkInWalkIn(asSessionUser(trainer), { eventId: event.id, day: "2026-03-28", person: { name: "Ermal Door", municipalityId: gjilan.id, gender: "MAN" } });
    const list = await peopleToCompleteFromEvent(asSessionUser(trainer), event.id);
    // Invitees are completed in the directory as before; only people the door created are listed.
    expect(list.map((p) => [p.name, p.missing])).toEqual([
      ["Dardan Nothing", ["municipality", "gender", "community"]],
      ["Ermal Door", ["community"]],
    ]);
    const inDirectory = await listPeople(asSessionUser(trainer), { toComplete: true });
    expect(inDirectory.people.map((p) => p.name)).toEqual(expect.arrayContaining(["Dardan Nothing", "Ermal Door"]));
    expect(inDirectory.people.map((p) => p.name)).not.toContain("Flaka Everything");
    expect(inDirectory.people.map((p) => p.name)).not.toContain("Invited Without Details");
    // Someone who may not see gender and community is not told they are missing.
    expect((await peopleToCompleteFromEvent(asSessionUser(editor), event.id)).map((p) => [p.name, p.missing])).toEqual([["Dardan Nothing", ["municipality"]]]);
    const dardan = list[0];
    await prisma.person.update({ where: { id: dardan.id }, data: { municipalityId: gjilan.id, gender: "MAN", community: "PREFER_NOT_TO_SAY" } });
    expect((await peopleToCompleteFromEvent(asSessionUser(trainer), event.id)).map((p) => p.name)).toEqual(["Ermal Door"]);
  });
});

describe("checking in several people at once from the door's list", () => {
  it("checks in the ticked invitees by the rules of a single tap, counting those already in and naming those refused", async () => {
    const event = await threeDayWorkshop();
    const accepted = await invitee(event.id, "ACCEPTED");
    const pending = await invitee(event.id, "PENDING");
    const waitlisted = await invitee(event.id, "WAITLISTED");
    const alreadyIn = await invitee(event.id, "ACCEPTED");
    const declined = await invitee(event.id, "DECLINED", "Vesa Refuzoi");
    const withdrawn = await invitee(event.id, "CANCELLED", "Ilir Tërhequr");
    const stranger = await createPerson({ name: "Nuk Është Ftuar" });
    const erased = await invitee(event.id, "ACCEPTED");
    await prisma.person.update({ where: { id: erased.person.id }, data: { name: "", erasedAt: new Date() } });
    await checkIn(tap(event.id, alreadyIn.person.id));

    const ticked = [accepted, pending, waitlisted, alreadyIn, declined, withdrawn].map((i) => i.person.id);
    const list = { eventId: event.id, day: "2026-03-27", personIds: [...ticked, stranger.id, erased.person.id, accepted.person.id] };
    expect(await checkInMany(trainer, list)).toEqual({
      ok: true,
      checkedIn: 3,
      already: 1,
      refused: [
        { personId: declined.person.id, name: "Vesa Refuzoi", error: "notInvited" },
        { personId: withdrawn.person.id, name: "Ilir Tërhequr", error: "notInvited" },
        { personId: stranger.id, name: "Nuk Është Ftuar", error: "notInvited" },
        { personId: erased.person.id, name: "", error: "personNotFound" },
      ],
    });
    const rows = await prisma.attendance.findMany({ where: { eventId: event.id, day: "2026-03-27" } });
    expect(rows.map((r) => r.personId).sort()).toEqual([accepted, pending, waitlisted, alreadyIn].map((i) => i.person.id).sort());
    const added = rows.filter((r) => r.personId !== alreadyIn.person.id);
    expect(added.every((r) => r.method === "NAME_SEARCH" && r.checkedInById === trainer.id && r.invitationId !== null)).toBe(true);
    expect(await prisma.auditLog.count({ where: { subjectId: event.id, action: "attendance.checked_in" } })).toBe(4);

    // The same list sent again (a form posted twice) adds nobody.
    expect(await checkInMany(trainer, list)).toMatchObject({ ok: true, checkedIn: 0, already: 4 });
    expect(await prisma.attendance.count({ where: { eventId: event.id } })).toBe(4);
    // Another day of the event is another check-in.
    expect(await checkInMany(trainer, { eventId: event.id, day: "2026-03-28", personIds: [accepted.person.id] })).toEqual({ ok: true, checkedIn: 1, already: 0, refused: [] });
  });

  it("refuses the whole list, recording nobody, when the day is not open: not come yet, outside the event, or the event not published", async () => {
    const now = new Date();
    const coming = await createEvent({ status: "PUBLISHED", startsAt: new Date(now.getTime() + 2 * 86_400_000), hours: 4 });
    const early = await invitee(coming.id);
    const [firstDay] = eventDays({ ...coming, timeZone: "Europe/Belgrade" });
    expect(await checkInMany(trainer, { eventId: coming.id, day: firstDay, personIds: [early.person.id] })).toEqual({ ok: false, error: "dayNotStarted" });

    const held = await threeDayWorkshop();
    const a = await invitee(held.id);
    expect(await checkInMany(trainer, { eventId: held.id, day: "2026-03-30", personIds: [a.person.id] })).toEqual({ ok: false, error: "dayOutsideEvent" });
    const draft = await threeDayWorkshop("DRAFT");
    const b = await invitee(draft.id);
    expect(await checkInMany(trainer, { eventId: draft.id, day: "2026-03-27", personIds: [b.person.id] })).toEqual({ ok: false, error: "eventNotOpen" });
    expect(await checkInMany(trainer, { eventId: "no-such-event", day: "2026-03-27", personIds: [a.person.id] })).toEqual({ ok: false, error: "eventNotFound" });
    expect(await prisma.attendance.count({ where: { eventId: { in: [coming.id, held.id, draft.id] } } })).toBe(0);
  });
});

describe("the door's list", () => {
  it("lists accepted invitees first, then the others, then walk-ins; leaves out withdrawn invitations", async () => {
    const event = await threeDayWorkshop();
    await invitee(event.id, "PENDING", "Ana Pending");
    await invitee(event.id, "DECLINED", "Ana Declined");
    await invitee(event.id, "CANCELLED", "Ana Withdrawn");
    const accepted = await invitee(event.id, "ACCEPTED", "Zana Accepted");
    await checkIn(tap(event.id, accepted.person.id));
    await checkInWalkIn(asSessionUser(trainer), { eventId: event.id, day: "2026-03-27", person: { name: "Ana Walk-in" } });
    const list = await checkInList(event.id, "2026-03-27");
    expect(list.map((row) => row.person.name)).toEqual(["Zana Accepted", "Ana Pending", "Ana Declined", "Ana Walk-in"]);
    expect(list[0].attendance).not.toBeNull();
    expect(list[1].attendance).toBeNull();
    expect(list[3].status).toBeNull();
    // Another day starts empty.
    expect((await checkInList(event.id, "2026-03-28")).filter((row) => row.attendance)).toHaveLength(0);
  });

  it("finds people by an unaccented part of the name, in both spellings of đ", async () => {
    const event = await threeDayWorkshop();
    const drita = await invitee(event.id, "ACCEPTED", "Drita Hoxha");
    const djordje = await createPerson({ name: "Marija Đorđević" });
    await prisma.person.update({ where: { id: djordje.id }, data: { searchText: foldForSearch(djordje.name) } });
    const list = await checkInList(event.id, "2026-03-27");
    expect(list.find((row) => row.person.id === drita.person.id)?.searchText).toContain("drita");
    for (const query of ["djordjevic", "dordevic", "ĐORĐEVIĆ"]) {
      expect((await directoryMatchesForCheckIn(event.id, query)).map((p) => p.id)).toContain(djordje.id);
    }
    // Invitees are on the list already, so the directory search does not offer them again.
    expect((await directoryMatchesForCheckIn(event.id, "drita hoxha")).map((p) => p.id)).not.toContain(drita.person.id);
  });
});

describe("merging two records of a person", () => {
  it("keeps the attendance of the record that goes, once per day", async () => {
    const { mergePeople } = await import("~/models/person.server");
    const event = await threeDayWorkshop();
    const keep = await invitee(event.id);
    const remove = await invitee(event.id);
    await checkIn(tap(event.id, keep.person.id, "2026-03-27"));
    await checkIn(tap(event.id, remove.person.id, "2026-03-27"));
    await checkIn(tap(event.id, remove.person.id, "2026-03-28"));
    expect(await mergePeople(asSessionUser(trainer), keep.person.id, remove.person.id)).toMatchObject({ ok: true });
    const days = (await prisma.attendance.findMany({ where: { eventId: event.id }, orderBy: { day: "asc" } })).map((a) => [a.personId, a.day]);
    expect(days).toEqual([
      [keep.person.id, "2026-03-27"],
      [keep.person.id, "2026-03-28"],
    ]);
  });
});

describe("a person's history", () => {
  it("shows invitations with who recorded each answer, the days attended, and contributions they wrote", async () => {
    const event = await threeDayWorkshop();
    const account = await createUser({ roles: ["MEMBER"], name: "Drita Hoxha" });
    const person = await createPerson({ name: "Drita Hoxha", userId: account.id });
    const invitation = await invite(event, person, "ACCEPTED");
    await prisma.invitationAnswer.create({ data: { invitationId: invitation.id, status: "ACCEPTED", channel: "TRAINER", recordedById: trainer.id } });
    await checkIn(tap(event.id, person.id, "2026-03-27"));
    await checkIn(tap(event.id, person.id, "2026-03-29"));
    const theme = await prisma.theme.findFirstOrThrow();
    const contribution = await prisma.contribution.create({
      data: { title: "Strehimi i kthyesve", themeId: theme.id, createdById: account.id, status: "SUBMITTED", authors: { create: { userId: account.id, isLead: true } } },
    });
    const history = await personHistory(person.id);
    expect(history.events).toHaveLength(1);
    expect(history.events[0]).toMatchObject({ eventId: event.id, status: "ACCEPTED", days: ["2026-03-27", "2026-03-29"] });
    expect(history.events[0].answers).toEqual([expect.objectContaining({ status: "ACCEPTED", channel: "TRAINER", recordedBy: trainer.name })]);
    expect(history.contributions.map((c) => c.id)).toEqual([contribution.id]);

    // Someone who only walked in has the event in their history too.
    const walkIn = await checkInWalkIn(asSessionUser(trainer), { eventId: event.id, day: "2026-03-28", person: { name: "Only Walked In" } });
    const walkInHistory = await personHistory(walkIn.ok ? walkIn.personId : "");
    expect(walkInHistory.events).toEqual([expect.objectContaining({ eventId: event.id, status: null, days: ["2026-03-28"] })]);
    expect(walkInHistory.contributions).toEqual([]);
  });
});

describe("the door's list as the page sends it", () => {
  it("packs each person into one line and back, a name with a tab or a line break included, with the search text made from what the row shows", () => {
    const rows = [
      { personId: "p1", invitationId: "i1", name: "Zoran Đorđević", place: "Kamenicë / Kamenica", status: "ACCEPTED", attendance: { id: "a1", method: "QR", time: "09:12" } },
      { personId: "p2", invitationId: null, name: "Walk\tin\nperson", place: "", status: null, attendance: null },
    ];
    const packed = packCheckInRows(rows);
    expect(packed.lines.split("\n")).toHaveLength(2);
    expect(unpackCheckInRows(packed)).toEqual([
      { ...rows[0], searchText: foldForSearch("Zoran Đorđević", "Kamenicë / Kamenica") },
      { ...rows[1], name: "Walk in person", searchText: "walk in person" },
    ]);
    expect(unpackCheckInRows(packCheckInRows([]))).toEqual([]);
  });
});
