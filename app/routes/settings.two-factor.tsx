import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/forms";
import { minutesToWait } from "~/models/rate-limit.server";
import {
  confirmSetUp,
  disableSecondFactor,
  hasSecondFactor,
  pendingSetUp,
  recoveryCodesLeft,
  renewRecoveryCodes,
  SECOND_FACTOR_REFUSALS,
  startSetUp,
} from "~/models/second-factor.server";
import { TwoFactorAction } from "~/utils/accounts";
import { requireSessionState, safeRedirect } from "~/utils/auth.server";
import { messageWith } from "~/utils/forms";
import { pageTitle } from "~/utils/page-title";
import { refusalOf } from "~/utils/refusal";
import { refusalReply } from "~/utils/refusal.server";
import { clientAddress, readForm } from "~/utils/request.server";
import { routeHeaders } from "~/utils/route-headers";
import { publicOrigin } from "~/utils/url.server";

// Passes on the action's Retry-After when too many wrong passwords or codes answer 429.
export const headers = routeHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "account.twoFactor.title");

// The one page an admin without a second factor may open: where it is set up.
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, mustSetUpSecondFactor } = await requireSessionState(request, { beforeSecondFactor: true });
  const url = new URL(request.url);
  const on = await hasSecondFactor(user.id);
  const recovered = Number(url.searchParams.get("recovered"));
  return {
    on,
    required: mustSetUpSecondFactor,
    setUp: on ? null : await pendingSetUp(user.id),
    codesLeft: on ? await recoveryCodesLeft(user.id) : 0,
    recovered: url.searchParams.has("recovered") && Number.isInteger(recovered) ? recovered : null,
    redirectTo: safeRedirect(url.searchParams.get("redirectTo"), "/settings"),
  };
}

type Extra = { recoveryCodes: string[] | null; notice: string | null };
const NONE: Extra = { recoveryCodes: null, notice: null };

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireSessionState(request, { beforeSecondFactor: true });
  const submission = parseWithZod(await readForm(request), { schema: TwoFactorAction });
  const hideFields = ["password", "code"];
  if (submission.status !== "success") {
    // Only the password and the code have a place on the page; anything else wrong is a request no form of it sends.
    const unshown = Object.keys(submission.error ?? {}).some((field) => !hideFields.includes(field));
    return data({ ...NONE, result: submission.reply({ hideFields, ...(unshown ? { formErrors: ["errors.badRequestTitle"] } : {}) }) }, { status: 400 });
  }
  const form = submission.value;
  const appUrl = publicOrigin();
  let outcome;
  switch (form.intent) {
    case "start":
      outcome = await startSetUp(user.id);
      if (outcome.ok) return { ...NONE, result: submission.reply() };
      break;
    case "confirm":
      outcome = await confirmSetUp(user.id, form.code, appUrl);
      if (outcome.ok) return { result: submission.reply({ resetForm: true }), recoveryCodes: outcome.recoveryCodes, notice: "account.twoFactor.enabled" };
      break;
    case "renew":
      outcome = await renewRecoveryCodes(user.id, form, appUrl, clientAddress(context));
      if (outcome.ok) return { result: submission.reply({ resetForm: true }), recoveryCodes: outcome.recoveryCodes, notice: "account.twoFactor.renewed" };
      break;
    case "disable":
      outcome = await disableSecondFactor(user.id, form, appUrl, clientAddress(context));
      if (outcome.ok) return { ...NONE, result: submission.reply({ resetForm: true }), notice: "account.twoFactor.disabled" };
      break;
  }
  if (outcome.error === "locked") {
    const refusal = { ...refusalOf(SECOND_FACTOR_REFUSALS, "locked"), message: messageWith("auth.login.locked", { count: minutesToWait(outcome.retryAfterSeconds) }) };
    return refusalReply(submission, refusal, NONE, { hideFields, headers: { "Retry-After": String(outcome.retryAfterSeconds) } });
  }
  return refusalReply(submission, refusalOf(SECOND_FACTOR_REFUSALS, outcome.error), NONE, { hideFields });
}

