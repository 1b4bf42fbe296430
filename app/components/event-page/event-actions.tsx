import { useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/forms";

/** What the event page's action answers when a form is refused: which form (its intent), and conform's reply to it. */
export type EventPageAnswer = { intent: string; result: SubmissionResult<string[]> };

/**
 * The reply to the form of this intent, if it was the one sent. The page's
 * forms leave checking to the server and keep the browser's own (required
 * fields), so they take conform's id and submit handler, not its noValidate.
 */
export function resultFor(answer: EventPageAnswer | undefined, intent: string): SubmissionResult<string[]> | undefined {
  return answer?.intent === intent ? answer.result : undefined;
}

const MOVE_FIELDS = ["startDate", "startTime", "endDate", "endTime"] as const;
type MoveTimes = Record<(typeof MOVE_FIELDS)[number], string>;

/** The organisers' actions on an event that can still change: publish, move, cancel (editing, the agenda and the invitations are tabs of the event). */
export function EventActions({ event, answer }: { event: { status: string; move: MoveTimes }; answer: EventPageAnswer | undefined }) {
  const { t } = useTranslation();
  return (
    <section className="card event-actions" aria-label={t("events.page.details")}>
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
      {event.status === "PUBLISHED" ? <MoveForm times={event.move} lastResult={resultFor(answer, "move")} /> : null}
      <CancelForm lastResult={resultFor(answer, "cancel")} />
    </section>
  );
}

/** New times for a published event, and the reason its invitees are told. */
function MoveForm({ times, lastResult }: { times: MoveTimes; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<MoveTimes & { reason: string }>({ id: "move", lastResult, defaultValue: times });
  return (
    <details open={!!lastResult}>
      <summary>{t("events.actions.move")}</summary>
      <Form method="post" className="stack" id={form.id} onSubmit={form.onSubmit}>
        <p>{t("events.actions.confirmMove")}</p>
        <input type="hidden" name="intent" value="move" />
        <p className="hint">{t("events.fields.timeZoneHint")}</p>
        <div className="event-form-row">
          {MOVE_FIELDS.map((name) => (
            <Field key={name} id={`move-${name}`} label={t(`events.fields.${name}`)} errors={fields[name].errors}>
              <input
                key={fields[name].key}
                id={`move-${name}`}
                name={name}
                type={name.endsWith("Date") ? "date" : "time"}
                required
                defaultValue={fields[name].initialValue ?? ""}
              />
            </Field>
          ))}
        </div>
        <Field id="move-reason" label={t("events.fields.reason")} errors={fields.reason.errors}>
          <textarea key={fields.reason.key} id="move-reason" name="reason" rows={2} required defaultValue={fields.reason.initialValue ?? ""} />
        </Field>
        <button type="submit">{t("events.actions.move")}</button>
      </Form>
    </details>
  );
}

/** Cancelling the event, with the reason its invitees are told. */
function CancelForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<{ reason: string }>({ id: "cancel", lastResult });
  return (
    <details open={!!lastResult}>
      <summary className="danger-summary">{t("events.actions.cancel")}</summary>
      <Form method="post" className="stack" id={form.id} onSubmit={form.onSubmit}>
        <p>{t("events.actions.confirmCancel")}</p>
        <input type="hidden" name="intent" value="cancel" />
        <Field id="cancel-reason" label={t("events.fields.reason")} errors={fields.reason.errors}>
          <textarea key={fields.reason.key} id="cancel-reason" name="reason" rows={2} required defaultValue={fields.reason.initialValue ?? ""} />
        </Field>
        <button type="submit" className="danger">
          {t("events.actions.cancel")}
        </button>
      </Form>
    </details>
  );
}
