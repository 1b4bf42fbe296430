import { prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import type { Community, Gender, OrganisationType } from "~/generated/prisma/enums";
import { recordAudit } from "~/models/audit.server";
import type { SessionUser } from "~/utils/auth.server";
import { PEOPLE_PAGE_SIZE, type PersonLocale } from "~/utils/directory";
import { can, maySeeSensitive } from "~/utils/permissions.server";
import { foldForSearch, foldQuery } from "~/utils/search";
import { refusals } from "~/utils/refusal";
import type { Locale } from "~/utils/i18n";
import { clusterChoices, organisationChoices } from "~/models/places.server";

type Tx = Prisma.TransactionClient;
type Viewer = Pick<SessionUser, "roles"> | null | undefined;

// --- The sensitive-data rule ----------------------------------------------

type Sensitive = { gender: Gender | null; community: Community | null };

/**
 * What a viewer may see of a person: gender and community only for those
 * allowed (maySeeSensitive); for everyone else the keys are absent, not
 * null, so nothing downstream can mistake "hidden" for "not given".
 */
export function redactPerson<T extends Sensitive>(viewer: Viewer, person: T): Omit<T, keyof Sensitive> & Partial<Sensitive> {
  if (maySeeSensitive(viewer)) return person;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { gender, community, ...rest } = person;
  return rest;
}

// --- Search text ------------------------------------------------------------

type Place = { nameSq: string; nameSr: string; nameEn: string };

/** The folded text a person is found by: name, email, organisation and municipality (both languages). */
export function personSearchText(person: {
  name: string;
  email?: string | null;
  organisation?: { name: string } | null;
  municipality?: Place | null;
}): string {
  const m = person.municipality;
  return foldForSearch(person.name, person.email, person.organisation?.name, m?.nameSq, m?.nameSr, m?.nameEn);
}

/** Rewrites the search text of people whose organisation or municipality was renamed. */
export async function refreshSearchText(tx: Tx, where: Prisma.PersonWhereInput) {
  const people = await tx.person.findMany({
    where: { ...where, erasedAt: null },
    select: { id: true, name: true, email: true, organisation: { select: { name: true } }, municipality: true },
  });
  for (const person of people) {
    await tx.person.update({ where: { id: person.id }, data: { searchText: personSearchText(person) } });
  }
}

// --- Listing ----------------------------------------------------------------

export type PeopleFilter = {
  q?: string;
  cluster?: string;
  municipality?: string;
  organisationType?: OrganisationType;
  commission?: string;
  language?: PersonLocale;
  /** Only people created at check-in whose details are still to complete. */
  toComplete?: boolean;
};

// --- People created at the door, to complete --------------------------------

/**
 * A person created at an event's check-in (a walk-in, or a name written on a
 * paper sheet) is to complete while a detail the programme's reports count
 * by is missing: municipality, and for a viewer who may see them, gender and
 * community. Organisation is not asked: some participants have none, and the
 * list must be one a trainer can empty (docs/decisions/019-sign-in-sheet-disaggregation.md).
 */
export function toCompleteWhere(viewer: Viewer): Prisma.PersonWhereInput {
  const missing: Prisma.PersonWhereInput[] = [{ municipalityId: null }];
  if (maySeeSensitive(viewer)) missing.push({ gender: null }, { community: null });
  return { erasedAt: null, createdVia: { not: null }, OR: missing };
}

export type MissingDetail = "municipality" | "gender" | "community";

/** Which of those details a person lacks, as the viewer may know it. */
export function missingDetails(
  viewer: Viewer,
  person: { municipalityId: string | null; gender: Gender | null; community: Community | null },
): MissingDetail[] {
  const missing: MissingDetail[] = person.municipalityId ? [] : ["municipality"];
  if (maySeeSensitive(viewer)) {
    if (!person.gender) missing.push("gender");
    if (!person.community) missing.push("community");
  }
  return missing;
}

/** How many people created at check-in are still to complete: the people list points to them. */
export function countPeopleToComplete(viewer: Viewer): Promise<number> {
  return prisma.person.count({ where: toCompleteWhere(viewer) });
}

/** The filter as a Prisma condition; erased people are never listed. */
export function peopleWhere(filter: PeopleFilter, viewer?: Viewer): Prisma.PersonWhereInput {
  const and: Prisma.PersonWhereInput[] = [{ erasedAt: null }];
  const terms = filter.q ? foldQuery(filter.q).split(" ").filter(Boolean) : [];
  // Every word must appear somewhere: "ana gjilan" finds Ana in Gjilan.
  for (const term of terms) and.push({ searchText: { contains: term } });
  if (filter.municipality) and.push({ municipalityId: filter.municipality });
  if (filter.cluster) and.push({ municipality: { clusterId: filter.cluster } });
  if (filter.organisationType) and.push({ organisation: { type: filter.organisationType } });
  if (filter.commission) and.push({ commissions: { some: { commissionId: filter.commission } } });
  if (filter.language) and.push({ locale: filter.language });
  if (filter.toComplete) and.push(toCompleteWhere(viewer));
  return { AND: and };
}

const listInclude = {
  organisation: { select: { id: true, name: true, type: true } },
  municipality: { select: { id: true, nameSq: true, nameSr: true, nameEn: true } },
} satisfies Prisma.PersonInclude;

export async function listPeople(viewer: Viewer, filter: PeopleFilter, page = 1) {
  const where = peopleWhere(filter, viewer);
  const [people, total] = await Promise.all([
    prisma.person.findMany({
      where,
      include: listInclude,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: (page - 1) * PEOPLE_PAGE_SIZE,
      take: PEOPLE_PAGE_SIZE,
    }),
    prisma.person.count({ where }),
  ]);
  return {
    people: people.map((p) => redactPerson(viewer, p)),
    total,
    pages: Math.max(1, Math.ceil(total / PEOPLE_PAGE_SIZE)),
  };
}

/** What the person form offers: organisations, municipalities by cluster, and whether gender and community are asked. */
export async function personFormChoices(viewer: Viewer, locale: Locale) {
  const [organisations, clusters] = await Promise.all([organisationChoices(), clusterChoices(locale)]);
  return { sensitive: maySeeSensitive(viewer), organisations, clusters };
}

// --- One person ---------------------------------------------------------------

export async function getPerson(viewer: Viewer, id: string) {
  const person = await prisma.person.findUnique({
    where: { id },
    include: {
      organisation: true,
      municipality: { include: { cluster: true } },
      user: { select: { id: true, email: true } },
      commissions: { include: { commission: { include: { municipality: true } } }, orderBy: { joinedAt: "asc" } },
      invitations: { include: { event: { include: { translations: true } } }, orderBy: { createdAt: "desc" } },
      facilitating: { include: { event: { include: { translations: true } } } },
    },
  });
  return person ? redactPerson(viewer, person) : null;
}

export type PersonInput = {
  name: string;
  email?: string | null;
  phone?: string | null;
  position?: string | null;
  locale: PersonLocale;
  organisationId?: string | null;
  municipalityId?: string | null;
  gender?: Gender | null;
  community?: Community | null;
  consentGivenAt?: Date | null;
  consentText?: string | null;
};

export type PersonError = "emailTaken" | "notFound" | "erased";

async function placesOf(tx: Tx, input: Pick<PersonInput, "organisationId" | "municipalityId">) {
  const [organisation, municipality] = await Promise.all([
    input.organisationId ? tx.organisation.findUnique({ where: { id: input.organisationId } }) : null,
    input.municipalityId ? tx.municipality.findUnique({ where: { id: input.municipalityId } }) : null,
  ]);
  return { organisation, municipality };
}

function cleanEmail(email: string | null | undefined) {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}

/**
 * The fields a viewer may write: someone not allowed to see gender and
 * community cannot set them either (the form does not show them, and a
 * crafted post is ignored rather than trusted).
 */
function writableFields(viewer: Viewer, input: PersonInput) {
  const { gender, community, ...rest } = input;
  const base = {
    ...rest,
    email: cleanEmail(input.email),
    phone: input.phone?.trim() || null,
    position: input.position?.trim() || null,
    consentText: input.consentText?.trim() || null,
    organisationId: input.organisationId || null,
    municipalityId: input.municipalityId || null,
  };
  return maySeeSensitive(viewer) ? { ...base, gender: gender ?? null, community: community ?? null } : base;
}

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function createPerson(actor: SessionUser, input: PersonInput) {
  const fields = writableFields(actor, input);
  try {
    const person = await prisma.$transaction(async (tx) => {
      const places = await placesOf(tx, fields);
      const created = await tx.person.create({
        data: { ...fields, name: fields.name.trim(), createdById: actor.id, searchText: personSearchText({ ...fields, ...places }) },
      });
      await recordAudit(tx, { actorId: actor.id, action: "person.created", subjectType: "Person", subjectId: created.id });
      return created;
    });
    return { ok: true as const, person };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false as const, error: "emailTaken" as const };
    throw error;
  }
}

