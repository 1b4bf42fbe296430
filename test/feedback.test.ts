import { prisma } from "~/db.server";
import { answerFeedback, feedbackByToken, sendFeedbackRequests } from "~/models/feedback.server";
import { eventReport } from "~/models/report.server";
import { seed } from "../prisma/seed";
import { asSessionUser, createEvent, createPerson, createUser } from "./helpers/factories";

const APP = "http://durable.test";
const HOUR = 3_600_000;

beforeAll(async () => {
  await seed(process.env.DATABASE_URL, { demoUsers: false });
});

async function endedEvent(endsAt: Date, status: "PUBLISHED" | "COMPLETED" | "CANCELLED" = "COMPLETED") {
  return createEvent({
    municipality: "dragash",
    status,
    venueName: "Qendra kulturore",
    startsAt: new Date(endsAt.getTime() - 5 * HOUR),
    endsAt,
    titles: { sq: "Punëtori për arsimin", sr: "Radionica o obrazovanju" },
  });
}

async function attended(eventId: string, locale = "sq") {
  const person = await createPerson({ locale });
  await prisma.attendance.create({ data: { eventId, personId: person.id, day: "2026-06-01", method: "QR", checkedInAt: new Date() } });
  return person;
}

/** The personal link in a queued questionnaire email. */
async function linkFor(address: string) {
  const mail = await prisma.outboxMessage.findFirstOrThrow({ where: { template: "feedback-request", toAddress: address } });
  return mail.text.match(/\/feedback\/([\w-]+)/)![1];
}

describe("the after-event questionnaire", () => {
  it("goes to each attendee once, in their language, across scheduler runs running at the same time", async () => {
    const now = new Date("2026-06-02T10:00:00Z");
    const event = await endedEvent(new Date("2026-06-01T15:00:00Z"));
    const albanian = await attended(event.id, "sq");
    const serbian = await attended(event.id, "sr");
    // Accepted but never came: no questionnaire.
    const noShow = await createPerson();
    await prisma.invitation.create({ data: { eventId: event.id, personId: noShow.id, status: "ACCEPTED", sentAt: now } });
    // Still running, cancelled, or long over: nothing yet / nothing at all.
    await attended((await endedEvent(new Date(now.getTime() + 3 * HOUR), "PUBLISHED")).id);
    await attended((await endedEvent(new Date(now.getTime() - HOUR), "CANCELLED")).id);
    await attended((await endedEvent(new Date(now.getTime() - 40 * 24 * HOUR))).id);

    const [first, second] = await Promise.all([sendFeedbackRequests(APP, now), sendFeedbackRequests(APP, now)]);
    expect(first + second).toBe(2);
    // A second round (a restart of the worker) sends nobody another one.
    expect(await sendFeedbackRequests(APP, new Date(now.getTime() + HOUR))).toBe(0);

    const mails = await prisma.outboxMessage.findMany({ where: { template: "feedback-request" } });
    expect(mails.map((m) => m.toAddress).sort()).toEqual([albanian.email, serbian.email].sort());
    expect(mails.find((m) => m.toAddress === albanian.email)?.subject).toBe("Si ishte Punëtori për arsimin?");
    expect(mails.find((m) => m.toAddress === serbian.email)?.subject).toBe("Kakav je bio događaj Radionica o obrazovanju?");
    // Only the hash of the link's token is stored.
    const token = await linkFor(albanian.email!);
    const requests = await prisma.feedbackRequest.findMany({ where: { eventId: event.id } });
    expect(requests).toHaveLength(2);
    expect(JSON.stringify(requests)).not.toContain(token);
  });

  it("takes one anonymous answer per link; opening the link changes nothing", async () => {
    const now = new Date("2026-07-02T10:00:00Z");
    const event = await endedEvent(new Date("2026-07-01T15:00:00Z"));
    const people = [await attended(event.id), await attended(event.id), await attended(event.id)];
    expect(await sendFeedbackRequests(APP, now)).toBe(3);
    const [a, b, c] = await Promise.all(people.map((p) => linkFor(p.email!)));

    const opened = await feedbackByToken(a, "sq", now);
    expect(opened).toMatchObject({ ok: true, title: "Punëtori për arsimin", answered: false });
    expect(await prisma.feedbackRequest.count({ where: { eventId: event.id, answered: true } })).toBe(0);

    expect(await answerFeedback(a, { satisfaction: 5, learnt: "Si të përgatisim dokumentet.", improve: "" }, now)).toEqual({ ok: true });
    expect(await answerFeedback(a, { satisfaction: 1, learnt: "again", improve: "" }, now)).toEqual({ ok: false, error: "alreadyAnswered" });
    // Two submissions of one link at the same moment record one answer.
    const both = await Promise.all([
      answerFeedback(b, { satisfaction: 4, learnt: "", improve: "Më shumë kohë për pyetje." }, now),
      answerFeedback(b, { satisfaction: 4, learnt: "", improve: "Më shumë kohë për pyetje." }, now),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(await answerFeedback("tampered-token", { satisfaction: 3, learnt: "", improve: "" }, now)).toEqual({ ok: false, error: "invalid" });
    // Sixty days after the event the link no longer works.
    expect(await answerFeedback(c, { satisfaction: 3, learnt: "", improve: "" }, new Date(now.getTime() + 61 * 24 * HOUR))).toEqual({ ok: false, error: "invalid" });

    const responses = await prisma.feedbackResponse.findMany({ where: { eventId: event.id } });
    expect(responses).toHaveLength(2);
    // Nothing in an answer points to a person or a moment.
    for (const response of responses) expect(Object.keys(response).sort()).toEqual(["eventId", "id", "improve", "learnt", "satisfaction"]);
    const ids = new Set(people.map((p) => p.id));
    expect(JSON.stringify(responses).split(/\W+/).some((w) => ids.has(w))).toBe(false);

    // The report: mean and spread for staff; comments without names for everyone; few answers stay hidden for members.
    const trainer = asSessionUser(await createUser({ roles: ["TRAINER"] }));
    const member = asSessionUser(await createUser({ roles: ["MEMBER"] }));
    const staffView = (await eventReport(trainer, event.id, "en"))!.feedback;
    expect(staffView).toMatchObject({ requested: 3, responses: 2, average: 4.5, averageHidden: false });
    expect(staffView.distribution.map((d) => d.shown)).toEqual([0, 0, 0, 1, 1].map((count) => ({ kind: "exact", count })));
    expect(staffView.learnt).toEqual(["Si të përgatisim dokumentet."]);
    expect(staffView.improve).toEqual(["Më shumë kohë për pyetje."]);
    const memberView = (await eventReport(member, event.id, "en"))!.feedback;
    expect(memberView).toMatchObject({ responses: 2, average: null, averageHidden: true });
    expect(memberView.distribution.every((d) => d.shown.kind === "small")).toBe(true);
    expect(memberView.improve).toEqual(["Më shumë kohë për pyetje."]);
  });
});
