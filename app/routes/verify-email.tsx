import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isValidToken, verifyEmail } from "~/models/user.server";
import { VerifyEmailSchema } from "~/utils/accounts";
import { readForm } from "~/utils/request.server";
import { pageTitle } from "~/utils/page-title";

// Opening the link changes nothing (mail scanners open links): the person
// presses the button, which posts. A confirmation redirects to the page's
// "done" state, so the spent link is not read again as a bad one (a 400).

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "auth.verify.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (url.searchParams.has("done")) return { token: "", valid: false, done: true };
  const token = url.searchParams.get("token") ?? "";
  const valid = token ? await isValidToken(token, "EMAIL_VERIFICATION") : false;
  return data({ token, valid, done: false }, { status: valid ? 200 : 400 });
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: VerifyEmailSchema });
  if (submission.status === "success" && (await verifyEmail(submission.value.token))) throw redirect("/verify-email?done");
  return data({ result: submission.reply({ formErrors: ["auth.verify.invalid"] }) }, { status: 400 });
}

export default function VerifyEmail() {
  const { t } = useTranslation();
  const { token, valid, done } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (done) {
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
