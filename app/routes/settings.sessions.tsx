import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/forms";
import { minutesToWait } from "~/models/rate-limit.server";
import { endOwnSession, listSessions } from "~/models/session.server";
import { endSessionsElsewhere, SESSIONS_REFUSALS } from "~/models/user.server";
import { SessionsAction } from "~/utils/accounts";
import { requireSessionState } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/dates";
import { messageWith, translateMessage } from "~/utils/forms";
import type { Locale } from "~/utils/i18n";
import { pageTitle } from "~/utils/page-title";
import { refusalOf } from "~/utils/refusal";
import { refusalReply } from "~/utils/refusal.server";
import { clientAddress, readForm } from "~/utils/request.server";
import { routeHeaders } from "~/utils/route-headers";
import { useLocale } from "~/utils/use-locale";

// Passes on the action's Retry-After when too many wrong passwords answer 429.
export const headers = routeHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "account.sessions.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, sessionId } = await requireSessionState(request);
  const sessions = await listSessions(user.id);
  return {
    sessions: sessions.map((session) => ({
      id: session.id,
      current: session.id === sessionId,
      userAgent: session.userAgent,
      createdAt: session.createdAt.toISOString(),
      lastSeenAt: session.lastSeenAt.toISOString(),
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, sessionId } = await requireSessionState(request);
  const submission = parseWithZod(await readForm(request), { schema: SessionsAction });
  if (submission.status !== "success") {
    // Only the password has a place on the page; anything else wrong is a request no form of it sends.
    const unshown = Object.keys(submission.error ?? {}).some((field) => field !== "password");
    return data({ result: submission.reply({ hideFields: ["password"], ...(unshown ? { formErrors: ["errors.badRequestTitle"] } : {}) }), notice: null }, { status: 400 });
  }
  const intent = submission.value;
  if (intent.intent === "end") {
    if (!(await endOwnSession(user.id, intent.sessionId))) return refusalReply(submission, refusalOf(SESSIONS_REFUSALS, "notFound"), { notice: null });
    return { result: submission.reply({ resetForm: true }), notice: "account.sessions.ended" };
  }
  const outcome = await endSessionsElsewhere({ userId: user.id, sessionId, password: intent.password }, clientAddress(context));
  if (outcome.ok) return { result: submission.reply({ resetForm: true }), notice: messageWith("account.sessions.endedOthers", { count: outcome.ended }) };
  const hideFields = ["password"];
  if (outcome.error === "locked") {
    const refusal = { ...refusalOf(SESSIONS_REFUSALS, "locked"), message: messageWith("auth.login.locked", { count: minutesToWait(outcome.retryAfterSeconds) }) };
    return refusalReply(submission, refusal, { notice: null }, { hideFields, headers: { "Retry-After": String(outcome.retryAfterSeconds) } });
  }
  return refusalReply(submission, refusalOf(SESSIONS_REFUSALS, outcome.error), { notice: null }, { hideFields });
}

/** A User-Agent said the way people name their browsers: "Chrome on Android". */
function browserName(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser = /Edg\//.test(userAgent) ? "Edge" : /Firefox\//.test(userAgent) ? "Firefox" : /Chrom(e|ium)\//.test(userAgent) ? "Chrome" : /Safari\//.test(userAgent) ? "Safari" : null;
  const system = /Android/.test(userAgent) ? "Android" : /iPhone|iPad/.test(userAgent) ? "iOS" : /Windows/.test(userAgent) ? "Windows" : /Mac OS X/.test(userAgent) ? "macOS" : /Linux/.test(userAgent) ? "Linux" : null;
  if (!browser && !system) return userAgent.slice(0, 60);
  return [browser, system].filter(Boolean).join(" · ");
}

export default function Sessions() {
  const { t } = useTranslation();
  const locale = useLocale() as Locale;
  const { sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "end-others",
    lastResult: actionData?.result,
    shouldRevalidate: "onBlur",
  });
  const others = sessions.filter((session) => !session.current).length;
  return (
    <div className="narrow">
      <p>
        <Link to="/settings">← {t("account.settings.title")}</Link>
      </p>
      <h1>{t("account.sessions.title")}</h1>
      <p>{t("account.sessions.intro")}</p>
      {actionData?.notice ? (
        <p className="notice notice-ok" role="status">
          {translateMessage(t, actionData.notice)}
        </p>
      ) : null}
      <ul className="stack session-list">
        {sessions.map((session) => (
          <li key={session.id} className="card" data-current={session.current || undefined}>
            <p>
              <strong>{browserName(session.userAgent) ?? t("account.sessions.unknownBrowser")}</strong>
              {session.current ? <> · {t("account.sessions.current")}</> : null}
            </p>
            <p className="muted">
              {t("account.sessions.started", { when: formatDateTime(session.createdAt, locale) })}
              <br />
              {t("account.sessions.lastSeen", { when: formatDateTime(session.lastSeenAt, locale) })}
            </p>
            {session.current ? null : (
              <Form method="post">
                <input type="hidden" name="intent" value="end" />
                <input type="hidden" name="sessionId" value={session.id} />
                <button type="submit" className="secondary">
                  {t("account.sessions.end")}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      {others === 0 ? <p>{t("account.sessions.onlyThis")}</p> : null}
      <h2>{t("account.sessions.endOthersTitle")}</h2>
      <div className="card">
        <Form method="post" className="stack" {...getFormProps(form)}>
          <p>{t("account.sessions.endOthersIntro")}</p>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="endOthers" />
          <Field id={fields.password.id} label={t("auth.password")} errors={fields.password.errors}>
            <input {...getInputProps(fields.password, { type: "password" })} autoComplete="current-password" />
          </Field>
          <button type="submit" className="danger">
            {t("account.sessions.endOthers")}
          </button>
        </Form>
      </div>
    </div>
  );
}
