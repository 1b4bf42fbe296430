// The three languages (and derived Serbian Cyrillic): complete, consistent,
// and chosen and formatted the way readers in Kosovo expect.
import en from "~/locales/en";
import sq from "~/locales/sq";
import sr from "~/locales/sr";
import { latinToCyrillic } from "~/locales/transliterate";
import { formatDateTime } from "~/utils/dates";
import { LOCALES, type MessageTree } from "~/utils/i18n";
import { messages } from "~/utils/i18n.server";
import { localeFromAcceptLanguage } from "~/utils/locale.server";

/** Every message as "a.b.c" → text. */
function flatten(tree: MessageTree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

// i18next plural categories each language needs (CLDR): English and Albanian
// have one/other, Serbian one/few/other.
const PLURAL_FORMS = { en: ["one", "other"], sq: ["one", "other"], sr: ["one", "few", "other"] } as const;
const PLURAL = /_(zero|one|two|few|many|other)$/;

const source = { en, sq, sr } as const;
type Source = keyof typeof source;

/** The keys a language must have, derived from English with that language's plural forms. */
function expectedKeys(lang: Source): Set<string> {
  const keys = new Set<string>();
  for (const key of flatten(en).keys()) {
    const base = key.replace(PLURAL, "");
    if (base === key) keys.add(key);
    else for (const form of PLURAL_FORMS[lang]) keys.add(`${base}_${form}`);
  }
  return keys;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]).sort();

describe("translations", () => {
  it.each(["sq", "sr"] as const)("%s has exactly the keys of en.ts (with its own plural forms)", (lang) => {
    const actual = new Set(flatten(source[lang]).keys());
    const expected = expectedKeys(lang);
    const missing = [...expected].filter((key) => !actual.has(key));
    const extra = [...actual].filter((key) => !expected.has(key));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it("English uses the plural forms English needs", () => {
    expect([...flatten(en).keys()].sort()).toEqual([...expectedKeys("en")].sort());
    // A plural needs every form its language has.
    expect(expectedKeys("sr")).toContain("admin.users.count_few");
  });

  it.each(["en", "sq", "sr"] as const)("every %s message is non-empty and has the placeholders of the English one", (lang) => {
    const english = flatten(en);
    for (const [key, text] of flatten(source[lang])) {
      expect(text.trim(), key).not.toBe("");
      // Plural forms compare with English "other" (e.g. Serbian "few").
      const reference = english.get(key) ?? english.get(key.replace(PLURAL, "_other"));
      expect(reference, `${key} has no English counterpart`).toBeDefined();
      expect(placeholders(text), `placeholders of ${lang}:${key}`).toEqual(placeholders(reference!));
    }
  });

  it("every locale offered has a full set of messages", () => {
    const keys = [...flatten(messages.sr).keys()].sort();
    for (const locale of LOCALES) expect(flatten(messages[locale]).size, locale).toBeGreaterThan(0);
    expect([...flatten(messages["sr-Cyrl"]).keys()].sort()).toEqual(keys);
  });
});

describe("Serbian Cyrillic", () => {
  const cyrillic = flatten(messages["sr-Cyrl"]);

  it("has no Latin letters except in protected words and placeholders", () => {
    const PROTECTED = /\{\{[^}]*\}\}|\b(?:Durable|SMTP|HTML|CSV|XLSX|PDF|QR|ICS|iCal)\b/g;
    for (const [key, text] of cyrillic) {
      expect(text.replace(PROTECTED, ""), key).not.toMatch(/\p{Script=Latin}/u);
    }
  });

  it("is the transliteration of the Latin messages, with placeholders and names intact", () => {
    expect(cyrillic.get("nav.users")).toBe("Корисници");
    expect(cyrillic.get("auth.password")).toBe("Лозинка");
    expect(cyrillic.get("dashboard.welcome")).toBe("Добро дошли, {{name}}");
    expect(cyrillic.get("admin.users.count_few")).toBe("{{count}} корисника");
    expect(cyrillic.get("app.name")).toBe("Durable");
    expect(cyrillic.get("mailbox.intro")).toContain("SMTP");
    expect(cyrillic.get("emails.verify.preview")).toContain("Durable");
  });

  it("turns the digraphs lj, nj, dž into single letters", () => {
    expect(latinToCyrillic("Njegoš, Ljubljana, Džaković, đak")).toBe("Његош, Љубљана, Џаковић, ђак");
    expect(latinToCyrillic("LJUBAV i NJIVA")).toBe("ЉУБАВ и ЊИВА");
    expect(latinToCyrillic("Pišite na info@durable.example ili https://durable.example/pomoc")).toBe(
      "Пишите на info@durable.example или https://durable.example/pomoc",
    );
  });
});

describe("choosing a language from the browser's Accept-Language", () => {
  it.each([
    ["sq-AL,sq;q=0.9,en;q=0.8", "sq"],
    ["de-DE,sr-Cyrl;q=0.5", "sr-Cyrl"],
    ["sr-Latn-RS", "sr"],
    ["en-US,en;q=0.9", "en"],
    ["de-DE,fr;q=0.8,sq;q=0.1", "sq"],
    ["en;q=0.2,sr;q=0.8", "sr"],
    ["sq;q=0,en", "en"],
    ["de", null],
    ["sr;q=0", null],
    ["*", null],
    ["", null],
  ])("%j → %s", (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });

  it("returns null without a header", () => {
    expect(localeFromAcceptLanguage(null)).toBeNull();
  });
});

describe("dates and times in Kosovo's time zone", () => {
  it("shows 10:00 on the morning after the change to summer time, in every language", () => {
    const afterChange = "2026-03-29T08:00:00Z";
    for (const locale of LOCALES) expect(formatDateTime(afterChange, locale), locale).toContain("10:00");
    expect(formatDateTime(afterChange, "sr-Cyrl")).toContain("март");
    expect(formatDateTime(afterChange, "sr")).toContain("mart");
    expect(formatDateTime(afterChange, "en")).toContain("29 March 2026");
  });

  it("shows 09:00 the day before, still on winter time", () => {
    for (const locale of LOCALES) expect(formatDateTime("2026-03-28T08:00:00Z", locale), locale).toContain("09:00");
  });

  it("uses the 24-hour clock in every language", () => {
    for (const locale of LOCALES) {
      const evening = formatDateTime("2026-03-29T20:30:00Z", locale);
      expect(evening, locale).toContain("22:30");
      expect(evening, locale).not.toMatch(/\b(?:AM|PM|p\.d\.|m\.d\.)/i);
    }
  });
});