/** The password and a code, which renewing the recovery codes and turning the second factor off both ask for. */
function ProofForm({ intent, title, intro, submit, danger }: { intent: "renew" | "disable"; title: string; intro: string; submit: string; danger?: boolean }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({ id: `two-factor-${intent}`, lastResult: actionData?.result?.initialValue?.intent === intent ? actionData.result : undefined });
  return (
    <div className="card">
      <h2>{title}</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <p>{intro}</p>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value={intent} />
        <Field id={fields.password.id} label={t("account.twoFactor.password")} errors={fields.password.errors}>
          <input {...getInputProps(fields.password, { type: "password" })} autoComplete="current-password" />
        </Field>
        <Field id={fields.code.id} label={t("account.secondStep.code")} errors={fields.code.errors}>
          <input {...getInputProps(fields.code, { type: "text" })} autoComplete="one-time-code" autoCapitalize="none" spellCheck={false} />
        </Field>
        <button type="submit" className={danger ? "danger" : undefined}>
          {submit}
        </button>
      </Form>
    </div>
  );
}

export default function TwoFactor() {
  const { t } = useTranslation();
  const { on, required, setUp, codesLeft, recovered, redirectTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({ id: "two-factor-confirm", lastResult: actionData?.result?.initialValue?.intent === "confirm" ? actionData.result : undefined });
  const codes = actionData?.recoveryCodes;
  // The forms on the page, which show their own errors.
  const shownForms = on ? ["renew", "disable"] : setUp ? ["confirm"] : [];
  return (
    <div className="narrow">
      {required ? null : (
        <p>
          <Link to="/settings">← {t("account.settings.title")}</Link>
        </p>
      )}
      <h1>{t("account.twoFactor.title")}</h1>
      {/* What was refused of a form this page does not show (now): said above everything. */}
      {shownForms.includes(String(actionData?.result?.initialValue?.intent)) ? null : (
        <FormErrors errors={Object.values(actionData?.result?.error ?? {}).flatMap((errors) => errors ?? [])} />
      )}
      {actionData?.notice ? (
        <p className="notice notice-ok" role="status">
          {t(actionData.notice)}
        </p>
      ) : null}
      {recovered !== null ? (
        <p className="notice notice-warning" role="status">
          {t("account.secondStep.recoveryUsed", { count: recovered })}
        </p>
      ) : null}
      {codes ? (
        <div className="card stack" data-testid="recovery-codes">
          <h2>{t("account.twoFactor.recoveryTitle")}</h2>
          <p>{t("account.twoFactor.recoveryIntro")}</p>
          <ul className="recovery-codes">
            {codes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ul>
          <Link className="button" to={redirectTo}>
            {t("account.twoFactor.continue")}
          </Link>
        </div>
      ) : null}
      {required ? (
        <p className="notice notice-warning" role="alert">
          {t("account.twoFactor.required")}
        </p>
      ) : null}
      <p>{t("account.twoFactor.intro")}</p>
      {on ? (
        <>
          <p>
            <strong>{t("account.twoFactor.on")}</strong> {t("account.twoFactor.recoveryLeft", { count: codesLeft })}
          </p>
          <ProofForm intent="renew" title={t("account.twoFactor.renew")} intro={t("account.twoFactor.renewIntro")} submit={t("account.twoFactor.renew")} />
          <ProofForm
            intent="disable"
            title={t("account.twoFactor.disableTitle")}
            intro={t("account.twoFactor.disableIntro")}
            submit={t("account.twoFactor.disable")}
            danger
          />
        </>
      ) : setUp ? (
        <div className="card stack">
          <p>{t("account.twoFactor.scan")}</p>
          <img src={setUp.qrDataUrl} alt={t("account.twoFactor.qrAlt")} width={240} height={240} />
          <p>
            {t("account.twoFactor.manual")} <code data-testid="totp-secret">{setUp.secret}</code>
          </p>
          <Form method="post" className="stack" {...getFormProps(form)}>
            <p>{t("account.twoFactor.confirm")}</p>
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="intent" value="confirm" />
            <Field id={fields.code.id} label={t("account.twoFactor.code")} errors={fields.code.errors}>
              <input {...getInputProps(fields.code, { type: "text" })} inputMode="numeric" autoComplete="one-time-code" />
            </Field>
            <button type="submit">{t("account.twoFactor.enable")}</button>
          </Form>
        </div>
      ) : (
        <Form method="post">
          <p>{t("account.twoFactor.off")}</p>
          <input type="hidden" name="intent" value="start" />
          <button type="submit">{t("account.twoFactor.start")}</button>
        </Form>
      )}
    </div>
  );
}
