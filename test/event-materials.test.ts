import { prisma } from "~/db.server";
import { mayDownloadMaterial } from "~/models/event-material.server";
import { seed } from "../prisma/seed";
import { asSessionUser, createEvent, createPerson, createUser, invite } from "./helpers/factories";

beforeAll(async () => {
  await seed(process.env.DATABASE_URL, { demoUsers: false });
});

async function material(event: { id: string }, isPublic: boolean) {
  const row = await prisma.eventMaterial.create({
    data: { eventId: event.id, title: "Agenda", fileName: "agenda.txt", contentType: "text/plain", size: 6, sha256: "-", storagePath: `${event.id}/agenda.txt`, isPublic },
  });
  return prisma.eventMaterial.findUniqueOrThrow({ where: { id: row.id }, include: { event: { select: { status: true } } } });
}

async function memberWithRecord() {
  const user = await createUser({ roles: ["MEMBER"] });
  const person = await createPerson({ name: user.name });
  await prisma.person.update({ where: { id: person.id }, data: { userId: user.id } });
  return { user: asSessionUser(user), person };
}

describe("who may download an event's materials", () => {
  it("keeps a draft's materials, public or not, from a member who is only on its list, and opens private ones to those sent an invitation", async () => {
    const draft = await createEvent({ status: "DRAFT" });
    const { user, person } = await memberWithRecord();
    // On the draft's list, never sent an invitation (a draft's cannot be sent).
    await invite(draft, person, "PENDING");
    expect(await mayDownloadMaterial(user, await material(draft, false))).toBe(false);
    expect(await mayDownloadMaterial(user, await material(draft, true))).toBe(false);
    expect(await mayDownloadMaterial(null, await material(draft, true))).toBe(false);
    const trainer = asSessionUser(await createUser({ roles: ["TRAINER"] }));
    expect(await mayDownloadMaterial(trainer, await material(draft, false))).toBe(true);

    const published = await createEvent();
    const sent = await memberWithRecord();
    const listed = await memberWithRecord();
    const withdrawn = await memberWithRecord();
    await invite(published, sent.person, "PENDING", { data: { sentAt: new Date() } });
    await invite(published, listed.person, "PENDING");
    await invite(published, withdrawn.person, "CANCELLED", { data: { sentAt: new Date() } });
    const agenda = await material(published, false);
    expect(await mayDownloadMaterial(sent.user, agenda)).toBe(true);
    expect(await mayDownloadMaterial(listed.user, agenda)).toBe(false);
    expect(await mayDownloadMaterial(withdrawn.user, agenda)).toBe(false);
    expect(await mayDownloadMaterial(null, await material(published, true))).toBe(true);
  });
});
