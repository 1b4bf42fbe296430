import { diffLines, diffWordsWithSpace } from "diff";
import { prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { recordAudit } from "~/models/audit.server";
import { composeEmail } from "~/models/email.server";
import { compileDraft, isEmptyDraft, WORKING_COPY_INCLUDE, type CompiledDraft } from "~/models/guideline.server";
import { queueEmail } from "~/models/outbox.server";
import { GUIDELINE_LANGUAGES, type GuidelineLanguage } from "~/utils/guidelines";
import { isLocale, type Locale } from "~/utils/i18n";
import { createToken, hashToken } from "~/utils/tokens.server";
import { formatDate } from "~/utils/dates";
import { renderMarkdown } from "~/utils/markdown.server";
import { municipalityName } from "~/utils/names";
import { contentLanguage, inReaderScript, shownText } from "~/utils/content-language";
import { shownVersion, type ShownSegment } from "~/models/guideline-text.server";
import { notFoundRefusal, refuse, type Refusal } from "~/utils/refusal";

/**
 * Published guideline versions. A version is written once, in one
 * transaction, and this module has no function that changes or deletes one:
 * later work makes a new version. Source-language versions are numbered
 * 1, 2, …; a translation is published from one source version, has its own
 * number in its language, and is out of date once a newer source exists.
 */


type SectionText = { key: string; title: string; body: string };

function sameContent(a: CompiledDraft, b: { title: string; summary: string; sections: SectionText[]; credits: { contributionId: string; sectionKey: string }[] }) {
  const norm = (sections: SectionText[]) => JSON.stringify(sections.map((s) => [s.key, s.title, s.body]));
  const normCredits = (credits: { contributionId: string; sectionKey: string }[]) =>
    JSON.stringify(credits.map((c) => `${c.sectionKey}:${c.contributionId}`).sort());
  return a.title === b.title && a.summary === b.summary && norm(a.sections) === norm(b.sections) && normCredits(a.credits) === normCredits(b.credits);
}

/**
 * Freezes the working copy as the next version. Refused when the draft is
 * empty, when nothing changed since the last version, or when the working
 * copy changed after the editor previewed it (seenRevision). Confirmed
 * subscribers are emailed the changelog in the same transaction.
 */
export async function publishVersion(
  actorId: string,
  guidelineId: string,
  input: { changelog: string; revision: number },
  baseUrl: string,
): Promise<{ ok: true; number: number } | Refusal> {
  const changelog = input.changelog.trim();
  if (!changelog) return refuse("changelog", "validation.required");
  try {
    return await prisma.$transaction(async (tx) => {
      const guideline = await tx.guideline.findUnique({ where: { id: guidelineId }, include: WORKING_COPY_INCLUDE });
      if (!guideline) return notFoundRefusal();
      if (guideline.revision !== input.revision) return refuse(null, "guidelines.publish.changedMeanwhile", 409);
      const draft = compileDraft(guideline);
      if (isEmptyDraft(draft)) return refuse(null, "guidelines.publish.empty");
      const latest = await tx.guidelineVersion.findFirst({
        where: { guidelineId, locale: guideline.sourceLocale },
        orderBy: { number: "desc" },
        include: { sections: { orderBy: { position: "asc" } }, credits: true },
      });
      if (latest && sameContent(draft, latest)) return refuse(null, "guidelines.publish.unchanged");
      const number = (latest?.number ?? 0) + 1;
      const version = await tx.guidelineVersion.create({
        data: {
          guidelineId,
          locale: guideline.sourceLocale,
          number,
          title: draft.title,
          summary: draft.summary,
          changelog,
          publishedById: actorId,
          sections: { createMany: { data: draft.sections } },
          credits: { createMany: { data: draft.credits } },
        },
      });
      const notified = await notifySubscribers(tx, guideline, number, changelog, baseUrl);
      await recordAudit(tx, {
        actorId,
        action: "guideline.published",
        subjectType: "GuidelineVersion",
        subjectId: version.id,
        details: { slug: guideline.slug, number, sections: draft.sections.length, credits: draft.credits.length, notified },
      });
      return { ok: true as const, number };
    });
  } catch (error) {
    // Two editors publishing at the same instant: the unique number lets one through.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return refuse(null, "guidelines.publish.changedMeanwhile", 409);
    }
    throw error;
  }
}

