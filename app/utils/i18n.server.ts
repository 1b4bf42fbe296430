import { createHash } from "node:crypto";
import type { TFunction } from "i18next";
import en from "../locales/en";
import sq from "../locales/sq";
import sr from "../locales/sr";
import { latinToCyrillic } from "../locales/transliterate";
import { createI18n, isLocale, LOCALES, provideMessages, type Locale, type MessageTree } from "./i18n";

// Every language's messages, on the server only: pages, emails, calendar
// texts and PDFs are written here in any language. The browser gets the
// page's language alone, as a file (messagesFile) that app/routes/locales.$file.ts serves.

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

// The pages' provider (root.tsx) renders with any of them on the server.
for (const locale of LOCALES) provideMessages(locale, messages[locale]);

const fixed = new Map<Locale, TFunction>();
/** A translate function for one locale, for emails, calendar texts and other server work. */
export function translator(locale: Locale): TFunction {
  let t = fixed.get(locale);
  if (!t) {
    t = createI18n(locale, messages[locale]).t;
    fixed.set(locale, t);
  }
  return t;
}

type MessagesFile = { name: string; body: string };
const files = new Map<Locale, MessagesFile>();

/**
 * A language's messages as the browser gets them: JSON, named by language and
 * content (`sq.0123456789ab.json`), so that a browser may keep it for good and
 * a changed text gets a new name.
 */
export function messagesFile(locale: Locale): MessagesFile {
  let file = files.get(locale);
  if (!file) {
    const body = JSON.stringify(messages[locale]);
    const hash = createHash("sha256").update(body).digest("hex").slice(0, 12);
    file = { name: `${locale}.${hash}.json`, body };
    files.set(locale, file);
  }
  return file;
}

/** The address of a language's messages file. */
export function messagesUrl(locale: Locale): string {
  return `/locales/${messagesFile(locale).name}`;
}

/** The language of a messages file name (`sq.<hash>.json`), current or not; null for anything else. */
export function localeOfMessagesFile(name: string): Locale | null {
  const match = /^([a-zA-Z-]+)\.[0-9a-f]{12}\.json$/.exec(name);
  return match && isLocale(match[1]) ? match[1] : null;
}
