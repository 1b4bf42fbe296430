// The stakeholder directory's rules, on a real database: accent-insensitive
// search and filters, who sees gender and community, merging two records of
// one person, erasure that keeps aggregate counts right, and exports.
import ExcelJS from "exceljs";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { deliverDueEmails, queueEmail } from "~/models/outbox.server";
import { createMailTransport, mailboxDir } from "~/utils/mailer.server";
import { prisma } from "~/db.server";
import { invitationByToken } from "~/models/invitation-list.server";
import { createToken, hashToken } from "~/utils/tokens.server";
import type { Role } from "~/generated/prisma/enums";
import { exportPeople } from "~/models/directory-export.server";
import { erasePerson } from "~/models/erasure.server";
import { exportPersonData } from "~/models/person-export.server";
import {
  createPerson,
  directoryAggregates,
  getPerson,
  listPeople,
  mergePeople,
  redactPerson,
  updatePerson,
} from "~/models/person.server";
import { maySeeSensitive } from "~/utils/permissions.server";
import { seed } from "../prisma/seed";
import { asSessionUser, createEvent, createUser } from "./helpers/factories";

type Actor = ReturnType<typeof asSessionUser>;
const actors = {} as Record<Role, Actor>;
const municipality = {} as Record<string, string>;

async function newEvent() {
  return createEvent({ status: "DRAFT", venueName: "Hotel Kristal", startsAt: new Date("2026-03-10T08:00:00Z"), hours: 3, capacity: 30, titles: {} });
}

beforeAll(async () => {
  await seed(process.env.DATABASE_URL, { demoUsers: false });
  for (const role of ["ADMIN", "TRAINER", "EDITOR", "MEMBER"] as const) actors[role] = asSessionUser(await createUser({ roles: [role] }));
  for (const m of await prisma.municipality.findMany()) municipality[m.slug] = m.id;
});

describe("searching the directory", () => {
  it("finds people by their municipality typed without accents, in Albanian or Serbian", async () => {
    const novoberde = await listPeople(actors.TRAINER, { q: "Novoberde" });
    expect(novoberde.total).toBeGreaterThan(0);
    const all = await prisma.person.findMany({ where: { id: { in: novoberde.people.map((p) => p.id) } } });
    expect(all.every((p) => p.municipalityId === municipality.novoberde)).toBe(true);
    // The seeded Novobërdë people are all found, by the Serbian name too.
    const seeded = await prisma.person.count({ where: { municipalityId: municipality.novoberde, erasedAt: null } });
    expect(novoberde.total).toBe(seeded);
    expect((await listPeople(actors.TRAINER, { q: "novo brdo" })).total).toBe(seeded);

    const strpce = await listPeople(actors.TRAINER, { q: "Strpce" });
    expect(strpce.total).toBe(await prisma.person.count({ where: { municipalityId: municipality.shterpce, erasedAt: null } }));
  });

  it("finds a person by name without diacritics, by email and by organisation, all words required", async () => {
    const created = await createPerson(actors.TRAINER, {
      name: "Đorđe Šćekić",
      email: "djordje.scekic@example.org",
      locale: "sr",
      municipalityId: municipality.kamenice,
    });
    expect(created.ok).toBe(true);
    for (const q of ["djordje scekic", "Dorde", "ŠĆEKIĆ", "djordje.scekic@", "scekic kamenica", "scekic kamenice"]) {
      const found = await listPeople(actors.TRAINER, { q });
      expect(found.people.map((p) => p.name), q).toContain("Đorđe Šćekić");
    }
    expect((await listPeople(actors.TRAINER, { q: "scekic prizren" })).total).toBe(0);
    const byOrganisation = await listPeople(actors.TRAINER, { q: "gorani community association" });
    expect(byOrganisation.total).toBeGreaterThan(0);
  });

  it("filters by cluster, organisation type, commission and language, and pages", async () => {
    const west = await prisma.cluster.findUniqueOrThrow({ where: { slug: "west" } });
    const inWest = await listPeople(actors.TRAINER, { cluster: west.id });
    const westPeople = await prisma.person.findMany({ where: { id: { in: inWest.people.map((p) => p.id) } }, include: { municipality: true } });
    expect(westPeople.every((p) => p.municipality?.clusterId === west.id)).toBe(true);

    const international = await listPeople(actors.TRAINER, { organisationType: "INTERNATIONAL" });
    expect(international.people.every((p) => p.organisation?.type === "INTERNATIONAL")).toBe(true);
    expect(international.total).toBeGreaterThan(0);

    const commission = await prisma.commission.findFirstOrThrow({ where: { municipalityId: municipality.prizren } });
    const members = await listPeople(actors.TRAINER, { commission: commission.id });
    expect(members.total).toBe(4);

    const serbian = await listPeople(actors.TRAINER, { language: "sr", municipality: municipality.shterpce });
    expect(serbian.total).toBeGreaterThan(0);
    const rows = await prisma.person.findMany({ where: { id: { in: serbian.people.map((p) => p.id) } } });
    expect(rows.every((p) => p.locale === "sr")).toBe(true);

    const first = await listPeople(actors.TRAINER, {}, 1);
    const second = await listPeople(actors.TRAINER, {}, 2);
    expect(first.people).toHaveLength(25);
    expect(first.pages).toBeGreaterThanOrEqual(3);
    expect(second.people.some((p) => first.people.some((q) => q.id === p.id))).toBe(false);
  });
});

