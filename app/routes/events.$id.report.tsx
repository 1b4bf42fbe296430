import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useEventSummary } from "~/components/event-page/event-header";
import { Pager, pageFromSearch } from "~/components/pager";
import { CountChart, FeedbackSummary, ReportTables, ReportTotals, SessionChart, SmallCellNote } from "~/components/report-view";
import { eventSummary, eventVisibleTo } from "~/models/event.server";
import { eventAttendeesPage, eventReport, formatDay } from "~/models/report.server";
import { resolveLocale } from "~/utils/locale.server";
import { municipalityName } from "~/utils/names";
import { can, requirePermission } from "~/utils/permissions.server";
import { eventTitle, pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "events.tabs.report", eventTitle(matches));

// One event's report. Everyone with reports:read sees the aggregates; staff also see who attended, with
// certificates, a page of them at a time (?page=), and every certificate in one PDF.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "reports:read");
  const locale = await resolveLocale(request);
  const event = await eventSummary(params.id ?? "");
  if (!event || !eventVisibleTo(event, can(user, "events:manage"))) throw new Response("Not found", { status: 404 });
  const showNames = can(user, "reports:attendance-list");
  const page = pageFromSearch(new URL(request.url).searchParams);
  const [report, listed] = await Promise.all([eventReport(user, event.id, locale), showNames ? eventAttendeesPage(event.id, page) : Promise.resolve(null)]);
  if (!report) throw new Response("Not found", { status: 404 });
  return {
    event: { id: event.id },
    report,
    certificates: can(user, "certificates:any"),
    pages: listed ? { page: listed.page, pages: listed.pages } : null,
    attendees:
      listed?.attendees.map(({ person, days }) => ({
        id: person.id,
        erased: !!person.erasedAt,
        name: person.name,
        organisation: person.organisation?.name ?? "",
        municipality: person.municipality ? municipalityName(person.municipality, locale) : "",
        days: days.map((d) => formatDay(d, locale)).join(", "),
      })) ?? null,
  };
}

export default function EventReport() {
  const { t } = useTranslation();
  const { event, report, attendees, certificates, pages } = useLoaderData<typeof loader>();
  const summary = useEventSummary();
  return (
    <>
      <h1>{t("invitations.reports.eventTitle", { title: summary?.title ?? "" })}</h1>
      <p className="report-downloads">
        {t("invitations.reports.download")}: <a href={`/reports/export?event=${event.id}&format=csv`}>{t("invitations.reports.csv")}</a>{" "}
        <a href={`/reports/export?event=${event.id}&format=xlsx`}>{t("invitations.reports.xlsx")}</a>
        {attendees ? (
          <>
            {" "}
            <a href={`/events/${event.id}/attendance.pdf`}>{t("invitations.reports.attendanceList")}</a>
          </>
        ) : null}
        {certificates && attendees?.length ? (
          <>
            {" "}
            <a href={`/events/${event.id}/certificates.pdf`}>{t("invitations.certificate.all")}</a>
          </>
        ) : null}
      </p>
      <ReportTotals
        report={report}
        keys={["invited", "accepted", "declined", "waitlisted", "participations", "personDays", ...(report.sessions.length ? (["sessionCheckIns"] as const) : [])]}
      />
      <CountChart
        title={t("invitations.reports.days")}
        rows={report.days.map((d) => ({ key: d.day, label: d.label, shown: { kind: "exact" as const, count: d.count } }))}
        testId="days"
        level={2}
      />
      <SessionChart sessions={report.sessions} />
      <SmallCellNote exact={report.exact} />
      <ReportTables report={report} />

      {attendees ? (
        <section>
          <h2>{t("invitations.reports.attendees")}</h2>
          {attendees.length === 0 ? (
            <p className="muted">{t("invitations.reports.noAttendees")}</p>
          ) : (
            <div className="table-wrap">
              <table className="responsive" data-testid="attendees">
                <thead>
                  <tr>
                    <th scope="col">{t("directory.fields.name")}</th>
                    <th scope="col">{t("directory.fields.organisation")}</th>
                    <th scope="col">{t("directory.fields.municipality")}</th>
                    <th scope="col">{t("invitations.reports.attendeeDays")}</th>
                    {certificates ? <th scope="col">{t("invitations.reports.certificate")}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {attendees.map((a) => (
                    <tr key={a.id}>
                      <td data-label={t("directory.fields.name")}>{a.erased ? <span className="muted">{t("invitations.reports.erased")}</span> : a.name}</td>
                      <td data-label={t("directory.fields.organisation")}>{a.organisation}</td>
                      <td data-label={t("directory.fields.municipality")}>{a.municipality}</td>
                      <td data-label={t("invitations.reports.attendeeDays")}>{a.days}</td>
                      {certificates ? (
                        <td data-label={t("invitations.reports.certificate")}>
                          {a.erased ? null : <a href={`/events/${event.id}/certificates/${a.id}.pdf`}>{t("invitations.certificate.download")}</a>}
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {pages ? <Pager page={pages.page} pages={pages.pages} /> : null}
        </section>
      ) : null}

      <FeedbackSummary feedback={report.feedback} withTexts />
    </>
  );
}
