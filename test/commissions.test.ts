// A registered member asks to join their municipality's commission; a trainer
// approves or declines, and the member is told by email in their language.
import { prisma } from "~/db.server";
import { decideJoinRequest, requestToJoin, setCommissionMember } from "~/models/commission.server";
import sq from "~/locales/sq";
import sr from "~/locales/sr";
import { seed } from "../prisma/seed";
import { DEMO_COMMISSION_NAME } from "../prisma/seed-directory";
import { asSessionUser, createUser } from "./helpers/factories";

const APP = "https://durable.test";
let trainer: ReturnType<typeof asSessionUser>;

async function commissionOf(slug: string) {
  return prisma.commission.findFirstOrThrow({ where: { municipality: { slug }, name: DEMO_COMMISSION_NAME } });
}

beforeAll(async () => {
  await seed(process.env.DATABASE_URL, { demoUsers: false });
  trainer = asSessionUser(await createUser({ roles: ["TRAINER"] }));
});

describe("joining a municipal commission", () => {
  it("approval makes the member's directory record a commission member and emails them in Serbian", async () => {
    const member = asSessionUser(await createUser({ roles: ["MEMBER"], locale: "sr", name: "Jovana Ristić" }));
    const commission = await commissionOf("shterpce");
    const asked = await requestToJoin(member, commission.id);
    expect(asked.ok).toBe(true);
    expect(await requestToJoin(member, commission.id)).toEqual({ ok: false, error: "alreadyPending" });
    expect(await prisma.person.findUnique({ where: { userId: member.id } })).toBeNull();

    const requestId = (asked as { request: { id: string } }).request.id;
    expect(await decideJoinRequest(trainer, requestId, { approve: true }, APP)).toEqual({ ok: true });

    const person = await prisma.person.findUniqueOrThrow({ where: { userId: member.id }, include: { commissions: true } });
    expect(person).toMatchObject({ name: "Jovana Ristić", email: member.email, municipalityId: commission.municipalityId, locale: "sr" });
    expect(person.searchText).toContain("strpce");
    expect(person.commissions.map((m) => [m.commissionId, m.role])).toEqual([[commission.id, "MEMBER"]]);

    const mail = await prisma.outboxMessage.findFirstOrThrow({ where: { toAddress: member.email } });
    expect(mail.subject).toBe(sr.directory.emails.joinDecision.approvedSubject.replace("{{commission}}", commission.name));
    expect(mail.html).toContain('lang="sr-Latn"');
    expect(mail.text).toContain(`${APP}/commissions/join`);

    // Deciding twice (two trainers at once) is refused; so is asking again once a member.
    expect(await decideJoinRequest(trainer, requestId, { approve: false }, APP)).toEqual({ ok: false, error: "alreadyDecided" });
    expect(await requestToJoin(member, commission.id)).toEqual({ ok: false, error: "alreadyMember" });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "commission.join_approved", actorId: trainer.id } });
    expect(JSON.parse(audit.details)).toMatchObject({ requestId, userId: member.id });
  });

  it("links an existing directory record with the member's email instead of creating a second one", async () => {
    const existing = await prisma.person.findFirstOrThrow({ where: { email: { endsWith: "@demo.durable.localhost" }, userId: null } });
    const user = await createUser({ roles: ["MEMBER"], locale: "sq", email: existing.email! });
    const member = asSessionUser(user);
    const commission = await commissionOf("kline");
    const asked = (await requestToJoin(member, commission.id)) as { request: { id: string } };
    const before = await prisma.person.count();
    await decideJoinRequest(trainer, asked.request.id, { approve: true }, APP);
    expect(await prisma.person.count()).toBe(before);
    expect((await prisma.person.findUniqueOrThrow({ where: { id: existing.id } })).userId).toBe(user.id);
  });

  it("a declined member is told why, in Albanian, and joins nothing", async () => {
    const member = asSessionUser(await createUser({ roles: ["MEMBER"], locale: "sq" }));
    const commission = await commissionOf("gjilan");
    const asked = (await requestToJoin(member, commission.id)) as { request: { id: string } };
    await decideJoinRequest(trainer, asked.request.id, { approve: false, reason: "Komisioni është i plotë këtë vit." }, APP);
    const request = await prisma.commissionJoinRequest.findUniqueOrThrow({ where: { id: asked.request.id } });
    expect(request).toMatchObject({ status: "DECLINED", decidedById: trainer.id, reason: "Komisioni është i plotë këtë vit." });
    expect(await prisma.person.findUnique({ where: { userId: member.id } })).toBeNull();
    const mail = await prisma.outboxMessage.findFirstOrThrow({ where: { toAddress: member.email } });
    expect(mail.subject).toBe(sq.directory.emails.joinDecision.declinedSubject.replace("{{commission}}", commission.name));
    expect(mail.text).toContain("Komisioni është i plotë këtë vit.");
  });

  it("a trainer sets a member's role, once per person", async () => {
    const commission = await commissionOf("istog");
    const person = await prisma.person.findFirstOrThrow({ where: { municipality: { slug: "istog" }, commissions: { none: {} } } });
    await setCommissionMember(trainer, commission.id, person.id, "MEMBER");
    await setCommissionMember(trainer, commission.id, person.id, "SECRETARY");
    const rows = await prisma.commissionMember.findMany({ where: { commissionId: commission.id, personId: person.id } });
    expect(rows.map((r) => r.role)).toEqual(["SECRETARY"]);
  });
});