describe("gender and community: per person only for trainers and admins", () => {
  const sample = { id: "p1", name: "Sanije Berisha", gender: "WOMAN" as const, community: "ROMA" as const };

  it.each([
    ["ADMIN", true],
    ["TRAINER", true],
    ["EDITOR", false],
    ["MEMBER", false],
  ] as const)("%s sees them: %s", (role, sees) => {
    expect(maySeeSensitive({ roles: [role] })).toBe(sees);
    const shown = redactPerson({ roles: [role] }, sample);
    expect("gender" in shown).toBe(sees);
    expect("community" in shown).toBe(sees);
    expect(shown.name).toBe("Sanije Berisha");
  });

  it("an anonymous visitor does not see them", () => {
    expect(maySeeSensitive(null)).toBe(false);
    expect(redactPerson(null, sample)).toEqual({ id: "p1", name: "Sanije Berisha" });
  });

  it("the list, the detail and the person's export follow the same rule", async () => {
    const person = await prisma.person.findFirstOrThrow({ where: { gender: { not: null }, community: { not: null } } });
    for (const role of ["ADMIN", "TRAINER", "EDITOR", "MEMBER"] as const) {
      const sees = role === "ADMIN" || role === "TRAINER";
      const detail = await getPerson(actors[role], person.id);
      expect("gender" in detail!, role).toBe(sees);
      const list = await listPeople(actors[role], { q: person.email! });
      expect("community" in list.people[0], role).toBe(sees);
      const own = await exportPersonData(actors[role], person.id);
      expect("gender" in own!.person, role).toBe(sees);
    }
  });

  it("someone not allowed cannot set them, even with a crafted form", async () => {
    const person = await prisma.person.findFirstOrThrow({ where: { gender: "MAN" } });
    const result = await updatePerson(actors.EDITOR, person.id, {
      name: person.name,
      email: person.email,
      locale: "sq",
      municipalityId: person.municipalityId,
      organisationId: person.organisationId,
      gender: "WOMAN",
      community: "OTHER",
    });
    expect(result.ok).toBe(true);
    const after = await prisma.person.findUniqueOrThrow({ where: { id: person.id } });
    expect([after.gender, after.community]).toEqual([person.gender, person.community]);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "person.updated", subjectId: person.id } });
    expect(audit.details).not.toContain("WOMAN");
  });

  it("the list export has gender and community columns only for those allowed, and is audited with the filter", async () => {
    const trainerCsv = await exportPeople(actors.TRAINER, { municipality: municipality.dragash }, "csv", "en");
    const text = trainerCsv.body.toString("utf-8");
    expect(text.split("\n")[0]).toContain("Gender");
    expect(text).toContain("Gorani");
    const memberCsv = await exportPeople(actors.MEMBER, { municipality: municipality.dragash }, "csv", "en");
    const memberText = memberCsv.body.toString("utf-8");
    expect(memberText).not.toContain("Gender");
    expect(memberText).not.toContain("Gorani,");
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "people.exported", actorId: actors.TRAINER.id } });
    expect(JSON.parse(audit.details)).toMatchObject({ format: "csv", filter: { municipality: municipality.dragash }, count: 8, sensitiveColumns: true });

    const xlsx = await exportPeople(actors.ADMIN, { municipality: municipality.dragash }, "xlsx", "sq");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toContain("Komuniteti");
    expect(sheet.rowCount).toBe(9);
  });

  it("keeps a formula typed as a name from running in a spreadsheet", async () => {
    await createPerson(actors.TRAINER, { name: "=HYPERLINK(\"http://evil\")", email: "formula@example.org", locale: "en" });
    const csv = await exportPeople(actors.TRAINER, { q: "formula@example.org" }, "csv", "en");
    expect(csv.body.toString("utf-8")).toContain("'=HYPERLINK");
  });

  it("keeps a formula after a semicolon from starting a cell where Excel splits on ';' (Albanian, Serbian)", async () => {
    await createPerson(actors.TRAINER, { name: "Zed;=cmd|' /C calc'!A0", email: "semicolon@example.org", locale: "sq" });
    const csv = await exportPeople(actors.TRAINER, { q: "semicolon@example.org" }, "csv", "sq");
    const cells = Papa.parse<string[]>(csv.body.toString("utf-8").replace(/^\uFEFF/, ""), { delimiter: ";" }).data.flat();
    expect(cells.some((cell) => cell.includes("cmd|"))).toBe(true);
    expect(cells.filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
  });
});

