import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { fileTypeFromBuffer } from "file-type";
import { BodyTooLargeError, withBodyLimit } from "~/utils/request.server";

/**
 * Files people upload (event materials, contribution attachments): read from
 * the request with a size limit, typed by their bytes, stored under
 * $DATA_DIR. Each kind of file says which types it accepts and how large a
 * file may be; the checks themselves live here once.
 */

/** Every type some upload accepts, by the extension file-type reports for it. */
export const CONTENT_TYPES = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  odp: "application/vnd.oasis.opendocument.presentation",
  png: "image/png",
  jpg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  txt: "text/plain; charset=utf-8",
} as const;
export type FileKind = keyof typeof CONTENT_TYPES;

const SAME_EXTENSION: Record<string, string> = { jpeg: "jpg", text: "txt" };

export type FileCheck =
  | { ok: true; ext: FileKind; contentType: string; fileName: string; sha256: string }
  | { ok: false; reason: "empty" | "tooLarge" | "type" }
  | { ok: false; reason: "mismatch"; claimed: string };

/** The extension a file name promises (".JPEG" promises jpg), if any. */
export function claimedExtension(fileName: string): string | null {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(fileName.trim());
  if (!match) return null;
  const ext = match[1].toLowerCase();
  return SAME_EXTENSION[ext] ?? ext;
}

/**
 * Plain text has no magic number: it is accepted as text only when it decodes
 * as UTF-8 and holds no NUL byte (which no text file has and binaries do).
 */
function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decides a file's type by its bytes (file-type reads the magic numbers, not
 * the name or the browser's guess). A name that promises another type than
 * the bytes show is refused: "report.pdf" holding a PNG is a mistake or a
 * trick either way.
 */
export async function checkFile(
  input: { fileName: string; bytes: Uint8Array },
  rules: { accepted: readonly FileKind[]; maxBytes: number },
): Promise<FileCheck> {
  const { bytes } = input;
  if (bytes.byteLength === 0) return { ok: false, reason: "empty" };
  if (bytes.byteLength > rules.maxBytes) return { ok: false, reason: "tooLarge" };
  const claimed = claimedExtension(input.fileName);
  const detected = await fileTypeFromBuffer(bytes);
  let ext: string | null = detected?.ext ?? null;
  if (!ext && rules.accepted.includes("txt") && (claimed === null || claimed === "txt") && isPlainText(bytes)) ext = "txt";
  if (!ext || !(rules.accepted as readonly string[]).includes(ext)) {
    // A name that promises an accepted type with other bytes inside is the likelier story to tell.
    if (claimed && (rules.accepted as readonly string[]).includes(claimed)) return { ok: false, reason: "mismatch", claimed };
    return { ok: false, reason: "type" };
  }
  if (claimed && claimed !== ext) return { ok: false, reason: "mismatch", claimed };
  const kind = ext as FileKind;
  return {
    ok: true,
    ext: kind,
    contentType: CONTENT_TYPES[kind],
    fileName: claimed ? input.fileName : `${input.fileName || "file"}.${kind}`,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
}

/** The folder under $DATA_DIR (default `data`) where one kind of upload is kept. */
export function uploadsDir(folder: string): string {
  return resolve(process.env.DATA_DIR || "data", folder);
}

/**
 * Writes a file under a new name (`<subfolder>/<uuid>.<ext>`), then lets the
 * caller save its row; if that fails the file is removed again, so nothing is
 * left half-saved. Returns what the callback returned.
 */
export async function storeFile<T>(
  folder: string,
  subfolder: string,
  ext: string,
  bytes: Uint8Array,
  saveRow: (storagePath: string) => Promise<T>,
): Promise<T> {
  const storagePath = `${subfolder}/${randomUUID()}.${ext}`;
  const target = join(uploadsDir(folder), storagePath);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(`${target}.part`, bytes);
  await rename(`${target}.part`, target);
  try {
    return await saveRow(storagePath);
  } catch (error) {
    await rm(target, { force: true });
    throw error;
  }
}

export function readStoredFile(folder: string, storagePath: string): Promise<Buffer> {
  return readFile(join(uploadsDir(folder), storagePath));
}

/** Call after the row is gone: a failure here leaves an orphan file, never a row without its file. */
export async function removeStoredFile(folder: string, storagePath: string): Promise<void> {
  await rm(join(uploadsDir(folder), storagePath), { force: true });
}

export type UploadRead = { ok: true; form: FormData } | { ok: false; reason: "tooLarge" | "unreadable" };

/** Room beside the file for the form's other fields and the multipart framing. */
const MULTIPART_ROOM = 256 * 1024;

/**
 * Reads a multipart form with one file of at most maxBytes, and at most
 * MULTIPART_ROOM besides in all (many parts just under the limit included). A declared
 * Content-Length beyond it (plus room for the other fields) is refused before
 * a byte is read; an undeclared one is cut off by the handler at the limit.
 */
export async function readUpload(request: Request, maxBytes: number): Promise<UploadRead> {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > maxBytes + MULTIPART_ROOM) return { ok: false, reason: "tooLarge" };
  try {
    const form = await unstable_parseMultipartFormData(
      withBodyLimit(request, maxBytes + MULTIPART_ROOM),
      unstable_createMemoryUploadHandler({ maxPartSize: maxBytes }),
    );
    // As for every form (readForm in app/utils/request.server.ts): no one types NUL, and PostgreSQL cannot store it.
    for (const [name, value] of form) {
      if (`${name}${typeof value === "string" ? value : value.name}`.includes("\0")) return { ok: false, reason: "unreadable" };
    }
    return { ok: true, form };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError || error instanceof BodyTooLargeError) return { ok: false, reason: "tooLarge" };
    return { ok: false, reason: "unreadable" };
  }
}

/** Download headers: always as an attachment, never sniffed, the name kept in UTF-8 for browsers that read it. */
export function downloadHeaders(file: { fileName: string; contentType: string }, size: number, isPublic: boolean): HeadersInit {
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return {
    "Content-Type": file.contentType,
    "Content-Length": String(size),
    "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": isPublic ? "public, max-age=300" : "private, no-store",
  };
}
