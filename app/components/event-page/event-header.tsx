import { Link, NavLink, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { loader } from "~/routes/events.$id";

type Summary = { id: string; title: string; when: string; where: string; status: string };
type Tabs = { agenda: boolean; invitations: boolean; checkin: boolean; report: boolean; edit: boolean };

/** The event the page belongs to, as the layout route (events.$id.tsx) loaded it; null on a page of no visible event. */
export function useEventSummary(): Summary | null {
  return useRouteLoaderData<typeof loader>("routes/events.$id")?.event ?? null;
}

/**
 * Above every page of an event: its title (the pages keep their own h1), when,
 * where and status, then the tabs the reader may use, the current one marked.
 * The tabs wrap on a narrow screen; they are plain links.
 */
export function EventHeader({ event, tabs }: { event: Summary; tabs: Tabs }) {
  const { t } = useTranslation();
  const base = `/events/${event.id}`;
  const items = [
    { to: base, end: true, show: true, label: t("events.tabs.overview") },
    { to: `${base}/agenda`, end: true, show: tabs.agenda, label: t("events.tabs.agenda") },
    { to: `${base}/invitations`, end: true, show: tabs.invitations, label: t("events.tabs.invitations") },
    // The paper sheet is part of the check-in.
    { to: `${base}/checkin`, end: false, show: tabs.checkin, label: t("events.tabs.checkin") },
    { to: `${base}/report`, end: true, show: tabs.report, label: t("events.tabs.report") },
    { to: `${base}/edit`, end: true, show: tabs.edit, label: t("events.tabs.edit") },
  ].filter((item) => item.show);
  return (
    <div className="event-header">
      <p className="event-header-title">
        <Link to={base}>{event.title}</Link>{" "}
        <span className={`event-status status-${event.status.toLowerCase()}`}>{t(`events.statuses.${event.status}`)}</span>
      </p>
      <p className="muted event-header-facts">
        {event.when}
        {event.where ? ` · ${event.where}` : ""}
      </p>
      <nav className="event-tabs" aria-label={t("events.tabs.label")}>
        <ul>
          {items.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.end}>
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
