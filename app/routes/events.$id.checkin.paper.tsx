import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DayLinks, SessionLinks } from "~/components/check-in/day-links";
import { checkInFormatting } from "~/components/check-in/rows.server";
import { PlaceFields } from "~/components/check-in/tap-form";
import { PeopleToComplete, WrittenInRows } from "~/components/check-in/written-in-rows";
import { useEventSummary } from "~/components/event-page/event-header";
import { FormErrors } from "~/components/forms";
import {
  checkedInPersonIds,
  checkInRefusals,
  checkInPlaceOf,
  eventForCheckIn,
  peopleToCompleteFromEvent,
  recordPaperSheet,
  signInSheetPeople,
} from "~/models/attendance.server";
import { checkInDayLabel, PaperSheetForm, placeQuery, WRITE_IN_MAX_ROWS, WRITE_IN_ROWS, writtenInPeople, type PaperSheetFields } from "~/utils/attendance";
import { messageWith, translateMessage } from "~/utils/forms";
import { resolveLocale } from "~/utils/locale.server";
import { municipalityName } from "~/utils/names";
import { maySeeSensitive, requirePermission } from "~/utils/permissions.server";
import { readForm } from "~/utils/request.server";
import { refusalOf, refuse } from "~/utils/refusal";
import { refusalReply } from "~/utils/refusal.server";
import { eventTitle, pageTitle } from "~/utils/page-title";

// Entering a signed paper sheet afterwards (of a day, or of one session of
// it, `?session=`): tick who signed, copy the rows
// written in by hand (with gender and community as ticked, for those who may
// see them), save once (all or nothing; saving again adds nobody twice).
// People the door created with details missing are listed to complete.

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "invitations.checkin.paper.title", eventTitle(matches));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "attendance:manage");
  const locale = await resolveLocale(request);
  const event = await eventForCheckIn(params.id ?? "");
  if (!event) throw new Response("Not Found", { status: 404 });
  const url = new URL(request.url);
  const { day, session } = checkInPlaceOf(event, { day: url.searchParams.get("day"), session: url.searchParams.get("session") });
  const [people, here, toComplete] = await Promise.all([
    signInSheetPeople(event.id),
    checkedInPersonIds(event.id, day, session?.id),
    peopleToCompleteFromEvent(user, event.id),
  ]);
  const dayLabel = (value: string) => checkInDayLabel(value, locale);
  const { session: sessionLabel } = checkInFormatting(locale, event.timeZone);
  return {
    event: { id: event.id, open: event.open, days: event.days.map((value) => ({ value, label: dayLabel(value) })) },
    place: { day, session: session?.id ?? null },
    dayLabel: session ? `${dayLabel(day)} · ${sessionLabel(session)}` : dayLabel(day),
    sessions: event.sessions.filter((s) => s.day === day).map((s) => ({ id: s.id, label: sessionLabel(s) })),
    sensitive: maySeeSensitive(user),
    toComplete,
    people: people.map((p) => ({
      id: p.id,
      name: p.name,
      place: [p.organisation?.name, p.municipality ? municipalityName(p.municipality, locale) : null].filter(Boolean).join(", "),
      present: here.has(p.id),
    })),
  };
}

const COLUMNS = ["writtenName", "writtenEmail", "writtenGender", "writtenCommunity"] as const;

/** The rows a sent form had (a browser sends every row's fields, empty or not), and `more` besides. */
function rowsOf(sheet: Record<string, unknown> | undefined, more = 0) {
  const sent = Math.max(...COLUMNS.map((column) => (Array.isArray(sheet?.[column]) ? sheet[column].length : sheet?.[column] ? 1 : 0)));
  return Math.min(WRITE_IN_MAX_ROWS, Math.max(WRITE_IN_ROWS, sent) + more);
}

