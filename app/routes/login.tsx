import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/forms";
import { authenticate, resendVerification } from "~/models/user.server";
import { LoginSchema } from "~/utils/accounts";
import { getSessionUser, safeRedirect, startSession } from "~/utils/auth.server";
import { messageWith } from "~/utils/forms";
import { publicOrigin } from "~/utils/url.server";
import { clientAddress, readForm } from "~/utils/request.server";
import { routeHeaders } from "~/utils/route-headers";
import { pageTitle } from "~/utils/page-title";

// Passes on the action's Retry-After when a lockout answers 429.
export const headers = routeHeaders;

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "auth.login.title");

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/dashboard");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const result = await authenticate(email, password, clientAddress(context));
  if (result.ok) return startSession(request, result.userId, safeRedirect(redirectTo));

  let message: string;
  let status = 400;
  const headers = new Headers();
  switch (result.error) {
    case "locked":
      message = messageWith("auth.login.locked", { count: result.minutes });
      status = 429;
      headers.set("Retry-After", String(result.retryAfterSeconds));
      break;
    case "unverified":
      await resendVerification(result.userId, publicOrigin());
      message = "auth.login.unverified";
      status = 403;
      break;
    case "disabled":
      message = "auth.login.disabled";
      status = 403;
      break;
    default:
      message = "auth.login.invalid";
  }
  return data({ result: submission.reply({ formErrors: [message], hideFields: ["password"] }) }, { status, headers });
}

export default function Login() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "login",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <div className="narrow">
      <h1>{t("auth.login.title")}</h1>
      <div className="card">
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <Field id={fields.email.id} label={t("auth.email")} errors={fields.email.errors}>
            <input {...getInputProps(fields.email, { type: "email" })} autoComplete="email" autoFocus />
          </Field>
          <Field id={fields.password.id} label={t("auth.password")} errors={fields.password.errors}>
            <input {...getInputProps(fields.password, { type: "password" })} autoComplete="current-password" />
          </Field>
          <button type="submit">{t("auth.login.submit")}</button>
        </Form>
      </div>
      <p>
        <Link to="/forgot-password">{t("auth.login.forgot")}</Link>
      </p>
      <p>
        {t("auth.login.noAccount")} <Link to="/register">{t("nav.register")}</Link>
      </p>
    </div>
  );
}
