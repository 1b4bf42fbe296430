import { randomUUID } from "node:crypto";
import { prisma } from "~/db.server";
import type { InvitationStatus, Role } from "~/generated/prisma/enums";
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

/** A person in the directory (events: facilitators and invitees). */
export async function createPerson(options: { name?: string; email?: string | null; locale?: string; userId?: string } = {}) {
  const id = randomUUID().slice(0, 8);
  return prisma.person.create({
    data: {
      name: options.name ?? `Invitee ${id}`,
      email: options.email === undefined ? `invitee-${id}@example.org` : options.email,
      locale: options.locale ?? "sq",
      userId: options.userId,
    },
  });
}

/** An invitation of a person to an event, in a given state (the invitations issue adds sending and answers). */
export async function createInvitation(eventId: string, personId: string, status: InvitationStatus = "PENDING") {
  return prisma.invitation.create({ data: { eventId, personId, status } });
}

/** The signed-in user a model function receives, for a user made by createUser (directory tests). */
export function asSessionUser(user: Awaited<ReturnType<typeof createUser>>) {
  return { id: user.id, email: user.email, name: user.name, locale: user.locale, roles: user.roles.map((r) => r.role) };
}
