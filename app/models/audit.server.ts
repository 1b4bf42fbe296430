import type { Prisma } from "~/generated/prisma/client";

type Db = Pick<Prisma.TransactionClient, "auditLog">;

export type AuditEntry = {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  /** What changed. Never passwords, tokens, or sensitive personal data. */
  details?: Record<string, unknown>;
};

/** Records an action in the audit log; pass the transaction that makes the change. */
export function recordAudit(db: Db, entry: AuditEntry) {
  return db.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    },
  });
}
