import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EventActions, resultFor, type EventPageAnswer } from "~/components/event-page/event-actions";
import { EventAgenda, EventFacts } from "~/components/event-page/event-overview";
import { actOnEvent } from "~/components/event-page/event-page.server";
import { Materials } from "~/components/event-page/materials";
import { FormErrors } from "~/components/forms";
import { mayDownloadMaterials, MATERIAL_MAX_BYTES, MATERIAL_MAX_MB } from "~/models/event-material.server";
import { eventLocation } from "~/models/event-calendar.server";
import { eventVisibleTo, formatEventTimes, getEvent, invitationCounts, shownStatus, utcToLocal } from "~/models/event.server";
import { dateTimeFormat } from "~/utils/dates";
import { langTag } from "~/utils/content-language";
import { eventText } from "~/utils/events";
import { LOCALE_TAGS } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { placeName } from "~/utils/names";
import { can, requirePermission } from "~/utils/permissions.server";
import { eventTitle, pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "events.tabs.overview", eventTitle(matches));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "events:read");
  const canManage = can(user, "events:manage");
  const locale = await resolveLocale(request);
  const event = await getEvent(params.id ?? "");
  if (!event || !eventVisibleTo(event, canManage)) throw new Response("Not found", { status: 404 });
  const text = eventText(event.translations, locale);
  const status = shownStatus(event);
  // Files the reader may not open are listed without a link (staff, invitees and public files have one).
  const [{ accepted }, downloadable] = await Promise.all([invitationCounts(event.id), mayDownloadMaterials(user, event.id, event, event.materials)]);
  const timeFormat = dateTimeFormat(LOCALE_TAGS[locale], {
    timeStyle: "short",
    hourCycle: "h23",
    timeZone: event.timeZone,
  });
  const start = utcToLocal(event.startsAt, event.timeZone);
  const end = utcToLocal(event.endsAt, event.timeZone);
  const sessionTitles = new Map(event.sessions.map((s) => [s.id, s.title]));
  return {
    canManage,
    canCheckIn: can(user, "attendance:manage") && (status === "PUBLISHED" || status === "COMPLETED"),
    maxMb: MATERIAL_MAX_MB,
    maxBytes: MATERIAL_MAX_BYTES,
    event: {
      id: event.id,
      title: text.title,
      description: text.description,
      textLanguage: text.locale,
      lang: langTag(text.locale, locale),
      askedLanguage: locale === "sr-Cyrl" ? "sr" : locale,
      type: event.type,
      status,
      statusReason: event.statusReason,
      when: formatEventTimes(event.startsAt, event.endsAt, locale, event.timeZone),
      where: eventLocation(event, locale),
      cluster: placeName(event.cluster, locale),
      capacity: event.capacity,
      accepted,
      isPublic: event.isPublic,
      themes: event.themes.map((t) => placeName(t.theme, locale)),
      organisers: event.organisers.map((o) => o.user.name),
      facilitators: event.facilitators.filter((f) => !f.person.erasedAt).map((f) => (f.person.position ? `${f.person.name} (${f.person.position})` : f.person.name)),
      sessions: event.sessions.map((s) => ({
        id: s.id,
        title: s.title,
        time: `${timeFormat.format(s.startsAt)}–${timeFormat.format(s.endsAt)}`,
        date: utcToLocal(s.startsAt, event.timeZone).date,
        room: s.room,
        facilitators: s.facilitators,
      })),
      materials: event.materials.map((m, index) => ({
        id: m.id,
        downloadable: downloadable[index],
        title: m.title,
        fileName: m.fileName,
        sizeKb: Math.max(1, Math.round(m.size / 1024)),
        isPublic: m.isPublic,
        session: m.sessionId ? (sessionTitles.get(m.sessionId) ?? null) : null,
      })),
      move: { startDate: start.date, startTime: start.time, endDate: end.date, endTime: end.time },
      multiDay: start.date !== end.date,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "events:manage");
  return actOnEvent(request, user.id, params.id ?? "");
}

const DONE_MESSAGES: Record<string, string> = {
  created: "events.actions.created",
  saved: "events.actions.saved",
  published: "events.actions.published",
  moved: "events.actions.moved",
  cancelled: "events.actions.cancelled",
  uploaded: "events.materials.uploaded",
  materialDeleted: "events.materials.deleted",
};

export default function EventPage() {
  const { t } = useTranslation();
  const { event, canManage, canCheckIn, maxMb, maxBytes } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as EventPageAnswer | undefined;
  const [searchParams] = useSearchParams();
  const done = DONE_MESSAGES[searchParams.get("done") ?? ""];
  const changeable = event.status === "DRAFT" || event.status === "PUBLISHED";
  return (
    <article className="event-page">
      <p>
        <Link to="/events">← {t("events.title")}</Link>
      </p>
      {done && !answer ? (
        <p className="notice notice-ok" role="status">
          {t(done)}
        </p>
      ) : null}
      {/* What concerns no field (already published, a request the page did not send) is said above the page, whichever form was sent. */}
      <FormErrors errors={answer?.result.error?.[""] ?? undefined} />
      <p className="event-kicker">
        <span className={`event-status status-${event.status.toLowerCase()}`} data-testid="event-status">
          {t(`events.statuses.${event.status}`)}
        </span>{" "}
        {t(`events.types.${event.type}`)} · {event.cluster}
      </p>
      <h1 lang={event.lang}>{event.title}</h1>
      {event.textLanguage !== event.askedLanguage ? (
        <p className="muted">{t("events.page.otherLanguage", { language: t(`events.languages.${event.textLanguage}`) })}</p>
      ) : null}
      {event.status === "CANCELLED" || event.status === "COMPLETED" ? (
        <p className={event.status === "CANCELLED" ? "notice notice-error" : "notice"}>{t(`events.page.statusNote.${event.status}`)}</p>
      ) : null}
      {event.statusReason ? <p className="notice" data-testid="status-reason">{t("events.page.reason", { reason: event.statusReason })}</p> : null}
      <EventFacts event={event} />

      {/* The check-in and the report are tabs of the event (events.$id.tsx); the paper sheet is entered afterwards from here. */}
      {canCheckIn ? (
        <p className="checkin-paper">
          <Link to={`/events/${event.id}/checkin/paper`}>{t("invitations.checkin.paper.link")}</Link>
        </p>
      ) : null}

      {canManage && changeable ? <EventActions event={event} answer={answer} /> : null}

      <EventAgenda sessions={event.sessions} multiDay={event.multiDay} />

      <Materials eventId={event.id} materials={event.materials} sessions={event.sessions} canManage={canManage} maxMb={maxMb} maxBytes={maxBytes} upload={resultFor(answer, "upload")} />
    </article>
  );
}
