import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { eventLocation } from "~/models/event-calendar.server";
import { formatEventTimes } from "~/models/event.server";
import { answerInvitation, invitationsOfPerson, isInvitationOf, personIdOfUser } from "~/models/invitation.server";
import { attendedEventIds } from "~/models/certificate.server";
import { requireUser } from "~/utils/auth.server";
import { eventText } from "~/utils/events";
import { formFields } from "~/utils/forms";
import { MyAnswerSchema } from "~/utils/invitations";
import { resolveLocale } from "~/utils/locale.server";
import { readForm } from "~/utils/request.server";

// A member's own invitations, answered in the app (the same rules as the personal link).

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await resolveLocale(request);
  const personId = await personIdOfUser(user.id);
  if (!personId) return { linked: false, invitations: [] };
  const invitations = await invitationsOfPerson(personId);
  const now = new Date();
  const attended = await attendedEventIds(personId);
  return {
    linked: true,
    invitations: invitations.map((i) => ({
      id: i.id,
      status: i.status,
      title: eventText(i.event.translations, locale).title,
      when: formatEventTimes(i.event.startsAt, i.event.endsAt, locale, i.event.timeZone),
      where: eventLocation(i.event, locale),
      open: i.event.status === "PUBLISHED" && i.event.startsAt > now,
      certificateUrl: attended.has(i.eventId) ? `/events/${i.eventId}/certificates/${personId}.pdf` : null,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = MyAnswerSchema.safeParse(formFields(await readForm(request)));
  if (!parsed.success) return data({ ok: false, message: "errors.badRequestTitle" }, { status: 400 });
  const personId = await personIdOfUser(user.id);
  // Only one's own invitations.
  if (!(await isInvitationOf(parsed.data.invitationId, personId))) return data({ ok: false, message: "invitations.refusal.notFound" }, { status: 404 });
  const result = await answerInvitation({ ...parsed.data, channel: "APP" });
  if (!result.ok) return data({ ok: false, message: `invitations.refusal.${result.error}` }, { status: 409 });
  const message = result.status === "ACCEPTED" ? "invitations.page.accepted" : result.status === "WAITLISTED" ? "invitations.page.waitlisted" : "invitations.page.declined";
  return { ok: true, message };
}

export default function MyInvitations() {
  const { t } = useTranslation();
  const { linked, invitations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>{t("invitations.mine.title")}</h1>
      {result ? (
        <p className={result.ok ? "notice notice-ok" : "notice notice-error"} role={result.ok ? "status" : "alert"}>
          {t(result.message)}
        </p>
      ) : null}
      {!linked ? <p>{t("invitations.mine.noRecord")}</p> : invitations.length === 0 ? <p>{t("invitations.mine.none")}</p> : null}
      {invitations.map((invitation) => (
        <section className="card" key={invitation.id}>
          <h2>{invitation.title}</h2>
          <p>
            {invitation.when}
            <br />
            <span className="muted">{invitation.where}</span>
          </p>
          <p>{t("invitations.page.yourAnswer", { status: t(`invitations.status.${invitation.status}`) })}</p>
          {invitation.open ? (
            <div className="roles-form">
              {(["ACCEPT", "DECLINE"] as const).map((answer) => (
                <Form method="post" key={answer} className="inline">
                  <input type="hidden" name="invitationId" value={invitation.id} />
                  <input type="hidden" name="answer" value={answer} />
                  <button type="submit" className={answer === "DECLINE" ? "secondary" : undefined}>
                    {t(answer === "ACCEPT" ? "invitations.page.accept" : "invitations.page.decline")}
                  </button>
                </Form>
              ))}
            </div>
          ) : (
            <p className="muted">{t("invitations.mine.past")}</p>
          )}
          {invitation.certificateUrl ? (
            <p>
              <a href={invitation.certificateUrl}>{t("invitations.certificate.mine")}</a>
            </p>
          ) : null}
        </section>
      ))}
    </>
  );
}
