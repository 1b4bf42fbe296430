import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { ContributionStatus } from "~/generated/prisma/enums";
import { recordAudit } from "~/models/audit.server";
import { composeEmail } from "~/models/email.server";
import { queueEmail } from "~/models/outbox.server";
import { commissionChoices, municipalityChoices, themeChoices } from "~/models/places.server";
import { messageWith } from "~/utils/forms";
import { LIMITS, splitEmails } from "~/utils/guidelines";
import { isLocale, type Locale } from "~/utils/i18n";
import { formatDate } from "~/utils/dates";
import { can, type Permission } from "~/utils/permissions.server";
import { forbiddenRefusal, notFoundRefusal, refuse, type Refusal } from "~/utils/refusal";

type Tx = Prisma.TransactionClient;
type Actor = { id: string; roles: readonly string[] };


/** Authors may change the text only while it is theirs to change. */
export const EDITABLE_BY_AUTHORS: readonly ContributionStatus[] = ["DRAFT", "CHANGES_REQUESTED"];
/** Editors decide on what has been submitted (starting the review is implied). */
const DECIDABLE: readonly ContributionStatus[] = ["SUBMITTED", "IN_REVIEW"];

const allowed = (actor: Actor, permission: Permission) => can({ roles: actor.roles as never }, permission);

export type ContributionInput = {
  title: string;
  summary: string;
  body: string;
  themeId: string;
  municipalityId?: string;
  commissionId?: string;
  eventId?: string;
  /** Email addresses of co-authors' accounts. */
  coAuthors: string;
  locale?: string;
};

/** Checks the references a contribution makes and resolves its co-authors. */
async function checkInput(tx: Tx, actor: Actor, input: ContributionInput) {
  if (input.body.length > LIMITS.body) return refuse("body", "guidelines.contribution.bodyTooLong");
  const theme = await tx.theme.findUnique({ where: { id: input.themeId } });
  if (!theme || theme.archived) return refuse("themeId", "guidelines.contribution.themeRequired");
  if (input.municipalityId && !(await tx.municipality.findUnique({ where: { id: input.municipalityId } }))) {
    return refuse("municipalityId", "validation.invalidChoice");
  }
  if (input.commissionId) {
    // Writing on behalf of a commission is what trainers do; members write as themselves.
    if (!actor.roles.includes("TRAINER") && !actor.roles.includes("ADMIN")) return refuse("commissionId", "validation.invalidChoice");
    if (!(await tx.commission.findUnique({ where: { id: input.commissionId } }))) return refuse("commissionId", "validation.invalidChoice");
  }
  if (input.eventId && !(await tx.event.findUnique({ where: { id: input.eventId } }))) {
    return refuse("eventId", "validation.invalidChoice");
  }
  const emails = splitEmails(input.coAuthors);
  if (emails.length > LIMITS.coAuthors) return refuse("coAuthors", messageWith("guidelines.contribution.tooManyCoAuthors", { count: LIMITS.coAuthors }));
  const users = emails.length
    ? await tx.user.findMany({ where: { email: { in: emails }, disabledAt: null }, select: { id: true, email: true } })
    : [];
  const unknown = emails.filter((email) => !users.some((u) => u.email === email));
  if (unknown.length) return refuse("coAuthors", messageWith("guidelines.contribution.unknownCoAuthor", { email: unknown[0] }));
  return {
    ok: true as const,
    coAuthorIds: users.map((u) => u.id).filter((id) => id !== actor.id),
    data: {
      title: input.title.trim(),
      summary: input.summary.trim(),
      body: input.body.trim(),
      themeId: input.themeId,
      municipalityId: input.municipalityId || null,
      commissionId: input.commissionId || null,
      eventId: input.eventId || null,
    },
  };
}

async function writeRevision(tx: Tx, contributionId: string, savedById: string) {
  const contribution = await tx.contribution.findUniqueOrThrow({ where: { id: contributionId } });
  const last = await tx.contributionRevision.findFirst({ where: { contributionId }, orderBy: { number: "desc" } });
  await tx.contributionRevision.create({
    data: {
      contributionId,
      number: (last?.number ?? 0) + 1,
      title: contribution.title,
      summary: contribution.summary,
      body: contribution.body,
      themeId: contribution.themeId,
      municipalityId: contribution.municipalityId,
      savedById,
    },
  });
}

