import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CountChart, FeedbackSummary, ReportTables, ReportTotals, SessionCounts, SmallCellNote } from "~/components/report-view";
import { ChoiceSelect, enumChoices, MunicipalitySelect } from "~/components/forms";
import { clusterChoices, themeChoices } from "~/models/places.server";
import { programmeReport, reportFiltersFrom, reportFiltersSearch } from "~/models/report.server";
import { EVENT_TYPES } from "~/utils/events";
import { resolveLocale } from "~/utils/locale.server";
import { requirePermission } from "~/utils/permissions.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "invitations.reports.title");

// Attendance across events, filtered by period, place, type and theme. Members and editors see protected counts.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "reports:read");
  const locale = await resolveLocale(request);
  const filters = reportFiltersFrom(new URL(request.url).searchParams);
  const [report, clusters, themes] = await Promise.all([programmeReport(user, filters, locale), clusterChoices(locale), themeChoices(locale)]);
  return {
    report,
    filters,
    search: reportFiltersSearch(filters),
    clusters,
    themes,
  };
}

export default function Reports() {
  const { t } = useTranslation();
  const { report, filters, search, clusters, themes } = useLoaderData<typeof loader>();
  const exportLink = (format: string) => `/reports/export?${new URLSearchParams([...new URLSearchParams(search), ["format", format]])}`;
  const active = Object.values(filters).some(Boolean);
  return (
    <>
      <h1>{t("invitations.reports.title")}</h1>
      <p>{t("invitations.reports.intro")}</p>
      <details className="card event-filter-box" open={active}>
        <summary>{t("invitations.reports.filter")}</summary>
        <Form method="get" className="event-filters" role="search">
          <div className="field">
            <label htmlFor="report-from">{t("invitations.reports.from")}</label>
            <input id="report-from" type="date" name="from" defaultValue={filters.from ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="report-to">{t("invitations.reports.to")}</label>
            <input id="report-to" type="date" name="to" defaultValue={filters.to ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="report-cluster">{t("events.fields.cluster")}</label>
            <ChoiceSelect id="report-cluster" name="cluster" defaultValue={filters.clusterId ?? ""} choices={clusters} empty={t("invitations.reports.all")} />
          </div>
          <div className="field">
            <label htmlFor="report-municipality">{t("events.fields.municipality")}</label>
            <MunicipalitySelect
              id="report-municipality"
              name="municipality"
              defaultValue={filters.municipalityId ?? ""}
              clusters={clusters}
              empty={t("invitations.reports.all")}
            />
          </div>
          <div className="field">
            <label htmlFor="report-type">{t("events.fields.type")}</label>
            <ChoiceSelect
              id="report-type"
              name="type"
              defaultValue={filters.type ?? ""}
              choices={enumChoices(EVENT_TYPES, t, "events.types")}
              empty={t("invitations.reports.all")}
            />
          </div>
          <div className="field">
            <label htmlFor="report-theme">{t("events.fields.theme")}</label>
            <ChoiceSelect id="report-theme" name="theme" defaultValue={filters.themeId ?? ""} choices={themes} empty={t("invitations.reports.all")} />
          </div>
          <div className="event-filters-actions">
            <button type="submit">{t("invitations.reports.show")}</button>
            <Link to="/reports">{t("invitations.reports.clear")}</Link>
          </div>
        </Form>
      </details>

      <p className="report-downloads">
        {t("invitations.reports.download")}: <a href={exportLink("csv")}>{t("invitations.reports.csv")}</a>{" "}
        <a href={exportLink("xlsx")}>{t("invitations.reports.xlsx")}</a>
      </p>

      <ReportTotals report={report} keys={["events", "invited", "accepted", "participations", "people", "personDays", "sessionCheckIns"]} />
      <CountChart
        title={t("invitations.reports.eventsTitle")}
        rows={[
          { key: "invited", label: t("invitations.reports.totals.invited"), shown: { kind: "exact", count: report.totals.invited } },
          { key: "accepted", label: t("invitations.reports.totals.accepted"), shown: { kind: "exact", count: report.totals.accepted } },
          { key: "attended", label: t("invitations.reports.totals.participations"), shown: { kind: "exact", count: report.totals.participations } },
        ]}
        testId="funnel"
        level={2}
      />
      <SmallCellNote exact={report.exact} />
      <ReportTables report={report} />
      <FeedbackSummary feedback={report.feedback} withTexts={false} />

      <h2>{t("invitations.reports.eventsTitle")}</h2>
      {report.events.length === 0 ? (
        <p className="muted">{t("invitations.reports.noEvents")}</p>
      ) : (
        <div className="table-wrap">
          <table className="responsive" data-testid="report-events">
            <thead>
              <tr>
                <th scope="col">{t("invitations.reports.event")}</th>
                <th scope="col">{t("invitations.reports.date")}</th>
                <th scope="col">{t("invitations.reports.totals.invited")}</th>
                <th scope="col">{t("invitations.reports.totals.accepted")}</th>
                <th scope="col">{t("invitations.reports.totals.participations")}</th>
                <th scope="col">{t("invitations.reports.totals.personDays")}</th>
                <th scope="col">{t("invitations.reports.sessions")}</th>
              </tr>
            </thead>
            <tbody>
              {report.events.map((event) => (
                <tr key={event.id}>
                  <td data-label={t("invitations.reports.event")}>
                    <Link to={`/events/${event.id}/report`}>{event.title}</Link>
                    <br />
                    <span className="muted">{event.place}</span>
                  </td>
                  <td data-label={t("invitations.reports.date")}>{event.date}</td>
                  <td data-label={t("invitations.reports.totals.invited")}>{event.invited}</td>
                  <td data-label={t("invitations.reports.totals.accepted")}>{event.accepted}</td>
                  <td data-label={t("invitations.reports.totals.participations")}>{event.attended}</td>
                  <td data-label={t("invitations.reports.totals.personDays")}>{event.personDays}</td>
                  <td data-label={t("invitations.reports.sessions")} data-testid="event-sessions">
                    {event.sessionCheckIns ? <SessionCounts sessions={report.sessions.filter((s) => s.eventId === event.id)} /> : "–"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
