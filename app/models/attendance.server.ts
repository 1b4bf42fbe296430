import { DateTime } from "luxon";
import { PNG } from "pngjs";
import QRCode from "qrcode";
import { prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import type { CheckInMethod, Community, EventStatus, Gender, InvitationStatus } from "~/generated/prisma/enums";
import { recordAudit } from "~/models/audit.server";
import type { Attachment } from "~/models/outbox.server";
import { missingDetails, personSearchText, toCompleteWhere } from "~/models/person.server";
import type { CheckInRefusal } from "~/utils/attendance";
import type { SessionUser } from "~/utils/auth.server";
import { DEFAULT_TIME_ZONE } from "~/utils/dates";
import { maySeeSensitive } from "~/utils/permissions.server";
import { refusals } from "~/utils/refusal";
import { foldForSearch, foldQuery } from "~/utils/search";
import { checkInCode, verifyCheckInCode } from "~/utils/tokens.server";

/**
 * Attendance: who was present at an event on which local day (and, where
 * the agenda has sessions, at which session), how they were checked in and
 * by whom. The rules of the door live here:
 * - only a published (or just completed) event, on one of its own local days;
 * - a session of the event's agenda, on its day, from shortly before it starts;
 *   checking someone in to a session also records their day
 *   (docs/decisions/023-session-check-in.md);
 * - only people invited and not withdrawn or declined, unless taken as a walk-in;
 * - idempotent: the database allows one row per person and day, and one per
 *   clientRef (the id a phone gives a tap, so a tap sent twice from an
 *   offline queue is recorded once and answered the same way both times).
 * (pretix's checkin.py keeps offline scans the same way: a nonce per scan.)
 */

type Tx = Prisma.TransactionClient;

/**
 * What each refusal of the door means for the one who tapped: something
 * unknown (404), a bad code (400), or a rule of the door (409). The results
 * keep their code (`{ ok: false, error }`), which the phone's queue reads;
 * pages and the tap endpoint read the status and message here.
 */
export const checkInRefusals = refusals<CheckInRefusal>({
  eventNotFound: { status: 404, message: "invitations.checkin.refusal.eventNotFound" },
  personNotFound: { status: 404, message: "invitations.checkin.refusal.personNotFound" },
  invalidCode: { status: 400, message: "invitations.checkin.refusal.invalidCode" },
  wrongEvent: { status: 409, message: "invitations.checkin.refusal.wrongEvent" },
  eventNotOpen: { status: 409, message: "invitations.checkin.refusal.eventNotOpen" },
  dayOutsideEvent: { status: 409, message: "invitations.checkin.refusal.dayOutsideEvent" },
  notInvited: { status: 409, message: "invitations.checkin.refusal.notInvited" },
  clientRefReused: { status: 409, message: "invitations.checkin.refusal.clientRefReused" },
  dayNotStarted: { status: 409, message: "invitations.checkin.refusal.dayNotStarted" },
  tapUndone: { status: 409, message: "invitations.checkin.refusal.tapUndone" },
  sessionNotFound: { status: 404, message: "invitations.checkin.refusal.sessionNotFound" },
  sessionNotStarted: { status: 409, message: "invitations.checkin.refusal.sessionNotStarted" },
});

export type CheckInInput = {
  eventId: string;
  personId: string;
  /** The local day (Europe/Belgrade), YYYY-MM-DD. */
  day: string;
  method: CheckInMethod;
  checkedInById: string | null;
  clientRef?: string | null;
  /** When the tap happened (a phone offline sends it later). */
  at?: Date;
  /** A session of the event's agenda on that day: the check-in is to it (and to its day). */
  sessionId?: string | null;
};

export type CheckInResult =
  | { ok: true; status: "checkedIn" | "alreadyCheckedIn"; attendanceId: string; personId: string; name: string }
  | { ok: false; error: CheckInRefusal };

/** Statuses whose people may be checked in without being taken as walk-ins. */
const STILL_INVITED: InvitationStatus[] = ["PENDING", "ACCEPTED", "WAITLISTED"];
/** Events people can be checked in to: completed ones too, for paper sheets entered afterwards. */
const OPEN_FOR_CHECK_IN: EventStatus[] = ["PUBLISHED", "COMPLETED"];
/** A safety bound: nobody runs a 100-day event, and the list of days is built in memory. */
const MAX_EVENT_DAYS = 60;

// --- Days ---------------------------------------------------------------------

/** The local days an event covers, first to last (multi-day events are checked in per day). */
export function eventDays(event: { startsAt: Date; endsAt: Date; timeZone?: string | null }): string[] {
  const zone = event.timeZone || DEFAULT_TIME_ZONE;
  let day = DateTime.fromJSDate(event.startsAt, { zone }).startOf("day");
  const last = DateTime.fromJSDate(event.endsAt, { zone }).startOf("day");
  const days: string[] = [];
  while (day <= last && days.length < MAX_EVENT_DAYS) {
    days.push(day.toFormat("yyyy-MM-dd"));
    day = day.plus({ days: 1 });
  }
  return days;
}

/** The day a check-in page opens on: today when the event is on, else its nearest day. */
export function defaultCheckInDay(days: string[], now = new Date(), zone = DEFAULT_TIME_ZONE): string {
  const today = DateTime.fromJSDate(now, { zone }).toFormat("yyyy-MM-dd");
  if (days.includes(today)) return today;
  return today < days[0] ? days[0] : days[days.length - 1];
}

/** Whether a local day of an event has begun (midnight in the event's time zone has passed). */
export function dayHasBegun(day: string, timeZone: string | null | undefined, now = new Date()): boolean {
  const start = DateTime.fromISO(day, { zone: timeZone || DEFAULT_TIME_ZONE }).startOf("day");
  return start.isValid && start.toMillis() <= now.getTime();
}

// --- Sessions -------------------------------------------------------------------

/**
 * How long before its start a session takes check-ins: people arrive
 * before the session begins, and the door checks them in as they come.
 */
export const SESSION_OPENS_BEFORE_MS = 30 * 60_000;

/** The local day of a session (the day it starts, in the event's time zone). */
export function sessionDay(session: { startsAt: Date }, timeZone: string | null | undefined): string {
  return DateTime.fromJSDate(session.startsAt, { zone: timeZone || DEFAULT_TIME_ZONE }).toFormat("yyyy-MM-dd");
}

/** Whether a session takes check-ins yet: from SESSION_OPENS_BEFORE_MS before it starts. */
export function sessionHasBegun(session: { startsAt: Date }, now = new Date()): boolean {
  return session.startsAt.getTime() - SESSION_OPENS_BEFORE_MS <= now.getTime();
}

/**
 * The event is open for check-in on that day: one of its own days, and one
 * that has come; and, for a session, one of the event's sessions on that day
 * that has begun (or is about to).
 */
async function openEventDay(tx: Tx, eventId: string, day: string, sessionId?: string | null): Promise<{ ok: true } | { ok: false; error: CheckInRefusal }> {
  const event = await tx.event.findUnique({ where: { id: eventId }, select: { status: true, startsAt: true, endsAt: true, timeZone: true } });
  if (!event) return { ok: false, error: "eventNotFound" };
  if (!OPEN_FOR_CHECK_IN.includes(event.status)) return { ok: false, error: "eventNotOpen" };
  if (!eventDays(event).includes(day)) return { ok: false, error: "dayOutsideEvent" };
  const session = sessionId ? await tx.eventSession.findUnique({ where: { id: sessionId }, select: { eventId: true, startsAt: true } }) : null;
  if (sessionId && (!session || session.eventId !== eventId || sessionDay(session, event.timeZone) !== day)) return { ok: false, error: "sessionNotFound" };
  if (!dayHasBegun(day, event.timeZone)) return { ok: false, error: "dayNotStarted" };
  if (session && !sessionHasBegun(session)) return { ok: false, error: "sessionNotStarted" };
  return { ok: true };
}

// --- Checking in ----------------------------------------------------------------

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Runs a check-in; when a concurrent one for the same person and day (a
 * double tap, two phones, or the same offline tap arriving twice) won the
 * race to the unique index, runs it again, and it then answers as the
 * winner left things: already checked in, or the same answer for the same clientRef.
 */
async function withRetryOnDuplicate<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await prisma.$transaction(work);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return prisma.$transaction(work);
  }
}

