import { refusals } from "~/utils/refusal";
import { prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import type { CommissionRole } from "~/generated/prisma/enums";
import { recordAudit } from "~/models/audit.server";
import { composeEmail } from "~/models/email.server";
import { queueEmail } from "~/models/outbox.server";
import { personSearchText } from "~/models/person.server";
import type { SessionUser } from "~/utils/auth.server";
import { isLocale, type Locale } from "~/utils/i18n";

/** Commissions grouped by municipality, with member and pending-request counts. */
export async function listCommissions() {
  return prisma.commission.findMany({
    include: {
      municipality: { include: { cluster: true } },
      _count: { select: { members: true, joinRequests: { where: { status: "PENDING" } } } },
    },
    orderBy: [{ municipality: { nameSq: "asc" } }, { name: "asc" }],
  });
}

export async function getCommission(id: string) {
  return prisma.commission.findUnique({
    where: { id },
    include: {
      municipality: true,
      members: {
        include: { person: { select: { id: true, name: true, email: true, position: true, organisation: { select: { name: true } } } } },
        orderBy: [{ role: "asc" }, { person: { name: "asc" } }],
      },
    },
  });
}

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function createCommission(actor: SessionUser, municipalityId: string, name: string) {
  try {
    return await prisma.$transaction(async (tx) => {
      if (!(await tx.municipality.findUnique({ where: { id: municipalityId } }))) return { ok: false as const, error: "notFound" as const };
      const commission = await tx.commission.create({ data: { municipalityId, name: name.trim() } });
      await recordAudit(tx, { actorId: actor.id, action: "commission.created", subjectType: "Commission", subjectId: commission.id });
      return { ok: true as const, commission };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false as const, error: "nameTaken" as const };
    throw error;
  }
}

/** Adds a person to a commission, or changes their role if they are in it already. */
export async function setCommissionMember(actor: SessionUser, commissionId: string, personId: string, role: CommissionRole) {
  return prisma.$transaction(async (tx) => {
    const person = await tx.person.findUnique({ where: { id: personId } });
    const commission = await tx.commission.findUnique({ where: { id: commissionId } });
    if (!person || !commission || person.erasedAt) return { ok: false as const, error: "notFound" as const };
    await tx.commissionMember.upsert({
      where: { commissionId_personId: { commissionId, personId } },
      update: { role },
      create: { commissionId, personId, role },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "commission.member_set",
      subjectType: "Commission",
      subjectId: commissionId,
      details: { personId, role },
    });
    return { ok: true as const };
  });
}

export async function removeCommissionMember(actor: SessionUser, commissionId: string, personId: string) {
  return prisma.$transaction(async (tx) => {
    const removed = await tx.commissionMember.deleteMany({ where: { commissionId, personId } });
    if (removed.count === 0) return { ok: false as const, error: "notFound" as const };
    await recordAudit(tx, {
      actorId: actor.id,
      action: "commission.member_removed",
      subjectType: "Commission",
      subjectId: commissionId,
      details: { personId },
    });
    return { ok: true as const };
  });
}

// --- Join requests --------------------------------------------------------------

/** What the member's "join your commission" page shows besides the commissions (places.server.ts offers those): their requests and memberships. */
export async function joinOverview(userId: string) {
  const [requests, person] = await Promise.all([
    prisma.commissionJoinRequest.findMany({ where: { userId }, include: { commission: { include: { municipality: true } } }, orderBy: { createdAt: "desc" } }),
    prisma.person.findUnique({ where: { userId }, include: { commissions: { include: { commission: true } } } }),
  ]);
  return { requests, memberships: person?.commissions ?? [] };
}

/** How a refused new commission is said (a municipality that is gone is said like a bad form, as before: 400). */
export const CREATE_COMMISSION_REFUSALS = refusals({
  notFound: { status: 400, message: "errors.notFound" },
  nameTaken: { status: 400, message: "directory.commissions.nameTaken" },
});

/** How a refused change to a commission's members is said. */
export const MEMBER_REFUSALS = refusals({ notFound: { status: 404, message: "errors.notFound" } });

/** How a refused decision on a request to join is said: gone, or decided by someone else first. */
export const DECISION_REFUSALS = refusals({
  notFound: { status: 404, message: "directory.commissions.alreadyDecided" },
  alreadyDecided: { status: 409, message: "directory.commissions.alreadyDecided" },
});

export type JoinError = "notFound" | "alreadyPending" | "alreadyMember";

/** How a refused request to join is said, beside the commission select (a commission that is gone is a choice no longer offered). */
export const JOIN_REFUSALS = refusals<JoinError>({
  notFound: { status: 400, message: "validation.invalidChoice", field: "commissionId" },
  alreadyPending: { status: 400, message: "directory.commissions.join.alreadyPending", field: "commissionId" },
  alreadyMember: { status: 400, message: "directory.commissions.join.alreadyMember", field: "commissionId" },
});

/** A registered member asks to join a commission; one open request per commission. */
export async function requestToJoin(user: SessionUser, commissionId: string) {
  return prisma.$transaction(async (tx) => {
    const commission = await tx.commission.findUnique({ where: { id: commissionId } });
    if (!commission) return { ok: false as const, error: "notFound" as const };
    const member = await tx.commissionMember.findFirst({ where: { commissionId, person: { userId: user.id } } });
    if (member) return { ok: false as const, error: "alreadyMember" as const };
    const pending = await tx.commissionJoinRequest.findFirst({ where: { commissionId, userId: user.id, status: "PENDING" } });
    if (pending) return { ok: false as const, error: "alreadyPending" as const };
    const request = await tx.commissionJoinRequest.create({ data: { commissionId, userId: user.id } });
    await recordAudit(tx, { actorId: user.id, action: "commission.join_requested", subjectType: "Commission", subjectId: commissionId });
    return { ok: true as const, request };
  });
}

export function listPendingJoinRequests() {
  return prisma.commissionJoinRequest.findMany({
    where: { status: "PENDING" },
    include: { user: { select: { name: true, email: true } }, commission: { include: { municipality: true } } },
    orderBy: { createdAt: "asc" },
  });
}

/**
 * A trainer or admin approves or declines a request. On approval the member's
 * directory record (created if missing, or an existing record with their
 * email linked to the account) joins the commission. The member is told by
 * email, in their language, in the same transaction.
 */
export async function decideJoinRequest(
  actor: SessionUser,
  requestId: string,
  decision: { approve: boolean; reason?: string | null },
  appUrl: string,
) {
  return prisma.$transaction(async (tx) => {
    const request = await tx.commissionJoinRequest.findUnique({
      where: { id: requestId },
      include: { user: true, commission: { include: { municipality: true } } },
    });
    if (!request) return { ok: false as const, error: "notFound" as const };
    // Conditional on still pending: two trainers deciding at once cannot both win.
    const claimed = await tx.commissionJoinRequest.updateMany({
      where: { id: requestId, status: "PENDING" },
      data: {
        status: decision.approve ? "APPROVED" : "DECLINED",
        decidedById: actor.id,
        decidedAt: new Date(),
        reason: decision.reason?.trim() || null,
      },
    });
    if (claimed.count !== 1) return { ok: false as const, error: "alreadyDecided" as const };
    const { user, commission } = request;
    if (decision.approve) {
      let person = await tx.person.findUnique({ where: { userId: user.id } });
      person ??= await tx.person.findFirst({ where: { email: user.email, userId: null, erasedAt: null } });
      if (person && !person.userId) person = await tx.person.update({ where: { id: person.id }, data: { userId: user.id } });
      if (!person) {
        const locale = user.locale === "sr-Cyrl" ? "sr" : user.locale;
        person = await tx.person.create({
          data: {
            name: user.name,
            email: user.email,
            userId: user.id,
            locale,
            municipalityId: commission.municipalityId,
            createdById: actor.id,
            searchText: personSearchText({ name: user.name, email: user.email, municipality: commission.municipality }),
          },
        });
      }
      await tx.commissionMember.upsert({
        where: { commissionId_personId: { commissionId: commission.id, personId: person.id } },
        update: {},
        create: { commissionId: commission.id, personId: person.id },
      });
    }
    const locale: Locale = isLocale(user.locale) ? user.locale : "en";
    const email = await composeEmail("commission-join-decision", user.email, {
      locale,
      name: user.name,
      commission: commission.name,
      approved: decision.approve,
      reason: decision.reason?.trim() || null,
      dashboardUrl: `${appUrl}/commissions/join`,
    });
    await queueEmail(tx, email);
    await recordAudit(tx, {
      actorId: actor.id,
      action: decision.approve ? "commission.join_approved" : "commission.join_declined",
      subjectType: "Commission",
      subjectId: commission.id,
      details: { requestId, userId: user.id },
    });
    return { ok: true as const };
  });
}
