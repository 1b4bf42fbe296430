import { latinToCyrillic } from "../locales/transliterate";
import type { Locale } from "./i18n";

/**
 * The one rule for showing text that people wrote (titles, contributions,
 * guideline sections, changelogs, names) to a reader: only text known to be
 * Serbian is transliterated for a Serbian Cyrillic reader. Text in English or
 * Albanian, and text whose language nobody recorded (names of people and
 * organisations, venues), is shown as it was entered, and marked with its
 * language so that browsers, screen readers and translators treat it right.
 * Transliterating it would make gibberish ("One-stop desk" -> "Оне-стоп деск").
 */

/** The languages content is written in; null when it is not known. */
export type ContentLanguage = "en" | "sq" | "sr" | null;

/** A text as a reader sees it, with the BCP 47 tag of what it is ("" when unknown, as HTML's lang="" means). */
export type ShownText = { text: string; lang: string };

export function contentLanguage(value: string | null | undefined): ContentLanguage {
  return value === "en" || value === "sq" || value === "sr" ? value : null;
}

/** True when text in `language` is transliterated for a reader of `locale`. */
export function transliterates(language: ContentLanguage, locale: Locale): boolean {
  return locale === "sr-Cyrl" && language === "sr";
}

/** The lang attribute of text in `language` as shown to a reader of `locale`. */
export function langTag(language: ContentLanguage, locale: Locale): string {
  if (language === "sr") return transliterates(language, locale) ? "sr-Cyrl" : "sr-Latn";
  return language ?? "";
}

/** `text`, written in `language`, as a reader of `locale` sees it. */
export function shownText(text: string, language: ContentLanguage, locale: Locale): ShownText {
  return { text: transliterates(language, locale) ? latinToCyrillic(text) : text, lang: langTag(language, locale) };
}

/** Just the text of `shownText`, for emails, calendar texts and PDFs, which carry no lang attribute per phrase. */
export function inReaderScript(text: string, language: ContentLanguage, locale: Locale): string {
  return shownText(text, language, locale).text;
}
