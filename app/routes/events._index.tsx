import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EventFilters } from "~/components/event-filters";
import { Pager, pageFromSearch } from "~/components/pager";
import { eventFilterChoices, filtersFromSearch, formatEventTimes, listEvents, shownStatus, workshopPlan } from "~/models/event.server";
import { eventText } from "~/utils/events";
import { resolveLocale } from "~/utils/locale.server";
import { municipalityName, placeName } from "~/utils/names";
import { can, requirePermission } from "~/utils/permissions.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "events.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "events:read");
  const canManage = can(user, "events:manage");
  const locale = await resolveLocale(request);
  const url = new URL(request.url);
  const filters = filtersFromSearch(url.searchParams);
  const page = pageFromSearch(url.searchParams);
  const [{ events, total, pages }, plan, choices] = await Promise.all([listEvents(filters, canManage, page), workshopPlan(), eventFilterChoices(locale, canManage)]);
  return {
    canManage,
    page,
    pages,
    total,
    values: Object.fromEntries([...url.searchParams].filter(([key]) => key !== "page")),
    choices,
    plan: plan.map((p) => ({ id: p.cluster.id, name: placeName(p.cluster, locale), held: p.held, scheduled: p.scheduled })),
    events: events.map((event) => ({
      id: event.id,
      title: eventText(event.translations, locale).title,
      type: event.type,
      status: shownStatus(event),
      when: formatEventTimes(event.startsAt, event.endsAt, locale, event.timeZone),
      place: `${municipalityName(event.municipality, locale)} · ${placeName(event.cluster, locale)}`,
      themes: event.themes.map((t) => placeName(t.theme, locale)),
    })),
  };
}

export default function Events() {
  const { t } = useTranslation();
  const { events, total, page, pages, plan, choices, values, canManage } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  // The column names, translated once for the page rather than once for every row.
  const label = { when: t("events.fields.when"), title: t("events.fields.title"), type: t("events.fields.type"), municipality: t("events.fields.municipality"), status: t("events.fields.status") };
  return (
    <>
      <div className="event-heading">
        <h1>{t("events.title")}</h1>
        <nav className="event-views" aria-label={t("events.title")}>
          <Link to={`/events/calendar?${searchParams}`}>{t("events.calendarView")}</Link>
          <Link to="/calendar">{t("events.feedLink")}</Link>
          {canManage ? (
            <Link to="/events/new" className="button">
              {t("events.newEvent")}
            </Link>
          ) : null}
        </nav>
      </div>
      <section className="card" aria-labelledby="plan-title">
        <h2 id="plan-title">{t("events.plan.title")}</h2>
        <p className="muted">{t("events.plan.intro")}</p>
        <ul className="event-plan" data-testid="workshop-plan">
          {plan.map((cluster) => (
            <li key={cluster.id} className={cluster.held > 0 ? "plan-done" : "plan-missing"} data-cluster={cluster.name}>
              <strong>{cluster.name}</strong>
              <span className="plan-badge">{cluster.held > 0 ? `✓ ${t("events.plan.done")}` : `○ ${t("events.plan.missing")}`}</span>
              <span className="muted">
                {t("events.plan.held", { count: cluster.held })} · {t("events.plan.scheduled", { count: cluster.scheduled })}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <EventFilters choices={choices} values={values} />
      <p className="muted">{t("events.count", { count: total })}</p>
      {events.length === 0 ? <p>{t("events.none")}</p> : null}
      <div className="table-wrap">
        <table className="responsive">
          <thead>
            <tr>
              <th>{label.when}</th>
              <th>{label.title}</th>
              <th>{label.type}</th>
              <th>{label.municipality}</th>
              <th>{label.status}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id} data-event-id={event.id}>
                <td data-label={label.when}>{event.when}</td>
                <td data-label={label.title}>
                  <Link to={`/events/${event.id}`}>{event.title}</Link>
                  {event.themes.length ? (
                    <ul className="tags">
                      {event.themes.map((theme) => (
                        <li key={theme}>{theme}</li>
                      ))}
                    </ul>
                  ) : null}
                </td>
                <td data-label={label.type}>{t(`events.types.${event.type}`)}</td>
                <td data-label={label.municipality}>{event.place}</td>
                <td data-label={label.status}>
                  <span className={`event-status status-${event.status.toLowerCase()}`}>{t(`events.statuses.${event.status}`)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={page} pages={pages} />
    </>
  );
}
