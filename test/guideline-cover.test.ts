// The printed cover of a guideline, set by an admin: the programme's name and
// the donor's disclaimer per language, and logos typed by their bytes and
// kept under DATA_DIR. The PDF prints them on the cover, in the reader's
// language where written, else the guideline's, and repeats the disclaimer in
// the colophon.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prisma } from "~/db.server";
import { addLogo, coverSettings, printedCover, removeLogo, saveCoverTexts } from "~/models/guideline-cover.server";
import { renderGuidelinePdf } from "~/models/guideline-pdf.server";
import { publishVersion, versionForReader } from "~/models/guideline-version.server";
import { addSection, createGuideline } from "~/models/guideline.server";
import { createUser } from "./helpers/factories";

const actor = (user: { id: string; roles: { role: string }[] }) => ({ id: user.id, roles: user.roles.map((r) => r.role) });
const DONOR_PNG = readFileSync(new URL("../prisma/demo-logos/donor.png", import.meta.url));
const PARTNER_PNG = readFileSync(new URL("../prisma/demo-logos/partner.png", import.meta.url));
const EN = {
  programme: "Sustainable returns programme",
  disclaimer: "This publication was produced with the financial support of the Donor. Its contents are the sole responsibility of the partners.",
};
const SR = {
  programme: "Program održivog povratka",
  disclaimer: "Ova publikacija je izrađena uz finansijsku podršku donatora. Za sadržaj su odgovorni partneri.",
};

let admin: ReturnType<typeof actor>;
let editor: ReturnType<typeof actor>;
let guidelineId: string;

beforeAll(async () => {
  admin = actor(await createUser({ roles: ["ADMIN"] }));
  editor = actor(await createUser({ roles: ["EDITOR"] }));
  await createGuideline(editor.id, { title: "Smernice za povratak", slug: "korica", summary: "", sourceLocale: "sr" });
  guidelineId = (await prisma.guideline.findUniqueOrThrow({ where: { slug: "korica" } })).id;
  await addSection(editor.id, guidelineId, { title: "Stanovanje", body: "Kuće se obnavljaju." });
  const revision = (await prisma.guideline.findUniqueOrThrow({ where: { id: guidelineId } })).revision;
  await publishVersion(editor.id, guidelineId, { changelog: "Prva verzija.", revision }, "https://durable.test");
});

describe("the cover's settings", () => {
  it("are an admin's to change: an editor is refused", async () => {
    expect(await saveCoverTexts(editor, guidelineId, { en: EN, sq: { programme: "", disclaimer: "" }, sr: SR })).toMatchObject({ ok: false, status: 403 });
    expect(await addLogo(editor, guidelineId, { role: "DONOR", name: "Donor", fileName: "donor.png", bytes: DONOR_PNG })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect((await coverSettings("korica"))!.texts.en).toEqual({ programme: "", disclaimer: "" });
  });

  it("keep each language's texts, and logos only as PNG or JPEG by their bytes", async () => {
    expect(await saveCoverTexts(admin, guidelineId, { en: EN, sq: { programme: "", disclaimer: "" }, sr: SR })).toEqual({ ok: true });
    const settings = (await coverSettings("korica"))!;
    expect(settings.texts).toEqual({ en: EN, sq: { programme: "", disclaimer: "" }, sr: SR });
    // A text file named .png, a GIF, and nothing at all are refused.
    expect(
      await addLogo(admin, guidelineId, { role: "DONOR", name: "Donor", fileName: "logo.png", bytes: new TextEncoder().encode("not an image") }),
    ).toMatchObject({
      ok: false,
      field: "file",
      message: "guidelines.cover.fileType",
    });
    const gif = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
    expect(await addLogo(admin, guidelineId, { role: "DONOR", name: "Donor", fileName: "logo.gif", bytes: gif })).toMatchObject({
      ok: false,
      message: "guidelines.cover.fileType",
    });
    expect(await addLogo(admin, guidelineId, { role: "DONOR", name: "Donor", fileName: "logo.png", bytes: new Uint8Array() })).toMatchObject({
      ok: false,
      message: "guidelines.cover.fileRequired",
    });
    expect(await addLogo(admin, guidelineId, { role: "DONOR", name: "Donor", fileName: "big.png", bytes: new Uint8Array(2 * 1024 * 1024) })).toMatchObject({
      ok: false,
      status: 413,
    });
    const donor = await addLogo(admin, guidelineId, { role: "DONOR", name: "The Donor", fileName: "donor.png", bytes: DONOR_PNG });
    const partner = await addLogo(admin, guidelineId, { role: "PARTNER", name: "The Partner", fileName: "partner.png", bytes: PARTNER_PNG });
    expect(donor.ok && partner.ok).toBe(true);
    // Kept under DATA_DIR, as the other uploads are.
    const stored = join(process.env.DATA_DIR!, "guideline-logos", guidelineId);
    expect(readdirSync(stored)).toHaveLength(2);
    expect((await coverSettings("korica"))!.logos.map((l) => [l.role, l.name])).toEqual([
      ["DONOR", "The Donor"],
      ["PARTNER", "The Partner"],
    ]);
  });

  it("are printed in the reader's language, else in the guideline's, Serbian in Cyrillic for Cyrillic readers", async () => {
    expect(await printedCover(guidelineId, "en")).toMatchObject(EN);
    // No Albanian text: the guideline's own language (Serbian) is printed.
    expect(await printedCover(guidelineId, "sq")).toMatchObject(SR);
    expect(await printedCover(guidelineId, "sr-Cyrl")).toMatchObject({ programme: "Програм одрживог повратка" });
  });
});

describe.skipIf(!existsSync("/usr/bin/pdftotext") && process.env.CI !== "true")("the PDF's cover", () => {
  it("carries the programme, both logos and the disclaimer, and the colophon repeats the disclaimer", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "durable-cover-")), "cover.pdf");
    writeFileSync(file, await renderGuidelinePdf((await versionForReader("korica", "en"))!.version, "en"));
    const page = (n: number) =>
      execFileSync("pdftotext", ["-enc", "UTF-8", "-f", String(n), "-l", String(n), file, "-"])
        .toString()
        .replace(/\s+/g, " ");
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file]).toString())![1]);
    expect(page(1)).toContain(EN.programme.toUpperCase());
    expect(page(1)).toContain(EN.disclaimer);
    expect(page(pages)).toContain(EN.disclaimer);
    const images = execFileSync("pdfimages", ["-list", file]).toString().trim().split("\n").slice(2);
    expect(images.map((line) => line.trim().split(/\s+/)[0])).toEqual(["1", "1"]);

    // Removed, a logo is gone from the next PDF and from the disk.
    const logo = (await coverSettings("korica"))!.logos.find((l) => l.role === "PARTNER")!;
    expect(await removeLogo(editor, guidelineId, logo.id)).toMatchObject({ ok: false, status: 403 });
    expect(await removeLogo(admin, guidelineId, logo.id)).toEqual({ ok: true });
    expect(readdirSync(join(process.env.DATA_DIR!, "guideline-logos", guidelineId))).toHaveLength(1);
    writeFileSync(file, await renderGuidelinePdf((await versionForReader("korica", "en"))!.version, "en"));
    expect(execFileSync("pdfimages", ["-list", file]).toString().trim().split("\n").slice(2)).toHaveLength(1);
  });
});
