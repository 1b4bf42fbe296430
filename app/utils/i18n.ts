import i18next, { type i18n as I18n } from "i18next";

// The languages and the i18next instances that speak them. This module holds
// no messages: the server has every language's (app/utils/i18n.server.ts,
// which hands them to `provideMessages` when it loads); the browser fetches
// the page's language only, from the file the root route names
// (app/routes/locales.$file.ts), before it hydrates the page.

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

/** A ready i18next instance for one locale and its messages (synchronous: the messages are at hand). */
export function createI18n(locale: Locale, messages: MessageTree): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    // Every language has every key (test/i18n.test.ts), so nothing falls back to another language.
    fallbackLng: false,
    supportedLngs: [...LOCALES],
    resources: { [locale]: { translation: messages } },
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

const provided = new Map<Locale, MessageTree>();
const instances = new Map<Locale, I18n>();

/** Makes a language's messages available to `i18nFor`. */
export function provideMessages(locale: Locale, messages: MessageTree) {
  provided.set(locale, messages);
  instances.delete(locale);
}

/** Whether `i18nFor(locale)` can answer (on the server always; in the browser once the language's file is in). */
export function hasMessages(locale: Locale): boolean {
  return provided.has(locale);
}

/** `locale` if its messages are at hand, else a language whose are (the browser has the page's language at least). */
export function loadedLocale(locale: Locale): Locale {
  return provided.has(locale) ? locale : (provided.keys().next().value ?? locale);
}

/** One shared instance per locale, for the page's provider: switching language is switching instance. */
export function i18nFor(locale: Locale): I18n {
  let instance = instances.get(locale);
  if (!instance) {
    const messages = provided.get(locale);
    if (!messages) throw new Error(`The messages of "${locale}" are not loaded`);
    instance = createI18n(locale, messages);
    instances.set(locale, instance);
  }
  return instance;
}

const loading = new Map<string, Promise<boolean>>();
const failed = new Set<string>();

/**
 * Fetches a language's messages from `url` (the root route's `messages`) and
 * provides them; resolves to whether they came. Asked again, it fetches no
 * more: a file that failed to come is not asked for a second time.
 */
export function loadMessages(locale: Locale, url: string): Promise<boolean> {
  if (hasMessages(locale)) return Promise.resolve(true);
  let pending = loading.get(url);
  if (!pending) {
    pending = fetch(url)
      .then((response) => (response.ok ? (response.json() as Promise<MessageTree>) : Promise.reject(new Error(`${url}: ${response.status}`))))
      .then((messages) => {
        provideMessages(locale, messages);
        return true;
      })
      .catch((error: unknown) => {
        console.error("The page's messages could not be loaded", error);
        failed.add(url);
        return false;
      });
    loading.set(url, pending);
  }
  return pending;
}

/** Whether the messages at `url` were asked for and did not come. */
export function messagesFailed(url: string): boolean {
  return failed.has(url);
}
