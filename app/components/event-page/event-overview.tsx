import { useTranslation } from "react-i18next";

type Facts = {
  id: string;
  status: string;
  when: string;
  where: string;
  capacity: number;
  accepted: number;
  themes: string[];
  organisers: string[];
  facilitators: string[];
  description: string | null;
  /** The language of the title and description (lang attribute); names and session titles are in no recorded language. */
  lang: string;
};

/** What, when, where, how many seats, who organises and facilitates; the calendar file once the event is out of draft. */
export function EventFacts({ event }: { event: Facts }) {
  const { t } = useTranslation();
  return (
    <section className="card">
      <dl className="event-facts">
        <dt>{t("events.fields.when")}</dt>
        <dd data-testid="event-when">{event.when}</dd>
        <dt>{t("events.fields.venue")}</dt>
        <dd>{event.where}</dd>
        <dt>{t("events.fields.capacity")}</dt>
        <dd>{t("events.page.capacityLine", { accepted: event.accepted, capacity: event.capacity })}</dd>
        {event.themes.length ? (
          <>
            <dt>{t("events.fields.themes")}</dt>
            <dd>
              <ul className="tags">
                {event.themes.map((theme) => (
                  <li key={theme}>{theme}</li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        <dt>{t("events.fields.organisers")}</dt>
        <dd lang={event.organisers.length ? "" : undefined}>{event.organisers.length ? event.organisers.join(", ") : <span className="muted">{t("events.page.noOrganisers")}</span>}</dd>
        <dt>{t("events.fields.facilitators")}</dt>
        <dd lang={event.facilitators.length ? "" : undefined}>{event.facilitators.length ? event.facilitators.join(", ") : <span className="muted">{t("events.page.noFacilitators")}</span>}</dd>
      </dl>
      {event.description ? <p className="event-description" lang={event.lang}>
          {event.description}
        </p> : null}
      {event.status !== "DRAFT" ? (
        <p>
          <a href={`/events/${event.id}/calendar.ics`} download>
            {t("events.page.downloadIcs")}
          </a>
        </p>
      ) : null}
    </section>
  );
}

type Session = { id: string; title: string; time: string; date: string; room: string | null; facilitators: string | null };

/** The event's sessions in order (with their date when the event spans several days). */
export function EventAgenda({ sessions, multiDay }: { sessions: Session[]; multiDay: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="card" id="agenda">
      <h2>{t("events.page.agenda")}</h2>
      {sessions.length === 0 ? <p className="muted">{t("events.page.noSessions")}</p> : null}
      <ol className="agenda">
        {sessions.map((session) => (
          <li key={session.id}>
            <span className="agenda-time">
              {multiDay ? `${session.date} ` : ""}
              {session.time}
            </span>
            <strong lang="">{session.title}</strong>
            {session.room ? <span className="muted"> · {t("events.sessions.room")}: {session.room}</span> : null}
            {session.facilitators ? (
              <span className="muted">
                {" · "}
                <span lang="">{session.facilitators}</span>
              </span>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
