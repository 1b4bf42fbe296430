// Erasure (GDPR art. 17): nothing that identifies the person is left, no link
// of theirs opens, and a backup taken before the erasure, once restored, has
// them erased again from the journal (ids and times only).
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPrismaClient, prisma } from "~/db.server";
import { erasePerson, erasureJournalPath, readErasureJournal } from "~/models/erasure.server";
import { feedbackByToken } from "~/models/feedback.server";
import { subscriptionByToken } from "~/models/guideline-subscription.server";
import { invitationByToken } from "~/models/invitation-list.server";
import { createToken, hashToken } from "~/utils/tokens.server";
import { backupDatabase, restoreDatabase } from "../prisma/tooling/backup";
import { asSessionUser, createEvent, createPerson, createUser, invite } from "./helpers/factories";
import { postgresqlUrlFor, runDatabasePrefix, testEngine } from "./helpers/database";
import { seed } from "../prisma/seed";

beforeAll(async () => {
  await seed(process.env.DATABASE_URL, { demoUsers: false });
});

async function personWithLinks(name: string) {
  const email = `${name.toLowerCase().replace(/\s+/g, ".")}@example.org`;
  const person = await createPerson({ name, email });
  // Coming (their invitation link opens), and held (they were asked for feedback).
  const event = await createEvent({ status: "PUBLISHED" });
  const held = await createEvent({ status: "PUBLISHED", startsAt: new Date(Date.now() - 3 * 86_400_000) });
  const invitation = await invite(event, person, "ACCEPTED", { data: { accessibilityNeeds: "wheelchair user; insulin-dependent diabetic", interpretation: "Romani", needsTransport: true, sentAt: new Date() } });
  const tokens = { invitation: createToken(), feedback: createToken(), subscription: createToken() };
  await prisma.invitationLink.create({ data: { tokenHash: hashToken(tokens.invitation), invitationId: invitation.id } });
  await prisma.feedbackRequest.create({ data: { eventId: held.id, personId: person.id, tokenHash: hashToken(tokens.feedback) } });
  const guideline = await prisma.guideline.create({ data: { slug: `guide-${tokens.subscription.slice(0, 8).toLowerCase()}`, title: "Guide" } });
  await prisma.guidelineSubscription.create({ data: { guidelineId: guideline.id, email, tokenHash: hashToken(tokens.subscription), confirmedAt: new Date() } });
  return { person, invitation, tokens };
}

describe("erasing a person", () => {
  it("kills every link of theirs: the invitation, the feedback request and the guideline subscription to their address", async () => {
    const admin = asSessionUser(await createUser({ roles: ["ADMIN"] }));
    const { person, tokens } = await personWithLinks("Hava Rexhepi");
    expect(await invitationByToken(tokens.invitation)).not.toBeNull();
    expect((await feedbackByToken(tokens.feedback, "en")).ok).toBe(true);
    expect(await subscriptionByToken(tokens.subscription)).not.toBeNull();

    expect(await erasePerson(admin, person.id)).toEqual({ ok: true });

    expect(await invitationByToken(tokens.invitation)).toBeNull();
    expect((await feedbackByToken(tokens.feedback, "en")).ok).toBe(false);
    expect(await subscriptionByToken(tokens.subscription)).toBeNull();
    // Asked for feedback once, still: no second request goes to the anonymous row.
    expect(await prisma.feedbackRequest.count({ where: { personId: person.id } })).toBe(1);
  });

  it(
    "is applied again when a backup taken before it is restored, from a journal of ids and times only",
    { timeout: 120_000 },
    async () => {
      const admin = asSessionUser(await createUser({ roles: ["ADMIN"] }));
      const { person, invitation, tokens } = await personWithLinks("Drita Berisha");
      const kept = await createPerson({ name: "Besa Gashi", email: "besa.gashi@example.org" });
      const dir = mkdtempSync(join(tmpdir(), "durable-erasure-"));
      const { file } = await backupDatabase(process.env.DATABASE_URL, join(dir, "before-erasure"));

      expect(await erasePerson(admin, person.id)).toEqual({ ok: true });
      const journal = readFileSync(erasureJournalPath(), "utf8");
      expect(readErasureJournal().map((entry) => entry.personId)).toContain(person.id);
      expect(journal).not.toMatch(/Drita|Berisha|example\.org|wheelchair/);
      for (const line of journal.trim().split("\n")) expect(Object.keys(JSON.parse(line)).sort()).toEqual(["erasedAt", "personId"]);

      const target = testEngine === "postgresql" ? postgresqlUrlFor(`${runDatabasePrefix()}erasure_restored`) : `file:${join(dir, "restored.db")}`;
      const restored = await restoreDatabase(file, target);
      expect(restored.erasuresReapplied).toBe(1);
      const db = createPrismaClient(target);
      try {
        expect(await db.person.findUniqueOrThrow({ where: { id: person.id } })).toMatchObject({ name: "", email: null, searchText: "" });
        expect((await db.person.findUniqueOrThrow({ where: { id: person.id } })).erasedAt).not.toBeNull();
        expect(await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).toMatchObject({ accessibilityNeeds: null, interpretation: null, needsTransport: false });
        expect(await db.invitationLink.count({ where: { tokenHash: hashToken(tokens.invitation) } })).toBe(0);
        expect(await db.feedbackRequest.count({ where: { tokenHash: hashToken(tokens.feedback) } })).toBe(0);
        expect(await db.guidelineSubscription.count({ where: { tokenHash: hashToken(tokens.subscription) } })).toBe(0);
        expect(await db.auditLog.count({ where: { action: "person.erasure_reapplied", subjectId: person.id, actorId: null } })).toBe(1);
        // Nobody else is touched.
        expect(await db.person.findUniqueOrThrow({ where: { id: kept.id } })).toMatchObject({ name: "Besa Gashi", erasedAt: null });
      } finally {
        await db.$disconnect();
      }
      // The same backup restored once more: erased again, and the database it replaced (already erased) is kept.
      const again = await restoreDatabase(file, target);
      expect(again).toMatchObject({ erasuresReapplied: 1, previous: expect.any(String) });
    },
  );
});