/**
 * The answer already given for this clientRef, if the tap was sent before:
 * the same check-in (of the same day, or of the same session), or "undone"
 * when it was taken back since (a late copy of an undone tap must not check
 * the person in again).
 */
async function earlierAnswer(tx: Tx, clientRef: string | null | undefined, same: { eventId: string; day: string; personId?: string; sessionId?: string | null }) {
  if (!clientRef) return null;
  const person = { person: { select: { name: true } } };
  const earlier = same.sessionId
    ? await tx.sessionAttendance.findUnique({ where: { clientRef }, include: person })
    : await tx.attendance.findUnique({ where: { clientRef }, include: person });
  if (!earlier) {
    // The same id on a check-in of the other kind (a day's, a session's) is someone else's tap.
    const other = same.sessionId ? await tx.attendance.count({ where: { clientRef } }) : await tx.sessionAttendance.count({ where: { clientRef } });
    if (other) return { ok: false as const, error: "clientRefReused" as const };
    const undone = await tx.undoneCheckIn.findUnique({ where: { clientRef }, select: { eventId: true } });
    if (!undone) return null;
    return { ok: false as const, error: undone.eventId === same.eventId ? ("tapUndone" as const) : ("clientRefReused" as const) };
  }
  const sameCheckIn = "sessionId" in earlier ? earlier.sessionId === same.sessionId : earlier.day === same.day;
  const matches = earlier.eventId === same.eventId && sameCheckIn && (!same.personId || earlier.personId === same.personId);
  if (!matches) return { ok: false as const, error: "clientRefReused" as const };
  return { ok: true as const, status: "checkedIn" as const, attendanceId: earlier.id, personId: earlier.personId, name: earlier.person.name };
}

