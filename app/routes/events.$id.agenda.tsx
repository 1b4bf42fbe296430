import { useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { deleteSession, getEvent, saveSession, shownStatus, utcToLocal } from "~/models/event.server";
import { SessionAction } from "~/utils/event-forms";
import { useEventSummary } from "~/components/event-page/event-header";
import { Field, FormErrors } from "~/components/forms";
import { requirePermission } from "~/utils/permissions.server";
import { readForm } from "~/utils/request.server";
import { refusalReply } from "~/utils/refusal.server";
import { eventTitle, pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "events.sessions.title", eventTitle(matches));

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "events:manage");
  const event = await getEvent(params.id ?? "");
  if (!event) throw new Response("Not found", { status: 404 });
  return {
    event: {
      id: event.id,
      editable: shownStatus(event) === "DRAFT" || shownStatus(event) === "PUBLISHED",
      firstDate: utcToLocal(event.startsAt, event.timeZone).date,
    },
    sessions: event.sessions.map((s) => ({
      id: s.id,
      title: s.title,
      date: utcToLocal(s.startsAt, event.timeZone).date,
      start: utcToLocal(s.startsAt, event.timeZone).time,
      end: utcToLocal(s.endsAt, event.timeZone).time,
      room: s.room,
      facilitators: s.facilitators,
    })),
  };
}

/** Which form an answer belongs to: a session's ("new" for the form adding one), or none ("") for what is said above the agenda. */
type AgendaAnswer = { formId: string; result: SubmissionResult<string[]> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "events:manage");
  const eventId = params.id ?? "";
  const submission = parseWithZod(await readForm(request), { schema: SessionAction });
  if (submission.status !== "success") return data({ formId: "", result: submission.reply({ formErrors: ["errors.badRequestTitle"] }) }, { status: 400 });
  const input = submission.value;
  if (input.intent === "delete") {
    const result = await deleteSession(user.id, eventId, input.sessionId);
    if (!result.ok) return refusalReply(submission, result, { formId: "" });
    return redirect(`/events/${eventId}/agenda?done=deleted`);
  }
  const { intent: _intent, sessionId, ...values } = input;
  const result = await saveSession(user.id, eventId, sessionId || null, values);
  if (!result.ok) return refusalReply(submission, result, { formId: sessionId || "new" });
  return redirect(`/events/${eventId}/agenda?done=saved`);
}

type SessionValues = { title: string; date: string; start: string; end: string; room: string; facilitators: string };

/** A session's form: an existing one's (formId: its id), or the one adding a session ("new"). */
function SessionForm({ formId, sessionId, values, answer }: { formId: string; sessionId: string; values: SessionValues; answer?: AgendaAnswer }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<SessionValues>({ id: `session-${formId}`, lastResult: answer?.formId === formId ? answer.result : undefined, defaultValue: values });
  const field = (name: keyof SessionValues, label: string, type: string, extra: Record<string, unknown> = {}) => (
    <Field id={`${formId}-${name}`} label={label} errors={fields[name].errors}>
      <input key={fields[name].key} id={`${formId}-${name}`} name={name} type={type} defaultValue={fields[name].initialValue ?? ""} {...extra} />
    </Field>
  );
  return (
    <Form method="post" className="stack" aria-label={sessionId ? values.title : t("events.sessions.add")} id={form.id} onSubmit={form.onSubmit}>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="sessionId" value={sessionId} />
      {field("title", t("events.sessions.sessionTitle"), "text", { required: true, maxLength: 200 })}
      <div className="event-form-row">
        {field("date", t("events.sessions.date"), "date", { required: true })}
        {field("start", t("events.sessions.start"), "time", { required: true })}
        {field("end", t("events.sessions.end"), "time", { required: true })}
      </div>
      <div className="event-form-row">
        {field("room", t("events.sessions.room"), "text", { maxLength: 100 })}
        {field("facilitators", t("events.sessions.facilitators"), "text", { maxLength: 500 })}
      </div>
      <button type="submit">{t("events.sessions.save")}</button>
    </Form>
  );
}

export default function Agenda() {
  const { t } = useTranslation();
  const { event, sessions } = useLoaderData<typeof loader>();
  const summary = useEventSummary();
  const answer = useActionData<typeof action>() as AgendaAnswer | undefined;
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  return (
    <>
      <h1>
        {t("events.sessions.title")}: {summary?.title}
      </h1>
      {done && !answer ? (
        <p className="notice notice-ok" role="status">
          {t(done === "deleted" ? "events.sessions.deleted" : "events.sessions.saved")}
        </p>
      ) : null}
      {/* A refused deletion and a request the page did not send are said above the agenda, as is a refused session once the agenda is closed to changes. */}
      {answer && (!answer.formId || !event.editable) ? <FormErrors errors={answer.result.error?.[""] ?? undefined} /> : null}
      {!event.editable ? <p className="notice">{t("events.errors.notEditable")}</p> : null}
      <ol className="agenda agenda-edit">
        {sessions.map((session) => (
          <li key={session.id} className="card">
            <p>
              <span className="agenda-time">
                {session.date} {session.start}–{session.end}
              </span>{" "}
              <strong>{session.title}</strong>
              {session.room ? <span className="muted"> · {session.room}</span> : null}
            </p>
            {event.editable ? (
              <>
                <details open={answer?.formId === session.id}>
                  <summary>{t("events.sessions.edit")}</summary>
                  <SessionForm formId={session.id} sessionId={session.id} values={session} answer={answer} />
                </details>
                <details>
                  <summary>{t("events.sessions.delete")}</summary>
                  <Form method="post">
                    <p>{t("events.sessions.confirmDelete", { title: session.title })}</p>
                    <input type="hidden" name="intent" value="delete" />
                    <input type="hidden" name="sessionId" value={session.id} />
                    <button type="submit" className="danger">
                      {t("events.sessions.delete")}
                    </button>
                  </Form>
                </details>
              </>
            ) : null}
          </li>
        ))}
      </ol>
      {event.editable ? (
        <section className="card">
          <h2>{t("events.sessions.add")}</h2>
          <SessionForm
            formId="new"
            sessionId=""
            values={{ title: "", date: event.firstDate, start: "", end: "", room: "", facilitators: "" }}
            answer={answer}
          />
        </section>
      ) : null}
    </>
  );
}
