import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GuidelineReader, SubscribeForm } from "~/components/guideline-reader";
import { subscribe } from "~/models/guideline-subscription.server";
import { readerPage, versionForReader } from "~/models/guideline-version.server";
import { getSessionUser } from "~/utils/auth.server";
import { hiddenFieldErrors } from "~/utils/forms";
import { SubscribeIntent } from "~/utils/guidelines";
import { resolveLocale } from "~/utils/locale.server";
import { can } from "~/utils/permissions.server";
import { notFound } from "~/utils/refusal.server";
import { readForm } from "~/utils/request.server";
import { publicOrigin } from "~/utils/url.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.page.title} · Durable` : "Durable" }];

// Public: the latest version of a guideline, in the reader's language where it exists.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const locale = await resolveLocale(request);
  const view = await versionForReader(params.slug ?? "", locale);
  if (!view) throw notFound();
  return { page: readerPage(view, locale), editor: can(user, "guidelines:edit") };
}

// Public: anyone may ask to follow a guideline; the emailed link confirms it.
export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: SubscribeIntent });
  if (submission.status !== "success") return data({ result: submission.reply(hiddenFieldErrors(submission.error, ["intent"])), sentTo: null }, { status: 400 });
  const found = await subscribe(params.slug ?? "", submission.value.email, await resolveLocale(request), publicOrigin());
  if (!found) throw notFound();
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