type RecordInput = Omit<CheckInInput, "at"> & { at: Date; invitationId: string | null; name: string };

/**
 * Records the check-in: the person's day, and for a session the session
 * too. The day a session check-in needs is recorded without the tap's
 * clientRef (the tap is the session's); the answer is the session's.
 */
async function recordAttendance(tx: Tx, input: RecordInput): Promise<CheckInResult> {
  if (!input.sessionId) return recordDay(tx, input);
  await recordDay(tx, { ...input, clientRef: null });
  const sessionId = input.sessionId;
  const existing = await tx.sessionAttendance.findUnique({ where: { sessionId_personId: { sessionId, personId: input.personId } } });
  if (existing) return { ok: true, status: "alreadyCheckedIn", attendanceId: existing.id, personId: input.personId, name: input.name };
  const attendance = await tx.sessionAttendance.create({
    data: {
      sessionId,
      eventId: input.eventId,
      personId: input.personId,
      method: input.method,
      checkedInAt: input.at,
      checkedInById: input.checkedInById,
      clientRef: input.clientRef || null,
    },
  });
  await recordAudit(tx, {
    actorId: input.checkedInById,
    action: "attendance.session_checked_in",
    subjectType: "Event",
    subjectId: input.eventId,
    details: { sessionAttendanceId: attendance.id, sessionId, personId: input.personId, day: input.day, method: input.method },
  });
  return { ok: true, status: "checkedIn", attendanceId: attendance.id, personId: input.personId, name: input.name };
}

async function recordDay(tx: Tx, input: RecordInput): Promise<CheckInResult> {
  const existing = await tx.attendance.findUnique({
    where: { eventId_personId_day: { eventId: input.eventId, personId: input.personId, day: input.day } },
  });
  if (existing) return { ok: true, status: "alreadyCheckedIn", attendanceId: existing.id, personId: input.personId, name: input.name };
  const attendance = await tx.attendance.create({
    data: {
      eventId: input.eventId,
      personId: input.personId,
      invitationId: input.invitationId,
      day: input.day,
      method: input.method,
      checkedInAt: input.at,
      checkedInById: input.checkedInById,
      clientRef: input.clientRef || null,
    },
  });
  await recordAudit(tx, {
    actorId: input.checkedInById,
    action: "attendance.checked_in",
    subjectType: "Event",
    subjectId: input.eventId,
    details: { attendanceId: attendance.id, personId: input.personId, day: input.day, method: input.method, ...(input.sessionId ? { sessionId: input.sessionId } : {}) },
  });
  return { ok: true, status: "checkedIn", attendanceId: attendance.id, personId: input.personId, name: input.name };
}

async function checkInTx(tx: Tx, input: CheckInInput, at: Date): Promise<CheckInResult> {
  const repeated = await earlierAnswer(tx, input.clientRef, input);
  if (repeated) return repeated;
  const open = await openEventDay(tx, input.eventId, input.day, input.sessionId);
  if (!open.ok) return open;
  const person = await tx.person.findUnique({ where: { id: input.personId }, select: { name: true, erasedAt: true } });
  if (!person || person.erasedAt) return { ok: false, error: "personNotFound" };
  const invitation = await tx.invitation.findUnique({
    where: { eventId_personId: { eventId: input.eventId, personId: input.personId } },
    select: { id: true, status: true },
  });
  const invited = !!invitation && STILL_INVITED.includes(invitation.status);
  if (!invited && input.method !== "WALK_IN") return { ok: false, error: "notInvited" };
  return recordAttendance(tx, { ...input, at, invitationId: invitation?.id ?? null, name: person.name });
}

