import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { prisma, type PrismaClient } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { recordAudit } from "~/models/audit.server";
import { forgetEmailsTo } from "~/models/outbox.server";
import type { SessionUser } from "~/utils/auth.server";
import { removeFromMailbox } from "~/utils/mailer.server";
import { createToken, hashToken } from "~/utils/tokens.server";

/**
 * Erasing a person on request (GDPR art. 17; docs/decisions/002 and 021):
 * everything that identifies them goes; municipality, gender and community
 * stay on the anonymous row, with its invitations and attendance, so that
 * aggregate reports keep adding up. Each erasure is also written, as the
 * person's id and the time only, to a journal beside the database, so that
 * restoring a backup taken before it erases them again.
 */

/** The erasure journal: one JSON line per erasure, `{"personId","erasedAt"}`, nothing else about the person. */
export function erasureJournalPath(): string {
  return resolve(process.env.DATA_DIR || "data", "erasures.jsonl");
}

export type JournalEntry = { personId: string; erasedAt: string };

function journalErasure(entry: JournalEntry, file = erasureJournalPath()) {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const fd = openSync(file, "a", 0o600);
  try {
    appendFileSync(fd, `${JSON.stringify(entry)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The journal's entries, oldest first; a line cut short by a crash is skipped. */
export function readErasureJournal(file = erasureJournalPath()): JournalEntry[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .flatMap((line) => {
      try {
        const entry = JSON.parse(line) as Partial<JournalEntry>;
        return typeof entry.personId === "string" && typeof entry.erasedAt === "string" ? [{ personId: entry.personId, erasedAt: entry.erasedAt }] : [];
      } catch {
        return [];
      }
    });
}

/** What erasing takes, inside the caller's transaction. Returns the ids of the emails to them, to take out of the local mailbox, or null when there is nobody (left) to erase. */
async function eraseWithin(tx: Prisma.TransactionClient, id: string, actorId: string | null, at: Date, action: string) {
  const person = await tx.person.findUnique({ where: { id } });
  if (!person || person.erasedAt) return null;
  // The emails sent to them (and those waiting to go) keep neither their address nor their text.
  const emails = person.email ? await forgetEmailsTo(tx, person.email) : [];
  // Subscriptions are kept by address (lower case): theirs go too.
  if (person.email) await tx.guidelineSubscription.deleteMany({ where: { email: person.email.trim().toLowerCase() } });
  await tx.person.update({
    where: { id },
    data: {
      name: "",
      email: null,
      phone: null,
      position: null,
      consentText: null,
      consentGivenAt: null,
      userId: null,
      organisationId: null,
      searchText: "",
      erasedAt: at,
    },
  });
  // Their personal links stop working, and their invitations keep no word about their needs.
  await tx.invitationLink.deleteMany({ where: { invitation: { personId: id } } });
  await tx.invitation.updateMany({ where: { personId: id }, data: { accessibilityNeeds: null, interpretation: null, needsTransport: false } });
  // A feedback link dies with a hash nobody holds the token of; the row stays, so that nobody is asked twice.
  for (const request of await tx.feedbackRequest.findMany({ where: { personId: id }, select: { id: true } })) {
    await tx.feedbackRequest.update({ where: { id: request.id }, data: { tokenHash: hashToken(createToken()) } });
  }
  // A membership list names its members; an erased person is no longer one of them.
  const memberships = await tx.commissionMember.deleteMany({ where: { personId: id } });
  await recordAudit(tx, {
    actorId,
    action,
    subjectType: "Person",
    subjectId: id,
    details: { commissionMembershipsRemoved: memberships.count, emailsForgotten: emails.length },
  });
  return emails;
}

/** Erases a person, at a trainer's or admin's request. */
export async function erasePerson(actor: SessionUser, id: string) {
  const at = new Date();
  const outcome = await prisma.$transaction(async (tx) => {
    const person = await tx.person.findUnique({ where: { id }, select: { erasedAt: true } });
    if (!person) return { ok: false as const, error: "notFound" as const };
    if (person.erasedAt) return { ok: false as const, error: "erased" as const };
    const emails = await eraseWithin(tx, id, actor.id, at, "person.erased");
    return { ok: true as const, emails: emails ?? [] };
  });
  if (!outcome.ok) return outcome;
  // Written once the erasure is committed: the journal never names someone who was not erased.
  journalErasure({ personId: id, erasedAt: at.toISOString() });
  removeFromMailbox(outcome.emails);
  return { ok: true as const };
}

/**
 * Erases again, in a database just restored from a backup, everyone the
 * journal says was erased and the backup still holds. Run by the restore
 * before the app starts on the restored database; recorded in its audit log
 * as `person.erasure_reapplied` with no actor.
 */
export async function reapplyErasures(db: PrismaClient, journal = readErasureJournal()): Promise<{ reapplied: string[] }> {
  const reapplied: string[] = [];
  for (const { personId, erasedAt } of journal) {
    const emails = await db.$transaction((tx) => eraseWithin(tx, personId, null, new Date(erasedAt), "person.erasure_reapplied"));
    if (!emails) continue;
    reapplied.push(personId);
    removeFromMailbox(emails);
  }
  return { reapplied };
}
