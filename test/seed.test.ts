// The demo data: the programme's clusters, municipalities (with both official
// names), organisations and one account per role; safe to run again.
import { prisma } from "~/db.server";
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
