import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/forms";
import { ForgotPasswordSchema } from "~/utils/accounts";
import { minutesToWait } from "~/models/rate-limit.server";
import { requestPasswordReset } from "~/models/user.server";
import { messageWith } from "~/utils/forms";
import { clientAddress, readForm } from "~/utils/request.server";
import { publicOrigin } from "~/utils/url.server";
import { routeHeaders } from "~/utils/route-headers";
import { pageTitle } from "~/utils/page-title";

// Passes on the action's Retry-After when the rate limit answers 429.
export const headers = routeHeaders;

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: ForgotPasswordSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sentTo: null }, { status: 400 });
  const outcome = await requestPasswordReset(submission.value.email, publicOrigin(), clientAddress(context));
  if (!outcome.ok) {
    const message = messageWith("security.tooMany.reset", { count: minutesToWait(outcome.retryAfterSeconds) });
    return data(
      { result: submission.reply({ formErrors: [message] }), sentTo: null },
      { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
    );
  }
  return data({ result: submission.reply(), sentTo: submission.value.email });
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth.forgot.title");

export default function ForgotPassword() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "forgot",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <div className="narrow">
      <h1>{t("auth.forgot.title")}</h1>
      {actionData?.sentTo ? (
        <p className="notice notice-ok" role="status">
          {t("auth.forgot.sent", { email: actionData.sentTo })}
        </p>
      ) : (
        <div className="card">
          <p>{t("auth.forgot.intro")}</p>
          <Form method="post" className="stack" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <Field id={fields.email.id} label={t("auth.email")} errors={fields.email.errors}>
              <input {...getInputProps(fields.email, { type: "email" })} autoComplete="email" />
            </Field>
            <button type="submit">{t("auth.forgot.submit")}</button>
          </Form>
        </div>
      )}
    </div>
  );
}
