import { createHash, randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { databaseEngine } from "~/db-adapter.server";
import { prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import type { Community, Gender, OrganisationType } from "~/generated/prisma/enums";
import { recordAudit } from "~/models/audit.server";
import { personSearchText } from "~/models/person.server";
import type { SessionUser } from "~/utils/auth.server";
import { notFoundRefusal, refusals, type Refusal } from "~/utils/refusal";
import { IMPORT_FIELDS, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, type ImportField, type PersonLocale } from "~/utils/directory";
import { foldForSearch, foldQuery } from "~/utils/search";

/**
 * Importing the programme's spreadsheets: read the file, guess which column
 * is which, show every row's problems by its line number, and write nothing
 * until the trainer confirms. Confirming imports the good rows of exactly
 * what was previewed (kept in DirectoryImport) in one transaction.
 *
 * People already in the directory (same email) are skipped, never
 * overwritten: a trainer's later corrections win over an old spreadsheet, and
 * importing the same file twice adds nobody.
 */

export type SheetRow = { line: number; cells: string[] };
export type Sheet = { header: string[]; rows: SheetRow[] };
export type Mapping = Partial<Record<ImportField, number>>;

export type FileError = "empty" | "wrongType" | "tooLarge" | "noRows" | "tooManyRows" | "unreadable";

/** How a refused upload is said, beside the file field; a file too large is 413 however it was found out. */
export const IMPORT_REFUSALS = refusals<FileError | "missingFile">({
  missingFile: { status: 400, message: "directory.import.errors.missingFile", field: "file" },
  empty: { status: 400, message: "directory.import.errors.empty", field: "file" },
  wrongType: { status: 400, message: "directory.import.errors.wrongType", field: "file" },
  tooLarge: { status: 413, message: "directory.import.errors.tooLarge", field: "file" },
  noRows: { status: 400, message: "directory.import.errors.noRows", field: "file" },
  tooManyRows: { status: 400, message: "directory.import.errors.tooManyRows", field: "file" },
  unreadable: { status: 400, message: "directory.import.errors.unreadable", field: "file" },
});

// --- Reading the file ---------------------------------------------------------

function isZip(bytes: Uint8Array) {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Spreadsheet programmes in the region save CSV as UTF-8 or as Windows-1250 (Central European). */
function decodeText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null; // binary, not text
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return new TextDecoder("windows-1250").decode(bytes);
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text; // hyperlinks, e.g. mailto: cells
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("error" in value) return "";
  }
  return String(value);
}

async function readXlsx(bytes: Uint8Array): Promise<string[][] | null> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    rows[rowNumber - 1] = values.slice(1).map((v) => cellText(v).trim());
  });
  return Array.from(rows, (r) => r ?? []);
}

/** Reads a CSV or XLSX file into a header and numbered rows (line numbers as the spreadsheet shows them). */
export async function readSpreadsheet(fileName: string, bytes: Uint8Array): Promise<{ ok: true; sheet: Sheet } | { ok: false; error: FileError }> {
  if (bytes.length === 0) return { ok: false, error: "empty" };
  if (bytes.length > IMPORT_MAX_BYTES) return { ok: false, error: "tooLarge" };
  const lower = fileName.toLowerCase();
  let grid: string[][] | null;
  if (lower.endsWith(".xlsx")) {
    if (!isZip(bytes)) return { ok: false, error: "wrongType" };
    grid = await readXlsx(bytes);
    if (!grid) return { ok: false, error: "unreadable" };
  } else if (lower.endsWith(".csv") || lower.endsWith(".txt")) {
    const text = decodeText(bytes);
    if (text === null) return { ok: false, error: "wrongType" };
    grid = Papa.parse<string[]>(text, { skipEmptyLines: false }).data.map((r) => r.map((c) => String(c ?? "").trim()));
  } else {
    return { ok: false, error: "wrongType" };
  }
  const numbered = grid.map((cells, i) => ({ line: i + 1, cells })).filter((r) => r.cells.some((c) => c !== ""));
  if (numbered.length === 0) return { ok: false, error: "empty" };
  const [head, ...rows] = numbered;
  if (rows.length === 0) return { ok: false, error: "noRows" };
  if (rows.length > IMPORT_MAX_ROWS) return { ok: false, error: "tooManyRows" };
  return { ok: true, sheet: { header: head.cells, rows } };
}

// --- Guessing the columns -------------------------------------------------------

