import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AddByCriteriaForm, AddPersonSearch } from "~/components/invitation-list/add-invitees";
import { InvitationTable } from "~/components/invitation-list/invitation-table";
import { RemindersForm } from "~/components/invitation-list/reminders-form";
import { SendingForm } from "~/components/invitation-list/sending-form";
import { answerInvitation, seatSummary } from "~/models/invitation.server";
import { parseDays, remindersOf, setReminders } from "~/models/reminder.server";
import {
  addToInvitationList,
  eventExists,
  eventForInvitationList,
  invitationList,
  isInvitationOfEvent,
  peopleToInvite,
  removeFromInvitationList,
  requestInvitationSending,
  resendInvitation,
  sendingProgress,
} from "~/models/invitation-list.server";
import { formatDateTime } from "~/utils/dates";
import { eventText } from "~/utils/events";
import { messageWith, translateMessage, formFields } from "~/utils/forms";
import { InvitationListAction } from "~/utils/invitations";
import { LOCALE_TAGS } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { municipalityName } from "~/utils/names";
import { requirePermission } from "~/utils/permissions.server";
import { readForm } from "~/utils/request.server";
import { foldQuery } from "~/utils/search";
import { appUrl } from "~/utils/url.server";
import { clusterChoices, commissionChoices } from "~/models/places.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "invitations:manage");
  const locale = await resolveLocale(request);
  const event = await eventForInvitationList(params.id ?? "");
  if (!event) throw new Response("Not Found", { status: 404 });
  const q = new URL(request.url).searchParams.get("q")?.trim() ?? "";
  const [sending, reminders, seats, list, clusters, commissions, matches] = await Promise.all([
    sendingProgress(event.id),
    remindersOf(event.id),
    seatSummary(event.id),
    invitationList(event.id),
    clusterChoices(locale),
    commissionChoices(locale),
    q.length >= 2 ? peopleToInvite(foldQuery(q)) : Promise.resolve([]),
  ]);
  const onList = new Set(list.map((i) => i.personId));
  const number = new Intl.NumberFormat(LOCALE_TAGS[locale]);
  return {
    event: { id: event.id, title: eventText(event.translations, locale).title, status: event.status },
    sending: sending && {
      running: !sending.finishedAt,
      sent: number.format(sending.sent),
      total: number.format(sending.total),
      when: sending.finishedAt ? formatDateTime(sending.finishedAt, locale) : null,
    },
    seats,
    reminders: {
      reminderDays: reminders.filter((r) => r.kind === "REMINDER").map((r) => r.minutesBefore / 1440).join(", "),
      nudgeDays: reminders.filter((r) => r.kind === "NUDGE").map((r) => r.minutesBefore / 1440).join(", "),
    },
    q,
    matches: matches.map((p) => ({
      id: p.id,
      name: p.name,
      place: [p.organisation?.name, p.municipality ? municipalityName(p.municipality, locale) : null].filter(Boolean).join(", "),
      onList: onList.has(p.id),
    })),
    unsent: list.filter((i) => !i.sentAt && !i.sendingId && i.status === "PENDING" && i.person.email).length,
    clusters,
    commissions,
    list: list.map((i) => ({
      id: i.id,
      name: i.person.erasedAt ? "—" : i.person.name,
      email: i.person.email,
      place: [i.person.organisation?.name, i.person.municipality ? municipalityName(i.person.municipality, locale) : null].filter(Boolean).join(", "),
      status: i.status,
      sent: !!i.sentAt,
      queued: !i.sentAt && !!i.sendingId,
      byTrainer: i.answers[0]?.channel === "TRAINER",
      needs: [i.interpretation ? i.interpretation.toUpperCase() : null, i.accessibilityNeeds, i.needsTransport ? "transport" : null].filter(
        (n): n is string => !!n,
      ),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const trainer = await requirePermission(request, "invitations:manage");
  const eventId = params.id ?? "";
  if (!(await eventExists(eventId))) throw new Response("Not Found", { status: 404 });
  const parsed = InvitationListAction.safeParse(formFields(await readForm(request)));
  if (!parsed.success) return data({ ok: false, message: "errors.badRequestTitle" }, { status: 400 });
  const input = parsed.data;
  // An invitation named in the form must belong to this event.
  if ("invitationId" in input) {
    if (!(await isInvitationOfEvent(input.invitationId, eventId))) return data({ ok: false, message: "invitations.refusal.notFound" }, { status: 404 });
  }
  switch (input.intent) {
    case "add": {
      const { intent: _intent, ...criteria } = input;
      if (!Object.values(criteria).some(Boolean)) return data({ ok: false, message: "invitations.manage.nothingChosen" }, { status: 400 });
      const result = await addToInvitationList(trainer.id, eventId, criteria as Parameters<typeof addToInvitationList>[2]);
      return { ok: true, message: messageWith("invitations.manage.added", { count: result.added, already: result.alreadyOnList }) };
    }
    case "addPerson": {
      const result = await addToInvitationList(trainer.id, eventId, { personIds: [input.personId] });
      return { ok: true, message: messageWith("invitations.manage.added", { count: result.added, already: result.alreadyOnList }) };
    }
    case "send": {
      const result = await requestInvitationSending(trainer.id, eventId, appUrl(request));
      if (!result.ok) return data({ ok: false, message: "invitations.manage.notPublished" }, { status: 409 });
      const number = new Intl.NumberFormat(LOCALE_TAGS[await resolveLocale(request)]).format(result.queued);
      const started = result.queued ? messageWith("invitations.manage.sendingStarted", { count: result.queued, number }) : "invitations.manage.nothingToSend";
      return { ok: true, message: started, extra: result.withoutEmail ? messageWith("invitations.manage.withoutEmail", { count: result.withoutEmail }) : null };
    }
    case "record": {
      const result = await answerInvitation({ invitationId: input.invitationId, answer: input.answer, channel: "TRAINER", recordedById: trainer.id });
      if (!result.ok) return data({ ok: false, message: `invitations.refusal.${result.error}` }, { status: 409 });
      return { ok: true, message: "invitations.manage.recorded" };
    }
    case "resend": {
      const result = await resendInvitation(trainer.id, input.invitationId, appUrl(request));
      if (!result.ok) return data({ ok: false, message: "invitations.refusal.eventNotOpen" }, { status: 409 });
      return { ok: true, message: "invitations.manage.resent" };
    }
    case "reminders": {
      const reminderDays = parseDays(input.reminderDays);
      const nudgeDays = parseDays(input.nudgeDays);
      if (!reminderDays || !nudgeDays) return data({ ok: false, message: "invitations.reminders.invalid" }, { status: 400 });
      await setReminders(trainer.id, eventId, reminderDays, nudgeDays);
      return { ok: true, message: "invitations.reminders.saved" };
    }
    case "remove": {
      await removeFromInvitationList(trainer.id, input.invitationId);
      return { ok: true, message: "invitations.manage.removed" };
    }
  }
}

export default function EventInvitations() {
  const { t } = useTranslation();
  const { event, seats, list, clusters, commissions, q, matches, unsent, reminders, sending } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <p>
        <Link to={`/events/${event.id}`}>← {t("invitations.manage.back")}</Link>
      </p>
      <h1>
        {t("invitations.manage.title")}: {event.title}
      </h1>
      <p className="muted" data-testid="seats">
        {t("invitations.manage.seats", seats)}
      </p>
      {result ? (
        <div className={result.ok ? "notice notice-ok" : "notice notice-error"} role={result.ok ? "status" : "alert"}>
          <p>{translateMessage(t, result.message)}</p>
          {"extra" in result && result.extra ? <p>{translateMessage(t, result.extra)}</p> : null}
        </div>
      ) : null}
      <SendingForm eventId={event.id} unsent={unsent} busy={busy} sending={sending} />
      <AddByCriteriaForm open={list.length === 0} clusters={clusters} commissions={commissions} />
      <AddPersonSearch q={q} matches={matches} />
      <RemindersForm reminderDays={reminders.reminderDays} nudgeDays={reminders.nudgeDays} />
      <h2>{t("invitations.manage.listTitle")}</h2>
      <InvitationTable list={list} />
    </>
  );
}
