import i18next, { type i18n as I18n, type TFunction } from "i18next";
import en from "../locales/en";
import sq from "../locales/sq";
import sr from "../locales/sr";
import { latinToCyrillic } from "../locales/transliterate";

/** The interface languages. Serbian Cyrillic is derived from Serbian Latin. */
export const LOCALES = ["en", "sq", "sr", "sr-Cyrl"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export type MessageTree = { [key: string]: string | MessageTree };

/** Each language's name in itself, for the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: "English",
  sq: "Shqip",
  sr: "Srpski",
  "sr-Cyrl": "Српски",
};

/** BCP 47 tags for <html lang> and Intl. */
export const LOCALE_TAGS: Record<Locale, string> = {
  en: "en-GB",
  sq: "sq",
  sr: "sr-Latn",
  "sr-Cyrl": "sr-Cyrl",
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Maps a BCP 47 tag (e.g. from <html lang>) back to one of our locales. */
export function localeFromTag(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const lower = tag.toLowerCase();
  if (lower.startsWith("sq")) return "sq";
  if (lower.startsWith("sr") || lower === "sh") return lower.includes("cyrl") ? "sr-Cyrl" : "sr";
  if (lower.startsWith("en")) return "en";
  return null;
}

function mapTree(tree: MessageTree, fn: (text: string) => string): MessageTree {
  return Object.fromEntries(
    Object.entries(tree).map(([key, value]) => [key, typeof value === "string" ? fn(value) : mapTree(value, fn)]),
  );
}

export const messages: Record<Locale, MessageTree> = {
  en,
  sq,
  sr,
  "sr-Cyrl": mapTree(sr, latinToCyrillic),
};

const resources = Object.fromEntries(LOCALES.map((locale) => [locale, { translation: messages[locale] }]));

/** A ready i18next instance for one locale (synchronous: all messages are bundled). */
export function createI18n(locale: Locale): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

const instances = new Map<Locale, I18n>();
/** One shared instance per locale, for the page's provider: switching language is switching instance. */
export function i18nFor(locale: Locale): I18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = createI18n(locale);
    instances.set(locale, instance);
  }
  return instance;
}

const fixed = new Map<Locale, TFunction>();
/** A translate function for one locale, for emails, calendar texts and other server work. */
export function translator(locale: Locale): TFunction {
  let t = fixed.get(locale);
  if (!t) {
    t = createI18n(locale).t;
    fixed.set(locale, t);
  }
  return t;
}
