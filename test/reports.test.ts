import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { prisma } from "~/db.server";
import type { Community, EventType, Gender, OrganisationType } from "~/generated/prisma/enums";
import { certificateFor, eventCertificates } from "~/models/certificate.server";
import { attendanceListPdf } from "~/models/report-pdf.server";
import { eventAttendees, eventAttendeesPage, eventReport, exportReport, programmeReport, protectCounts, SMALL_CELL, type ShownCount } from "~/models/report.server";
import { latinToCyrillic } from "~/locales/transliterate";
import { seed } from "../prisma/seed";
import { asSessionUser, createEvent, createUser } from "./helpers/factories";

type Viewer = ReturnType<typeof asSessionUser>;
let trainer: Viewer;
let admin: Viewer;
let editor: Viewer;
let member: Viewer;

beforeAll(async () => {
  await seed(process.env.DATABASE_URL, { demoUsers: false });
  trainer = asSessionUser(await createUser({ roles: ["TRAINER"], name: "Teuta Trajnere" }));
  admin = asSessionUser(await createUser({ roles: ["ADMIN"] }));
  editor = asSessionUser(await createUser({ roles: ["EDITOR"] }));
  member = asSessionUser(await createUser({ roles: ["MEMBER"] }));
});

// --- Building blocks ----------------------------------------------------------------------

async function municipality(slug: string) {
  return prisma.municipality.findUniqueOrThrow({ where: { slug } });
}

async function event(options: { slug?: string; start: string; days?: number; type?: EventType; title?: string; themeSlug?: string; status?: "PUBLISHED" | "COMPLETED" | "CANCELLED" }) {
  const startsAt = new Date(options.start);
  const theme = options.themeSlug ? await prisma.theme.findUniqueOrThrow({ where: { slug: options.themeSlug } }) : null;
  return createEvent({
    municipality: options.slug ?? "gjilan",
    type: options.type ?? "WORKSHOP",
    status: options.status ?? "COMPLETED",
    venueName: "Salla e Kuvendit",
    startsAt,
    endsAt: new Date(startsAt.getTime() + ((options.days ?? 1) - 1) * 86_400_000 + 6 * 3_600_000),
    capacity: 40,
    titles: { en: options.title ?? "Workshop" },
    data: { themes: theme ? { create: [{ themeId: theme.id }] } : undefined },
  });
}

let orgCounter = 0;
async function person(options: { name?: string; gender?: Gender; community?: Community; slug?: string; orgType?: OrganisationType; locale?: string; userId?: string } = {}) {
  const organisation = options.orgType
    ? await prisma.organisation.create({ data: { name: `Org ${++orgCounter} ${randomUUID().slice(0, 4)}`, type: options.orgType, searchText: "" } })
    : null;
  return prisma.person.create({
    data: {
      name: options.name ?? `Person ${randomUUID().slice(0, 6)}`,
      email: `p-${randomUUID().slice(0, 8)}@example.org`,
      locale: options.locale ?? "sq",
      gender: options.gender,
      community: options.community,
      municipalityId: options.slug ? (await municipality(options.slug)).id : null,
      organisationId: organisation?.id,
      userId: options.userId,
    },
  });
}

async function attend(eventId: string, personId: string, ...days: string[]) {
  for (const day of days) {
    await prisma.attendance.create({ data: { eventId, personId, day, method: "NAME_SEARCH", checkedInAt: new Date(`${day}T09:00:00Z`) } });
  }
}

async function invite(eventId: string, personId: string, status: "PENDING" | "ACCEPTED" | "DECLINED" | "WAITLISTED" | "CANCELLED", sent = true) {
  return prisma.invitation.create({ data: { eventId, personId, status, sentAt: sent ? new Date() : null, respondedAt: status === "PENDING" ? null : new Date() } });
}

