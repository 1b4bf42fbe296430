import { getFormProps, getInputProps, getTextareaProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoiceSelect, enumChoices, Field, FormErrors } from "~/components/forms";
import { publishTranslation, translationForm } from "~/models/guideline-version.server";
import { formFields } from "~/utils/forms";
import { translationFormSchema } from "~/utils/guidelines";
import { requirePermission } from "~/utils/permissions.server";
import { refusalReply, notFound } from "~/utils/refusal.server";
import { readForm } from "~/utils/request.server";
import { versionNumber } from "~/utils/validation";
import { pageTitle } from "~/utils/page-title";

// Editors translate a published source version into another language,
// section by section; publishing freezes the translation as a version of its own.

function choice(request: Request) {
  const url = new URL(request.url);
  const from = versionNumber.safeParse(url.searchParams.get("from"));
  return { language: url.searchParams.get("lang"), number: from.success ? from.data : null };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "titles.translate", data?.guideline.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "guidelines:publish");
  const { language, number } = choice(request);
  const form = await translationForm(params.slug ?? "", language, number);
  if (!form) throw notFound();
  return form;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "guidelines:publish");
  const { language, number } = choice(request);
  const target = await translationForm(params.slug ?? "", language, number);
  if (!target) throw notFound();
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: translationFormSchema(target.sections.map((s) => s.key)) });
  // The language and source version come from the address the form was shown at, so they match the sections posted;
  // and every field is text, sent once: anything else did not come from this page.
  const fromThisPage = target.language === language && target.source.number === number && Object.values(formFields(formData)).every((value) => typeof value === "string");
  if (!fromThisPage) return data({ result: submission.reply({ formErrors: ["errors.badRequestTitle"] }) }, { status: 400 });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { title, summary, changelog } = submission.value;
  const sections = target.sections.map((s) => ({ key: s.key, title: submission.value[`title:${s.key}`] ?? "", body: submission.value[`body:${s.key}`] ?? "" }));
  const outcome = await publishTranslation(user.id, target.source.id, { locale: target.language, title, summary, changelog, sections });
  if (!outcome.ok) return refusalReply(submission, outcome);
  return redirect(`/guidelines/${target.guideline.slug}/translate?${new URLSearchParams({ lang: target.language, from: String(target.source.number), done: String(outcome.number) })}`);
}

export default function TranslateGuideline() {
  const { t } = useTranslation();
  const form = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const language = t(`guidelines.languages.${form.language}`);
  const postTo = `/guidelines/${form.guideline.slug}/translate?${new URLSearchParams({ lang: form.language, from: String(form.source.number) })}`;
  return (
    <div className="translate-page">
      <p>
        <Link to={`/guidelines/${form.guideline.slug}/edit`}>← {form.guideline.title}</Link>
      </p>
      <h1>{t("guidelines.translate.title", { number: form.source.number })}</h1>
      {done ? (
        <p className="notice notice-ok" role="status">
          {t("guidelines.translate.done")}{" "}
          <Link to={`/guidelines/${form.guideline.slug}/versions`}>{t("guidelines.reader.history")}</Link>
        </p>
      ) : null}
      <p className="muted">{t("guidelines.translate.intro")}</p>

      {/* Choosing reloads the page with that language and version: a plain GET form, no JavaScript needed. */}
      <Form method="get" className="card filter-form translate-choice">
        <label>
          {t("guidelines.translate.language")}
          <ChoiceSelect name="lang" defaultValue={form.language} choices={enumChoices(form.languages, t, "guidelines.languages")} />
        </label>
        <label>
          {t("guidelines.translate.sourceVersion")}
          <ChoiceSelect
            name="from"
            defaultValue={form.source.number}
            choices={form.sourceNumbers.map((n) => ({ id: String(n), name: t("guidelines.translate.versionOption", { number: n }) }))}
          />
        </label>
        <button type="submit" className="secondary">
          {t("guidelines.translate.choose")}
        </button>
      </Form>

      <p className="notice notice-info" role="note">
        {form.previous
          ? t("guidelines.translate.startsFromPrevious", { language, number: form.previous.number, from: form.previous.translatedFrom ?? form.source.number })
          : t("guidelines.translate.startsFromSource", { language })}
      </p>

      <TranslationForm key={postTo} postTo={postTo} language={language} />
    </div>
  );
}

/** The translation itself: the version's texts, each section beside its original, and the changelog. */
function TranslationForm({ postTo, language }: { postTo: string; language: string }) {
  const { t } = useTranslation();
  const source = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "tr",
    lastResult: useActionData<typeof action>()?.result,
    defaultValue: {
      title: source.title,
      summary: source.summary,
      changelog: "",
      ...Object.fromEntries(source.sections.flatMap((s) => [[`title:${s.key}`, s.title] as const, [`body:${s.key}`, s.body] as const])),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: translationFormSchema(source.sections.map((s) => s.key)) }),
    shouldRevalidate: "onBlur",
  });
  const field = (name: string) => (fields as Record<string, FieldMetadata<string>>)[name];
  return (
    <Form method="post" action={postTo} className="stack" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="card stack">
        <Field id={fields.title.id} label={t("guidelines.translate.versionTitle")} errors={fields.title.errors}>
          <input {...getInputProps(fields.title, { type: "text" })} />
        </Field>
        <Original text={source.source.title} />
        <Field id={fields.summary.id} label={t("guidelines.guideline.summary")} errors={fields.summary.errors}>
          <textarea {...getTextareaProps(fields.summary)} rows={3} />
        </Field>
        <Original text={source.source.summary} />
      </div>
      {source.sections.map((section, index) => {
        const title = field(`title:${section.key}`);
        const body = field(`body:${section.key}`);
        return (
          <section key={section.key} className="card stack translate-section" data-section={section.key}>
            {section.changedSinceTranslation ? <p className="notice notice-warning">{t("guidelines.translate.sectionChanged")}</p> : null}
            <Field id={title.id} label={`${index + 1}. ${t("guidelines.editor.sectionTitle")}`} errors={title.errors}>
              <input {...getInputProps(title, { type: "text" })} />
            </Field>
            <Original text={section.original.title} />
            <Field id={body.id} label={t("guidelines.translate.sectionBody")} errors={body.errors}>
              <textarea {...getTextareaProps(body)} rows={10} />
            </Field>
            <Original text={section.original.body} />
          </section>
        );
      })}
      <div className="card stack">
        <Field id={fields.changelog.id} label={t("guidelines.editor.changelog")} errors={fields.changelog.errors}>
          <textarea {...getTextareaProps(fields.changelog)} rows={3} />
        </Field>
        <button type="submit" disabled={navigation.state === "submitting"}>
          {t("guidelines.translate.publishIn", { language })}
        </button>
      </div>
    </Form>
  );
}

function Original({ text }: { text?: string }) {
  const { t } = useTranslation();
  if (!text) return null;
  return (
    <details className="original">
      <summary>{t("guidelines.translate.original")}</summary>
      <pre>{text}</pre>
    </details>
  );
}
