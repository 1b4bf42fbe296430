import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { enqueue, flushQueue, loadQueue, newClientRef, type QueuedTap, type TapAnswer } from "~/components/check-in-queue";
import { Field, FormErrors } from "~/components/forms";
import { QrScanner } from "~/components/qr-scanner";
import { prisma } from "~/db.server";
import {
  checkIn,
  checkInList,
  checkInWalkIn,
  defaultCheckInDay,
  directoryMatchesForCheckIn,
  eventForCheckIn,
  undoCheckIn,
} from "~/models/attendance.server";
import { CheckInForm, invitationIdInCode, UndoCheckInForm, WalkInForm, WalkInSchema } from "~/utils/attendance";
import { COMMUNITIES, GENDERS, PERSON_LOCALES } from "~/utils/directory";
import { eventText } from "~/utils/events";
import { messageWith, translateMessage, formFields, hiddenFieldErrors } from "~/utils/forms";
import { LOCALE_TAGS } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { municipalityName } from "~/utils/names";
import { maySeeSensitive, requirePermission } from "~/utils/permissions.server";
import { readForm } from "~/utils/request.server";
import { foldQuery } from "~/utils/search";
import { createToken } from "~/utils/tokens.server";

// The door: a phone lists the invitees of one day, finds people by name
// (accent-insensitively) or by the QR code of their invitation, and checks
// each in with one tap. Without JavaScript every tap is a form post to the
// action below; with it, taps go through the phone's queue
// (app/components/check-in-queue.ts), so a weak connection loses nothing.