/** Checks one person in for one day, or for one session of it (and so for its day). */
export function checkIn(input: CheckInInput): Promise<CheckInResult> {
  const at = input.at ?? new Date();
  return withRetryOnDuplicate((tx) => checkInTx(tx, input, at));
}

/** Checks in the person whose invitation's QR code was scanned (the code is verified, and must be for this event). */
export async function checkInWithCode(input: Omit<CheckInInput, "personId" | "method"> & { code: string }): Promise<CheckInResult> {
  const invitationId = verifyCheckInCode(input.code);
  if (!invitationId) return { ok: false, error: "invalidCode" };
  const invitation = await prisma.invitation.findUnique({ where: { id: invitationId }, select: { eventId: true, personId: true } });
  if (!invitation) return { ok: false, error: "invalidCode" };
  if (invitation.eventId !== input.eventId) return { ok: false, error: "wrongEvent" };
  return checkIn({ ...input, personId: invitation.personId, method: "QR" });
}

/**
 * The QR code people show at the door: their invitation's stable check-in
 * code (not the answer link, which reminders rotate). SVG for the invitation
 * page, PNG for the email (mail clients do not show SVG).
 */
export function checkInQrSvg(invitationId: string): Promise<string> {
  return QRCode.toString(checkInCode(invitationId), { type: "svg", margin: 2, errorCorrectionLevel: "M" });
}

/**
 * The PNG: 240 pixels square, grey-scale, each module a whole number of
 * pixels (crisp when a phone photographs the screen), with at least two
 * modules of quiet zone. Written straight from the code's modules, as one
 * invitation of thousands is sent in well under a millisecond.
 */
export async function checkInQrPng(invitationId: string): Promise<Buffer> {
  const { modules } = QRCode.create(checkInCode(invitationId), { errorCorrectionLevel: "M" });
  const size = 240;
  const scale = Math.floor(size / (modules.size + 4));
  const offset = Math.floor((size - modules.size * scale) / 2);
  const data = Buffer.alloc(size * size, 0xff);
  for (let row = 0; row < modules.size; row++) {
    for (let column = 0; column < modules.size; column++) {
      if (!modules.get(row, column)) continue;
      for (let line = 0; line < scale; line++) {
        const start = (offset + row * scale + line) * size + offset + column * scale;
        data.fill(0, start, start + scale);
      }
    }
  }
  return PNG.sync.write({ width: size, height: size, data } as PNG, {
    colorType: 0,
    inputColorType: 0,
    inputHasAlpha: false,
    bitDepth: 8,
    filterType: 2,
  });
}

const QR_CID = "checkin-qr@durable";
/** Where an email's HTML shows the QR code: the inline attachment checkInQrForEmail gives. */
export const CHECK_IN_QR_SRC = `cid:${QR_CID}`;

/** The QR code as an inline image of an email: the template's src and the attachment that carries it. */
export async function checkInQrForEmail(invitationId: string): Promise<{ src: string; attachment: Attachment }> {
  const png = await checkInQrPng(invitationId);
  return { src: CHECK_IN_QR_SRC, attachment: { filename: "checkin-qr.png", contentType: "image/png", content: png.toString("base64"), cid: QR_CID } };
}

// --- Walk-ins ---------------------------------------------------------------------

export type WalkInPerson = {
  name: string;
  email?: string | null;
  phone?: string | null;
  organisationId?: string | null;
  municipalityId?: string | null;
  locale?: string | null;
  gender?: Gender | null;
  community?: Community | null;
};

export type WalkInInput = {
  eventId: string;
  day: string;
  /** A session of that day, as for a tap. */
  sessionId?: string | null;
  person: WalkInPerson;
  clientRef?: string | null;
  at?: Date;
  /** WALK_IN at the door; PAPER for an unlisted name entered from a sign-in sheet. */
  method?: Extract<CheckInMethod, "WALK_IN" | "PAPER">;
};

export type WalkInResult = (CheckInResult & { ok: true; matched: boolean }) | { ok: false; error: CheckInRefusal };

/**
 * The walk-in's record in the directory: someone already there by email is
 * matched, not duplicated; without an email, someone of the same name already
 * checked in that day is the same walk-in entered twice (a sheet saved twice).
 * Otherwise a new person, with gender and community only if the actor may see them.
 */
