import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileTypeFromBuffer } from "file-type";
import { prisma } from "~/db.server";
import { recordAudit } from "~/models/audit.server";
import type { Refusal } from "~/models/event.server";
import type { SessionUser } from "~/utils/auth.server";
import { messageWith } from "~/utils/forms";
import { can } from "~/utils/permissions.server";

/** The largest material accepted; the upload handler stops reading past it. */
export const MATERIAL_MAX_BYTES = 20 * 1024 * 1024;
export const MATERIAL_MAX_MB = MATERIAL_MAX_BYTES / (1024 * 1024);

/**
 * What may be attached, by the type its bytes show (file-type reads the
 * magic numbers, not the name or the browser's guess): agendas, slides,
 * handouts and photos. Old binary Office files all look alike (CFB) and are
 * left out rather than trusted by name.
 */
const ACCEPTED: Record<string, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  odp: "application/vnd.oasis.opendocument.presentation",
  png: "image/png",
  jpg: "image/jpeg",
};
const SAME_EXTENSION: Record<string, string> = { jpeg: "jpg" };

export function materialsDir(): string {
  return resolve(process.env.DATA_DIR || "data", "materials");
}

export type MaterialInput = {
  title: string;
  sessionId: string | null;
  isPublic: boolean;
  fileName: string;
  bytes: Uint8Array;
};

/**
 * Stores a file for an event (or one of its sessions). The type is decided by
 * the bytes: a file named .pdf whose content is not a PDF is refused. The
 * file is written first and the row after; if the row cannot be saved the
 * file is removed again, so nothing is left half-saved.
 */
export async function saveMaterial(actorId: string, eventId: string, input: MaterialInput): Promise<{ ok: true; materialId: string } | Refusal> {
  const event = await prisma.event.findUnique({ where: { id: eventId }, include: { sessions: { select: { id: true } } } });
  if (!event) return { ok: false, field: null, message: "errors.notFound" };
  if (input.sessionId && !event.sessions.some((s) => s.id === input.sessionId)) {
    return { ok: false, field: "sessionId", message: "events.errors.unknownChoice" };
  }
  if (input.bytes.byteLength === 0) return { ok: false, field: "file", message: "events.errors.fileRequired" };
  if (input.bytes.byteLength > MATERIAL_MAX_BYTES) {
    return { ok: false, field: "file", message: messageWith("events.errors.fileTooLarge", { max: MATERIAL_MAX_MB }) };
  }
  const detected = await fileTypeFromBuffer(input.bytes);
  if (!detected || !ACCEPTED[detected.ext]) {
    const claimed = claimedExtension(input.fileName);
    // A name that promises an accepted type with other bytes inside is the likelier story to tell.
    if (claimed && ACCEPTED[claimed]) return { ok: false, field: "file", message: messageWith("events.errors.fileMismatch", { claimed }) };
    return { ok: false, field: "file", message: "events.errors.fileType" };
  }
  const claimed = claimedExtension(input.fileName);
  if (claimed && claimed !== detected.ext) {
    return { ok: false, field: "file", message: messageWith("events.errors.fileMismatch", { claimed }) };
  }
  const fileName = claimed ? input.fileName : `${input.fileName || "file"}.${detected.ext}`;
  const id = randomUUID();
  const storagePath = `${eventId}/${id}.${detected.ext}`;
  const target = join(materialsDir(), storagePath);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(`${target}.part`, input.bytes);
  await rename(`${target}.part`, target);
  try {
    const material = await prisma.$transaction(async (tx) => {
      const created = await tx.eventMaterial.create({
        data: {
          eventId,
          sessionId: input.sessionId,
          title: input.title.trim() || fileName,
          fileName,
          contentType: ACCEPTED[detected.ext],
          size: input.bytes.byteLength,
          sha256: createHash("sha256").update(input.bytes).digest("hex"),
          storagePath,
          isPublic: input.isPublic,
          uploadedById: actorId,
        },
      });
      await recordAudit(tx, {
        actorId,
        action: "material.uploaded",
        subjectType: "EventMaterial",
        subjectId: created.id,
        details: { eventId, type: detected.ext, size: created.size, isPublic: created.isPublic },
      });
      return created;
    });
    return { ok: true, materialId: material.id };
  } catch (error) {
    await rm(target, { force: true });
    throw error;
  }
}

function claimedExtension(fileName: string): string | null {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(fileName.trim());
  if (!match) return null;
  const ext = match[1].toLowerCase();
  return SAME_EXTENSION[ext] ?? ext;
}

/**
 * Who may download a material: staff who manage events; people invited to
 * the event (through the directory record linked to their account); and
 * anyone, even without an account, when the trainer marked the file public
 * and the event is no longer a draft.
 */
export async function mayDownloadMaterial(
  user: SessionUser | null,
  material: { isPublic: boolean; eventId: string; event: { status: string } },
): Promise<boolean> {
  if (material.isPublic && material.event.status !== "DRAFT") return true;
  if (!user) return false;
  if (can(user, "events:manage")) return true;
  const invited = await prisma.invitation.count({ where: { eventId: material.eventId, person: { userId: user.id } } });
  return invited > 0;
}

export async function findMaterial(eventId: string, materialId: string) {
  return prisma.eventMaterial.findFirst({ where: { id: materialId, eventId }, include: { event: { select: { status: true } } } });
}

export async function readMaterialFile(material: { storagePath: string }): Promise<Buffer> {
  return readFile(join(materialsDir(), material.storagePath));
}

export async function deleteMaterial(actorId: string, eventId: string, materialId: string): Promise<{ ok: true } | Refusal> {
  const material = await prisma.eventMaterial.findFirst({ where: { id: materialId, eventId } });
  if (!material) return { ok: false, field: null, message: "errors.notFound" };
  await prisma.$transaction(async (tx) => {
    await tx.eventMaterial.delete({ where: { id: materialId } });
    await recordAudit(tx, { actorId, action: "material.deleted", subjectType: "EventMaterial", subjectId: materialId, details: { eventId } });
  });
  // After the row is gone: a failure here leaves an orphan file, never a row without its file.
  await rm(join(materialsDir(), material.storagePath), { force: true });
  return { ok: true };
}
