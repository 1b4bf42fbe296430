import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoiceSelect, Field, FormErrors } from "~/components/forms";
import { registerMember } from "~/models/user.server";
import { RegisterSchema } from "~/utils/accounts";
import { getSessionUser } from "~/utils/auth.server";
import { messageWith } from "~/utils/forms";
import { LOCALE_NAMES, LOCALES } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { minutesToWait } from "~/models/rate-limit.server";
import { clientAddress, readForm } from "~/utils/request.server";
import { publicOrigin } from "~/utils/url.server";
import { routeHeaders } from "~/utils/route-headers";
import { pageTitle } from "~/utils/page-title";

// Passes on the action's Retry-After when the rate limit answers 429.
export const headers = routeHeaders;

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "auth.register.title");

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/dashboard");
  return { locale: await resolveLocale(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: RegisterSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password", "confirmPassword"] }), sentTo: null }, { status: 400 });
  }
  const { name, email, password, locale } = submission.value;
  const outcome = await registerMember({ name, email, password, locale }, publicOrigin(), clientAddress(context));
  if (!outcome.ok && outcome.error === "weakPassword") {
    return data(
      { result: submission.reply({ fieldErrors: { password: outcome.messages }, hideFields: ["password", "confirmPassword"] }), sentTo: null },
      { status: 400 },
    );
  }
  if (!outcome.ok) {
    const message = messageWith("security.tooMany.register", { count: minutesToWait(outcome.retryAfterSeconds) });
    return data(
      { result: submission.reply({ formErrors: [message], hideFields: ["password", "confirmPassword"] }), sentTo: null },
      { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
    );
  }
  // The same answer whether or not the address already has an account (its owner is emailed instead).
  return { result: submission.reply({ resetForm: true }), sentTo: outcome.email };
}

export default function Register() {
  const { t } = useTranslation();
  const { locale } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "register",
    lastResult: actionData?.result,
    defaultValue: { locale },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RegisterSchema }),
    shouldRevalidate: "onBlur",
  });

  if (actionData?.sentTo) {
    return (
      <div className="narrow">
        <h1>{t("auth.register.checkEmailTitle")}</h1>
        <p className="notice notice-ok" role="status">
          {t("auth.register.checkEmail", { email: actionData.sentTo })}
        </p>
      </div>
    );
  }

  return (
    <div className="narrow">
      <h1>{t("auth.register.title")}</h1>
      <p>{t("auth.register.intro")}</p>
      <div className="card">
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field id={fields.name.id} label={t("auth.name")} errors={fields.name.errors}>
            <input {...getInputProps(fields.name, { type: "text" })} autoComplete="name" />
          </Field>
          <Field id={fields.email.id} label={t("auth.email")} errors={fields.email.errors}>
            <input {...getInputProps(fields.email, { type: "email" })} autoComplete="email" />
          </Field>
          <Field id={fields.password.id} label={t("auth.password")} errors={fields.password.errors} hint={t("account.password.hint")}>
            <input {...getInputProps(fields.password, { type: "password" })} autoComplete="new-password" />
          </Field>
          <Field id={fields.confirmPassword.id} label={t("auth.confirmPassword")} errors={fields.confirmPassword.errors}>
            <input {...getInputProps(fields.confirmPassword, { type: "password" })} autoComplete="new-password" />
          </Field>
          <Field id={fields.locale.id} label={t("auth.preferredLanguage")} errors={fields.locale.errors}>
            <ChoiceSelect {...getSelectProps(fields.locale)} choices={LOCALES.map((l) => ({ id: l, name: LOCALE_NAMES[l] }))} />
          </Field>
          <button type="submit">{t("auth.register.submit")}</button>
        </Form>
      </div>
      <p>
        {t("auth.register.haveAccount")} <Link to="/login">{t("nav.login")}</Link>
      </p>
    </div>
  );
}
