import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/forms";
import { isValidToken, PASSWORD_REFUSALS, resetPassword } from "~/models/user.server";
import { refusalOf } from "~/utils/refusal";
import { refusalReply } from "~/utils/refusal.server";
import { publicOrigin } from "~/utils/url.server";
import { ResetPasswordSchema } from "~/utils/accounts";
import { readForm } from "~/utils/request.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "auth.reset.title");

// A changed password redirects to the page's "done" state, so the spent link
// is not read again as a bad one (a 400).
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (url.searchParams.has("done")) return { token: "", valid: false, done: true };
  const token = url.searchParams.get("token") ?? "";
  const valid = token ? await isValidToken(token, "PASSWORD_RESET") : false;
  return data({ token, valid, done: false }, { status: valid ? 200 : 400 });
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: ResetPasswordSchema });
  const hideFields = ["password", "confirmPassword"];
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields }) }, { status: 400 });
  const outcome = await resetPassword(submission.value.token, submission.value.password, publicOrigin());
  if (outcome.ok) throw redirect("/reset-password?done");
  if (outcome.error === "weakPassword") {
    return data({ result: submission.reply({ fieldErrors: { password: outcome.messages }, hideFields }) }, { status: 400 });
  }
  return refusalReply(submission, refusalOf(PASSWORD_REFUSALS, outcome.error), {}, { hideFields });
}

export default function ResetPassword() {
  const { t } = useTranslation();
  const { token, valid, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "reset",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
    shouldRevalidate: "onBlur",
  });
  if (done) {
    return (
      <div className="narrow">
        <h1>{t("auth.reset.title")}</h1>
        <p className="notice notice-ok" role="status">
          {t("auth.reset.done")}
        </p>
        <Link className="button" to="/login">
          {t("nav.login")}
        </Link>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>{t("auth.reset.title")}</h1>
      {valid ? (
        <div className="card">
          <Form method="post" className="stack" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="token" value={token} />
            <Field id={fields.password.id} label={t("auth.password")} errors={fields.password.errors} hint={t("account.password.hint")}>
              <input {...getInputProps(fields.password, { type: "password" })} autoComplete="new-password" />
            </Field>
            <Field id={fields.confirmPassword.id} label={t("auth.confirmPassword")} errors={fields.confirmPassword.errors}>
              <input {...getInputProps(fields.confirmPassword, { type: "password" })} autoComplete="new-password" />
            </Field>
            <button type="submit">{t("auth.reset.submit")}</button>
          </Form>
        </div>
      ) : (
        <p className="notice notice-error" role="alert">
          {t("auth.reset.invalid")} <Link to="/forgot-password">{t("auth.forgot.title")}</Link>
        </p>
      )}
    </div>
  );
}
