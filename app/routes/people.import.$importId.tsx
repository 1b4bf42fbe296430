import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "~/utils/zod";
import { DirectoryNav } from "~/components/directory-nav";
import { ChoiceSelect, enumChoices, FormErrors } from "~/components/forms";
import { CONFIRM_REFUSALS, confirmImport, getImportPreview, setImportMapping, type Mapping } from "~/models/directory-import.server";
import { directoryLinksFor } from "~/models/person.server";
import { formatDateTime } from "~/utils/dates";
import { IMPORT_FIELDS, type ImportField } from "~/utils/directory";
import { resolveLocale } from "~/utils/locale.server";
import { placeName } from "~/utils/names";
import { requirePermission } from "~/utils/permissions.server";
import { refusalOf } from "~/utils/refusal";
import { refusalReply } from "~/utils/refusal.server";
import { readForm } from "~/utils/request.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "titles.importPreview", data?.fileName);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "people:import");
  const upload = await getImportPreview(user, params.importId ?? "");
  if (!upload) throw new Response("Not found", { status: 404 });
  if (upload.confirmedAt) throw redirect("/people");
  const locale = await resolveLocale(request);
  const municipalities = new Map(upload.municipalities.map((m) => [m.id, placeName(m, locale)]));
  const { preview } = upload;
  const columnOf = Object.fromEntries(Object.entries(upload.mapping).map(([field, index]) => [index, field]));
  return {
    links: directoryLinksFor(user),
    id: upload.id,
    fileName: upload.fileName,
    importedBefore: upload.importedBefore ? formatDateTime(upload.importedBefore, locale) : null,
    columns: upload.header.map((heading, index) => ({ index, heading, field: (columnOf[index] as ImportField | undefined) ?? "" })),
    total: preview.total,
    ready: preview.ready.length,
    existing: preview.existing,
    problems: preview.problems,
    newOrganisations: preview.newOrganisations,
    sample: preview.ready.slice(0, 10).map((p) => ({
      line: p.line,
      name: p.name,
      email: p.email,
      municipality: p.municipalityId ? municipalities.get(p.municipalityId) ?? "" : "",
    })),
  };
}

/**
 * The preview's two forms: the columns' mapping (each `column-<n>` names a
 * field of the directory, or nothing when the column is left out) and the
 * confirmation.
 */
const ImportPreviewSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("mapping") }).catchall(z.enum(["", ...IMPORT_FIELDS]).optional()),
  z.object({ intent: z.literal("confirm") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "people:import");
  const id = params.importId ?? "";
  const submission = parseWithZod(await readForm(request), { schema: ImportPreviewSchema });
  // The mapping's selects offer only the directory's fields, so anything else is a request the page did not send.
  if (submission.status !== "success") return data({ result: submission.reply({ formErrors: ["errors.badRequestTitle"] }) }, { status: 400 });
  const input = submission.value;
  if (input.intent === "mapping") {
    const mapping: Mapping = {};
    for (const [key, value] of Object.entries(input)) {
      const match = /^column-(\d{1,4})$/.exec(key);
      if (match && value) mapping[value as ImportField] ??= Number(match[1]);
    }
    const outcome = await setImportMapping(user, id, mapping);
    if (!outcome.ok) return refusalReply(submission, outcome);
    return redirect(`/people/import/${id}`);
  }
  const outcome = await confirmImport(user, id);
  if (!outcome.ok) return refusalReply(submission, refusalOf(CONFIRM_REFUSALS, outcome.error));
  return redirect(`/people?imported=${outcome.imported}`);
}

export default function ImportPreview() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <>
      <DirectoryNav links={d.links} />
      <h1>{t("directory.import.previewTitle", { file: d.fileName })}</h1>
      <p className="notice">{t("directory.import.nothingSaved")}</p>
      <FormErrors errors={answer?.result.error?.[""] ?? undefined} />
      {d.importedBefore ? <p className="notice notice-error">{t("directory.import.importedBefore", { date: d.importedBefore })}</p> : null}

      <section className="card" data-testid="import-summary">
        <ul>
          <li>{t("directory.import.rows", { count: d.total })}</li>
          <li>
            <strong>{t("directory.import.ready", { count: d.ready })}</strong>
          </li>
          {d.existing.length ? <li>{t("directory.import.existing", { count: d.existing.length })}</li> : null}
          {d.problems.length ? <li>{t("directory.import.rejected", { count: d.problems.length })}</li> : null}
        </ul>
        {d.newOrganisations.length ? <p>{t("directory.import.newOrganisations", { names: d.newOrganisations.join(", ") })}</p> : null}
        {d.ready > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="confirm" />
            <button type="submit">{t("directory.import.confirm", { count: d.ready })}</button>
          </Form>
        ) : (
          <p>{t("directory.import.nothingToImport")}</p>
        )}
      </section>

      <details className="card" open={d.ready === 0 || d.problems.length > 0}>
        <summary>{t("directory.import.mapping")}</summary>
        <p className="hint">{t("directory.import.mappingIntro")}</p>
        <Form method="post" className="directory-mapping">
          <input type="hidden" name="intent" value="mapping" />
          {d.columns.map((c) => (
            <div className="field" key={c.index}>
              <label htmlFor={`column-${c.index}`}>{c.heading || `#${c.index + 1}`}</label>
              <ChoiceSelect
                id={`column-${c.index}`}
                name={`column-${c.index}`}
                defaultValue={c.field}
                choices={enumChoices(IMPORT_FIELDS, t, "directory.import.field")}
                empty={t("directory.import.ignore")}
              />
            </div>
          ))}
          <button type="submit" className="secondary">
            {t("directory.import.updatePreview")}
          </button>
        </Form>
      </details>

      {d.problems.length ? (
        <section>
          <h2>{t("directory.import.problemsTitle")}</h2>
          <div className="table-wrap">
            <table className="responsive" data-testid="import-problems">
              <thead>
                <tr>
                  <th>{t("directory.import.line")}</th>
                  <th>{t("directory.import.problems")}</th>
                </tr>
              </thead>
              <tbody>
                {d.problems.map((row) => (
                  <tr key={row.line} data-line={row.line}>
                    <td data-label={t("directory.import.line")}>{row.line}</td>
                    <td data-label={t("directory.import.problems")}>
                      {row.problems.map((p) => t(`directory.import.problem.${p.code}`, p)).join("; ")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {d.sample.length ? (
        <section>
          <h2>{t("directory.import.sampleTitle")}</h2>
          <div className="table-wrap">
            <table className="responsive">
              <thead>
                <tr>
                  <th>{t("directory.import.line")}</th>
                  <th>{t("directory.fields.name")}</th>
                  <th>{t("directory.fields.email")}</th>
                  <th>{t("directory.fields.municipality")}</th>
                </tr>
              </thead>
              <tbody>
                {d.sample.map((row) => (
                  <tr key={row.line}>
                    <td data-label={t("directory.import.line")}>{row.line}</td>
                    <td data-label={t("directory.fields.name")}>{row.name}</td>
                    <td data-label={t("directory.fields.email")}>{row.email}</td>
                    <td data-label={t("directory.fields.municipality")}>{row.municipality || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {d.existing.length ? (
        <details className="card">
          <summary>{t("directory.import.existingTitle")}</summary>
          <p>{d.existing.map((e) => `${t("directory.import.line")} ${e.line}: ${e.email}`).join(" · ")}</p>
        </details>
      ) : null}
      <p>
        <Link to="/people/import">{t("common.back")}</Link>
      </p>
    </>
  );
}
