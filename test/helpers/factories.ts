import { randomUUID } from "node:crypto";
import { prisma } from "~/db.server";
import type { Role } from "~/generated/prisma/enums";
import type { Locale } from "~/utils/i18n";
import { hashPassword } from "~/utils/password.server";

export const TEST_PASSWORD = "correct horse battery";

let cachedHash: Promise<string> | undefined;

/** A user who can log in, with the roles asked for (MEMBER by default). */
export async function createUser(
  options: { roles?: Role[]; locale?: Locale; verified?: boolean; name?: string; email?: string } = {},
) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const id = randomUUID().slice(0, 8);
  return prisma.user.create({
    data: {
      email: options.email ?? `person-${id}@example.org`,
      name: options.name ?? `Person ${id}`,
      locale: options.locale ?? "en",
      passwordHash: await cachedHash,
      emailVerifiedAt: options.verified === false ? null : new Date(),
      roles: { create: (options.roles ?? ["MEMBER"]).map((role) => ({ role })) },
    },
    include: { roles: true },
  });
}
