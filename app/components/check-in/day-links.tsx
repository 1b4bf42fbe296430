import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { placeQuery, type CheckInPlace } from "~/utils/attendance";

/** The days of a multi-day event, each a link to the same page for that day (the whole day: a session belongs to one day). */
export function DayLinks({ days, day }: { days: Array<{ value: string; label: string }>; day: string }) {
  const { t } = useTranslation();
  if (days.length <= 1) return null;
  return (
    <nav aria-label={t("invitations.checkin.day")} className="checkin-days">
      {days.map((d) => (
        <Link key={d.value} to={`?day=${d.value}`} aria-current={d.value === day ? "page" : undefined} className={d.value === day ? "active" : undefined}>
          {d.label}
        </Link>
      ))}
    </nav>
  );
}

export type SessionChoice = { id: string; label: string };

/**
 * Where the door checks people in on this day: the whole day, or one of the
 * day's sessions. Plain links (the choice is kept in the address), so it
 * works without JavaScript and a kept page is one per choice.
 */
export function SessionLinks({ sessions, place }: { sessions: SessionChoice[]; place: CheckInPlace }) {
  const { t } = useTranslation();
  if (sessions.length === 0) return null;
  const choices = [{ key: "", label: t("invitations.checkin.wholeDay"), to: placeQuery({ day: place.day, session: null }), active: !place.session }].concat(
    sessions.map((s) => ({ key: s.id, label: s.label, to: placeQuery({ day: place.day, session: s.id }), active: s.id === place.session })),
  );
  return (
    <nav aria-label={t("invitations.checkin.sessions")} className="checkin-sessions" data-testid="session-choice">
      <span className="muted">{t("invitations.checkin.sessions")}:</span>
      {choices.map((choice) => (
        <Link key={choice.key} to={`?${choice.to}`} aria-current={choice.active ? "page" : undefined} className={choice.active ? "active" : undefined}>
          {choice.label}
        </Link>
      ))}
    </nav>
  );
}
