import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { deleteMaterial, mayDownloadMaterial, MATERIAL_MAX_BYTES, MATERIAL_MAX_MB, saveMaterial } from "~/models/event-material.server";
import { eventLocation } from "~/models/event-calendar.server";
import { readUpload } from "~/models/uploaded-file.server";
import {
  cancelEvent,
  completeEndedEvents,
  eventVisibleTo,
  formatEventTimes,
  getEvent,
  invitationCounts,
  moveEvent,
  publishEvent,
  utcToLocal,
} from "~/models/event.server";
import { EventAction, eventText, MaterialUploadForm } from "~/utils/events";
import { messageWith, translateMessage, formFields } from "~/utils/forms";
import { LOCALE_TAGS } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { placeName } from "~/utils/names";
import { can, requirePermission } from "~/utils/permissions.server";
import { readForm } from "~/utils/request.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "events:read");
  const canManage = can(user, "events:manage");
  const locale = await resolveLocale(request);
  await completeEndedEvents();
  const event = await getEvent(params.id ?? "");
  if (!event || !eventVisibleTo(event, canManage)) throw new Response("Not found", { status: 404 });
  const text = eventText(event.translations, locale);
  const { accepted } = await invitationCounts(event.id);
  const timeFormat = new Intl.DateTimeFormat(LOCALE_TAGS[locale], {
    timeStyle: "short",
    hourCycle: "h23",
    timeZone: event.timeZone,
  });
  const start = utcToLocal(event.startsAt, event.timeZone);
  const end = utcToLocal(event.endsAt, event.timeZone);
  const sessionTitles = new Map(event.sessions.map((s) => [s.id, s.title]));
  // Files the reader may not open are listed without a link (staff, invitees and public files have one).
  const downloadable = await Promise.all(event.materials.map((m) => mayDownloadMaterial(user, { ...m, event })));
  return {
    canManage,
    canReport: can(user, "reports:read") && event.status !== "DRAFT",
    canCheckIn: can(user, "attendance:manage") && (event.status === "PUBLISHED" || event.status === "COMPLETED"),
    maxMb: MATERIAL_MAX_MB,
    maxBytes: MATERIAL_MAX_BYTES,
    event: {
      id: event.id,
      title: text.title,
      description: text.description,
      textLanguage: text.locale,
      askedLanguage: locale === "sr-Cyrl" ? "sr" : locale,
      type: event.type,
      status: event.status,
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

type ActionResult = {
  intent: string;
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
};

async function uploadMaterial(request: Request, actorId: string, eventId: string) {
  const tooLarge = (): ActionResult => ({
    intent: "upload",
    ok: false,
    fieldErrors: { file: messageWith("events.errors.fileTooLarge", { max: MATERIAL_MAX_MB }) },
  });
  const upload = await readUpload(request, MATERIAL_MAX_BYTES);
  if (!upload.ok) {
    if (upload.reason === "tooLarge") return data(tooLarge(), { status: 413, headers: { Connection: "close" } });
    return data({ intent: "upload", ok: false, message: "errors.badRequestTitle" } satisfies ActionResult, { status: 400 });
  }
  const { form } = upload;
  const file = form.get("file");
  const values = { title: String(form.get("title") ?? "").slice(0, 200), sessionId: String(form.get("sessionId") ?? "") };
  if (!(file instanceof File) || file.size === 0) {
    return data({ intent: "upload", ok: false, values, fieldErrors: { file: "events.errors.fileRequired" } } satisfies ActionResult, { status: 400 });
  }
  const fields = MaterialUploadForm.safeParse(formFields(form));
  if (!fields.success) {
    const issue = fields.error.issues[0];
    const refused: ActionResult =
      issue.path[0] === "title" || issue.path[0] === "sessionId"
        ? { intent: "upload", ok: false, values, fieldErrors: { [issue.path[0]]: issue.message } }
        : { intent: "upload", ok: false, values, message: "errors.badRequestTitle" };
    return data(refused, { status: 400 });
  }
  const result = await saveMaterial(actorId, eventId, {
    title: fields.data.title,
    sessionId: fields.data.sessionId || null,
    isPublic: fields.data.isPublic === "on",
    fileName: file.name.slice(0, 200),
    bytes: new Uint8Array(await file.arrayBuffer()),
  });
  if (!result.ok) {
    if (result.message === "errors.notFound") throw new Response("Not found", { status: 404 });
    const status = result.message.startsWith("events.errors.fileTooLarge") ? 413 : 400;
    return data({ intent: "upload", ok: false, values, fieldErrors: { [result.field ?? "file"]: result.message } } satisfies ActionResult, { status });
  }
  return redirect(`/events/${eventId}?done=uploaded#materials`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "events:manage");
  const eventId = params.id ?? "";
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return uploadMaterial(request, user.id, eventId);
  const parsed = EventAction.safeParse(formFields(await readForm(request)));
  if (!parsed.success) return data({ intent: "", ok: false, message: "errors.badRequestTitle" } satisfies ActionResult, { status: 400 });
  const input = parsed.data;
  switch (input.intent) {
    case "publish": {
      const result = await publishEvent(user.id, eventId);
      if (!result.ok) return refused(input.intent, result);
      return redirect(`/events/${eventId}?done=published`);
    }
    case "move": {
      const { intent, reason, ...times } = input;
      const result = await moveEvent(user.id, eventId, {
        start: { date: times.startDate, time: times.startTime },
        end: { date: times.endDate, time: times.endTime },
        reason,
      });
      if (!result.ok) return refused(intent, result, { ...times, reason });
      return redirect(`/events/${eventId}?done=moved`);
    }
    case "cancel": {
      const result = await cancelEvent(user.id, eventId, input.reason);
      if (!result.ok) return refused(input.intent, result, { reason: input.reason });
      return redirect(`/events/${eventId}?done=cancelled`);
    }
    case "deleteMaterial": {
      const result = await deleteMaterial(user.id, eventId, input.materialId);
      if (!result.ok) return refused(input.intent, result);
      return redirect(`/events/${eventId}?done=materialDeleted#materials`);
    }
  }
}

function refused(intent: string, result: { field: string | null; message: string }, values?: Record<string, string>) {
  if (result.message === "errors.notFound") throw new Response("Not found", { status: 404 });
  const body: ActionResult = result.field
    ? { intent, ok: false, values, fieldErrors: { [result.field]: result.message } }
    : { intent, ok: false, values, message: result.message };
  return data(body, { status: 400 });
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

/** Points a control at its FieldError and marks it invalid, so a screen reader reads the error with the control. */
function errorProps(errorId: string, message?: string) {
  return message ? { "aria-invalid": true as const, "aria-describedby": errorId } : {};
}

function FieldError({ id, message }: { id: string; message?: string }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {translateMessage(t, message)}
    </p>
  );
}

export default function EventPage() {
  const { t } = useTranslation();
  const { event, canManage, canReport, canCheckIn, maxMb, maxBytes } = useLoaderData<typeof loader>();
  // With JavaScript, a file over the limit is refused before a byte is sent (the server refuses it too).
  const [tooLarge, setTooLarge] = useState(false);
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const done = DONE_MESSAGES[searchParams.get("done") ?? ""];
  const errorsOf = (intent: string) => (result?.intent === intent ? (result.fieldErrors ?? {}) : {});
  const valuesOf = (intent: string) => (result?.intent === intent ? (result.values ?? {}) : {});
  const moveErrors = errorsOf("move");
  const moveValues: Record<string, string> = { ...event.move, ...valuesOf("move") };
  const cancelErrors = errorsOf("cancel");
  const uploadErrors = tooLarge ? { file: messageWith("events.errors.fileTooLarge", { max: maxMb }) } : errorsOf("upload");
  const uploadValues = valuesOf("upload");
  const changeable = event.status === "DRAFT" || event.status === "PUBLISHED";
  return (
    <article className="event-page">
      <p>
        <Link to="/events">← {t("events.title")}</Link>
      </p>
      {done && !result ? (
        <p className="notice notice-ok" role="status">
          {t(done)}
        </p>
      ) : null}
      {result?.message ? (
        <p className="notice notice-error" role="alert">
          {translateMessage(t, result.message)}
        </p>
      ) : null}
      <p className="event-kicker">
        <span className={`event-status status-${event.status.toLowerCase()}`} data-testid="event-status">
          {t(`events.statuses.${event.status}`)}
        </span>{" "}
        {t(`events.types.${event.type}`)} · {event.cluster}
      </p>
      <h1>{event.title}</h1>
      {event.textLanguage !== event.askedLanguage ? (
        <p className="muted">{t("events.page.otherLanguage", { language: t(`events.languages.${event.textLanguage}`) })}</p>
      ) : null}
      {event.status === "CANCELLED" || event.status === "COMPLETED" ? (
        <p className={event.status === "CANCELLED" ? "notice notice-error" : "notice"}>{t(`events.page.statusNote.${event.status}`)}</p>
      ) : null}
      {event.statusReason ? <p className="notice" data-testid="status-reason">{t("events.page.reason", { reason: event.statusReason })}</p> : null}
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
          <dd>{event.organisers.length ? event.organisers.join(", ") : <span className="muted">{t("events.page.noOrganisers")}</span>}</dd>
          <dt>{t("events.fields.facilitators")}</dt>
          <dd>{event.facilitators.length ? event.facilitators.join(", ") : <span className="muted">{t("events.page.noFacilitators")}</span>}</dd>
        </dl>
        {event.description ? <p className="event-description">{event.description}</p> : null}
        {event.status !== "DRAFT" ? (
          <p>
            <a href={`/events/${event.id}/calendar.ics`} download>
              {t("events.page.downloadIcs")}
            </a>
          </p>
        ) : null}
      </section>

      {canCheckIn ? (
        <p className="checkin-paper">
          <Link to={`/events/${event.id}/checkin`}>{t("invitations.checkin.title")}</Link>
          <Link to={`/events/${event.id}/checkin/paper`}>{t("invitations.checkin.paper.link")}</Link>
        </p>
      ) : null}

      {canReport ? (
        <p>
          <Link to={`/events/${event.id}/report`}>{t("invitations.reports.open")}</Link>
        </p>
      ) : null}

      {canManage && changeable ? (
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
            <details open={result?.intent === "move"}>
              <summary>{t("events.actions.move")}</summary>
              <Form method="post" className="stack">
                <p>{t("events.actions.confirmMove")}</p>
                <input type="hidden" name="intent" value="move" />
                <p className="hint">{t("events.fields.timeZoneHint")}</p>
                <div className="event-form-row">
                  {(["startDate", "startTime", "endDate", "endTime"] as const).map((name) => (
                    <div key={name} className={moveErrors[name] ? "field field-invalid" : "field"}>
                      <label htmlFor={`move-${name}`}>{t(`events.fields.${name}`)}</label>
                      <input
                        id={`move-${name}`}
                        name={name}
                        type={name.endsWith("Date") ? "date" : "time"}
                        required
                        defaultValue={moveValues[name]}
                        {...errorProps(`move-${name}-error`, moveErrors[name])}
                      />
                      <FieldError id={`move-${name}-error`} message={moveErrors[name]} />
                    </div>
                  ))}
                </div>
                <div className={moveErrors.reason ? "field field-invalid" : "field"}>
                  <label htmlFor="move-reason">{t("events.fields.reason")}</label>
                  <textarea id="move-reason" name="reason" rows={2} required defaultValue={moveValues.reason ?? ""} {...errorProps("move-reason-error", moveErrors.reason)} />
                  <FieldError id="move-reason-error" message={moveErrors.reason} />
                </div>
                <button type="submit">{t("events.actions.move")}</button>
              </Form>
            </details>
          ) : null}
          <details open={result?.intent === "cancel"}>
            <summary className="danger-summary">{t("events.actions.cancel")}</summary>
            <Form method="post" className="stack">
              <p>{t("events.actions.confirmCancel")}</p>
              <input type="hidden" name="intent" value="cancel" />
              <div className={cancelErrors.reason ? "field field-invalid" : "field"}>
                <label htmlFor="cancel-reason">{t("events.fields.reason")}</label>
                <textarea
                  id="cancel-reason"
                  name="reason"
                  rows={2}
                  required
                  defaultValue={valuesOf("cancel").reason ?? ""}
                  {...errorProps("cancel-reason-error", cancelErrors.reason)}
                />
                <FieldError id="cancel-reason-error" message={cancelErrors.reason} />
              </div>
              <button type="submit" className="danger">
                {t("events.actions.cancel")}
              </button>
            </Form>
          </details>
        </section>
      ) : null}

      <section className="card" id="agenda">
        <h2>{t("events.page.agenda")}</h2>
        {event.sessions.length === 0 ? <p className="muted">{t("events.page.noSessions")}</p> : null}
        <ol className="agenda">
          {event.sessions.map((session) => (
            <li key={session.id}>
              <span className="agenda-time">
                {event.multiDay ? `${session.date} ` : ""}
                {session.time}
              </span>
              <strong>{session.title}</strong>
              {session.room ? <span className="muted"> · {t("events.sessions.room")}: {session.room}</span> : null}
              {session.facilitators ? <span className="muted"> · {session.facilitators}</span> : null}
            </li>
          ))}
        </ol>
      </section>

      <section className="card" id="materials">
        <h2>{t("events.page.materials")}</h2>
        {event.materials.length === 0 ? <p className="muted">{t("events.page.noMaterials")}</p> : null}
        <ul className="materials">
          {event.materials.map((material) => (
            <li key={material.id}>
              {material.downloadable ? <a href={`/events/${event.id}/materials/${material.id}`}>{material.title}</a> : material.title}{" "}
              <span className="muted">
                ({material.fileName}, {material.sizeKb} KB{material.session ? ` · ${material.session}` : ""})
              </span>
              {material.isPublic ? <span className="tag-inline">{t("events.materials.public")}</span> : null}
              {canManage ? (
                <details className="inline-details">
                  <summary>{t("events.materials.delete")}</summary>
                  <Form method="post">
                    <p>{t("events.materials.confirmDelete", { title: material.title })}</p>
                    <input type="hidden" name="intent" value="deleteMaterial" />
                    <input type="hidden" name="materialId" value={material.id} />
                    <button type="submit" className="danger">
                      {t("events.materials.delete")}
                    </button>
                  </Form>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
        {canManage ? (
          <Form
            method="post"
            encType="multipart/form-data"
            className="stack material-upload"
            onSubmit={(submit) => {
              const file = (submit.currentTarget.elements.namedItem("file") as HTMLInputElement | null)?.files?.[0];
              const over = !!file && file.size > maxBytes;
              setTooLarge(over);
              if (over) submit.preventDefault();
            }}
          >
            <h3>{t("events.materials.upload")}</h3>
            <div className={uploadErrors.file ? "field field-invalid" : "field"}>
              <label htmlFor="material-file">{t("events.materials.file")}</label>
              <input
                id="material-file"
                name="file"
                type="file"
                accept=".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.png,.jpg,.jpeg"
                aria-describedby={uploadErrors.file ? "material-file-hint material-file-error" : "material-file-hint"}
                aria-invalid={uploadErrors.file ? true : undefined}
              />
              <p className="hint" id="material-file-hint">
                {t("events.materials.fileHint", { max: maxMb })}
              </p>
              <FieldError id="material-file-error" message={uploadErrors.file} />
            </div>
            <div className={uploadErrors.title ? "field field-invalid" : "field"}>
              <label htmlFor="material-title">{t("events.materials.materialTitle")}</label>
              <input id="material-title" name="title" type="text" maxLength={200} defaultValue={uploadValues.title ?? ""} {...errorProps("material-title-error", uploadErrors.title)} />
              <FieldError id="material-title-error" message={uploadErrors.title} />
            </div>
            {event.sessions.length ? (
              <div className={uploadErrors.sessionId ? "field field-invalid" : "field"}>
                <label htmlFor="material-session">{t("events.materials.session")}</label>
                <select id="material-session" name="sessionId" defaultValue={uploadValues.sessionId ?? ""} {...errorProps("material-session-error", uploadErrors.sessionId)}>
                  <option value="">{t("events.materials.wholeEvent")}</option>
                  {event.sessions.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.time} {s.title}
                    </option>
                  ))}
                </select>
                <FieldError id="material-session-error" message={uploadErrors.sessionId} />
              </div>
            ) : null}
            <label>
              <input type="checkbox" name="isPublic" /> {t("events.materials.isPublic")}
            </label>
            <button type="submit" disabled={navigation.state === "submitting"}>
              {t("events.materials.upload")}
            </button>
          </Form>
        ) : null}
      </section>
    </article>
  );
}