function norm(text: string) {
  return foldQuery(text).replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/** Column headings seen in the programme's spreadsheets, in English, Albanian and Serbian. */
const HEADINGS: Record<ImportField, string[]> = {
  name: ["name", "full name", "name and surname", "participant", "emri", "emri dhe mbiemri", "emri mbiemri", "emri i plote", "ime", "ime i prezime", "ime prezime", "ucesnik"],
  email: ["email", "e mail", "mail", "email address", "e posta", "posta elektronike", "adresa e emailit", "email adresa", "imejl"],
  phone: ["phone", "telephone", "tel", "mobile", "phone number", "telefoni", "telefon", "numri i telefonit", "nr tel", "broj telefona", "mobilni", "kontakt"],
  organisation: ["organisation", "organization", "institution", "organizata", "institucioni", "organizata institucioni", "organizacija", "institucija"],
  organisationType: ["organisation type", "organization type", "type", "lloji", "lloji i organizates", "tip", "tip organizacije", "vrsta organizacije"],
  municipality: ["municipality", "komuna", "opstina", "komuna opstina", "opstina komuna", "municipality komuna"],
  position: ["position", "job title", "title", "role", "function", "pozita", "funksioni", "pozicioni", "pozicija", "funkcija", "radno mesto"],
  language: ["language", "preferred language", "gjuha", "gjuha e preferuar", "jezik", "zeljeni jezik"],
  gender: ["gender", "sex", "gjinia", "pol", "rod"],
  community: ["community", "ethnicity", "komuniteti", "etnia", "perkatesia etnike", "zajednica", "nacionalnost", "etnicka pripadnost"],
};

const HEADING_INDEX = new Map<string, ImportField>(
  IMPORT_FIELDS.flatMap((field) => HEADINGS[field].map((h) => [norm(h), field] as const)),
);

/** Which column holds which field, guessed from the headings; the first column that fits a field wins. */
export function guessMapping(header: string[]): Mapping {
  const mapping: Mapping = {};
  header.forEach((heading, index) => {
    const field = HEADING_INDEX.get(norm(heading));
    if (field && mapping[field] === undefined) mapping[field] = index;
  });
  return mapping;
}

// --- Reading values -------------------------------------------------------------

function table<T extends string>(entries: Record<T, string[]>): Map<string, T> {
  return new Map(Object.entries<string[]>(entries).flatMap(([value, words]) => [value, ...words].map((w) => [norm(w), value as T] as const)));
}

const GENDER_WORDS = table<Gender>({
  WOMAN: ["woman", "female", "f", "w", "grua", "femer", "femre", "f/femer", "zena", "zensko", "z"],
  MAN: ["man", "male", "m", "burre", "mashkull", "meshkuj", "muskarac", "musko"],
  OTHER: ["other", "tjeter", "drugo"],
  PREFER_NOT_TO_SAY: ["prefer not to say", "nuk deshiroj te them", "ne zelim da kazem", "n/a"],
});

const COMMUNITY_WORDS = table<Community>({
  KOSOVO_ALBANIAN: ["kosovo albanian", "albanian", "shqiptar", "shqiptare", "shqiptar i kosoves", "albanac", "albanka", "kosovski albanac"],
  KOSOVO_SERB: ["kosovo serb", "serb", "serbian", "serb i kosoves", "srbin", "srpkinja", "srpska", "kosovski srbin"],
  ROMA: ["roma", "rom", "rome", "romkinja"],
  ASHKALI: ["ashkali", "ashkalli", "askalija", "askalijka", "ashkalije"],
  EGYPTIAN: ["egyptian", "egjiptian", "egjiptiane", "egipcanin", "egipcanka"],
  BOSNIAK: ["bosniak", "boshnjak", "boshnjake", "bosnjak", "bosnjakinja"],
  GORANI: ["gorani", "goran", "goranac", "goranka"],
  TURKISH: ["turkish", "turk", "turq", "turke", "turcin", "turkinja"],
  OTHER: ["other", "tjeter", "drugo"],
  PREFER_NOT_TO_SAY: ["prefer not to say", "nuk deshiroj te them", "ne zelim da kazem"],
});

const LANGUAGE_WORDS = table<PersonLocale>({
  sq: ["albanian", "shqip", "shqipe", "alb", "albanski", "gjuha shqipe"],
  sr: ["serbian", "srpski", "serbisht", "srp", "sr-latn", "sr latn", "serbian latin", "srpski latinica", "latinica"],
  "sr-Cyrl": ["serbian cyrillic", "cyrillic", "sr-cyrl", "srpski cirilica", "cirilica", "serbisht cirilik", "српски", "ћирилица", "српски ћирилица"],
  en: ["english", "anglisht", "engleski", "eng"],
});

const ORGANISATION_TYPE_WORDS = table<OrganisationType>({
  MUNICIPALITY: ["municipality", "komuna", "opstina", "local government"],
  CENTRAL_INSTITUTION: ["central institution", "ministry", "institucion qendror", "ministria", "centralna institucija", "ministarstvo"],
  CIVIL_SOCIETY: ["civil society", "cso", "ngo local", "oshc", "shoqeri civile", "civilno drustvo", "ocd", "nvo"],
  INTERNATIONAL: ["international", "international organisation", "un", "ngo", "nderkombetare", "organizate nderkombetare", "medjunarodna", "medjunarodna organizacija"],
  COMMUNITY_REPRESENTATIVE: ["community representative", "perfaqesues i komunitetit", "predstavnik zajednice"],
  OTHER: ["other", "tjeter", "drugo"],
});

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// --- The preview ----------------------------------------------------------------

export type RowProblem =
  | { code: "missingName" }
  | { code: "missingEmail" }
  | { code: "invalidEmail" }
  | { code: "unknownMunicipality"; value: string }
  | { code: "unknownGender"; value: string }
  | { code: "unknownCommunity"; value: string }
  | { code: "unknownLanguage"; value: string }
  | { code: "unknownOrganisationType"; value: string }
  | { code: "duplicateInFile"; line: number };

export type PreparedPerson = {
  line: number;
  name: string;
  email: string;
  phone: string | null;
  position: string | null;
  locale: PersonLocale;
  municipalityId: string | null;
  organisation: { id: string } | { name: string; type: OrganisationType } | null;
  gender: Gender | null;
  community: Community | null;
};

export type ImportPreview = {
  total: number;
  ready: PreparedPerson[];
  /** Rows of people already in the directory (same email): skipped. */
  existing: Array<{ line: number; email: string }>;
  problems: Array<{ line: number; problems: RowProblem[] }>;
  /** Organisations the import will add. */
  newOrganisations: string[];
};

type Lookups = {
  municipalities: Map<string, string>;
  organisations: Map<string, string>;
  existingEmails: Set<string>;
};

async function loadLookups(db: Pick<typeof prisma, "municipality" | "organisation" | "person">): Promise<Lookups> {
  const [municipalities, organisations, people] = await Promise.all([
    db.municipality.findMany(),
    db.organisation.findMany({ select: { id: true, name: true } }),
    db.person.findMany({ where: { email: { not: null } }, select: { email: true } }),
  ]);
  const byName = new Map<string, string>();
  for (const m of municipalities) {
    for (const name of [m.nameSq, m.nameSr, m.nameEn, m.slug]) byName.set(norm(name), m.id);
  }
  return {
    municipalities: byName,
    organisations: new Map(organisations.map((o) => [norm(o.name), o.id])),
    existingEmails: new Set(people.map((p) => p.email!)),
  };
}

/** Checks every row against the directory; writes nothing. */
export function previewRows(sheet: Sheet, mapping: Mapping, lookups: Lookups): ImportPreview {
  const preview: ImportPreview = { total: sheet.rows.length, ready: [], existing: [], problems: [], newOrganisations: [] };
  const seenEmails = new Map<string, number>();
  const newOrganisations = new Map<string, string>();
  const cell = (row: SheetRow, field: ImportField) => {
    const index = mapping[field];
    return index === undefined ? "" : (row.cells[index] ?? "").trim();
  };
  for (const row of sheet.rows) {
    const problems: RowProblem[] = [];
    const name = cell(row, "name");
    const email = cell(row, "email").toLowerCase().replace(/^mailto:/, "");
    if (!name) problems.push({ code: "missingName" });
    if (!email) problems.push({ code: "missingEmail" });
    else if (!EMAIL.test(email)) problems.push({ code: "invalidEmail" });

    const municipalityText = cell(row, "municipality");
    const municipalityId = municipalityText ? lookups.municipalities.get(norm(municipalityText)) ?? null : null;
    if (municipalityText && !municipalityId) problems.push({ code: "unknownMunicipality", value: municipalityText });

    const pick = <T extends string>(field: ImportField, words: Map<string, T>, code: "unknownGender" | "unknownCommunity" | "unknownLanguage" | "unknownOrganisationType") => {
      const text = cell(row, field);
      if (!text) return null;
      const value = words.get(norm(text));
      if (!value) problems.push({ code, value: text });
      return value ?? null;
    };
    const gender = pick("gender", GENDER_WORDS, "unknownGender");
    const community = pick("community", COMMUNITY_WORDS, "unknownCommunity");
    const locale = pick("language", LANGUAGE_WORDS, "unknownLanguage") ?? "sq";
    const organisationType = pick("organisationType", ORGANISATION_TYPE_WORDS, "unknownOrganisationType") ?? "OTHER";

    if (email && EMAIL.test(email)) {
      const first = seenEmails.get(email);
      if (first !== undefined) problems.push({ code: "duplicateInFile", line: first });
      else seenEmails.set(email, row.line);
    }
    if (problems.length) {
      preview.problems.push({ line: row.line, problems });
      continue;
    }
    if (lookups.existingEmails.has(email)) {
      preview.existing.push({ line: row.line, email });
      continue;
    }
    const organisationName = cell(row, "organisation");
    let organisation: PreparedPerson["organisation"] = null;
    if (organisationName) {
      const key = norm(organisationName);
      const id = lookups.organisations.get(key);
      if (id) organisation = { id };
      else {
        if (!newOrganisations.has(key)) newOrganisations.set(key, organisationName);
        organisation = { name: newOrganisations.get(key)!, type: organisationType };
      }
    }
    preview.ready.push({
      line: row.line,
      name,
      email,
      phone: cell(row, "phone") || null,
      position: cell(row, "position") || null,
      locale,
      municipalityId,
      organisation,
      gender,
      community,
    });
  }
  preview.newOrganisations = [...newOrganisations.values()];
  return preview;
}

// --- Upload, preview, confirm -----------------------------------------------------

type NewPerson = {
  name: string;
  email: string;
  phone: string | null;
  position: string | null;
  locale: string;
  municipalityId: string | null;
  organisationId: string | null;
  gender: Gender | null;
  community: Community | null;
  createdById: string;
  searchText: string;
};

const PERSON_COLUMNS = ["id", "name", "email", "phone", "position", "locale", "municipalityId", "organisationId", "gender", "community", "createdById", "searchText", "createdAt", "updatedAt"];
const ROWS_PER_INSERT = 1000; // 14 parameters a row, well under SQLite's 32,766 and PostgreSQL's 65,535

/**
 * Inserts many people with multi-row INSERTs. Prisma's createMany spends
 * about 0.7 ms a row in its own query processing (3.5 s for 5,000 rows,
 * measured); these statements take a fifth of that. Prisma.sql writes each
 * engine's placeholders; PostgreSQL's enum columns take a text parameter
 * only through a CAST, which SQLite must not get (it would turn the text
 * into a number).
 */
async function insertPeople(tx: Prisma.TransactionClient, people: NewPerson[]): Promise<number> {
  const now = new Date();
  const postgresql = databaseEngine() === "postgresql";
  const asEnum = (value: string | null, type: "Gender" | "Community") =>
    postgresql ? Prisma.sql`CAST(${value} AS "${Prisma.raw(type)}")` : Prisma.sql`${value}`;
  const columns = Prisma.raw(PERSON_COLUMNS.map((c) => `"${c}"`).join(","));
  let count = 0;
  for (let i = 0; i < people.length; i += ROWS_PER_INSERT) {
    const rows = people.slice(i, i + ROWS_PER_INSERT).map(
      (p) =>
        Prisma.sql`(${`c${randomBytes(12).toString("hex")}`}, ${p.name}, ${p.email}, ${p.phone}, ${p.position}, ${p.locale}, ${p.municipalityId}, ${p.organisationId}, ${asEnum(p.gender, "Gender")}, ${asEnum(p.community, "Community")}, ${p.createdById}, ${p.searchText}, ${now}, ${now})`,
    );
    count += await tx.$executeRaw`INSERT INTO "Person" (${columns}) VALUES ${Prisma.join(rows)}`;
  }
  return count;
}

function parseStored(upload: { rows: string; mapping: string }) {
  return { sheet: JSON.parse(upload.rows) as Sheet, mapping: JSON.parse(upload.mapping) as Mapping };
}

/** Keeps an uploaded file's rows for preview, with the guessed mapping. Nothing enters the directory yet. */
export async function startImport(actor: SessionUser, fileName: string, bytes: Uint8Array) {
  const read = await readSpreadsheet(fileName, bytes);
  if (!read.ok) return read;
  // Uploads nobody confirmed hold personal data for nothing: keep them a day at most.
  await prisma.directoryImport.deleteMany({ where: { confirmedAt: null, createdAt: { lt: new Date(Date.now() - 24 * 60 * 60_000) } } });
  const upload = await prisma.directoryImport.create({
    data: {
      createdById: actor.id,
      fileName: fileName.slice(0, 200),
      fileSha256: createHash("sha256").update(bytes).digest("hex"),
      rows: JSON.stringify(read.sheet),
      mapping: JSON.stringify(guessMapping(read.sheet.header)),
    },
  });
  return { ok: true as const, importId: upload.id };
}

/** The preview of an upload (only its uploader sees it). */
export async function getImportPreview(actor: SessionUser, importId: string) {
  const upload = await prisma.directoryImport.findUnique({ where: { id: importId } });
  if (!upload || upload.createdById !== actor.id) return null;
  const { sheet, mapping } = parseStored(upload);
  const preview = previewRows(sheet, mapping, await loadLookups(prisma));
  const earlier = await prisma.directoryImport.findFirst({
    where: { fileSha256: upload.fileSha256, confirmedAt: { not: null }, id: { not: upload.id } },
    orderBy: { confirmedAt: "desc" },
    select: { confirmedAt: true },
  });
  return {
    id: upload.id,
    fileName: upload.fileName,
    confirmedAt: upload.confirmedAt,
    importedBefore: earlier?.confirmedAt ?? null,
    header: sheet.header,
    mapping,
    preview,
    municipalities: await prisma.municipality.findMany(),
  };
}

export async function setImportMapping(actor: SessionUser, importId: string, mapping: Mapping): Promise<{ ok: true } | Refusal> {
  const updated = await prisma.directoryImport.updateMany({
    where: { id: importId, createdById: actor.id, confirmedAt: null },
    data: { mapping: JSON.stringify(mapping) },
  });
  return updated.count === 1 ? { ok: true } : notFoundRefusal();
}

/** How a refused confirmation is said, above the preview. */
export const CONFIRM_REFUSALS = refusals<"alreadyConfirmed">({
  alreadyConfirmed: { status: 400, message: "directory.import.errors.alreadyConfirmed" },
});

/**
 * Imports the good rows of a previewed upload, all or nothing. The rows are
 * checked again inside the transaction, so a person added meanwhile is
 * skipped rather than duplicated; confirming twice imports once.
 */
export async function confirmImport(actor: SessionUser, importId: string) {
  return prisma.$transaction(
    async (tx) => {
      const claimed = await tx.directoryImport.updateMany({
        where: { id: importId, createdById: actor.id, confirmedAt: null },
        data: { confirmedAt: new Date() },
      });
      if (claimed.count !== 1) return { ok: false as const, error: "alreadyConfirmed" as const };
      const upload = await tx.directoryImport.findUniqueOrThrow({ where: { id: importId } });
      const { sheet, mapping } = parseStored(upload);
      const preview = previewRows(sheet, mapping, await loadLookups(tx));

      const organisationIds = new Map<string, string>();
      for (const person of preview.ready) {
        if (!person.organisation || "id" in person.organisation) continue;
        const key = norm(person.organisation.name);
        if (organisationIds.has(key)) continue;
        const created = await tx.organisation.create({
          data: {
            name: person.organisation.name,
            type: person.organisation.type,
            municipalityId: person.municipalityId,
            searchText: foldForSearch(person.organisation.name),
          },
        });
        organisationIds.set(key, created.id);
      }
      const [municipalities, organisations] = await Promise.all([
        tx.municipality.findMany(),
        tx.organisation.findMany({ select: { id: true, name: true } }),
      ]);
      const municipalityById = new Map(municipalities.map((m) => [m.id, m]));
      const organisationById = new Map(organisations.map((o) => [o.id, o]));
      const rows = preview.ready.map((p) => {
        const organisationId = !p.organisation ? null : "id" in p.organisation ? p.organisation.id : organisationIds.get(norm(p.organisation.name))!;
        const organisation = organisationId ? organisationById.get(organisationId) : null;
        const municipality = p.municipalityId ? municipalityById.get(p.municipalityId) : null;
        return {
          name: p.name,
          email: p.email,
          phone: p.phone,
          position: p.position,
          locale: p.locale,
          municipalityId: p.municipalityId,
          organisationId,
          gender: p.gender,
          community: p.community,
          createdById: actor.id,
          searchText: personSearchText({ name: p.name, email: p.email, organisation, municipality }),
        };
      });
      const imported = await insertPeople(tx, rows);
      const result = {
        imported,
        skippedExisting: preview.existing.length,
        rejected: preview.problems.length,
        organisationsCreated: organisationIds.size,
      };
      await recordAudit(tx, {
        actorId: actor.id,
        action: "people.imported",
        subjectType: "DirectoryImport",
        subjectId: importId,
        details: { fileName: upload.fileName, ...result },
      });
      // The rows have done their job; the directory now holds what was imported.
      await tx.directoryImport.update({ where: { id: importId }, data: { rows: JSON.stringify({ header: sheet.header, rows: [] }) } });
      return { ok: true as const, ...result };
    },
    { timeout: 60_000 },
  );
}
