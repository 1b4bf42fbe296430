import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DirectoryNav } from "~/components/directory-nav";
import { ChoiceSelect, enumChoices, MunicipalitySelect } from "~/components/forms";
import { Pager, pageFromSearch } from "~/components/pager";
import { countPeopleToComplete, directoryLinksFor, listPeople } from "~/models/person.server";
import { clusterChoices, commissionChoices } from "~/models/places.server";
import { ORGANISATION_TYPES, PERSON_LOCALES, readPeopleFilter } from "~/utils/directory";
import { resolveLocale } from "~/utils/locale.server";
import { placeName } from "~/utils/names";
import { can, requirePermission } from "~/utils/permissions.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "directory.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "people:read");
  const url = new URL(request.url);
  const filter = readPeopleFilter(url.searchParams);
  const page = pageFromSearch(url.searchParams);
  const locale = await resolveLocale(request);
  const [{ people, total, pages }, clusters, commissions, toComplete] = await Promise.all([
    listPeople(user, filter, page),
    clusterChoices(locale),
    commissionChoices(locale),
    filter.toComplete ? 0 : countPeopleToComplete(user),
  ]);
  return {
    filter,
    page,
    pages,
    total,
    imported: url.searchParams.has("imported") ? Number(url.searchParams.get("imported")) || 0 : null,
    links: directoryLinksFor(user),
    canEdit: can(user, "people:edit"),
    toComplete,
    canExport: can(user, "people:export"),
    people: people.map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      position: p.position,
      organisation: p.organisation?.name ?? null,
      municipality: p.municipality ? placeName(p.municipality, locale) : null,
    })),
    clusters,
    commissions,
  };
}

export default function People() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const withParams = (path: string, changes: Record<string, string>) => {
    const params = new URLSearchParams(searchParams);
    params.delete("imported");
    for (const [key, value] of Object.entries(changes)) params.set(key, value);
    return `${path}?${params}`;
  };
  const f = data.filter;
  return (
    <>
      <DirectoryNav links={data.links} />
      <div className="page-title">
        <h1>{t("directory.title")}</h1>
        {data.canEdit ? (
          <Link to="/people/new" className="button">
            {t("directory.nav.newPerson")}
          </Link>
        ) : null}
      </div>
      {data.imported !== null ? (
        <p className="notice notice-ok" role="status">
          {t("directory.list.imported", { count: data.imported })}
        </p>
      ) : null}
      {data.toComplete > 0 ? (
        <p className="notice notice-warning" data-testid="people-to-complete">
          <Link to="/people?toComplete=1">{t("directory.list.toCompleteCount", { count: data.toComplete })}</Link>
        </p>
      ) : null}
      <Form method="get" className="card directory-filters" role="search">
        <div className="field directory-search">
          <label htmlFor="people-q">{t("directory.list.search")}</label>
          <input id="people-q" type="search" name="q" defaultValue={f.q ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="people-cluster">{t("directory.fields.cluster")}</label>
          <ChoiceSelect id="people-cluster" name="cluster" defaultValue={f.cluster ?? ""} choices={data.clusters} empty={t("directory.any")} />
        </div>
        <div className="field">
          <label htmlFor="people-municipality">{t("directory.fields.municipality")}</label>
          <MunicipalitySelect id="people-municipality" name="municipality" defaultValue={f.municipality ?? ""} clusters={data.clusters} empty={t("directory.any")} />
        </div>
        <div className="field">
          <label htmlFor="people-type">{t("directory.fields.organisationType")}</label>
          <ChoiceSelect
            id="people-type"
            name="organisationType"
            defaultValue={f.organisationType ?? ""}
            choices={enumChoices(ORGANISATION_TYPES, t, "directory.organisationType")}
            empty={t("directory.any")}
          />
        </div>
        <div className="field">
          <label htmlFor="people-commission">{t("directory.fields.commission")}</label>
          <ChoiceSelect id="people-commission" name="commission" defaultValue={f.commission ?? ""} choices={data.commissions} empty={t("directory.any")} />
        </div>
        <div className="field">
          <label htmlFor="people-language">{t("directory.fields.language")}</label>
          <ChoiceSelect
            id="people-language"
            name="language"
            defaultValue={f.language ?? ""}
            choices={enumChoices(PERSON_LOCALES, t, "directory.language")}
            empty={t("directory.any")}
          />
        </div>
        <div className="field directory-to-complete">
          <label>
            <input type="checkbox" name="toComplete" value="1" defaultChecked={!!f.toComplete} /> {t("directory.list.toComplete")}
          </label>
        </div>
        <div className="directory-filter-actions">
          <button type="submit">{t("directory.list.filter")}</button>
          <Link to="/people">{t("directory.list.clear")}</Link>
        </div>
      </Form>
      <div className="directory-list-head">
        <p className="muted" data-testid="people-count">
          {t("directory.list.count", { count: data.total })}
        </p>
        {data.canExport ? (
          <p className="directory-exports">
            <a href={withParams("/people/export", { format: "csv" })} download>
              {t("directory.list.exportCsv")}
            </a>{" "}
            <a href={withParams("/people/export", { format: "xlsx" })} download>
              {t("directory.list.exportXlsx")}
            </a>
          </p>
        ) : null}
      </div>
      {data.people.length === 0 ? <p>{t("directory.list.empty")}</p> : null}
      {data.people.length > 0 ? (
        <div className="table-wrap">
          <table className="responsive">
            <thead>
              <tr>
                <th>{t("directory.fields.name")}</th>
                <th>{t("directory.fields.organisation")}</th>
                <th>{t("directory.fields.municipality")}</th>
                <th>{t("directory.fields.email")}</th>
              </tr>
            </thead>
            <tbody>
              {data.people.map((p) => (
                <tr key={p.id} data-person-id={p.id}>
                  <td data-label={t("directory.fields.name")}>
                    <Link to={`/people/${p.id}`}>{p.name}</Link>
                    {p.position ? <div className="muted">{p.position}</div> : null}
                  </td>
                  <td data-label={t("directory.fields.organisation")}>{p.organisation ?? "—"}</td>
                  <td data-label={t("directory.fields.municipality")}>{p.municipality ?? "—"}</td>
                  <td data-label={t("directory.fields.email")}>{p.email ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pager page={data.page} pages={data.pages} omit={["imported"]} />
    </>
  );
}
