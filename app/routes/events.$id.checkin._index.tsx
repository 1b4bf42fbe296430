import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { checkInPageAction } from "~/components/check-in/actions.server";
import { useEventSummary } from "~/components/event-page/event-header";
import { CheckInList, CheckInSearch, DirectoryMatches } from "~/components/check-in/check-in-list";
import { CheckManyForm, manySummary, usePicked } from "~/components/check-in/check-many";
import { DayLinks, SessionLinks } from "~/components/check-in/day-links";
import { KeptCopyNotice } from "~/components/check-in/kept-copy";
import { useCheckInQueue } from "~/components/check-in/queue";
import { TapForm, type TapMethod } from "~/components/check-in/tap-form";
import { WalkInForm } from "~/components/check-in/walk-in-form";
import { QrScanner } from "~/components/qr-scanner";
import { checkInList, checkInPlaceOf, dayHasBegun, directoryMatchesForCheckIn, eventForCheckIn, sessionHasBegun } from "~/models/attendance.server";
import { municipalityChoices, organisationChoices } from "~/models/places.server";
import { checkInFormatting } from "~/components/check-in/rows.server";
import { CHECK_IN_LIST_LIMIT, checkInDayLabel, invitationIdInCode, packCheckInRows, placeQuery, unpackCheckInRows } from "~/utils/attendance";
import { translateMessage } from "~/utils/forms";
import { resolveLocale } from "~/utils/locale.server";
import { maySeeSensitive, requirePermission } from "~/utils/permissions.server";
import { readForm } from "~/utils/request.server";
import { foldQuery } from "~/utils/search";
import { createToken } from "~/utils/tokens.server";
import { eventTitle, pageTitle } from "~/utils/page-title";

// The door: a phone lists the invitees of one day (or of one session of its
// agenda, `?day=…&session=…`), finds people by name
// (accent-insensitively) or by the QR code of their invitation, and checks
// each in with one tap, or several ticked on the list with one button.
// Without JavaScript every tap (and the ticked list) is a form post to the
// action below; with it, taps go through the phone's queue
// (app/components/check-in-queue.ts), so a weak connection loses nothing.

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "invitations.checkin.title", eventTitle(matches));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "attendance:manage");
  const locale = await resolveLocale(request);
  const event = await eventForCheckIn(params.id ?? "");
  if (!event) throw new Response("Not Found", { status: 404 });
  const url = new URL(request.url);
  const { day, session } = checkInPlaceOf(event, { day: url.searchParams.get("day"), session: url.searchParams.get("session") });
  const q = url.searchParams.get("q")?.trim().slice(0, 100) ?? "";
  const [list, directory, organisations, municipalities] = await Promise.all([
    checkInList(event.id, day, session?.id),
    q ? directoryMatchesForCheckIn(event.id, q) : Promise.resolve([]),
    organisationChoices(),
    municipalityChoices(locale),
  ]);
  const { place, attendance, session: sessionLabel } = checkInFormatting(locale, event.timeZone);
  const dayLabel = (value: string) => checkInDayLabel(value, locale);
  return {
    event: {
      id: event.id,
      open: event.open,
      // People are checked in from the day itself (in the event's time zone), and to a session from shortly before it starts.
      started: dayHasBegun(day, event.timeZone) && (!session || sessionHasBegun(session)),
      days: event.days.map((value) => ({ value, label: dayLabel(value) })),
    },
    place: { day, session: session?.id ?? null },
    dayLabel: session ? `${dayLabel(day)} · ${sessionLabel(session)}` : dayLabel(day),
    sessions: event.sessions.filter((s) => s.day === day).map((s) => ({ id: s.id, label: sessionLabel(s) })),
    q,
    sensitive: maySeeSensitive(user),
    // One line a person (app/utils/attendance.ts): the list is most of the page.
    rows: packCheckInRows(
      list.map((row) => ({
        personId: row.person.id,
        invitationId: row.invitationId,
        name: row.person.name,
        place: place(row.person),
        status: row.status,
        attendance: attendance(row.attendance),
      })),
    ),
    // With the person, a tap's reference without JavaScript: the same page's tap sent twice is recorded once.
    pageRef: createToken().slice(0, 16),
    directory: directory.map((person) => ({ personId: person.id, name: person.name, place: place(person) })),
    choices: { organisations, municipalities },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "attendance:manage");
  return checkInPageAction(user, params.id ?? "", await readForm(request));
}

/** Every word typed must appear in the person's folded search text: "drita" finds Drita Hoxha, "dordevic" finds Đorđević. */
function matches(searchText: string, query: string) {
  const terms = foldQuery(query).split(" ").filter(Boolean);
  return terms.every((term) => searchText.includes(term));
}