const count = (n: number): ShownCount => ({ kind: "exact", count: n });
const SMALL: ShownCount = { kind: "small" };
const HIDDEN: ShownCount = { kind: "hidden" };
const rowOf = (table: { rows: Array<{ key: string; shown: ShownCount }> } | undefined, key: string) => table?.rows.find((r) => r.key === key)?.shown;

// --- The small-cell rule ------------------------------------------------------------------

describe("the small-cell rule (one function decides)", () => {
  it("shows trainers and admins every count, and everyone else 1 to 4 as <5", () => {
    expect(protectCounts([3, 12, 0, 7], true)).toEqual([count(3), count(12), count(0), count(7)]);
    expect(protectCounts([6, 12, 0, 7], false)).toEqual([count(6), count(12), count(0), count(7)]);
    expect(protectCounts([3, 2, 12, 0], false)).toEqual([SMALL, SMALL, count(12), count(0)]);
  });

  it("hides a second count when a lone <5 could be worked out from the total", () => {
    // 12 + 3 + 9 = 24 is the headline; with only the 3 hidden, 24 - 12 - 9 would give it away.
    expect(protectCounts([12, 3, 9, 0], false)).toEqual([count(12), SMALL, HIDDEN, count(0)]);
    // 5 + 1 + 5 = 11: with one or both 5s hidden (each at least 5), the 1 is still the only value left, so all go.
    expect(protectCounts([5, 1, 5], false)).toEqual([HIDDEN, HIDDEN, HIDDEN]);
    expect(protectCounts([9, 1, 6, 0], false)).toEqual([count(9), SMALL, HIDDEN, count(0)]);
  });

  it("masks a whole table whose total is under 5, zeros included, and hides everything when nothing else protects it", () => {
    expect(protectCounts([1, 0, 0, 0], false)).toEqual([SMALL, SMALL, SMALL, SMALL]);
    expect(protectCounts([5, 1], false)).toEqual([HIDDEN, HIDDEN]);
    expect(protectCounts([0, 0, 0], false)).toEqual([count(0), count(0), count(0)]);
  });

  it("never lets a reader who knows the total and the rule pin down a suppressed count (every table up to 4 cells and 14 people)", () => {
    // An independent check by enumeration: every vector of counts the reader cannot tell apart from what was shown.
    const tables: number[][] = [];
    const grow = (prefix: number[], cells: number) => {
      if (prefix.length === cells) return void tables.push(prefix);
      for (let n = 0; n <= 14; n++) if (prefix.reduce((a, b) => a + b, 0) + n <= 14) grow([...prefix, n], cells);
    };
    grow([], 2);
    grow([], 3);
    grow([], 4);
    for (const counts of tables) {
      const shown = protectCounts(counts, false);
      const total = counts.reduce((a, b) => a + b, 0);
      const allHidden = shown.every((s) => s.kind === "hidden");
      const allSmall = shown.every((s) => s.kind === "small");
      const options = shown.map((s, i) => {
        if (s.kind === "exact") return [counts[i]];
        const [lo, hi] = allHidden ? [0, total] : allSmall ? [0, SMALL_CELL - 1] : s.kind === "small" ? [1, SMALL_CELL - 1] : [SMALL_CELL, total];
        return Array.from({ length: hi - lo + 1 }, (_, k) => lo + k);
      });
      const seen = shown.map(() => new Set<number>());
      const walk = (i: number, acc: number[], sum: number) => {
        if (sum > total) return;
        if (i === counts.length) {
          if (sum === total) acc.forEach((v, j) => seen[j].add(v));
          return;
        }
        for (const v of options[i]) walk(i + 1, [...acc, v], sum + v);
      };
      walk(0, [], 0);
      shown.forEach((s, i) => {
        if (s.kind === "exact") expect(s.count === 0 || s.count >= SMALL_CELL, `${counts}`).toBe(true);
        else expect(seen[i].size, `cell ${i} of ${counts} shown as ${JSON.stringify(shown)}`).toBeGreaterThan(1);
      });
    }
  });
});

