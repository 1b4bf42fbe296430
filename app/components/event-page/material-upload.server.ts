import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import { MATERIAL_MAX_BYTES, MATERIAL_MAX_MB, saveMaterial } from "~/models/event-material.server";
import { readUpload } from "~/models/uploaded-file.server";
import { MaterialUploadForm } from "~/utils/event-forms";
import { messageWith } from "~/utils/forms";
import { refuse } from "~/utils/refusal";
import { refusalReply } from "~/utils/refusal.server";

/** The upload form's answers name their form, as the event page's other forms do (event-page.server.ts). */
const UPLOAD = { intent: "upload" };
/** The file is never sent back. */
const HIDE_FILE = { hideFields: ["file"] };

/**
 * The server half of the materials upload form (materials.tsx): reads the
 * multipart body within the size limit, checks the fields, saves the file,
 * and answers as the event page's other forms do.
 */
export async function uploadMaterial(request: Request, actorId: string, eventId: string) {
  const upload = await readUpload(request, MATERIAL_MAX_BYTES);
  if (!upload.ok) {
    // Nothing of the body was read: the reply has no values to keep.
    const nothing = parseWithZod(new FormData(), { schema: MaterialUploadForm });
    if (upload.reason === "tooLarge") {
      const tooLarge = refuse("file", messageWith("events.errors.fileTooLarge", { max: MATERIAL_MAX_MB }), 413);
      return refusalReply(nothing, tooLarge, UPLOAD, { headers: { Connection: "close" } });
    }
    return refusalReply(nothing, refuse(null, "errors.badRequestTitle"), UPLOAD);
  }
  const { form } = upload;
  const submission = parseWithZod(form, { schema: MaterialUploadForm });
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return refusalReply(submission, refuse("file", "events.errors.fileRequired"), UPLOAD, HIDE_FILE);
  if (submission.status !== "success") {
    // The title and the session have a place on the form; anything else is a request the page did not send.
    const shown = Object.keys(submission.error ?? {}).every((name) => name === "title" || name === "sessionId");
    const reply = submission.reply({ ...(shown ? {} : { formErrors: ["errors.badRequestTitle"] }), hideFields: ["file"] });
    return data({ ...UPLOAD, result: reply }, { status: 400 });
  }
  const result = await saveMaterial(actorId, eventId, {
    title: submission.value.title,
    sessionId: submission.value.sessionId || null,
    isPublic: submission.value.isPublic === "on",
    fileName: file.name.slice(0, 200),
    bytes: new Uint8Array(await file.arrayBuffer()),
  });
  if (!result.ok) return refusalReply(submission, { ...result, field: result.field ?? "file" }, UPLOAD, HIDE_FILE);
  return redirect(`/events/${eventId}?done=uploaded#materials`);
}