/** A problem anywhere but a written-in row's field (the day, the ticks, a whole column) is a request the page did not send, said above the form. */
function outsideWrittenIn(error: Record<string, unknown> | null | undefined) {
  return Object.keys(error ?? {}).some((name) => !/^written[A-Za-z]+\[\d+\]$/.test(name)) ? { formErrors: ["errors.badRequestTitle"] } : undefined;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "attendance:manage");
  const submission = parseWithZod(await readForm(request), { schema: PaperSheetForm });
  const sent = { rows: rowsOf(submission.payload), notice: null, refused: 0 };
  if (submission.status !== "success") return data({ result: submission.reply(outsideWrittenIn(submission.error)), ...sent }, { status: 400 });
  const { day, session, intent, personId: personIds } = submission.value;
  // More rows than the sheet's empty ones: the same form back, all it had kept, and more rows.
  if (intent === "moreRows") return data({ result: submission.reply(), ...sent, rows: rowsOf(submission.payload, WRITE_IN_ROWS) });
  const walkIns = writtenInPeople(submission.value);
  if (personIds.length === 0 && walkIns.length === 0) return refusalReply(submission, refuse(null, "invitations.checkin.paper.nothing"), sent);
  const result = await recordPaperSheet(user, { eventId: params.id ?? "", day, sessionId: session ?? null, personIds, walkIns });
  // The sheet says any refusal above the form (the table's fields are the phone's).
  if (!result.ok) return refusalReply(submission, { ...refusalOf(checkInRefusals, result.error), field: null }, sent);
  const { ok: _ok, ...counts } = result;
  return data({ result: submission.reply({ resetForm: true }), rows: WRITE_IN_ROWS, notice: messageWith("invitations.checkin.paper.saved", counts), refused: counts.refused });
}

export default function PaperSheetPage() {
  const { t } = useTranslation();
  const { event, place, dayLabel, sessions, people, sensitive, toComplete } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const summary = useEventSummary();
  const [form, fields] = useForm<Pick<PaperSheetFields, "day" | "session" | "personId" | "writtenName" | "writtenEmail" | "writtenGender" | "writtenCommunity">>({
    id: "paper-sheet",
    lastResult: answer?.result,
  });
  const ticked = new Set([fields.personId.initialValue ?? []].flat());
  return (
    <div className="narrow-wide">
      <p>
        <Link to={`/events/${event.id}/checkin?${placeQuery(place)}`}>← {t("invitations.checkin.title")}</Link>
      </p>
      <h1>
        {t("invitations.checkin.paper.title")}: {summary?.title}
      </h1>
      <p className="muted">{dayLabel}</p>
      <DayLinks days={event.days} day={place.day} />
      <SessionLinks sessions={sessions} place={place} />
      {answer?.notice ? (
        <div className="notice notice-ok" role="status">
          <p>{translateMessage(t, answer.notice)}</p>
          {answer.refused ? <p>{t("invitations.checkin.paper.refused", { count: answer.refused })}</p> : null}
        </div>
      ) : null}
      <PeopleToComplete people={toComplete} />
      <FormErrors errors={form.errors} />
      {!event.open ? (
        <p className="notice notice-error" role="alert">
          {t("invitations.checkin.closed")}
        </p>
      ) : (
        <Form method="post" className="stack card" key={answer?.notice ? "saved" : "entering"} id={form.id} onSubmit={form.onSubmit}>
          <p className="hint">{t("invitations.checkin.paper.hint")}</p>
          <PlaceFields place={place} />
          <fieldset>
            <legend>{t("invitations.checkin.paper.signed")}</legend>
            <ul className="plain-list paper-list">
              {people.map((person) => (
                <li key={person.id}>
                  <label>
                    {person.present ? (
                      <input type="checkbox" checked disabled />
                    ) : (
                      <input type="checkbox" name="personId" value={person.id} defaultChecked={ticked.has(person.id)} />
                    )}
                    <span>
                      {person.name}
                      {person.place ? <span className="muted"> · {person.place}</span> : null}
                      {person.present ? <span className="muted"> ({t("invitations.checkin.paper.already")})</span> : null}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <fieldset>
            <legend>{t("invitations.checkin.paper.writtenIn")}</legend>
            <p className="hint">{t(sensitive ? "invitations.checkin.paper.writtenInHint" : "invitations.checkin.paper.writtenInHintPlain")}</p>
            <WrittenInRows rows={answer?.rows ?? WRITE_IN_ROWS} sensitive={sensitive} columns={fields} errors={form.allErrors} />
          </fieldset>
          {/* Save comes first: it is the button Enter presses. */}
          <div className="checkin-paper">
            <button type="submit" name="intent" value="save" disabled={busy}>
              {t("invitations.checkin.paper.save")}
            </button>
            <button type="submit" name="intent" value="moreRows" className="secondary" disabled={busy}>
              {t("invitations.checkin.paper.moreRows")}
            </button>
          </div>
        </Form>
      )}
    </div>
  );
}
