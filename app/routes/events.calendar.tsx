import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EventFilters } from "~/components/event-filters";
import { eventFilterChoices, filtersFromSearch, monthGrid } from "~/models/event.server";
import { resolveLocale } from "~/utils/locale.server";
import { can, requirePermission } from "~/utils/permissions.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "events.title", data?.grid.title);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "events:read");
  const canManage = can(user, "events:manage");
  const locale = await resolveLocale(request);
  const url = new URL(request.url);
  const [grid, choices] = await Promise.all([
    monthGrid(url.searchParams.get("month"), filtersFromSearch(url.searchParams), canManage, locale),
    eventFilterChoices(locale, canManage),
  ]);
  return {
    grid,
    values: Object.fromEntries(url.searchParams),
    choices,
  };
}

const SHOWN_PER_DAY = 3;

export default function EventCalendar() {
  const { t } = useTranslation();
  const { grid, values, choices } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const monthLink = (month: string) => {
    const params = new URLSearchParams(searchParams);
    params.set("month", month);
    return `?${params}`;
  };
  const listParams = new URLSearchParams(searchParams);
  listParams.delete("month");
  return (
    <>
      <div className="event-heading">
        <h1>{t("events.calendar.title", { month: grid.title })}</h1>
        <nav className="event-views" aria-label={t("events.title")}>
          <Link to={`/events?${listParams}`}>{t("events.listView")}</Link>
        </nav>
      </div>
      <nav className="pager month-pager">
        <Link to={monthLink(grid.previous)} rel="prev">
          ← {t("events.calendar.previous")}
        </Link>
        <Link to={monthLink(grid.next)} rel="next">
          {t("events.calendar.next")} →
        </Link>
      </nav>
      <EventFilters choices={choices} values={values} hidden={{ month: grid.month }} />
      <table className="month-grid">
        <thead>
          <tr>
            {grid.weekdays.map((name) => (
              <th key={name} scope="col">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.weeks.map((week) => (
            <tr key={week[0].date}>
              {week.map((day, index) => (
                <td
                  key={day.date}
                  data-date={day.date}
                  className={[day.inMonth ? "" : "other-month", day.today ? "today" : "", day.events.length ? "has-events" : ""].join(" ").trim()}
                >
                  <span className="day-number">
                    <span className="day-weekday">{grid.weekdays[index]} </span>
                    {day.day}
                  </span>
                  {day.events.length ? (
                    <ul>
                      {day.events.slice(0, SHOWN_PER_DAY).map((event) => (
                        <li key={event.id} className={`status-${event.status.toLowerCase()}`}>
                          <Link to={`/events/${event.id}`}>
                            <span className="event-time">{event.time}</span> {event.title}
                          </Link>
                        </li>
                      ))}
                      {day.events.length > SHOWN_PER_DAY ? (
                        <li className="muted">{t("events.calendar.more", { count: day.events.length - SHOWN_PER_DAY })}</li>
                      ) : null}
                    </ul>
                  ) : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
