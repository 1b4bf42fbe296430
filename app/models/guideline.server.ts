import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { recordAudit } from "~/models/audit.server";
import { RESERVED_SLUGS, SLUG_PATTERN } from "~/utils/guidelines";
import { notFoundRefusal, refuse, type Refusal } from "~/utils/refusal";
import { practiceHeading } from "~/models/guideline-text.server";
import { demoteHeadings } from "~/utils/markdown.server";
import { foldForSearch } from "~/utils/search";

/**
 * A guideline's working copy: ordered sections of editor text with accepted
 * contributions placed into them. Every change raises the guideline's
 * revision, which publishing checks (app/models/guideline-version.server.ts),
 * so an editor publishes exactly the draft they previewed.
 */

type Tx = Prisma.TransactionClient;

const bumpRevision = (tx: Tx, guidelineId: string) =>
  tx.guideline.update({ where: { id: guidelineId }, data: { revision: { increment: 1 } } });

export async function createGuideline(
  actorId: string,
  input: { title: string; slug: string; summary: string; sourceLocale: string },
): Promise<{ ok: true; slug: string } | Refusal> {
  const slug = input.slug.trim().toLowerCase();
  if (!SLUG_PATTERN.test(slug)) return refuse("slug", "guidelines.guideline.slugInvalid");
  if (RESERVED_SLUGS.includes(slug)) return refuse("slug", "guidelines.guideline.slugTaken");
  return prisma.$transaction(async (tx) => {
    if (await tx.guideline.findUnique({ where: { slug } })) return refuse("slug", "guidelines.guideline.slugTaken");
    const guideline = await tx.guideline.create({
      data: { slug, title: input.title.trim(), summary: input.summary.trim(), sourceLocale: input.sourceLocale, createdById: actorId },
    });
    await recordAudit(tx, { actorId, action: "guideline.created", subjectType: "Guideline", subjectId: guideline.id, details: { slug } });
    return { ok: true as const, slug };
  });
}

export async function updateGuidelineDetails(
  actorId: string,
  guidelineId: string,
  input: { title: string; summary: string },
): Promise<{ ok: true } | Refusal> {
  return prisma.$transaction(async (tx) => {
    const guideline = await tx.guideline.findUnique({ where: { id: guidelineId } });
    if (!guideline) return notFoundRefusal();
    await tx.guideline.update({
      where: { id: guidelineId },
      data: { title: input.title.trim(), summary: input.summary.trim(), revision: { increment: 1 } },
    });
    await recordAudit(tx, { actorId, action: "guideline.updated", subjectType: "Guideline", subjectId: guidelineId });
    return { ok: true as const };
  });
}

/** A key that stays with the section for good (diffs pair sections by it), made readable from its first title. */
function sectionKey(title: string, taken: string[]): string {
  const base =
    foldForSearch(title)
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "section";
  let key = base;
  for (let n = 2; taken.includes(key); n++) key = `${base}-${n}`;
  return key;
}

export async function addSection(
  actorId: string,
  guidelineId: string,
  input: { title: string; body: string },
): Promise<{ ok: true; sectionId: string } | Refusal> {
  return prisma.$transaction(async (tx) => {
    const guideline = await tx.guideline.findUnique({ where: { id: guidelineId }, include: { sections: true } });
    if (!guideline) return notFoundRefusal();
    const key = sectionKey(
      input.title,
      guideline.sections.map((s) => s.key),
    );
    const position = Math.max(0, ...guideline.sections.map((s) => s.position)) + 1;
    const section = await tx.guidelineSection.create({
      data: { guidelineId, key, position, title: input.title.trim(), body: input.body.trim() },
    });
    await bumpRevision(tx, guidelineId);
    await recordAudit(tx, { actorId, action: "guideline.section_added", subjectType: "Guideline", subjectId: guidelineId, details: { key } });
    return { ok: true as const, sectionId: section.id };
  });
}

export async function updateSection(
  actorId: string,
  sectionId: string,
  input: { title: string; body: string },
): Promise<{ ok: true } | Refusal> {
  return prisma.$transaction(async (tx) => {
    const section = await tx.guidelineSection.findUnique({ where: { id: sectionId } });
    if (!section) return notFoundRefusal();
    await tx.guidelineSection.update({ where: { id: sectionId }, data: { title: input.title.trim(), body: input.body.trim() } });
    await bumpRevision(tx, section.guidelineId);
    await recordAudit(tx, {
      actorId,
      action: "guideline.section_updated",
      subjectType: "Guideline",
      subjectId: section.guidelineId,
      details: { key: section.key },
    });
    return { ok: true as const };
  });
}

/** Moves a section one place up or down. */
export async function moveSection(actorId: string, sectionId: string, direction: "up" | "down"): Promise<{ ok: true } | Refusal> {
  return prisma.$transaction(async (tx) => {
    const section = await tx.guidelineSection.findUnique({ where: { id: sectionId } });
    if (!section) return notFoundRefusal();
    const neighbour = await tx.guidelineSection.findFirst({
      where: { guidelineId: section.guidelineId, position: direction === "up" ? { lt: section.position } : { gt: section.position } },
      orderBy: { position: direction === "up" ? "desc" : "asc" },
    });
    if (!neighbour) return { ok: true as const };
    await tx.guidelineSection.update({ where: { id: section.id }, data: { position: neighbour.position } });
    await tx.guidelineSection.update({ where: { id: neighbour.id }, data: { position: section.position } });
    await bumpRevision(tx, section.guidelineId);
    return { ok: true as const };
  });
}

