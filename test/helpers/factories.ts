import { randomUUID } from "node:crypto";
import { prisma, type PrismaClient } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { Community, EventStatus, EventType, Gender, InvitationStatus, Role } from "~/generated/prisma/enums";
import type { Locale } from "~/utils/i18n";
import { hashPassword } from "~/utils/password.server";

// Every factory writes through the test file's own database (`prisma`), or
// through `db` when given: the client an end-to-end test opens on the
// database of the app it started (createPrismaClient(app.databaseUrl)).

export const TEST_PASSWORD = "correct horse battery";

let cachedHash: Promise<string> | undefined;

/** A user who can log in, with the roles asked for (MEMBER by default). */
export async function createUser(
  options: { roles?: Role[]; locale?: Locale; verified?: boolean; name?: string; email?: string; db?: PrismaClient } = {},
) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const id = randomUUID().slice(0, 8);
  return (options.db ?? prisma).user.create({
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

/** A person in the directory (events: facilitators and invitees). Give `email: null` for one without an address. */
export async function createPerson(
  options: {
    name?: string;
    email?: string | null;
    locale?: string;
    userId?: string;
    municipalityId?: string;
    organisationId?: string;
    gender?: Gender;
    community?: Community;
    /** What the directory search matches (the app writes it; a test gives it when it searches). */
    searchText?: string;
    db?: PrismaClient;
  } = {},
) {
  const id = randomUUID().slice(0, 8);
  return (options.db ?? prisma).person.create({
    data: {
      name: options.name ?? `Invitee ${id}`,
      email: options.email === undefined ? `invitee-${id}@example.org` : options.email,
      locale: options.locale ?? "sq",
      userId: options.userId,
      municipalityId: options.municipalityId,
      organisationId: options.organisationId,
      gender: options.gender,
      community: options.community,
      searchText: options.searchText,
    },
  });
}

/**
 * An event in a municipality of the seeded places (Gjilan/Gnjilane by
 * default): a published four-hour workshop two weeks from now, for 20
 * people, titled in English. Anything else the event needs (organisers,
 * sessions, themes, isPublic…) goes in `data`.
 */
export async function createEvent(
  options: {
    municipality?: string;
    type?: EventType;
    status?: EventStatus;
    startsAt?: Date;
    /** The end; by default `hours` after the start. */
    endsAt?: Date;
    hours?: number;
    capacity?: number;
    venueName?: string;
    /** Title by locale, in this order. */
    titles?: Record<string, string>;
    uid?: string;
    data?: Partial<Prisma.EventUncheckedCreateInput>;
    db?: PrismaClient;
  } = {},
) {
  const db = options.db ?? prisma;
  const place = await db.municipality.findUniqueOrThrow({ where: { slug: options.municipality ?? "gjilan" } });
  const startsAt = options.startsAt ?? new Date(Date.now() + 14 * 86_400_000);
  const titles = options.titles ?? { en: "Housing workshop" };
  return db.event.create({
    data: {
      uid: options.uid ?? `${randomUUID()}@durable`,
      type: options.type ?? "WORKSHOP",
      status: options.status ?? "PUBLISHED",
      clusterId: place.clusterId,
      municipalityId: place.id,
      venueName: options.venueName ?? "Municipal hall",
      startsAt,
      endsAt: options.endsAt ?? new Date(startsAt.getTime() + (options.hours ?? 4) * 3_600_000),
      capacity: options.capacity ?? 20,
      translations: { create: Object.entries(titles).map(([locale, title]) => ({ locale, title })) },
      ...options.data,
    },
  });
}

/** An invitation of a person to an event, in a given state (PENDING by default); `data` for sending, its link, answers. */
export async function invite(
  event: { id: string },
  person: { id: string },
  status: InvitationStatus = "PENDING",
  options: { data?: Partial<Prisma.InvitationUncheckedCreateInput>; db?: PrismaClient } = {},
) {
  return (options.db ?? prisma).invitation.create({ data: { eventId: event.id, personId: person.id, status, ...options.data } });
}

/** The signed-in user a model function receives, for a user made by createUser (directory tests). */
export function asSessionUser(user: Awaited<ReturnType<typeof createUser>>) {
  return { id: user.id, email: user.email, name: user.name, locale: user.locale, roles: user.roles.map((r) => r.role) };
}
