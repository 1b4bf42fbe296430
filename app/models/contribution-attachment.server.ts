import { prisma } from "~/db.server";
import { recordAudit } from "~/models/audit.server";
import { EDITABLE_BY_AUTHORS } from "~/models/contribution.server";
import { checkFile, readStoredFile, removeStoredFile, storeFile, type FileKind } from "~/models/uploaded-file.server";
import type { SessionUser } from "~/utils/auth.server";
import { messageWith } from "~/utils/forms";
import { can } from "~/utils/permissions.server";
import { notFoundRefusal, refuse, type Refusal } from "~/utils/refusal";

/**
 * Files that go with a contribution (a signed protocol, a photo, a form that
 * worked). Authors add and remove them while the text is theirs to change;
 * once submitted they stay as the editors saw them.
 */

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_MAX_MB = ATTACHMENT_MAX_BYTES / (1024 * 1024);
export const ATTACHMENTS_PER_CONTRIBUTION = 10;
/** By the type their bytes show. Old binary Office files all look alike (CFB) and are not trusted by name. */
const ACCEPTED: readonly FileKind[] = ["pdf", "png", "jpg", "gif", "webp", "docx", "xlsx", "pptx", "txt"];
/** Under $DATA_DIR. */
const FOLDER = "contributions";

type Actor = { id: string; roles: readonly string[] };

async function editableByAuthor(actor: Actor, contributionId: string): Promise<Refusal | null> {
  const contribution = await prisma.contribution.findUnique({
    where: { id: contributionId },
    select: { status: true, authors: { where: { userId: actor.id }, select: { userId: true } } },
  });
  if (!contribution || contribution.authors.length === 0) return notFoundRefusal();
  if (!EDITABLE_BY_AUTHORS.includes(contribution.status)) return refuse(null, "guidelines.contribution.notEditable", 409);
  return null;
}

/** Stores a file with a contribution: only by its authors, only while they may still change it, typed by its bytes. */
export async function attachFile(
  actor: Actor,
  contributionId: string,
  input: { fileName: string; bytes: Uint8Array },
): Promise<{ ok: true; attachmentId: string } | Refusal> {
  const refused = await editableByAuthor(actor, contributionId);
  if (refused) return refused;
  if ((await prisma.contributionAttachment.count({ where: { contributionId } })) >= ATTACHMENTS_PER_CONTRIBUTION) {
    return refuse("file", messageWith("guidelines.attachments.tooMany", { count: ATTACHMENTS_PER_CONTRIBUTION }));
  }
  const checked = await checkFile(input, { accepted: ACCEPTED, maxBytes: ATTACHMENT_MAX_BYTES });
  if (!checked.ok) {
    if (checked.reason === "tooLarge") return refuse("file", messageWith("guidelines.attachments.fileTooLarge", { max: ATTACHMENT_MAX_MB }), 413);
    const message = {
      empty: "guidelines.attachments.fileRequired",
      type: "guidelines.attachments.fileType",
      mismatch: checked.reason === "mismatch" ? messageWith("guidelines.attachments.fileMismatch", { claimed: checked.claimed }) : "",
    }[checked.reason];
    return refuse("file", message);
  }
  const attachment = await storeFile(FOLDER, contributionId, checked.ext, input.bytes, (storagePath) =>
    prisma.$transaction(async (tx) => {
      const created = await tx.contributionAttachment.create({
        data: {
          contributionId,
          fileName: checked.fileName.slice(0, 200),
          contentType: checked.contentType,
          size: input.bytes.byteLength,
          sha256: checked.sha256,
          storagePath,
          uploadedById: actor.id,
        },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "contribution.attachment_added",
        subjectType: "Contribution",
        subjectId: contributionId,
        details: { attachmentId: created.id, type: checked.ext, size: created.size },
      });
      return created;
    }),
  );
  return { ok: true, attachmentId: attachment.id };
}

export async function removeAttachment(actor: Actor, contributionId: string, attachmentId: string): Promise<{ ok: true } | Refusal> {
  const refused = await editableByAuthor(actor, contributionId);
  if (refused) return refused;
  const attachment = await prisma.contributionAttachment.findFirst({ where: { id: attachmentId, contributionId } });
  if (!attachment) return notFoundRefusal();
  await prisma.$transaction(async (tx) => {
    await tx.contributionAttachment.delete({ where: { id: attachmentId } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "contribution.attachment_removed",
      subjectType: "Contribution",
      subjectId: contributionId,
      details: { attachmentId, fileName: attachment.fileName },
    });
  });
  await removeStoredFile(FOLDER, attachment.storagePath);
  return { ok: true };
}

export function findAttachment(contributionId: string, attachmentId: string) {
  return prisma.contributionAttachment.findFirst({
    where: { id: attachmentId, contributionId },
    include: { contribution: { select: { status: true } } },
  });
}

/**
 * Who may download an attachment: its contribution's authors; editors and
 * admins once it was submitted (a draft is its authors' alone, as its text
 * is); and anyone, without an account, once the contribution is accepted and
 * a published guideline version credits it (published versions are public).
 */
export async function mayDownloadAttachment(
  user: SessionUser | null,
  attachment: { contributionId: string; contribution: { status: string } },
): Promise<boolean> {
  const { contributionId, contribution } = attachment;
  if (contribution.status === "ACCEPTED" && (await prisma.guidelineVersionCredit.count({ where: { contributionId } })) > 0) return true;
  if (!user) return false;
  if (can(user, "contributions:review") && contribution.status !== "DRAFT") return true;
  return (await prisma.contributionAuthor.count({ where: { contributionId, userId: user.id } })) > 0;
}

/** Whether the file is for anyone (so caches may keep it). */
export async function isPublicAttachment(attachment: { contributionId: string; contribution: { status: string } }): Promise<boolean> {
  return mayDownloadAttachment(null, attachment);
}

export function readAttachmentFile(attachment: { storagePath: string }): Promise<Buffer> {
  return readStoredFile(FOLDER, attachment.storagePath);
}
