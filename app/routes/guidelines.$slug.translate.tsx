import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { publishTranslation, translationForm } from "~/models/guideline-version.server";
import { translateMessage, formFields } from "~/utils/forms";
import { SectionSchema, TranslationSchema } from "~/utils/guidelines";
import { requirePermission } from "~/utils/permissions.server";
import { readForm } from "~/utils/request.server";

// Editors translate a published source version into another language,
// section by section; publishing freezes the translation as a version of its own.

function choice(request: Request) {
  const url = new URL(request.url);
  const from = Number(url.searchParams.get("from"));
  return { language: url.searchParams.get("lang"), number: Number.isInteger(from) && from > 0 ? from : null };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "guidelines:publish");
  const { language, number } = choice(request);
  const form = await translationForm(params.slug ?? "", language, number);
  if (!form) throw new Response("Not found", { status: 404 });
  return form;
}

type Values = { title: string; summary: string; changelog: string; sections: Record<string, { title: string; body: string }> };
type ActionResult = { message: string | null; errors: Record<string, string>; values: Values };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "guidelines:publish");
  const { language, number } = choice(request);
  const target = await translationForm(params.slug ?? "", language, number);
  if (!target) throw new Response("Not found", { status: 404 });
  // The language and source version come from the address the form was shown at, so they match the sections posted.
  if (target.language !== language || target.source.number !== number) {
    return data<ActionResult>({ message: "errors.badRequestTitle", errors: {}, values: emptyValues() }, { status: 400 });
  }
  const fields = formFields(await readForm(request));
  // Every field is text, sent once: anything else did not come from this page.
  if (Object.values(fields).some((value) => typeof value !== "string")) {
    return data<ActionResult>({ message: "errors.badRequestTitle", errors: {}, values: emptyValues() }, { status: 400 });
  }
  const text = (name: string) => String(fields[name] ?? "");
  const values: Values = {
    title: text("title"),
    summary: text("summary"),
    changelog: text("changelog"),
    sections: Object.fromEntries(target.sections.map((s) => [s.key, { title: text(`title:${s.key}`), body: text(`body:${s.key}`) }])),
  };
  const errors: Record<string, string> = {};
  const head = TranslationSchema.safeParse(values);
  if (!head.success) for (const issue of head.error.issues) errors[String(issue.path[0])] ??= issue.message;
  const sections = target.sections.map((s) => {
    const parsed = SectionSchema.safeParse(values.sections[s.key]);
    if (!parsed.success) for (const issue of parsed.error.issues) errors[`${issue.path[0] === "title" ? "title" : "body"}:${s.key}`] ??= issue.message;
    return { key: s.key, title: parsed.data?.title ?? "", body: parsed.data?.body ?? "" };
  });
  if (!head.success || Object.keys(errors).length) return data<ActionResult>({ message: null, errors, values }, { status: 400 });
  const outcome = await publishTranslation(user.id, target.source.id, { locale: target.language, ...head.data, sections });
  if (!outcome.ok) {
    const status = outcome.message.endsWith("changedMeanwhile") ? 409 : 400;
    if (outcome.field) return data<ActionResult>({ message: null, errors: { [outcome.field]: outcome.message }, values }, { status });
    return data<ActionResult>({ message: outcome.message, errors: {}, values }, { status });
  }
  return redirect(`/guidelines/${target.guideline.slug}/translate?${new URLSearchParams({ lang: target.language, from: String(target.source.number), done: String(outcome.number) })}`);
}

function emptyValues(): Values {
  return { title: "", summary: "", changelog: "", sections: {} };
}

export default function TranslateGuideline() {
  const { t } = useTranslation();
  const form = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const values = result?.values;
  const error = (name: string) => translateMessage(t, result?.errors[name]);
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
      {result?.message ? (
        <p className="notice notice-error" role="alert">
          {translateMessage(t, result.message)}
        </p>
      ) : null}
      <p className="muted">{t("guidelines.translate.intro")}</p>

      {/* Choosing reloads the page with that language and version: a plain GET form, no JavaScript needed. */}
      <Form method="get" className="card filter-form translate-choice">
        <label>
          {t("guidelines.translate.language")}
          <select name="lang" defaultValue={form.language}>
            {form.languages.map((l) => (
              <option key={l} value={l}>
                {t(`guidelines.languages.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("guidelines.translate.sourceVersion")}
          <select name="from" defaultValue={form.source.number}>
            {form.sourceNumbers.map((n) => (
              <option key={n} value={n}>
                {t("guidelines.translate.versionOption", { number: n })}
              </option>
            ))}
          </select>
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

      <Form method="post" action={postTo} className="stack" key={postTo}>
        <div className="card stack">
          <TextField id="tr-title" name="title" label={t("guidelines.translate.versionTitle")} defaultValue={values?.title ?? form.title} error={error("title")} original={form.source.title} />
          <TextArea id="tr-summary" name="summary" label={t("guidelines.guideline.summary")} rows={3} defaultValue={values?.summary ?? form.summary} error={error("summary")} original={form.source.summary} />
        </div>
        {form.sections.map((section, index) => (
          <section key={section.key} className="card stack translate-section" data-section={section.key}>
            {section.changedSinceTranslation ? <p className="notice notice-warning">{t("guidelines.translate.sectionChanged")}</p> : null}
            <TextField
              id={`tr-title-${section.key}`}
              name={`title:${section.key}`}
              label={`${index + 1}. ${t("guidelines.editor.sectionTitle")}`}
              defaultValue={values?.sections[section.key]?.title ?? section.title}
              error={error(`title:${section.key}`)}
              original={section.original.title}
            />
            <TextArea
              id={`tr-body-${section.key}`}
              name={`body:${section.key}`}
              label={t("guidelines.translate.sectionBody")}
              rows={10}
              defaultValue={values?.sections[section.key]?.body ?? section.body}
              error={error(`body:${section.key}`)}
              original={section.original.body}
            />
          </section>
        ))}
        <div className="card stack">
          <TextArea id="tr-changelog" name="changelog" label={t("guidelines.editor.changelog")} rows={3} defaultValue={values?.changelog ?? ""} error={error("changelog")} />
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("guidelines.translate.publishIn", { language })}
          </button>
        </div>
      </Form>
    </div>
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

type FieldProps = { id: string; name: string; label: string; defaultValue: string; error?: string; original?: string };

function TextField({ id, name, label, defaultValue, error, original }: FieldProps) {
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" name={name} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
      <Original text={original} />
    </div>
  );
}

function TextArea({ id, name, label, defaultValue, error, original, rows }: FieldProps & { rows: number }) {
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} name={name} rows={rows} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
      <Original text={original} />
    </div>
  );
}