async function notifySubscribers(
  tx: Prisma.TransactionClient,
  guideline: { id: string; slug: string; title: string; sourceLocale: string },
  number: number,
  changelog: string,
  baseUrl: string,
): Promise<number> {
  const subscribers = await tx.guidelineSubscription.findMany({ where: { guidelineId: guideline.id, confirmedAt: { not: null } } });
  for (const subscriber of subscribers) {
    // The link in each email is new: only its hash is kept, so the previous one stops working.
    const token = createToken();
    await tx.guidelineSubscription.update({ where: { id: subscriber.id }, data: { tokenHash: hashToken(token) } });
    const locale = isLocale(subscriber.locale) ? subscriber.locale : "en";
    // The title and changelog are in the guideline's language: transliterated for Cyrillic readers only when Serbian.
    const language = contentLanguage(guideline.sourceLocale);
    const email = await composeEmail("guideline-new-version", subscriber.email, {
      locale,
      title: inReaderScript(guideline.title, language, locale),
      number,
      changelog: inReaderScript(changelog, language, locale),
      url: `${baseUrl}/guidelines/${guideline.slug}/v/${number}`,
      diffUrl: number > 1 ? `${baseUrl}/guidelines/${guideline.slug}/diff?from=${number - 1}&to=${number}` : null,
      unsubscribeUrl: `${baseUrl}/guidelines/subscription?token=${token}`,
    });
    await queueEmail(tx, email);
  }
  return subscribers.length;
}

/**
 * Publishes a translation of one source version. It must have exactly the
 * source's sections (same keys), so that readers and diffs can pair them;
 * the credits are the source version's.
 */
