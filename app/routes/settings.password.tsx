import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/forms";
import { minutesToWait } from "~/models/rate-limit.server";
import { changePassword, PASSWORD_REFUSALS } from "~/models/user.server";
import { ChangePasswordSchema } from "~/utils/accounts";
import { requireSessionState } from "~/utils/auth.server";
import { messageWith } from "~/utils/forms";
import { pageTitle } from "~/utils/page-title";
import { refusalOf } from "~/utils/refusal";
import { refusalReply } from "~/utils/refusal.server";
import { clientAddress, readForm } from "~/utils/request.server";
import { routeHeaders } from "~/utils/route-headers";
import { publicOrigin } from "~/utils/url.server";

// Passes on the action's Retry-After when too many wrong current passwords answer 429.
export const headers = routeHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "account.password.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSessionState(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, sessionId } = await requireSessionState(request);
  const submission = parseWithZod(await readForm(request), { schema: ChangePasswordSchema });
  const hideFields = ["currentPassword", "password", "confirmPassword"];
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields }), done: false }, { status: 400 });
  const { currentPassword, password } = submission.value;
  const outcome = await changePassword({ userId: user.id, sessionId, currentPassword, password }, publicOrigin(), clientAddress(context));
  if (outcome.ok) return { result: submission.reply({ resetForm: true }), done: true };
  if (outcome.error === "weakPassword") {
    return data({ result: submission.reply({ fieldErrors: { password: outcome.messages }, hideFields }), done: false }, { status: 400 });
  }
  if (outcome.error === "locked") {
    const refusal = { ...refusalOf(PASSWORD_REFUSALS, "locked"), message: messageWith("auth.login.locked", { count: minutesToWait(outcome.retryAfterSeconds) }) };
    return refusalReply(submission, refusal, { done: false }, { hideFields, headers: { "Retry-After": String(outcome.retryAfterSeconds) } });
  }
  return refusalReply(submission, refusalOf(PASSWORD_REFUSALS, outcome.error), { done: false }, { hideFields });
}

export default function ChangePassword() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "change-password",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <div className="narrow">
      <p>
        <Link to="/settings">← {t("account.settings.title")}</Link>
      </p>
      <h1>{t("account.password.title")}</h1>
      {actionData?.done ? (
        <p className="notice notice-ok" role="status">
          {t("account.password.done")}
        </p>
      ) : null}
      <div className="card">
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field id={fields.currentPassword.id} label={t("account.password.current")} errors={fields.currentPassword.errors}>
            <input {...getInputProps(fields.currentPassword, { type: "password" })} autoComplete="current-password" />
          </Field>
          <Field id={fields.password.id} label={t("account.password.new")} errors={fields.password.errors} hint={t("account.password.hint")}>
            <input {...getInputProps(fields.password, { type: "password" })} autoComplete="new-password" />
          </Field>
          <Field id={fields.confirmPassword.id} label={t("auth.confirmPassword")} errors={fields.confirmPassword.errors}>
            <input {...getInputProps(fields.confirmPassword, { type: "password" })} autoComplete="new-password" />
          </Field>
          <button type="submit">{t("account.password.submit")}</button>
        </Form>
      </div>
    </div>
  );
}