describe("merging two records of the same person", () => {
  it("moves memberships, invitations and facilitations to the kept record without duplicates, fills gaps, and logs it", async () => {
    const [a, b] = await prisma.commission.findMany({ take: 2, orderBy: { id: "asc" } });
    const [event1, event2, event3] = [await newEvent(), await newEvent(), await newEvent()];
    const keep = await prisma.person.create({ data: { name: "Arbër Hoxha", email: "arber.hoxha@example.org", searchText: "arber hoxha" } });
    const other = await prisma.person.create({
      data: { name: "Arber Hoxha", phone: "+383 44 123 456", gender: "MAN", community: "KOSOVO_ALBANIAN", municipalityId: municipality.istog, searchText: "arber hoxha" },
    });
    await prisma.commissionMember.createMany({ data: [
      { commissionId: a.id, personId: keep.id, role: "CHAIR" },
      { commissionId: a.id, personId: other.id },
      { commissionId: b.id, personId: other.id, role: "SECRETARY" },
    ] });
    await prisma.invitation.createMany({ data: [
      { eventId: event1.id, personId: keep.id, status: "ACCEPTED" },
      { eventId: event1.id, personId: other.id },
      { eventId: event2.id, personId: other.id, status: "ACCEPTED" },
    ] });
    await prisma.eventFacilitator.createMany({ data: [{ eventId: event3.id, personId: other.id }, { eventId: event1.id, personId: keep.id }] });

    const result = await mergePeople(actors.TRAINER, keep.id, other.id);
    expect(result).toMatchObject({ ok: true, commissionsMoved: 1, invitationsMoved: 1, facilitationsMoved: 1 });

    expect(await prisma.person.findUnique({ where: { id: other.id } })).toBeNull();
    const kept = await prisma.person.findUniqueOrThrow({
      where: { id: keep.id },
      include: { commissions: true, invitations: true, facilitating: true },
    });
    expect(kept.commissions.map((m) => [m.commissionId, m.role]).sort()).toEqual([[a.id, "CHAIR"], [b.id, "SECRETARY"]].sort());
    expect(kept.invitations.map((i) => [i.eventId, i.status]).sort()).toEqual([[event1.id, "ACCEPTED"], [event2.id, "ACCEPTED"]].sort());
    expect(kept.facilitating.map((f) => f.eventId).sort()).toEqual([event1.id, event3.id].sort());
    expect(kept).toMatchObject({ email: "arber.hoxha@example.org", phone: "+383 44 123 456", gender: "MAN", municipalityId: municipality.istog });
    expect(kept.searchText).toContain("istog");

    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "person.merged", subjectId: keep.id } });
    expect(JSON.parse(audit.details)).toMatchObject({ removedId: other.id, commissionsMoved: 1 });
    expect(audit.actorId).toBe(actors.TRAINER.id);
  });

  it("refuses to merge a record with itself", async () => {
    const person = await prisma.person.findFirstOrThrow();
    expect(await mergePeople(actors.TRAINER, person.id, person.id)).toEqual({ ok: false, error: "samePerson" });
  });
});

