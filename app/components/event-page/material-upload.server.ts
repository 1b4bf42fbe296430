import { data, redirect } from "@remix-run/node";
import type { EventPageAnswer } from "~/components/event-page/event-actions";
import { MATERIAL_MAX_BYTES, MATERIAL_MAX_MB, saveMaterial } from "~/models/event-material.server";
import { readUpload } from "~/models/uploaded-file.server";
import { MaterialUploadForm } from "~/utils/events";
import { formFields, messageWith } from "~/utils/forms";
import { throwIfMissing } from "~/utils/refusal.server";

/**
 * The server half of the materials upload form (materials.tsx): reads the
 * multipart body within the size limit, checks the fields, saves the file,
 * and answers as the event page's other forms do.
 */
export async function uploadMaterial(request: Request, actorId: string, eventId: string) {
  const tooLarge = (): EventPageAnswer => ({
    intent: "upload",
    ok: false,
    fieldErrors: { file: messageWith("events.errors.fileTooLarge", { max: MATERIAL_MAX_MB }) },
  });
  const upload = await readUpload(request, MATERIAL_MAX_BYTES);
  if (!upload.ok) {
    if (upload.reason === "tooLarge") return data(tooLarge(), { status: 413, headers: { Connection: "close" } });
    return data({ intent: "upload", ok: false, message: "errors.badRequestTitle" } satisfies EventPageAnswer, { status: 400 });
  }
  const { form } = upload;
  const file = form.get("file");
  const values = { title: String(form.get("title") ?? "").slice(0, 200), sessionId: String(form.get("sessionId") ?? "") };
  if (!(file instanceof File) || file.size === 0) {
    return data({ intent: "upload", ok: false, values, fieldErrors: { file: "events.errors.fileRequired" } } satisfies EventPageAnswer, { status: 400 });
  }
  const fields = MaterialUploadForm.safeParse(formFields(form));
  if (!fields.success) {
    const issue = fields.error.issues[0];
    const refused: EventPageAnswer =
      issue.path[0] === "title" || issue.path[0] === "sessionId"
        ? { intent: "upload", ok: false, values, fieldErrors: { [issue.path[0]]: issue.message } }
        : { intent: "upload", ok: false, values, message: "errors.badRequestTitle" };
    return data(refused, { status: 400 });
  }
  const result = await saveMaterial(actorId, eventId, {
    title: fields.data.title,
    sessionId: fields.data.sessionId || null,
    isPublic: fields.data.isPublic === "on",
    fileName: file.name.slice(0, 200),
    bytes: new Uint8Array(await file.arrayBuffer()),
  });
  if (!result.ok) {
    throwIfMissing(result);
    return data({ intent: "upload", ok: false, values, fieldErrors: { [result.field ?? "file"]: result.message } } satisfies EventPageAnswer, { status: result.status });
  }
  return redirect(`/events/${eventId}?done=uploaded#materials`);
}

