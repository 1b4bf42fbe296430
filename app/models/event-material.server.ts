import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { recordAudit } from "~/models/audit.server";
import { checkFile, readStoredFile, removeStoredFile, storeFile, type FileKind } from "~/models/uploaded-file.server";
import type { SessionUser } from "~/utils/auth.server";
import { messageWith } from "~/utils/forms";
import { can } from "~/utils/permissions.server";
import { notFoundRefusal, refuse, type Refusal } from "~/utils/refusal";

/** The largest material accepted; the upload handler stops reading past it. */
export const MATERIAL_MAX_BYTES = 20 * 1024 * 1024;
export const MATERIAL_MAX_MB = MATERIAL_MAX_BYTES / (1024 * 1024);

/**
 * What may be attached, by the type its bytes show: agendas, slides,
 * handouts and photos. Old binary Office files all look alike (CFB) and are
 * left out rather than trusted by name.
 */
const ACCEPTED: readonly FileKind[] = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "png", "jpg"];
/** Under $DATA_DIR. */
const FOLDER = "materials";

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
  if (!event) return notFoundRefusal();
  if (input.sessionId && !event.sessions.some((s) => s.id === input.sessionId)) return refuse("sessionId", "events.errors.unknownChoice");
  const checked = await checkFile(input, { accepted: ACCEPTED, maxBytes: MATERIAL_MAX_BYTES });
  if (!checked.ok) {
    const message = {
      empty: "events.errors.fileRequired",
      tooLarge: messageWith("events.errors.fileTooLarge", { max: MATERIAL_MAX_MB }),
      type: "events.errors.fileType",
      mismatch: checked.reason === "mismatch" ? messageWith("events.errors.fileMismatch", { claimed: checked.claimed }) : "",
    }[checked.reason];
    return refuse("file", message, checked.reason === "tooLarge" ? 413 : 400);
  }
  const material = await storeFile(FOLDER, eventId, checked.ext, input.bytes, (storagePath) =>
    prisma.$transaction(async (tx) => {
      const created = await tx.eventMaterial.create({
        data: {
          eventId,
          sessionId: input.sessionId,
          title: input.title.trim() || checked.fileName,
          fileName: checked.fileName,
          contentType: checked.contentType,
          size: input.bytes.byteLength,
          sha256: checked.sha256,
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
        details: { eventId, type: checked.ext, size: created.size, isPublic: created.isPublic },
      });
      return created;
    }),
  );
  return { ok: true, materialId: material.id };
}

/** A material anyone may download, even without an account: marked public by a trainer, of an event no longer a draft. */
const OPEN_TO_ALL = { isPublic: true, event: { status: { not: "DRAFT" } } } satisfies Prisma.EventMaterialWhereInput;

function isOpenToAll(material: { isPublic: boolean; event: { status: string } }): boolean {
  return material.isPublic && material.event.status !== "DRAFT";
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
  return (await mayDownloadMaterials(user, material.eventId, material.event, [material]))[0];
}

/**
 * The same rule for every material of one event, in their order (the event
 * page lists them all): whether the reader was invited is asked once, and
 * only when a material needs it.
 */
export async function mayDownloadMaterials(
  user: SessionUser | null,
  eventId: string,
  event: { status: string },
  materials: Array<{ isPublic: boolean }>,
): Promise<boolean[]> {
  const openToAll = (m: { isPublic: boolean }) => isOpenToAll({ isPublic: m.isPublic, event });
  if (materials.every(openToAll) || !user) return materials.map(openToAll);
  if (can(user, "events:manage")) return materials.map(() => true);
  // A draft is nobody's to see yet; being on an event's list is not being invited: only an invitation sent and not withdrawn counts.
  if (event.status === "DRAFT") return materials.map(() => false);
  const invited = await prisma.invitation.count({
    where: { eventId, person: { userId: user.id }, sentAt: { not: null }, status: { not: "CANCELLED" } },
  });
  return materials.map((m) => openToAll(m) || invited > 0);
}

/** The event's materials open to anyone (what a personal link offers), in the order they were added. */
export function openMaterialsOfEvent(eventId: string) {
  return prisma.eventMaterial.findMany({
    where: { eventId, ...OPEN_TO_ALL },
    select: { id: true, title: true, fileName: true, size: true },
    orderBy: { createdAt: "asc" },
  });
}

/** One of the event's materials open to anyone, or null (unknown, another event's, private, or the event a draft). */
export function openMaterialOfEvent(eventId: string, materialId: string) {
  return prisma.eventMaterial.findFirst({ where: { id: materialId, eventId, ...OPEN_TO_ALL } });
}

export async function findMaterial(eventId: string, materialId: string) {
  return prisma.eventMaterial.findFirst({ where: { id: materialId, eventId }, include: { event: { select: { status: true } } } });
}

export async function readMaterialFile(material: { storagePath: string }): Promise<Buffer> {
  return readStoredFile(FOLDER, material.storagePath);
}

export async function deleteMaterial(actorId: string, eventId: string, materialId: string): Promise<{ ok: true } | Refusal> {
  const material = await prisma.eventMaterial.findFirst({ where: { id: materialId, eventId } });
  if (!material) return notFoundRefusal();
  await prisma.$transaction(async (tx) => {
    await tx.eventMaterial.delete({ where: { id: materialId } });
    await recordAudit(tx, { actorId, action: "material.deleted", subjectType: "EventMaterial", subjectId: materialId, details: { eventId } });
  });
  await removeStoredFile(FOLDER, material.storagePath);
  return { ok: true };
}
