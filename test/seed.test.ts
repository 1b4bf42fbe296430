// The demo data: the programme's clusters, municipalities (with both official
// names), organisations and one account per role; safe to run again.
import { prisma } from "~/db.server";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderGuidelinePdf } from "~/models/guideline-pdf.server";
import { versionForReader } from "~/models/guideline-version.server";
import { authenticate } from "~/models/user.server";
import { ROLES } from "~/utils/roles";
import { seed } from "../prisma/seed";
import { DEMO_PASSWORD, DEMO_USERS } from "../prisma/seed-data";

async function snapshot() {
  const [clusters, municipalities, organisations, users, roles] = await Promise.all([
    prisma.cluster.findMany({ orderBy: { slug: "asc" } }),
    prisma.municipality.findMany({ orderBy: { slug: "asc" }, include: { cluster: true } }),
    prisma.organisation.findMany({ orderBy: [{ type: "asc" }, { name: "asc" }] }),
    prisma.user.findMany({ orderBy: { email: "asc" } }),
    prisma.userRole.findMany({ orderBy: [{ userId: "asc" }, { role: "asc" }] }),
  ]);
  return { clusters, municipalities, organisations, users, roles };
}

describe("the demo data", () => {
  let first: Awaited<ReturnType<typeof seed>>;
  let afterFirst: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    first = await seed(process.env.DATABASE_URL);
    afterFirst = await snapshot();
  });

  it("has the three regional clusters and their nine municipalities, with Albanian and Serbian names", async () => {
    const { clusters, municipalities } = afterFirst;
    expect(clusters.map((c) => c.nameEn)).toEqual(["East", "South", "West"]);
    expect(municipalities).toHaveLength(9);
    expect(first).toMatchObject({ clusters: 3, municipalities: 9 });

    const bySlug = new Map(municipalities.map((m) => [m.slug, m]));
    expect(bySlug.get("novoberde")).toMatchObject({ nameSq: "Novobërdë", nameSr: "Novo Brdo" });
    expect(bySlug.get("shterpce")).toMatchObject({ nameSq: "Shtërpcë", nameSr: "Štrpce" });
    expect(bySlug.get("gjilan")).toMatchObject({ nameSq: "Gjilan", nameSr: "Gnjilane" });
    expect(bySlug.get("shterpce")!.cluster.slug).toBe("south");
    for (const m of municipalities) {
      expect(m.nameSq, m.slug).not.toBe("");
      expect(m.nameSr, m.slug).not.toBe("");
    }
    // Searchable without accents, in either language.
    expect(bySlug.get("shterpce")!.searchText).toContain("shterpce");
    expect(bySlug.get("shterpce")!.searchText).toContain("strpce");
  });

  it("has organisations of each of the six types", async () => {
    const types = new Set(afterFirst.organisations.map((o) => o.type));
    expect([...types].sort()).toEqual(
      ["CENTRAL_INSTITUTION", "CIVIL_SOCIETY", "COMMUNITY_REPRESENTATIVE", "INTERNATIONAL", "MUNICIPALITY", "OTHER"],
    );
    expect(afterFirst.organisations).toHaveLength(first.organisations);
  });

  it("has one verified demo account per role, which can log in", async () => {
    const { users, roles } = afterFirst;
    expect(users).toHaveLength(ROLES.length);
    expect(first.created.sort()).toEqual(DEMO_USERS.map((d) => d.email).sort());
    expect(roles.map((r) => r.role).sort()).toEqual([...ROLES].sort());
    expect(new Set(roles.map((r) => r.userId)).size).toBe(ROLES.length);
    expect(users.every((u) => u.emailVerifiedAt !== null && u.disabledAt === null)).toBe(true);

    const admin = DEMO_USERS.find((d) => d.role === "ADMIN")!;
    expect(await authenticate(admin.email, DEMO_PASSWORD, "192.0.2.60")).toMatchObject({ ok: true });
  });

  it("running it again changes nothing and creates no new users", async () => {
    const again = await seed(process.env.DATABASE_URL);
    expect(again.created).toEqual([]);
    expect(await snapshot()).toEqual(afterFirst);
  });
});

