import { refusals } from "~/utils/refusal";
import { prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import type { OrganisationType } from "~/generated/prisma/enums";
import { recordAudit } from "~/models/audit.server";
import { refreshSearchText } from "~/models/person.server";
import type { SessionUser } from "~/utils/auth.server";
import { foldForSearch, foldQuery } from "~/utils/search";

/** What saving an organisation can refuse, and how each refusal is said. */
export const ORGANISATION_REFUSALS = refusals({
  notFound: { status: 404, message: "errors.notFound" },
  nameTaken: { status: 400, message: "directory.organisations.nameTaken", field: "name" },
});

export type OrganisationInput = { name: string; type: OrganisationType; municipalityId?: string | null };

export async function listOrganisations(filter: { q?: string; type?: OrganisationType; municipality?: string }) {
  const terms = filter.q ? foldQuery(filter.q).split(" ").filter(Boolean) : [];
  return prisma.organisation.findMany({
    where: {
      AND: [
        ...terms.map((term) => ({ searchText: { contains: term } })),
        filter.type ? { type: filter.type } : {},
        filter.municipality ? { municipalityId: filter.municipality } : {},
      ],
    },
    include: { municipality: true, _count: { select: { people: { where: { erasedAt: null } } } } },
    orderBy: { name: "asc" },
  });
}

export function getOrganisation(id: string) {
  return prisma.organisation.findUnique({ where: { id } });
}

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** Creates (no id) or changes an organisation; a rename also updates how its people are found. */
export async function saveOrganisation(actor: SessionUser, id: string | null, input: OrganisationInput) {
  const data = {
    name: input.name.trim(),
    type: input.type,
    municipalityId: input.municipalityId || null,
    searchText: foldForSearch(input.name),
  };
  try {
    return await prisma.$transaction(async (tx) => {
      if (id && !(await tx.organisation.findUnique({ where: { id } }))) return { ok: false as const, error: "notFound" as const };
      const saved = id ? await tx.organisation.update({ where: { id }, data }) : await tx.organisation.create({ data });
      if (id) await refreshSearchText(tx, { organisationId: id });
      await recordAudit(tx, {
        actorId: actor.id,
        action: id ? "organisation.updated" : "organisation.created",
        subjectType: "Organisation",
        subjectId: saved.id,
        details: { name: saved.name, type: saved.type },
      });
      return { ok: true as const, organisation: saved };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false as const, error: "nameTaken" as const };
    throw error;
  }
}
