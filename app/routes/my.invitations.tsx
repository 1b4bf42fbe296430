import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { eventLocation } from "~/models/event-calendar.server";
import { formatEventTimes } from "~/models/event.server";
import { FormErrors } from "~/components/forms";
import { answerInvitation, answerRefusals, invitationsOfPerson, isInvitationOf, personIdOfUser } from "~/models/invitation.server";
import { attendedEventIds } from "~/models/certificate.server";
import { requireUser } from "~/utils/auth.server";
import { eventText } from "~/utils/events";
import { MyAnswerSchema } from "~/utils/invitations";
import { resolveLocale } from "~/utils/locale.server";
import { refusalOf } from "~/utils/refusal";
import { refusalReply } from "~/utils/refusal.server";
import { readForm } from "~/utils/request.server";
import { pageTitle } from "~/utils/page-title";

// A member's own invitations, answered in the app (the same rules as the personal link).

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "invitations.mine.title");

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
  const submission = parseWithZod(await readForm(request), { schema: MyAnswerSchema });
  if (submission.status !== "success") return data({ result: submission.reply({ formErrors: ["errors.badRequestTitle"] }), notice: null }, { status: 400 });
  // Only one's own invitations.
  if (!(await isInvitationOf(submission.value.invitationId, await personIdOfUser(user.id)))) {
    return data({ result: submission.reply({ formErrors: ["invitations.refusal.notFound"] }), notice: null }, { status: 404 });
  }
  const answered = await answerInvitation({ ...submission.value, channel: "APP" });
  if (!answered.ok) return refusalReply(submission, refusalOf(answerRefusals, answered.error), { notice: null as string | null });
  const notice = answered.status === "ACCEPTED" ? "invitations.page.accepted" : answered.status === "WAITLISTED" ? "invitations.page.waitlisted" : "invitations.page.declined";
  return data({ result: submission.reply(), notice: notice as string | null }, { status: 200 });
}

export default function MyInvitations() {
  const { t } = useTranslation();
  const { linked, invitations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>{t("invitations.mine.title")}</h1>
      {result?.notice ? (
        <p className="notice notice-ok" role="status">
          {t(result.notice)}
        </p>
      ) : null}
      <FormErrors errors={result?.result.error?.[""] ?? undefined} />
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
