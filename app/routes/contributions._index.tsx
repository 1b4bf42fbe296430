import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "~/utils/zod";
import { ChoiceSelect, enumChoices } from "~/components/forms";
import { listContributionsOf, reviewQueue } from "~/models/contribution.server";
import { themeChoices } from "~/models/places.server";
import { formatDate } from "~/utils/dates";
import { CONTRIBUTION_STATUSES } from "~/utils/guidelines";
import { resolveLocale } from "~/utils/locale.server";
import { municipalityName, placeName } from "~/utils/names";
import { can, forbidden, requireUserWithRole } from "~/utils/permissions.server";
import { pageTitle } from "~/utils/page-title";

const Filters = z.object({
  status: z.enum(CONTRIBUTION_STATUSES).optional().catch(undefined),
  theme: z.string().max(40).optional().catch(undefined),
});

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "guidelines.contributions.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithRole(request, "MEMBER", "TRAINER", "EDITOR", "ADMIN");
  const writes = can(user, "contributions:write");
  const reviews = can(user, "contributions:review");
  if (!writes && !reviews) throw forbidden();
  const locale = await resolveLocale(request);
  const url = new URL(request.url);
  const filters = Filters.parse({ status: url.searchParams.get("status") || undefined, theme: url.searchParams.get("theme") || undefined });
  const shape = (list: Awaited<ReturnType<typeof listContributionsOf>>) =>
    list.map((c) => ({
      id: c.id,
      title: c.title,
      status: c.status,
      theme: placeName(c.theme, locale),
      municipality: c.municipality ? municipalityName(c.municipality, locale) : "",
      authors: c.authors.map((a) => a.user.name).join(", "),
      updated: formatDate(c.updatedAt, locale),
    }));
  const [mine, queue, themes] = await Promise.all([
    writes ? listContributionsOf(user.id) : Promise.resolve([]),
    reviews ? reviewQueue({ status: filters.status, themeId: filters.theme }) : Promise.resolve([]),
    // Archived themes too: the queue may hold contributions written under one.
    reviews ? themeChoices(locale, { archived: true }) : Promise.resolve([]),
  ]);
  return {
    writes,
    reviews,
    filters,
    mine: shape(mine),
    queue: shape(queue),
    themes,
  };
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["mine"][number];

function ContributionTable({ rows }: { rows: Row[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="responsive">
        <thead>
          <tr>
            <th>{t("guidelines.contribution.title")}</th>
            <th>{t("guidelines.contributions.status")}</th>
            <th>{t("guidelines.contributions.theme")}</th>
            <th>{t("guidelines.contributions.municipality")}</th>
            <th>{t("guidelines.contributions.authors")}</th>
            <th>{t("guidelines.contributions.updated")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td data-label={t("guidelines.contribution.title")}>
                <Link to={`/contributions/${row.id}`}>{row.title}</Link>
              </td>
              <td data-label={t("guidelines.contributions.status")}>
                <span className={`status status-${row.status.toLowerCase()}`}>{t(`guidelines.statuses.${row.status}`)}</span>
              </td>
              <td data-label={t("guidelines.contributions.theme")}>{row.theme}</td>
              <td data-label={t("guidelines.contributions.municipality")}>{row.municipality}</td>
              <td data-label={t("guidelines.contributions.authors")}>{row.authors}</td>
              <td data-label={t("guidelines.contributions.updated")}>{row.updated}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function Contributions() {
  const { t } = useTranslation();
  const { writes, reviews, filters, mine, queue, themes } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("guidelines.contributions.title")}</h1>
      {reviews ? (
        <section aria-labelledby="queue-title">
          <h2 id="queue-title">{t("guidelines.contributions.queue")}</h2>
          <p className="muted">{t("guidelines.contributions.queueIntro")}</p>
          <Form method="get" className="card filter-form">
            <label>
              {t("guidelines.contributions.status")}
              <ChoiceSelect
                name="status"
                defaultValue={filters.status ?? ""}
                empty={t("guidelines.contributions.waiting")}
                choices={enumChoices(
                  CONTRIBUTION_STATUSES.filter((s) => s !== "DRAFT"),
                  t,
                  "guidelines.statuses",
                )}
              />
            </label>
            <label>
              {t("guidelines.contributions.theme")}
              <ChoiceSelect name="theme" defaultValue={filters.theme ?? ""} empty={t("guidelines.contributions.allThemes")} choices={themes} />
            </label>
            <button type="submit" className="secondary">
              {t("guidelines.contributions.filter")}
            </button>
          </Form>
          {queue.length ? <ContributionTable rows={queue} /> : <p>{t("guidelines.contributions.noneQueue")}</p>}
        </section>
      ) : null}
      {writes ? (
        <section aria-labelledby="mine-title">
          <h2 id="mine-title">{t("guidelines.contributions.mine")}</h2>
          <p>
            <Link to="/contributions/new" className="button">
              {t("guidelines.contributions.new")}
            </Link>
          </p>
          {mine.length ? <ContributionTable rows={mine} /> : <p>{t("guidelines.contributions.noneMine")}</p>}
        </section>
      ) : null}
    </>
  );
}
