import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GuidelineReader, SubscribeForm } from "~/components/guideline-reader";
import { subscribe } from "~/models/guideline-subscription.server";
import { readerPage, versionForReader } from "~/models/guideline-version.server";
import { getSessionUser } from "~/utils/auth.server";
import { minutesToWait } from "~/models/rate-limit.server";
import { hiddenFieldErrors, messageWith } from "~/utils/forms";
import { SubscribeIntent } from "~/utils/guidelines";
import { resolveLocale } from "~/utils/locale.server";
import { can } from "~/utils/permissions.server";
import { notFound } from "~/utils/refusal.server";
import { clientAddress, readForm } from "~/utils/request.server";
import { routeHeaders } from "~/utils/route-headers";
import { publicOrigin } from "~/utils/url.server";
import { feedLink, pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  ...pageTitle(matches, "titles.guideline", data?.page.title.text),
  ...(data ? [feedLink(data.page.slug, data.page.title.text)] : []),
];

// Public: the latest version of a guideline, in the reader's language where it exists.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const locale = await resolveLocale(request);
  const view = await versionForReader(params.slug ?? "", locale);
  if (!view) throw notFound();
  return { page: readerPage(view, locale), editor: can(user, "guidelines:edit") };
}

// Passes on the action's Retry-After when the rate limit answers 429.
export const headers = routeHeaders;

// Public: anyone may ask to follow a guideline; the emailed link confirms it.
export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: SubscribeIntent });
  if (submission.status !== "success") return data({ result: submission.reply(hiddenFieldErrors(submission.error, ["intent"])), sentTo: null }, { status: 400 });
  const outcome = await subscribe(params.slug ?? "", submission.value.email, await resolveLocale(request), publicOrigin(), clientAddress(context));
  if (!outcome.ok && outcome.error === "notFound") throw notFound();
  if (!outcome.ok) {
    const message = messageWith("security.tooMany.subscribe", { count: minutesToWait(outcome.retryAfterSeconds) });
    return data({ result: submission.reply({ formErrors: [message] }), sentTo: null }, { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } });
  }
  return data({ result: submission.reply({ resetForm: true }), sentTo: submission.value.email });
}

export default function GuidelineLatest() {
  const { t } = useTranslation();
  const { page, editor } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      {editor ? (
        <p>
          <Link to={`/guidelines/${page.slug}/edit`}>{t("guidelines.guideline.edit")}</Link>
        </p>
      ) : null}
      <GuidelineReader page={page} />
      <SubscribeForm slug={page.slug} sentTo={result?.sentTo} lastResult={result?.result} />
    </>
  );
}
