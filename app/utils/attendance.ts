import { foldForSearch } from "~/utils/search";
import { z } from "~/utils/zod";
import type { Community, Gender } from "~/generated/prisma/enums";
import { COMMUNITIES, GENDERS, PERSON_LOCALES, PersonSchema } from "./directory";
import { dateTimeFormat } from "./dates";
import { LOCALE_TAGS, type Locale } from "./i18n";

// Check-in constants and small rules shared by the server and the phone at the door.

export const CHECK_IN_METHODS = ["QR", "NAME_SEARCH", "PAPER", "WALK_IN"] as const;
export type CheckInMethodName = (typeof CHECK_IN_METHODS)[number];

/** A local day as the check-in pages name it: YYYY-MM-DD. */
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The invitation id written in a QR check-in code, read without verifying it (the server verifies). */
export function invitationIdInCode(code: string): string | null {
  const match = /^DURABLE-CHECKIN:([A-Za-z0-9_-]{1,64})\./.exec(code.trim());
  return match ? match[1] : null;
}

/**
 * Why a check-in was refused, as the server answers it. The phone shows the
 * message for it and drops the tap from its queue: sending it again would be
 * refused again.
 */
export const CHECK_IN_REFUSALS = [
  "eventNotFound",
  "eventNotOpen",
  "dayOutsideEvent",
  "personNotFound",
  "notInvited",
  "invalidCode",
  "wrongEvent",
  "clientRefReused",
  "dayNotStarted",
  "tapUndone",
  "sessionNotFound",
  "sessionNotStarted",
] as const;
export type CheckInRefusal = (typeof CHECK_IN_REFUSALS)[number];

/** A check-in as the door shows it: its id (to undo it), how, and the time in the event's time zone. */
export type AttendanceView = { id: string; method: string | null; time: string | null };

/**
 * The door's list as the page sends it: one line of tab-separated fields a
 * person (id, invitation id, name, "organisation, municipality", invitation
 * status), and the check-ins apart, for the few already in. With 2,000
 * invited this is a fifth of a list of objects (keys, a search text, a tap
 * reference each). The search text is made on the phone from what the row
 * shows: the door's offline copy holds no email addresses.
 */
/** Rows the door's list shows at most; the rest are found by name (the counts cover everyone). */
export const CHECK_IN_LIST_LIMIT = 100;

export type PackedCheckInRows = { lines: string; present: Array<[personId: string, id: string, method: string | null, time: string | null]> };

export type CheckInRowData = { personId: string; invitationId: string | null; name: string; place: string; status: string | null; attendance: AttendanceView | null };

const field = (value: string | null) => (value ?? "").replace(/[\t\n]+/g, " ");

export function packCheckInRows(rows: CheckInRowData[]): PackedCheckInRows {
  return {
    lines: rows.map((row) => [row.personId, row.invitationId, row.name, row.place, row.status].map(field).join("\t")).join("\n"),
    present: rows.flatMap((row) => (row.attendance ? [[row.personId, row.attendance.id, row.attendance.method, row.attendance.time] as PackedCheckInRows["present"][number]] : [])),
  };
}

export function unpackCheckInRows(packed: PackedCheckInRows): Array<CheckInRowData & { searchText: string }> {
  const present = new Map(packed.present.map(([personId, id, method, time]) => [personId, { id, method, time }]));
  if (!packed.lines) return [];
  return packed.lines.split("\n").map((line) => {
    const [personId, invitationId, name, place, status] = line.split("\t");
    return {
      personId,
      invitationId: invitationId || null,
      name,
      place,
      status: status || null,
      attendance: present.get(personId) ?? null,
      searchText: foldForSearch(name, place),
    };
  });
}

/** Who is checked in on one day (or at one session of it), as the door's phones poll it from /events/:id/checkin/present. */
export type PresentState = {
  day: string;
  /** The session asked about, or null for the whole day. */
  session: string | null;
  /** Everyone checked in; `walkIn` (name and place) for those not on the day's list of invitees. */
  present: Array<{ personId: string; attendance: AttendanceView; walkIn: { name: string; place: string } | null }>;
};

/** A walk-in as the door's form gives it, checked the same way in the browser and on the server. */
export const WalkInSchema = PersonSchema.pick({
  name: true,
  email: true,
  phone: true,
  organisationId: true,
  municipalityId: true,
  gender: true,
  community: true,
}).extend({ locale: z.enum(PERSON_LOCALES, { error: "validation.invalidChoice" }).optional() });
export type WalkInFields = z.infer<typeof WalkInSchema>;

/** A session of the event's agenda a check-in is for (absent: the whole day). */
const sessionField = z.string().min(1).max(64).optional();

/** A tap on the check-in page without JavaScript (the page posts to its own action). */
export const CheckInForm = z.object({
  intent: z.literal("checkIn"),
  personId: z.string().min(1).max(64),
  day: z.string().regex(DAY_PATTERN),
  session: sessionField,
  method: z.enum(["NAME_SEARCH", "WALK_IN"]),
  clientRef: z.string().max(64).optional(),
  /** The page's own reference: with the person, the tap's reference (the same page's tap sent twice counts once). */
  pageRef: z.string().regex(/^[A-Za-z0-9_-]{8,24}$/).optional(),
});

/** Most people the door's list checks in with one button; a list longer than that is a paper sheet's. */
export const CHECK_IN_MANY_MAX = 1000;