async function walkInPerson(tx: Tx, actor: SessionUser, input: WalkInInput): Promise<{ id: string; name: string; matched: boolean }> {
  const email = input.person.email?.trim().toLowerCase() || null;
  const name = input.person.name.trim();
  if (email) {
    const known = await tx.person.findUnique({ where: { email }, select: { id: true, name: true, erasedAt: true } });
    if (known && !known.erasedAt) return { id: known.id, name: known.name, matched: true };
  } else {
    const folded = foldForSearch(name);
    const present = await tx.attendance.findMany({
      where: { eventId: input.eventId, day: input.day, person: { email: null } },
      select: { person: { select: { id: true, name: true } } },
    });
    const same = present.find((a) => foldForSearch(a.person.name) === folded);
    if (same) return { ...same.person, matched: true };
  }
  const [organisation, municipality] = await Promise.all([
    input.person.organisationId ? tx.organisation.findUnique({ where: { id: input.person.organisationId } }) : null,
    input.person.municipalityId ? tx.municipality.findUnique({ where: { id: input.person.municipalityId } }) : null,
  ]);
  const sensitive = maySeeSensitive(actor) ? { gender: input.person.gender ?? null, community: input.person.community ?? null } : {};
  const created = await tx.person.create({
    data: {
      name,
      email,
      phone: input.person.phone?.trim() || null,
      locale: input.person.locale || "sq",
      organisationId: organisation?.id ?? null,
      municipalityId: municipality?.id ?? null,
      ...sensitive,
      createdById: actor.id,
      // Marks the record as one to complete later (people.server's toCompleteWhere).
      createdVia: input.method ?? "WALK_IN",
      searchText: personSearchText({ name, email, organisation, municipality }),
    },
  });
  await recordAudit(tx, { actorId: actor.id, action: "person.created", subjectType: "Person", subjectId: created.id, details: { via: "check-in" } });
  return { id: created.id, name: created.name, matched: false };
}

async function walkInTx(tx: Tx, actor: SessionUser, input: WalkInInput, at: Date): Promise<WalkInResult> {
  const repeated = await earlierAnswer(tx, input.clientRef, input);
  if (repeated) return repeated.ok ? { ...repeated, matched: true } : repeated;
  const open = await openEventDay(tx, input.eventId, input.day, input.sessionId);
  if (!open.ok) return open;
  const person = await walkInPerson(tx, actor, input);
  const invitation = await tx.invitation.findUnique({
    where: { eventId_personId: { eventId: input.eventId, personId: person.id } },
    select: { id: true },
  });
  const result = await recordAttendance(tx, {
    eventId: input.eventId,
    personId: person.id,
    day: input.day,
    sessionId: input.sessionId,
    method: input.method ?? "WALK_IN",
    checkedInById: actor.id,
    clientRef: input.clientRef,
    at,
    invitationId: invitation?.id ?? null,
    name: person.name,
  });
  return result.ok ? { ...result, matched: person.matched } : result;
}

/** Adds a person who came without an invitation (to the directory, unless already there) and checks them in. */
export function checkInWalkIn(actor: SessionUser, input: WalkInInput): Promise<WalkInResult> {
  const at = input.at ?? new Date();
  return withRetryOnDuplicate((tx) => walkInTx(tx, actor, input, at));
}

// --- Undo ---------------------------------------------------------------------------

/**
 * Takes back a check-in made by mistake (the page asks first); the audit log
 * keeps what it was. Someone who was not there that day was at none of its
 * sessions: their session check-ins of that day go with it.
 */
export async function undoCheckIn(actorId: string, eventId: string, attendanceId: string) {
  return prisma.$transaction(async (tx) => {
    const attendance = await tx.attendance.findUnique({ where: { id: attendanceId }, include: { event: { select: { timeZone: true } } } });
    if (!attendance || attendance.eventId !== eventId) return { ok: false as const, error: "notFound" as const };
    const sessions = await tx.sessionAttendance.findMany({
      where: { eventId, personId: attendance.personId },
      select: { id: true, sessionId: true, clientRef: true, session: { select: { startsAt: true } } },
    });
    const sameDay = sessions.filter((s) => sessionDay(s.session, attendance.event.timeZone) === attendance.day);
    if (sameDay.length) await tx.sessionAttendance.deleteMany({ where: { id: { in: sameDay.map((s) => s.id) } } });
    await tx.attendance.delete({ where: { id: attendanceId } });
    const clientRefs = [attendance.clientRef, ...sameDay.map((s) => s.clientRef)].filter((ref): ref is string => !!ref);
    for (const clientRef of clientRefs) await tx.undoneCheckIn.create({ data: { clientRef, eventId } });
    await recordAudit(tx, {
      actorId,
      action: "attendance.undone",
      subjectType: "Event",
      subjectId: eventId,
      details: {
        attendanceId,
        personId: attendance.personId,
        day: attendance.day,
        method: attendance.method,
        checkedInAt: attendance.checkedInAt.toISOString(),
        checkedInById: attendance.checkedInById,
        ...(sameDay.length ? { sessionIds: sameDay.map((s) => s.sessionId) } : {}),
      },
    });
    return { ok: true as const, personId: attendance.personId };
  });
}

