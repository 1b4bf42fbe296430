import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ContributionForm } from "~/components/contribution-form";
import { contributionChoicesFor, createContribution, submitContribution } from "~/models/contribution.server";
import { hiddenFieldErrors } from "~/utils/forms";
import { ContributionSchema, LIMITS } from "~/utils/guidelines";
import { resolveLocale } from "~/utils/locale.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { requirePermission } from "~/utils/permissions.server";
import { refusalReply } from "~/utils/refusal.server";
import { readForm } from "~/utils/request.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "guidelines.contribution.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "contributions:write");
  return { choices: await contributionChoicesFor(user, await resolveLocale(request)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "contributions:write");
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: ContributionSchema });
  if (formData.get("intent") === "preview") {
    // A preview keeps what was typed and shows no errors yet.
    return data({ result: submission.reply({ formErrors: [], fieldErrors: {} }), preview: renderMarkdown(String(formData.get("body") ?? "").slice(0, LIMITS.body)) });
  }
  if (submission.status !== "success") {
    return data({ result: submission.reply(hiddenFieldErrors(submission.error, ["intent", "version", "commissionId"])), preview: null }, { status: 400 });
  }
  const locale = await resolveLocale(request);
  const outcome = await createContribution(user, { ...submission.value, locale });
  if (!outcome.ok) return refusalReply(submission, outcome, { preview: null });
  if (submission.value.intent === "submit") {
    await submitContribution(user, outcome.contributionId, 1);
    return redirect(`/contributions/${outcome.contributionId}?done=submitted`);
  }
  return redirect(`/contributions/${outcome.contributionId}?done=saved`);
}

export default function NewContribution() {
  const { t } = useTranslation();
  const { choices } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="contribution-page">
      <p>
        <Link to="/contributions">← {t("guidelines.contributions.title")}</Link>
      </p>
      <h1>{t("guidelines.contribution.newTitle")}</h1>
      <p className="muted">{t("guidelines.contribution.intro")}</p>
      <ContributionForm
        id="contribution-new"
        choices={choices}
        defaults={{ title: "", summary: "", body: "", themeId: "", municipalityId: "", commissionId: "", eventId: "", coAuthors: "" }}
        lastResult={actionData?.result}
        previewHtml={actionData?.preview}
      />
    </div>
  );
}
