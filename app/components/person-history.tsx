import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { AnswerChannel, ContributionStatus, InvitationStatus } from "~/generated/prisma/enums";

/** A person's history across events, as their directory page shows it (texts already in the reader's language). */
export type PersonHistoryView = {
  hasAccount: boolean;
  history: {
    events: Array<{
      id: string;
      title: string;
      date: string;
      status: InvitationStatus | null;
      invited: string | null;
      answers: Array<{ status: InvitationStatus; channel: AnswerChannel; recordedBy: string | null; date: string }>;
      days: string[];
    }>;
    contributions: Array<{ id: string; title: string; status: ContributionStatus }>;
  };
  facilitating: Array<{ id: string; title: string; date: string }>;
};

/** Invited, answered (and who recorded it), attended (per day), contributed, facilitated. */
export function PersonHistorySection({ person }: { person: PersonHistoryView }) {
  const { t } = useTranslation();
  return (
    <section className="card">
      <h2>{t("invitations.checkin.history.title")}</h2>
      {person.history.events.length === 0 ? <p className="muted">{t("directory.person.noInvitations")}</p> : null}
      <ul className="history-list" data-testid="person-history">
        {person.history.events.map((e) => (
          <li key={e.id}>
            <Link to={`/events/${e.id}`}>{e.title}</Link> · {e.date} ·{" "}
            {e.status ? t(`directory.invitationStatus.${e.status}`) : t("invitations.checkin.history.noInvitation")}
            <ul>
              {e.status ? <li>{e.invited ? `${t("invitations.checkin.history.invited")}: ${e.invited}` : t("invitations.checkin.history.notSent")}</li> : null}
              {e.answers.map((a, index) => (
                <li key={index}>
                  {t("invitations.checkin.history.answer", {
                    status: t(`invitations.status.${a.status}`),
                    channel: t(`invitations.checkin.history.channel.${a.channel}`),
                    date: a.date,
                  })}
                  {a.recordedBy ? ` (${t("invitations.checkin.history.recordedBy", { name: a.recordedBy })})` : ""}
                </li>
              ))}
              <li>{e.days.length ? `${t("invitations.checkin.history.attended")}: ${e.days.join("; ")}` : t("invitations.checkin.history.notAttended")}</li>
            </ul>
          </li>
        ))}
      </ul>
      <h3>{t("invitations.checkin.history.contributions")}</h3>
      {!person.hasAccount ? <p className="muted">{t("invitations.checkin.history.noAccount")}</p> : null}
      {person.hasAccount && person.history.contributions.length === 0 ? <p className="muted">{t("invitations.checkin.history.noContributions")}</p> : null}
      {person.history.contributions.length ? (
        <ul>
          {person.history.contributions.map((c) => (
            <li key={c.id}>
              <Link to={`/contributions/${c.id}`}>{c.title}</Link> · {t(`invitations.checkin.history.contributionStatus.${c.status}`)}
            </li>
          ))}
        </ul>
      ) : null}
      {person.facilitating.length > 0 ? (
        <>
          <h3>{t("directory.person.facilitating")}</h3>
          <ul>
            {person.facilitating.map((f) => (
              <li key={f.id}>
                {f.title} · {f.date}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
