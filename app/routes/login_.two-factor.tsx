import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/forms";
import { minutesToWait } from "~/models/rate-limit.server";
import { checkCode, SECOND_FACTOR_REFUSALS } from "~/models/second-factor.server";
import { SecondStepSchema } from "~/utils/accounts";
import { pendingSecondStep, safeRedirect, startSession } from "~/utils/auth.server";
import { messageWith } from "~/utils/forms";
import { pageTitle } from "~/utils/page-title";
import { refusalOf } from "~/utils/refusal";
import { refusalReply } from "~/utils/refusal.server";
import { readForm } from "~/utils/request.server";
import { routeHeaders } from "~/utils/route-headers";
import { publicOrigin } from "~/utils/url.server";

// Passes on the action's Retry-After when too many wrong codes answer 429.
export const headers = routeHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "account.secondStep.title");

/** Only in the middle of a log-in; otherwise the page says to start again. */
export async function loader({ request }: LoaderFunctionArgs) {
  return { pending: !!(await pendingSecondStep(request)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: SecondStepSchema });
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields: ["code"] }) }, { status: 400 });
  const userId = await pendingSecondStep(request);
  if (!userId) return data({ result: submission.reply({ formErrors: ["account.secondStep.expired"], hideFields: ["code"] }) }, { status: 400 });
  const outcome = await checkCode(userId, submission.value.code, publicOrigin());
  const target = safeRedirect(submission.value.redirectTo);
  if (outcome.ok && outcome.recoveryCodesLeft !== null) {
    // After a recovery code: the account page says how many are left.
    return startSession(request, userId, `/settings/two-factor?${new URLSearchParams({ recovered: String(outcome.recoveryCodesLeft), redirectTo: target })}`);
  }
  if (outcome.ok) return startSession(request, userId, target);
  if (outcome.error === "locked") {
    const refusal = { ...refusalOf(SECOND_FACTOR_REFUSALS, "locked"), message: messageWith("auth.login.locked", { count: minutesToWait(outcome.retryAfterSeconds) }) };
    return refusalReply(submission, refusal, {}, { hideFields: ["code"], headers: { "Retry-After": String(outcome.retryAfterSeconds) } });
  }
  return refusalReply(submission, { ...refusalOf(SECOND_FACTOR_REFUSALS, "badCode"), message: "account.secondStep.invalid" }, {}, { hideFields: ["code"] });
}

export default function SecondStep() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const { pending } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({ id: "second-step", lastResult: actionData?.result, shouldRevalidate: "onBlur" });
  if (!pending && !actionData) {
    return (
      <div className="narrow">
        <h1>{t("account.secondStep.title")}</h1>
        <p className="notice notice-warning" role="status">
          {t("account.secondStep.expired")}
        </p>
        <Link className="button" to="/login">
          {t("nav.login")}
        </Link>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>{t("account.secondStep.title")}</h1>
      <div className="card">
        <Form method="post" className="stack" {...getFormProps(form)}>
          <p>{t("account.secondStep.intro")}</p>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <Field id={fields.code.id} label={t("account.secondStep.code")} errors={fields.code.errors}>
            <input {...getInputProps(fields.code, { type: "text" })} autoComplete="one-time-code" autoCapitalize="none" spellCheck={false} autoFocus />
          </Field>
          <button type="submit">{t("account.secondStep.submit")}</button>
        </Form>
      </div>
      <p>
        <Link to="/login">{t("nav.login")}</Link>
      </p>
    </div>
  );
}