/** Takes back a check-in to a session only: the person's day stays (they were there, if not at that session). */
export async function undoSessionCheckIn(actorId: string, eventId: string, sessionAttendanceId: string) {
  return prisma.$transaction(async (tx) => {
    const attendance = await tx.sessionAttendance.findUnique({ where: { id: sessionAttendanceId } });
    if (!attendance || attendance.eventId !== eventId) return { ok: false as const, error: "notFound" as const };
    await tx.sessionAttendance.delete({ where: { id: sessionAttendanceId } });
    if (attendance.clientRef) await tx.undoneCheckIn.create({ data: { clientRef: attendance.clientRef, eventId } });
    await recordAudit(tx, {
      actorId,
      action: "attendance.session_undone",
      subjectType: "Event",
      subjectId: eventId,
      details: {
        sessionAttendanceId,
        sessionId: attendance.sessionId,
        personId: attendance.personId,
        method: attendance.method,
        checkedInAt: attendance.checkedInAt.toISOString(),
        checkedInById: attendance.checkedInById,
      },
    });
    return { ok: true as const, personId: attendance.personId };
  });
}

// --- Paper sign-in sheets ---------------------------------------------------------------

export type PaperSheetInput = {
  eventId: string;
  day: string;
  /** A sheet signed at one session of that day. */
  sessionId?: string | null;
  /** People from the printed list who signed. */
  personIds: string[];
  /** Names written in by hand below the list. */
  walkIns: WalkInPerson[];
  at?: Date;
};

export type PaperSheetResult =
  | { ok: true; added: number; already: number; refused: number; walkIns: number }
  | { ok: false; error: CheckInRefusal };

/**
 * Enters a signed sheet in one go: all of it is saved or none of it. Entering
 * the same sheet again adds nobody twice. People no longer invited (declined,
 * withdrawn) are counted as refused: the trainer adds them as written-in names.
 */
export async function recordPaperSheet(actor: SessionUser, input: PaperSheetInput): Promise<PaperSheetResult> {
  const at = input.at ?? new Date();
  return withRetryOnDuplicate(async (tx) => {
    const open = await openEventDay(tx, input.eventId, input.day, input.sessionId);
    if (!open.ok) return open;
    const counts = { added: 0, already: 0, refused: 0, walkIns: 0 };
    const place = { eventId: input.eventId, day: input.day, sessionId: input.sessionId ?? null };
    for (const personId of new Set(input.personIds)) {
      const result = await checkInTx(tx, { ...place, personId, method: "PAPER", checkedInById: actor.id }, at);
      if (!result.ok) counts.refused++;
      else if (result.status === "checkedIn") counts.added++;
      else counts.already++;
    }
    for (const person of input.walkIns) {
      if (!person.name.trim()) continue;
      const result = await walkInTx(tx, actor, { ...place, person, method: "PAPER" }, at);
      if (result.ok && result.status === "checkedIn") counts.walkIns++;
      else if (result.ok) counts.already++;
      else counts.refused++;
    }
    await recordAudit(tx, { actorId: actor.id, action: "attendance.paper_entered", subjectType: "Event", subjectId: input.eventId, details: { day: input.day, ...(input.sessionId ? { sessionId: input.sessionId } : {}), ...counts } });
    return { ok: true as const, ...counts };
  });
}

// --- Several at once from the door's list -------------------------------------------------

export type CheckInManyInput = {
  eventId: string;
  day: string;
  /** A session of that day, as for a tap. */
  sessionId?: string | null;
  /** The people ticked on the door's list. */
  personIds: string[];
  at?: Date;
};

export type CheckInManyResult =
  | { ok: true; checkedIn: number; already: number; refused: Array<{ personId: string; name: string; error: CheckInRefusal }> }
  | { ok: false; error: CheckInRefusal };

/**
 * Checks in the people ticked on the door's list, in one transaction, each
 * by the rules of a single tap (an invitee still invited; the event open on
 * a day that has come). A refusal of the day refuses them all; a refusal of
 * one person (no longer invited, erased) is answered with their name, so
 * nobody is left out without the trainer seeing it. Ticking someone already
 * checked in, or sending the same list twice, adds nobody twice.
 */
