import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import { uploadMaterial } from "~/components/event-page/material-upload.server";
import { deleteMaterial } from "~/models/event-material.server";
import { cancelEvent, moveEvent, publishEvent } from "~/models/event.server";
import { EventAction, type EventPageAction } from "~/utils/event-forms";
import type { Refusal } from "~/utils/refusal";
import { refusalReply } from "~/utils/refusal.server";
import { readForm } from "~/utils/request.server";

/** Where the page goes after each form, saying what was done. */
const DONE: Record<EventPageAction["intent"], string> = {
  publish: "?done=published",
  move: "?done=moved",
  cancel: "?done=cancelled",
  deleteMaterial: "?done=materialDeleted#materials",
};

/**
 * One of the event page's forms (event-actions.tsx, materials.tsx): the
 * material upload (multipart), or publish, move, cancel, delete a material.
 * A refused form gets its reply with its intent, so that only that form
 * shows what was typed; a request the page did not send is said above it.
 */
export async function actOnEvent(request: Request, actorId: string, eventId: string) {
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return uploadMaterial(request, actorId, eventId);
  const submission = parseWithZod(await readForm(request), { schema: EventAction });
  if (submission.status !== "success") {
    return data({ intent: "", result: submission.reply({ formErrors: ["errors.badRequestTitle"] }) }, { status: 400 });
  }
  const input = submission.value;
  const result = await act(actorId, eventId, input);
  if (!result.ok) return refusalReply(submission, result, { intent: input.intent });
  return redirect(`/events/${eventId}${DONE[input.intent]}`);
}

function act(actorId: string, eventId: string, input: EventPageAction): Promise<{ ok: true } | Refusal> {
  switch (input.intent) {
    case "publish":
      return publishEvent(actorId, eventId);
    case "move":
      return moveEvent(actorId, eventId, {
        start: { date: input.startDate, time: input.startTime },
        end: { date: input.endDate, time: input.endTime },
        reason: input.reason,
      });
    case "cancel":
      return cancelEvent(actorId, eventId, input.reason);
    case "deleteMaterial":
      return deleteMaterial(actorId, eventId, input.materialId);
  }
}