export async function publishTranslation(
  actorId: string,
  sourceVersionId: string,
  input: { locale: string; title: string; summary: string; changelog: string; sections: { key: string; title: string; body: string }[] },
): Promise<{ ok: true; number: number } | Refusal> {
  if (!(GUIDELINE_LANGUAGES as readonly string[]).includes(input.locale)) return refuse("locale", "validation.invalidChoice");
  if (!input.title.trim()) return refuse("title", "validation.required");
  if (!input.changelog.trim()) return refuse("changelog", "validation.required");
  try {
    return await prisma.$transaction(async (tx) => {
      const source = await tx.guidelineVersion.findUnique({
        where: { id: sourceVersionId },
        include: { guideline: true, sections: { orderBy: { position: "asc" } }, credits: true },
      });
      if (!source || source.sourceVersionId) return notFoundRefusal();
      if (input.locale === source.locale) return refuse("locale", "guidelines.translate.sameLanguage");
      const given = new Map(input.sections.map((s) => [s.key, s]));
      const sections = source.sections.map((s) => {
        const text = given.get(s.key);
        return { key: s.key, position: s.position, title: text?.title.trim() ?? "", body: text?.body.trim() ?? "" };
      });
      if (given.size !== source.sections.length || sections.some((s) => !s.title)) return refuse(null, "guidelines.translate.incomplete");
      const latest = await tx.guidelineVersion.findFirst({
        where: { guidelineId: source.guidelineId, locale: input.locale },
        orderBy: { number: "desc" },
        include: { sections: { orderBy: { position: "asc" } } },
      });
      // Publishing the same translation of the same source again would only add a number.
      const text = (v: { title: string; summary: string; sections: SectionText[] }) =>
        JSON.stringify([v.title, v.summary, v.sections.map((s) => [s.key, s.title, s.body])]);
      if (latest && latest.sourceVersionId === source.id && text(latest) === text({ title: input.title.trim(), summary: input.summary.trim(), sections })) {
        return refuse(null, "guidelines.publish.unchanged");
      }
      const number = (latest?.number ?? 0) + 1;
      const version = await tx.guidelineVersion.create({
        data: {
          guidelineId: source.guidelineId,
          locale: input.locale,
          number,
          title: input.title.trim(),
          summary: input.summary.trim(),
          changelog: input.changelog.trim(),
          sourceVersionId: source.id,
          publishedById: actorId,
          sections: { createMany: { data: sections } },
          credits: {
            createMany: {
              data: source.credits.map((c) => ({
                sectionKey: c.sectionKey,
                contributionId: c.contributionId,
                title: c.title,
                authorNames: c.authorNames,
                municipalityId: c.municipalityId,
              })),
            },
          },
        },
      });
      await recordAudit(tx, {
        actorId,
        action: "guideline.translation_published",
        subjectType: "GuidelineVersion",
        subjectId: version.id,
        details: { slug: source.guideline.slug, locale: input.locale, number, sourceNumber: source.number },
      });
      return { ok: true as const, number };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return refuse(null, "guidelines.publish.changedMeanwhile", 409);
    throw error;
  }
}

export type TranslationSection = {
  key: string;
  /** The source version's text, shown beside the field. */
  original: { title: string; body: string };
  title: string;
  body: string;
  /** True when the source text moved on since the translation this form starts from. */
  changedSinceTranslation: boolean;
};

/**
 * What the translation page starts with for one language and one source
 * version (the latest when not given): the previous translation into that
 * language where one exists (so a translator only brings it up to date),
 * else the source text. Sections new in the source, or whose source text
 * changed since the previous translation was made, are marked.
 */
export async function translationForm(slug: string, language: string | null, sourceNumber: number | null) {
  const guideline = await prisma.guideline.findUnique({ where: { slug } });
  if (!guideline) return null;
  const sources = await prisma.guidelineVersion.findMany({
    where: { guidelineId: guideline.id, locale: guideline.sourceLocale, sourceVersionId: null },
    orderBy: { number: "desc" },
    select: { id: true, number: true },
  });
  if (sources.length === 0) return null;
  const languages = GUIDELINE_LANGUAGES.filter((l) => l !== guideline.sourceLocale);
  const chosenLanguage = languages.find((l) => l === language) ?? languages[0];
  const chosenSource = sources.find((v) => v.number === sourceNumber) ?? sources[0];
  const source = await prisma.guidelineVersion.findUniqueOrThrow({
    where: { id: chosenSource.id },
    include: { sections: { orderBy: { position: "asc" } } },
  });
  const previous = await prisma.guidelineVersion.findFirst({
    where: { guidelineId: guideline.id, locale: chosenLanguage },
    orderBy: { number: "desc" },
    include: {
      sections: true,
      sourceVersion: { select: { number: true, sections: { select: { key: true, title: true, body: true } } } },
    },
  });
  const translated = new Map(previous?.sections.map((s) => [s.key, s]) ?? []);
  const translatedFrom = new Map(previous?.sourceVersion?.sections.map((s) => [s.key, s]) ?? []);
  const sections: TranslationSection[] = source.sections.map((s) => {
    const earlier = translated.get(s.key);
    const earlierSource = translatedFrom.get(s.key);
    return {
      key: s.key,
      original: { title: s.title, body: s.body },
      title: earlier?.title ?? s.title,
      body: earlier?.body ?? s.body,
      changedSinceTranslation: !!previous && (!earlier || !earlierSource || earlierSource.title !== s.title || earlierSource.body !== s.body),
    };
  });
  return {
    guideline: { slug: guideline.slug, title: guideline.title, sourceLocale: guideline.sourceLocale },
    languages,
    language: chosenLanguage,
    sourceNumbers: sources.map((v) => v.number),
    source: { id: source.id, number: source.number, title: source.title, summary: source.summary },
    previous: previous ? { number: previous.number, translatedFrom: previous.sourceVersion?.number ?? null } : null,
    title: previous?.title ?? source.title,
    summary: previous?.summary ?? source.summary,
    sections,
  };
}
export type TranslationForm = NonNullable<Awaited<ReturnType<typeof translationForm>>>;

// --- Reading -----------------------------------------------------------------

const VERSION_INCLUDE = {
  sections: { orderBy: { position: "asc" } },
  credits: {
    include: {
      municipality: true,
      // Files of credited contributions are public with the version (an accepted contribution's files no longer change).
      contribution: { select: { status: true, locale: true, attachments: { select: { id: true, fileName: true }, orderBy: { createdAt: "asc" } } } },
    },
    orderBy: { title: "asc" },
  },
  // A translation's source text tells which stretches the translator left in the source's language.
  sourceVersion: { select: { number: true, locale: true, sections: { select: { key: true, title: true, body: true } } } },
} satisfies Prisma.GuidelineVersionInclude;

export type ReadableVersion = Prisma.GuidelineVersionGetPayload<{ include: typeof VERSION_INCLUDE }>;

/** The language a reader's interface locale asks for (Serbian Cyrillic readers get Serbian, transliterated). */
export function guidelineLanguage(locale: Locale): GuidelineLanguage {
  return locale === "sr-Cyrl" ? "sr" : locale;
}

export type ReaderView = {
  guideline: { id: string; slug: string; title: string; sourceLocale: string };
  /** The source version asked for (or the latest). */
  number: number;
  latestNumber: number;
  version: ReadableVersion;
  /** True when the reader's language has no version and the source language is shown instead. */
  fallback: boolean;
  /** Set when the shown translation was made from an older source version. */
  outdated: { translatedFrom: number; latest: number } | null;
  /** Languages this guideline can be read in (for a language list). */
  languages: string[];
};

/**
 * What a reader sees: the source version asked for (or the latest), in the
 * reader's language where a translation exists. For the latest page, the
 * newest translation is shown even when made from an older source version,
 * marked out of date; for a given number, only a translation of that number.
 */
export async function versionForReader(slug: string, locale: Locale, number?: number): Promise<ReaderView | null> {
  const guideline = await prisma.guideline.findUnique({ where: { slug } });
  if (!guideline) return null;
  const latestSource = await prisma.guidelineVersion.findFirst({
    where: { guidelineId: guideline.id, locale: guideline.sourceLocale },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  if (!latestSource) return null;
  const wanted = number ?? latestSource.number;
  const source = await prisma.guidelineVersion.findUnique({
    where: { guidelineId_locale_number: { guidelineId: guideline.id, locale: guideline.sourceLocale, number: wanted } },
    include: VERSION_INCLUDE,
  });
  if (!source) return null;
  const language = guidelineLanguage(locale);
  const languages = (
    await prisma.guidelineVersion.findMany({ where: { guidelineId: guideline.id }, distinct: ["locale"], select: { locale: true } })
  ).map((v) => v.locale);
  const base = { guideline, number: wanted, latestNumber: latestSource.number, languages };
  if (language === guideline.sourceLocale) return { ...base, version: source, fallback: false, outdated: null };
  const translation = await prisma.guidelineVersion.findFirst({
    where: {
      guidelineId: guideline.id,
      locale: language,
      ...(number === undefined ? {} : { sourceVersionId: source.id }),
    },
    orderBy: { number: "desc" },
    include: VERSION_INCLUDE,
  });
  if (!translation) return { ...base, version: source, fallback: true, outdated: null };
  const translatedFrom = translation.sourceVersion?.number ?? wanted;
  return {
    ...base,
    version: translation,
    fallback: false,
    outdated: translatedFrom < wanted ? { translatedFrom, latest: wanted } : null,
  };
}

/** The number of a guideline's newest version (in its own language), or null when nothing is published. */
export async function latestVersionNumber(slug: string): Promise<number | null> {
  const guideline = await prisma.guideline.findUnique({ where: { slug }, select: { id: true, sourceLocale: true } });
  if (!guideline) return null;
  const latest = await prisma.guidelineVersion.findFirst({
    where: { guidelineId: guideline.id, locale: guideline.sourceLocale },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  return latest?.number ?? null;
}

/** Every version of a guideline: source versions newest first, each with its translations. */
export async function versionHistory(slug: string) {
  const guideline = await prisma.guideline.findUnique({ where: { slug } });
  if (!guideline) return null;
  const versions = await prisma.guidelineVersion.findMany({
    where: { guidelineId: guideline.id },
    orderBy: [{ number: "desc" }],
    select: {
      id: true,
      locale: true,
      number: true,
      title: true,
      changelog: true,
      publishedAt: true,
      sourceVersionId: true,
      _count: { select: { credits: true, sections: true } },
    },
  });
  const sources = versions.filter((v) => v.locale === guideline.sourceLocale && !v.sourceVersionId);
  return {
    guideline,
    versions: sources.map((source) => ({
      ...source,
      translations: versions.filter((v) => v.sourceVersionId === source.id),
    })),
  };
}

// --- Diffs -------------------------------------------------------------------

export type TextPart = { kind: "same" | "added" | "removed"; text: string };
export type SectionChange =
  | { kind: "added"; key: string; title: string; body: string }
  | { kind: "removed"; key: string; title: string; body: string }
  | { kind: "changed"; key: string; title: string; previousTitle: string | null; moved: boolean; parts: TextPart[] }
  | { kind: "unchanged"; key: string; title: string };

/**
 * A readable diff of two texts: first by line, then, where a run of lines
 * was replaced, by word within it, so a one-word edit in a long paragraph
 * shows as that word and not as the whole paragraph twice.
 */
export function diffText(before: string, after: string): TextPart[] {
  const parts: TextPart[] = [];
  const lines = diffLines(before, after);
  for (let i = 0; i < lines.length; i++) {
    const part = lines[i];
    const next = lines[i + 1];
    if (part.removed && next?.added) {
      for (const word of diffWordsWithSpace(part.value, next.value)) {
        parts.push({ kind: word.added ? "added" : word.removed ? "removed" : "same", text: word.value });
      }
      i++;
    } else {
      parts.push({ kind: part.added ? "added" : part.removed ? "removed" : "same", text: part.value });
    }
  }
  // Neighbouring parts of the same kind read better as one.
  return parts.reduce<TextPart[]>((merged, part) => {
    const last = merged[merged.length - 1];
    if (last && last.kind === part.kind) last.text += part.text;
    else merged.push({ ...part });
    return merged;
  }, []);
}

/** Section by section, paired by their stable keys: what was added, removed, changed (or moved), and what stayed. */
export function diffSections(from: SectionText[], to: SectionText[]): SectionChange[] {
  const before = new Map(from.map((s, index) => [s.key, { ...s, index }]));
  const after = new Set(to.map((s) => s.key));
  const changes: SectionChange[] = [];
  const keptBefore = from.filter((s) => after.has(s.key)).map((s) => s.key);
  const keptAfter = to.filter((s) => before.has(s.key)).map((s) => s.key);
  for (const section of to) {
    const old = before.get(section.key);
    if (!old) {
      changes.push({ kind: "added", key: section.key, title: section.title, body: section.body });
      continue;
    }
    const moved = keptBefore.indexOf(section.key) !== keptAfter.indexOf(section.key);
    if (old.title === section.title && old.body === section.body && !moved) {
      changes.push({ kind: "unchanged", key: section.key, title: section.title });
    } else {
      changes.push({
        kind: "changed",
        key: section.key,
        title: section.title,
        previousTitle: old.title === section.title ? null : old.title,
        moved,
        parts: old.body === section.body ? [{ kind: "same", text: section.body }] : diffText(old.body, section.body),
      });
    }
  }
  // Removed sections are listed where they used to be, relative to what follows.
  for (const section of from) {
    if (after.has(section.key)) continue;
    const removed: SectionChange = { kind: "removed", key: section.key, title: section.title, body: section.body };
    const followers = from.slice(before.get(section.key)!.index + 1).map((s) => s.key);
    const at = changes.findIndex((c) => followers.includes(c.key));
    if (at === -1) changes.push(removed);
    else changes.splice(at, 0, removed);
  }
  return changes;
}

/** The diff between two source versions of a guideline (numbers as readers see them), with the credits each adds or drops. */
export async function compareVersions(slug: string, fromNumber: number, toNumber: number) {
  const guideline = await prisma.guideline.findUnique({ where: { slug } });
  if (!guideline) return null;
  const load = (number: number) =>
    prisma.guidelineVersion.findUnique({
      where: { guidelineId_locale_number: { guidelineId: guideline.id, locale: guideline.sourceLocale, number } },
      include: VERSION_INCLUDE,
    });
  const [from, to, between] = await Promise.all([
    load(fromNumber),
    load(toNumber),
    // What the editors wrote for each version after the older one, up to the newer one.
    prisma.guidelineVersion.findMany({
      where: {
        guidelineId: guideline.id,
        locale: guideline.sourceLocale,
        number: { gt: Math.min(fromNumber, toNumber), lte: Math.max(fromNumber, toNumber) },
      },
      orderBy: { number: "asc" },
      select: { number: true, changelog: true, publishedAt: true },
    }),
  ]);
  if (!from || !to) return null;
  const fromIds = new Set(from.credits.map((c) => c.contributionId));
  const toIds = new Set(to.credits.map((c) => c.contributionId));
  return {
    guideline,
    from,
    to,
    between,
    changes: diffSections(from.sections, to.sections),
    creditsAdded: to.credits.filter((c) => !fromIds.has(c.contributionId)),
    creditsRemoved: from.credits.filter((c) => !toIds.has(c.contributionId)),
  };
}

export type Comparison = NonNullable<Awaited<ReturnType<typeof compareVersions>>>;

// --- Shaping for pages ---------------------------------------------------------

/** Renders a section's stretches, each in an element that says its language; contributions' headings go below their practice's title. */
function sectionHtml(segments: ShownSegment[]): string {
  return segments
    .map((s) => `<div lang="${s.lang}">${renderMarkdown(s.markdown, { cyrillic: s.cyrillic, headingFloor: 3, titled: s.practice })}</div>`)
    .join("");
}

/**
 * A version as the reading pages show it: sections rendered (safely), each
 * with the contributions and municipalities it came from. Every text people
 * wrote comes with its language (lang), and only Serbian is transliterated.
 */
export function readerPage(view: ReaderView, locale: Locale) {
  const { version } = view;
  const shown = shownVersion(version, locale);
  const place = (credit: ReadableVersion["credits"][number]) => (credit.municipality ? municipalityName(credit.municipality, locale) : null);
  // Names are in no recorded language: shown as written.
  const authors = (names: string) => shownText(names, null, locale);
  return {
    slug: view.guideline.slug,
    number: view.number,
    latestNumber: view.latestNumber,
    fallback: view.fallback,
    outdated: view.outdated,
    locale: version.locale,
    lang: shown.lang,
    sourceLocale: view.guideline.sourceLocale,
    title: shown.title,
    summary: shown.summary,
    changelog: shown.changelog,
    publishedAt: formatDate(version.publishedAt, locale),
    translatedFrom: version.sourceVersion?.number ?? null,
    sections: shown.sections.map((section) => ({
      key: section.key,
      title: section.title,
      html: sectionHtml(section.segments),
      sources: version.credits
        .filter((c) => c.sectionKey === section.key)
        .map((c) => ({ title: shown.creditTitle(c), municipality: place(c) })),
    })),
    credits: version.credits.map((c) => ({
      id: c.id,
      title: shown.creditTitle(c),
      authors: authors(c.authorNames),
      municipality: place(c),
      attachments:
        c.contribution.status === "ACCEPTED"
          ? c.contribution.attachments.map((a) => ({ fileName: a.fileName, href: `/contributions/${c.contributionId}/attachments/${a.id}` }))
          : [],
    })),
  };
}
export type ReaderPage = ReturnType<typeof readerPage>;

/** The guidelines with at least one published version, for the public list, in the reader's language where translated. */
export async function publishedGuidelines(locale: Locale) {
  const language = guidelineLanguage(locale);
  const guidelines = await prisma.guideline.findMany({
    orderBy: { title: "asc" },
    include: { versions: { orderBy: { number: "desc" }, select: { locale: true, number: true, title: true, summary: true, publishedAt: true } } },
  });
  return guidelines.map((g) => {
    const source = g.versions.find((v) => v.locale === g.sourceLocale);
    const own = g.versions.find((v) => v.locale === language) ?? source;
    const written = contentLanguage(own?.locale ?? g.sourceLocale);
    return {
      slug: g.slug,
      title: shownText(own?.title ?? g.title, written, locale),
      summary: shownText(own?.summary ?? g.summary, written, locale),
      latest: source ? { number: source.number, date: formatDate(source.publishedAt, locale) } : null,
    };
  });
}