/** A new contribution, as a draft of its writer (the lead author) and co-authors. */
export async function createContribution(actor: Actor, input: ContributionInput): Promise<{ ok: true; contributionId: string } | Refusal> {
  if (!allowed(actor, "contributions:write")) return forbiddenRefusal();
  return prisma.$transaction(async (tx) => {
    const checked = await checkInput(tx, actor, input);
    if (!checked.ok) return checked;
    const locale = input.locale && isLocale(input.locale) ? input.locale.replace("sr-Cyrl", "sr") : "en";
    const contribution = await tx.contribution.create({
      data: {
        ...checked.data,
        locale,
        createdById: actor.id,
        authors: {
          create: [{ userId: actor.id, isLead: true }, ...checked.coAuthorIds.map((userId) => ({ userId }))],
        },
      },
    });
    await writeRevision(tx, contribution.id, actor.id);
    await recordAudit(tx, { actorId: actor.id, action: "contribution.created", subjectType: "Contribution", subjectId: contribution.id });
    return { ok: true as const, contributionId: contribution.id };
  });
}

async function isAuthor(tx: Tx, contributionId: string, userId: string) {
  return !!(await tx.contributionAuthor.findUnique({ where: { contributionId_userId: { contributionId, userId } } }));
}

/**
 * Saves the authors' changes as a new revision. Only while the text is
 * theirs (draft, or changes requested), and only over the version they
 * opened, so that two co-authors do not overwrite each other unknowingly.
 */
export async function updateContribution(
  actor: Actor,
  contributionId: string,
  input: ContributionInput,
  seenVersion: number,
): Promise<{ ok: true; version: number } | Refusal> {
  return prisma.$transaction(async (tx) => {
    const current = await tx.contribution.findUnique({ where: { id: contributionId } });
    if (!current || !(await isAuthor(tx, contributionId, actor.id))) return notFoundRefusal();
    if (!EDITABLE_BY_AUTHORS.includes(current.status)) return refuse(null, "guidelines.contribution.notEditable", 409);
    const checked = await checkInput(tx, actor, input);
    if (!checked.ok) return checked;
    const moved = await tx.contribution.updateMany({
      where: { id: contributionId, version: seenVersion, status: { in: [...EDITABLE_BY_AUTHORS] } },
      data: { ...checked.data, version: { increment: 1 } },
    });
    if (moved.count !== 1) return refuse(null, "guidelines.contribution.changedMeanwhile", 409);
    // Co-authors: the lead stays, and so does whoever is saving; the others are as listed now.
    await tx.contributionAuthor.deleteMany({
      where: { contributionId, isLead: false, userId: { notIn: [...checked.coAuthorIds, actor.id] } },
    });
    const existing = await tx.contributionAuthor.findMany({ where: { contributionId }, select: { userId: true } });
    const add = checked.coAuthorIds.filter((id) => !existing.some((a) => a.userId === id));
    if (add.length) await tx.contributionAuthor.createMany({ data: add.map((userId) => ({ contributionId, userId })) });
    await writeRevision(tx, contributionId, actor.id);
    await recordAudit(tx, { actorId: actor.id, action: "contribution.revised", subjectType: "Contribution", subjectId: contributionId });
    return { ok: true as const, version: seenVersion + 1 };
  });
}

/** The authors hand the contribution to the editors; from now on they cannot change it unless asked to. */
export async function submitContribution(actor: Actor, contributionId: string, seenVersion: number): Promise<{ ok: true } | Refusal> {
  return prisma.$transaction(async (tx) => {
    const current = await tx.contribution.findUnique({ where: { id: contributionId } });
    if (!current || !(await isAuthor(tx, contributionId, actor.id))) return notFoundRefusal();
    if (!EDITABLE_BY_AUTHORS.includes(current.status)) return refuse(null, "guidelines.contribution.notEditable");
    const moved = await tx.contribution.updateMany({
      where: { id: contributionId, version: seenVersion, status: current.status },
      data: { status: "SUBMITTED", submittedAt: new Date(), version: { increment: 1 } },
    });
    if (moved.count !== 1) return refuse(null, "guidelines.contribution.changedMeanwhile", 409);
    await recordAudit(tx, { actorId: actor.id, action: "contribution.submitted", subjectType: "Contribution", subjectId: contributionId });
    return { ok: true as const };
  });
}

/** An editor takes a submitted contribution into review (so other editors see someone is on it). */
export async function startReview(actor: Actor, contributionId: string, seenVersion: number): Promise<{ ok: true } | Refusal> {
  if (!allowed(actor, "contributions:review")) return forbiddenRefusal();
  return prisma.$transaction(async (tx) => {
    const moved = await tx.contribution.updateMany({
      where: { id: contributionId, version: seenVersion, status: "SUBMITTED" },
      data: { status: "IN_REVIEW", version: { increment: 1 } },
    });
    if (moved.count !== 1) return explainStale(tx, contributionId);
    await recordAudit(tx, { actorId: actor.id, action: "contribution.review_started", subjectType: "Contribution", subjectId: contributionId });
    return { ok: true as const };
  });
}