// --- Report totals and disaggregation -------------------------------------------------------

describe("an event's report", () => {
  it("adds up to the attendance rows exactly, counts each day of a multi-day event, and still counts erased people", async () => {
    const workshop = await event({ start: "2026-04-14T07:00:00Z", days: 3, title: "Three-day training" });
    const women = await Promise.all(
      Array.from({ length: 6 }, (_, i) => person({ gender: "WOMAN", community: "KOSOVO_ALBANIAN", slug: i < 4 ? "gjilan" : "kamenice", orgType: "MUNICIPALITY" })),
    );
    const men = await Promise.all(Array.from({ length: 2 }, () => person({ gender: "MAN", community: "ROMA", slug: "gjilan", orgType: "CIVIL_SOCIETY" })));
    const erased = await person({ gender: "MAN", community: "GORANI", slug: "dragash" });
    await prisma.person.update({ where: { id: erased.id }, data: { name: "", email: null, erasedAt: new Date() } });
    const absent = await person({ gender: "WOMAN" });

    for (const p of [...women, ...men, erased, absent]) await invite(workshop.id, p.id, "ACCEPTED");
    await invite(workshop.id, (await person()).id, "DECLINED");
    await invite(workshop.id, (await person()).id, "PENDING");
    await invite(workshop.id, (await person()).id, "PENDING", false); // on the list, never sent: not invited
    await invite(workshop.id, (await person()).id, "CANCELLED"); // withdrawn: not invited
    await invite(workshop.id, (await person()).id, "ACCEPTED", false); // answered by phone, no email: invited
    for (const p of women) await attend(workshop.id, p.id, "2026-04-14", "2026-04-15", "2026-04-16");
    for (const p of men) await attend(workshop.id, p.id, "2026-04-14");
    await attend(workshop.id, erased.id, "2026-04-15", "2026-04-16");

    const report = (await eventReport(trainer, workshop.id, "en"))!;

    // Independently from the rows.
    const rows = await prisma.attendance.findMany({ where: { eventId: workshop.id }, include: { person: true } });
    const people = new Map(rows.map((r) => [r.personId, r.person]));
    expect(report.totals.personDays).toBe(rows.length);
    expect(report.totals.personDays).toBe(6 * 3 + 2 + 2);
    expect(report.totals.participations).toBe(people.size);
    expect(report.totals.people).toBe(9);
    expect(report.totals.accepted).toBe(11);
    expect(report.totals.declined).toBe(1);
    expect(report.totals.invited).toBe(11 + 1 + 1);
    expect(report.days.map((d) => [d.day, d.count])).toEqual([
      ["2026-04-14", rows.filter((r) => r.day === "2026-04-14").length],
      ["2026-04-15", 7],
      ["2026-04-16", 7],
    ]);
    const byGender = report.tables.find((t) => t.key === "gender")!;
    for (const gender of ["WOMAN", "MAN", "OTHER", "PREFER_NOT_TO_SAY"]) {
      expect(rowOf(byGender, gender)).toEqual(count([...people.values()].filter((p) => p.gender === gender).length));
    }
    const sum = (table: (typeof report.tables)[number]) => table.rows.reduce((s, r) => s + (r.shown.kind === "exact" ? r.shown.count : NaN), 0);
    for (const table of report.tables) expect(sum(table), table.key).toBe(people.size);
    const byCommunity = report.tables.find((t) => t.key === "community");
    expect(rowOf(byCommunity, "GORANI")).toEqual(count(1)); // the erased person still counts
    const byPlace = report.tables.find((t) => t.key === "municipality");
    expect(rowOf(byPlace, (await municipality("gjilan")).id)).toEqual(count(6));
    expect(rowOf(report.tables.find((t) => t.key === "organisationType"), "UNKNOWN")).toEqual(count(1));

    // What members and editors see of the same event: 2 Roma men and 1 Gorani are "<5", and no total gives them away.
    for (const viewer of [member, editor]) {
      const shown = (await eventReport(viewer, workshop.id, "en"))!;
      expect(shown.exact).toBe(false);
      expect(shown.totals.personDays).toBe(rows.length);
      const gender = shown.tables.find((t) => t.key === "gender");
      expect(rowOf(gender, "MAN")).toEqual(SMALL);
      expect(rowOf(gender, "WOMAN")).toEqual(HIDDEN);
      const community = shown.tables.find((t) => t.key === "community");
      expect(rowOf(community, "ROMA")).toEqual(SMALL);
      expect(rowOf(community, "GORANI")).toEqual(SMALL);
      expect(rowOf(community, "KOSOVO_ALBANIAN")).toEqual(count(6));
      expect(JSON.stringify(shown.tables)).not.toMatch(/"count":[1-4]\b/);
    }
    for (const viewer of [trainer, admin]) expect((await eventReport(viewer, workshop.id, "en"))!.exact).toBe(true);
  });

  it("tells first-time participants from those who attended an earlier event", async () => {
    const january = await event({ start: "2027-01-20T08:00:00Z", slug: "prizren", title: "January" });
    const march = await event({ start: "2027-03-20T08:00:00Z", slug: "prizren", title: "March" });
    const may = await event({ start: "2027-05-20T08:00:00Z", slug: "kline", title: "May" });
    const veteran = await person();
    const newcomer = await person();
    await attend(january.id, veteran.id, "2027-01-20");
    await attend(march.id, veteran.id, "2027-03-20");
    await attend(march.id, newcomer.id, "2027-03-20");
    await attend(may.id, newcomer.id, "2027-05-20");

    const firstTime = async (report: Awaited<ReturnType<typeof programmeReport>> | null) => {
      const table = report!.tables.find((t) => t.key === "firstTime");
      return [rowOf(table, "FIRST_TIME"), rowOf(table, "RETURNING")];
    };
    expect(await firstTime(await eventReport(trainer, march.id, "en"))).toEqual([count(1), count(1)]);
    expect(await firstTime(await eventReport(trainer, may.id, "en"))).toEqual([count(0), count(1)]);
    // Across March to May: the newcomer's first event (March) is in the period; the veteran came in January.
    expect(await firstTime(await programmeReport(trainer, { from: "2027-03-01", to: "2027-05-31", municipalityId: undefined }, "en"))).toEqual([
      count(1),
      count(1),
    ]);
    // Across January to May: both started within it.
    const whole = await programmeReport(trainer, { from: "2027-01-01", to: "2027-05-31" }, "en");
    expect(await firstTime(whole)).toEqual([count(2), count(0)]);
    expect(whole.totals.participations).toBe(4);
    expect(whole.totals.people).toBe(2);
  });
});

