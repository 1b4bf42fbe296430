import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field } from "~/components/field";
import { requestPasswordReset } from "~/models/user.server";
import { appUrl } from "~/utils/url.server";
import { emailField } from "~/utils/validation";

const ForgotSchema = z.object({ email: emailField });

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ForgotSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sentTo: null }, { status: 400 });
  await requestPasswordReset(submission.value.email, appUrl(request));
  return { result: submission.reply(), sentTo: submission.value.email };
}

export default function ForgotPassword() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "forgot",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotSchema }),
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
