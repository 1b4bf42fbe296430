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

/**
 * Serbian texts are written in Latin script; a Cyrillic reader gets them
 * transliterated. Only the text is, never link targets or code.
 */
function parse(source: string, cyrillic: boolean): Token[] {
  const tokens = md.parse(source, {});
  if (cyrillic) {
    for (const token of tokens) {
      if (token.type === "inline") {
        for (const child of token.children ?? []) if (child.type === "text") child.content = latinToCyrillic(child.content);
      }
    }
  }
  return tokens;
}

export function renderMarkdown(source: string, options: { cyrillic?: boolean } = {}): string {
  return md.renderer.render(parse(source, !!options.cyrillic), md.options, {});
}

/** Plain blocks of a Markdown text, for the PDF (which draws text, never HTML). */
export type TextBlock =
  | { kind: "heading"; level: number; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "item"; text: string; marker: string; depth: number }
  | { kind: "quote"; text: string }
  | { kind: "code"; text: string };

function inlineText(token: Token | undefined): string {
  if (!token?.children) return token?.content ?? "";
  return token.children
    .map((child) => {
      if (child.type === "softbreak" || child.type === "hardbreak") return " ";
      if (child.type === "image") return child.content;
      return child.type === "text" || child.type === "code_inline" ? child.content : "";
    })
    .join("");
}

export function markdownBlocks(source: string, options: { cyrillic?: boolean } = {}): TextBlock[] {
  const tokens = parse(source, !!options.cyrillic);
  const blocks: TextBlock[] = [];
  const lists: { ordered: boolean; next: number }[] = [];
  let quoteDepth = 0;
  let itemMarker: string | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    switch (token.type) {
      case "heading_open":
        blocks.push({ kind: "heading", level: Number(token.tag.slice(1)), text: inlineText(tokens[i + 1]) });
        break;
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
        const text = inlineText(tokens[i + 1]);
        if (itemMarker !== null || (lists.length > 0 && token.hidden)) {
          blocks.push({ kind: "item", text, marker: itemMarker ?? "", depth: lists.length });
          itemMarker = null;
        } else if (quoteDepth > 0) blocks.push({ kind: "quote", text });
        else blocks.push({ kind: "paragraph", text });
        break;
      }
      case "fence":
      case "code_block":
        blocks.push({ kind: "code", text: token.content.replace(/\n$/, "") });
        break;
      case "html_block":
        // With html: false this does not occur; kept as text should that ever change.
        blocks.push({ kind: "paragraph", text: token.content });
        break;
    }
  }
  return blocks;
}