export default function CheckInPage() {
  const { t } = useTranslation();
  const { event, place, dayLabel, sessions, q, rows: packed, pageRef, directory, choices, sensitive } = useLoaderData<typeof loader>();
  const rows = useMemo(() => unpackCheckInRows(packed), [packed]);
  const summary = useEventSummary();
  const result = useActionData<typeof action>();
  const [query, setQuery] = useState(q);
  const queue = useCheckInQueue(event.id, place, rows);
  const picked = usePicked();

  const tap = (formEvent: FormEvent<HTMLFormElement>, personId: string, name: string, method: TapMethod) => {
    formEvent.preventDefault();
    queue.queueTap(personId, name, method);
  };

  const scanned = (code: string) => {
    const invitationId = invitationIdInCode(code);
    const row = invitationId ? rows.find((r) => r.invitationId === invitationId) : undefined;
    if (!row) return queue.setNotice({ ok: false, text: t("invitations.checkin.unknownCode") });
    if (queue.attendanceOf(row.personId)) return queue.setNotice({ ok: true, text: t("invitations.checkin.already", { name: row.name }) });
    setQuery("");
    queue.queueTap(row.personId, row.name, "QR", code);
  };

  const taking = event.open && event.started;
  // The first rows that match: a longer list is searched, not scrolled, and the page stays light (server and phone alike).
  const matching = rows.filter((row) => matches(row.searchText, query));
  const shown = matching.slice(0, CHECK_IN_LIST_LIMIT);
  // Ticked and still to be checked in (a row hidden by the search, or checked in meanwhile, is not sent).
  const ticked = shown.filter((row) => picked.picked.has(row.personId) && !queue.attendanceOf(row.personId) && !queue.isPending(row.personId));
  const sendTicked = (formEvent: FormEvent<HTMLFormElement>) => {
    if (!queue.ready) return;
    formEvent.preventDefault();
    for (const row of ticked) queue.queueTap(row.personId, row.name, "NAME_SEARCH");
    picked.clear();
  };
  const accepted = rows.filter((row) => row.status === "ACCEPTED").length;
  const notice = result?.many ? manySummary(t, result.many) : result?.notice ? (translateMessage(t, result.notice) ?? null) : null;
  const refusal = result?.result.error?.[""]?.[0];

  return (
    <div className="checkin" data-ready={queue.ready ? "true" : undefined}>
      <h1>
        {t("invitations.checkin.title")}: {summary?.title}
      </h1>
      <p className="muted">{dayLabel}</p>
      <DayLinks days={event.days} day={place.day} />
      <SessionLinks sessions={sessions} place={place} />
      <KeptCopyNotice />
      {!event.open ? (
        <p className="notice notice-error" role="alert">
          {t("invitations.checkin.closed")}
        </p>
      ) : !event.started ? (
        <p className="notice notice-info" data-testid="not-yet">
          {t(place.session ? "invitations.checkin.refusal.sessionNotStarted" : "invitations.checkin.refusal.dayNotStarted")}
        </p>
      ) : null}
      <p className="checkin-counts" data-testid="checkin-counts">
        {queue.onlyHere
          ? t("invitations.checkin.countsOnlyHere", { present: queue.presentCount, here: queue.onlyHere, accepted })
          : t("invitations.checkin.counts", { present: queue.presentCount, accepted })}
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
      {queue.notice ? (
        <p className={queue.notice.ok ? "notice notice-ok" : "notice notice-error"} role={queue.notice.ok ? "status" : "alert"}>
          {queue.notice.text}
        </p>
      ) : result && result.intent !== "walkIn" && (notice || refusal) ? (
        <p className={notice && !result.many?.refused.length ? "notice notice-ok" : "notice notice-error"} role={notice ? "status" : "alert"}>
          {notice ?? translateMessage(t, refusal!)}
        </p>
      ) : null}
      {result?.offerWalkIn ? <TapForm personId={result.offerWalkIn} place={place} method="WALK_IN" className="card" /> : null}

      <QrScanner
        onCode={scanned}
        labels={{
          scan: t("invitations.checkin.scan"),
          stop: t("invitations.checkin.stopScan"),
          hint: t("invitations.checkin.scanHint"),
          failed: t("invitations.checkin.cameraFailed"),
        }}
      />

      <CheckInSearch place={place} query={query} onQuery={setQuery} />

      {shown.length === 0 ? <p className="muted">{t("invitations.checkin.noMatch")}</p> : null}
      {matching.length > shown.length ? <p className="muted" data-testid="more-rows">{t("invitations.checkin.moreRows", { count: matching.length - shown.length })}</p> : null}
      <CheckInList rows={shown} place={place} pageRef={pageRef} open={taking} queue={queue} onTap={tap} picked={picked} />
      {taking ? <CheckManyForm place={place} count={ticked.length} ready={queue.ready} onSend={sendTicked} /> : null}
      <DirectoryMatches people={directory} place={place} pageRef={pageRef} open={taking} queue={queue} onTap={tap} />

      {taking ? (
        <WalkInForm
          place={place}
          choices={choices}
          sensitive={sensitive}
          open={result?.intent === "walkIn" && !result.notice}
          saved={result?.intent === "walkIn" ? notice : null}
          lastResult={result?.intent === "walkIn" ? result.result : undefined}
          onQueue={queue.queueWalkIn}
        />
      ) : null}

      <section className="card checkin-paper">
        <a href={`/events/${event.id}/sign-in-sheet.pdf?${placeQuery(place)}`}>{t("invitations.checkin.sheet.download")}</a>
        <Link to={`/events/${event.id}/checkin/paper?${placeQuery(place)}`}>{t("invitations.checkin.paper.link")}</Link>
      </section>
    </div>
  );
}
