import { prisma } from "~/db.server";
import { parseDays, remindersOf, sendDueReminders, setReminders } from "~/models/reminder.server";
import { seed } from "../prisma/seed";
import { createEvent, createPerson, createUser } from "./helpers/factories";

const DAY = 86_400_000;
const APP = "http://durable.test";

async function eventAt(startsAt: Date) {
  return createEvent({
    municipality: "prizren",
    type: "TRAINING",
    venueName: "Qendra rinore",
    startsAt,
    hours: 3,
    capacity: 30,
    titles: { sq: "Trajnim për dokumentet" },
  });
}

async function invited(eventId: string, status: "ACCEPTED" | "PENDING", sentAt: Date) {
  const person = await createPerson();
  return prisma.invitation.create({ data: { eventId, personId: person.id, status, sentAt } });
}

beforeAll(async () => {
  await seed(process.env.DATABASE_URL, { demoUsers: false });
});

describe("reminders", () => {
  it("reminds those who accepted and nudges those who did not answer, each once, at 7 days and 1 day before", async () => {
    const T = new Date("2027-05-20T08:00:00Z");
    const event = await eventAt(T);
    const accepted = await invited(event.id, "ACCEPTED", new Date(T.getTime() - 20 * DAY));
    const silent = await invited(event.id, "PENDING", new Date(T.getTime() - 20 * DAY));
    // Invited after the 7-day reminder fell due: no 7-day reminder for them.
    const late = await invited(event.id, "ACCEPTED", new Date(T.getTime() - 6.5 * DAY));

    const sixDaysBefore = new Date(T.getTime() - 6 * DAY);
    expect(await sendDueReminders(APP, sixDaysBefore)).toBe(2);
    expect(await sendDueReminders(APP, sixDaysBefore)).toBe(0);

    const mails = await prisma.outboxMessage.findMany({ where: { template: "event-reminder" }, orderBy: { createdAt: "asc" } });
    const to = async (id: string) => (await prisma.invitation.findUniqueOrThrow({ where: { id }, include: { person: true } })).person.email;
    expect(mails.map((m) => m.toAddress).sort()).toEqual([await to(accepted.id), await to(silent.id)].sort());
    const silentAddress = await to(silent.id);
    expect(mails.find((m) => m.toAddress === silentAddress)?.subject).toBe("A do të vini? Trajnim për dokumentet");
    expect(mails.find((m) => m.toAddress !== silentAddress)?.subject).toBe("Përkujtim: Trajnim për dokumentet");

    // A restart in the middle of a round (the reminder not yet marked complete) sends nobody a second one.
    await prisma.eventReminder.updateMany({ where: { eventId: event.id }, data: { completedAt: null } });
    const [a, b] = await Promise.all([sendDueReminders(APP, sixDaysBefore), sendDueReminders(APP, sixDaysBefore)]);
    expect(a + b).toBe(0);

    // The day before, those who accepted (the late one too) get the 1-day reminder.
    const dayBefore = new Date(T.getTime() - 0.5 * DAY);
    expect(await sendDueReminders(APP, dayBefore)).toBe(2);
    const lateMails = await prisma.outboxMessage.count({ where: { template: "event-reminder", toAddress: (await to(late.id))! } });
    expect(lateMails).toBe(1);
  });

  it("lets the trainer set the days, and reads them back", async () => {
    const trainer = await createUser({ roles: ["TRAINER"] });
    const event = await eventAt(new Date("2027-06-01T08:00:00Z"));
    expect((await remindersOf(event.id)).map((r) => [r.kind, r.minutesBefore / 1440])).toEqual([
      ["REMINDER", 7],
      ["REMINDER", 1],
      ["NUDGE", 7],
    ]);
    await setReminders(trainer.id, event.id, [3], [5, 2]);
    expect((await remindersOf(event.id)).map((r) => [r.kind, r.minutesBefore / 1440])).toEqual([
      ["REMINDER", 3],
      ["NUDGE", 5],
      ["NUDGE", 2],
    ]);
    expect(parseDays("7, 1")).toEqual([7, 1]);
    expect(parseDays("7, x")).toBeNull();
    expect(parseDays("100")).toBeNull();
  });
});