describe("an event's list of who came, for staff", () => {
  it("comes a page at a time, in the whole list's order, a page beyond the last giving the last", async () => {
    const conference = await event({ start: "2027-09-10T08:00:00Z", days: 2, title: "Conference" });
    const people = await Promise.all(Array.from({ length: 7 }, (_, i) => person({ name: `Attendee ${String.fromCharCode(71 - i)}` })));
    for (const p of people) await attend(conference.id, p.id, "2027-09-10");
    await attend(conference.id, people[0].id, "2027-09-11");

    const whole = await eventAttendees(conference.id);
    const first = await eventAttendeesPage(conference.id, 1, 3);
    const second = await eventAttendeesPage(conference.id, 2, 3);
    const last = await eventAttendeesPage(conference.id, 3, 3);
    expect([first.total, first.pages, first.page]).toEqual([7, 3, 1]);
    expect(first.attendees.map((a) => a.person.name)).toEqual(["Attendee A", "Attendee B", "Attendee C"]);
    expect([...first.attendees, ...second.attendees, ...last.attendees]).toEqual(whole);
    expect(last.attendees.map((a) => a.person.name)).toEqual(["Attendee G"]);
    expect(last.attendees[0].days).toEqual(["2027-09-10", "2027-09-11"]);
    expect(await eventAttendeesPage(conference.id, 9, 3)).toEqual(last);
    expect(await eventAttendeesPage(conference.id, 0, 3)).toEqual(first);
    // The page's default: a hundred.
    expect((await eventAttendeesPage(conference.id, 1)).attendees).toEqual(whole);
  });
});

