// A guideline version printed for a donor: a cover, contents with the page
// each part starts on, a running header with the title and version and a
// footer with the page on every page after the cover, and a colophon with
// the version, its date and the credited contributors. Checked in the PDF's
// text (pdftotext, page by page) and in its pages as images (pdftoppm).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prisma } from "~/db.server";
import { latinToCyrillic } from "~/locales/transliterate";
import en from "~/locales/en";
import sr from "~/locales/sr";
import { decideContribution, createContribution, submitContribution } from "~/models/contribution.server";
import { renderGuidelinePdf } from "~/models/guideline-pdf.server";
import { publishVersion, versionForReader } from "~/models/guideline-version.server";
import { addSection, createGuideline, placeContribution } from "~/models/guideline.server";
import type { Locale } from "~/utils/i18n";
import { seed } from "../prisma/seed";
import { createUser } from "./helpers/factories";

const actor = (user: { id: string; roles: { role: string }[] }) => ({ id: user.id, roles: user.roles.map((r) => r.role) }) as never;

const popplerMissing = (() => {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    execFileSync("pdftoppm", ["-v"], { stdio: "ignore" });
    return false;
  } catch {
    return true;
  }
})();

const fill = (template: string, values: Record<string, string | number>) => template.replace(/{{(\w+)}}/g, (_, key: string) => String(values[key]));
const flat = (text: string) => text.replace(/\s+/g, " ").trim();

/** The PDF's text, page by page (pdftotext separates pages with a form feed). */
function pagesOf(file: string): string[] {
  return execFileSync("pdftotext", ["-enc", "UTF-8", "-layout", file, "-"]).toString().split("\f").slice(0, -1).map(flat);
}

/** Each page as a greyscale image (PGM), for looking at where ink is. */
function imagesOf(file: string, dir: string): { width: number; height: number; pixels: Buffer }[] {
  execFileSync("pdftoppm", ["-r", "40", "-gray", file, join(dir, "page")]);
  return readdirSync(dir)
    .filter((name) => name.startsWith("page") && name.endsWith(".pgm"))
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name));
      const [, width, height, max] = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 40).toString("latin1"))!;
      const header = bytes
        .subarray(0, 40)
        .toString("latin1")
        .match(/^P5\s+\d+\s+\d+\s+\d+\s/)![0].length;
      expect(Number(max)).toBe(255);
      return { width: Number(width), height: Number(height), pixels: bytes.subarray(header) };
    });
}

/** The share of dark pixels in a band of rows (0 at the top, 1 at the bottom). */
function inkIn(image: { width: number; height: number; pixels: Buffer }, from: number, to: number): number {
  let dark = 0;
  const rows = [Math.floor(image.height * from), Math.floor(image.height * to)];
  for (let y = rows[0]; y < rows[1]; y++) for (let x = 0; x < image.width; x++) if (image.pixels[y * image.width + x] < 160) dark++;
  return dark / ((rows[1] - rows[0]) * image.width);
}