export async function checkInMany(actor: Pick<SessionUser, "id">, input: CheckInManyInput): Promise<CheckInManyResult> {
  const at = input.at ?? new Date();
  return withRetryOnDuplicate(async (tx) => {
    const open = await openEventDay(tx, input.eventId, input.day, input.sessionId);
    if (!open.ok) return open;
    const result = { ok: true as const, checkedIn: 0, already: 0, refused: [] as Array<{ personId: string; name: string; error: CheckInRefusal }> };
    for (const personId of new Set(input.personIds)) {
      const answer = await checkInTx(
        tx,
        { eventId: input.eventId, personId, day: input.day, sessionId: input.sessionId, method: "NAME_SEARCH", checkedInById: actor.id },
        at,
      );
      if (answer.ok && answer.status === "checkedIn") result.checkedIn++;
      else if (answer.ok) result.already++;
      else {
        const person = await tx.person.findUnique({ where: { id: personId }, select: { name: true, erasedAt: true } });
        result.refused.push({ personId, name: person && !person.erasedAt ? person.name : "", error: answer.error });
      }
    }
    return result;
  });
}

// --- Lists ------------------------------------------------------------------------------

const STATUS_ORDER: Record<InvitationStatus, number> = { ACCEPTED: 0, PENDING: 1, WAITLISTED: 2, DECLINED: 3, CANCELLED: 4 };

const personForList = {
  id: true,
  name: true,
  email: true,
  searchText: true,
  erasedAt: true,
  organisation: { select: { name: true } },
  municipality: { select: { nameSq: true, nameSr: true, nameEn: true } },
} satisfies Prisma.PersonSelect;

/** The check-ins of a day, or of one session of it, with their people. */
function checkInsAt<P extends Prisma.PersonSelect>(eventId: string, day: string, sessionId: string | null | undefined, person: P) {
  const select = { id: true, personId: true, method: true, checkedInAt: true, person: { select: person } } as const;
  return sessionId
    ? prisma.sessionAttendance.findMany({ where: { eventId, sessionId }, select, orderBy: { checkedInAt: "asc" } })
    : prisma.attendance.findMany({ where: { eventId, day }, select, orderBy: { checkedInAt: "asc" } });
}

/**
 * The door's list for one day (or one session of it): the invitees
 * (accepted first, then those who have not answered or wait, then those who
 * declined; withdrawn invitations are left out), and after them walk-ins
 * already checked in, each with their check-in of that day or session if any.
 */
export async function checkInList(eventId: string, day: string, sessionId?: string | null) {
  const [invitations, attendances] = await Promise.all([
    prisma.invitation.findMany({
      where: { eventId, status: { not: "CANCELLED" }, person: { erasedAt: null } },
      select: { id: true, status: true, person: { select: personForList } },
    }),
    checkInsAt(eventId, day, sessionId, personForList),
  ]);
  const present = new Map(attendances.map((a) => [a.personId, a]));
  const invited = invitations
    .map((i) => ({ invitationId: i.id, status: i.status as InvitationStatus | null, person: i.person, attendance: present.get(i.person.id) ?? null }))
    .sort((a, b) => STATUS_ORDER[a.status!] - STATUS_ORDER[b.status!] || a.person.name.localeCompare(b.person.name));
  const onList = new Set(invitations.map((i) => i.person.id));
  const walkIns = attendances
    .filter((a) => !onList.has(a.personId))
    .map((a) => ({ invitationId: null, status: null, person: a.person, attendance: a }))
    .sort((a, b) => a.person.name.localeCompare(b.person.name));
  return [...invited, ...walkIns].map((row) => ({
    ...row,
    // Older rows may lack the folded column; the name alone still finds them.
    searchText: row.person.searchText || foldForSearch(row.person.name),
  }));
}

/**
 * Who is checked in on a day (or at one session of it), as the door's phones
 * poll it to show the truth (check-ins from other phones, paper sheets,
 * undos): each check-in with its person, and whether that person is on the
 * list (invited, not withdrawn) or a walk-in the phone may not know yet.
 */
export async function presentOnDay(eventId: string, day: string, sessionId?: string | null) {
  const attendances = await checkInsAt(eventId, day, sessionId, { ...personForList, invitations: { where: { eventId }, select: { status: true } } });
  return attendances.map(({ personId: _personId, person: { invitations, ...person }, ...attendance }) => ({
    ...attendance,
    person,
    onList: invitations.some((i) => i.status !== "CANCELLED") && !person.erasedAt,
  }));
}