type Place = { nameSq: string; nameSr: string; nameEn: string } | null;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "attendance:manage");
  const locale = await resolveLocale(request);
  const event = await eventForCheckIn(params.id ?? "");
  if (!event) throw new Response("Not Found", { status: 404 });
  const url = new URL(request.url);
  const asked = url.searchParams.get("day") ?? "";
  const day = event.days.includes(asked) ? asked : defaultCheckInDay(event.days, new Date(), event.timeZone);
  const q = url.searchParams.get("q")?.trim().slice(0, 100) ?? "";
  const [list, directory, organisations, municipalities] = await Promise.all([
    checkInList(event.id, day),
    q ? directoryMatchesForCheckIn(event.id, q) : Promise.resolve([]),
    prisma.organisation.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    prisma.municipality.findMany({ orderBy: { nameSq: "asc" } }),
  ]);
  const place = (person: { organisation: { name: string } | null; municipality: Place }) =>
    [person.organisation?.name, person.municipality ? municipalityName(person.municipality, locale) : null].filter(Boolean).join(", ");
  const time = new Intl.DateTimeFormat(LOCALE_TAGS[locale], { timeStyle: "short", hourCycle: "h23", timeZone: event.timeZone });
  const dayLabel = (value: string) =>
    new Intl.DateTimeFormat(LOCALE_TAGS[locale], { dateStyle: "full", timeZone: "UTC" }).format(new Date(`${value}T12:00:00Z`));
  return {
    event: {
      id: event.id,
      title: eventText(event.translations, locale).title,
      venue: [event.venueName, municipalityName(event.municipality, locale)].filter(Boolean).join(", "),
      open: event.open,
      days: event.days.map((value) => ({ value, label: dayLabel(value) })),
    },
    day,
    dayLabel: dayLabel(day),
    q,
    sensitive: maySeeSensitive(user),
    rows: list.map((row) => ({
      personId: row.person.id,
      invitationId: row.invitationId,
      name: row.person.name,
      place: place(row.person),
      status: row.status,
      searchText: row.searchText,
      attendance: row.attendance ? { id: row.attendance.id, method: row.attendance.method, time: time.format(row.attendance.checkedInAt) } : null,
      // The no-JavaScript form's tap id: sending the same page's form twice records it once.
      clientRef: createToken().slice(0, 32),
    })),
    directory: directory.map((person) => ({ personId: person.id, name: person.name, place: place(person), clientRef: createToken().slice(0, 32) })),
    choices: {
      organisations,
      municipalities: municipalities.map((m) => ({ id: m.id, name: municipalityName(m, locale) })),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "attendance:manage");
  const eventId = params.id ?? "";
  const formData = await readForm(request);
  const fields = formFields(formData);
  const intent = fields.intent;

  if (intent === "walkIn") {
    const submission = parseWithZod(formData, { schema: WalkInForm });
    if (submission.status !== "success") {
      // The day and the tap's reference are the page's own hidden fields.
      const reply = submission.reply(hiddenFieldErrors(submission.error, ["intent", "day", "clientRef"]));
      return data({ intent: "walkIn" as const, ok: false, message: null, offerWalkIn: null, reply }, { status: 400 });
    }
    const { intent: _intent, day, clientRef, ...person } = submission.value;
    const result = await checkInWalkIn(user, { eventId, day, clientRef: clientRef || null, person });
    if (!result.ok) {
      const message = `invitations.checkin.refusal.${result.error}`;
      return data({ intent: "walkIn" as const, ok: false, message, offerWalkIn: null, reply: submission.reply({ formErrors: [message] }) }, { status: 409 });
    }
    const key = result.matched ? "invitations.checkin.walkIn.matched" : "invitations.checkin.walkIn.added";
    return { intent: "walkIn" as const, ok: true, message: messageWith(key, { name: result.name }), offerWalkIn: null, reply: submission.reply({ resetForm: true }) };
  }

  if (intent === "undo") {
    const parsed = UndoCheckInForm.safeParse(fields);
    if (!parsed.success) return data({ intent: "undo" as const, ok: false, message: "errors.badRequestTitle", offerWalkIn: null, reply: null }, { status: 400 });
    const result = await undoCheckIn(user.id, eventId, parsed.data.attendanceId);
    if (!result.ok) return data({ intent: "undo" as const, ok: false, message: "errors.notFound", offerWalkIn: null, reply: null }, { status: 404 });
    return { intent: "undo" as const, ok: true, message: "invitations.checkin.undone", offerWalkIn: null, reply: null };
  }

  const parsed = CheckInForm.safeParse(fields);
  if (!parsed.success) return data({ intent: "checkIn" as const, ok: false, message: "errors.badRequestTitle", offerWalkIn: null, reply: null }, { status: 400 });
  const tap = parsed.data;
  const result = await checkIn({ eventId, personId: tap.personId, day: tap.day, method: tap.method, clientRef: tap.clientRef || null, checkedInById: user.id });
  if (!result.ok) {
    const status = result.error === "eventNotFound" || result.error === "personNotFound" ? 404 : 409;
    const offerWalkIn = result.error === "notInvited" ? tap.personId : null;
    return data({ intent: "checkIn" as const, ok: false, message: `invitations.checkin.refusal.${result.error}`, offerWalkIn, reply: null }, { status });
  }
  const key = result.status === "checkedIn" ? "invitations.checkin.done" : "invitations.checkin.already";
  return { intent: "checkIn" as const, ok: true, message: messageWith(key, { name: result.name }), offerWalkIn: null, reply: null };
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

/** Every word typed must appear in the person's folded search text: "drita" finds Drita Hoxha, "dordevic" finds Đorđević. */
function matches(searchText: string, query: string) {
  const terms = foldQuery(query).split(" ").filter(Boolean);
  return terms.every((term) => searchText.includes(term));
}

export default function CheckInPage() {
  const { t } = useTranslation();
  const { event, day, dayLabel, q, rows, directory, choices, sensitive } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [query, setQuery] = useState(q);
  const [queue, setQueue] = useState<QueuedTap[]>([]);
  // Check-ins the server confirmed since the page loaded: personId|day → attendance id.
  const [confirmed, setConfirmed] = useState<Record<string, string>>({});
  const [walkIns, setWalkIns] = useState<Array<{ personId: string; name: string }>>([]);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [online, setOnline] = useState(true);
  // Set once the page's script runs: taps then go through the queue instead of form posts.
  const [ready, setReady] = useState(false);

  const onAnswer = useCallback(
    (tap: QueuedTap, answer: TapAnswer) => {
      if (answer.ok) {
        setConfirmed((known) => ({ ...known, [`${answer.personId}|${tap.day}`]: answer.attendanceId }));
        if (tap.kind === "walkIn") setWalkIns((known) => (known.some((w) => w.personId === answer.personId) ? known : [...known, { personId: answer.personId, name: answer.name }]));
        setNotice({ ok: true, text: t(answer.status === "checkedIn" ? "invitations.checkin.done" : "invitations.checkin.already", { name: answer.name }) });
      } else {
        const reason = answer.error === "badRequest" ? t("errors.badRequestTitle") : t(`invitations.checkin.refusal.${answer.error}`);
        setNotice({ ok: false, text: `${tap.name}: ${reason}` });
      }
    },
    [t],
  );

  const sync = useCallback(() => {
    void flushQueue(event.id, onAnswer).then(() => setQueue(loadQueue(event.id)));
  }, [event.id, onAnswer]);

  useEffect(() => {
    setQueue(loadQueue(event.id));
    setOnline(navigator.onLine);
    setReady(true);
    sync();
    const goOnline = () => {
      setOnline(true);
      sync();
    };
    const goOffline = () => setOnline(false);
    window.addEventListener("online", goOnline);
    window.addEventListener("offline", goOffline);
    // Also retry now and then: "online" does not fire when the network was up but the server was not reachable.
    const timer = setInterval(sync, 10_000);
    return () => {
      window.removeEventListener("online", goOnline);
      window.removeEventListener("offline", goOffline);
      clearInterval(timer);
    };
  }, [event.id, sync]);

  const pendingHere = queue.filter((tap) => tap.day === day);
  const isPending = (personId: string) => pendingHere.some((tap) => tap.kind === "checkIn" && tap.personId === personId);
  const attendanceOf = (row: Row) => row.attendance ?? (confirmed[`${row.personId}|${day}`] ? { id: confirmed[`${row.personId}|${day}`], method: null, time: null } : null);

  const queueTap = (personId: string, name: string, method: "NAME_SEARCH" | "WALK_IN" | "QR", code?: string) => {
    enqueue(event.id, { kind: "checkIn", clientRef: newClientRef(), personId, name, method, code, day, at: new Date().toISOString() });
    setQueue(loadQueue(event.id));
    sync();
  };

  const tap = (formEvent: FormEvent<HTMLFormElement>, personId: string, name: string, method: "NAME_SEARCH" | "WALK_IN") => {
    formEvent.preventDefault();
    queueTap(personId, name, method);
  };

  const scanned = (code: string) => {
    const invitationId = invitationIdInCode(code);
    const row = invitationId ? rows.find((r) => r.invitationId === invitationId) : undefined;
    if (!row) return setNotice({ ok: false, text: t("invitations.checkin.unknownCode") });
    if (attendanceOf(row)) return setNotice({ ok: true, text: t("invitations.checkin.already", { name: row.name }) });
    setQuery("");
    queueTap(row.personId, row.name, "QR", code);
  };

  const [form, fields] = useForm({
    id: "walk-in",
    lastResult: result?.intent === "walkIn" ? result.reply : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: WalkInSchema }),
    shouldRevalidate: "onBlur",
    onSubmit(formEvent, { formData }) {
      // Valid (conform stopped an invalid one already): queue it like a tap, so a walk-in is not lost offline either.
      formEvent.preventDefault();
      const person = Object.fromEntries(
        [...formData.entries()].filter(([key, value]) => typeof value === "string" && value.trim() && !["intent", "day", "clientRef"].includes(key)),
      ) as Record<string, string>;
      enqueue(event.id, { kind: "walkIn", clientRef: newClientRef(), fields: person, name: person.name ?? "", day, at: new Date().toISOString() });
      form.reset();
      setQueue(loadQueue(event.id));
      sync();
    },
  });

  const shown = rows.filter((row) => matches(row.searchText, query));
  const known = new Set(rows.map((row) => row.personId));
  const extraWalkIns = walkIns.filter((w) => !known.has(w.personId));
  const present = rows.filter((row) => attendanceOf(row) || isPending(row.personId)).length + extraWalkIns.length;
  const accepted = rows.filter((row) => row.status === "ACCEPTED").length;
  const serverMessage = result?.message ? translateMessage(t, result.message) : null;

  return (
    <div className="checkin" data-ready={ready ? "true" : undefined}>
      <p>
        <Link to={`/events/${event.id}`}>← {t("invitations.checkin.back")}</Link>
      </p>
      <h1>
        {t("invitations.checkin.title")}: {event.title}
      </h1>
      <p className="muted">
        {dayLabel} · {event.venue}
      </p>
      {event.days.length > 1 ? (
        <nav aria-label={t("invitations.checkin.day")} className="checkin-days">
          {event.days.map((d) => (
            <Link key={d.value} to={`?day=${d.value}`} aria-current={d.value === day ? "page" : undefined} className={d.value === day ? "active" : undefined}>
              {d.label}
            </Link>
          ))}
        </nav>
      ) : null}
      {!event.open ? (
        <p className="notice notice-error" role="alert">
          {t("invitations.checkin.closed")}
        </p>
      ) : null}
      <p className="checkin-counts" data-testid="checkin-counts">
        {t("invitations.checkin.counts", { present, accepted })}
      </p>
      {!online ? (
        <p className="notice notice-warning" role="status" data-testid="offline">
          {t("invitations.checkin.offline")}
        </p>
      ) : null}
      {pendingHere.length ? (
        <p className="notice notice-info" data-testid="pending-count">
          {t("invitations.checkin.pendingCount", { count: pendingHere.length })}
        </p>
      ) : null}
      {notice ? (
        <p className={notice.ok ? "notice notice-ok" : "notice notice-error"} role={notice.ok ? "status" : "alert"}>
          {notice.text}
        </p>
      ) : serverMessage && result?.intent !== "walkIn" ? (
        <p className={result?.ok ? "notice notice-ok" : "notice notice-error"} role={result?.ok ? "status" : "alert"}>
          {serverMessage}
        </p>
      ) : null}
      {result?.offerWalkIn ? (
        <Form method="post" className="card">
          <input type="hidden" name="intent" value="checkIn" />
          <input type="hidden" name="personId" value={result.offerWalkIn} />
          <input type="hidden" name="day" value={day} />
          <input type="hidden" name="method" value="WALK_IN" />
          <button type="submit" className="checkin-button">
            {t("invitations.checkin.checkInWalkIn")}
          </button>
        </Form>
      ) : null}

      <QrScanner
        onCode={scanned}
        labels={{
          scan: t("invitations.checkin.scan"),
          stop: t("invitations.checkin.stopScan"),
          hint: t("invitations.checkin.scanHint"),
          failed: t("invitations.checkin.cameraFailed"),
        }}
      />

      <Form method="get" role="search" className="checkin-search">
        <input type="hidden" name="day" value={day} />
        <label htmlFor="checkin-q" className="visually-hidden">
          {t("invitations.checkin.search")}
        </label>
        <input
          id="checkin-q"
          type="search"
          name="q"
          value={query}
          onChange={(changed) => setQuery(changed.target.value)}
          placeholder={t("invitations.checkin.search")}
          autoComplete="off"
        />
        <button type="submit" className="secondary">
          {t("invitations.checkin.find")}
        </button>
      </Form>

      {shown.length === 0 ? <p className="muted">{t("invitations.checkin.noMatch")}</p> : null}
      <ul className="checkin-list">
        {shown.map((row) => {
          const attendance = attendanceOf(row);
          const pending = !attendance && isPending(row.personId);
          const method = row.status === "DECLINED" || row.status === null ? "WALK_IN" : "NAME_SEARCH";
          return (
            <li key={row.personId} data-checkin-person={row.name} className={attendance ? "is-present" : pending ? "is-pending" : undefined}>
              <div className="checkin-who">
                <strong>{row.name}</strong>
                {row.place ? <span className="muted">{row.place}</span> : null}
                {row.status === null ? <span className="tag-inline">{t("invitations.checkin.walkInBadge")}</span> : null}
                {row.status && row.status !== "ACCEPTED" ? (
                  <span className="muted">{row.status === "DECLINED" ? t("invitations.checkin.declinedHint") : t(`invitations.status.${row.status}`)}</span>
                ) : null}
              </div>
              <div className="checkin-state">
                {attendance ? (
                  <>
                    <span className="checkin-done" data-testid="checked-in">
                      ✓ {t("invitations.checkin.checkedIn")}
                      {attendance.time ? ` ${attendance.time}` : ""}
                    </span>
                    <details className="checkin-undo">
                      <summary>{t("invitations.checkin.undo")}</summary>
                      <Form method="post">
                        <p>{t("invitations.checkin.confirmUndo", { name: row.name })}</p>
                        <input type="hidden" name="intent" value="undo" />
                        <input type="hidden" name="attendanceId" value={attendance.id} />
                        <button type="submit" className="danger">
                          {t("invitations.checkin.undo")}
                        </button>
                      </Form>
                    </details>
                  </>
                ) : pending ? (
                  <span className="checkin-pending" data-testid="pending">
                    ⏳ {t("invitations.checkin.pending")}
                  </span>
                ) : event.open ? (
                  <Form method="post" onSubmit={(submitted) => tap(submitted, row.personId, row.name, method)}>
                    <input type="hidden" name="intent" value="checkIn" />
                    <input type="hidden" name="personId" value={row.personId} />
                    <input type="hidden" name="day" value={day} />
                    <input type="hidden" name="method" value={method} />
                    <input type="hidden" name="clientRef" value={row.clientRef} />
                    <button type="submit" className="checkin-button">
                      {method === "WALK_IN" ? t("invitations.checkin.checkInWalkIn") : t("invitations.checkin.checkIn")}
                    </button>
                  </Form>
                ) : null}
              </div>
            </li>
          );
        })}
        {extraWalkIns.map((w) => (
          <li key={w.personId} className="is-present">
            <div className="checkin-who">
              <strong>{w.name}</strong>
              <span className="tag-inline">{t("invitations.checkin.walkInBadge")}</span>
            </div>
            <div className="checkin-state">
              <span className="checkin-done">✓ {t("invitations.checkin.checkedIn")}</span>
            </div>
          </li>
        ))}
        {pendingHere
          .filter((queued) => queued.kind === "walkIn")
          .map((queued) => (
            <li key={queued.clientRef} className="is-pending">
              <div className="checkin-who">
                <strong>{queued.name}</strong>
                <span className="tag-inline">{t("invitations.checkin.walkInBadge")}</span>
              </div>
              <div className="checkin-state">
                <span className="checkin-pending">⏳ {t("invitations.checkin.pending")}</span>
              </div>
            </li>
          ))}
      </ul>

      {directory.length ? (
        <section className="card">
          <h2>{t("invitations.checkin.directoryTitle")}</h2>
          <ul className="checkin-list">
            {directory.map((person) => {
              const attendance = confirmed[`${person.personId}|${day}`];
              return (
                <li key={person.personId} data-checkin-person={person.name}>
                  <div className="checkin-who">
                    <strong>{person.name}</strong>
                    {person.place ? <span className="muted">{person.place}</span> : null}
                  </div>
                  <div className="checkin-state">
                    {attendance ? (
                      <span className="checkin-done">✓ {t("invitations.checkin.checkedIn")}</span>
                    ) : isPending(person.personId) ? (
                      <span className="checkin-pending">⏳ {t("invitations.checkin.pending")}</span>
                    ) : event.open ? (
                      <Form method="post" onSubmit={(submitted) => tap(submitted, person.personId, person.name, "WALK_IN")}>
                        <input type="hidden" name="intent" value="checkIn" />
                        <input type="hidden" name="personId" value={person.personId} />
                        <input type="hidden" name="day" value={day} />
                        <input type="hidden" name="method" value="WALK_IN" />
                        <input type="hidden" name="clientRef" value={person.clientRef} />
                        <button type="submit" className="checkin-button secondary">
                          {t("invitations.checkin.checkInWalkIn")}
                        </button>
                      </Form>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      {event.open ? (
        <details className="card" open={result?.intent === "walkIn" && !result.ok}>
          <summary>{t("invitations.checkin.walkIn.title")}</summary>
          <p className="hint">{t("invitations.checkin.walkIn.hint")}</p>
          {result?.intent === "walkIn" && result.ok && serverMessage ? (
            <p className="notice notice-ok" role="status">
              {serverMessage}
            </p>
          ) : null}
          <Form method="post" className="stack" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="intent" value="walkIn" />
            <input type="hidden" name="day" value={day} />
            <Field id={fields.name.id} label={t("directory.fields.name")} errors={fields.name.errors}>
              <input {...getInputProps(fields.name, { type: "text" })} autoComplete="off" />
            </Field>
            <Field id={fields.email.id} label={t("directory.fields.email")} errors={fields.email.errors}>
              <input {...getInputProps(fields.email, { type: "email" })} autoComplete="off" />
            </Field>
            <Field id={fields.phone.id} label={t("directory.fields.phone")} errors={fields.phone.errors}>
              <input {...getInputProps(fields.phone, { type: "tel" })} autoComplete="off" />
            </Field>
            <Field id={fields.organisationId.id} label={t("directory.fields.organisation")} errors={fields.organisationId.errors}>
              <select {...getSelectProps(fields.organisationId)}>
                <option value="">{t("invitations.checkin.walkIn.none")}</option>
                {choices.organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field id={fields.municipalityId.id} label={t("directory.fields.municipality")} errors={fields.municipalityId.errors}>
              <select {...getSelectProps(fields.municipalityId)}>
                <option value="">{t("invitations.checkin.walkIn.none")}</option>
                {choices.municipalities.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field id={fields.locale.id} label={t("directory.fields.language")} errors={fields.locale.errors}>
              <select {...getSelectProps(fields.locale)}>
                <option value="">{t("invitations.checkin.walkIn.none")}</option>
                {PERSON_LOCALES.map((l) => (
                  <option key={l} value={l}>
                    {t(`directory.language.${l}`)}
                  </option>
                ))}
              </select>
            </Field>
            {sensitive ? (
              <>
                <Field id={fields.gender.id} label={t("directory.fields.gender")} errors={fields.gender.errors}>
                  <select {...getSelectProps(fields.gender)}>
                    <option value="">{t("invitations.checkin.walkIn.none")}</option>
                    {GENDERS.map((g) => (
                      <option key={g} value={g}>
                        {t(`directory.gender.${g}`)}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field id={fields.community.id} label={t("directory.fields.community")} errors={fields.community.errors}>
                  <select {...getSelectProps(fields.community)}>
                    <option value="">{t("invitations.checkin.walkIn.none")}</option>
                    {COMMUNITIES.map((c) => (
                      <option key={c} value={c}>
                        {t(`directory.community.${c}`)}
                      </option>
                    ))}
                  </select>
                </Field>
              </>
            ) : null}
            <button type="submit">{t("invitations.checkin.walkIn.submit")}</button>
          </Form>
        </details>
      ) : null}

      <section className="card checkin-paper">
        <a href={`/events/${event.id}/sign-in-sheet.pdf?day=${day}`}>{t("invitations.checkin.sheet.download")}</a>
        <Link to={`/events/${event.id}/checkin/paper?day=${day}`}>{t("invitations.checkin.paper.link")}</Link>
      </section>
    </div>
  );
}