describe("the report across events", () => {
  it("filters by period, cluster, municipality, type and theme, leaving out drafts and cancelled events", async () => {
    const inIstog = await event({ start: "2028-02-10T08:00:00Z", slug: "istog", type: "ROUND_TABLE", themeSlug: "housing", title: "Istog round table" });
    const inKlina = await event({ start: "2028-02-12T08:00:00Z", slug: "kline", type: "WORKSHOP", themeSlug: "education", title: "Klina workshop" });
    const later = await event({ start: "2028-04-01T08:00:00Z", slug: "istog", type: "WORKSHOP", title: "Istog April" });
    const cancelled = await event({ start: "2028-02-15T08:00:00Z", slug: "istog", status: "CANCELLED", title: "Cancelled" });
    for (const e of [inIstog, inKlina, later, cancelled]) await attend(e.id, (await person()).id, "2028-02-10");
    const west = await prisma.cluster.findUniqueOrThrow({ where: { slug: "west" } });
    const housing = await prisma.theme.findUniqueOrThrow({ where: { slug: "housing" } });
    const titles = async (filters: Parameters<typeof programmeReport>[1]) => (await programmeReport(trainer, filters, "en")).events.map((e) => e.title);
    const february = { from: "2028-02-01", to: "2028-02-29" };

    expect(await titles(february)).toEqual(["Istog round table", "Klina workshop"]);
    expect(await titles({ from: "2028-02-01", to: "2028-12-31", clusterId: west.id })).toEqual(["Istog round table", "Klina workshop", "Istog April"]);
    expect(await titles({ ...february, municipalityId: (await municipality("istog")).id })).toEqual(["Istog round table"]);
    expect(await titles({ from: "2028-01-01", to: "2028-12-31", type: "WORKSHOP" })).toEqual(["Klina workshop", "Istog April"]);
    expect(await titles({ from: "2028-01-01", to: "2028-12-31", themeId: housing.id })).toEqual(["Istog round table"]);
    // The period's last day counts whole, in Kosovo time: an event at 23:30 local on 29 Feb (22:30 UTC) is in February.
    const lateNight = await event({ start: "2028-02-29T22:30:00Z", slug: "kline", title: "Late" });
    expect(await titles({ from: "2028-02-29", to: "2028-02-29" })).toEqual(["Late"]);
    expect(await titles({ from: "2028-03-01", to: "2028-03-01" })).toEqual([]);
    await prisma.event.delete({ where: { id: lateNight.id } });
    const report = await programmeReport(trainer, february, "en");
    expect(report.totals.personDays).toBe(await prisma.attendance.count({ where: { eventId: { in: [inIstog.id, inKlina.id] } } }));
  });
});

// --- Exports ------------------------------------------------------------------------------------------