/** People in the directory a search finds who are not on the list (or declined): offered as walk-ins. */
export async function directoryMatchesForCheckIn(eventId: string, query: string) {
  const terms = foldQuery(query).split(" ").filter(Boolean);
  if (terms.length === 0 || foldQuery(query).length < 2) return [];
  return prisma.person.findMany({
    where: {
      AND: [
        { erasedAt: null },
        ...terms.map((term) => ({ searchText: { contains: term } })),
        { invitations: { none: { eventId, status: { in: STILL_INVITED } } } },
      ],
    },
    select: personForList,
    orderBy: { name: "asc" },
    take: 10,
  });
}

/** Who was present on a day (or on every day), with how and by whom: the attendance list of an event. */
export async function attendanceList(eventId: string, day?: string) {
  return prisma.attendance.findMany({
    where: { eventId, ...(day ? { day } : {}) },
    include: {
      person: { select: { id: true, name: true, erasedAt: true, organisation: { select: { name: true } }, municipality: true } },
    },
    orderBy: [{ day: "asc" }, { checkedInAt: "asc" }],
  });
}

/** The people printed on a sign-in sheet: accepted first, then those still invited, by name. */
export async function signInSheetPeople(eventId: string) {
  const invitations = await prisma.invitation.findMany({
    where: { eventId, status: { in: STILL_INVITED }, person: { erasedAt: null } },
    select: {
      status: true,
      person: { select: { id: true, name: true, organisation: { select: { name: true } }, municipality: true } },
    },
  });
  return invitations
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.person.name.localeCompare(b.person.name))
    .map((i) => ({ ...i.person, status: i.status }));
}

/**
 * People created at this event's check-in (walk-ins, names written on a
 * sheet) whose details are still to complete, with what each lacks: the
 * paper sheet's page lists them for the trainer who just entered it.
 */
export async function peopleToCompleteFromEvent(viewer: SessionUser, eventId: string) {
  const people = await prisma.person.findMany({
    where: { AND: [toCompleteWhere(viewer), { attendances: { some: { eventId } } }] },
    select: { id: true, name: true, municipalityId: true, gender: true, community: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return people.map((person) => ({ id: person.id, name: person.name, missing: missingDetails(viewer, person) }));
}

/** The day a check-in page shows: the one asked for if it is one of the event's, else the default one. */
export function checkInDayOf(event: { days: string[]; timeZone: string }, asked: string | null): string {
  return asked && event.days.includes(asked) ? asked : defaultCheckInDay(event.days, new Date(), event.timeZone);
}

export type CheckInSession = { id: string; title: string; room: string; startsAt: Date; endsAt: Date; day: string };

/**
 * Where a check-in page checks people in: the session asked for, if it is
 * one of the event's (its day then is the session's), else the whole day
 * asked for (or the default day).
 */
export function checkInPlaceOf(
  event: { days: string[]; timeZone: string; sessions: CheckInSession[] },
  asked: { day: string | null; session: string | null },
): { day: string; session: CheckInSession | null } {
  const session = asked.session ? (event.sessions.find((s) => s.id === asked.session) ?? null) : null;
  if (session && event.days.includes(session.day)) return { day: session.day, session };
  return { day: checkInDayOf(event, asked.day), session: null };
}

/** The event as the check-in pages need it: its days, its sessions (each with its day), and whether people can be checked in. */
export async function eventForCheckIn(eventId: string) {
  const event = await prisma.event.findUnique({
    where: { id: eventId },
    include: {
      translations: true,
      municipality: true,
      cluster: true,
      sessions: { select: { id: true, title: true, room: true, startsAt: true, endsAt: true }, orderBy: [{ startsAt: "asc" }, { room: "asc" }] },
    },
  });
  if (!event) return null;
  const sessions: CheckInSession[] = event.sessions.map((s) => ({ ...s, day: sessionDay(s, event.timeZone) }));
  return { ...event, sessions, days: eventDays(event), open: OPEN_FOR_CHECK_IN.includes(event.status) };
}

/** Who is already checked in to the event on that day, or at that session. */
export async function checkedInPersonIds(eventId: string, day: string, sessionId?: string | null): Promise<Set<string>> {
  const present = sessionId
    ? await prisma.sessionAttendance.findMany({ where: { eventId, sessionId }, select: { personId: true } })
    : await prisma.attendance.findMany({ where: { eventId, day }, select: { personId: true } });
  return new Set(present.map((a) => a.personId));
}
