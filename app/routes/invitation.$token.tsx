import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors } from "~/components/forms";
import { answerInvitation, answerRefusals } from "~/models/invitation.server";
import { invitationForLink, invitationIdForLink } from "~/models/invitation-link.server";
import { admitLinkAnswer, minutesToWait } from "~/models/rate-limit.server";
import { messageWith } from "~/utils/forms";
import { LinkAnswerSchema, parseWithZod } from "~/utils/forms.server";
import { refusalOf } from "~/utils/refusal";
import { refusalReply } from "~/utils/refusal.server";
import { LOCALE_NAMES } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { clientAddress, readForm } from "~/utils/request.server";
import { routeHeaders } from "~/utils/route-headers";
import { pageTitle } from "~/utils/page-title";

// The page behind the personal link in an invitation. Anyone holding the link
// may answer: it is the credential. Opening it changes nothing (mail scanners
// open links); pressing a button posts the answer. The form is checked on
// the server only, so the page's JavaScript holds neither zod nor conform.

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
  const result = useActionData<typeof action>();
  if (!invitation) {
    return (
      <div className="narrow">
        <h1>{t("invitations.page.invalidTitle")}</h1>
        <p className="notice notice-error">{t("invitations.page.invalid")}</p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>{t("invitations.page.title")}</h1>
      {result?.notice ? (
        <p className="notice notice-ok" role="status">
          {t(result.notice)}
        </p>
      ) : null}
      <FormErrors errors={result?.result.error?.[""] ?? undefined} />
      <section className="card">
        <p>{t("invitations.page.greeting", { name: invitation.name })}</p>
        <h2>{invitation.title}</h2>
        <p>
          <strong>{invitation.when}</strong>
          <br />
          {invitation.where}
        </p>
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
        <p data-testid="invitation-status">{t("invitations.page.yourAnswer", { status: t(`invitations.status.${invitation.status}`) })}</p>
      </section>
      {invitation.checkInQr ? (
        <section className="card invitation-qr" aria-labelledby="checkin-qr-title">
          <h2 id="checkin-qr-title">{t("invitations.checkin.qr.title")}</h2>
          <p className="hint">{t("invitations.checkin.qr.hint")}</p>
          {/* SVG made on the server by the qrcode library from our own code: no user text in it. */}
          <div role="img" aria-label={t("invitations.checkin.qr.alt")} data-testid="checkin-qr" dangerouslySetInnerHTML={{ __html: invitation.checkInQr }} />
        </section>
      ) : null}
      {!invitation.open && invitation.closed ? (
        <p className="notice notice-info" role="status" data-testid="invitation-closed">
          {t(invitation.closed)}
        </p>
      ) : null}
      {invitation.open ? (
        <Form method="post" className="card stack">
          <fieldset className="stack">
            <legend>{t("invitations.page.needsTitle")}</legend>
            <div className="field">
              <label htmlFor="interpretation">{t("invitations.page.interpretation")}</label>
              <select id="interpretation" name="interpretation" defaultValue={invitation.needs.interpretation}>
                <option value="">{t("invitations.page.interpretationNone")}</option>
                {(["sq", "sr", "en"] as const).map((language) => (
                  <option key={language} value={language}>
                    {t("invitations.page.interpretationInto", { language: LOCALE_NAMES[language] })}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="accessibilityNeeds">{t("invitations.page.accessibility")}</label>
              <input id="accessibilityNeeds" name="accessibilityNeeds" type="text" maxLength={500} defaultValue={invitation.needs.accessibilityNeeds} />
            </div>
            <label>
              <input type="checkbox" name="needsTransport" defaultChecked={invitation.needs.needsTransport} /> {t("invitations.page.transport")}
            </label>
          </fieldset>
          <div className="roles-form">
            <button type="submit" name="answer" value="ACCEPT">
              {t("invitations.page.accept")}
            </button>
            <button type="submit" name="answer" value="DECLINE" className="secondary">
              {t("invitations.page.decline")}
            </button>
          </div>
          <p className="hint">{t("invitations.page.changeUntil")}</p>
        </Form>
      ) : null}
    </div>
  );
}
