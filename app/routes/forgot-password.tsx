import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/forms";
import { ForgotPasswordSchema } from "~/utils/accounts";
import { minutesToWait } from "~/models/rate-limit.server";
import { reservePasswordReset, sendPasswordReset } from "~/models/user.server";
import { errorFields, writeLog } from "~/utils/log.server";
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
  const outcome = await reservePasswordReset(submission.value.email, clientAddress(context));
  if (!outcome.ok) {
    const message = messageWith("security.tooMany.reset", { count: minutesToWait(outcome.retryAfterSeconds) });
    return data(
      { result: submission.reply({ formErrors: [message] }), sentTo: null },
      { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
    );
  }
  // Not awaited: the answer takes as long, and says the same, whether or not the address has an account.
  sendPasswordReset(submission.value.email, publicOrigin()).catch((error) => writeLog("error", "password_reset.failed", errorFields(error)));
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
