import { z } from "zod";
import type { Locale } from "./i18n";
import { latinToCyrillic } from "../locales/transliterate";

// Event constants and texts shared by server and browser (forms validate with them on both sides).

export const EVENT_TYPES = [
  "WORKSHOP",
  "ROUND_TABLE",
  "CONFERENCE",
  "RETURN_MEETING",
  "PUBLIC_PRESENTATION",
  "TRAINING",
  "GO_AND_SEE_VISIT",
] as const;
export type EventTypeName = (typeof EVENT_TYPES)[number];
export const EVENT_STATUSES = ["DRAFT", "PUBLISHED", "CANCELLED", "COMPLETED"] as const;
export type EventStatusName = (typeof EVENT_STATUSES)[number];

/** The languages an event's title and description can be written in. */
export const EVENT_LANGUAGES = ["en", "sq", "sr"] as const;
export type EventLanguage = (typeof EVENT_LANGUAGES)[number];

type Translation = { locale: string; title: string; description: string };

/**
 * An event's text in the reader's language, else the first that exists in
 * the order English, Albanian, Serbian. Cyrillic readers get the Serbian text
 * transliterated. `locale` says which language the text really is in, so a
 * page can say it is showing another one.
 */
export function eventText(translations: Translation[], locale: Locale): { title: string; description: string; locale: EventLanguage } {
  const wanted: EventLanguage = locale === "sr-Cyrl" ? "sr" : locale;
  const order = [wanted, ...EVENT_LANGUAGES.filter((l) => l !== wanted)];
  for (const language of order) {
    const found = translations.find((t) => t.locale === language && t.title.trim());
    if (found) {
      const cyrillic = locale === "sr-Cyrl" && language === "sr";
      return {
        title: cyrillic ? latinToCyrillic(found.title) : found.title,
        description: cyrillic ? latinToCyrillic(found.description) : found.description,
        locale: language,
      };
    }
  }
  return { title: "", description: "", locale: wanted };
}

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