export async function updatePerson(actor: SessionUser, id: string, input: PersonInput) {
  const fields = writableFields(actor, input);
  try {
    return await prisma.$transaction(async (tx) => {
      const before = await tx.person.findUnique({ where: { id } });
      if (!before) return { ok: false as const, error: "notFound" as const };
      if (before.erasedAt) return { ok: false as const, error: "erased" as const };
      const places = await placesOf(tx, fields);
      await tx.person.update({
        where: { id },
        data: { ...fields, name: fields.name.trim(), searchText: personSearchText({ ...fields, ...places }) },
      });
      // Which fields changed, never their values: the log must not become a copy of sensitive data.
      const changed = Object.keys(fields).filter((key) => {
        const a = before[key as keyof typeof before];
        const b = fields[key as keyof typeof fields];
        return a instanceof Date || b instanceof Date ? String(a) !== String(b) : (a ?? null) !== (b ?? null);
      });
      await recordAudit(tx, { actorId: actor.id, action: "person.updated", subjectType: "Person", subjectId: id, details: { changed } });
      return { ok: true as const };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false as const, error: "emailTaken" as const };
    throw error;
  }
}

// --- Merge --------------------------------------------------------------------

/** People who might be the same as this one, for the merge page's choice. */
export async function mergeCandidates(id: string, query: string) {
  const person = await prisma.person.findUnique({ where: { id } });
  if (!person) return [];
  const q = query.trim() || person.name;
  return prisma.person.findMany({
    where: { AND: [peopleWhere({ q }), { id: { not: id } }] },
    include: listInclude,
    orderBy: { name: "asc" },
    take: 20,
  });
}

/** How refused saves of a person are said (create and edit). */
export const PERSON_REFUSALS = refusals({
  notFound: { status: 404, message: "errors.notFound" },
  emailTaken: { status: 400, message: "directory.person.emailTaken", field: "email" },
  erased: { status: 400, message: "directory.person.erased" },
});

/** How a refused merge is said. */
export const MERGE_REFUSALS = refusals({
  notFound: { status: 404, message: "directory.person.notFound" },
  samePerson: { status: 400, message: "directory.merge.samePerson" },
  erased: { status: 400, message: "directory.person.erased" },
});

/**
 * Two records of the same person become one: the kept record takes the other's
 * commission memberships, invitations and facilitations (where it has none of
 * its own for the same commission or event), and fills its empty fields from
 * the other; then the other record is deleted. All in one transaction.
 */
export async function mergePeople(actor: SessionUser, keepId: string, removeId: string) {
  if (keepId === removeId) return { ok: false as const, error: "samePerson" as const };
  return prisma.$transaction(async (tx) => {
    const [keep, remove] = await Promise.all([
      tx.person.findUnique({ where: { id: keepId }, include: { commissions: true, invitations: true, facilitating: true } }),
      tx.person.findUnique({ where: { id: removeId }, include: { commissions: true, invitations: true, facilitating: true } }),
    ]);
    if (!keep || !remove) return { ok: false as const, error: "notFound" as const };
    if (keep.erasedAt || remove.erasedAt) return { ok: false as const, error: "erased" as const };

    const keptCommissions = new Set(keep.commissions.map((m) => m.commissionId));
    const movedCommissions = remove.commissions.filter((m) => !keptCommissions.has(m.commissionId));
    for (const m of movedCommissions) await tx.commissionMember.update({ where: { id: m.id }, data: { personId: keepId } });

    const keptEvents = new Set(keep.invitations.map((i) => i.eventId));
    const movedInvitations = remove.invitations.filter((i) => !keptEvents.has(i.eventId));
    for (const i of movedInvitations) await tx.invitation.update({ where: { id: i.id }, data: { personId: keepId } });

    const keptFacilitations = new Set(keep.facilitating.map((f) => f.eventId));
    const movedFacilitations = remove.facilitating.filter((f) => !keptFacilitations.has(f.eventId));
    for (const f of movedFacilitations) {
      await tx.eventFacilitator.create({ data: { eventId: f.eventId, personId: keepId } });
    }

    // Attendance is the record of who came: it moves too (a day both records attended is kept once).
    const keptDays = new Set((await tx.attendance.findMany({ where: { personId: keepId }, select: { eventId: true, day: true } })).map((a) => `${a.eventId}|${a.day}`));
    const removedAttendance = await tx.attendance.findMany({ where: { personId: removeId }, select: { id: true, eventId: true, day: true } });
    for (const a of removedAttendance.filter((a) => !keptDays.has(`${a.eventId}|${a.day}`))) {
      await tx.attendance.update({ where: { id: a.id }, data: { personId: keepId } });
    }

    // Unique columns (email, account) must leave the removed record before the kept one takes them.
    await tx.person.update({ where: { id: removeId }, data: { email: null, userId: null } });
    const filled = {
      email: keep.email ?? remove.email,
      phone: keep.phone ?? remove.phone,
      position: keep.position ?? remove.position,
      organisationId: keep.organisationId ?? remove.organisationId,
      municipalityId: keep.municipalityId ?? remove.municipalityId,
      userId: keep.userId ?? remove.userId,
      gender: keep.gender ?? remove.gender,
      community: keep.community ?? remove.community,
      consentGivenAt: keep.consentGivenAt ?? remove.consentGivenAt,
      consentText: keep.consentText ?? remove.consentText,
    };
    const places = await placesOf(tx, filled);
    await tx.person.update({ where: { id: keepId }, data: { ...filled, searchText: personSearchText({ ...keep, ...filled, ...places }) } });
    // Duplicates the kept record already had (same commission or event) go with the removed record.
    await tx.person.delete({ where: { id: removeId } });
    const details = {
      removedId: removeId,
      commissionsMoved: movedCommissions.length,
      invitationsMoved: movedInvitations.length,
      facilitationsMoved: movedFacilitations.length,
      invitationsDropped: remove.invitations.length - movedInvitations.length,
    };
    await recordAudit(tx, { actorId: actor.id, action: "person.merged", subjectType: "Person", subjectId: keepId, details });
    return { ok: true as const, ...details };
  });
}

// --- Erasure and the person's own copy ------------------------------------

// --- Aggregates (the only view of gender and community for most readers) --

export type DirectoryAggregates = {
  people: number;
  byGender: Record<string, number>;
  byCommunity: Record<string, number>;
  byMunicipality: Array<{ id: string; nameSq: string; nameSr: string; nameEn: string; count: number }>;
  participants: { invited: number; accepted: number; acceptedByGender: Record<string, number>; acceptedByCommunity: Record<string, number> };
};

function countBy<T extends string | null>(rows: Array<{ key: T; _count: { _all: number } }>) {
  return Object.fromEntries(rows.map((r) => [r.key ?? "UNKNOWN", r._count._all]));
}

/**
 * Counts for donor reports. Erased people still count (their row keeps
 * municipality, gender and community). One dimension at a time only: a
 * cross-table (community by municipality) could single out a person.
 */
export async function directoryAggregates(): Promise<DirectoryAggregates> {
  const [people, byGender, byCommunity, byMunicipality, municipalities, invited, acceptedGender, acceptedCommunity] = await Promise.all([
    prisma.person.count(),
    prisma.person.groupBy({ by: ["gender"], _count: { _all: true } }),
    prisma.person.groupBy({ by: ["community"], _count: { _all: true } }),
    prisma.person.groupBy({ by: ["municipalityId"], _count: { _all: true } }),
    prisma.municipality.findMany({ orderBy: { nameSq: "asc" } }),
    prisma.invitation.count(),
    prisma.person.groupBy({ by: ["gender"], where: { invitations: { some: { status: "ACCEPTED" } } }, _count: { _all: true } }),
    prisma.person.groupBy({ by: ["community"], where: { invitations: { some: { status: "ACCEPTED" } } }, _count: { _all: true } }),
  ]);
  const perMunicipality = new Map(byMunicipality.map((r) => [r.municipalityId, r._count._all]));
  const acceptedByGender = countBy(acceptedGender.map((r) => ({ key: r.gender, _count: r._count })));
  return {
    people,
    byGender: countBy(byGender.map((r) => ({ key: r.gender, _count: r._count }))),
    byCommunity: countBy(byCommunity.map((r) => ({ key: r.community, _count: r._count }))),
    byMunicipality: municipalities.map((m) => ({ id: m.id, nameSq: m.nameSq, nameSr: m.nameSr, nameEn: m.nameEn, count: perMunicipality.get(m.id) ?? 0 })),
    participants: {
      invited,
      accepted: Object.values(acceptedByGender).reduce((a, b) => a + b, 0),
      acceptedByGender,
      acceptedByCommunity: countBy(acceptedCommunity.map((r) => ({ key: r.community, _count: r._count }))),
    },
  };
}

/** Which parts of the directory a reader's menu offers. */
export function directoryLinksFor(user: Viewer) {
  return {
    people: can(user, "people:read"),
    organisations: can(user, "organisations:manage"),
    commissions: can(user, "commissions:read"),
    import: can(user, "people:import"),
    summary: can(user, "directory:aggregates"),
  };
}

/** The form's values as the model takes them (dates are calendar days, kept at UTC midnight). */
export function personInputFrom(value: {
  name: string;
  email?: string;
  phone?: string;
  position?: string;
  locale: PersonLocale;
  organisationId?: string;
  municipalityId?: string;
  gender?: Gender;
  community?: Community;
  consentGivenAt?: string;
  consentText?: string;
}): PersonInput {
  return {
    ...value,
    gender: value.gender ?? null,
    community: value.community ?? null,
    consentGivenAt: value.consentGivenAt ? new Date(`${value.consentGivenAt}T00:00:00Z`) : null,
  };
}
