import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { prisma } from "~/db.server";
import { answerInvitation, seatSummary } from "~/models/invitation.server";
import { parseDays, remindersOf, setReminders } from "~/models/reminder.server";
import {
  addToInvitationList,
  invitationList,
  removeFromInvitationList,
  requestInvitationSending,
  resendInvitation,
  sendingProgress,
} from "~/models/invitation-list.server";
import { formatDateTime } from "~/utils/dates";
import { ORGANISATION_TYPES } from "~/utils/directory";
import { eventText } from "~/utils/events";
import { messageWith, translateMessage, formFields } from "~/utils/forms";
import { InvitationListAction } from "~/utils/invitations";
import { LOCALE_TAGS } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { municipalityName, placeName } from "~/utils/names";
import { requirePermission } from "~/utils/permissions.server";
import { readForm } from "~/utils/request.server";
import { foldQuery } from "~/utils/search";
import { appUrl } from "~/utils/url.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "invitations:manage");
  const locale = await resolveLocale(request);
  const event = await prisma.event.findUnique({ where: { id: params.id }, include: { translations: true } });
  if (!event) throw new Response("Not Found", { status: 404 });
  const q = new URL(request.url).searchParams.get("q")?.trim() ?? "";
  const [sending, reminders, seats, list, clusters, commissions, matches] = await Promise.all([
    sendingProgress(event.id),
    remindersOf(event.id),
    seatSummary(event.id),
    invitationList(event.id),
    prisma.cluster.findMany({ include: { municipalities: { orderBy: { nameSq: "asc" } } }, orderBy: { nameEn: "asc" } }),
    prisma.commission.findMany({ include: { municipality: true }, orderBy: { name: "asc" } }),
    q.length >= 2
      ? prisma.person.findMany({
          where: { erasedAt: null, searchText: { contains: foldQuery(q) } },
          select: { id: true, name: true, municipality: true, organisation: { select: { name: true } } },
          orderBy: { name: "asc" },
          take: 20,
        })
      : Promise.resolve([]),
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
    clusters: clusters.map((c) => ({
      id: c.id,
      name: placeName(c, locale),
      municipalities: c.municipalities.map((m) => ({ id: m.id, name: municipalityName(m, locale) })),
    })),
    commissions: commissions.map((c) => ({ id: c.id, name: `${c.name} (${municipalityName(c.municipality, locale)})` })),
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
  const event = await prisma.event.findUnique({ where: { id: eventId }, select: { id: true } });
  if (!event) throw new Response("Not Found", { status: 404 });
  const parsed = InvitationListAction.safeParse(formFields(await readForm(request)));
  if (!parsed.success) return data({ ok: false, message: "errors.badRequestTitle" }, { status: 400 });
  const input = parsed.data;
  // An invitation named in the form must belong to this event.
  if ("invitationId" in input) {
    const owned = await prisma.invitation.count({ where: { id: input.invitationId, eventId } });
    if (!owned) return data({ ok: false, message: "invitations.refusal.notFound" }, { status: 404 });
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

const SENDING_REFRESH_SECONDS = 3;

export default function EventInvitations() {
  const { t } = useTranslation();
  const { event, seats, list, clusters, commissions, q, matches, unsent, reminders, sending } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const revalidator = useRevalidator();
  const sendingRunning = !!sending?.running;
  // While invitations are being sent, the progress refreshes itself: here with JavaScript, by the <noscript> refresh below without.
  useEffect(() => {
    if (!sendingRunning) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, SENDING_REFRESH_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [sendingRunning, revalidator]);
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

      <Form method="post" className="card">
        <input type="hidden" name="intent" value="send" />
        <button type="submit" disabled={busy || unsent === 0}>
          {t("invitations.manage.send", { count: unsent })}
        </button>
        {sending ? (
          <p className="sending-progress" aria-live="polite" data-testid="sending-progress" data-running={sending.running ? "" : undefined}>
            {sending.running ? t("invitations.manage.sendingProgress", sending) : t("invitations.manage.sendingDone", sending)}
            {sending.running ? (
              <>
                {" "}
                <Link to=".">{t("invitations.manage.refresh")}</Link>
                <noscript>
                  <meta httpEquiv="refresh" content={`${SENDING_REFRESH_SECONDS * 2}; url=/events/${event.id}/invitations`} />
                </noscript>
              </>
            ) : null}
          </p>
        ) : null}
      </Form>

      <details className="card" open={list.length === 0}>
        <summary>{t("invitations.manage.addTitle")}</summary>
        <p className="hint">{t("invitations.manage.addHint")}</p>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="add" />
          <div className="field">
            <label htmlFor="add-cluster">{t("directory.fields.cluster")}</label>
            <select id="add-cluster" name="clusterId" defaultValue="">
              <option value="">{t("invitations.manage.any")}</option>
              {clusters.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="add-municipality">{t("directory.fields.municipality")}</label>
            <select id="add-municipality" name="municipalityId" defaultValue="">
              <option value="">{t("invitations.manage.any")}</option>
              {clusters.map((c) => (
                <optgroup key={c.id} label={c.name}>
                  {c.municipalities.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="add-type">{t("directory.fields.organisationType")}</label>
            <select id="add-type" name="organisationType" defaultValue="">
              <option value="">{t("invitations.manage.any")}</option>
              {ORGANISATION_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`directory.organisationType.${type}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="add-commission">{t("directory.fields.commission")}</label>
            <select id="add-commission" name="commissionId" defaultValue="">
              <option value="">{t("invitations.manage.any")}</option>
              {commissions.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="secondary">
            {t("invitations.manage.add")}
          </button>
        </Form>
      </details>

      <section className="card">
        <h2>{t("invitations.manage.searchTitle")}</h2>
        <Form method="get" className="roles-form" role="search">
          <label htmlFor="person-search" className="visually-hidden">
            {t("invitations.manage.search")}
          </label>
          <input id="person-search" type="search" name="q" defaultValue={q} placeholder={t("invitations.manage.search")} />
          <button type="submit" className="secondary">
            {t("invitations.manage.find")}
          </button>
        </Form>
        {matches.length ? (
          <ul className="plain-list">
            {matches.map((person) => (
              <li key={person.id}>
                {person.name} <span className="muted">{person.place}</span>{" "}
                {person.onList ? (
                  <span className="muted">({t("invitations.manage.onList")})</span>
                ) : (
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="addPerson" />
                    <input type="hidden" name="personId" value={person.id} />
                    <button type="submit" className="secondary">
                      {t("invitations.manage.addPerson")}
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <details className="card">
        <summary>{t("invitations.reminders.title")}</summary>
        <p className="hint">{t("invitations.reminders.hint")}</p>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="reminders" />
          <div className="field">
            <label htmlFor="reminderDays">{t("invitations.reminders.reminderDays")}</label>
            <input id="reminderDays" name="reminderDays" type="text" inputMode="numeric" defaultValue={reminders.reminderDays} />
          </div>
          <div className="field">
            <label htmlFor="nudgeDays">{t("invitations.reminders.nudgeDays")}</label>
            <input id="nudgeDays" name="nudgeDays" type="text" inputMode="numeric" defaultValue={reminders.nudgeDays} />
          </div>
          <button type="submit" className="secondary">
            {t("invitations.reminders.save")}
          </button>
        </Form>
      </details>

      <h2>{t("invitations.manage.listTitle")}</h2>
      {list.length === 0 ? <p>{t("invitations.manage.empty")}</p> : null}
      {list.length ? (
        <div className="table-wrap">
          <table className="responsive">
            <thead>
              <tr>
                <th>{t("invitations.manage.person")}</th>
                <th>{t("invitations.manage.status")}</th>
                <th>{t("invitations.manage.needs")}</th>
                <th>{t("admin.users.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((item) => (
                <tr key={item.id} data-invitation-person={item.name}>
                  <td data-label={t("invitations.manage.person")}>
                    {item.name}
                    <br />
                    <span className="muted">{item.place || item.email}</span>
                  </td>
                  <td data-label={t("invitations.manage.status")}>
                    {t(`invitations.status.${item.status}`)}
                    {item.byTrainer ? <span className="muted"> ({t("invitations.manage.byPhone")})</span> : null}
                    <br />
                    <span className="muted">
                      {item.sent ? t("invitations.manage.invited") : item.queued ? t("invitations.manage.queued") : t("invitations.manage.notInvited")}
                    </span>
                  </td>
                  <td data-label={t("invitations.manage.needs")}>
                    {item.needs.map((n) => (n === "transport" ? t("invitations.manage.transport") : n)).join(", ")}
                  </td>
                  <td data-label={t("admin.users.actions")}>
                    {item.status !== "CANCELLED" ? (
                      <div className="roles-form">
                        {(["ACCEPT", "DECLINE"] as const).map((answer) => (
                          <Form method="post" key={answer} className="inline">
                            <input type="hidden" name="intent" value="record" />
                            <input type="hidden" name="invitationId" value={item.id} />
                            <input type="hidden" name="answer" value={answer} />
                            <button type="submit" className="secondary">
                              {t(answer === "ACCEPT" ? "invitations.manage.recordAccept" : "invitations.manage.recordDecline")}
                            </button>
                          </Form>
                        ))}
                        {item.sent && item.email ? (
                          <Form method="post" className="inline">
                            <input type="hidden" name="intent" value="resend" />
                            <input type="hidden" name="invitationId" value={item.id} />
                            <button type="submit" className="secondary">
                              {t("invitations.manage.resend")}
                            </button>
                          </Form>
                        ) : null}
                        <details>
                          <summary>{t("invitations.manage.remove")}</summary>
                          <Form method="post">
                            <p>{t("invitations.manage.confirmRemove", { name: item.name })}</p>
                            <input type="hidden" name="intent" value="remove" />
                            <input type="hidden" name="invitationId" value={item.id} />
                            <button type="submit" className="danger">
                              {t("invitations.manage.remove")}
                            </button>
                          </Form>
                        </details>
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
