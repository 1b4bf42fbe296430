import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { EventHeader } from "~/components/event-page/event-header";
import { eventLocation } from "~/models/event-calendar.server";
import { eventSummary, eventVisibleTo, formatEventTimes, shownStatus } from "~/models/event.server";
import { getSessionUser } from "~/utils/auth.server";
import { eventText } from "~/utils/events";
import { resolveLocale } from "~/utils/locale.server";
import { can } from "~/utils/permissions.server";
import { pageTitle } from "~/utils/page-title";

// Every page of one event (overview, agenda, edit, invitations, check-in,
// report): the event's title, time, place and status, and the tabs the reader
// may use. A missing or hidden event gives no header; each page then answers
// its own 404 or 403, as it checks its own permission.

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "events.tabs.overview", data?.event?.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (!can(user, "events:read")) return { event: null };
  const event = await eventSummary(params.id ?? "");
  if (!event || !eventVisibleTo(event, can(user, "events:manage"))) return { event: null };
  const locale = await resolveLocale(request);
  const status = shownStatus(event);
  const changeable = status === "DRAFT" || status === "PUBLISHED";
  return {
    event: {
      id: event.id,
      title: eventText(event.translations, locale).title,
      when: formatEventTimes(event.startsAt, event.endsAt, locale, event.timeZone),
      where: eventLocation(event, locale),
      status,
    },
    // The same rules as the pages' own loaders and the overview's links.
    tabs: {
      agenda: can(user, "events:manage"),
      invitations: can(user, "invitations:manage"),
      checkin: can(user, "attendance:manage") && (status === "PUBLISHED" || status === "COMPLETED"),
      report: can(user, "reports:read") && status !== "DRAFT",
      edit: can(user, "events:manage") && changeable,
    },
  };
}

export default function EventLayout() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      {data.event ? <EventHeader event={data.event} tabs={data.tabs} /> : null}
      <Outlet />
    </>
  );
}
