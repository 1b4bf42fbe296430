import { prisma } from "~/db.server";
import { eventAttendees, eventReport, programmeReport, type Report, type ReportFilters } from "~/models/report.server";
import { seed } from "../prisma/seed";
import { asSessionUser, createUser } from "./helpers/factories";
import { referenceEventAttendees, referenceEventReport, referenceProgrammeReport } from "./helpers/reference-report";
import { addRandomProgramme, randomSource } from "./helpers/report-data";

// The reports are counted by the database; the reference report counts the
// same rows one by one in JavaScript, as the reports first did. On a few
// thousand random attendance rows, every figure and every protected cell
// must agree, for readers with exact counts and for readers without.
// REPORTS_SEED=<n> makes another data set.
const SEED = Number(process.env.REPORTS_SEED || 20261205);

type Viewer = ReturnType<typeof asSessionUser>;
/** The kinds of cell the compared reports showed members: every kind must have been compared. */
const seen = new Set<string>();
const note = (report: Report | null) => report?.tables.forEach((t) => t.rows.forEach((r) => seen.add(r.shown.kind)));
let trainer: Viewer;
let member: Viewer;
let programme: Awaited<ReturnType<typeof addRandomProgramme>>;

beforeAll(async () => {
  await seed(process.env.DATABASE_URL, { demoUsers: false });
  trainer = asSessionUser(await createUser({ roles: ["TRAINER"] }));
  member = asSessionUser(await createUser({ roles: ["MEMBER"] }));
  programme = await addRandomProgramme(randomSource(SEED), { events: 24, people: 500, attendance: 3000 });
});

describe(`reports counted by the database agree with the reference report (seed ${SEED})`, () => {
  it("builds a data set worth comparing", async () => {
    expect(programme.attendance).toBe(3000);
    expect(await prisma.attendance.count()).toBe(3000);
    // Sessions with check-ins, and some without.
    expect(programme.sessionAttendance).toBeGreaterThan(100);
    expect(await prisma.eventSession.count({ where: { attendances: { none: {} } } })).toBeGreaterThan(0);
    const report = await programmeReport(trainer, {}, "en");
    // Both kinds of participant.
    const firstTime = report.tables.find((t) => t.key === "firstTime")!.rows;
    expect(firstTime.every((r) => r.shown.kind === "exact" && r.shown.count > 0)).toBe(true);
  });

  it("the programme report, without and with each filter", async () => {
    const events = await prisma.event.findMany({ include: { themes: true }, orderBy: { startsAt: "asc" } });
    const middle = events[Math.floor(events.length / 2)].startsAt.toISOString().slice(0, 10);
    const filters: ReportFilters[] = [
      {},
      { from: "2027-03-01" },
      { to: middle },
      { from: "2027-02-01", to: "2027-08-31" },
      { clusterId: events[0].clusterId },
      { municipalityId: events[1].municipalityId },
      { type: events[2].type },
      { themeId: events.find((e) => e.themes.length)!.themes[0].themeId },
      { from: middle, clusterId: events[3].clusterId, type: events[3].type },
      // Nothing matches.
      { from: "2030-01-01" },
    ];
    for (const viewer of [trainer, member]) {
      for (const filter of filters) {
        const expected = await referenceProgrammeReport(viewer, filter, "en");
        if (viewer === member) note(expected);
        expect(await programmeReport(viewer, filter, "en"), `${viewer.roles[0]} ${JSON.stringify(filter)}`).toEqual(expected);
      }
    }
  });

  it("each event's report, drafts and cancelled events included, and its list of who came on which days", async () => {
    for (const event of programme.events) {
      expect(await eventAttendees(event.id), event.id).toEqual(await referenceEventAttendees(event.id));
      for (const viewer of [trainer, member]) {
        const expected = await referenceEventReport(viewer, event.id, "sr");
        if (viewer === member) note(expected);
        expect(await eventReport(viewer, event.id, "sr"), `${viewer.roles[0]} ${event.id}`).toEqual(expected);
      }
    }
    expect(await eventReport(trainer, "no-such-event", "en")).toBeNull();
    // Exact counts, "<5" and cells hidden to protect a "<5" were all among the compared cells.
    expect([...seen].sort()).toEqual(["exact", "hidden", "small"]);
  });
});
