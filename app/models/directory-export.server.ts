import ExcelJS from "exceljs";
import Papa from "papaparse";
import { prisma } from "~/db.server";
import { recordAudit } from "~/models/audit.server";
import { peopleWhere, redactPerson, type PeopleFilter } from "~/models/person.server";
import type { SessionUser } from "~/utils/auth.server";
import type { Locale } from "~/utils/i18n";
import { translator } from "~/utils/i18n.server";
import { placeName } from "~/utils/names";

export type ExportFormat = "csv" | "xlsx";

/**
 * A spreadsheet program runs a cell that starts with = + - @ as a formula;
 * a name typed as "=HYPERLINK(...)" must stay text. CSV files are written
 * with every field quoted (CSV_OPTIONS): Excel set up for Albanian or Serbian
 * splits a CSV on ";", and "Zed;=cmd…" unquoted would start a cell of its own.
 */
export const CSV_OPTIONS = { quotes: true } as const;

export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * The filtered list as CSV or XLSX, in the reader's language. Gender and
 * community columns appear only for those allowed to see them (the same
 * redactPerson rule as the pages). Every export is written to the audit log
 * with who, which format and which filter.
 */
export async function exportPeople(actor: SessionUser, filter: PeopleFilter, format: ExportFormat, locale: Locale) {
  const t = translator(locale);
  const people = await prisma.person.findMany({
    where: peopleWhere(filter, actor),
    include: {
      organisation: true,
      municipality: true,
      commissions: { include: { commission: true } },
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  const visible = people.map((p) => redactPerson(actor, p));
  const sensitive = visible.length === 0 ? redactPerson(actor, { gender: null, community: null }) : visible[0];
  const withSensitive = "gender" in sensitive;

  const header = [
    t("directory.fields.name"),
    t("directory.fields.email"),
    t("directory.fields.phone"),
    t("directory.fields.organisation"),
    t("directory.fields.organisationType"),
    t("directory.fields.municipality"),
    t("directory.fields.position"),
    t("directory.fields.language"),
    t("directory.fields.commissions"),
    ...(withSensitive ? [t("directory.fields.gender"), t("directory.fields.community")] : []),
  ];
  const rows = visible.map((p) => [
    p.name,
    p.email ?? "",
    p.phone ?? "",
    p.organisation?.name ?? "",
    p.organisation ? t(`directory.organisationType.${p.organisation.type}`) : "",
    p.municipality ? placeName(p.municipality, locale) : "",
    p.position ?? "",
    t(`directory.language.${p.locale}`, { defaultValue: p.locale }),
    p.commissions.map((m) => `${m.commission.name} (${t(`directory.commissionRole.${m.role}`)})`).join("; "),
    ...(withSensitive
      ? [p.gender ? t(`directory.gender.${p.gender}`) : "", p.community ? t(`directory.community.${p.community}`) : ""]
      : []),
  ].map(safeCell));

  await recordAudit(prisma, {
    actorId: actor.id,
    action: "people.exported",
    subjectType: "Person",
    details: { format, filter, count: rows.length, sensitiveColumns: withSensitive },
  });

  const stamp = new Date().toISOString().slice(0, 10);
  if (format === "csv") {
    // The byte-order mark makes Excel read the file as UTF-8 (ë, š, č intact).
    const body = "\uFEFF" + Papa.unparse({ fields: header, data: rows }, CSV_OPTIONS);
    return { body: Buffer.from(body, "utf-8"), contentType: "text/csv; charset=utf-8", fileName: `people-${stamp}.csv` };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t("directory.title"));
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((column) => (column.width = 24));
  const body = Buffer.from(await workbook.xlsx.writeBuffer());
  return {
    body,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    fileName: `people-${stamp}.xlsx`,
  };
}
