import { prisma } from "~/db.server";
import { eventReport, exportReport, programmeReport } from "~/models/report.server";
import { seed } from "../prisma/seed";
import { asSessionUser, createUser } from "./helpers/factories";
import { statementsDuring } from "./helpers/query-count";
import { addRandomProgramme, randomSource } from "./helpers/report-data";

vi.mock("~/db-adapter.server", async (original) => {
  const { countingAdapters } = await import("./helpers/query-count");
  return countingAdapters(await original<typeof import("~/db-adapter.server")>());
});

// A report is a fixed number of grouped queries, however many rows it counts:
// the same number of SQL statements at 100 attendance rows and at 3,000.

type Viewer = ReturnType<typeof asSessionUser>;
let trainer: Viewer;
let member: Viewer;

beforeAll(async () => {
  await seed(process.env.DATABASE_URL, { demoUsers: false });
  trainer = asSessionUser(await createUser({ roles: ["TRAINER"] }));
  member = asSessionUser(await createUser({ roles: ["MEMBER"] }));
});

describe("the number of SQL statements a report sends", () => {
  it("stays the same from 100 to 3,000 attendance rows", async () => {
    const count = async () => {
      const busiest = await prisma.attendance.groupBy({ by: ["eventId"], _count: { _all: true }, orderBy: { _count: { eventId: "desc" } }, take: 1 });
      const eventId = busiest[0].eventId;
      return {
        programme: (await statementsDuring(() => programmeReport(trainer, {}, "en"))).length,
        programmeForMember: (await statementsDuring(() => programmeReport(member, {}, "en"))).length,
        filtered: (await statementsDuring(() => programmeReport(trainer, { from: "2027-03-01", to: "2027-10-31" }, "en"))).length,
        event: (await statementsDuring(() => eventReport(trainer, eventId, "en"))).length,
        // The export is the report plus its audit entry.
        export: (await statementsDuring(() => exportReport({ ...trainer }, { filters: {} }, "csv", "en"))).length,
      };
    };

    const random = randomSource(7);
    const small = await addRandomProgramme(random, { events: 4, people: 40, attendance: 100 });
    expect(small.attendance).toBe(100);
    const atSmall = await count();

    const large = await addRandomProgramme(random, { events: 20, people: 600, attendance: 2900 });
    expect(await prisma.attendance.count()).toBe(100 + large.attendance);
    expect(await prisma.attendance.count()).toBe(3000);
    const atLarge = await count();

    expect(atLarge).toEqual(atSmall);
    // And few (the statements are counted: none would be too few): the events with their titles and places,
    // the invitations twice, the attendance figures, feedback requests and scores, the municipalities;
    // one event's report adds its feedback texts.
    expect(atSmall.programme).toBeGreaterThan(5);
    expect(atLarge.programme).toBeLessThanOrEqual(10);
    expect(atLarge.event).toBeLessThanOrEqual(11);
  });
});
