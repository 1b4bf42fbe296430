import MarkdownIt from "markdown-it";
import type { Token } from "markdown-it";
import { latinToCyrillic } from "~/locales/transliterate";

/**
 * Contributions and guideline texts are Markdown written by many people.
 * Raw HTML is escaped (html: false) and markdown-it's link check refuses
 * javascript:, vbscript:, file: and non-image data: URLs, so nothing anyone
 * writes can run in a reader's browser.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  // Links written by contributors are not endorsed by the programme.
  tokens[idx].attrSet("rel", "nofollow ugc noopener");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

// Table alignment as a class, not markdown-it's style attribute: the
// Content-Security-Policy refuses inline styles (see app/styles.css).
for (const rule of ["th_open", "td_open"] as const) {
  md.renderer.rules[rule] = (tokens, idx, options, _env, self) => {
    const align = /^text-align:(left|center|right)$/.exec(tokens[idx].attrGet("style") ?? "")?.[1];
    if (align) {
      tokens[idx].attrs = (tokens[idx].attrs ?? []).filter(([name]) => name !== "style");
      tokens[idx].attrJoin("class", `align-${align}`);
    }
    return self.renderToken(tokens, idx, options);
  };
}

/** How a piece of a guideline is laid out and shown (all optional: a contribution's page needs none of it). */
export type MarkdownOptions = {
  /** Transliterate the text (never link targets or code): only for Serbian text and a Cyrillic reader, see app/utils/content-language.ts. */
  cyrillic?: boolean;
  /** The highest level a heading may have here: headings are shifted down, keeping their order, so that none is above it. */
  headingFloor?: number;
  /** The text starts with a practice's title (a contribution placed in a guideline): that heading is put at `headingFloor`, and the contribution's own headings below it. */
  titled?: boolean;
};

function parse(source: string, options: MarkdownOptions): Token[] {
  const tokens = md.parse(source, {});
  if (options.cyrillic) {
    for (const token of tokens) {
      if (token.type === "inline") {
        for (const child of token.children ?? []) if (child.type === "text") child.content = latinToCyrillic(child.content);
      }
    }
  }
  if (options.headingFloor) shiftHeadings(tokens, options.headingFloor, !!options.titled);
  return tokens;
}

const headingLevel = (token: Token) => Number(token.tag.slice(1));

/**
 * Puts headings below the title they belong under: each keeps its place
 * relative to the others, shifted so that the highest sits at `floor` (or, in
 * a titled text, the first heading at `floor` and the rest below it).
 */
function shiftHeadings(tokens: Token[], floor: number, titled: boolean) {
  const headings = tokens.filter((t) => t.type === "heading_open");
  const title = titled && tokens[0]?.type === "heading_open" ? tokens[0] : null;
  const rest = headings.filter((t) => t !== title);
  const restFloor = title ? floor + 1 : floor;
  const shift = Math.max(0, restFloor - Math.min(7, ...rest.map(headingLevel)));
  const levels = new Map<Token, number>(rest.map((t) => [t, Math.min(6, headingLevel(t) + shift)]));
  if (title) levels.set(title, floor);
  let open: number | null = null;
  for (const token of tokens) {
    if (token.type === "heading_open") {
      open = levels.get(token) ?? headingLevel(token);
      token.tag = `h${open}`;
    } else if (token.type === "heading_close" && open !== null) {
      token.tag = `h${open}`;
      open = null;
    }
  }
}

/**
 * The Markdown source with its headings moved down so that the highest is at
 * `floor`, for a contribution placed under its own title in a guideline: its
 * "# Results" becomes "#### Results". Headings inside lists or quotes stay.
 */
