import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ContributionForm } from "~/components/contribution-form";
import {
  contributionChoicesFor,
  contributionDefaults,
  contributionFor,
  submitContribution,
  updateContribution,
} from "~/models/contribution.server";
import { ContributionSchema, LIMITS } from "~/utils/guidelines";
import { resolveLocale } from "~/utils/locale.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { requirePermission } from "~/utils/permissions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "contributions:write");
  const found = await contributionFor(user, params.contributionId ?? "");
  if (!found) throw new Response("Not found", { status: 404 });
  if (!found.mayEdit) throw redirect(`/contributions/${found.contribution.id}`);
  return {
    id: found.contribution.id,
    defaults: contributionDefaults(found.contribution),
    choices: await contributionChoicesFor(user, await resolveLocale(request)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "contributions:write");
  const id = params.contributionId ?? "";
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: ContributionSchema });
  if (formData.get("intent") === "preview") {
    return { result: submission.reply({ formErrors: [], fieldErrors: {} }), preview: renderMarkdown(String(formData.get("body") ?? "").slice(0, LIMITS.body)) };
  }
  if (submission.status !== "success") return data({ result: submission.reply(), preview: null }, { status: 400 });
  const seen = submission.value.version ?? -1;
  const outcome = await updateContribution(user, id, submission.value, seen);
  if (!outcome.ok) {
    if (outcome.message === "errors.notFound") throw new Response("Not found", { status: 404 });
    const reply = outcome.field ? submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }) : submission.reply({ formErrors: [outcome.message] });
    return data({ result: reply, preview: null }, { status: outcome.field ? 400 : 409 });
  }
  if (submission.value.intent === "submit") {
    await submitContribution(user, id, outcome.version);
    return redirect(`/contributions/${id}?done=submitted`);
  }
  return redirect(`/contributions/${id}?done=saved`);
}

export default function EditContribution() {
  const { t } = useTranslation();
  const { id, defaults, choices } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="contribution-page">
      <p>
        <Link to={`/contributions/${id}`}>← {defaults.title}</Link>
      </p>
      <h1>{t("guidelines.contribution.editTitle")}</h1>
      <ContributionForm id="contribution-edit" choices={choices} defaults={defaults} lastResult={actionData?.result} previewHtml={actionData?.preview} />
    </div>
  );
}