describe("the demo programme", () => {
  const counts = () =>
    Promise.all([
      prisma.event.count(),
      prisma.eventSession.count(),
      prisma.invitation.count(),
      prisma.invitationAnswer.count(),
      prisma.attendance.count(),
      prisma.contribution.count(),
      prisma.contributionComment.count(),
      prisma.guidelineVersion.count(),
      prisma.outboxMessage.count(),
    ]);
  let afterFirst: Awaited<ReturnType<typeof counts>>;

  beforeAll(async () => {
    await seed(process.env.DATABASE_URL, { programme: true });
    afterFirst = await counts();
  });

  it("has past and coming events in every cluster, with agendas, answered invitations and attendance at the past ones", async () => {
    const now = new Date();
    const events = await prisma.event.findMany({
      include: { cluster: true, sessions: true, invitations: true, attendances: true },
    });
    expect(events).toHaveLength(6);
    for (const cluster of ["east", "south", "west"]) {
      const own = events.filter((e) => e.cluster.slug === cluster);
      expect(own.some((e) => e.endsAt < now && e.status === "COMPLETED"), cluster).toBe(true);
      expect(own.some((e) => e.startsAt > now && e.status === "PUBLISHED"), cluster).toBe(true);
    }
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(["WORKSHOP", "ROUND_TABLE", "GO_AND_SEE_VISIT"]));
    for (const event of events) {
      expect(event.sessions.length).toBeGreaterThan(1);
      expect(event.sessions.every((s) => s.startsAt >= event.startsAt && s.endsAt <= event.endsAt)).toBe(true);
      expect(new Set(event.invitations.map((i) => i.status)).size).toBeGreaterThan(1);
      expect(event.invitations.every((i) => i.sentAt !== null)).toBe(true);
      // Only past events have attendance, only of people who accepted, on the event's day in Belgrade.
      if (event.endsAt > now) expect(event.attendances).toHaveLength(0);
      else {
        expect(event.attendances.length).toBeGreaterThan(0);
        const accepted = new Set(event.invitations.filter((i) => i.status === "ACCEPTED").map((i) => i.id));
        expect(event.attendances.every((a) => a.invitationId && accepted.has(a.invitationId) && a.method === "NAME_SEARCH")).toBe(true);
        const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Belgrade" }).format(event.startsAt);
        expect(event.attendances.every((a) => a.day === day)).toBe(true);
      }
    }
    // Answers went through the seat rule: the small round table has a waitlist.
    expect(await prisma.invitation.count({ where: { status: "WAITLISTED" } })).toBeGreaterThan(0);
  });

  it("has the demo member's contributions in every state of review and a guideline with two versions and an out-of-date Albanian translation", async () => {
    const member = await prisma.user.findUniqueOrThrow({ where: { email: "member@durable.localhost" } });
    const contributions = await prisma.contribution.findMany({ where: { authors: { some: { userId: member.id } } } });
    expect(new Set(contributions.map((c) => c.status))).toEqual(new Set(["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "ACCEPTED", "REJECTED"]));
    const view = await versionForReader("successful-integration-of-returnees", "sq");
    expect(view).toMatchObject({
      guideline: { title: "Guidelines for successful integration of returnees" },
      latestNumber: 2,
      outdated: { translatedFrom: 1, latest: 2 },
      version: { locale: "sq", title: "Udhëzime për integrimin e suksesshëm të të kthyerve" },
    });
    expect((await versionForReader("successful-integration-of-returnees", "en"))!.version.credits).toHaveLength(2);
  });

  it("prints the demo guideline with a cover: the programme, the donor's and partner's logos and the funding disclaimer, in the reader's script", async () => {
    const guideline = await prisma.guideline.findUniqueOrThrow({ where: { slug: "successful-integration-of-returnees" }, include: { logos: true, coverTexts: true } });
    expect(guideline.logos.map((l) => l.role).sort()).toEqual(["DONOR", "PARTNER"]);
    expect(guideline.coverTexts.map((t) => t.locale).sort()).toEqual(["en", "sq", "sr"]);
    const file = join(mkdtempSync(join(tmpdir(), "durable-seed-pdf-")), "cover.pdf");
    writeFileSync(file, await renderGuidelinePdf((await versionForReader("successful-integration-of-returnees", "sr-Cyrl"))!.version, "sr-Cyrl"));
    const cover = execFileSync("pdftotext", ["-enc", "UTF-8", "-f", "1", "-l", "1", file, "-"]).toString().replace(/\s+/g, " ");
    expect(cover).toContain("ПРОГРАМ ЗА ОДРЖИВИ ПОВРАТАК И РЕИНТЕГРАЦИЈУ (ДЕМО)");
    expect(cover).toContain("Ова публикација је израђена уз финансијску подршку Демо фонда за повратак.");
    // Both logos are drawn on the cover, at their own size.
    const images = execFileSync("pdfimages", ["-list", "-f", "1", "-l", "1", file]).toString().trim().split("\n").slice(2);
    expect(images.map((line) => line.trim().split(/\s+/).slice(3, 5).join("x"))).toEqual(["360x120", "360x120"]);
  });

  it("sends no email, and a second run adds nothing", async () => {
    expect(afterFirst.at(-1)).toBe(0);
    const started = Date.now();
    const again = await seed(process.env.DATABASE_URL, { programme: true });
    expect(again.programme).toEqual({ events: 0, invitations: 0, attendances: 0, contributions: 0, guidelineVersions: 0 });
    expect(await counts()).toEqual(afterFirst);
    expect(await prisma.guidelineLogo.count()).toBe(2);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
