import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoiceSelect, enumChoices, Field, FormErrors } from "~/components/forms";
import { createGuideline } from "~/models/guideline.server";
import { publishedGuidelines } from "~/models/guideline-version.server";
import { getSessionUser } from "~/utils/auth.server";
import { GUIDELINE_LANGUAGES, GuidelineSchema } from "~/utils/guidelines";
import { resolveLocale } from "~/utils/locale.server";
import { can, requirePermission } from "~/utils/permissions.server";
import { refusalReply } from "~/utils/refusal.server";
import { readForm } from "~/utils/request.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "guidelines.guideline.title");

// Public: anyone may read the list. Editors also see guidelines not yet published and the form to start one.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const editor = can(user, "guidelines:edit");
  const guidelines = await publishedGuidelines(await resolveLocale(request));
  return { editor, guidelines: editor ? guidelines : guidelines.filter((g) => g.latest) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "guidelines:edit");
  const submission = parseWithZod(await readForm(request), { schema: GuidelineSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await createGuideline(user.id, submission.value);
  if (!outcome.ok) return refusalReply(submission, outcome);
  return redirect(`/guidelines/${outcome.slug}/edit`);
}

export default function Guidelines() {
  const { t } = useTranslation();
  const { editor, guidelines } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>()?.result;
  const [form, fields] = useForm({
    id: "guideline-new",
    lastResult,
    defaultValue: { sourceLocale: "en" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GuidelineSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <>
      <h1>{t("guidelines.guideline.title")}</h1>
      <p className="lead">{t("guidelines.guideline.intro")}</p>
      {guidelines.length === 0 ? <p>{t("guidelines.guideline.none")}</p> : null}
      <ul className="guideline-list">
        {guidelines.map((g) => (
          <li key={g.slug} className="card">
            <h2>
              <Link to={`/guidelines/${g.slug}`} lang={g.title.lang}>
                {g.title.text}
              </Link>
            </h2>
            {g.summary.text ? <p lang={g.summary.lang}>{g.summary.text}</p> : null}
            <p className="muted">
              {g.latest ? t("guidelines.guideline.latestVersion", { number: g.latest.number, date: g.latest.date }) : t("guidelines.guideline.notPublished")}
              {editor ? (
                <>
                  {" · "}
                  <Link to={`/guidelines/${g.slug}/edit`}>{t("guidelines.guideline.edit")}</Link>
                </>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
      {editor ? (
        <details className="card" open={!!lastResult}>
          <summary>{t("guidelines.guideline.newGuideline")}</summary>
          <Form method="post" className="stack" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <Field id={fields.title.id} label={t("guidelines.guideline.name")} errors={fields.title.errors}>
              <input {...getInputProps(fields.title, { type: "text" })} />
            </Field>
            <Field id={fields.slug.id} label={t("guidelines.guideline.slug")} errors={fields.slug.errors} hint={t("guidelines.guideline.slugHint")}>
              <input {...getInputProps(fields.slug, { type: "text" })} autoCapitalize="none" />
            </Field>
            <Field id={fields.summary.id} label={t("guidelines.guideline.summary")} errors={fields.summary.errors}>
              <textarea {...getTextareaProps(fields.summary)} rows={3} />
            </Field>
            <Field id={fields.sourceLocale.id} label={t("guidelines.guideline.sourceLocale")} errors={fields.sourceLocale.errors}>
              <ChoiceSelect {...getSelectProps(fields.sourceLocale)} choices={enumChoices(GUIDELINE_LANGUAGES, t, "guidelines.languages")} />
            </Field>
            <button type="submit">{t("guidelines.guideline.create")}</button>
          </Form>
        </details>
      ) : null}
    </>
  );
}
