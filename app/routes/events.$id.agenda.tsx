import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { deleteSession, formatEventTimes, getEvent, saveSession, utcToLocal } from "~/models/event.server";
import { eventText, SessionAction } from "~/utils/events";
import { translateMessage, formFields } from "~/utils/forms";
import { resolveLocale } from "~/utils/locale.server";
import { requirePermission } from "~/utils/permissions.server";
import { readForm } from "~/utils/request.server";
import { throwIfMissing } from "~/utils/refusal.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "events:manage");
  const locale = await resolveLocale(request);
  const event = await getEvent(params.id ?? "");
  if (!event) throw new Response("Not found", { status: 404 });
  return {
    event: {
      id: event.id,
      title: eventText(event.translations, locale).title,
      when: formatEventTimes(event.startsAt, event.endsAt, locale, event.timeZone),
      editable: event.status === "DRAFT" || event.status === "PUBLISHED",
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

type ActionResult = { formId: string; message?: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "events:manage");
  const eventId = params.id ?? "";
  const parsed = SessionAction.safeParse(formFields(await readForm(request)));
  if (!parsed.success) return data({ formId: "", message: "errors.badRequestTitle" } satisfies ActionResult, { status: 400 });
  const input = parsed.data;
  if (input.intent === "delete") {
    const result = await deleteSession(user.id, eventId, input.sessionId);
    if (!result.ok) {
      throwIfMissing(result);
      return data({ formId: input.sessionId, message: result.message } satisfies ActionResult, { status: result.status });
    }
    return redirect(`/events/${eventId}/agenda?done=deleted`);
  }
  const { intent: _intent, sessionId, ...values } = input;
  const result = await saveSession(user.id, eventId, sessionId || null, values);
  if (!result.ok) {
    throwIfMissing(result);
    const formId = sessionId || "new";
    const body: ActionResult = result.field ? { formId, values, fieldErrors: { [result.field]: result.message } } : { formId, values, message: result.message };
    return data(body, { status: result.status });
  }
  return redirect(`/events/${eventId}/agenda?done=saved`);
}

type SessionValues = { title: string; date: string; start: string; end: string; room: string; facilitators: string };

function SessionForm({ formId, sessionId, values, result }: { formId: string; sessionId: string; values: SessionValues; result?: ActionResult }) {
  const { t } = useTranslation();
  const mine = result?.formId === formId ? result : undefined;
  const shown = { ...values, ...(mine?.values ?? {}) } as SessionValues;
  const errors = mine?.fieldErrors ?? {};
  const field = (name: keyof SessionValues, label: string, type: string, extra: Record<string, unknown> = {}) => (
    <div className={errors[name] ? "field field-invalid" : "field"}>
      <label htmlFor={`${formId}-${name}`}>{label}</label>
      <input
        id={`${formId}-${name}`}
        name={name}
        type={type}
        defaultValue={shown[name]}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `${formId}-${name}-error` : undefined}
        {...extra}
      />
      {errors[name] ? (
        <p className="field-error" id={`${formId}-${name}-error`} role="alert">
          {translateMessage(t, errors[name])}
        </p>
      ) : null}
    </div>
  );
  return (
    <Form method="post" className="stack" aria-label={sessionId ? shown.title : t("events.sessions.add")}>
      {mine?.message ? (
        <p className="notice notice-error" role="alert">
          {translateMessage(t, mine.message)}
        </p>
      ) : null}
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
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  return (
    <>
      <p>
        <Link to={`/events/${event.id}#agenda`}>← {t("events.actions.back")}</Link>
      </p>
      <h1>
        {t("events.sessions.title")}: {event.title}
      </h1>
      <p className="muted">{event.when}</p>
      {done && !result ? (
        <p className="notice notice-ok" role="status">
          {t(done === "deleted" ? "events.sessions.deleted" : "events.sessions.saved")}
        </p>
      ) : null}
      {result?.message && !result.formId ? (
        <p className="notice notice-error" role="alert">
          {translateMessage(t, result.message)}
        </p>
      ) : null}
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
                <details open={result?.formId === session.id}>
                  <summary>{t("events.sessions.edit")}</summary>
                  <SessionForm formId={session.id} sessionId={session.id} values={session} result={result} />
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
            result={result}
          />
        </section>
      ) : null}
    </>
  );
}