async function explainStale(tx: Tx, contributionId: string): Promise<Refusal> {
  const exists = await tx.contribution.findUnique({ where: { id: contributionId }, select: { id: true } });
  return exists ? refuse(null, "guidelines.review.changedMeanwhile", 409) : notFoundRefusal();
}

type AuthorForEmail = { email: string; name: string; locale: string };

async function authorsOf(tx: Tx, contributionId: string, except?: string): Promise<AuthorForEmail[]> {
  const authors = await tx.contributionAuthor.findMany({
    where: { contributionId, user: { disabledAt: null }, ...(except ? { userId: { not: except } } : {}) },
    include: { user: { select: { email: true, name: true, locale: true } } },
  });
  return authors.map((a) => a.user);
}

const readerLocale = (locale: string): Locale => (isLocale(locale) ? locale : "en");

/**
 * An editor's decision: changes requested, accepted or rejected, with a
 * reason the authors read. It carries the version the editor saw; if the
 * contribution changed since (another editor decided, or the authors
 * revised), nothing is saved and the editor is told to look again.
 */
export async function decideContribution(
  actor: Actor,
  contributionId: string,
  decision: { decision: "CHANGES_REQUESTED" | "ACCEPTED" | "REJECTED"; reason: string; version: number },
  baseUrl: string,
): Promise<{ ok: true } | Refusal> {
  if (!allowed(actor, "contributions:review")) return forbiddenRefusal();
  const reason = decision.reason.trim();
  if (decision.decision !== "ACCEPTED" && !reason) return refuse("reason", "guidelines.review.reasonRequired");
  if (reason.length > LIMITS.comment) return refuse("reason", "validation.tooLong");
  return prisma.$transaction(async (tx) => {
    const moved = await tx.contribution.updateMany({
      where: { id: contributionId, version: decision.version, status: { in: [...DECIDABLE] } },
      data: {
        status: decision.decision,
        decidedAt: new Date(),
        decidedById: actor.id,
        decisionReason: reason || null,
        version: { increment: 1 },
      },
    });
    if (moved.count !== 1) return explainStale(tx, contributionId);
    const contribution = await tx.contribution.findUniqueOrThrow({ where: { id: contributionId } });
    await tx.contributionComment.create({
      data: { contributionId, authorId: actor.id, body: reason, decision: decision.decision },
    });
    for (const author of await authorsOf(tx, contributionId)) {
      const email = await composeEmail("contribution-decision", author.email, {
        locale: readerLocale(author.locale),
        name: author.name,
        title: contribution.title,
        decision: decision.decision,
        reason,
        url: `${baseUrl}/contributions/${contributionId}`,
      });
      await queueEmail(tx, email);
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "contribution.decided",
      subjectType: "Contribution",
      subjectId: contributionId,
      details: { decision: decision.decision, version: decision.version },
    });
    return { ok: true as const };
  });
}

/** A remark in the review. Editors' comments are emailed to the authors; authors' comments stay on the page for editors. */
export async function commentOnContribution(
  actor: Actor,
  contributionId: string,
  body: string,
  baseUrl: string,
): Promise<{ ok: true } | Refusal> {
  const text = body.trim();
  if (!text) return refuse("body", "validation.required");
  if (text.length > LIMITS.comment) return refuse("body", "validation.tooLong");
  return prisma.$transaction(async (tx) => {
    const contribution = await tx.contribution.findUnique({ where: { id: contributionId } });
    if (!contribution) return notFoundRefusal();
    const reviewer = allowed(actor, "contributions:review");
    if (!reviewer && !(await isAuthor(tx, contributionId, actor.id))) return notFoundRefusal();
    if (!reviewer && contribution.status === "DRAFT") return refuse(null, "guidelines.review.notInReview");
    await tx.contributionComment.create({ data: { contributionId, authorId: actor.id, body: text } });
    if (reviewer) {
      const commenter = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { name: true } });
      for (const author of await authorsOf(tx, contributionId, actor.id)) {
        const email = await composeEmail("contribution-comment", author.email, {
          locale: readerLocale(author.locale),
          name: author.name,
          title: contribution.title,
          commenter: commenter.name,
          comment: text,
          url: `${baseUrl}/contributions/${contributionId}`,
        });
        await queueEmail(tx, email);
      }
    }
    await recordAudit(tx, { actorId: actor.id, action: "contribution.commented", subjectType: "Contribution", subjectId: contributionId });
    return { ok: true as const };
  });
}

// --- Reading -----------------------------------------------------------------

