import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/forms";

/** What the event page's action answers when it refuses a form: which form, its field errors or message, and what was typed. */
export type EventPageAnswer = {
  intent: string;
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
};

/** What a form of the page sent back: its field errors and what was typed, to show again. */
export type FormAnswer = { errors: Record<string, string>; values: Record<string, string> };

const MOVE_FIELDS = ["startDate", "startTime", "endDate", "endTime"] as const;

/** The organisers' actions on an event that can still change: edit, agenda, invitations, publish, move, cancel. */
export function EventActions({
  event,
  openIntent,
  move,
  cancel,
}: {
  event: { id: string; status: string; move: Record<(typeof MOVE_FIELDS)[number], string> };
  /** The intent whose form was sent back, so that its details stay open. */
  openIntent: string | null;
  move: FormAnswer;
  cancel: FormAnswer;
}) {
  const { t } = useTranslation();
  const moveValues: Record<string, string> = { ...event.move, ...move.values };
  return (
    <section className="card event-actions" aria-label={t("events.page.details")}>
      <Link to={`/events/${event.id}/edit`} className="button">
        {t("events.page.edit")}
      </Link>
      <Link to={`/events/${event.id}/agenda`}>{t("events.page.manageAgenda")}</Link>
      <Link to={`/events/${event.id}/invitations`}>{t("invitations.manage.title")}</Link>
      {event.status === "DRAFT" ? (
        <details>
          <summary>{t("events.actions.publish")}</summary>
          <Form method="post">
            <p>{t("events.actions.confirmPublish")}</p>
            <input type="hidden" name="intent" value="publish" />
            <button type="submit">{t("events.actions.publish")}</button>
          </Form>
        </details>
      ) : null}
      {event.status === "PUBLISHED" ? (
        <details open={openIntent === "move"}>
          <summary>{t("events.actions.move")}</summary>
          <Form method="post" className="stack">
            <p>{t("events.actions.confirmMove")}</p>
            <input type="hidden" name="intent" value="move" />
            <p className="hint">{t("events.fields.timeZoneHint")}</p>
            <div className="event-form-row">
              {MOVE_FIELDS.map((name) => (
                <Field key={name} id={`move-${name}`} label={t(`events.fields.${name}`)} errors={errorList(move.errors[name])}>
                  <input id={`move-${name}`} name={name} type={name.endsWith("Date") ? "date" : "time"} required defaultValue={moveValues[name]} />
                </Field>
              ))}
            </div>
            <Field id="move-reason" label={t("events.fields.reason")} errors={errorList(move.errors.reason)}>
              <textarea id="move-reason" name="reason" rows={2} required defaultValue={moveValues.reason ?? ""} />
            </Field>
            <button type="submit">{t("events.actions.move")}</button>
          </Form>
        </details>
      ) : null}
      <details open={openIntent === "cancel"}>
        <summary className="danger-summary">{t("events.actions.cancel")}</summary>
        <Form method="post" className="stack">
          <p>{t("events.actions.confirmCancel")}</p>
          <input type="hidden" name="intent" value="cancel" />
          <Field id="cancel-reason" label={t("events.fields.reason")} errors={errorList(cancel.errors.reason)}>
            <textarea id="cancel-reason" name="reason" rows={2} required defaultValue={cancel.values.reason ?? ""} />
          </Field>
          <button type="submit" className="danger">
            {t("events.actions.cancel")}
          </button>
        </Form>
      </details>
    </section>
  );
}

/** One message as the list Field takes. */
export function errorList(message: string | undefined): string[] | undefined {
  return message ? [message] : undefined;
}