describe("exports", () => {
  it("gives CSV and XLSX with the reader's protection, and writes each export to the audit log", async () => {
    const roundTable = await event({ start: "2029-06-05T08:00:00Z", slug: "shterpce", title: "Round table =SUM(A1)" });
    for (let i = 0; i < 7; i++) await attend(roundTable.id, (await person({ gender: "WOMAN", community: "KOSOVO_SERB" })).id, "2029-06-05");
    for (let i = 0; i < 2; i++) await attend(roundTable.id, (await person({ gender: "MAN", community: "KOSOVO_SERB" })).id, "2029-06-05");

    const csvFor = async (viewer: Viewer) => {
      const file = (await exportReport(viewer, { eventId: roundTable.id }, "csv", "en"))!;
      const text = file.body.toString("utf-8").replace(/^\uFEFF/, "");
      const [summary] = text.split("\r\n\r\n");
      return Papa.parse<string[]>(summary, { skipEmptyLines: true }).data;
    };
    const line = (rows: string[][], table: string, row: string) => rows.find((r) => r[0] === table && r[1] === row)?.[2];
    const memberRows = await csvFor(member);
    expect(line(memberRows, "Attendees by gender", "Man")).toBe("<5");
    expect(line(memberRows, "Attendees by gender", "Woman")).toBe("hidden");
    expect(line(memberRows, "Attendees by community", "Kosovo Serb")).toBe("9");
    expect(line(memberRows, "Summary", "Person-days")).toBe("9");
    const trainerRows = await csvFor(trainer);
    expect(line(trainerRows, "Attendees by gender", "Man")).toBe("2");
    expect(line(trainerRows, "Attendees by gender", "Woman")).toBe("7");

    const xlsx = (await exportReport(member, { filters: { from: "2029-06-01", to: "2029-06-30" } }, "xlsx", "sq"))!;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const summary = workbook.worksheets[0];
    const values = summary.getSheetValues().slice(1).map((r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(values).toContainEqual(["Pjesëmarrësit sipas gjinisë", "Burrë", "<5"]);
    const events = workbook.worksheets[1].getSheetValues().slice(2).map((r) => (Array.isArray(r) ? r.slice(1) : []));
    // A title a spreadsheet would run as a formula stays text.
    expect(events[0][0]).toBe("Round table =SUM(A1)");
    expect(events[0][5]).toBe(9);

    const audits = await prisma.auditLog.findMany({ where: { action: "report.exported" }, orderBy: { createdAt: "asc" } });
    const mine = audits.filter((a) => a.actorId === member.id).map((a) => JSON.parse(a.details));
    expect(mine).toContainEqual({ format: "csv", eventId: roundTable.id, exactCounts: false });
    expect(mine).toContainEqual({ format: "xlsx", filters: { from: "2029-06-01", to: "2029-06-30" }, exactCounts: false });
    expect(audits.some((a) => a.actorId === trainer.id && JSON.parse(a.details).exactCounts === true)).toBe(true);
  });
});

// --- PDFs -----------------------------------------------------------------------------------------------

const pdftotextMissing = (() => {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return false;
  } catch {
    return true;
  }
})();
if (pdftotextMissing && process.env.CI !== "true") console.warn("PDF text checks skipped: pdftotext (poppler-utils) is not installed.");
const dir = mkdtempSync(join(tmpdir(), "durable-pdf-"));
function pdfText(pdf: Buffer): string {
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  const file = join(dir, `${randomUUID()}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString().replace(/\s+/g, " ");
}

describe.skipIf(pdftotextMissing && process.env.CI !== "true")("certificates and the attendance list", () => {
  it("gives a certificate in the person's language to staff and to the person, and to nobody else", async () => {
    const gathering = await createEvent({
      municipality: "novoberde",
      type: "TRAINING",
      status: "COMPLETED",
      venueName: "Shtëpia e Kulturës",
      startsAt: new Date("2026-09-14T07:00:00Z"),
      endsAt: new Date("2026-09-15T14:00:00Z"),
      capacity: 30,
      titles: { sq: "Trajnim për çështjet e pronës", sr: "Obuka o imovinskim pitanjima", en: "Training on property issues" },
      data: { organisers: { create: [{ userId: trainer.id }] } },
    });
    const memberAccount = await createUser({ roles: ["MEMBER"] });
    const albanian = await person({ name: "Besëlidhje Çollaku", locale: "sq", userId: memberAccount.id });
    const serbian = await person({ name: "Đorđe Šćepanović", locale: "sr" });
    const cyrillic = await person({ name: "Milica Žarković", locale: "sr-Cyrl" });
    const absent = await person({ name: "Nuk Erdhi" });
    await attend(gathering.id, albanian.id, "2026-09-14", "2026-09-15");
    await attend(gathering.id, serbian.id, "2026-09-15");
    await attend(gathering.id, cyrillic.id, "2026-09-14");

    const sq = await certificateFor(trainer, gathering.id, albanian.id);
    expect(sq.ok).toBe(true);
    const sqText = pdfText(sq.ok ? sq.pdf : Buffer.alloc(0));
    expect(sqText).toContain("Besëlidhje Çollaku");
    expect(sqText).toContain("Trajnim për çështjet e pronës");
    expect(sqText).toContain("Certifikatë pjesëmarrjeje");
    expect(sqText).toContain("Novobërdë");
    expect(sqText).toContain("Teuta Trajnere");
    expect(sqText).toMatch(/14 sht 2026.*15 sht 2026/);

    const sr = await certificateFor(admin, gathering.id, serbian.id);
    const srText = pdfText(sr.ok ? sr.pdf : Buffer.alloc(0));
    expect(srText).toContain("Đorđe Šćepanović");
    expect(srText).toContain("Potvrda o učešću");
    expect(srText).toContain("Obuka o imovinskim pitanjima");
    expect(srText).toContain("Novo Brdo");

    const cyr = await certificateFor(trainer, gathering.id, cyrillic.id);
    const cyrText = pdfText(cyr.ok ? cyr.pdf : Buffer.alloc(0));
    expect(cyrText).toContain(latinToCyrillic("Potvrda o učešću"));
    expect(cyrText).toContain(latinToCyrillic("Obuka o imovinskim pitanjima"));

    // The member downloads their own certificate, and nobody else's; nobody gets one for an event they missed.
    const self = asSessionUser(memberAccount);
    expect((await certificateFor(self, gathering.id, albanian.id)).ok).toBe(true);
    expect(await certificateFor(self, gathering.id, serbian.id)).toEqual({ ok: false, error: "notFound" });
    expect(await certificateFor(editor, gathering.id, serbian.id)).toEqual({ ok: false, error: "notFound" });
    expect(await certificateFor(trainer, gathering.id, absent.id)).toEqual({ ok: false, error: "notFound" });
  });

  it("puts every certificate of an event in one PDF for staff: a page per person who attended, in their language, without the erased", async () => {
    const workshop = await createEvent({
      municipality: "gjilan",
      type: "WORKSHOP",
      status: "COMPLETED",
      startsAt: new Date("2026-09-21T07:00:00Z"),
      endsAt: new Date("2026-09-22T14:00:00Z"),
      capacity: 30,
      titles: { sq: "Punëtori për dokumentet civile", sr: "Radionica o ličnim dokumentima", en: "Workshop on civil documents" },
    });
    const zana = await person({ name: "Zana Berisha", locale: "sq" });
    const dusan = await person({ name: "Dušan Nikolić", locale: "sr" });
    const vesna = await person({ name: "Vesna Đurić", locale: "sr-Cyrl" });
    const gone = await person({ name: "Gone Erased" });
    const stayedHome = await person({ name: "Qëndroi Shtëpi" });
    await invite(workshop.id, stayedHome.id, "ACCEPTED");
    await attend(workshop.id, zana.id, "2026-09-21", "2026-09-22");
    await attend(workshop.id, dusan.id, "2026-09-22");
    await attend(workshop.id, vesna.id, "2026-09-21");
    await attend(workshop.id, gone.id, "2026-09-21");
    await prisma.person.update({ where: { id: gone.id }, data: { name: "", erasedAt: new Date() } });

    const all = await eventCertificates(trainer, workshop.id, "en");
    expect(all.ok).toBe(true);
    const pdf = all.ok ? all.pdf : Buffer.alloc(0);
    const file = join(dir, `${randomUUID()}.pdf`);
    writeFileSync(file, pdf);
    // pdftotext ends each page with a form feed: one page per attendee, by name (Dušan, Vesna, Zana).
    const pages = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString().split("\f").slice(0, -1).map((page) => page.replace(/\s+/g, " "));
    expect(pages).toHaveLength(3);
    expect(pages[0]).toContain("Dušan Nikolić");
    expect(pages[0]).toContain("Potvrda o učešću");
    expect(pages[0]).toContain("Radionica o ličnim dokumentima");
    expect(pages[1]).toContain("Vesna Đurić");
    expect(pages[1]).toContain(latinToCyrillic("Potvrda o učešću"));
    expect(pages[2]).toContain("Zana Berisha");
    expect(pages[2]).toContain("Certifikatë pjesëmarrjeje");
    expect(pages[2]).toMatch(/21 sht 2026.*22 sht 2026/);
    // Each page is the person's own certificate.
    const own = await certificateFor(trainer, workshop.id, zana.id);
    expect(pdfText(own.ok ? own.pdf : Buffer.alloc(0)).trim()).toBe(pages[2].trim());
    expect(pages.join(" ")).not.toContain("Qëndroi Shtëpi");

    // Admins too; nobody else, and no file for an event nobody attended.
    expect((await eventCertificates(admin, workshop.id, "sq")).ok).toBe(true);
    expect(await eventCertificates(member, workshop.id, "sq")).toEqual({ ok: false, error: "notFound" });
    expect(await eventCertificates(editor, workshop.id, "sq")).toEqual({ ok: false, error: "notFound" });
    const empty = await createEvent({ status: "COMPLETED", startsAt: new Date("2026-09-25T07:00:00Z"), titles: { en: "Nobody came" } });
    expect(await eventCertificates(trainer, empty.id, "en")).toEqual({ ok: false, error: "notFound" });
    expect(await eventCertificates(trainer, "no-such-event", "en")).toEqual({ ok: false, error: "notFound" });
  });

  it("lists who attended each day, with gender and community only for those allowed to see them", async () => {
    const conference = await event({ start: "2026-10-05T07:00:00Z", days: 2, slug: "ranillug", title: "Regional conference" });
    const jovana = await person({ name: "Jovana Petrović", gender: "WOMAN", community: "KOSOVO_SERB", slug: "ranillug", orgType: "CIVIL_SOCIETY" });
    const arben = await person({ name: "Arbën Gashi", gender: "MAN", community: "KOSOVO_ALBANIAN", slug: "gjilan" });
    const gone = await person({ name: "Will Be Erased" });
    await attend(conference.id, jovana.id, "2026-10-05", "2026-10-06");
    await attend(conference.id, arben.id, "2026-10-06");
    await attend(conference.id, gone.id, "2026-10-05");
    await prisma.person.update({ where: { id: gone.id }, data: { name: "", erasedAt: new Date() } });

    const staffText = pdfText((await attendanceListPdf(trainer, conference.id, "en"))!);
    expect(staffText).toContain("Attendance list: Regional conference");
    expect(staffText).toContain("Jovana Petrović");
    expect(staffText).toContain("Arbën Gashi");
    expect(staffText).toContain("Erased person");
    expect(staffText).toContain("Kosovo Serb");
    expect(staffText).toMatch(/Day 1: 5 Oct 2026 · 2 people present.*Day 2: 6 Oct 2026 · 2 people present/);
    expect(staffText).toContain("Signature");
    const plainText = pdfText((await attendanceListPdf(editor, conference.id, "sr-Cyrl"))!);
    expect(plainText).toContain(latinToCyrillic("Lista prisutnih"));
    expect(plainText).toContain("Jovana Petrović");
    expect(plainText).not.toContain(latinToCyrillic("Kosovski Srbin"));
    expect(plainText).not.toContain(latinToCyrillic("Pol"));
  });
});
