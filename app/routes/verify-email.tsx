import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isValidToken, verifyEmail } from "~/models/user.server";
import { VerifyEmailSchema } from "~/utils/accounts";
import { formFields } from "~/utils/forms";
import { readForm } from "~/utils/request.server";

// Opening the link changes nothing (mail scanners open links): the person
// presses the button, which posts.

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const valid = token ? await isValidToken(token, "EMAIL_VERIFICATION") : false;
  return data({ token, valid }, { status: valid ? 200 : 400 });
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = VerifyEmailSchema.safeParse(formFields(await readForm(request)));
  const verified = parsed.success ? await verifyEmail(parsed.data.token) : false;
  return data({ verified }, { status: verified ? 200 : 400 });
}

export default function VerifyEmail() {
  const { t } = useTranslation();
  const { token, valid } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (result?.verified) {
    return (
      <div className="narrow">
        <h1>{t("auth.verify.title")}</h1>
        <p className="notice notice-ok" role="status">
          {t("auth.verify.done")}
        </p>
        <p>
          <Link className="button" to="/login">
            {t("nav.login")}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>{t("auth.verify.title")}</h1>
      {valid && !result ? (
        <Form method="post" className="card stack">
          <p>{t("auth.verify.intro")}</p>
          <input type="hidden" name="token" value={token} />
          <button type="submit">{t("auth.verify.submit")}</button>
        </Form>
      ) : (
        <p className="notice notice-error" role="alert">
          {t("auth.verify.invalid")}
        </p>
      )}
    </div>
  );
}
