import { createRequire } from "node:module";
import { Font, renderToBuffer } from "@react-pdf/renderer";
import type { ReactElement } from "react";

/**
 * Every printable document (guideline versions, sign-in sheets, attendance
 * lists, certificates) is rendered here. The standard PDF fonts have no
 * Cyrillic, so DejaVu Sans is embedded. react-pdf keeps a loaded font and the
 * subset of glyphs it embeds between documents (a later document then lacked
 * letters only it used), so the font is reloaded for every document and
 * documents are made one at a time.
 */
const require = createRequire(import.meta.url);
export const PDF_FONT = "DejaVu Sans";

let registered = false;
function registerFonts() {
  if (registered) return;
  Font.register({
    family: PDF_FONT,
    fonts: [
      { src: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf") },
      { src: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"), fontWeight: "bold" },
      { src: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf"), fontStyle: "italic" },
      { src: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-BoldOblique.ttf"), fontWeight: "bold", fontStyle: "italic" },
    ],
  });
  // Names are never split with hyphens the PDF reader would then copy.
  Font.registerHyphenationCallback((word) => [word]);
  registered = true;
}

function reloadFonts() {
  // Font.reset() forgets the font data but not the promise that loaded it, so the sources are reset here.
  const families = Font.getRegisteredFonts() as unknown as Record<string, { sources: { data: unknown; loadResultPromise: unknown }[] }>;
  for (const source of families[PDF_FONT]?.sources ?? []) {
    source.data = null;
    source.loadResultPromise = null;
  }
}

let queue: Promise<unknown> = Promise.resolve();

/** Renders a react-pdf document to bytes, one document at a time. */
export function renderPdf(document: () => ReactElement): Promise<Buffer> {
  const next = queue.then(() => {
    registerFonts();
    reloadFonts();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return renderToBuffer(document() as any);
  });
  queue = next.catch(() => undefined);
  return next;
}
