import { diffArrays } from "diff";
import type { Locale } from "~/utils/i18n";
import { contentLanguage, shownText } from "~/utils/content-language";
import { formatDate } from "~/utils/dates";
import { markdownBlocks, type TextBlock, type TextRun } from "~/utils/markdown.server";
import { municipalityName } from "~/utils/names";
import { shownSegments, sourceSegments, type Segment } from "~/models/guideline-text.server";
import type { Comparison } from "~/models/guideline-version.server";

/**
 * The public diff as people read it: both versions are rendered to blocks
 * (headings, paragraphs, list items, quotes) with their emphasis, the blocks
 * are paired, and only a paired block that changed is compared word by word.
 * Words are never cut: the text is split into whole words, spaces and
 * punctuation before it is compared. Text is compared in the reader's script
 * (Serbian already transliterated for a Cyrillic reader, the rest as
 * written), so what is marked is exactly what is shown.
 */

export type Change = "same" | "added" | "removed";

/** A stretch of a block's text with one look and one change. */
export type DiffRun = { text: string; bold?: boolean; italic?: boolean; code?: boolean; change: Change };

/** A rendered block of a section with what happened to it. */
export type DiffBlock = {
  kind: TextBlock["kind"];
  /** For headings: the level they are rendered at (a section's own title is above them). */
  level?: number;
  /** For list items: the marker (• or 1.) and the depth of the list. */
  marker?: string;
  depth?: number;
  lang: string;
  change: Change | "changed";
  runs: DiffRun[];
};

/** Blocks in a row that did not change are folded together; the others are shown. */
export type DiffStretch = { folded: true; blocks: DiffBlock[] } | { folded: false; block: DiffBlock };

type ShownBlock = TextBlock & { lang: string };

/** A section's body as blocks, each stretch in its language and only Serbian transliterated. */
export function shownBlocks(segments: Segment[], locale: Locale): ShownBlock[] {
  return shownSegments(segments, locale).flatMap((s) =>
    markdownBlocks(s.markdown, { cyrillic: s.cyrillic, headingFloor: 3, titled: s.practice }).map((block) => ({ ...block, lang: s.lang })),
  );
}

const shape = (block: ShownBlock) => `${block.kind}:${block.kind === "heading" ? block.level : ""}:${block.kind === "item" ? block.depth : ""}`;
const look = (run: { bold?: boolean; italic?: boolean; code?: boolean }) => `${run.bold ? "b" : ""}${run.italic ? "i" : ""}${run.code ? "c" : ""}`;
const sameBlock = (a: ShownBlock, b: ShownBlock) =>
  shape(a) === shape(b) && a.lang === b.lang && JSON.stringify(a.runs.map((r) => [r.text, look(r)])) === JSON.stringify(b.runs.map((r) => [r.text, look(r)]));

