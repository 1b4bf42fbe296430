import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The days of a multi-day event, each a link to the same page for that day. */
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
