// Administering users: roles, disabling, and the searchable, paged list.
import { prisma } from "~/db.server";
import type { Role } from "~/generated/prisma/enums";
import { authenticate, listUsers, setUserDisabled, setUserRoles, USERS_PAGE_SIZE } from "~/models/user.server";
import { createUser, TEST_PASSWORD } from "./helpers/factories";

async function rolesOf(userId: string) {
  const rows = await prisma.userRole.findMany({ where: { userId } });
  return rows.map((r) => r.role).sort();
}

async function auditsFor(subjectId: string, action?: string) {
  const rows = await prisma.auditLog.findMany({ where: { subjectId, action }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
}

let admin: Awaited<ReturnType<typeof createUser>>;
beforeAll(async () => {
  admin = await createUser({ roles: ["ADMIN"], name: "Arben Admin" });
});

describe("changing a user's roles", () => {
  it("writes one audit row per change, saying what was added and removed, and none when nothing changes", async () => {
    const member = await createUser();

    expect(await setUserRoles(admin.id, member.id, ["MEMBER", "TRAINER"])).toEqual({ ok: true });
    expect(await rolesOf(member.id)).toEqual(["MEMBER", "TRAINER"]);

    expect(await setUserRoles(admin.id, member.id, ["EDITOR"])).toEqual({ ok: true });
    expect(await rolesOf(member.id)).toEqual(["EDITOR"]);

    // The same roles again (even repeated) change nothing and are not audited.
    expect(await setUserRoles(admin.id, member.id, ["EDITOR", "EDITOR"])).toEqual({ ok: true });

    const audits = await auditsFor(member.id, "user.roles_changed");
    expect(audits).toHaveLength(2);
    expect(audits.every((a) => a.actorId === admin.id && a.subjectType === "User")).toBe(true);
    expect(audits[0].details).toEqual({ added: ["TRAINER"], removed: [] });
    expect(audits[1].details.added).toEqual(["EDITOR"]);
    expect([...(audits[1].details.removed as Role[])].sort()).toEqual(["MEMBER", "TRAINER"]);
  });

  it("an admin cannot remove their own admin role, but may add roles to themselves", async () => {
    const self = await createUser({ roles: ["ADMIN"] });
    expect(await setUserRoles(self.id, self.id, ["TRAINER"])).toEqual({ ok: false, error: "notYourself" });
    expect(await rolesOf(self.id)).toEqual(["ADMIN"]);
    expect(await auditsFor(self.id, "user.roles_changed")).toHaveLength(0);

    expect(await setUserRoles(self.id, self.id, ["ADMIN", "TRAINER"])).toEqual({ ok: true });
    expect(await rolesOf(self.id)).toEqual(["ADMIN", "TRAINER"]);
  });

  it("at least one (known) role is required", async () => {
    const member = await createUser();
    expect(await setUserRoles(admin.id, member.id, [])).toEqual({ ok: false, error: "noRoles" });
    expect(await setUserRoles(admin.id, member.id, ["SUPERUSER" as Role])).toEqual({ ok: false, error: "noRoles" });
    expect(await rolesOf(member.id)).toEqual(["MEMBER"]);
    expect(await auditsFor(member.id)).toHaveLength(0);
  });

  it("reports a user that does not exist", async () => {
    expect(await setUserRoles(admin.id, "no-such-user", ["MEMBER"])).toEqual({ ok: false, error: "notFound" });
  });
});

describe("disabling and enabling an account", () => {
  it("disabling logs the user out at once and keeps them out until enabled again; both are audited", async () => {
    const user = await createUser();
    await prisma.session.createMany({
      data: ["phone", "laptop"].map((device) => ({
        id: `${user.id}-${device}`,
        userId: user.id,
        expiresAt: new Date(Date.now() + 3_600_000),
      })),
    });

    expect(await setUserDisabled(admin.id, user.id, true)).toEqual({ ok: true });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).toBeInstanceOf(Date);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await authenticate(user.email, TEST_PASSWORD, "192.0.2.50")).toEqual({ ok: false, error: "disabled" });

    expect(await setUserDisabled(admin.id, user.id, false)).toEqual({ ok: true });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).toBeNull();
    expect(await authenticate(user.email, TEST_PASSWORD, "192.0.2.50")).toEqual({ ok: true, userId: user.id, secondFactor: false });

    const audits = await auditsFor(user.id);
    expect(audits.map((a) => [a.action, a.actorId])).toEqual([
      ["user.disabled", admin.id],
      ["user.enabled", admin.id],
    ]);
  });

  it("an admin cannot disable themselves", async () => {
    expect(await setUserDisabled(admin.id, admin.id, true)).toEqual({ ok: false, error: "notYourself" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).disabledAt).toBeNull();
    expect(await auditsFor(admin.id)).toHaveLength(0);
  });
});

describe("the list of users", () => {
  it("finds people by part of their name or email, whatever the letter case", async () => {
    const zana = await createUser({ name: "Zana Morina", email: "z.morina@kk-prizren.example" });
    await createUser({ name: "Dragan Petrović", email: "dragan@opstina-strpce.example" });

    const byName = await listUsers({ query: "morina", page: 1 });
    expect(byName.users.map((u) => u.id)).toEqual([zana.id]);
    expect(byName.users[0].roles.map((r) => r.role)).toEqual(["MEMBER"]);

    const byEmail = await listUsers({ query: " KK-Prizren ", page: 1 });
    expect(byEmail.users.map((u) => u.id)).toEqual([zana.id]);

    expect(await listUsers({ query: "nobody-called-this", page: 1 })).toEqual({ users: [], total: 0, pages: 1 });
  });

  it(`shows ${USERS_PAGE_SIZE} people a page, in order of name`, async () => {
    const count = USERS_PAGE_SIZE + 2;
    for (let i = 1; i <= count; i++) {
      const n = String(i).padStart(2, "0");
      await createUser({ name: `Pager ${n}`, email: `pager-${n}@paging.example` });
    }
    const first = await listUsers({ query: "Pager", page: 1 });
    const second = await listUsers({ query: "Pager", page: 2 });
    expect(first.total).toBe(count);
    expect(first.pages).toBe(2);
    expect(first.users).toHaveLength(USERS_PAGE_SIZE);
    expect(second.users.map((u) => u.name)).toEqual([`Pager ${USERS_PAGE_SIZE + 1}`, `Pager ${USERS_PAGE_SIZE + 2}`]);
    const names = [...first.users, ...second.users].map((u) => u.name);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(count);

    const everyone = await listUsers({ page: 1 });
    expect(everyone.total).toBe(await prisma.user.count());
  });
});