/** Removes a section from the working copy; published versions keep theirs. */
export async function removeSection(actorId: string, sectionId: string): Promise<{ ok: true } | Refusal> {
  return prisma.$transaction(async (tx) => {
    const section = await tx.guidelineSection.findUnique({ where: { id: sectionId } });
    if (!section) return notFoundRefusal();
    await tx.guidelineSection.delete({ where: { id: sectionId } });
    await bumpRevision(tx, section.guidelineId);
    await recordAudit(tx, {
      actorId,
      action: "guideline.section_removed",
      subjectType: "Guideline",
      subjectId: section.guidelineId,
      details: { key: section.key, title: section.title },
    });
    return { ok: true as const };
  });
}

/** Places an accepted contribution at the end of a section. Only accepted contributions can be placed. */
export async function placeContribution(actorId: string, sectionId: string, contributionId: string): Promise<{ ok: true } | Refusal> {
  return prisma.$transaction(async (tx) => {
    const section = await tx.guidelineSection.findUnique({ where: { id: sectionId }, include: { placements: true } });
    if (!section) return notFoundRefusal();
    const contribution = await tx.contribution.findUnique({ where: { id: contributionId } });
    if (!contribution) return refuse("contributionId", "errors.notFound");
    if (contribution.status !== "ACCEPTED") return refuse("contributionId", "guidelines.section.notAccepted");
    if (section.placements.some((p) => p.contributionId === contributionId)) return { ok: true as const };
    const position = Math.max(0, ...section.placements.map((p) => p.position)) + 1;
    await tx.guidelinePlacement.create({ data: { sectionId, contributionId, position } });
    await bumpRevision(tx, section.guidelineId);
    await recordAudit(tx, {
      actorId,
      action: "guideline.contribution_placed",
      subjectType: "Guideline",
      subjectId: section.guidelineId,
      details: { key: section.key, contributionId },
    });
    return { ok: true as const };
  });
}

export async function removePlacement(actorId: string, sectionId: string, contributionId: string): Promise<{ ok: true } | Refusal> {
  return prisma.$transaction(async (tx) => {
    const section = await tx.guidelineSection.findUnique({ where: { id: sectionId } });
    if (!section) return notFoundRefusal();
    await tx.guidelinePlacement.deleteMany({ where: { sectionId, contributionId } });
    await bumpRevision(tx, section.guidelineId);
    await recordAudit(tx, {
      actorId,
      action: "guideline.contribution_removed",
      subjectType: "Guideline",
      subjectId: section.guidelineId,
      details: { key: section.key, contributionId },
    });
    return { ok: true as const };
  });
}

export const WORKING_COPY_INCLUDE = {
  sections: {
    orderBy: { position: "asc" },
    include: {
      placements: {
        orderBy: { position: "asc" },
        include: {
          contribution: {
            include: {
              municipality: true,
              authors: { include: { user: { select: { name: true } } }, orderBy: { createdAt: "asc" } },
            },
          },
        },
      },
    },
  },
} satisfies Prisma.GuidelineInclude;

export type WorkingCopy = Prisma.GuidelineGetPayload<{ include: typeof WORKING_COPY_INCLUDE }>;

export function workingCopy(slug: string, db: Pick<Tx, "guideline"> = prisma): Promise<WorkingCopy | null> {
  return db.guideline.findUnique({ where: { slug }, include: WORKING_COPY_INCLUDE });
}

export type CompiledCredit = { contributionId: string; sectionKey: string; title: string; authorNames: string; municipalityId: string | null };
export type CompiledSection = { key: string; position: number; title: string; body: string };
export type CompiledDraft = { title: string; summary: string; sections: CompiledSection[]; credits: CompiledCredit[] };

/**
 * The next version as it would be published: each section's editor text,
 * then every contribution placed in it under its own heading (its title, a
 * level-3 heading, with the contribution's headings below it). Pure, so the
 * preview and the publication are the same text.
 */
export function compileDraft(guideline: WorkingCopy): CompiledDraft {
  const credits: CompiledCredit[] = [];
  const sections = guideline.sections.map((section, index) => {
    const parts = section.body.trim() ? [section.body.trim()] : [];
    for (const { contribution } of section.placements) {
      parts.push(practiceHeading(contribution.title));
      if (contribution.summary.trim()) parts.push(`*${contribution.summary.trim().replace(/\n+/g, " ")}*`);
      // The practice's title is a level-3 heading (below the section's); its own headings go below it.
      parts.push(demoteHeadings(contribution.body.trim(), 4));
      credits.push({
        contributionId: contribution.id,
        sectionKey: section.key,
        title: contribution.title,
        authorNames: contribution.authors.map((a) => a.user.name).join(", "),
        municipalityId: contribution.municipalityId,
      });
    }
    return { key: section.key, position: index + 1, title: section.title, body: parts.join("\n\n") };
  });
  return { title: guideline.title, summary: guideline.summary, sections, credits };
}

/** A draft with nothing to read is not a version. */
export function isEmptyDraft(draft: CompiledDraft): boolean {
  return draft.sections.length === 0 || draft.sections.every((s) => !s.body.trim());
}

export async function guidelineList() {
  return prisma.guideline.findMany({
    orderBy: { title: "asc" },
    include: { versions: { orderBy: { number: "desc" }, select: { locale: true, number: true, title: true, publishedAt: true, sourceVersionId: true } } },
  });
}
