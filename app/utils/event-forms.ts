import { z } from "~/utils/zod";

// The forms of an event's pages (overview and agenda), checked on the server.

const formText = (max: number) => z.string().max(max).default("");

/**
 * The event page's forms, one schema per intent: publish, move (new times and
 * the reason told to invitees), cancel, delete a material. An empty field is
 * left to the model, which says what is missing beside it.
 */
export const EventPageForm = {
  publish: z.object({ intent: z.literal("publish") }),
  move: z.object({
    intent: z.literal("move"),
    startDate: formText(20),
    startTime: formText(10),
    endDate: formText(20),
    endTime: formText(10),
    reason: formText(1000),
  }),
  cancel: z.object({ intent: z.literal("cancel"), reason: formText(1000) }),
  deleteMaterial: z.object({ intent: z.literal("deleteMaterial"), materialId: z.string().min(1).max(100) }),
};

/** Any of the event page's forms, told apart by their intent. */
export const EventAction = z.discriminatedUnion("intent", [EventPageForm.publish, EventPageForm.move, EventPageForm.cancel, EventPageForm.deleteMaterial]);
export type EventPageAction = z.infer<typeof EventAction>;

/** The agenda page's forms: save a session (a new one when sessionId is empty) or delete one. */
export const SessionForm = {
  save: z.object({
    intent: z.literal("save"),
    sessionId: formText(100),
    title: formText(200),
    date: formText(20),
    start: formText(10),
    end: formText(10),
    room: formText(100),
    facilitators: formText(500),
  }),
  delete: z.object({ intent: z.literal("delete"), sessionId: z.string().min(1).max(100) }),
};

/** Any of the agenda page's forms, told apart by their intent. */
export const SessionAction = z.discriminatedUnion("intent", [SessionForm.save, SessionForm.delete]);

/** The fields sent with an event material's file (the file itself is checked by its bytes when saved). */
export const MaterialUploadForm = z.object({
  title: z.string().trim().max(200, "validation.tooLong").default(""),
  sessionId: z.string().max(100).default(""),
  isPublic: z.literal("on").optional(),
});