export function demoteHeadings(source: string, floor: number): string {
  const tokens = md.parse(source, {});
  const headings = tokens.filter((t) => t.type === "heading_open" && t.level === 0 && t.map);
  if (headings.length === 0) return source;
  const shift = floor - Math.min(...headings.map(headingLevel));
  if (shift <= 0) return source;
  const lines = source.split("\n");
  // From the last heading up, so that a setext heading's removed underline moves nothing still to come.
  for (const token of [...headings].reverse()) {
    const [start, end] = token.map!;
    const level = Math.min(6, headingLevel(token) + shift);
    if (token.markup.startsWith("#")) {
      lines[start] = lines[start].replace(/^(\s{0,3})#{1,6}/, `$1${"#".repeat(level)}`);
    } else {
      const text = lines.slice(start, end - 1).map((line) => line.trim()).join(" ");
      lines.splice(start, end - start, `${"#".repeat(level)} ${text}`);
    }
  }
  return lines.join("\n");
}

export function renderMarkdown(source: string, options: MarkdownOptions = {}): string {
  return md.renderer.render(parse(source, options), md.options, {});
}

/** A stretch of text with one look, for the PDF: emphasis survives into print. */
export type TextRun = { text: string; bold?: boolean; italic?: boolean; code?: boolean };

/** Plain blocks of a Markdown text, for the PDF (which draws text, never HTML). */
export type TextBlock =
  | { kind: "heading"; level: number; text: string; runs: TextRun[] }
  | { kind: "paragraph"; text: string; runs: TextRun[] }
  | { kind: "item"; text: string; runs: TextRun[]; marker: string; depth: number }
  | { kind: "quote"; text: string; runs: TextRun[] }
  | { kind: "code"; text: string; runs: TextRun[] };

function inlineRuns(token: Token | undefined): TextRun[] {
  if (!token?.children) return token?.content ? [{ text: token.content }] : [];
  const runs: TextRun[] = [];
  let bold = 0;
  let italic = 0;
  const add = (text: string, code = false) => {
    if (!text) return;
    const run: TextRun = { text, ...(bold ? { bold: true } : {}), ...(italic ? { italic: true } : {}), ...(code ? { code: true } : {}) };
    const last = runs[runs.length - 1];
    if (last && !!last.bold === !!run.bold && !!last.italic === !!run.italic && !!last.code === !!run.code) last.text += text;
    else runs.push(run);
  };
  for (const child of token.children) {
    if (child.type === "strong_open") bold++;
    else if (child.type === "strong_close") bold--;
    else if (child.type === "em_open") italic++;
    else if (child.type === "em_close") italic--;
    else if (child.type === "softbreak" || child.type === "hardbreak") add(" ");
    else if (child.type === "image") add(child.content);
    else if (child.type === "text") add(child.content);
    else if (child.type === "code_inline") add(child.content, true);
  }
  return runs;
}

const joined = (runs: TextRun[]) => runs.map((r) => r.text).join("");

export function markdownBlocks(source: string, options: MarkdownOptions = {}): TextBlock[] {
  const tokens = parse(source, options);
  const blocks: TextBlock[] = [];
  const lists: { ordered: boolean; next: number }[] = [];
  let quoteDepth = 0;
  let itemMarker: string | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    switch (token.type) {
      case "heading_open": {
        const runs = inlineRuns(tokens[i + 1]);
        blocks.push({ kind: "heading", level: headingLevel(token), text: joined(runs), runs });
        break;
      }
      case "bullet_list_open":
        lists.push({ ordered: false, next: 1 });
        break;
      case "ordered_list_open":
        lists.push({ ordered: true, next: Number(token.attrGet("start") ?? 1) });
        break;
      case "bullet_list_close":
      case "ordered_list_close":
        lists.pop();
        break;
      case "list_item_open": {
        const list = lists[lists.length - 1];
        itemMarker = list?.ordered ? `${list.next++}.` : "•";
        break;
      }
      case "blockquote_open":
        quoteDepth++;
        break;
      case "blockquote_close":
        quoteDepth--;
        break;
      case "paragraph_open": {
        const runs = inlineRuns(tokens[i + 1]);
        const text = joined(runs);
        if (itemMarker !== null || (lists.length > 0 && token.hidden)) {
          blocks.push({ kind: "item", text, runs, marker: itemMarker ?? "", depth: lists.length });
          itemMarker = null;
        } else if (quoteDepth > 0) blocks.push({ kind: "quote", text, runs });
        else blocks.push({ kind: "paragraph", text, runs });
        break;
      }
      case "fence":
      case "code_block": {
        const text = token.content.replace(/\n$/, "");
        blocks.push({ kind: "code", text, runs: [{ text, code: true }] });
        break;
      }
      case "html_block":
        // With html: false this does not occur; kept as text should that ever change.
        blocks.push({ kind: "paragraph", text: token.content, runs: [{ text: token.content }] });
        break;
    }
  }
  return blocks;
}
