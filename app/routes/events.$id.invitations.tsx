import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useEventSummary } from "~/components/event-page/event-header";
import { FormErrors } from "~/components/forms";
import { invitationListAction } from "~/components/invitation-list/actions.server";
import { AddByCriteriaForm, AddPersonSearch } from "~/components/invitation-list/add-invitees";
import { InvitationTable } from "~/components/invitation-list/invitation-table";
import { RemindersForm } from "~/components/invitation-list/reminders-form";
import { SendingForm } from "~/components/invitation-list/sending-form";
import { seatSummary } from "~/models/invitation.server";
import { eventExists, eventForInvitationList, invitationList, peopleToInvite, sendingProgress } from "~/models/invitation-list.server";
import { clusterChoices, commissionChoices } from "~/models/places.server";
import { remindersOf } from "~/models/reminder.server";
import { formatDateTime } from "~/utils/dates";
import { translateMessage } from "~/utils/forms";
import { LOCALE_TAGS } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { municipalityName } from "~/utils/names";
import { requirePermission } from "~/utils/permissions.server";
import { notFound } from "~/utils/refusal.server";
import { readForm } from "~/utils/request.server";
import { foldQuery } from "~/utils/search";
import { publicOrigin } from "~/utils/url.server";
import { eventTitle, pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "invitations.manage.title", eventTitle(matches));

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
    event: { id: event.id, status: event.status },
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
  if (!(await eventExists(eventId))) throw notFound();
  const locale = await resolveLocale(request);
  return invitationListAction(await readForm(request), { trainerId: trainer.id, eventId, appUrl: publicOrigin(), locale });
}

export default function EventInvitations() {
  const { t } = useTranslation();
  const { event, seats, list, clusters, commissions, q, matches, unsent, reminders, sending } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const summary = useEventSummary();
  return (
    <>
      <h1>
        {t("invitations.manage.title")}: {summary?.title}
      </h1>
      <p className="muted" data-testid="seats">
        {t("invitations.manage.seats", seats)}
      </p>
      {result?.notice ? (
        <div className="notice notice-ok" role="status">
          <p>{translateMessage(t, result.notice)}</p>
          {result.extra ? <p>{translateMessage(t, result.extra)}</p> : null}
        </div>
      ) : null}
      <FormErrors errors={result?.result.error?.[""] ?? undefined} />
      <SendingForm eventId={event.id} unsent={unsent} busy={busy} sending={sending} />
      <AddByCriteriaForm open={list.length === 0} clusters={clusters} commissions={commissions} />
      <AddPersonSearch q={q} matches={matches} />
      <RemindersForm reminderDays={reminders.reminderDays} nudgeDays={reminders.nudgeDays} />
      <h2>{t("invitations.manage.listTitle")}</h2>
      <InvitationTable list={list} />
    </>
  );
}
