import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DayLinks } from "~/components/check-in/day-links";
import { z } from "zod";
import { checkedInPersonIds, checkInRefusals, checkInDayOf, eventForCheckIn, recordPaperSheet, signInSheetPeople } from "~/models/attendance.server";
import { checkInDayLabel, PaperSheetForm } from "~/utils/attendance";
import { eventText } from "~/utils/events";
import { messageWith, translateMessage, formFields } from "~/utils/forms";
import { resolveLocale } from "~/utils/locale.server";
import { municipalityName } from "~/utils/names";
import { requirePermission } from "~/utils/permissions.server";
import { readForm } from "~/utils/request.server";
import { refusalOf } from "~/utils/refusal";

// Entering a signed paper sheet afterwards: tick who signed, write in the
// names added by hand, save once (all or nothing; saving again adds nobody twice).

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "attendance:manage");
  const locale = await resolveLocale(request);
  const event = await eventForCheckIn(params.id ?? "");
  if (!event) throw new Response("Not Found", { status: 404 });
  const day = checkInDayOf(event, new URL(request.url).searchParams.get("day"));
  const [people, here] = await Promise.all([signInSheetPeople(event.id), checkedInPersonIds(event.id, day)]);
  const dayLabel = (value: string) => checkInDayLabel(value, locale);
  return {
    event: { id: event.id, title: eventText(event.translations, locale).title, open: event.open, days: event.days.map((value) => ({ value, label: dayLabel(value) })) },
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

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "attendance:manage");
  const form = await readForm(request);
  const parsed = PaperSheetForm.safeParse({ ...formFields(form), personId: form.getAll("personId") });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path[0] === "writtenIn" ? "writtenIn" : null;
    const shown = { writtenIn: String(form.get("writtenIn") ?? "").slice(0, 20_000), personIds: [] as string[] };
    return data({ ok: false, message: field ? issue.message : "errors.badRequestTitle", field, ...shown }, { status: 400 });
  }
  const { day, personId: personIds, writtenIn } = parsed.data;
  const { people, invalid } = readWrittenIn(writtenIn);
  if (invalid.length) {
    return data({ ok: false, message: messageWith("invitations.checkin.paper.invalidLines", { lines: invalid.join(", ") }), field: "writtenIn", writtenIn, personIds }, { status: 400 });
  }
  if (personIds.length === 0 && people.length === 0) {
    return data({ ok: false, message: "invitations.checkin.paper.nothing", field: null, writtenIn, personIds }, { status: 400 });
  }
  const result = await recordPaperSheet(user, { eventId: params.id ?? "", day, personIds, walkIns: people });
  if (!result.ok) {
    const refusal = refusalOf(checkInRefusals, result.error);
    return data({ ok: false, message: refusal.message, field: null, writtenIn, personIds }, { status: refusal.status });
  }
  const { ok: _ok, ...counts } = result;
  return { ok: true, message: messageWith("invitations.checkin.paper.saved", counts), refused: counts.refused, field: null, writtenIn: "", personIds: [] as string[] };
}

export default function PaperSheetPage() {
  const { t } = useTranslation();
  const { event, day, dayLabel, people } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const ticked = new Set(result && !result.ok ? result.personIds : []);
  return (
    <div className="narrow-wide">
      <p>
        <Link to={`/events/${event.id}/checkin?day=${day}`}>← {t("invitations.checkin.title")}</Link>
      </p>
      <h1>
        {t("invitations.checkin.paper.title")}: {event.title}
      </h1>
      <p className="muted">{dayLabel}</p>
      <DayLinks days={event.days} day={day} />
      {result && result.field !== "writtenIn" ? (
        <div className={result.ok ? "notice notice-ok" : "notice notice-error"} role={result.ok ? "status" : "alert"}>
          <p>{translateMessage(t, result.message)}</p>
          {"refused" in result && result.refused ? <p>{t("invitations.checkin.paper.refused", { count: result.refused })}</p> : null}
        </div>
      ) : null}
      {!event.open ? (
        <p className="notice notice-error" role="alert">
          {t("invitations.checkin.closed")}
        </p>
      ) : (
        <Form method="post" className="stack card" key={result?.ok ? "saved" : "entering"}>
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
          <div className={result?.field === "writtenIn" ? "field field-invalid" : "field"}>
            <label htmlFor="writtenIn">{t("invitations.checkin.paper.writtenIn")}</label>
            <textarea
              id="writtenIn"
              name="writtenIn"
              rows={5}
              defaultValue={result && !result.ok ? result.writtenIn : ""}
              aria-describedby={result?.field === "writtenIn" ? "writtenIn-hint writtenIn-error" : "writtenIn-hint"}
              aria-invalid={result?.field === "writtenIn" || undefined}
            />
            <p className="hint" id="writtenIn-hint">
              {t("invitations.checkin.paper.writtenInHint")}
            </p>
            {result?.field === "writtenIn" ? (
              <p className="field-error" id="writtenIn-error" role="alert">
                {translateMessage(t, result.message)}
              </p>
            ) : null}
          </div>
          <button type="submit" disabled={busy}>
            {t("invitations.checkin.paper.save")}
          </button>
        </Form>
      )}
    </div>
  );
}
