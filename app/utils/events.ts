import type { Locale } from "./i18n";
import { latinToCyrillic } from "../locales/transliterate";

// Event constants and texts shared by server and browser. The event pages' form schemas are in
// event-forms.ts, so that a page listing events does not load zod for them.

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
