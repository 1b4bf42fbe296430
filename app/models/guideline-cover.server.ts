import { prisma } from "~/db.server";
import { recordAudit } from "~/models/audit.server";
import { checkFile, readStoredFile, removeStoredFile, storeFile, type FileKind } from "~/models/uploaded-file.server";
import { contentLanguage, inReaderScript } from "~/utils/content-language";
import { GUIDELINE_LANGUAGES, type GuidelineLanguage } from "~/utils/guidelines";
import type { Locale } from "~/utils/i18n";
import { can, type Permission } from "~/utils/permissions.server";
import { refusalOf, refusals, type Refusal } from "~/utils/refusal";

/**
 * What a guideline's printed cover carries for its donors: the programme's
 * name and the funding disclaimer in each language, and the donors' and
 * partners' logos. Admins set it per guideline; the PDF prints it on the
 * cover and repeats the disclaimer in the colophon. Logos are PNG or JPEG
 * (what the PDF can embed), typed by their bytes and stored under
 * $DATA_DIR/guideline-logos/<guideline>/.
 */

export const LOGO_MAX_BYTES = 1024 * 1024;
export const LOGOS_PER_GUIDELINE = 8;
const ACCEPTED: readonly FileKind[] = ["png", "jpg"];
const FOLDER = "guideline-logos";
export const LOGO_ROLES = ["DONOR", "PARTNER"] as const;
export type LogoRole = (typeof LOGO_ROLES)[number];

export const COVER_REFUSALS = refusals({
  forbidden: { status: 403, message: "errors.forbidden" },
  notFound: { status: 404, message: "errors.notFound" },
  tooMany: { status: 400, message: "guidelines.cover.tooManyLogos", field: "file" },
  empty: { status: 400, message: "guidelines.cover.fileRequired", field: "file" },
  tooLarge: { status: 413, message: "guidelines.cover.fileTooLarge", field: "file" },
  type: { status: 400, message: "guidelines.cover.fileType", field: "file" },
  mismatch: { status: 400, message: "guidelines.cover.fileType", field: "file" },
});

type Actor = { id: string; roles: readonly string[] };
const allowed = (actor: Actor, permission: Permission) => can({ roles: actor.roles as never }, permission);

export type CoverTexts = Record<GuidelineLanguage, { programme: string; disclaimer: string }>;

/** The cover as the admin page edits it: the texts of every language (empty where none) and the logos in order. */
export async function coverSettings(slug: string) {
  const guideline = await prisma.guideline.findUnique({
    where: { slug },
    include: { coverTexts: true, logos: { orderBy: [{ role: "asc" }, { position: "asc" }] } },
  });
  if (!guideline) return null;
  const texts = Object.fromEntries(
    GUIDELINE_LANGUAGES.map((language) => {
      const text = guideline.coverTexts.find((t) => t.locale === language);
      return [language, { programme: text?.programme ?? "", disclaimer: text?.disclaimer ?? "" }];
    }),
  ) as CoverTexts;
  return {
    guideline: { id: guideline.id, slug: guideline.slug, title: guideline.title },
    texts,
    logos: guideline.logos.map((l) => ({ id: l.id, role: l.role as LogoRole, name: l.name, fileName: l.fileName })),
  };
}

/** Saves the cover's texts in every language at once (an empty text prints nothing). */
export async function saveCoverTexts(actor: Actor, guidelineId: string, texts: CoverTexts): Promise<{ ok: true } | Refusal> {
  if (!allowed(actor, "guidelines:cover")) return refusalOf(COVER_REFUSALS, "forbidden");
  return prisma.$transaction(async (tx) => {
    if (!(await tx.guideline.findUnique({ where: { id: guidelineId }, select: { id: true } }))) return refusalOf(COVER_REFUSALS, "notFound");
    for (const locale of GUIDELINE_LANGUAGES) {
      const text = { programme: texts[locale].programme.trim(), disclaimer: texts[locale].disclaimer.trim() };
      await tx.guidelineCoverText.upsert({
        where: { guidelineId_locale: { guidelineId, locale } },
        create: { guidelineId, locale, ...text },
        update: text,
      });
    }
    await recordAudit(tx, { actorId: actor.id, action: "guideline.cover_saved", subjectType: "Guideline", subjectId: guidelineId, details: {} });
    return { ok: true as const };
  });
}