describe.skipIf(popplerMissing && process.env.CI !== "true")("the printed guideline", () => {
  const LONG = Array.from(
    { length: 60 },
    (_, i) => `Korak ${i + 1}: opština beleži zahtev povratnika, proverava dokumenta i zakazuje posetu terenskog tima.`,
  ).join("\n\n");

  beforeAll(async () => {
    await seed(process.env.DATABASE_URL, { demoUsers: false });
    const editor = await createUser({ roles: ["EDITOR"] });
    const writer = await createUser({ roles: ["MEMBER"], name: "Arta Krasniqi", locale: "sq" });
    const coWriter = await createUser({ roles: ["MEMBER"], name: "Milan Jovanović" });
    await createGuideline(editor.id, { title: "Smernice za reintegraciju", slug: "stampa", summary: "Iskustva opština.", sourceLocale: "sr" });
    const guideline = await prisma.guideline.findUniqueOrThrow({ where: { slug: "stampa" } });
    await addSection(editor.id, guideline.id, { title: "Prijem povratnika", body: LONG });
    await addSection(editor.id, guideline.id, { title: "Stanovanje", body: "Kuće se obnavljaju po redu prijava." });
    await addSection(editor.id, guideline.id, { title: "Dokumenta", body: "Lična dokumenta su prvi korak." });
    const themeId = (await prisma.theme.findFirstOrThrow()).id;
    const created = await createContribution(actor(writer), {
      title: "Zyra e përbashkët",
      summary: "",
      body: "Të kthyerit gjetën çdo shërbim.",
      themeId,
      coAuthors: coWriter.email,
      locale: "sq",
    });
    if (!created.ok) throw new Error(created.message);
    const id = created.contributionId;
    const version = async () => (await prisma.contribution.findUniqueOrThrow({ where: { id } })).version;
    await submitContribution(actor(writer), id, await version());
    expect(await decideContribution(actor(editor), id, { decision: "ACCEPTED", reason: "", version: await version() }, "https://durable.test")).toMatchObject({
      ok: true,
    });
    const section = await prisma.guidelineSection.findFirstOrThrow({ where: { guidelineId: guideline.id, title: "Stanovanje" } });
    await placeContribution(editor.id, section.id, id);
    const revision = (await prisma.guideline.findUniqueOrThrow({ where: { id: guideline.id } })).revision;
    expect(await publishVersion(editor.id, guideline.id, { changelog: "Prva verzija.", revision }, "https://durable.test")).toMatchObject({ ok: true });
  });

  for (const [locale, messages, script] of [
    ["en", en, (text: string) => text],
    ["sr-Cyrl", sr, latinToCyrillic],
  ] as const) {
    it(`in ${locale}: contents with the right page numbers, a running header and footer, and a colophon`, async () => {
      const view = (await versionForReader("stampa", locale as Locale))!;
      const dir = mkdtempSync(join(tmpdir(), "durable-pdf-"));
      const file = join(dir, "v1.pdf");
      writeFileSync(file, await renderGuidelinePdf(view.version, locale as Locale));
      const pages = pagesOf(file);
      const pdf = messages.guidelines.pdf;
      const tr = (text: string) => (locale === "sr-Cyrl" ? latinToCyrillic(text) : text);
      expect(pages.length).toBeGreaterThanOrEqual(6);

      // Every page after the cover: the title and version on top, the page and count below.
      pages.slice(1).forEach((text, i) => {
        expect(text, `page ${i + 2}`).toContain(script("Smernice za reintegraciju"));
        expect(text, `page ${i + 2}`).toContain(tr(fill(pdf.runningVersion, { number: 1 })));
        expect(text, `page ${i + 2}`).toContain(tr(fill(pdf.page, { page: i + 2, pages: pages.length })));
      });
      expect(pages[0]).not.toContain(tr(fill(pdf.page, { page: 1, pages: pages.length })));

      // The contents give, for each part, the page its heading is really on.
      const contents = pages.findIndex((text) => text.includes(tr(pdf.contents)));
      expect(contents).toBe(1);
      const parts = [
        ["1. ", script("Prijem povratnika")],
        ["2. ", script("Stanovanje")],
        ["3. ", script("Dokumenta")],
        ["", tr(pdf.credits)],
        ["", tr(pdf.colophon)],
      ];
      const header = `${script("Smernice za reintegraciju")} ${tr(fill(pdf.runningVersion, { number: 1 }))}`;
      let previous = contents + 1;
      for (const [number, title] of parts) {
        const match = new RegExp(`${number.replace(".", "\\.")}${title} (\\d+)`).exec(pages[contents]);
        expect(match, `${title} in the contents`).not.toBeNull();
        const page = Number(match![1]);
        expect(page).toBeGreaterThan(previous - 1);
        // Its heading is the first thing on that page below the running header.
        expect(pages[page - 1].startsWith(`${header} ${number}${title}`), `${title} starts page ${page}`).toBe(true);
        previous = page;
      }
      // The long first section runs over two pages: the second section starts later than the page after it.
      const second = Number(new RegExp(`2\\. ${script("Stanovanje")} (\\d+)`).exec(pages[contents])![1]);
      const first = Number(new RegExp(`1\\. ${script("Prijem povratnika")} (\\d+)`).exec(pages[contents])![1]);
      expect(second - first).toBeGreaterThanOrEqual(2);

      // The colophon: version, date, and each contributor once.
      const colophon = pages[pages.length - 1];
      expect(colophon).toContain(tr(pdf.colophon));
      expect(colophon).toContain(tr(fill(pdf.colophonVersion, { number: 1, date: "" })).replace(/\s*$/, ""));
      expect(colophon).toContain(tr(pdf.contributors));
      expect(colophon).toContain("Arta Krasniqi, Milan Jovanović");

      // As images: header and footer have ink on every page after the cover, in their own bands, and the text leaves the side margins clear.
      const images = imagesOf(file, dir);
      expect(images.length).toBe(pages.length);
      images.slice(1).forEach((image, i) => {
        expect(inkIn(image, 0.02, 0.05), `header of page ${i + 2}`).toBeGreaterThan(0.0003);
        expect(inkIn(image, 0.94, 0.975), `footer of page ${i + 2}`).toBeGreaterThan(0.0003);
        // Nothing is drawn at the very edges of the paper.
        expect(inkIn(image, 0, 0.015), `top edge of page ${i + 2}`).toBe(0);
        expect(inkIn(image, 0.985, 1), `bottom edge of page ${i + 2}`).toBe(0);
        let margin = 0;
        for (let y = 0; y < image.height; y++) for (let x = 0; x < Math.floor(image.width * 0.06); x++) if (image.pixels[y * image.width + x] < 160) margin++;
        expect(margin, `left margin of page ${i + 2}`).toBe(0);
      });
    });
  }
});
