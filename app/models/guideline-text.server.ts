import type { Locale } from "~/utils/i18n";
import { contentLanguage, shownText, transliterates, type ContentLanguage, type ShownText } from "~/utils/content-language";

/**
 * The languages inside a published guideline version. A version is written
 * in one language, but the contributions compiled into it keep theirs (an
 * Albanian best practice placed in a Serbian guideline stays Albanian), and
 * a translator may leave a section or a practice as it was in the source.
 * Readers, the PDF and the diff show each stretch in its own language, and
 * only Serbian is transliterated for Cyrillic readers
 * (app/utils/content-language.ts).
 */

/** A stretch of a section's Markdown in one language; the stretches of a body, in order, make it up exactly. */
export type Segment = {
  start: number;
  text: string;
  language: ContentLanguage;
  /** A placed contribution: it starts with the practice's title, its own headings go below it. */
  practice: boolean;
};

type CreditText = { sectionKey: string; title: string; contribution: { locale: string } };
type SectionText = { key: string; title: string; body: string };

/** The line compileDraft (app/models/guideline.server.ts) writes above a placed contribution. */
export const practiceHeading = (title: string) => `### ${title.replace(/\n/g, " ")}`;

function lineStartsOf(body: string, line: string): number[] {
  const found: number[] = [];
  for (let at = body.indexOf(line); at !== -1; at = body.indexOf(line, at + 1)) {
    const end = at + line.length;
    if ((at === 0 || body[at - 1] === "\n") && (end === body.length || body[end] === "\n" || body[end] === "\r")) found.push(at);
  }
  return found;
}

function cut(body: string, starts: { at: number; language: ContentLanguage; practice: boolean }[]): Segment[] {
  const sorted = [...starts].sort((a, b) => a.at - b.at);
  return sorted
    .map((s, i) => ({ start: s.at, text: body.slice(s.at, sorted[i + 1]?.at ?? body.length), language: s.language, practice: s.practice }))
    .filter((s) => s.text.length > 0);
}

/**
 * A source version's section: the editor's text in the version's language,
 * then each credited contribution from its title on, in the contribution's
 * language. A contribution's title line is looked for from the end, since
 * the contributions follow the editor's text (and their own headings are
 * below the title's level, so never mistaken for it).
 */
export function sourceSegments(body: string, credits: { title: string; language: ContentLanguage }[], language: ContentLanguage): Segment[] {
  const starts = [{ at: 0, language, practice: false }];
  const taken = new Set<number>([0]);
  for (const credit of credits) {
    const at = lineStartsOf(body, practiceHeading(credit.title))
      .filter((start) => !taken.has(start))
      .pop();
    if (at === undefined) continue;
    taken.add(at);
    starts.push({ at, language: credit.language, practice: true });
  }
  return cut(body, starts);
}

/**
 * A translation's section: the translator's text in the translation's
 * language, except where a stretch of the source in another language is
 * there word for word (left untranslated), which keeps the source's language.
 */
export function translatedSegments(body: string, source: Segment[], language: ContentLanguage): Segment[] {
  const starts = [{ at: 0, language, practice: false }];
  let cursor = 0;
  for (const segment of source) {
    const text = segment.text.trim();
    if (!text || segment.language === language) continue;
    const at = body.indexOf(text, cursor);
    if (at === -1) continue;
    starts.push({ at, language: segment.language, practice: segment.practice });
    cursor = at + text.length;
    if (cursor < body.length) starts.push({ at: cursor, language, practice: false });
  }
  // Two starts at one place: the later one (the stretch that begins there) wins.
  const byPlace = new Map(starts.map((s) => [s.at, s]));
  return cut(body, [...byPlace.values()]);
}

type VersionText = {
  locale: string;
  title: string;
  summary: string;
  changelog: string;
  sections: SectionText[];
  credits: CreditText[];
  sourceVersion?: { locale: string; sections: SectionText[] } | null;
};

const creditsOf = (credits: CreditText[], key: string) =>
  credits.filter((c) => c.sectionKey === key).map((c) => ({ title: c.title, language: contentLanguage(c.contribution.locale) }));

/** Each section of a version with its stretches in their languages, and its title's language. */
export function versionSegments(version: VersionText): { key: string; title: string; titleLanguage: ContentLanguage; segments: Segment[] }[] {
  const language = contentLanguage(version.locale);
  const source = version.sourceVersion;
  const sourceLanguage = source ? contentLanguage(source.locale) : language;
  const sourceSections = new Map(source?.sections.map((s) => [s.key, s]) ?? []);
  return version.sections.map((section) => {
    if (!source) return { key: section.key, title: section.title, titleLanguage: language, segments: sourceSegments(section.body, creditsOf(version.credits, section.key), language) };
    const original = sourceSections.get(section.key);
    const originalSegments = original ? sourceSegments(original.body, creditsOf(version.credits, section.key), sourceLanguage) : [];
    return {
      key: section.key,
      title: section.title,
      // A title the translator left as it was is still in the source's language.
      titleLanguage: original && original.title === section.title ? sourceLanguage : language,
      segments: translatedSegments(section.body, originalSegments, language),
    };
  });
}

/** A stretch of Markdown as a reader sees it: its lang attribute, and whether it is transliterated. */
export type ShownSegment = { lang: string; cyrillic: boolean; markdown: string; practice: boolean };

export function shownSegments(segments: Segment[], locale: Locale): ShownSegment[] {
  return segments
    .filter((s) => s.text.trim())
    .map((s) => ({ lang: shownText("", s.language, locale).lang, cyrillic: transliterates(s.language, locale), markdown: s.text, practice: s.practice }));
}

/** A version's texts for a reader of `locale`: each in its language, transliterated only where Serbian. */
export function shownVersion<V extends VersionText>(version: V, locale: Locale) {
  const language = contentLanguage(version.locale);
  const show = (text: string) => shownText(text, language, locale);
  return {
    lang: show("").lang,
    title: show(version.title),
    summary: show(version.summary),
    changelog: show(version.changelog),
    sections: versionSegments(version).map((section) => ({
      key: section.key,
      title: shownText(section.title, section.titleLanguage, locale),
      segments: shownSegments(section.segments, locale),
    })),
    creditTitle: (credit: CreditText): ShownText => shownText(credit.title, contentLanguage(credit.contribution.locale), locale),
  };
}
