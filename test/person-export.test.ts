// A person's data for them (GDPR art. 15): everything held, in their
// language, as JSON and as one readable page.
import { prisma } from "~/db.server";
import { personExportPage } from "~/models/person-export-page.server";
import { exportPersonData } from "~/models/person-export.server";
import { seed } from "../prisma/seed";
import { asSessionUser, createEvent, createPerson, createUser, invite } from "./helpers/factories";

beforeAll(async () => {
  await seed(process.env.DATABASE_URL, { demoUsers: false });
});

describe("a person's data export", () => {
  it("holds their needs, answers and who recorded them, days checked in, emails, feedback, subscriptions, facilitating, the account and the record's history, in their language", async () => {
    const admin = asSessionUser(await createUser({ roles: ["ADMIN"] }));
    const trainer = await createUser({ roles: ["TRAINER"], name: "Trainer Arta" });
    const account = await createUser({ roles: ["MEMBER"], name: "Valon Hoxha", email: "valon.hoxha@example.org" });
    const person = await createPerson({ name: "Valon Hoxha", email: "valon.hoxha@example.org", locale: "sq", userId: account.id });
    const held = await createEvent({ startsAt: new Date(Date.now() - 5 * 86_400_000), titles: { sq: "Punëtori për strehim", en: "Housing workshop" } });
    const invitation = await invite(held, person, "ACCEPTED", {
      data: { sentAt: new Date(Date.now() - 20 * 86_400_000), accessibilityNeeds: "përdorues i karriges me rrota", interpretation: "sr", needsTransport: true },
    });
    await prisma.invitationAnswer.create({ data: { invitationId: invitation.id, status: "ACCEPTED", channel: "TRAINER", recordedById: trainer.id } });
    await prisma.attendance.create({
      data: { eventId: held.id, personId: person.id, invitationId: invitation.id, day: "2026-11-30", method: "NAME_SEARCH", checkedInAt: new Date(), checkedInById: trainer.id },
    });
    await prisma.feedbackRequest.create({ data: { eventId: held.id, personId: person.id, tokenHash: `hash-${person.id}` } });
    const facilitated = await createEvent({ titles: { sq: "Tryezë e rrumbullakët", en: "Round table" } });
    await prisma.eventFacilitator.create({ data: { eventId: facilitated.id, personId: person.id } });
    await prisma.outboxMessage.create({ data: { template: "invitation", toAddress: "valon.hoxha@example.org", subject: "Ftesë: Punëtori për strehim", html: "", text: "", status: "SENT", sentAt: new Date() } });
    const guideline = await prisma.guideline.create({ data: { slug: `export-${person.id}`, title: "Udhëzime për riintegrim" } });
    await prisma.guidelineSubscription.create({ data: { guidelineId: guideline.id, email: "valon.hoxha@example.org", tokenHash: `sub-${person.id}`, confirmedAt: new Date() } });

    // An earlier export is part of the record's history.
    await exportPersonData(admin, person.id);
    const data = (await exportPersonData(admin, person.id))!;
    expect(data.language).toBe("sq");
    expect(data.account).toMatchObject({ email: "valon.hoxha@example.org", roles: ["MEMBER"] });
    expect(data.invitations).toEqual([
      expect.objectContaining({
        event: expect.objectContaining({ title: "Punëtori për strehim" }),
        status: "ACCEPTED",
        needs: { accessibility: "përdorues i karriges me rrota", interpretation: "sr", transport: true },
        answers: [expect.objectContaining({ status: "ACCEPTED", channel: "TRAINER", recordedBy: "Trainer Arta" })],
      }),
    ]);
    expect(data.attendance).toEqual([expect.objectContaining({ day: "2026-11-30", method: "NAME_SEARCH", checkedInBy: "Trainer Arta" })]);
    expect(data.feedbackRequests).toEqual([expect.objectContaining({ answered: false, event: expect.objectContaining({ title: "Punëtori për strehim" }) })]);
    expect(data.facilitating).toEqual([{ event: expect.objectContaining({ title: "Tryezë e rrumbullakët" }) }]);
    expect(data.emails).toEqual([expect.objectContaining({ template: "invitation", subject: "Ftesë: Punëtori për strehim", status: "SENT" })]);
    expect(data.guidelineSubscriptions).toEqual([expect.objectContaining({ guideline: "Udhëzime për riintegrim" })]);
    expect(data.recordHistory).toEqual([expect.objectContaining({ action: "person.data_exported", by: admin.name })]);
    // No secret leaves: no token hash, no password hash.
    expect(JSON.stringify(data)).not.toMatch(/hash-|sub-|passwordHash|\$argon|\$scrypt/);

    const page = personExportPage(data);
    expect(page).toMatch(/^<!DOCTYPE html><html lang="sq"/);
    for (const text of ["Të dhënat për Valon Hoxha", "Ftesat", "Punëtori për strehim", "Qasshmëria: përdorues i karriges me rrota", "Ka nevojë për transport", "Trainer Arta", "Udhëzime për riintegrim", "Tryezë e rrumbullakët"]) {
      expect(page).toContain(text);
    }
    // Names and texts are escaped, never markup.
    expect(personExportPage({ ...data, person: { ...data.person, name: "<script>alert(1)</script>" } })).not.toContain("<script>alert");
  });
});
