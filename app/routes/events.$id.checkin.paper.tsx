import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DayLinks } from "~/components/check-in/day-links";
import { useEventSummary } from "~/components/event-page/event-header";
import { Field, FormErrors } from "~/components/forms";
import { z } from "~/utils/zod";
import { checkedInPersonIds, checkInRefusals, checkInDayOf, eventForCheckIn, recordPaperSheet, signInSheetPeople } from "~/models/attendance.server";
import { checkInDayLabel, PaperSheetForm } from "~/utils/attendance";
import { messageWith, translateMessage } from "~/utils/forms";
import { resolveLocale } from "~/utils/locale.server";
import { municipalityName } from "~/utils/names";
import { requirePermission } from "~/utils/permissions.server";
import { readForm } from "~/utils/request.server";
import { refusalOf, refuse } from "~/utils/refusal";
import { refusalReply } from "~/utils/refusal.server";
import { eventTitle, pageTitle } from "~/utils/page-title";

// Entering a signed paper sheet afterwards: tick who signed, write in the
// names added by hand, save once (all or nothing; saving again adds nobody twice).

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "invitations.checkin.paper.title", eventTitle(matches));

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "attendance:manage");
  const locale = await resolveLocale(request);
  const event = await eventForCheckIn(params.id ?? "");
  if (!event) throw new Response("Not Found", { status: 404 });
  const day = checkInDayOf(event, new URL(request.url).searchParams.get("day"));
  const [people, here] = await Promise.all([signInSheetPeople(event.id), checkedInPersonIds(event.id, day)]);
  const dayLabel = (value: string) => checkInDayLabel(value, locale);
  return {
    event: { id: event.id, open: event.open, days: event.days.map((value) => ({ value, label: dayLabel(value) })) },
    day,
    dayLabel: dayLabel(day),
    people: people.map((p) => ({
      id: p.id,
      name: p.name,
      place: [p.organisation?.name, p.municipality ? municipalityName(p.municipality, locale) : null].filter(Boolean).join(", "),
      present: here.has(p.id),
    })),
  };
}

const email = z.string().trim().max(254).pipe(z.email());

/** "Name, email" per line; the email is optional. Returns the line numbers that could not be read. */
function readWrittenIn(text: string) {
  const people: Array<{ name: string; email: string | null }> = [];
  const invalid: number[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    const [name, address, ...rest] = line.split(",").map((part) => part.trim());
    if (!name || name.length > 200 || rest.length || (address && !email.safeParse(address).success)) invalid.push(index + 1);
    else people.push({ name, email: address || null });
  });
  return { people, invalid };
}

/** A problem anywhere but the written-in names (the day, the ticks: `personId`, `personId[3]`) is a request the page did not send, said above the form. */
function outsideWrittenIn(error: Record<string, unknown> | null | undefined) {
  return Object.keys(error ?? {}).some((name) => name !== "writtenIn") ? { formErrors: ["errors.badRequestTitle"] } : undefined;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "attendance:manage");
  const submission = parseWithZod(await readForm(request), { schema: PaperSheetForm });
  if (submission.status !== "success") return data({ result: submission.reply(outsideWrittenIn(submission.error)), notice: null, refused: 0 }, { status: 400 });
  const { day, personId: personIds, writtenIn } = submission.value;
  const { people, invalid } = readWrittenIn(writtenIn);
  const refused = { notice: null, refused: 0 };
  if (invalid.length) return refusalReply(submission, refuse("writtenIn", messageWith("invitations.checkin.paper.invalidLines", { lines: invalid.join(", ") })), refused);
  if (personIds.length === 0 && people.length === 0) return refusalReply(submission, refuse(null, "invitations.checkin.paper.nothing"), refused);
  const result = await recordPaperSheet(user, { eventId: params.id ?? "", day, personIds, walkIns: people });
  // The sheet says any refusal above the form (the table's fields are the phone's).
  if (!result.ok) return refusalReply(submission, { ...refusalOf(checkInRefusals, result.error), field: null }, refused);
  const { ok: _ok, ...counts } = result;
  return data({ result: submission.reply({ resetForm: true }), notice: messageWith("invitations.checkin.paper.saved", counts), refused: counts.refused });
}

export default function PaperSheetPage() {
  const { t } = useTranslation();
  const { event, day, dayLabel, people } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const summary = useEventSummary();
  const [form, fields] = useForm<{ day: string; personId: string[]; writtenIn: string }>({ id: "paper-sheet", lastResult: answer?.result });
  const ticked = new Set([fields.personId.initialValue ?? []].flat());
  return (
    <div className="narrow-wide">
      <p>
        <Link to={`/events/${event.id}/checkin?day=${day}`}>← {t("invitations.checkin.title")}</Link>
      </p>
      <h1>
        {t("invitations.checkin.paper.title")}: {summary?.title}
      </h1>
      <p className="muted">{dayLabel}</p>
      <DayLinks days={event.days} day={day} />
      {answer?.notice ? (
        <div className="notice notice-ok" role="status">
          <p>{translateMessage(t, answer.notice)}</p>
          {answer.refused ? <p>{t("invitations.checkin.paper.refused", { count: answer.refused })}</p> : null}
        </div>
      ) : null}
      <FormErrors errors={form.errors} />
      {!event.open ? (
        <p className="notice notice-error" role="alert">
          {t("invitations.checkin.closed")}
        </p>
      ) : (
        <Form method="post" className="stack card" key={answer?.notice ? "saved" : "entering"} id={form.id} onSubmit={form.onSubmit}>
          <p className="hint">{t("invitations.checkin.paper.hint")}</p>
          <input type="hidden" name="day" value={day} />
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
          <Field id="writtenIn" label={t("invitations.checkin.paper.writtenIn")} hint={t("invitations.checkin.paper.writtenInHint")} errors={fields.writtenIn.errors}>
            <textarea key={fields.writtenIn.key} id="writtenIn" name="writtenIn" rows={5} defaultValue={fields.writtenIn.initialValue ?? ""} />
          </Field>
          <button type="submit" disabled={busy}>
            {t("invitations.checkin.paper.save")}
          </button>
        </Form>
      )}
    </div>
  );
}