const LIST_INCLUDE = {
  theme: true,
  municipality: true,
  authors: { include: { user: { select: { id: true, name: true } } }, orderBy: { createdAt: "asc" } },
} satisfies Prisma.ContributionInclude;

export async function listContributionsOf(userId: string) {
  return prisma.contribution.findMany({
    where: { authors: { some: { userId } } },
    include: LIST_INCLUDE,
    orderBy: { updatedAt: "desc" },
    take: 200,
  });
}

/** The editors' queue: waiting work first, then the rest, filtered by status and theme. Drafts are private to their authors. */
export async function reviewQueue(filters: { status?: ContributionStatus; themeId?: string }) {
  const where: Prisma.ContributionWhereInput = {
    status: filters.status ?? { in: ["SUBMITTED", "IN_REVIEW", "CHANGES_REQUESTED"] },
    ...(filters.themeId ? { themeId: filters.themeId } : {}),
  };
  if (filters.status === "DRAFT") where.status = { in: [] };
  return prisma.contribution.findMany({ where, include: LIST_INCLUDE, orderBy: [{ submittedAt: "asc" }, { updatedAt: "asc" }], take: 200 });
}

/** Accepted contributions, for editors placing them into guideline sections. */
export async function acceptedContributions() {
  return prisma.contribution.findMany({ where: { status: "ACCEPTED" }, include: LIST_INCLUDE, orderBy: { decidedAt: "desc" } });
}

/**
 * A contribution as a given user may see it: its authors always, editors
 * once it has been submitted. Everyone else: null (a 404, so that drafts'
 * existence is not revealed).
 */
export async function contributionFor(actor: Actor, contributionId: string) {
  const contribution = await prisma.contribution.findUnique({
    where: { id: contributionId },
    include: {
      ...LIST_INCLUDE,
      authors: { include: { user: { select: { id: true, name: true, email: true } } }, orderBy: { createdAt: "asc" } },
      commission: true,
      event: { include: { translations: true } },
      comments: { include: { author: { select: { name: true } } }, orderBy: { createdAt: "asc" } },
      revisions: { include: { savedBy: { select: { name: true } } }, orderBy: { number: "desc" } },
      attachments: { orderBy: { createdAt: "asc" } },
    },
  });
  if (!contribution) return null;
  const author = contribution.authors.some((a) => a.userId === actor.id);
  const reviewer = allowed(actor, "contributions:review") && contribution.status !== "DRAFT";
  if (!author && !reviewer) return null;
  return {
    contribution,
    mayEdit: author && EDITABLE_BY_AUTHORS.includes(contribution.status),
    mayReview: reviewer,
    mayDecide: reviewer && DECIDABLE.includes(contribution.status),
    mayComment: reviewer || (author && contribution.status !== "DRAFT"),
  };
}

/**
 * The contribution form's choices in the reader's language: themes,
 * municipalities and commissions as every form offers them
 * (app/models/places.server.ts), and recent events. Only trainers and admins
 * write on behalf of a commission.
 */
export async function contributionChoicesFor(actor: Actor, locale: Locale) {
  const onBehalf = actor.roles.includes("TRAINER") || actor.roles.includes("ADMIN");
  const [themes, municipalities, commissions, events] = await Promise.all([
    themeChoices(locale),
    municipalityChoices(locale),
    onBehalf ? commissionChoices(locale) : Promise.resolve(null),
    prisma.event.findMany({
      where: { status: { in: ["PUBLISHED", "COMPLETED"] } },
      include: { translations: true },
      orderBy: { startsAt: "desc" },
      take: 100,
    }),
  ]);
  const language = locale === "sr-Cyrl" ? "sr" : locale;
  return {
    themes,
    municipalities,
    commissions,
    events: events.map((event) => {
      const text = event.translations.find((tr) => tr.locale === language) ?? event.translations[0];
      return { id: event.id, name: `${text?.title ?? event.venueName} · ${formatDate(event.startsAt, locale)}` };
    }),
  };
}

/** A contribution's fields as its edit form starts with them. */
export function contributionDefaults(contribution: {
  title: string;
  summary: string;
  body: string;
  themeId: string;
  municipalityId: string | null;
  commissionId: string | null;
  eventId: string | null;
  version: number;
  authors: { isLead: boolean; user: { email: string } }[];
}) {
  return {
    title: contribution.title,
    summary: contribution.summary,
    body: contribution.body,
    themeId: contribution.themeId,
    municipalityId: contribution.municipalityId ?? "",
    commissionId: contribution.commissionId ?? "",
    eventId: contribution.eventId ?? "",
    coAuthors: contribution.authors
      .filter((a) => !a.isLead)
      .map((a) => a.user.email)
      .join(", "),
    version: contribution.version,
  };
}
