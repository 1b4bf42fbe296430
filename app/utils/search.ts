/**
 * Accent-insensitive search text: "Novobërdë" → "novoberde", "Štrpce" →
 * "strpce". đ is a letter of its own (not d plus a mark) and people type it
 * both as "dj" and as "d", so a text with đ yields both spellings. SQLite has
 * no unaccent, so the app writes this folded text into a search column that
 * works the same on every database.
 */
export function foldForSearch(...parts: Array<string | null | undefined>): string {
  const text = parts.filter(Boolean).join(" ");
  const base = text.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
  if (!/[đ]/.test(base)) return collapse(base);
  return collapse(`${base.replace(/đ/g, "dj")} ${base.replace(/đ/g, "d")}`);
}

/** The folded form of what someone typed into a search box. */
export function foldQuery(query: string): string {
  return collapse(query.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase().replace(/đ/g, "dj"));
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
