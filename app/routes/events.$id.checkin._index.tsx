import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { CheckInList, CheckInSearch, DirectoryMatches, type CheckInRow } from "~/components/check-in/check-in-list";
import { DayLinks } from "~/components/check-in/day-links";
import { useCheckInQueue } from "~/components/check-in/queue";
import { TapForm, type TapMethod } from "~/components/check-in/tap-form";
import { WalkInForm } from "~/components/check-in/walk-in-form";
import { QrScanner } from "~/components/qr-scanner";
import {
  checkIn,
  checkInRefusals,
  checkInList,
  checkInWalkIn,
  checkInDayOf,
  directoryMatchesForCheckIn,
  eventForCheckIn,
  undoCheckIn,
} from "~/models/attendance.server";
import { organisationChoices, municipalityChoices } from "~/models/places.server";
import { CheckInForm, checkInDayLabel, invitationIdInCode, UndoCheckInForm, WalkInForm as WalkInFormSchema } from "~/utils/attendance";
import { eventText } from "~/utils/events";
import { messageWith, translateMessage, formFields, hiddenFieldErrors } from "~/utils/forms";
import { LOCALE_TAGS } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { municipalityName } from "~/utils/names";
import { maySeeSensitive, requirePermission } from "~/utils/permissions.server";
import { readForm } from "~/utils/request.server";
import { refusalOf } from "~/utils/refusal";
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
  const day = checkInDayOf(event, url.searchParams.get("day"));
  const q = url.searchParams.get("q")?.trim().slice(0, 100) ?? "";
  const [list, directory, organisations, municipalities] = await Promise.all([
    checkInList(event.id, day),
    q ? directoryMatchesForCheckIn(event.id, q) : Promise.resolve([]),
    organisationChoices(),
    municipalityChoices(locale),
  ]);
  const place = (person: { organisation: { name: string } | null; municipality: Place }) =>
    [person.organisation?.name, person.municipality ? municipalityName(person.municipality, locale) : null].filter(Boolean).join(", ");
  const time = new Intl.DateTimeFormat(LOCALE_TAGS[locale], { timeStyle: "short", hourCycle: "h23", timeZone: event.timeZone });
  const dayLabel = (value: string) => checkInDayLabel(value, locale);
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
    choices: { organisations, municipalities },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "attendance:manage");
  const eventId = params.id ?? "";
  const formData = await readForm(request);
  const fields = formFields(formData);
  const intent = fields.intent;

  if (intent === "walkIn") {
    const submission = parseWithZod(formData, { schema: WalkInFormSchema });
    if (submission.status !== "success") {
      // The day and the tap's reference are the page's own hidden fields.
      const reply = submission.reply(hiddenFieldErrors(submission.error, ["intent", "day", "clientRef"]));
      return data({ intent: "walkIn" as const, ok: false, message: null, offerWalkIn: null, reply }, { status: 400 });
    }
    const { intent: _intent, day, clientRef, ...person } = submission.value;
    const result = await checkInWalkIn(user, { eventId, day, clientRef: clientRef || null, person });
    if (!result.ok) {
      const { message, status } = refusalOf(checkInRefusals, result.error);
      return data({ intent: "walkIn" as const, ok: false, message, offerWalkIn: null, reply: submission.reply({ formErrors: [message] }) }, { status });
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
    const { message, status } = refusalOf(checkInRefusals, result.error);
    const offerWalkIn = result.error === "notInvited" ? tap.personId : null;
    return data({ intent: "checkIn" as const, ok: false, message, offerWalkIn, reply: null }, { status });
  }
  const key = result.status === "checkedIn" ? "invitations.checkin.done" : "invitations.checkin.already";
  return { intent: "checkIn" as const, ok: true, message: messageWith(key, { name: result.name }), offerWalkIn: null, reply: null };
}

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
  const queue = useCheckInQueue(event.id, day);
  const { notice, setNotice } = queue;

  const attendanceOf = (row: CheckInRow) => {
    const confirmed = queue.confirmedId(row.personId);
    return row.attendance ?? (confirmed ? { id: confirmed, method: null, time: null } : null);
  };

  const tap = (formEvent: FormEvent<HTMLFormElement>, personId: string, name: string, method: TapMethod) => {
    formEvent.preventDefault();
    queue.queueTap(personId, name, method);
  };

  const scanned = (code: string) => {
    const invitationId = invitationIdInCode(code);
    const row = invitationId ? rows.find((r) => r.invitationId === invitationId) : undefined;
    if (!row) return setNotice({ ok: false, text: t("invitations.checkin.unknownCode") });
    if (attendanceOf(row)) return setNotice({ ok: true, text: t("invitations.checkin.already", { name: row.name }) });
    setQuery("");
    queue.queueTap(row.personId, row.name, "QR", code);
  };

  const shown = rows.filter((row) => matches(row.searchText, query));
  const known = new Set(rows.map((row) => row.personId));
  const extraWalkIns = queue.walkIns.filter((w) => !known.has(w.personId));
  const present = rows.filter((row) => attendanceOf(row) || queue.isPending(row.personId)).length + extraWalkIns.length;
  const accepted = rows.filter((row) => row.status === "ACCEPTED").length;
  const serverMessage = result?.message ? translateMessage(t, result.message) : null;

  return (
    <div className="checkin" data-ready={queue.ready ? "true" : undefined}>
      <p>
        <Link to={`/events/${event.id}`}>← {t("invitations.checkin.back")}</Link>
      </p>
      <h1>
        {t("invitations.checkin.title")}: {event.title}
      </h1>
      <p className="muted">
        {dayLabel} · {event.venue}
      </p>
      <DayLinks days={event.days} day={day} />
      {!event.open ? (
        <p className="notice notice-error" role="alert">
          {t("invitations.checkin.closed")}
        </p>
      ) : null}
      <p className="checkin-counts" data-testid="checkin-counts">
        {t("invitations.checkin.counts", { present, accepted })}
      </p>
      {!queue.online ? (
        <p className="notice notice-warning" role="status" data-testid="offline">
          {t("invitations.checkin.offline")}
        </p>
      ) : null}
      {queue.pendingHere.length ? (
        <p className="notice notice-info" data-testid="pending-count">
          {t("invitations.checkin.pendingCount", { count: queue.pendingHere.length })}
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
      {result?.offerWalkIn ? <TapForm personId={result.offerWalkIn} day={day} method="WALK_IN" className="card" /> : null}

      <QrScanner
        onCode={scanned}
        labels={{
          scan: t("invitations.checkin.scan"),
          stop: t("invitations.checkin.stopScan"),
          hint: t("invitations.checkin.scanHint"),
          failed: t("invitations.checkin.cameraFailed"),
        }}
      />

      <CheckInSearch day={day} query={query} onQuery={setQuery} />

      {shown.length === 0 ? <p className="muted">{t("invitations.checkin.noMatch")}</p> : null}
      <CheckInList rows={shown} extraWalkIns={extraWalkIns} day={day} open={event.open} queue={queue} attendanceOf={attendanceOf} onTap={tap} />
      <DirectoryMatches people={directory} day={day} open={event.open} queue={queue} onTap={tap} />

      {event.open ? (
        <WalkInForm
          day={day}
          choices={choices}
          sensitive={sensitive}
          open={result?.intent === "walkIn" && !result.ok}
          saved={result?.intent === "walkIn" && result.ok ? (serverMessage ?? null) : null}
          lastResult={result?.intent === "walkIn" ? result.reply : undefined}
          onQueue={queue.queueWalkIn}
        />
      ) : null}

      <section className="card checkin-paper">
        <a href={`/events/${event.id}/sign-in-sheet.pdf?day=${day}`}>{t("invitations.checkin.sheet.download")}</a>
        <Link to={`/events/${event.id}/checkin/paper?day=${day}`}>{t("invitations.checkin.paper.link")}</Link>
      </section>
    </div>
  );
}
