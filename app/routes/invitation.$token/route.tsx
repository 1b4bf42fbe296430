import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { answerInvitation, answerRefusals } from "~/models/invitation.server";
import { invitationForLink, invitationIdForLink } from "~/models/invitation-link.server";
import { admitLinkAnswer, minutesToWait } from "~/models/rate-limit.server";
import { messageWith } from "~/utils/forms";
import { LinkAnswerSchema, parseWithZod } from "~/utils/forms.server";
import { refusalOf } from "~/utils/refusal";
import { refusalReply } from "~/utils/refusal.server";
import { resolveLocale } from "~/utils/locale.server";
import { clientAddress, readForm } from "~/utils/request.server";
import { routeHeaders } from "~/utils/route-headers";
import { pageTitle } from "~/utils/page-title";
import { AnswerForm } from "./answer-form";
import { AfterAccepting, CheckInCode } from "./after-accepting";

// The page behind the personal link in an invitation. Anyone holding the link
// may answer: it is the credential. Opening it changes nothing (mail scanners
// open links); pressing a button posts the answer. The form is checked on
// the server only, so the page's JavaScript holds neither zod nor conform.
// On a phone the answer comes first: the event's title, date and place, the
// buttons, then what follows an answer, and the agenda last. The page speaks
// the invitee's recorded language unless they chose another with the switcher
// (app/utils/locale.server.ts).

// The page behind a personal link is never cached (Cache-Control below; the
// Referrer-Policy is server.js's), and a 429 carries Retry-After.
export const headers = routeHeaders;
const PRIVATE = { "Cache-Control": "no-store" };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.invitation ? "invitations.page.title" : "invitations.page.invalidTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await invitationForLink(params.token ?? "", await resolveLocale(request));
  if (!invitation) return data({ invitation: null }, { status: 404, headers: PRIVATE });
  const { invitationId: _id, ...shown } = invitation;
  return data({ invitation: shown }, { headers: PRIVATE });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: LinkAnswerSchema });
  const refused = (message: string, status: number, headers?: HeadersInit) =>
    data({ result: submission.reply({ formErrors: [message] }), notice: null as string | null }, { status, headers });
  const invitationId = await invitationIdForLink(params.token ?? "");
  const admitted = await admitLinkAnswer({ token: invitationId ? (params.token ?? "") : null, address: clientAddress(context) });
  if (!admitted.ok) {
    const message = messageWith("security.tooMany.answer", { count: minutesToWait(admitted.retryAfterSeconds) });
    return refused(message, 429, { "Retry-After": String(admitted.retryAfterSeconds) });
  }
  if (!invitationId) return refused("invitations.page.invalid", 404);
  if (submission.status !== "success") return refused("errors.badRequestTitle", 400);
  const { answer, interpretation, accessibilityNeeds, needsTransport } = submission.value;
  const answered = await answerInvitation({
    invitationId,
    answer,
    channel: "LINK",
    needs: { interpretation: interpretation || null, accessibilityNeeds, needsTransport: needsTransport === "on" },
  });
  if (!answered.ok) return refusalReply(submission, refusalOf(answerRefusals, answered.error), { notice: null as string | null });
  const notice = { ACCEPTED: "invitations.page.accepted", WAITLISTED: "invitations.page.waitlisted", DECLINED: "invitations.page.declined" }[
    answered.status as "ACCEPTED" | "WAITLISTED" | "DECLINED"
  ];
  return data({ result: submission.reply(), notice: (notice ?? "invitations.page.declined") as string | null });
}

export default function InvitationPage() {
  const { t } = useTranslation();
  const { invitation } = useLoaderData<typeof loader>();
  const answered = useActionData<typeof action>();
  if (!invitation) {
    return (
      <div className="narrow">
        <h1>{t("invitations.page.invalidTitle")}</h1>
        <p className="notice notice-error">{t("invitations.page.invalid")}</p>
      </div>
    );
  }
  return (
    <div className="narrow invitation-page">
      <h1>{t("invitations.page.title")}</h1>
      <section className="card" aria-labelledby="invitation-event">
        <p className="invitation-greeting">{t("invitations.page.greeting", { name: invitation.name })}</p>
        <h2 id="invitation-event">{invitation.title}</h2>
        <p>
          <strong>{invitation.when}</strong>
          <br />
          {invitation.where}
        </p>
        <p data-testid="invitation-status">{t("invitations.page.yourAnswer", { status: t(`invitations.status.${invitation.status}`) })}</p>
        {!invitation.open && invitation.closed ? (
          <p className="notice notice-info" role="status" data-testid="invitation-closed">
            {t(invitation.closed)}
          </p>
        ) : null}
        <AnswerForm open={invitation.open} needs={invitation.needs} answered={answered} />
      </section>
      {invitation.calendar ? <AfterAccepting materials={invitation.materials} /> : null}
      {invitation.checkInQr ? <CheckInCode svg={invitation.checkInQr} /> : null}
      {invitation.description || invitation.agenda.length ? (
        <section className="card" aria-labelledby="invitation-about">
          <h2 id="invitation-about">{t("invitations.page.about")}</h2>
          {invitation.description ? <p>{invitation.description}</p> : null}
          {invitation.agenda.length ? (
            <>
              <h3>{t("invitations.page.agenda")}</h3>
              <ul>
                {invitation.agenda.map((item, index) => (
                  <li key={index}>
                    {item.time} {item.title}
                    {item.room ? ` (${item.room})` : ""}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