/** The people ticked on the check-in page's list, checked in with one button (the page posts to its own action). */
export const CheckInManyForm = z.object({
  intent: z.literal("checkInMany"),
  day: z.string().regex(DAY_PATTERN),
  session: sessionField,
  personId: z.array(z.string().min(1).max(64)).max(CHECK_IN_MANY_MAX).default([]),
});

/** What became of the people checked in at once (on the page without JavaScript, or by the phone's queue): counts, and each refusal with the name. */
export type CheckInManyAnswer = { checkedIn: number; already: number; refused: Array<{ name: string; error: CheckInRefusal | "badRequest" }> };

/** Undoing a check-in from the check-in page (with `session`, the check-in to that session). */
export const UndoCheckInForm = z.object({ intent: z.literal("undo"), attendanceId: z.string().min(1).max(64), session: sessionField });

const tapCommon = {
  day: z.string().regex(DAY_PATTERN),
  session: sessionField,
  clientRef: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  at: z.string().max(40).optional(),
};

/** A tap the door's phone sends to /events/:id/checkin/tap (a walk-in's person fields are checked with WalkInSchema). */
export const CheckInTap = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("checkIn"),
    personId: z.string().min(1).max(64),
    method: z.enum(["NAME_SEARCH", "WALK_IN", "QR"]),
    code: z.string().max(200).optional(),
    ...tapCommon,
  }),
  z.object({ kind: z.literal("walkIn"), ...tapCommon }),
  // Taking back a check-in from the phone: not queued (it needs the server's answer), sent only when online.
  z.object({ kind: z.literal("undo"), attendanceId: z.string().min(1).max(64), session: sessionField }),
]);

/** Most people one paper sign-in sheet records (ticked invitees); more is not a sheet. */
export const PAPER_SHEET_MAX_PEOPLE = 10_000;

/** Empty rows printed at the end of a sign-in sheet, and so the rows the entering form offers for written-in names at first. */
export const WRITE_IN_ROWS = 8;
/** Most written-in rows one sheet's form takes ("more rows" adds WRITE_IN_ROWS at a time). */
export const WRITE_IN_MAX_ROWS = 200;

const writtenInColumn = <T extends z.ZodType>(item: T) => z.array(item.optional()).max(WRITE_IN_MAX_ROWS).default([]);

/**
 * A paper sign-in sheet entered after the event: the invitees ticked, and
 * the people written in, one row each (the name, and if written the email,
 * gender and community). A row is the same position in each of the four
 * lists: a browser sends every row's fields, empty ones too.
 */
export const PaperSheetForm = z
  .object({
    day: z.string().regex(DAY_PATTERN),
    session: sessionField,
    intent: z.enum(["save", "moreRows"]).default("save"),
    personId: z.array(z.string().min(1).max(64)).max(PAPER_SHEET_MAX_PEOPLE).default([]),
    writtenName: writtenInColumn(z.string().trim().max(200, "validation.tooLong")),
    writtenEmail: writtenInColumn(z.string().trim().max(254, "validation.tooLong").pipe(z.email("validation.email"))),
    writtenGender: writtenInColumn(z.enum(GENDERS as [Gender, ...Gender[]], { error: "validation.invalidChoice" })),
    writtenCommunity: writtenInColumn(z.enum(COMMUNITIES as [Community, ...Community[]], { error: "validation.invalidChoice" })),
  })
  .superRefine((sheet, ctx) => {
    // Something written on a row without a name is a row half typed: say so beside the name.
    const rows = Math.max(sheet.writtenName.length, sheet.writtenEmail.length, sheet.writtenGender.length, sheet.writtenCommunity.length);
    for (let row = 0; row < rows; row++) {
      if (sheet.writtenName[row]) continue;
      if (sheet.writtenEmail[row] || sheet.writtenGender[row] || sheet.writtenCommunity[row]) {
        ctx.addIssue({ code: "custom", path: ["writtenName", row], message: "invitations.checkin.paper.nameRequired" });
      }
    }
  });
export type PaperSheetFields = z.infer<typeof PaperSheetForm>;

/** The written-in people of an entered sheet, row by row, leaving out empty rows. */
export function writtenInPeople(sheet: Pick<PaperSheetFields, "writtenName" | "writtenEmail" | "writtenGender" | "writtenCommunity">) {
  return sheet.writtenName.flatMap((name, row) =>
    name ? [{ name, email: sheet.writtenEmail[row] ?? null, gender: sheet.writtenGender[row] ?? null, community: sheet.writtenCommunity[row] ?? null }] : [],
  );
}

/** A walk-in entered on the check-in page without JavaScript: the person, and the day and tap reference of the page. */
export const WalkInForm = WalkInSchema.extend({
  intent: z.literal("walkIn"),
  day: z.string().regex(DAY_PATTERN),
  session: sessionField,
  clientRef: z.string().max(64).optional(),
});

/** Where the door checks people in: a day, and perhaps one session of it. */
export type CheckInPlace = { day: string; session: string | null };

/** The address (query) of a check-in page, or of its paper sheet, for a place: `day=…&session=…`. */
export function placeQuery(place: CheckInPlace): string {
  return place.session ? `day=${place.day}&session=${encodeURIComponent(place.session)}` : `day=${place.day}`;
}

/** A day of the door ("2027-03-10") as the reader says it ("Wednesday, 10 March 2027"). */
export function checkInDayLabel(day: string, locale: Locale): string {
  return dateTimeFormat(LOCALE_TAGS[locale], { dateStyle: "full", timeZone: "UTC" }).format(new Date(`${day}T12:00:00Z`));
}
