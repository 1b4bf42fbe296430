import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export type InvitationRow = {
  id: string;
  name: string;
  email: string | null;
  place: string;
  status: string;
  sent: boolean;
  queued: boolean;
  byTrainer: boolean;
  needs: string[];
};

/** The event's invitation list: who, their answer, what they need, and the trainer's actions on each. */
export function InvitationTable({ list }: { list: InvitationRow[] }) {
  const { t } = useTranslation();
  if (list.length === 0) return <p>{t("invitations.manage.empty")}</p>;
  return (
    <div className="table-wrap">
      <table className="responsive">
        <thead>
          <tr>
            <th>{t("invitations.manage.person")}</th>
            <th>{t("invitations.manage.status")}</th>
            <th>{t("invitations.manage.needs")}</th>
            <th>{t("admin.users.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((item) => (
            <tr key={item.id} data-invitation-person={item.name}>
              <td data-label={t("invitations.manage.person")}>
                {item.name}
                <br />
                <span className="muted">{item.place || item.email}</span>
              </td>
              <td data-label={t("invitations.manage.status")}>
                {t(`invitations.status.${item.status}`)}
                {item.byTrainer ? <span className="muted"> ({t("invitations.manage.byPhone")})</span> : null}
                <br />
                <span className="muted">
                  {item.sent ? t("invitations.manage.invited") : item.queued ? t("invitations.manage.queued") : t("invitations.manage.notInvited")}
                </span>
              </td>
              <td data-label={t("invitations.manage.needs")}>{item.needs.map((n) => (n === "transport" ? t("invitations.manage.transport") : n)).join(", ")}</td>
              <td data-label={t("admin.users.actions")}>{item.status !== "CANCELLED" ? <InvitationActions item={item} /> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Record an answer given by phone, send the invitation again, or take the person off the list. */
function InvitationActions({ item }: { item: InvitationRow }) {
  const { t } = useTranslation();
  return (
    <div className="roles-form">
      {(["ACCEPT", "DECLINE"] as const).map((answer) => (
        <Form method="post" key={answer} className="inline">
          <input type="hidden" name="intent" value="record" />
          <input type="hidden" name="invitationId" value={item.id} />
          <input type="hidden" name="answer" value={answer} />
          <button type="submit" className="secondary">
            {t(answer === "ACCEPT" ? "invitations.manage.recordAccept" : "invitations.manage.recordDecline")}
          </button>
        </Form>
      ))}
      {item.sent && item.email ? (
        <Form method="post" className="inline">
          <input type="hidden" name="intent" value="resend" />
          <input type="hidden" name="invitationId" value={item.id} />
          <button type="submit" className="secondary">
            {t("invitations.manage.resend")}
          </button>
        </Form>
      ) : null}
      <details>
        <summary>{t("invitations.manage.remove")}</summary>
        <Form method="post">
          <p>{t("invitations.manage.confirmRemove", { name: item.name })}</p>
          <input type="hidden" name="intent" value="remove" />
          <input type="hidden" name="invitationId" value={item.id} />
          <button type="submit" className="danger">
            {t("invitations.manage.remove")}
          </button>
        </Form>
      </details>
    </div>
  );
}