/** Whole words (letters, digits, marks, and the apostrophes and hyphens inside words), runs of spaces, and single other characters. */
const TOKEN = /[\p{L}\p{M}\p{N}_]+(?:['’-][\p{L}\p{M}\p{N}_]+)*|\s+|[^\p{L}\p{M}\p{N}_\s]/gu;

type Token = { text: string; look: string; run: TextRun };

function tokens(runs: TextRun[]): Token[] {
  return runs.flatMap((run) => (run.text.match(TOKEN) ?? []).map((text) => ({ text, look: look(run), run })));
}

const words = (block: ShownBlock) =>
  new Set(
    tokens(block.runs)
      .filter((t) => t.text.trim())
      .map((t) => t.text.toLowerCase()),
  );

/** How much two blocks share, from 0 to 1: the share of their words in common. */
function likeness(a: ShownBlock, b: ShownBlock): number {
  if (shape(a) !== shape(b)) return 0;
  const left = words(a);
  const right = words(b);
  if (left.size + right.size === 0) return 1;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return (2 * shared) / (left.size + right.size);
}

/** Two blocks that share at least this much are one block edited; less, one removed and another added. */
const EDITED = 0.4;

function whole(block: ShownBlock, change: Change): DiffBlock {
  return {
    kind: block.kind,
    ...(block.kind === "heading" ? { level: block.level } : {}),
    ...(block.kind === "item" ? { marker: block.marker, depth: block.depth } : {}),
    lang: block.lang,
    change,
    runs: block.runs.map((run) => ({ ...run, change })),
  };
}

/** A block edited into another, compared word by word; neighbouring words with the same look and change are joined. */
export function wordDiff(before: TextRun[], after: TextRun[]): DiffRun[] {
  const runs: DiffRun[] = [];
  const parts = diffArrays(tokens(before), tokens(after), { comparator: (a, b) => a.text === b.text && a.look === b.look });
  for (const part of parts) {
    const change: Change = part.added ? "added" : part.removed ? "removed" : "same";
    for (const token of part.value) {
      const last = runs[runs.length - 1];
      if (last && last.change === change && look(last) === token.look) last.text += token.text;
      else
        runs.push({
          text: token.text,
          ...(token.run.bold ? { bold: true } : {}),
          ...(token.run.italic ? { italic: true } : {}),
          ...(token.run.code ? { code: true } : {}),
          change,
        });
    }
  }
  return runs;
}

/**
 * Pairs the blocks of a replaced stretch: a removed block and an added one of
 * the same kind that share enough words are one block edited; the rest are
 * removed or added whole, in the order they stood.
 */
function pairReplaced(removed: ShownBlock[], added: ShownBlock[]): DiffBlock[] {
  const out: DiffBlock[] = [];
  let i = 0;
  let j = 0;
  while (i < removed.length || j < added.length) {
    if (i >= removed.length) out.push(whole(added[j++], "added"));
    else if (j >= added.length) out.push(whole(removed[i++], "removed"));
    else if (likeness(removed[i], added[j]) >= EDITED) {
      const edited = added[j];
      out.push({ ...whole(edited, "same"), change: "changed", runs: wordDiff(removed[i].runs, edited.runs) });
      i++;
      j++;
    } else if (added.slice(j + 1).some((later) => likeness(removed[i], later) >= EDITED)) out.push(whole(added[j++], "added"));
    else out.push(whole(removed[i++], "removed"));
  }
  return out;
}

/** Two bodies' blocks compared: unchanged blocks, blocks edited word by word, blocks added and removed. */
export function diffBlocks(before: ShownBlock[], after: ShownBlock[]): DiffBlock[] {
  const out: DiffBlock[] = [];
  const parts = diffArrays(before, after, { comparator: sameBlock });
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const next = parts[i + 1];
    if (part.removed && next?.added) {
      out.push(...pairReplaced(part.value, next.value));
      i++;
    } else if (part.added || part.removed) out.push(...pairReplaced(part.removed ? part.value : [], part.added ? part.value : []));
    else out.push(...part.value.map((block) => whole(block, "same")));
  }
  return out;
}

/** Unchanged blocks in a row are folded into one stretch, so the changes stand out and the rest is one tap away. */
export function foldUnchanged(blocks: DiffBlock[]): DiffStretch[] {
  const stretches: DiffStretch[] = [];
  for (const block of blocks) {
    const last = stretches[stretches.length - 1];
    if (block.change !== "same") stretches.push({ folded: false, block });
    else if (last?.folded) last.blocks.push(block);
    else stretches.push({ folded: true, blocks: [block] });
  }
  return stretches;
}

/**
 * A comparison as a reader of `locale` reads it: the changelogs of the
 * versions after the older one up to the newer one, then each section's
 * rendered blocks with what changed, unchanged stretches folded.
 */
export function readableComparison(comparison: Comparison, locale: Locale) {
  const language = contentLanguage(comparison.guideline.sourceLocale);
  const blocksOf = (version: Comparison["from"]) =>
    new Map(
      version.sections.map((section) => {
        const credits = version.credits
          .filter((c) => c.sectionKey === section.key)
          .map((c) => ({ title: c.title, language: contentLanguage(c.contribution.locale) }));
        return [section.key, shownBlocks(sourceSegments(section.body, credits, language), locale)] as const;
      }),
    );
  const before = blocksOf(comparison.from);
  const after = blocksOf(comparison.to);
  const title = (text: string) => shownText(text, language, locale);
  const credit = (c: Comparison["creditsAdded"][number]) => ({
    id: c.id,
    title: shownText(c.title, contentLanguage(c.contribution.locale), locale),
    municipality: c.municipality ? municipalityName(c.municipality, locale) : null,
  });
  return {
    title: title(comparison.to.title),
    changelogs: comparison.between.map((v) => ({ number: v.number, date: formatDate(v.publishedAt, locale), changelog: title(v.changelog) })),
    changes: comparison.changes.map((change) => {
      const shared = { key: change.key, title: title(change.title) };
      switch (change.kind) {
        case "unchanged":
          return {
            ...shared,
            kind: change.kind,
            previousTitle: null,
            moved: false,
            stretches: foldUnchanged((after.get(change.key) ?? []).map((b) => whole(b, "same"))),
          };
        case "added":
          return {
            ...shared,
            kind: change.kind,
            previousTitle: null,
            moved: false,
            stretches: foldUnchanged((after.get(change.key) ?? []).map((b) => whole(b, "added"))),
          };
        case "removed":
          return {
            ...shared,
            kind: change.kind,
            previousTitle: null,
            moved: false,
            stretches: foldUnchanged((before.get(change.key) ?? []).map((b) => whole(b, "removed"))),
          };
        case "changed":
          return {
            ...shared,
            kind: change.kind,
            previousTitle: change.previousTitle === null ? null : title(change.previousTitle),
            moved: change.moved,
            stretches: foldUnchanged(diffBlocks(before.get(change.key) ?? [], after.get(change.key) ?? [])),
          };
      }
    }),
    creditsAdded: comparison.creditsAdded.map(credit),
    creditsRemoved: comparison.creditsRemoved.map(credit),
  };
}
export type ReadableComparison = ReturnType<typeof readableComparison>;
