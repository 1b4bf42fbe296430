import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/forms";
import { answerFeedback, feedbackByToken } from "~/models/feedback.server";
import { FeedbackSchema, SATISFACTION_SCORES } from "~/utils/feedback";
import { translateMessage } from "~/utils/forms";
import { resolveLocale } from "~/utils/locale.server";
import { readForm } from "~/utils/request.server";
import { routeHeaders } from "~/utils/route-headers";
import { pageTitle } from "~/utils/page-title";

// The questionnaire behind the personal link in the after-event email. The
// link is the credential. Opening it changes nothing (mail scanners open
// links); sending the form records one anonymous answer.

// Never cached; the headers export passes this on (the Referrer-Policy is server.js's).
const PRIVATE = { "Cache-Control": "no-store" };
export const headers = routeHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.link ? "invitations.feedback.page.title" : "invitations.feedback.page.invalidTitle", data?.link?.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const link = await feedbackByToken(params.token ?? "", await resolveLocale(request));
  if (!link.ok) return data({ link: null }, { status: 404, headers: PRIVATE });
  return data({ link: { title: link.title, answered: link.answered } }, { headers: PRIVATE });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: FeedbackSchema });
  if (submission.status !== "success") return data({ done: false, result: submission.reply() }, { status: 400 });
  const outcome = await answerFeedback(params.token ?? "", submission.value);
  if (!outcome.ok) {
    const message = outcome.error === "alreadyAnswered" ? "invitations.feedback.page.alreadyAnswered" : "invitations.feedback.page.invalid";
    return data({ done: false, result: submission.reply({ formErrors: [message] }) }, { status: outcome.error === "alreadyAnswered" ? 409 : 404 });
  }
  return data({ done: true, result: submission.reply({ resetForm: true }) }, { headers: PRIVATE });
}

export default function FeedbackPage() {
  const { t } = useTranslation();
  const { link } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "feedback",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: FeedbackSchema }),
    shouldRevalidate: "onBlur",
  });
  if (!link) {
    return (
      <div className="narrow">
        <h1>{t("invitations.feedback.page.invalidTitle")}</h1>
        <p className="notice notice-error">{t("invitations.feedback.page.invalid")}</p>
      </div>
    );
  }
  if (actionData?.done) {
    return (
      <div className="narrow">
        <h1>{t("invitations.feedback.page.title")}</h1>
        <p className="notice notice-ok" role="status">
          {t("invitations.feedback.page.thanks")}
        </p>
      </div>
    );
  }
  if (link.answered && !actionData) {
    return (
      <div className="narrow">
        <h1>{t("invitations.feedback.page.title")}</h1>
        <p className="notice notice-ok">{t("invitations.feedback.page.alreadyAnswered")}</p>
      </div>
    );
  }
  const scoreError = fields.satisfaction.errors?.[0];
  return (
    <div className="narrow">
      <h1>{t("invitations.feedback.page.title")}</h1>
      <p>{t("invitations.feedback.page.intro", { title: link.title })}</p>
      <Form method="post" className="card stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <fieldset className={scoreError ? "choice-group feedback-scores field-invalid" : "choice-group feedback-scores"} aria-describedby={scoreError ? `${fields.satisfaction.id}-error` : undefined}>
          <legend>{t("invitations.feedback.page.satisfaction")}</legend>
          {SATISFACTION_SCORES.map((score) => (
            <label key={score} className="feedback-score">
              <input type="radio" name={fields.satisfaction.name} value={score} defaultChecked={fields.satisfaction.initialValue === String(score)} />{" "}
              {t(`invitations.feedback.scale.${score}`)}
            </label>
          ))}
          {scoreError ? (
            <p className="field-error" id={`${fields.satisfaction.id}-error`} role="alert">
              {translateMessage(t, scoreError)}
            </p>
          ) : null}
        </fieldset>
        <Field id={fields.learnt.id} label={t("invitations.feedback.page.learnt")} hint={t("invitations.feedback.page.optional")} errors={fields.learnt.errors}>
          <textarea {...getTextareaProps(fields.learnt)} rows={4} maxLength={2000} />
        </Field>
        <Field id={fields.improve.id} label={t("invitations.feedback.page.improve")} hint={t("invitations.feedback.page.optional")} errors={fields.improve.errors}>
          <textarea {...getTextareaProps(fields.improve)} rows={4} maxLength={2000} />
        </Field>
        <button type="submit">{t("invitations.feedback.page.submit")}</button>
      </Form>
      <p className="hint">{t("invitations.feedback.anonymous")}</p>
    </div>
  );
}