/** Adds a donor's or partner's logo at the end of its row: PNG or JPEG by its bytes, at most 1 MB. */
export async function addLogo(
  actor: Actor,
  guidelineId: string,
  input: { role: LogoRole; name: string; fileName: string; bytes: Uint8Array },
): Promise<{ ok: true; logoId: string } | Refusal> {
  if (!allowed(actor, "guidelines:cover")) return refusalOf(COVER_REFUSALS, "forbidden");
  if (!(await prisma.guideline.findUnique({ where: { id: guidelineId }, select: { id: true } }))) return refusalOf(COVER_REFUSALS, "notFound");
  if ((await prisma.guidelineLogo.count({ where: { guidelineId } })) >= LOGOS_PER_GUIDELINE) return refusalOf(COVER_REFUSALS, "tooMany");
  const checked = await checkFile(input, { accepted: ACCEPTED, maxBytes: LOGO_MAX_BYTES });
  if (!checked.ok) return refusalOf(COVER_REFUSALS, checked.reason);
  const logo = await storeFile(FOLDER, guidelineId, checked.ext, input.bytes, (storagePath) =>
    prisma.$transaction(async (tx) => {
      const last = await tx.guidelineLogo.findFirst({ where: { guidelineId, role: input.role }, orderBy: { position: "desc" } });
      const created = await tx.guidelineLogo.create({
        data: {
          guidelineId,
          role: input.role,
          name: input.name.trim(),
          position: (last?.position ?? 0) + 1,
          fileName: checked.fileName.slice(0, 200),
          contentType: checked.contentType,
          size: input.bytes.byteLength,
          sha256: checked.sha256,
          storagePath,
          uploadedById: actor.id,
        },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "guideline.logo_added",
        subjectType: "Guideline",
        subjectId: guidelineId,
        details: { logoId: created.id, role: input.role, type: checked.ext, size: created.size },
      });
      return created;
    }),
  );
  return { ok: true, logoId: logo.id };
}

/** Removes a logo from a guideline's cover (published PDFs are made on request, so the next one is without it). */
export async function removeLogo(actor: Actor, guidelineId: string, logoId: string): Promise<{ ok: true } | Refusal> {
  if (!allowed(actor, "guidelines:cover")) return refusalOf(COVER_REFUSALS, "forbidden");
  const logo = await prisma.guidelineLogo.findFirst({ where: { id: logoId, guidelineId } });
  if (!logo) return refusalOf(COVER_REFUSALS, "notFound");
  await prisma.$transaction(async (tx) => {
    await tx.guidelineLogo.delete({ where: { id: logo.id } });
    await recordAudit(tx, { actorId: actor.id, action: "guideline.logo_removed", subjectType: "Guideline", subjectId: guidelineId, details: { logoId } });
  });
  await removeStoredFile(FOLDER, logo.storagePath);
  return { ok: true };
}

/** A logo's bytes and type, for the admin page's preview. */
export async function logoFile(guidelineId: string, logoId: string) {
  const logo = await prisma.guidelineLogo.findFirst({ where: { id: logoId, guidelineId } });
  if (!logo) return null;
  return { bytes: await readStoredFile(FOLDER, logo.storagePath), contentType: logo.contentType, fileName: logo.fileName };
}

export type PrintedCover = {
  programme: string;
  disclaimer: string;
  donors: { name: string; data: Buffer; format: "png" | "jpg" }[];
  partners: { name: string; data: Buffer; format: "png" | "jpg" }[];
};

/**
 * The cover as printed for a reader of `locale`: the texts in the reader's
 * language, else in the guideline's own language, else in English (a donor's
 * disclaimer is never left out because one language lacks it); Serbian is
 * transliterated for Cyrillic readers.
 */
export async function printedCover(guidelineId: string, locale: Locale): Promise<PrintedCover> {
  const guideline = await prisma.guideline.findUniqueOrThrow({
    where: { id: guidelineId },
    include: { coverTexts: true, logos: { orderBy: { position: "asc" } } },
  });
  const wanted = [locale === "sr-Cyrl" ? "sr" : locale, guideline.sourceLocale, "en"];
  const pick = (field: "programme" | "disclaimer") => {
    for (const language of wanted) {
      const text = guideline.coverTexts.find((t) => t.locale === language)?.[field];
      if (text) return inReaderScript(text, contentLanguage(language), locale);
    }
    return "";
  };
  const logos = await Promise.all(
    guideline.logos.map(async (logo) => ({
      role: logo.role,
      name: logo.name,
      data: await readStoredFile(FOLDER, logo.storagePath),
      format: (logo.contentType === "image/png" ? "png" : "jpg") as "png" | "jpg",
    })),
  );
  return {
    programme: pick("programme"),
    disclaimer: pick("disclaimer"),
    donors: logos.filter((l) => l.role === "DONOR").map(({ name, data, format }) => ({ name, data, format })),
    partners: logos.filter((l) => l.role === "PARTNER").map(({ name, data, format }) => ({ name, data, format })),
  };
}
