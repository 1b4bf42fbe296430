import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DirectoryNav } from "~/components/directory-nav";
import { ChoiceSelect, enumChoices } from "~/components/forms";
import { OrganisationForm } from "~/components/organisation-form";
import { listOrganisations, ORGANISATION_REFUSALS, saveOrganisation } from "~/models/organisation.server";
import { directoryLinksFor } from "~/models/person.server";
import { clusterChoices } from "~/models/places.server";
import { ORGANISATION_TYPES, OrganisationSchema } from "~/utils/directory";
import { messageWith, translateMessage } from "~/utils/forms";
import { resolveLocale } from "~/utils/locale.server";
import { placeName } from "~/utils/names";
import { requirePermission } from "~/utils/permissions.server";
import { z } from "~/utils/zod";
import { readForm } from "~/utils/request.server";
import { refusalOf } from "~/utils/refusal";
import { refusalReply } from "~/utils/refusal.server";
import { pageTitle } from "~/utils/page-title";

const ListFilter = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  type: z.enum(ORGANISATION_TYPES as [(typeof ORGANISATION_TYPES)[number], ...(typeof ORGANISATION_TYPES)[number][]]).optional().catch(undefined),
});

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "directory.organisations.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "organisations:manage");
  const url = new URL(request.url);
  const filter = ListFilter.parse({ q: url.searchParams.get("q") || undefined, type: url.searchParams.get("type") || undefined });
  const locale = await resolveLocale(request);
  const [organisations, clusters] = await Promise.all([listOrganisations(filter), clusterChoices(locale)]);
  return {
    links: directoryLinksFor(user),
    filter,
    organisations: organisations.map((o) => ({
      id: o.id,
      name: o.name,
      type: o.type,
      municipality: o.municipality ? placeName(o.municipality, locale) : null,
      people: o._count.people,
    })),
    clusters,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "organisations:manage");
  const submission = parseWithZod(await readForm(request), { schema: OrganisationSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), created: null }, { status: 400 });
  const outcome = await saveOrganisation(user, null, submission.value);
  if (!outcome.ok) return refusalReply(submission, refusalOf(ORGANISATION_REFUSALS, outcome.error), { created: null });
  return data({ result: submission.reply({ resetForm: true }), created: messageWith("directory.organisations.created", { name: outcome.organisation.name }) });
}

export default function Organisations() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <DirectoryNav links={d.links} />
      <h1>{t("directory.organisations.title")}</h1>
      {actionData?.created ? (
        <p className="notice notice-ok" role="status">
          {translateMessage(t, actionData.created)}
        </p>
      ) : null}
      <Form method="get" className="card roles-form" role="search">
        <label htmlFor="org-q" className="visually-hidden">
          {t("directory.organisations.search")}
        </label>
        <input id="org-q" type="search" name="q" defaultValue={d.filter.q ?? ""} placeholder={t("directory.organisations.search")} />
        <label htmlFor="org-type" className="visually-hidden">
          {t("directory.fields.organisationType")}
        </label>
        <ChoiceSelect
          id="org-type"
          name="type"
          defaultValue={d.filter.type ?? ""}
          choices={enumChoices(ORGANISATION_TYPES, t, "directory.organisationType")}
          empty={t("directory.any")}
        />
        <button type="submit">{t("directory.list.filter")}</button>
      </Form>
      {d.organisations.length === 0 ? <p>{t("directory.organisations.empty")}</p> : null}
      <div className="table-wrap">
        <table className="responsive">
          <thead>
            <tr>
              <th>{t("directory.fields.name")}</th>
              <th>{t("directory.fields.organisationType")}</th>
              <th>{t("directory.fields.municipality")}</th>
              <th>{t("directory.title")}</th>
            </tr>
          </thead>
          <tbody>
            {d.organisations.map((o) => (
              <tr key={o.id}>
                <td data-label={t("directory.fields.name")}>
                  <Link to={`/organisations/${o.id}`}>{o.name}</Link>
                </td>
                <td data-label={t("directory.fields.organisationType")}>{t(`directory.organisationType.${o.type}`)}</td>
                <td data-label={t("directory.fields.municipality")}>{o.municipality ?? t("directory.organisations.noMunicipality")}</td>
                <td data-label={t("directory.title")}>{t("directory.organisations.people", { count: o.people })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card narrow-form">
        <h2>{t("directory.organisations.newTitle")}</h2>
        <OrganisationForm
          id="organisation-new"
          clusters={d.clusters}
          defaultValue={{ type: "CIVIL_SOCIETY" }}
          lastResult={actionData?.result}
          submitLabel={t("directory.organisations.create")}
        />
      </section>
    </>
  );
}
