import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/forms";
import { authenticate, resendVerification } from "~/models/user.server";
import { getSessionUser, safeRedirect, startSecondStep, startSession } from "~/utils/auth.server";
import { messageWith } from "~/utils/forms";
import { LoginSchema, parseWithZod } from "~/utils/forms.server";
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
  if (result.ok && result.secondFactor) return startSecondStep(request, result.userId, safeRedirect(redirectTo));
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

// The form is checked on the server only (there is nothing to check before
// sending but that the fields are there), so that the page's JavaScript,
// the first a visitor loads, holds neither zod nor conform: the action's
// answer (conform's `{ result }`) is read here directly.
export default function Login() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>()?.result;
  const [searchParams] = useSearchParams();
  const password = useRef<HTMLInputElement>(null);
  // A refused log-in never sends the password back (hideFields); once JavaScript runs, the field is emptied too, as on a new page.
  useEffect(() => {
    if (result && password.current) password.current.value = "";
  }, [result]);
  const errors = result?.error ?? {};
  const email = typeof result?.initialValue?.email === "string" ? result.initialValue.email : undefined;
  return (
    <div className="narrow">
      <h1>{t("auth.login.title")}</h1>
      <div className="card">
        <Form method="post" id="login" className="stack" noValidate aria-describedby={errors[""]?.length ? "login-error" : undefined}>
          <FormErrors id="login-error" errors={errors[""] ?? undefined} />
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <Field id="login-email" label={t("auth.email")} errors={errors.email ?? undefined}>
            <input id="login-email" name="email" type="email" defaultValue={email} autoComplete="email" autoFocus />
          </Field>
          <Field id="login-password" label={t("auth.password")} errors={errors.password ?? undefined}>
            <input id="login-password" name="password" type="password" ref={password} autoComplete="current-password" />
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