describe("erasing a person on request", () => {
  it("removes what identifies them, keeps the aggregates and attendance, and logs it", async () => {
    const event = await newEvent();
    const user = await createUser({ roles: ["MEMBER"] });
    const organisation = await prisma.organisation.findFirstOrThrow();
    const person = await prisma.person.create({
      data: {
        name: "Hava Rexhepi",
        email: "hava.rexhepi@example.org",
        phone: "+383 49 000 111",
        position: "Mediator",
        gender: "WOMAN",
        community: "EGYPTIAN",
        municipalityId: municipality.prizren,
        organisationId: organisation.id,
        userId: user.id,
        consentText: "I agree",
        consentGivenAt: new Date(),
        searchText: "hava rexhepi",
      },
    });
    const commission = await prisma.commission.findFirstOrThrow({ where: { municipalityId: municipality.prizren } });
    await prisma.commissionMember.create({ data: { commissionId: commission.id, personId: person.id } });
    const token = createToken();
    await prisma.invitation.create({
      data: {
        eventId: event.id,
        personId: person.id,
        status: "ACCEPTED",
        sentAt: new Date(),
        accessibilityNeeds: "wheelchair user; insulin-dependent diabetic",
        interpretation: "sq",
        needsTransport: true,
        links: { create: { tokenHash: hashToken(token) } },
      },
    });
    const links = () => prisma.invitationLink.count({ where: { tokenHash: hashToken(token) } });
    expect(await links()).toBe(1);
    // An email she was sent (in the outbox and the local mailbox) and one still waiting to go.
    const email = (subject: string) => ({ template: "invitation" as const, to: "hava.rexhepi@example.org", subject, html: "<p>Hava Rexhepi, your link</p>", text: "Hava Rexhepi, your link" });
    const sent = await prisma.$transaction((tx) => queueEmail(tx, email("Invitation")));
    const mailbox = createMailTransport(undefined);
    await deliverDueEmails(mailbox);
    mailbox.close();
    const copy = join(mailboxDir(), `${sent.id}durable.eml`);
    expect(readFileSync(copy, "utf-8")).toContain("hava.rexhepi@example.org");
    const waiting = await prisma.$transaction((tx) => queueEmail(tx, email("Reminder")));
    const before = await directoryAggregates();

    expect(await erasePerson(actors.ADMIN, person.id)).toEqual({ ok: true });

    const after = await directoryAggregates();
    expect(after).toEqual(before);
    expect(after.byCommunity.EGYPTIAN).toBeGreaterThan(0);
    expect(after.participants.acceptedByCommunity.EGYPTIAN).toBeGreaterThan(0);

    const erased = await prisma.person.findUniqueOrThrow({ where: { id: person.id }, include: { invitations: true, commissions: true } });
    expect(erased).toMatchObject({
      name: "",
      email: null,
      phone: null,
      position: null,
      consentText: null,
      userId: null,
      organisationId: null,
      searchText: "",
      gender: "WOMAN",
      community: "EGYPTIAN",
      municipalityId: municipality.prizren,
    });
    expect(erased.erasedAt).not.toBeNull();
    expect(erased.invitations).toHaveLength(1);
    // Their invitation keeps no word about their needs, and their personal link no longer opens.
    expect(erased.invitations[0]).toMatchObject({ accessibilityNeeds: null, interpretation: null, needsTransport: false });
    expect(await links()).toBe(0);
    expect(await invitationByToken(token)).toBeNull();
    // Her emails: the one waiting will not go, the one sent keeps neither her address nor its text, the mailbox copy is gone.
    expect(await prisma.outboxMessage.findUnique({ where: { id: waiting.id } })).toBeNull();
    expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id: sent.id } })).toMatchObject({ toAddress: "", subject: "", html: "", text: "" });
    expect(existsSync(copy)).toBe(false);
    expect(erased.commissions).toHaveLength(0);
    expect((await listPeople(actors.TRAINER, { q: "Hava Rexhepi" })).total).toBe(0);
    expect(await erasePerson(actors.ADMIN, person.id)).toEqual({ ok: false, error: "erased" });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "person.erased", subjectId: person.id } });
    expect(audit.actorId).toBe(actors.ADMIN.id);
    expect(audit.details).not.toContain("Hava");
  });

  it("exporting a person's data is logged with who asked", async () => {
    const person = await prisma.person.findFirstOrThrow({ where: { erasedAt: null, email: { not: null } } });
    const logged = { action: "person.data_exported", subjectId: person.id, actorId: actors.ADMIN.id };
    const before = await prisma.auditLog.count({ where: logged });
    const data = await exportPersonData(actors.ADMIN, person.id);
    expect(data!.person.email).toBe(person.email);
    expect(await prisma.auditLog.count({ where: logged })).toBe(before + 1);
  });
});
